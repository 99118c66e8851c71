"""STAGE 4: fill untranslated entries with suggestions from translation memory and local MT.

Order per entry: an exact match among reviewed entries of all catalogs of the language pair
(obsolete ones included), then the best fuzzy memory match above ``Config.tm_threshold``, then
MT. Every suggestion is written ``#, fuzzy`` with one automatic comment naming its provenance
(``suggestion: tm 100% <doc-id>``, ``suggestion: tm 86% <doc-id>``, ``suggestion: mt <model>``)
and ``warning:`` comments for anything a reviewer must look at (a lost placeholder, a glossary
term, figures that differ from the source, as a fuzzy memory match of another year would have).
Reviewed entries and fuzzy entries holding someone's text are never touched; a catalog changed
on disk while we worked is re-read and merged before the atomic write.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import catalog_language, read_catalog, write_catalog
from ..config import Config
from ..errors import EngineError, EngineUnavailable, L10nError
from ..lang import parse_tag
from ..project import find_catalogs, rel
from .cache import CacheKey, SuggestionCache, open_cache, text_digest
from .memory import MemoryUnit, TranslationMemory
from .notes import check_suggestion, numbers_note, present_terms
from .protect import Span, restore
from .protect import protect as protect_text
from .punct import normalize_punctuation

__all__ = [
    "MemoryUnit",
    "SuggestReport",
    "TranslationMemory",
    "suggest_catalogs",
    "suggest_project",
]

Progress = Callable[[int, int], None]
N_BEST = 4
_OWN_NOTES = ("suggestion:", "warning:")


@dataclass(frozen=True, slots=True, kw_only=True)
class SuggestReport:
    """What ``suggest`` did.

    :param catalogs: catalogs looked at. :param changed: catalogs written (project-relative).
    :param counts: suggestions written by origin: ``tm-exact``, ``tm-fuzzy``, ``mt``; plus
        ``mt-cached`` (MT answers served from the cache) and ``refreshed``.
    :param flagged: suggestions written with a ``warning:`` comment.
    :param merged: catalogs that changed on disk during the run and were merged.
    :param warnings: problems to show (cache, unreadable memory catalogs, engine errors).
    :param mt_unavailable: one line saying why MT was off and how to enable it, or None.
    """

    catalogs: int = 0
    changed: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    flagged: int = 0
    merged: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    mt_unavailable: str | None = None

    @property
    def suggested(self) -> int:
        """Suggestions written, all origins."""
        return sum(self.counts.get(k, 0) for k in ("tm-exact", "tm-fuzzy", "mt"))


@dataclass(slots=True)
class _Catalog:
    path: Path
    shown: str
    po: Any
    raw: bytes
    source: str
    target: str
    doc_id: str
    wanted: dict[tuple[str | None, str], Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class _MTOff:
    """Why MT did not run for one language pair.

    ``kind`` is ``libraries`` (the extra is missing), ``model`` (a hub model not on this
    machine), ``config`` (no model configured) or ``other`` (the reason says the fix).
    """

    pair: tuple[str, str]
    reason: str
    model: str = ""
    kind: str = "other"
    hint: str = ""
    offline: bool = False


@dataclass(frozen=True, slots=True)
class _Made:
    text: str
    provenance: str
    origin: str
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- public API


def suggest_project(
    config: Config,
    catalogs: Sequence[str | Path] = (),
    *,
    engine: str | Any | None = None,
    model: str | None = None,
    no_mt: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
) -> SuggestReport:
    """Suggest for the project's catalogs (or the named ones) with the project's glossary; for ``l10n run``."""
    return suggest_catalogs(
        config, catalogs, engine=engine, model=model, no_mt=no_mt, refresh=refresh, progress=progress
    )


def suggest_catalogs(
    config: Config,
    catalogs: Sequence[str | Path] = (),
    *,
    engine: str | Any | None = None,
    model: str | None = None,
    no_mt: bool = False,
    refresh: bool = False,
    glossary: Any = None,
    progress: Progress | None = None,
    before_write: Callable[[Path], None] | None = None,
    engine_options: dict[str, Any] | None = None,
) -> SuggestReport:
    """Fill untranslated entries of catalogs with fuzzy suggestions (memory first, then MT).

    :param catalogs: PO files or folders; all catalogs of the project when empty.
    :param engine: an engine id (``transformers``, ``ctranslate2``) or an engine object;
        ``Config.engine`` when None.
    :param model: hub id or local folder, for every language pair (``Config.model_for`` when None).
    :param no_mt: memory only.
    :param refresh: also replace earlier machine suggestions that nobody edited.
    :param glossary: a loaded glossary; the project's glossary folder when None, none when False.
    :param progress: called as ``progress(done, total)`` while MT runs.
    :param before_write: called with each catalog path just before it is re-checked and written
        (lets tests play a translator saving the file meanwhile).
    :param engine_options: extra engine settings (``threads``, ``beam_size``, ``batch_size``...).
    :raises CatalogError: a named catalog cannot be read.
    :raises ConfigError: ``model`` looks like a folder path and there is no such folder, or the
        folder is visibly broken (no tokenizer files, no weights...), or the engine id is
        unknown; nothing is written then.
    :raises EngineUnavailable: ``model`` is a local folder the engine cannot load (a folder that
        was not converted for ctranslate2, a corrupt model file). Other MT problems never
        raise: a model from ``[tool.l10n.mt.models]`` that cannot be used, missing libraries,
        a hub model not on this machine, a model declaring another language pair (with
        ``model``, that pair is skipped) are returned in ``mt_unavailable`` or ``warnings``.
    """
    from .mt.base import check_model_argument

    check_model_argument(model)
    if not no_mt and (engine is None or isinstance(engine, str)):
        from .mt import engine_class

        engine_class(engine or config.engine)  # an unknown engine id stops here, before any file is written
    warnings: list[str] = [] if no_mt else list(config.model_warnings)
    counts: Counter[str] = Counter()
    if glossary is None:
        glossary = _project_glossary(config)
    elif glossary is False:
        glossary = None
    targets = [_load(config, path, lang, warnings) for path, lang in find_catalogs(config, catalogs)]
    targets = [t for t in targets if t is not None]
    cache_path = config.state_dir / "cache.sqlite"
    # Only --refresh reads the cache to pick entries, and only when it exists; otherwise it is
    # opened once there is something to translate or write, so a run with nothing to do
    # creates no .l10n/cache.sqlite.
    cache = open_cache(cache_path) if refresh and targets and cache_path.exists() else SuggestionCache(None)
    for cat in targets:
        cat.wanted = _wanted_entries(cat, cache, refresh)
    try:
        memories = _memories(config, targets, warnings) if any(cat.wanted for cat in targets) else {}
        made: dict[tuple[str, str], dict[str, _Made]] = {}
        # Ordered sets (dicts) of source texts for MT, per language pair; none with --no-mt.
        mt_needed: dict[tuple[str, str], dict[str, None]] = {}
        looked_up: dict[tuple[str, str], set[str]] = {}
        for cat in targets:
            pair = (cat.source, cat.target)
            memory = memories.get(pair, TranslationMemory())
            done = made.setdefault(pair, {})
            missed = looked_up.setdefault(pair, set())
            for _, msgid in cat.wanted:
                if msgid in done or msgid in missed:
                    continue
                hit = memory.lookup(msgid, config.tm_threshold)
                if hit is not None:
                    kind = "exact" if hit.score >= 100 else "fuzzy"
                    text = normalize_punctuation(hit.text, cat.target) if kind == "fuzzy" else hit.text
                    notes = check_suggestion(msgid, text, cat.source, cat.target, glossary)
                    done[msgid] = _Made(
                        text=text,
                        provenance=f"tm {int(hit.score)}% {hit.engine}",
                        origin=f"tm-{kind}",
                        warnings=notes,
                    )
                else:
                    missed.add(msgid)
                    if not no_mt:
                        mt_needed.setdefault(pair, {})[msgid] = None
        if (
            model is not None
            and (engine is None or isinstance(engine, str))
            and any(_wrong_pair(model, pair) is None for pair in mt_needed)
        ):
            # A --model folder that cannot be loaded stops here, before the cache is created;
            # the loaded engine then serves every language pair.
            engine = _preflight(config, engine, model, engine_options or {})
        if not cache.enabled and not cache.warnings and (mt_needed or any(made.values())):
            cache = open_cache(cache_path)
        unavailable: list[_MTOff] = []
        if not no_mt:
            total = sum(len(v) for v in mt_needed.values())
            state = {"done": 0, "total": total}
            for pair, sources in mt_needed.items():
                results, problem = _machine_translate(
                    config, pair, list(sources), engine=engine, model=model, glossary=glossary, cache=cache,
                    options=engine_options or {}, progress=progress, state=state, counts=counts,
                )
                made[pair].update(results)
                if problem is not None:
                    unavailable.append(problem)
        changed: list[str] = []
        merged: list[str] = []
        flagged = 0
        for cat in targets:
            suggestions = made.get((cat.source, cat.target), {})
            if not any(msgid in suggestions for _, msgid in cat.wanted):
                continue
            written, was_merged = _write(cat, suggestions, cache, refresh, before_write, counts)
            flagged += sum(1 for _, s in written if s.warnings)
            if written:
                changed.append(cat.shown)
            if was_merged:
                merged.append(cat.shown)
        warnings.extend(cache.warnings)
    finally:
        cache.close()
    return SuggestReport(
        catalogs=len(targets),
        changed=tuple(changed),
        counts=dict(counts),
        flagged=flagged,
        merged=tuple(merged),
        warnings=tuple(warnings),
        mt_unavailable=_unavailable_message(unavailable, counts["tm-exact"] + counts["tm-fuzzy"]) if unavailable else None,
    )


# --------------------------------------------------------------------------- loading


def _project_glossary(config: Config) -> Any:
    from ..glossary import load_project_glossary

    return load_project_glossary(config.glossary_dir, languages=config.languages)


def _languages(config: Config, po: Any, lang: str | None) -> tuple[str | None, str | None]:
    target = lang or catalog_language(po)
    source = po.metadata.get("X-Source-Language", "").strip() or None
    if source:
        try:
            source = parse_tag(source)
        except ValueError:
            source = None
    if source is None and target is not None:
        others = [x for x in config.languages if x != target]
        source = others[0] if len(others) == 1 else None
    return source, target


def _load(config: Config, path: Path, lang: str | None, warnings: list[str]) -> _Catalog | None:
    shown = rel(config, path)
    raw = path.read_bytes() if path.is_file() else b""
    po = read_catalog(path, display_path=shown)
    source, target = _languages(config, po, lang)
    if source is None or target is None or source == target:
        warnings.append(f"{shown}: cannot tell the language pair (set the Language and X-Source-Language headers); skipped")
        return None
    doc_id = po.metadata.get("X-Document-Id", "").strip() or path.stem
    return _Catalog(path=path, shown=shown, po=po, raw=raw, source=source, target=target, doc_id=doc_id)


def _memories(config: Config, targets: list[_Catalog], warnings: list[str]) -> dict[tuple[str, str], TranslationMemory]:
    out: dict[tuple[str, str], TranslationMemory] = {}
    seen: set[Path] = set()
    for cat in targets:
        seen.add(cat.path)
        out.setdefault((cat.source, cat.target), TranslationMemory()).add_entries(cat.po, cat.doc_id)
    for path, lang in find_catalogs(config):
        if path in seen:
            continue
        try:
            po = read_catalog(path, display_path=rel(config, path))
        except L10nError as exc:
            warnings.append(f"{exc}; left out of the translation memory")
            continue
        source, target = _languages(config, po, lang)
        if source and target:
            doc_id = po.metadata.get("X-Document-Id", "").strip() or path.stem
            out.setdefault((source, target), TranslationMemory()).add_entries(po, doc_id)
    return out


def _is_own_suggestion(entry: Any) -> bool:
    return any(line.startswith("suggestion:") for line in (entry.comment or "").splitlines())


def _eligible(entry: Any, shown: str, cache: SuggestionCache, refresh: bool) -> bool:
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    if not entry.msgstr:
        return True
    # --refresh: only our own suggestion, still byte-for-byte what we wrote.
    return (
        refresh
        and "fuzzy" in entry.flags
        and _is_own_suggestion(entry)
        and cache.written_digest(shown, entry.msgctxt, entry.msgid) == text_digest(entry.msgstr)
    )


def _wanted_entries(cat: _Catalog, cache: SuggestionCache, refresh: bool) -> dict[tuple[str | None, str], Any]:
    return {(e.msgctxt, e.msgid): e for e in cat.po if _eligible(e, cat.shown, cache, refresh)}


# --------------------------------------------------------------------------- MT


def _display_model(config: Config, model: str) -> str:
    path = Path(model).expanduser()
    if path.is_absolute():
        try:
            return path.resolve().relative_to(config.root).as_posix()
        except ValueError:
            return path.name
    return model


def _make_engine(config: Config, engine: str | Any | None, model: str, options: dict[str, Any]) -> Any:
    if engine is not None and not isinstance(engine, str):
        return engine
    from .mt import get_engine

    table = config.raw.get("mt", {}) if isinstance(config.raw.get("mt", {}), dict) else {}
    settings: dict[str, Any] = {}
    for key in ("threads", "beam-size", "batch-size", "device", "download"):
        if key in table:
            settings[key.replace("-", "_")] = table[key]
    settings.update(options)
    return get_engine(engine or config.engine, model, **settings)


def _plan(source: str, src: str, tgt: str, glossary: Any) -> tuple[list[Span], list[Any]]:
    """Term spans to mask (do-not-translate, or one fixed target form) and concepts to prefer."""
    spans: list[Span] = []
    prefer: list[Any] = []
    if glossary is None:
        return spans, prefer
    for m in glossary.find_terms(source, src):
        concept = m.concept
        if concept.do_not_translate:
            spans.append(Span(start=m.start, end=m.end, text=m.text, kind="term", replacement=m.text))
            continue
        accepted = glossary.accepted(concept, tgt)
        if len(accepted) == 1:
            spans.append(Span(start=m.start, end=m.end, text=m.text, kind="term", replacement=accepted[0]))
        elif accepted:
            prefer.append(concept)
    return spans, prefer


def _choose(source: str, protected: Any, hyps: list[str], src: str, tgt: str, glossary: Any, prefer: list[Any]) -> tuple[str, tuple[str, ...]]:
    """Restore every hypothesis and pick the best: tokens intact, then glossary terms, then model rank."""
    best: tuple[tuple, str, tuple[str, ...]] | None = None
    masked = {s.text for s in protected.spans if s.kind == "term"}
    for rank, hyp in enumerate(hyps):
        restored = restore(protected, hyp)
        text = normalize_punctuation(restored.text, tgt)
        term_score = 0
        if prefer and glossary is not None:
            present = present_terms(text, tgt, glossary)
            for concept in prefer:
                forms = present.get(concept.id, set())
                preferred = (glossary.preferred(concept, tgt) or "").casefold()
                term_score += 2 if preferred in forms else (1 if forms else 0)
        notes = [f"placeholder: {w}" for w in restored.warnings]
        if restored.repaired:
            notes.append(f"placeholder: {restored.repaired} garbled token(s) repaired, check them")
        key = (not restored.warnings, term_score, -rank)
        if best is None or key > best[0]:
            best = (key, text, tuple(notes))
    if best is None:
        return "", ("MT returned no hypothesis",)
    _, text, notes = best
    extra = check_suggestion(source, text, src, tgt, glossary, skip=())
    extra = tuple(n for n in extra if not any(t in n for t in masked) and not (n.startswith("missing placeholder") and notes))
    return text, notes + extra


def _machine_translate(
    config: Config,
    pair: tuple[str, str],
    sources: list[str],
    *,
    engine: str | Any | None,
    model: str | None,
    glossary: Any,
    cache: SuggestionCache,
    options: dict[str, Any],
    progress: Progress | None,
    state: dict[str, int],
    counts: Counter[str],
) -> tuple[dict[str, _Made], _MTOff | None]:
    from .mt.base import model_folder_problem

    src, tgt = pair
    model_id = model or (getattr(engine, "model", None) if engine is not None and not isinstance(engine, str) else None)
    model_id = model_id or config.model_for(src, tgt)
    if not model_id:
        return {}, _MTOff(pair=pair, reason="no model is configured", kind="config")
    shown = _display_model(config, model_id)
    wrong = _wrong_pair(model_id, pair)
    if wrong is not None:
        if model is not None:
            reason = f"--model {shown} translates {wrong}, so {src}->{tgt} was skipped"
        else:
            reason = f'model {shown} translates {wrong}, not {src}->{tgt}; fix [tool.l10n.mt.models] "{src}:{tgt}"'
        return {}, _MTOff(pair=pair, reason=reason, model=model_id)
    try:
        eng = _make_engine(config, engine, model_id, options)
        check_installed = getattr(eng, "check_installed", None)
        if check_installed is not None:
            # The libraries first: without them, whether the model is here does not matter yet.
            check_installed()
        folder = Path(model_id).expanduser()
        problem = model_folder_problem(folder, shown) if folder.is_dir() else None
        if problem:
            raise EngineUnavailable(problem)
        key = CacheKey(
            engine=getattr(eng, "id", type(eng).__name__),
            model=model_id,
            revision=eng.revision(),
            source_lang=src,
            target_lang=tgt,
            glossary_version=getattr(glossary, "version", "") if glossary is not None else "",
        )
    except EngineUnavailable as exc:
        _raise_for_option(exc, model)
        return {}, _off(pair, exc, model_id)
    provenance = f"mt {shown}"
    out: dict[str, _Made] = {}
    keys = {s: key.key(s) for s in sources}
    hits = cache.get_many(keys.values())
    todo = []
    for s in sources:
        value = hits.get(keys[s])
        if value is not None and isinstance(value.get("text"), str):
            notes = tuple(value.get("warnings", ()))
            figures = numbers_note(s, value["text"], src, tgt)
            if figures and figures not in notes:  # cached before suggestions were checked for figures
                notes += (figures,)
            out[s] = _Made(text=value["text"], provenance=provenance, origin="mt", warnings=notes)
            counts["mt-cached"] += 1
        else:
            todo.append(s)
    state["done"] += len(sources) - len(todo)
    if progress is not None:
        progress(state["done"], state["total"])
    plans = {s: _plan(s, src, tgt, glossary) for s in todo}
    protected = {s: protect_text(s, plans[s][0]) for s in todo}
    groups = {1: [s for s in todo if not plans[s][1]], N_BEST: [s for s in todo if plans[s][1]]}
    chunk = max(1, int(getattr(eng, "batch_size", 16)) * 4)
    try:
        for n_best, group in groups.items():
            for start in range(0, len(group), chunk):
                part = group[start : start + chunk]
                hyps = eng.translate_batch([protected[s].text for s in part], src, tgt, n_best=n_best)
                fresh = {}
                for s, hs in zip(part, hyps, strict=True):
                    if not hs:
                        continue
                    text, notes = _choose(s, protected[s], list(hs), src, tgt, glossary, plans[s][1])
                    out[s] = _Made(text=text, provenance=provenance, origin="mt", warnings=notes)
                    fresh[keys[s]] = {"text": text, "warnings": list(notes)}
                cache.put_many(fresh)
                state["done"] += len(part)
                if progress is not None:
                    progress(state["done"], state["total"])
    except EngineUnavailable as exc:
        _raise_for_option(exc, model)
        return out, _off(pair, exc, model_id)
    except EngineError as exc:
        return out, _MTOff(pair=pair, reason=f"MT failed: {exc.message}", model=model_id)
    return out, None


def _wrong_pair(model: str, pair: tuple[str, str]) -> str | None:
    """``zh->en`` when the model declares a language pair other than ``pair``, else None."""
    from ..lang import language_family
    from .mt.base import declared_languages

    path = Path(model).expanduser()
    declared = declared_languages(model, path if path.is_dir() else None)
    wanted = tuple(language_family(tag) for tag in pair)
    if all(d is None or d == w for d, w in zip(declared, wanted, strict=True)):
        return None
    a, b = declared
    if a and b:
        return f"{a}->{b}"
    return f"from {a}" if a else f"into {b}"


def _preflight(config: Config, engine: str | None, model: str, options: dict[str, Any]) -> Any:
    """The engine for a ``--model`` folder, loaded; the engine id unchanged for anything else."""
    if not Path(model).expanduser().is_dir():
        return engine
    try:
        eng = _make_engine(config, engine, model, options)
        eng.check_installed()
        eng.revision()
        eng.load()
    except EngineUnavailable as exc:
        _raise_for_option(exc, model)
        return engine
    return eng


def _raise_for_option(exc: EngineUnavailable, model: str | None) -> None:
    """A local folder given with ``--model`` that cannot be loaded stops the command (exit 2).

    The same folder from ``[tool.l10n.mt.models]``, missing libraries or a hub model that is
    not downloaded only turn MT off.
    """
    from .mt.base import MissingLibraries, MissingModel

    if model is None or isinstance(exc, (MissingLibraries, MissingModel)) or not Path(model).expanduser().is_dir():
        return
    raise EngineUnavailable(f"{exc.message}; --model needs a model folder this engine can load") from exc


def _off(pair: tuple[str, str], exc: EngineUnavailable, model: str) -> _MTOff:
    from .mt.base import MissingLibraries, MissingModel

    if isinstance(exc, MissingLibraries):
        return _MTOff(pair=pair, reason=exc.reason, model=model, kind="libraries", hint=exc.hint)
    if isinstance(exc, MissingModel):
        return _MTOff(pair=pair, reason=exc.message, model=exc.model or model, kind="model", offline=exc.offline)
    return _MTOff(pair=pair, reason=exc.message.rstrip("."), model=model)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _unavailable_message(problems: list[_MTOff], memory_written: int) -> str:
    """One line: why MT is off (every pair, every missing model), and the shortest way to turn it on."""
    pairs = ", ".join(dict.fromkeys(f"{s}->{t}" for s, t in (p.pair for p in problems)))
    several = len({p.pair for p in problems}) > 1
    why: list[str] = []
    hints: list[str] = []
    libraries = [p for p in problems if p.kind == "libraries"]
    if libraries:
        why.extend(dict.fromkeys(p.reason for p in libraries))
        hints.extend(dict.fromkeys(p.hint for p in libraries))
    models = [p for p in problems if p.kind == "model"]
    if models:
        names = list(dict.fromkeys(f"{p.model} ({p.pair[0]}->{p.pair[1]})" if several else p.model for p in models))
        offline = " and the hub is offline (HF_HUB_OFFLINE)" if any(p.offline for p in models) else ""
        noun = "models" if len(names) > 1 else "model"
        why.append(f"{noun} not on this machine{offline}: {', '.join(names)}")
        them = "them" if len(names) > 1 else "it"
        unset = "unset HF_HUB_OFFLINE and " if offline else ""
        hints.append(f"{unset}run `l10n suggest --download` once to fetch {them}")
    for p in problems:
        if p.kind in ("libraries", "model"):
            continue
        why.append(f"{p.pair[0]}->{p.pair[1]}: {p.reason}" if several else p.reason)
    if len(libraries) < len(problems):
        s, t = next(p.pair for p in problems if p.kind != "libraries")
        hints.append(f'point --model or [tool.l10n.mt.models] "{s}:{t}" = "PATH" at a local model folder')
    written = _plural(memory_written, "memory suggestion")
    return f"MT is off for {pairs} ({'; '.join(why)}); {written} written. To enable MT: {', or '.join(hints)}"


# --------------------------------------------------------------------------- writing


def _apply(entry: Any, made: _Made) -> None:
    entry.msgstr = made.text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    kept = [line for line in (entry.comment or "").splitlines() if not line.startswith(_OWN_NOTES)]
    kept.append(f"suggestion: {made.provenance}")
    kept.extend(f"warning: {w}" for w in made.warnings)
    entry.comment = "\n".join(kept)


def _write(
    cat: _Catalog,
    suggestions: dict[str, _Made],
    cache: SuggestionCache,
    refresh: bool,
    before_write: Callable[[Path], None] | None,
    counts: Counter[str],
) -> tuple[list[tuple[Any, _Made]], bool]:
    po = cat.po
    if before_write is not None:
        before_write(cat.path)
    merged = False
    try:
        now = cat.path.read_bytes()
    except OSError:
        now = b""
    if hashlib.sha256(now).digest() != hashlib.sha256(cat.raw).digest():
        # Someone saved the catalog meanwhile: re-read it and fill only what is still eligible.
        po = read_catalog(cat.path, display_path=cat.shown)
        merged = True
    written: list[tuple[Any, _Made]] = []
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if key not in cat.wanted or entry.msgid not in suggestions:
            continue
        if merged and not _eligible(entry, cat.shown, cache, refresh):
            continue
        made = suggestions[entry.msgid]
        if entry.msgstr == made.text and _is_own_suggestion(entry):
            continue
        was_refresh = bool(entry.msgstr)
        _apply(entry, made)
        written.append((entry, made))
        counts[made.origin] += 1
        if was_refresh:
            counts["refreshed"] += 1
    if written:
        write_catalog(po, cat.path)
        cache.record_written(cat.shown, [(e.msgctxt, e.msgid, m.text) for e, m in written])
    return written, merged

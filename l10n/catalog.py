"""STAGE 3: segments <-> gettext catalogs. The only module that imports polib.

Paired verbs: :func:`read_catalog` / :func:`write_catalog`, with :func:`render_catalog`
doing no I/O. :func:`update_catalog` implements msgmerge semantics ourselves (polib's
``merge`` matches exact msgids only): unchanged segments keep translation and state, a
changed segment gets the closest old translation as ``fuzzy`` with ``#|`` previous msgid,
a removed translated segment becomes obsolete (``#~``), and nothing a translator wrote
is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polib

from .errors import CatalogError
from .fsutil import atomic_write_bytes
from .lang import gettext_code, parse_tag
from .model import Entry, Segment

__all__ = [
    "CatalogStats",
    "catalog_language",
    "catalog_stats",
    "entry_views",
    "make_template",
    "new_catalog",
    "read_catalog",
    "render_catalog",
    "same_content",
    "scan_entries",
    "translations",
    "update_catalog",
    "write_catalog",
    "write_mo",
]

# Automatic comments that belong to the translation (written by `suggest`), not to the
# template: they follow the msgstr through an update, unlike the template's own comments.
_TRANSLATION_NOTES = ("suggestion:", "warning:")
_GLOSSARY_NOTE = "glossary:"
_LINE_RE = re.compile(r"\(line (\d+)\)")
# Han ideographs (and kana) count one word each; any other run of letters or digits is one
# word, so "2023年" is two words, not one ("[^\W_]+" alone would swallow the CJK after digits).
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WORD_RE = re.compile(rf"[{_CJK_CHARS}]|[^\W_{_CJK_CHARS}]+(?:['’.-][^\W_{_CJK_CHARS}]+)*")
_PLACEHOLDER_RE = re.compile(r"</?\d+/?>")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


# --------------------------------------------------------------------------- reading


def read_catalog(path: str | Path, *, display_path: str | None = None) -> polib.POFile:
    """Parse a PO/POT file (always from a path: polib splits text on U+2028 otherwise).

    The file's own ``charset`` is honoured (Big5, GBK...); entries keep their line numbers.

    :raises CatalogError: the file is missing, undecodable or not valid PO (with the line).
    """
    path = Path(path)
    shown = display_path or str(path)
    if not path.is_file():
        raise CatalogError("no such catalog file; run `l10n extract` first", path=shown)
    text = _check_syntax(path, shown)
    try:
        po = polib.pofile(str(path), wrapwidth=79, check_for_duplicates=False)
    except UnicodeDecodeError as exc:
        line = _line_of_offset(path, exc.start)
        raise CatalogError(
            f"cannot decode as the charset declared in the header ({exc.encoding}); "
            "fix the Content-Type charset or convert with `msgconv -t UTF-8`",
            path=shown,
            line=line,
        ) from exc
    except (OSError, ValueError, LookupError) as exc:
        text = str(exc)
        match = _LINE_RE.search(text)
        line = int(match.group(1)) if match else None
        what = text.split(" (line")[0]
        what = re.sub(r"^Syntax error in po file\s*", "syntax error", what)
        what = re.sub(r"\s*\(line \d+\)", "", what)
        if str(path) in what:
            what = what.replace(str(path), "").strip(" :")
        raise CatalogError(
            f"{what or 'not a valid PO file'}; fix the entry or restore the file from version control",
            path=shown,
            line=line,
        ) from exc
    _check_duplicates(po, text, shown)
    return po


def _check_syntax(path: Path, shown: str) -> str | None:
    """Hold the file to GNU's PO grammar, which polib does not (it loses text silently).

    :returns: the file's text, or None when it cannot be decoded (polib then says why).
    :raises CatalogError: the first syntax error, with its line.
    """
    from .catalog_scan import find_syntax_error, read_text

    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError, LookupError):
        return None
    problem = find_syntax_error(text)
    if problem is not None:
        line, message = problem
        raise CatalogError(message, path=shown, line=line)
    return text


def _check_duplicates(po: polib.POFile, text: str | None, shown: str) -> None:
    """Refuse two active entries with the same (msgctxt, msgid): polib would keep the
    last one and lose the other's translation without a word.

    :raises CatalogError: at the msgid of the second entry.
    """
    seen: dict[tuple[str | None, str], int] = {}
    for e in po:
        if e.obsolete:
            continue
        key = (e.msgctxt, e.msgid)
        first = seen.setdefault(key, e.linenum or 0)
        if first != (e.linenum or 0):
            lines = text.split("\n") if text is not None else []
            raise CatalogError(
                f"duplicate entry: same msgctxt and msgid as the entry at line {_keyword_line(lines, first)}; "
                "keep one of the two and merge their translations",
                path=shown,
                line=_keyword_line(lines, e.linenum or 0),
            )


def _keyword_line(lines: list[str], start: int) -> int:
    """The line of the msgctxt or msgid of the entry that starts (comments included) at ``start``."""
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].lstrip().startswith(("msgctxt", "msgid")):
            return number
    return start


def _line_of_offset(path: Path, offset: int) -> int:
    try:
        return path.read_bytes()[:offset].count(b"\n") + 1
    except OSError:
        return 1


def catalog_language(po: polib.POFile) -> str | None:
    """The BCP 47 tag of the catalog's ``Language`` header, or None."""
    value = po.metadata.get("Language", "").strip()
    if not value:
        return None
    try:
        return parse_tag(value)
    except ValueError:
        return None


def entry_views(po: polib.POFile, path: str = "") -> list[Entry]:
    """Read-only :class:`~l10n.model.Entry` views of every entry (obsolete last), header excluded."""
    out = []
    for e in po:
        if e.msgid == "" and not e.msgctxt and not e.obsolete:
            continue
        out.append(
            Entry(
                msgid=e.msgid,
                msgstr=e.msgstr if not e.msgstr_plural else e.msgstr_plural.get(0, ""),
                msgstr_plural=dict(e.msgstr_plural),
                msgid_plural=e.msgid_plural,
                msgctxt=e.msgctxt,
                fuzzy="fuzzy" in e.flags,
                obsolete=bool(e.obsolete),
                line=e.linenum or 0,
                translator_comment=e.tcomment or "",
                auto_comment=e.comment or "",
                occurrences=tuple((str(p), str(n)) for p, n in e.occurrences),
                previous_msgid=e.previous_msgid,
                flags=tuple(e.flags),
            )
        )
    return out


def scan_entries(path: str | Path, display_path: str | None = None) -> tuple[dict[str, str], list[Entry]]:
    """The header fields and :class:`~l10n.model.Entry` views of a PO file, read fast.

    The same values as ``entry_views(read_catalog(path))`` (obsolete entries included)
    without building polib objects: :mod:`l10n.catalog_scan`
    reads well-formed files, polib anything unusual.

    :raises CatalogError: the file is missing, undecodable or not valid PO (with the line).
    """
    from .catalog_scan import scan_catalog

    found = scan_catalog(path)
    if found is not None:
        return found
    po = read_catalog(path, display_path=display_path)
    return dict(po.metadata), entry_views(po, display_path or str(path))


def translations(po: polib.POFile, *, include_fuzzy: bool = False) -> dict[tuple[str | None, str], str]:
    """``{(msgctxt, msgid): msgstr}`` of the reviewed (and optionally fuzzy) entries."""
    out = {}
    for e in po:
        if e.obsolete or not e.msgid or not e.msgstr:
            continue
        if "fuzzy" in e.flags and not include_fuzzy:
            continue
        out[(e.msgctxt, e.msgid)] = e.msgstr
    return out


# --------------------------------------------------------------------------- statistics


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogStats:
    """Entry and word counts of one catalog by state (``total`` = active entries).

    Words are counted on the source: CJK characters count one each, Latin words one each.
    """

    total: int = 0
    reviewed: int = 0
    suggested: int = 0
    untranslated: int = 0
    obsolete: int = 0
    total_words: int = 0
    reviewed_words: int = 0
    suggested_words: int = 0
    untranslated_words: int = 0
    obsolete_words: int = 0

    def __add__(self, other: CatalogStats) -> CatalogStats:
        return CatalogStats(**{k: getattr(self, k) + getattr(other, k) for k in self.__dataclass_fields__})

    @property
    def reviewed_percent(self) -> float:
        """Share of active entries that are reviewed (100 for an empty catalog)."""
        return 100.0 if self.total == 0 else 100.0 * self.reviewed / self.total


def count_words(text: str) -> int:
    """Words in a segment: each CJK character counts one, placeholders none.

    >>> count_words("The <1>Thousand-Talent Program</1> began in 2008.")
    6
    >>> count_words("千人计划")
    4
    >>> count_words("2023年研究所成立。")
    7
    """
    return len(_WORD_RE.findall(_PLACEHOLDER_RE.sub(" ", text)))


def catalog_stats(po: polib.POFile) -> CatalogStats:
    """Counts of reviewed / suggested / untranslated / obsolete entries and their words."""
    counts = dict.fromkeys(CatalogStats.__dataclass_fields__, 0)
    for view in entry_views(po):
        state = view.state
        words = count_words(view.msgid)
        counts[state] += 1
        counts[f"{state}_words"] += words
        if state != "obsolete":
            counts["total"] += 1
            counts["total_words"] += words
    return CatalogStats(**counts)


# --------------------------------------------------------------------------- writing


def render_catalog(po: polib.POFile) -> str:
    """The catalog as PO text, wrapped exactly as GNU ``msgcat`` wraps it (no I/O)."""
    try:
        from .pofmt import render_po
    except ImportError:  # pragma: no cover - pofmt is part of the package
        return po.__unicode__()
    return render_po(po)


def catalog_bytes(po: polib.POFile, *, path: str | Path | None = None) -> bytes:
    """The catalog file's bytes: :func:`render_catalog`, encoded in the header's charset.

    :param path: the file the bytes are for, as the user sees it (named in errors).
    :raises CatalogError: the charset is unknown, or cannot hold a character of the text
        (a new source sentence with ``€`` in a GB2312 catalog).
    """
    text = render_catalog(po)
    charset = _charset(po)
    convert = f"`msgconv -t UTF-8 -o {path} {path}`" if path is not None else "`msgconv -t UTF-8`"
    try:
        return text.encode(charset)
    except LookupError as exc:
        raise CatalogError(
            f"unknown charset {charset!r} in the Content-Type header; set charset=UTF-8", path=path
        ) from exc
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in dict.fromkeys(bad))
        raise CatalogError(
            f"the catalog's charset {charset} cannot hold {chars} of the new text; "
            f"convert the catalog to UTF-8 with {convert}, then run the command again",
            path=path,
        ) from exc


def write_catalog(po: polib.POFile, path: str | Path) -> bool:
    """Write the catalog atomically; nothing happens when the content is unchanged.

    :returns: whether the file changed.
    :raises CatalogError: the catalog's charset cannot hold its text (see :func:`catalog_bytes`).
    """
    return atomic_write_bytes(path, catalog_bytes(po, path=path))


def _charset(po: polib.POFile) -> str:
    ctype = po.metadata.get("Content-Type", "")
    match = re.search(r"charset=([\w.-]+)", ctype)
    charset = match.group(1) if match else "utf-8"
    return "utf-8" if charset.upper() in {"CHARSET", "UTF-8"} else charset


def mo_bytes(po: polib.POFile) -> bytes:
    """The catalog compiled as ``msgfmt`` compiles it: reviewed entries only (fuzzy left out)."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(suffix=".mo")
    os.close(fd)
    # msgfmt leaves POT-Creation-Date out of the MO header; so do we.
    saved = po.metadata
    po.metadata = {k: v for k, v in saved.items() if k != "POT-Creation-Date"}
    try:
        po.save_as_mofile(tmp)
        return Path(tmp).read_bytes()
    finally:
        po.metadata = saved
        os.unlink(tmp)


def write_mo(po: polib.POFile, path: str | Path) -> bool:
    """Compile reviewed entries to an MO file (see :func:`mo_bytes`).

    :returns: whether the file changed.
    """
    return atomic_write_bytes(path, mo_bytes(po))


# --------------------------------------------------------------------------- building


def _header(
    *,
    project_id: str,
    language: str | None,
    source_language: str,
    now: str,
    doc_id: str,
) -> dict[str, str]:
    meta = {
        "Project-Id-Version": project_id,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now if language else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "Automatically generated" if language else "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "none" if language else "LANGUAGE <LL@li.org>",
    }
    if language:
        meta["Language"] = gettext_code(language)
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    if language:
        from babel.messages.plurals import get_plural  # lazy: `l10n check` never needs it

        try:
            plural = get_plural(gettext_code(language))
            meta["Plural-Forms"] = f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
        except (ValueError, LookupError):
            meta["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    # X- fields in alphabetical order, as polib (and so our MO files) order them.
    meta["X-Document-Id"] = doc_id
    meta["X-Generator"] = "l10n"
    meta["X-Source-Language"] = parse_tag(source_language)
    return meta


def make_template(
    segments: Iterable[Segment],
    *,
    doc_id: str,
    source_path: str,
    source_language: str,
    project_id: str = "l10n",
    now: str | None = None,
    notes: Mapping[str, Mapping[str, str]] | None = None,
) -> polib.POFile:
    """Build the POT of one document: one entry per distinct (msgctxt, msgid).

    The same sentence twice in a document is one entry with two ``#:`` occurrences;
    the automatic comment names the block kinds it comes from, then what each empty
    placeholder of the msgid stands for (``notes``: block id -> placeholder -> note, see
    :class:`~l10n.model.Document`), as ``<2/> = image "…"``.
    """
    pot = polib.POFile(wrapwidth=79, check_for_duplicates=False)
    pot.header = f"Translation template for {doc_id}.\nGenerated by l10n from {source_path}."
    pot.metadata = _header(
        project_id=project_id, language=None, source_language=source_language, now=now or _now(), doc_id=doc_id
    )
    by_key: dict[tuple[str | None, str], polib.POEntry] = {}
    for seg in segments:
        key = (seg.context, seg.source)
        entry = by_key.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=seg.source, msgstr="", msgctxt=seg.context, occurrences=[], comment="")
            by_key[key] = entry
            pot.append(entry)
        occ = (source_path, str(seg.line))
        if occ not in entry.occurrences:
            entry.occurrences.append(occ)
        kinds = entry.comment.splitlines()
        if seg.kind not in kinds:
            kinds.append(seg.kind)
            entry.comment = "\n".join(kinds)
        block_notes = notes.get(seg.block_id) if notes else None
        if block_notes and "/>" in seg.source:
            for token in _EMPTY_PLACEHOLDER.findall(seg.source):
                note = block_notes.get(token)
                if note and f"{token} = {note}" not in kinds:
                    kinds.append(f"{token} = {note}")
                    entry.comment = "\n".join(kinds)
    return pot


_EMPTY_PLACEHOLDER = re.compile(r"<\d+/>")


def new_catalog(pot: polib.POFile, language: str) -> polib.POFile:
    """An empty catalog for ``language`` with the template's entries and a Babel header."""
    return update_catalog(None, pot, language=language)


def _template_header(pot: polib.POFile) -> str:
    return pot.header.replace("Translation template", "Translations")


def update_catalog(
    old: polib.POFile | None,
    pot: polib.POFile,
    *,
    language: str,
    fuzzy_threshold: float = 70.0,
    hints: dict[str, list[str]] | None = None,
) -> polib.POFile:
    """Merge a catalog with a new template, the way ``msgmerge`` does.

    :param old: the existing catalog, or None for a new one.
    :param pot: the new template.
    :param language: BCP 47 tag of the catalog.
    :param fuzzy_threshold: minimum similarity (0-100) for carrying a translation of a
        changed segment over as fuzzy.
    :param hints: ``{msgid: ["Thousand-Talent Program = 千人计划", ...]}`` glossary hints,
        written as ``#. glossary:`` comments (replacing older ones).
    :returns: a new POFile; ``old`` is not modified.
    """

    hints = hints or {}
    po = polib.POFile(wrapwidth=79, check_for_duplicates=False)
    source_language = pot.metadata.get("X-Source-Language", "")
    if old is not None:
        po.header = old.header
        po.metadata = dict(old.metadata)
        po.metadata_is_fuzzy = old.metadata_is_fuzzy
        # Keep the file's own dates and translator; refresh what the template decides.
        for key in ("Project-Id-Version", "POT-Creation-Date", "X-Source-Language", "X-Document-Id"):
            if key in pot.metadata:
                po.metadata[key] = pot.metadata[key]
        po.metadata.setdefault("Language", gettext_code(language))
        if "Plural-Forms" not in po.metadata:
            po.metadata["Plural-Forms"] = _header(
                project_id="", language=language, source_language=source_language or "en", now="", doc_id=""
            )["Plural-Forms"]
    else:
        po.header = _template_header(pot)
        po.metadata = _header(
            project_id=pot.metadata.get("Project-Id-Version", "l10n"),
            language=language,
            source_language=source_language or "en",
            now=pot.metadata.get("POT-Creation-Date", _now()),
            doc_id=pot.metadata.get("X-Document-Id", ""),
        )

    old_active: dict[tuple[str | None, str], polib.POEntry] = {}
    old_obsolete: dict[tuple[str | None, str], polib.POEntry] = {}
    if old is not None:
        for e in old:
            if e.msgid == "" and not e.msgctxt:
                continue
            (old_obsolete if e.obsolete else old_active)[(e.msgctxt, e.msgid)] = e

    new_keys = {(e.msgctxt, e.msgid) for e in pot if e.msgid}
    used: set[tuple[str | None, str]] = set()
    # Candidates for fuzzy matching: translated old entries whose msgid left the template.
    candidates = [
        e
        for key, e in [*old_active.items(), *old_obsolete.items()]
        if key not in new_keys and (e.msgstr or any(e.msgstr_plural.values()))
    ]
    cand_ids = [e.msgid for e in candidates]

    for t in pot:
        if not t.msgid:
            continue
        key = (t.msgctxt, t.msgid)
        entry = polib.POEntry(
            msgid=t.msgid,
            msgctxt=t.msgctxt,
            msgid_plural=t.msgid_plural,
            occurrences=list(t.occurrences),
            flags=[f for f in t.flags if f != "fuzzy"],
            msgstr="",
        )
        if t.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(range(_nplurals(po)), "")
        template_notes = [c for c in (t.comment or "").splitlines() if not c.startswith(_GLOSSARY_NOTE)]
        translation_notes: list[str] = []
        prev = old_active.get(key) or old_obsolete.get(key)
        if prev is not None:
            used.add(key)
            _copy_translation(prev, entry)
            entry.tcomment = prev.tcomment
            if "fuzzy" in prev.flags:
                entry.flags.insert(0, "fuzzy")
                entry.previous_msgid = prev.previous_msgid
                entry.previous_msgctxt = prev.previous_msgctxt
                entry.previous_msgid_plural = prev.previous_msgid_plural
            translation_notes = [c for c in (prev.comment or "").splitlines() if c.startswith(_TRANSLATION_NOTES)]
        elif cand_ids and fuzzy_threshold <= 100:
            from rapidfuzz import fuzz, process  # lazy: only changed sentences need it

            best = process.extractOne(
                t.msgid, cand_ids, scorer=fuzz.ratio, score_cutoff=fuzzy_threshold, processor=None
            )
            if best is not None:
                match = candidates[best[2]]
                _copy_translation(match, entry)
                entry.flags.insert(0, "fuzzy")
                if "fuzzy" in match.flags and match.previous_msgid is not None:
                    # As msgmerge --previous: the source the translation was last reviewed
                    # against, not the unreviewed source in between.
                    entry.previous_msgid = match.previous_msgid
                    entry.previous_msgctxt = match.previous_msgctxt
                    entry.previous_msgid_plural = match.previous_msgid_plural
                else:
                    entry.previous_msgid = match.msgid
                    entry.previous_msgctxt = match.msgctxt
                    entry.previous_msgid_plural = match.msgid_plural or None
                entry.tcomment = match.tcomment
        glossary_notes = [f"{_GLOSSARY_NOTE} {h}" for h in hints.get(t.msgid, [])]
        entry.comment = "\n".join([*template_notes, *glossary_notes, *translation_notes])
        po.append(entry)

    # Removed segments: translated ones become obsolete memory; untranslated ones vanish.
    for key, e in old_active.items():
        if key in new_keys:
            continue
        if not (e.msgstr or any(e.msgstr_plural.values())) and not e.tcomment:
            continue
        po.append(_obsolete_copy(e))
    for key, e in old_obsolete.items():
        if key in used or key in new_keys:
            continue
        po.append(_obsolete_copy(e))
    return po


def _nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def _copy_translation(src: polib.POEntry, dst: polib.POEntry) -> None:
    if dst.msgid_plural:
        if src.msgstr_plural:
            dst.msgstr_plural = dict(src.msgstr_plural)
        elif src.msgstr:
            dst.msgstr_plural = {0: src.msgstr}
    else:
        dst.msgstr = src.msgstr or (src.msgstr_plural.get(0, "") if src.msgstr_plural else "")


def _obsolete_copy(e: polib.POEntry) -> polib.POEntry:
    out = polib.POEntry(
        msgid=e.msgid,
        msgstr=e.msgstr,
        msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural,
        obsolete=True,
        tcomment=e.tcomment,
        flags=list(e.flags),
        comment="\n".join(c for c in (e.comment or "").splitlines() if c.startswith(_TRANSLATION_NOTES)),
    )
    if e.msgstr_plural:
        out.msgstr_plural = dict(e.msgstr_plural)
    # No previous msgid (#~|) on obsolete entries: polib does not read those lines back,
    # so writing them would change the file again on the next run.
    return out


def same_content(a: polib.POFile, b: polib.POFile, *, ignore: Iterable[str] = ("POT-Creation-Date",)) -> bool:
    """Whether two catalogs render the same apart from the given header fields."""
    ignore = set(ignore)

    def strip(po):
        saved = {k: po.metadata[k] for k in ignore if k in po.metadata}
        for k in saved:
            po.metadata[k] = ""  # blank in place: keeps the header order
        try:
            return render_catalog(po)
        finally:
            po.metadata.update(saved)

    return strip(a) == strip(b)

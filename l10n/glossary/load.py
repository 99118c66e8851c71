"""Reading glossaries: TBX (ISO 30042, v2 ``martif`` and v3 ``tbx``) and CSV, then validation.

XML is parsed by lxml with entity expansion, DTD loading and network access switched
off; a file that declares or uses entities (billion laughs, XXE) is rejected.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import GlossaryError
from ..lang import parse_tag
from .base import (
    ADMITTED,
    DO_NOT_TRANSLATE,
    FORBIDDEN,
    NORMAL,
    PREFERRED,
    Concept,
    Glossary,
    Term,
    serves,
)
from .match import fold

__all__ = [
    "GLOSSARY_SUFFIXES",
    "glossary_files",
    "glossary_from_rows",
    "load_glossary",
    "normalise_languages",
    "read_csv",
    "read_glossary_file",
    "read_tbx",
    "validate_concepts",
]

GLOSSARY_SUFFIXES = (".tbx", ".csv", ".tsv")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_META_COLUMNS = {
    "id": "id",
    "status": "status",
    "note": "note",
    "case_sensitive": "case_sensitive",
    "case-sensitive": "case_sensitive",
    "part_of_speech": "part_of_speech",
    "part-of-speech": "part_of_speech",
}
#: Header names people give language columns, and the tag they stand for.
_LANG_ALIASES = {
    "english": "en",
    "英文": "en",
    "英语": "en",
    "chinese": "zh-Hans",
    "simplified chinese": "zh-Hans",
    "chinese (simplified)": "zh-Hans",
    "chinese simplified": "zh-Hans",
    "中文": "zh-Hans",
    "简体中文": "zh-Hans",
    "汉语": "zh-Hans",
    "traditional chinese": "zh-Hant",
    "chinese (traditional)": "zh-Hant",
    "chinese traditional": "zh-Hant",
    "繁体中文": "zh-Hant",
    "繁體中文": "zh-Hant",
}
#: Free-text columns read as the concept's note when the file has no ``note`` column.
_NOTE_ALIASES = {"notes", "comment", "comments", "description", "definition", "remark", "remarks",
                 "explanation", "usage", "备注", "说明", "注释"}
#: What a column name must look like to be taken for a (possibly misspelt) language tag.
_TAG_LIKE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")
#: A column that can be ignored: words (``source``, ``Comment 2``), not a misspelt tag (``zh-Hnas``).
_FREE_TEXT_COLUMN = re.compile(r"^[^\W_]+( [^\W_]+)*$")
_DNT = {"do-not-translate", "do_not_translate", "dnt", "untranslatable", "read-only"}
_TRUE = {"1", "true", "yes", "y", "x"}
_FALSE = {"", "0", "false", "no", "n"}
_STATUS_WORDS = {
    "preferred": PREFERRED,
    "preferredterm-admn-sts": PREFERRED,
    "standardizedterm-admn-sts": PREFERRED,
    "legalterm-admn-sts": PREFERRED,
    "regulatedterm-admn-sts": PREFERRED,
    "admitted": ADMITTED,
    "admittedterm-admn-sts": ADMITTED,
    "deprecated": FORBIDDEN,
    "forbidden": FORBIDDEN,
    "notrecommended": FORBIDDEN,
    "deprecatedterm-admn-sts": FORBIDDEN,
    "supersededterm-admn-sts": FORBIDDEN,
}
_VARIANT_STATUS = {"admitted": ADMITTED, "forbidden": FORBIDDEN}


# --------------------------------------------------------------------------- entry points


def glossary_files(paths: Iterable[str | Path] | str | Path) -> list[Path]:
    """The glossary files named: files as given, folders expanded to their ``*.tbx``/``*.csv``.

    A missing folder gives nothing; a missing file is an error.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in GLOSSARY_SUFFIXES))
        elif path.is_file():
            out.append(path)
        elif path.suffix.lower() in GLOSSARY_SUFFIXES:
            raise GlossaryError("no such glossary file", path=path)
    return out


def load_glossary(
    paths: Iterable[str | Path] | str | Path, *, languages: Iterable[str] | None = None
) -> Glossary:
    """Load and validate every glossary file under ``paths`` (files or folders) as one glossary.

    Language tags are normalised with :func:`normalise_languages` against ``languages``
    (the project's), or against the tags the glossary itself uses when not given.

    :raises GlossaryError: unreadable or malformed files, empty terms, unknown languages,
        duplicate or conflicting concepts (naming the file and line).
    """
    concepts: list[Concept] = []
    for path in glossary_files(paths):
        concepts.extend(read_glossary_file(path))
    return Glossary(validate_concepts(normalise_languages(concepts, languages)))


def load_project_glossary(folder: str | Path, *, languages: Iterable[str] | None = None) -> Glossary | None:
    """The glossary of a project's ``glossary/`` folder, or None when it has no concepts.

    What extract, suggest, check and report use: no folder and an empty folder both mean
    "no glossary", so glossary hints and checks are simply skipped. ``languages`` are the
    project's languages (see :func:`load_glossary`).

    :raises GlossaryError: as :func:`load_glossary`.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return None
    glossary = load_glossary(folder, languages=languages)
    return glossary if len(glossary) else None


def _language_map(tags: Iterable[str], wanted: Iterable[str]) -> dict[str, str]:
    """Each tag that stands for exactly one other wanted tag, mapped to it."""
    wanted = list(dict.fromkeys(wanted))
    out = {}
    for tag in tags:
        if tag in wanted:
            continue
        fits = [w for w in wanted if serves(tag, w)]
        if len(fits) == 1:
            out[tag] = fits[0]
    return out


def normalise_languages(concepts: Iterable[Concept], languages: Iterable[str] | None = None) -> list[Concept]:
    """Concepts with their language tags mapped onto ``languages`` where that is unambiguous.

    ``zh`` (and ``ZH``, ``zh_CN``...) becomes ``zh-Hans`` when that is the only Chinese
    variant wanted, ``en-US`` and ``en-GB`` become ``en``; ``zh-Hant`` never becomes
    ``zh-Hans``. Without ``languages``, only regional tags join a tag without a region
    that the concepts use (``en-US`` joins ``en``). Terms that end up in one language
    are merged, so two preferred terms in one language are an error.

    >>> c = Concept(id="x", terms={"en-US": (Term(text="lab", lang="en-US"),),
    ...                            "zh": (Term(text="实验室", lang="zh"),)})
    >>> list(normalise_languages([c], ["en", "zh-Hans"])[0].terms)
    ['en', 'zh-Hans']

    :raises GlossaryError: merged terms that clash (naming the concept's file and line).
    """
    concepts = list(concepts)
    tags = {lang for c in concepts for lang in c.terms}
    if languages is None:
        # Regional forms join the tag without a region ("en-US" into "en"); a bare tag
        # stays, since without the project's languages "zh" may be meant for either script.
        canon = {t for t in tags if all(len(p) == 4 for p in t.split("-")[1:])}
        mapping = _language_map(sorted(tags), sorted(canon))
    else:
        mapping = _language_map(sorted(tags), [parse_tag(t) for t in languages])
    if not mapping:
        return concepts
    out = []
    for concept in concepts:
        if not any(lang in mapping for lang in concept.terms):
            out.append(concept)
            continue
        terms = [(mapping.get(lang, lang), t.text, t.status) for lang, ts in concept.terms.items() for t in ts]
        path, line = concept.origin if concept.origin else ("<glossary>", 0)
        rebuilt = _build_concept(
            concept_id=concept.id,
            terms=terms,
            status=concept.status,
            note=concept.note,
            case_sensitive=concept.case_sensitive,
            part_of_speech=concept.part_of_speech,
            path=path,
            line=line,
        )
        out.append(replace(rebuilt, origin=concept.origin))
    return out


def read_glossary_file(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    notices: list[str] | None = None,
) -> list[Concept]:
    """The concepts of one file, chosen by suffix (ids may still be empty; see :func:`validate_concepts`).

    ``notices`` collects what was read with a guess or left out (see :func:`read_csv`, :func:`read_tbx`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".tbx", ".xml"}:
        return read_tbx(path, notices=notices)
    if suffix in {".csv", ".tsv"}:
        return read_csv(path, source_lang=source_lang, target_lang=target_lang, notices=notices)
    raise GlossaryError(f"unknown glossary format {suffix or '(no suffix)'!r}: use .tbx or .csv", path=path)


def glossary_from_rows(rows: Iterable[Mapping[str, Any]]) -> Glossary:
    """A glossary from CSV-style dicts (``{"en": ..., "zh-Hans": ..., "en:admitted": "a|b"}``).

    Values may also be lists for the variant columns. Used by check examples and tests.
    """
    concepts = []
    for number, row in enumerate(rows, start=1):
        cells = {}
        for key, value in row.items():
            if isinstance(value, (list, tuple)):
                value = "|".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            cells[str(key)] = "" if value is None else str(value)
        columns = _parse_header(list(cells), "<rows>")
        concept = _row_concept(columns, list(cells.values()), "<rows>", number)
        if concept is not None:
            concepts.append(concept)
    return Glossary(validate_concepts(concepts))


# --------------------------------------------------------------------------- concepts


def _lang(raw: str, path: str | Path, line: int | None) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        tag = parse_tag(raw)
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        raise GlossaryError(
            f"unknown language {raw!r}: use a BCP 47 tag such as en or zh-Hans", path=path, line=line
        ) from None
    return tag


def _build_concept(
    *,
    concept_id: str,
    terms: list[tuple[str, str, str | None]],
    status: str,
    note: str,
    case_sensitive: bool,
    part_of_speech: str,
    path: str | Path,
    line: int,
) -> Concept:
    """Group ``(lang, text, status or None)`` by language and order them preferred, admitted, forbidden."""
    by_lang: dict[str, list[tuple[str, str | None]]] = {}
    for lang, text, term_status in terms:
        by_lang.setdefault(lang, []).append((text, term_status))
    grouped: dict[str, tuple[Term, ...]] = {}
    for lang, items in by_lang.items():
        explicit = [t for t, s in items if s == PREFERRED]
        if len(explicit) > 1:
            raise GlossaryError(
                f"two preferred {lang} terms in one concept ({explicit[0]!r}, {explicit[1]!r}): "
                "mark all but one admitted",
                path=path,
                line=line,
            )
        have_preferred = bool(explicit)
        resolved: list[Term] = []
        seen: set[str] = set()
        for text, term_status in items:
            if term_status is None:
                term_status = ADMITTED if have_preferred else PREFERRED
                have_preferred = True
            if text in seen:
                raise GlossaryError(f"the {lang} term {text!r} is listed twice in one concept", path=path, line=line)
            seen.add(text)
            resolved.append(Term(text=text, lang=lang, status=term_status))
        order = {PREFERRED: 0, ADMITTED: 1, FORBIDDEN: 2}
        grouped[lang] = tuple(sorted(resolved, key=lambda t: order[t.status]))
    if not grouped:
        raise GlossaryError("concept has no terms: give at least one non-empty term", path=path, line=line)
    return Concept(
        id=concept_id,
        terms=grouped,
        status=status,
        note=note,
        case_sensitive=case_sensitive,
        part_of_speech=part_of_speech,
        origin=(str(path), line),
    )


def _where(concept: Concept) -> str:
    if concept.origin is None:
        return "another concept"
    return f"the concept at {concept.origin[0]}:{concept.origin[1]}"


def _raise_at(concept: Concept, message: str) -> None:
    path, line = concept.origin if concept.origin else (None, None)
    raise GlossaryError(message, path=path, line=line)


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")
    return slug[:60] or "concept"


def validate_concepts(concepts: Iterable[Concept]) -> list[Concept]:
    """Check concepts read from one or more files and give every concept an id.

    :raises GlossaryError: a repeated id, a repeated concept (same terms), a form that is
        accepted in one concept and forbidden in another, or one form standing for two
        concepts that no note or part of speech tells apart.
    """
    concepts = list(concepts)
    ids: dict[str, Concept] = {}
    for concept in concepts:
        if not concept.id:
            continue
        other = ids.get(concept.id)
        if other is not None:
            _raise_at(concept, f"duplicate concept id {concept.id!r}: already used by {_where(other)}")
        ids[concept.id] = concept

    content: dict[tuple, Concept] = {}
    accepted: dict[tuple[str, str], list[Concept]] = {}
    forbidden: dict[tuple[str, str], Concept] = {}
    for concept in concepts:
        key = (
            concept.status,
            tuple(sorted((lang, t.text, t.status) for lang, ts in concept.terms.items() for t in ts)),
        )
        other = content.get(key)
        if other is not None:
            first = next(concept.all_terms()).text
            _raise_at(concept, f"duplicate concept {first!r}: same terms as {_where(other)}; remove one")
        content[key] = concept
        for term in concept.all_terms():
            form = (term.lang, term.text if concept.matches_case else fold(term.text))
            if term.status == FORBIDDEN:
                forbidden.setdefault(form, concept)
            else:
                holders = accepted.setdefault(form, [])
                if all(h is not concept for h in holders):
                    holders.append(concept)
    for form, holders in accepted.items():
        bad = forbidden.get(form)
        if bad is not None:
            owner = holders[0]
            _raise_at(
                bad,
                f"conflicting concepts: the {form[0]} term {_text_of(bad, form)!r} is forbidden here "
                f"but accepted in {_where(owner)}",
            )
        if len(holders) > 1:
            if len({(c.note, c.part_of_speech) for c in holders}) < len(holders):
                first, second = holders[0], holders[1]
                _raise_at(
                    second,
                    f"conflicting concepts: the {form[0]} term {_text_of(second, form)!r} also stands for "
                    f"{_where(first)}; merge them, or give each a note that tells the senses apart",
                )

    out = []
    used = set(ids)
    for concept in concepts:
        if concept.id:
            out.append(concept)
            continue
        base = _slug(next(concept.all_terms()).text)
        new_id, n = base, 1
        while new_id in used:
            n += 1
            new_id = f"{base}-{n}"
        used.add(new_id)
        out.append(replace(concept, id=new_id))
    return out


def _text_of(concept: Concept, form: tuple[str, str]) -> str:
    for term in concept.terms.get(form[0], ()):
        if term.text == form[1] or fold(term.text) == form[1]:
            return term.text
    return form[1]


# --------------------------------------------------------------------------- TBX


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _text(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>]+)")


def _refuse_entities(data: bytes, path: Path) -> None:
    """Reject entity declarations before the parser sees them (billion laughs, XXE)."""
    text = data
    if data[:2] in {b"\xff\xfe", b"\xfe\xff"} or (len(data) > 1 and 0 in data[:4]):
        try:
            text = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            text = data
    match = _ENTITY_DECL.search(text)
    if match:
        line = text[: match.start()].count(b"\n") + 1
        name = match.group(2).decode("utf-8", "replace")
        raise GlossaryError(
            f"the DTD declares the entity {name!r}: entities are not allowed in a glossary "
            "(they can expand without limit or read other files)",
            path=path,
            line=line,
        )


def read_tbx(path: str | Path, *, notices: list[str] | None = None) -> list[Concept]:
    """Concepts of a TBX file (``termEntry``/``langSet``/``tig`` or ``conceptEntry``/``langSec``/``termSec``).

    Empty ``<term/>`` elements (Weblate's untranslated targets) are skipped. With
    ``notices``, one line is added that lists the data categories the concepts do not
    keep (contexts, term types, a second note...), for a caller that rewrites the file.

    :raises GlossaryError: malformed XML, entities, a root that is not TBX, unknown languages.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read the file: {exc.strerror}", path=path) from exc
    _refuse_entities(data, path)
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        message = (exc.msg or "syntax error").split(", line ")[0]
        message = message[0].lower() + message[1:] if message else message
        raise GlossaryError(f"malformed XML: {message}", path=path, line=exc.lineno or None) from exc
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None:
        for entity in dtd.iterentities():
            raise GlossaryError(
                f"the DTD declares the entity {entity.name!r}: entities are not allowed in a glossary "
                "(they can expand without limit or read other files)",
                path=path,
                line=1,
            )
    for node in root.iter(etree.Entity):
        raise GlossaryError(
            f"entity reference {node.text} is not allowed in a glossary (it is never expanded)",
            path=path,
            line=node.sourceline,
        )
    if _local(root) not in {"martif", "tbx"}:
        raise GlossaryError(
            f"not a TBX file: the root element is <{_local(root)}>, expected <martif> or <tbx>",
            path=path,
            line=root.sourceline,
        )
    concepts = []
    unkept: Counter[str] = Counter()
    for entry in root.iter():
        if _local(entry) in {"termEntry", "conceptEntry"}:
            concepts.append(_tbx_concept(entry, path))
            if notices is not None:
                unkept.update(_tbx_unkept(entry))
    if unkept:
        listed = ", ".join(f"{label} ({n})" for label, n in sorted(unkept.items()))
        notices.append(f"{path}: not kept: {listed}")
    return concepts


_TBX_STRUCTURE = {"termEntry", "conceptEntry", "langSet", "langSec", "tig", "ntig", "termSec", "termGrp",
                  "term", "descripGrp", "adminGrp", "transacGrp"}
_TBX_TERM_STATUS = {"administrativeStatus", "normativeAuthorization"}


def _tbx_unkept(entry) -> Counter[str]:
    """What a concept entry holds that :func:`_tbx_concept` cannot keep in a :class:`Concept`."""
    out: Counter[str] = Counter()
    term_levels = {"tig", "ntig", "termSec"}
    firsts: dict[str, object] = {}
    for el in entry.iter():
        if any(_local(a) in term_levels for a in el.iterancestors()):
            continue
        name, kind = _local(el), (el.get("type") or "").strip()
        key = "note" if name == "note" else kind if name == "descrip" else ""
        if key in {"definition", "note", "subjectField"}:
            firsts.setdefault(key, el)
    kept_note = next((firsts[k] for k in ("definition", "note", "subjectField") if k in firsts), None)
    parts_of_speech: list[str] = []
    terms = 0
    for el in entry.iter():
        name = _local(el)
        if not name or el is kept_note:
            continue
        kind = (el.get("type") or "").strip()
        if name == "term":
            terms += 1
        if name in _TBX_STRUCTURE or (name == "admin" and kind in {"doNotTranslate", "caseSensitive"}):
            continue
        if (name == "termNote" and kind == "partOfSpeech") or name == "partOfSpeech":
            parts_of_speech.append(_text(el))
            continue
        if (name == "termNote" and kind in _TBX_TERM_STATUS) or name in _TBX_TERM_STATUS:
            continue
        level = next((_local(a) for a in el.iterancestors() if _local(a) in term_levels | {"langSet", "langSec"}), "")
        where = " in a term" if level in term_levels else " in a langSec" if level else ""
        label = f'<{name} type="{kind}">' if kind else f"<{name}>"
        out[label + where] += 1
    if len(set(parts_of_speech)) > 1 or (parts_of_speech and len(parts_of_speech) != terms):
        out["a part of speech per term (one per concept is kept)"] += 1
    return out


def _tbx_concept(entry, path: Path) -> Concept:
    line = entry.sourceline or 0
    definition = note = subject = part_of_speech = ""
    status = NORMAL
    case_sensitive = False
    terms: list[tuple[str, str, str | None]] = []
    for el in entry.iter():
        name = _local(el)
        kind = (el.get("type") or "").strip()
        inside_term = any(_local(a) in {"tig", "ntig", "termSec"} for a in el.iterancestors())
        if name == "descrip" and not inside_term:
            if kind == "definition" and not definition:
                definition = _text(el)
            elif kind == "subjectField" and not subject:
                subject = _text(el)
        elif name == "note" and not inside_term and not note:
            note = _text(el)
        elif name == "admin" and kind == "doNotTranslate" and _text(el).lower() in _TRUE:
            status = DO_NOT_TRANSLATE
        elif name == "admin" and kind == "caseSensitive" and _text(el).lower() in _TRUE:
            case_sensitive = True
        elif (name == "termNote" and kind == "partOfSpeech") or name == "partOfSpeech":
            part_of_speech = part_of_speech or _text(el)
        elif name in {"langSet", "langSec"}:
            raw_lang = el.get(_XML_LANG) or el.get("lang")
            if not raw_lang:
                raise GlossaryError(f"<{name}> without xml:lang", path=path, line=el.sourceline)
            lang = _lang(raw_lang, path, el.sourceline)
            holders = [t for t in el if _local(t) in {"tig", "ntig", "termSec"}]
            if not holders and any(_local(t) == "term" for t in el):
                holders = [el]
            for holder in holders:
                term_text, term_status = _tbx_term(holder, path)
                if term_text:
                    terms.append((lang, term_text, term_status))
    if not terms:
        raise GlossaryError(
            "concept has no terms (every <term> is empty): fill in a term or remove the entry",
            path=path,
            line=line,
        )
    return _build_concept(
        concept_id=(entry.get("id") or "").strip(),
        terms=terms,
        status=status,
        note=definition or note or subject,
        case_sensitive=case_sensitive,
        part_of_speech=part_of_speech,
        path=path,
        line=line,
    )


def _tbx_term(holder, path: Path) -> tuple[str, str | None]:
    text = ""
    status: str | None = None
    for el in holder.iter():
        name = _local(el)
        kind = el.get("type") or ""
        if name == "term" and not text:
            text = _text(el)
        elif (name == "termNote" and kind in {"administrativeStatus", "normativeAuthorization"}) or name in {
            "administrativeStatus",
            "normativeAuthorization",
        }:
            value = _text(el).lower()
            if value not in _STATUS_WORDS:
                raise GlossaryError(
                    f"unknown term status {_text(el)!r}: use preferredTerm-admn-sts, "
                    "admittedTerm-admn-sts or deprecatedTerm-admn-sts",
                    path=path,
                    line=el.sourceline,
                )
            status = _STATUS_WORDS[value]
    return text, status


# --------------------------------------------------------------------------- CSV


def _parse_header(
    header: list[str], path: str | Path, notices: list[str] | None = None
) -> list[tuple[str, str | None]]:
    """Column meanings: ``("lang:<tag>", status)`` for term columns, ``(meta name, None)`` otherwise.

    ``English``/``Chinese``/``中文``... name languages; a free-text column (``comment``,
    ``description``...) is the note when there is no ``note`` column; any other column that
    is not a language tag is ignored, with a line added to ``notices``.
    """
    names = [raw.strip().lstrip("\ufeff") for raw in header]
    has_note = any(n.lower() == "note" for n in names)
    columns: list[tuple[str, str | None]] = []
    seen: set[tuple[str, str | None]] = set()
    for name in names:
        low = name.lower()
        tag, _, variant = name.partition(":")
        alias = _LANG_ALIASES.get(tag.strip().lower())
        if alias is None and tag.strip().lower()[:5] in {"term_", "term-"}:
            rest = tag.strip()[5:]
            alias = rest if _TAG_LIKE.match(rest) else None
        if low in _META_COLUMNS:
            col: tuple[str, str | None] = (_META_COLUMNS[low], None)
        elif low in _NOTE_ALIASES and not has_note:
            col = ("note", None)
            has_note = True
        elif not name:
            raise GlossaryError("empty column name in the header", path=path, line=1)
        elif variant and variant.strip().lower() not in _VARIANT_STATUS:
            raise GlossaryError(
                f"unknown column {name!r}: variant columns are <lang>:admitted and <lang>:forbidden",
                path=path,
                line=1,
            )
        elif alias is None and _FREE_TEXT_COLUMN.match(name) and not _TAG_LIKE.match(name):
            if notices is not None:
                notices.append(f"{path}:1: column {name!r} is not a language or a known field: ignored")
            columns.append(("ignored", None))
            continue
        else:
            try:
                lang = _lang(alias or tag, path, 1)
            except GlossaryError:
                raise GlossaryError(
                    f"unknown language or column {name!r} in the header: use a language tag "
                    "(en, zh-Hans), <tag>:admitted, <tag>:forbidden, id, status, note, "
                    "case_sensitive or part_of_speech",
                    path=path,
                    line=1,
                ) from None
            col = ("lang:" + lang, _VARIANT_STATUS.get(variant.strip().lower(), PREFERRED) if variant else PREFERRED)
        if col in seen:
            raise GlossaryError(f"column {name!r} appears twice in the header", path=path, line=1)
        seen.add(col)
        columns.append(col)
    if not any(kind.startswith("lang:") for kind, _ in columns):
        raise GlossaryError("the header has no language column (such as en or zh-Hans)", path=path, line=1)
    return columns


def _row_concept(
    columns: list[tuple[str, str | None]], row: list[str], path: str | Path, line: int
) -> Concept | None:
    if not any(cell.strip() for cell in row):
        return None
    if len(row) > len(columns):
        raise GlossaryError(
            f"the row has {len(row)} fields but the header has {len(columns)}: quote cells that hold "
            "the separator",
            path=path,
            line=line,
        )
    row = row + [""] * (len(columns) - len(row))
    meta: dict[str, str] = {}
    terms: list[tuple[str, str, str | None]] = []
    for (kind, status), cell in zip(columns, row, strict=True):
        if status is None:
            meta[kind] = cell.strip()
            continue
        lang = kind[5:]
        cell = cell.strip()
        if not cell:
            continue
        if status == PREFERRED:
            terms.append((lang, cell, PREFERRED))
            continue
        for part in cell.split("|"):
            part = part.strip()
            if not part:
                raise GlossaryError(
                    f"empty term in the {lang}:{status} column {cell!r}: remove the extra '|'",
                    path=path,
                    line=line,
                )
            terms.append((lang, part, status))
    raw_status = meta.get("status", "").lower()
    if raw_status in {"", NORMAL}:
        status_value = NORMAL
    elif raw_status in _DNT:
        status_value = DO_NOT_TRANSLATE
    elif raw_status in _STATUS_WORDS:
        raise GlossaryError(
            f"status {meta['status']!r} is for terms, but the status column holds the concept's status "
            "(normal or do-not-translate): put a forbidden or deprecated term in a <lang>:forbidden column "
            "(such as zh-Hans:forbidden) and an accepted variant in <lang>:admitted",
            path=path,
            line=line,
        )
    else:
        raise GlossaryError(
            f"unknown concept status {meta['status']!r}: use normal or do-not-translate (forbidden terms "
            "go in a <lang>:forbidden column)",
            path=path,
            line=line,
        )
    raw_case = meta.get("case_sensitive", "").lower()
    if raw_case not in _TRUE | _FALSE:
        raise GlossaryError(
            f"case_sensitive must be true or false, not {meta['case_sensitive']!r}", path=path, line=line
        )
    if not terms:
        raise GlossaryError("the row has no terms: fill in at least one language column", path=path, line=line)
    return _build_concept(
        concept_id=meta.get("id", ""),
        terms=terms,
        status=status_value,
        note=meta.get("note", ""),
        case_sensitive=raw_case in _TRUE,
        part_of_speech=meta.get("part_of_speech", ""),
        path=path,
        line=line,
    )


def _weblate_columns(
    header: list[str], path: Path, source_lang: str | None, target_lang: str | None
) -> list[tuple[str, str | None]] | None:
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "source" not in names or "target" not in names:
        return None
    if not source_lang or not target_lang:
        raise GlossaryError(
            "this looks like a Weblate glossary CSV (source, target, ...), which does not name its "
            "languages: import it with `l10n glossary import FILE --source-lang en --target-lang zh-Hans`",
            path=path,
            line=1,
        )
    src, tgt = _lang(source_lang, path, 1), _lang(target_lang, path, 1)
    mapping = {"source": ("lang:" + src, PREFERRED), "target": ("lang:" + tgt, PREFERRED),
               "explanation": ("note", None), "flags": ("flags", None)}
    return [mapping.get(n, ("ignored", None)) for n in names]


def _decode_csv(data: bytes, path: Path, notices: list[str] | None) -> str:
    """CSV text: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030/GBK when not UTF-8."""
    if data[:2] in {b"\xff\xfe", b"\xfe\xff"}:
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise GlossaryError("not valid UTF-16 despite its byte order mark: save the glossary as UTF-8",
                                path=path) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise GlossaryError(
                "not valid UTF-8 (nor GB18030/GBK): save the glossary as UTF-8", path=path, line=line
            ) from exc
        if notices is not None:
            notices.append(f"{path}: not UTF-8: read as GB18030 (GBK); save it as UTF-8 to be sure")
        return text


def _sniff_delimiter(first_line: str, suffix: str) -> str:
    """The field separator the header line uses: comma, semicolon or tab (``.tsv``: tab)."""
    counts = {d: 0 for d in ",;\t"}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        return "\t" if suffix == ".tsv" else ","
    if suffix == ".tsv" and counts["\t"]:
        return "\t"
    return best


def read_csv(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    notices: list[str] | None = None,
) -> list[Concept]:
    """Concepts of a CSV (or ``.tsv``) glossary: one concept per row, a column per language.

    The separator (comma, semicolon or tab) is taken from the header line; UTF-8,
    UTF-16 with a byte order mark and GB18030/GBK are read. A Weblate glossary CSV
    (``source,target,explanation,flags``) is read when ``source_lang`` and
    ``target_lang`` say which languages it holds. Columns that were ignored and a
    guessed encoding are reported in ``notices``.

    :raises GlossaryError: undecodable text, a bad header, empty terms, bad values.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read the file: {exc.strerror}", path=path) from exc
    text = _decode_csv(data, path, notices)
    delimiter = _sniff_delimiter(text.split("\n", 1)[0], path.suffix.lower())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            return []
        if len(header) == 1 and ("'" in header[0] or " " in header[0].strip()):
            raise GlossaryError(
                f"the header {header[0].strip()!r} is not separated by commas, semicolons or tabs: "
                "a glossary CSV has a column per language and quotes cells with double quotes",
                path=path,
                line=1,
            )
        rows: list[tuple[int, list[str]]] = []
        last_line = reader.line_num
        for row in reader:
            rows.append((last_line + 1, row))
            last_line = reader.line_num
        if not any(cell.strip() for _, row in rows for cell in row):
            # A header without rows holds no concepts, whatever its columns (an earlier
            # `glossary import` of an empty file wrote such files).
            return []
        weblate = _weblate_columns(header, path, source_lang, target_lang)
        columns = weblate or _parse_header(header, path, notices)
        concepts = []
        for line, row in rows:
            if weblate:
                concept = _weblate_row(columns, row, path, line)
            else:
                concept = _row_concept(columns, row, path, line)
            if concept is not None:
                concepts.append(concept)
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from exc
    return concepts


def _weblate_row(columns: list[tuple[str, str | None]], row: list[str], path: Path, line: int) -> Concept | None:
    cells = dict(zip([c for c, _ in columns], row + [""] * (len(columns) - len(row)), strict=False))
    flags = {f.strip().lower() for f in re.split(r"[,\s]+", cells.pop("flags", "")) if f.strip()}
    cells.pop("ignored", None)
    keep = [(kind, status) for kind, status in columns if kind not in {"flags", "ignored"}]
    values = [cells.get(kind, "") for kind, _ in keep]
    if "forbidden" in flags:
        target = [k for k, _ in columns if k.startswith("lang:")][-1]
        keep = [(k, FORBIDDEN if k == target else s) for k, s in keep]
    keep.append(("status", None))
    values.append("do-not-translate" if flags & _DNT else "")
    return _row_concept(keep, values, path, line)

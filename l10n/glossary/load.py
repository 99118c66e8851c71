"""Reading glossaries: TBX (ISO 30042, v2 ``martif`` and v3 ``tbx``) and CSV, then validation.

XML is parsed by lxml with entity expansion, DTD loading and network access switched
off; a file that declares or uses entities (billion laughs, XXE) is rejected.
"""

from __future__ import annotations

import csv
import io
import re
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
)
from .match import fold

__all__ = [
    "GLOSSARY_SUFFIXES",
    "glossary_files",
    "glossary_from_rows",
    "load_glossary",
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


def load_glossary(paths: Iterable[str | Path] | str | Path) -> Glossary:
    """Load and validate every glossary file under ``paths`` (files or folders) as one glossary.

    :raises GlossaryError: unreadable or malformed files, empty terms, unknown languages,
        duplicate or conflicting concepts (naming the file and line).
    """
    concepts: list[Concept] = []
    for path in glossary_files(paths):
        concepts.extend(read_glossary_file(path))
    return Glossary(validate_concepts(concepts))


def load_project_glossary(folder: str | Path) -> Glossary | None:
    """The glossary of a project's ``glossary/`` folder, or None when it has no concepts.

    What extract, suggest, check and report use: no folder and an empty folder both mean
    "no glossary", so glossary hints and checks are simply skipped.

    :raises GlossaryError: as :func:`load_glossary`.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return None
    glossary = load_glossary(folder)
    return glossary if len(glossary) else None


def read_glossary_file(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> list[Concept]:
    """The concepts of one file, chosen by suffix (ids may still be empty; see :func:`validate_concepts`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".tbx", ".xml"}:
        return read_tbx(path)
    if suffix in {".csv", ".tsv"}:
        return read_csv(path, source_lang=source_lang, target_lang=target_lang)
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


def read_tbx(path: str | Path) -> list[Concept]:
    """Concepts of a TBX file (``termEntry``/``langSet``/``tig`` or ``conceptEntry``/``langSec``/``termSec``).

    Empty ``<term/>`` elements (Weblate's untranslated targets) are skipped.

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
    for entry in root.iter():
        if _local(entry) in {"termEntry", "conceptEntry"}:
            concepts.append(_tbx_concept(entry, path))
    return concepts


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


def _parse_header(header: list[str], path: str | Path) -> list[tuple[str, str | None]]:
    """Column meanings: ``("lang", status)`` for term columns, ``(meta name, None)`` otherwise."""
    columns: list[tuple[str, str | None]] = []
    seen: set[tuple[str, str | None]] = set()
    for raw in header:
        name = raw.strip().lstrip("\ufeff")
        low = name.lower()
        if low in _META_COLUMNS:
            col: tuple[str, str | None] = (_META_COLUMNS[low], None)
        else:
            tag, _, variant = name.partition(":")
            if variant and variant.strip().lower() not in _VARIANT_STATUS:
                raise GlossaryError(
                    f"unknown column {name!r}: variant columns are <lang>:admitted and <lang>:forbidden",
                    path=path,
                    line=1,
                )
            if not tag.strip():
                raise GlossaryError("empty column name in the header", path=path, line=1)
            try:
                lang = _lang(tag, path, 1)
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
            f"the row has {len(row)} fields but the header has {len(columns)}: quote cells that hold commas",
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
    else:
        raise GlossaryError(
            f"unknown concept status {meta['status']!r}: use normal or do-not-translate", path=path, line=line
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


def read_csv(path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None) -> list[Concept]:
    """Concepts of a CSV (or ``.tsv``) glossary: one concept per row, a column per language.

    A Weblate glossary CSV (``source,target,explanation,flags``) is read when
    ``source_lang`` and ``target_lang`` say which languages it holds.

    :raises GlossaryError: undecodable text, a bad header, empty terms, bad values.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read the file: {exc.strerror}", path=path) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError("not valid UTF-8: save the glossary as UTF-8", path=path, line=line) from exc
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return []
        if len(header) == 1 and ("'" in header[0] or " " in header[0].strip()):
            raise GlossaryError(
                f"the header {header[0].strip()!r} is not comma-separated: a glossary CSV separates "
                "fields with commas and quotes them with double quotes",
                path=path,
                line=1,
            )
        weblate = _weblate_columns(header, path, source_lang, target_lang)
        columns = weblate or _parse_header(header, path)
        concepts = []
        last_line = reader.line_num
        for row in reader:
            line = last_line + 1
            last_line = reader.line_num
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

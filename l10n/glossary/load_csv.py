"""Reading CSV and TSV glossaries: one concept per row, a column per language.

The separator (comma, semicolon or tab) is taken from the header line; UTF-8 (with or
without a BOM), UTF-16 with a BOM and GB18030/GBK are decoded. Header names are mapped
to languages (``en``, ``English``, ``中文``...), term variants (``<lang>:admitted``,
``<lang>:forbidden``) and concept fields (``id``, ``status``, ``note``...); a Weblate
glossary CSV (``source,target,...``) is read when its languages are given.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from .base import ADMITTED, DO_NOT_TRANSLATE, FORBIDDEN, NORMAL, PREFERRED, Concept, Glossary
from .concepts import STATUS_WORDS, TRUE_WORDS, build_concept, language_tag, validate_concepts

__all__ = ["glossary_from_rows", "read_csv"]

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
_FALSE = {"", "0", "false", "no", "n"}
_VARIANT_STATUS = {"admitted": ADMITTED, "forbidden": FORBIDDEN}


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
                lang = language_tag(alias or tag, path, 1)
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
    elif raw_status in STATUS_WORDS:
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
    if raw_case not in TRUE_WORDS | _FALSE:
        raise GlossaryError(
            f"case_sensitive must be true or false, not {meta['case_sensitive']!r}", path=path, line=line
        )
    if not terms:
        raise GlossaryError("the row has no terms: fill in at least one language column", path=path, line=line)
    return build_concept(
        concept_id=meta.get("id", ""),
        terms=terms,
        status=status_value,
        note=meta.get("note", ""),
        case_sensitive=raw_case in TRUE_WORDS,
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
    src, tgt = language_tag(source_lang, path, 1), language_tag(target_lang, path, 1)
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

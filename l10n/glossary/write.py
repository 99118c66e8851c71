"""Writing glossaries: canonical CSV and TBX v3 (TBX-Basic), and importing files into glossary/.

Both forms carry the fields l10n uses (id, terms with status, concept status, one note,
case sensitivity, one part of speech per concept), so CSV -> TBX -> CSV gives back the
same concepts. Other TBX data categories (subject fields, contexts, term types, notes
beside a definition) have no place in a :class:`~l10n.glossary.base.Concept`: an
imported TBX file is therefore kept byte for byte when it stays TBX. Rendering does no
I/O; :func:`write_glossary` and :func:`import_glossary` write atomically.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import GlossaryError
from ..fsutil import atomic_write_bytes, atomic_write_text
from .base import ADMITTED, DO_NOT_TRANSLATE, FORBIDDEN, PREFERRED, Glossary
from .load import glossary_files, normalise_languages, read_glossary_file, validate_concepts

__all__ = ["FORMATS", "ImportResult", "import_glossary", "render_csv", "render_glossary", "render_tbx",
           "write_glossary"]

FORMATS = ("csv", "tbx")
_TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TBX_STATUS = {
    PREFERRED: "preferredTerm-admn-sts",
    ADMITTED: "admittedTerm-admn-sts",
    FORBIDDEN: "deprecatedTerm-admn-sts",
}


def render_csv(glossary: Glossary) -> str:
    """The glossary as CSV: ``id``, per language ``<tag>`` (+ ``:admitted``/``:forbidden`` when used),
    ``status``, ``note``, ``case_sensitive``, ``part_of_speech``.

    :raises GlossaryError: an admitted or forbidden term contains ``|``.
    """
    langs = glossary.languages
    variants = {
        (lang, status)
        for c in glossary.concepts
        for lang, terms in c.terms.items()
        for t in terms
        for status in (t.status,)
        if status != PREFERRED
    }
    header = ["id"]
    for lang in langs:
        header.append(lang)
        for status in (ADMITTED, FORBIDDEN):
            if (lang, status) in variants:
                header.append(f"{lang}:{status}")
    header += ["status", "note", "case_sensitive", "part_of_speech"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for concept in glossary.concepts:
        row = [concept.id]
        for lang in langs:
            terms = concept.terms.get(lang, ())
            row.append(next((t.text for t in terms if t.status == PREFERRED), ""))
            for status in (ADMITTED, FORBIDDEN):
                if (lang, status) not in variants:
                    continue
                texts = [t.text for t in terms if t.status == status]
                for text in texts:
                    if "|" in text:
                        raise GlossaryError(
                            f"the {lang} term {text!r} contains '|', which CSV variant columns cannot hold: "
                            "export as TBX",
                            path=concept.origin[0] if concept.origin else None,
                            line=concept.origin[1] if concept.origin else None,
                        )
                row.append("|".join(texts))
        row += [
            DO_NOT_TRANSLATE if concept.do_not_translate else "",
            concept.note,
            "true" if concept.case_sensitive else "",
            concept.part_of_speech,
        ]
        writer.writerow(row)
    return buf.getvalue()


def render_tbx(glossary: Glossary) -> str:
    """The glossary as TBX v3 (TBX-Basic, DCA style), UTF-8 text with an XML declaration."""
    q = f"{{{_TBX_NS}}}"
    root = etree.Element(q + "tbx", nsmap={None: _TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(_XML_LANG, glossary.languages[0] if glossary.languages else "en")
    header = etree.SubElement(root, q + "tbxHeader")
    desc = etree.SubElement(etree.SubElement(header, q + "fileDesc"), q + "sourceDesc")
    etree.SubElement(desc, q + "p").text = "l10n glossary export"
    body = etree.SubElement(etree.SubElement(root, q + "text"), q + "body")
    for concept in glossary.concepts:
        entry = etree.SubElement(body, q + "conceptEntry", id=concept.id)
        if concept.do_not_translate:
            etree.SubElement(entry, q + "admin", type="doNotTranslate").text = "true"
        if concept.case_sensitive:
            etree.SubElement(entry, q + "admin", type="caseSensitive").text = "true"
        if concept.note:
            etree.SubElement(entry, q + "note").text = concept.note
        for lang, terms in concept.terms.items():
            sec = etree.SubElement(entry, q + "langSec")
            sec.set(_XML_LANG, lang)
            for term in terms:
                term_sec = etree.SubElement(sec, q + "termSec")
                etree.SubElement(term_sec, q + "term").text = term.text
                if concept.part_of_speech:
                    etree.SubElement(term_sec, q + "termNote", type="partOfSpeech").text = concept.part_of_speech
                etree.SubElement(term_sec, q + "termNote", type="administrativeStatus").text = _TBX_STATUS[
                    term.status
                ]
    etree.indent(root, space="  ")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")


def render_glossary(glossary: Glossary, fmt: str) -> str:
    """The glossary in ``fmt`` (``csv`` or ``tbx``)."""
    if fmt == "csv":
        return render_csv(glossary)
    if fmt == "tbx":
        return render_tbx(glossary)
    raise ValueError(f"unknown glossary format {fmt!r}: use csv or tbx")


def write_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> bool:
    """Write the glossary atomically (format from ``fmt`` or the suffix); True when the file changed."""
    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    return atomic_write_text(path, render_glossary(glossary, fmt))


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """What :func:`import_glossary` did.

    :param path: the file in the glossary folder.
    :param concepts: how many concepts it holds.
    :param changed: False when the same file was already there.
    :param notices: what was read with a guess or not kept, one line each.
    """

    path: Path
    concepts: int
    changed: bool
    notices: tuple[str, ...] = ()


def import_glossary(
    file: str | Path,
    folder: str | Path,
    *,
    fmt: str | None = None,
    name: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    languages: Iterable[str] | None = None,
) -> ImportResult:
    """Validate ``file`` together with the glossary in ``folder`` and add it there as ``<name>.<fmt>``.

    A TBX file that stays TBX is copied byte for byte (it may hold more than the concepts
    keep); otherwise the concepts are written in canonical form, and ``notices`` say what
    the copy lost. An existing file is never replaced by a different one.

    :raises GlossaryError: an unreadable or empty file, a clash with the glossary, or a
        different file of that name already in ``folder``; nothing is written then.
    """
    file, folder = Path(file), Path(folder)
    suffix = file.suffix.lower().lstrip(".")
    is_tbx = suffix in {"tbx", "xml"}
    fmt = fmt or ("tbx" if is_tbx else "csv")
    if fmt not in FORMATS:
        raise ValueError(f"unknown glossary format {fmt!r}: use csv or tbx")
    dest = folder / f"{name or file.stem}.{fmt}"
    copy = is_tbx and fmt == "tbx"
    notices: list[str] = []
    new = read_glossary_file(file, source_lang=source_lang, target_lang=target_lang,
                             notices=None if copy else notices)
    if not new:
        raise GlossaryError(f"no terms in {file}: it has no concepts to import")
    if is_tbx:
        notices = [n.replace(": not kept: ", f": the {fmt.upper()} copy in the glossary folder does not keep ", 1)
                   + "; import without --format to keep the TBX file as it is" for n in notices]
    others = []
    for path in glossary_files(folder):
        if path.resolve() in {dest.resolve(), file.resolve()}:
            continue
        others.extend(read_glossary_file(path))
    combined = validate_concepts(normalise_languages([*others, *new], languages))
    imported = Glossary(combined[len(others) :])
    if copy:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise GlossaryError(f"cannot read the file: {exc.strerror}", path=file) from exc
    else:
        data = render_glossary(imported, fmt).encode("utf-8")
    if dest.exists():
        try:
            same = dest.read_bytes() == data
        except OSError as exc:
            raise GlossaryError(f"cannot read the file: {exc.strerror}", path=dest) from exc
        if not same:
            if dest.resolve() == file.resolve():
                raise GlossaryError("this file is already in the glossary folder: nothing to import", path=dest)
            raise GlossaryError(
                f"a different glossary file {dest.name} already exists: import under another name with "
                "--name NAME (nothing was written)",
                path=dest,
            )
    changed = atomic_write_bytes(dest, data)
    return ImportResult(path=dest, concepts=len(imported), changed=changed, notices=tuple(notices))

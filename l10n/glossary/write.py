"""Writing glossaries: canonical CSV and TBX v3 (TBX-Basic), lossless in both directions.

Both forms carry the same fields (id, terms with status, concept status, note, case
sensitivity, part of speech), so CSV -> TBX -> CSV and TBX -> CSV -> TBX give back the
same concepts. Rendering does no I/O; :func:`write_glossary` writes atomically.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lxml import etree

from ..errors import GlossaryError
from ..fsutil import atomic_write_text
from .base import ADMITTED, DO_NOT_TRANSLATE, FORBIDDEN, PREFERRED, Glossary

__all__ = ["FORMATS", "render_csv", "render_glossary", "render_tbx", "write_glossary"]

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

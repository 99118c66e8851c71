"""Reading TBX glossaries (ISO 30042): v2 ``martif``/``termEntry`` and v3 ``tbx``/``conceptEntry``.

XML is parsed by lxml with entity expansion, DTD loading and network access switched
off; a file that declares or uses entities (billion laughs, XXE) is rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree

from ..errors import GlossaryError
from .base import DO_NOT_TRANSLATE, NORMAL, Concept
from .concepts import STATUS_WORDS, TRUE_WORDS, build_concept, language_tag

__all__ = ["read_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


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
        elif name == "admin" and kind == "doNotTranslate" and _text(el).lower() in TRUE_WORDS:
            status = DO_NOT_TRANSLATE
        elif name == "admin" and kind == "caseSensitive" and _text(el).lower() in TRUE_WORDS:
            case_sensitive = True
        elif (name == "termNote" and kind == "partOfSpeech") or name == "partOfSpeech":
            part_of_speech = part_of_speech or _text(el)
        elif name in {"langSet", "langSec"}:
            raw_lang = el.get(_XML_LANG) or el.get("lang")
            if not raw_lang:
                raise GlossaryError(f"<{name}> without xml:lang", path=path, line=el.sourceline)
            lang = language_tag(raw_lang, path, el.sourceline)
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
    return build_concept(
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
            if value not in STATUS_WORDS:
                raise GlossaryError(
                    f"unknown term status {_text(el)!r}: use preferredTerm-admn-sts, "
                    "admittedTerm-admn-sts or deprecatedTerm-admn-sts",
                    path=path,
                    line=el.sourceline,
                )
            status = STATUS_WORDS[value]
    return text, status

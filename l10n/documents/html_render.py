"""HTML the way back (the renderer of STAGE 6, :mod:`l10n.rebuild`): translations into the page.

:func:`render_html` parses the skeleton's bytes again and walks the same article roots
the same way as the reader (:mod:`l10n.documents.html`), so block ids and placeholder
numbers match; each translated run is rebuilt from its placeholder text (copies of the
source's own inline elements), attributes and ``<title>`` get their new text, and the
page is declared UTF-8 in the target language. Everything outside the article is left
as it was.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

import lxml.html

from ..errors import DocumentError
from ..lang import get_profile
from ..model import Block, Document
from .inline import check_structure

if TYPE_CHECKING:
    from .html import _Loc

__all__ = ["render_html"]


def _rewalk(doc: Document):
    """The page parsed again and walked as the reader walked it: (root, walker)."""
    # Imported here: html.py re-exports render_html, so importing it at the top would be circular.
    from .html import HtmlSkeleton, _walk, parse_html

    skeleton: HtmlSkeleton = doc.skeleton
    root = parse_html(skeleton.source, str(doc.path))
    roots = []
    for p in skeleton.roots:
        found = root.getroottree().xpath(p)
        if not found:
            raise DocumentError("the page changed since it was read; read it again", path=doc.path)
        roots.append(found[0])
    walker = _walk(root, roots)
    if [b.text for b in walker.blocks] != [b.text for b in doc.blocks]:
        raise DocumentError("the page changed since it was read; read it again", path=doc.path)
    return root, walker


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


_RUN_SPACES = " \t\r\n\f\u3000\u00a0"


def _apply_run(root, loc: _Loc, tokens, ideographic: bool = True) -> None:
    """Replace a run's content by the translation ``tokens``.

    The run's own leading and trailing white space (line breaks, a paragraph's indent)
    is kept; full-width indents only when the target language writes them
    (``ideographic``).
    """
    container = loc.element
    first = (container.text if loc.lead is None else loc.lead.tail) or ""
    last = (loc.items[-1].tail if loc.items else first) or ""
    lead_ws = first[: len(first) - len(first.lstrip(_RUN_SPACES))]
    trail_ws = last[len(last.rstrip(_RUN_SPACES)) :] if loc.items or first.strip() else ""
    if not ideographic:
        lead_ws, trail_ws = lead_ws.replace("\u3000", ""), trail_ws.replace("\u3000", "")
    wrapper = root.makeelement("div")
    stack = [wrapper]

    def add_text(value: str) -> None:
        parent = stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + value
        else:
            parent.text = (parent.text or "") + value

    for tok in tokens:
        if tok.kind == "text":
            add_text(tok.value)
            continue
        original, mode = loc.placeholders[tok.number]
        if tok.kind == "close":
            stack.pop()
            continue
        if mode == "deep":
            new = copy.deepcopy(original)
            new.tail = None
        else:
            new = root.makeelement(original.tag, dict(original.attrib))
        stack[-1].append(new)
        if tok.kind == "open":
            stack.append(new)
    wrapper.text = lead_ws + (wrapper.text or "")
    if len(wrapper):
        wrapper[-1].tail = (wrapper[-1].tail or "") + trail_ws
    else:
        wrapper.text += trail_ws
    if loc.items:
        index = container.index(loc.items[0])
    elif loc.lead is not None:
        index = container.index(loc.lead) + 1
    else:
        index = 0
    for item in loc.items:
        container.remove(item)
    if loc.lead is None:
        container.text = wrapper.text
    else:
        loc.lead.tail = wrapper.text
    for offset, child in enumerate(list(wrapper)):
        container.insert(index + offset, child)


def render_html(doc: Document, texts: dict[str, str], target_lang: str, warnings: list[str]) -> bytes:
    """The translated page: ``texts`` maps block ids to their new placeholder text.

    Attributes and ``<title>`` go first (so copied inline elements carry translated
    ``alt``/``title``), then the runs. A text whose placeholders do not fit the source
    block leaves that block in the source language, with a warning.
    """
    root, walker = _rewalk(doc)
    ideographic = get_profile(target_lang).cjk
    runs: list[tuple[Block, _Loc]] = []
    for block, loc in zip(walker.blocks, walker.locs, strict=True):
        text = texts.get(block.id)
        if text is None:
            continue
        if loc.kind == "run":
            runs.append((block, loc))
            continue
        try:
            tokens = check_structure(text, {})
        except ValueError as exc:
            warnings.append(f"{doc.path}:{block.line}: kept the source text of {block.kind}: {exc}")
            continue
        value = "".join(t.value for t in tokens)
        if loc.kind == "title":
            for child in list(loc.element):
                loc.element.remove(child)
            loc.element.text = value
        else:
            loc.element.set(loc.attr, value)
    for block, loc in runs:
        try:
            tokens = check_structure(texts[block.id], {n: ("empty" if m != "pair" else "pair")
                                                       for n, (_, m) in loc.placeholders.items()})
        except ValueError as exc:
            warnings.append(f"{doc.path}:{block.line}: kept the source text of a {block.kind}: {exc}")
            continue
        _apply_run(root, loc, tokens, ideographic)
    _set_language_and_charset(root, target_lang)
    tree = root.getroottree()
    out = lxml.html.tostring(tree, encoding="unicode", method="html", doctype=tree.docinfo.doctype or None)
    if "</" in out:
        out = _VOID_END_TAG.sub("", out)  # libxml2 writes <wbr></wbr>: HTML5 void elements have no end tag
    if not _HAS_DOCTYPE.match(doc.skeleton.source[:4096]):
        # libxml2 gives a page without one the HTML 4.0 doctype; only the source's is kept.
        out = _DOCTYPE.sub("", out, count=1)
    if doc.skeleton.source.endswith(b"\n") and not out.endswith("\n"):
        out += "\n"  # lxml drops the page's final newline; keep it (no diff noise)
    return out.encode("utf-8")


_VOID_END_TAG = re.compile(r"</(?:wbr|source|track|embed|keygen)>", re.IGNORECASE)
_HAS_DOCTYPE = re.compile(rb"(?:\s|<!--.*?-->|<\?.*?\?>)*<!doctype", re.IGNORECASE | re.DOTALL)
_DOCTYPE = re.compile(r"\A\s*<!DOCTYPE[^>]*>\s*", re.IGNORECASE)


def _set_language_and_charset(root, target_lang: str) -> None:
    root.set("lang", target_lang)
    if root.get("{http://www.w3.org/XML/1998/namespace}lang") is not None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", target_lang)
    if root.get("xml:lang") is not None:
        root.set("xml:lang", target_lang)
    for meta in list(root.iter("meta")):
        equiv = (meta.get("http-equiv") or "").strip().lower()
        if meta.get("charset") is not None or equiv == "content-type":
            _remove_keep_tail(meta)
        elif equiv == "content-language":
            meta.set("content", target_lang)
        elif (meta.get("property") or "").strip().lower() == "og:locale":
            meta.set("content", _og_locale(target_lang))
    head = root.find("head")
    if head is None:
        head = root.makeelement("head")
        root.insert(0, head)
    meta = root.makeelement("meta", {"charset": "utf-8"})
    meta.tail = head.text
    head.text = None
    head.insert(0, meta)


def _og_locale(tag: str) -> str:
    """Open Graph's ``language_TERRITORY`` for a BCP 47 tag (``zh-Hans`` -> ``zh_CN``), by
    CLDR's likely subtags (Babel)."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    parts = tag.replace("-", "_").split("_")
    full = likely.get("_".join(parts)) or likely.get(parts[0]) or ""
    territory = next((p for p in reversed(full.split("_")) if p.isupper() and len(p) == 2), "")
    if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) == 2:
        territory = parts[-1]
    return f"{parts[0]}_{territory}" if territory else parts[0]

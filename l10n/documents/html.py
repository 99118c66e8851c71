"""STAGE 1 for HTML: find the article, turn its text into placeholder blocks; and back.

lxml is the only HTML parser. The reader records the decoded page and the element paths
of the article roots in the skeleton; :func:`render_html` parses the same bytes again,
walks the same tree the same way (so block ids and placeholder numbers match), and writes
translations into it. Everything outside the article is left as it was.

This module parses pages, walks the article into blocks and reads a release; finding the
article and telling page chrome apart is in :mod:`l10n.documents.html_article`, writing
translations back in :mod:`l10n.documents.html_render`; their public functions
(:func:`find_article`, :func:`is_chrome_text`, :func:`render_html`) are re-exported here.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import DocumentError
from ..model import Block, Document
from .encoding import declared_html_charset, decode_bytes, plain_utf8_codec
from .html_article import (
    _FLAG_ATTRS,
    _SECTION_CHROME,
    _SKIP_TAGS,
    INLINE_TAGS,
    _chrome_attrs,
    _headline_outside,
    _hidden,
    _is_element,
    _is_permalink,
    _roots_by_config,
    _story_part,
    _text_content,
    _translate_no,
    _wanted,
    find_article,
    is_chrome_text,
)
from .html_render import render_html
from .inline import collapse_run, collapse_text

__all__ = ["HtmlSkeleton", "find_article", "is_chrome_text", "read_html", "render_html"]

# Private-use marks of collapse_run: first opening, closing and empty mark, and how many of each.
_OPEN0, _CLOSE0, _EMPTY0, _SPAN = 0xE000, 0xE800, 0xF000, 0x800

_VOID = frozenset({"br", "img", "wbr"})
# Inline elements whose content is code, kept as written (an empty placeholder).
_OPAQUE_INLINE = frozenset({"code", "kbd", "samp", "var"})
# HTML5 void elements libxml2's HTML 4 parser does not know: it puts what follows them
# inside them (see _fix_void).
_HTML5_VOID = ("wbr", "source", "track", "embed", "keygen")
_KIND_OF = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list-item",
    "dt": "list-item",
    "dd": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "caption": "caption",
    "figcaption": "caption",
    "blockquote": "quote",
}
_WHOLE = frozenset({"heading", "title", "meta-description", "meta-keywords", "alt", "title-attr"})
# <meta> whose content is text for readers: the description, keywords, and what share
# previews show (Open Graph, Twitter cards); a title there is split like <title>.
_META_KINDS = {
    "description": "meta-description",
    "keywords": "meta-keywords",
    "og:title": "title",
    "og:description": "meta-description",
    "twitter:title": "title",
    "twitter:description": "meta-description",
}
_ATTR_KEYS = frozenset({"alt", "title"})  # attributes that become blocks
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes (for bytes.translate's delete argument).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _is_wrapper(el) -> bool:
    """An inline element that can stand in for its block: it holds text, and is neither
    opaque (``translate="no"``, code, forms...), hidden, empty nor a permalink."""
    tag = el.tag
    if tag.__class__ is not str or tag not in INLINE_TAGS or tag in _VOID or tag in _SKIP_TAGS or tag in _OPAQUE_INLINE:
        return False
    if not len(el) and (not el.text or el.text.isspace()):
        return False
    if not _FLAG_ATTRS.isdisjoint(el.keys()) and (_translate_no(el) or _hidden(el)):
        return False
    return not (tag == "a" and _is_permalink(el))


_INDENT = ("\u3000", "\u00a0\u00a0")  # a paragraph's first-line indent in Chinese pages
_CJK_START = re.compile(r"[\u3400-\u9fff\uf900-\ufaff“「《（]")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’）)」』]*\s*\Z")


def _paragraph_break(br) -> bool:
    """Whether a ``<br>`` ends a paragraph rather than a line: it is one of two or more in
    a row, the text after it starts with an indent (full-width spaces, ``&nbsp;&nbsp;``),
    as in pages whose paragraphs are ``text<br><br>　　text``, or it stands between a
    finished sentence and a capitalised or Chinese one (``…Authority.<br>Director…``)."""
    tail = br.tail
    blank = not tail or tail.isspace()
    if blank:
        after = br.getnext()
        if after is not None and after.tag == "br":
            return True
    before = br.getprevious()
    if before is not None and before.tag == "br" and (not before.tail or before.tail.isspace()):
        return True
    if blank:
        return False
    after = tail.lstrip(" \t\r\n")
    if after.startswith(_INDENT):
        return True
    first = after[:1]
    if not (first.isupper() or _CJK_START.match(first)):
        return False
    text = (before.tail if before is not None else br.getparent().text) or ""
    if not text.strip() and before is not None and before.tag.__class__ is str:
        text = _text_content(before)
    return _SENTENCE_END.search(text) is not None


def _block_maker() -> Callable[[str, str, str, int, str, bool], Block]:
    """``make(id, kind, text, line, path, splittable)``: a :class:`Block`, built fast.

    A page has a hundred blocks or more, and the keyword ``__init__`` of a frozen dataclass
    costs three times more than setting its slots directly. The direct way is used only
    while ``Block`` is exactly the class it was written for (same fields in the same order,
    slots, no ``__post_init__``); otherwise the ordinary constructor.
    """
    names = ("id", "kind", "text", "line", "path", "splittable")
    if (
        tuple(f.name for f in dataclasses.fields(Block)) != names
        or hasattr(Block, "__post_init__")
        or "__slots__" not in Block.__dict__
    ):  # pragma: no cover - only when model.Block changes

        def make(id: str, kind: str, text: str, line: int, path: str, splittable: bool) -> Block:
            return Block(id=id, kind=kind, text=text, line=line, path=path, splittable=splittable)

        return make
    s_id, s_kind, s_text, s_line, s_path, s_split = (Block.__dict__[n].__set__ for n in names)
    new = object.__new__

    def make(id: str, kind: str, text: str, line: int, path: str, splittable: bool) -> Block:
        block = new(Block)
        s_id(block, id)
        s_kind(block, kind)
        s_text(block, text)
        s_line(block, line)
        s_path(block, path)
        s_split(block, splittable)
        return block

    return make


_make_block = _block_maker()


@dataclass(frozen=True, slots=True)
class HtmlSkeleton:
    """What :func:`render_html` needs: the parsed bytes (UTF-8) and the article roots' paths."""

    source: bytes
    roots: tuple[str, ...]


@dataclass(slots=True)
class _Loc:
    kind: str  # run | attr | title | meta
    element: object
    attr: str = ""
    lead: object = None
    items: list = field(default_factory=list)
    placeholders: dict = field(default_factory=dict)  # n -> (element, mode)


# --------------------------------------------------------------------------- parsing


def parse_html(data: bytes, shown: str):
    """Parse UTF-8 bytes into an lxml root element (the same way every time).

    A plain ``etree.HTMLParser`` (lxml.html's parser without its element classes: the
    same libxml2 tree, cheaper element proxies).
    """
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=False, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentError(f"no HTML content could be parsed ({exc}); is this an HTML page?", path=shown) from exc
    if not _is_element(root):
        raise DocumentError("no HTML content could be parsed; is this an HTML page?", path=shown)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":  # libxml2 stopped reading (nesting too deep)
            raise DocumentError(
                f"the page nests elements too deeply for the HTML parser ({error.message.split(',')[0]}), so "
                "the rest would be lost; close the elements left open (<div>, <font>...) and read it again",
                path=shown,
                line=error.line or None,
            )
    if next(root.iter(*_HTML5_VOID), None) is not None:  # C-level search of the tree
        _fix_void(root)
    return root


def _fix_void(root) -> None:
    """Move what libxml2 put inside an HTML5 void element back after it, where it belongs."""
    for el in list(root.iter(*_HTML5_VOID)):
        parent = el.getparent()
        if (not el.text and not len(el)) or parent is None:
            continue
        # <wbr>TEXT<a/>…<z/></wbr>TAIL  ->  <wbr/>TEXT<a/>…<z/>TAIL
        moved = list(el)
        tail = el.tail or ""
        el.tail, el.text = el.text, None
        index = parent.index(el)
        for offset, child in enumerate(moved):
            parent.insert(index + 1 + offset, child)
        last = moved[-1] if moved else el
        last.tail = (last.tail or "") + tail


# --------------------------------------------------------------------------- the walk


class _Walker:
    """Turns article roots into blocks; the same walk finds the elements again on rebuild.

    ``keep_locs=False`` (reading) skips what only the rebuild needs: the locations.
    """

    def __init__(self, root, tree, keep_locs: bool = True) -> None:
        self.root = root
        self.tree = tree
        self.keep_locs = keep_locs
        self.blocks: list[Block] = []
        self.locs: list[_Loc] = []
        self._block_desc: dict = {}
        self._paths: dict = {}
        self._attr_texts: dict = {}
        self.notes: dict[str, dict[str, str]] = {}  # block id -> placeholder -> what it stands for

    # ---- helpers
    def path(self, el) -> str:
        """The element's path, like ``getpath`` but linear in the page size (cached per parent)."""
        found = self._paths.get(el)
        if found is not None:
            return found
        parent = el.getparent()
        if parent is None:
            return self.tree.getpath(el)
        base = self.path(parent)
        tag = el.tag
        if tag in INLINE_TAGS:
            # An inline element (an image's alt, a link's title): map its namesakes only,
            # not all its siblings (a paragraph's text is mostly other inline elements).
            paths = self._paths
            namesakes = list(parent.iterchildren(tag))
            if len(namesakes) == 1:
                found = paths[el] = f"{base}/{tag}"
                return found
            for k, sibling in enumerate(namesakes, 1):
                paths[sibling] = f"{base}/{tag}[{k}]"
            return paths[el]
        children = [(child, child.tag) for child in parent.iterchildren(etree.Element)]
        counts: dict = {}
        for _, tag in children:
            counts[tag] = counts.get(tag, 0) + 1
        seen: dict = {}
        paths = self._paths
        for child, tag in children:
            if counts[tag] > 1:
                k = seen[tag] = seen.get(tag, 0) + 1
                paths[child] = f"{base}/{tag}[{k}]"
            else:
                paths[child] = f"{base}/{tag}"
        return paths[el]

    def _add(self, kind: str, text: str, el, loc: _Loc | None, line: int, path: str | None = None) -> None:
        if not _wanted(kind, text):
            return
        self._append(kind, text, el, loc, line, path)

    def _append(self, kind: str, text: str, el, loc: _Loc | None, line: int, path: str | None = None) -> None:
        blocks = self.blocks
        blocks.append(
            _make_block(
                f"b{len(blocks) + 1}", kind, text, line, path if path is not None else self.path(el), kind not in _WHOLE
            )
        )
        if self.keep_locs:
            self.locs.append(loc)

    def _has_block_descendant(self, el) -> bool:
        cached = self._block_desc.get(el)
        if cached is None:
            cached = any(
                d.tag not in INLINE_TAGS or d.tag in _SKIP_TAGS for d in el.iterdescendants(etree.Element)
            )
            self._block_desc[el] = cached
        return cached

    def _separates(self, el, tag) -> bool:
        """Whether a child ends a run of inline content (a block-level or opaque element)."""
        if tag not in INLINE_TAGS:
            return True
        if len(el) == 0:
            return False  # no descendants: nothing block-level inside
        if _translate_no(el):
            return False
        return self._has_block_descendant(el)

    # ---- head
    def head(self) -> None:
        title = None
        head = self.root.find("head")
        for el in (head if head is not None else self.root).iter("title"):
            title = el
            break
        if title is not None:
            text = collapse_text(title.text or "")
            self._add("title", text, title, _Loc("title", title) if self.keep_locs else None, title.sourceline or 1)
        seen = set()
        for meta in self.root.iter("meta"):
            key = (meta.get("name") or meta.get("property") or "").strip().lower()
            kind = _META_KINDS.get(key)
            if kind is None or key in seen or not meta.get("content"):
                continue
            seen.add(key)  # the first of each (pages repeat them by mistake)
            text = collapse_text(meta.get("content"))
            loc = _Loc("attr", meta, attr="content") if self.keep_locs else None
            self._add(kind, text, meta, loc, meta.sourceline or 1)

    # ---- body
    def walk(self, el, context: str = "paragraph", is_root: bool = False) -> None:
        """Blocks of ``el`` in document order (iterative over siblings, recursive in depth)."""
        tag = el.tag
        keys = el.keys()
        if not is_root and (
            tag.__class__ is not str
            or (tag in _SKIP_TAGS and not (tag in _SECTION_CHROME and _story_part(el)))
            or (not _FLAG_ATTRS.isdisjoint(keys) and (_translate_no(el) or _hidden(el) or _chrome_attrs(el)))
            or (tag == "header" and not any(True for _ in el.iter("h1", "h2", "h3")))
        ):
            return  # skipped: never extracted, kept as it is
        kind = _KIND_OF.get(tag, context)
        if keys and not _ATTR_KEYS.isdisjoint(keys):
            self._attrs([el])
        lead = None
        lead_text = el.text
        if len(el) == 0:  # a leaf: one run of text, no placeholders
            if lead_text and not lead_text.isspace():
                text = collapse_text(lead_text)
                if text:
                    loc = _Loc("run", el, lead=None, items=[], placeholders={}) if self.keep_locs else None
                    self._add(kind, text, el, loc, el.sourceline or 1)
            return
        items: list = []
        for child in el:
            ctag = child.tag
            if ctag.__class__ is str and (
                ctag not in INLINE_TAGS
                or (len(child) and self._separates(child, ctag))
                or (ctag == "br" and _paragraph_break(child))
            ):
                if items or (lead_text and not lead_text.isspace()):
                    self._run_or_unwrap(el, lead, lead_text, items, kind)
                self.walk(child, kind if kind != "heading" else "paragraph")
                lead, lead_text, items = child, child.tail, []
            else:
                items.append(child)
        if items or (lead_text and not lead_text.isspace()):
            self._run_or_unwrap(el, lead, lead_text, items, kind)

    def _run_or_unwrap(self, container, lead, lead_text, items, kind) -> None:
        """A run; or, when the run is one inline element holding all of it (``<p><span
        style=…>…</span></p>``, ``<td><font><b>…</b></font></td>``), that element's content,
        read as if the element were the block: the wrapper stays in the page and its text
        is split into sentences like any paragraph's."""
        if len(items) == 1 and (not lead_text or lead_text.isspace()):
            only = items[0]
            tail = only.tail
            if (not tail or tail.isspace()) and _is_wrapper(only):
                self.walk(only, kind, is_root=True)
                return
        self._run(container, lead, items, kind)

    def _attrs(self, elements) -> None:
        # Pages repeat their attribute values (title="More", alt="logo"): each distinct
        # value is collapsed and judged once per page.
        texts = self._attr_texts
        for el in elements:
            for attr, kind in (("alt", "alt"), ("title", "title-attr")):
                value = el.get(attr)
                if value and (attr == "alt" or el.tag != "html"):
                    key = (kind, value)
                    text = texts.get(key, False)
                    if text is False:
                        text = collapse_text(value)
                        text = texts[key] = text if _wanted(kind, text) else None
                    if text is not None:
                        loc = _Loc("attr", el, attr=attr) if self.keep_locs else None
                        self._append(kind, text, el, loc, el.sourceline or 1, path=f"{self.path(el)}/@{attr}")

    def _run(self, container, lead, items, kind) -> None:
        lead_text = container.text if lead is None else lead.tail
        if not items and (not lead_text or lead_text.isspace()):
            return
        run = _RunText()
        parts = run.parts
        if lead_text:
            parts.append(lead_text)
        for item in items:
            self._inline(item, run)
            tail = item.tail
            if tail:
                parts.append(tail)
        text = collapse_run(parts, run.ph_at, run.n_open, run.n_close, run.n_empty)
        if text:
            anchor = container if lead is None and not items else (items[0] if items else lead)
            loc = (
                _Loc("run", container, lead=lead, items=list(items), placeholders=run.placeholders)
                if self.keep_locs
                else None
            )
            line = getattr(anchor, "sourceline", None) or container.sourceline or 1
            before = len(self.blocks)
            self._add(kind, text, container, loc, line)
            if run.n_empty and len(self.blocks) > before:
                notes = {
                    f"<{n}/>": _placeholder_note(el, mode)
                    for n, (el, mode) in run.placeholders.items()
                    if mode != "pair"
                }
                self.notes[self.blocks[-1].id] = notes
        if run.attr_targets:
            self._attrs(run.attr_targets)

    def _inline(self, el, run: _RunText, depth: int = 0) -> None:
        tag = el.tag
        if tag.__class__ is not str:
            return  # comments and processing instructions are dropped from the text
        placeholders = run.placeholders
        parts = run.parts
        n = len(placeholders) + 1
        keys = el.keys()
        if (
            tag in _SKIP_TAGS
            or tag in _OPAQUE_INLINE
            or depth > 200
            or (keys and not _FLAG_ATTRS.isdisjoint(keys) and _translate_no(el))
            or (tag == "a" and keys and _is_permalink(el))
        ):
            placeholders[n] = (el, "deep")
            run.empty(f"<{n}/>")
            return
        if keys and not _ATTR_KEYS.isdisjoint(keys):
            run.attr_targets.append(el)
        text = el.text
        if tag in _VOID or (len(el) == 0 and not text):
            placeholders[n] = (el, "empty")
            run.empty(f"<{n}/>")
            return
        placeholders[n] = (el, "pair")
        k = run.n_open
        run.n_open = k + 1
        run.ph_at[len(parts)] = f"<{n}>"
        parts.append(chr(_OPEN0 + k) if k < _SPAN else "\ufffc")
        if text:
            parts.append(text)
        for child in el:
            self._inline(child, run, depth + 1)
            tail = child.tail
            if tail:
                parts.append(tail)
        k = run.n_close
        run.n_close = k + 1
        run.ph_at[len(parts)] = f"</{n}>"
        parts.append(chr(_CLOSE0 + k) if k < _SPAN else "\ufffc")


class _RunText:
    """The text of one run as :func:`~l10n.documents.inline.collapse_run` takes it.

    ``parts`` holds raw texts and placeholder marks (``ph_at``: index -> placeholder);
    ``placeholders`` maps each number to its element and mode for the rebuild.
    """

    __slots__ = ("attr_targets", "n_close", "n_empty", "n_open", "parts", "ph_at", "placeholders")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.ph_at: dict[int, str] = {}
        self.placeholders: dict = {}
        self.attr_targets: list = []
        self.n_open = self.n_close = self.n_empty = 0

    def empty(self, ph: str) -> None:
        """Add an empty placeholder (``<n/>``)."""
        k = self.n_empty
        self.n_empty = k + 1
        self.ph_at[len(self.parts)] = ph
        self.parts.append(chr(_EMPTY0 + k) if k < _SPAN else "\ufffc")


def _walk(root, roots, keep_locs: bool = True) -> _Walker:
    walker = _Walker(root, root.getroottree(), keep_locs)
    # The walk recurses once per level, and pages nest up to libxml2's limit of 2048.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        walker.head()
        for el in roots:
            walker.walk(el, is_root=True)
    finally:
        sys.setrecursionlimit(limit)
    return walker


# --------------------------------------------------------------------------- reading


def read_html(
    data: bytes,
    *,
    path: Path,
    shown: str,
    lang: str,
    doc_id: str,
    selectors: dict[str, str] | None = None,
) -> Document:
    """Read an HTML release into a :class:`~l10n.model.Document`.

    :raises DocumentError: empty, binary or undecodable input.
    :raises ConfigError: a configured selector is not valid CSS/XPath.
    """
    if not data.strip():
        raise DocumentError("the file is empty; a release needs some text", path=shown)
    codec = plain_utf8_codec(data)
    if codec is not None and len(data.translate(None, _CONTROL_BYTES)) == len(data):
        source = data  # already what the parser gets: UTF-8 without stray controls
    else:
        text, codec = decode_bytes(data, shown=shown, declared=declared_html_charset(data), lang=lang)
        # Browsers replace stray C0 controls; libxml2 would stop at them.
        source = _CONTROLS.sub("\ufffd", text).encode("utf-8", "replace")
    root = parse_html(source, shown)
    tree = root.getroottree()
    # One Python proxy per element, kept alive for the whole read: the article search and
    # the walk then reuse them instead of making new ones at every visit.
    elements = list(root.iter())
    names = [shown, Path(shown).name]
    roots, warnings = _roots_by_config(root, selectors, names)
    if not roots:
        roots = find_article(root, elements)
        headline = _headline_outside(root, roots)
        if headline is not None:
            roots = [headline, *roots]
    walker = _walk(root, roots, keep_locs=False)
    del elements
    skeleton = HtmlSkeleton(source=source, roots=tuple(tree.getpath(r) for r in roots))
    return Document(
        path=path,
        doc_id=doc_id,
        lang=lang,
        format="html",
        blocks=tuple(walker.blocks),
        skeleton=skeleton,
        encoding=codec,
        warnings=tuple(warnings),
        notes=walker.notes,
    )


def _placeholder_note(el, mode: str) -> str:
    """What an empty placeholder stands for, for the translator (``<2/>`` in a msgid)."""
    tag = el.tag
    if mode == "empty":
        if tag == "br":
            return "line break"
        if tag == "img":
            alt = " ".join((el.get("alt") or "").split())
            return f'image "{alt}"' if alt else "image"
        return f"empty <{tag}>"
    text = " ".join(_text_content(el).split())
    if len(text) > 60:
        text = text[:59] + "…"
    if _translate_no(el):
        why = "kept as written (translate=no)"
    elif tag == "a":
        why = "a permalink"
    else:
        why = f"<{tag}>, kept as written"
    return f'"{text}", {why}' if text else why


def iter_article_text(doc: Document) -> Iterator[str]:
    """Plain text of the blocks (placeholders removed), for tests and diagnostics."""
    for block in doc.blocks:
        yield re.sub(r"</?\d+/?>", "", block.text)

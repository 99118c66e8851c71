"""STAGE 1 for HTML: find the article, turn its text into placeholder blocks; and back.

lxml is the only HTML parser. The reader records the decoded page and the element paths
of the article roots in the skeleton; :func:`render_html` parses the same bytes again,
walks the same tree the same way (so block ids and placeholder numbers match), and writes
translations into it. Everything outside the article is left as it was.
"""

from __future__ import annotations

import copy
import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
from lxml import etree

from ..errors import ConfigError, DocumentError
from ..model import Block, Document
from .encoding import declared_html_charset, decode_bytes
from .inline import check_structure, collapse_whitespace, escape_text

__all__ = ["HtmlSkeleton", "find_article", "read_html", "render_html"]

INLINE_TAGS = frozenset(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i img ins kbd label mark nobr "
    "q rp rt ruby s samp small span strike strong sub sup time tt u var wbr".split()
)
_VOID = frozenset({"br", "img", "wbr"})
# Never extracted, never moved: kept byte-for-byte in the tree.
_SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas select textarea button "
    "input form nav aside footer pre head audio video map dialog link meta".split()
)
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
_WHOLE = frozenset({"heading", "title", "meta-description", "alt", "title-attr"})
_CHROME_ROLES = frozenset(
    "navigation banner contentinfo complementary search menu menubar toolbar dialog".split()
)
_CHROME_WORDS = frozenset(
    "nav navbar navigation menu breadcrumb breadcrumbs crumb crumbs footer share sharing social "
    "related sidebar sphinxsidebar toolbar copyright comment comments pager pagination widget "
    "advert ads banner subscribe newsletter print fontsize backtotop shortcuts masthead topbar "
    "tags skiplink".split()
)
_CHROME_TEXT = re.compile(
    r"""^(?:首页|主页|网站首页|Home|当前位置|您的位置|您现在的位置|You\ are\ here)\s*[:：]?\s*(?:[>»›/]|$)
    | ^(?:当前位置|您的位置|您现在的位置|位置)\s*[:：]
    | [【\[]\s*大\s*中\s*小\s*[】\]] | 字号\s*[:：]? | 字体\s*[:：]\s*[【\[]?大
    | [【\[]\s*(?:打印|关闭|打印本页|关闭窗口|收藏|纠错)\s*[】\]]
    | \[\s*Large\s*\|\s*Medium\s*\|\s*Small\s*\] | \[\s*(?:Print|Close|Print\ this\ page|Close\ window)\s*\]
    | ^Font\ size\s*:
    | ^(?:打印本页|关闭窗口|打印|关闭|Print|Print\ this\ page|Close\ window)$
    | ^(?:分享到|分享|Share\ this|Share\ on|Share)\s*[:：]?
    | ^(?:©|\(c\)\ |Copyright|版权所有|版权声明)
    | ^(?:上一篇|下一篇|Previous|Next)\s*(?:文章|post|article)?\s*[:：]
    | ^(?:相关链接|相关文档|相关新闻|相关阅读|相关附件|相关文章|Related\ (?:links|articles|documents|news|posts|stories))\s*[:：]?$
    | ^(?:返回顶部|Back\ to\ top)$
    """,
    re.IGNORECASE | re.VERBOSE,
)
_BREADCRUMB_SEP = re.compile(r"\s[>»›]\s")
_PLACEHOLDER = re.compile(r"</?\d+/?>")
_COMMAS = re.compile(r"[,，、。;；]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _is_element(el) -> bool:
    return isinstance(el.tag, str)


def _translate_no(el) -> bool:
    return (el.get("translate") or "").strip().lower() == "no" or "notranslate" in (el.get("class") or "").split()


def _hidden(el) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _chrome_attrs(el) -> bool:
    if el.tag in {"html", "body", "main", "article"}:
        return False
    if (el.get("role") or "").strip().lower() in _CHROME_ROLES:
        return True
    for value in (el.get("class"), el.get("id")):
        if not value:
            continue
        for token in value.lower().split():
            if token in _CHROME_WORDS or token.replace("-", "").replace("_", "") in _CHROME_WORDS:
                return True
            if any(part in _CHROME_WORDS for part in re.split(r"[-_]+", token)):
                return True
    return False


def is_chrome_text(text: str) -> bool:
    """Whether a short text is page furniture (breadcrumb, print/font links, copyright...).

    >>> is_chrome_text("首页 > 新闻动态 > 正文")
    True
    >>> is_chrome_text("【大 中 小】【打印】【关闭】")
    True
    >>> is_chrome_text("The institute opened a new laboratory on Monday.")
    False
    """
    text = text.strip()
    if not text or len(text) > 160:
        return False
    if len(_BREADCRUMB_SEP.findall(text)) >= 2 and len(text) < 120:
        return True
    return bool(_CHROME_TEXT.search(text))


def _is_permalink(el) -> bool:
    """A heading's or figure's self-link ("#", "¶"): page furniture, kept as it is."""
    if el.tag != "a":
        return False
    if "headerlink" in (el.get("class") or "").split():
        return True
    return (el.get("href") or "").startswith("#") and (el.text_content() or "").strip() in {"#", "¶", "§", "🔗"}


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
    """Parse UTF-8 bytes into an lxml root element (the same way every time)."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=False)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentError(f"no HTML content could be parsed ({exc}); is this an HTML page?", path=shown) from exc
    if root is None or not _is_element(root):
        raise DocumentError("no HTML content could be parsed; is this an HTML page?", path=shown)
    return root


def _text_lengths(root) -> tuple[dict, dict]:
    """Visible text length and link text length of every element (bottom-up, one pass)."""
    tlen: dict = {}
    llen: dict = {}
    for el in reversed(list(root.iter())):
        if not _is_element(el):
            continue
        if el.tag in {"script", "style", "noscript", "template"}:
            tlen[el] = 0
            llen[el] = 0
            continue
        n = len((el.text or "").strip())
        links = 0
        for child in el:
            n += tlen.get(child, 0) + len((child.tail or "").strip())
            links += llen.get(child, 0)
        tlen[el] = n
        llen[el] = n if el.tag == "a" else links
    return tlen, llen


def _own_text(el) -> str:
    return " ".join(el.text_content().split())


def find_article(root) -> list:
    """The article body by a content heuristic: text density, paragraphs, link density.

    Paragraph-like elements outside page chrome score their parent and grandparent
    (more text and more commas score higher); each candidate is discounted by its link
    density, and the best one is widened to an enclosing ``<article>``/``<main>`` when
    that holds most of its text.
    """
    body = root.find("body")
    if body is None:
        body = root
    tlen, llen = _text_lengths(root)
    chrome: dict = {}
    for el in body.iter():
        if not _is_element(el):
            continue
        parent = el.getparent()
        inherited = chrome.get(parent, False) if parent is not None else False
        chrome[el] = inherited or (
            el is not body
            and (
                el.tag in _SKIP_TAGS
                or _hidden(el)
                or _chrome_attrs(el)
                or (tlen.get(el, 0) <= 160 and el.tag not in INLINE_TAGS and is_chrome_text(_own_text(el)))
            )
        )
    scores: dict = {}
    for el in body.iter("p", "li", "td", "dd", "blockquote", "div", "section", "span"):
        if chrome.get(el, True):
            continue
        if el.tag in {"div", "section", "span"}:
            direct = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
            if direct < 25:
                continue
            length = direct
        else:
            length = tlen.get(el, 0)
        if length < 20:
            continue
        direct_text = (el.text or "") + "".join(c.tail or "" for c in el)
        score = 1 + min(len(_COMMAS.findall(direct_text)), 10) + min(length / 100, 3)
        node = el.getparent()
        for divisor in (1, 2, 3):
            if node is None or not _is_element(node):
                break
            scores[node] = scores.get(node, 0.0) + score / divisor
            node = node.getparent()
    if not scores:
        return [body]
    best, best_score = None, -1.0
    for el, score in scores.items():
        total = tlen.get(el, 0) or 1
        final = score * (1 - min(llen.get(el, 0) / total, 1))
        if final > best_score:
            best, best_score = el, final
    for anc in best.iterancestors():
        if anc is body or anc.tag == "html":
            break
        if anc.tag in {"article", "main"} or (anc.get("role") or "").lower() == "main":
            if tlen.get(best, 0) >= 0.5 * tlen.get(anc, 1):
                best = anc
            break
    return [best]


def _site_names(root) -> list[str]:
    names = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in {"og:site_name", "application-name"} and meta.get("content"):
            names.append(meta.get("content").strip())
        if key == "og:url" and meta.get("content"):
            names.append(urlparse(meta.get("content")).netloc)
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            names.append(urlparse(link.get("href")).netloc)
    return [n for n in names if n]


def _select(root, selector: str) -> list:
    try:
        if selector.startswith(("/", "(")):
            found = root.xpath(selector)
        else:
            from lxml.cssselect import CSSSelector

            found = CSSSelector(selector)(root)
    except ImportError as exc:  # pragma: no cover - cssselect is a dependency
        raise ConfigError("CSS selectors need the cssselect package: pip install cssselect") from exc
    except Exception as exc:
        raise ConfigError(f"bad article selector {selector!r} in [tool.l10n.selectors]: {exc}") from exc
    if not isinstance(found, list):
        return []
    elements = [el for el in found if isinstance(el, etree._Element) and _is_element(el)]
    # Drop elements nested in another match.
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def _roots_by_config(root, selectors: dict[str, str] | None, names: list[str]) -> tuple[list, list[str]]:
    if not selectors:
        return [], []
    sites = _site_names(root)
    for pattern, selector in selectors.items():
        pat = pattern.lower()
        if any(fnmatch.fnmatch(n.lower(), pat) for n in names + sites):
            found = _select(root, selector)
            if found:
                return found, []
            return [], [f"article selector {selector!r} (for {pattern!r}) matched nothing; used the content heuristic"]
    return [], []


# --------------------------------------------------------------------------- the walk


class _Walker:
    """Turns article roots into blocks; the same walk finds the elements again on rebuild."""

    def __init__(self, root, tree) -> None:
        self.root = root
        self.tree = tree
        self.blocks: list[Block] = []
        self.locs: list[_Loc] = []
        self._block_desc: dict = {}
        self._paths: dict = {}

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
        counts: dict = {}
        for child in parent:
            if _is_element(child):
                counts[child.tag] = counts.get(child.tag, 0) + 1
        seen: dict = {}
        for child in parent:
            if _is_element(child):
                seen[child.tag] = seen.get(child.tag, 0) + 1
                suffix = f"[{seen[child.tag]}]" if counts[child.tag] > 1 else ""
                self._paths[child] = f"{base}/{child.tag}{suffix}"
        return self._paths[el]

    def _add(self, kind: str, text: str, el, loc: _Loc, path: str | None = None) -> None:
        plain = _PLACEHOLDER.sub("", text) if "<" in text else text
        if not _LETTER.search(plain):
            return
        if is_chrome_text(plain) and kind not in {"title", "meta-description"}:
            return
        self.blocks.append(
            Block(
                id=f"b{len(self.blocks) + 1}",
                kind=kind,
                text=text,
                line=getattr(el, "sourceline", None) or 1,
                path=path if path is not None else self.path(el),
                splittable=kind not in _WHOLE,
            )
        )
        self.locs.append(loc)

    def _has_block_descendant(self, el) -> bool:
        cached = self._block_desc.get(el)
        if cached is None:
            cached = any(
                _is_element(d) and (d.tag not in INLINE_TAGS or d.tag in _SKIP_TAGS) for d in el.iterdescendants()
            )
            self._block_desc[el] = cached
        return cached

    def _separates(self, el) -> bool:
        """Whether a child ends a run of inline content (a block-level or opaque element)."""
        if not _is_element(el):
            return False
        if el.tag not in INLINE_TAGS:
            return True
        if _translate_no(el):
            return False
        return self._has_block_descendant(el)

    def _skip(self, el) -> bool:
        if not _is_element(el) or el.tag in _SKIP_TAGS or _translate_no(el) or _hidden(el) or _chrome_attrs(el):
            return True
        if el.tag == "header":
            return not any(True for _ in el.iter("h1", "h2", "h3"))
        return False

    # ---- head
    def head(self) -> None:
        title = None
        head = self.root.find("head")
        for el in (head if head is not None else self.root).iter("title"):
            title = el
            break
        if title is not None:
            text = collapse_whitespace([("text", escape_text(title.text or ""))])
            self._add("title", text, title, _Loc("title", title))
        for meta in self.root.iter("meta"):
            if (meta.get("name") or "").strip().lower() == "description" and meta.get("content"):
                text = collapse_whitespace([("text", escape_text(meta.get("content")))])
                self._add("meta-description", text, meta, _Loc("attr", meta, attr="content"))
                break

    # ---- body
    def walk(self, el, context: str = "paragraph", is_root: bool = False) -> None:
        """Blocks of ``el`` in document order (iterative over siblings, recursive in depth)."""
        if not is_root and self._skip(el):
            return
        kind = _KIND_OF.get(el.tag, context)
        self._attrs(el, [el])
        lead = None
        items: list = []
        for child in el:
            if self._separates(child):
                self._run(el, lead, items, kind)
                self.walk(child, kind if kind != "heading" else "paragraph")
                lead, items = child, []
            else:
                items.append(child)
        self._run(el, lead, items, kind)

    def _attrs(self, owner, elements) -> None:
        for el in elements:
            for attr, kind in (("alt", "alt"), ("title", "title-attr")):
                value = el.get(attr)
                if value and (attr == "alt" or el.tag != "html"):
                    text = collapse_whitespace([("text", escape_text(value))])
                    self._add(kind, text, el, _Loc("attr", el, attr=attr), path=f"{self.path(el)}/@{attr}")

    def _run(self, container, lead, items, kind) -> None:
        if not items:
            lead_text = container.text if lead is None else lead.tail
            if not lead_text or lead_text.isspace():
                return
        pieces: list[tuple[str, str]] = []
        placeholders: dict = {}
        attr_targets: list = []
        self._text(pieces, container.text if lead is None else lead.tail)
        for item in items:
            self._inline(item, pieces, placeholders, attr_targets)
            self._text(pieces, item.tail)
        merged: list[tuple[str, str]] = []
        for piece in pieces:
            if merged and piece[0] == "text" and merged[-1][0] == "text":
                merged[-1] = ("text", merged[-1][1] + piece[1])
            else:
                merged.append(piece)
        text = collapse_whitespace([(k, escape_text(v) if k == "text" else v) for k, v in merged])
        if text:
            anchor = container if lead is None and not items else (items[0] if items else lead)
            loc = _Loc("run", container, lead=lead, items=list(items), placeholders=placeholders)
            line = getattr(anchor, "sourceline", None) or container.sourceline or 1
            before = len(self.blocks)
            self._add(kind, text, container, loc)
            if len(self.blocks) > before:
                self.blocks[-1] = Block(
                    id=self.blocks[-1].id, kind=kind, text=text, line=line,
                    path=self.blocks[-1].path, splittable=kind not in _WHOLE,
                )
        self._attrs(container, attr_targets)

    @staticmethod
    def _text(pieces, value) -> None:
        if value:
            pieces.append(("text", value))

    def _inline(self, el, pieces, placeholders, attr_targets, depth: int = 0) -> None:
        if not _is_element(el):
            return  # comments and processing instructions are dropped from the text
        n = len(placeholders) + 1
        if _translate_no(el) or el.tag in _SKIP_TAGS or depth > 200 or _is_permalink(el):
            placeholders[n] = (el, "deep")
            pieces.append(("ph", f"<{n}/>"))
            return
        attr_targets.append(el)
        if el.tag in _VOID or (len(el) == 0 and not el.text):
            placeholders[n] = (el, "empty")
            pieces.append(("ph", f"<{n}/>"))
            return
        placeholders[n] = (el, "pair")
        pieces.append(("ph", f"<{n}>"))
        self._text(pieces, el.text)
        for child in el:
            self._inline(child, pieces, placeholders, attr_targets, depth + 1)
            self._text(pieces, child.tail)
        pieces.append(("ph", f"</{n}>"))


def _walk(root, roots) -> _Walker:
    walker = _Walker(root, root.getroottree())
    walker.head()
    for el in roots:
        walker.walk(el, is_root=True)
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
    text, codec = decode_bytes(data, shown=shown, declared=declared_html_charset(data), lang=lang)
    # Browsers replace stray C0 controls; libxml2 would stop at them.
    source = _CONTROLS.sub("\ufffd", text).encode("utf-8", "replace")
    root = parse_html(source, shown)
    tree = root.getroottree()
    names = [shown, Path(shown).name]
    roots, warnings = _roots_by_config(root, selectors, names)
    if not roots:
        roots = find_article(root)
    walker = _walk(root, roots)
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
    )


# --------------------------------------------------------------------------- rebuilding


def _rewalk(doc: Document):
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


def _apply_run(root, loc: _Loc, tokens) -> None:
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
    container = loc.element
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
        _apply_run(root, loc, tokens)
    _set_language_and_charset(root, target_lang)
    tree = root.getroottree()
    out = lxml.html.tostring(tree, encoding="unicode", method="html", doctype=tree.docinfo.doctype or None)
    return out.encode("utf-8")


def _set_language_and_charset(root, target_lang: str) -> None:
    root.set("lang", target_lang)
    if root.get("{http://www.w3.org/XML/1998/namespace}lang") is not None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", target_lang)
    if root.get("xml:lang") is not None:
        root.set("xml:lang", target_lang)
    for meta in list(root.iter("meta")):
        if meta.get("charset") is not None or (meta.get("http-equiv") or "").strip().lower() == "content-type":
            _remove_keep_tail(meta)
    head = root.find("head")
    if head is None:
        head = root.makeelement("head")
        root.insert(0, head)
    meta = root.makeelement("meta", {"charset": "utf-8"})
    meta.tail = head.text
    head.text = None
    head.insert(0, meta)


def iter_article_text(doc: Document) -> Iterator[str]:
    """Plain text of the blocks (placeholders removed), for tests and diagnostics."""
    for block in doc.blocks:
        yield re.sub(r"</?\d+/?>", "", block.text)

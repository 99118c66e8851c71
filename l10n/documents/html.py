"""STAGE 1 for HTML: find the article, turn its text into placeholder blocks; and back.

lxml is the only HTML parser. The reader records the decoded page and the element paths
of the article roots in the skeleton; :func:`render_html` parses the same bytes again,
walks the same tree the same way (so block ids and placeholder numbers match), and writes
translations into it. Everything outside the article is left as it was.
"""

from __future__ import annotations

import copy
import dataclasses
import fnmatch
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
from lxml import etree

from ..errors import ConfigError, DocumentError
from ..lang import get_profile
from ..model import Block, Document
from .encoding import declared_html_charset, decode_bytes, plain_utf8_codec
from .inline import check_structure, collapse_run, collapse_text

__all__ = ["HtmlSkeleton", "find_article", "read_html", "render_html"]

# Private-use marks of collapse_run: first opening, closing and empty mark, and how many of each.
_OPEN0, _CLOSE0, _EMPTY0, _SPAN = 0xE000, 0xE800, 0xF000, 0x800

INLINE_TAGS = frozenset(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i img ins kbd label mark nobr "
    "q rp rt ruby s samp small span strike strong sub sup time tt u var wbr".split()
)
_VOID = frozenset({"br", "img", "wbr"})
# Never extracted, never moved: kept byte-for-byte in the tree.
_SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas select textarea button "
    "input nav aside footer pre head audio video map dialog link meta".split()
)
# Skipped as page furniture, but content inside a story: an <aside> "key facts" box in an
# <article>, the <footer> naming a quotation's source (see _story_part).
_SECTION_CHROME = frozenset({"aside", "footer"})
_STORY_CONTAINERS = {"aside": frozenset({"article"}), "footer": frozenset({"blockquote", "figure"})}
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
_ALWAYS = frozenset({"title", "meta-description", "meta-keywords"})  # kept even when they look like chrome
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
_CHROME_ROLES = frozenset(
    "navigation banner contentinfo complementary search menu menubar toolbar dialog".split()
)
_CHROME_WORDS = frozenset(
    "nav navbar navigation menu breadcrumb breadcrumbs crumb crumbs footer share sharing social "
    "related sidebar sphinxsidebar toolbar copyright comment comments pager pagination widget "
    "advert ads banner subscribe newsletter print fontsize backtotop shortcuts masthead topbar "
    "tags skiplink".split()
)
# Page-furniture texts: patterns anchored at the start of the text (tried with ``match``)...
_CHROME_START = re.compile(
    r"""^(?:首页|主页|网站首页|Home|当前位置|您的位置|您现在的位置|You\ are\ here)\s*[:：]?\s*(?:[>»›/]|$)
    | ^(?:当前位置|您的位置|您现在的位置|位置)\s*[:：]
    | ^Font\ size\s*:
    | ^(?:打印本页|关闭窗口|打印|关闭|Print|Print\ this\ page|Close\ window)$
    | ^(?:分享到|Share\ this|Share\ on)\s*[:：]?
    | ^(?:分享|Share)\s*(?:[:：].{0,80})?$
    | ^(?:©|\(c\)\ |Copyright\s*(?:©|\(c\)|\d{4})|版权所有|版权声明)
    | ^(?:上一篇|下一篇|上一条|下一条|Previous|Next)\s*(?:文章|新闻|post|article)?\s*[:：]
    | ^(?:相关链接|相关文档|相关新闻|相关阅读|相关附件|相关文章|Related\ (?:links|articles|documents|news|posts|stories))\s*[:：]?$
    | ^(?:返回顶部|Back\ to\ top)$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The characters a _CHROME_START match can begin with (checked first): the first character
# of each alternative, and its other cases ("ſ" matches "s" under IGNORECASE).
_CHROME_FIRST = frozenset("首主网当您位打关分©(版上下相返HhYyFfPpCcSsſNnRrBb")
# Byline and counter lines ("来源：…", "Posted on … by …"): the lower-cased start is one
# of these (a C-level startswith first), then the pattern decides.
_LABELS = (
    "来源", "作者", "发布时间", "发布日期", "发表时间", "更新时间", "文章来源", "信息来源", "责任编辑", "编辑",
    "浏览次数", "点击数", "阅读次数", "source", "author", "published", "posted", "editor", "updated",
)
_LABEL_LINE = re.compile(
    r"(?:来源|作者|发布时间|发布日期|发表时间|更新时间|文章来源|信息来源|责任编辑|编辑|浏览次数|点击数|阅读次数"
    r"|source|authors?|published|posted|editor|updated)\s*[:：]|posted\ (?:on|by)\b"
)
# ... and anywhere in it; each of these starts with "【", "[", "字", "|" or "｜" (checked first).
_CHROME_ANYWHERE = re.compile(
    r"""[【\[]\s*大\s*中\s*小\s*[】\]] | 字号\s*[:：]? | 字体\s*[:：]\s*[【\[]?大
    | [【\[]\s*(?:打印|关闭|打印本页|关闭窗口|收藏|纠错)\s*[】\]]
    | \[\s*Large\s*\|\s*Medium\s*\|\s*Small\s*\] | \[\s*(?:Print|Close|Print\ this\ page|Close\ window)\s*\]
    | [|｜]\s*(?:Print|Close|打印|关闭)\s*(?:[|｜]|$)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_BREADCRUMB_SEP = re.compile(r"\s[>»›]\s")
_CHROME_CHARS = re.compile(r"[【\[字>»›|｜]")  # in every chrome text not starting with _CHROME_FIRST
_PLACEHOLDER = re.compile(r"</?\d+/?>")
_COMMA_CHARS = ",，、。;；"  # counted in a candidate's own text
_ASCII_COMMAS = ",;"  # the ones an ASCII text can hold (str.isascii() is O(1))
_LETTER = re.compile(r"[^\W\d_]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes (for bytes.translate's delete argument).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _text_content(el) -> str:
    """The element's text content, as lxml.html's ``text_content()`` (XPath ``string()``) gives it."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


_NO_TEXT = frozenset({"script", "style", "noscript", "template"})
_SCORED_TAGS = ("p", "li", "td", "dd", "blockquote", "div", "section", "span")  # in iteration order
_DIRECT_ONLY = frozenset({"div", "section", "span"})
# Attributes that _hidden / _chrome_attrs / _translate_no look at: an element with none of
# them is neither hidden, nor chrome by its attributes, nor translate="no".
_FLAG_ATTRS = frozenset({"hidden", "aria-hidden", "style", "role", "class", "id", "translate"})


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
    if (
        len(text) < 120
        and (">" in text or "»" in text or "›" in text)
        and len(_BREADCRUMB_SEP.findall(text)) >= 2
    ):
        return True
    if text[0] in _CHROME_FIRST and _CHROME_START.match(text) is not None:
        return True
    if _is_label_line(text):
        return True
    return (
        "【" in text or "[" in text or "字" in text or "|" in text or "｜" in text
    ) and _CHROME_ANYWHERE.search(text) is not None


_LABEL_FIRST = frozenset("来作发更文信责编浏点阅SsAaPpEeUu")  # the first characters of _LABELS


def _is_label_line(text: str) -> bool:
    """Whether a text starts like a byline or counter line (``_LABELS``)."""
    if text[0] not in _LABEL_FIRST:
        return False
    head = text[:32].lower()
    return head.startswith(_LABELS) and _LABEL_LINE.match(head) is not None


def _wanted(kind: str, text: str) -> bool:
    """Whether a block text is worth a block: it holds a letter, and is not page furniture.

    Placeholders (``<1>``, ``</1>``, ``<2/>``) hold no letters, so the letter test runs on
    the text as it is; the chrome test needs the text without them, and only when that
    could be short enough to be chrome.
    """
    if not (text[:1].isalpha() or _LETTER.search(text)):  # isalpha() implies a [^\W\d_] match
        return False
    if kind in _ALWAYS:
        return True
    if "<" in text:
        tags = text.count("<")  # a placeholder is "<", up to two "/", its number and ">"
        if (
            len(text) - tags * (4 + len(str(tags))) > 160
            and text[0] != "<"
            and text[-1] != ">"
            and not text[0].isspace()
            and not text[-1].isspace()
        ):
            return True  # the text without placeholders is longer than chrome, and unpadded
        plain = _PLACEHOLDER.sub("", text)
    else:
        plain = text
    # is_chrome_text says no to anything longer than 160 characters once stripped.
    return not ((len(plain) <= 160 or plain[0].isspace() or plain[-1].isspace()) and is_chrome_text(plain))


def _story_part(el) -> bool:
    """Whether an ``<aside>``/``<footer>`` belongs to a story: an aside inside an
    ``<article>`` (a "key facts" box), a footer naming a quotation's or figure's source.
    (An article's own footer holds tags and share links: chrome.)"""
    containers = _STORY_CONTAINERS[el.tag]
    for anc in el.iterancestors():
        tag = anc.tag
        if tag in containers:
            return True
        if tag in {"article", "section", "body", "main", "html"}:
            return False
    return False


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


def _is_permalink(el) -> bool:
    """A heading's or figure's self-link ("#", "¶"): page furniture, kept as it is."""
    if el.tag != "a":
        return False
    if "headerlink" in (el.get("class") or "").split():
        return True
    return (el.get("href") or "").startswith("#") and _text_content(el).strip() in {"#", "¶", "§", "🔗"}


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


def _text_lengths(root, nodes: list | None = None) -> tuple[dict, dict]:
    """Visible text length and link text length of every element (bottom-up, one pass).

    ``nodes`` is ``list(root.iter())`` when the caller has it already. Each node, children
    before parents, hands its total (and its tail) to its parent, so no child list is
    walked twice. Comments and processing instructions count by their tails only.
    ``llen`` holds only the elements with link text (absent means 0).
    """
    tlen: dict = {}
    llen: dict = {}
    acc: dict = {}  # text length of the children handed up so far, by parent
    lacc: dict = {}  # the same for link text
    for el in reversed(nodes if nodes is not None else list(root.iter())):
        tag = el.tag
        parent = el.getparent()
        tail = el.tail
        if tag.__class__ is not str:
            if tail and parent is not None:
                acc[parent] = acc.get(parent, 0) + len(tail.strip())
            continue
        if tag in _NO_TEXT:
            n = links = 0
            acc.pop(el, None)
            lacc.pop(el, None)
        else:
            text = el.text
            n = (len(text.strip()) if text else 0) + acc.pop(el, 0)
            links = n if tag == "a" else lacc.pop(el, 0)
        tlen[el] = n
        if parent is not None:
            acc[parent] = acc.get(parent, 0) + n + (len(tail.strip()) if tail else 0)
        if links:
            llen[el] = links
            if parent is not None:
                lacc[parent] = lacc.get(parent, 0) + links
    return tlen, llen


def _own_text(el) -> str:
    if len(el) == 0:  # no children: the text content is the element's text
        return " ".join((el.text or "").split())
    return " ".join(_text_content(el).split())


def _chrome_own_text(el) -> bool:
    """``is_chrome_text(_own_text(el))``, without normalising texts that cannot be chrome.

    Chrome text starts with a character of ``_CHROME_FIRST`` or holds one of "【[字>»›"
    (see :func:`is_chrome_text`); normalising whitespace changes neither.
    """
    content = (el.text or "") if len(el) == 0 else _text_content(el)
    start = content.lstrip()
    if not start or (
        start[0] not in _CHROME_FIRST and _CHROME_CHARS.search(content) is None and not _is_label_line(start)
    ):
        return False
    return is_chrome_text(" ".join(content.split()))


def find_article(root, nodes: list | None = None) -> list:
    """The article body by a content heuristic: text density, paragraphs, link density.

    Paragraph-like elements outside page chrome score their parent and grandparent
    (more text and more commas score higher); each candidate is discounted by its link
    density, and the best one is widened to an enclosing ``<article>``/``<main>`` when
    that holds most of its text. ``nodes`` is ``list(root.iter())`` when the caller has it.
    """
    body = root.find("body")
    if body is None:
        body = root
    tlen, llen = _text_lengths(root, nodes)
    tget = tlen.get
    # The paragraph-like elements in document order, each unless it sits in page chrome.
    # An element is chrome when it or an ancestor looks like chrome; that is worked out
    # on the way up from each candidate and remembered, so elements off those paths
    # (links and emphasis inside paragraphs) are never looked at.
    chrome: dict = {body: False}
    scores: dict = {}
    for el in body.iter(*_SCORED_TAGS):
        # Its length first: an element too short to score needs no chrome verdict (one of
        # its descendants, when it has any, works the verdict out on its way up).
        tag = el.tag
        text = el.text or ""
        if tag in _DIRECT_ONLY:
            direct = len(text.strip())
            for c in el:
                tail = c.tail
                if tail:
                    direct += len(tail.strip())
            if direct < 25:
                continue
            length = direct
        else:
            length = tget(el, 0)
            if length < 20:
                continue
        is_chrome = chrome.get(el)
        if is_chrome is None:
            chain = [el]
            node = el.getparent()
            while (is_chrome := chrome.get(node)) is None:
                chain.append(node)
                node = node.getparent()
            for node in reversed(chain):
                if not is_chrome:
                    tag = node.tag
                    is_chrome = (
                        tag in _SKIP_TAGS
                        or (not _FLAG_ATTRS.isdisjoint(node.keys()) and (_hidden(node) or _chrome_attrs(node)))
                        or (tget(node, 0) <= 160 and tag not in INLINE_TAGS and _chrome_own_text(node))
                    )
                chrome[node] = is_chrome
        if is_chrome:
            continue
        direct_text = text + "".join([c.tail or "" for c in el]) if len(el) else text
        commas = sum(map(direct_text.count, _ASCII_COMMAS if direct_text.isascii() else _COMMA_CHARS))
        score = 1 + min(commas, 10) + min(length / 100, 3)
        # The parent, grandparent and great-grandparent get score / 1, / 2, / 3.
        node = el.getparent()
        if node is not None:
            scores[node] = scores.get(node, 0.0) + score
            node = node.getparent()
            if node is not None:
                scores[node] = scores.get(node, 0.0) + score / 2
                node = node.getparent()
                if node is not None:
                    scores[node] = scores.get(node, 0.0) + score / 3
    if not scores:
        return [body]
    best, best_score = None, -1.0
    lget = llen.get
    for el, score in scores.items():
        total = tget(el, 0) or 1
        final = score * (1 - min(lget(el, 0) / total, 1))
        if final > best_score:
            best, best_score = el, final
    for anc in best.iterancestors():
        if anc is body or anc.tag == "html":
            break
        if anc.tag in {"article", "main"} or (anc.get("role") or "").lower() == "main":
            if tget(best, 0) >= 0.5 * tget(anc, 1):
                best = anc
            break
    return [best]


_HEADLINE_TAGS = ("h1", "h2", "h3", "td", "th", "div", "p")


def _headline_outside(root, roots: list):
    """The page's headline when it sits before the article body found, outside it.

    CMS templates often put the headline in a cell or block of its own above the body
    (``<td class="newstitle">``, ``<h1>`` outside ``<article>``). It is the outermost
    element whose whole text is the first part of the page ``<title>`` (see
    :func:`~l10n.segment.title_parts`), outside page chrome and before the article, when
    the article does not hold that text itself.
    """
    from ..segment import title_parts

    title = root.find("head/title")
    if title is None or not title.text:
        return None
    parts = title_parts(collapse_text(title.text))
    headline = parts[0] if parts else ""
    if len(headline) < 4:
        return None
    found = _preceding_with_text(roots[0], headline)
    if found is None:
        return None
    if any(_TEXT_EQUALS(r, h=headline) for r in roots):
        return None  # the article has its headline
    candidate = None
    for el in (found, *found.iterancestors()):
        if el.tag in {"body", "html"} or _own_text(el) != headline:
            break
        if el.tag in _HEADLINE_TAGS:
            candidate = el
    if candidate is None or _chrome_path(candidate) or any(r in candidate.iter() for r in roots):
        return None
    order = {node: i for i, node in enumerate(root.iter())}
    return candidate if order[candidate] < order[roots[0]] else None


_TEXT_EQUALS = etree.XPath("descendant::text()[normalize-space(.) = $h]")


def _preceding_with_text(el, text: str):
    """The nearest element before ``el`` (not an ancestor, inside ``<body>``) whose own
    text, white space collapsed, is ``text``."""
    size = len(text)
    for anc in (el, *el.iterancestors()):
        if anc.tag in {"body", "html"}:
            return None
        for sibling in anc.itersiblings(preceding=True):
            if sibling.tag.__class__ is not str:
                continue
            for node in reversed(list(sibling.iter(etree.Element))):  # the nearest first
                own = node.text
                if own and len(own) >= size and (own == text or " ".join(own.split()) == text):
                    return node
    return None


def _chrome_path(el) -> bool:
    """Whether the element or an ancestor is skipped, hidden or page chrome."""
    for node in (el, *el.iterancestors()):
        tag = node.tag
        if tag in {"body", "html"}:
            return False
        if tag in _SKIP_TAGS or (
            not _FLAG_ATTRS.isdisjoint(node.keys()) and (_hidden(node) or _chrome_attrs(node) or _translate_no(node))
        ):
            return True
    return False


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


def iter_article_text(doc: Document) -> Iterator[str]:
    """Plain text of the blocks (placeholders removed), for tests and diagnostics."""
    for block in doc.blocks:
        yield re.sub(r"</?\d+/?>", "", block.text)

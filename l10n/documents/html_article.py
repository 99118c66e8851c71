"""Which part of an HTML page is the article, and what around it is page chrome.

The article roots come from a configured selector (``[tool.l10n.selectors]``) or from a
content heuristic (:func:`find_article`: text density, paragraphs, link density), with
the headline added when the page puts it above the body (:func:`_headline_outside`).
The chrome tests (skipped tags, hidden or ``translate="no"`` elements, navigation-like
``class``/``id``/``role`` values, breadcrumb, print and byline texts) and the test of
whether a text is worth a block (:func:`_wanted`) are shared with the walk in
:mod:`l10n.documents.html`, which imports them from here.
"""

from __future__ import annotations

import fnmatch
import re
from urllib.parse import urlparse

from lxml import etree

from ..errors import ConfigError
from .inline import collapse_text

__all__ = ["find_article", "is_chrome_text"]

# The tag and attribute tables below are also the walk's (html.py imports them).
INLINE_TAGS = frozenset(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i img ins kbd label mark nobr "
    "q rp rt ruby s samp small span strike strong sub sup time tt u var wbr".split()
)
# Never extracted, never moved: kept byte-for-byte in the tree.
_SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas select textarea button "
    "input nav aside footer pre head audio video map dialog link meta".split()
)
# Skipped as page furniture, but content inside a story: an <aside> "key facts" box in an
# <article>, the <footer> naming a quotation's source (see _story_part).
_SECTION_CHROME = frozenset({"aside", "footer"})
_STORY_CONTAINERS = {"aside": frozenset({"article"}), "footer": frozenset({"blockquote", "figure"})}
_ALWAYS = frozenset({"title", "meta-description", "meta-keywords"})  # kept even when they look like chrome
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
    "来源", "作者", "发布", "发表时间", "更新时间", "文章来源", "信息来源", "文章出处", "出处", "责任编辑", "编辑",
    "浏览", "点击", "阅读次数", "上传时间", "录入", "审核", "日期", "时间",
    "source", "author", "published", "posted", "editor", "updated", "release date", "views", "text size",
    "share to", "font size", "date", "time",
    *"0123456789", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_LABEL_LINE = re.compile(
    r"(?:来源|作者|发布时间|发布日期|发布者|发布人|发表时间|更新时间|文章来源|信息来源|文章出处|出处|责任编辑|编辑"
    r"|浏览次数|浏览量|点击数|点击|阅读次数|上传时间|录入|审核"
    r"|source|authors?|published|posted|editor|updated|release\ date|views|text\ size|share\ to|font\ size)\s*[:：]"
    r"|posted\ (?:on|by)\b"
    # a date or time label, or a date, followed by another label: 日期：2022-06-15　来源：…
    r"|(?:(?:日期|时间|date|time)\s*[:：]|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|" + _MONTH + r"\ \d{1,2},?\ \d{4})"
    r".{0,40}?(?:来源|作者|点击|浏览|发布|source|\bby\b|views)"
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


# --------------------------------------------------------------------------- page chrome


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
    if text[0] in _LABEL_FIRST and _is_label_line(text):
        return True
    return (
        "【" in text or "[" in text or "字" in text or "|" in text or "｜" in text
    ) and _CHROME_ANYWHERE.search(text) is not None


# _LABELS by their first character, in either case: a text is compared only with the
# labels it could start with.
_LABELS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _label in _LABELS:
    for _first in {_label[0], _label[0].upper()}:
        _LABELS_BY_FIRST[_first] = (*_LABELS_BY_FIRST.get(_first, ()), _label)
_LABEL_FIRST = frozenset(_LABELS_BY_FIRST)


def _is_label_line(text: str) -> bool:
    """Whether a text starts like a byline or counter line (``_LABELS``)."""
    labels = _LABELS_BY_FIRST.get(text[0])
    if labels is None:
        return False
    head = text[:32].lower()
    return head.startswith(labels) and _LABEL_LINE.match(head) is not None


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


def _is_permalink(el) -> bool:
    """A heading's or figure's self-link ("#", "¶"): page furniture, kept as it is."""
    if el.tag != "a":
        return False
    if "headerlink" in (el.get("class") or "").split():
        return True
    return (el.get("href") or "").startswith("#") and _text_content(el).strip() in {"#", "¶", "§", "🔗"}


# --------------------------------------------------------------------------- the content heuristic


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
        start[0] not in _CHROME_FIRST and _CHROME_CHARS.search(content) is None and not (start[0] in _LABEL_FIRST and _is_label_line(start))
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


# --------------------------------------------------------------------------- configured selectors


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

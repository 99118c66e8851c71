"""Markup: numbered inline placeholders, URLs and e-mail addresses.

Inline markup reaches the catalog as ``<1>…</1>`` and ``<2/>``; the rebuild puts the
original tags back by number, so every placeholder of the source must be in the
translation exactly once, balanced and properly nested, and none may be invented.
URLs and e-mail addresses are copied, never translated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from ..model import Entry, Finding, Severity
from . import CheckContext, Example, make_finding, register

__all__ = ["check_markup", "links", "placeholders"]

_PLACEHOLDER_RE = re.compile(r"<(/?)(\d+)(/?)>")
# A URL ends before whitespace, markup, quotes and CJK punctuation; trailing sentence
# punctuation is not part of it.
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"'“”‘’，。；：！？、（）《》【】\u3400-\u9fff\uff00-\uffef]+"
_EMAIL_RE = re.compile(r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_TRAILING = ".,;:!?)]}'\""


@lru_cache(maxsize=1)
def _url_re() -> re.Pattern:
    """The URL pattern, compiled on first use (its CJK ranges take milliseconds to compile)."""
    return re.compile(_URL, re.IGNORECASE)


def placeholders(text: str) -> list[str]:
    """The placeholders of a text in order: ``["<1>", "</1>", "<2/>"]``."""
    if "<" not in text:
        return []
    return [m.group(0) for m in _PLACEHOLDER_RE.finditer(text)]


def links(text: str) -> list[str]:
    """URLs and e-mail addresses in a text, trailing punctuation removed."""
    out = []
    if "://" in text or "www." in text.lower():
        out.extend(m.group(0).rstrip(_TRAILING) for m in _url_re().finditer(text))
    if "@" in text:
        out.extend(m.group(0).rstrip(_TRAILING) for m in _EMAIL_RE.finditer(text))
    return out


def _nesting_problem(tokens: list[str]) -> str | None:
    """What is wrong with the order of placeholder tokens, or None when well formed."""
    stack: list[str] = []
    for token in tokens:
        m = _PLACEHOLDER_RE.fullmatch(token)
        closing, number, selfclosing = m.group(1), m.group(2), m.group(3)
        if selfclosing:
            continue
        if not closing:
            stack.append(number)
        elif not stack:
            return f"</{number}> closes a tag that is not open"
        elif stack[-1] != number:
            return f"</{number}> closes before <{stack[-1]}> is closed (tags must nest)"
        else:
            stack.pop()
    if stack:
        return f"<{stack[-1]}> is never closed"
    return None


def _listing(items) -> str:
    return ", ".join(sorted(items))


@register(
    "markup",
    severity=Severity.ERROR,
    examples=[
        Example(source="请访问<1>研究所网站</1>。", target="Visit the institute website.", fires=True),
        Example(source="请访问<1>研究所网站</1>。", target="Visit the <1>institute website</1>.", fires=False),
        Example(
            source="Read the <1>full report</1><2/>.",
            target="阅读<1>完整报告<2/></1>。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="Read the <1>full <2>annual</2> report</1>.",
            target="阅读<1>完整<2>年度</1>报告</2>。",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="Contact press@example.org or see https://example.org/news.",
            target="请联系press@example.org或访问https://example.org/news。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="详情见https://example.org/zh/news。",
            target="Details at https://example.org/en/news.",
            fires=True,
        ),
        Example(source="欢迎<1/>来访。", target="Welcome <1/> <3/>.", fires=True),
    ],
)
def check_markup(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Placeholders, URLs or e-mail addresses differ from the source.

    Every ``<1>…</1>`` and ``<2/>`` of the source appears once in the translation,
    properly nested, with nothing invented; URLs and e-mail addresses are unchanged.
    """
    source, target = entry.msgid, entry.msgstr
    src_tags, tgt_tags = placeholders(source), placeholders(target)
    if src_tags or tgt_tags:
        src_count, tgt_count = Counter(src_tags), Counter(tgt_tags)
        missing = src_count - tgt_count
        extra = tgt_count - src_count
        if missing:
            yield make_finding("markup", entry, ctx, f"placeholder(s) missing from the translation: {_listing(missing.elements())}")
        if extra:
            invented = [t for t in extra if t not in src_count]
            doubled = [t for t in extra if t in src_count]
            if invented:
                yield make_finding("markup", entry, ctx, f"placeholder(s) not in the source: {_listing(invented)}")
            if doubled:
                yield make_finding("markup", entry, ctx, f"placeholder(s) repeated in the translation: {_listing(doubled)}")
        if not missing and not extra and _nesting_problem(src_tags) is None:
            problem = _nesting_problem(tgt_tags)
            if problem:
                yield make_finding("markup", entry, ctx, f"placeholders badly nested: {problem}")
    src_links = links(source)
    tgt_links = links(target) if src_links or "@" in target or "://" in target or "www." in target.lower() else []
    if src_links or tgt_links:
        gone = [u for u in src_links if u not in target]
        new = [u for u in tgt_links if u not in source]
        if gone:
            yield make_finding("markup", entry, ctx, f"changed or missing URL or e-mail address: {_listing(set(gone))}")
        if new:
            yield make_finding("markup", entry, ctx, f"unknown URL or e-mail address (not in the source): {_listing(set(new))}")

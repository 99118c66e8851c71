"""Punctuation: end punctuation, full-width/half-width mixes, quotes and brackets, spacing.

Everything language-specific comes from the target's and source's
:class:`~l10n.lang.LanguageProfile` (``full_width``, ``punctuation_map``, ``cjk``): the
checks hold no language names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Entry, Finding, Severity
from . import CheckContext, Example, make_finding, profile_of, register

__all__ = ["check_punctuation", "end_kind"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Sentence-final punctuation by kind; the first form of each is the half-width one.
_KINDS = {
    ".": "stop", "。": "stop", "．": "stop", "｡": "stop",
    "?": "question", "？": "question",
    "!": "exclamation", "！": "exclamation",
    ":": "colon", "：": "colon",
    ";": "semicolon", "；": "semicolon",
    "…": "ellipsis",
}  # fmt: skip
_HALF = {"stop": ".", "question": "?", "exclamation": "!", "colon": ":", "semicolon": ";", "ellipsis": "…"}
# Closing marks that may follow the end punctuation: 。” .) 。）</1>
_TAIL_RE = re.compile(r"(?:[\s\"'”’」』》〉)）\]】]|</?\d+/?>)+$")
_ABBREVIATION_END_RE = re.compile(r"(?:\b(?:etc|Ltd|Inc|Co|Corp|Jr|Sr|St|No|vs|al)|\b(?:[A-Za-z]\.){2,})\.$")
# Half-width punctuation between CJK characters.
_HALF_IN_CJK_RE = re.compile(rf"[{_CJK}]\s?([,;:?!()]|\.(?!\.))\s?(?=[{_CJK}])")
_HALF_ANY_RE = re.compile(r"[,;:?!().]")
_FULL_RE = re.compile(r"[，。：；？！（）、【】《》「」『』]")
# Bracket and quote classes: (opening forms, closing forms, symmetric forms).
_PAIRS = (
    ("“「", "”」", '"'),
    ("『", "』", ""),
    ("(（", ")）", ""),
    ("《〈", "》〉", ""),
    ("[【", "]】", ""),
)
_PAIR_CHARS = frozenset("“”「」『』()（）《》〈〉[]【】\"")
_PAIR_RE = re.compile("[“”「」『』()（）《》〈〉\\[\\]【】\"]")
# Last characters after which _TAIL_RE may have something to strip.
_TAIL_CHARS = _PAIR_CHARS | frozenset(" >’'")
_PLACEHOLDER_RE = re.compile(r"</?\d+/?>")


def end_kind(text: str) -> tuple[str | None, str]:
    """(kind of the final punctuation, the mark as written) after closing quotes/brackets.

    >>> end_kind("他说：“好。”")
    ('stop', '。')
    >>> end_kind("Really?")
    ('question', '?')
    """
    stripped = _TAIL_RE.sub("", text) if text and text[-1] in _TAIL_CHARS else text.rstrip()
    if not stripped:
        return None, ""
    last = stripped[-1]
    if last == "." and stripped.endswith("..."):
        return "ellipsis", "..."
    if last == "…" and stripped.endswith("……"):
        return "ellipsis", "……"
    return _KINDS.get(last), last


@lru_cache(maxsize=64)
def _expected(tag: str, kind: str) -> str:
    profile = profile_of(tag)
    half = _HALF[kind]
    if kind == "ellipsis":
        return "……" if profile.full_width else "..."
    return profile.punctuation_map.get(half, half) if profile.full_width else half


def _is_full(mark: str) -> bool:
    return bool(mark) and (ord(mark[0]) > 0x2000 and mark not in {"…"})


def _balance(text: str) -> list[int]:
    """Per bracket class: opened minus closed (symmetric quotes: count modulo 2)."""
    count = text.count
    out = []
    for opening, closing, symmetric in _PAIRS:
        depth = sum(map(count, opening)) - sum(map(count, closing))
        if symmetric:
            depth += sum(map(count, symmetric)) % 2
        out.append(depth)
    return out


@register(
    "punctuation",
    severity=Severity.WARNING,
    examples=[
        Example(source="会议在北京举行。", target="The meeting was held in Beijing.", fires=False),
        Example(source='An angel fund has to arrive before it."', target="天使基金则必须赶在这之前到位。”",
                fires=False, source_lang="en", target_lang="zh-Hans"),
        Example(source="会议在北京举行。", target="The meeting was held in Beijing", fires=True),
        Example(source="你来吗？", target="Are you coming.", fires=True),
        Example(source="他说：“很好。”", target='He said: "Very good.', fires=True),
        Example(source="会议在北京举行。", target="The meeting was held  in Beijing.", fires=True),
        Example(source="研究所（北京）成立。", target="The institute (Beijing) was founded。", fires=True),
        Example(
            source="The meeting was held in Beijing.",
            target="会议在北京举行。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="The meeting was held in Beijing.",
            target="会议在北京举行.",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="First, the team met; then it voted.",
            target="首先,团队开会;然后投票。",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="The report (2024 edition) is out.",
            target="报告（2024年版已发布。",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="He asked: “Why?”",
            target="他问：“为什么？”",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="Summary:\n",
            target="摘要：",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
    ],
)
def check_punctuation(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Punctuation does not suit the target language or does not match the source.

    End punctuation of the source's kind in the target's script (``.`` ↔ ``。``),
    half-width marks between Chinese characters, full-width marks in Latin-script text,
    unbalanced quotes and brackets, doubled spaces, and leading/trailing whitespace.
    """
    source, target = entry.msgid, entry.msgstr
    tgt_profile = profile_of(ctx.target_lang)
    # Leading and trailing whitespace.
    a, b = source[:1], target[:1]
    if a.isspace() != b.isspace() or (a == "\n") != (b == "\n"):
        yield make_finding("punctuation", entry, ctx, "leading whitespace differs from the source")
    a, b = source[-1:], target[-1:]
    if a.isspace() != b.isspace() or (a == "\n") != (b == "\n"):
        yield make_finding("punctuation", entry, ctx, "trailing whitespace differs from the source")
    # End punctuation.
    src_kind, _ = end_kind(source)
    tgt_kind, tgt_mark = end_kind(target)
    if src_kind != tgt_kind:
        if src_kind is None:
            yield make_finding("punctuation", entry, ctx, f"the translation ends with '{tgt_mark}' but the source has no end punctuation")
        elif tgt_kind is None:
            if not (src_kind == "stop" and _ABBREVIATION_END_RE.search(source.rstrip())):
                want = _expected(tgt_profile.tag, src_kind)
                yield make_finding("punctuation", entry, ctx, f"end punctuation missing: the source ends with a {src_kind}; end with '{want}'")
        elif {src_kind, tgt_kind} != {"stop", "ellipsis"}:
            want = _expected(tgt_profile.tag, src_kind)
            yield make_finding(
                "punctuation", entry, ctx, f"end punctuation differs: the source ends with a {src_kind}, the translation with '{tgt_mark}'; use '{want}'"
            )
    elif tgt_kind is not None and tgt_kind != "ellipsis" and _is_full(tgt_mark) != tgt_profile.full_width:
        want = _expected(tgt_profile.tag, tgt_kind)
        if want != tgt_mark:
            yield make_finding("punctuation", entry, ctx, f"end punctuation '{tgt_mark}' is in the wrong width for the language; use '{want}'")
    # Width of punctuation inside the text.
    if tgt_profile.full_width:
        m = _HALF_ANY_RE.search(target) and _HALF_IN_CJK_RE.search(target)
        if m:
            mark = m.group(1)
            want = tgt_profile.punctuation_map.get(mark, mark)
            yield make_finding("punctuation", entry, ctx, f"half-width '{mark}' between Chinese characters; use '{want}'")
    else:
        # Cheap test first: the text without its end is a prefix of the text.
        m = _FULL_RE.search(target) and _FULL_RE.search(_strip_end(target, tgt_kind))
        if m:
            mark = m.group(0)
            want = tgt_profile.punctuation_map.get(mark)
            hint = f"; use '{want}'" if want else ""
            yield make_finding("punctuation", entry, ctx, f"full-width '{mark}' in text of a language with half-width punctuation{hint}")
    # Quotes and brackets.
    if _PAIR_RE.search(target):
        tgt_balance = _balance(target)
        if any(tgt_balance):
            src_balance = _balance(source)
            for (opening, closing, sym), t, s in zip(_PAIRS, tgt_balance, src_balance, strict=True):
                # A straight quote has no direction: a segment that ends a quotation opened
                # in the previous sentence ("...before it.") has one closing quote, which
                # the target rightly renders as a closing “”.
                if t and t != s and not (sym and abs(t) == abs(s)):
                    yield make_finding("punctuation", entry, ctx, f"unbalanced {opening[0]}{closing[0]} in the translation")
    # Doubled spaces.
    if "  " in target and "  " not in source:
        yield make_finding("punctuation", entry, ctx, "doubled space in the translation")


def _strip_end(text: str, kind: str | None) -> str:
    """The text without its final mark (already reported by the end-punctuation rule)."""
    if kind is None:
        return text
    stripped = _TAIL_RE.sub("", text)
    return stripped[:-1] if stripped else stripped

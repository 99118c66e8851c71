"""Content: text left in the source language, and translations of an unusual length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..model import Entry, Finding, Severity
from . import CheckContext, Example, make_finding, profile_of, register

__all__ = ["check_length", "check_untranslated_text", "translatable_core"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Patterns with CJK ranges take milliseconds each to compile: the rarely needed ones are
# compiled on first use (see _compiled).
# Spans that stay as written: placeholders, URLs, e-mails, format directives, entities.
_KEEP_RE = re.compile(
    r"</?\d+/?>|(?:https?://|ftp://|www\.)[!-~]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|%(?:\(\w+\)|\d+\$)?[-+ #0]*\d*(?:\.\d+)?[hlLqjzt]*[diouxXeEfFgGcrsaA%]|\{[\w.:!]*\}|&#?\w+;"
)
# Names and codes: acronyms (NEEQ, CAS), model numbers (X-37B, GB18030), anything with a digit.
_CODE_RE = re.compile(r"\b(?:[A-Z][A-Z0-9&.\-]+s?|[\w\-]*\d[\w\-]*)\b")
_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# A word of running text (not an option, a path, a MIME type or markup).
_PLAIN_WORD_RE = re.compile(r"[\"“‘(]?[A-Za-z][a-z]*(?:['’][a-z]+)?[\"”’)]?[.,;:!?]?")
# A run of Latin-script words (with inner spaces and light punctuation).
_LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’\-]*)+[.!?]?")
# A run of CJK characters with Chinese punctuation inside.
_CJK_CHAR = f"[{_CJK}]"
_CJK_RUN = f"[{_CJK}][{_CJK}，、；：“”‘’（）]*"
# Cheap pre-tests: five Latin words in a row; eight CJK characters in a row.
# (The Latin hint starts only at the first letter of a word, checked by the look-behind
# after that letter so that the search skips ahead to letters: same answer, less work.)
_LATIN_RUN_HINT_RE = re.compile(r"[A-Za-z](?<![A-Za-z][A-Za-z])[A-Za-z'’\-]*[ ,;:]+(?:[A-Za-z][A-Za-z'’\-]*[ ,;:]+){3}[A-Za-z]")
_CJK_RUN_HINT_RE = re.compile(f"[{_CJK}]{{8}}")
_TITLE_RE = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"|（[^）]*）|\([^)]*\)")
_FUNCTION_WORDS = frozenset(
    "the a an of and or to in on for with by from at is are was were be been has have had "
    "this that these those it its as will would can could not which who".split()
)
_MIN_ENGLISH_RUN = 5  # words in a Latin run inside CJK text that make it a sentence
_MIN_CJK_RUN = 8  # CJK characters in a run inside Latin text that make it a sentence


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _dnt_terms(ctx: CheckContext, text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of do-not-translate glossary terms in ``text``."""
    glossary = ctx.glossary
    if glossary is None or not text:
        return []
    try:
        matches = glossary.find_terms(text, lang)
    except Exception:  # a glossary without this language: nothing protected
        return []
    return [(m.start, m.end) for m in matches if any(c.do_not_translate for c in m.concepts)]


def translatable_core(text: str, ctx: CheckContext | None = None, lang: str = "") -> str:
    """``text`` without placeholders, URLs, codes, acronyms and do-not-translate terms."""
    if ctx is not None:
        spans = _dnt_terms(ctx, text, lang)
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + " " + text[end:]
    text = _KEEP_RE.sub(" ", text)
    return _CODE_RE.sub(" ", text)




@register(
    "untranslated-text",
    severity=Severity.WARNING,
    examples=[
        Example(source="研究所今天发布了年度报告。", target="研究所今天发布了年度报告。", fires=True),
        Example(source="研究所今天发布了年度报告。", target="The institute released its annual report today.", fires=False),
        Example(source="XIOPM", target="XIOPM", fires=False),
        Example(
            source="研究所今天发布了年度报告，介绍了新的合作计划。",
            target="The institute released its annual report today, 介绍了新的合作计划。",
            fires=True,
        ),
        Example(
            source="The institute released its annual report today.",
            target="The institute released its annual report today.",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="The institute signed an agreement with the city of Qingdao on research.",
            target="研究所与青岛市签署了 an agreement with the city of Qingdao on research.",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="The X-37B test used GB18030 and the NEEQ rules.",
            target="X-37B测试采用了GB18030标准和NEEQ规则。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="Contact the Xi'an Institute of Optics and Precision Mechanics.",
            target="请联系Xi'an Institute of Optics and Precision Mechanics。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
            glossary=(
                {"en": "Xi'an Institute of Optics and Precision Mechanics", "zh-Hans": "", "status": "do-not-translate"},
            ),
        ),
    ],
)
def check_untranslated_text(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Translation is still (partly) in the source language.

    The target equals the source, or a Chinese target contains a whole English
    sentence (and the reverse). Do-not-translate glossary terms, acronyms, codes and
    model numbers are left out before comparing.
    """
    source, target = entry.msgid, entry.msgstr
    if source.strip() == target.strip():
        core = translatable_core(source, ctx, ctx.source_lang)
        plain = sum(1 for token in core.split() if _PLAIN_WORD_RE.fullmatch(token))
        if plain >= 2 or len(_compiled(_CJK_CHAR).findall(core)) >= 2:
            yield make_finding("untranslated-text", entry, ctx, "the translation is the same as the source")
        return
    profile = profile_of(ctx.target_lang)
    if profile.cjk:
        if not _LATIN_RUN_HINT_RE.search(target):
            return
        core = _TITLE_RE.sub(" ", translatable_core(target, ctx, ctx.target_lang))
        for m in _LATIN_RUN_RE.finditer(core):
            words = [w.lower() for w in _LATIN_WORD_RE.findall(m.group(0))]
            if len(words) >= _MIN_ENGLISH_RUN and sum(w in _FUNCTION_WORDS for w in words) >= 2:
                yield make_finding("untranslated-text", entry, ctx, f"untranslated text in the translation: '{_clip(m.group(0))}'")
                return
    else:
        if not _CJK_RUN_HINT_RE.search(target):
            return
        core = _TITLE_RE.sub(" ", translatable_core(target, ctx, ctx.target_lang))
        for m in _compiled(_CJK_RUN).finditer(core):
            if len(_compiled(_CJK_CHAR).findall(m.group(0))) >= _MIN_CJK_RUN:
                yield make_finding("untranslated-text", entry, ctx, f"untranslated text in the translation: '{_clip(m.group(0))}'")
                return


def _clip(text: str, width: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- length

# Lengths are measured in UTF-8 bytes: a CJK character takes three, which is also about
# how many Latin-script characters one carries (zh:en is roughly 1:3 in characters).
_MIN_UNITS = 36  # skip short strings (about 12 CJK or 36 Latin characters)
_LOW, _HIGH = 0.3, 3.3  # generous bounds on target/source


def _units(text: str) -> int:
    return len(text.encode("utf-8"))


@register(
    "length",
    severity=Severity.INFO,
    examples=[
        Example(
            source="研究所今天发布了年度报告，介绍了过去一年的主要成果。",
            target="The institute released its annual report today, presenting the main results of the past year.",
            fires=False,
        ),
        Example(
            source="研究所今天发布了年度报告，介绍了过去一年的主要成果。",
            target="Report out.",
            fires=True,
        ),
        Example(
            source="The institute released its annual report today, presenting the main results of the past year.",
            target="研究所今天发布了年度报告，介绍了过去一年的主要成果。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="The institute released its annual report today, presenting the main results of the past year.",
            target="年度报告。",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(source="好。", target="Good.", fires=False),
    ],
)
def check_length(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Translation is much shorter or longer than usual for the language pair.

    Lengths are compared in UTF-8 bytes, where a CJK character counts three (about
    the Latin characters it carries); short strings are skipped, the bounds are generous.
    """
    src = _units(entry.msgid)
    if src < _MIN_UNITS:
        return
    tgt = _units(entry.msgstr)
    ratio = tgt / src
    if ratio < _LOW or ratio > _HIGH:
        word = "shorter" if ratio < 1 else "longer"
        yield make_finding(
            "length", entry, ctx, f"the translation is unusually {word} than the source (length ratio {ratio:.2f}); check nothing is missing or added"
        )

"""Numbers: the figures of the source and the translation agree.

Press releases write the same figure in many ways: "1.2 billion yuan" is "12亿元",
"700 million" is "7亿", "3,500" is "3500" or "3 500", "13" is "十三", "30%" is
"百分之三十", "13th" is "第十三", "Jan. 24, 2016" is "2016年1月24日". Each text is read
into numeric tokens (``Decimal`` values, magnitudes applied); the tokens of both sides
are compared as multisets. Figures written with digits, or as Chinese numerals with
two or more characters, are *strong*: they must be found on the other side. Small
number words ("three", "一", "half", month names, "first", "三成") are *weak*: they may
match a strong figure of the other side but are never required (translations drop and
add them freely). A percentage ("12%", "百分之十二", "12 per cent", "三成") matches only
a percentage. A wrong magnitude ("1.2亿" for "1.2 billion") is reported as such, and so
is a date whose day and month differ when both sides write it in full ("May 6, 2018"
against "2018年6月5日"), which comparing the figures alone cannot see.

Grouping and decimal symbols come from Babel's locale data; Chinese numerals are read
by ``_numbers_cn`` (with ``cn2an`` for the unusual forms), dates and telephone numbers
by ``_numbers_dates``. This module reads and compares the figures and registers the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..model import Entry, Finding, Severity
from . import CheckContext, Example, make_finding, register
from ._numbers_cn import (
    _CN_CHARS,
    _CN_DIGIT_VALUE,
    _CN_DIGITS,
    _WIDTH,
    NumberToken,
    _cn_strong,
    _norm,
    _read_cn,
)
from ._numbers_dates import _MONTHS, _phones, compare_dates

__all__ = ["NumberToken", "check_numbers", "compare_dates", "compare_numbers", "extract_numbers"]


# --------------------------------------------------------------------------- text cleaning

# Things whose digits are not figures, each with a literal that must be present first:
# placeholders, URLs, e-mails, printf/brace/Qt format directives, HTML entities.
_NOISE = (
    ("<", re.compile(r"</?\d+/?>")),
    ("://", re.compile(r"(?:https?|ftp)://[!-~]+")),
    ("www.", re.compile(r"www\.[!-~]+")),
    ("@", re.compile(r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    # A conversion letter is required ("%-30%" in "20%-30%" is a range, not a
    # directive), and the space flag is left out ("30% of" is a percentage).
    ("%", re.compile(r"%(?:\(\w+\)|\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaA]|%%|%\d+(?![\d%])")),
    ("{", re.compile(r"\{\w*(?:[:!][^{}]*)?\}")),
    ("&", re.compile(r"&#?\w+;")),
)


def _denoise(text: str) -> str:
    for literal, pattern in _NOISE:
        if literal in text:
            text = pattern.sub(" ", text)
    return text


# A figure that the other side must contain (digits outside format directives, a
# Chinese numeral of two characters or more, "百分之", a scale word): without one on
# either side there is nothing to compare, which is the common case.
# A digit not after a digit, "%", ".", "$" or "{": the look-behind comes after the digit
# so that the search can skip ahead to digits.
_STRONG_DIGIT_RE = re.compile(r"[0-9０-９](?<![\d%.$\{][0-9０-９])")
_CN_PAIR_RE = re.compile("[〇零一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]")


# Any digit or numeral character: without one, only the words below can make a figure.
_NUMERAL_RE = re.compile("[0-9０-９〇零一二两三四五六七八九十]")


def _may_have_figure(text: str) -> bool:
    if _NUMERAL_RE.search(text):
        if _STRONG_DIGIT_RE.search(text):
            return True
        if _CN_PAIR_RE.search(text):
            return True
    return "illion" in text or "百分之" in text or "bn" in text

# --------------------------------------------------------------------------- vocabulary

_CN_APPROX_BEFORE = frozenset("数几上成好")
_CN_SCALE = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
}
_EN_SCALE = {
    "hundred": Decimal(100),
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
_EN_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_ORDINALS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
_EN_WORDS: dict[str, Decimal] = {w: Decimal(i) for i, w in enumerate(_EN_UNITS)}
_EN_WORDS |= {w: Decimal(v) for w, v in _EN_TENS.items()}
_EN_WORDS |= {w: Decimal(i) for i, w in enumerate(_EN_ORDINALS) if i}
_EN_WORDS |= {"a": Decimal(1), "an": Decimal(1), "half": Decimal("0.5"), "dozen": Decimal(12), "once": Decimal(1), "twice": Decimal(2)}

_SCALE_EN_RE = "|".join(sorted(_EN_SCALE, key=len, reverse=True))
_SCALE_CN_RE = "万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千(?![克米瓦焦帕兆字卡])"


@lru_cache(maxsize=32)
def _number_re(group: str, decimal: str) -> re.Pattern:
    """The figure regex for a locale's grouping and decimal symbols (from Babel)."""
    g, d = re.escape(group), re.escape(decimal)
    spaces = "[ \u00a0\u202f]"
    digits = (
        rf"(?P<num>\d{{1,3}}(?:{g}\d{{3}})+(?:{d}\d+)?(?!\d)"
        rf"|\d{{1,3}}(?:{spaces}\d{{3}})+(?![\d{d}])"
        rf"|\d+(?:{d}\d+)*)"
    )
    return re.compile(
        rf"百分之(?P<pct>\d+(?:{d}\d+)?|[{_CN_CHARS}]+(?:点[{_CN_DIGITS}]+)?)"
        rf"|{digits}"
        rf"(?:(?P<decade>s\b)|\s*(?P<scale_en>(?i:{_SCALE_EN_RE}))\b|\s*[余多]?(?P<scale_cn>{_SCALE_CN_RE}))?"
        rf"|(?P<cn>[{_CN_CHARS}]+(?:点[{_CN_DIGITS}]+)?)(?:[余多](?P<cn_scale>{_SCALE_CN_RE}))?"
    )


# Words of running text, for number words ("three", "twenty-five") and month names.
_WORD_TOKEN_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


@lru_cache(maxsize=32)
def _symbols(lang: str) -> tuple[str, str]:
    """(grouping symbol, decimal symbol) of a language, from Babel (``,`` and ``.`` fallback)."""
    try:
        from babel import Locale, numbers

        locale = Locale.parse(lang.replace("-", "_"))
        group, decimal = numbers.get_group_symbol(locale), numbers.get_decimal_symbol(locale)
    except Exception:  # unknown locale: the common symbols
        return ",", "."
    if group == decimal or not group.strip() or len(group) != 1:
        group = "," if decimal != "," else "."
    return group, decimal


# --------------------------------------------------------------------------- reading figures


def _decimal(text: str, group: str, decimal: str) -> Decimal | None:
    raw = re.sub(r"[ \u00a0\u202f]", "", text).replace(group, "")
    if decimal != ".":
        raw = raw.replace(decimal, ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def extract_numbers(text: str, lang: str = "en", *, words: bool = True) -> list[NumberToken]:
    """The figures of a text: digits and Chinese numerals, then (with ``words``) number
    words and month names.

    >>> [str(t.value) for t in extract_numbers("1.2 billion yuan, up 30% from 2015")]
    ['1200000000', '30', '2015']
    >>> [str(t.value) for t in extract_numbers("营收12亿元，比2015年增长百分之三十", "zh-Hans")]
    ['1200000000', '2015', '30']
    """
    text = _denoise(text.translate(_WIDTH))
    group, decimal = _symbols(lang)
    out: list[NumberToken] = []
    range_end = -1
    if "+" in text or "-" in text:
        text = _phones(text, out)
    for m in _figures(text, _number_re(group, decimal)):
        raw = m.group(0)
        if m.group("pct") is not None:
            pct = m.group("pct")
            if pct[0].isdigit():
                value = _decimal(pct, group, decimal)
                values = (value,) if value is not None else ()
            else:
                values = _read_cn(pct) or ()
            out.extend(NumberToken(raw, frozenset({_norm(v)}), True, True) for v in values[:1])
            # "百分之二到三": the end of the range is a percentage too.
            tail = _RANGE_TAIL_RE.match(text, m.end())
            range_end = tail.end() if tail else -1
        elif m.group("num") is not None:
            num = m.group("num")
            start = m.start()
            if start and (text[start - 1].isascii() and text[start - 1].isalpha()):
                continue  # part of a name or code: GB18030, A380, tjw123
            if num.count(decimal) > 1:  # a version or section number: compared as written
                out.append(NumberToken(raw, frozenset({num}), True))
                continue
            value = _decimal(num, group, decimal)
            if value is None:
                continue
            raw, percent = _percent_after(text, m.end(), raw, value)
            if percent is False and m.start() == range_end:
                percent = True
            scale = m.group("scale_en") or m.group("scale_cn")
            if scale:
                # "1000余万" is "more than 10 million": the 余 or 多 leaves the scale on.
                value *= _EN_SCALE.get(scale.lower()) or _CN_SCALE[scale]
                out.append(NumberToken(raw, frozenset({_norm(value)}), True, percent))
            elif m.group("decade") and len(num) == 4 and num.endswith("0"):
                # "the 1990s" = "20世纪90年代" = "90年代"
                out.append(NumberToken(raw, frozenset({value, Decimal(num[2:])}), True))
                out.append(NumberToken(raw, frozenset({Decimal(int(num[:2]) + 1)}), False))
            else:
                out.append(NumberToken(raw, frozenset({_norm(value)}), True, percent))
        else:
            tokens = _cn_tokens(text, m)
            if tokens and m.start() == range_end and tokens[0].percent is False:
                tokens[0] = replace(tokens[0], percent=True)
            out.extend(tokens)
    if words or _has_scale_word(text):
        out.extend(_word_numbers(text, weak=words))
    return out


_RANGE_TAIL_RE = re.compile(r"\s*[-\u2013~\uff5e\u301c至到]\s*")
# What makes a figure a percentage, right after it ("12%", "12 per cent", "30-percent");
# percentage points ("0.5个百分点") are written either way in translations.
_PERCENT_AFTER_RE = re.compile(
    r"\s*(?P<pct>%|-?(?i:per\s?cent|pct)\b)|\s*(?P<pp>个?百分点|(?i:percentage[\s-]points?)\b)"
)
# The first figure of a range of percentages is one too: "20-30%", "20 to 30 percent".
_PERCENT_RANGE_RE = re.compile(
    r"\s*(?:[-\u2013\u2014~\uff5e\u301c至到]|to|and|or)\s*(?P<to>\d+(?:\.\d+)?)\s*(?:%|(?i:per\s?cent|pct)\b)"
)


def _percent_after(text: str, end: int, raw: str, value: Decimal | None = None) -> tuple[str, bool | None]:
    """(the figure as written, with its percent sign; whether it is a percentage).

    ``value`` is the figure's value: a figure up to the percentage after it is the
    start of a range ("20-30%"); one above it is not ("from 15% in 2015 to 20%").
    """
    m = _PERCENT_AFTER_RE.match(text, end)
    if m is not None:
        return raw + m.group(0), True if m.group("pct") else None
    if value is None or not any(sign in text[end:] for sign in ("%", "cent", "pct")):
        return raw, False
    r = _PERCENT_RANGE_RE.match(text, end)
    return raw, r is not None and value <= Decimal(r.group("to"))


# 成 after a digit is tenths (三成 = 30%), except in these words: 成员, 成立, 成果...
_CHENG_WORDS = frozenset("员立功果本就绩熟长交效都型品像分份年语败")
# 千万 is "by all means" unless a measure word follows or a word of quantity precedes it.
_QIANWAN_AFTER = frozenset("元美欧英日港人次吨平立台件个名户家亩公千瓦套册份株只头辆字条块枚张部座项篇本粒颗米克斤升")
_QIANWAN_BEFORE = frozenset("近逾超约达过破上")


def _cn_tokens(text: str, m: re.Match) -> list[NumberToken]:
    """The tokens of a run of Chinese numerals (``m`` from :func:`_number_re`)."""
    run, start, end = m.group("cn"), m.start("cn"), m.end("cn")
    before = text[start - 1] if start else ""
    after = text[end : end + 1]
    if run == "千万" and (before in _QIANWAN_BEFORE or (after in _QIANWAN_AFTER and before not in _CN_APPROX_BEFORE)):
        return [NumberToken(run + after, frozenset({Decimal(10) ** 7}), False)]  # 千万元, 近千万
    if before in _CN_APPROX_BEFORE:
        return []  # 数十亿 "billions", 几百 "hundreds": no figure
    if len(run) == 1 and run in _CN_DIGIT_VALUE and after == "成":
        follow = text[end + 1 : end + 2]
        if follow not in _CHENG_WORDS and not text.startswith("成不变", end):
            # 三成 = 30%: often "nearly a third" in English, so optional.
            return [NumberToken(run + "成", frozenset({Decimal(10 * _CN_DIGIT_VALUE[run])}), False, True)]
    values = _read_cn(run)
    if not values:
        return []
    strong = _cn_strong(run)
    scale = m.group("cn_scale")
    if scale and len(values) == 1:  # 十余万 = more than 100,000
        return [NumberToken(m.group(0), frozenset({_norm(values[0] * _CN_SCALE[scale])}), strong)]
    raw, percent = _percent_after(text, end, run, values[0])
    return [NumberToken(raw if i == 0 else run, frozenset({v}), strong and i == 0, percent if i == 0 else False) for i, v in enumerate(values)]


# Where a figure may start; scanning for one character class is much faster than
# trying the whole figure pattern at every position.
_FIGURE_START_RE = re.compile(f"[0-9百{_CN_CHARS}]")


def _figures(text: str, pattern: re.Pattern) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying the pattern only where a figure can start."""
    find, match = _FIGURE_START_RE.search, pattern.match
    pos = 0
    while True:
        hint = find(text, pos)
        if hint is None:
            return
        m = match(text, hint.start())
        if m is None or m.end() == m.start():
            pos = hint.start() + 1
            continue
        yield m
        pos = m.end()


def _has_scale_word(text: str) -> bool:
    low = text.lower()
    return "illion" in low or "thousand" in low or "hundred" in low or "bn" in low


def _word_numbers(text: str, *, weak: bool) -> list[NumberToken]:
    """Number words and months; only scaled ones ("three million") unless ``weak``.

    A scale word counts only right after its number word: in "a 1.2 billion yuan fund"
    the "a" belongs to the fund, not to the billion.
    """
    out = []
    matches = list(_WORD_TOKEN_RE.finditer(text))
    tokens = [m.group(0) for m in matches]
    skip = False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        low = token.lower()
        if low in _EN_WORDS or ("-" in low and low.partition("-")[0] in _EN_TENS):
            if "-" in low:
                tens, _, unit = low.partition("-")
                if unit not in _EN_UNITS[1:10]:
                    continue
                value = Decimal(_EN_TENS[tens] + _EN_UNITS.index(unit))
            else:
                value = _EN_WORDS[low]
            adjacent = i + 1 < len(tokens) and not text[matches[i].end() : matches[i + 1].start()].strip(" -\u00a0")
            scale = tokens[i + 1].lower() if adjacent else ""
            if scale in _EN_SCALE:
                out.append(NumberToken(f"{token} {tokens[i + 1]}", frozenset({_norm(value * _EN_SCALE[scale])}), True))
                skip = True
            elif weak and low not in {"a", "an"}:
                shown, percent = _percent_after(text, matches[i].end(), token)
                out.append(NumberToken(shown, frozenset({value}), False, percent))
        elif weak and low in _MONTHS:
            if low == "may" and token[0] == "m":
                continue  # the verb
            if len(token) <= 4 and token[0].islower():
                continue  # "mar", "dec" as words
            out.append(NumberToken(token, frozenset({Decimal(_MONTHS[low])}), False))
    return out


# --------------------------------------------------------------------------- comparing


def compare_numbers(
    source: str, target: str, source_lang: str = "en", target_lang: str = "zh-Hans"
) -> tuple[list[NumberToken], list[NumberToken]]:
    """(strong figures of the source missing from the target, strong figures of the
    target missing from the source); both empty when the figures agree."""
    # Both sides at once: no figure can span the line break between them.
    if not _may_have_figure(f"{source}\n{target}"):
        return [], []
    # Figures first; number words and months only when something is left unmatched.
    src = extract_numbers(source, source_lang, words=False)
    tgt = extract_numbers(target, target_lang, words=False)
    if not any(t.strong for t in src) and not any(t.strong for t in tgt):
        return [], []
    missing, unused = _match(src, tgt)
    extra = [t for t in unused if t.strong]
    if missing or extra:
        src = extract_numbers(source, source_lang)
        tgt = extract_numbers(target, target_lang)
        missing, unused = _match(src, tgt)
        extra = [t for t in unused if t.strong]
    return missing, extra


def _match(a: list[NumberToken], b: list[NumberToken]) -> tuple[list[NumberToken], list[NumberToken]]:
    """Greedy multiset matching; strong tokens choose first and prefer strong partners."""
    pool = list(b)
    missing = []
    for token in sorted(a, key=lambda t: not t.strong):
        best = None
        for i, other in enumerate(pool):
            if token.values & other.values and _same_kind(token, other):
                if other.strong or not token.strong:
                    best = i
                    break
                if best is None:
                    best = i
        if best is not None:
            pool.pop(best)
        elif token.strong:
            missing.append(token)
    return missing, pool


def _same_kind(a: NumberToken, b: NumberToken) -> bool:
    """Percentages match percentages; percentage points match either."""
    return a.percent == b.percent or a.percent is None or b.percent is None


def _show(token: NumberToken) -> str:
    value = token.value
    if isinstance(value, Decimal):
        plain = f"{value:,f}"
        if plain.replace(",", "") != re.sub(r"[^\d.]", "", token.text):
            return f"'{token.text}' ({plain}{'%' if token.percent else ''})"
    return f"'{token.text}'"


def _magnitude(a: NumberToken, b: NumberToken) -> bool:
    for x in a.values:
        for y in b.values:
            if isinstance(x, Decimal) and isinstance(y, Decimal) and x and y and _same_kind(a, b):
                ratio = (x / y).normalize()
                if ratio != 1 and ratio.as_tuple().digits == (1,):
                    return True
    return False


@register(
    "numbers",
    severity=Severity.ERROR,
    examples=[
        Example(source="总投资12亿元。", target="Total investment is 1.2 billion yuan.", fires=False),
        Example(source="总投资12亿元。", target="Total investment is 12 billion yuan.", fires=True),
        Example(source="共有3500名学生。", target="There are 3,500 students.", fires=False),
        Example(source="共有3500名学生。", target="There are 350 students.", fires=True),
        Example(
            source="The project received 1.2 billion yuan.",
            target="该项目获得12亿元。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="The project received 1.2 billion yuan.",
            target="该项目获得1.2亿元。",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="It opened on Jan. 24, 2016 with 13 labs.",
            target="该中心于2016年1月24日启用，设有十三个实验室。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="It opened on Jan. 24, 2016.",
            target="该中心于2015年1月24日启用。",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(source="项目获得1000余万元资助。", target="It received more than 10 million yuan.", fires=False),
        Example(source="出口增长了25%。", target="Exports grew by 25.", fires=True),
        Example(
            source="It was signed on May 6, 2018.",
            target="协议于2018年6月5日签署。",
            fires=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
    ],
)
def check_numbers(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Figures differ between source and translation.

    Magnitudes (million, billion, 万, 亿, 1000余万), Chinese numerals, percentages
    (which match only percentages; 三成 is 30%), ordinals, dates, ranges and telephone
    numbers are understood; small number words are optional. When the figures agree,
    full dates are compared as dates, so a swapped day and month is reported.
    """
    missing, extra = compare_numbers(entry.msgid, entry.msgstr, ctx.source_lang, ctx.target_lang)
    if missing or extra:
        yield make_finding("numbers", entry, ctx, _describe(missing, extra))
        return
    dates = compare_dates(entry.msgid, entry.msgstr)
    if dates:
        (src, src_date), (tgt, tgt_date) = dates
        message = f"dates differ: the source has '{src}' ({src_date}), the translation '{tgt}' ({tgt_date})"
        yield make_finding("numbers", entry, ctx, message)


def _describe(missing: list[NumberToken], extra: list[NumberToken]) -> str:
    """The message for figures missing from and added to a translation."""
    parts = []
    missing, extra = list(missing), list(extra)
    for token in list(missing):
        # The same figure, a percentage on one side only: "12%" -> "12".
        other = next((t for t in extra if t.values & token.values and not _same_kind(t, token)), None)
        if other is not None:
            what = "not a percentage in the translation" if token.percent else "a percentage only in the translation"
            parts.append(f"{what}: the source has {_show(token)}, the translation {_show(other)}")
            missing.remove(token)
            extra.remove(other)
    if len(missing) == 1 and len(extra) == 1 and _magnitude(missing[0], extra[0]):
        parts.append(f"wrong magnitude: the source has {_show(missing[0])}, the translation {_show(extra[0])}")
    elif missing or extra:
        differ = []
        if missing:
            differ.append("missing from the translation: " + ", ".join(_show(t) for t in missing))
        if extra:
            differ.append("not in the source: " + ", ".join(_show(t) for t in extra))
        parts.append("numbers differ; " + "; ".join(differ))
    return "; ".join(parts)

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
with ``cn2an``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..model import Entry, Finding, Severity
from . import CheckContext, Example, make_finding, register

__all__ = ["NumberToken", "check_numbers", "compare_dates", "compare_numbers", "extract_numbers"]


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A figure found in a text.

    :param text: the figure as written (``"1.2 billion"``).
    :param values: the values it may stand for (``1990s`` is 1990 or 90).
    :param strong: whether the other side must contain it.
    :param percent: whether it is a percentage ("12%", "百分之十二", "三成"); ``None``
        for percentage points ("0.5个百分点"), which translations write either way.
    """

    text: str
    values: frozenset
    strong: bool
    percent: bool | None = False

    @property
    def value(self) -> Decimal | str:
        """The main value (for messages)."""
        return next(iter(sorted(self.values, key=str)))


# --------------------------------------------------------------------------- text cleaning

# Full-width digits and signs -> ASCII (the Chinese comma stays: it separates clauses).
_WIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
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

_CN_DIGITS = "〇零一二两三四五六七八九"
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_CHARS = _CN_DIGITS + "十百千万亿"
# Numeral characters that are words, not figures.
_CN_IDIOMS = frozenset({"万一", "一一", "千万", "万万", "千千万万", "一五一十", "三三两两", "十十", "百百"})
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
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

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


@lru_cache(maxsize=4096)
def _read_cn(run: str) -> tuple[Decimal, ...] | None:
    """Values of a run of Chinese numerals (several when it is really two figures), or None."""
    if run in _CN_IDIOMS:
        return None
    if all(c in _CN_DIGIT_VALUE for c in run.replace("点", "")) and "点" not in run:
        # Digit by digit: a year (二〇一六) or a phone-style figure.
        return (Decimal("".join(str(_CN_DIGIT_VALUE[c]) for c in run)),)
    value = _plain_cn(run)
    if value is not None:
        return (_norm(Decimal(value)),)
    try:
        import cn2an  # slow to import: only for numerals the plain reader leaves alone

        value = cn2an.cn2an(run, "smart")
        return (_norm(Decimal(str(value))),)
    except Exception:
        pass
    if run[0] in "十百千万亿" and len(run) <= 2:
        # A bare unit: 百人计划 (the 100-Talent Program), 万元 (10,000 yuan), 千亿 (100 billion).
        return _read_cn("一" + run)
    # "十三五" (the 13th Five-Year Plan): the longest readable prefix, then the rest.
    for cut in range(len(run) - 1, 0, -1):
        head = _read_cn(run[:cut])
        if head is not None:
            tail = _read_cn(run[cut:])
            return head + (tail or ())
    return None


_PLAIN_DIGITS = "零一二三四五六七八九"
_PLAIN_VALUE = {c: i for i, c in enumerate(_PLAIN_DIGITS)}
_PLAIN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _render_cn(value: int) -> str:
    """The standard way of writing ``0 <= value < 10**12`` in Chinese numerals
    (``10`` 十, ``1010`` 一千零一十, ``100001`` 十万零一, ``120000000`` 一亿二千万)."""
    if value == 0:
        return "零"
    out = []
    zero = False  # a zero is pending between two written parts
    for group_value, group_unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        group = value // group_value % 10**4
        if not group:
            zero = zero or bool(out)
            continue
        if out and group < 1000:
            zero = True
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = group // unit_value % 10
            if not digit:
                zero = zero or bool(out)
                continue
            if zero:
                out.append("零")
                zero = False
            out.append(_PLAIN_DIGITS[digit] + unit)
        out.append(group_unit)
        zero = False
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def _plain_cn(run: str) -> int | None:
    """The value of a Chinese numeral written the standard way (:func:`_render_cn`), or
    None for anything else (``两``, ``点``, spoken forms...), which ``cn2an`` reads.

    Gives what ``cn2an.cn2an(run, "smart")`` gives for these (tested), without
    importing it: the import alone costs a tenth of a second per run of ``l10n check``.
    """
    total = wan = section = digit = 0
    for c in run:
        if c in _PLAIN_VALUE:
            digit = _PLAIN_VALUE[c]
        elif c in _PLAIN_UNITS:
            section += (digit or 1) * _PLAIN_UNITS[c]
            digit = 0
        elif c == "万":
            wan, section, digit = (section + digit) * 10**4, 0, 0
        elif c == "亿":
            total, wan, section, digit = (wan + section + digit) * 10**8, 0, 0, 0
        else:
            return None
    value = total + wan + section + digit
    if value >= 10**12 or _render_cn(value) != run:
        return None
    return value


def _cn_strong(run: str) -> bool:
    if len(run) < 2 or run[0] in "百千万亿":
        return False  # "三", "百万" (millions of): words more than figures
    if all(c in _CN_DIGIT_VALUE for c in run):
        # "三四" (three or four) is vague; "二〇一六" is a year.
        return len(run) >= 4 or any(c in "〇零" for c in run)
    return True


def _norm(value: Decimal) -> Decimal:
    """``30.0`` -> ``30``, ``1.2E+9`` -> ``1200000000``: one spelling per value."""
    value = value
    if value == value.to_integral_value():
        return value.quantize(_ONE)
    return value


_ONE = Decimal(1)


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


# Telephone numbers: international ("+86 592 1234 5678") or with a trunk 0 ("0592-6190000").
_PHONE_RE = re.compile(r"\+\d{1,3}(?:[ \-.]?\(?\d{1,4}\)?){2,5}(?![\d%])|(?<![\d.\-])0\d{2,3}-\d{7,8}(?!\d)")


def _phones(text: str, out: list[NumberToken]) -> str:
    """Adds the telephone numbers of ``text`` to ``out`` and blanks them out of it.

    A number is compared without its country code or trunk 0, so "0592-6190000" is
    "+86 592 619 0000".
    """

    def take(m: re.Match) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) < 8:
            return m.group(0)
        if m.group(0).startswith("+"):
            values = {f"tel:{digits[k:]}" for k in (1, 2, 3)}
        else:
            values = {f"tel:{digits[1:]}"}
        out.append(NumberToken(m.group(0), frozenset(values), True))
        return " "

    return _PHONE_RE.sub(take, text)


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


# --------------------------------------------------------------------------- dates

_MONTH_NAMES = "January February March April May June July August September October November December".split()
_EN_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d%])"
_EN_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
# "May 6, 2018", "Sept. 4", then "6 May 2018": a capitalised month name next to a day.
_EN_DATE_RES = (
    re.compile(rf"\b(?P<month>[A-Z][a-z]{{2,8}})\.?\s+{_EN_DAY}{_EN_YEAR}"),
    re.compile(rf"(?<![\d.,]){_EN_DAY}\s+(?P<month>[A-Z][a-z]{{2,8}})\b\.?{_EN_YEAR}"),
)
# "3-5 June", "3 to 5 June": the last day of a range, not a date of its own.
_RANGE_END_RE = re.compile(r"(?:[-\u2013\u2014~]|\b(?:to|and|until|till|through))\s*$")
_CN_NUM = "[〇零一二三四五六七八九十]{1,4}"
_CN_DATE_RE = re.compile(
    rf"(?:(?P<year>\d{{4}}|{_CN_NUM})\s*年\s*)?(?P<month>\d{{1,2}}|{_CN_NUM})\s*月\s*(?P<day>\d{{1,2}}|{_CN_NUM})\s*[日号]"
)


def _dates(text: str) -> list[tuple[str, tuple[int | None, int, int]]]:
    """The dates of a text with a day and a month: (as written, (year or None, month, day))."""
    text = text.translate(_WIDTH)
    out = []
    for m in _CN_DATE_RE.finditer(text):
        parts = [_read_cn(p) if p and not p.isdigit() else ((Decimal(p),) if p else None) for p in m.group("year", "month", "day")]
        if parts[1] and parts[2] and (m.group("year") is None or parts[0]):
            year = int(parts[0][0]) if parts[0] else None
            out.append((m.group(0), (year, int(parts[1][0]), int(parts[2][0]))))
    taken: list[tuple[int, int]] = []
    for pattern in _EN_DATE_RES:
        for m in pattern.finditer(text):
            month = _MONTHS.get(m.group("month").lower())
            if month is None or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if pattern is _EN_DATE_RES[1] and _RANGE_END_RE.search(text, max(0, m.start() - 8), m.start()):
                continue
            taken.append(m.span())
            year = m.group("year")
            out.append((m.group(0), (int(year) if year else None, month, int(m.group("day")))))
    return [(text, date) for text, date in out if 1 <= date[1] <= 12 and 1 <= date[2] <= 31]


def _show_date(date: tuple[int | None, int, int]) -> str:
    year, month, day = date
    return f"{day} {_MONTH_NAMES[month - 1]}" + (f" {year}" if year else "")


def compare_dates(source: str, target: str) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """A date of the source and one of the translation, as written and in words, that
    differ in day or month although the figures agree ("May 6, 2018" and "2018年6月5日");
    None when there is none. Dates are compared only when both sides have as many."""
    if "月" not in source and "月" not in target:
        return None  # no Chinese date: a swapped English one changes the figures too
    src, tgt = _dates(source), _dates(target)
    if not src or len(src) != len(tgt):
        return None
    pool = list(tgt)
    unmatched = []
    for written, (year, month, day) in src:
        for i, (_, (y, m, d)) in enumerate(pool):
            if (m, d) == (month, day) and (year == y or year is None or y is None):
                pool.pop(i)
                break
        else:
            unmatched.append((written, (year, month, day)))
    if not unmatched:
        return None
    (written, date), (other, other_date) = unmatched[0], pool[0]
    return (written, _show_date(date)), (other, _show_date(other_date))


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

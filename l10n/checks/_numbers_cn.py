"""Reading Chinese numerals for the numbers check, and the figure token it compares.

``_read_cn`` gives the values of a run of numerals ("十三" 13, "二〇一六" 2016, "十三五"
13 then 5); standard numerals are read by :func:`_plain_cn` (checked against
:func:`_render_cn`), and ``cn2an`` is imported only for the others. Shared by
:mod:`l10n.checks.numbers` and :mod:`l10n.checks._numbers_dates`; registers no check.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


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


# Full-width digits and signs -> ASCII (the Chinese comma stays: it separates clauses).
_WIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")

# --------------------------------------------------------------------------- Chinese numerals

_CN_DIGITS = "〇零一二两三四五六七八九"
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_CHARS = _CN_DIGITS + "十百千万亿"
# Numeral characters that are words, not figures.
_CN_IDIOMS = frozenset({"万一", "一一", "千万", "万万", "千千万万", "一五一十", "三三两两", "十十", "百百"})


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

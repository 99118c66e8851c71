"""Dates and telephone numbers for the numbers check.

:func:`compare_dates` finds a full date whose day and month differ between a text and
its translation ("May 6, 2018" against "2018年6月5日"), which comparing the figures alone
cannot see; :func:`_phones` reads telephone numbers as single figures, without their
country code or trunk 0. Registers no check: :mod:`l10n.checks.numbers` does.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ._numbers_cn import _WIDTH, NumberToken, _read_cn

# Month names and abbreviations (numbers.py reads them as weak figures too).
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip


# --------------------------------------------------------------------------- telephone numbers

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

"""PO text exactly as GNU gettext writes it, so that ``msgcat`` leaves our catalogs alone.

polib wraps strings with :mod:`textwrap`, which neither breaks lines where GNU gettext
does nor counts a Chinese character as two columns, so every catalog polib writes is
rewrapped by the first ``msgmerge``, ``msgcat`` or PO editor that touches it. This
module renders a polib catalog the way GNU gettext 0.21 does (``write-po.c``, default
options, page width 79):

* each string is escaped (``\\n``, ``\\t``, ``\\"``, ``\\\\`` …), cut after every
  ``\\n`` escape, and each piece is broken at Unicode line break opportunities
  (UAX #14 as libunistring implements it, tables in :mod:`l10n._pofmt_data`), with
  East Asian wide characters counted as two columns; spaces stay at the end of the
  line they follow, and a word longer than a line is left whole;
* a string that does not fit after its keyword starts with ``msgid ""``;
* ``#:`` references are joined by spaces and wrapped at the page width, ``#,`` flags
  are normalised as GNU does (``fuzzy`` first, then format flags in GNU's order,
  ``range:``, ``no-wrap``; unknown flags dropped; ``fuzzy`` dropped while the
  translation is empty), and obsolete entries without a translation are dropped.

The module never imports polib: :func:`render_po` takes any object shaped like a
``polib.POFile`` (``header``, ``metadata``, ``metadata_is_fuzzy``, iteration over
entries with polib's attribute names).
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import accumulate, repeat
from operator import add, mul
from typing import Any

__all__ = ["render_po", "wrap_po_string"]

PAGE_WIDTH = 79

# Break states, as libunistring names them.
_PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2

# The ANSI C escapes GNU writes, plus the two characters that must be escaped.
_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"

# Format languages in GNU gettext 0.21's order (``format_language[]`` in format.c);
# this is the order of format flags on a ``#,`` line.
FORMAT_LANGUAGES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp"
    " librep ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost"
    " tcl perl perl-brace php gcc-internal gfc-internal ycp"
).split()
_FORMAT_RANK = {lang: i for i, lang in enumerate(FORMAT_LANGUAGES)}

# Charsets whose legacy CJK fonts make ambiguous-width characters two columns wide
# (libunistring's ``is_cjk_encoding``); names as ``po_charset_canonicalize`` gives them.
_CJK_CHARSETS = frozenset({"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949", "JOHAB"})


# --------------------------------------------------------------------------- tables


class _Tables:
    """Line break class and column width of every code point, packed into one byte each.

    A packed byte is ``class | width << 6`` (classes are < 64, widths 0 to 2).
    """

    __slots__ = (
        "after_space",
        "ascii",
        "cls",
        "direct",
        "names",
        "packed",
        "packed_cjk",
        "pair",
        "space_runs",
        "special",
        "to_class",
        "to_class_cjk",
        "to_width",
    )

    def __init__(self) -> None:
        from . import _pofmt_data as data

        self.names = [*data.PAIR_COLUMNS.split(), "BK", "CR", "LF", "CM", "ZW", "SP", "AI"]
        self.cls = {name: i for i, name in enumerate(self.names)}
        # class | width << 6 per code point, from the two run lists merged (control
        # characters, width -1, take no column, as in libunistring)
        self.packed = bytes(
            _expand_merged(
                _runs(data.LINE_BREAK_RUNS, self.cls.__getitem__),
                _runs(data.WIDTH_RUNS, lambda v: max(int(v), 0) << 6),
            )
        )
        self.ascii = self.packed[:128] + bytes(128)
        # legacy CJK charsets: everything from U+00A1 to U+FF60 but U+20A9 is wide
        cjk = bytearray(self.packed)
        narrow_to_wide = bytes(v + 0x40 if v >> 6 == 1 else v for v in range(256))
        cjk[0xA1:0xFF61] = cjk[0xA1:0xFF61].translate(narrow_to_wide)
        cjk[0x20A9] = self.packed[0x20A9]
        self.packed_cjk = bytes(cjk)
        ai, al, id1 = self.cls["AI"], self.cls["AL"], self.cls["ID1"]
        self.to_class = bytes(al if v & 63 == ai else v & 63 for v in range(256))
        self.to_class_cjk = bytes(id1 if v & 63 == ai else v & 63 for v in range(256))
        self.to_width = bytes(v >> 6 for v in range(256))
        symbols = {"D": 2, "I": 1, "P": 0}
        self.pair = [
            [symbols[s] for s in line.split()[1:]] for line in data.PAIR_TABLE.strip().splitlines()
        ]
        # flat 64 x 64 tables for the fast path: "break here" directly, and after spaces
        direct, after_space = bytearray(64 * 64), bytearray(64 * 64)
        for before, row in enumerate(self.pair):
            for after, rule in enumerate(row):
                direct[before * 64 + after] = rule == 2
                after_space[before * 64 + after] = rule != 0
        self.direct, self.after_space = bytes(direct), bytes(after_space)
        # classes with context rules beyond the pair table: the slow path handles them
        special = bytes(self.cls[k] for k in ("CM", "ZWJ", "RI", "HL", "BK", "CR", "LF", "ZW"))
        self.special = re.compile(b"[" + re.escape(special) + b"]")
        self.space_runs = re.compile(re.escape(bytes((self.cls["SP"],))) + b"+")


def _runs(text: str, convert) -> list[tuple[int, int]]:
    """``(first code point, value)`` of each run in a ``"hex value hex value..."`` table."""
    tokens = text.split()
    return [(int(tokens[i], 16), convert(tokens[i + 1])) for i in range(0, len(tokens), 2)]


def _expand_merged(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bytearray:
    """One byte per code point: the value of run list ``a`` OR that of run list ``b``.

    Both lists start at code point 0; the merged runs are written a slice at a time.
    """
    points = sorted({start for start, _ in a} | {start for start, _ in b})
    out = bytearray(0x110000)
    i = j = 0
    for k, start in enumerate(points):
        while i + 1 < len(a) and a[i + 1][0] <= start:
            i += 1
        while j + 1 < len(b) and b[j + 1][0] <= start:
            j += 1
        end = points[k + 1] if k + 1 < len(points) else 0x110000
        out[start:end] = bytes((a[i][1] | b[j][1],)) * (end - start)
    return out


@cache
def _tables() -> _Tables:
    return _Tables()


# --------------------------------------------------------------------------- line breaking


def _break_events(cls: bytes, cjk: bool) -> list[int]:
    """Break opportunities (libunistring ``u8_possible_linebreaks``) as signed indexes.

    ``i`` means a break is possible before character ``i``; ``~i`` that character
    ``i`` is a mandatory break (a line or paragraph separator).
    """
    t = _tables()
    c = t.cls
    BK, CR, LF, CM, ZWJ, ZW, SP, AI = (
        c[k] for k in ("BK", "CR", "LF", "CM", "ZWJ", "ZW", "SP", "AI")
    )
    AL, ID1, RI, HL, HY, BA = (c[k] for k in ("AL", "ID1", "RI", "HL", "HY", "BA"))
    pair = t.pair
    ai = ID1 if cjk else AL
    events: list[int] = []
    last = BK  # class of the last character that is not a space (nor CM/ZWJ)
    preceding = BK  # class of the character just before
    seen_space = False
    hebrew_hyphen = False  # (LB21a) HL followed by HY or BA
    ri_count = 0  # (LB30a) regional indicators just before
    row = pair[0]
    for i, prop in enumerate(cls):
        if prop < RI and preceding < RI and not seen_space and last < RI:
            # the common case: two ordinary classes in a row, settled by the pair table
            if row[prop] == 2 and not hebrew_hyphen:
                events.append(i)
            hebrew_hyphen = preceding == HL and (prop == HY or prop == BA)
            last = preceding = prop
            row = pair[prop]
            continue
        if prop == BK or prop == CR or prop == LF:
            events.append(~i)
            last = preceding = BK
            seen_space = hebrew_hyphen = False
            ri_count = 0
            continue
        if prop == AI:
            prop = ai
        if prop == SP:
            seen_space = True
        elif prop == ZW:
            last = ZW
            seen_space = False
        elif prop == CM or prop == ZWJ:
            # (LB9, LB10) X CM is X; a CM at the start or after spaces counts as AL
            if last == BK:
                last = AL
                seen_space = False
            elif last == ZW or seen_space:
                events.append(i)
                last = AL
                seen_space = False
        else:
            if last == BK:
                pass
            elif last == ZW:
                events.append(i)
            elif preceding == ZWJ or (hebrew_hyphen and not seen_space):
                pass  # (LB8a), (LB21a)
            elif last == RI and prop == RI:
                if seen_space or ri_count % 2 == 0:
                    events.append(i)
            else:
                rule = pair[last][prop]
                if rule == 2 or (rule == 1 and seen_space):
                    events.append(i)
            last = prop
            seen_space = False
        if last < BK:
            row = pair[last]
        hebrew_hyphen = preceding == HL and (prop == HY or prop == BA)
        preceding = prop
        ri_count = ri_count + 1 if prop == RI else 0
    return events


class _Breaker:
    """Break opportunities and column positions of one escaped string."""

    __slots__ = ("columns", "opportunities")

    def __init__(self, text: str, prohibited: Iterable[int], cjk: bool) -> None:
        t = _tables()
        if text.isascii():
            packed = text.encode("ascii").translate(t.ascii)
        else:
            lookup = (t.packed_cjk if cjk else t.packed).__getitem__
            packed = bytes(map(lookup, array("I", text.encode(_UTF32))))
        cls = packed.translate(t.to_class_cjk if cjk else t.to_class)
        #: columns[i] is the width of text[:i]
        self.columns = [0, *accumulate(packed.translate(t.to_width))]
        n = len(cls)
        #: per character: 1 break possible before it, 2 it is a mandatory break
        opportunities = bytearray(n)
        if t.special.search(cls):
            for event in _break_events(cls, cjk):
                if event < 0:
                    opportunities[~event] = 2
                else:
                    opportunities[event] = 1
        elif n > 1:
            # only pair-table classes and spaces: the table decides, C-level
            pairs = map(add, map(mul, cls[:-1], repeat(64)), cls[1:])
            opportunities[1:] = bytes(map(t.direct.__getitem__, pairs))
            for run in t.space_runs.finditer(cls):
                begin, end = run.span()
                if begin and end < n:
                    opportunities[end] = t.after_space[cls[begin - 1] * 64 + cls[end]]
        for pos in prohibited:
            opportunities[pos] = 0
        self.opportunities = opportunities

    def fits(self, width: int, start_column: int) -> bool:
        """Whether no line break is needed."""
        return start_column + self.columns[-1] <= width or not any(self.opportunities)

    def breaks(self, width: int, start_column: int) -> list[int]:
        """Indexes where GNU breaks the line (libunistring ``u8_width_linebreaks``)."""
        opportunities = self.opportunities
        columns = self.columns
        if 2 in opportunities:
            return self._breaks_mandatory(width, start_column)
        n = len(opportunities)
        breaks: list[int] = []
        line_start = 0
        column = start_column
        while True:
            overflow = bisect_right(columns, width - column + columns[line_start])
            if overflow > n:
                return breaks
            # the piece that overflows ends at the next opportunity (or the end)
            piece_end = opportunities.find(1, overflow)
            if piece_end < 0:
                piece_end = n
            piece_start = opportunities.rfind(1, line_start + 1, piece_end)
            if piece_start < 0:
                if piece_end == n:
                    return breaks
                piece_start = piece_end  # a piece wider than the line stays whole
            breaks.append(piece_start)
            line_start = piece_start
            column = 0

    def _breaks_mandatory(self, width: int, start_column: int) -> list[int]:
        columns = self.columns
        breaks: list[int] = []
        last_p = -1
        last_column = start_column
        piece_start = 0
        for pos, state in enumerate(self.opportunities):
            if not state:
                continue
            if last_p >= 0 and last_column + columns[pos] - columns[piece_start] > width:
                breaks.append(last_p)
                last_column = 0
            if state == 2:
                last_p = -1
                last_column = 0
                piece_start = pos + 1
            else:
                last_column += columns[pos] - columns[piece_start]
                last_p = piece_start = pos
        if last_p >= 0 and last_column + columns[-1] - columns[piece_start] > width:
            breaks.append(last_p)
        return breaks


def _width_breaks(
    text: str, width: int, start_column: int, prohibited: Iterable[int], cjk: bool
) -> list[int]:
    """Indexes where a line must be broken; ``prohibited``: GNU's overrides."""
    return _Breaker(text, prohibited, cjk).breaks(width, start_column)


def _display_width(text: str, cjk: bool) -> int:
    if text.isascii():
        return len(text)
    lookup = (_tables().packed_cjk if cjk else _tables().packed).__getitem__
    return sum(v >> 6 for v in map(lookup, array("I", text.encode(_UTF32))))


# --------------------------------------------------------------------------- format directives

# Where GNU's format parsers find a directive, no line break goes inside it. Only the
# directives that can contain a break opportunity matter (a space flag, a named
# Python argument with spaces or hyphens, hyphen-plus flag runs).
_C_DIRECTIVE = re.compile(
    r"%(?:%|(?:\d+\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+)?)?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXeEfFgGaAcspnmCS]|<PRI[a-zA-Z0-9_]+>[a-zA-Z]?))"
)
_PYTHON_DIRECTIVE = re.compile(
    r"%(?:%|(?:\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa])"
)
_DIRECTIVES = {"c": _C_DIRECTIVE, "objc": _C_DIRECTIVE, "python": _PYTHON_DIRECTIVE}
# Lisp and Scheme: "~" [params] [:@] char; a bracketed group "~[ … ~]" is one directive.
_TILDE_DIRECTIVE = re.compile(r"~(?:[+-]?\d+|'.|[vV#])?(?:,(?:[+-]?\d+|'.|[vV#])?)*[:@]*(.)", re.S)
_TILDE_SIMPLE = set("aAsSwWdDbBoOxXrRpPcCfFeEgGiIyYkKqQtT$%&|~*?^!/;_\n")
_TILDE_GROUPS = {
    "lisp": {"[": "]", "{": "}", "(": ")", "<": ">"},
    "scheme": {"[": "]", "{": "}", "(": ")"},
}


def _tilde_interiors(text: str, groups: dict[str, str]) -> set[int]:
    inside: set[int] = set()
    closers = set(groups.values())
    stack: list[tuple[int, str]] = []
    pos = text.find("~")
    while pos >= 0:
        match = _TILDE_DIRECTIVE.match(text, pos)
        if match is None:
            break
        char = match.group(1)
        if char in groups:
            stack.append((pos, groups[char]))
        elif char in closers:
            if not stack or stack[-1][1] != char:
                break
            start = stack.pop()[0]
            if not stack:
                inside.update(range(start + 1, match.end()))
        elif char in _TILDE_SIMPLE or char == "\n":
            if not stack:
                inside.update(range(pos + 1, match.end()))
        else:
            break
        pos = text.find("~", match.end())
    return inside


def _directive_interiors(text: str, languages: Iterable[str]) -> set[int]:
    """Indexes of ``text`` inside a format directive (not its first character)."""
    for lang in languages:
        if lang in _TILDE_GROUPS:
            return _tilde_interiors(text, _TILDE_GROUPS[lang])
        pattern = _DIRECTIVES.get(lang)
        if pattern is None:
            # GNU marks directives for the first format language only
            if lang in _FORMAT_RANK:
                return set()
            continue
        inside: set[int] = set()
        pos = text.find("%")
        while pos >= 0:
            match = pattern.match(text, pos)
            if match is None:
                break  # GNU's parser stops at the first invalid directive
            inside.update(range(pos + 1, match.end()))
            pos = text.find("%", match.end())
        return inside
    return set()


# --------------------------------------------------------------------------- strings


def wrap_po_string(
    keyword: str,
    text: str,
    *,
    prefix: str = "",
    width: int = PAGE_WIDTH,
    no_wrap: bool = False,
    formats: Sequence[str] = (),
    cjk: bool = False,
) -> list[str]:
    """The PO lines for ``keyword "text"``, wrapped as GNU gettext wraps them.

    ``prefix`` is ``""``, ``"#~ "``, ``"#| "`` or ``"#~| "``; ``no_wrap`` is the
    ``no-wrap`` flag (lines are then cut only after ``\\n``); ``formats`` are the
    entry's format languages (``"c"``, ``"python"`` …), inside whose directives no
    break is made; ``cjk`` counts ambiguous-width characters as two columns, as GNU
    does for legacy CJK charsets (Big5, GBK …). Lines have no trailing newline.

    >>> wrap_po_string("msgid", 'Say "hi"\\n')
    ['msgid "Say \\\\"hi\\\\"\\\\n"']
    >>> wrap_po_string("msgstr", "第一行\\n第二行")
    ['msgstr ""', '"第一行\\\\n"', '"第二行"']
    """
    lines: list[str] = []
    interiors = _directive_interiors(text, formats) if formats else set()
    after_break = len(prefix) + 1
    avail = (width if not no_wrap else 1 << 30) - 1 - after_break
    first_line = True
    start = 0
    n = len(text)
    while True:
        end = text.find("\n", start)
        end = n if end < 0 else end + 1
        portion = text[start:end]
        escaped = portion.translate(_ESCAPE_TABLE)
        more = end < n
        breaks: list[int] = []
        startcol = len(prefix) + (len(keyword) + 1 if first_line else 0) + 1 - after_break
        if escaped and startcol + 2 * len(escaped) > avail:
            if startcol + _display_width(escaped, cjk) > avail:
                breaker = _Breaker(
                    escaped, _no_break_before(portion, escaped, start, interiors), cjk
                )
                breaks = breaker.breaks(avail, startcol)
                if first_line and (breaks or startcol > avail):
                    # GNU then starts with an empty string and wraps from column 0
                    breaks = breaker.breaks(avail, len(prefix) + 1 - after_break)
                    lines.append(f'{prefix}{keyword} ""')
                    first_line = False
        if first_line and escaped and more:
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        cut = 0
        for b in breaks:
            lines.append(f'{head}"{escaped[cut:b]}"')
            head = prefix
            cut = b
        lines.append(f'{head}"{escaped[cut:]}"')
        start = end
        if start >= n:
            return lines


_ESCAPE_PAIR = re.compile(r"\\.", re.S)


def _no_break_before(portion: str, escaped: str, offset: int, interiors: set[int]) -> list[int]:
    """Escaped-text indexes before which GNU forbids a break (its ``overrides``)."""
    # never inside an escape sequence such as \n or \"
    out = [m.start() + 1 for m in _ESCAPE_PAIR.finditer(escaped)]
    if interiors:
        pos = 0
        for i, ch in enumerate(portion, offset):
            if i in interiors:
                out.append(pos)
            pos += 2 if ch in _ESCAPES else 1
    if portion.endswith("\n"):
        out.append(len(escaped) - 2)  # nor just before the final \n
    return out


# --------------------------------------------------------------------------- entries


def _flag_words(flags: Iterable[str], fuzzy_allowed: bool) -> list[str]:
    """The ``#,`` flags GNU keeps, in GNU's order."""
    fuzzy = False
    formats: dict[str, str] = {}
    range_flag = None
    no_wrap = None
    for raw in flags:
        flag = raw.strip()
        if flag == "fuzzy":
            fuzzy = True
        elif flag.startswith("range:"):
            m = re.fullmatch(r"range:\s*(\d+)\s*\.\.\s*(\d+)", flag)
            if m and int(m.group(1)) <= int(m.group(2)):
                range_flag = f"range: {int(m.group(1))}..{int(m.group(2))}"
        elif flag in ("wrap", "no-wrap"):
            no_wrap = flag == "no-wrap"
        else:
            parsed = _parse_format_flag(flag)
            if parsed is not None:
                name, state = parsed
                formats.pop(name, None)
                if state is not None:
                    formats[name] = state
    words = ["fuzzy"] if fuzzy and fuzzy_allowed else []
    for name in sorted(formats, key=_FORMAT_RANK.__getitem__):
        words.append(f"{name}-format" if formats[name] == "yes" else f"no-{name}-format")
    if range_flag:
        words.append(range_flag)
    if no_wrap:
        words.append("no-wrap")
    return words


def _parse_format_flag(flag: str) -> tuple[str, str | None] | None:
    """``("c", "yes")`` for c-format, ``("c", "no")`` for no-c-format, None if unknown.

    The state is None for GNU's ``impossible-``/``undecided-`` forms, which it reads but
    never writes.
    """
    if not flag.endswith("-format"):
        return None
    name = flag[: -len("-format")]
    if name in _FORMAT_RANK:
        return name, "yes"
    for head, state in (
        ("no-", "no"),
        ("possible-", "yes"),
        ("impossible-", None),
        ("undecided-", None),
    ):
        if name.startswith(head) and name[len(head) :] in _FORMAT_RANK:
            return name[len(head) :], state
    return None


def _format_languages(flags: Iterable[str]) -> list[str]:
    """Format languages that GNU treats as possible for the entry, in GNU's order."""
    states: dict[str, str | None] = {}
    for flag in flags:
        parsed = _parse_format_flag(flag.strip())
        if parsed is not None:
            states[parsed[0]] = parsed[1]
    return sorted(
        (n for n, state in states.items() if state == "yes"), key=_FORMAT_RANK.__getitem__
    )


def _comment_lines(mark: str, text: str | None) -> list[str]:
    if not text:
        return []
    return [f"{mark} {line}" if line else mark for line in text.split("\n")]


def _reference_lines(occurrences: Iterable[Sequence[str]], width: int) -> list[str]:
    refs: list[str] = []
    seen: set[str] = set()
    for occurrence in occurrences:
        path, lineno = (
            (occurrence[0], occurrence[1]) if len(occurrence) > 1 else (occurrence[0], "")
        )
        lineno = str(lineno or "")
        if lineno and not lineno.isdigit():
            path, lineno = f"{path}:{lineno}", ""
        while path.startswith("./"):
            path = path[2:]
        ref = f"{path}:{int(lineno)}" if lineno else path
        if ref not in seen:
            seen.add(ref)
            refs.append(ref)
    if not refs:
        return []
    lines: list[str] = []
    current = "#:"
    column = 2
    for ref in refs:
        size = len(ref.encode("utf-8")) + 1  # GNU counts bytes here
        if column > 2 and column + size > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + ref
        column += size
    lines.append(current)
    return lines


def _plural_forms(entry: Any) -> list[tuple[str, str]]:
    plural = entry.msgstr_plural or {}
    if not plural:
        return [("msgstr[0]", entry.msgstr or "")]
    keys = sorted(int(k) for k in plural)
    # GNU stores msgstr[i] consecutively; a gap reads as an error, so fill it.
    return [
        (f"msgstr[{i}]", plural.get(i, plural.get(str(i), "")) or "") for i in range(keys[-1] + 1)
    ]


def _entry_lines(entry: Any, *, width: int, cjk: bool, header: str | None = None) -> list[str]:
    obsolete = bool(getattr(entry, "obsolete", False))
    msgid = entry.msgid if header is None else ""
    msgid_plural = getattr(entry, "msgid_plural", None) or None
    if msgid_plural is not None:
        msgstrs = _plural_forms(entry)
    else:
        msgstrs = [("msgstr", (entry.msgstr if header is None else header) or "")]
    if obsolete and not msgstrs[0][1]:
        return []  # GNU drops untranslated obsolete entries
    flags = list(getattr(entry, "flags", None) or [])
    words = _flag_words(flags, fuzzy_allowed=bool(msgstrs[0][1]))
    no_wrap = "no-wrap" in words
    formats = _format_languages(flags)

    lines = _comment_lines("#", getattr(entry, "tcomment", None))
    lines += _comment_lines("#.", getattr(entry, "comment", None))
    lines += _reference_lines(getattr(entry, "occurrences", None) or (), width)
    if words:
        lines.append("#, " + ", ".join(words))

    def wrap(keyword: str, text: str, prefix: str) -> list[str]:
        return wrap_po_string(
            keyword, text, prefix=prefix, width=width, no_wrap=no_wrap, formats=formats, cjk=cjk
        )

    previous = "#~| " if obsolete else "#| "
    for keyword, attr in (
        ("msgctxt", "previous_msgctxt"),
        ("msgid", "previous_msgid"),
        ("msgid_plural", "previous_msgid_plural"),
    ):
        value = getattr(entry, attr, None)
        if value is not None:
            lines += wrap(keyword, value, previous)
    prefix = "#~ " if obsolete else ""
    msgctxt = getattr(entry, "msgctxt", None)
    if msgctxt is not None:
        lines += wrap("msgctxt", msgctxt, prefix)
    lines += wrap("msgid", msgid, prefix)
    if msgid_plural is not None:
        lines += wrap("msgid_plural", msgid_plural, prefix)
    for keyword, text in msgstrs:
        lines += wrap(keyword, text, prefix)
    return lines


def _charset(metadata: dict) -> str:
    content_type = str(metadata.get("Content-Type", ""))
    match = re.search(r"charset=([^\s;]+)", content_type)
    return match.group(1).upper() if match else "UTF-8"


def render_po(po: Any, *, width: int = PAGE_WIDTH) -> str:
    """The whole catalog as PO text, byte-identical to what GNU ``msgcat`` would write.

    The header entry comes first (its comment from ``po.header``, ``#, fuzzy`` when
    ``po.metadata_is_fuzzy``, the metadata in ``po.metadata`` order), then the live
    entries in order, then the obsolete ones.
    """
    metadata = dict(getattr(po, "metadata", None) or {})
    cjk = _charset(metadata) in _CJK_CHARSETS
    header_text = "".join(f"{key}: {value}\n" for key, value in metadata.items())

    blocks: list[list[str]] = []
    header_comment = getattr(po, "header", "") or ""
    head = _HeaderEntry(
        tcomment=header_comment,
        flags=["fuzzy"] if getattr(po, "metadata_is_fuzzy", False) else [],
    )
    blocks.append(_entry_lines(head, width=width, cjk=cjk, header=header_text))
    entries = list(po)
    for entry in entries:
        if not entry.obsolete:
            blocks.append(_entry_lines(entry, width=width, cjk=cjk))
    for entry in entries:
        if entry.obsolete:
            lines = _entry_lines(entry, width=width, cjk=cjk)
            if lines:
                blocks.append(lines)
    return "\n".join("\n".join(block) + "\n" for block in blocks)


class _HeaderEntry:
    """The header as an entry: msgid "" whose msgstr is the metadata."""

    __slots__ = ("flags", "tcomment")
    obsolete = False
    msgid_plural = None
    msgctxt = None
    comment = None
    occurrences = ()
    previous_msgctxt = previous_msgid = previous_msgid_plural = None

    def __init__(self, *, tcomment: str, flags: list[str]) -> None:
        self.tcomment = tcomment
        self.flags = flags

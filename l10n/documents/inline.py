"""Placeholder text shared by the readers and the rebuild.

Inline markup becomes numbered placeholders in a block's text: ``<1>…</1>`` for a pair,
``<2/>`` for an empty element. A literal ``<`` that would look like a placeholder
(``<`` followed by a digit or ``/`` and a digit) is written ``&lt;``; a literal ``&lt;``
(with any number of ``amp;``) gains one ``amp;``. So every text has exactly one
placeholder form and :func:`unescape_text` undoes :func:`escape_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "PLACEHOLDER_RE",
    "PlaceholderError",
    "Token",
    "collapse_run",
    "collapse_text",
    "collapse_whitespace",
    "escape_text",
    "is_cjk",
    "parse_placeholders",
    "placeholder_ids",
    "unescape_text",
]

PLACEHOLDER_RE = re.compile(r"<(/?)(\d+)(/?)>")
_AMP_LT = re.compile(r"&((?:amp;)*)lt;")
_LOOKS_LIKE_PLACEHOLDER = re.compile(r"<(?=/?\d)")
_ASCII_WS = " \t\n\r\f"
_WS_SPLIT = re.compile(r"([ \t\n\r\f]+)")


class PlaceholderError(ValueError):
    """A translated text whose placeholders do not fit its source."""


def escape_text(text: str) -> str:
    """Make literal text safe to sit next to placeholders.

    >>> escape_text("a <1 b")
    'a &lt;1 b'
    >>> escape_text("x < y &lt; z")
    'x < y &amp;lt; z'
    """
    if "<" not in text and "&" not in text:
        return text
    text = _AMP_LT.sub(lambda m: f"&amp;{m.group(1)}lt;", text)
    return _LOOKS_LIKE_PLACEHOLDER.sub("&lt;", text)


def unescape_text(text: str) -> str:
    """Undo :func:`escape_text` on the text between placeholders.

    >>> unescape_text('a &lt;1 b &amp;lt; c')
    'a <1 b &lt; c'
    """

    def repl(m: re.Match) -> str:
        amps = m.group(1)
        return "<" if not amps else "&" + amps[4:] + "lt;"

    return _AMP_LT.sub(repl, text)


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of placeholder text: ``kind`` is ``text``, ``open``, ``close`` or ``empty``."""

    kind: str
    value: str = ""
    number: int = 0


def parse_placeholders(text: str) -> list[Token]:
    """Split placeholder text into tokens (text unescaped).

    >>> [(t.kind, t.value or t.number) for t in parse_placeholders("a<1>b</1><2/>")]
    [('text', 'a'), ('open', 1), ('text', 'b'), ('close', 1), ('empty', 2)]
    """
    out: list[Token] = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(text):
        if m.group(1) and m.group(3):  # "</1/>" is no placeholder: leave it as text
            continue
        if m.start() > pos:
            out.append(Token("text", unescape_text(text[pos:m.start()])))
        number = int(m.group(2))
        kind = "close" if m.group(1) else "empty" if m.group(3) else "open"
        out.append(Token(kind, number=number))
        pos = m.end()
    if pos < len(text):
        out.append(Token("text", unescape_text(text[pos:])))
    return out


def placeholder_ids(text: str) -> dict[int, str]:
    """``{number: "pair" | "empty"}`` of the placeholders in a text."""
    out: dict[int, str] = {}
    for tok in parse_placeholders(text):
        if tok.kind == "empty":
            out[tok.number] = "empty"
        elif tok.kind in {"open", "close"}:
            out[tok.number] = "pair"
    return out


def check_structure(text: str, allowed: dict[int, str]) -> list[Token]:
    """Tokens of ``text`` after checking its placeholders against the source's.

    Every placeholder must exist in ``allowed`` with the same kind, appear at most once,
    and pairs must nest properly.

    :raises PlaceholderError: with a message for the user.
    """
    tokens = parse_placeholders(text)
    seen: set[int] = set()
    stack: list[int] = []
    for tok in tokens:
        if tok.kind == "text":
            continue
        n = tok.number
        want = allowed.get(n)
        if want is None:
            raise PlaceholderError(f"placeholder <{n}> is not in the source")
        if tok.kind == "empty":
            if want != "empty":
                raise PlaceholderError(f"<{n}/> should be a pair <{n}>…</{n}>")
            if n in seen:
                raise PlaceholderError(f"placeholder <{n}/> is used twice")
            seen.add(n)
        elif tok.kind == "open":
            if want != "pair":
                raise PlaceholderError(f"<{n}> should be the empty placeholder <{n}/>")
            if n in seen:
                raise PlaceholderError(f"placeholder <{n}> is used twice")
            seen.add(n)
            stack.append(n)
        else:
            if not stack or stack[-1] != n:
                raise PlaceholderError(f"</{n}> closes a placeholder that is not open")
            stack.pop()
    if stack:
        raise PlaceholderError(f"<{stack[-1]}> is never closed")
    return tokens


def is_cjk(ch: str) -> bool:
    """Whether a character is written without spaces around it (Han, kana, full-width punctuation)."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or 0x3000 <= o <= 0x303F
    )


def _collapse_slow(pieces: list[tuple[str, str]]) -> str:
    """Join ``(kind, value)`` pieces (``text`` or ``ph`` = placeholder) as a browser renders them.

    Runs of ASCII whitespace become one space, and disappear at the start and end of the
    block and when they hold a line break between two CJK characters (a line break in the
    source of a Chinese page is no space on screen). NBSP is a normal space; U+3000 is
    kept inside the text and stripped at the start and end (paragraph indentation).

    >>> collapse_whitespace([("text", "  Hello\\n  "), ("ph", "<1>"), ("text", " world "), ("ph", "</1>")])
    'Hello <1>world</1>'
    >>> collapse_whitespace([("text", "\u3000\u3000中文\\n  句子\u3000")])
    '中文句子'
    """
    items: list[tuple[bool, str]] = []  # (is placeholder, value)
    last_char = ""  # last visible character; "" at the start, " " right after a written space
    pending = 0  # 0 none, 1 a space, 2 whitespace holding a line break
    for kind, value in pieces:
        if kind == "ph":
            # A space before an opening/empty placeholder sits before it ("a <1>b</1>"),
            # one before a closing placeholder after it ("<1>a</1> b").
            if pending and last_char not in {"", " "} and not value.startswith("</") and not (
                pending == 2 and is_cjk(last_char)
            ):
                items.append((False, " "))
                last_char = " "
                pending = 0
            items.append((True, value))
            if value.endswith("/>"):
                last_char = "\ufffc"  # an empty element (image, line break) is visible content
            continue
        for chunk in _WS_SPLIT.split(value.replace("\u00a0", " ")):
            if not chunk:
                continue
            if chunk[0] in _ASCII_WS:
                pending = max(pending, 2 if "\n" in chunk else 1)
                continue
            if pending:
                if last_char not in {"", " "} and not (pending == 2 and is_cjk(last_char) and is_cjk(chunk[0])):
                    items.append((False, " "))
                pending = 0
            items.append((False, chunk))
            last_char = chunk[-1]
    # Strip U+3000 (indentation) and spaces at both ends, looking through placeholders.
    head: list[str] = []
    lo, hi = 0, len(items)
    while lo < hi:
        is_ph, value = items[lo]
        if is_ph:
            head.append(value)
            lo += 1
            continue
        stripped = value.lstrip(" \u3000")
        if stripped:
            items[lo] = (False, stripped)
            break
        lo += 1
    tail: list[str] = []
    while hi > lo:
        is_ph, value = items[hi - 1]
        if is_ph:
            tail.append(value)
            hi -= 1
            continue
        stripped = value.rstrip(" \u3000")
        if stripped:
            items[hi - 1] = (False, stripped)
            break
        hi -= 1
    return "".join(head) + "".join(v for _, v in items[lo:hi]) + "".join(reversed(tail))


_OPEN0, _CLOSE0, _EMPTY0, _SPAN = 0xE000, 0xE800, 0xF000, 0x800
_PUA = re.compile("[\ue000-\uf7ff]")
_CJK_CLASS = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_CJK_BREAK = re.compile(
    f"(?<=[{_CJK_CLASS}])([\\ue000-\\uf7ff]*)[ \\t\\r\\f]*\\n[ \\t\\n\\r\\f]*([\\ue000-\\uf7ff]*)(?=[{_CJK_CLASS}])"
)
_WS_RUN = re.compile(r"[ \t\n\r\f]+")
_SPACE_IN_OPEN = re.compile("(?:(?<= )|^)([\ue000-\ue7ff\uf000-\uf7ff]*[\ue000-\ue7ff]) ")
_SPACE_BEFORE_CLOSE = re.compile(" ([\ue800-\uefff]+)")
_MARK_SPACE = re.compile("[\ue000-\ue7ff] | [\ue800-\uefff]")  # where the two above can match
_STRIP_HEAD = re.compile("^([\ue000-\uf7ff]*)[ \u3000]+")
_STRIP_TAIL = re.compile("[ \u3000]+([\ue000-\uf7ff]*)$")


def collapse_whitespace(pieces: list[tuple[str, str]]) -> str:
    """Join ``(kind, value)`` pieces (``text`` or ``ph`` = placeholder) as a browser renders them.

    Runs of ASCII whitespace become one space, and disappear at the start and end of the
    block and when they hold a line break between two CJK characters (a line break in the
    source of a Chinese page is no space on screen). NBSP is a normal space; U+3000 is
    kept inside the text and stripped at the start and end (paragraph indentation). A
    space next to an opening placeholder goes before it, next to a closing one after it.

    >>> collapse_whitespace([("text", "  Hello\\n  "), ("ph", "<1>"), ("text", " world "), ("ph", "</1>")])
    'Hello <1>world</1>'
    >>> collapse_whitespace([("text", "\u3000\u3000中文\\n  句子\u3000")])
    '中文句子'
    >>> collapse_whitespace([("text", "链接"), ("ph", "<1>"), ("text", "\\n文字 "), ("ph", "</1>"), ("text", "end")])
    '链接<1>文字</1> end'
    """
    # Placeholders become private-use characters so that regexes can do the work.
    if len(pieces) == 1 and pieces[0][0] != "ph":
        return _collapse_text(pieces[0][1])
    marks: dict[str, str] = {}
    out: list[str] = []
    texts: list[str] = []
    counts = [0, 0, 0]
    for kind, value in pieces:
        if kind != "ph":
            out.append(value)
            texts.append(value)
            continue
        slot = 1 if value.startswith("</") else 2 if value.endswith("/>") else 0
        if counts[slot] >= _SPAN:
            return _collapse_slow(pieces)
        ch = chr((_OPEN0, _CLOSE0, _EMPTY0)[slot] + counts[slot])
        counts[slot] += 1
        marks[ch] = value
        out.append(ch)
    if not marks:
        return _collapse_text("".join(out))
    plain = "".join(texts)
    if plain and _PUA.search(plain):
        return _collapse_slow(pieces)  # the text holds private-use characters of its own
    return _collapse_marked("".join(out), marks)


def collapse_text(text: str) -> str:
    """``collapse_whitespace([("text", escape_text(text))])``: one plain text, escaped and collapsed."""
    return _collapse_text(escape_text(text))


def collapse_run(parts: list[str], ph_at: dict[int, str], n_open: int, n_close: int, n_empty: int) -> str:
    """:func:`collapse_whitespace` for pieces already turned into private-use marks.

    ``parts`` holds the raw (unescaped) texts and, at the indexes in ``ph_at``, the mark
    of each placeholder ``ph_at[i]``: ``chr(0xE000 + k)`` for the k-th opening one,
    ``chr(0xE800 + k)`` for the k-th closing one, ``chr(0xF000 + k)`` for the k-th empty
    one (``n_open``, ``n_close``, ``n_empty`` of each). The result is that of
    ``collapse_whitespace`` on the same pieces with each run of texts joined and escaped
    with :func:`escape_text`; escaping the joined string is the same, as no escape can
    reach across a mark.
    """
    text = escape_text("".join(parts))
    if not ph_at:
        return _collapse_text(text)
    if n_open > _SPAN or n_close > _SPAN or n_empty > _SPAN or len(_PUA.findall(text)) != len(ph_at):
        # Too many placeholders, or private-use characters in the text itself.
        pieces: list[tuple[str, str]] = []
        texts: list[str] = []
        for i, part in enumerate(parts):
            ph = ph_at.get(i)
            if ph is None:
                texts.append(part)
                continue
            if texts:
                pieces.append(("text", escape_text("".join(texts))))
                texts = []
            pieces.append(("ph", ph))
        if texts:
            pieces.append(("text", escape_text("".join(texts))))
        return collapse_whitespace(pieces)
    return _collapse_marked(text, {parts[i]: ph for i, ph in ph_at.items()})


def _collapse_marked(text: str, marks: dict[str, str]) -> str:
    """The rest of :func:`collapse_whitespace` once placeholders are marks in ``text``.

    ``marks`` maps every private-use character of ``text`` to its placeholder (the
    callers fall back to the slow path when the text holds private-use characters of its
    own).
    """
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    if "\n" in text:
        text = _CJK_BREAK.sub(r"\1\2", text)
    if _needs_ws_run(text):
        text = _WS_RUN.sub(" ", text)
    # The two substitutions below only change a text holding a space after an opening
    # mark or before a closing one.
    if _has_mark_space(text, marks):
        text = _SPACE_IN_OPEN.sub(r"\1", text)
        text = _SPACE_BEFORE_CLOSE.sub(r"\1 ", text)
    text = text.replace("  ", " ")
    for _ in range(3):
        new = _strip_marked(text)
        if new == text:
            break
        text = new
    if len(marks) <= 8 and all(value.isascii() for value in marks.values()):
        for ch, value in marks.items():
            text = text.replace(ch, value)
        return text
    return _PUA.sub(lambda m: marks[m.group(0)], text)


def _has_mark_space(text: str, marks: dict[str, str]) -> bool:
    """``_MARK_SPACE.search(text) is not None``, for a text whose only marks are ``marks``.

    The marks are few, and a substring test per mark is several times faster than the
    regular expression, which tries its alternatives at every character.
    """
    for ch in marks:
        if ch < "\ue800":  # opening mark: a space after it
            if ch + " " in text:
                return True
        elif ch < "\uf000" and " " + ch in text:  # closing mark: a space before it
            return True
    return False


def _needs_ws_run(text: str) -> bool:
    """Whether ``_WS_RUN.sub(" ", text)`` changes ``text`` (not every run is one space)."""
    return "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text


def _collapse_text(text: str) -> str:
    """:func:`collapse_whitespace` of a single text piece (no placeholders)."""
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    if "\n" in text:
        text = _CJK_BREAK.sub(r"\1\2", text)
    if _needs_ws_run(text):
        text = _WS_RUN.sub(" ", text)
    return text.strip(" \u3000")


def _strip_marked(text: str) -> str:
    """``_STRIP_TAIL.sub(r"\\1", _STRIP_HEAD.sub(r"\\1", text))`` without scanning the text.

    Both patterns can only match at the ends: marks then spaces at the start, spaces then
    marks at the end (``text`` holds no line break here, so ``$`` is the very end).
    """
    n = len(text)
    i = 0
    while i < n and "\ue000" <= text[i] <= "\uf7ff":
        i += 1
    j = i
    while j < n and text[j] in " \u3000":
        j += 1
    if j > i:
        text = text[:i] + text[j:]
        n = len(text)
    k = n
    while k > 0 and "\ue000" <= text[k - 1] <= "\uf7ff":
        k -= 1
    m = k
    while m > 0 and text[m - 1] in " \u3000":
        m -= 1
    if m < k:
        text = text[:m] + text[k:]
    return text

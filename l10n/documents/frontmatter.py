"""Front matter of Markdown releases: the page's ``title``, ``description`` and ``summary``.

A Markdown file may open with YAML (between ``---`` lines) or TOML (between ``+++``
lines) front matter. Only those three keys are translated: their values are read when
they are plain strings (YAML plain, single- or double-quoted scalars and ``|``/``>``
block scalars; TOML basic and literal strings) and each translation is written back in
the value's own style where that stays valid YAML or TOML, else in a quoted form that
is. Every other line of the front matter is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FRONT_KEYS", "FrontField", "front_fields", "front_matter_lines", "write_front_fields"]

#: The translated keys and the kind of block each becomes.
FRONT_KEYS = {"title": "title", "description": "meta-description", "summary": "meta-description"}


@dataclass(frozen=True, slots=True)
class FrontField:
    """A front-matter value: lines ``start:end``, how it was written and what stays around it."""

    fmt: str  # "yaml" or "toml"
    style: str  # plain, single, double, block (YAML); basic, literal (TOML)
    start: int
    end: int
    head: str  # the line up to the value ("title: "), or the whole key line of a block scalar
    trailing: str  # a comment after the value
    indent: str = ""  # block scalars: the content's indentation


def front_matter_lines(lines: list[str]) -> int:
    """Number of lines of YAML (``---``) or TOML (``+++``) front matter, 0 when there is none."""
    if not lines or lines[0].strip() not in {"---", "+++"}:
        return 0
    fence = lines[0].strip()
    for i in range(1, len(lines)):
        if lines[i].strip() == fence:
            return i + 1
    return 0


_YAML_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
                 "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
                 "L": "\u2028", "P": "\u2029"}
_TOML_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def _unescape(body: str, table: dict[str, str], hex_x: bool) -> str | None:
    """A double-quoted YAML or basic TOML string's value, None when an escape is invalid."""
    bad = False

    def repl(m: re.Match) -> str:
        nonlocal bad
        code = m.group(1)
        if len(code) > 1 and (code[0] in "uU" or (hex_x and code[0] == "x")):
            return chr(int(code[1:], 16))
        if code[0] in table:
            return table[code[0]] + code[1:]
        bad = True
        return ""

    value = _ESCAPE_RE.sub(repl, body)
    return None if bad else value


def _quoted_end(s: str, doubled: bool, escapes: bool) -> int:
    """Index after the closing quote of the string opening at ``s[0]``, -1 when it is not closed."""
    i = 1
    while i < len(s):
        if escapes and s[i] == "\\":
            i += 2
            continue
        if s[i] == s[0]:
            if doubled and s[i + 1:i + 2] == s[0]:
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _inline_value(rest: str, fmt: str) -> tuple[str, str, str] | None:
    """``(style, value, trailing comment)`` of a one-line value, None when it is not a plain string."""
    if rest[:1] in {"'", '"'}:
        quote = rest[0]
        end = _quoted_end(rest, doubled=fmt == "yaml" and quote == "'", escapes=quote == '"')
        if end < 0 or rest[end:].strip()[:1] not in {"", "#"} or rest[:3] in {'"""', "'''"}:
            return None
        body = rest[1:end - 1]
        if quote == "'":
            return ("single" if fmt == "yaml" else "literal"), body.replace("''", "'") if fmt == "yaml" else body, rest[end:]
        value = _unescape(body, _YAML_ESCAPES if fmt == "yaml" else _TOML_ESCAPES, hex_x=fmt == "yaml")
        return None if value is None else ("double" if fmt == "yaml" else "basic", value, rest[end:])
    if fmt == "toml" or not rest.strip() or rest[0] in "[]{}&*!|>%@`#,?-:":
        return None
    m = re.search(r"[ \t]#", rest)
    value, trailing = (rest[:m.start()], rest[m.start():]) if m else (rest, "")
    if ": " in value or value.rstrip().endswith(":"):
        return None
    return "plain", value.strip(), trailing


def front_fields(lines: list[str], front: int) -> list[tuple[str, str, FrontField]]:
    """``(key, value, field)`` for the translatable keys of the front matter."""
    fmt = "yaml" if lines[0].strip() == "---" else "toml"
    out: list[tuple[str, str, FrontField]] = []
    i = 1
    while i < front - 1:
        line = lines[i].rstrip("\r\n")
        i += 1
        if fmt == "toml" and line.lstrip().startswith("["):
            break  # a [table]: its keys are not the page's
        pattern = r"[ \t]*(title|description|summary)[ \t]*=[ \t]*" if fmt == "toml" else r"(title|description|summary)[ \t]*:(?:[ \t]+|$)"
        m = re.match(pattern, line)
        if not m:
            continue
        key, head, rest = m.group(1), line[:m.end()], line[m.end():]
        more = i
        while more < front - 1 and fmt == "yaml" and (not lines[more].strip() or lines[more][:1] in " \t"):
            more += 1
        while more > i and not lines[more - 1].strip():
            more -= 1
        extra = [lines[j].strip() for j in range(i, more)]
        if fmt == "yaml" and re.fullmatch(r"[|>][-+0-9]*[ \t]*(#.*)?", rest.strip()) and extra:
            content = [lines[j] for j in range(i, more) if lines[j].strip()]
            indent = content[0][: len(content[0]) - len(content[0].lstrip())]
            value = " ".join(extra)
            out.append((key, value, FrontField(fmt, "block", i - 1, more, line, "", indent)))
            i = more
            continue
        parsed = _inline_value(rest, fmt)
        if parsed is None or (extra and (parsed[0] != "plain" or parsed[2] or any("#" in e for e in extra))):
            continue
        style, value, trailing = parsed
        value = " ".join([value, *extra])
        out.append((key, value, FrontField(fmt, style, i - 1, more, head, trailing.rstrip())))
        i = more
    return out


_YAML_RESERVED = re.compile(r"(?i)~|null|true|false|yes|no|y|n|on|off|[-+.]?\d.*|[-+]?\.(inf|nan)")


def _controls(value: str) -> bool:
    return any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029\ufeff" for ch in value)


def _yaml_double(value: str) -> str:
    def esc(ch: str) -> str:
        if ch in '\\"':
            return "\\" + ch
        if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            return f"\\x{ord(ch):02x}"
        return f"\\u{ord(ch):04x}" if ch in "\u2028\u2029\ufeff" else ch

    return '"' + "".join(esc(ch) for ch in value) + '"'


def _toml_basic(value: str) -> str:
    short = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}

    def esc(ch: str) -> str:
        if ch in short:
            return short[ch]
        return f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch

    return '"' + "".join(esc(ch) for ch in value) + '"'


def _front_value(value: str, fld: FrontField) -> str:
    """``value`` written in the field's own style when that is valid, else in a quoted form that is."""
    if fld.fmt == "toml":
        if fld.style == "literal" and "'" not in value and not _controls(value):
            return f"'{value}'"
        return _toml_basic(value)
    if fld.style == "plain" and not _controls(value) and value == value.strip() and value[:1] not in set(
        "-?:,[]{}#&*!|>'\"%@`"
    ) and ": " not in value and " #" not in value and "\t" not in value and not value.endswith(":") \
            and not _YAML_RESERVED.fullmatch(value):
        return value
    if fld.style == "single" and not _controls(value):
        return "'" + value.replace("'", "''") + "'"
    return _yaml_double(value)


def write_front_fields(lines: list[str], fields: dict[str, FrontField], values: dict[str, str]) -> None:
    """Write ``values`` (block id -> plain text) into the fields' lines of ``lines``, in place.

    Fields without a value keep their lines; whitespace in a value is collapsed to one space.
    """
    for block_id, fld in sorted(fields.items(), key=lambda kv: -kv[1].start):
        if block_id not in values:
            continue
        value = " ".join(values[block_id].split())
        last = lines[fld.end - 1]
        ending = last[len(last.rstrip("\r\n")):] or "\n"
        if fld.style == "block":
            lines[fld.start + 1:fld.end] = [fld.indent + value + ending]
        else:
            lines[fld.start:fld.end] = [fld.head + _front_value(value, fld) + fld.trailing + ending]

"""STAGE 1 for Markdown releases, through markdown-it-py's token stream.

Headings, paragraphs, list items, blockquotes, GFM table cells and footnote definitions
are blocks; image alt text and link/image titles are blocks of their own, kept whole.
Emphasis, strong, strikethrough, links, inline code, images, hard breaks, footnote
references and inline HTML become placeholders; their Markdown source is kept in the
skeleton and comes back on rebuild (links keep their destination as written, reference
links stay reference links). Emphasis delimiters are written back only where CommonMark
lets them work next to the translated text (``*`` for ``_``, else ``<em>``).
Code blocks, HTML blocks, Hugo shortcode paragraphs and the rest of the front matter are
left alone; a front-matter ``title``, ``description`` and ``summary`` (YAML ``---`` or
TOML ``+++``) are translated and written back as valid YAML or TOML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt, rules_inline
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle

from ..errors import DocumentError
from ..model import Block, Document
from .encoding import decode_bytes
from .inline import check_structure, collapse_whitespace, escape_text, placeholder_ids
from .text import split_lines

__all__ = ["MarkdownSkeleton", "read_markdown", "render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])|&(?=[A-Za-z#])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
_PLACEHOLDER = re.compile(r"</?\d+/?>")
_FOOTNOTE_DEF = re.compile(r"^( {0,3}\[\^([^\]\s]+)\]:[ \t]*)(.*?)\s*$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]|(\{\{<.*?>\}\}|\{\{%.*?%\}\})")  # or a Hugo shortcode
_URL_START = re.compile(r"<?(?:[A-Za-z][A-Za-z0-9+.-]*:|/|\.\.?/|#|www\.)\S*>?(?:\s|$)")
_EMPHASIS_TAGS = {"em_open": "em", "strong_open": "strong", "s_open": "del"}
_FRONT_KEYS = {"title": "title", "description": "meta-description", "summary": "meta-description"}


@dataclass(frozen=True, slots=True)
class _Ph:
    """One placeholder's Markdown: ``open``/``close`` around a pair, ``open`` for an empty one.

    Emphasis pairs know their ``delim`` and HTML ``tag`` (the fallback); images have their
    alt source in ``label``; ``alt``/``title`` are the block ids of translated attributes
    and ``title_at`` where the title sits in ``close``.
    """

    shape: str
    open: str
    close: str = ""
    delim: str = ""
    tag: str = ""
    label: str = ""
    alt: str | None = None
    title: str | None = None
    title_at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Unit:
    """A run of inline text in the file: lines ``start:end`` (or columns ``cols`` of a cell)."""

    block_id: str | None
    kind: str
    text: str
    start: int
    end: int
    prefix: str
    continuation: str
    placeholders: dict = field(default_factory=dict)
    cols: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Field:
    """A front-matter value: lines ``start:end``, how it was written and what stays around it."""

    fmt: str  # "yaml" or "toml"
    style: str  # plain, single, double, block (YAML); basic, literal (TOML)
    start: int
    end: int
    head: str  # the line up to the value ("title: "), or the whole key line of a block scalar
    trailing: str  # a comment after the value
    indent: str = ""  # block scalars: the content's indentation


@dataclass(frozen=True, slots=True)
class MarkdownSkeleton:
    """The file's lines, the inline runs to rebuild and the translated front-matter fields."""

    lines: tuple[str, ...]
    units: tuple = ()
    fields: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- parser


def _recording(rule, token_type: str, label_at: int = 0):
    """Wrap an inline rule so that the token it pushes keeps its Markdown source (``meta``)."""

    def wrapped(state, silent):
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            tok = next((t for t in state.tokens[count:] if t.type == token_type), None)
            if tok is not None:
                meta = {"src": state.src[start:state.pos]}
                if label_at:
                    end = parseLinkLabel(state, start + label_at - 1, label_at == 1)
                    meta["label"] = (label_at, end - start)
                tok.meta = {**(tok.meta or {}), **meta}
        return True

    return wrapped


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.inline.ruler.at("link", _recording(rules_inline.link, "link_open", 1))
    md.inline.ruler.at("image", _recording(rules_inline.image, "image", 2))
    md.inline.ruler.at("backticks", _recording(rules_inline.backtick, "code_inline"))
    md.inline.ruler.at("autolink", _recording(rules_inline.autolink, "link_open"))
    return md


# --------------------------------------------------------------------------- front matter


def _front_matter(lines: list[str]) -> int:
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


def _front_fields(lines: list[str], front: int) -> list[tuple[str, str, _Field]]:
    """``(key, value, field)`` for the translatable keys of the front matter."""
    fmt = "yaml" if lines[0].strip() == "---" else "toml"
    out: list[tuple[str, str, _Field]] = []
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
            out.append((key, value, _Field(fmt, "block", i - 1, more, line, "", indent)))
            i = more
            continue
        parsed = _inline_value(rest, fmt)
        if parsed is None or (extra and (parsed[0] != "plain" or parsed[2] or any("#" in e for e in extra))):
            continue
        style, value, trailing = parsed
        value = " ".join([value, *extra])
        out.append((key, value, _Field(fmt, style, i - 1, more, head, trailing.rstrip())))
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


def _front_value(value: str, fld: _Field) -> str:
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


# --------------------------------------------------------------------------- reading


def _escape_md(text: str, cell: bool = False) -> str:
    """Escape Markdown syntax in translated text so that it stays text (``|`` too in a table cell)."""
    out = _MD_SPECIAL.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    if cell:
        out = out.replace("|", "\\|")
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], out)


def _code_span(content: str, markup: str) -> str:
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{markup}{pad}{content}{pad}{markup}"


def _plain(children) -> str:
    """The text of an image's alt (what a renderer writes into ``alt``)."""
    out = []
    for c in children or ():
        if c.type in {"text", "code_inline"}:
            out.append(c.content)
        elif c.type in {"softbreak", "hardbreak"}:
            out.append(" ")
        elif c.type == "image":
            out.append(_plain(c.children))
    return "".join(out)


def _title_span(tail: str) -> tuple[int, int] | None:
    """Where an inline link's title (quotes included) sits in its tail ``](dest "title")``."""
    if not tail.startswith("]("):
        return None
    pos, end = 2, len(tail)
    while pos < end and tail[pos] in " \t\n":
        pos += 1
    dest = parseLinkDestination(tail, pos, end)
    if dest.ok:
        pos = dest.pos
    while pos < end and tail[pos] in " \t\n":
        pos += 1
    if pos < end and tail[pos] in "\"'(":
        title = parseLinkTitle(tail, pos, end)
        if title.ok:
            return pos, title.pos
    return None


def _link_tail(tok) -> tuple[str, str]:
    """``(label source, tail)`` of a link or image: the tail is what follows the label, from ``]``.

    A shortcut or collapsed reference (``[label]``, ``[label][]``) becomes a full one, so the
    translated label still finds its definition.
    """
    meta = tok.meta or {}
    if "src" not in meta or "label" not in meta:
        href = tok.attrs.get("href" if tok.type == "link_open" else "src", "")
        title = tok.attrs.get("title")
        dest = f"<{href}>" if re.search(r"[\s()<>]", href) or not href else href
        return tok.content, f"]({dest} {_link_title(title)})" if title else f"]({dest})"
    src = meta["src"]
    label_start, label_end = meta["label"]
    label, tail = src[label_start:label_end], src[label_end:]
    if tail in {"]", "][]"}:
        tail = "][" + " ".join(label.split()) + "]"
    return label, re.sub(r"[ \t]*\n[ \t]*", " ", tail)


def _link_title(value: str) -> str:
    """A link title in the quotes it needs no escaping in (else ``"…"`` with escapes)."""
    value = " ".join(value.split())
    if '"' not in value:
        return '"' + value.replace("\\", "\\\\") + '"'
    if "'" not in value:
        return "'" + value.replace("\\", "\\\\") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline_pieces(children, continuation: str, notes: set[str]) -> tuple[list, dict, list]:
    """Placeholder pieces of an inline token, its placeholders and its attribute texts.

    Attributes are ``(placeholder number, "alt" | "title", text)``.
    """
    pieces: list[tuple[str, str]] = []
    placeholders: dict[int, _Ph] = {}
    attrs: list[tuple[int, str, str]] = []
    stack: list[int] = []

    def empty(src: str) -> None:
        n = len(placeholders) + 1
        placeholders[n] = _Ph("empty", src)
        pieces.append(("ph", f"<{n}/>"))

    i = 0
    while i < len(children):
        tok = children[i]
        t = tok.type
        n = len(placeholders) + 1
        if t == "text":
            pos = 0
            for m in _FOOTNOTE_REF.finditer(tok.content):
                if m.group(2) or m.group(1) in notes:
                    pieces.append(("text", tok.content[pos:m.start()]))
                    empty(m.group(0))
                    pos = m.end()
            pieces.append(("text", tok.content[pos:]))
        elif t == "softbreak":
            pieces.append(("text", "\n"))
        elif t == "hardbreak":
            empty("\\\n" + continuation)
        elif t == "link_open" and tok.markup in {"autolink", "linkify"}:
            j = i
            while j < len(children) and children[j].type != "link_close":
                j += 1
            url = "".join(c.content for c in children[i + 1:j])
            empty((tok.meta or {}).get("src") or (f"<{url}>" if tok.markup == "autolink" else url))
            i = j
        elif t == "link_open":
            _, tail = _link_tail(tok)
            placeholders[n] = _Ph("pair", "[", tail, title_at=_title_span(tail))
            if tok.attrs.get("title") and placeholders[n].title_at:
                attrs.append((n, "title", str(tok.attrs["title"])))
            stack.append(n)
            pieces.append(("ph", f"<{n}>"))
        elif t in _EMPHASIS_TAGS:
            placeholders[n] = _Ph("pair", tok.markup, tok.markup, delim=tok.markup, tag=_EMPHASIS_TAGS[t])
            stack.append(n)
            pieces.append(("ph", f"<{n}>"))
        elif t.endswith("_open"):
            placeholders[n] = _Ph("pair", tok.markup, tok.markup)
            stack.append(n)
            pieces.append(("ph", f"<{n}>"))
        elif t.endswith("_close"):
            pieces.append(("ph", f"</{stack.pop()}>" if stack else ""))
        elif t == "code_inline":
            src = (tok.meta or {}).get("src")
            empty(src.replace("\n", " ") if src else _code_span(tok.content, tok.markup))
        elif t == "image":
            label, tail = _link_tail(tok)
            placeholders[n] = _Ph("empty", "![", tail, label=label.replace("\n", " "), title_at=_title_span(tail))
            pieces.append(("ph", f"<{n}/>"))
            alt = " ".join(_plain(tok.children).split())
            if alt:
                attrs.append((n, "alt", alt))
            if tok.attrs.get("title") and placeholders[n].title_at:
                attrs.append((n, "title", str(tok.attrs["title"])))
        elif t == "html_inline":
            empty(tok.content)
        i += 1
    return pieces, placeholders, attrs


def _cell_ranges(line: str) -> list[tuple[int, int]]:
    """Column ranges of the trimmed cells of a table row, split as markdown-it splits them."""
    text = line.rstrip("\r\n")
    lo, hi = len(text) - len(text.lstrip()), len(text.rstrip())
    bounds, escaped = [lo - 1], False
    for pos in range(lo, hi):
        if text[pos] == "|" and not escaped:
            bounds.append(pos)
        escaped = text[pos] == "\\"
    bounds.append(hi)
    cells = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    out = []
    for a, b in cells:
        cell = text[a:b]
        a += len(cell) - len(cell.lstrip())
        b -= len(cell) - len(cell.rstrip())
        out.append((a, max(a, b)))
    return out


def _footnotes(lines: list[str], front: int, skip: set[int]) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, prefix, label, text)`` of the footnote definitions ``[^label]: text``."""
    out = []
    i = front
    while i < len(lines):
        m = _FOOTNOTE_DEF.match(lines[i].rstrip("\r\n"))
        after_blank = i == front or not lines[i - 1].strip() or (out and out[-1][1] == i)
        if not m or i in skip or not after_blank or _URL_START.match(m.group(3)) or not m.group(3):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip() and lines[end][:2].strip() == "" and end not in skip:
            end += 1
        text = " ".join([m.group(3), *(lines[j].strip() for j in range(i + 1, end))])
        out.append((i, end, m.group(1), m.group(2), text))
        i = end
    return out


def read_markdown(data: bytes, *, path: Path, shown: str, lang: str, doc_id: str) -> Document:
    """Read a Markdown release.

    :raises DocumentError: empty, binary or undecodable input.
    """
    if not data.strip():
        raise DocumentError("the file is empty; a release needs some text", path=shown)
    text, codec = decode_bytes(data, shown=shown, lang=lang)
    lines = split_lines(text)
    front = _front_matter(lines)
    md = _parser()
    blocks: list[Block] = []

    def add(kind: str, body: str, line: int) -> str | None:
        if not any(ch.isalpha() for ch in _PLACEHOLDER.sub("", body)):
            return None
        block_id = f"b{len(blocks) + 1}"
        splittable = kind not in {"heading", "title", "meta-description", "alt", "title-attr"}
        blocks.append(Block(id=block_id, kind=kind, text=body, line=line + 1, path=f"line {line + 1}",
                            splittable=splittable))
        return block_id

    fields: dict[str, _Field] = {}
    for key, value, fld in _front_fields(lines, front) if front else ():
        block_id = add(_FRONT_KEYS[key], collapse_whitespace([("text", escape_text(value))]), fld.start)
        if block_id:
            fields[block_id] = fld

    # Front matter lines are blanked so markdown-it's line numbers match the file.
    def parse(blank: set[int]):
        body_text = "".join("\n" if i < front or i in blank else line for i, line in enumerate(lines))
        try:
            return md.parse(body_text)
        except Exception as exc:
            raise DocumentError(f"cannot parse the Markdown: {exc}", path=shown) from exc

    tokens = parse(set())
    code = {i for t in tokens if t.type in {"fence", "code_block", "html_block"} and t.map
            for i in range(*t.map)}
    notes = _footnotes(lines, front, code)
    if notes:
        tokens = parse({i for start, end, *_ in notes for i in range(start, end)})
    labels = {label for _, _, _, label, _ in notes}

    drafts: list[tuple] = []  # (start, col, kind, pieces, placeholders, attrs, unit fields)
    context: list[str] = []
    heading_setext = False
    cell = -1
    for idx, tok in enumerate(tokens):
        if tok.type in {"blockquote_open", "list_item_open", "table_open"}:
            context.append({"blockquote_open": "quote", "list_item_open": "list-item"}.get(tok.type, "table"))
        elif tok.type in {"blockquote_close", "list_item_close", "table_close"}:
            if context:
                context.pop()
        elif tok.type == "tr_open":
            cell = -1
        elif tok.type in {"th_open", "td_open"}:
            cell += 1
        elif tok.type == "heading_open":
            heading_setext = tok.markup in {"=", "-"}
        elif tok.type == "inline" and tok.map:
            opener = tokens[idx - 1] if idx else None
            start, end = tok.map
            if opener is not None and opener.type in {"th_open", "td_open"}:
                ranges = _cell_ranges(lines[start])
                if cell >= len(ranges) or not tok.content:
                    continue
                a, b = ranges[cell]
                if lines[start][a:b].replace("\\|", "|") != tok.content:
                    continue  # a table inside a list or quote: left as it is
                pieces, placeholders, attrs = _inline_pieces(tok.children or [], "", labels)
                drafts.append((start, a, "table-cell", pieces, placeholders, attrs,
                               {"start": start, "end": start + 1, "prefix": "", "continuation": "", "cols": (a, b)}))
                continue
            if opener is None or opener.type not in {"heading_open", "paragraph_open"}:
                continue
            kind = "heading" if opener.type == "heading_open" else (context[-1] if context else "paragraph")
            if tok.content.strip().startswith(("{{", "}}")):
                continue  # a Hugo shortcode (or its tail): kept as it is
            first = lines[start].rstrip("\r\n")
            first_content = tok.content.split("\n", 1)[0].strip()
            pos = first.find(first_content) if first_content else -1
            prefix = first[:pos] if pos >= 0 else first[: len(first) - len(first.lstrip())]
            continuation = "".join(c if c == ">" else " " for c in prefix)
            pieces, placeholders, attrs = _inline_pieces(tok.children or [], continuation, labels)
            if kind == "heading" and not heading_setext and pieces and pieces[-1][0] == "text":
                pieces[-1] = ("text", re.sub(r"\s+#+\s*$", "", pieces[-1][1]))
            drafts.append((start, 0, kind, pieces, placeholders, attrs,
                           {"start": start, "end": end, "prefix": prefix, "continuation": continuation}))
    for start, end, prefix, _, content in notes:
        children = md.parseInline(content)[0].children
        pieces, placeholders, attrs = _inline_pieces(children or [], "    ", labels)
        drafts.append((start, 0, "footnote", pieces, placeholders, attrs,
                       {"start": start, "end": end, "prefix": prefix, "continuation": "    "}))

    units: list[_Unit] = []
    for start, _, kind, pieces, placeholders, attrs, where in sorted(drafts, key=lambda d: (d[0], d[1])):
        body = collapse_whitespace([(k, escape_text(v) if k == "text" else v) for k, v in pieces])
        block_id = add(kind, body, start)
        attr_ids = False
        for n, which, value in attrs:
            attr_id = add("alt" if which == "alt" else "title-attr",
                          collapse_whitespace([("text", escape_text(value))]), start)
            if attr_id:
                placeholders[n] = replace(placeholders[n], **{which: attr_id})
                attr_ids = True
        if block_id or attr_ids:
            units.append(_Unit(block_id, kind, body, placeholders=placeholders, **where))
    return Document(
        path=path, doc_id=doc_id, lang=lang, format="markdown", blocks=tuple(blocks),
        skeleton=MarkdownSkeleton(lines=tuple(lines), units=tuple(units), fields=fields), encoding=codec,
    )


# --------------------------------------------------------------------------- rendering


def _can_delimit(s: str, a: int, b: int, marker: str) -> tuple[bool, bool]:
    """``(can open, can close)`` of the delimiter run around ``s[a:b]`` (CommonMark's rules)."""
    while a > 0 and s[a - 1] == marker and not (a >= 2 and s[a - 2] == "\\"):
        a -= 1
    while b < len(s) and s[b] == marker:
        b += 1
    before = s[:a]
    line_start = "\n" in before and not before.rsplit("\n", 1)[1].strip(" >")
    last = " " if a == 0 or line_start else s[a - 1]
    nxt = s[b] if b < len(s) else " "
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(nxt)) or isPunctChar(nxt)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    intraword = marker != "_"
    return (left and (intraword or not right or last_punct)), (right and (intraword or not left or next_punct))


def _emphasis(items: list, placeholders: dict) -> str:
    """Join rendered pieces, choosing for each emphasis pair a delimiter that works where it sits.

    ``_`` becomes ``*`` where flanking forbids it (next to CJK text, say), and a pair that
    still cannot open or close is written as HTML (``<em>``, ``<strong>``, ``<del>``).
    """
    choice = {it[0]: placeholders[it[0]].delim for it in items if isinstance(it, tuple)}

    def serialise() -> tuple[str, dict]:
        out, at, size = [], {}, 0
        for it in items:
            if isinstance(it, tuple):
                n, opening = it
                mark = choice[n] or f"<{'' if opening else '/'}{placeholders[n].tag}>"
                at.setdefault(n, []).append((size, size + len(mark)))
                out.append(mark)
            else:
                out.append(it)
            size += len(out[-1])
        return "".join(out), at

    for _ in range(3):
        s, at = serialise()
        bad = []
        for n, mark in choice.items():
            if mark and len(at[n]) == 2:
                (a, b), (c, d) = at[n]
                if not (_can_delimit(s, a, b, mark[0])[0] and _can_delimit(s, c, d, mark[0])[1]):
                    bad.append(n)
        if not bad:
            break
        for n in bad:
            choice[n] = choice[n].replace("_", "*") if "_" in choice[n] else ""
    s, _ = serialise()
    if any(choice.values()):
        want = sorted(placeholders[n].tag for n, mark in choice.items() if mark)
        found = sorted(_EMPHASIS_TAGS[t.type] for t in _parser().parseInline(s)[0].children or ()
                       if t.type in _EMPHASIS_TAGS)
        if want != found:
            choice = dict.fromkeys(choice, "")
            s, _ = serialise()
    return s


def _with_title(tail: str, ph: _Ph, texts: dict) -> str:
    if ph.title and ph.title_at and texts.get(ph.title) is not None:
        a, b = ph.title_at
        return tail[:a] + _link_title(_plain_text(texts[ph.title])) + tail[b:]
    return tail


def _plain_text(text: str) -> str:
    return "".join(tok.value for tok in check_structure(text, {}) if tok.kind == "text")


def _pipes(src: str) -> str:
    """Markdown source made safe inside a table cell: every ``|`` escaped."""
    return re.sub(r"(?<!\\)\|", r"\\|", src)


def _render_unit(unit: _Unit, text: str, texts: dict) -> str:
    allowed = {n: ph.shape for n, ph in unit.placeholders.items()}
    cell = unit.cols is not None
    safe = _pipes if cell else str
    items: list = []
    for tok in check_structure(text, allowed):
        if tok.kind == "text":
            items.append(_escape_md(tok.value.replace("\n", " "), cell))
            continue
        ph: _Ph = unit.placeholders[tok.number]
        if ph.delim:
            items.append((tok.number, tok.kind == "open"))
        elif tok.kind == "open":
            items.append(safe(ph.open))
        elif tok.kind == "close":
            items.append(safe(_with_title(ph.close, ph, texts)))
        elif ph.open == "![":
            alt = texts.get(ph.alt) if ph.alt else None
            label = _escape_md(_plain_text(alt).replace("\n", " ")) if alt is not None else ph.label
            items.append(safe("![" + label + _with_title(ph.close, ph, texts)))
        else:
            items.append(safe(ph.open))
    return _emphasis(items, unit.placeholders)


def render_markdown(doc: Document, texts: dict[str, str], target_lang: str, warnings: list[str]) -> bytes:
    """The translated Markdown: each changed block's lines are replaced, the rest kept."""
    skeleton: MarkdownSkeleton = doc.skeleton
    lines = list(skeleton.lines)
    by_id = {b.id: b for b in doc.blocks}
    usable: dict[str, str] = {}
    for block_id, new in texts.items():
        block = by_id.get(block_id)
        if block is None:
            continue
        try:
            check_structure(new, placeholder_ids(block.text))
        except ValueError as exc:
            warnings.append(f"{doc.path}:{block.line}: kept the source text of a {block.kind}: {exc}")
            continue
        usable[block_id] = new
    for unit in sorted(skeleton.units, key=lambda u: (-u.start, -(u.cols or (0, 0))[0])):
        new = usable.get(unit.block_id) if unit.block_id else None
        attrs = any(usable.get(ph.alt) is not None or usable.get(ph.title) is not None
                    for ph in unit.placeholders.values())
        if new is None and not attrs:
            continue
        body = _render_unit(unit, new if new is not None else unit.text, usable)
        if unit.cols is not None:
            a, b = unit.cols
            lines[unit.start] = lines[unit.start][:a] + body + lines[unit.start][b:]
            continue
        last = lines[unit.end - 1]
        ending = last[len(last.rstrip("\r\n")):]
        lines[unit.start:unit.end] = [unit.prefix + body + ending]
    for block_id, fld in sorted(skeleton.fields.items(), key=lambda kv: -kv[1].start):
        if block_id not in usable:
            continue
        value = " ".join(_plain_text(usable[block_id]).split())
        last = lines[fld.end - 1]
        ending = last[len(last.rstrip("\r\n")):] or "\n"
        if fld.style == "block":
            lines[fld.start + 1:fld.end] = [fld.indent + value + ending]
        else:
            lines[fld.start:fld.end] = [fld.head + _front_value(value, fld) + fld.trailing + ending]
    return "".join(lines).encode("utf-8")

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
TOML ``+++``) are translated and written back as valid YAML or TOML by :mod:`.frontmatter`.
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
from .frontmatter import (
    FRONT_KEYS,
    FrontField,
    front_fields,
    front_matter_lines,
    write_front_fields,
)
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
    note: str = ""  # what an empty placeholder stands for, for the translator


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

    def empty(src: str, note: str = "") -> None:
        n = len(placeholders) + 1
        placeholders[n] = _Ph("empty", src, note=note)
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
                    empty(m.group(0), "footnote reference")
                    pos = m.end()
            pieces.append(("text", tok.content[pos:]))
        elif t == "softbreak":
            pieces.append(("text", "\n"))
        elif t == "hardbreak":
            empty("\\\n" + continuation, "line break")
        elif t == "link_open" and tok.markup in {"autolink", "linkify"}:
            j = i
            while j < len(children) and children[j].type != "link_close":
                j += 1
            url = "".join(c.content for c in children[i + 1:j])
            empty((tok.meta or {}).get("src") or (f"<{url}>" if tok.markup == "autolink" else url), f'link "{url}"')
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
            empty(src.replace("\n", " ") if src else _code_span(tok.content, tok.markup),
                  f'"{_short(tok.content)}", code, kept as written')
        elif t == "image":
            label, tail = _link_tail(tok)
            alt = " ".join(_plain(tok.children).split())
            placeholders[n] = _Ph("empty", "![", tail, label=label.replace("\n", " "), title_at=_title_span(tail),
                                  note=f'image "{_short(alt)}"' if alt else "image")
            pieces.append(("ph", f"<{n}/>"))
            if alt:
                attrs.append((n, "alt", alt))
            if tok.attrs.get("title") and placeholders[n].title_at:
                attrs.append((n, "title", str(tok.attrs["title"])))
        elif t == "html_inline":
            empty(tok.content, f'"{_short(tok.content)}", HTML kept as written')
        i += 1
    return pieces, placeholders, attrs


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


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
    front = front_matter_lines(lines)
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

    fields: dict[str, FrontField] = {}
    for key, value, fld in front_fields(lines, front) if front else ():
        block_id = add(FRONT_KEYS[key], collapse_whitespace([("text", escape_text(value))]), fld.start)
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
    doc_notes: dict[str, dict[str, str]] = {}
    for start, _, kind, pieces, placeholders, attrs, where in sorted(drafts, key=lambda d: (d[0], d[1])):
        body = collapse_whitespace([(k, escape_text(v) if k == "text" else v) for k, v in pieces])
        block_id = add(kind, body, start)
        if block_id:
            block_notes = {f"<{n}/>": ph.note for n, ph in placeholders.items() if ph.note}
            if block_notes:
                doc_notes[block_id] = block_notes
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
        notes=doc_notes,
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
    write_front_fields(lines, skeleton.fields, {block_id: _plain_text(usable[block_id])
                                                for block_id in skeleton.fields if block_id in usable})
    return "".join(lines).encode("utf-8")

"""STAGE 1 for Markdown releases, through markdown-it-py's token stream.

Headings, paragraphs, list items and blockquotes are blocks; emphasis, strong,
strikethrough, links, inline code, images, hard breaks and inline HTML become
placeholders (their Markdown source is kept in the skeleton and comes back on rebuild).
Code blocks, HTML blocks, tables, Hugo shortcode paragraphs and front matter are left
alone, except a front-matter ``title``, which is translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from ..errors import DocumentError
from ..model import Block, Document
from .encoding import decode_bytes
from .inline import check_structure, collapse_whitespace, escape_text
from .text import split_lines

__all__ = ["MarkdownSkeleton", "read_markdown", "render_markdown"]

_TITLE_RE = re.compile(r"^(\s*title\s*[:=]\s*)(['\"]?)(.*?)\2(\s*)$")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])|&(?=[A-Za-z#])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    prefix: str
    continuation: str
    keep_last: bool
    placeholders: dict = field(default_factory=dict)  # n -> ("pair", open, close) | ("empty", src, "")


@dataclass(frozen=True, slots=True)
class MarkdownSkeleton:
    """The file's lines and, per block id, where the block sits and its placeholders' source."""

    lines: tuple[str, ...]
    spans: dict


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _front_matter(lines: list[str]) -> int:
    """Number of lines of YAML (``---``) or TOML (``+++``) front matter, 0 when there is none."""
    if not lines or lines[0].strip() not in {"---", "+++"}:
        return 0
    fence = lines[0].strip()
    for i in range(1, len(lines)):
        if lines[i].strip() == fence:
            return i + 1
    return 0


def _escape_md(text: str) -> str:
    """Escape Markdown syntax in translated text so that it stays text."""
    out = _MD_SPECIAL.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], out)


def _code_span(content: str, markup: str) -> str:
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{markup}{pad}{content}{pad}{markup}"


def _inline_pieces(children, continuation: str) -> tuple[list[tuple[str, str]], dict]:
    pieces: list[tuple[str, str]] = []
    placeholders: dict = {}
    stack: list[int] = []
    i = 0
    while i < len(children):
        tok = children[i]
        t = tok.type
        n = len(placeholders) + 1
        if t == "text":
            pieces.append(("text", tok.content))
        elif t == "softbreak":
            pieces.append(("text", "\n"))
        elif t == "hardbreak":
            placeholders[n] = ("empty", "\\\n" + continuation, "")
            pieces.append(("ph", f"<{n}/>"))
        elif t == "link_open" and tok.markup in {"autolink", "linkify"}:
            j = i
            while j < len(children) and children[j].type != "link_close":
                j += 1
            url = "".join(c.content for c in children[i + 1:j])
            placeholders[n] = ("empty", f"<{url}>" if tok.markup == "autolink" else url, "")
            pieces.append(("ph", f"<{n}/>"))
            i = j
        elif t.endswith("_open"):
            if t == "link_open":
                href = tok.attrs.get("href", "")
                title = tok.attrs.get("title")
                close = f"]({href} \"{title}\")" if title else f"]({href})"
                placeholders[n] = ("pair", "[", close)
            else:
                placeholders[n] = ("pair", tok.markup, tok.markup)
            stack.append(n)
            pieces.append(("ph", f"<{n}>"))
        elif t.endswith("_close"):
            pieces.append(("ph", f"</{stack.pop()}>" if stack else ""))
        elif t == "code_inline":
            placeholders[n] = ("empty", _code_span(tok.content, tok.markup), "")
            pieces.append(("ph", f"<{n}/>"))
        elif t == "image":
            src = tok.attrs.get("src", "")
            title = tok.attrs.get("title")
            alt = tok.content
            placeholders[n] = ("empty", f"![{alt}]({src} \"{title}\")" if title else f"![{alt}]({src})", "")
            pieces.append(("ph", f"<{n}/>"))
        elif t == "html_inline":
            placeholders[n] = ("empty", tok.content, "")
            pieces.append(("ph", f"<{n}/>"))
        i += 1
    return pieces, placeholders


def read_markdown(data: bytes, *, path: Path, shown: str, lang: str, doc_id: str) -> Document:
    """Read a Markdown release.

    :raises DocumentError: empty, binary or undecodable input.
    """
    if not data.strip():
        raise DocumentError("the file is empty; a release needs some text", path=shown)
    text, codec = decode_bytes(data, shown=shown, lang=lang)
    lines = split_lines(text)
    front = _front_matter(lines)
    blocks: list[Block] = []
    spans: dict = {}

    def add(kind: str, body: str, span: _Span) -> None:
        plain = re.sub(r"</?\d+/?>", "", body)
        if not any(ch.isalpha() for ch in plain):
            return
        block_id = f"b{len(blocks) + 1}"
        blocks.append(Block(id=block_id, kind=kind, text=body, line=span.start + 1,
                            path=f"line {span.start + 1}", splittable=kind not in {"heading", "title"}))
        spans[block_id] = span

    for i in range(1, max(front - 1, 1)):
        m = _TITLE_RE.match(lines[i].rstrip("\r\n"))
        if m and m.group(3).strip():
            body = collapse_whitespace([("text", escape_text(m.group(3)))])
            add("title", body, _Span(i, i + 1, m.group(1), "", False, {"quote": m.group(2)}))
            break
    # Front matter lines are blanked so markdown-it's line numbers match the file.
    body_text = "".join("\n" if i < front else line for i, line in enumerate(lines))
    try:
        tokens = _parser().parse(body_text)
    except Exception as exc:
        raise DocumentError(f"cannot parse the Markdown: {exc}", path=shown) from exc
    context: list[str] = []
    heading_setext = False
    for idx, tok in enumerate(tokens):
        if tok.type in {"blockquote_open", "list_item_open"}:
            context.append("quote" if tok.type == "blockquote_open" else "list-item")
        elif tok.type in {"blockquote_close", "list_item_close"}:
            if context:
                context.pop()
        elif tok.type in {"table_open"}:
            context.append("table")
        elif tok.type in {"table_close"}:
            if context:
                context.pop()
        elif tok.type == "heading_open":
            heading_setext = tok.markup in {"=", "-"}
        elif tok.type == "inline" and tok.map and "table" not in context:
            opener = tokens[idx - 1] if idx else None
            if opener is None or opener.type not in {"heading_open", "paragraph_open"}:
                continue
            kind = "heading" if opener.type == "heading_open" else (context[-1] if context else "paragraph")
            raw = tok.content.strip()
            if raw.startswith(("{{", "}}")):
                continue  # a Hugo shortcode (or its tail): kept as it is
            start, end = tok.map
            first = lines[start].rstrip("\r\n")
            first_content = tok.content.split("\n", 1)[0].strip()
            pos = first.find(first_content) if first_content else -1
            prefix = first[:pos] if pos >= 0 else first[: len(first) - len(first.lstrip())]
            continuation = "".join(c if c == ">" else " " for c in prefix)
            setext = kind == "heading" and heading_setext
            pieces, placeholders = _inline_pieces(tok.children or [], continuation)
            pieces = [(k, escape_text(v) if k == "text" else v) for k, v in pieces]
            body = collapse_whitespace(pieces)
            if kind == "heading" and not setext:
                body = re.sub(r"\s+#+$", "", body)
            add(kind, body, _Span(start, start + 1 if setext else end, prefix, continuation, setext, placeholders))
    return Document(
        path=path, doc_id=doc_id, lang=lang, format="markdown", blocks=tuple(blocks),
        skeleton=MarkdownSkeleton(lines=tuple(lines), spans=spans), encoding=codec,
    )


def render_markdown(doc: Document, texts: dict[str, str], target_lang: str, warnings: list[str]) -> bytes:
    """The translated Markdown: each changed block's lines are replaced, the rest kept."""
    skeleton: MarkdownSkeleton = doc.skeleton
    lines = list(skeleton.lines)
    order = sorted(doc.blocks, key=lambda b: -skeleton.spans[b.id].start)
    for block in order:
        new = texts.get(block.id)
        if new is None:
            continue
        span: _Span = skeleton.spans[block.id]
        allowed = {n: v[0] for n, v in span.placeholders.items() if isinstance(n, int)}
        try:
            tokens = check_structure(new, allowed)
        except ValueError as exc:
            warnings.append(f"{doc.path}:{block.line}: kept the source text of a {block.kind}: {exc}")
            continue
        out: list[str] = []
        for tok in tokens:
            if tok.kind == "text":
                value = tok.value.replace("\n", " ")
                if block.kind == "title":
                    quote = span.placeholders.get("quote", "")
                    value = value.replace("\\", "\\\\").replace(quote, "\\" + quote) if quote else value
                    out.append(value)
                else:
                    out.append(_escape_md(value))
            elif tok.kind == "close":
                out.append(span.placeholders[tok.number][2])
            else:
                out.append(span.placeholders[tok.number][1])
        body = "".join(out)
        last = lines[span.end - 1]
        ending = last[len(last.rstrip("\r\n")):]
        if block.kind == "title":
            quote = span.placeholders.get("quote", "")
            original = lines[span.start].rstrip("\r\n")
            trailing = _TITLE_RE.match(original).group(4)
            lines[span.start:span.end] = [f"{span.prefix}{quote}{body}{quote}{trailing}{ending}"]
            continue
        if not last.endswith(("\n", "\r")):
            ending = ""
        lines[span.start:span.end] = [span.prefix + body + ending]
    return "".join(lines).encode("utf-8")

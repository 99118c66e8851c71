"""STAGE 1 for plain-text releases: blank lines separate paragraphs.

A paragraph of one line without final punctuation is a heading (a headline, a dateline);
the lines of a paragraph are joined (with no space between two CJK characters). The
rebuild replaces each block's lines with its translation on one line and keeps every
other line (blank lines, the file's line endings) as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError
from ..lang import get_profile
from ..model import Block, Document
from .encoding import decode_bytes
from .inline import check_structure, collapse_whitespace, escape_text

__all__ = ["TextSkeleton", "read_text", "render_text", "split_lines"]

_FINAL_PUNCT = ".!?;:。！？；：…」』”’\"')）]】"
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True, slots=True)
class TextSkeleton:
    """The file's lines (with their endings) and each block's line range ``[start, end)``."""

    lines: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def split_lines(text: str) -> list[str]:
    """Lines with their endings (only CR, LF and CRLF end a line, unlike ``str.splitlines``)."""
    return _LINE_RE.findall(text)


def _join_lines(lines: list[str]) -> str:
    return collapse_whitespace([("text", escape_text("\n".join(lines)))])


def read_text(data: bytes, *, path: Path, shown: str, lang: str, doc_id: str) -> Document:
    """Read a plain-text release.

    :raises DocumentError: empty, binary or undecodable input.
    """
    if not data.strip():
        raise DocumentError("the file is empty; a release needs some text", path=shown)
    text, codec = decode_bytes(data, shown=shown, lang=lang)
    lines = split_lines(text)
    blocks: list[Block] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i].strip():
            i += 1
        group = [line.rstrip("\r\n") for line in lines[start:i]]
        body = _join_lines(group)
        if not any(ch.isalpha() for ch in body):
            continue
        heading = len(group) == 1 and body[-1] not in _FINAL_PUNCT
        kind = "heading" if heading else "paragraph"
        blocks.append(
            Block(id=f"b{len(blocks) + 1}", kind=kind, text=body, line=start + 1,
                  path=f"line {start + 1}", splittable=not heading)
        )
        spans.append((start, i))
    return Document(
        path=path, doc_id=doc_id, lang=lang, format="text", blocks=tuple(blocks),
        skeleton=TextSkeleton(lines=tuple(lines), spans=tuple(spans)), encoding=codec,
    )


def render_text(doc: Document, texts: dict[str, str], target_lang: str, warnings: list[str]) -> bytes:
    """The translated text file: each changed block's lines become one translated line."""
    skeleton: TextSkeleton = doc.skeleton
    lines = list(skeleton.lines)
    cjk = get_profile(target_lang).cjk
    for block, (start, end) in sorted(zip(doc.blocks, skeleton.spans, strict=True), key=lambda x: -x[1][0]):
        new = texts.get(block.id)
        if new is None:
            continue
        try:
            value = "".join(t.value for t in check_structure(new, {}))
        except ValueError as exc:
            warnings.append(f"{doc.path}:{block.line}: kept the source text: {exc}")
            continue
        first = lines[start]
        indent = first[: len(first) - len(first.lstrip(" \t\u3000"))]
        if not cjk:
            indent = indent.replace("\u3000", "")
        last = lines[end - 1]
        ending = last[len(last.rstrip("\r\n")):]
        lines[start:end] = [indent + value.replace("\n", " ") + ending]
    return "".join(lines).encode("utf-8")

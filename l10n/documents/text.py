"""STAGE 1 for plain-text releases: blank lines separate paragraphs.

A paragraph of one line without final punctuation is a heading (a headline, a dateline);
the lines of a paragraph are joined (with no space between two CJK characters). A line
that starts with a list marker (``- ``, ``• ``, ``1. ``, ``(1)``, ``1、``, ``一、``,
``（一）``, ``a) ``...) starts a ``list-item`` block of its own, and the lines after it
without a marker continue it; the lines of a paragraph before its first item are a
block of their own. The marker stays in the skeleton, not in the text to translate.

The rebuild replaces each block's lines with its translation on one line (after the
block's indentation and list marker) and keeps every other line (blank lines, the
file's line endings) as it was.
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

__all__ = ["TextSkeleton", "list_marker", "read_text", "render_text", "split_lines"]

_FINAL_PUNCT = ".!?;:。！？；：…」』”’\"')）]】"
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")

_CN_DIGITS = "〇一二三四五六七八九"
_CN_NUM = "[一二三四五六七八九十]{1,3}"
_ROMAN = "(?:viii|vii|iii|iv|ix|vi|ii|i|v|x)"
# A list marker at the start of a line, and the space after it. ASCII markers need a space
# after them ("2016 was", "3.5 million" and "-5 degrees" are not lists); CJK markers do not.
# Something must follow the marker: "1." alone on a line is text.
_MARKER_RE = re.compile(
    r"[ \t\u3000]*("
    r"(?:[-*+•·▪●○◦‣]|\d{1,3}[.)]|[a-z][.)]|[A-Z]\)|" + _ROMAN + r"[.)])[ \t\u3000]+"
    r"|(?:[•·▪●○◦‣]|[0-9０-９]{1,3}(?:、|．(?![0-9０-９]))|" + _CN_NUM + r"、"
    r"|[(（](?:[0-9０-９]{1,3}|" + _CN_NUM + r"|[a-z])[)）]|[\u2460-\u2473])[ \t\u3000]*"
    r")(?=\S)"
)


@dataclass(frozen=True, slots=True)
class TextSkeleton:
    """The file's lines (with their endings), each block's line range ``[start, end)``,
    and each block's list marker as written (``"1. "``, ``"一、"``; ``""`` for no list item).
    """

    lines: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    markers: tuple[str, ...] = ()


def split_lines(text: str) -> list[str]:
    """Lines with their endings (only CR, LF and CRLF end a line, unlike ``str.splitlines``)."""
    return _LINE_RE.findall(text)


def list_marker(line: str) -> str:
    """The list marker a line starts with (with the space after it), or ``""``.

    >>> list_marker("1. Joint research"), list_marker("（一）合作内容"), list_marker("- Total")
    ('1. ', '（一）', '- ')
    >>> list_marker("2016 was a good year"), list_marker("3.5 million"), list_marker("1.")
    ('', '', '')
    """
    m = _MARKER_RE.match(line)
    return m.group(1) if m else ""


def _cn_number(text: str) -> int | None:
    """``"十二"`` -> 12 (Chinese numerals up to 99), None for anything else."""
    if "十" not in text:
        return _CN_DIGITS.index(text) if len(text) == 1 and text in _CN_DIGITS else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    high = _CN_DIGITS.index(tens) if tens else 1
    low = _CN_DIGITS.index(ones) if ones else 0
    return high * 10 + low


def _spaced_marker(marker: str) -> str:
    """A CJK list marker as written in a spaced script: ``一、`` -> ``1. ``, ``（一）`` -> ``(1) ``.

    >>> _spaced_marker("一、"), _spaced_marker("（十二）"), _spaced_marker("３．"), _spaced_marker("- ")
    ('1. ', '(12) ', '3. ', '- ')
    """
    if marker.isascii() and marker[-1].isspace():
        return marker
    core = marker.strip(" \t\u3000")
    if "\u2460" <= core <= "\u2473":
        return f"({ord(core) - 0x2460 + 1}) "
    paren = core[0] in "(（"
    inner = core.strip("(（)）、．.")
    if inner.isdigit():
        number: int | str | None = int(inner)  # int() reads full-width digits too
    elif inner.isascii():
        number = inner
    else:
        number = _cn_number(inner)
    if number is None or not inner:
        return core + " "
    if paren:
        return f"({number}) "
    if core.endswith(("、", "．")):
        return f"{number}. "
    return core + " "


def _join_lines(lines: list[str]) -> str:
    return collapse_whitespace([("text", escape_text("\n".join(lines)))])


def _blocks_of(start: int, group: list[str]) -> list[tuple[int, int, str]]:
    """Split a paragraph's lines at list markers: ``(first, end, marker)`` line ranges."""
    out: list[tuple[int, int, str]] = []
    first = 0
    marker = list_marker(group[0])
    for k in range(1, len(group)):
        found = list_marker(group[k])
        if found or (marker and _body_after_heading_item(group[k - 1], group[k])):
            out.append((start + first, start + k, marker))
            first, marker = k, found
    out.append((start + first, start + len(group), marker))
    return out


def _body_after_heading_item(item: str, line: str) -> bool:
    """Whether ``line`` starts the body under a heading-like list item (``二、申报时间`` /
    ``1. Eligibility`` then ``Applicants must…``) rather than continuing the item: the
    item line is short and unfinished, the line is not indented and starts with a
    capital or a Chinese character."""
    last = item.rstrip()
    if not last or len(last) > 40 or last[-1] in _FINAL_PUNCT or last[-1] in ",，、;；:：":
        return False
    first = line[:1]
    return bool(first) and not first.isspace() and (first.isupper() or "\u3400" <= first <= "\u9fff")


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
    markers: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i].strip():
            i += 1
        group = [line.rstrip("\r\n") for line in lines[start:i]]
        for first, end, marker in _blocks_of(start, group):
            part = group[first - start:end - start]
            if marker:
                part = [part[0].lstrip(" \t\u3000")[len(marker.lstrip(" \t\u3000")):], *part[1:]]
            body = _join_lines(part)
            if not any(ch.isalpha() for ch in body):
                continue
            if marker:
                kind = "list-item"
            else:
                kind = "heading" if len(part) == 1 and body[-1] not in _FINAL_PUNCT else "paragraph"
            blocks.append(
                Block(id=f"b{len(blocks) + 1}", kind=kind, text=body, line=first + 1,
                      path=f"line {first + 1}", splittable=kind != "heading")
            )
            spans.append((first, end))
            markers.append(marker.lstrip(" \t\u3000"))
    return Document(
        path=path, doc_id=doc_id, lang=lang, format="text", blocks=tuple(blocks),
        skeleton=TextSkeleton(lines=tuple(lines), spans=tuple(spans), markers=tuple(markers)),
        encoding=codec,
    )


def render_text(doc: Document, texts: dict[str, str], target_lang: str, warnings: list[str]) -> bytes:
    """The translated text file: each changed block's lines become one translated line.

    A list item keeps its marker; a CJK marker (``一、``, ``（1）``) becomes its spaced
    form (``1. ``, ``(1) ``) in a language written with spaces.
    """
    skeleton: TextSkeleton = doc.skeleton
    lines = list(skeleton.lines)
    cjk = get_profile(target_lang).cjk
    markers = skeleton.markers or ("",) * len(skeleton.spans)
    rows = zip(doc.blocks, skeleton.spans, markers, strict=True)
    for block, (start, end), marker in sorted(rows, key=lambda x: -x[1][0]):
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
            marker = _spaced_marker(marker) if marker else ""
        last = lines[end - 1]
        ending = last[len(last.rstrip("\r\n")):]
        lines[start:end] = [indent + marker + value.replace("\n", " ") + ending]
    return "".join(lines).encode("utf-8")

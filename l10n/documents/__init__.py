"""STAGE 1: read a release (HTML, plain text, Markdown) into a :class:`~l10n.model.Document`.

``READERS`` maps a file suffix to a reader; every reader takes the file's bytes and
returns a Document whose ``skeleton`` lets :mod:`l10n.rebuild` write the translation
back into the same layout. The language of a release comes from its folder and is
cross-checked against the text: a mismatch becomes a warning on the Document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ..errors import DocumentError
from ..lang import parse_tag
from ..model import Document

__all__ = ["READERS", "language_warnings", "read_document"]


def _read_html(data: bytes, **kw) -> Document:
    from .html import read_html

    return read_html(data, **kw)


def _read_text(data: bytes, **kw) -> Document:
    from .text import read_text

    kw.pop("selectors", None)
    return read_text(data, **kw)


def _read_markdown(data: bytes, **kw) -> Document:
    from .markdown import read_markdown

    kw.pop("selectors", None)
    return read_markdown(data, **kw)


READERS: dict[str, Callable[..., Document]] = {
    ".html": _read_html,
    ".htm": _read_html,
    ".xhtml": _read_html,
    ".txt": _read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
}

# Characters that differ between simplified and traditional Chinese (common ones only).
_SIMPLIFIED = set("这国说发来时们会学为门见长东车经开关对现过还进实业内动产务")
_TRADITIONAL = set("這國說發來時們會學為門見長東車經開關對現過還進實業內動產務")
_NOT_HAN_LEAD = bytes(c for c in range(256) if not 0xE4 <= c <= 0xE9)
# Every byte but the ASCII letters [A-Za-z] (deleted to count those).
_NOT_LATIN = bytes(c for c in range(256) if not (0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A))


def language_warnings(doc: Document) -> list[str]:
    """Warnings when the text does not look like the language of its folder (script ratio).

    CJK characters against Latin letters decide zh versus en; a handful of common
    characters that differ between the scripts decide zh-Hans versus zh-Hant.
    """
    sample = "".join(block.text for block in doc.blocks)[:200_000]
    # Counted without a match object per character (this runs on every release).
    if sample.isascii():
        han, latin = 0, len(sample.encode("ascii").translate(None, _NOT_LATIN))
    else:
        data = sample.encode("utf-8")
        # In UTF-8 every character of U+4000-U+9FFF (the CJK ideographs but for a
        # part of extension A) starts with one byte 0xE4-0xE9, and no other byte is one.
        han = len(data.translate(None, _NOT_HAN_LEAD))
        latin = len(data.translate(None, _NOT_LATIN))
    letters = han * 3 + latin  # a Chinese character carries about as much as a short word
    if letters < 30:
        return []
    tag = parse_tag(doc.lang)
    family = tag.split("-")[0]
    share = 100 * han * 3 / letters
    if family in {"zh", "ja"} and share < 30:
        return [f"the folder says {tag} but the text looks like English ({share:.0f}% CJK); "
                "move the release to the right source_docs/<lang>/ folder"]
    if family not in {"zh", "ja"} and share > 60:
        return [f"the folder says {tag} but the text looks like Chinese ({share:.0f}% CJK); "
                "move the release to the right source_docs/<lang>/ folder"]
    if tag not in {"zh-Hans", "zh-Hant"}:
        return []
    # Count the other script's characters first: without any, there is nothing to say
    # (and the text's own script need not be counted, which halves the work).
    # A few thousand characters of text hold these common characters many times over.
    simplified = tag == "zh-Hans"
    variant = sample[:4000]
    other = sum(map(variant.count, _TRADITIONAL if simplified else _SIMPLIFIED))
    if not other:
        return []
    own = sum(map(variant.count, _SIMPLIFIED if simplified else _TRADITIONAL))
    if own + other < 5 or other <= 3 * own:
        return []
    if simplified:
        return ["the folder says zh-Hans but the text is in traditional characters; use source_docs/zh-Hant/"]
    return ["the folder says zh-Hant but the text is in simplified characters; use source_docs/zh-Hans/"]


def read_document(
    path: Path,
    *,
    lang: str,
    doc_id: str | None = None,
    selectors: dict[str, str] | None = None,
    display_path: str | None = None,
) -> Document:
    """Read one release.

    :param path: the file; its suffix picks the reader (see ``READERS``).
    :param lang: BCP 47 source language (from the release's folder).
    :param doc_id: the document id (default: the file stem).
    :param selectors: per-site article selectors from the config (HTML only).
    :param display_path: how to name the file in messages (default: ``path``).
    :raises DocumentError: the file cannot be read, decoded or parsed.
    """
    path = Path(path)
    shown = display_path or str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(
            f"unknown release format {path.suffix or '(no suffix)'!r}; use one of {', '.join(sorted(READERS))}",
            path=shown,
        )
    try:
        with open(path, "rb") as file:  # what Path.read_bytes does, less its layers
            data = file.read()
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror or exc}", path=shown) from exc
    doc = reader(data, path=path, shown=shown, lang=parse_tag(lang), doc_id=doc_id or path.stem, selectors=selectors)
    extra = language_warnings(doc)
    if extra:
        doc = dataclasses.replace(doc, warnings=(*doc.warnings, *extra))
    return doc

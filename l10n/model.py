"""Plain data passed between the pipeline stages: frozen, slotted dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

__all__ = ["Block", "Document", "Entry", "Finding", "Segment", "Severity", "Suggestion"]


class Severity(IntEnum):
    """How bad a finding is; ordered so that ``>=`` compares with ``--fail-on``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """``"warning"`` -> ``Severity.WARNING``; raises ``ValueError`` for unknown names."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use info, warning or error") from None


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One translatable unit of a document before sentence splitting.

    :param id: stable id within the document (``"b12"``), used to rebuild it.
    :param kind: ``title``, ``meta-description``, ``heading``, ``paragraph``, ``list-item``,
        ``table-cell``, ``caption``, ``alt``, ``title-attr``, ``quote``...
    :param text: the text, inline markup as numbered placeholders ``<1>…</1>``, ``<2/>``.
    :param line: 1-based line of the block in the source file.
    :param path: where the block sits (an element path such as ``/html/body/div[2]/p[3]``).
    :param splittable: whether the block is split into sentences (headings, titles and
        attributes are kept whole).
    """

    id: str
    kind: str
    text: str
    line: int
    path: str = ""
    splittable: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A source release read from disk.

    :param path: the file, as given (relative to the project when read through it).
    :param doc_id: the document id (file stem), used for the PO file name.
    :param lang: BCP 47 tag of the source language (``en``, ``zh-Hans``).
    :param format: ``html``, ``text`` or ``markdown``.
    :param blocks: the translatable blocks in document order.
    :param skeleton: reader-specific data needed to rebuild the document.
    :param encoding: the encoding the file was decoded with.
    :param warnings: problems worth telling the user (language mismatch, unused selector).
    :param notes: what the translator cannot see in a block's text, by block id and
        placeholder: ``{"b4": {"<2/>": 'image "the new laser hall"'}}``; written as ``#.``
        comments of the segments holding the placeholder.
    """

    path: Path
    doc_id: str
    lang: str
    format: str
    blocks: tuple[Block, ...]
    skeleton: Any = field(default=None, compare=False, repr=False)
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    notes: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """One msgid: a sentence (or a whole heading/attribute) of a block.

    :param source: the segment text with placeholders; becomes the msgid.
    :param block_id: the block it belongs to.
    :param index: position of the segment inside its block.
    :param kind: the block kind, written as an automatic comment.
    :param line: source line, written in the ``#:`` occurrence.
    :param context: msgctxt, only when one sentence needs two translations.
    """

    source: str
    block_id: str
    index: int
    kind: str
    line: int
    context: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Suggestion:
    """A proposed translation with its provenance.

    :param text: the proposed msgstr.
    :param score: 0-100; 100 for an exact memory match.
    :param origin: ``tm`` or ``mt``.
    :param engine: the document id (memory) or the model name (MT).
    :param warnings: problems found in the suggestion (lost placeholder, missing term).
    """

    text: str
    score: float
    origin: str
    engine: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One problem found by a check.

    :param check_id: kebab-case id of the check (``numbers``).
    :param severity: how bad it is.
    :param message: what is wrong, for a person.
    :param path: the catalog, relative to the project.
    :param line: 1-based line of the entry in the catalog.
    :param msgid: the entry's msgid.
    """

    check_id: str
    severity: Severity
    message: str
    path: str = ""
    line: int = 0
    msgid: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.check_id, self.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A read-only view of one catalog entry, as checks and reports see it.

    ``catalog.py`` builds these from polib entries so that no other module needs polib.

    :param msgid: the source segment.
    :param msgstr: the translation ('' when untranslated; for plurals, the first form).
    :param msgstr_plural: all plural forms, by index (empty for non-plural entries).
    :param msgid_plural: the plural source, if any.
    :param msgctxt: the context, if any.
    :param fuzzy: the entry carries ``#, fuzzy`` (a suggestion or a changed source).
    :param obsolete: a ``#~`` entry.
    :param line: 1-based line of the entry in its file.
    :param translator_comment: ``#`` comments written by people.
    :param auto_comment: ``#.`` comments written by tools.
    :param occurrences: ``#:`` references as (path, line) pairs.
    :param previous_msgid: the ``#| msgid`` of a fuzzy entry whose source changed.
    :param flags: all ``#,`` flags.
    """

    msgid: str
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgid_plural: str = ""
    msgctxt: str | None = None
    fuzzy: bool = False
    obsolete: bool = False
    line: int = 0
    translator_comment: str = ""
    auto_comment: str = ""
    occurrences: tuple[tuple[str, str], ...] = ()
    previous_msgid: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def state(self) -> str:
        """``untranslated``, ``suggested``, ``reviewed`` or ``obsolete`` (see DESIGN.md)."""
        if self.obsolete:
            return "obsolete"
        translated = bool(self.msgstr) if not self.msgstr_plural else all(self.msgstr_plural.values())
        if not translated:
            return "untranslated"
        return "suggested" if self.fuzzy else "reviewed"

    @property
    def ignored_checks(self) -> frozenset[str]:
        """Check ids switched off by a ``# l10n: ignore <id> [<id>...]`` translator comment."""
        out: set[str] = set()
        for line in self.translator_comment.splitlines():
            text = line.strip()
            if text.startswith("l10n:"):
                words = text[5:].split()
                if words and words[0] == "ignore":
                    out.update(w.strip(",") for w in words[1:])
        return frozenset(out)

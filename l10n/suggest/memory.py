"""Translation memory: exact and fuzzy lookup over the reviewed entries of all catalogs.

Units come from reviewed entries (non-empty msgstr, not fuzzy) of every catalog of one
language pair, obsolete entries included. Fuzzy matching uses rapidfuzz (no difflib junk
heuristic on long Chinese paragraphs, STYLE section 4).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from ..model import Suggestion

__all__ = ["MemoryUnit", "TranslationMemory"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MemoryUnit:
    """One reviewed translation.

    :param source: the msgid. :param target: the reviewed msgstr.
    :param doc_id: the document it comes from. :param obsolete: from a ``#~`` entry.
    """

    source: str
    target: str
    doc_id: str
    obsolete: bool = False


class TranslationMemory:
    """Reviewed translations of one language pair, searchable exactly and fuzzily."""

    def __init__(self, units: Iterable[MemoryUnit] = ()):
        self._by_source: dict[str, list[MemoryUnit]] = {}
        for unit in units:
            self.add(unit)
        self._choices: list[str] | None = None

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_source.values())

    def add(self, unit: MemoryUnit) -> None:
        """Add a unit (empty sources or targets are ignored)."""
        if not unit.source or not unit.target:
            return
        self._by_source.setdefault(unit.source, []).append(unit)
        self._choices = None

    @classmethod
    def from_entries(cls, entries: Iterable[object], doc_id: str) -> TranslationMemory:
        """A memory of the reviewed entries among objects with ``msgid/msgstr/flags/obsolete``."""
        memory = cls()
        memory.add_entries(entries, doc_id)
        return memory

    def add_entries(self, entries: Iterable[object], doc_id: str) -> int:
        """Add the reviewed entries of one catalog; return how many were added."""
        added = 0
        for e in entries:
            msgid = getattr(e, "msgid", "")
            msgstr = getattr(e, "msgstr", "")
            if not msgid or not msgstr or getattr(e, "msgid_plural", ""):
                continue
            if "fuzzy" in (getattr(e, "flags", None) or ()):
                continue
            self.add(MemoryUnit(source=msgid, target=msgstr, doc_id=doc_id, obsolete=bool(getattr(e, "obsolete", False))))
            added += 1
        return added

    @staticmethod
    def _best(units: list[MemoryUnit]) -> MemoryUnit:
        # The most frequent translation wins; then live entries before obsolete ones, then
        # the first document in order, so the choice is stable across runs.
        counts = Counter(u.target for u in units)
        return min(units, key=lambda u: (-counts[u.target], u.obsolete, u.doc_id, u.target))

    def exact(self, source: str) -> Suggestion | None:
        """A 100% match, or None."""
        units = self._by_source.get(source)
        if not units:
            return None
        unit = self._best(units)
        return Suggestion(text=unit.target, score=100.0, origin="tm", engine=unit.doc_id)

    def fuzzy(self, source: str, threshold: float = 75.0) -> Suggestion | None:
        """The closest match at or above ``threshold`` (0-100), never reported as 100%."""
        if not self._by_source:
            return None
        if self._choices is None:
            self._choices = sorted(self._by_source)
        found = process.extractOne(
            source, self._choices, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=threshold
        )
        if found is None:
            return None
        match, score, _ = found
        if match == source:
            return self.exact(source)
        unit = self._best(self._by_source[match])
        return Suggestion(text=unit.target, score=min(99.0, float(int(score))), origin="tm", engine=unit.doc_id)

    def lookup(self, source: str, threshold: float = 75.0) -> Suggestion | None:
        """Exact match first, then the best fuzzy match above ``threshold``."""
        return self.exact(source) or self.fuzzy(source, threshold)

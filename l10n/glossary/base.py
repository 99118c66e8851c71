"""The glossary data model: :class:`Term`, :class:`Concept` and the :class:`Glossary` index."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..lang import parse_tag

__all__ = [
    "ADMITTED",
    "CONCEPT_STATUSES",
    "DO_NOT_TRANSLATE",
    "FORBIDDEN",
    "NORMAL",
    "PREFERRED",
    "TERM_STATUSES",
    "Concept",
    "Glossary",
    "Term",
    "TermMatch",
    "serves",
]

PREFERRED = "preferred"
ADMITTED = "admitted"
FORBIDDEN = "forbidden"
TERM_STATUSES = (PREFERRED, ADMITTED, FORBIDDEN)

NORMAL = "normal"
DO_NOT_TRANSLATE = "do-not-translate"
CONCEPT_STATUSES = (NORMAL, DO_NOT_TRANSLATE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One written form of a concept in one language.

    :param text: the term as written in the glossary.
    :param lang: BCP 47 tag (``zh-Hans``).
    :param status: ``preferred``, ``admitted`` or ``forbidden``.
    """

    text: str
    lang: str
    status: str = PREFERRED


@dataclass(frozen=True, slots=True, kw_only=True)
class Concept:
    """One glossary entry: the same meaning in several languages.

    :param id: stable id (from the file, or derived from the first term).
    :param terms: ``{lang: (Term, ...)}``, preferred first, then admitted, then forbidden.
    :param status: ``normal`` or ``do-not-translate`` (names and codes kept as written).
    :param note: a definition or usage note for translators.
    :param case_sensitive: match the terms with their exact case (always so for do-not-translate).
    :param part_of_speech: ``noun``, ``verb``... (free text).
    :param origin: ``(path, line)`` where the concept was read, for error messages.
    """

    id: str
    terms: dict[str, tuple[Term, ...]] = field(default_factory=dict, hash=False)
    status: str = NORMAL
    note: str = ""
    case_sensitive: bool = False
    part_of_speech: str = ""
    origin: tuple[str, int] | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def do_not_translate(self) -> bool:
        """Whether the terms stay exactly as written in every language."""
        return self.status == DO_NOT_TRANSLATE

    @property
    def matches_case(self) -> bool:
        """Whether matching respects case (explicitly, or because it is do-not-translate)."""
        return self.case_sensitive or self.do_not_translate

    def all_terms(self) -> Iterator[Term]:
        """Every term of every language, in file order."""
        for terms in self.terms.values():
            yield from terms


@dataclass(frozen=True, slots=True, kw_only=True)
class TermMatch:
    """A glossary term found in a text.

    :param start: offset of the first character in the text.
    :param end: offset after the last character (plural or possessive ending included).
    :param text: ``text[start:end]``, as written in the text.
    :param concept: the concept found (the first one when several share the form).
    :param term: the glossary term that matched.
    :param candidates: every ``(concept, term)`` with this same form (homonyms).
    """

    start: int
    end: int
    text: str
    concept: Concept
    term: Term
    candidates: tuple[tuple[Concept, Term], ...] = ()

    @property
    def concepts(self) -> tuple[Concept, ...]:
        """The concepts this match may stand for (more than one for homonyms)."""
        return tuple(c for c, _ in self.candidates) or (self.concept,)


def serves(term_lang: str, wanted: str) -> bool:
    """Whether a term tagged ``term_lang`` can be used for text in ``wanted``.

    Equal tags do; a bare language serves its regional forms and the other way round;
    ``zh-Hans`` and ``zh-Hant`` never serve each other.

    >>> serves("en-US", "en"), serves("en", "en-GB"), serves("zh-Hant", "zh-Hans")
    (True, True, False)
    """
    if term_lang == wanted:
        return True
    a, b = term_lang.split("-"), wanted.split("-")
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return longer[: len(shorter)] == shorter


class Glossary:
    """An immutable set of concepts with per-language term matchers (built on first use).

    :param concepts: the concepts, in file order.
    """

    __slots__ = ("_by_id", "_matchers", "concepts", "version")

    def __init__(self, concepts: Iterable[Concept] = ()):
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self.version: str = _version(self.concepts)
        self._by_id = {c.id: c for c in self.concepts}
        self._matchers: dict[str, object] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __repr__(self) -> str:
        return f"Glossary({len(self.concepts)} concepts, version={self.version[:12]})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and other.concepts == self.concepts

    __hash__ = None  # type: ignore[assignment]

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language tag used, in order of first appearance."""
        seen: dict[str, None] = {}
        for concept in self.concepts:
            for lang in concept.terms:
                seen.setdefault(lang, None)
        return tuple(seen)

    def get(self, concept_id: str) -> Concept | None:
        """The concept with this id, or None."""
        return self._by_id.get(concept_id)

    # ------------------------------------------------------------------ term lookups

    def terms(self, concept: Concept, lang: str) -> tuple[Term, ...]:
        """The concept's terms usable in ``lang`` (exact tag first, then related tags)."""
        lang = parse_tag(lang)
        exact = concept.terms.get(lang, ())
        related = tuple(t for tag, ts in concept.terms.items() if tag != lang and serves(tag, lang) for t in ts)
        found = exact + related
        if not found and concept.do_not_translate:
            # A do-not-translate name is written the same in every language.
            found = tuple(t for t in concept.all_terms() if t.status != FORBIDDEN)
        return found

    def preferred(self, concept: Concept, lang: str) -> str | None:
        """The preferred form in ``lang`` (the first admitted one if none is marked), or None."""
        terms = self.terms(concept, lang)
        for status in (PREFERRED, ADMITTED):
            for term in terms:
                if term.status == status:
                    return term.text
        return None

    def accepted(self, concept: Concept, lang: str) -> list[str]:
        """Preferred and admitted forms in ``lang``, preferred first, without repeats."""
        terms = self.terms(concept, lang)
        out: list[str] = []
        for status in (PREFERRED, ADMITTED):
            for term in terms:
                if term.status == status and term.text not in out:
                    out.append(term.text)
        return out

    def forbidden(self, concept: Concept, lang: str) -> list[str]:
        """Forbidden forms in ``lang``."""
        out: list[str] = []
        for term in self.terms(concept, lang):
            if term.status == FORBIDDEN and term.text not in out:
                out.append(term.text)
        return out

    # ------------------------------------------------------------------ matching

    def matcher(self, lang: str):
        """The :class:`~l10n.glossary.match.Matcher` for ``lang`` (cached)."""
        lang = parse_tag(lang)
        found = self._matchers.get(lang)
        if found is None:
            from .match import Matcher

            pairs = [(c, t) for c in self.concepts for t in self.terms(c, lang)]
            found = Matcher(pairs)
            self._matchers[lang] = found
        return found

    def find_terms(self, text: str, lang: str) -> list[TermMatch]:
        """Glossary terms in ``text`` (written in ``lang``): longest first, no overlaps, in order.

        Forbidden forms are found too; look at ``match.term.status``.
        """
        if not text or not self.concepts:
            return []
        matcher = self._matchers.get(lang)
        if matcher is None:
            matcher = self._matchers[lang] = self.matcher(lang)
        return matcher.find(text)

    def hints(self, text: str, source_lang: str, target_lang: str) -> list[str]:
        """Translator hints for a source text, one per concept found, in text order.

        Lines look like ``Thousand-Talent Program = 千人计划`` or ``5G (do not translate)``.
        """
        out: list[str] = []
        for match in self.find_terms(text, source_lang):
            for concept in match.concepts:
                if concept.do_not_translate:
                    line = f"{match.term.text} (do not translate)"
                else:
                    source = self.preferred(concept, source_lang) or match.term.text
                    target = self.preferred(concept, target_lang)
                    if not target:
                        continue
                    line = f"{source} = {target}"
                    if concept.note and len(match.concepts) > 1:
                        line += f" ({concept.note})"
                if line not in out:
                    out.append(line)
        return out


def _version(concepts: tuple[Concept, ...]) -> str:
    data = [
        [
            c.id,
            c.status,
            c.note,
            c.case_sensitive,
            c.part_of_speech,
            [[lang, [[t.text, t.status] for t in terms]] for lang, terms in c.terms.items()],
        ]
        for c in concepts
    ]
    data.sort(key=lambda row: json.dumps(row, ensure_ascii=False))
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()

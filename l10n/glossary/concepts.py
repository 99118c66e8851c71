"""Glossary concepts from the terms read out of a file, and their validation.

The readers (:mod:`.load_csv`, :mod:`.load_tbx`) turn each row or entry into
``(lang, text, status)`` triples; :func:`build_concept` groups them into a
:class:`~l10n.glossary.base.Concept` and :func:`validate_concepts` checks the concepts
of all the files together and gives each one an id. The words that mean "true" and
the term-status words both formats accept live here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import GlossaryError
from ..lang import parse_tag
from .base import ADMITTED, FORBIDDEN, PREFERRED, Concept, Term
from .match import fold

__all__ = ["STATUS_WORDS", "TRUE_WORDS", "build_concept", "language_tag", "validate_concepts"]

#: Cell and ``<admin>`` values that mean "true" (``caseSensitive``, ``doNotTranslate``).
TRUE_WORDS = {"1", "true", "yes", "y", "x"}
#: Term status words (CSV and TBX, lower-cased) and the status each stands for.
STATUS_WORDS = {
    "preferred": PREFERRED,
    "preferredterm-admn-sts": PREFERRED,
    "standardizedterm-admn-sts": PREFERRED,
    "legalterm-admn-sts": PREFERRED,
    "regulatedterm-admn-sts": PREFERRED,
    "admitted": ADMITTED,
    "admittedterm-admn-sts": ADMITTED,
    "deprecated": FORBIDDEN,
    "forbidden": FORBIDDEN,
    "notrecommended": FORBIDDEN,
    "deprecatedterm-admn-sts": FORBIDDEN,
    "supersededterm-admn-sts": FORBIDDEN,
}


def language_tag(raw: str, path: str | Path, line: int | None) -> str:
    """``raw`` as a BCP 47 tag that Babel knows (``zh_CN`` -> ``zh-CN``).

    :raises GlossaryError: an unknown language, naming the file and line.
    """
    from babel import Locale, UnknownLocaleError

    try:
        tag = parse_tag(raw)
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        raise GlossaryError(
            f"unknown language {raw!r}: use a BCP 47 tag such as en or zh-Hans", path=path, line=line
        ) from None
    return tag


def build_concept(
    *,
    concept_id: str,
    terms: list[tuple[str, str, str | None]],
    status: str,
    note: str,
    case_sensitive: bool,
    part_of_speech: str,
    path: str | Path,
    line: int,
) -> Concept:
    """Group ``(lang, text, status or None)`` by language and order them preferred, admitted, forbidden."""
    by_lang: dict[str, list[tuple[str, str | None]]] = {}
    for lang, text, term_status in terms:
        by_lang.setdefault(lang, []).append((text, term_status))
    grouped: dict[str, tuple[Term, ...]] = {}
    for lang, items in by_lang.items():
        explicit = [t for t, s in items if s == PREFERRED]
        if len(explicit) > 1:
            raise GlossaryError(
                f"two preferred {lang} terms in one concept ({explicit[0]!r}, {explicit[1]!r}): "
                "mark all but one admitted",
                path=path,
                line=line,
            )
        have_preferred = bool(explicit)
        resolved: list[Term] = []
        seen: set[str] = set()
        for text, term_status in items:
            if term_status is None:
                term_status = ADMITTED if have_preferred else PREFERRED
                have_preferred = True
            if text in seen:
                raise GlossaryError(f"the {lang} term {text!r} is listed twice in one concept", path=path, line=line)
            seen.add(text)
            resolved.append(Term(text=text, lang=lang, status=term_status))
        order = {PREFERRED: 0, ADMITTED: 1, FORBIDDEN: 2}
        grouped[lang] = tuple(sorted(resolved, key=lambda t: order[t.status]))
    if not grouped:
        raise GlossaryError("concept has no terms: give at least one non-empty term", path=path, line=line)
    return Concept(
        id=concept_id,
        terms=grouped,
        status=status,
        note=note,
        case_sensitive=case_sensitive,
        part_of_speech=part_of_speech,
        origin=(str(path), line),
    )


def _where(concept: Concept) -> str:
    if concept.origin is None:
        return "another concept"
    return f"the concept at {concept.origin[0]}:{concept.origin[1]}"


def _raise_at(concept: Concept, message: str) -> None:
    path, line = concept.origin if concept.origin else (None, None)
    raise GlossaryError(message, path=path, line=line)


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")
    return slug[:60] or "concept"


def validate_concepts(concepts: Iterable[Concept]) -> list[Concept]:
    """Check concepts read from one or more files and give every concept an id.

    :raises GlossaryError: a repeated id, a repeated concept (same terms), a form that is
        accepted in one concept and forbidden in another, or one form standing for two
        concepts that no note or part of speech tells apart.
    """
    concepts = list(concepts)
    ids: dict[str, Concept] = {}
    for concept in concepts:
        if not concept.id:
            continue
        other = ids.get(concept.id)
        if other is not None:
            _raise_at(concept, f"duplicate concept id {concept.id!r}: already used by {_where(other)}")
        ids[concept.id] = concept

    content: dict[tuple, Concept] = {}
    accepted: dict[tuple[str, str], list[Concept]] = {}
    forbidden: dict[tuple[str, str], Concept] = {}
    for concept in concepts:
        key = (
            concept.status,
            tuple(sorted((lang, t.text, t.status) for lang, ts in concept.terms.items() for t in ts)),
        )
        other = content.get(key)
        if other is not None:
            first = next(concept.all_terms()).text
            _raise_at(concept, f"duplicate concept {first!r}: same terms as {_where(other)}; remove one")
        content[key] = concept
        for term in concept.all_terms():
            form = (term.lang, term.text if concept.matches_case else fold(term.text))
            if term.status == FORBIDDEN:
                forbidden.setdefault(form, concept)
            else:
                holders = accepted.setdefault(form, [])
                if all(h is not concept for h in holders):
                    holders.append(concept)
    for form, holders in accepted.items():
        bad = forbidden.get(form)
        if bad is not None:
            owner = holders[0]
            _raise_at(
                bad,
                f"conflicting concepts: the {form[0]} term {_text_of(bad, form)!r} is forbidden here "
                f"but accepted in {_where(owner)}",
            )
        if len(holders) > 1:
            if len({(c.note, c.part_of_speech) for c in holders}) < len(holders):
                first, second = holders[0], holders[1]
                _raise_at(
                    second,
                    f"conflicting concepts: the {form[0]} term {_text_of(second, form)!r} also stands for "
                    f"{_where(first)}; merge them, or give each a note that tells the senses apart",
                )

    out = []
    used = set(ids)
    for concept in concepts:
        if concept.id:
            out.append(concept)
            continue
        base = _slug(next(concept.all_terms()).text)
        new_id, n = base, 1
        while new_id in used:
            n += 1
            new_id = f"{base}-{n}"
        used.add(new_id)
        out.append(replace(concept, id=new_id))
    return out


def _text_of(concept: Concept, form: tuple[str, str]) -> str:
    for term in concept.terms.get(form[0], ()):
        if term.text == form[1] or fold(term.text) == form[1]:
            return term.text
    return form[1]



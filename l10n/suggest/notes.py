"""The ``warning:`` notes written with a suggestion: lost placeholders, figures, glossary terms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["check_suggestion", "glossary_misses", "numbers_note", "present_terms"]

_TAG_RE = re.compile(r"</?\d+/?>")


def check_suggestion(source: str, text: str, src: str, tgt: str, glossary: Any, skip: Iterable[str] = ()) -> tuple[str, ...]:
    """What a reviewer must look at in a suggestion for ``source``, one note each."""
    notes: list[str] = []
    lost = Counter(_TAG_RE.findall(source)) - Counter(_TAG_RE.findall(text))
    if lost:
        notes.append(f"missing placeholder(s) {' '.join(sorted(lost))}")
    figures = numbers_note(source, text, src, tgt)
    if figures:
        notes.append(figures)
    if glossary is not None:
        notes.extend(glossary_misses(source, text, src, tgt, glossary, skip=set(skip)))
    return tuple(notes)


def numbers_note(source: str, text: str, src: str, tgt: str) -> str | None:
    """``numbers: ...`` when the figures (or full dates) of a suggestion differ from its source.

    A fuzzy memory match of "2023年研究所成立。" offered for "2019年研究所成立。" keeps 2023.
    """
    from ..checks.numbers import compare_dates, compare_numbers

    missing, extra = compare_numbers(source, text, src, tgt)
    if missing or extra:
        if len(missing) == 1 and len(extra) == 1:
            return f"numbers: the source has '{missing[0].text}', the suggestion '{extra[0].text}'"
        parts = []
        if missing:
            parts.append("missing from the suggestion: " + ", ".join(f"'{t.text}'" for t in missing))
        if extra:
            parts.append("not in the source: " + ", ".join(f"'{t.text}'" for t in extra))
        return "numbers: " + "; ".join(parts)
    dates = compare_dates(source, text)
    if dates:
        (a, a_date), (b, b_date) = dates
        return f"numbers: dates differ: the source has '{a}' ({a_date}), the suggestion '{b}' ({b_date})"
    return None


def present_terms(text: str, tgt: str, glossary: Any) -> dict[str, set[str]]:
    """Concept id -> accepted target forms (case-folded) found in ``text``."""
    found: dict[str, set[str]] = {}
    for m in glossary.find_terms(text, tgt):
        for concept, term in m.candidates or ((m.concept, m.term),):
            if term.status != "forbidden":
                found.setdefault(concept.id, set()).add(term.text.casefold())
    return found


def glossary_misses(source: str, text: str, src: str, tgt: str, glossary: Any, *, skip: set[str]) -> list[str]:
    """``glossary: ...`` notes for source terms whose accepted translation is not in ``text``."""
    notes = []
    present = present_terms(text, tgt, glossary)
    for m in glossary.find_terms(source, src):
        concept = m.concept
        if concept.id in skip or concept.do_not_translate:
            continue
        accepted = glossary.accepted(concept, tgt)
        if accepted and concept.id not in present:
            notes.append(f"glossary: {m.text!r} should be translated as {accepted[0]!r}")
    return notes

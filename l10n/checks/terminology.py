"""Terminology: the glossary is followed, and terms and sentences are translated consistently.

``glossary`` (error): every glossary term of the source must appear in the translation
in a preferred or admitted form, no forbidden form may appear, and a do-not-translate
name must appear unchanged. ``glossary-consistency`` (warning): one entry renders the
same term two ways; across catalogs, :func:`consistency_findings` reports one source
sentence translated two ways, and one term rendered by different forms that the
glossary both allows. The project runner calls it once with every catalog; the
per-entry function only sees a single entry, and carries the cross-catalog function
as its ``cross_catalog`` attribute.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Entry, Finding, Severity
from . import CHECKS, CheckContext, Example, make_finding, register

__all__ = [
    "check_catalogs",
    "check_glossary",
    "check_glossary_consistency",
    "consistency_findings",
    "term_problems",
]

_THOUSAND = {"en": "Thousand-Talent Program", "zh-Hans": "千人计划", "en:admitted": "Thousand Talents Program",
             "zh-Hans:forbidden": "千人计划项目"}
_MIC = {"en": "Made in China", "zh-Hans": "中国制造"}
_MIC2025 = {"en": "Made in China 2025", "zh-Hans": "中国制造2025"}
_FIVE_G = {"en": "5G", "status": "do-not-translate"}
_TWO_FORMS = {"en": "Mass Entrepreneurship Space", "en:admitted": "Maker Space", "zh-Hans": "众创空间"}


def _glossary(ctx: CheckContext):
    glossary = ctx.glossary
    if isinstance(glossary, (list, tuple)):
        # Raw concept dicts (check examples): build the glossary once per tuple.
        from ..glossary import glossary_from_rows

        key = tuple(tuple(sorted(row.items())) for row in glossary)
        cache = _ROWS_CACHE
        if key not in cache:
            cache[key] = glossary_from_rows(glossary)
        glossary = cache[key]
    return glossary if glossary else None


_ROWS_CACHE: dict[Any, Any] = {}


def _quote_all(forms: Iterable[str]) -> str:
    forms = [f'"{f}"' for f in forms]
    if len(forms) <= 1:
        return "".join(forms)
    return ", ".join(forms[:-1]) + " or " + forms[-1]


def term_problems(source: str, target: str, glossary, source_lang: str, target_lang: str) -> list[str]:
    """What the translation ``target`` gets wrong about the glossary terms of ``source``.

    One message per concept: a missing term (naming the accepted forms), a forbidden
    form (naming what to use instead), or a changed do-not-translate name. Used by the
    ``glossary`` check and by the suggestion stage to flag MT output.
    """
    if glossary is None or not source or not target:
        return []
    source_matches = glossary.find_terms(source, source_lang)
    target_matches = glossary.find_terms(target, target_lang)
    found_ok: set[str] = set()
    forbidden_hits = []
    for match in target_matches:
        for concept, term in match.candidates:
            if term.status == "forbidden":
                forbidden_hits.append((match, concept))
            else:
                found_ok.add(concept.id)
    problems: list[str] = []
    reported_forbidden: set[int] = set()
    seen_groups: set[frozenset[str]] = set()
    for match in source_matches:
        group = match.concepts
        key = frozenset(c.id for c in group)
        if key in seen_groups:
            continue
        seen_groups.add(key)
        if any(c.id in found_ok for c in group):
            continue
        dnt = [c for c in group if c.do_not_translate]
        if dnt:
            problems.append(f'do-not-translate term "{match.text}" must appear unchanged in the translation')
            continue
        deciding = [c for c in group if glossary.accepted(c, target_lang)]
        if not deciding:
            continue  # the glossary has no target form for this term
        expected = []
        for concept in deciding:
            for form in glossary.accepted(concept, target_lang):
                if form not in expected:
                    expected.append(form)
        bad = [(i, m) for i, (m, c) in enumerate(forbidden_hits) if any(c is d for d in deciding)]
        if bad:
            reported_forbidden.update(i for i, _ in bad)
            problems.append(
                f'forbidden term "{bad[0][1].text}" for "{match.term.text}": use {_quote_all(expected)}'
            )
        else:
            problems.append(f'term "{match.term.text}" should be translated as {_quote_all(expected)}')
    for i, (match, concept) in enumerate(forbidden_hits):
        if i in reported_forbidden:
            continue
        if any(m is match for j, (m, _) in enumerate(forbidden_hits) if j in reported_forbidden):
            continue
        use = glossary.accepted(concept, target_lang)
        advice = f"use {_quote_all(use)}" if use else "remove it"
        message = f'forbidden term "{match.text}" in the translation: {advice}'
        if message not in problems:
            problems.append(message)
    return problems


@register(
    "glossary",
    severity=Severity.ERROR,
    needs_glossary=True,
    examples=[
        Example(source="他入选了千人计划。", target="He joined the Thousand-Talent Program.", fires=False,
                glossary=(_THOUSAND,)),
        Example(source="他入选了千人计划。", target="He joined the Thousand Talents Program.", fires=False,
                glossary=(_THOUSAND,)),
        Example(source="他入选了千人计划。", target="He joined a national talent scheme.", fires=True,
                glossary=(_THOUSAND,)),
        Example(source="He joined the Thousand-Talent Program.", target="他入选了千人计划项目。", fires=True,
                source_lang="en", target_lang="zh-Hans", glossary=(_THOUSAND,)),
        Example(source="He joined the thousand talent programs.", target="他入选了千人计划。", fires=False,
                source_lang="en", target_lang="zh-Hans", glossary=(_THOUSAND,)),
        Example(source="推进中国制造2025。", target="Advancing Made in China 2025.", fires=False,
                glossary=(_MIC, _MIC2025)),
        Example(source="推进中国制造2025。", target="Advancing Made in China.", fires=True,
                glossary=(_MIC, _MIC2025)),
        Example(source="建设5G网络。", target="Building 5G networks.", fires=False, glossary=(_FIVE_G,)),
        Example(source="建设5G网络。", target="Building fifth-generation networks.", fires=True,
                glossary=(_FIVE_G,)),
    ],
)
def check_glossary(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Glossary terms are translated with their preferred or admitted form, never a forbidden one."""
    glossary = _glossary(ctx)
    if glossary is None or entry.obsolete or not entry.msgstr:
        return
    for message in term_problems(entry.msgid, entry.msgstr, glossary, ctx.source_lang, ctx.target_lang):
        yield make_finding("glossary", entry, ctx, message)


def _forms_used(entry_source: str, entry_target: str, glossary, source_lang: str, target_lang: str):
    """``{concept id: (concept, source term text, set of accepted target forms used)}``.

    Only concepts that the glossary lets be rendered several ways, and that the source
    writes in one form only (a full name followed by its abbreviation is not an
    inconsistency).
    """
    wanted: dict[str, tuple[Any, str, set[str]]] = {}
    source_forms: dict[str, set[str]] = {}
    for match in glossary.find_terms(entry_source, source_lang):
        for concept, term in match.candidates:
            if concept.do_not_translate or len(glossary.accepted(concept, target_lang)) < 2:
                continue
            source_forms.setdefault(concept.id, set()).add(term.text)
            wanted.setdefault(concept.id, (concept, term.text, set()))
    wanted = {k: v for k, v in wanted.items() if len(source_forms[k]) == 1}
    if not wanted:
        return {}
    for match in glossary.find_terms(entry_target, target_lang):
        for concept, term in match.candidates:
            if concept.id in wanted and term.status != "forbidden":
                wanted[concept.id][2].add(term.text)
    return {k: v for k, v in wanted.items() if v[2]}


@register(
    "glossary-consistency",
    severity=Severity.WARNING,
    needs_glossary=True,
    examples=[
        Example(
            source="众创空间是创业者的众创空间。",
            target="A Mass Entrepreneurship Space is a Maker Space for founders.",
            fires=True,
            glossary=(_TWO_FORMS,),
        ),
        Example(
            source="众创空间是创业者的众创空间。",
            target="A Mass Entrepreneurship Space is a Mass Entrepreneurship Space for founders.",
            fires=False,
            glossary=(_TWO_FORMS,),
        ),
    ],
)
def check_glossary_consistency(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Terms and sentences are translated the same way everywhere.

    Per entry: one term rendered two ways. Across catalogs: ``cross_catalog``
    (:func:`consistency_findings`), called once by the project runner.
    """
    glossary = _glossary(ctx)
    if glossary is None or entry.obsolete or not entry.msgstr:
        return
    used = _forms_used(entry.msgid, entry.msgstr, glossary, ctx.source_lang, ctx.target_lang)
    for concept, source_term, forms in used.values():
        if len(forms) > 1:
            order = glossary.accepted(concept, ctx.target_lang)
            shown = sorted(forms, key=lambda f: order.index(f) if f in order else len(order))
            both = " and ".join(f'"{f}"' for f in shown)
            yield make_finding(
                "glossary-consistency",
                entry,
                ctx,
                f'term "{source_term}" is rendered two ways in one entry ({both}): pick one',
            )


def _severity(check_id: str) -> Severity:
    check = CHECKS.get(check_id)
    return check.severity if check else Severity.WARNING


def _reviewed(entries: Iterable[Entry]) -> Iterator[Entry]:
    for entry in entries:
        if entry.state == "reviewed" and "glossary-consistency" not in entry.ignored_checks:
            yield entry


def consistency_findings(
    catalogs: list[tuple[str, str, str, list[Entry]]], glossary=None
) -> list[Finding]:
    """Cross-catalog consistency over reviewed entries: ``[(path, source_lang, target_lang, entries)]``.

    Reports (1) the same source sentence (and context) translated differently, at every
    entry that differs from the most common translation; (2) a glossary term that the
    glossary lets be rendered several ways, rendered differently across entries, at every
    entry that differs from the most common form. Entries that render a term two ways
    on their own are left to the per-entry check.
    """
    severity = _severity("glossary-consistency")
    out: list[Finding] = []
    sentences: dict[tuple, list[tuple[str, Entry, str]]] = {}
    terms: dict[tuple, list[tuple[str, Entry, str, str]]] = {}
    concepts: dict[tuple, Any] = {}
    for path, source_lang, target_lang, entries in catalogs:
        for entry in _reviewed(entries):
            text = " ".join(entry.msgstr.split())
            sentences.setdefault((source_lang, target_lang, entry.msgctxt, entry.msgid), []).append(
                (path, entry, text)
            )
            if glossary:
                used = _forms_used(entry.msgid, entry.msgstr, glossary, source_lang, target_lang)
                for concept_id, (concept, source_term, forms) in used.items():
                    if len(forms) == 1:
                        key = (target_lang, concept_id, source_term)
                        concepts[key] = concept
                        terms.setdefault(key, []).append((path, entry, source_term, next(iter(forms))))
    for rows in sentences.values():
        counts = Counter(text for _, _, text in rows)
        if len(counts) < 2:
            continue
        best = max(counts.values())
        reference = next(r for r in rows if counts[r[2]] == best)
        for path, entry, text in rows:
            if text != reference[2]:
                out.append(
                    Finding(
                        check_id="glossary-consistency",
                        severity=severity,
                        message=(
                            f'the same source is translated differently at {reference[0]}:{reference[1].line}: '
                            f'"{reference[2]}"'
                        ),
                        path=path,
                        line=entry.line,
                        msgid=entry.msgid,
                    )
                )
    for key, rows in terms.items():
        counts = Counter(form for *_, form in rows)
        if len(counts) < 2:
            continue
        target_lang = key[0]
        concept = concepts[key]
        order = glossary.accepted(concept, target_lang)
        best_form = sorted(counts, key=lambda f: (-counts[f], order.index(f) if f in order else len(order)))[0]
        reference = next(r for r in rows if r[3] == best_form)
        for path, entry, source_term, form in rows:
            if form == best_form:
                continue
            out.append(
                Finding(
                    check_id="glossary-consistency",
                    severity=severity,
                    message=(
                        f'term "{source_term}" is rendered "{form}" here but "{best_form}" in '
                        f"{counts[best_form]} other entr{'y' if counts[best_form] == 1 else 'ies'} "
                        f"(first at {reference[0]}:{reference[1].line}): the glossary allows both, pick one"
                    ),
                    path=path,
                    line=entry.line,
                    msgid=entry.msgid,
                )
            )
    return sorted(out, key=lambda f: f.sort_key)


check_glossary_consistency.cross_catalog = consistency_findings  # type: ignore[attr-defined]


def check_catalogs(
    catalogs: list[tuple[str, str, str, list[Entry]]], glossary, *, severities: dict[str, Severity] | None = None
) -> list[Finding]:
    """Both terminology checks over catalogs, for ``l10n glossary check``: sorted findings.

    Unlike ``l10n check``, suggested (fuzzy) entries are checked too, so a machine
    suggestion that breaks the glossary is caught before review. Obsolete and
    untranslated entries are skipped; ``# l10n: ignore <id>`` is honoured.
    """
    from dataclasses import replace

    severities = severities or {}
    out: list[Finding] = []
    for path, source_lang, target_lang, entries in catalogs:
        ctx = CheckContext(path=path, source_lang=source_lang, target_lang=target_lang, glossary=glossary)
        for entry in entries:
            if entry.obsolete or not entry.msgstr:
                continue
            ignored = entry.ignored_checks
            if "glossary" not in ignored:
                out.extend(check_glossary(entry, ctx))
            if "glossary-consistency" not in ignored:
                out.extend(check_glossary_consistency(entry, ctx))
    out.extend(consistency_findings(catalogs, glossary))
    if severities:
        out = [replace(f, severity=severities.get(f.check_id, f.severity)) for f in out]
    return sorted(out, key=lambda f: f.sort_key)

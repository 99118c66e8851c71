"""Every registered check honours the registry contract and its declared examples."""

from __future__ import annotations

import re

import pytest

from l10n.checks import Check, CheckContext, Example, get_checks
from l10n.model import Entry, Finding, Severity

CHECKS = get_checks()


def _glossary(example: Example):
    if not example.glossary:
        return None
    from l10n.glossary import glossary_from_rows

    return glossary_from_rows(list(example.glossary))


def _run(check: Check, example: Example) -> list[Finding]:
    entry = Entry(msgid=example.source, msgstr=example.target, fuzzy=example.fuzzy, line=7)
    ctx = CheckContext(
        path="locales/en/LC_MESSAGES/doc.po",
        source_lang=example.source_lang,
        target_lang=example.target_lang,
        glossary=_glossary(example),
    )
    return list(check.func(entry, ctx))


def test_the_registry_holds_the_contracted_checks():
    expected = {"untranslated", "fuzzy", "markup", "numbers", "punctuation", "untranslated-text", "length"}
    assert expected <= set(CHECKS)


@pytest.mark.parametrize("check", CHECKS.values(), ids=list(CHECKS))
def test_check_has_kebab_case_id_title_and_severity(check: Check):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", check.id)
    assert check.title and check.title[0].isupper()
    assert isinstance(check.severity, Severity)


@pytest.mark.parametrize("check", CHECKS.values(), ids=list(CHECKS))
def test_check_declares_firing_and_passing_examples(check: Check):
    assert any(e.fires for e in check.examples), "no firing example"
    assert any(not e.fires for e in check.examples), "no passing example"


@pytest.mark.parametrize(
    "check", [c for c in CHECKS.values() if c.id != "glossary-consistency"], ids=lambda c: c.id
)
def test_check_examples_cover_both_directions(check: Check):
    directions = {(e.source_lang.split("-")[0], e.target_lang.split("-")[0]) for e in check.examples}
    assert {("zh", "en"), ("en", "zh")} <= directions


_CASES = [
    pytest.param(check, i, example, id=f"{check.id}-{i}-{'fires' if example.fires else 'passes'}")
    for check in CHECKS.values()
    for i, example in enumerate(check.examples)
]


@pytest.mark.parametrize(("check", "index", "example"), _CASES)
def test_example_behaves_as_declared(check: Check, index: int, example: Example):
    findings = _run(check, example)
    assert bool(findings) == example.fires, [f.message for f in findings]
    for finding in findings:
        assert finding.check_id == check.id
        assert finding.severity == check.severity
        assert finding.line == 7
        assert finding.path == "locales/en/LC_MESSAGES/doc.po"
        assert finding.message[:1].islower() or finding.message[:1] in "'\"<"

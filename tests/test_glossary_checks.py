"""The glossary checks on hand-made catalogs (both directions), their examples, and suggest."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.catalog import catalog_language, entry_views, read_catalog
from l10n.checks import CheckContext, get_checks
from l10n.checks.terminology import check_catalogs, consistency_findings, term_problems
from l10n.glossary import glossary_from_rows, load_glossary
from l10n.glossary.suggest import suggest_terms
from l10n.model import Entry, Severity

DATA = Path(__file__).resolve().parent / "data" / "glossary"
CATALOGS = [
    ("catalogs/en/release.po", "zh-Hans"),
    ("catalogs/en/update.po", "zh-Hans"),
    ("catalogs/zh_Hans/release-en.po", "en"),
]


@pytest.fixture(scope="module")
def terms():
    return load_glossary(DATA / "terms.csv")


@pytest.fixture(scope="module")
def loaded():
    out = []
    for rel, source in CATALOGS:
        po = read_catalog(DATA / rel)
        out.append((rel, source, catalog_language(po), entry_views(po, rel)))
    return out


def seeded(loaded) -> list[tuple[str, int, str]]:
    out = []
    for path, _s, _t, entries in loaded:
        for entry in entries:
            for line in entry.translator_comment.splitlines():
                if line.startswith("seeded:"):
                    out.append((path, entry.line, line.split(":", 1)[1].strip()))
    return sorted(out)


def test_every_seeded_violation_is_found_exactly_once(terms, loaded):
    findings = check_catalogs(loaded, terms)
    got = sorted((f.path, f.line, f.check_id) for f in findings)
    assert got == seeded(loaded)
    assert len(got) == 12


def test_both_directions_are_covered(terms, loaded):
    findings = check_catalogs(loaded, terms)
    targets = {f.path.split("/")[1] for f in findings if f.check_id == "glossary"}
    assert targets == {"en", "zh_Hans"}


def test_findings_name_the_term_and_what_was_expected(terms, loaded):
    by_line = {(f.path, f.line): f for f in check_catalogs(loaded, terms)}
    missing = by_line[("catalogs/en/release.po", 18)]
    assert missing.message == 'term "千人计划" should be translated as "Thousand-Talent Program" or "Thousand Talents Program"'
    assert missing.severity == Severity.ERROR and missing.msgid == "该所引进千人计划专家三名。"
    forbidden = by_line[("catalogs/zh_Hans/release-en.po", 18)]
    assert forbidden.message == 'forbidden term "千人计划项目" for "Thousand-Talent Program": use "千人计划"'
    dnt = by_line[("catalogs/en/release.po", 43)]
    assert dnt.message == 'do-not-translate term "5G" must appear unchanged in the translation'
    sentence = by_line[("catalogs/en/update.po", 10)]
    assert sentence.severity == Severity.WARNING
    assert "translated differently at catalogs/en/release.po:11" in sentence.message


def test_suggested_entries_are_checked_and_ignored_ones_are_not(terms, loaded):
    findings = {(f.path, f.line) for f in check_catalogs(loaded, terms)}
    assert ("catalogs/en/release.po", 47) in findings  # fuzzy suggestion
    ignored = next(e for e in loaded[0][3] if "ignore glossary" in e.translator_comment)
    assert ("catalogs/en/release.po", ignored.line) not in findings


def test_the_project_runner_finds_the_same_cross_catalog_findings(terms, loaded):
    check = get_checks()["glossary-consistency"]
    assert check.func.cross_catalog is consistency_findings
    found = consistency_findings(loaded, terms)
    assert [(f.path, f.line) for f in found] == [
        ("catalogs/en/release.po", 14),
        ("catalogs/en/update.po", 10),
        ("catalogs/en/update.po", 18),
    ]


def test_a_full_name_then_its_abbreviation_is_not_inconsistent(terms):
    entry = Entry(msgid="中国科学院与中科院专家出席。", msgstr="Experts of the Chinese Academy of Sciences and CAS attended.")
    ctx = CheckContext(path="p.po", source_lang="zh-Hans", target_lang="en", glossary=terms)
    assert list(get_checks()["glossary-consistency"].func(entry, ctx)) == []


@pytest.mark.parametrize("check_id", ["glossary", "glossary-consistency"])
def test_registered_examples_fire_and_pass_as_declared(check_id):
    check = get_checks()[check_id]
    assert check.examples and any(e.fires for e in check.examples) and any(not e.fires for e in check.examples)
    for example in check.examples:
        glossary = glossary_from_rows(example.glossary)
        ctx = CheckContext(path="x.po", source_lang=example.source_lang, target_lang=example.target_lang,
                           glossary=glossary)
        entry = Entry(msgid=example.source, msgstr=example.target, fuzzy=example.fuzzy, line=1)
        assert bool(list(check.func(entry, ctx))) == example.fires, example


def test_raw_concept_dicts_in_the_context_work_too():
    ctx = CheckContext(path="x.po", source_lang="zh-Hans", target_lang="en",
                       glossary=({"en": "incubator", "zh-Hans": "孵化器"},))
    entry = Entry(msgid="孵化器开业。", msgstr="The accelerator opened.")
    assert len(list(get_checks()["glossary"].func(entry, ctx))) == 1


def test_no_glossary_means_no_findings():
    ctx = CheckContext(path="x.po", source_lang="zh-Hans", target_lang="en", glossary=None)
    assert list(get_checks()["glossary"].func(Entry(msgid="千人计划", msgstr="x"), ctx)) == []


def test_terms_without_a_target_form_are_not_required():
    glossary = glossary_from_rows([{"en": "Voxel"}])
    assert term_problems("A Voxel grid.", "体素网格。", glossary, "en", "zh-Hans") == []


def test_a_forbidden_form_outside_any_source_term_is_reported():
    glossary = glossary_from_rows([{"en": "Belt and Road Initiative", "en:forbidden": "One Belt One Road",
                                    "zh-Hans": "一带一路"}])
    assert term_problems("合作项目。", "The One Belt One Road projects.", glossary, "zh-Hans", "en") == [
        'forbidden term "One Belt One Road" in the translation: use "Belt and Road Initiative"'
    ]


def test_suggest_proposes_frequent_aligned_pairs_not_in_the_glossary():
    rows = [
        ("光电研究所成立新实验室。", "The optoelectronics institute opened a new lab."),
        ("光电研究所与企业合作。", "The optoelectronics institute works with companies."),
        ("光电研究所获得专利。", "The optoelectronics institute won a patent."),
        ("孵化器使用XG-3000设备。", "The incubator uses XG-3000 equipment."),
        ("新的XG-3000已交付。", "The new XG-3000 was delivered."),
    ]
    entries = [(Entry(msgid=s, msgstr=t), "zh-Hans", "en") for s, t in rows]
    glossary = glossary_from_rows([{"en": "incubator", "zh-Hans": "孵化器"}])
    found = suggest_terms(entries, glossary)
    pairs = [(c.source, c.target, c.status) for c in found]
    assert ("光电研究所", "optoelectronics institute", "normal") == pairs[0]
    assert ("XG-3000", "XG-3000", "do-not-translate") in pairs
    assert all("孵化器" not in c.source for c in found)
    fuzzy = [(Entry(msgid=s, msgstr=t, fuzzy=True), "zh-Hans", "en") for s, t in rows]
    assert suggest_terms(fuzzy, glossary) == []


def test_suggest_skips_common_words_and_entries_that_break_the_glossary():
    rows = [
        ("他表示，光电研究所很好。", "He said the optoelectronics institute is good."),
        ("光电研究所表示，成立了。", "The optoelectronics institute said it was founded."),
        ("她表示，新的光电研究所很大。", "She said the new optoelectronics institute is large."),
        # Both break the glossary (孵化器 is "incubator"): their pair must not be learnt.
        ("孵化器支持创客空间。", "The hatchery supports the maker space."),
        ("孵化器扩建创客空间。", "The hatchery expands the maker space."),
    ]
    entries = [(Entry(msgid=s, msgstr=t), "zh-Hans", "en") for s, t in rows]
    glossary = glossary_from_rows([{"en": "incubator", "zh-Hans": "孵化器"}])
    found = suggest_terms(entries, glossary)
    sources = {c.source for c in found}
    targets = {c.target for c in found}
    assert "表示" not in sources and "said" not in targets
    assert ("光电研究所", "optoelectronics institute") in {(c.source, c.target) for c in found}
    assert "创客空间" not in sources and "maker space" not in targets


def test_suggest_does_not_cut_a_long_repeated_phrase_into_windows():
    phrase = "国家自然科学基金委员会资助项目"
    rows = [(f"该研究由{phrase}支持。", "Funded by the foundation."), (f"本项目为{phrase}。", "A funded project.")]
    entries = [(Entry(msgid=s, msgstr=t), "zh-Hans", "en") for s, t in rows]
    assert all(len(c.source) <= 8 and c.source not in phrase for c in suggest_terms(entries))

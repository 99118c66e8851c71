"""Glossary loading (TBX, CSV, hostile XML), matching (CJK, case, hyphens, plurals) and export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.errors import GlossaryError
from l10n.glossary import (
    Glossary,
    glossary_from_rows,
    load_glossary,
    read_glossary_file,
    render_csv,
    render_tbx,
)

DATA = Path(__file__).resolve().parent / "data" / "glossary"


@pytest.fixture(scope="module")
def terms() -> Glossary:
    return load_glossary(DATA / "terms.csv")


def found(glossary: Glossary, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.concept.id) for m in glossary.find_terms(text, lang)]


# --------------------------------------------------------------------------- loading


def test_csv_glossary_holds_every_status(terms):
    concept = terms.get("thousand-talent")
    assert terms.preferred(concept, "en") == "Thousand-Talent Program"
    assert terms.accepted(concept, "en") == ["Thousand-Talent Program", "Thousand Talents Program"]
    assert terms.forbidden(concept, "en") == ["1000 Talents Plan"]
    assert terms.forbidden(concept, "zh-Hans") == ["千人计划项目"]
    assert concept.note.startswith("national recruitment")
    assert concept.part_of_speech == "noun"
    assert terms.get("five-g").do_not_translate
    assert terms.get("made-in-china-2025").case_sensitive


def test_language_tags_are_normalised_in_tbx_and_csv():
    v2 = load_glossary(DATA / "sample_v2.tbx")
    assert v2.languages == ("en", "zh-Hans", "zh-Hant")
    rows = glossary_from_rows([{"en": "sensor", "zh_Hans": "传感器"}, {"en": "chip", "zh-CN": "芯片"}])
    assert rows.languages == ("en", "zh-Hans")


def test_tbx_v2_reads_statuses_notes_and_skips_empty_targets():
    glossary = load_glossary(DATA / "sample_v2.tbx")
    incubator = glossary.get("incubator")
    assert glossary.accepted(incubator, "en") == ["incubator", "business incubator"]
    assert glossary.forbidden(incubator, "en") == ["hatchery"]
    assert incubator.note == "an organisation that helps start-ups grow"
    station = glossary.concepts[1]
    assert glossary.preferred(station, "zh-Hant") == "基地台"
    assert station.note == "telecommunications"
    voxel = glossary.concepts[2]
    assert glossary.preferred(voxel, "zh-Hans") is None


def test_tbx_v3_concept_entries_with_namespace_are_read():
    glossary = load_glossary(DATA / "sample_v3.tbx")
    line = glossary.get("pilot-line")
    assert glossary.accepted(line, "en") == ["pilot line", "pilot production line"]
    assert glossary.forbidden(line, "zh-Hans") == ["试验线"]
    assert line.part_of_speech == "noun"
    assert glossary.get("xg-3000").do_not_translate


def test_a_folder_loads_every_tbx_and_csv_and_a_missing_folder_is_empty(tmp_path):
    for name in ("terms.csv", "sample_v3.tbx"):
        shutil.copy(DATA / name, tmp_path / name)
    assert len(load_glossary(tmp_path)) == 14
    assert len(load_glossary(tmp_path / "nothing-here")) == 0


@pytest.mark.parametrize(
    "name",
    ["billion_laughs.tbx", "xxe.tbx", "external_dtd.tbx", "parameter_entity.tbx"],
)
def test_hostile_xml_is_rejected_without_reading_other_files(tmp_path, name):
    shutil.copy(DATA / name, tmp_path / name)
    shutil.copy(DATA / "evil.dtd", tmp_path / "evil.dtd")
    (tmp_path / "secret.txt").write_text("TOP-SECRET-VALUE", encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(tmp_path / name)
    text = str(info.value)
    assert name in text and "entit" in text
    assert "TOP-SECRET" not in text and "INJECTED" not in text
    assert info.value.line is not None


def test_an_external_dtd_is_never_loaded(tmp_path):
    source = (DATA / "external_dtd_unused.tbx").read_text(encoding="utf-8")
    (tmp_path / "g.tbx").write_text(source, encoding="utf-8")
    # A broken DTD would make the parse fail if the parser opened it.
    (tmp_path / "evil.dtd").write_text("<!ELEMENT broken\n", encoding="utf-8")
    glossary = load_glossary(tmp_path / "g.tbx")
    assert [t.text for t in glossary.concepts[0].all_terms()] == ["sensor", "传感器"]


def test_malformed_xml_names_file_and_line():
    with pytest.raises(GlossaryError, match="malformed XML") as info:
        load_glossary(DATA / "malformed.tbx")
    assert info.value.line == 5 and info.value.path.endswith("malformed.tbx")


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("en,zh-Hans\nchip,芯片\nchip,芯片\n", "duplicate concept", 3),
        ("id,en,zh-Hans\na,chip,芯片\na,wafer,晶圆\n", "duplicate concept id", 3),
        ("en,zh-Hans\nchip,芯片\nchip,晶片\n", "conflicting concepts", 3),
        ("en,zh-Hans,en:forbidden\nchip,芯片,\nwafer,晶圆,chip\n", "conflicting concepts", 3),
        ("en,en:admitted,zh-Hans\nchip,a||b,芯片\n", "empty term", 2),
        ("en,zh-Hans\n,\nchip,芯片\n,, \n", None, None),
        ("en,status,zh-Hans\nchip,,\n,normal,\n", "no terms", 3),
        ("en,klingon-xx\nchip,芯片\n", "unknown language", 1),
        ("en,zh-Hans\nchip,芯片,extra\n", "3 fields", 2),
        ("en,zh-Hans,status\nchip,芯片,secret\n", "unknown concept status", 2),
        ("en,zh-Hans,case_sensitive\nchip,芯片,maybe\n", "case_sensitive", 2),
    ],
)
def test_csv_validation_errors_name_the_line(tmp_path, content, message, line):
    path = tmp_path / "g.csv"
    path.write_text(content, encoding="utf-8")
    if message is None:
        assert len(load_glossary(path)) == 1
        return
    with pytest.raises(GlossaryError, match=message) as info:
        load_glossary(path)
    assert info.value.line == line
    assert info.value.path == str(path)


def test_homonyms_with_notes_load_and_both_senses_are_hinted():
    glossary = glossary_from_rows(
        [
            {"en": "view", "zh-Hans": "视图", "note": "noun"},
            {"en": "view", "zh-Hans": "查看", "note": "verb"},
        ]
    )
    assert glossary.hints("Open the view.", "en", "zh-Hans") == ["view = 视图 (noun)", "view = 查看 (verb)"]


def test_conflicts_across_files_name_both_places(tmp_path):
    (tmp_path / "a.csv").write_text("en,zh-Hans\nchip,芯片\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("en,zh-Hans,zh-Hans:forbidden\nsemiconductor chip,半导体芯片,芯片\n",
                                    encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"a\.csv:2") as info:
        load_glossary(tmp_path)
    assert info.value.path.endswith("b.csv")


# --------------------------------------------------------------------------- real glossaries


def test_kde_tbx_with_synonyms_loads(corpus_dir):
    glossary = load_glossary(corpus_dir / "glossary" / "kde-cn_lokalize_terms.zh_CN.tbx")
    assert len(glossary) == 137
    tool = glossary.get("guo_yunhe-27")
    assert glossary.accepted(tool, "en") == ["tool", "tools"]
    email = glossary.get("guo_yunhe-31")
    assert glossary.accepted(email, "zh-Hans") == ["电子邮件", "邮件"]
    # en-US terms serve plain "en" text.
    assert [m.concept.id for m in glossary.find_terms("Cancel", "en")] == ["guo_yunhe-2"]


@pytest.mark.parametrize("name", ["slicer_weblate_glossary.zh_Hans.tbx", "slicer_weblate_glossary.zh_Hant.tbx"])
def test_weblate_tbx_with_empty_targets_fails_with_a_useful_message(corpus_dir, name):
    with pytest.raises(GlossaryError, match="duplicate concept id '1'") as info:
        load_glossary(corpus_dir / "glossary" / name)
    assert info.value.line and name in str(info.value)


def test_weblate_tbx_empty_targets_are_not_required(corpus_dir, tmp_path):
    # Without the repeated ids the same file loads; empty <term/> targets are skipped.
    raw = (corpus_dir / "glossary" / "slicer_weblate_glossary.zh_Hans.tbx").read_text(encoding="utf-8")
    (tmp_path / "s.tbx").write_text(raw.replace(' id="1"', ""), encoding="utf-8")
    with pytest.raises(GlossaryError, match="duplicate concept 'Cell'"):
        load_glossary(tmp_path / "s.tbx")


def test_malformed_weblate_csv_fails_with_a_useful_message(corpus_dir):
    with pytest.raises(GlossaryError, match="not comma-separated") as info:
        load_glossary(corpus_dir / "glossary" / "compcon_weblate_glossary.zh_Hans.csv")
    assert info.value.line == 1


def test_weblate_csv_needs_its_languages_and_then_loads(corpus_dir):
    path = corpus_dir / "glossary" / "compcon_weblate_glossary.en.csv"
    with pytest.raises(GlossaryError, match="--source-lang"):
        load_glossary(path)
    concepts = read_glossary_file(path, source_lang="en", target_lang="zh-Hans")
    assert concepts[0].terms["en"][0].text == "LANCER"


# --------------------------------------------------------------------------- matching


def test_chinese_matching_takes_the_longest_term_without_overlaps(terms):
    assert found(terms, "推进中国制造2025。", "zh-Hans") == [("中国制造2025", "made-in-china-2025")]
    assert found(terms, "中国制造与中国制造2025", "zh-Hans") == [
        ("中国制造", "made-in-china"),
        ("中国制造2025", "made-in-china-2025"),
    ]


def test_terms_are_found_next_to_cjk_characters_and_punctuation(terms):
    assert found(terms, "本公司宣布", "zh-Hans") == [("公司", "company")]
    assert found(terms, "使用API接口", "zh-Hans") == [("API", "api")]
    assert found(terms, "（5G）、LiDAR。", "zh-Hans") == [("5G", "five-g"), ("LiDAR", "lidar")]


def test_english_matching_respects_word_boundaries(terms):
    assert found(terms, "CAPITAL letters and rapid growth", "en") == []
    assert found(terms, "the company's incubators", "en") == [
        ("company's", "company"),
        ("incubators", "incubator"),
    ]
    assert found(terms, "15G and 5GHz", "en") == []


def test_english_matching_ignores_case_unless_the_term_says_otherwise(terms):
    assert found(terms, "MADE IN CHINA", "en") == [("MADE IN CHINA", "made-in-china")]
    assert found(terms, "made in china 2025", "en") == [("made in china", "made-in-china")]
    assert found(terms, "Made in China 2025", "en") == [("Made in China 2025", "made-in-china-2025")]
    assert found(terms, "5g and lidar", "en") == []


@pytest.mark.parametrize(
    "text",
    [
        "the Thousand-Talent Program",
        "the Thousand Talent Program",
        "the thousand‑talent program",
        "the ThousandTalent Program",
        "the Thousand  Talent\nProgram",
        "the Thousand-Talent Programs",
        "the Thousand-Talent Program's",
        "“Thousand-Talent Program”",
    ],
)
def test_hyphen_space_plural_possessive_and_quoted_variants_match(terms, text):
    matches = terms.find_terms(text, "en")
    assert [m.concept.id for m in matches] == ["thousand-talent"]
    assert text[matches[0].start : matches[0].end] == matches[0].text


def test_symbol_terms_match_with_or_without_the_space(terms):
    assert found(terms, 'The "Internet +" plan and Internet+ firms', "en") == [
        ("Internet +", "internet-plus"),
        ("Internet+", "internet-plus"),
    ]
    assert found(terms, "“互联网＋”行动", "zh-Hans") == [("互联网＋", "internet-plus")]


def test_a_plural_ending_in_ies_matches():
    glossary = glossary_from_rows([{"en": "key laboratory", "zh-Hans": "重点实验室"}])
    assert [m.text for m in glossary.find_terms("two key laboratories", "en")] == ["key laboratories"]


def test_traditional_chinese_terms_match_only_traditional_text():
    glossary = load_glossary(DATA / "sample_v2.tbx")
    assert [m.text for m in glossary.find_terms("新基地台與基站", "zh-Hant")] == ["基地台"]
    assert [m.text for m in glossary.find_terms("新基地台與基站", "zh-Hans")] == ["基站"]


def test_hints_give_the_target_form_and_do_not_translate_marks(terms):
    hints = terms.hints("The Thousand Talents Program uses 5G and LiDAR.", "en", "zh-Hans")
    assert hints == ["Thousand-Talent Program = 千人计划", "5G (do not translate)", "LiDAR (do not translate)"]
    assert terms.hints("他入选了千人计划。", "zh-Hans", "en") == ["千人计划 = Thousand-Talent Program"]
    assert terms.hints("nothing here", "en", "zh-Hans") == []


def test_version_is_stable_and_follows_content(terms, tmp_path):
    again = load_glossary(DATA / "terms.csv")
    assert again.version == terms.version
    changed = (DATA / "terms.csv").read_text(encoding="utf-8").replace("孵化器", "创业孵化器")
    (tmp_path / "t.csv").write_text(changed, encoding="utf-8")
    assert load_glossary(tmp_path / "t.csv").version != terms.version


# --------------------------------------------------------------------------- export


@pytest.mark.parametrize("name", ["terms.csv", "sample_v2.tbx", "sample_v3.tbx"])
def test_csv_and_tbx_convert_into_each_other_without_loss(tmp_path, name):
    original = load_glossary(DATA / name)
    (tmp_path / "a.tbx").write_text(render_tbx(original), encoding="utf-8")
    via_tbx = load_glossary(tmp_path / "a.tbx")
    (tmp_path / "b.csv").write_text(render_csv(via_tbx), encoding="utf-8")
    via_csv = load_glossary(tmp_path / "b.csv")
    assert via_tbx == original
    assert via_csv == original
    assert via_csv.version == original.version
    assert render_csv(via_csv) == render_csv(original)
    assert render_tbx(via_csv) == render_tbx(original)


def test_kde_glossary_survives_a_round_trip(corpus_dir, tmp_path):
    original = load_glossary(corpus_dir / "glossary" / "kde-cn_lokalize_terms.zh_CN.tbx")
    (tmp_path / "k.csv").write_text(render_csv(original), encoding="utf-8")
    assert load_glossary(tmp_path / "k.csv") == original


def test_underscore_separated_title_parts_do_not_hide_a_term():
    from l10n.glossary import glossary_from_rows

    glossary = glossary_from_rows([{"en": "Xiamen Institute", "zh-Hans": "厦门研究所"}])
    found = glossary.find_terms("Photonics Alliance_News_Xiamen Institute of Optics", "en")
    assert [m.text for m in found] == ["Xiamen Institute"]

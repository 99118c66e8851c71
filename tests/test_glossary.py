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
    with pytest.raises(GlossaryError, match="not separated by commas, semicolons or tabs") as info:
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


# --------------------------------------------------------------------------- CSV layouts and encodings


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("semi.csv", "en;zh-Hans\nwafer;晶圆\n"),
        ("tabs.csv", "en\tzh-Hans\nwafer\t晶圆\n"),
        ("tabs.tsv", "en\tzh-Hans\nwafer\t晶圆\n"),
        ("quoted.csv", 'en;zh-Hans;note\nwafer;晶圆;"thin; round"\n'),
        ("english.csv", "English,Chinese\nwafer,晶圆\n"),
        ("simplified.csv", "Simplified Chinese,English\n晶圆,wafer\n"),
        ("chinese.csv", "英文,中文\nwafer,晶圆\n"),
    ],
)
def test_csv_separators_and_language_names_are_recognised(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    concept = load_glossary(path).concepts[0]
    assert sorted(concept.terms) == ["en", "zh-Hans"]
    assert concept.terms["en"][0].text == "wafer" and concept.terms["zh-Hans"][0].text == "晶圆"
    if name == "quoted.csv":
        assert concept.note == "thin; round"


def test_free_text_columns_become_the_note_or_are_ignored_with_a_notice(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,zh-Hans,description,reviewer,Comments\nwafer,晶圆,thin slice,Li,ok\n", encoding="utf-8")
    notices: list[str] = []
    concept = read_glossary_file(path, notices=notices)[0]
    assert concept.note == "thin slice"
    assert [n.split(": ", 1)[1] for n in notices] == [
        "column 'reviewer' is not a language or a known field: ignored",
        "column 'Comments' is not a language or a known field: ignored",
    ]


def test_a_misspelt_language_column_is_still_an_error(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,zhs-Hans\nwafer,晶圆\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown language or column 'zhs-Hans'"):
        load_glossary(path)


@pytest.mark.parametrize("word", ["forbidden", "deprecated"])
def test_a_term_status_in_the_status_column_points_to_forbidden_columns(tmp_path, word):
    path = tmp_path / "g.csv"
    path.write_text(f"en,zh-Hans,status\nThousand Talents Plan,千人计划,{word}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="<lang>:forbidden column") as info:
        load_glossary(path)
    assert info.value.line == 2 and "zh-Hans:forbidden" in info.value.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "gb18030", "gbk"])
def test_utf16_bom_and_gbk_csv_files_are_read(tmp_path, encoding):
    path = tmp_path / "g.csv"
    path.write_bytes("en,zh-Hans\r\nstate key laboratory,国家重点实验室\r\n".encode(encoding))
    notices: list[str] = []
    concept = read_glossary_file(path, notices=notices)[0]
    assert concept.terms["zh-Hans"][0].text == "国家重点实验室"
    assert bool(notices) == (encoding in {"gb18030", "gbk"})


def test_a_csv_in_neither_utf8_nor_gb18030_says_how_to_fix_it(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(b"en,zh-Hans\nwafer,\x80\xff\n")
    with pytest.raises(GlossaryError, match="save the glossary as UTF-8") as info:
        load_glossary(path)
    assert info.value.line == 2


# --------------------------------------------------------------------------- language tags


def test_language_tags_are_normalised_to_the_project_languages(tmp_path):
    (tmp_path / "a.csv").write_text("en-US,ZH\nwafer,晶圆\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("en,zh-Hant\nchip,晶片\n", encoding="utf-8")
    glossary = load_glossary(tmp_path, languages=["en", "zh-Hans"])
    assert glossary.languages == ("en", "zh-Hans", "zh-Hant")
    # Without the project languages only regional forms join: "zh" may mean either script.
    assert load_glossary(tmp_path).languages == ("en", "zh", "zh-Hant")


def test_merged_language_columns_that_clash_are_an_error(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,zh,zh-Hans\nwafer,晶圆,晶片\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="two preferred zh-Hans terms") as info:
        load_glossary(path, languages=["en", "zh-Hans"])
    assert info.value.line == 2


def test_regional_english_terms_still_serve_english_text(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en-US,zh-Hans\ncolor,颜色\n", encoding="utf-8")
    glossary = load_glossary(path, languages=["en", "zh-Hans"])
    assert [m.text for m in glossary.find_terms("The color changed.", "en")] == ["color"]


# --------------------------------------------------------------------------- TBX data categories


def test_tbx_notices_list_the_data_categories_a_concept_cannot_keep(tmp_path):
    path = tmp_path / "g.tbx"
    path.write_text(
        '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca">'
        "<text><body><conceptEntry id='c'><descrip type='definition'>A device.</descrip><note>Old.</note>"
        "<langSec xml:lang='en'><termSec><term>sensor</term><termNote type='termType'>fullForm</termNote>"
        "</termSec></langSec><langSec xml:lang='zh-Hans'><termSec><term>传感器</term></termSec></langSec>"
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    notices: list[str] = []
    concept = read_glossary_file(path, notices=notices)[0]
    assert concept.note == "A device."
    assert notices == [f'{path}: not kept: <note> (1), <termNote type="termType"> in a term (1)']
    assert read_glossary_file(DATA / "sample_v2.tbx", notices=(empty := [])) and empty == []


# --------------------------------------------------------------------------- hyphenated prefixes


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("email", "Send an e-mail today."),
        ("email", "Send an E-Mail today."),
        ("e-mail", "Send an email today."),
        ("postdoctoral", "a post-doctoral fellow"),
        ("postdoctoral researcher", "two post-doctoral researchers"),
        ("co-operation", "international cooperation"),
        ("cooperation", "international co-operation"),
        ("nonprofit organisation", "a non-profit organisation"),
        ("optoelectronics", "opto-electronics research"),
    ],
)
def test_closed_and_hyphenated_prefixed_words_match_both_ways(term, text):
    glossary = glossary_from_rows([{"en": term, "zh-Hans": "术语"}])
    assert len(glossary.find_terms(text, "en")) == 1


def test_prefix_splitting_adds_few_keys_and_does_not_split_short_words():
    from l10n.glossary import Term
    from l10n.glossary.match import term_keys

    assert term_keys(Term(text="rest", lang="en")) == ["rest"]
    keys = term_keys(Term(text="multiscale nanoscale subsystem", lang="en"))
    assert len(keys) == 5 and "multi scale nano scale sub system" in keys
    glossary = glossary_from_rows([{"en": "email", "zh-Hans": "电子邮件"}])
    assert glossary.find_terms("females mail", "en") == []


def test_a_header_only_file_left_by_an_old_import_does_not_break_loading(tmp_path):
    (tmp_path / "old.csv").write_text("id,status,note,case_sensitive,part_of_speech\n", encoding="utf-8")
    (tmp_path / "terms.csv").write_text("en,zh-Hans\nwafer,晶圆\n", encoding="utf-8")
    assert len(load_glossary(tmp_path)) == 1

"""Sentence segmentation (stage 2): shared benchmarks, release cases, placeholders, properties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from l10n.model import Block, Document
from l10n.segment import segment_block, segment_document, split_sentences

from .strategies import mixed_text, placeholder_text

DATA = Path(__file__).resolve().parent / "data" / "segmentation"
SHARED_SEGMENTATION = (
    Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "segmentation"
)
WHITESPACE = re.compile(r"\s+")
PAIR_OPEN = re.compile(r"<(\d+)>")
PAIR_CLOSE = re.compile(r"</(\d+)>")


def load_cases(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def score(cases: list[dict]) -> dict[str, tuple[int, int, list[str]]]:
    """Per language: (correct, total, failing ids), by score.py's rule (stripped, no empties)."""
    out: dict[str, tuple[int, int, list[str]]] = {}
    for case in cases:
        got = [s.strip() for s in split_sentences(case["text"], case["lang"]) if s.strip()]
        expected = [s.strip() for s in case["expected"] if s.strip()]
        correct, total, failing = out.get(case["lang"], (0, 0, []))
        if got == expected:
            correct += 1
        else:
            failing = [*failing, case["id"]]
        out[case["lang"]] = (correct, total + 1, failing)
    return out


def shared_file(name: str) -> Path:
    path = SHARED_SEGMENTATION / name
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    return path


# --- shared benchmarks ------------------------------------------------------------------


def test_golden_rules_reach_the_required_minimum():
    result = score(load_cases(shared_file("golden_rules.json")))
    assert result["en"][0] >= 47, result["en"]
    assert result["zh"][0] == 2, result["zh"]


def test_ntrex_paragraphs_reach_the_required_minimum():
    result = score(load_cases(shared_file("ntrex_paragraphs.json")))
    assert result["en"][0] >= 385, result["en"]
    assert result["zh"][0] >= 364, result["zh"]


# --- our own release cases ---------------------------------------------------------------


RELEASE_CASES = load_cases(DATA / "release_cases.json")


@pytest.mark.parametrize("case", RELEASE_CASES, ids=[c["id"] for c in RELEASE_CASES])
def test_release_case_is_split_as_expected(case):
    assert split_sentences(case["text"], case["lang"]) == case["expected"]


def test_release_cases_cover_both_languages():
    langs = {c["lang"] for c in RELEASE_CASES}
    assert langs == {"en", "zh"}
    assert len(RELEASE_CASES) >= 40


# Cases from exploratory testing of real release text, in the release-case style.
# (id, language, text, expected segments)
EXTRA_RELEASE_CASES = [
    # numbered points inside a Chinese sentence, and figure references, are no boundary
    ("zh-numbered-points-inside", "zh-Hans", "要做到以下几点：1.加强基础研究；2.推进成果转化。",
     ["要做到以下几点：1.加强基础研究；2.推进成果转化。"]),
    ("zh-fullwidth-points-inside", "zh-Hans", "要做到以下几点：１．加强基础研究；２．推进成果转化。",
     ["要做到以下几点：１．加强基础研究；２．推进成果转化。"]),
    ("zh-figure-reference", "zh-Hans", "见图1.右侧为对照组。", ["见图1.右侧为对照组。"]),
    # full-width full stop after a list number or letter, and inside a number
    (
        "zh-fullwidth-number-marker",
        "zh-Hans",
        "1．加强基础研究。2．推进成果转化。",
        ["1．加强基础研究。", "2．推进成果转化。"],
    ),
    (
        "zh-fullwidth-letter-marker",
        "zh-Hans",
        "a．完善评价体系。b．扩大开放合作。",
        ["a．完善评价体系。", "b．扩大开放合作。"],
    ),
    (
        "zh-fullwidth-decimal",
        "zh-Hans",
        "第1．5版软件已发布。新版本更稳定。",
        ["第1．5版软件已发布。", "新版本更稳定。"],
    ),
    # sentence starters after an abbreviation
    (
        "en-she-after-abbreviation",
        "en",
        "The lab works with partners in the U.S. She will visit them in April.",
        ["The lab works with partners in the U.S.", "She will visit them in April."],
    ),
    (
        "en-researchers-after-abbreviation",
        "en",
        "The clean room opened in Dec. Researchers moved in a week later.",
        ["The clean room opened in Dec.", "Researchers moved in a week later."],
    ),
    (
        "en-earlier-after-abbreviation",
        "en",
        "The grant came from a fund in the U.K. Earlier, the team had won a prize.",
        ["The grant came from a fund in the U.K.", "Earlier, the team had won a prize."],
    ),
    # academic degrees
    (
        "en-degree-inside-sentence",
        "en",
        "Zhao Min, Ph.D. Candidate at the institute, chaired the panel.",
        ["Zhao Min, Ph.D. Candidate at the institute, chaired the panel."],
    ),
    (
        "en-degrees-mid-sentence",
        "en",
        "She holds an M.Sc. from Fuzhou and a B.Sc. in optics.",
        ["She holds an M.Sc. from Fuzhou and a B.Sc. in optics."],
    ),
    (
        "en-degree-ends-sentence",
        "en",
        "She earned her Ph.D. The next year she joined the lab.",
        ["She earned her Ph.D.", "The next year she joined the lab."],
    ),
    # company suffixes, "etc." and street or mountain abbreviations at a sentence end
    (
        "en-ltd-ends-sentence",
        "en",
        "The deal was signed with Minjiang Laser Co., Ltd. Chen Hao, its president, spoke.",
        ["The deal was signed with Minjiang Laser Co., Ltd.", "Chen Hao, its president, spoke."],
    ),
    (
        "en-inc-before-acronym",
        "en",
        "Minjiang Optics Inc. CTO Lin Yu opened the meeting.",
        ["Minjiang Optics Inc. CTO Lin Yu opened the meeting."],
    ),
    (
        "en-etc-ends-sentence",
        "en",
        "The kit holds lenses, mirrors, filters, etc. Students assemble it themselves.",
        ["The kit holds lenses, mirrors, filters, etc.", "Students assemble it themselves."],
    ),
    (
        "en-street-ends-sentence",
        "en",
        "The new office is on Hubin St. The move takes place in May.",
        ["The new office is on Hubin St.", "The move takes place in May."],
    ),
    (
        "en-saint-and-mount-stay-whole",
        "en",
        "The sensors went from St. Louis to Mt. Everest. They worked.",
        ["The sensors went from St. Louis to Mt. Everest.", "They worked."],
    ),
    # a quote introduced by a colon, closed after a half-width mark or an ellipsis
    (
        "zh-quote-half-width-stop",
        "zh-Hans",
        "他在讲话中引用了一句话：“Light has no borders.”这句话赢得了掌声。",
        ["他在讲话中引用了一句话：“Light has no borders.”", "这句话赢得了掌声。"],
    ),
    (
        "zh-quote-half-width-bang",
        "zh-Hans",
        "团队的口号是：“Keep going!”大家干劲十足。",
        ["团队的口号是：“Keep going!”", "大家干劲十足。"],
    ),
    (
        "zh-quote-ellipsis",
        "zh-Hans",
        "他说：“实验还需要一些时间……”但他很有信心。",
        ["他说：“实验还需要一些时间……”", "但他很有信心。"],
    ),
    (
        "zh-quote-ellipsis-attribution",
        "zh-Hans",
        "“实验还需要一些时间……”他说。",
        ["“实验还需要一些时间……”他说。"],
    ),
    # an English sentence running straight into a Chinese one
    (
        "zh-english-then-chinese",
        "zh-Hans",
        "The lab was set up in 2009.实验室成立于2009年。",
        ["The lab was set up in 2009.", "实验室成立于2009年。"],
    ),
    (
        "zh-email-then-chinese",
        "zh-Hans",
        "来稿请寄news@lab.example.cn.我们会尽快答复。",
        ["来稿请寄news@lab.example.cn.", "我们会尽快答复。"],
    ),
    (
        "zh-abbreviation-before-chinese",
        "zh-Hans",
        "Dr.林出席了会议。公司名为Minjiang Optics Inc.该公司投资3.5亿元。",
        ["Dr.林出席了会议。", "公司名为Minjiang Optics Inc.该公司投资3.5亿元。"],
    ),
    # footnote markers after the terminator stay with their sentence
    (
        "en-bracket-footnote",
        "en",
        "Output rose by 40 times.[3] The team now plans a pilot line.",
        ["Output rose by 40 times.[3]", "The team now plans a pilot line."],
    ),
    (
        "en-sup-footnote",
        "en",
        "Loss fell to 2.1%.<1>1</1> The coating is also cheap.",
        ["Loss fell to 2.1%.<1>1</1>", "The coating is also cheap."],
    ),
    # caption labels that open the sentence
    (
        "en-table-caption",
        "en",
        "Table 1. Results of the field test",
        ["Table 1. Results of the field test"],
    ),
    (
        "en-figure-caption",
        "en",
        "Figure 3. The detector in the clean room",
        ["Figure 3. The detector in the clean room"],
    ),
    (
        "en-fig-caption",
        "en",
        "Fig. 2. Layout of the optical bench",
        ["Fig. 2. Layout of the optical bench"],
    ),
    ("zh-figure-caption", "zh-Hans", "图1. 海上观测站全景", ["图1. 海上观测站全景"]),
    (
        "en-table-reference-ends-sentence",
        "en",
        "See Table 1. Results are listed there.",
        ["See Table 1.", "Results are listed there."],
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [c[1:] for c in EXTRA_RELEASE_CASES],
    ids=[c[0] for c in EXTRA_RELEASE_CASES],
)
def test_release_sentence_from_exploratory_testing_is_split_as_expected(lang, text, expected):
    assert split_sentences(text, lang) == expected
    for segment in expected:
        assert split_sentences(segment, lang) == [segment]


# --- language tags -----------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["zh", "zh-Hans", "zh-Hant", "zh_CN", "zh-TW"])
def test_chinese_tags_use_the_chinese_rules(tag):
    assert split_sentences("创业难吗？难！", tag) == ["创业难吗？", "难！"]


@pytest.mark.parametrize("tag", ["en", "en-GB", "en-US", "en_US"])
def test_english_tags_use_the_english_rules(tag):
    text = "Prof. Li arrived on Jan. 24, 2016. He stayed."
    assert split_sentences(text, tag) == ["Prof. Li arrived on Jan. 24, 2016.", "He stayed."]


# --- contract details --------------------------------------------------------------------


def test_closing_quote_after_a_terminator_stays_with_its_sentence():
    assert split_sentences("He said “yes.” Then he left.", "en") == [
        "He said “yes.”",
        "Then he left.",
    ]
    assert split_sentences("好吗？！好。", "zh-Hans") == ["好吗？！", "好。"]


def test_full_width_semicolon_is_never_a_boundary():
    assert split_sentences("一是人才；二是资金。", "zh-Hans") == ["一是人才；二是资金。"]


def test_line_break_is_a_hard_boundary_even_without_a_terminator():
    assert split_sentences("Institute news\nNew incubator opens", "en") == [
        "Institute news",
        "New incubator opens",
    ]


def test_empty_and_blank_text_give_no_segments():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\t\u3000", "zh-Hans") == []


# --- placeholders ------------------------------------------------------------------------


def test_sentence_ending_inside_a_closing_tag_ends_after_the_tag():
    text = "See the <1>annual report.</1> It is online."
    assert split_sentences(text, "en") == ["See the <1>annual report.</1>", "It is online."]


def test_terminator_inside_an_open_pair_does_not_cut_the_pair():
    text = "<1>First part. Second part</1> goes on. Next."
    segments = split_sentences(text, "en")
    assert segments == ["<1>First part. Second part</1> goes on.", "Next."]


def test_opening_tag_starts_the_next_sentence():
    assert split_sentences("第一句。<1>第二句</1>。", "zh-Hans") == ["第一句。", "<1>第二句</1>。"]


def test_empty_tag_after_a_terminator_stays_with_its_sentence():
    assert split_sentences("Line one.<2/> Line two.", "en") == ["Line one.<2/>", "Line two."]


def test_placeholders_are_not_words_for_the_abbreviation_rules():
    text = "<1>Prof.</1> <2>Wang</2> spoke. <3>It</3> ended."
    assert split_sentences(text, "en") == ["<1>Prof.</1> <2>Wang</2> spoke.", "<3>It</3> ended."]


def test_line_break_inside_a_tag_pair_is_no_boundary():
    assert split_sentences("<1>one\ntwo</1>", "en") == ["<1>one\ntwo</1>"]


# --- segment_document / segment_block ----------------------------------------------------


def make_doc(lang: str, *blocks: Block) -> Document:
    return Document(path=Path("x.html"), doc_id="x", lang=lang, format="html", blocks=blocks)


def test_segment_document_splits_splittable_blocks_and_keeps_others_whole():
    doc = make_doc(
        "en",
        Block(id="b1", kind="heading", text=" Lab opens. New era ", line=3, splittable=False),
        Block(id="b2", kind="paragraph", text="It opened. It is big.", line=5),
        Block(id="b3", kind="paragraph", text="   ", line=7),
        Block(id="b4", kind="paragraph", text="<1/> — Good.", line=9),
    )
    segments = segment_document(doc)
    assert [(s.source, s.block_id, s.index, s.kind, s.line) for s in segments] == [
        ("Lab opens. New era", "b1", 0, "heading", 3),
        ("It opened.", "b2", 0, "paragraph", 5),
        ("It is big.", "b2", 1, "paragraph", 5),
        ("— Good.", "b4", 0, "paragraph", 9),  # the image at its start stays in the page
    ]


def test_segments_without_letters_or_digits_are_dropped():
    block = Block(id="b1", kind="paragraph", text="Done.\n<1/>\n—\n2016\n中文", line=1)
    assert segment_block(block, "en") == ["Done.", "2016", "中文"]


def test_segment_block_matches_split_sentences():
    block = Block(id="b1", kind="paragraph", text="该所成立于1962年。现有职工600人。", line=1)
    assert segment_block(block, "zh-Hans") == split_sentences(block.text, "zh-Hans")


# --- properties --------------------------------------------------------------------------


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


@settings(max_examples=200)
@given(placeholder_text())
def test_no_text_is_lost_and_order_is_kept(text):
    for lang in ("en", "zh-Hans"):
        assert squeeze("".join(split_sentences(text, lang))) == squeeze(text)


@settings(max_examples=200)
@given(placeholder_text())
def test_splitting_a_segment_again_gives_the_segment(text):
    for lang in ("en", "zh-Hans"):
        for segment in split_sentences(text, lang):
            assert split_sentences(segment, lang) == [segment]


@settings(max_examples=200)
@given(mixed_text())
def test_no_segment_is_empty_or_padded(text):
    for lang in ("en", "zh-Hans"):
        for segment in split_sentences(text, lang):
            assert segment
            assert segment == segment.strip()


@settings(max_examples=200)
@given(placeholder_text())
def test_no_segment_cuts_a_tag_pair(text):
    for segment in split_sentences(text, "en") + split_sentences(text, "zh-Hans"):
        assert set(PAIR_OPEN.findall(segment)) == set(PAIR_CLOSE.findall(segment))

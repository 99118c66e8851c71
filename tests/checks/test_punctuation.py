from __future__ import annotations

from l10n.checks.punctuation import end_kind

from ._util import messages


def test_end_kind_looks_through_closing_quotes_and_placeholders():
    assert end_kind("他说：“好。”") == ("stop", "。")
    assert end_kind("See <1>this</1>?") == ("question", "?")
    assert end_kind("No end")[0] is None


def test_end_punctuation_follows_the_target_script():
    assert messages("punctuation", "Done.", "完成。", src="en", tgt="zh-Hans") == []
    assert messages("punctuation", "Done.", "完成.", src="en", tgt="zh-Hans") == [
        "end punctuation '.' is in the wrong width for the language; use '。'"
    ]
    assert messages("punctuation", "完成了吗？", "Done?") == []


def test_abbreviation_at_the_end_needs_no_full_stop():
    assert messages("punctuation", "Founded by Acme Co., Ltd.", "由某某有限公司创立", src="en", tgt="zh-Hans") == []


def test_half_width_between_chinese_characters_is_reported():
    msgs = messages("punctuation", "A, B and C.", "甲,乙和丙。", src="en", tgt="zh-Hans")
    assert msgs == ["half-width ',' between Chinese characters; use '，'"]


def test_latin_text_inside_chinese_keeps_its_punctuation():
    assert messages("punctuation", "Nature, Science.", "Nature, Science。", src="en", tgt="zh-Hans") == []


def test_full_width_in_english_is_reported():
    msgs = messages("punctuation", "甲，乙。", "A，B.")
    assert msgs == ["full-width '，' in text of a language with half-width punctuation; use ','"]


def test_quotes_and_brackets_must_balance_unless_the_source_is_open_too():
    assert messages("punctuation", "《报告》发布。", "The Report is out.") == []
    assert messages("punctuation", "他说：“第一句。", 'He said: "First sentence.') == []
    assert messages("punctuation", "研究所（北京）成立。", "The institute (Beijing was founded.") == ["unbalanced () in the translation"]


def test_whitespace_differences_are_reported():
    assert messages("punctuation", "Title:\n", "标题：\n", src="en", tgt="zh-Hans") == []
    assert messages("punctuation", " Title", "标题", src="en", tgt="zh-Hans") == ["leading whitespace differs from the source"]
    assert "doubled space in the translation" in messages("punctuation", "甲乙。", "A  B.")

from __future__ import annotations

from l10n.checks.content import translatable_core

from ._util import messages


def test_identical_running_text_is_untranslated():
    assert messages("untranslated-text", "Open the file", "Open the file", src="en", tgt="zh-Hans")


def test_identical_codes_names_and_markup_are_fine():
    for text in ("NEEQ", "X-37B", "B<--force-help>", "application/vnd.debian.binary-package", "%s (%d)"):
        assert messages("untranslated-text", text, text, src="en", tgt="zh-Hans") == [], text


def test_translatable_core_drops_codes_and_placeholders():
    assert translatable_core("Use <1>GB18030</1> at https://a.org now").split() == ["Use", "at", "now"]


def test_english_sentence_left_in_chinese_is_reported_but_titles_are_not():
    assert messages("untranslated-text", "x", "他说 this is not what we have agreed on at all。", src="en", tgt="zh-Hans")
    assert messages("untranslated-text", "x", "他读了《A Brief History of the World》。", src="en", tgt="zh-Hans") == []


def test_chinese_sentence_left_in_english_is_reported_but_short_names_are_not():
    assert messages("untranslated-text", "x", "He said 这是我们没有同意的事情。")
    assert messages("untranslated-text", "x", "The Thousand Talents Program (千人计划) began.") == []


def test_length_skips_short_strings_and_flags_extremes():
    assert messages("length", "好。", "Good.") == []
    long_zh = "研究所今天发布了年度报告，介绍了过去一年的主要研究成果和合作计划。"
    assert messages("length", long_zh, "OK.")
    assert messages("length", long_zh, "The institute released its annual report today, presenting the main results and plans.") == []

from __future__ import annotations

from ._util import messages


def test_untranslated_reports_an_empty_translation():
    assert messages("untranslated", "研究所成立。", "") == ["not translated"]


def test_untranslated_reports_a_missing_plural_form():
    msgs = messages("untranslated", "%d file", "", msgstr_plural={0: "%d 个文件", 1: ""}, src="en", tgt="zh-Hans")
    assert msgs and "plural form" in msgs[0]


def test_fuzzy_names_the_suggestion_origin():
    msgs = messages("fuzzy", "Hello.", "你好。", fuzzy=True, auto_comment="suggestion: mt opus-mt-en-zh", src="en", tgt="zh-Hans")
    assert msgs == ["unreviewed suggestion (mt opus-mt-en-zh); review it and clear the fuzzy flag"]


def test_fuzzy_says_when_the_source_changed():
    msgs = messages("fuzzy", "Hello.", "你好。", fuzzy=True, previous_msgid="Hi.", src="en", tgt="zh-Hans")
    assert "source changed" in msgs[0]


def test_reviewed_entry_passes_completeness_checks():
    assert messages("untranslated", "Hello.", "你好。") == []
    assert messages("fuzzy", "Hello.", "你好。") == []

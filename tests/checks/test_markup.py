from __future__ import annotations

from l10n.checks.placeholders import links, placeholders

from ._util import messages


def test_placeholders_are_listed_in_order():
    assert placeholders("a <1>b</1> <2/>") == ["<1>", "</1>", "<2/>"]


def test_links_drop_trailing_punctuation_and_stop_at_chinese_text():
    assert links("见https://example.org/a。或mail@example.org.") == ["https://example.org/a", "mail@example.org"]


def test_missing_invented_and_repeated_placeholders_are_separate_findings():
    msgs = messages("markup", "<1>A</1> and <2/>", "<1>甲</1><1>乙</1><3/>", src="en", tgt="zh-Hans")
    assert any("missing" in m and "<2/>" in m for m in msgs)
    assert any("not in the source" in m and "<3/>" in m for m in msgs)
    assert any("repeated" in m for m in msgs)


def test_placeholders_may_move_but_must_nest():
    assert messages("markup", "<1>A</1> <2>B</2>", "<2>乙</2><1>甲</1>", src="en", tgt="zh-Hans") == []
    assert messages("markup", "<1>A <2>B</2></1>", "<1>甲<2>乙</1></2>", src="en", tgt="zh-Hans")


def test_url_must_be_unchanged():
    assert messages("markup", "见https://a.org/x。", "See https://a.org/x.") == []
    assert messages("markup", "见https://a.org/x。", "See https://a.org/y.")


def test_email_must_be_unchanged():
    assert messages("markup", "Write to press@a.org.", "请致信press@a.org。", src="en", tgt="zh-Hans") == []
    assert messages("markup", "Write to press@a.org.", "请致信media@a.org。", src="en", tgt="zh-Hans")

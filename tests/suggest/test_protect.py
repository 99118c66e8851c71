"""Protection of placeholders, URLs, e-mails, numbers and do-not-translate terms around MT."""

from __future__ import annotations

import pytest
from hypothesis import given

from l10n.suggest.protect import Span, protect, restore

from ..strategies import mixed_text, placeholder_text


@given(mixed_text())
def test_restore_of_protect_gives_the_source_back(text):
    p = protect(text)
    assert restore(p, p.text).text == text


@given(placeholder_text())
def test_restore_of_protect_keeps_inline_placeholders(text):
    p = protect(text)
    restored = restore(p, p.text)
    assert restored.text == text
    assert restored.ok


def test_placeholders_urls_emails_and_numbers_become_tokens():
    p = protect("请访问<1>http://www.example.ac.cn/news/1.html</1>或写信至press@example.ac.cn，共3场<2/>。")
    assert p.text == "请访问[X0X][X1X][X2X]或写信至[X3X]，共[X4X]场[X5X]。"
    assert [s.kind for s in p.spans] == ["tag", "url", "tag", "email", "number", "tag"]


@pytest.mark.parametrize("text", ["投资12亿元。", "1.2 billion yuan", "3 万人", "700 million"])
def test_numbers_with_a_magnitude_word_are_left_for_the_translation(text):
    assert protect(text).spans == ()


@pytest.mark.parametrize("damaged", ["[ X0X ] was founded in [X 1 X].", "[X0X] was founded in ［X1X］."])
def test_restore_tolerates_spaces_and_full_width_brackets_inside_tokens(damaged):
    p = protect("<1>XIOPM</1> 成立于 1962 年。")
    p = protect("<1>成立于 1962 年")
    assert p.text == "[X0X]成立于 [X1X] 年"
    restored = restore(p, damaged)
    assert restored.ok
    assert restored.text == "<1> was founded in 1962."


def test_a_single_garbled_token_is_repaired_and_flagged():
    p = protect("详情请见<1/>。")
    restored = restore(p, "For details see [X0.")
    assert restored.text == "For details see <1/>."
    assert restored.repaired == 1
    assert not restored.ok
    assert restored.warnings == ()


def test_a_token_the_model_copied_as_text_counts_as_restored():
    p = protect("详情请见 http://example.org/a 。")
    restored = restore(p, "For details see http://example.org/a .")
    assert restored.text == "For details see http://example.org/a ."
    assert restored.warnings == ()


def test_a_lost_token_is_reported_never_silently_dropped():
    p = protect("<1>研究所</1>发布了报告。")
    restored = restore(p, "The institute released a report.")
    assert not restored.ok
    assert restored.warnings == ("lost tag '<1>'", "lost tag '</1>'")


def test_a_duplicated_token_is_reported():
    p = protect("共3场。")
    restored = restore(p, "[X0X] sessions, [X0X] in all.")
    assert restored.text == "3 sessions, 3 in all."
    assert "appears 2 times" in restored.warnings[0]


def test_term_spans_restore_to_their_replacement_and_win_over_patterns():
    text = "中国制造2025计划启动。"
    term = Span(start=0, end=8, text="中国制造2025", kind="term", replacement="Made in China 2025")
    p = protect(text, [term])
    assert p.text == "[X0X]计划启动。"
    assert restore(p, "The [X0X] plan started.").text == "The Made in China 2025 plan started."


@given(placeholder_text())
def test_restore_tolerates_a_space_inserted_inside_every_token(text):
    p = protect(text)
    damaged = p.text.replace("[X", "[ X").replace("X]", "X ]")
    assert restore(p, damaged).text == text

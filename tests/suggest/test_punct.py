"""Width normalisation of MT output for the target language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.suggest.punct import normalize_punctuation, to_full_width, to_half_width

from ..strategies import mixed_text


@pytest.mark.parametrize(
    ("model_output", "expected"),
    [
        ("研究所发布了报告,介绍了新技术.", "研究所发布了报告，介绍了新技术。"),
        ('她说: "我们很高兴!"', "她说：“我们很高兴！”"),
        ("项目 (第一期) 已完成?", "项目（第一期）已完成？"),
        ("增长3.5%,达到1,200人;", "增长3.5%，达到1,200人；"),
        ("使用API,然后测试.", "使用API，然后测试。"),
    ],
)
def test_half_width_punctuation_in_chinese_output_becomes_full_width(model_output, expected):
    assert normalize_punctuation(model_output, "zh-Hans") == expected


@pytest.mark.parametrize(
    "untouched",
    [
        "Hello, world. Version 2.1.3 (beta)!",
        "详见 http://www.example.ac.cn/a?b=1,2 和 press@example.ac.cn",
        "Made in China 2025: a plan",
    ],
)
def test_latin_runs_numbers_and_urls_keep_half_width(untouched):
    assert to_full_width(untouched) == untouched


@pytest.mark.parametrize(
    ("model_output", "expected"),
    [
        ("The institute，founded in 1962，grew。", "The institute, founded in 1962, grew."),
        ("“Good news！”she said（again）", '"Good news!" she said (again)'),
        ("Items：A、B；C", "Items: A, B; C"),
    ],
)
def test_full_width_punctuation_in_english_output_becomes_half_width(model_output, expected):
    assert normalize_punctuation(model_output, "en") == expected


@given(st.one_of(mixed_text(), st.text(alphabet="我们测试ab 1.2,.:;?!\"()，。“”（）/:@", max_size=40)))
def test_width_normalisation_is_idempotent(text):
    zh = to_full_width(text)
    en = to_half_width(text)
    assert to_full_width(zh) == zh
    assert to_half_width(en) == en

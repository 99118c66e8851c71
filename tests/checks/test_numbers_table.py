"""The numbers check on a table of release-style sentences, both directions."""

from __future__ import annotations

import pytest

from l10n.checks import CheckContext, get_checks
from l10n.checks.numbers import compare_numbers, extract_numbers
from l10n.model import Entry

ZH, EN = "zh-Hans", "en"

# (source, target, source language, target language, fires)
TABLE = [
    # magnitudes: billion / million vs 亿 / 万
    ("The institute raised 1.2 billion yuan.", "研究所筹集了12亿元。", EN, ZH, False),
    ("The institute raised 1.2 billion yuan.", "研究所筹集了1.2亿元。", EN, ZH, True),
    ("研究所筹集了12亿元。", "The institute raised 1.2 billion yuan.", ZH, EN, False),
    ("研究所筹集了12亿元。", "The institute raised 12 billion yuan.", ZH, EN, True),
    ("About 700 million people use it.", "约有7亿人使用。", EN, ZH, False),
    ("About 700 million people use it.", "约有700万人使用。", EN, ZH, True),
    ("约有7亿人使用。", "About 700 million people use it.", ZH, EN, False),
    ("The fund holds 50 million yuan.", "该基金规模为5000万元。", EN, ZH, False),
    ("该基金规模为5000万元。", "The fund holds 5 million yuan.", ZH, EN, True),
    ("Output reached 3.5 trillion yuan.", "产值达3.5万亿元。", EN, ZH, False),
    ("The park covers 12,000 square metres.", "园区占地1.2万平方米。", EN, ZH, False),
    ("园区占地1.2万平方米。", "The park covers 1,200 square metres.", ZH, EN, True),
    ("Sales rose to three million units.", "销量升至300万台。", EN, ZH, False),
    # grouping: 3,500 = 3500 = 3 500
    ("There are 3,500 researchers.", "共有3500名研究人员。", EN, ZH, False),
    ("共有3500名研究人员。", "There are 3 500 researchers.", ZH, EN, False),
    ("共有3500名研究人员。", "There are 3,050 researchers.", ZH, EN, True),
    ("共有３５００名研究人员。", "There are 3,500 researchers.", ZH, EN, False),
    # Chinese numerals
    ("The centre has 13 laboratories.", "该中心设有十三个实验室。", EN, ZH, False),
    ("该中心设有十三个实验室。", "The centre has 13 laboratories.", ZH, EN, False),
    ("该中心设有十三个实验室。", "The centre has 14 laboratories.", ZH, EN, True),
    ("该项目投资一千二百万元。", "The project invested 12 million yuan.", ZH, EN, False),
    ("两千名学生参加了活动。", "2,000 students took part.", ZH, EN, False),
    # years and dates
    ("Founded in 2015.", "成立于2015年。", EN, ZH, False),
    ("成立于2015年。", "Founded in 2016.", ZH, EN, True),
    ("It opened on Jan. 24, 2016.", "于2016年1月24日启用。", EN, ZH, False),
    ("于2016年1月24日启用。", "It opened on January 24, 2016.", ZH, EN, False),
    ("于2016年1月24日启用。", "It opened on January 25, 2016.", ZH, EN, True),
    ("会议于二〇一六年举行。", "The meeting took place in 2016.", ZH, EN, False),
    # percentages
    ("Exports grew 30%.", "出口增长百分之三十。", EN, ZH, False),
    ("出口增长百分之三十。", "Exports grew 30 percent.", ZH, EN, False),
    ("出口增长30%。", "Exports grew 13%.", ZH, EN, True),
    ("The rate fell 0.5 percentage points.", "利率下降0.5个百分点。", EN, ZH, False),
    # ordinals
    ("The 13th forum opened today.", "第十三届论坛今天开幕。", EN, ZH, False),
    ("第十三届论坛今天开幕。", "The 31st forum opened today.", ZH, EN, True),
    ("the 13th Five-Year Plan", "十三五规划", EN, ZH, False),
    # ranges
    ("The plan covers 2015-2020.", "该规划覆盖2015至2020年。", EN, ZH, False),
    ("该规划覆盖2015至2020年。", "The plan covers 2015-2025.", ZH, EN, True),
    # decades
    ("It began in the 1990s.", "始于20世纪90年代。", EN, ZH, False),
    # optional small words
    ("Three institutes signed the deal.", "三家研究所签署了协议。", EN, ZH, False),
    ("三家研究所签署了协议。", "The institutes signed the deal.", ZH, EN, False),
    ("Half of the staff attended.", "一半员工出席。", EN, ZH, False),
    ("一个新的实验室成立了。", "A new laboratory was set up.", ZH, EN, False),
    ("统一管理，进一步提高效率。", "Unified management further improves efficiency.", ZH, EN, False),
    # vague Chinese quantities are no figures
    ("数十亿人受益。", "Billions of people benefit.", ZH, EN, False),
    ("万一出现问题，请联系我们。", "If anything goes wrong, contact us.", ZH, EN, False),
    # figures in markup, URLs and format directives are not figures of the text
    ("See <1>page</1> at https://example.org/2016.", "见<1>网页</1> https://example.org/2016。", EN, ZH, False),
    ("%d files copied", "已复制 %d 个文件", EN, ZH, False),
    ("Model X-37B and GB18030 are supported.", "支持X-37B型号和GB18030。", EN, ZH, False),
    # a figure dropped or added
    ("The three partners met in 2019.", "合作伙伴于2019年会面。", EN, ZH, False),
    ("The 3 partners met in 2019.", "合作伙伴于2019年会面。", EN, ZH, True),
    ("The partners met in 2019.", "合作伙伴于2018年会面。", EN, ZH, True),
    ("合作伙伴会面。", "The partners met on 5 May.", ZH, EN, True),
    ("The 300 partners met.", "合作伙伴会面。", EN, ZH, True),
]


@pytest.mark.parametrize(("source", "target", "src", "tgt", "fires"), TABLE)
def test_numbers_table(source, target, src, tgt, fires):
    check = get_checks()["numbers"]
    entry = Entry(msgid=source, msgstr=target, line=1)
    ctx = CheckContext(path="x.po", source_lang=src, target_lang=tgt)
    findings = list(check.func(entry, ctx))
    assert bool(findings) == fires, [f.message for f in findings]


def test_numbers_table_is_large_and_covers_both_directions():
    assert len(TABLE) >= 40
    for direction in ((EN, ZH), (ZH, EN)):
        rows = [r for r in TABLE if (r[2], r[3]) == direction]
        assert any(r[4] for r in rows) and any(not r[4] for r in rows)


def test_wrong_magnitude_is_named_in_the_message():
    check = get_checks()["numbers"]
    entry = Entry(msgid="The institute raised 1.2 billion yuan.", msgstr="研究所筹集了1.2亿元。", line=3)
    (finding,) = check.func(entry, CheckContext(path="x.po", source_lang=EN, target_lang=ZH))
    assert finding.message.startswith("wrong magnitude")
    assert "1,200,000,000" in finding.message and "120,000,000" in finding.message


def test_extract_numbers_reads_magnitudes_and_percentages():
    values = [str(t.value) for t in extract_numbers("营收12亿元，增长百分之三十，达3,500人", ZH)]
    assert values == ["1200000000", "30", "3500"]


def test_compare_numbers_is_symmetric_for_equal_figures():
    assert compare_numbers("12亿", "1.2 billion", ZH, EN) == ([], [])
    assert compare_numbers("1.2 billion", "12亿", EN, ZH) == ([], [])

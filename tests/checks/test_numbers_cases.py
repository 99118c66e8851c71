"""The numbers check on approximate Chinese figures, percentages, dates and telephone
numbers: correct translations pass, and the message names the figure that is wrong."""

from __future__ import annotations

import pytest

from tests.checks._util import messages

ZH, EN = "zh-Hans", "en"

# (source, target, source language, target language): correct translations.
CORRECT = [
    # 余 / 多 between the figure and its scale: "more than" N x scale
    ("项目获得1000余万元资助。", "The project received more than 10 million yuan.", ZH, EN),
    ("展览吸引观众200多万人次。", "The show drew more than 2 million visits.", ZH, EN),
    ("The park cost over 2 billion yuan.", "园区投资20多亿元。", EN, ZH),
    ("Over 300,000 people came.", "三十余万人到场。", EN, ZH),
    ("There are more than 3,000 firms.", "共有3000多家企业。", EN, ZH),
    # 千万 as a figure, and as the idiom
    ("平台建设投资千万元。", "The platform cost 10 million yuan.", ZH, EN),
    ("The plant will cost nearly 10 million yuan.", "工厂投资近千万元。", EN, ZH),
    ("千万不要在2019年前申报。", "Do not apply before 2019.", ZH, EN),
    ("数千万元资金投入了2个项目。", "Tens of millions of yuan went into 2 projects.", ZH, EN),
    # ranges of percentages
    ("Energy use fell by 20%-30%.", "能耗下降了20%～30%。", EN, ZH),
    ("能耗下降了20%-30%。", "Energy use fell by 20-30%.", ZH, EN),
    ("Costs fell by 8%-12%.", "成本下降了8%-12%。", EN, ZH),
    ("Yields rose by between 20 and 30 percent.", "产量提高了20%至30%。", EN, ZH),
    ("产量提高了百分之二到三。", "Yields rose by 2 to 3 percent.", ZH, EN),
    ("The rate rose from 15% in 2015 to 20% in 2017.", "比率从2015年的15%升至2017年的20%。", EN, ZH),
    # percentages written every way; percentage points either way
    ("Exports rose 12 per cent.", "出口增长了百分之十二。", EN, ZH),
    ("出口增长了12%。", "Exports saw a 12-percent rise.", ZH, EN),
    ("比率上升1.5个百分点。", "The rate rose by 1.5 points.", ZH, EN),
    # 成 is tenths
    ("该技术使能耗降低了三成。", "The technology cut energy use by 30%.", ZH, EN),
    ("Nearly 30 percent of the grants went to young researchers.", "近三成资助给予了青年科研人员。", EN, ZH),
    ("近三成毕业生留所工作。", "Nearly a third of graduates stayed on.", ZH, EN),
    ("该联盟有十三成员国。", "The alliance has 13 member states.", ZH, EN),
    # dates
    ("It opened on May 6, 2018.", "于2018年5月6日开放。", EN, ZH),
    ("论坛于2018年6月3日至5日举行。", "The forum was held on 3-5 June 2018.", ZH, EN),
    ("论坛于2018年6月3日至5日举行。", "The forum was held from June 3 to June 5, 2018.", ZH, EN),
    # telephone numbers, with and without the country code
    ("联系电话：0592-6190000。", "Tel: +86 592 619 0000.", ZH, EN),
    # format directives are still no figures
    ("%d files copied, 30% done", "已复制 %d 个文件，完成30%", EN, ZH),
]


@pytest.mark.parametrize(("source", "target", "src", "tgt"), CORRECT)
def test_correct_translation_passes(source, target, src, tgt):
    assert messages("numbers", source, target, src, tgt) == []


def test_approximate_figure_translated_without_its_scale_is_a_wrong_magnitude():
    assert messages("numbers", "该项目获得1000余万元资助。", "The project received more than 1,000 yuan.") == [
        "wrong magnitude: the source has '1000余万' (10,000,000), the translation '1,000'"
    ]


def test_ten_million_yuan_translated_as_one_million_names_the_extra_figure():
    assert messages("numbers", "平台投资千万元。", "The platform cost 1 million yuan.") == [
        "numbers differ; not in the source: '1 million' (1,000,000)"
    ]


def test_dropped_end_of_a_percentage_range_is_named_with_its_percent_sign():
    assert messages("numbers", "Energy use fell by 20%-30%.", "能耗下降了20%。", EN, ZH) == [
        "numbers differ; missing from the translation: '30%'"
    ]


def test_dropped_percent_sign_is_reported_as_such():
    assert messages("numbers", "Exports rose by 12% last year.", "去年出口增长了12。", EN, ZH) == [
        "not a percentage in the translation: the source has '12%', the translation '12'"
    ]
    assert messages("numbers", "专利授权量增长了百分之二十五。", "Patent grants increased by 25.") == [
        "not a percentage in the translation: the source has '百分之二十五' (25%), the translation '25'"
    ]


def test_added_percent_sign_is_reported_as_such():
    assert messages("numbers", "研究所有25个实验室。", "The institute has 25% of the labs.") == [
        "a percentage only in the translation: the source has '25', the translation '25%'"
    ]


def test_tenths_that_disagree_with_the_percentage_fire():
    assert messages("numbers", "近三成毕业生选择留所工作。", "Nearly 40% of graduates stayed.") == [
        "numbers differ; not in the source: '40%'"
    ]
    assert messages("numbers", "一成不变的方针延续了10年。", "The policy has not changed in 10 years.") == []


def test_swapped_day_and_month_are_reported_with_both_dates_in_words():
    assert messages("numbers", "The agreement was signed on May 6, 2018.", "协议于2018年6月5日签署。", EN, ZH) == [
        "dates differ: the source has 'May 6, 2018' (6 May 2018), the translation '2018年6月5日' (5 June 2018)"
    ]
    assert messages("numbers", "签约仪式于2019年4月9日举行。", "The ceremony was held on September 4, 2019.") == [
        "dates differ: the source has '2019年4月9日' (9 April 2019), "
        "the translation 'September 4, 2019' (4 September 2019)"
    ]


def test_wrong_telephone_number_is_named_as_written():
    assert messages("numbers", "Call +86 592 1234 5678.", "请致电0592-12345687。", EN, ZH) == [
        "numbers differ; missing from the translation: '+86 592 1234 5678'; not in the source: '0592-12345687'"
    ]


def test_check_command_passes_approximate_figures_and_reports_a_swapped_date(run_l10n, tmp_path):
    po = tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES" / "news.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: zh_Hans\\n"\n"X-Source-Language: en\\n"\n\n'
        'msgid "The park cost over 2 billion yuan."\nmsgstr "园区投资20多亿元。"\n\n'
        'msgid "Energy use fell by 20%-30%."\nmsgstr "能耗下降了20%～30%。"\n\n'
        'msgid "It opened on May 6, 2018."\nmsgstr "于2018年6月5日开放。"\n',
        encoding="utf-8",
    )
    code, out, _ = run_l10n("--project", str(tmp_path), "check", cwd=tmp_path)
    assert code == 1
    assert out.splitlines() == [
        "locales/zh_Hans/LC_MESSAGES/news.po:13: error: numbers: dates differ: the source has "
        "'May 6, 2018' (6 May 2018), the translation '2018年6月5日' (5 June 2018)"
    ]

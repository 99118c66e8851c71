"""Stage 1 for plain text and Markdown releases."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.documents import read_document
from l10n.errors import DocumentError

TEXT = """研究所举办开放日活动

　　五月一日，研究所向公众开放实验室，
吸引了三百多名访客。

参观者体验了光学实验。
"""

MARKDOWN = """---
title: "Institute opens its laboratories"
date: 2024-05-01
---

# Open day at the institute

The institute opened its *optical* laboratories to the public on **1 May**,
and more than [300 visitors](https://example.org/visit "Visitors") came.

- Guided tours of the `laser` hall
- Talks by researchers

> Science outreach is part of our work.

```python
print("code stays as it is")
```

<div class="note">An HTML block is left alone.</div>

Setext heading
--------------
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_plain_text_paragraphs_headings_and_joined_lines(tmp_path):
    doc = read_document(write(tmp_path, "r.txt", TEXT), lang="zh-Hans")
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("heading", "研究所举办开放日活动", 1),
        ("paragraph", "五月一日，研究所向公众开放实验室，吸引了三百多名访客。", 3),
        ("paragraph", "参观者体验了光学实验。", 6),
    ]
    assert doc.format == "text" and not doc.blocks[0].splittable


def test_plain_text_english_lines_join_with_a_space(tmp_path):
    doc = read_document(write(tmp_path, "r.txt", "Title line\n\nFirst line of text\ncontinues here.\n"), lang="en")
    assert doc.blocks[1].text == "First line of text continues here."


def test_plain_text_in_gb18030_without_declaration_decodes_by_language(tmp_path):
    doc = read_document(write(tmp_path, "r.txt", TEXT.encode("gb18030")), lang="zh-Hans")
    assert doc.encoding == "gb18030" and doc.blocks[0].text == "研究所举办开放日活动"


def test_markdown_blocks_and_inline_placeholders(tmp_path):
    doc = read_document(write(tmp_path, "r.md", MARKDOWN), lang="en")
    got = [(b.kind, b.text) for b in doc.blocks]
    assert got == [
        ("title", "Institute opens its laboratories"),
        ("heading", "Open day at the institute"),
        ("paragraph", "The institute opened its <1>optical</1> laboratories to the public on <2>1 May</2>, "
                      "and more than <3>300 visitors</3> came."),
        ("title-attr", "Visitors"),  # the link's title
        ("list-item", "Guided tours of the <1/> hall"),
        ("list-item", "Talks by researchers"),
        ("quote", "Science outreach is part of our work."),
        ("heading", "Setext heading"),
    ]
    assert all("code stays" not in b.text and "HTML block" not in b.text for b in doc.blocks)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_empty_and_binary_text_files_raise_document_errors(tmp_path, suffix):
    with pytest.raises(DocumentError):
        read_document(write(tmp_path, "e" + suffix, b""), lang="en")
    with pytest.raises(DocumentError) as info:
        read_document(write(tmp_path, "b" + suffix, b"abc\n\x00\x01\x02"), lang="en", display_path="b.txt")
    assert info.value.line == 2 and "binary" in info.value.message


def test_corpus_markdown_releases_read_without_front_matter_or_shortcodes(corpus_dir):
    releases = corpus_dir / "releases"
    en = read_document(releases / "numpy_blackhole-image.en.md", lang="en")
    assert en.blocks[0].kind == "title" and en.blocks[0].text == "Case Study: First Image of a Black Hole"
    assert not any(b.text.startswith("{{") or "sidebar:" in b.text for b in en.blocks)
    zh = read_document(releases / "k8s_steering-committee-results-2021.zh-cn.md", lang="zh-Hans")
    assert zh.blocks and not zh.warnings


# --------------------------------------------------------------------------- lists

LIST_EN = """\
Institute signs a research agreement

The agreement covers three areas:
1. Joint research on LiDAR sensors
2. A pilot line for optical modules,
   built at the Xiamen campus
3. Training for 50 engineers

Key facts
- Total investment: 20 million yuan
- Duration: five years
"""

LIST_ZH = """\
研究所签署合作协议

　　合作内容包括：
　　一、联合研发激光雷达传感器；
　　二、建设光模块中试线；
　　（三）培训工程师50名。
"""


def test_plain_text_list_items_are_blocks_of_their_own_without_their_markers(tmp_path):
    doc = read_document(write(tmp_path, "r.txt", LIST_EN), lang="en")
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("heading", "Institute signs a research agreement", 1),
        ("paragraph", "The agreement covers three areas:", 3),
        ("list-item", "Joint research on LiDAR sensors", 4),
        ("list-item", "A pilot line for optical modules, built at the Xiamen campus", 5),
        ("list-item", "Training for 50 engineers", 7),
        ("heading", "Key facts", 9),
        ("list-item", "Total investment: 20 million yuan", 10),
        ("list-item", "Duration: five years", 11),
    ]


def test_plain_text_chinese_list_items_are_blocks_of_their_own(tmp_path):
    doc = read_document(write(tmp_path, "r.txt", LIST_ZH), lang="zh-Hans")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "研究所签署合作协议"),
        ("paragraph", "合作内容包括："),
        ("list-item", "联合研发激光雷达传感器；"),
        ("list-item", "建设光模块中试线；"),
        ("list-item", "培训工程师50名。"),
    ]


@pytest.mark.parametrize("line", [
    "- item", "* item", "• item", "· item", "•item", "1. item", "12) item", "(1) item", "（1）项目",
    "1．项目", "1、项目", "一、项目", "十二、项目", "（一）项目", "a) item", "a. item", "iv. item", "①项目",
])
def test_lines_starting_with_a_list_marker_start_a_list_item(tmp_path, line):
    doc = read_document(write(tmp_path, "r.txt", f"Intro text:\n{line}\n"), lang="en")
    assert [b.kind for b in doc.blocks] == ["paragraph", "list-item"]
    assert doc.blocks[1].text in {"item", "项目"}


@pytest.mark.parametrize("text", [
    "The open day drew visitors\nfrom across the city.\n",
    "The institute was founded in 2006.\n2016 was a good year for\nits laser group.\n",
    "Attendance rose to\n3.5 million visitors, up\n-5 percent from the forecast.\n",
    "五月一日，研究所向公众开放实验室，\n2018年以来已接待访客三万人次。\n",
    "Read the report\n(available online) for details.\n",
])
def test_a_wrapped_paragraph_without_list_markers_stays_one_block(tmp_path, text):
    doc = read_document(write(tmp_path, "r.txt", text), lang="en")
    assert [b.kind for b in doc.blocks] == ["paragraph"]


def _translate_all(project: Path, catalog: str, translate) -> None:
    from l10n.catalog import read_catalog, write_catalog

    po_path = project / "locales" / catalog
    po = read_catalog(po_path)
    for entry in po:
        if entry.msgid:
            entry.msgstr = translate(entry.msgid)
    write_catalog(po, po_path)


EN_TO_ZH = {
    "Institute signs a research agreement": "研究所签署研究协议",
    "The agreement covers three areas:": "协议涵盖三个方面：",
    "Joint research on LiDAR sensors": "联合研究激光雷达传感器",
    "A pilot line for optical modules, built at the Xiamen campus": "在厦门园区建设的光模块中试线",
    "Training for 50 engineers": "培训50名工程师",
    "Key facts": "要点",
    "Total investment: 20 million yuan": "总投资：2000万元",
    "Duration: five years": "期限：五年",
}
ZH_TO_EN = {
    "研究所签署合作协议": "Institute signs a cooperation agreement",
    "合作内容包括：": "The cooperation includes:",
    "联合研发激光雷达传感器；": "joint development of LiDAR sensors;",
    "建设光模块中试线；": "a pilot line for optical modules;",
    "培训工程师50名。": "training for 50 engineers.",
}


def test_extract_and_build_keep_plain_text_lists_one_item_a_line_in_both_languages(tmp_path):
    from click.testing import CliRunner

    from l10n.catalog import read_catalog
    from l10n.cli import cli

    (tmp_path / "source_docs" / "en").mkdir(parents=True)
    (tmp_path / "source_docs" / "zh-Hans").mkdir(parents=True)
    (tmp_path / "source_docs" / "en" / "agreement.txt").write_text(LIST_EN, encoding="utf-8")
    (tmp_path / "source_docs" / "zh-Hans" / "xieyi.txt").write_text(LIST_ZH, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["--project", str(tmp_path), "extract"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    zh_po = "zh_Hans/LC_MESSAGES/agreement.po"
    en_po = "en/LC_MESSAGES/xieyi.po"
    assert {e.msgid for e in read_catalog(tmp_path / "locales" / zh_po) if e.msgid} == set(EN_TO_ZH)
    assert {e.msgid for e in read_catalog(tmp_path / "locales" / en_po) if e.msgid} == set(ZH_TO_EN)
    _translate_all(tmp_path, zh_po, EN_TO_ZH.__getitem__)
    _translate_all(tmp_path, en_po, ZH_TO_EN.__getitem__)
    result = runner.invoke(cli, ["--project", str(tmp_path), "build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "zh_Hans" / "agreement.txt").read_text(encoding="utf-8") == (
        "研究所签署研究协议\n\n"
        "协议涵盖三个方面：\n"
        "1. 联合研究激光雷达传感器\n"
        "2. 在厦门园区建设的光模块中试线\n"
        "3. 培训50名工程师\n\n"
        "要点\n"
        "- 总投资：2000万元\n"
        "- 期限：五年\n"
    )
    assert (tmp_path / "build" / "en" / "xieyi.txt").read_text(encoding="utf-8") == (
        "Institute signs a cooperation agreement\n\n"
        "The cooperation includes:\n"
        "1. joint development of LiDAR sensors;\n"
        "2. a pilot line for optical modules;\n"
        "(3) training for 50 engineers.\n"
    )


def test_a_heading_list_item_keeps_the_body_line_under_it_apart(tmp_path):
    from l10n.rebuild import rebuild_document

    zh = read_document(write(tmp_path, "z.txt", "一、申报时间\n申报截止时间为2023年3月15日。\n二、申报材料\n申请人需提交申请书。\n"),
                       lang="zh-Hans")
    assert [(b.kind, b.text) for b in zh.blocks] == [
        ("list-item", "申报时间"), ("paragraph", "申报截止时间为2023年3月15日。"),
        ("list-item", "申报材料"), ("paragraph", "申请人需提交申请书。"),
    ]
    en = read_document(write(tmp_path, "t.txt", "1. Eligibility\nApplicants must hold a doctorate.\n"
                                                 "2. Joint research on sensors and\noptical modules.\n"), lang="en")
    assert [b.text for b in en.blocks] == [
        "Eligibility", "Applicants must hold a doctorate.", "Joint research on sensors and optical modules.",
    ]
    table = {"申报时间": "Application period", "申报截止时间为2023年3月15日。": "Applications close on 15 March 2023."}
    out = rebuild_document(zh, lambda seg: table.get(seg.source), "en").decode("utf-8")
    assert out.startswith("1. Application period\nApplications close on 15 March 2023.\n二、申报材料\n")

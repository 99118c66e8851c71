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

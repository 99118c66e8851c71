"""Markdown releases: what is extracted, and rebuilt files that stay valid Markdown and front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from l10n.catalog import read_catalog, write_catalog
from l10n.cli import cli
from l10n.config import load_config
from l10n.documents import read_document
from l10n.rebuild import rebuild_document
from l10n.segment import segment_document

try:
    import yaml
except ImportError:  # PyYAML is optional: the exact output is checked anyway
    yaml = None

_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def read(tmp_path: Path, text: str, lang: str = "en"):
    path = tmp_path / "release.md"
    path.write_text(text, encoding="utf-8")
    return read_document(path, lang=lang)


def sources(doc) -> list[str]:
    return [seg.source for seg in segment_document(doc)]


def build(doc, table: dict[str, str], lang: str = "zh-Hans") -> str:
    return rebuild_document(doc, lambda seg: table.get(seg.source), lang).decode("utf-8")


def front(text: str) -> str:
    return text.split("---\n")[1]


def inline_types(text: str) -> list[list[str]]:
    """The inline token types of every paragraph/heading (what a reader sees as markup)."""
    return [[c.type for c in t.children if c.type not in {"text", "softbreak"}]
            for t in _MD.parse(text) if t.type == "inline"]


# --------------------------------------------------------------------------- front matter


def test_a_yaml_title_whose_translation_has_a_colon_is_quoted(tmp_path):
    doc = read(tmp_path, "---\ntitle: 城域量子网络取得新进展\ndate: 2024-07-08\n---\n\n正文。\n", lang="zh-Hans")
    out = build(doc, {"城域量子网络取得新进展": "Quantum network: new progress #2"}, lang="en")
    assert front(out) == 'title: "Quantum network: new progress #2"\ndate: 2024-07-08\n'
    if yaml is not None:
        assert yaml.safe_load(front(out))["title"] == "Quantum network: new progress #2"


def test_a_plain_yaml_title_stays_plain_when_the_translation_is_safe(tmp_path):
    doc = read(tmp_path, "---\ntitle: 开放日 # 注释\n---\n\n正文。\n", lang="zh-Hans")
    out = build(doc, {"开放日": "Open day"}, lang="en")
    assert front(out) == "title: Open day # 注释\n"


def test_a_single_quoted_yaml_title_is_read_and_written_with_doubled_quotes(tmp_path):
    doc = read(tmp_path, "---\ntitle: 'Dr. Zhou''s group wins'\n---\n\nText.\n")
    assert sources(doc)[0] == "Dr. Zhou's group wins"
    out = build(doc, {"Dr. Zhou's group wins": "周博士的'团队'获奖"})
    assert front(out) == "title: '周博士的''团队''获奖'\n"
    if yaml is not None:
        assert yaml.safe_load(front(out))["title"] == "周博士的'团队'获奖"


def test_a_double_quoted_yaml_title_escapes_quotes_and_backslashes(tmp_path):
    doc = read(tmp_path, '---\ntitle: "The \\"open\\" day"\n---\n\nText.\n')
    assert sources(doc)[0] == 'The "open" day'
    out = build(doc, {'The "open" day': '“开放”日 "A\\B"'})
    assert front(out) == 'title: "“开放”日 \\"A\\\\B\\""\n'
    if yaml is not None:
        assert yaml.safe_load(front(out))["title"] == '“开放”日 "A\\B"'


def test_a_yaml_description_and_a_folded_summary_are_translated(tmp_path):
    src = ("---\ntitle: Award\ndescription: >\n  The group received\n  the award.\n"
           "summary: \"Short news.\"\ntags: [a]\n---\n\nText.\n")
    doc = read(tmp_path, src)
    assert {"The group received the award.", "Short news."} <= set(sources(doc))
    out = build(doc, {"The group received the award.": "团队获奖。", "Short news.": "简讯：获奖。"})
    assert front(out) == 'title: Award\ndescription: >\n  团队获奖。\nsummary: "简讯：获奖。"\ntags: [a]\n'
    if yaml is not None:
        assert yaml.safe_load(front(out))["description"] == "团队获奖。\n"


def test_a_toml_literal_title_with_an_apostrophe_becomes_a_basic_string(tmp_path):
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    src = "+++\ntitle = '机器人团队获奖'\ndescription = \"我所团队获奖。\"\n[params]\ntitle = '不翻译'\n+++\n\n正文。\n"
    doc = read(tmp_path, src, lang="zh-Hans")
    assert "不翻译" not in sources(doc)
    out = build(doc, {"机器人团队获奖": "Institute's team \"wins\"", "我所团队获奖。": "The team won."}, lang="en")
    data = tomllib.loads(out.split("+++\n")[1])
    assert data["title"] == "Institute's team \"wins\"" and data["description"] == "The team won."
    assert data["params"]["title"] == "不翻译"


# --------------------------------------------------------------------------- emphasis


@pytest.mark.parametrize(("src", "table", "expected"), [
    ("The _Frontiers_ series returns.\n", {"The <1>Frontiers</1> series returns.": "<1>前沿</1>系列回归。"},
     "*前沿*系列回归。\n"),
    ("A specialist in __soil science__.\n", {"A specialist in <1>soil science</1>.": "<1>土壤科学</1>专家。"},
     "**土壤科学**专家。\n"),
    ("Published in *Nature Photonics*.\n", {"Published in <1>Nature Photonics</1>.": "发表于<1>《自然·光子学》</1>。"},
     "发表于<em>《自然·光子学》</em>。\n"),
    ("In *Science*.\n", {"In <1>Science</1>.": "在<1>J. Am. Chem. Soc.</1>等期刊。"},
     "在<em>J. Am. Chem. Soc.</em>等期刊。\n"),
    ("Keep *this* as is.\n", {"Keep <1>this</1> as is.": "Keep <1>that</1> too."}, "Keep *that* too.\n"),
])
def test_emphasis_next_to_chinese_text_is_written_so_that_it_still_renders(tmp_path, src, table, expected):
    out = build(read(tmp_path, src), table)
    assert out == expected
    html = _MD.render(out)
    assert "*" not in html and "_" not in html and ("<em>" in html or "<strong>" in html)


# --------------------------------------------------------------------------- links


def test_links_keep_their_destination_and_title_as_written(tmp_path):
    src = ("See the [letter](\nhttps://example.org/letter 'The \"open\" letter'), the [page](https://example.cn/活动/2024)"
           " and the [review](https://example.cn/review\\)2023).\n")
    doc = read(tmp_path, src)
    seg = sources(doc)[0]
    assert seg == "See the <1>letter</1>, the <2>page</2> and the <3>review</3>."
    out = build(doc, {seg: "见<1>信函</1>、<2>页面</2>和<3>回顾</3>。"})
    assert out == ("见[信函]( https://example.org/letter 'The \"open\" letter')、[页面](https://example.cn/活动/2024)"
                   "和[回顾](https://example.cn/review\\)2023)。\n")
    links = [t.attrs for t in _MD.parse(out)[1].children if t.type == "link_open"]
    assert links[0] == {"href": "https://example.org/letter", "title": 'The "open" letter'}
    assert links[2]["href"] == "https://example.cn/review)2023"


def test_reference_links_stay_reference_links(tmp_path):
    src = "Read the [white paper][wp] and the [notes].\n\n[wp]: https://example.org/wp.pdf\n[notes]: /notes\n"
    doc = read(tmp_path, src)
    out = build(doc, {"Read the <1>white paper</1> and the <2>notes</2>.": "阅读<1>白皮书</1>和<2>说明</2>。"})
    assert out.splitlines()[0] == "阅读[白皮书][wp]和[说明][notes]。"
    assert [t.attrs["href"] for t in _MD.parse(out)[1].children if t.type == "link_open"] == [
        "https://example.org/wp.pdf", "/notes"]


def test_a_translated_link_title_is_quoted_safely(tmp_path):
    src = 'See [it](/x "Supplement").\n'
    doc = read(tmp_path, src)
    assert "Supplement" in sources(doc)
    out = build(doc, {"See <1>it</1>.": "见<1>此</1>。", "Supplement": 'The "extra" file'})
    assert out == "见[此](/x 'The \"extra\" file')。\n"


# --------------------------------------------------------------------------- blocks


def test_a_setext_heading_on_two_lines_is_replaced_whole(tmp_path):
    doc = read(tmp_path, "研究所举办科学日\n参观人数创新高\n=====\n\n正文。\n", lang="zh-Hans")
    out = build(doc, {"研究所举办科学日参观人数创新高": "Science Day draws record crowds"}, lang="en")
    assert out == "Science Day draws record crowds\n=====\n\n正文。\n"


def test_table_cells_are_translated_in_place(tmp_path):
    src = "| Year | Note |\n|------|------|\n| 2014 | First survey |\n| 2019 | Storm `a|b` damage |\n"
    src = src.replace("`a|b`", "`a\\|b`")
    doc = read(tmp_path, src)
    assert {"Year", "Note", "First survey", "Storm <1/> damage"} <= set(sources(doc))
    out = build(doc, {"Year": "年份", "Note": "备注", "First survey": "首次调查|基线", "Storm <1/> damage": "风暴<1/>损害"})
    assert out == ("| 年份 | 备注 |\n|------|------|\n| 2014 | 首次调查\\|基线 |\n| 2019 | 风暴`a\\|b`损害 |\n")
    assert [t.type for t in _MD.parse(out)].count("td_open") == 4


def test_image_alt_text_is_translated_and_the_image_kept(tmp_path):
    src = '![Audience in the hall](/img/hall.jpg "Main hall")\n\nSee the ![icon](/i/cam.png) gallery.\n'
    doc = read(tmp_path, src)
    assert {"Audience in the hall", "Main hall", "See the <1/> gallery.", "icon"} <= set(sources(doc))
    out = build(doc, {"Audience in the hall": "大厅里的观众", "icon": "图标"})
    assert out == '![大厅里的观众](/img/hall.jpg "Main hall")\n\nSee the ![图标](/i/cam.png) gallery.\n'


def test_footnotes_stay_footnotes_and_their_text_is_translated(tmp_path):
    src = "It is read by a photodiode.[^1] Done.\n\n[^1]: A femtotesla is tiny.\n"
    doc = read(tmp_path, src)
    assert sources(doc) == ["It is read by a photodiode.", "Done.", "A femtotesla is tiny."]
    out = build(doc, {"It is read by a photodiode.": "由光电二极管读出。", "Done.": "完毕。",
                      "A femtotesla is tiny.": "飞特斯拉很小。"})
    assert out == "由光电二极管读出。[^1]完毕。\n\n[^1]: 飞特斯拉很小。\n"


def test_hugo_shortcodes_in_text_are_not_escaped(tmp_path):
    doc = read(tmp_path, 'Book via {{< ref "booking.md" >}} today.\n')
    assert sources(doc) == ["Book via <1/> today."]
    assert build(doc, {"Book via <1/> today.": "今天通过<1/>预约。"}) == '今天通过{{< ref "booking.md" >}}预约。\n'


# --------------------------------------------------------------------------- build --strict


def test_strict_build_fails_when_a_translation_was_not_used(tmp_path):
    root = tmp_path / "proj"
    (root / "source_docs" / "en").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "zh-Hans"]\n', encoding="utf-8")
    (root / "source_docs" / "en" / "day.md").write_text("# Open day\n\nSeating is limited.\n", encoding="utf-8")
    from l10n.extract import extract_project

    extract_project(load_config(root))
    po_path = root / "locales" / "zh_Hans" / "LC_MESSAGES" / "day.po"
    po = read_catalog(po_path)
    for entry in po:
        entry.msgstr = {"Open day": "开放日", "Seating is limited.": "座位<5>有限</5>。"}[entry.msgid]
    write_catalog(po, po_path)
    runner = CliRunner()
    plain = runner.invoke(cli, ["--project", str(root), "build"], catch_exceptions=False)
    assert plain.exit_code == 0
    assert "1 segment(s) left in the source language (1 with a translation that could not be used)" in plain.output
    strict = runner.invoke(cli, ["--project", str(root), "build", "--strict", "-o", str(root / "strict")],
                           catch_exceptions=False)
    assert strict.exit_code == 1
    assert "[zh-Hans, not used] Seating is limited." in strict.output
    assert not (root / "strict").exists()


def test_empty_placeholders_in_markdown_carry_notes_for_the_translator(tmp_path):
    from l10n.documents import read_document

    path = tmp_path / "m.md"
    path.write_text("See `config.yaml` for details.  \nNext line ![a photo](p.jpg) here <https://cas.cn>.\n",
                    encoding="utf-8")
    doc = read_document(path, lang="en")
    block = doc.blocks[0]
    assert block.text == "See <1/> for details.<2/>Next line <3/> here <4/>."
    assert doc.notes[block.id] == {
        "<1/>": '"config.yaml", code, kept as written', "<2/>": "line break",
        "<3/>": 'image "a photo"', "<4/>": 'link "https://cas.cn"',
    }

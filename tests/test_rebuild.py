"""Stage 6: rebuilding translated releases, and the ``l10n build`` command."""

from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.build import build_project, output_path
from l10n.catalog import read_catalog, write_catalog
from l10n.cli import cli
from l10n.config import load_config
from l10n.documents import read_document
from l10n.errors import L10nError
from l10n.rebuild import rebuild_document
from l10n.segment import segment_document

from .conftest import gnu

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Open day at the institute</title>
<meta name="description" content="The institute opened its laboratories.">
<script>var page = "en";</script></head>
<body>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Open day</div>
<div id="content">
<h1>Open day at the institute</h1>
<p>The institute opened its <a href="/labs" class="int" title="Our labs">laboratories</a> to the public. More than 300 visitors came.</p>
<p><img src="tour.jpg" alt="Visitors in the laser hall"> Researchers explained <strong>laser</strong> experiments.</p>
<ul><li>Guided tours of the optics hall</li><li>Talks by young researchers</li></ul>
</div>
<div class="footer">Copyright 2024 Example Institute</div>
</body></html>
"""

ZH = {
    "Open day at the institute": "研究所开放日",
    "The institute opened its laboratories.": "研究所开放了实验室。",
    "The institute opened its <1>laboratories</1> to the public.": "研究所向公众开放了<1>实验室</1>。",
    "More than 300 visitors came.": "三百多名访客到访。",
    "Our labs": "我们的实验室",
    "Visitors in the laser hall": "激光大厅里的访客",
    "Researchers explained <2>laser</2> experiments.": "科研人员讲解了<2>激光</2>实验。",
    "Guided tours of the optics hall": "光学大厅导览",
}


def read(tmp_path: Path, name: str, content: str, lang: str = "en", **kw):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return read_document(path, lang=lang, **kw)


def translator(table: dict[str, str]):
    return lambda seg: table.get(seg.source)


def parse(data: bytes):
    return lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))


def outside_article(root, article_path: str) -> list:
    """(tag, attributes, text, tail) of every element outside the article and the translated head parts."""
    article = root.getroottree().xpath(article_path)[0]
    skip = set(article.iter())
    out = []
    for el in root.iter():
        if el in skip or not isinstance(el.tag, str):
            continue
        if el.tag == "title" or (el.tag == "meta" and (el.get("charset") or el.get("http-equiv") or el.get("name"))):
            continue
        attrs = {k: v for k, v in el.attrib.items() if not (el.tag == "html" and k == "lang")}
        out.append((el.tag, sorted(attrs.items()), (el.text or "").strip(), (el.tail or "").strip()))
    return out


def test_html_rebuild_translates_article_title_meta_and_attributes(tmp_path):
    doc = read(tmp_path, "open-day.html", PAGE)
    warnings: list[str] = []
    out = rebuild_document(doc, translator(ZH), "zh-Hans", warnings=warnings)
    assert not warnings
    root = parse(out)
    assert root.get("lang") == "zh-Hans"
    assert out.count(b"charset") == 1 and b'<meta charset="utf-8">' in out
    assert root.find(".//title").text == "研究所开放日"
    assert root.xpath("//meta[@name='description']/@content") == ["研究所开放了实验室。"]
    p1, p2 = root.xpath("//div[@id='content']/p")
    assert p1.text_content() == "研究所向公众开放了实验室。三百多名访客到访。"
    link = p1.find("a")
    assert dict(link.attrib) == {"href": "/labs", "class": "int", "title": "我们的实验室"} and link.text == "实验室"
    img = p2.find("img")
    assert img.get("alt") == "激光大厅里的访客" and img.get("src") == "tour.jpg"
    assert p2.find("strong").text == "激光"
    items = [li.text_content() for li in root.iter("li")]
    assert items == ["光学大厅导览", "Talks by young researchers"]  # untranslated item stays
    source = parse(doc.skeleton.source)
    assert outside_article(root, doc.skeleton.roots[0]) == outside_article(source, doc.skeleton.roots[0])


def test_untranslated_blocks_stay_byte_identical_in_the_serialisation(tmp_path):
    doc = read(tmp_path, "open-day.html", PAGE)
    out = rebuild_document(doc, lambda seg: None, "zh-Hans")
    assert b"More than 300 visitors came." in out
    assert b'<a href="/labs" class="int" title="Our labs">laboratories</a>' in out


@pytest.mark.parametrize(
    "msgstr",
    [
        "研究所<script>alert(1)</script>向公众开放了<1>实验室</1>。",
        '研究所向公众开放了<1>实验室</1><img src=x onerror="alert(1)">。',
        "研究所向&lt;b&gt;公众开放了<1>实验室</1>。",
    ],
)
def test_markup_in_a_translation_is_escaped_text(tmp_path, msgstr):
    doc = read(tmp_path, "open-day.html", PAGE)
    table = {**ZH, "The institute opened its <1>laboratories</1> to the public.": msgstr}
    root = parse(rebuild_document(doc, translator(table), "zh-Hans"))
    assert [s.text for s in root.iter("script")] == ['var page = "en";']
    assert not root.xpath("//@onerror") and len(root.xpath("//img")) == 1
    p1 = root.xpath("//div[@id='content']/p")[0]
    assert [c.tag for c in p1] == ["a"]
    assert "<" in p1.text_content() or "&lt;" in p1.text_content()


@pytest.mark.parametrize(
    ("msgstr", "reason"),
    [
        ("研究所向公众开放了<1>实验室</1><9>链接</9>。", "not in the source"),
        ("研究所向公众开放了<1/>实验室。", "should be a pair"),
        ("研究所向公众开放了<1>实验室。", "never closed"),
        ("研究所<1>向公众</1>开放了<1>实验室</1>。", "used twice"),
    ],
)
def test_translation_with_foreign_placeholders_falls_back_to_source_with_warning(tmp_path, msgstr, reason):
    doc = read(tmp_path, "open-day.html", PAGE)
    table = {**ZH, "The institute opened its <1>laboratories</1> to the public.": msgstr}
    warnings: list[str] = []
    root = parse(rebuild_document(doc, translator(table), "zh-Hans", warnings=warnings))
    assert len(warnings) == 1 and reason in warnings[0]
    p1 = root.xpath("//div[@id='content']/p")[0]
    assert p1.text_content().startswith("The institute opened its laboratories to the public.")
    assert "三百多名访客到访。" in p1.text_content()


def test_attribute_translation_cannot_break_out_of_the_attribute(tmp_path):
    doc = read(tmp_path, "open-day.html", PAGE)
    table = {"Visitors in the laser hall": '访客" onload="alert(1)'}
    root = parse(rebuild_document(doc, translator(table), "zh-Hans"))
    img = root.find(".//img")
    assert img.get("alt") == '访客" onload="alert(1)' and img.get("onload") is None


def test_literal_angle_brackets_survive_a_rebuild(tmp_path):
    doc = read(tmp_path, "lt.html", "<html><body><p>Values below &lt;1 mm are ignored.</p></body></html>")
    assert doc.blocks[0].text == "Values below &lt;1 mm are ignored."
    out = rebuild_document(doc, translator({"Values below &lt;1 mm are ignored.": "小于&lt;1毫米的数值被忽略。"}), "zh-Hans")
    assert parse(out).find(".//p").text == "小于<1毫米的数值被忽略。"


def test_plain_text_rebuild_keeps_layout_and_joins_chinese_sentences(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Open day\n\nThe institute opened its labs.\nMany visitors came.\n\nEnd of release.\n", encoding="utf-8")
    doc = read_document(path, lang="en")
    table = {"Open day": "开放日", "The institute opened its labs.": "研究所开放了实验室。",
             "Many visitors came.": "许多访客到访。"}
    out = rebuild_document(doc, translator(table), "zh-Hans").decode("utf-8")
    assert out == "开放日\n\n研究所开放了实验室。许多访客到访。\n\nEnd of release.\n"


def test_markdown_rebuild_restores_inline_markup_and_leaves_code_alone(tmp_path):
    src = ("---\ntitle: \"Open day\"\n---\n\n# Open day\n\nThe institute opened its *optical* labs, "
           "see [the page](https://example.org \"Visit\").\n\n- Tours of the `laser` hall\n\n```\ncode()\n```\n")
    path = tmp_path / "r.md"
    path.write_text(src, encoding="utf-8")
    doc = read_document(path, lang="en")
    table = {
        "Open day": "开放日",
        "The institute opened its <1>optical</1> labs, see <2>the page</2>.": "研究所开放了<1>光学</1>实验室，见<2>网页</2>。",
        "Tours of the <1/> hall": "<1/>大厅*导览*",
    }
    out = rebuild_document(doc, translator(table), "zh-Hans").decode("utf-8")
    assert out == ("---\ntitle: \"开放日\"\n---\n\n# 开放日\n\n研究所开放了*光学*实验室，见[网页](https://example.org \"Visit\")。\n\n"
                   "- `laser`大厅\\*导览\\*\n\n```\ncode()\n```\n")


# --------------------------------------------------------------------------- identity property

_TAGS = ["p", "h2", "li", "blockquote", "td"]
_INLINE = ["a", "strong", "em", "span", "b"]  # (<code> is kept as written: see test_documents)
_WORDS = ["alpha", "beta", "研究", "所", "gamma.", "Delta!", "x < 2", "&", "“quoted”"]


@st.composite
def inline_html(draw, depth: int = 0) -> str:
    """A run of words and inline elements (a short list of tags, nested a little)."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.booleans()):
            tag = draw(st.sampled_from(_INLINE))
            attrs = ' href="/x?a=1&amp;b=2"' if tag == "a" else ' class="k"' if tag == "span" else ""
            parts.append(f"<{tag}{attrs}>{draw(inline_html(depth + 1))}</{tag}>")
        elif draw(st.integers(0, 5)) == 0:
            parts.append('<img src="i.png" alt="a picture">' if draw(st.booleans()) else "<br>")
        else:
            parts.append(draw(st.sampled_from(_WORDS)).replace("&", "&amp;").replace("<", "&lt;"))
    return " ".join(parts)


@st.composite
def html_pages(draw) -> str:
    """A page whose article holds a few blocks built from ``_TAGS``."""
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        tag = draw(st.sampled_from(_TAGS))
        body = draw(inline_html())
        if tag == "li":
            blocks.append(f"<ul><li>{body}</li></ul>")
        elif tag == "td":
            blocks.append(f"<table><tr><td>{body}</td></tr></table>")
        else:
            blocks.append(f"<{tag}>{body}</{tag}>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>T</title></head><body>"
            "<nav><a href=\"/\">Home</a></nav><main>" + "".join(blocks) + "</main></body></html>")


def _shape(root, translated=lambda v: v) -> list:
    main = root.find(".//main")
    return [
        (el.tag, sorted((k, translated(v) if k in {"alt", "title"} else v) for k, v in el.attrib.items()))
        for el in main.iter()
        if isinstance(el.tag, str)
    ]


def _text(root) -> str:
    return " ".join(root.find(".//main").text_content().split())


_PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_PROPERTY
@given(html_pages())
def test_building_with_msgstr_equal_to_msgid_gives_back_the_article(tmp_path, page):
    doc = read(tmp_path, "p.html", page, selectors={"*": "main"})
    out = rebuild_document(doc, lambda seg: seg.source, "en")
    src, built = parse(doc.skeleton.source), parse(out)
    assert _shape(built) == _shape(src) and _text(built) == _text(src)


@_PROPERTY
@given(html_pages())
def test_rewritten_blocks_keep_every_element_and_attribute(tmp_path, page):
    doc = read(tmp_path, "p.html", page, selectors={"*": "main"})
    # A "translation" that changes every word but keeps the placeholders forces a rewrite.
    def change(text: str) -> str:
        return text.replace("a", "A").replace("研", "硏")

    out = rebuild_document(doc, lambda seg: change(seg.source), "en")
    src, built = parse(doc.skeleton.source), parse(out)
    assert _shape(built) == _shape(src, change)
    assert _text(built).replace(" ", "") == change(_text(src)).replace(" ", "")


# --------------------------------------------------------------------------- l10n build


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "proj"
    (root / "source_docs" / "en").mkdir(parents=True)
    (root / "source_docs" / "zh-Hans").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "zh-Hans"]\n', encoding="utf-8")
    (root / "source_docs" / "en" / "open-day.html").write_text(PAGE, encoding="utf-8")
    from l10n.extract import extract_project

    extract_project(load_config(root))
    return root


def fill(project: Path, table: dict[str, str], *, fuzzy: set[str] = frozenset()) -> Path:
    po_path = project / "locales" / "zh_Hans" / "LC_MESSAGES" / "open-day.po"
    po = read_catalog(po_path)
    for entry in po:
        if entry.msgid in table:
            entry.msgstr = table[entry.msgid]
            if entry.msgid in fuzzy:
                entry.flags.append("fuzzy")
    write_catalog(po, po_path)
    return po_path


def mo_messages(path: Path) -> dict:
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def invoke(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "build", *args], catch_exceptions=False)


def test_build_command_writes_translated_page_and_mo_file(project):
    po_path = fill(project, ZH)
    result = invoke(project)
    assert result.exit_code == 0, result.output
    page = project / "build" / "zh_Hans" / "open-day.html"
    assert "研究所向公众开放了" in page.read_text(encoding="utf-8")
    mo = project / "build" / "locale" / "zh_Hans" / "LC_MESSAGES" / "open-day.mo"
    assert mo.is_file()
    msgfmt = gnu("msgfmt")
    ref = project / "ref.mo"
    subprocess.run([msgfmt, "-o", str(ref), str(po_path)], check=True)
    # Same messages as msgfmt (msgfmt adds a hash table, polib does not: bytes differ there).
    assert mo_messages(mo) == mo_messages(ref) and len(mo_messages(mo)) == len(ZH) + 1
    before = {p: p.stat().st_mtime_ns for p in (page, mo)}
    again = invoke(project)
    assert again.exit_code == 0 and {p: p.stat().st_mtime_ns for p in (page, mo)} == before


def test_strict_build_lists_missing_segments_writes_nothing_and_exits_1(project):
    fill(project, {"Open day at the institute": "研究所开放日"})
    result = invoke(project, "--strict")
    assert result.exit_code == 1
    assert "missing-translation" in result.output and "Talks by young researchers" in result.output
    assert not (project / "build").exists()


def test_fuzzy_translations_are_used_only_with_include_fuzzy(project):
    fill(project, ZH, fuzzy={"More than 300 visitors came."})
    assert invoke(project).exit_code == 0
    page = project / "build" / "zh_Hans" / "open-day.html"
    assert "More than 300 visitors came." in page.read_text(encoding="utf-8")
    assert invoke(project, "--include-fuzzy").exit_code == 0
    assert "三百多名访客到访。" in page.read_text(encoding="utf-8")


def test_build_keep_skips_releases_below_the_reviewed_share(project):
    (project / "pyproject.toml").write_text(
        '[tool.l10n]\nlanguages = ["en", "zh-Hans"]\nbuild-keep = 90\n', encoding="utf-8")
    fill(project, {"Open day at the institute": "研究所开放日"})
    report = build_project(load_config(project), out_dir=project / "out")
    assert report.documents == 0 and "below build-keep" in report.skipped[0]
    assert not (project / "out" / "zh_Hans").exists()


def test_output_paths_never_leave_the_output_folder(tmp_path):
    assert output_path(tmp_path, "zh-Hans", "a--b.html") == (tmp_path / "zh_Hans" / "a--b.html").resolve()
    for bad in ("../../etc/passwd", "/etc/passwd", "x/../../y.html"):
        with pytest.raises(L10nError):
            output_path(tmp_path, "zh-Hans", bad)


def test_segments_of_a_built_release_come_from_segment_document(tmp_path):
    doc = read(tmp_path, "open-day.html", PAGE)
    sources = {s.source for s in segment_document(doc)}
    assert set(ZH) <= sources


@pytest.mark.parametrize(
    ("title", "lang", "target", "parts", "table", "built"),
    [
        (
            "研究所举办开放日_新闻动态_某研究所",
            "zh-Hans",
            "en",
            ["研究所举办开放日", "新闻动态", "某研究所"],
            {"研究所举办开放日": "Institute Holds Open Day", "新闻动态": "News", "某研究所": "The Institute"},
            "Institute Holds Open Day | News | The Institute",
        ),
        (
            "Institute Holds Open Day----The Institute",
            "en",
            "zh-Hans",
            ["Institute Holds Open Day", "The Institute"],
            {"Institute Holds Open Day": "研究所举办开放日"},  # the site name not translated yet
            "研究所举办开放日----The Institute",
        ),
    ],
)
def test_page_title_parts_are_segments_and_keep_their_separators(tmp_path, title, lang, target, parts, table, built):
    page = f"<html><head><title>{title}</title></head><body><div><p>{'句子。' * 30}</p></div></body></html>"
    doc = read(tmp_path, "title.html", page, lang=lang)
    segments = segment_document(doc)
    assert [s.source for s in segments if s.kind == "title"] == parts
    root = parse(rebuild_document(doc, translator(table), target, warnings=[]))
    assert root.find(".//title").text == built


def test_cms_paragraphs_rebuild_inside_their_wrapper_with_breaks_and_indents(tmp_path):
    page = (
        "<html><body><table><tr><td id='zoom'><font face='宋体'><span style='line-height:2em'>"
        "　　研究所取得新进展。<br><br>\n　　研究人员发现了一种新材料。</span></font></td></tr></table></body></html>"
    )
    doc = read(tmp_path, "cms.html", page, lang="zh-Hans")
    table = {"研究所取得新进展。": "The institute made progress.", "研究人员发现了一种新材料。": "Researchers found a new material."}
    out = rebuild_document(doc, translator(table), "en", warnings=[]).decode()
    assert not out.startswith("<!DOCTYPE")  # the source had none
    assert (
        "<font face=\"宋体\"><span style=\"line-height:2em\">The institute made progress.<br><br>\n"
        "Researchers found a new material.</span></font>"
    ) in out
    edited = {"研究所取得新进展。": "研究所取得了新进展。", "研究人员发现了一种新材料。": "研究人员发现了新材料。"}
    back = rebuild_document(doc, translator(edited), "zh-Hans", warnings=[]).decode()
    assert "<span style=\"line-height:2em\">　　研究所取得了新进展。<br><br>\n　　研究人员发现了新材料。</span>" in back


def test_share_preview_metadata_is_translated_and_locale_tags_follow_the_target(tmp_path):
    page = (
        "<html lang='zh-CN'><head><meta http-equiv='Content-Language' content='zh-CN'>"
        "<meta property='og:locale' content='zh_CN'><meta property='og:title' content='研究所举办开放日 | 某研究所'>"
        "<meta property='og:description' content='三百多名市民参观了实验室。'><meta name='keywords' content='开放日,实验室'>"
        "<title>研究所举办开放日 | 某研究所</title></head>"
        "<body><div><p>研究所举办开放日。三百多名市民参观了实验室。</p></div></body></html>"
    )
    doc = read(tmp_path, "og.html", page, lang="zh-Hans")
    assert [(b.kind, b.text) for b in doc.blocks if b.kind != "paragraph"] == [
        ("title", "研究所举办开放日 | 某研究所"),
        ("title", "研究所举办开放日 | 某研究所"),
        ("meta-description", "三百多名市民参观了实验室。"),
        ("meta-keywords", "开放日,实验室"),
    ]
    table = {"研究所举办开放日": "Institute Holds Open Day", "某研究所": "The Institute",
             "三百多名市民参观了实验室。": "Over 300 people visited the labs.", "开放日,实验室": "open day, laboratory"}
    root = parse(rebuild_document(doc, translator(table), "en", warnings=[]))
    meta = {m.get("property") or m.get("name") or m.get("http-equiv"): m.get("content") for m in root.iter("meta")}
    assert meta["og:title"] == "Institute Holds Open Day | The Institute"
    assert meta["og:description"] == "Over 300 people visited the labs."
    assert meta["keywords"] == "open day, laboratory"
    assert meta["Content-Language"] == "en" and meta["og:locale"] == "en_US"


def test_a_translation_that_drops_an_image_keeps_the_source_sentence_and_says_so(tmp_path):
    page = "<html><body><div><p>The lab opened <img src='lab.jpg' alt='the lab'> on Monday.</p></div></body></html>"
    doc = read(tmp_path, "img.html", page)
    warnings: list[str] = []
    out = rebuild_document(doc, translator({"The lab opened <1/> on Monday.": "实验室周一开放。"}), "zh-Hans",
                           warnings=warnings).decode()
    assert '<img src="lab.jpg" alt="the lab">' in out and "The lab opened" in out
    assert any("placeholder <1/> is missing" in w for w in warnings)


def test_images_and_breaks_at_the_ends_of_a_sentence_stay_in_the_page_not_in_the_msgid(tmp_path):
    page = ("<html><body><div><p><img src='dust.jpg' alt='dust'><br>A dust storm over Beijing. "
            "It lasted two days.<br></p></div></body></html>")
    doc = read(tmp_path, "dust.html", page)
    assert [s.source for s in segment_document(doc) if s.kind == "paragraph"] == [
        "A dust storm over Beijing.", "It lasted two days.",
    ]
    table = {"A dust storm over Beijing.": "北京出现沙尘暴。", "It lasted two days.": "持续了两天。"}
    out = rebuild_document(doc, translator(table), "zh-Hans", warnings=[]).decode()
    assert '<p><img src="dust.jpg" alt="dust"><br>北京出现沙尘暴。持续了两天。<br></p>' in out

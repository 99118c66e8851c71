"""Catalogs: templates, msgmerge-style update, states, stable and atomic writes, GNU tools."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n import catalog as cat
from l10n.errors import CatalogError
from l10n.model import Segment

from .conftest import gnu

NOW = "2026-01-01 00:00+0000"


def seg(text: str, line: int = 1, kind: str = "paragraph") -> Segment:
    return Segment(source=text, block_id="b1", index=0, kind=kind, line=line)


def template(*texts: str) -> object:
    segments = [seg(t, line=i + 10) for i, t in enumerate(texts)]
    return cat.make_template(
        segments, doc_id="news", source_path="source_docs/en/news.html", source_language="en", now=NOW
    )


def write_read(po, path: Path):
    cat.write_catalog(po, path)
    return cat.read_catalog(path)


def by_id(po) -> dict:
    return {e.msgid: e for e in po if e.msgid}


def test_template_merges_repeated_sentence_into_one_entry_with_two_occurrences():
    segments = [seg("Hello.", 3), seg("World.", 4, "heading"), seg("Hello.", 9, "list-item")]
    pot = cat.make_template(segments, doc_id="d", source_path="source_docs/en/d.html", source_language="en", now=NOW)
    entries = by_id(pot)
    assert list(entries) == ["Hello.", "World."]
    assert entries["Hello."].occurrences == [("source_docs/en/d.html", "3"), ("source_docs/en/d.html", "9")]
    assert entries["Hello."].comment == "paragraph\nlist-item"


def test_new_catalog_header_comes_from_babel(tmp_path):
    po = write_read(cat.new_catalog(template("One."), "zh-Hans"), tmp_path / "a.po")
    assert po.metadata["Language"] == "zh_Hans"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Project-Id-Version"] == "l10n"
    assert cat.catalog_language(po) == "zh-Hans"


def test_unchanged_segment_keeps_translation_and_state(tmp_path):
    po = cat.new_catalog(template("One.", "Two."), "zh-Hans")
    by_id(po)["One."].msgstr = "一。"
    by_id(po)["Two."].msgstr = "二。"
    by_id(po)["Two."].flags.append("fuzzy")
    by_id(po)["One."].tcomment = "checked by Li"
    po = write_read(po, tmp_path / "a.po")
    merged = cat.update_catalog(po, template("One.", "Two."), language="zh-Hans")
    e = by_id(merged)
    assert e["One."].msgstr == "一。" and "fuzzy" not in e["One."].flags
    assert e["One."].tcomment == "checked by Li"
    assert e["Two."].msgstr == "二。" and "fuzzy" in e["Two."].flags


def test_changed_segment_gets_closest_old_translation_as_fuzzy_with_previous_msgid(tmp_path):
    po = cat.new_catalog(template("The incubator hosts 40 start-ups."), "zh-Hans")
    by_id(po)["The incubator hosts 40 start-ups."].msgstr = "孵化器入驻40家初创企业。"
    po = write_read(po, tmp_path / "a.po")
    merged = cat.update_catalog(po, template("The incubator now hosts 42 start-ups."), language="zh-Hans")
    merged = write_read(merged, tmp_path / "b.po")
    new = by_id(merged)["The incubator now hosts 42 start-ups."]
    assert new.msgstr == "孵化器入驻40家初创企业。"
    assert "fuzzy" in new.flags
    assert new.previous_msgid == "The incubator hosts 40 start-ups."
    # the reviewed translation is also kept as obsolete memory
    obsolete = [e for e in merged if e.obsolete]
    assert [e.msgid for e in obsolete] == ["The incubator hosts 40 start-ups."]
    assert "#| msgid \"The incubator hosts 40 start-ups.\"" in (tmp_path / "b.po").read_text()


def test_unrelated_new_segment_is_untranslated():
    po = cat.new_catalog(template("The incubator hosts 40 start-ups."), "zh-Hans")
    by_id(po)["The incubator hosts 40 start-ups."].msgstr = "孵化器入驻40家初创企业。"
    merged = cat.update_catalog(po, template("Completely different words here."), language="zh-Hans")
    e = by_id(merged)["Completely different words here."]
    assert e.msgstr == "" and "fuzzy" not in e.flags


def test_removed_segment_becomes_obsolete_and_comes_back_when_the_sentence_returns(tmp_path):
    po = cat.new_catalog(template("Keep.", "Drop me."), "zh-Hans")
    by_id(po)["Drop me."].msgstr = "删掉我。"
    by_id(po)["Drop me."].tcomment = "term approved"
    po = write_read(cat.update_catalog(po, template("Keep."), language="zh-Hans"), tmp_path / "a.po")
    assert [(e.msgid, e.obsolete) for e in po if e.msgid] == [("Keep.", 0), ("Drop me.", 1)]
    assert "#~ msgid \"Drop me.\"" in (tmp_path / "a.po").read_text()
    back = cat.update_catalog(po, template("Keep.", "Drop me."), language="zh-Hans")
    revived = by_id(back)["Drop me."]
    assert not revived.obsolete and revived.msgstr == "删掉我。" and "fuzzy" not in revived.flags
    assert revived.tcomment == "term approved"
    assert not any(e.obsolete for e in back)


def test_untranslated_removed_segment_is_dropped():
    po = cat.new_catalog(template("Keep.", "Never translated."), "zh-Hans")
    merged = cat.update_catalog(po, template("Keep."), language="zh-Hans")
    assert [e.msgid for e in merged if e.msgid] == ["Keep."]


def test_reviewed_translation_is_never_dropped_even_when_reused_for_a_fuzzy_match():
    po = cat.new_catalog(template("Revenue grew 12% in 2016."), "zh-Hans")
    by_id(po)["Revenue grew 12% in 2016."].msgstr = "2016年收入增长12%。"
    merged = cat.update_catalog(po, template("Revenue grew 13% in 2016."), language="zh-Hans")
    texts = [(e.msgid, e.msgstr, e.obsolete) for e in merged if e.msgid]
    assert ("Revenue grew 12% in 2016.", "2016年收入增长12%。", 1) in texts


def test_suggestion_provenance_follows_the_translation_but_template_comments_are_refreshed():
    po = cat.new_catalog(template("One."), "zh-Hans")
    e = by_id(po)["One."]
    e.msgstr, e.comment = "一。", "paragraph\nsuggestion: mt Helsinki-NLP/opus-mt-en-zh"
    e.flags.append("fuzzy")
    merged = cat.update_catalog(po, template("One."), language="zh-Hans", hints={"One.": ["One = 一"]})
    assert by_id(merged)["One."].comment == "paragraph\nglossary: One = 一\nsuggestion: mt Helsinki-NLP/opus-mt-en-zh"


def test_states_are_counted_like_design_md(tmp_path):
    po = cat.new_catalog(template("A.", "B.", "C."), "zh-Hans")
    by_id(po)["A."].msgstr = "甲。"
    by_id(po)["B."].msgstr = "乙。"
    by_id(po)["B."].flags.append("fuzzy")
    po = cat.update_catalog(po, template("B.", "C."), language="zh-Hans")
    stats = cat.catalog_stats(write_read(po, tmp_path / "a.po"))
    assert (stats.total, stats.reviewed, stats.suggested, stats.untranslated, stats.obsolete) == (2, 0, 1, 1, 1)
    assert [v.state for v in cat.entry_views(po)] == ["suggested", "untranslated", "obsolete"]


def test_update_is_idempotent_and_render_is_stable(tmp_path):
    pot = template("One.", "Two sentences here. " * 8)
    first = cat.render_catalog(cat.update_catalog(cat.new_catalog(pot, "zh-Hans"), pot, language="zh-Hans"))
    path = tmp_path / "a.po"
    path.write_text(first, encoding="utf-8")
    again = cat.render_catalog(cat.update_catalog(cat.read_catalog(path), pot, language="zh-Hans"))
    assert again == first


def test_write_catalog_only_writes_when_content_changed(tmp_path):
    po = cat.new_catalog(template("One."), "zh-Hans")
    path = tmp_path / "a.po"
    assert cat.write_catalog(po, path) is True
    os.utime(path, (1, 1))
    assert cat.write_catalog(po, path) is False
    assert path.stat().st_mtime == 1


def test_crash_during_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "a.po"
    cat.write_catalog(cat.new_catalog(template("One."), "zh-Hans"), path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        cat.write_catalog(cat.new_catalog(template("Two."), "zh-Hans"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]  # no temporary file left behind


def test_malformed_po_raises_catalog_error_with_line(tmp_path):
    path = tmp_path / "bad.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b\nmsgid\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        cat.read_catalog(path)
    assert info.value.line is not None and info.value.line >= 6
    assert str(path) in str(info.value)


def test_undecodable_po_names_the_line(tmp_path):
    path = tmp_path / "bad.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xff\xfe"\n')
    with pytest.raises(CatalogError) as info:
        cat.read_catalog(path)
    assert info.value.line == 6


@pytest.mark.parametrize(
    "name,expected",
    [
        ("wget_zh_TW_big5.po", (137, 44, 135)),
        ("sphinx_zh_CN.po", (869, 0, 0)),
        ("bleachbit_zh_TW.po", (506, 2, 0)),
    ],
)
def test_real_catalogs_are_counted_like_msgfmt(corpus_dir, name, expected):
    po = cat.read_catalog(corpus_dir / "po" / name)
    stats = cat.catalog_stats(po)
    assert (stats.reviewed, stats.suggested, stats.untranslated) == expected


def test_real_catalogs_read_without_loss(corpus_dir, tmp_path):
    """Every entry (plurals, msgctxt, previous msgid, obsolete) survives a write and a read."""
    for src in sorted((corpus_dir / "po").glob("*.po")):
        po = cat.read_catalog(src)
        out = tmp_path / src.name
        cat.write_catalog(po, out)
        again = cat.read_catalog(out)

        def key(po):
            return [
                (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()), e.obsolete,
                 sorted(e.flags), e.previous_msgid, e.tcomment, e.comment, e.occurrences)
                for e in po
            ]

        assert key(again) == key(po), src.name
        assert again.metadata == po.metadata


def test_written_catalogs_pass_msgfmt_check_and_are_stable_under_msgcat(tmp_path):
    msgfmt, msgcat = gnu("msgfmt"), gnu("msgcat")
    long_zh = "中国科学院" * 30 + "，在“千人计划”的支持下，研究所于2016年1月24日启动了《中国制造2025》专项。"
    long_en = "The Thousand-Talent Program " * 6 + 'brought "quoted" words, back\\slashes and tabs\tto 1.2 billion yuan.'
    pot = template("One.", long_en, "<1>Bold</1> and <2/> placeholders.", "Multi\nline")
    po = cat.new_catalog(pot, "zh-Hans")
    by_id(po)[long_en].msgstr = long_zh
    by_id(po)["One."].msgstr = "一。"
    by_id(po)["One."].flags.append("fuzzy")
    by_id(po)["One."].previous_msgid = "Uno."
    po = cat.update_catalog(po, template(long_en, "New."), language="zh-Hans")
    path = tmp_path / "zh.po"
    cat.write_catalog(po, path)
    subprocess.run([msgfmt, "--check-format", "--check-header", "-o", os.devnull, str(path)], check=True)
    out = subprocess.run([msgcat, str(path)], check=True, capture_output=True).stdout
    assert out.decode("utf-8") == path.read_text(encoding="utf-8")


def test_mo_file_matches_msgfmt(tmp_path):
    msgfmt = gnu("msgfmt")
    pot = template("One.", "Two.", "Three.")
    po = cat.new_catalog(pot, "zh-Hans")
    by_id(po)["One."].msgstr = "一。"
    by_id(po)["Two."].msgstr = "二。"
    by_id(po)["Two."].flags.append("fuzzy")
    path = tmp_path / "zh.po"
    cat.write_catalog(po, path)
    ours = tmp_path / "ours.mo"
    cat.write_mo(cat.read_catalog(path), ours)
    theirs = tmp_path / "theirs.mo"
    subprocess.run([msgfmt, "-o", str(theirs), str(path)], check=True)
    assert _mo_messages(ours) == _mo_messages(theirs)


def _mo_messages(path: Path) -> dict:
    import gettext

    with open(path, "rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def test_status_counts_match_for_a_copied_project(tmp_path, run_l10n, corpus_dir):
    loc = tmp_path / "locales" / "zh_TW" / "LC_MESSAGES"
    loc.mkdir(parents=True)
    shutil.copy(corpus_dir / "po" / "wget_zh_TW_big5.po", loc / "wget.po")
    code, out, err = run_l10n("--project", str(tmp_path), "status", "--format", "json")
    assert code == 0, err
    import json

    data = json.loads(out)
    row = data["catalogs"][0]
    assert row["path"] == "locales/zh_TW/LC_MESSAGES/wget.po"
    assert row["language"] == "zh-Hant"
    assert (row["total"], row["reviewed"], row["suggested"], row["untranslated"], row["obsolete"]) == (316, 137, 44, 135, 31)
    assert data["totals"]["total"] == 316


def test_status_on_malformed_catalog_exits_2_with_file_and_line(tmp_path, run_l10n):
    loc = tmp_path / "locales" / "en" / "LC_MESSAGES"
    loc.mkdir(parents=True)
    (loc / "x.po").write_text('msgid "a"\nmsgstr "b"\nbogus line\n', encoding="utf-8")
    before = (loc / "x.po").read_bytes()
    code, out, err = run_l10n("--project", str(tmp_path), "status")
    assert code == 2
    assert err.startswith("l10n: error: locales/en/LC_MESSAGES/x.po:")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert (loc / "x.po").read_bytes() == before


@pytest.mark.parametrize(("text", "words"), [
    ("2023年研究所成立。", 7),
    ("共有35位研究人员", 8),
    ("千人计划", 4),
    ("The <1>Thousand-Talent Program</1> began in 2008.", 6),
    ("总投资1.2亿元", 6),
    ("在2019年和2023年之间", 8),
    ("使用API接口", 5),
    ("", 0),
])
def test_word_counts_take_each_chinese_character_and_each_latin_or_digit_run_as_one_word(text, words):
    assert cat.count_words(text) == words

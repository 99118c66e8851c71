"""Catalogs that are broken, re-merged or written in a narrow charset lose nothing silently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n import catalog as cat
from l10n.catalog_scan import find_syntax_error
from l10n.config import load_config
from l10n.errors import CatalogError
from l10n.extract import extract_project
from l10n.model import Segment

from .conftest import gnu, snapshot

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: demo\\n"\n"Language: zh_CN\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)  # 9 lines: the first entry of a body starts on line 10

GOOD = (
    '#: news.html:3\nmsgid "The buoy weighs 40 kg."\nmsgstr "浮标重40千克。"\n\n'
    '#: news.html:4\nmsgid "It reports every hour."\nmsgstr "它每小时报告一次。"\n'
)

# name: (body after HEADER, line of the error, words of the message)
BROKEN = {
    "unterminated msgstr": (GOOD.replace('千克。"', "千克。"), 12, "unterminated msgstr string"),
    "unterminated continuation line": (
        GOOD.replace('msgstr "浮标重40千克。"', 'msgstr ""\n"浮标重40\n"千克。"'),
        13,
        "unterminated msgstr string",
    ),
    "closing quote escaped": (
        GOOD.replace('千克。"', '千克。\\"'),
        12,
        "unterminated msgstr string",
    ),
    "unterminated obsolete msgstr": (
        GOOD + '\n#~ msgid "Old."\n#~ msgstr "旧\n',
        19,
        "unterminated msgstr",
    ),
    "msgid without msgstr before a comment": (
        GOOD.replace('msgstr "浮标重40千克。"\n', ""),
        11,
        "msgid without msgstr",
    ),
    "msgid without msgstr at the end": (GOOD + '\nmsgid "Last one."\n', 18, "msgid without msgstr"),
    "msgid twice": (
        GOOD.replace('msgstr "浮标重40千克。"\n\n#: news.html:4\n', ""),
        11,
        "msgid without msgstr",
    ),
    "msgstr without msgid": (GOOD + '\nmsgstr "孤儿"\n', 18, "msgstr without msgid"),
    "plural form without msgid_plural": (
        GOOD.replace('msgstr "浮标重40千克。"', 'msgstr[0] "浮标重40千克。"'),
        12,
        "without msgid_plural",
    ),
    "unknown escape": (GOOD.replace("40 kg.", "40\\q kg."), 11, "invalid escape sequence \\q"),
    "text after the closing quote": (
        GOOD.replace('千克。"', '千克。" extra'),
        12,
        "text after the closing",
    ),
    "entry half obsolete": (GOOD + '\nmsgid "Gone."\n#~ msgstr "走了。"\n', 19, "mixes obsolete"),
    "duplicate entry": (
        GOOD + '\n#: news.html:9\nmsgid "The buoy weighs 40 kg."\nmsgstr "另一个。"\n',
        19,
        "duplicate",
    ),
    "duplicate entry with context": (
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "打开"\n\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "开"\n',
        14,
        "duplicate",
    ),
}

# Valid PO that the validator must accept, as msgfmt --check does.
VALID = {
    "same msgid in two contexts": 'msgctxt "a"\nmsgid "Open"\nmsgstr "打开"\n\nmsgctxt "b"\nmsgid "Open"\nmsgstr "开放"\n',
    "blank line inside an entry": 'msgid "One"\n\nmsgstr "一"\n',
    "gnu escapes": 'msgid "tab\\t bell\\a hex\\x41 octal\\101 quote\\" slash\\\\"\nmsgstr ""\n',
    "plural entry": 'msgid "%d buoy"\nmsgid_plural "%d buoys"\nmsgstr[0] "%d 个浮标"\n',
    "previous msgid on two lines": (
        '#, fuzzy\n#| msgid ""\n#| "The buoy weighs "\n#| "30 kg."\nmsgid "The buoy weighs 40 kg."\nmsgstr "浮标重30千克。"\n'
    ),
    "obsolete with previous": '#, fuzzy\n#~| msgid "Old."\n#~ msgid "Older."\n#~ msgstr "旧。"\n',
    "indented lines and tabs": '  msgid\t"One"\n  msgstr   "一"   \n',
    "no final newline": 'msgid "One"\nmsgstr "一"',
}


def _write(tmp_path: Path, body: str, name: str = "doc.po") -> Path:
    path = tmp_path / name
    path.write_bytes((HEADER + body).encode("utf-8"))
    return path


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_catalog_is_refused_with_file_and_line_by_every_reader(tmp_path, name):
    body, line, words = BROKEN[name]
    path = _write(tmp_path, body)
    for read in (cat.read_catalog, cat.scan_entries):
        with pytest.raises(CatalogError) as info:
            read(path, display_path="locales/zh_CN/doc.po")
        message = str(info.value)
        assert message.startswith(f"locales/zh_CN/doc.po:{line}: "), message
        assert words in message and "\n" not in message


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_msgfmt_check_rejects_what_we_refuse(tmp_path, name):
    msgfmt = gnu("msgfmt")
    path = _write(tmp_path, BROKEN[name][0])
    proc = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert proc.returncode != 0


@pytest.mark.parametrize("name", sorted(VALID))
def test_unusual_but_valid_catalogs_read_and_msgfmt_agrees(tmp_path, name):
    path = _write(tmp_path, VALID[name])
    assert find_syntax_error(path.read_text(encoding="utf-8")) is None
    assert cat.scan_entries(path)[1] == cat.entry_views(cat.read_catalog(path))
    msgfmt = gnu("msgfmt")
    subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True
    )


def test_obsolete_entry_may_repeat_a_live_msgid(tmp_path):
    path = _write(tmp_path, GOOD + '\n#~ msgid "The buoy weighs 40 kg."\n#~ msgstr "旧译。"\n')
    po = cat.read_catalog(path)
    assert [e.msgstr for e in po if e.msgid == "The buoy weighs 40 kg."] == [
        "浮标重40千克。",
        "旧译。",
    ]


def test_repo_catalogs_and_templates_pass_the_syntax_check(repo_dir):
    files = sorted((repo_dir / "locales").rglob("*.po")) + sorted(
        (repo_dir / "locales").rglob("*.pot")
    )
    assert files
    for path in files:
        cat.read_catalog(path)
        assert cat.scan_entries(path)[1]


def test_real_catalogs_pass_the_syntax_check_big5_included(corpus_dir):
    for path in sorted((corpus_dir / "po").glob("*.po")):
        po = cat.read_catalog(path)
        assert len(po) > 10, path.name


def test_commands_on_a_broken_catalog_exit_2_and_change_nothing(tmp_path, run_l10n):
    (tmp_path / "source_docs" / "en").mkdir(parents=True)
    (tmp_path / "source_docs" / "en" / "buoy.txt").write_text(
        "Buoy launched\n\nThe buoy weighs 40 kg. It reports every hour.\n", encoding="utf-8"
    )
    code, _, err = run_l10n("--project", str(tmp_path), "extract")
    assert code == 0, err
    po_path = tmp_path / "locales/zh_Hans/LC_MESSAGES/buoy.po"
    text = po_path.read_text(encoding="utf-8")
    assert 'msgid "The buoy weighs 40 kg."\nmsgstr ""' in text
    po_path.write_text(
        text.replace(
            'msgid "The buoy weighs 40 kg."\nmsgstr ""',
            'msgid "The buoy weighs 40 kg."\nmsgstr "浮标重40千克。',
        ),
        encoding="utf-8",
    )
    (tmp_path / "source_docs" / "en" / "buoy.txt").write_text(
        "Buoy launched\n\nThe buoy weighs 40 kg. It now reports every hour.\n", encoding="utf-8"
    )
    before = snapshot(tmp_path)
    for command in ("extract", "check", "status"):
        code, _, err = run_l10n("--project", str(tmp_path), command)
        assert code == 2, (command, err)
        assert err.startswith("l10n: error: locales/zh_Hans/LC_MESSAGES/buoy.po:")
        assert "unterminated msgstr string" in err and len(err.strip().splitlines()) == 1
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------- merging


def _seg(text: str, line: int) -> Segment:
    return Segment(source=text, block_id=f"b{line}", index=0, kind="paragraph", line=line)


def _template(*texts: str):
    return cat.make_template(
        [_seg(t, i + 1) for i, t in enumerate(texts)],
        doc_id="buoy",
        source_path="source_docs/en/buoy.html",
        source_language="en",
        now="2026-01-01 00:00+0000",
    )


V1 = "The buoy weighs 40 kg and reports every hour."
V2 = "The buoy weighs 42 kg and reports every hour."
V3 = "The buoy weighs 42 kg and reports every two hours."


def _reviewed_then_changed(tmp_path: Path):
    """A catalog where V1 was reviewed, then the source changed to V2 (fuzzy, #| V1)."""
    po = cat.new_catalog(_template(V1), "zh-Hans")
    po[0].msgstr = "浮标重40千克，每小时报告一次。"
    po = cat.update_catalog(po, _template(V2), language="zh-Hans")
    path = tmp_path / "zh.po"
    cat.write_catalog(po, path)
    return cat.read_catalog(path)


def test_a_second_change_keeps_the_msgid_the_translation_was_reviewed_against(tmp_path):
    po = _reviewed_then_changed(tmp_path)
    entry = next(e for e in po if e.msgid == V2)
    assert "fuzzy" in entry.flags and entry.previous_msgid == V1
    merged = cat.update_catalog(po, _template(V3), language="zh-Hans")
    new = next(e for e in merged if e.msgid == V3)
    assert "fuzzy" in new.flags and new.msgstr == "浮标重40千克，每小时报告一次。"
    assert new.previous_msgid == V1


def test_previous_msgid_after_two_changes_matches_msgmerge_previous(tmp_path):
    msgmerge = gnu("msgmerge")
    po = _reviewed_then_changed(tmp_path)
    pot_path = tmp_path / "new.pot"
    cat.write_catalog(_template(V3), pot_path)
    out = tmp_path / "gnu.po"
    subprocess.run(
        [msgmerge, "--previous", "--quiet", "-o", str(out), str(tmp_path / "zh.po"), str(pot_path)],
        check=True,
    )
    theirs = next(e for e in cat.read_catalog(out) if e.msgid == V3)
    ours = next(
        e for e in cat.update_catalog(po, _template(V3), language="zh-Hans") if e.msgid == V3
    )
    assert (ours.previous_msgid, ours.msgstr, "fuzzy" in ours.flags) == (
        theirs.previous_msgid,
        theirs.msgstr,
        "fuzzy" in theirs.flags,
    )


def test_obsolete_entries_carry_no_previous_msgid_so_rewrites_are_a_fixed_point(tmp_path):
    po = _reviewed_then_changed(tmp_path)  # V2 is fuzzy with #| V1
    gone = cat.update_catalog(
        po, _template("Something else entirely, about the weather."), language="zh-Hans"
    )
    path = tmp_path / "zh.po"
    cat.write_catalog(gone, path)
    first = path.read_bytes()
    assert "#~ msgid" in first.decode("utf-8") and "#~|" not in first.decode("utf-8")
    for _ in range(2):
        again = cat.update_catalog(
            cat.read_catalog(path),
            _template("Something else entirely, about the weather."),
            language="zh-Hans",
        )
        assert cat.catalog_bytes(again) == first
        assert not cat.write_catalog(again, path)


def test_extract_on_a_fresh_clone_does_not_rewrite_a_catalog_with_obsolete_entries(tmp_path):
    source = tmp_path / "source_docs" / "en" / "buoy.txt"
    source.parent.mkdir(parents=True)
    source.write_text(f"Buoy launched\n\n{V1}\n", encoding="utf-8")
    config = load_config(tmp_path)
    extract_project(config)
    po_path = tmp_path / "locales/zh_Hans/LC_MESSAGES/buoy.po"
    po = cat.read_catalog(po_path)
    next(e for e in po if e.msgid == V1).msgstr = "浮标重40千克，每小时报告一次。"
    cat.write_catalog(po, po_path)
    for text in (V2, "Something else entirely, about the weather."):
        source.write_text(f"Buoy launched\n\n{text}\n", encoding="utf-8")
        extract_project(config)
    assert "#~ msgid" in po_path.read_text(encoding="utf-8")
    before = snapshot(tmp_path / "locales")
    shutil.rmtree(tmp_path / ".l10n", ignore_errors=True)  # a fresh clone has no extract state
    extract_project(load_config(tmp_path), force=True)
    assert snapshot(tmp_path / "locales") == before


# --------------------------------------------------------------------------- charsets


def _gb2312_catalog(tmp_path: Path) -> Path:
    po = cat.new_catalog(_template("The buoy was built in Qingdao."), "zh-Hans")
    po[0].msgstr = "浮标在青岛制造。"
    po.metadata["Content-Type"] = "text/plain; charset=GB2312"
    path = tmp_path / "gb.po"
    cat.write_catalog(po, path)
    return path


def test_a_narrow_charset_catalog_that_cannot_hold_new_text_is_a_catalog_error(tmp_path):
    path = _gb2312_catalog(tmp_path)
    before = path.read_bytes()
    old = cat.read_catalog(path)
    merged = cat.update_catalog(
        old,
        _template("The buoy was built in Qingdao.", "Øresund Photonics™ paid €5,000."),
        language="zh-Hans",
    )
    with pytest.raises(CatalogError) as info:
        cat.catalog_bytes(merged, path="locales/zh_Hans/LC_MESSAGES/gb.po")
    message = str(info.value)
    assert message.startswith("locales/zh_Hans/LC_MESSAGES/gb.po: ")
    assert "GB2312" in message and "U+00D8" in message and "msgconv -t UTF-8" in message
    assert "\n" not in message
    with pytest.raises(CatalogError, match=r"gb.po: .*msgconv"):
        cat.write_catalog(merged, path)
    assert path.read_bytes() == before


def test_catalog_bytes_without_a_path_still_raises_a_catalog_error(tmp_path):
    merged = cat.update_catalog(
        cat.read_catalog(_gb2312_catalog(tmp_path)), _template("Costs €5."), language="zh-Hans"
    )
    with pytest.raises(CatalogError, match="charset GB2312 cannot hold '€'"):
        cat.catalog_bytes(merged)


def test_a_narrow_charset_catalog_is_written_when_its_text_fits(tmp_path):
    path = _gb2312_catalog(tmp_path)
    data = path.read_bytes()
    assert "浮标在青岛制造。".encode("gb2312") in data
    assert cat.read_catalog(path)[0].msgstr == "浮标在青岛制造。"


def test_the_line_by_line_check_agrees_with_the_fast_one_on_real_catalogs(corpus_dir, repo_dir):
    from l10n.catalog_scan import _check_lines, read_text

    files = sorted((corpus_dir / "po").glob("*.po")) + sorted((repo_dir / "locales").rglob("*.po"))
    for path in files:
        text = read_text(path)
        assert find_syntax_error(text) is None
        assert _check_lines(text.split("\n")) is None, path.name

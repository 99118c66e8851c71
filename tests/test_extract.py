"""`l10n extract` end to end on temporary projects: files, states, stability, bad input."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from l10n.catalog import read_catalog
from l10n.config import load_config
from l10n.errors import L10nError
from l10n.extract import extract_project

from .conftest import gnu, snapshot

RELEASE_EN = """\
Institute opens a new incubator

The institute opened its new incubator on Monday. It hosts 42 start-ups in precision manufacturing.

Prof. Wang Li said the incubator would work with the angel fund. The fund has 300 million yuan.

The institute opened its new incubator on Monday.
"""

RELEASE_ZH = """\
研究所孵化器正式启用

3月18日，研究所新建的孵化器正式启用。目前已入驻企业42家。

王力教授表示，孵化器将与天使基金开展合作。
"""


def make_project(root: Path) -> Path:
    (root / "source_docs" / "en").mkdir(parents=True)
    (root / "source_docs" / "zh-Hans").mkdir(parents=True)
    (root / "source_docs" / "en" / "incubator.txt").write_text(RELEASE_EN, encoding="utf-8")
    (root / "source_docs" / "zh-Hans" / "fuhuaqi.txt").write_text(RELEASE_ZH, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)


def entries(path: Path) -> dict:
    return {e.msgid: e for e in read_catalog(path) if e.msgid}


def test_extract_writes_templates_and_catalogs_for_every_other_language(project, run_l10n):
    code, out, err = run_l10n("--project", str(project), "extract")
    assert code == 0, err
    assert (project / "locales/templates/incubator.pot").is_file()
    assert (project / "locales/templates/fuhuaqi.pot").is_file()
    zh = project / "locales/zh_Hans/LC_MESSAGES/incubator.po"
    en = project / "locales/en/LC_MESSAGES/fuhuaqi.po"
    assert zh.is_file() and en.is_file()
    assert not (project / "locales/en/LC_MESSAGES/incubator.po").exists()
    po = read_catalog(zh)
    assert po.metadata["Language"] == "zh_Hans"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    by_id = entries(zh)
    assert "Institute opens a new incubator" in by_id
    assert "It hosts 42 start-ups in precision manufacturing." in by_id
    repeated = by_id["The institute opened its new incubator on Monday."]
    assert [p for p, _ in repeated.occurrences] == ["source_docs/en/incubator.txt"] * 2
    assert by_id["Institute opens a new incubator"].occurrences == [("source_docs/en/incubator.txt", "1")]
    assert "heading" in by_id["Institute opens a new incubator"].comment
    assert "paragraph" in repeated.comment
    assert "3月18日，研究所新建的孵化器正式启用。" in entries(en)


def test_extract_twice_changes_no_file(project, run_l10n):
    assert run_l10n("--project", str(project), "extract")[0] == 0
    before = snapshot(project / "locales")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "locales").rglob("*.po*")}
    time.sleep(0.02)
    assert run_l10n("--project", str(project), "extract", "--force")[0] == 0
    assert snapshot(project / "locales") == before
    assert {p: p.stat().st_mtime_ns for p in (project / "locales").rglob("*.po*")} == mtimes


def test_edited_release_updates_like_msgmerge(project):
    config = load_config(project)
    extract_project(config)
    zh = project / "locales/zh_Hans/LC_MESSAGES/incubator.po"
    text = zh.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "It hosts 42 start-ups in precision manufacturing."\nmsgstr ""',
        '# checked against the annual report\nmsgid "It hosts 42 start-ups in precision manufacturing."\n'
        'msgstr "目前入驻精密制造领域初创企业42家。"',
    )
    text = text.replace('msgid "The fund has 300 million yuan."\nmsgstr ""',
                        'msgid "The fund has 300 million yuan."\nmsgstr "基金规模3亿元。"')
    zh.write_text(text, encoding="utf-8")
    release = project / "source_docs/en/incubator.txt"
    release.write_text(
        RELEASE_EN.replace("It hosts 42 start-ups", "It hosts 45 start-ups").replace(" The fund has 300 million yuan.", ""),
        encoding="utf-8",
    )
    report = extract_project(config)
    assert "locales/zh_Hans/LC_MESSAGES/incubator.po" in report.written
    by_id = entries(zh)
    changed = by_id["It hosts 45 start-ups in precision manufacturing."]
    assert changed.msgstr == "目前入驻精密制造领域初创企业42家。"
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "It hosts 42 start-ups in precision manufacturing."
    assert changed.tcomment == "checked against the annual report"
    obsolete = {e.msgid: e for e in read_catalog(zh) if e.obsolete}
    assert obsolete["The fund has 300 million yuan."].msgstr == "基金规模3亿元。"
    assert obsolete["It hosts 42 start-ups in precision manufacturing."].msgstr == "目前入驻精密制造领域初创企业42家。"


def test_unchanged_releases_are_skipped(project):
    config = load_config(project)
    first = extract_project(config)
    assert first.skipped == 0 and first.releases == 2
    second = extract_project(config)
    assert second.skipped == 2 and second.written == []
    (project / "source_docs/zh-Hans/fuhuaqi.txt").write_text(RELEASE_ZH + "\n新增一句话。\n", encoding="utf-8")
    third = extract_project(config)
    assert third.skipped == 1
    assert sorted(third.written) == ["locales/en/LC_MESSAGES/fuhuaqi.po", "locales/templates/fuhuaqi.pot"]


def test_extracted_catalogs_pass_gnu_checks(project):
    msgfmt, msgcat = gnu("msgfmt"), gnu("msgcat")
    extract_project(load_config(project))
    for path in sorted((project / "locales").rglob("*.po")):
        subprocess.run([msgfmt, "--check-format", "--check-header", "-o", os.devnull, str(path)], check=True)
        assert subprocess.run([msgcat, str(path)], capture_output=True, check=True).stdout == path.read_bytes()
    for path in sorted((project / "locales").rglob("*.pot")):
        subprocess.run([msgfmt, "--check-format", "-o", os.devnull, str(path)], check=True)
        assert subprocess.run([msgcat, str(path)], capture_output=True, check=True).stdout == path.read_bytes()


def test_undecodable_release_exits_2_and_changes_nothing(project, run_l10n):
    assert run_l10n("--project", str(project), "extract")[0] == 0
    (project / "source_docs/en/broken.txt").write_bytes(b"Title\n\nGood line.\n\xff\xfe\xfa bad bytes \x81\n")
    before = snapshot(project)
    code, out, err = run_l10n("--project", str(project), "extract")
    assert code == 2
    assert err.startswith("l10n: error: source_docs/en/broken.txt:")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert snapshot(project) == before


def test_malformed_catalog_exits_2_and_changes_nothing(project, run_l10n):
    assert run_l10n("--project", str(project), "extract")[0] == 0
    zh = project / "locales/zh_Hans/LC_MESSAGES/incubator.po"
    zh.write_text(zh.read_text(encoding="utf-8") + '\nmsgid "dangling\nmsgstr\n', encoding="utf-8")
    (project / "source_docs/en/incubator.txt").write_text(RELEASE_EN + "\nOne more sentence.\n", encoding="utf-8")
    before = snapshot(project)
    code, out, err = run_l10n("--project", str(project), "extract")
    assert code == 2
    assert err.startswith("l10n: error: locales/zh_Hans/LC_MESSAGES/incubator.po:")
    assert snapshot(project) == before


def test_catalog_saved_by_a_translator_during_extract_is_merged_not_clobbered(project, monkeypatch):
    import l10n.extract as ex

    config = load_config(project)
    extract_project(config)
    (project / "source_docs/en/incubator.txt").write_text(RELEASE_EN + "\nOne more sentence.\n", encoding="utf-8")
    zh = project / "locales/zh_Hans/LC_MESSAGES/incubator.po"
    real = ex._prepare_release

    def prepare_then_translator_saves(*args, **kwargs):
        pending = real(*args, **kwargs)
        text = zh.read_text(encoding="utf-8").replace(
            'msgid "The fund has 300 million yuan."\nmsgstr ""', 'msgid "The fund has 300 million yuan."\nmsgstr "基金规模3亿元。"'
        )
        zh.write_text(text, encoding="utf-8")
        return pending

    monkeypatch.setattr(ex, "_prepare_release", prepare_then_translator_saves)
    extract_project(config)
    by_id = entries(zh)
    assert by_id["The fund has 300 million yuan."].msgstr == "基金规模3亿元。"
    assert "One more sentence." in by_id


def test_parallel_reading_writes_exactly_what_serial_reading_writes(tmp_path, monkeypatch):
    import l10n.extract as ex

    serial, parallel = make_project(tmp_path / "a"), make_project(tmp_path / "b")
    for root in (serial, parallel):
        for i in range(6):
            (root / "source_docs" / "en" / f"extra-{i}.txt").write_text(RELEASE_EN.replace("42", str(40 + i)), encoding="utf-8")
    monkeypatch.setattr(ex, "_PARALLEL_MIN_RELEASES", 10**6)
    extract_project(load_config(serial))
    monkeypatch.setattr(ex, "_PARALLEL_MIN_RELEASES", 2)
    extract_project(load_config(parallel))
    assert snapshot(serial / "locales") == snapshot(parallel / "locales")


def test_parallel_reading_reports_the_bad_release_and_writes_nothing(project, monkeypatch):
    import l10n.extract as ex
    from l10n.errors import DocumentError

    for i in range(4):
        (project / "source_docs" / "en" / f"extra-{i}.txt").write_text(RELEASE_EN, encoding="utf-8")
    (project / "source_docs/en/broken.txt").write_bytes(b"Title\n\nGood line.\n\xff\xfe\xfa bad \x81\n")
    monkeypatch.setattr(ex, "_PARALLEL_MIN_RELEASES", 2)
    with pytest.raises(DocumentError) as info:
        extract_project(load_config(project))
    assert info.value.path == "source_docs/en/broken.txt" and info.value.line == 4
    assert not (project / "locales").exists()


def test_a_large_extract_lists_twenty_files_unless_verbose(project, run_l10n):
    for i in range(12):
        (project / "source_docs" / "en" / f"extra-{i:02d}.txt").write_text(RELEASE_EN, encoding="utf-8")
    code, out, err = run_l10n("--project", str(project), "extract")
    assert code == 0, err
    text = out + err
    assert text.count("wrote ") == 19 and "... and 9 more file(s) (-v lists them all)" in text
    assert "28 file(s) written" in text
    for path in (project / "locales").rglob("*.po"):
        path.unlink()
    code, out, err = run_l10n("--project", str(project), "extract", "--verbose")
    assert code == 0, err
    assert (out + err).count("wrote ") == 14 and "more file(s)" not in out + err


def test_a_write_that_fails_midway_changes_no_catalog(project, monkeypatch):
    import l10n.fsutil as fsutil

    config = load_config(project)
    extract_project(config)
    before = snapshot(project / "locales")
    (project / "source_docs/en/incubator.txt").write_text(RELEASE_EN + "\nOne more sentence.\n", encoding="utf-8")
    (project / "source_docs/zh-Hans/fuhuaqi.txt").write_text(RELEASE_ZH + "\n又一句。\n", encoding="utf-8")
    real_fdopen = os.fdopen
    opened = []

    def disk_full_on_the_third(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        opened.append(fd)
        if len(opened) == 3:
            handle.close()
            raise OSError(28, "No space left on device")
        return handle

    monkeypatch.setattr(fsutil.os, "fdopen", disk_full_on_the_third)
    with pytest.raises(L10nError, match="cannot write: No space left on device") as info:
        extract_project(config)
    assert info.value.path.startswith("locales/")
    assert snapshot(project / "locales") == before


def test_extract_says_which_sources_it_does_not_read_and_which_templates_lost_their_release(project, run_l10n):
    (project / "source_docs" / "zh").mkdir()
    (project / "source_docs" / "zh" / "misplaced.txt").write_text(RELEASE_ZH, encoding="utf-8")
    (project / "source_docs" / "en" / "draft.docx").write_bytes(b"PK\x03\x04")
    (project / "source_docs" / "loose.txt").write_text(RELEASE_EN, encoding="utf-8")
    code, out, err = run_l10n("--project", str(project), "extract")
    assert code == 0, err
    assert "source_docs/zh/: not read: not one of the project's languages (en, zh-Hans); rename it to zh-Hans/" in err
    assert "source_docs/en/draft.docx: not read" in err and "source_docs/loose.txt: not read" in err
    (project / "source_docs/en/incubator.txt").rename(project / "source_docs/en/incubator-2016.txt")
    code, out, err = run_l10n("--project", str(project), "extract")
    assert code == 0, err
    assert "locales/templates/incubator.pot: its release is gone" in err


def test_a_renamed_release_keeps_its_reviewed_translations(project, run_l10n):
    config = load_config(project)
    extract_project(config)
    zh = project / "locales/zh_Hans/LC_MESSAGES/incubator.po"
    text = zh.read_text(encoding="utf-8").replace(
        'msgid "The fund has 300 million yuan."\nmsgstr ""', 'msgid "The fund has 300 million yuan."\nmsgstr "基金规模3亿元。"'
    )
    zh.write_text(text, encoding="utf-8")
    (project / "source_docs/en/incubator.txt").rename(project / "source_docs/en/incubator-2016.txt")
    code, out, err = run_l10n("--project", str(project), "extract")
    assert code == 0, err
    assert "took the translations of locales/zh_Hans/LC_MESSAGES/incubator.po" in err
    moved = entries(project / "locales/zh_Hans/LC_MESSAGES/incubator-2016.po")
    assert moved["The fund has 300 million yuan."].msgstr == "基金规模3亿元。"
    assert "fuzzy" not in moved["The fund has 300 million yuan."].flags


def test_empty_placeholders_are_explained_to_the_translator(tmp_path):
    page = (
        "<html><body><div class='content'>"
        "<p>Researchers at the <span translate='no'>Riverside Institute (RIC)</span> built a new laser. "
        "It fits in a shoebox <img src='box.jpg' alt='the laser next to a shoebox'> and weighs 2 kg.</p>"
        "<p>The team thanks its partners for their support during the project.</p></div></body></html>"
    )
    (tmp_path / "source_docs" / "en").mkdir(parents=True)
    (tmp_path / "source_docs" / "en" / "laser.html").write_text(page, encoding="utf-8")
    extract_project(load_config(tmp_path))
    pot = {e.msgid: e for e in read_catalog(tmp_path / "locales/templates/laser.pot") if e.msgid}
    first = pot["Researchers at the <1/> built a new laser."]
    assert first.comment.splitlines() == ["paragraph", '<1/> = "Riverside Institute (RIC)", kept as written (translate=no)']
    second = pot["It fits in a shoebox <2/> and weighs 2 kg."]
    assert second.comment.splitlines() == ["paragraph", '<2/> = image "the laser next to a shoebox"']
    po = {e.msgid: e for e in read_catalog(tmp_path / "locales/zh_Hans/LC_MESSAGES/laser.po") if e.msgid}
    assert '<2/> = image "the laser next to a shoebox"' in po["It fits in a shoebox <2/> and weighs 2 kg."].comment

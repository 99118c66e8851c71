"""Running the checks: ordering, skipping, opt-outs, configuration, real catalogs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from l10n.catalog import entry_views, read_catalog, scan_entries
from l10n.checks import CheckContext, resolve_checks, run_checks
from l10n.checks.runner import check_project, load_catalogs
from l10n.config import load_config
from l10n.errors import CatalogError, ConfigError
from l10n.model import Entry, Severity

CTX = CheckContext(path="t.po", source_lang="en", target_lang="zh-Hans")


def _ids(entries, checks=None):
    return sorted(f.check_id for f in run_checks(entries, CTX, checks or resolve_checks()))


def test_untranslated_entry_gives_one_finding_not_seven():
    assert _ids([Entry(msgid="The 3 labs <1>opened</1> in 2015.", msgstr="", line=1)]) == ["untranslated"]


def test_fuzzy_entry_skips_the_content_checks():
    entry = Entry(msgid="The 3 labs opened in 2015.", msgstr="实验室于2016年启用", fuzzy=True, line=1)
    assert _ids([entry]) == ["fuzzy"]


def test_content_checks_run_on_fuzzy_entries_when_fuzzy_is_disabled():
    entry = Entry(msgid="The labs opened in 2015.", msgstr="实验室于2016年启用。", fuzzy=True, line=1)
    assert _ids([entry], resolve_checks(disable=["fuzzy"])) == ["numbers"]


def test_translator_comment_switches_a_check_off_for_one_entry():
    bad = dict(msgid="The labs opened in 2015.", msgstr="实验室于2016年启用。")
    entries = [
        Entry(**bad, line=1, translator_comment="l10n: ignore numbers"),
        Entry(**bad, line=9),
    ]
    findings = run_checks(entries, CTX, resolve_checks())
    assert [(f.check_id, f.line) for f in findings] == [("numbers", 9)]


def test_obsolete_entries_are_not_checked():
    assert _ids([Entry(msgid="A.", msgstr="", obsolete=True, line=1)]) == []


def test_resolve_checks_accepts_comma_lists_and_overrides_severity():
    ids = [c.id for c in resolve_checks(disable=["length,punctuation"])]
    assert "length" not in ids and "punctuation" not in ids and "numbers" in ids
    (numbers,) = [c for c in resolve_checks(severities={"numbers": "warning"}) if c.id == "numbers"]
    assert numbers.severity == Severity.WARNING


def test_severity_override_reaches_the_findings():
    entry = Entry(msgid="In 2015.", msgstr="2016年。", line=1)
    findings = run_checks([entry], CTX, resolve_checks(severities={"numbers": "info"}))
    assert [(f.check_id, f.severity) for f in findings] == [("numbers", Severity.INFO)]


def test_unknown_check_id_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown check id"):
        resolve_checks(enable=["no-such-check"])


def _write(path: Path, body: str, lang: str = "zh_Hans") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n"X-Source-Language: en\\n"\n\n'
    )
    path.write_text(header + body, encoding="utf-8")
    return path


def test_check_project_reads_the_project_catalogs(tmp_path):
    _write(
        tmp_path / "locales/zh_Hans/LC_MESSAGES/doc.po",
        '# l10n: ignore punctuation\nmsgid "Founded in 2015."\nmsgstr "成立于2016年"\n\n'
        'msgid "Hello."\nmsgstr "你好。"\n\nmsgid "Bye."\nmsgstr ""\n',
    )
    result = check_project(load_config(tmp_path))
    assert [(f.path, f.line, f.check_id) for f in result.findings] == [
        ("locales/zh_Hans/LC_MESSAGES/doc.po", 7, "numbers"),
        ("locales/zh_Hans/LC_MESSAGES/doc.po", 14, "untranslated"),
    ]
    assert result.summary() == {
        "catalogs": 1, "entries": 3, "errors": 2, "warnings": 0, "infos": 0, "reviewed_percent": 66.67,
    }  # fmt: skip
    assert result.failed(Severity.ERROR)


def test_languages_come_from_the_folder_header_or_project(tmp_path):
    po = _write(tmp_path / "x/doc.po", 'msgid "A"\nmsgstr "甲"\n', lang="zh_CN")
    ((path, source, target, entries),) = load_catalogs(load_config(tmp_path), [po])
    assert (path, source, target, len(entries)) == ("x/doc.po", "en", "zh-Hans", 1)


def test_a_broken_catalog_is_a_catalog_error_with_its_line(tmp_path):
    po = tmp_path / "bad.po"
    po.write_text('msgid "a"\nmsgstr "b"\nmsgstr "c" junk\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        check_project(load_config(tmp_path), [po])
    assert info.value.line is not None


def _corpus(corpus_dir: Path) -> list[Path]:
    files = sorted((corpus_dir / "po").glob("*.po"))
    if not files:
        pytest.skip("no real catalogs in the shared corpus")
    return files


def test_fast_reader_matches_polib_on_real_catalogs(corpus_dir):
    for path in _corpus(corpus_dir):
        po = read_catalog(path)
        header, entries = scan_entries(path)
        assert entries == entry_views(po, str(path)), path.name
        assert header == dict(po.metadata), path.name


def test_checks_run_on_real_catalogs_without_crashing(corpus_dir, tmp_path):
    files = _corpus(corpus_dir)
    result = check_project(load_config(tmp_path), files)
    counts = Counter(f.check_id for f in result.findings)
    assert len(result.catalogs) == len(files) and result.entries > 8000
    # The catalogs' own statistics: 3887 untranslated and 596 fuzzy entries.
    assert counts["untranslated"] == 3887 and counts["fuzzy"] == 596
    # Real translations are mostly clean: few content findings per reviewed entry.
    content = sum(n for cid, n in counts.items() if cid not in {"untranslated", "fuzzy"})
    assert content < 0.1 * result.reviewed


def test_parallel_checking_gives_exactly_the_serial_findings(tmp_path, monkeypatch):
    import shutil

    from l10n.checks import runner
    from l10n.config import load_config

    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "po"
    if not corpus.is_dir():
        pytest.skip("shared corpus not present")
    folder = tmp_path / "po"
    folder.mkdir()
    for src in sorted(corpus.glob("*.po"))[:5]:
        shutil.copy(src, folder / src.name)
    config = load_config(tmp_path)
    monkeypatch.setattr(runner, "_PARALLEL_MIN_BYTES", 10**12)
    serial = runner.check_project(config, [folder])
    monkeypatch.setattr(runner, "_PARALLEL_MIN_BYTES", 0)
    assert runner._worth_parallel(runner.find_catalogs(config, [folder]))
    parallel = runner.check_project(config, [folder])
    assert parallel.findings == serial.findings
    assert parallel.catalogs == serial.catalogs


def test_an_unreadable_catalog_in_a_worker_keeps_its_file_and_line(tmp_path, monkeypatch):
    from l10n.checks import runner
    from l10n.config import load_config
    from l10n.errors import CatalogError

    for i in range(4):
        (tmp_path / f"ok{i}.po").write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    (tmp_path / "zbad.po").write_text('msgid "a"\nmsgstr "b"\nbogus line\n', encoding="utf-8")
    monkeypatch.setattr(runner, "_PARALLEL_MIN_BYTES", 0)
    with pytest.raises(CatalogError) as info:
        runner.check_project(load_config(tmp_path), [tmp_path])
    assert info.value.path == "zbad.po" and info.value.line == 3

"""``l10n check`` through the real entry point: exit codes, formats, options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: zh_Hans\\n"\n"X-Source-Language: en\\n"\n\n'
)
CLEAN = 'msgid "Founded in 2015."\nmsgstr "成立于2015年。"\n\nmsgid "Hello."\nmsgstr "你好。"\n'
WRONG = 'msgid "It raised 1.2 billion yuan."\nmsgstr "筹集了1.2亿元。"\n'
WARN = 'msgid "Hello, world."\nmsgstr "你好,世界。"\n'
FUZZY = '#, fuzzy\nmsgid "Bye."\nmsgstr "再见。"\n'


def _project(root: Path, body: str, name: str = "doc") -> Path:
    path = root / "locales" / "zh_Hans" / "LC_MESSAGES" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def check(run_l10n, tmp_path):
    def run(*args: str):
        return run_l10n("--project", str(tmp_path), "check", *args, cwd=tmp_path)

    return run


def test_clean_project_exits_zero_with_a_summary_on_stderr(check, tmp_path):
    _project(tmp_path, CLEAN)
    code, out, err = check()
    assert (code, out) == (0, "")
    assert "1 catalog, 2 entries: 0 errors" in err


def test_error_finding_fails_the_gate_with_sorted_text_lines(check, tmp_path):
    _project(tmp_path, CLEAN + "\n" + WRONG)
    code, out, err = check()
    assert code == 1
    assert out.splitlines() == [
        "locales/zh_Hans/LC_MESSAGES/doc.po:13: error: numbers: wrong magnitude: the source has "
        "'1.2 billion' (1,200,000,000), the translation '1.2亿' (120,000,000)"
    ]


def test_warnings_fail_only_with_fail_on_warning(check, tmp_path):
    _project(tmp_path, WARN)
    assert check()[0] == 0
    assert check("--fail-on", "warning")[0] == 1


def test_disable_and_per_entry_ignore_silence_a_check(check, tmp_path):
    _project(tmp_path, WRONG)
    assert check("--disable", "numbers,length")[0] == 0
    _project(tmp_path, "# l10n: ignore numbers\n" + WRONG)
    assert check()[0] == 0


def test_unreviewed_entries_fail_the_minimum_unless_lowered(check, tmp_path):
    _project(tmp_path, CLEAN + "\n" + FUZZY)
    code, _, err = check("--disable", "fuzzy")
    assert code == 1 and "66.7% of entries are reviewed" in err
    assert check("--disable", "fuzzy", "--min-reviewed", "60")[0] == 0


def test_unknown_check_id_is_a_usage_error(check, tmp_path):
    _project(tmp_path, CLEAN)
    code, _, err = check("--enable", "no-such-check")
    assert code == 2 and "no-such-check" in err


def test_unreadable_catalog_exits_two_naming_file_and_line(check, tmp_path):
    _project(tmp_path, 'msgid "a"\nmsgstr "b"\nbroken line\n')
    code, _, err = check()
    assert code == 2
    assert err.startswith("l10n: error: ") and "doc.po:" in err


def test_json_output_parses(check, tmp_path):
    _project(tmp_path, WRONG)
    code, out, _ = check("--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["summary"]["errors"] == 1 and data["findings"][0]["check"] == "numbers"
    assert set(data["findings"][0]) == {"check", "severity", "path", "line", "msgid", "message"}


def test_junit_output_written_to_a_file_parses(check, tmp_path):
    _project(tmp_path, WRONG)
    _project(tmp_path, CLEAN, name="other")
    code, out, _ = check("--format", "junit", "-o", "report.xml")
    assert code == 1 and out == ""
    root = etree.parse(str(tmp_path / "report.xml")).getroot()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    doc = suites["locales/zh_Hans/LC_MESSAGES/doc.po"]
    assert int(doc.get("failures")) == 1 and int(doc.get("tests")) >= 1
    assert suites["locales/zh_Hans/LC_MESSAGES/other.po"].get("failures") == "0"
    failure = doc.find("testcase/failure")
    assert failure.get("message").startswith("wrong magnitude")
    assert all(c.get("classname") and c.get("name") for c in root.iter("testcase"))


def test_github_output_is_workflow_annotations(check, tmp_path):
    _project(tmp_path, WRONG + "\n" + WARN)
    code, out, _ = check("--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("::error file=locales/zh_Hans/LC_MESSAGES/doc.po,line=7,title=numbers::wrong magnitude")
    assert lines[1].startswith("::warning file=locales/zh_Hans/LC_MESSAGES/doc.po,line=10,title=punctuation::")


def test_named_catalogs_narrow_the_check(check, tmp_path):
    _project(tmp_path, WRONG)
    clean = _project(tmp_path, CLEAN, name="other")
    assert check(str(clean))[0] == 0


def test_a_folder_without_catalogs_is_exit_2_saying_where_it_looked_and_to_run_extract(check, tmp_path):
    code, out, err = check()
    assert (code, out) == (2, "")
    assert err.startswith("l10n: error: no catalogs found in locales/<lang>/LC_MESSAGES/")
    assert "l10n extract" in err and str(tmp_path) in err and len(err.splitlines()) == 1
    assert "100.0% reviewed" not in err


def test_releases_without_catalogs_ask_for_extract_and_fail_the_gate(check, tmp_path):
    (tmp_path / "source_docs" / "en").mkdir(parents=True)
    (tmp_path / "source_docs" / "en" / "note.txt").write_text("The lab opened today.\n", encoding="utf-8")
    code, _, err = check()
    assert code == 2
    assert err == "l10n: error: no catalogs found in locales/<lang>/LC_MESSAGES/; run `l10n extract` to create them from the releases\n"


def test_a_named_folder_without_po_files_is_exit_2(check, tmp_path):
    _project(tmp_path, CLEAN)
    (tmp_path / "drafts").mkdir()
    code, _, err = check("drafts")
    assert code == 2 and err.startswith("l10n: error: no catalogs (.po files) in drafts;")


def test_an_ignore_comment_with_a_misspelt_check_id_is_a_warning_naming_the_closest_id(check, tmp_path):
    _project(tmp_path, "# l10n: ignore numbrs\n" + WRONG)
    code, out, _ = check("--disable", "numbers")
    assert code == 0
    assert out == (
        "locales/zh_Hans/LC_MESSAGES/doc.po:7: warning: ignore-comment: '# l10n: ignore numbrs' names no "
        "known check, so nothing is ignored; did you mean 'numbers'? `l10n list checks` lists the ids\n"
    )
    assert check("--disable", "numbers", "--fail-on", "warning")[0] == 1


def test_an_ignore_comment_with_known_ids_reports_nothing(check, tmp_path):
    _project(tmp_path, "# l10n: ignore numbers, length\n" + WRONG)
    assert check() == (0, "", "1 catalog, 1 entry: 0 errors, 0 warnings, 0 infos; 100.0% reviewed\n")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--min-reviewed", "150"], "--min-reviewed: 150 is not in the range 0<=x<=100 (see l10n check --help)"),
        (["--fail-on", "fatal"], "--fail-on: 'fatal' is not one of 'error', 'warning', 'info' (see l10n check --help)"),
        (["--format", "xml"], "--format: 'xml' is not one of 'text', 'json', 'junit', 'github' (see l10n check --help)"),
        (["--bogus"], "no such option '--bogus' (see l10n check --help)"),
        (["--min-reviewed"], "option '--min-reviewed' requires an argument (see l10n check --help)"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(check, tmp_path, args, line):
    _project(tmp_path, CLEAN)
    assert check(*args) == (2, "", f"l10n: error: {line}\n")


def test_a_release_given_where_a_catalog_is_expected_is_named_as_not_a_catalog(tmp_path):
    import subprocess
    import sys

    (tmp_path / "source_docs" / "en").mkdir(parents=True)
    page = tmp_path / "source_docs" / "en" / "a.html"
    page.write_text("<!DOCTYPE html><html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    for command in ("check", "status"):
        proc = subprocess.run([sys.executable, "-m", "l10n", "--project", str(tmp_path), command, str(page)],
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 2
        assert proc.stderr.startswith("l10n: error: source_docs/en/a.html:")
        assert proc.stderr.strip().endswith("not a catalog: give .po files or folders that hold them")

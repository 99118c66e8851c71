"""Rendering check results: text, JSON, JUnit XML and GitHub annotations."""

from __future__ import annotations

import json

from lxml import etree

from l10n.checks.runner import CatalogResult, CheckResult
from l10n.model import Finding, Severity
from l10n.report import FORMATS, render, summary_line

A = "locales/en/LC_MESSAGES/a.po"
B = "locales/en/LC_MESSAGES/b.po"


def _result() -> CheckResult:
    findings = (
        Finding(check_id="numbers", severity=Severity.ERROR, message="wrong magnitude: 1,2", path=A, line=20, msgid="12亿"),
        Finding(check_id="untranslated", severity=Severity.ERROR, message="not translated", path=A, line=8, msgid="你好"),
        Finding(check_id="punctuation", severity=Severity.WARNING, message="doubled space in the translation", path=B, line=5, msgid="甲"),
        Finding(check_id="length", severity=Severity.INFO, message="the translation is unusually short", path=B, line=9, msgid="乙"),
    )
    catalogs = (
        CatalogResult(path=A, source_lang="zh-Hans", target_lang="en", entries=3, reviewed=1),
        CatalogResult(path=B, source_lang="zh-Hans", target_lang="en", entries=2, reviewed=2),
    )
    checks = tuple((c, s) for c, s in [("untranslated", Severity.ERROR), ("numbers", Severity.ERROR),
                                       ("punctuation", Severity.WARNING), ("length", Severity.INFO)])
    return CheckResult(findings=findings, catalogs=catalogs, checks=checks)


def test_text_lines_are_sorted_by_path_and_line():
    assert render(_result(), "text").splitlines() == [
        f"{A}:8: error: untranslated: not translated",
        f"{A}:20: error: numbers: wrong magnitude: 1,2",
        f"{B}:5: warning: punctuation: doubled space in the translation",
        f"{B}:9: info: length: the translation is unusually short",
    ]


def test_json_report_has_findings_and_summary():
    data = json.loads(render(_result(), "json"))
    assert data["summary"] == {"catalogs": 2, "entries": 5, "errors": 2, "warnings": 1, "infos": 1, "reviewed_percent": 60.0}
    first = data["findings"][0]
    assert first == {"check": "untranslated", "severity": "error", "path": A, "line": 8, "msgid": "你好", "message": "not translated"}


def test_junit_has_a_suite_per_catalog_and_failures_at_the_threshold():
    root = etree.fromstring(render(_result(), "junit", fail_on=Severity.WARNING).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [A, B]
    a, b = suites
    # a: two failing findings + two passing checks; b: one failure (warning) and one info kept as output.
    assert (a.get("tests"), a.get("failures")) == ("4", "2")
    assert (b.get("tests"), b.get("failures")) == ("4", "1")
    for case in root.iter("testcase"):
        assert case.get("name") and case.get("classname")
    failure = a.find("testcase/failure")
    assert failure.get("message") == "not translated" and failure.get("type") == "error"
    info_case = next(c for c in b.findall("testcase") if c.get("name").startswith("length"))
    assert info_case.find("failure") is None and "length" in info_case.findtext("system-out")
    assert root.get("failures") == "3"


def test_github_annotations_escape_properties_and_map_levels():
    lines = render(_result(), "github").splitlines()
    assert lines[0] == f"::error file={A},line=8,title=untranslated::not translated"
    assert lines[1].endswith("::wrong magnitude: 1,2")
    assert lines[3].startswith("::notice ")
    assert render_line_escape() == "::warning file=a%2Cb.po,line=1,title=x::50%25%0Anext"


def render_line_escape() -> str:
    f = Finding(check_id="x", severity=Severity.WARNING, message="50%\nnext", path="a,b.po", line=0)
    return render(CheckResult(findings=(f,), catalogs=(), checks=()), "github").strip()


def test_every_format_renders_an_empty_result():
    empty = CheckResult(findings=(), catalogs=(), checks=())
    for name in FORMATS:
        assert isinstance(render(empty, name), str)
    assert json.loads(render(empty, "json"))["summary"]["reviewed_percent"] == 100.0


def test_summary_line_counts_everything():
    assert summary_line(_result()) == "2 catalogs, 5 entries: 2 errors, 1 warning, 1 info; 60.0% reviewed"


def _json_module_text(result: CheckResult) -> str:
    data = {
        "findings": [
            {"check": f.check_id, "severity": str(f.severity), "path": f.path, "line": f.line, "msgid": f.msgid,
             "message": f.message}
            for f in sorted(result.findings, key=lambda f: f.sort_key)
        ],
        "summary": result.summary(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_json_report_is_byte_for_byte_what_the_json_module_writes():
    odd = Finding(
        check_id="markup", severity=Severity.WARNING, message='say "hi"\\ \t\x01 \u2028 ok', path='dir "x"/a.po',
        line=3, msgid="引号“”\n第二行\ud800",
    )
    full = _result()
    for result in (full, CheckResult(findings=(*full.findings, odd), catalogs=full.catalogs, checks=full.checks),
                   CheckResult(findings=(), catalogs=(), checks=())):
        assert render(result, "json") == _json_module_text(result)

"""Render check results for people and CI: text, JSON, JUnit XML, GitHub annotations.

Every renderer is a pure function ``(result, *, fail_on) -> str`` registered in
:data:`FORMATS`; none of them prints or writes files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING

from .model import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .checks.runner import CheckResult

__all__ = ["FORMATS", "render", "render_github", "render_json", "render_junit", "render_text", "summary_line"]


# The order of reports: Finding.sort_key, read by attrgetter (much faster on big runs).
_ORDER = attrgetter("path", "line", "check_id", "message")


def _sorted(findings) -> list[Finding]:
    return sorted(findings, key=_ORDER)


def _line(f: Finding) -> str:
    return f"{f.path}:{f.line}: {f.severity}: {f.check_id}: {f.message}"


def render_text(result: CheckResult, *, fail_on: Severity = Severity.INFO) -> str:
    """One ``path:line: severity: check-id: message`` line per finding, sorted."""
    return "".join([f"{f.path}:{f.line}: {f.severity}: {f.check_id}: {f.message}\n" for f in _sorted(result.findings)])


# One finding of the JSON report, as json.dumps(indent=2) lays it out at that depth.
_JSON_FINDING = (
    '    {\n      "check": %s,\n      "severity": %s,\n      "path": %s,\n      "line": %s,\n'
    '      "msgid": %s,\n      "message": %s\n    }'
)


def render_json(result: CheckResult, *, fail_on: Severity = Severity.INFO) -> str:
    """``{"findings": [...], "summary": {...}}`` with stable key order.

    The text is exactly ``json.dumps(data, ensure_ascii=False, indent=2)`` plus a
    newline. With ``indent`` the json module uses its pure-Python encoder, slow on tens
    of thousands of findings; here its C string encoder writes each value and one
    ``%`` formatting lays them all out (a single copy of what may be megabytes).
    """
    enc = json.encoder.encode_basestring  # json.dumps's own, with ensure_ascii=False
    findings = _sorted(result.findings)
    levels = {s: enc(str(s)) for s in Severity}
    known: dict[str, str] = {}

    def cached(text: str) -> str:  # ids and paths repeat
        out = known.get(text)
        if out is None:
            out = known[text] = enc(text)
        return out

    values = [
        value
        for f in findings
        for value in (
            cached(f.check_id), levels[f.severity], cached(f.path), int.__repr__(f.line), enc(f.msgid), enc(f.message)
        )
    ]
    summary = json.dumps(result.summary(), ensure_ascii=False, indent=2).replace("\n", "\n  ").replace("%", "%%")
    body = "[\n" + ",\n".join([_JSON_FINDING] * len(findings)) + "\n  ]" if findings else "[]"
    return ('{\n  "findings": ' + body + ',\n  "summary": ' + summary + "\n}\n") % tuple(values)


def render_junit(result: CheckResult, *, fail_on: Severity = Severity.INFO) -> str:
    """JUnit XML: a ``testsuite`` per catalog, a ``testcase`` per check that passed and
    one per finding (with a ``failure``) for checks that did not.

    Findings below ``fail_on`` are passing test cases with the finding in ``system-out``,
    so CI reporters show them without marking the run failed.
    """
    from lxml import etree

    by_path: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    root = etree.Element("testsuites", name="l10n check")
    total_tests = total_failures = 0
    paths = [c.path for c in result.catalogs] + sorted(set(by_path) - {c.path for c in result.catalogs})
    for path in paths:
        found = _sorted(by_path.get(path, []))
        suite = etree.SubElement(root, "testsuite", name=path)
        classname = "l10n." + path.replace("/", ".").removesuffix(".po")
        tests = failures = 0
        by_check: dict[str, list[Finding]] = {}
        for f in found:
            by_check.setdefault(f.check_id, []).append(f)
        ids = [cid for cid, _sev in result.checks] + sorted(set(by_check) - {cid for cid, _ in result.checks})
        for check_id in ids:
            items = by_check.get(check_id)
            if not items:
                etree.SubElement(suite, "testcase", name=check_id, classname=classname, time="0")
                tests += 1
                continue
            for f in items:
                case = etree.SubElement(
                    suite, "testcase", name=f"{check_id} (line {f.line})", classname=classname,
                    file=path, line=str(f.line), time="0",
                )  # fmt: skip
                tests += 1
                if f.severity >= fail_on:
                    failure = etree.SubElement(case, "failure", message=f.message, type=str(f.severity))
                    failure.text = f"{_line(f)}\nmsgid: {f.msgid}"
                    failures += 1
                else:
                    out = etree.SubElement(case, "system-out")
                    out.text = _line(f)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("time", "0")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult, *, fail_on: Severity = Severity.INFO) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,title=...::message``."""
    lines = []
    for f in _sorted(result.findings):
        level = _GITHUB_LEVEL[f.severity]
        props = f"file={_gh_property(f.path)},line={max(f.line, 1)},title={_gh_property(f.check_id)}"
        lines.append(f"::{level} {props}::{_gh_data(f.message)}\n")
    return "".join(lines)


FORMATS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "github": render_github,
}


def render(result: CheckResult, fmt: str = "text", *, fail_on: Severity = Severity.INFO) -> str:
    """Render in one of :data:`FORMATS`; raises ``KeyError`` for an unknown format."""
    return FORMATS[fmt](result, fail_on=fail_on)


def summary_line(result: CheckResult) -> str:
    """``3 catalogs, 120 entries: 2 errors, 5 warnings, 1 info; 97.5% reviewed``."""

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return (
        f"{n(len(result.catalogs), 'catalog')}, {n(result.entries, 'entry').replace('entrys', 'entries')}: "
        f"{n(result.errors, 'error')}, {n(result.warnings, 'warning')}, {n(result.infos, 'info')}; "
        f"{result.reviewed_percent:.1f}% reviewed"
    )

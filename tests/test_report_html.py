"""``l10n report``: the static HTML page for editors, checked as markup and in a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from l10n.catalog import entry_views, read_catalog
from l10n.cli import cli
from l10n.config import load_config
from l10n.glossary.base import Concept, Glossary, Term
from l10n.model import Entry, Finding, Severity
from l10n.report_html import (
    OriginCounts,
    origin_counts,
    render_html_report,
    reviewed_origin,
    write_html_report,
)
from l10n.suggest.cache import open_cache, text_digest

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: demo\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Document-Id: {doc}\\n"
"X-Source-Language: {src}\\n"

"""

# An English release translated into Chinese: every state and every origin once or more.
ZH_CATALOG = HEADER.format(lang="zh_Hans", doc="harbour-lab", src="en") + """\
#. heading
#: source_docs/en/harbour-lab.txt:1
msgid "Harbour lab opens"
msgstr "海港实验室开放"

#. suggestion: mt opus-mt-en-zh
#: source_docs/en/harbour-lab.txt:3
msgid "The lab studies tides."
msgstr "该实验室研究潮汐。"

#. suggestion: tm 92% river-station
#: source_docs/en/harbour-lab.txt:3
msgid "It was founded in 2019."
msgstr "它成立于2019年。"

#. suggestion: mt opus-mt-en-zh
#: source_docs/en/harbour-lab.txt:4
msgid "Visitors are welcome on Fridays."
msgstr "欢迎<script>alert('x')</script>周五参观。"

#. suggestion: mt opus-mt-en-zh
#, fuzzy
#: source_docs/en/harbour-lab.txt:5
msgid "The Tide Fellowship funds ten students."
msgstr "潮汐奖学金资助十名学生。"

#: source_docs/en/harbour-lab.txt:6
msgid "Contact the press office."
msgstr ""

#~ msgid "An old sentence."
#~ msgstr "一句旧话。"
"""

# A Chinese release translated into English.
EN_CATALOG = HEADER.format(lang="en", doc="river-station", src="zh-Hans") + """\
#: source_docs/zh-Hans/river-station.txt:1
msgid "河流观测站落成"
msgstr "River station completed"

#. suggestion: tm 100% harbour-lab
#: source_docs/zh-Hans/river-station.txt:3
msgid "潮汐奖学金支持青年学者。"
msgstr "The Tide Fellowship supports young scholars."

#: source_docs/zh-Hans/river-station.txt:4
msgid "观测站位于河口。"
msgstr ""

#: source_docs/zh-Hans/river-station.txt:5
msgid "潮汐奖学金今年扩大。"
msgstr "The tidal bursary grows this year."
"""

PYPROJECT = """\
[project]
name = "demo-releases"

[tool.l10n]
languages = ["en", "zh-Hans"]
project-id = "demo <press> & co"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with two catalogs (zh-Hans and en) written as PO text."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for lang, doc, text in (("zh_Hans", "harbour-lab", ZH_CATALOG), ("en", "river-station", EN_CATALOG)):
        folder = tmp_path / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / f"{doc}.po").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def glossary() -> Glossary:
    """One concept: Tide Fellowship = 潮汐奖学金, with a forbidden English form."""
    return Glossary(
        [
            Concept(
                id="tide-fellowship",
                terms={
                    "en": (Term(text="Tide Fellowship", lang="en"),
                           Term(text="tidal bursary", lang="en", status="forbidden")),
                    "zh-Hans": (Term(text="潮汐奖学金", lang="zh-Hans"),),
                },
            )
        ]
    )


def entry_line(project: Path, rel: str, msgid: str) -> int:
    """The line number ``entry_views`` reports for a msgid (as checks put it in findings)."""
    views = entry_views(read_catalog(project / rel), rel)
    return next(v.line for v in views if v.msgid == msgid)


def findings_for(project: Path) -> list[Finding]:
    """A hand-made set of findings across two checks and both catalogs."""
    zh = "locales/zh_Hans/LC_MESSAGES/harbour-lab.po"
    en = "locales/en/LC_MESSAGES/river-station.po"
    return [
        Finding(check_id="untranslated", severity=Severity.ERROR, message="no translation yet",
                path=zh, line=entry_line(project, zh, "Contact the press office."), msgid="Contact the press office."),
        Finding(check_id="untranslated", severity=Severity.ERROR, message="no translation yet",
                path=en, line=entry_line(project, en, "观测站位于河口。"), msgid="观测站位于河口。"),
        Finding(check_id="end-punctuation", severity=Severity.WARNING, message="ends without 。 <b>",
                path=zh, line=entry_line(project, zh, "Visitors are welcome on Fridays."),
                msgid="Visitors are welcome on Fridays."),
        Finding(check_id="glossary", severity=Severity.ERROR,
                message="'潮汐奖学金' should be translated as 'Tide Fellowship'", path=en,
                line=entry_line(project, en, "潮汐奖学金今年扩大。"), msgid="潮汐奖学金今年扩大。"),
    ]


def status_json(project: Path) -> dict:
    result = CliRunner().invoke(cli, ["--project", str(project), "status", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def run_report(project: Path, *args: str) -> tuple[Path, str]:
    result = CliRunner().invoke(cli, ["--project", str(project), "report", *args])
    assert result.exit_code == 0, result.output
    return Path(result.output.strip()), result.output


def counts(row, names=("reviewed", "suggested", "untranslated", "total", "obsolete")) -> dict[str, int]:
    return {name: int(row.find_class(f"n-{name}")[0].text_content()) for name in names}


# --------------------------------------------------------------------------- provenance


def test_reviewed_entries_are_counted_by_the_origin_of_their_suggestion():
    entries = [
        Entry(msgid="a", msgstr="x", auto_comment="paragraph\nsuggestion: mt opus-mt-en-zh"),
        Entry(msgid="b", msgstr="x", auto_comment="suggestion: tm 86% doc"),
        Entry(msgid="c", msgstr="x", auto_comment="heading"),
        Entry(msgid="d", msgstr="x", auto_comment="suggestion: mt m", fuzzy=True),
        Entry(msgid="e", msgstr="", auto_comment="suggestion: mt m"),
        Entry(msgid="f", msgstr="x", auto_comment="suggestion: tm 100% doc", obsolete=True),
        Entry(msgid="g", msgstr="rewritten", auto_comment="suggestion: mt m"),
        Entry(msgid="h", msgstr="x", msgctxt="caption", auto_comment="suggestion: mt m"),
    ]
    written = {("", m): text_digest("x") for m in "abdefg"} | {("caption", "h"): text_digest("x")}
    assert [reviewed_origin(e, written) for e in entries] == ["mt", "tm", "human", None, None, None, "edited", "mt"]
    assert origin_counts(entries, written) == OriginCounts(human=1, tm=1, mt=2, edited=1)


def test_without_a_record_of_the_suggestion_its_acceptance_is_unknown():
    entries = [
        Entry(msgid="a", msgstr="x", auto_comment="suggestion: mt opus-mt-en-zh"),
        Entry(msgid="b", msgstr="x", auto_comment="suggestion: tm 86% doc"),
        Entry(msgid="c", msgstr="x", auto_comment="heading"),
    ]
    assert origin_counts(entries) == OriginCounts(human=1, unknown=2)
    assert origin_counts(entries, {("", "b"): text_digest("x")}) == OriginCounts(human=1, tm=1, unknown=1)


# --------------------------------------------------------------------------- the page as markup


def test_progress_bars_show_the_same_numbers_as_status_json(project):
    out, printed = run_report(project, "-o", str(project / "out" / "report.html"))
    assert out == project / "out" / "report.html"
    doc = lxml.html.fromstring(out.read_bytes())
    data = status_json(project)
    rows = {r.get("data-path"): r for r in doc.find_class("progress-row")}
    assert set(rows) == {c["path"] for c in data["catalogs"]}
    for cat in data["catalogs"]:
        row = rows[cat["path"]]
        assert row.get("data-language") == cat["language"]
        assert counts(row) == {k: cat[k] for k in ("reviewed", "suggested", "untranslated", "total", "obsolete")}
        assert len(row.find_class("bar")) == 1
        segs = {s.get("class").split()[1]: s.get("style") for s in row.find_class("seg")}
        assert set(segs) == {k for k in ("reviewed", "suggested", "untranslated") if cat[k]}
    total = doc.find_class("progress-total")[0]
    assert counts(total) == {k: data["totals"][k] for k in ("reviewed", "suggested", "untranslated", "total", "obsolete")}
    assert data["totals"]["reviewed"] == 7 and data["totals"]["suggested"] == 1 and data["totals"]["untranslated"] == 2


ZH_PATH = "locales/zh_Hans/LC_MESSAGES/harbour-lab.po"
EN_PATH = "locales/en/LC_MESSAGES/river-station.po"
ORIGINS = ("reviewed", "human", "tm", "mt", "edited", "unknown")


def record_suggestions(project: Path, catalog: str, rows: list[tuple[str, str]]) -> None:
    """Write ``.l10n/cache.sqlite`` as `l10n suggest` leaves it: the text written for each msgid."""
    with open_cache(project / ".l10n" / "cache.sqlite") as cache:
        cache.record_written(catalog, [(None, msgid, text) for msgid, text in rows])


def test_reviewed_share_by_origin_is_shown_per_catalog_and_in_total(project):
    record_suggestions(project, ZH_PATH, [
        ("The lab studies tides.", "该实验室研究潮汐。"),
        ("It was founded in 2019.", "它成立于2019年。"),
        # What MT wrote; the reviewer removed the markup before clearing the fuzzy flag.
        ("Visitors are welcome on Fridays.", "欢迎周五参观。"),
    ])
    record_suggestions(project, EN_PATH, [("潮汐奖学金支持青年学者。", "The Tide Fellowship supports young scholars.")])
    out, _ = run_report(project)
    doc = lxml.html.fromstring(out.read_bytes())
    rows = {r.get("data-path"): r for r in doc.find_class("origin-row")}
    zh = counts(rows[ZH_PATH], ORIGINS)
    en = counts(rows[EN_PATH], ORIGINS)
    assert zh == {"reviewed": 4, "human": 1, "tm": 1, "mt": 1, "edited": 1, "unknown": 0}
    assert en == {"reviewed": 3, "human": 2, "tm": 1, "mt": 0, "edited": 0, "unknown": 0}
    total = doc.find_class("origin-total")[0]
    assert counts(total, ORIGINS) == {"reviewed": 7, "human": 3, "tm": 2, "mt": 1, "edited": 1, "unknown": 0}
    assert total.find_class("n-share")[0].text_content() == "57.1%"
    assert "unknown whether edited" in doc.get_element_by_id("origins").text_content()


def test_a_rewritten_mt_suggestion_is_not_counted_as_accepted_machine_translation(project):
    record_suggestions(project, ZH_PATH, [
        ("The lab studies tides.", "实验室研究潮水。"),
        ("Visitors are welcome on Fridays.", "欢迎<script>alert('x')</script>周五参观。"),
    ])
    out, _ = run_report(project)
    row = {r.get("data-path"): r for r in lxml.html.fromstring(out.read_bytes()).find_class("origin-row")}[ZH_PATH]
    assert counts(row, ORIGINS) == {"reviewed": 4, "human": 1, "tm": 0, "mt": 1, "edited": 1, "unknown": 1}


def test_without_the_mt_cache_the_report_says_unknown_instead_of_claiming_acceptance(project):
    out, _ = run_report(project)
    doc = lxml.html.fromstring(out.read_bytes())
    total = doc.find_class("origin-total")[0]
    assert counts(total, ORIGINS) == {"reviewed": 7, "human": 3, "tm": 0, "mt": 0, "edited": 0, "unknown": 4}
    note = doc.get_element_by_id("origins").find_class("note")[0].text_content()
    assert ".l10n/cache.sqlite" in note and "4 reviewed suggestion(s)" in note
    assert not (project / ".l10n").exists()


def test_report_defaults_to_build_report_html_and_prints_the_path(project):
    out, printed = run_report(project)
    assert out == (project / "build" / "report.html").resolve()
    assert printed == f"{out}\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_running_the_report_twice_changes_nothing(project):
    config = load_config(project)
    out = project / "build" / "report.html"
    write_html_report(config, out=out, glossary=None)
    first = out.read_bytes()
    stamp = out.stat().st_mtime_ns
    write_html_report(config, out=out, glossary=None)
    assert out.read_bytes() == first
    assert out.stat().st_mtime_ns == stamp
    assert render_html_report(config, findings=findings_for(project)) == render_html_report(
        config, findings=list(reversed(findings_for(project)))
    )


def test_the_page_loads_nothing_from_outside(project):
    out, _ = run_report(project)
    doc = lxml.html.fromstring(out.read_bytes())
    assert not doc.xpath("//link | //img | //iframe | //object | //embed | //script[@src] | //*[@srcset]")
    assert not [h for h in doc.xpath("//@href") if not h.startswith("#")]
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp
    assert "http" not in "".join(doc.xpath("//style/text()"))


def test_findings_are_grouped_by_check_and_release_with_source_and_translation(project):
    config = load_config(project)
    doc = lxml.html.fromstring(render_html_report(config, findings=findings_for(project), run_checks=False))
    checks = [s.get("data-check") for s in doc.xpath("//section[@class='check']")]
    # Errors first (glossary, untranslated), then warnings; ids alphabetical within a severity.
    assert checks == ["glossary", "untranslated", "end-punctuation"]
    untranslated = doc.get_element_by_id("check-untranslated")
    releases = [h.text_content() for h in untranslated.xpath(".//h4")]
    assert releases == ["harbour-lab → zh-Hans 1", "river-station → en 1"]
    rows = doc.xpath("//tr[contains(@class, 'finding')]")
    assert len(rows) == 4
    punct = doc.get_element_by_id("check-end-punctuation").find_class("finding")[0]
    assert punct.find_class("src")[0].text_content() == "Visitors are welcome on Fridays."
    assert punct.find_class("tgt")[0].text_content() == "欢迎<script>alert('x')</script>周五参观。"
    assert punct.find_class("msg")[0].text_content() == "ends without 。 <b>"
    empty = untranslated.find_class("finding")[0]
    assert empty.find_class("tgt")[0].text_content() == "(no translation)"


def test_text_from_catalogs_and_findings_is_escaped(project):
    config = load_config(project)
    page = render_html_report(config, findings=findings_for(project), run_checks=False)
    doc = lxml.html.fromstring(page)
    assert len(doc.xpath("//script")) == 1  # only the report's own filter script
    assert "alert" not in doc.xpath("//script")[0].text
    assert not doc.xpath("//main//b")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    header = doc.xpath("//header/h1")[0]
    assert header.text_content() == "Localisation report: demo <press> & co"


def test_glossary_findings_mark_the_source_term_and_the_expected_translation(project, glossary):
    config = load_config(project)
    doc = lxml.html.fromstring(render_html_report(config, glossary=glossary, findings=findings_for(project),
                                                  run_checks=False))
    row = doc.get_element_by_id("check-glossary").find_class("finding")[0]
    marks = row.find_class("src")[0].xpath(".//mark")
    assert [m.text_content() for m in marks] == ["潮汐奖学金"]
    assert marks[0].get("title") == "glossary: Tide Fellowship"
    expected = row.find_class("expect")
    assert [e.text_content() for e in expected] == ["Tide Fellowship"]
    assert "present" not in expected[0].get("class")
    forbidden = row.xpath(".//td[contains(@class, 'tgt')]//mark[@class='forbidden']")
    assert [m.text_content() for m in forbidden] == ["tidal bursary"]
    # Other checks' rows are not decorated with glossary marks.
    other = doc.get_element_by_id("check-end-punctuation")
    assert not other.xpath(".//mark")


def test_findings_come_from_the_checks_stage_when_it_is_installed(project):
    from l10n.report_html import _find_check_project

    check_project = _find_check_project()
    if check_project is None:
        pytest.skip("the checks stage (check_project) is not installed yet")
    expected = check_project(load_config(project)).findings
    out, _ = run_report(project)
    doc = lxml.html.fromstring(out.read_bytes())
    shown = doc.xpath("//tr[contains(@class, 'finding')]")
    assert expected, "the sample project has untranslated and fuzzy entries"
    assert len(shown) == len(expected)
    assert sorted(r.get("data-check") for r in shown) == sorted(f.check_id for f in expected)


def test_report_marks_glossary_violations_found_by_the_checks_stage(project):
    from l10n.report_html import _find_check_project

    if _find_check_project() is None:
        pytest.skip("the checks stage (check_project) is not installed yet")
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.csv").write_text(
        "en,zh-Hans,en:forbidden\nTide Fellowship,潮汐奖学金,tidal bursary\n", encoding="utf-8"
    )
    out, _ = run_report(project)
    doc = lxml.html.fromstring(out.read_bytes())
    rows = doc.get_element_by_id("check-glossary").find_class("finding")
    row = next(r for r in rows if "tidal bursary" in r.find_class("tgt")[0].text_content())
    assert [m.text_content() for m in row.find_class("src")[0].xpath(".//mark")] == ["潮汐奖学金"]
    assert [e.text_content() for e in row.find_class("expect")] == ["Tide Fellowship"]
    assert [m.text_content() for m in row.xpath(".//mark[@class='forbidden']")] == ["tidal bursary"]


def test_an_empty_project_gets_a_page_that_says_so(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.l10n]\n", encoding="utf-8")
    doc = lxml.html.fromstring(render_html_report(load_config(tmp_path), findings=[], run_checks=False))
    assert "No catalogs found" in doc.get_element_by_id("progress").text_content()
    assert "No open findings" in doc.get_element_by_id("findings").text_content()


# --------------------------------------------------------------------------- a real browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
         f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=60, check=False,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_headless_chromium_renders_the_report_with_the_status_numbers(project, tmp_path_factory):
    out, _ = run_report(project)
    url = out.resolve().as_uri()
    work = tmp_path_factory.mktemp("chromium")
    shot = work / "shot.png"
    proc = chromium(work / "profile", f"--screenshot={shot}", "--window-size=1200,1600", url)
    assert shot.is_file(), proc.stderr.decode(errors="replace")[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000

    proc = chromium(work / "profile", "--dump-dom", url)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom = lxml.html.fromstring(proc.stdout)
    data = status_json(project)
    rows = {r.get("data-path"): r for r in dom.find_class("progress-row")}
    for cat in data["catalogs"]:
        assert counts(rows[cat["path"]], ("reviewed", "suggested", "untranslated")) == {
            k: cat[k] for k in ("reviewed", "suggested", "untranslated")
        }
    assert counts(dom.find_class("progress-total")[0], ("reviewed", "suggested", "untranslated")) == {
        k: data["totals"][k] for k in ("reviewed", "suggested", "untranslated")
    }

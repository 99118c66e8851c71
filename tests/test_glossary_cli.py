"""``l10n glossary check|import|export|list|suggest`` on a small project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from l10n.cli import main
from l10n.glossary import load_glossary

DATA = Path(__file__).resolve().parent / "data" / "glossary"


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "zh-Hans"]\n', encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    shutil.copy(DATA / "terms.csv", tmp_path / "glossary" / "terms.csv")
    for rel in ("en/release.po", "en/update.po", "zh_Hans/release-en.po"):
        lang, name = rel.split("/")
        dest = tmp_path / "locales" / lang / "LC_MESSAGES"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / "catalogs" / rel, dest / name)
    return tmp_path


def run(project: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--project", str(project), "glossary", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("sub", ["check", "import", "export", "list", "suggest"])
def test_every_subcommand_has_help(project, capsys, sub):
    code, out, _ = run(project, sub, "--help", capsys=capsys)
    assert code == 0 and "Example" in out


def test_check_prints_sorted_findings_and_fails(project, capsys):
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 12
    assert lines[0].startswith("locales/en/LC_MESSAGES/release.po:14: warning: glossary-consistency: ")
    assert "locales/en/LC_MESSAGES/release.po:18: error: glossary: term \"千人计划\"" in out
    assert "9 errors, 3 warnings" in err


def test_check_json_has_findings_and_summary(project, capsys):
    code, out, _ = run(project, "check", "--format", "json",
                       str(project / "locales" / "zh_Hans" / "LC_MESSAGES" / "release-en.po"), capsys=capsys)
    data = json.loads(out)
    assert code == 1
    assert [f["line"] for f in data["findings"]] == [18, 25, 38]
    assert set(data["findings"][0]) == {"check", "severity", "path", "line", "msgid", "message"}
    assert data["summary"]["errors"] == 3 and data["summary"]["catalogs"] == 1


def test_check_passes_on_a_clean_catalog(project, capsys):
    clean = project / "locales" / "en" / "LC_MESSAGES" / "clean.po"
    clean.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                     'msgid "建设5G网络。"\nmsgstr "Building 5G networks."\n', encoding="utf-8")
    code, out, _ = run(project, "check", str(clean), capsys=capsys)
    assert code == 0 and out == ""


def test_a_broken_glossary_is_a_usage_error(project, capsys):
    (project / "glossary" / "bad.tbx").write_text("<martif><text>", encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 2
    assert "l10n: error: " in err and "bad.tbx:1: malformed XML" in err


def test_export_and_import_round_trip_through_tbx(project, tmp_path, capsys):
    code, out, _ = run(project, "export", "--format", "tbx", capsys=capsys)
    assert code == 0 and out.startswith("<?xml") and "conceptEntry" in out
    tbx = tmp_path / "exported" / "all.tbx"
    code, _, _ = run(project, "export", "--format", "tbx", "-o", str(tbx), capsys=capsys)
    assert code == 0 and tbx.read_text(encoding="utf-8") == out
    code, csv_out, _ = run(project, "export", "--format", "csv", capsys=capsys)
    assert csv_out.splitlines()[0].startswith("id,en,en:admitted,en:forbidden,zh-Hans")
    # Replacing the CSV by its TBX export keeps the glossary identical.
    before = load_glossary(project / "glossary")
    (project / "glossary" / "terms.csv").unlink()
    code, _, err = run(project, "import", str(tbx), "--name", "terms", capsys=capsys)
    assert code == 0 and "imported 12 concept(s) in glossary/terms.tbx" in err
    assert load_glossary(project / "glossary") == before
    code, _, err = run(project, "import", str(tbx), "--name", "terms", capsys=capsys)
    assert "unchanged" in err


def test_import_adds_a_file_and_rejects_conflicts(project, tmp_path, capsys):
    extra = tmp_path / "extra.csv"
    extra.write_text("en,zh-Hans\nwafer,晶圆\n", encoding="utf-8")
    code, _, _ = run(project, "import", str(extra), capsys=capsys)
    assert code == 0 and (project / "glossary" / "extra.csv").is_file()
    assert len(load_glossary(project / "glossary")) == 13
    clash = tmp_path / "clash.csv"
    clash.write_text("en,zh-Hans\nincubator,育成中心\n", encoding="utf-8")
    code, _, err = run(project, "import", str(clash), capsys=capsys)
    assert code == 2 and "conflicting concepts" in err
    assert not (project / "glossary" / "clash.csv").exists()


def test_import_of_a_weblate_csv_needs_languages(project, corpus_dir, tmp_path, capsys):
    path = corpus_dir / "glossary" / "compcon_weblate_glossary.en.csv"
    code, _, err = run(project, "import", str(path), capsys=capsys)
    assert code == 2 and "--source-lang" in err
    # The real file repeats targets for different sources: a clear conflict, nothing written.
    code, _, err = run(project, "import", str(path), "--source-lang", "en", "--target-lang", "zh-Hans",
                       capsys=capsys)
    assert code == 2 and "compcon_weblate_glossary.en.csv:44: conflicting concepts" in err
    assert not (project / "glossary" / "compcon_weblate_glossary.en.csv").exists()
    weblate = tmp_path / "weblate.csv"
    weblate.write_text('"source","target","explanation","flags"\n"Pilot","飞行员","a person",""\n'
                       '"Mech","Mech","","read-only"\n"Frame","骨架","","forbidden"\n', encoding="utf-8")
    code, _, _ = run(project, "import", str(weblate), "--source-lang", "en", "--target-lang", "zh-Hans",
                     capsys=capsys)
    assert code == 0
    imported = load_glossary(project / "glossary" / "weblate.csv")
    pilot, mech, frame = imported.concepts
    assert imported.preferred(pilot, "zh-Hans") == "飞行员" and pilot.note == "a person"
    assert mech.do_not_translate
    assert imported.forbidden(frame, "zh-Hans") == ["骨架"]


def test_list_shows_terms_per_language(project, capsys):
    code, out, _ = run(project, "list", capsys=capsys)
    assert code == 0
    first = out.splitlines()[0].split("\t")
    assert first[:3] == ["thousand-talent", "en: Thousand-Talent Program (Thousand Talents Program) not: 1000 Talents Plan",
                         "zh-Hans: 千人计划 not: 千人计划项目"]
    code, out, _ = run(project, "list", "--lang", "zh_Hans", capsys=capsys)
    assert "en:" not in out and "five-g\tzh-Hans: 5G\t[do-not-translate]" in out


def test_suggest_prints_a_csv_table(project, capsys):
    code, out, err = run(project, "suggest", "--min-count", "1", capsys=capsys)
    assert code == 0
    assert out.splitlines()[0] == "en,zh-Hans,status,note"
    assert "zh-Hans,en,status,note" in out
    assert "proposal(s) for zh-Hans -> en" in err


# --------------------------------------------------------------------------- import safety


def test_import_refuses_to_replace_a_different_file_of_the_same_name(project, tmp_path, capsys):
    before = (project / "glossary" / "terms.csv").read_bytes()
    other = tmp_path / "elsewhere" / "terms.csv"
    other.parent.mkdir()
    other.write_text("en,zh-Hans\nwafer,晶圆\n", encoding="utf-8")
    code, _, err = run(project, "import", str(other), capsys=capsys)
    assert code == 2 and "already exists" in err and "--name" in err
    assert len(err.strip().splitlines()) == 1
    assert (project / "glossary" / "terms.csv").read_bytes() == before
    code, _, err = run(project, "import", str(other), "--name", "wafers", capsys=capsys)
    assert code == 0 and (project / "glossary" / "wafers.csv").is_file()


@pytest.mark.parametrize("source", ["wafer.csv", "terms.tsv"])
def test_import_with_name_or_tsv_suffix_never_replaces_an_existing_csv(project, tmp_path, capsys, source):
    before = (project / "glossary" / "terms.csv").read_bytes()
    path = tmp_path / source
    path.write_text("en\tzh-Hans\nwafer\t晶圆\n" if source.endswith(".tsv") else "en,zh-Hans\nwafer,晶圆\n",
                    encoding="utf-8")
    args = ["--name", "terms"] if source == "wafer.csv" else []
    code, _, err = run(project, "import", str(path), *args, capsys=capsys)
    assert code == 2 and "terms.csv already exists" in err
    assert (project / "glossary" / "terms.csv").read_bytes() == before


def test_importing_an_identical_file_again_is_unchanged(project, tmp_path, capsys):
    path = tmp_path / "wafers.csv"
    path.write_text("en,zh-Hans\nwafer,晶圆\n", encoding="utf-8")
    assert run(project, "import", str(path), capsys=capsys)[0] == 0
    code, _, err = run(project, "import", str(path), capsys=capsys)
    assert code == 0 and "unchanged: 1 concept(s) in glossary/wafers.csv" in err


@pytest.mark.parametrize("content", ["", "en,zh-Hans\n", "\ufeffen,zh-Hans\r\n\r\n"])
def test_import_of_a_file_without_terms_is_refused_and_writes_nothing(project, tmp_path, capsys, content):
    path = tmp_path / "blank.csv"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(project, "import", str(path), capsys=capsys)
    assert code == 2 and f"no terms in {path}" in err
    assert not (project / "glossary" / "blank.csv").exists()
    assert run(project, "list", capsys=capsys)[0] == 0


RICH_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="pilot-line">
   <descrip type="subjectField">manufacturing</descrip>
   <descrip type="definition">A small production line for trying out a process.</descrip>
   <note>Not a person.</note>
   <langSec xml:lang="en">
    <termSec><term>pilot line</term><termNote type="partOfSpeech">noun</termNote>
     <termNote type="termType">fullForm</termNote>
     <descrip type="context">The pilot line opened in May.</descrip></termSec>
   </langSec>
   <langSec xml:lang="zh-Hans"><termSec><term>中试线</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def test_import_of_a_tbx_file_keeps_it_byte_for_byte(project, tmp_path, capsys):
    path = tmp_path / "rich.tbx"
    path.write_text(RICH_TBX, encoding="utf-8")
    code, _, err = run(project, "import", str(path), capsys=capsys)
    assert code == 0 and "warning" not in err
    assert (project / "glossary" / "rich.tbx").read_text(encoding="utf-8") == RICH_TBX
    glossary = load_glossary(project / "glossary")
    assert glossary.get("pilot-line").note == "A small production line for trying out a process."


def test_import_of_a_tbx_file_as_csv_warns_about_what_is_lost(project, tmp_path, capsys):
    path = tmp_path / "rich.tbx"
    path.write_text(RICH_TBX, encoding="utf-8")
    code, _, err = run(project, "import", str(path), "--format", "csv", capsys=capsys)
    assert code == 0 and (project / "glossary" / "rich.csv").is_file()
    warning = next(line for line in err.splitlines() if "warning" in line)
    for lost in ('<descrip type="context"> in a term', '<termNote type="termType"> in a term',
                 '<descrip type="subjectField">', "<note>", "a part of speech per term"):
        assert lost in warning


def test_export_help_does_not_promise_lossless_tbx_import(project, capsys):
    _, out, _ = run(project, "export", "--help", capsys=capsys)
    assert "not exported" in " ".join(out.split())


# --------------------------------------------------------------------------- language tags


@pytest.mark.parametrize("header", ["en,zh", "EN,ZH", "en-US,zh_CN", "en-GB,zh-cn", "English,中文"])
def test_language_variants_are_listed_under_the_project_languages(project, capsys, header):
    (project / "glossary" / "more.csv").write_text(f"{header}\nwafer,晶圆\n", encoding="utf-8")
    code, out, err = run(project, "list", capsys=capsys)
    assert code == 0 and "in 2 language(s)" in err
    assert "wafer\ten: wafer\tzh-Hans: 晶圆" in out
    code, out, _ = run(project, "export", "--format", "csv", capsys=capsys)
    assert out.splitlines()[0].startswith("id,en,en:admitted,en:forbidden,zh-Hans,")


def test_imported_csv_is_written_with_the_project_language_tags(project, tmp_path, capsys):
    path = tmp_path / "upper.csv"
    path.write_text("EN;ZH\nwafer;晶圆\n", encoding="utf-8")
    assert run(project, "import", str(path), capsys=capsys)[0] == 0
    assert (project / "glossary" / "upper.csv").read_text(encoding="utf-8").startswith("id,en,zh-Hans,")


def test_import_warns_about_ignored_columns(project, tmp_path, capsys):
    path = tmp_path / "extra.csv"
    path.write_text("en,zh-Hans,comment,source\nwafer,晶圆,thin slice,catalogue 2023\n", encoding="utf-8")
    code, _, err = run(project, "import", str(path), capsys=capsys)
    assert code == 0 and "column 'source' is not a language or a known field: ignored" in err
    assert load_glossary(project / "glossary" / "extra.csv").concepts[0].note == "thin slice"

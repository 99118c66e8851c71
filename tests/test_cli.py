"""The CLI as a user meets it: help everywhere, exit codes, one-line errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.cli import cli, main


def command_paths():
    """Every command and subcommand, as argument lists."""
    out = [[]]
    for name in cli.list_commands(None):
        command = cli.get_command(None, name)
        out.append([name])
        if hasattr(command, "list_commands"):
            out.extend([name, sub] for sub in command.list_commands(None))
    return out


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "l10n")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help(path, flag):
    result = CliRunner().invoke(cli, [*path, flag])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_all_stage_commands_are_registered():
    names = set(cli.list_commands(None))
    assert {"extract", "status"} <= names


def test_unknown_option_is_a_usage_error_with_exit_2(capsys):
    assert main(["status", "--bogus"]) == 2
    assert capsys.readouterr().err == "l10n: error: no such option '--bogus' (see l10n status --help)\n"


def test_missing_project_folder_is_exit_2_with_one_line(run_l10n, tmp_path):
    code, out, err = run_l10n("--project", str(tmp_path / "nope"), "status")
    assert code == 2
    assert err.startswith("l10n: error: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_python_dash_m_and_version(run_l10n):
    code, out, err = run_l10n("--version")
    assert code == 0 and out.startswith("l10n ")


def test_bad_config_is_exit_2_naming_the_file(run_l10n, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.l10n]\nlanguges = ['en']\n", encoding="utf-8")
    code, out, err = run_l10n("--project", str(tmp_path), "status")
    assert code == 2
    assert "pyproject.toml" in err and "languges" in err


def test_a_missing_project_folder_is_named_as_given_without_a_line_number(run_l10n, tmp_path):
    missing = tmp_path / "missing" / "folder"
    code, out, err = run_l10n("--project", str(missing), "run")
    assert (code, out) == (2, "")
    assert err == f"l10n: error: project folder {missing} does not exist; pass an existing folder to --project\n"
    assert not missing.exists()


def test_an_unknown_command_is_one_line_with_exit_2(capsys):
    assert main(["chek"]) == 2
    assert capsys.readouterr().err == "l10n: error: no such command 'chek' (see l10n --help)\n"


def test_a_bad_option_value_names_the_option_and_the_help_to_read(capsys):
    assert main(["suggest", "--threads", "0"]) == 2
    assert capsys.readouterr().err == "l10n: error: --threads: 0 is not in the range x>=1 (see l10n suggest --help)\n"


def test_report_refuses_a_folder_without_releases_or_catalogs_and_writes_nothing(run_l10n, tmp_path):
    code, _, err = run_l10n("--project", str(tmp_path), "report")
    assert code == 2 and err.startswith("l10n: error: no catalogs found in locales/<lang>/LC_MESSAGES/")
    assert list(tmp_path.iterdir()) == []


def test_report_warns_when_releases_have_no_catalogs_yet(run_l10n, tmp_path):
    (tmp_path / "source_docs" / "en").mkdir(parents=True)
    (tmp_path / "source_docs" / "en" / "note.txt").write_text("The lab opened today.\n", encoding="utf-8")
    code, _, err = run_l10n("--project", str(tmp_path), "report")
    assert code == 0
    assert "l10n: warning: no catalogs found" in err and "l10n extract" in err


REPO = Path(__file__).resolve().parent.parent
_EXAMPLE_FILE = re.compile(r"\b(?:source_docs|locales)/[\w./-]+\.(?:html|txt|md|po)\b")


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "l10n")
def test_files_named_in_help_examples_exist_in_the_repo(path):
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=200)
    named = _EXAMPLE_FILE.findall(result.output)
    assert [name for name in named if not (REPO / name).is_file()] == []


def test_a_missing_input_file_is_named_in_one_line(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "l10n", "--project", str(tmp_path), "glossary", "import", "nosuch.csv"],
                          capture_output=True, text=True, check=False, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "l10n: error: nosuch.csv: no such file or folder (see l10n glossary import --help)\n"

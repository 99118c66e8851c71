"""The CLI as a user meets it: help everywhere, exit codes, one-line errors."""

from __future__ import annotations

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
    assert "No such option" in capsys.readouterr().err


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

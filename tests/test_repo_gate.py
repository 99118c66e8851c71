"""This repository is a localisation project too: its own gate must pass, and must be able to fail."""

from __future__ import annotations

import shutil

from l10n.catalog import read_catalog, write_catalog


def test_repo_catalogs_pass_the_gate(repo_dir, run_l10n):
    code, out, err = run_l10n("--project", str(repo_dir), "check")
    assert code == 0, out + err


def test_repo_glossary_check_passes(repo_dir, run_l10n):
    code, out, err = run_l10n("--project", str(repo_dir), "glossary", "check")
    assert code == 0, out + err


def test_gate_fails_when_a_sample_catalog_is_incomplete(repo_dir, tmp_path, run_l10n):
    for name in ("source_docs", "glossary", "locales"):
        shutil.copytree(repo_dir / name, tmp_path / name)
    shutil.copy(repo_dir / "pyproject.toml", tmp_path / "pyproject.toml")
    po = sorted((tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES").glob("*.po"))[0]
    catalog = read_catalog(po)
    next(e for e in catalog if e.msgid and not e.obsolete).msgstr = ""
    write_catalog(catalog, po)
    code, out, err = run_l10n("--project", str(tmp_path), "check")
    assert code == 1
    assert "untranslated" in out

"""`l10n run`, the README's main job, on a copy of this repository's own project."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from .conftest import snapshot


@pytest.fixture
def sample_project(tmp_path, repo_dir) -> Path:
    for name in ("source_docs", "glossary", "locales"):
        if (repo_dir / name).is_dir():
            shutil.copytree(repo_dir / name, tmp_path / name)
    shutil.copy(repo_dir / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_run_builds_everything_and_a_second_run_changes_nothing(sample_project, run_l10n):
    start = time.perf_counter()
    code, out, err = run_l10n("--project", str(sample_project), "run", "--no-mt")
    first = time.perf_counter() - start
    assert code == 0, err
    assert "1/5 extract" in err and "5/5 status" in err
    assert "build/report.html" in err
    built = sorted(p.relative_to(sample_project).as_posix() for p in (sample_project / "build").rglob("*") if p.is_file())
    assert "build/en/2016-talent-incubator.html" in built
    assert "build/zh_Hans/2016-talent-program.html" in built
    assert "build/zh_Hans/2018-open-day.txt" in built
    assert "build/en/2018-lidar-platform.md" in built
    assert "build/locale/zh_Hans/LC_MESSAGES/2017-angel-fund.mo" in built
    assert "build/report.html" in built
    before = snapshot(sample_project)
    mtimes = {p: p.stat().st_mtime_ns for p in sample_project.rglob("*") if p.is_file()}
    code, out, err = run_l10n("--project", str(sample_project), "run", "--no-mt")
    assert code == 0, err
    assert snapshot(sample_project) == before
    assert {p: p.stat().st_mtime_ns for p in sample_project.rglob("*") if p.is_file()} == mtimes
    assert first < 60


def test_run_without_the_mt_extra_says_so_once_and_succeeds(sample_project, run_l10n):
    code, out, err = run_l10n("--project", str(sample_project), "run")
    assert code == 0, err
    assert err.count("MT is off") <= 1


def test_run_in_a_folder_without_releases_says_where_it_looked_and_writes_nothing(tmp_path, run_l10n):
    code, out, err = run_l10n("--project", str(tmp_path), "run")
    assert code == 2
    assert "no releases found in source_docs/en/, source_docs/zh-Hans/" in err
    assert list(tmp_path.iterdir()) == []

"""The code base stays ruff-clean (rules in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_ruff_check_is_clean(repo_dir: Path):
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    proc = subprocess.run([ruff, "check", "--quiet", "l10n", "tests", "benchmarks"], cwd=repo_dir,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr

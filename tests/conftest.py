"""Shared fixtures: the shared corpus, a CLI runner in a subprocess, GNU gettext."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir) -> Path:
    return shared_dir / "corpus"


def gnu(tool: str) -> str:
    """Path of a GNU gettext tool, or skip the test."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"GNU gettext's {tool} is not installed")
    return path


@pytest.fixture
def run_l10n():
    """Run the real ``l10n`` entry point in a subprocess: (exit code, stdout, stderr)."""

    def run(*args: str, cwd: Path | str | None = None, input: str | None = None, env: dict | None = None):
        full_env = {**os.environ, "CI": "true", "HF_HUB_OFFLINE": "1", **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "l10n", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            input=input,
            env=full_env,
            timeout=300,
        )
        return proc.returncode, proc.stdout, proc.stderr

    return run


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (to prove a command changed nothing)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

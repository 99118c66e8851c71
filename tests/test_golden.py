"""Golden files: this repository's own releases, extracted and built in both directions.

Regenerate with ``pytest tests/test_golden.py --update-golden`` and review the diff like code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.build import build_project
from l10n.config import load_config
from l10n.extract import extract_project
from l10n.glossary import load_glossary

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
REPO = Path(__file__).resolve().parents[1]
RELEASES = sorted(p.relative_to(REPO / "source_docs").as_posix() for p in (REPO / "source_docs").rglob("*.*"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    for name in ("source_docs", "glossary", "locales"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    config = load_config(root)
    extract_project(config, glossary=load_glossary(config.glossary_dir))
    build_project(config)
    return root


def outputs_of(release: str) -> list[str]:
    lang, name = release.split("/", 1)
    target = "zh_Hans" if lang == "en" else "en"
    return [f"build/{target}/{name}", f"locales/templates/{Path(name).stem}.pot"]


@pytest.mark.parametrize("release", RELEASES)
def test_release_builds_exactly_as_reviewed(built, release, update_golden):
    for rel in outputs_of(release):
        produced = (built / rel).read_bytes()
        golden = GOLDEN / rel
        if update_golden:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(produced)
            continue
        assert golden.is_file(), f"no golden file {golden}; run pytest --update-golden and review it"
        assert produced == golden.read_bytes(), f"{rel} differs from its golden file"


def test_repo_catalogs_are_what_extract_writes(built):
    """The committed catalogs are up to date: extracting again changes none of them."""
    for po in sorted((REPO / "locales").rglob("*.po*")):
        rel = po.relative_to(REPO)
        assert (built / rel).read_bytes() == po.read_bytes(), f"{rel} is stale: run `l10n extract`"

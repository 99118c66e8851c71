"""The dependency rules of STYLE.md section 1, enforced by walking each module's imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "l10n"
MODULES = sorted(PACKAGE.rglob("*.py"))


def imports_of(path: Path) -> set[str]:
    """Absolute names of everything a module imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = list(path.relative_to(PACKAGE.parent).parent.parts)
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{alias.name}" for alias in node.names)
    return out


def modules_importing(prefix: str) -> set[str]:
    found = set()
    for path in MODULES:
        if any(name == prefix or name.startswith(prefix + ".") for name in imports_of(path)):
            found.add(path.relative_to(PACKAGE.parent).as_posix())
    return found


def test_only_catalog_imports_polib():
    assert modules_importing("polib") <= {"l10n/catalog.py"}


def test_only_the_hf_engine_imports_transformers_and_torch():
    assert modules_importing("transformers") <= {"l10n/suggest/mt/hf.py"}
    assert modules_importing("torch") <= {"l10n/suggest/mt/hf.py"}


def test_only_the_ct2_engine_imports_ctranslate2():
    assert modules_importing("ctranslate2") <= {"l10n/suggest/mt/ct2.py"}


def test_only_the_html_reader_and_rebuild_touch_lxml_html():
    allowed = {"l10n/documents/html.py", "l10n/documents/html_render.py", "l10n/documents/encoding.py", "l10n/rebuild.py"}
    assert modules_importing("lxml.html") <= allowed


@pytest.mark.parametrize("name", ["model.py", "errors.py", "lang.py"])
def test_base_modules_import_nothing_from_the_package(name):
    assert not {m for m in imports_of(PACKAGE / name) if m.startswith("l10n")}


def test_nothing_imports_the_cli():
    offenders = {
        p.relative_to(PACKAGE.parent).as_posix()
        for p in MODULES
        if p.name != "__main__.py" and "cli" not in p.relative_to(PACKAGE).parts[:1] and any(n.startswith("l10n.cli") for n in imports_of(p))
    }
    assert not offenders


def test_import_l10n_is_light():
    code = "import sys, l10n, l10n.cli; bad = [m for m in ('torch', 'transformers', 'ctranslate2', 'polib') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

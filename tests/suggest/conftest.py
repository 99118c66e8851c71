"""Fixtures for stage 4: a deterministic test-double engine, PO writers, tiny local MT models."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest

from l10n.config import load_config


class DoubleEngine:
    """A deterministic MT engine for tests: looks texts up in a table of n-best lists.

    Unknown texts come back as ``"MT(" + text + ")"``. Every call is recorded.
    """

    id: ClassVar[str] = "double"
    title: ClassVar[str] = "test double"

    def __init__(self, table: dict[str, list[str]] | None = None, *, model: str = "double/model", revision: str = "r1"):
        self.table = dict(table or {})
        self.model = model
        self._revision = revision
        self.calls: list[tuple[list[str], str, str, int]] = []
        self.batch_size = 16

    def revision(self) -> str:
        return self._revision

    def translate_batch(self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1) -> list[list[str]]:
        self.calls.append((list(texts), source, target, n_best))
        return [list(self.table.get(t, [f"MT({t})"]))[:n_best] for t in texts]

    @property
    def translated(self) -> list[str]:
        return [t for texts, *_ in self.calls for t in texts]


@pytest.fixture
def double_engine():
    return DoubleEngine


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po_text(entries, *, lang: str = "en", source_lang: str = "zh-Hans", doc_id: str = "doc") -> str:
    """PO text from dicts: msgid, msgstr, fuzzy, obsolete, comment (auto), tcomment, msgctxt."""
    out = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: test\\n"',
        f'"Language: {lang.replace("-", "_")}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        f'"X-Source-Language: {source_lang}\\n"',
        f'"X-Document-Id: {doc_id}\\n"',
        "",
    ]
    for e in entries:
        prefix = "#~ " if e.get("obsolete") else ""
        for line in e.get("tcomment", "").splitlines():
            out.append(f"# {line}")
        for line in e.get("comment", "").splitlines():
            out.append(f"#. {line}")
        if not e.get("obsolete"):
            out.append(f"#: source.html:{e.get('line', 1)}")
        if e.get("fuzzy"):
            out.append("#, fuzzy")
        if e.get("msgctxt"):
            out.append(f"{prefix}msgctxt {_quote(e['msgctxt'])}")
        out.append(f"{prefix}msgid {_quote(e['msgid'])}")
        out.append(f"{prefix}msgstr {_quote(e.get('msgstr', ''))}")
        out.append("")
    return "\n".join(out)


class Project:
    """A throw-away project folder with helpers to write and read catalogs."""

    def __init__(self, root: Path):
        self.root = root
        (root / "source_docs" / "zh-Hans").mkdir(parents=True)
        (root / "source_docs" / "en").mkdir(parents=True)

    @property
    def config(self):
        return load_config(self.root)

    def catalog(self, doc_id: str, lang: str = "en") -> Path:
        return self.root / "locales" / lang.replace("-", "_") / "LC_MESSAGES" / f"{doc_id}.po"

    def write(self, doc_id: str, entries, *, lang: str = "en", source_lang: str = "zh-Hans") -> Path:
        path = self.catalog(doc_id, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(po_text(entries, lang=lang, source_lang=source_lang, doc_id=doc_id), encoding="utf-8")
        return path

    def entries(self, doc_id: str, lang: str = "en"):
        from l10n.catalog import entry_views, read_catalog

        return {e.msgid: e for e in entry_views(read_catalog(self.catalog(doc_id, lang)))}


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path / "proj")


@pytest.fixture
def msgfmt_check():
    """Run ``msgfmt --check`` on a file (skipped without GNU gettext)."""
    exe = shutil.which("msgfmt")
    if exe is None:
        pytest.skip("GNU gettext is not installed")

    def check(path: Path) -> None:
        result = subprocess.run([exe, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr

    return check


# --------------------------------------------------------------------------- tiny models


@pytest.fixture(scope="session")
def hf_offline():
    """MT tests never reach the network."""
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    torch = pytest.importorskip("torch")
    # Two cores shared with other jobs: one torch thread avoids spinning threads (3-10x faster here).
    torch.set_num_threads(1)
    old = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    yield
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def tiny_marian(hf_offline, tmp_path_factory) -> Path:
    """A zh->en Marian checkpoint (opus-mt layout) trained to reproduce tinymodels.PARALLEL."""
    from .tinymodels import build_marian

    return build_marian(tmp_path_factory.mktemp("models") / "tiny-opus-mt-zh-en")


@pytest.fixture(scope="session")
def tiny_marian_ct2(tiny_marian, tmp_path_factory) -> Path:
    """The tiny Marian model converted for CTranslate2 (float32 weights, tokenizer copied)."""
    pytest.importorskip("ctranslate2")
    from l10n.suggest.mt.ct2 import convert_model

    return convert_model(str(tiny_marian), tmp_path_factory.mktemp("models") / "tiny-ct2", quantization=None)


@pytest.fixture(scope="session")
def tiny_m2m100(tiny_marian, tmp_path_factory) -> Path:
    from .tinymodels import build_m2m100

    return build_m2m100(tmp_path_factory.mktemp("models") / "tiny-m2m100", tiny_marian / "_spm" / "zh.model")


@pytest.fixture(scope="session")
def tiny_nllb(hf_offline, tmp_path_factory) -> Path:
    from .tinymodels import build_nllb

    return build_nllb(tmp_path_factory.mktemp("models") / "tiny-nllb")

"""Standard Chinese numerals are read without cn2an, exactly as cn2an reads them."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import cn2an
import pytest

from l10n.checks._numbers_cn import _plain_cn, _render_cn

REPO = Path(__file__).resolve().parents[2]


def _sample() -> list[int]:
    rng = random.Random(20)
    values = list(range(0, 2100))
    values += [rng.randrange(10**12) for _ in range(600)]
    # Sparse values: the zeros between groups are where readings go wrong.
    values += [sum(rng.randrange(10) * 10**e for e in rng.sample(range(12), rng.randint(1, 3))) for _ in range(900)]
    values += [10**k for k in range(12)] + [10**k + 1 for k in range(12)] + [110000, 100010, 10001000, 100001000]
    return values


def test_standard_numerals_read_as_cn2an_reads_them():
    for value in _sample():
        text = _render_cn(value)
        assert _plain_cn(text) == value, text
        assert cn2an.cn2an(text, "smart") == value, text


@pytest.mark.parametrize("text", ["两百", "一十", "一百一", "十十", "一万万", "三点五", "百", "千万", "一零", "廿"])
def test_other_forms_are_left_to_cn2an(text):
    assert _plain_cn(text) is None


def test_checking_standard_numerals_does_not_import_cn2an(tmp_path):
    po = tmp_path / "doc.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        'msgid "研究所有十三个实验室和二百零五名研究人员。"\nmsgstr "The institute has 13 labs and 205 researchers."\n',
        encoding="utf-8",
    )
    code = (
        "import sys; from pathlib import Path; from l10n.config import load_config; "
        "from l10n.checks.runner import check_project; "
        f"r = check_project(load_config(Path({str(tmp_path)!r})), [Path({str(po)!r})]); "
        "print(len(r.findings), 'cn2an' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.split() == ["0", "False"]

"""Speed of ``l10n check`` against translate-toolkit's ``pofilter`` on the same catalogs.

Replicates the shared real PO files (../shared/corpus/po/) to about 50,000 entries in a
temporary folder, then times, on the same files in the same run:

* ``l10n check``: ``check_project`` in-process, and the CLI in a subprocess;
* ``pofilter`` (translate-toolkit, its default checks) in a subprocess.

Run:  .venv/bin/python benchmarks/bench_check.py [--entries 50000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "po"


def replicate(target: Path, entries: int) -> tuple[list[Path], int]:
    """Copy the UTF-8 corpus catalogs until about ``entries`` entries (pofilter cannot read Big5)."""
    sys.path.insert(0, str(REPO))
    from l10n.checks.scan import scan_catalog

    sources = []
    for path in sorted(CORPUS.glob("*.po")):
        header, found = scan_catalog(path)
        if "utf-8" in header.get("Content-Type", "").lower():
            sources.append((path, sum(1 for e in found if not e.obsolete)))
    files, total, copy = [], 0, 0
    while total < entries:
        copy += 1
        for path, count in sources:
            dest = target / f"{path.stem}_{copy}.po"
            shutil.copyfile(path, dest)
            files.append(dest)
            total += count
    return files, total


def timed(func) -> tuple[float, object]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    pofilter = Path(sys.executable).with_name("pofilter")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "po"
        folder.mkdir()
        files, total = replicate(folder, args.entries)
        print(f"{len(files)} catalogs, {total} active entries")

        from l10n.checks.runner import check_project
        from l10n.config import load_config

        config = load_config(root)
        check_project(config, files[:1])  # import and compile once
        t_api, result = timed(lambda: check_project(config, [folder]))
        t_cli, proc = timed(
            lambda: subprocess.run(
                [sys.executable, "-m", "l10n", "--project", str(root), "check", str(folder), "--format", "json",
                 "-o", str(root / "report.json"), "--min-reviewed", "0"],
                capture_output=True, text=True, check=False,
            )
        )  # fmt: skip
        assert proc.returncode in (0, 1), proc.stderr
        t_pof, proc = timed(
            lambda: subprocess.run(
                [str(pofilter), "--progress=none", "-i", str(folder), "-o", str(root / "pofilter-out")],
                capture_output=True, text=True, check=False,
            )
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr

    print(f"l10n check (check_project, in-process): {t_api:6.2f} s  {total / t_api:9.0f} entries/s  ({len(result.findings)} findings)")
    print(f"l10n check (CLI subprocess):            {t_cli:6.2f} s  {total / t_cli:9.0f} entries/s")
    print(f"pofilter (CLI subprocess):              {t_pof:6.2f} s  {total / t_pof:9.0f} entries/s")
    print(f"ratio: in-process {t_pof / t_api:.1f}x faster, CLI vs CLI {t_pof / t_cli:.1f}x faster (target >= 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed of ``l10n check`` against translate-toolkit's ``pofilter`` on the same catalogs.

Replicates the shared real PO files (../shared/corpus/po/) to about 50,000 entries in a
temporary folder, then times, on the same files in the same run:

* ``l10n check``: ``check_project`` in-process, and the CLI in a subprocess;
* ``pofilter`` (translate-toolkit, its default checks) in a subprocess.

Each timing is the best of ``--repeat`` runs (the machine may be shared). Both command
lines run once first, untimed, with compiled bytecode kept in a temporary folder
(``PYTHONPYCACHEPREFIX``), so neither pays for compiling its sources as an installed
tool would not; ``--cold`` keeps the environment as it is instead.

Run:  .venv/bin/python benchmarks/bench_check.py [--entries 50000] [--repeat 3] [--cold]
"""

from __future__ import annotations

import argparse
import os
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
    from l10n.catalog import scan_entries

    sources = []
    for path in sorted(CORPUS.glob("*.po")):
        header, found = scan_entries(path)
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


def best_of(repeat: int, func) -> tuple[float, object]:
    """The shortest wall time of ``repeat`` calls, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each tool; the best counts")
    parser.add_argument("--cold", action="store_true", help="no warm-up run, no bytecode cache")
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
        env = dict(os.environ)
        if not args.cold:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")

        from l10n.checks.runner import check_project
        from l10n.config import load_config

        config = load_config(root)
        check_project(config, files[:1])  # import and compile once
        t_api, result = best_of(args.repeat, lambda: check_project(config, [folder]))

        def l10n_cli():
            proc = subprocess.run(
                [sys.executable, "-m", "l10n", "--project", str(root), "check", str(folder), "--format", "json",
                 "-o", str(root / "report.json"), "--min-reviewed", "0"],
                capture_output=True, text=True, check=False, env=env, cwd=REPO,
            )  # fmt: skip
            assert proc.returncode in (0, 1), proc.stderr
            return proc

        def pofilter_cli():
            proc = subprocess.run(
                [str(pofilter), "--progress=none", "-i", str(folder), "-o", str(root / "pofilter-out")],
                capture_output=True, text=True, check=False, env=env,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
            return proc

        if not args.cold:
            l10n_cli()
            pofilter_cli()
        t_cli, _ = best_of(args.repeat, l10n_cli)
        t_pof, _ = best_of(args.repeat, pofilter_cli)

    print(f"l10n check (check_project, in-process): {t_api:6.2f} s  {total / t_api:9.0f} entries/s"
          f"  ({len(result.findings)} findings)")
    print(f"l10n check (CLI subprocess):            {t_cli:6.2f} s  {total / t_cli:9.0f} entries/s")
    print(f"pofilter (CLI subprocess):              {t_pof:6.2f} s  {total / t_pof:9.0f} entries/s")
    print(f"ratio: in-process {t_pof / t_api:.1f}x faster, CLI vs CLI {t_pof / t_cli:.1f}x faster (target >= 10x)"
          f"  [best of {args.repeat}{', cold' if args.cold else ''}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())

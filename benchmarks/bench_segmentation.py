"""Sentence segmentation: accuracy and speed of ours against pySBD and blingfire.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_segmentation.py [--repeat N]

Accuracy uses score.py's rule (a case counts only when the whole list of stripped,
non-empty segments matches) on the shared Golden Rules and NTREX-128 paragraph suites
(``../shared/benchmarks/segmentation/``) and on our own release cases
(``tests/data/segmentation/release_cases.json``). Speed is reference sentences per second
over every paragraph of all suites, best of ``--repeat`` runs, one process, one core.
The third-party adapters are the ones in the shared ``baselines.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "benchmarks" / "segmentation"
SUITES = {
    "golden": SHARED / "golden_rules.json",
    "ntrex": SHARED / "ntrex_paragraphs.json",
    "release": REPO / "tests" / "data" / "segmentation" / "release_cases.json",
}

Segmenter = Callable[[str, str], list[str]]


def load_baselines():
    spec = importlib.util.spec_from_file_location("seg_baselines", SHARED / "baselines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def segmenters() -> dict[str, Segmenter]:
    sys.path.insert(0, str(REPO))
    from l10n.segment import split_sentences

    baselines = load_baselines()
    return {
        "l10n": split_sentences,
        "pysbd": baselines.pysbd_segment,
        "blingfire": baselines.blingfire_segment,
    }


def normalise(segments) -> list[str]:
    return [s.strip() for s in segments if s.strip()]


def accuracy(seg: Segmenter, cases: list[dict]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for case in cases:
        ok, total = out.get(case["lang"], (0, 0))
        try:
            good = normalise(seg(case["text"], case["lang"])) == normalise(case["expected"])
        except Exception:  # a crash fails the case, as in score.py
            good = False
        out[case["lang"]] = (ok + good, total + 1)
    return out


def speed(seg: Segmenter, cases: list[dict], repeat: int) -> dict[str, float]:
    """Reference sentences per second, per language, best of ``repeat`` runs."""
    out: dict[str, float] = {}
    for lang in sorted({c["lang"] for c in cases}):
        mine = [c for c in cases if c["lang"] == lang]
        sentences = sum(len(c["expected"]) for c in mine)
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for c in mine:
                seg(c["text"], lang)
            best = min(best, time.perf_counter() - t0)
        out[lang] = sentences / best
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="timing runs; the best is kept")
    args = ap.parse_args(argv)
    missing = [str(p) for p in SUITES.values() if not p.is_file()]
    if missing:
        print("missing data: " + ", ".join(missing), file=sys.stderr)
        return 2
    suites = {name: json.loads(path.read_text(encoding="utf-8")) for name, path in SUITES.items()}
    segs = segmenters()
    names = list(segs)

    print("accuracy (cases correct / total)")
    print(f"{'suite':<14}" + "".join(f"{n:>14}" for n in names))
    for suite, cases in suites.items():
        results = {n: accuracy(segs[n], cases) for n in names}
        for lang in sorted({c["lang"] for c in cases}):
            row = f"{suite + ' ' + lang:<14}"
            for n in names:
                ok, total = results[n][lang]
                row += f"{f'{ok}/{total}':>14}"
            print(row)

    every = [c for cases in suites.values() for c in cases]
    for n in names:  # warm-up (pySBD builds its segmenter lazily)
        for c in every[:20]:
            segs[n](c["text"], c["lang"])
    rates = {n: speed(segs[n], every, args.repeat) for n in names}
    print()
    print(f"speed (reference sentences/second, best of {args.repeat}; ratio = l10n / other)")
    print(
        f"{'lang':<14}"
        + "".join(f"{n:>14}" for n in names)
        + "".join(f"{'vs ' + n:>14}" for n in names[1:])
    )
    for lang in sorted(rates["l10n"]):
        row = f"{lang:<14}" + "".join(f"{rates[n][lang]:>14,.0f}" for n in names)
        row += "".join(f"{rates['l10n'][lang] / rates[n][lang]:>13.1f}x" for n in names[1:])
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: `extract` on a generated 500-release project (full, no-op, incremental), and
our msgmerge-style catalog update against GNU `msgmerge` on the same catalogs.

Run: .venv/bin/python benchmarks/bench_extract.py [--releases 500]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from l10n.catalog import read_catalog, update_catalog, write_catalog
from l10n.config import load_config
from l10n.extract import extract_project

EN_SENTENCES = [
    "The institute signed a cooperation agreement with the municipal government on Jan. {n}, 2016.",
    "Prof. Wang Li, a member of the Thousand-Talent Program, leads the new laboratory.",
    "The incubator now hosts {n} start-ups, and {m} of them are listed on the NEEQ.",
    "Total investment reached {n}.{m} billion yuan, about 30% more than last year.",
    "The Mass Entrepreneurship Space offers desks, angel fund support and mentoring.",
    "More than {n} researchers attended the meeting, according to the organisers.",
    "The industrial cluster is expected to produce an output value of {n} million yuan.",
    "Made in China 2025 gives priority to precision manufacturing and new materials.",
]
ZH_SENTENCES = [
    "2016年1月{n}日，研究所与市政府签署了合作协议。",
    "“千人计划”入选者王力教授负责新实验室的建设。",
    "孵化器目前入驻企业{n}家，其中{m}家已在新三板挂牌。",
    "总投资达到{n}.{m}亿元，比上年增长约30%。",
    "众创空间为创业团队提供工位、天使基金和创业辅导。",
    "据主办方介绍，共有{n}多名科研人员参加了会议。",
    "该产业集群预计实现产值{n}亿元。",
    "《中国制造2025》把精密制造和新材料列为重点领域。",
]

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="description" content="{title}"></head>
<body><div class="nav"><a href="/">Home</a> &gt; <a href="/news/">News</a></div>
<div class="tools">[<a href="#">Large</a> | <a href="#">Medium</a> | <a href="#">Small</a>] [<a href="#">Print</a>]</div>
<div class="article"><h1>{title}</h1>
{paragraphs}
</div>
<div class="footer">Copyright &copy; 2016 Institute. All rights reserved.</div>
<script>var visits = 1;</script></body></html>
"""


def make_project(root: Path, releases: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "zh-Hans"]\n', encoding="utf-8")
    for i in range(releases):
        lang, pool = ("en", EN_SENTENCES) if i % 2 else ("zh-Hans", ZH_SENTENCES)
        paras = []
        for _ in range(rng.randint(6, 10)):
            sents = [rng.choice(pool).format(n=rng.randint(2, 99), m=rng.randint(1, 9)) for _ in range(rng.randint(2, 4))]
            joiner = " " if lang == "en" else ""
            paras.append(f"<p>{joiner.join(sents)}</p>")
        page = PAGE.format(lang=lang, title=f"Release {i}", paragraphs="\n".join(paras))
        path = root / "source_docs" / lang / f"release-{i:04d}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def bench_extract(releases: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, releases)
        config = load_config(root)
        full, report = timed(lambda: extract_project(config))
        noop, _ = timed(lambda: extract_project(config))
        target = sorted((root / "source_docs" / "en").glob("*.html"))[0]
        target.write_text(target.read_text(encoding="utf-8").replace("</h1>", "</h1><p>A new sentence was added.</p>"),
                          encoding="utf-8")
        incr, ireport = timed(lambda: extract_project(config))
        print(f"extract, {releases} releases, {report.segments} segments:")
        print(f"  full run         {full:7.2f} s  ({releases / full:6.1f} releases/s)")
        print(f"  no-op re-run     {noop:7.2f} s  ({noop / full:6.1%} of full)")
        print(f"  one release edit {incr:7.2f} s  ({incr / full:6.1%} of full; {len(ireport.written)} files written)")


def bench_cli_vs_html2po(releases: int) -> None:
    """Both tools as a user runs them, on the same 500 HTML releases: `l10n extract` (reads,
    splits sentences, writes POT and PO files) against `html2po` (writes POT files, one
    entry per paragraph, no sentence splitting)."""
    html2po = Path(sys.executable).with_name("html2po")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, releases)
        env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")

        def ours():
            shutil.rmtree(root / "locales", ignore_errors=True)
            shutil.rmtree(root / ".l10n", ignore_errors=True)
            subprocess.run([sys.executable, "-m", "l10n", "--project", str(root), "extract"], check=True,
                           capture_output=True, env=env)

        def theirs():
            shutil.rmtree(root / "html2po-out", ignore_errors=True)
            subprocess.run([str(html2po), "--progress=none", "-P", "-i", str(root / "source_docs"),
                            "-o", str(root / "html2po-out")], check=True, capture_output=True, env=env)

        ours()  # warm-up: bytecode compiled once for both tools
        if html2po.exists():
            theirs()
        t_ours = min(timed(ours)[0] for _ in range(3))
        print(f"command line, {releases} HTML releases (best of 3):")
        print(f"  l10n extract  {t_ours:7.2f} s  ({releases / t_ours:6.1f} releases/s; POT + PO, sentences)")
        if not html2po.exists():
            print("  html2po: not installed (pip install translate-toolkit), no comparison")
            return
        t_theirs = min(timed(theirs)[0] for _ in range(3))
        print(f"  html2po       {t_theirs:7.2f} s  ({releases / t_theirs:6.1f} releases/s; POT, paragraphs)")
        print(f"  ratio: l10n extract is {t_theirs / t_ours:.2f}x the speed of html2po")


def bench_update(catalogs: int) -> None:
    msgmerge = shutil.which("msgmerge")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, catalogs)
        config = load_config(root)
        extract_project(config)
        pairs = []
        rng = random.Random(3)
        for po_path in sorted(root.glob("locales/*/LC_MESSAGES/*.po")):
            po = read_catalog(po_path)
            for entry in po:
                if entry.msgid:
                    entry.msgstr = "译文 " + entry.msgid[:20]
            write_catalog(po, po_path)
            pot_path = root / "locales" / "templates" / (po_path.stem + ".pot")
            pot = read_catalog(pot_path)
            for entry in pot:  # edit a third of the sentences: exact, fuzzy and new matches
                if entry.msgid and rng.random() < 0.33:
                    entry.msgid = entry.msgid.replace("the", "a", 1) + " (updated)"
            write_catalog(pot, pot_path)
            pairs.append((po_path, pot_path, po_path.parent.parent.name.replace("_", "-")))

        def ours():
            for po_path, pot_path, lang in pairs:
                merged = update_catalog(read_catalog(po_path), read_catalog(pot_path), language=lang)
                write_catalog(merged, po_path.with_suffix(".ours.po"))

        t_ours, _ = timed(ours)
        print(f"catalog update, {len(pairs)} catalogs:")
        print(f"  l10n update_catalog {t_ours:7.2f} s  ({len(pairs) / t_ours:7.1f} catalogs/s)")
        if msgmerge is None:
            print("  msgmerge: not installed, no comparison")
            return

        def theirs():
            for po_path, pot_path, _ in pairs:
                subprocess.run([msgmerge, "-q", "-o", str(po_path.with_suffix(".gnu.po")), str(po_path), str(pot_path)],
                               check=True)

        t_gnu, _ = timed(theirs)
        print(f"  GNU msgmerge        {t_gnu:7.2f} s  ({len(pairs) / t_gnu:7.1f} catalogs/s)")
        print(f"  ratio: l10n is {t_gnu / t_ours:.2f}x the speed of msgmerge")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=500)
    args = parser.parse_args()
    bench_extract(args.releases)
    bench_cli_vs_html2po(args.releases)
    bench_update(args.releases)


if __name__ == "__main__":
    main()

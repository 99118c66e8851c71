"""Extraction speed: our HTML reader + segmenter versus translate-toolkit's html2po.

One command::

    python benchmarks/bench_extract_html.py [--pages 500] [--repeat 5]

Generates release-like pages (about 20 KB each: head with scripts and styles, navigation,
breadcrumb, font-size and print links, an article of headings, paragraphs with inline
links and emphasis, a list, a table and a figure, related links and a copyright footer)
in a temporary folder, then times, on the same files in the same process:

* ``l10n``: ``read_document`` + ``segment_document`` on each file (reading the bytes,
  decoding, article detection, placeholders, language check, sentence splitting): what
  ``l10n extract`` does per release before it writes the catalog;
* ``html2po``: ``html2po().convertfile(BytesIO(file bytes), name, duplicatestyle="msgctxt",
  keepcomments=False)`` on each file: exactly what translate-toolkit's ``html2po`` command
  runs per file (``translate.convert.html2po.converthtml``), minus writing the PO text,
  which it does after. Neither side writes a catalog, so the comparison is extraction
  against extraction; timing the ``html2po`` command line instead would add interpreter
  start-up and PO serialisation to its side only.

Both are warmed up on a few files first (imports, caches), then timed in alternation
(l10n, html2po, l10n, html2po...) so that load from other processes on the machine hits
both alike; the best of ``--repeat`` runs of each is reported, as releases/second, MB/s,
milliseconds per release, and the speed ratio (target: l10n >= 3x html2po).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from l10n.documents import read_document
from l10n.segment import segment_document

_WORDS = (
    "institute laboratory research optical precision measurement laser team results published "
    "journal funding program national scientists developed method improved accuracy students "
    "cooperation international conference innovation talent project"
).split()
_ZH = "研究所实验室科研团队成果发表期刊国家项目人才创新合作精密测量激光光学技术发展会议"


def _sentence(rng: random.Random, zh: bool) -> str:
    if zh:
        return "".join(rng.choice(_ZH) for _ in range(rng.randint(15, 40))) + rng.choice("。。。！")
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.4:
        i = rng.randrange(len(words))
        words[i] = f'<a href="/news/{rng.randint(1, 999)}.html" title="More">{words[i]}</a>'
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"<strong>{words[i]}</strong>"
    return " ".join(words).capitalize() + rng.choice("...!")


def make_page(rng: random.Random, n: int, target: int = 20_000) -> str:
    """One release page of about ``target`` bytes, with page chrome around the article."""
    zh = n % 2 == 1
    head = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{'新闻' if zh else 'News'} {n}</title>"
        '<meta name="description" content="Institute news release.">'
        "<style>body{font:14px sans-serif}.nav li{display:inline}</style>"
        "<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');})();</script>"
        "</head><body>"
        '<div class="header"><ul class="nav">' + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8))
        + "</ul></div>"
        '<div class="location">首页 &gt; 新闻动态 &gt; 正文</div>'
        '<div class="content"><h1>Release ' + str(n) + "</h1>"
        '<div class="tools">【大 中 小】【打印】【关闭】</div>'
    )
    tail = (
        '<div class="related"><h3>相关链接</h3><ul>'
        + "".join(f'<li><a href="/r{i}">Related item {i}</a></li>' for i in range(6))
        + '</ul></div></div><div class="footer">版权所有 &copy; 2024 Example Institute</div>'
        "<script>console.log('done')</script></body></html>"
    )
    body: list[str] = []
    size = len(head) + len(tail)
    k = 0
    while size < target:
        k += 1
        if k % 7 == 0:
            part = f"<h2>{_sentence(rng, zh)}</h2>"
        elif k % 11 == 0:
            part = "<ul>" + "".join(f"<li>{_sentence(rng, zh)}</li>" for _ in range(3)) + "</ul>"
        elif k % 13 == 0:
            part = "<table><tr>" + "".join(f"<td>{rng.choice(_WORDS)} {rng.randint(1, 99)}</td>" for _ in range(4)) + "</tr></table>"
        elif k % 17 == 0:
            part = f'<figure><img src="p{k}.jpg" alt="{rng.choice(_WORDS)} photo"><figcaption>{_sentence(rng, zh)}</figcaption></figure>'
        else:
            part = "<p>" + " ".join(_sentence(rng, zh) for _ in range(rng.randint(2, 5))) + "</p>\n"
        body.append(part)
        size += len(part.encode("utf-8"))
    return head + "".join(body) + tail


def run_l10n(paths: list[Path]) -> int:
    segments = 0
    for path in paths:
        lang = "zh-Hans" if path.stem.endswith("zh") else "en"
        doc = read_document(path, lang=lang)
        segments += len(segment_document(doc))
    return segments


def run_html2po(paths: list[Path]) -> int:
    from translate.convert.html2po import html2po

    units = 0
    for path in paths:
        store = html2po().convertfile(io.BytesIO(path.read_bytes()), path.name, duplicatestyle="msgctxt",
                                      keepcomments=False)
        units += len(store.units)
    return units


def _timed(fn, paths: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    count = fn(paths)
    return time.perf_counter() - start, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    tools = (("l10n    read+segment", run_l10n), ("html2po convertfile ", run_html2po))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n in range(args.pages):
            path = Path(tmp) / f"release-{n:04d}-{'zh' if n % 2 else 'en'}.html"
            path.write_text(make_page(rng, n), encoding="utf-8")
            paths.append(path)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{len(paths)} pages, {megabytes:.1f} MB (avg {megabytes * 1000 / len(paths):.1f} KB)")
        for _, fn in tools:
            fn(paths[:10])  # warm-up: imports, compiled patterns, caches
        best = {name: float("inf") for name, _ in tools}
        counts = {}
        for _ in range(max(1, args.repeat)):
            for name, fn in tools:
                seconds, counts[name] = _timed(fn, paths)
                best[name] = min(best[name], seconds)
    for name, _ in tools:
        seconds = best[name]
        unit = "segments" if name.startswith("l10n") else "units"
        print(
            f"{name}: {len(paths) / seconds:8.1f} releases/s  {megabytes / seconds:6.2f} MB/s  "
            f"{seconds * 1000 / len(paths):6.2f} ms/release  ({counts[name]} {unit})"
        )
    ours, theirs = (best[name] for name, _ in tools)
    print(f"ratio: l10n is {theirs / ours:.2f}x the speed of html2po (target >= 3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

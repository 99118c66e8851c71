"""MT speed benchmark: per-segment calls vs our batched transformers engine vs ctranslate2 int8.

One command::

    .venv/bin/python benchmarks/bench_mt.py            # 500 sentences, 2 threads
    .venv/bin/python benchmarks/bench_mt.py --sentences 200 --per-segment 50

The model is opus-mt-shaped (MarianMT, d_model 512, 6+6 layers, vocabulary 65,001) with
random weights and a fixed output length (min_new_tokens = max_new_tokens = 24): speed does
not depend on the weight values, so this is a fair speed test without downloading anything.
Each engine runs in its own subprocess (two engines in one process distort each other on
two cores). Reported:

(a) one call per segment, the pattern of the peer tool gettext-translator. Its PyPI package
    could not be installed here, and transformers 5.x removed the ``translation`` pipeline,
    so its call pattern is emulated by what that pipeline did per call: tokenize one segment,
    ``generate`` (greedy, same output length), decode;
(b) our ``transformers`` engine: batched (32), length-sorted, ``inference_mode``;
(c) our ``ctranslate2`` engine on the same model converted to int8, with its peak RSS;
(d) a warm-cache re-run of ``l10n suggest`` over a catalog of all the sentences.

Targets: (b) >= 3x (a), (c) >= 3x (b), peak RSS of (c) < 1 GB, (d) < 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT_TOKENS = 24
VOCAB = 65_001

_SUBJECTS = ["研究所", "该实验室", "科研团队", "中心", "课题组", "学院", "项目组", "我所专家"]
_VERBS = ["发布了", "完成了", "启动了", "介绍了", "签署了", "举办了", "获得了", "展示了"]
_OBJECTS = [
    "年度科研报告", "海洋观测数据", "新型光学器件", "国际合作协议", "青年科学家论坛", "重大专项经费",
    "成果转化平台", "科普开放日活动", "高性能计算系统", "人才培养计划",
]
_TAILS = ["", "，受到广泛关注", "，为后续研究奠定基础", "，来自十余个国家的代表参加", "，相关成果已在国际期刊发表"]


def release_sentences(n: int, seed: int = 7) -> list[str]:
    """Release-like Chinese sentences (original templates), lengths 10-40 characters."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        year = 2015 + i % 10
        s = f"{year}年{rng.randint(1, 12)}月，{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}{rng.choice(_TAILS)}。"
        if i % 3 == 0:
            s = s[:-1] + f"，共{rng.randint(2, 90)}项。"
        out.append(s)
    return out


def rss_mb() -> float:
    """Peak resident set size of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- stages (subprocesses)


def stage_build(work: Path, n: int) -> dict:
    import json as _json

    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    model_dir = work / "opus-mt-shaped"
    model_dir.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.txt"
    corpus.write_text("\n".join(release_sentences(max(n, 500))) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(work / "spm"), vocab_size=400, model_type="unigram",
        hard_vocab_limit=False, character_coverage=1.0, minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_file=str(work / "spm.model"))
    pieces = ["</s>", "<unk>"] + [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not (sp.is_control(i) or sp.is_unknown(i))]
    pieces += [f"▁w{i}" for i in range(VOCAB - 1 - len(pieces))]
    pieces.append("<pad>")
    (model_dir / "vocab.json").write_text(_json.dumps({p: i for i, p in enumerate(pieces)}, ensure_ascii=False), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        (model_dir / name).write_bytes((work / "spm.model").read_bytes())
    MarianTokenizer(str(model_dir / "source.spm"), str(model_dir / "target.spm"), str(model_dir / "vocab.json")).save_pretrained(str(model_dir))
    pad = VOCAB - 1
    config = MarianConfig(
        vocab_size=VOCAB, d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
        decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512,
        pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        scale_embedding=True, share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(0)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        model.get_input_embeddings().weight[pad].zero_()
    model.generation_config.num_beams = 1
    model.generation_config.max_length = None
    model.save_pretrained(str(model_dir))
    params = sum(p.numel() for p in model.parameters())
    from l10n.suggest.mt.ct2 import convert_model

    convert_model(str(model_dir), work / "opus-mt-shaped-ct2", quantization="int8", force=True)
    return {"parameters": params}


def stage_per_segment(work: Path, texts: list[str], threads: int) -> dict:
    # transformers 5.x removed the "translation" pipeline, so a pipeline call is emulated by
    # what it did per call: tokenize one text, generate, decode.
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    torch.set_num_threads(threads)
    tok = AutoTokenizer.from_pretrained(str(work / "opus-mt-shaped"))
    model = AutoModelForSeq2SeqLM.from_pretrained(str(work / "opus-mt-shaped")).eval()

    def translate(text: str) -> str:
        with torch.no_grad():
            ids = model.generate(**tok(text, return_tensors="pt"), max_new_tokens=OUT_TOKENS,
                                 min_new_tokens=OUT_TOKENS, num_beams=1, max_length=None)
        return tok.decode(ids[0], skip_special_tokens=True)

    translate(texts[0])
    t = time.perf_counter()
    for text in texts:
        translate(text)
    seconds = time.perf_counter() - t
    return {"segments": len(texts), "seconds": seconds, "rss_mb": rss_mb()}


def _engine(name: str, work: Path, threads: int, device: str):
    from l10n.suggest.mt import get_engine

    folder = work / ("opus-mt-shaped-ct2" if name == "ctranslate2" else "opus-mt-shaped")
    return get_engine(
        name, str(folder), beam_size=1, batch_size=32, threads=threads, device=device,
        max_new_tokens=OUT_TOKENS, min_new_tokens=OUT_TOKENS,
    )


def stage_engine(work: Path, texts: list[str], threads: int, name: str, device: str) -> dict:
    engine = _engine(name, work, threads, device)
    engine.translate_batch(texts[:2], "zh-Hans", "en")  # load + warm up
    t = time.perf_counter()
    out = engine.translate_batch(texts, "zh-Hans", "en")
    seconds = time.perf_counter() - t
    assert len(out) == len(texts)
    return {"segments": len(texts), "seconds": seconds, "rss_mb": rss_mb()}


def stage_cache(work: Path, texts: list[str], threads: int, device: str = "cpu") -> dict:
    """Cold then warm ``suggest`` over one catalog of all sentences (ctranslate2 engine)."""
    from l10n.config import load_config
    from l10n.suggest import suggest_catalogs

    root = work / "project"
    po = root / "locales" / "en" / "LC_MESSAGES" / "bench.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    (root / "source_docs").mkdir(exist_ok=True)
    header = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
        '"X-Source-Language: zh-Hans\\n"\n"X-Document-Id: bench\\n"\n\n'
    )
    body = "".join(f'#: bench.html:{i + 1}\nmsgid "{t}"\nmsgstr ""\n\n' for i, t in enumerate(dict.fromkeys(texts)))
    po.write_text(header + body, encoding="utf-8")
    cache = root / ".l10n" / "cache.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(cache) + suffix).unlink(missing_ok=True)
    config = load_config(root)
    options = {"beam_size": 1, "batch_size": 32, "threads": threads, "device": device, "max_new_tokens": OUT_TOKENS, "min_new_tokens": OUT_TOKENS}
    model = str(work / "opus-mt-shaped-ct2")
    t = time.perf_counter()
    cold = suggest_catalogs(config, engine="ctranslate2", model=model, glossary=False, engine_options=options)
    cold_s = time.perf_counter() - t
    po.write_text(header + body, encoding="utf-8")
    t = time.perf_counter()
    warm = suggest_catalogs(config, engine="ctranslate2", model=model, glossary=False, engine_options=options)
    warm_s = time.perf_counter() - t
    return {
        "segments": len(dict.fromkeys(texts)), "cold_seconds": cold_s, "warm_seconds": warm_s,
        "cold_mt": cold.counts.get("mt", 0), "warm_cached": warm.counts.get("mt-cached", 0), "rss_mb": rss_mb(),
    }


# --------------------------------------------------------------------------- driver


def run_stage(stage: str, args: argparse.Namespace, extra: tuple[str, ...] = ()) -> dict:
    cmd = [sys.executable, __file__, "--stage", stage, "--work", str(args.work), "--sentences", str(args.sentences),
           "--per-segment", str(args.per_segment), "--threads", str(args.threads), "--device", args.device, *extra]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit(f"stage {stage} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=500, help="segments for (b), (c) and the cache run")
    parser.add_argument("--per-segment", type=int, default=100, help="segments for (a), which is slow; its rate is extrapolated")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu", help="device of engines (b) and (c): cpu, cuda or auto")
    parser.add_argument("--engines-only", action="store_true", help="run (b) and (c) only")
    parser.add_argument("--work", type=Path, default=None, help="folder for the model (default: a temporary one)")
    parser.add_argument("--stage", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts = release_sentences(args.sentences)
    if args.stage:
        if args.stage == "build":
            result = stage_build(args.work, args.sentences)
        elif args.stage == "a":
            result = stage_per_segment(args.work, texts[: args.per_segment], args.threads)
        elif args.stage in {"transformers", "ctranslate2"}:
            result = stage_engine(args.work, texts, args.threads, args.stage, args.device)
        else:
            result = stage_cache(args.work, texts, args.threads, args.device)
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="bench-mt-") as tmp:
        if args.work is None:
            args.work = Path(tmp)
        args.work.mkdir(parents=True, exist_ok=True)
        print(f"building opus-mt-shaped Marian (random weights) in {args.work} ...", flush=True)
        marker = args.work / "built.json"
        if marker.is_file() and (args.work / "opus-mt-shaped-ct2" / "model.bin").is_file():
            built = json.loads(marker.read_text())
            print("  reusing the model built earlier in --work")
        else:
            built = run_stage("build", args)
            marker.write_text(json.dumps(built))
        print(f"  {built['parameters'] / 1e6:.1f} M parameters; {args.threads} threads; {OUT_TOKENS} output tokens per segment")
        rows = {}
        stages = (
            ("a", "a", "(a) one generate call per segment (gettext-translator pattern, emulated)"),
            ("b", "transformers", f"(b) l10n transformers engine, batched, {args.device}"),
            ("c", "ctranslate2", f"(c) l10n ctranslate2 engine, int8, {args.device}"),
        )
        for key, stage, label in stages[1:] if args.engines_only else stages:
            r = run_stage(stage, args)
            rows[key] = r
            rate = r["segments"] / r["seconds"]
            print(f"{label:72s} {r['segments']:4d} seg {r['seconds']:7.2f} s {rate:7.1f} seg/s  peak RSS {r['rss_mb']:6.0f} MB", flush=True)
        rate = {k: v["segments"] / v["seconds"] for k, v in rows.items()}
        if args.engines_only:
            print(f"ratio: (c)/(b) = {rate['c'] / rate['b']:.1f}x")
            return
        warm = run_stage("cache", args)
        print(f"(d) suggest over {warm['segments']} segments: cold {warm['cold_seconds']:.2f} s "
              f"({warm['cold_mt']} MT), warm-cache re-run {warm['warm_seconds']:.2f} s ({warm['warm_cached']} from cache)")
        if rows["a"]["segments"] < args.sentences:
            print(f"    (a) measured on {rows['a']['segments']} segments; at that rate {args.sentences} take "
                  f"{args.sentences / rate['a']:.0f} s")
        print(f"ratios: (b)/(a) = {rate['b'] / rate['a']:.1f}x (target >= 3), (c)/(b) = {rate['c'] / rate['b']:.1f}x "
              f"(target >= 3), (c)/(a) = {rate['c'] / rate['a']:.1f}x; peak RSS (c) {rows['c']['rss_mb']:.0f} MB "
              f"(target < 1024); warm re-run {warm['warm_seconds']:.2f} s (target < 2)")


if __name__ == "__main__":
    main()

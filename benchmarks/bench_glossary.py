"""Glossary matching speed: 10,000 catalog entries against 5,000 concepts.

Run: ``python benchmarks/bench_glossary.py`` (one command; prints figures).

The glossary and the catalog are synthetic but shaped like the real thing: English
terms of 1-4 words (some hyphenated), Chinese terms of 2-6 Han characters, sentences
of 15-40 words / 20-60 characters holding a few terms each. The baseline is the naive
approach (one compiled regex per term with character-class boundaries, tried on every
entry); it is timed on a sample of entries and scaled up, because a full run takes
minutes.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from l10n.glossary import Concept, Glossary, Term

N_CONCEPTS = 5_000
N_ENTRIES = 10_000
BASELINE_SAMPLE = 200
SEED = 20160124

SYLLABLES = "ka lo mi ne su ta ri po ve da zu fe gi ho ju ly mo na pe qu ro si tu wa xe yo".split()
# Filler words share letters with the terms (so the automaton sees partial hits inside
# words, as in real text) but are never whole terms themselves.
FILLER = "kra lom tis nep sur dav rin pol ves zut fem gor hol jun".split()
HAN = [chr(cp) for cp in range(0x4E00, 0x4E00 + 3000)]


def make_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_filler(rng: random.Random) -> str:
    return "".join(rng.choice(FILLER) for _ in range(rng.randint(1, 3))) + rng.choice(SYLLABLES)


def make_glossary(rng: random.Random) -> Glossary:
    concepts = []
    seen_en: set[str] = set()
    seen_zh: set[str] = set()
    while len(concepts) < N_CONCEPTS:
        words = [make_word(rng) for _ in range(rng.randint(1, 4))]
        en = ("-" if len(words) > 1 and rng.random() < 0.2 else " ").join(words)
        zh = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 6)))
        if en in seen_en or zh in seen_zh:
            continue
        seen_en.add(en)
        seen_zh.add(zh)
        terms = {"en": (Term(text=en, lang="en"),), "zh-Hans": (Term(text=zh, lang="zh-Hans"),)}
        concepts.append(Concept(id=f"c{len(concepts)}", terms=terms))
    return Glossary(concepts)


def make_entries(rng: random.Random, glossary: Glossary) -> list[tuple[str, str]]:
    concepts = glossary.concepts
    out = []
    for _ in range(N_ENTRIES):
        picked = rng.sample(concepts, rng.randint(0, 3))
        en_words = [make_filler(rng) for _ in range(rng.randint(12, 36))]
        zh_chars = [rng.choice(HAN) for _ in range(rng.randint(15, 50))]
        for concept in picked:
            en_words.insert(rng.randrange(len(en_words) + 1), concept.terms["en"][0].text)
            zh_chars.insert(rng.randrange(len(zh_chars) + 1), concept.terms["zh-Hans"][0].text)
        out.append(("".join(zh_chars) + "。", " ".join(en_words).capitalize() + "."))
    return out


def naive_patterns(glossary: Glossary, lang: str) -> list[re.Pattern]:
    out = []
    for concept in glossary.concepts:
        for term in concept.terms[lang]:
            body = re.escape(term.text).replace(r"\-", "[- ]?").replace(r"\ ", "[- ]?")
            if lang == "en":
                body = rf"(?<![^\W_]){body}(?:s|es|'s)?(?![^\W_])"
            out.append(re.compile(body, re.IGNORECASE))
    return out


def naive_match(patterns: list[re.Pattern], text: str) -> int:
    return sum(1 for p in patterns if p.search(text))


def main() -> None:
    rng = random.Random(SEED)
    t0 = time.perf_counter()
    glossary = make_glossary(rng)
    entries = make_entries(rng, glossary)
    t1 = time.perf_counter()
    glossary.matcher("zh-Hans")
    glossary.matcher("en")
    t2 = time.perf_counter()
    zh_hits = sum(len(glossary.find_terms(zh, "zh-Hans")) for zh, _ in entries)
    t3 = time.perf_counter()
    en_hits = sum(len(glossary.find_terms(en, "en")) for _, en in entries)
    t4 = time.perf_counter()

    sample = entries[:BASELINE_SAMPLE]
    zh_patterns = naive_patterns(glossary, "zh-Hans")
    en_patterns = naive_patterns(glossary, "en")
    t5 = time.perf_counter()
    for zh, en in sample:
        naive_match(zh_patterns, zh)
        naive_match(en_patterns, en)
    t6 = time.perf_counter()
    naive_full = (t6 - t5) * N_ENTRIES / len(sample)
    ours = (t3 - t2) + (t4 - t3)

    print(f"glossary: {len(glossary)} concepts; catalog: {len(entries)} entries (zh source + en target)")
    print(f"generate data:            {t1 - t0:8.3f} s")
    print(f"build automata (2 langs): {t2 - t1:8.3f} s")
    print(f"match zh sources:         {t3 - t2:8.3f} s  ({zh_hits} matches)")
    print(f"match en targets:         {t4 - t3:8.3f} s  ({en_hits} matches)")
    print(f"match both, per entry:    {ours / len(entries) * 1e6:8.1f} us")
    print(
        f"naive regex loop:         {naive_full:8.3f} s  (scaled from {len(sample)} entries, "
        f"{len(zh_patterns) + len(en_patterns)} patterns)"
    )
    print(f"speed-up:                 {naive_full / ours:8.0f}x")


if __name__ == "__main__":
    main()

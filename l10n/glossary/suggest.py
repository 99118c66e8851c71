"""Proposing new glossary concepts from reviewed translations.

Source and target n-grams (Chinese: runs of 2-8 Han characters; English and other
space-separated languages: 1-4 words not starting or ending with a function word) are
counted per reviewed entry; entries whose translation breaks the glossary, common words
(said, 表示) and Chinese windows cut out of a longer repeated phrase are left out. Pairs that keep turning up together score by the Dice
coefficient of their entry sets; Latin names and codes written identically on both
sides (LiDAR, XG-3000) are proposed as do-not-translate. Terms already in the glossary
and n-grams contained in a better candidate with the same support are left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Entry
from .base import DO_NOT_TRANSLATE, FORBIDDEN, NORMAL, Glossary

__all__ = ["TermCandidate", "suggest_terms"]

_STOP = frozenset(
    "a an the and or of in on at to for from by with as is are was were be been this that these those "
    "it its their his her our we they he she you i not no but if so than then also into over under "
    "about after before more most such which who whom whose what when where while will would can could "
    "has have had do does did all any each other some one two new per via".split()
)
#: Words too common to start or end a term (reporting verbs, fillers); Chinese ones have two characters.
_COMMON = frozenset(
    "said says say saying told tells according added adding noted noting stated explained including "
    "included year years today now first last well very many much make made work works used using".split()
)
_CJK_STOP = frozenset("的了和与及在是为对将把被从以于并或等也都而这那其之中上下")
_CJK_COMMON = frozenset(
    "表示 指出 认为 介绍 说明 进行 通过 我们 他们 目前 已经 可以 以及 其中 相关 一个 这一 同时 此外 "
    "今年 去年 近日 日前 记者 主要 重要 工作 开展 提供 实现 推动 加强 发展 成为 具有 包括 没有".split()
)
_MAX_CJK = 8
_PLACEHOLDER = re.compile(r"</?\d+/?>")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_CODE = re.compile(r"^(?=.*[A-Z0-9].*[A-Z0-9])[A-Za-z0-9][A-Za-z0-9\-]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class TermCandidate:
    """A proposed concept.

    :param source: the source-language term. :param target: the target-language term.
    :param count: reviewed entries holding both. :param score: ranking score (higher first).
    :param dice: Dice coefficient of the two entry sets (0-1).
    :param status: ``normal`` or ``do-not-translate``.
    """

    source: str
    target: str
    count: int
    score: float
    dice: float
    status: str = NORMAL


def _grams(text: str, lang: str, max_words: int = 4) -> set[str]:
    text = _PLACEHOLDER.sub(" ", text)
    out: set[str] = set()
    if lang.split("-")[0] in {"zh", "ja"}:
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text):
            # One character past the longest shown: a window cut out of a longer
            # repeated phrase is then dropped as contained in it (see _maximal).
            for n in range(2, min(_MAX_CJK + 1, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i : i + n]
                    if gram[0] in _CJK_STOP or gram[-1] in _CJK_STOP or gram[:2] in _CJK_COMMON or (
                        gram[-2:] in _CJK_COMMON
                    ):
                        continue
                    out.add(gram)
        return out
    for chunk in re.split(r"[,.;:!?()\[\]\"“”‘’]+", text):
        words = _LATIN_WORD.findall(chunk)
        for n in range(1, max_words + 1):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                first, last = gram[0].lower(), gram[-1].lower()
                if first in _STOP or last in _STOP or first in _COMMON or last in _COMMON:
                    continue
                if n == 1 and (len(gram[0]) < 3 or gram[0].isdigit()):
                    continue
                out.add(" ".join(gram))
    return out


def _codes(text: str) -> set[str]:
    return {w for w in _LATIN_WORD.findall(_PLACEHOLDER.sub(" ", text)) if _CODE.match(w) and not w.isdigit()}


def _known(glossary: Glossary | None, text: str, lang: str) -> bool:
    if glossary is None or not len(glossary):
        return False
    return any(m.start == 0 and m.end == len(text) for m in glossary.find_terms(text, lang))


def suggest_terms(
    pairs: Iterable[tuple[Entry, str, str]],
    glossary: Glossary | None = None,
    *,
    min_count: int = 2,
    min_dice: float = 0.5,
    limit: int = 50,
) -> list[TermCandidate]:
    """Ranked concept proposals from ``(entry, source_lang, target_lang)`` triples.

    Only reviewed entries count. All entries should share one language direction;
    others are left out (the first entry decides).
    """
    src_count: Counter[str] = Counter()
    tgt_count: Counter[str] = Counter()
    rows: list[tuple[set[str], set[str]]] = []
    codes: Counter[str] = Counter()
    direction = None
    for entry, source_lang, target_lang in pairs:
        if entry.state != "reviewed":
            continue
        direction = direction or (source_lang, target_lang)
        if (source_lang, target_lang) != direction:
            continue
        if _breaks_glossary(glossary, entry.msgid, entry.msgstr, source_lang, target_lang):
            continue
        src = _grams(entry.msgid, source_lang)
        tgt = _grams(entry.msgstr, target_lang)
        src_count.update(src)
        tgt_count.update(tgt)
        rows.append((src, tgt))
        codes.update(_codes(entry.msgid) & _codes(entry.msgstr))
    if direction is None:
        return []
    source_lang, target_lang = direction
    src_keep = {g for g, n in src_count.items() if n >= min_count}
    tgt_keep = {g for g, n in tgt_count.items() if n >= min_count}
    # Drop n-grams inside a longer n-gram with the same support (keep maximal ones).
    src_keep = _maximal(src_keep, src_count, cjk=source_lang.split("-")[0] in {"zh", "ja"})
    tgt_keep = _maximal(tgt_keep, tgt_count, cjk=target_lang.split("-")[0] in {"zh", "ja"})
    src_keep = {g for g in src_keep if len(g) <= _MAX_CJK or not _is_cjk_gram(g)}
    tgt_keep = {g for g in tgt_keep if len(g) <= _MAX_CJK or not _is_cjk_gram(g)}
    joint: Counter[tuple[str, str]] = Counter()
    for src, tgt in rows:
        s = src & src_keep
        t = tgt & tgt_keep
        for a in s:
            for b in t:
                joint[(a, b)] += 1
    best: dict[str, TermCandidate] = {}
    for (a, b), n in joint.items():
        if n < min_count or a == b:
            continue
        dice = 2 * n / (src_count[a] + tgt_count[b])
        if dice < min_dice:
            continue
        score = dice * math.log2(1 + n) * (1 + 0.1 * min(len(a), len(b), 10) ** 0.5)
        cand = TermCandidate(source=a, target=b, count=n, score=round(score, 4), dice=round(dice, 3))
        if a not in best or cand.score > best[a].score:
            best[a] = cand
    # One target per source and one source per target: keep the higher score.
    by_target: dict[str, TermCandidate] = {}
    for cand in best.values():
        other = by_target.get(cand.target)
        if other is None or cand.score > other.score:
            by_target[cand.target] = cand
    out = [
        c
        for c in by_target.values()
        if not _known(glossary, c.source, source_lang) and not _known(glossary, c.target, target_lang)
    ]
    for code, n in codes.items():
        if n >= min_count and not _known(glossary, code, source_lang):
            out.append(
                TermCandidate(
                    source=code,
                    target=code,
                    count=n,
                    score=round(math.log2(1 + n), 4),
                    dice=1.0,
                    status=DO_NOT_TRANSLATE,
                )
            )
    out.sort(key=lambda c: (-c.score, -c.count, c.source, c.target))
    return out[:limit]


def _is_cjk_gram(gram: str) -> bool:
    return bool(re.fullmatch(r"[\u3400-\u9fff\uf900-\ufaff]+", gram))


def _breaks_glossary(glossary: Glossary | None, source: str, target: str, source_lang: str, target_lang: str) -> bool:
    """Whether a translation misses a glossary term's accepted form or uses a forbidden one."""
    if glossary is None or not len(glossary):
        return False
    found = glossary.find_terms(target, target_lang)
    if any(m.term.status == FORBIDDEN for m in found):
        return True
    present = {c.id for m in found for c in m.concepts}
    for match in glossary.find_terms(source, source_lang):
        if match.term.status == FORBIDDEN:
            continue
        wanted = [c for c in match.concepts if glossary.accepted(c, target_lang)]
        if wanted and not any(c.id in present for c in wanted):
            return True
    return False


def _maximal(grams: set[str], counts: Counter[str], *, cjk: bool) -> set[str]:
    keep = set(grams)
    for g in grams:
        for h in grams:
            if len(h) > len(g) and counts[h] == counts[g] and (g in h if cjk else f" {g} " in f" {h} "):
                keep.discard(g)
                break
    return keep

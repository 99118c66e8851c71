"""Stage 2: split blocks into sentence segments (rule-based, zh and en).

The rules are the ones listed under "Segments" in DESIGN.md. One scanner serves every
language: a terminator cluster (``。！？`` or ``.!?…``, with the closing quotes and brackets
attached to it) is a *candidate*, and each candidate is accepted or rejected by looking
at the word before it and the text after it, using the tables of the document language's
``LanguageProfile`` (abbreviations, name titles, sentence starters). Chinese releases
quote English and English releases quote Chinese, so both scripts are handled in any
document; the language only chooses the tables.

Inline placeholders (``<1>…</1>``, ``<2/>``) are removed before the rules run and put
back afterwards: a cut never falls inside a tag pair, closing and empty tags that follow
a terminator stay with their sentence, and an opening tag starts the next one. That
handling, and the splitting of page titles, lives in :mod:`l10n.segment_marks`.

Guarantees, for every ``text``: segments are stripped and non-empty; concatenated they
hold every non-whitespace character of ``text`` in order; and ``split_sentences(seg,
lang) == [seg]`` for every segment ``seg`` produced.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from l10n.lang import get_profile
from l10n.model import Block, Document, Segment
from l10n.segment_marks import (
    _CJK_RANGES,
    _HAS_CONTENT_RE,
    _Clean,
    _clean,
    _has_content,
    _inside_pair,
    _to_original,
    title_parts,
)

__all__ = ["segment_block", "segment_document", "split_sentences", "title_parts"]

# --- character classes -------------------------------------------------------------------

_CJK_OR_FULLWIDTH = re.compile(f"[{_CJK_RANGES}\u3000-\u303f\uff00-\uffef]")

# A terminator cluster: a spaced ellipsis (". . ." / ". . . .") or a run of terminators,
# then any closing quotes and brackets attached to it.
_CANDIDATE = re.compile(
    r"(?P<term>[.!?‼⁇⁈⁉…。！？．](?:(?<=\.)(?: \.){2,}|[.!?‼⁇⁈⁉…。！？．]*))"
    r"(?P<close>[\"'”’）)\]】」』》〕〉»›]*)"
)
# The same for an ASCII text without "!" and "?": every candidate starts with ".", and
# a pattern that starts with a literal is scanned for several times faster.
_CANDIDATE_DOT = re.compile(r"(?P<term>\.(?:(?<=\.)(?: \.){2,}|\.*))(?P<close>[\"')\]]*)")
_CJK_TERMINATORS = frozenset("。！？．")
_BANGS = frozenset("!?‼⁇⁈⁉")
_NON_SPACE_RE = re.compile(r"\S")
_ANY_TERMINATOR_RE = re.compile(r"[.!?。！？．]")
_ELLIPSIS_CHARS = frozenset(".… ")
_OPENERS = frozenset("\"'“‘（([【「『《〔〈«‹{")
_CONTINUERS = frozenset(",;:，、；：")
_BULLETS = "•⁃▪◦‣●"
_BULLET_RE = re.compile(f"(?<=\\s)[{_BULLETS}]")
_ANY_BULLET_RE = re.compile(f"[{_BULLETS}]")
# An enumeration marker at the start of a sentence: "1. ", "2.) ", "3) ", "a. ", "• 9. ".
_MARKER_RE = re.compile(f"\\s*(?:[{_BULLETS}]\\s*)?(\\d{{1,3}}|[a-z])(\\.\\)|\\)|\\.)(?=\\s)")
# The word before a terminator: no spaces, no opening punctuation, no CJK.
_TOKEN_RE = re.compile(
    f"[^\\s\"'“‘（(\\[【「『《{_BULLETS}{_CJK_RANGES}\u3000-\u303f\uff00-\uffef]++\\Z"
)  # possessive: a shorter run could not end at the end either
_MULTI_PERIOD_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\Z")
_WORD_RE = re.compile(r"[A-Za-z]+")
_QUOTE_INTRO_RE = re.compile(r"\s*[,:]\s*[\"“]")  # She continued, "...
# A caption label that opens the sentence: "Table 1", "Fig. 2", "Figure S3b", "图1".
_CAPTION_RE = re.compile(
    r"\s*(?:(?:Table|Tab\.|Figure|Figs?\.|Chart|Scheme|Box|Plate|Exhibit)\s+|[图表]\s*)"
    r"[A-Z]?\d{1,3}[a-z]?"
)
# An enumeration marker before a full-width full stop: "1．", "ａ．", "• 3．".
_FULL_STOP_MARKER_RE = re.compile(
    f"\\s*(?:[{_BULLETS}]\\s*)?(?:[0-9０-９]{{1,3}}|[A-Za-zＡ-Ｚａ-ｚ])"
)
_FOOTNOTE_RE = re.compile(r"\[\d{1,3}(?:[,–-]\d{1,3})*\]")  # "[3]", "[4,5]", "[6-8]"
_NOTE_STARTS = frozenset("[0123456789")
_FOOTNOTE_TEXT_RE = re.compile(r"\d{1,3}(?:[,–-]\d{1,3})*\Z")  # a <sup> footnote's text
_ALNUM_BEFORE_STOP = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
# A number of one to three digits right before the stop, after Chinese text or punctuation.
_SHORT_NUMBER_BEFORE = re.compile(f"(?:^|(?<=[{_CJK_RANGES}\u3000-\u303f\uff00-\uffef]))[0-9０-９]{{1,3}}\\Z")
_SPACE_RE = re.compile(r"\s*")
_HARD_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
_ANY_BREAK_RE = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")  # a faster test for the same
_PROTECTED_RE = re.compile(
    r"(?:https?|ftp)://[!-~]+|www\.[!-~]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII | re.IGNORECASE
)


# --- rule tables -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rules:
    """The language tables the scanner needs, in lookup-friendly form."""

    abbreviations: frozenset[str]
    titles: frozenset[str]
    starters: frozenset[str]
    final: frozenset[str]
    attribution: re.Pattern[str] | None


@lru_cache(maxsize=32)
def _rules(lang: str) -> _Rules:
    profile = get_profile(lang)
    verbs = "|".join(sorted(profile.attribution_verbs))
    attribution = re.compile(rf"(?:[A-Z][\w'’.-]*\s+){{1,3}}(?:{verbs})\b") if verbs else None
    return _Rules(
        abbreviations=profile.abbreviations,
        titles=profile.name_titles,
        starters=profile.sentence_starters,
        final=profile.final_abbreviations,
        attribution=attribution,
    )


@lru_cache(maxsize=256)
def _next_marker_re(value: str, style: str) -> re.Pattern[str]:
    return re.compile(f"(?<=\\s)(?:[{_BULLETS}]\\s*)?{re.escape(value + style)}(?=\\s)")


# --- the scanner -------------------------------------------------------------------------


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_OR_FULLWIDTH.match(ch))


def _sentence_cuts(s: str, lo: int, hi: int, rules: _Rules, clean: _Clean) -> list[int]:
    """Cut offsets (clean text) of the sentence boundaries inside ``s[lo:hi]``."""
    ascii_dots = s.isascii() and "!" not in s and "?" not in s  # isascii() is O(1)
    cands = list((_CANDIDATE_DOT if ascii_dots else _CANDIDATE).finditer(s, lo, hi))
    bullets = (
        [m.start() for m in _BULLET_RE.finditer(s, lo, hi)]
        if not s.isascii() and _ANY_BULLET_RE.search(s, lo, hi) is not None  # isascii() is O(1)
        else []
    )
    if (
        not bullets
        and (not cands or (len(cands) == 1 and cands[0].end(1) == hi))
        and _MARKER_RE.match(s, lo, hi) is None
    ):
        return []  # one sentence: no terminator but the last one, no bullet, no enumeration
    protected = (
        [m.span() for m in _PROTECTED_RE.finditer(s, lo, hi)]
        if ("@" in s or "//" in s or "www." in s)
        else []
    )
    start = lo
    # _list_cut, called only when the sentence opens with a marker at all
    forced = _list_cut(s, start, hi) if _MARKER_RE.match(s, start, hi) is not None else None
    if not cands and not bullets and forced is None:
        return []
    titled = "《" in s  # whether _inside_title can be true at all
    cuts: list[int] = []
    ci = 0
    if not bullets:
        # The common case: terminators only. This is what _general_cuts does while there
        # is no bullet and no enumeration marker ahead; it hands over when a marker turns up.
        tagged = clean.tagged
        n_cands = len(cands)
        while forced is None and ci < n_cands:
            m = cands[ci]
            ci += 1
            if m.start() < start or m.end(1) == hi:
                continue  # already passed, or the terminator that ends the text
            if protected and _in_spans(protected, m.start()):
                continue
            cut = _decide(s, m, start, hi, rules, titled, clean)
            if cut > 0 and not (tagged and _inside_pair(clean.pairs, cut)):
                cuts.append(cut)
                start = cut
                if _MARKER_RE.match(s, start, hi) is not None:
                    forced = _list_cut(s, start, hi)
                    if forced is not None and forced <= start:
                        forced = None
        if forced is None:
            return cuts
    return _general_cuts(s, hi, rules, clean, cands, bullets, protected, titled, cuts, start, forced, ci)


def _general_cuts(
    s: str,
    hi: int,
    rules: _Rules,
    clean: _Clean,
    cands: list[re.Match[str]],
    bullets: list[int],
    protected: list[tuple[int, int]],
    titled: bool,
    cuts: list[int],
    start: int,
    forced: int | None,
    ci: int,
) -> list[int]:
    """The cut loop of :func:`_sentence_cuts`, from candidate ``ci`` on, with bullets and
    enumeration markers (``forced``: where the next marker starts a sentence)."""
    bi = 0
    n_cands = len(cands)
    n_bullets = len(bullets)
    while bi < n_bullets and bullets[bi] < start:
        bi += 1
    while True:
        nxt_c = cands[ci].start() if ci < n_cands else hi
        nxt_b = bullets[bi] if bi < n_bullets else hi
        nxt_f = forced if forced is not None else hi
        pos = min(nxt_c, nxt_b, nxt_f)
        if pos >= hi:
            break
        cut = -1
        if (pos == nxt_b and pos < nxt_c) or (pos == nxt_f and pos < nxt_c):
            # a bullet or the next enumeration marker starts a new sentence
            if pos == nxt_b:
                bi += 1
            if pos == nxt_f:
                forced = None
            if (
                s[start:pos].strip()
                and not _inside_pair(clean.pairs, pos)
                and not _inside_title(s, start, pos, hi)
            ):
                cut = pos
        else:
            m = cands[ci]
            ci += 1
            if m.start() < start or m.end("term") == hi:
                continue  # already passed, or the terminator that ends the text
            if protected and _in_spans(protected, m.start()):
                continue
            cut = _decide(s, m, start, hi, rules, titled, clean)
            if cut > 0 and clean.tagged and _inside_pair(clean.pairs, cut):
                cut = -1
        if cut > 0:
            cuts.append(cut)
            start = cut
            forced = _list_cut(s, start, hi) if _MARKER_RE.match(s, start, hi) is not None else None
            while bi < n_bullets and bullets[bi] < start:
                bi += 1
            if forced is not None and forced <= start:
                forced = None
    return cuts


def _has_bullet(s: str, lo: int, hi: int) -> bool:
    return _ANY_BULLET_RE.search(s, lo, hi) is not None


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    for a, b in spans:
        if a <= pos < b - 1:  # a terminator at the very end is not part of the address
            return True
    return False


def _list_cut(s: str, start: int, hi: int) -> int | None:
    """If the sentence at ``start`` opens with marker N, where marker N+1 starts."""
    m = _MARKER_RE.match(s, start, hi)
    if not m:
        return None
    value, style = m.groups()
    nxt = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
    f = _next_marker_re(nxt, style).search(s, m.end(), hi)
    return f.start() if f else None


def _inside_title(s: str, start: int, pos: int, hi: int) -> bool:
    """Whether ``pos`` lies inside a 《title》 that opened in this sentence and closes later."""
    return (
        "《" in s
        and s.count("《", start, pos) > s.count("》", start, pos)
        and s.find("》", pos, hi) >= 0
    )


def _closers(s: str, start: int, a: int, b: int, hi: int) -> int:
    """End of the closing punctuation ``s[a:b]`` that really closes (not an opening quote)."""
    for i in range(a, b):
        ch = s[i]
        if ch == '"':
            # An ASCII quote closes when the sentence so far holds an open quote; else it
            # opens, unless spacing and the lack of a partner say otherwise.
            depth = s.count('"', start, i) + s.count("“", start, i) - s.count("”", start, i)
            if depth % 2 == 0:
                after = s[i + 1 : i + 2]
                if not (after == "" or after.isspace()):
                    return i
                # Chinese text with stray spaces: 。" 预期…," —— a partner follows.
                j = _SPACE_RE.match(s, i + 1, hi).end()
                if j < hi and _is_cjk(s[j]):
                    partner = s.find('"', j, hi)
                    if partner >= 0 and not _ANY_TERMINATOR_RE.search(s, j, partner):
                        return i
        elif ch == "'":
            after = s[i + 1 : i + 2]
            if after.isalnum():
                return i
    return b


def _decide(
    s: str,
    m: re.Match[str],
    start: int,
    hi: int,
    rules: _Rules,
    titled: bool = True,
    clean: _Clean | None = None,
) -> int:
    """The cut offset for candidate ``m`` in the sentence starting at ``start``, or -1.

    ``titled=False`` says that ``s`` holds no "《" (no title to be inside of); ``clean``
    gives the tag pairs of a tagged text (a ``<1>3</1>`` footnote after the terminator).
    """
    t0, t1 = m.span(1)  # the "term" group
    close = m.end()
    end = _closers(s, start, t1, close, hi) if close > t1 else t1
    j = end
    if j < hi and s[j].isspace():  # skip the spaces (usually one: cheaper than a regex)
        j += 1
        while j < hi and s[j].isspace():
            j += 1
    if j >= hi or ((start >= t0 or s[start].isspace()) and _NON_SPACE_RE.search(s, start, t0) is None):
        return -1  # end of the text, or nothing before the terminator
    spaced = j > end
    nxt = s[j]
    if nxt in _CONTINUERS:
        return -1
    if titled and _inside_title(s, start, t0, hi):
        return -1  # inside a title: 《摔跤吧！爸爸》
    term = m.group(1)
    closed = end > t1
    prev = s[t0 - 1] if t0 > 0 else " "
    stop = term == "."  # the common case: one full stop, none of the branches below

    if not spaced and nxt in _NOTE_STARTS:
        if nxt == "[":
            f = _FOOTNOTE_RE.match(s, j, hi)
            if f is not None:  # "rose by 40 times.[3] The team"
                return _after_footnote(s, f.end(), hi)
        elif clean is not None and clean.tagged:
            for a, b in clean.pairs:  # "rose by 2.1%.<1>3</1> The team"
                if a >= j:
                    if a == j and _FOOTNOTE_TEXT_RE.match(s, a, b):
                        return _after_footnote(s, b, hi)
                    break

    if not stop and not _CJK_TERMINATORS.isdisjoint(term):
        if term == "．" and _ALNUM_BEFORE_STOP.match(prev) and not closed:
            if not spaced and nxt.isdigit():
                return -1  # 第1．5版
            if _FULL_STOP_MARKER_RE.fullmatch(s, start, t0) or _CAPTION_RE.fullmatch(s, start, t0):
                return -1  # 1．加强基础研究。 图1．东海
            if not spaced and _is_cjk(nxt) and _SHORT_NUMBER_BEFORE.search(s, start, t0) is not None:
                return -1  # 几点：１．加强基础研究；２．推进 (a numbered point inside the sentence)
        if (
            closed
            and not spaced
            and nxt not in _OPENERS
            and (_is_cjk(nxt) or nxt.isalnum())
            and not _quote_introduced(s, start, t0)
        ):
            return -1  # “……。”她说。 : the sentence goes on after the quote
        return end

    if not stop and _ELLIPSIS_CHARS.issuperset(term) and (term.count(".") != 1 or "…" in term):
        if closed and _is_cjk(nxt) and _quote_introduced(s, start, t0):
            return end  # 他说：“我们还需要更多时间……”但他对结果充满信心。
        return _decide_ellipsis(s, term, t0, end, j, prev, start)

    if not spaced:
        # "1.2", "U.S", "example.com", "Jr.'s", "Yahoo!中国": only a sentence followed by
        # a Chinese one may run straight into it.
        if not _is_cjk(nxt):
            return -1
        if _is_cjk(prev) or ("." not in term and prev in "”’）)"):
            return end
        if closed:
            return end if _quote_introduced(s, start, t0) else -1  # 一句话：“Go on!”这句话
        if stop and ((prev.isascii() and prev.isalnum()) or prev in ")%") and _ends_latin_sentence(
            s, start, t0, rules
        ):
            return end  # founded in 2006.研究所成立于2006年。
        return -1

    if not stop and not _BANGS.isdisjoint(term):
        if nxt.islower():
            return -1  # Yahoo! in the accounting department
        if (
            closed
            and nxt.isupper()
            and rules.attribution is not None
            and (a := rules.attribution.match(s, j, hi)) is not None
            and not _QUOTE_INTRO_RE.match(s, a.end(), hi)
        ):
            return -1  # "Get out of the water!" Hammel added.
        return end

    # a full stop (or "..")
    if nxt.islower():
        return -1
    tm = _token_before(s, max(start, t0 - 40), t0)
    token = tm.group() if tm else ""
    # The cheap test on the token first: the strip copies the whole sentence so far.
    if (
        token
        and ((token.isdigit() and len(token) <= 3) or (len(token) == 1 and token.islower()))
        and not s[start : tm.start()].strip(_BULLETS + " \t\u3000(（[")
    ):
        return -1  # "1. The first item", "a. The first item"
    if (
        t0 - start <= 24
        and token
        and (token[0].isdigit() or token[-1].isdigit())  # "1", "3b", "S3"
        and _CAPTION_RE.fullmatch(s, start, t0) is not None
    ):
        return -1  # "Table 1. Results of the test"
    if closed or not token:
        return end
    low = token.lower()
    if low in rules.titles:
        return -1  # Dr. Wang, Prof. Li
    abbreviation = (
        low in rules.abbreviations
        or (len(token) == 1 and token.isalpha())
        or ("." in token and _MULTI_PERIOD_RE.match(token) is not None)  # "U.S" holds a dot
    )
    if abbreviation:
        if not nxt.isupper():
            return -1  # approx. 1.2 billion, Jan. 24, e.g. (2016), Co., Ltd. 承建
        w = _WORD_RE.match(s, j, hi)
        if w is None:
            return -1
        word = w.group()
        if word.lower() in rules.starters:
            return end
        if low in rules.final and word[1:].islower():
            return end  # "Photonics Co., Ltd. Wang Jun attended", not "Inc. CEO Tim Cook"
        return -1
    return end


def _after_footnote(s: str, fe: int, hi: int) -> int:
    """The cut after a footnote marker ending at ``fe``, when a new sentence follows it."""
    k = _SPACE_RE.match(s, fe, hi).end()
    if k >= hi:
        return -1
    ch = s[k]
    if ch.isupper() or ch in _OPENERS or (_is_cjk(ch) and ch not in _CONTINUERS):
        return fe
    return -1


def _ends_latin_sentence(s: str, start: int, t0: int, rules: _Rules) -> bool:
    """Whether the full stop at ``t0``, right before a Chinese character, ends a sentence:
    not after an abbreviation, a title, an initial, a list marker or a caption label."""
    tm = _token_before(s, max(start, t0 - 40), t0)
    if tm is None:
        return False
    token = tm.group()
    low = token.lower()
    if (
        low in rules.abbreviations
        or low in rules.titles
        or (len(token) == 1 and token.isalpha())
        or _MULTI_PERIOD_RE.match(token) is not None
    ):
        return False
    if token.isdigit() and len(token) <= 3:
        return False  # 1.加强基础研究; 几点：1.加强…；2.推进…; 见图1.右侧 (a year, 2006., does end one)
    return not (t0 - start <= 24 and _CAPTION_RE.fullmatch(s, start, t0) is not None)


def _token_before(s: str, lo: int, t0: int) -> re.Match[str] | None:
    """``_TOKEN_RE.search(s, lo, t0)``, trying the last 12 characters first.

    The search finds the leftmost start from which the rest up to ``t0`` is one token; a
    match that starts after the narrow window's first position is that start already
    (the character before it cannot be part of a token).
    """
    a = max(lo, t0 - 12)
    tm = _TOKEN_RE.search(s, a, t0)
    if tm is not None and a > lo and tm.start() == a:
        tm = _TOKEN_RE.search(s, lo, t0)
    return tm


def _quote_introduced(s: str, start: int, t0: int) -> bool:
    """Whether the quote closing at ``t0`` was opened after a colon (他问道：“……？”)."""
    q = max(s.rfind("“", start, t0), s.rfind('"', start, t0), s.rfind("「", start, t0))
    if q < 0:
        return False
    before = s[start:q].rstrip()
    return before.endswith(("：", ":"))


def _decide_ellipsis(s: str, term: str, t0: int, end: int, j: int, prev: str, start: int) -> int:
    """Ellipses: "...", "…", ". . .", ". . . ." (Golden Rules 43-48)."""
    nxt = s[j]
    word = _WORD_RE.match(s, j)
    capital = nxt.isupper() and word is not None and j > end  # "leak...No" runs on
    if " " in term:  # spaced dots
        dots = term.count(".")
        attached = not prev.isspace() and t0 > start
        if attached and dots >= 4:
            return t0 + 1 if capital else -1  # "compounds. . . . The" -> cut after "compounds."
        if dots >= 4:
            return end if capital else -1
        return -1  # " . . . " inside a sentence
    if term.count(".") >= 4:
        return end if capital else -1  # "that.... She"
    if capital and word.group() != "I":
        return end
    return -1


# --- public API --------------------------------------------------------------------------


def split_sentences(text: str, lang: str) -> list[str]:
    """Split ``text`` into sentences by the rules for ``lang`` (``en``, ``zh-Hans``...).

    A line break is a hard boundary; inline placeholders are never cut apart.

    >>> split_sentences("Prof. Wang spoke on Jan. 24, 2016. The fund is 1.2 billion yuan.", "en")
    ['Prof. Wang spoke on Jan. 24, 2016.', 'The fund is 1.2 billion yuan.']
    >>> split_sentences("“我们会继续努力。”她说。《中国制造2025》发布了！", "zh-Hans")
    ['“我们会继续努力。”她说。', '《中国制造2025》发布了！']
    """
    return _split(text, _rules(lang))


def _split(text: str, rules: _Rules) -> list[str]:
    """:func:`split_sentences` with the language's tables looked up."""
    clean = _clean(text)
    s = clean.text if clean.tagged else text
    if (
        ("\n" not in s and "\r" not in s and "\x0b" not in s and "\x0c" not in s)
        if s.isascii()  # O(1); the other breaks are not ASCII, and `in` is a fast scan
        else _ANY_BREAK_RE.search(s) is None
    ):
        cuts = _sentence_cuts(s, 0, len(s), rules, clean)
        if not cuts:  # one sentence (the common case for list items, captions, cells)
            piece = text.strip()
            return [piece] if piece else []
    else:
        cuts = []  # clean offsets; a line break cuts just before itself
        lo = 0
        for br in _HARD_BREAK_RE.finditer(s):
            if clean.pairs and _inside_pair(clean.pairs, br.start()):
                continue
            cuts.extend(_sentence_cuts(s, lo, br.start(), rules, clean))
            cuts.append(br.start())
            lo = br.end()
        cuts.extend(_sentence_cuts(s, lo, len(s), rules, clean))
    offsets = [_to_original(text, clean, c) for c in cuts] if clean.tagged else cuts
    out: list[str] = []
    prev = 0
    for off in [*offsets, len(text)]:
        piece = text[prev:off].strip()
        if piece:
            out.append(piece)
        prev = off
    return out


def _block_pieces(block: Block, text: str, stripped: str, rules: _Rules) -> list[str]:
    if block.splittable:
        return _split(text, rules)
    if block.kind == "title":
        return title_parts(stripped)
    return [stripped]


def segment_block(block: Block, lang: str) -> list[str]:
    """The segments of one block: its sentences, or its whole text when not splittable
    (a page title: its parts, see :func:`title_parts`).

    Empty segments and segments without letters, digits or CJK characters (``"<1/>"``,
    ``"—"``) are left out. The rebuild stage calls this to re-split a block the same way.
    """
    stripped = block.text.strip()
    if not stripped:
        return []
    pieces = [_trim_edges(p) for p in _block_pieces(block, block.text, stripped, _rules(lang))]
    return [p for p in pieces if _has_content(p)]


# Empty placeholders (an image, a line break) at either end of a segment stay in the page
# between segments instead: the translator has nothing to carry over, and the rebuild keeps
# what lies between segments as it is.
_EDGE_EMPTY = re.compile(r"\A(?:<\d+/>\s*)+|(?:\s*<\d+/>)+\Z")


def _trim_edges(piece: str) -> str:
    """``piece`` without empty placeholders at its ends (unless that leaves nothing)."""
    if piece[:1] != "<" and piece[-1:] != ">":
        return piece
    trimmed = _EDGE_EMPTY.sub("", piece)
    return trimmed if trimmed else piece


def _segment_maker() -> Callable[[str, str, int, str, int], Segment]:
    """``make(source, block_id, index, kind, line)``: a :class:`Segment` without ``context``.

    A document has hundreds of segments, and the keyword ``__init__`` of a frozen
    dataclass costs three times more than setting its slots directly. The direct way is
    used only while ``Segment`` is exactly the class it was written for (same fields in the
    same order, slots, no ``__post_init__``); otherwise the ordinary constructor.
    """
    names = ("source", "block_id", "index", "kind", "line", "context")
    fields = dataclasses.fields(Segment)
    if (
        tuple(f.name for f in fields) != names
        or fields[-1].default is not None
        or hasattr(Segment, "__post_init__")
        or "__slots__" not in Segment.__dict__
    ):  # pragma: no cover - only when model.Segment changes

        def make(source: str, block_id: str, index: int, kind: str, line: int) -> Segment:
            return Segment(source=source, block_id=block_id, index=index, kind=kind, line=line)

        return make
    s_source, s_block, s_index, s_kind, s_line, s_context = (Segment.__dict__[n].__set__ for n in names)
    new = object.__new__

    def make(source: str, block_id: str, index: int, kind: str, line: int) -> Segment:
        seg = new(Segment)
        s_source(seg, source)
        s_block(seg, block_id)
        s_index(seg, index)
        s_kind(seg, kind)
        s_line(seg, line)
        s_context(seg, None)
        return seg

    return make


_make_segment = _segment_maker()


def segment_document(doc: Document) -> list[Segment]:
    """Split every block of ``doc`` into ``Segment`` objects, in document order."""
    out: list[Segment] = []
    rules = _rules(doc.lang)
    make = _make_segment
    append = out.append
    for block in doc.blocks:
        text = block.text
        stripped = text.strip()
        if not stripped:
            continue
        kind = block.kind
        if not block.splittable and kind != "title":
            # one whole segment (headings, attributes...): the loop below, unrolled
            if (stripped[0] == "<" and stripped[stripped.find(">") - 1] == "/") or stripped.endswith("/>"):
                stripped = _trim_edges(stripped)
            if stripped[0].isalnum() or _HAS_CONTENT_RE.match(stripped) is not None or _has_content(stripped):
                append(make(stripped, block.id, 0, kind, block.line))
            continue
        pieces = _split(text, rules) if block.splittable else title_parts(stripped)
        i = 0
        block_id, line = block.id, block.line
        for source in pieces:
            if (source[0] == "<" and source[source.find(">") - 1] == "/") or source.endswith("/>"):
                source = _trim_edges(source)  # an empty placeholder at an end (cheap tests first)
            # isalnum() is the regex's [^\W_]: a first character that settles it, cheaply
            if source[0].isalnum() or _HAS_CONTENT_RE.match(source) is not None or _has_content(source):
                append(make(source, block_id, i, kind, line))
                i += 1
    return out

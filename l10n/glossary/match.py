"""Finding glossary terms in text: one Aho-Corasick automaton per language.

The text and the terms are folded the same way, one character for one character, so
offsets in the folded text are offsets in the original: full-width ASCII to half-width,
curly quotes to straight ones, hyphens and every kind of space to a plain space, and
lower case. Runs of spaces are squeezed with an offset map.

Word boundaries come from character classes, not ``\\b``: a term edge that is a Latin
letter or digit must not touch another Latin letter or digit. CJK characters are never
word characters here, so ``API`` is found in ``使用API接口`` and ``公司`` in ``本公司宣布``,
and Chinese terms are plain substrings. Among overlapping hits the longest wins, then the
leftmost; hits of exactly the same span are kept together (homonyms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

from .base import Concept, Term, TermMatch

__all__ = ["Matcher", "fold", "is_cjk", "is_word_char", "term_keys"]

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): " " for c in "\t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
              "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})
_FOLD.update({ord(c): " " for c in "-\u2010\u2011\u2012\u2013\u00ad"})
_FOLD.update({ord(c): "'" for c in "\u2018\u2019\u201b\u2032"})
_FOLD.update({ord(c): '"' for c in "\u201c\u201d\u201e\u2033"})
_HYPHENS = "-\u2010\u2011\u2012\u2013\u00ad"
_WRAPPING_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
_SPACES = re.compile(r" {2,}")
_PLURAL_SUFFIXES = ("'s", "s'", "es", "s")
# Prefixes that English writes closed or hyphenated ("email"/"e-mail", "postdoctoral"/
# "post-doctoral"): a closed word that starts with one is also looked for split there.
_PREFIXES = ("anti", "co", "cross", "e", "inter", "micro", "multi", "nano", "non", "opto", "post", "pre",
             "re", "self", "sub", "super")
_PREFIX_WORD = re.compile(r"(?i)^(" + "|".join(sorted(_PREFIXES, key=len, reverse=True)) + r")([a-z]{3,})$")


def is_cjk(char: str) -> bool:
    """Whether a character belongs to a script written without spaces (Han, kana, Hangul)."""
    cp = ord(char)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
    )


# "_" is a separator here, not a word character: page titles join parts with it
# ("Alliance_News_Xiamen Institute ..."), and no glossary term ends inside an identifier.
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def is_word_char(char: str) -> bool:
    """A letter or digit of a space-separated script (the boundary class).

    >>> is_word_char("a"), is_word_char("_"), is_word_char("中"), is_word_char("é")
    (True, False, False, True)
    """
    if char < "\x80":
        return char in _ASCII_WORD
    return char.isalnum() and not is_cjk(char)


def _to_bytes(text: str) -> str:
    # pyahocorasick scans a node's children linearly: thousands of Han characters under
    # the root make it slow, so the automaton works on UTF-8 bytes (as latin-1 text).
    # UTF-8 is self-synchronising, so a hit always starts on a character boundary.
    return text.encode("utf-8").decode("latin-1")


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str, *, case: bool = False) -> str:
    """Fold ``text`` one character for one character (lower-cased unless ``case``).

    >>> fold("Thousand‐Talent “Program”")
    'thousand talent "program"'
    """
    norm = text.translate(_FOLD)
    return norm if case else _lower(norm)


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _strip_quotes(text: str) -> str:
    text = text.strip()
    while len(text) > 2 and _WRAPPING_QUOTES.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def term_keys(term: Term, *, exact: bool = False) -> list[str]:
    """The case-preserving folded forms a term is looked for under, main form first.

    Variants: wrapping quotes dropped, hyphens as spaces or left out ("e-mail", "email"),
    a closed word split after a common prefix ("email" as "e mail", so "e-mail" matches),
    spaces next to symbols left out ("Internet +", "Internet+"), and the ``-ies`` plural
    of a word ending in consonant + y. ``exact`` (do-not-translate) keeps the main form only.

    >>> term_keys(Term(text="Thousand-Talent Program", lang="en"))
    ['Thousand Talent Program', 'ThousandTalent Program']
    """
    base = _strip_quotes(term.text)
    main = _squeeze(fold(base, case=True))
    if not main:
        return []
    keys = [main]
    if exact:
        return keys
    if any(h in base for h in _HYPHENS):
        joined = base
        for h in _HYPHENS:
            joined = joined.replace(h, "")
        keys.append(_squeeze(fold(joined, case=True)))
    else:
        keys.extend(_prefix_splits(main))
    for key in list(keys):
        tight = re.sub(r" (?=[^\w\s])|(?<=[^\w\s]) ", "", key)
        if tight != key and tight:
            keys.append(tight)
    if len(main) > 2 and main[-1] in "yY" and main[-2].isalpha() and main[-2].lower() not in "aeiou":
        keys.append(main[:-1] + ("IES" if main[-1] == "Y" else "ies"))
    out: list[str] = []
    for key in keys:
        if key not in out:
            out.append(key)
    return out


def _prefix_splits(key: str) -> list[str]:
    """``key`` with its closed prefixed words split after the prefix: each alone, then all.

    At most one split per word and ``words + 1`` forms, so long terms stay cheap.

    >>> _prefix_splits("postdoctoral email")
    ['post doctoral email', 'postdoctoral e mail', 'post doctoral e mail']
    """
    words = key.split(" ")
    split = [_PREFIX_WORD.sub(r"\1 \2", w) for w in words]
    out = []
    for i, (word, new) in enumerate(zip(words, split, strict=True)):
        if new != word:
            out.append(" ".join([*words[:i], new, *words[i + 1 :]]))
    if len(out) > 1:
        out.append(" ".join(split))
    return out


class Matcher:
    """Finds the terms of one language in texts.

    :param pairs: ``(concept, term)`` pairs to look for (all statuses).
    """

    __slots__ = ("_automaton", "_empty")

    def __init__(self, pairs: Iterable[tuple[Concept, Term]]):
        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        table: dict[str, list[tuple[Concept, Term, str, bool]]] = {}
        for concept, term in pairs:
            exact = concept.do_not_translate
            lang_family = term.lang.split("-")[0]
            for key in term_keys(term, exact=exact):
                plural = (
                    lang_family not in {"zh", "ja", "ko"}
                    and key[-1].isalpha()
                    and not is_cjk(key[-1])
                )
                table.setdefault(_lower(key), []).append((concept, term, key, plural))
        for low, payloads in table.items():
            raw = _to_bytes(low)
            edges = (is_word_char(low[0]), is_word_char(low[-1]) or any(pl[3] for pl in payloads))
            automaton.add_word(raw, (len(raw), len(low), edges, tuple(payloads)))
        self._empty = not table
        if table:
            automaton.make_automaton()
        self._automaton = automaton

    @staticmethod
    def _stop(low: str, end: int, plural: bool) -> int:
        """Where a hit ending at ``end`` really ends (-1: inside a longer word)."""
        size = len(low)
        if end >= size:
            return end
        word_end = is_word_char(low[end - 1])
        if plural:
            for suffix in _PLURAL_SUFFIXES:
                if low.startswith(suffix, end):
                    after = end + len(suffix)
                    if after >= size or not is_word_char(low[after]):
                        return after
        if word_end and is_word_char(low[end]):
            return -1
        return end

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping matches in ``text``, longest first then leftmost, in text order."""
        if self._empty or not text:
            return []
        norm = text.translate(_FOLD)
        mapping: list[int] | None = None
        if "  " in norm:
            # Squeeze runs of spaces, remembering where each kept character came from.
            mapping = []
            chars = []
            prev_space = False
            for i, ch in enumerate(norm):
                if ch == " " and prev_space:
                    continue
                prev_space = ch == " "
                chars.append(ch)
                mapping.append(i)
            norm = "".join(chars)
            mapping.append(len(text))
        low = _lower(norm)
        raw = _to_bytes(low)
        ascii_only = len(raw) == len(low)
        hits: list[tuple[int, int, Concept, Term]] = []
        size = len(low)
        for end_index, (byte_len, length, (word_start, word_end), payloads) in self._automaton.iter(raw):
            if ascii_only:
                start = end_index - byte_len + 1
            else:
                start = len(raw[: end_index - byte_len + 1].encode("latin-1").decode("utf-8"))
            end = start + length
            if word_start and start > 0 and is_word_char(low[start - 1]):
                continue
            for concept, term, key, plural in payloads:
                if concept.do_not_translate:
                    if mapping is None:
                        same = text[start:end] == _strip_quotes(term.text)
                    else:
                        same = norm[start:end] == key
                    if not same:
                        continue
                elif concept.case_sensitive and norm[start:end] != key:
                    continue
                if word_end and end < size:
                    stop = self._stop(low, end, plural)
                    if stop < 0:
                        continue
                else:
                    stop = end
                hits.append((start, stop, concept, term))
        if not hits:
            return []
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken: list[tuple[int, int]] = []
        chosen: dict[tuple[int, int], list[tuple[Concept, Term]]] = {}
        for start, end, concept, term in hits:
            span = (start, end)
            if span in chosen:
                if all(c is not concept for c, _ in chosen[span]):
                    chosen[span].append((concept, term))
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append(span)
            chosen[span] = [(concept, term)]
        out = []
        for (start, end), cands in sorted(chosen.items()):
            if mapping is not None:
                o_start, o_end = mapping[start], mapping[end - 1] + 1
            else:
                o_start, o_end = start, end
            concept, term = cands[0]
            out.append(
                TermMatch(
                    start=o_start,
                    end=o_end,
                    text=text[o_start:o_end],
                    concept=concept,
                    term=term,
                    candidates=tuple(cands),
                )
            )
        return out

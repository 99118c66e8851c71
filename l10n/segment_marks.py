"""Stage 2, the marks around sentences: inline placeholders and page-title separators.

:mod:`l10n.segment` splits text into sentences; this module holds what it needs around
that. Placeholders (``<1>…</1>``, ``<2/>``) are taken out of a text before the sentence
rules run (:class:`_Clean`), and each cut is mapped back to the original text
(:func:`_to_original`) so that a cut never falls inside a tag pair (:func:`_inside_pair`).
A page title is split at its separators instead (:func:`title_parts`), and a piece
without letters, digits or CJK characters is no segment (:func:`_has_content`).
The scanner calls these in its loops: keep them plain functions, without extra layers.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["title_parts"]

# CJK characters (shared with l10n.segment's character classes).
_CJK_RANGES = (
    "\u2e80-\u2fff\u3040-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_TAG_RE = re.compile(r"<(/?)(\d+)(/?)>")


# --- placeholders ------------------------------------------------------------------------


class _Clean:
    """Text with placeholders taken out, and the way back to the original offsets.

    The clean text is a series of stretches: ``starts[k]`` is the clean offset where
    stretch ``k`` begins and ``origins[k]`` the original offset of its first character.
    Empty tags (``<2/>``) become one space in the clean text (a stretch of its own,
    standing for the tag's ``>``); ``pairs`` holds the clean (start, end) span of every
    matched tag pair. ``tagged`` says whether the text holds placeholders at all. The
    stretches and pairs are worked out when first needed (most texts hold one sentence
    and need neither).
    """

    __slots__ = ("_origins", "_pairs", "_starts", "source", "tagged", "text")

    def __init__(self, source: str) -> None:
        self.source = source
        self.tagged = "<" in source and _TAG_RE.search(source) is not None
        self._starts: list[int] | None = None
        self._origins: list[int] = []
        self._pairs: list[tuple[int, int]] | None = None
        if not self.tagged:
            self.text = source
            self._pairs = []
        elif "/>" not in source:
            self.text = _TAG_RE.sub("", source)  # no empty tag: every tag just goes
        else:
            self._analyse()

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """The clean (start, end) spans of the matched tag pairs, sorted."""
        if self._pairs is None:
            self._analyse()
        return self._pairs

    def end_of(self, i: int) -> int:
        """The offset in the original text just after clean character ``i`` (tagged text)."""
        if self._starts is None:
            self._analyse()
        starts = self._starts
        k = bisect_right(starts, i) - 1
        return self._origins[k] + (i - starts[k]) + 1

    def _analyse(self) -> None:
        # split() gives [text, closing "/", number, empty "/", text, ...] for every tag.
        pieces = _TAG_RE.split(self.source)
        parts: list[str] = []
        starts: list[int] = []
        origins: list[int] = []
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        first = pieces[0]
        pos = orig = len(first)  # length of the clean text so far; offset in the source
        if first:
            parts.append(first)
            starts.append(0)
            origins.append(0)
        for i in range(1, len(pieces), 4):
            closing, num, empty, after = pieces[i], pieces[i + 1], pieces[i + 2], pieces[i + 3]
            orig += 2 + len(closing) + len(num) + len(empty)  # the tag itself
            if empty and not closing:
                parts.append(" ")
                starts.append(pos)
                origins.append(orig - 1)
                pos += 1
            elif closing and not empty:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == num:
                        pairs.append((stack[k][1], pos))
                        del stack[k:]
                        break
            elif not closing:
                stack.append((num, pos))
            if after:
                parts.append(after)
                starts.append(pos)
                origins.append(orig)
                pos += len(after)
                orig += len(after)
        pairs.sort()
        self.text = "".join(parts)
        self._starts = starts
        self._origins = origins
        self._pairs = pairs


_UNTAGGED = _Clean("")  # what _Clean gives for any text without "<" (shared: never changed)


def _clean(text: str) -> _Clean:
    if "<" not in text:
        return _UNTAGGED  # only .tagged (False) and .pairs ([]) are read for such a text
    return _Clean(text)


def _inside_pair(pairs: list[tuple[int, int]], b: int) -> bool:
    """Whether a cut at clean offset ``b`` would fall strictly inside a tag pair."""
    for start, end in pairs:
        if start >= b:
            break
        if b < end:
            return True
    return False


def _to_original(text: str, clean: _Clean, b: int) -> int:
    """Map a clean cut offset to the original text.

    Closing and empty tags right after the cut stay with the sentence before it; an
    opening tag goes with the sentence after it.
    """
    if not clean.tagged or b == 0:
        return b
    cut = best = clean.end_of(b - 1)
    opened: list[str] = []
    while (m := _TAG_RE.match(text, cut)) is not None:
        closing, num, empty = m.groups()
        if not closing and not empty:
            opened.append(num)
        elif closing and opened and opened[-1] == num:
            opened.pop()
        cut = m.end()
        if not opened:
            best = cut  # the run of tags up to here holds no unclosed pair
    return best


# --- segment content and page titles ----------------------------------------------------

_HAS_CONTENT_RE = re.compile(f"[^\\W_]|[{_CJK_RANGES}]")
_TAG_ONLY_RE = re.compile(r"</?\d+/?>")


def _has_content(segment: str) -> bool:
    if _HAS_CONTENT_RE.match(segment) is not None:
        return True  # the first character is content (and no tag starts with one)
    return _HAS_CONTENT_RE.search(_TAG_ONLY_RE.sub("", segment)) is not None


# A page <title> is usually "headline <separator> section <separator> site name": pipes,
# runs of hyphens, a spaced dash, or an underscore or single dash between Chinese
# characters ("联盟_新闻动态_中国科学院…", "标题-站名"; "——" inside a title is not one). Each part is a segment of its own, so the site name is
# translated once and comes from memory in every other release; the separators stay in
# the page as they are.
_TITLE_SEPARATOR_RE = re.compile(
    f"\\s*[|｜]\\s*|\\s*-{{2,}}\\s*|\\s+[-–—]\\s+|(?<=[{_CJK_RANGES}])(?:_+|[-–—])(?=[{_CJK_RANGES}])"
)


def title_parts(text: str) -> list[str]:
    """The parts of a page title (see ``_TITLE_SEPARATOR_RE``), stripped, empty ones left out.

    >>> title_parts("XIOPM Launches an Angel Fund | XIOPM")
    ['XIOPM Launches an Angel Fund', 'XIOPM']
    >>> title_parts("我所牵头成立创新联盟_新闻动态_中国科学院某研究所")
    ['我所牵头成立创新联盟', '新闻动态', '中国科学院某研究所']
    >>> title_parts("Made-in-China 2025 - a 10-year plan")
    ['Made-in-China 2025', 'a 10-year plan']
    """
    return [part.strip() for part in _TITLE_SEPARATOR_RE.split(text) if part.strip()]

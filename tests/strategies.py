"""Hypothesis strategies shared by the tests: release-like mixed Chinese/English text.

Each strategy is a small ``@st.composite`` function. The vocabulary mixes the things
that trouble a sentence splitter (abbreviations, decimals, URLs, quotes, titles,
ellipses, line breaks) so that properties meet them often.
"""

from __future__ import annotations

from hypothesis import strategies as st

LATIN_TOKENS = tuple(
    """
    The institute opened a new incubator in Xi'an Prof. Dr. Wang Jan. 24, 2016 1.2 billion
    yuan XIOPM NEEQ CAS U.S. e.g. approx. et al. Fig. 3 No. a.m. Inc. Ltd. Co. vs. etc. I It
    He said version 2.1.3 (a) 1. 2. J. http://www.example.ac.cn/news/1.html
    press@example.ac.cn Made China 2025
    """.split()
)
CJK_TOKENS = tuple(
    "该所 成立于 年 月 日 我们 她说 中国制造 人才 计划 孵化器 千人计划 百人计划 亿元 西安 "
    "光机所 众创空间 互联网+ 企业 发展".split()
)
PUNCTUATION = (
    ".",
    "!",
    "?",
    "。",
    "！",
    "？",
    "；",
    "，",
    "、",
    "……",
    "...",
    ". . .",
    "“",
    "”",
    '"',
    "'",
    "《",
    "》",
    "（",
    "）",
    "(",
    ")",
    ":",
    "：",
    "•",
    "—",
)
SPACES = (" ", " ", " ", "  ", "\n", "\u3000", "")


@st.composite
def text_pieces(draw: st.DrawFn) -> str:
    """One piece of release text: a Latin word, a Chinese word, punctuation or spacing."""
    kind = draw(st.sampled_from(("latin", "latin", "cjk", "cjk", "punct", "punct", "space")))
    if kind == "latin":
        return draw(st.sampled_from(LATIN_TOKENS))
    if kind == "cjk":
        return draw(st.sampled_from(CJK_TOKENS))
    if kind == "punct":
        return draw(st.sampled_from(PUNCTUATION))
    return draw(st.sampled_from(SPACES))


@st.composite
def mixed_text(draw: st.DrawFn, max_pieces: int = 30) -> str:
    """Mixed Chinese/English text built from ``text_pieces``, sometimes space-separated."""
    pieces = draw(st.lists(text_pieces(), max_size=max_pieces))
    sep = draw(st.sampled_from(("", " ")))
    return sep.join(pieces)


@st.composite
def placeholder_text(draw: st.DrawFn, depth: int = 2) -> str:
    """Mixed text with properly nested ``<n>…</n>`` pairs and ``<n/>`` empty tags.

    Numbers are unique within the text, as the HTML reader assigns them.
    """
    counter = [0]

    def build(level: int) -> str:
        parts: list[str] = []
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            choice = draw(st.integers(min_value=0, max_value=5))
            if choice == 0 and level < depth:
                counter[0] += 1
                n = counter[0]
                parts.append(f"<{n}>{build(level + 1)}</{n}>")
            elif choice == 1:
                counter[0] += 1
                parts.append(f"<{counter[0]}/>")
            else:
                parts.append(draw(mixed_text(max_pieces=12)))
        return "".join(parts)

    return build(0)

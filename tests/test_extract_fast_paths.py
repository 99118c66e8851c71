"""The fast paths of stages 1 and 2 give exactly what the general code gives."""

from __future__ import annotations

import codecs
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.documents.encoding import decode_bytes, plain_utf8_codec
from l10n.documents.html import _make_block, is_chrome_text, read_html
from l10n.documents.inline import collapse_run, collapse_text, collapse_whitespace, escape_text
from l10n.model import Block, Segment
from l10n.segment import _make_segment

_TEXT = st.text(st.sampled_from(list(" \t\n\r\f\u00a0\u3000ab中文。<>/1&;\ue001")), max_size=10)
_PLACEHOLDER = st.sampled_from(["open", "close", "empty"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.tuples(st.just("text"), _TEXT), st.tuples(st.just("ph"), _PLACEHOLDER)), max_size=14))
def test_collapse_run_matches_collapse_whitespace_on_the_same_pieces(items):
    parts: list[str] = []
    ph_at: dict[int, str] = {}
    pieces: list[tuple[str, str]] = []
    counts = {"open": 0, "close": 0, "empty": 0}
    for kind, value in items:
        if kind == "text":
            parts.append(value)
            if pieces and pieces[-1][0] == "text":
                pieces[-1] = ("text", pieces[-1][1] + value)
            else:
                pieces.append(("text", value))
            continue
        k = counts[value]
        counts[value] += 1
        ph, base = {"open": (f"<{k + 1}>", 0xE000), "close": (f"</{k + 1}>", 0xE800), "empty": (f"<{k + 1}/>", 0xF000)}[value]
        ph_at[len(parts)] = ph
        parts.append(chr(base + k))
        pieces.append(("ph", ph))
    expected = collapse_whitespace([(k, escape_text(v)) if k == "text" else (k, v) for k, v in pieces if v])
    assert collapse_run(parts, ph_at, counts["open"], counts["close"], counts["empty"]) == expected


def test_collapse_text_is_collapse_whitespace_of_one_escaped_text():
    for text in ["  a <1 b\n", "\u3000中文\n  句子", "", "x &lt; y"]:
        assert collapse_text(text) == collapse_whitespace([("text", escape_text(text))])


def test_plain_utf8_codec_agrees_with_decode_bytes_whatever_the_declaration():
    samples = ["plain ascii", "中文 é", "\ufeffbom"]
    for text in samples:
        for data in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-16")):
            codec = plain_utf8_codec(data)
            if codec is not None:
                assert decode_bytes(data, shown="x", declared="gb2312", lang="zh-Hans") == (data.decode(codec), codec)
    assert plain_utf8_codec(codecs.BOM_UTF8 + b"x") is None
    assert plain_utf8_codec("中文".encode("gb18030")) is None


def test_fast_constructors_build_equal_objects():
    assert _make_block("b1", "paragraph", "Hi.", 3, "/html/body/p", True) == Block(
        id="b1", kind="paragraph", text="Hi.", line=3, path="/html/body/p", splittable=True
    )
    assert _make_segment("Hi.", "b1", 0, "paragraph", 3) == Segment(
        source="Hi.", block_id="b1", index=0, kind="paragraph", line=3
    )


def test_chrome_text_checks_a_first_character_under_ignorecase():
    assert is_chrome_text("ſhare: this page")  # long s matches "s" case-insensitively
    assert is_chrome_text("home > news > article")
    assert not is_chrome_text("Researchers met on Monday.")


def test_a_page_with_stray_controls_reads_like_its_cleaned_text():
    clean = "<html><body><p>One sentence here. Another one.</p></body></html>"
    dirty = clean.replace("One", "\x01One")
    doc = read_html(dirty.encode("utf-8"), path=Path("x.html"), shown="x.html", lang="en", doc_id="x")
    assert doc.blocks[0].text == "\ufffdOne sentence here. Another one."
    assert b"\x01" not in doc.skeleton.source

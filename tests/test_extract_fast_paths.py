"""The fast paths of stages 1 and 2 give exactly what the general code gives."""

from __future__ import annotations

import codecs
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from l10n.documents import language_warnings
from l10n.documents.encoding import decode_bytes, plain_utf8_codec
from l10n.documents.html import _make_block, read_html
from l10n.documents.html_article import _ALWAYS, _LETTER, _wanted, is_chrome_text
from l10n.documents.html_article import _PLACEHOLDER as _PLACEHOLDER_RE
from l10n.documents.inline import collapse_run, collapse_text, collapse_whitespace, escape_text
from l10n.model import Block, Segment
from l10n.segment import (
    _ANY_BULLET_RE,
    _BULLET_RE,
    _CANDIDATE,
    _CANDIDATE_DOT,
    _MARKER_RE,
    _PROTECTED_RE,
    _Clean,
    _general_cuts,
    _list_cut,
    _make_segment,
    _rules,
    _sentence_cuts,
)

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


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list(". .a A1\"')]x")), max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_the_dot_scan_finds_what_the_full_candidate_scan_finds_in_ascii_text(text, lo, hi):
    assert text.isascii() and "!" not in text and "?" not in text
    full = [(m.span(), m.span("term"), m.group("close")) for m in _CANDIDATE.finditer(text, lo, hi)]
    dots = [(m.span(), m.span("term"), m.group("close")) for m in _CANDIDATE_DOT.finditer(text, lo, hi)]
    assert dots == full


_SENTENCE_PIECES = st.sampled_from(
    [
        "Dr. Li spoke.", " ", "  ", "1. ", "2. ", "a) ", "b) ", " • ", "<1>", "</1>", "<2/>", "。", "！", "《书名？》",
        "U.S. ", "e.g. ", "\"Yes.\" ", "”", "...", ". . . ", "www.cas.cn. ", "mail@cas.cn. ", "Next!", "It rose 1.2%.",
        "The lab opened", "他说：“好。”", "研究所成立。", "\n", "ok", "? ", "(see Fig. 2). ",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SENTENCE_PIECES, max_size=12), st.sampled_from(["en", "zh-Hans"]))
@example(["<1>", "Dr. Li spoke.", " ", "Next!", " ", "ok", "</1>", " ", "The lab opened"], "en")
@example(["研究所成立。", "<1>", "研究所成立。", "研究所成立。", "</1>", "研究所成立。"], "zh-Hans")
@example(["Dr. Li spoke.", " ", "1. ", "The lab opened", " ", "2. ", "ok"], "en")
def test_the_terminator_loop_cuts_where_the_general_loop_cuts(pieces, lang):
    text = "".join(pieces)
    rules = _rules(lang)
    clean = _Clean(text)
    s = clean.text
    lo, hi = 0, len(s)
    # _sentence_cuts' own set-up, with the full candidate pattern, then the general loop.
    cands = list(_CANDIDATE.finditer(s, lo, hi))
    bullets = [m.start() for m in _BULLET_RE.finditer(s, lo, hi)] if _ANY_BULLET_RE.search(s, lo, hi) else []
    protected = [m.span() for m in _PROTECTED_RE.finditer(s, lo, hi)]
    forced = _list_cut(s, lo, hi) if _MARKER_RE.match(s, lo, hi) is not None else None
    expected = _general_cuts(s, hi, rules, clean, cands, bullets, protected, "《" in s, [], lo, forced, 0)
    assert _sentence_cuts(s, lo, hi, rules, clean) == expected


def _wanted_reference(kind: str, text: str) -> bool:
    plain = _PLACEHOLDER_RE.sub("", text) if "<" in text else text
    if not _LETTER.search(plain):
        return False
    return not (
        kind not in _ALWAYS
        and (len(plain) <= 160 or plain[0].isspace() or plain[-1].isspace())
        and is_chrome_text(plain)
    )


_BLOCK_PIECES = st.sampled_from(
    [
        "<1>", "</1>", "<2/>", "<12>", "</12>", "<345/>", " ", "\u2003", "x" * 40, "Home > News > ", "首页 > 新闻 > 正文",
        "Copyright 2024", "【打印】", "123", "—", "a", "中", "<", ">",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_BLOCK_PIECES, max_size=16), st.sampled_from(["paragraph", "title-attr", "title"]))
@example(["Copyright 2024 ", *["<1>", "</1>"] * 30, "Institute"], "paragraph")
@example(["Home > News > ", *["<12>", "</12>"] * 20, "x" * 40], "title-attr")
def test_block_filter_without_stripping_placeholders_agrees_with_the_plain_text_filter(pieces, kind):
    text = "".join(pieces)
    assert _wanted(kind, text) == _wanted_reference(kind, text)


def _language_reference(han: int, simp: int, trad: int, tag: str) -> str | None:
    if tag == "zh-Hans" and simp + trad >= 5 and trad > 3 * simp:
        return "traditional"
    if tag == "zh-Hant" and simp + trad >= 5 and simp > 3 * trad:
        return "simplified"
    return None


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 8), st.integers(0, 8), st.sampled_from(["zh-Hans", "zh-Hant"]))
def test_script_variant_warning_follows_the_counts(simp, trad, tag):
    text = "研究" * 20 + "这" * simp + "這" * trad
    block = Block(id="b1", kind="paragraph", text=text, line=1)
    from l10n.model import Document

    doc = Document(path=Path("x.html"), doc_id="x", lang=tag, format="html", blocks=(block,), skeleton=None)
    warnings = language_warnings(doc)
    expected = _language_reference(40 + simp + trad, simp, trad, tag)
    assert (expected is None and not warnings) or (len(warnings) == 1 and expected in warnings[0])

"""PO rendering that GNU ``msgcat`` leaves byte-identical (l10n.pofmt)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.pofmt import render_po, wrap_po_string

MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(MSGCAT is None, reason="GNU gettext's msgcat is not installed")

CORPUS_FILES = [
    "bleachbit_zh_CN.po",
    "bleachbit_zh_TW.po",
    "django-allauth_zh_Hans_django.po",
    "dpkg_man_po4a_zh_CN.po",
    "dpkg_po_zh_CN.po",
    "guix-1.1.0-pre2_zh_CN.po",
    "sphinx_zh_CN.po",
    "wget_zh_TW_big5.po",
]
FIELDS = (
    "msgid msgctxt msgstr msgid_plural msgstr_plural obsolete tcomment comment occurrences"
    " previous_msgid previous_msgid_plural previous_msgctxt"
).split()


def msgcat(text: str, encoding: str = "utf-8") -> str:
    """The text after a trip through GNU msgcat with default options."""
    done = subprocess.run([MSGCAT, "-"], input=text.encode(encoding), capture_output=True)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout.decode(encoding)


def read_back(text: str, tmp_path: Path) -> polib.POFile:
    # from a path: polib.pofile(text) splits on U+2028 and friends
    path = tmp_path / "rendered.po"
    path.write_text(text, encoding="utf-8")
    return polib.pofile(str(path))


def make_catalog(entries, *, fuzzy_header: bool = False) -> polib.POFile:
    po = polib.POFile()
    po.header = "Test catalog.\nCopyright holder."
    po.metadata = {
        "Project-Id-Version": "l10n test",
        "Language": "zh_CN",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    po.metadata_is_fuzzy = ["fuzzy"] if fuzzy_header else []
    for entry in entries:
        po.append(entry)
    return po


# --------------------------------------------------------------------------- unit cases


def test_short_string_stays_on_the_keyword_line():
    assert wrap_po_string("msgid", "Hello") == ['msgid "Hello"']


def test_empty_string_is_a_pair_of_quotes():
    assert wrap_po_string("msgstr[1]", "", prefix="#~ ") == ['#~ msgstr[1] ""']


def test_chinese_characters_count_two_columns():
    text = "研" * 50
    assert wrap_po_string("msgstr", text) == [
        'msgstr ""',
        '"' + "研" * 38 + '"',
        '"' + "研" * 12 + '"',
    ]


def test_closing_punctuation_never_starts_a_line():
    text = "研" * 38 + "，" + "究" * 10
    lines = wrap_po_string("msgstr", text)
    assert lines == ['msgstr ""', '"' + "研" * 37 + '"', '"研，' + "究" * 10 + '"']


def test_spaces_stay_at_the_end_of_the_line_they_follow():
    text = "word " * 30
    lines = wrap_po_string("msgid", text)
    assert lines[0] == 'msgid ""'
    assert all(line.endswith(' "') for line in lines[1:])
    assert max(len(line) for line in lines) <= 79


def test_a_word_longer_than_the_line_is_not_broken():
    word = "a" * 100
    assert wrap_po_string("msgid", f"See {word} now") == [
        'msgid ""',
        '"See "',
        f'"{word} "',
        '"now"',
    ]


def test_a_url_breaks_after_a_slash_as_gnu_does():
    url = "https://example.org/" + "a" * 100
    assert wrap_po_string("msgid", f"See {url} now") == [
        'msgid ""',
        '"See https://example.org/"',
        '"' + "a" * 100 + ' "',
        '"now"',
    ]


def test_escapes_are_written_as_gnu_writes_them():
    assert wrap_po_string("msgid", 'a\tb"c\\d') == ['msgid "a\\tb\\"c\\\\d"']


def test_newlines_cut_the_string_after_each_escape():
    assert wrap_po_string("msgid", "one\ntwo\n") == ['msgid ""', '"one\\n"', '"two\\n"']
    assert wrap_po_string("msgid", "only\n") == ['msgid "only\\n"']


def test_previous_and_obsolete_prefixes_shorten_the_line():
    text = "x " * 40
    for prefix in ("#| ", "#~ ", "#~| "):
        lines = wrap_po_string("msgid", text, prefix=prefix)
        assert all(line.startswith(prefix) for line in lines)
        assert max(len(line) for line in lines) <= 79


def test_no_wrap_cuts_only_after_newlines():
    text = "word " * 30 + "\nend"
    assert wrap_po_string("msgid", text, no_wrap=True) == [
        'msgid ""',
        '"' + "word " * 30 + '\\n"',
        '"end"',
    ]


def test_header_is_rendered_as_gnu_writes_it():
    po = make_catalog([], fuzzy_header=True)
    assert render_po(po) == (
        "# Test catalog.\n"
        "# Copyright holder.\n"
        "#, fuzzy\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: l10n test\\n"\n'
        '"Language: zh_CN\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    )


def test_comments_flags_and_references_come_in_gnu_order():
    entry = polib.POEntry(
        msgid="Hello",
        msgstr="你好",
        tcomment="l10n: ignore numbers",
        comment="suggestion: mt opus",
        occurrences=[("source_docs/en/a.html", "3"), ("./b.html", "007"), ("b.html", "7")],
        flags=["python-brace-format", "reviewed", "fuzzy", "python-format", "wrap"],
        previous_msgid="Hallo",
    )
    text = render_po(make_catalog([entry]))
    assert text.split("\n\n")[1] == (
        "# l10n: ignore numbers\n"
        "#. suggestion: mt opus\n"
        "#: source_docs/en/a.html:3 b.html:7\n"
        "#, fuzzy, python-format, python-brace-format\n"
        '#| msgid "Hallo"\n'
        'msgid "Hello"\n'
        'msgstr "你好"\n'
    )


def test_fuzzy_is_dropped_while_the_translation_is_empty():
    entry = polib.POEntry(msgid="Hello", msgstr="", flags=["fuzzy"])
    assert "#, fuzzy" not in render_po(make_catalog([entry]))


def test_references_wrap_at_the_page_width():
    refs = [(f"source_docs/en/release-{i:03d}.html", str(i)) for i in range(12)]
    text = render_po(make_catalog([polib.POEntry(msgid="x", msgstr="y", occurrences=refs)]))
    lines = [line for line in text.splitlines() if line.startswith("#:")]
    assert len(lines) > 1
    assert all(len(line) <= 79 for line in lines)


def test_obsolete_entries_come_last_and_untranslated_ones_are_dropped():
    entries = [
        polib.POEntry(msgid="old", msgstr="旧", obsolete=True),
        polib.POEntry(msgid="gone", msgstr="", obsolete=True),
        polib.POEntry(msgid="new", msgstr="新"),
    ]
    text = render_po(make_catalog(entries))
    assert text.endswith('\nmsgid "new"\nmsgstr "新"\n\n#~ msgid "old"\n#~ msgstr "旧"\n')
    assert "gone" not in text


def test_plural_forms_are_numbered():
    entry = polib.POEntry(
        msgid="%d file", msgid_plural="%d files", msgstr_plural={0: "%d 个文件"}, flags=["c-format"]
    )
    text = render_po(make_catalog([entry]))
    assert 'msgid_plural "%d files"\nmsgstr[0] "%d 个文件"\n' in text


# --------------------------------------------------------------------------- GNU as the oracle

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PUNCT = st.sampled_from(list("，。、；：！？（）《》“”‘’「」…—·％"))
LATIN = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789 ,.;:!?()[]-/%$&@#'"))
AWKWARD = st.sampled_from(['"', "\\", "\t", "\n", " ", "  ", "\u3000", "<1>", "</1>", "%s", "{0}"])
LONG_WORD = st.builds(
    lambda n: "https://www.example.org/press/" + "x" * n + ".html", st.integers(10, 90)
)


@st.composite
def po_texts(draw) -> str:
    """Mixed zh/en sentences with punctuation, escapes, long words and line breaks."""
    parts = draw(
        st.lists(
            st.one_of(
                st.text(CJK, min_size=1, max_size=40),
                st.text(LATIN, min_size=1, max_size=40),
                PUNCT,
                AWKWARD,
                LONG_WORD,
                st.text(min_size=1, max_size=3),
            ),
            max_size=12,
        )
    )
    # polib cannot read \a back, NUL ends a C string, and GNU rejects EOT (its context
    # separator) inside strings: none of them can be in a real catalog
    return "".join(parts).replace("\a", "").replace("\x00", "").replace("\x04", "")


@st.composite
def po_entries(draw) -> list[polib.POEntry]:
    """A batch of entries with distinct msgids, some plural, fuzzy, obsolete or with context."""
    msgids = draw(st.lists(po_texts().filter(bool), min_size=1, max_size=20, unique=True))
    entries = []
    for i, msgid in enumerate(msgids):
        kind = draw(st.sampled_from(["plain", "plural", "context", "obsolete", "previous"]))
        flags = draw(
            st.lists(
                st.sampled_from(["fuzzy", "c-format", "python-format", "no-wrap"]), unique=True
            )
        )
        entry = polib.POEntry(
            msgid=msgid,
            msgstr=draw(po_texts()),
            flags=flags,
            tcomment=draw(st.sampled_from(["", "l10n: ignore numbers", "译者：张三\n第二行"])),
            comment=draw(st.sampled_from(["", "suggestion: mt opus-mt-en-zh", "tm 92% doc-1"])),
            occurrences=[
                (f"source_docs/zh-Hans/release-{i}.html", str(n))
                for n in range(draw(st.integers(0, 14)))
            ],
        )
        if kind == "plural":
            entry.msgid_plural = draw(po_texts().filter(bool))
            entry.msgstr, entry.msgstr_plural = "", {0: draw(po_texts())}
        elif kind == "context":
            entry.msgctxt = draw(po_texts().filter(bool))
        elif kind == "obsolete":
            entry.obsolete = 1
            entry.msgstr = entry.msgstr or "译文"
            entry.occurrences = []
        elif kind == "previous":
            entry.previous_msgid = draw(po_texts())
        entries.append(entry)
    return entries


def comparable(entry: polib.POEntry) -> tuple:
    return tuple(
        bool(entry.obsolete) if name == "obsolete" else getattr(entry, name) for name in FIELDS
    )


@needs_msgcat
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=po_entries())
def test_msgcat_leaves_rendered_catalogs_byte_identical(entries, tmp_path_factory):
    po = make_catalog(entries)
    text = render_po(po)
    assert msgcat(text) == text
    back = read_back(text, tmp_path_factory.mktemp("po"))
    assert [comparable(e) for e in back] == [
        comparable(e) for e in sorted(po, key=lambda e: bool(e.obsolete))
    ]


@pytest.fixture(params=CORPUS_FILES)
def corpus_catalog(request, corpus_dir, tmp_path) -> Path:
    """A corpus catalog in UTF-8 (the Big5 one converted with msgconv)."""
    path = corpus_dir / "po" / request.param
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    if "big5" in path.name:
        msgconv = shutil.which("msgconv")
        if msgconv is None:
            pytest.skip("GNU gettext's msgconv is not installed")
        converted = tmp_path / path.name
        subprocess.run([msgconv, "-t", "UTF-8", str(path), "-o", str(converted)], check=True)
        return converted
    return path


@needs_msgcat
def test_corpus_catalog_renders_as_msgcat_writes_it(corpus_catalog, tmp_path):
    po = polib.pofile(str(corpus_catalog))
    text = render_po(po)
    assert msgcat(text) == text
    back = read_back(text, tmp_path)
    assert [comparable(e) for e in back] == [comparable(e) for e in po]
    assert [sorted(e.flags) for e in back] == [sorted(e.flags) for e in po]
    assert (back.header, back.metadata, back.metadata_is_fuzzy) == (
        po.header,
        po.metadata,
        po.metadata_is_fuzzy,
    )


@needs_msgcat
def test_rendered_corpus_catalog_passes_msgfmt_check(corpus_catalog, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    check = [msgfmt, "--check-format", "--check-header", "-o", "/dev/null"]
    if subprocess.run([*check, str(corpus_catalog)], capture_output=True).returncode != 0:
        pytest.skip("the original does not pass msgfmt --check either")
    rendered = tmp_path / "rendered.po"
    rendered.write_text(render_po(polib.pofile(str(corpus_catalog))), encoding="utf-8")
    done = subprocess.run([*check, str(rendered)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@needs_msgcat
def test_big5_catalog_renders_byte_identical_in_its_own_charset(corpus_dir):
    path = corpus_dir / "po" / "wget_zh_TW_big5.po"
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    data = render_po(polib.pofile(str(path))).encode("big5")
    assert data == path.read_bytes()
    assert msgcat(data.decode("big5"), encoding="big5") == data.decode("big5")

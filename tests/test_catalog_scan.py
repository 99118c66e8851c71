"""The fast PO reader behind ``catalog.scan_entries`` gives what polib gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.catalog import entry_views, read_catalog, scan_entries
from l10n.catalog_scan import scan_catalog
from l10n.errors import CatalogError

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_CN\\n"\n\n'

REGULAR = (
    "# A translator's note\n#. type: paragraph\n#: a.html:3 b.html:9 c.html\n#, fuzzy, c-format\n"
    '#| msgid "The lab opened."\nmsgid "The lab opened in 2015."\nmsgstr "实验室于2015年启用。"\n\n'
    'msgctxt "menu"\nmsgid ""\n"Open "\n"\\"file\\"\\n"\nmsgstr "打开\\t文件"\n\n'
    'msgid "One lab"\nmsgid_plural "%d labs"\nmsgstr[0] "%d 个实验室"\nmsgstr[1] ""\n\n'
    'msgid "Untranslated"\nmsgstr ""\n'
)

# Files the regular-entry expression does not cover, each read another way.
ODD = {
    "obsolete in the middle": REGULAR.replace('msgid "Untranslated"', '#~ msgid "Old"\n#~ msgstr "旧"\n\nmsgid "Untranslated"'),
    "comments out of order": REGULAR.replace("#. type: paragraph\n#: a.html:3", "#: a.html:3\n#. type: paragraph"),
    "empty reference line": REGULAR.replace("#: a.html:3 b.html:9 c.html\n", "#:\n#: a.html:3\n"),
    "spaces on a blank line": REGULAR.replace("\n\nmsgctxt", "\n   \nmsgctxt"),
    "no final newline": REGULAR.rstrip("\n"),
    "windows line ends": REGULAR.replace("\n", "\r\n"),
    "trailing spaces": REGULAR.replace('msgstr ""\n', 'msgstr ""   \n'),
    "double hash comment": REGULAR.replace("# A translator's note", "## A translator's note\n#"),
    "two spaces after keyword": REGULAR.replace('msgid "One lab"', 'msgid  "One lab"'),
}


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "doc.po"
    path.write_bytes((header + body).encode("utf-8"))
    return path


def _polib(path: Path):
    po = read_catalog(path)
    return dict(po.metadata), entry_views(po, str(path))


def test_regular_entries_take_the_fast_path_and_match_polib(tmp_path):
    path = _write(tmp_path, REGULAR)
    assert scan_catalog(path) is not None
    assert scan_entries(path) == _polib(path)


@pytest.mark.parametrize("name", sorted(ODD))
def test_irregular_files_give_what_polib_gives(tmp_path, name):
    path = _write(tmp_path, ODD[name])
    assert scan_entries(path) == _polib(path)


def test_a_file_without_header_gives_what_polib_gives(tmp_path):
    path = _write(tmp_path, REGULAR, header="")
    assert scan_entries(path) == _polib(path)


def test_a_broken_file_is_a_catalog_error_with_its_line(tmp_path):
    path = _write(tmp_path, REGULAR + 'msgstr "stray" junk\n')
    with pytest.raises(CatalogError) as info:
        scan_entries(path, display_path="locales/doc.po")
    assert info.value.line is not None and "locales/doc.po" in str(info.value)

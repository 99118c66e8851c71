"""A fast, read-only PO reader for the gate: file -> (header fields, ``Entry`` views).

``l10n check`` reads every catalog of a project on each CI run and never writes one,
so it does not need polib's full object model: this single pass over the lines builds
:class:`~l10n.model.Entry` views directly, with the same values (line numbers
included) as ``catalog.entry_views(catalog.read_catalog(path))``. Anything unusual (a
syntax error, an undecodable byte, an unknown line) falls back to that polib path,
which reports the problem as a ``CatalogError`` with file and line.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..model import Entry

__all__ = ["scan_catalog"]

_CHARSET_RE = re.compile(rb'"Content-Type:[^"]*charset=([\w.-]+)', re.IGNORECASE)
_ESCAPE_RE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_BAD_QUOTE_RE = re.compile(r'([^\\]|^)"')


class _Fallback(Exception):
    """The fast path does not handle this file; use polib."""


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(1)], text)


def _quoted(token: str) -> str:
    """The content of a ``"..."`` token, unescaped."""
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise _Fallback
    inner = token[1:-1]
    if '"' in inner and _BAD_QUOTE_RE.search(inner):
        raise _Fallback
    return _unescape(inner)


def _encoding(head: bytes) -> str:
    m = _CHARSET_RE.search(head)
    if not m:
        return "utf-8"
    name = m.group(1).decode("ascii", "replace")
    try:
        codecs.lookup(name)
    except LookupError:
        return "utf-8"
    return name


def scan_catalog(path: str | Path, display_path: str | None = None) -> tuple[dict[str, str], list[Entry]]:
    """The header fields and the entry views of a PO file (obsolete entries included).

    :raises CatalogError: the file cannot be read or parsed (from the polib path).
    """
    try:
        return _scan(Path(path))
    except (_Fallback, UnicodeDecodeError, OSError, ValueError, IndexError):
        from ..catalog import entry_views, read_catalog

        po = read_catalog(path, display_path=display_path)
        return dict(po.metadata), entry_views(po, display_path or str(path))


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    text = data.decode(_encoding(data[:8192]))
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _scan(path: Path) -> tuple[dict[str, str], list[Entry]]:
    header: dict[str, str] = {}
    return header, _scan_lines(_read_text(path).split("\n"), header)


def _scan_lines(
    lines: list[str], header: dict[str, str], *, first_line: int = 1, header_done: bool = False
) -> list[Entry]:
    """The line-by-line reader, polib's state machine in short."""
    entries: list[Entry] = []
    # The entry being read.
    cur: dict | None = None
    state = ""  # the field that continuation lines extend
    started = False  # an entry already has a msgid line (the next comment/keyword starts a new one)

    def flush() -> None:
        nonlocal header_done
        if cur is None or "msgid" not in cur:
            return
        msgid = cur["msgid"]
        if msgid == "" and not header_done and cur.get("msgctxt") is None and not cur["obsolete"]:
            header_done = True
            _header_fields(cur.get("msgstr", ""), header)
            return
        plural = cur.get("plural")
        flags = cur.get("flags", ())
        entries.append(
            Entry(
                msgid=msgid,
                msgstr=cur.get("msgstr", "") if not plural else plural.get(0, ""),
                msgstr_plural=plural or {},
                msgid_plural=cur.get("msgid_plural", ""),
                msgctxt=cur.get("msgctxt"),
                fuzzy="fuzzy" in flags,
                obsolete=cur["obsolete"],
                line=cur["line"],
                translator_comment="\n".join(cur["tc"]) if "tc" in cur else "",
                auto_comment="\n".join(cur["gc"]) if "gc" in cur else "",
                occurrences=tuple(cur.get("oc", ())),
                previous_msgid=cur.get("previous_msgid"),
                flags=tuple(flags),
            )
        )

    def begin(lineno: int) -> None:
        nonlocal cur, started, state
        if started:
            flush()
            cur = {"line": lineno, "obsolete": False}
            started = False
            state = ""
        elif cur is None:
            cur = {"line": lineno, "obsolete": False}

    cur = {"line": 0 if not header_done else first_line, "obsolete": False}
    for number, raw in enumerate(lines, first_line):
        line = raw.strip()
        if not line:
            continue
        first = line[0]
        if first == "#":
            if line.startswith("#~"):
                if line.startswith("#~|"):
                    continue
                rest = line[2:].strip()
                if not rest:
                    begin(number) if started and state != "" else None
                    continue
                obsolete = True
                line = rest
                first = line[0]
            else:
                obsolete = False
                kind = line[:2]
                if kind == "#:":
                    if len(line) > 2 and line[2:].strip():
                        begin(number)
                        oc = cur.setdefault("oc", [])
                        for occurrence in line[3:].split():
                            fil, sep, num = occurrence.rpartition(":")
                            if sep and num.isdigit():
                                oc.append((fil, num))
                            else:
                                oc.append((occurrence, ""))
                    continue
                if kind == "#,":
                    if len(line) > 2 and line[2:].strip():
                        begin(number)
                        cur.setdefault("flags", []).extend(c.strip() for c in line[3:].split(","))
                    continue
                if kind == "#.":
                    if len(line) > 2 and line[2:].strip():
                        begin(number)
                        cur.setdefault("gc", []).append(line[3:])
                    continue
                if kind == "#|":
                    rest = line[2:].lstrip()
                    if not rest:
                        raise _Fallback
                    begin(number)
                    if rest[0] == '"':
                        if state not in ("previous_msgid", "previous_msgctxt", "previous_msgid_plural"):
                            raise _Fallback
                        cur[state] += _quoted(rest)
                        continue
                    keyword, _, value = rest.partition(" ")
                    if keyword not in ("msgid", "msgctxt", "msgid_plural") or not value.strip():
                        raise _Fallback
                    state = "previous_" + keyword
                    cur[state] = _quoted(value.lstrip())
                    continue
                if line == "#" or line[1] in " #" or (line[1] != "~" and line[1] not in ":,.|"):
                    if line.split(None, 1)[0] != "#" and not line.startswith("##"):
                        raise _Fallback
                    if not header_done and "msgid" not in cur and not entries and cur["line"] == 0:
                        continue  # the header comment block
                    begin(number)
                    comment = line.lstrip("#")
                    if comment.startswith(" "):
                        comment = comment[1:]
                    cur.setdefault("tc", []).append(comment)
                    continue
                raise _Fallback
        else:
            obsolete = False
        if first == '"':
            if state in ("", "previous_msgid", "previous_msgctxt", "previous_msgid_plural") and state == "":
                raise _Fallback
            value = _quoted(line)
            if state.startswith("plural:"):
                cur["plural"][int(state[7:])] += value
            else:
                cur[state] += value
            continue
        keyword, _, value = line.partition(" ")
        value = value.lstrip()
        if keyword == "msgid":
            begin(number)
            cur["obsolete"] = obsolete
            cur["msgid"] = _quoted(value)
            state = "msgid"
            started = True
        elif keyword == "msgctxt":
            begin(number)
            cur["msgctxt"] = _quoted(value)
            state = "msgctxt"
        elif keyword == "msgid_plural":
            cur["msgid_plural"] = _quoted(value)
            state = "msgid_plural"
        elif keyword == "msgstr":
            cur["msgstr"] = _quoted(value)
            state = "msgstr"
        elif keyword.startswith("msgstr["):
            index = int(line[7])
            value = line[line.index('"') :]
            cur.setdefault("plural", {})[index] = _quoted(value)
            state = f"plural:{index}"
        else:
            raise _Fallback
    flush()
    return entries


def _header_fields(msgstr: str, out: dict[str, str]) -> None:
    key = None
    for line in msgstr.splitlines():
        k, sep, v = line.partition(":")
        if sep:
            key = k
            out[key] = v.strip()
        elif key is not None:
            out[key] += "\n" + line.strip()


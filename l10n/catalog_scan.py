"""A fast, read-only PO reader: file -> (header fields, ``Entry`` views).

``l10n check`` reads every catalog of a project on each CI run and never writes one,
so it does not need polib's full object model. :func:`scan_catalog` builds
:class:`~l10n.model.Entry` views directly, with the same values (line numbers
included) as ``catalog.entry_views(catalog.read_catalog(path))``:

* one regular expression matches a whole well-formed entry at a time (comments in
  gettext's order, ``#|`` previous strings, ``msgctxt``, ``msgid``, plural forms,
  continuation lines, the blank lines after it);
* a second one takes comments in any order; what neither covers (odd spacing,
  obsolete ``#~`` entries, empty comment lines) is read by a line-by-line state
  machine, polib's in short;
* anything really unusual (a syntax error, an undecodable byte, an unknown line)
  returns None, and :func:`l10n.catalog.scan_entries` falls back to polib, which
  reports the problem as a ``CatalogError`` with file and line.

:func:`find_syntax_error` holds a file to GNU's PO grammar (which polib does not:
it drops text from broken files without a word); :func:`l10n.catalog.read_catalog`
runs it before polib, and the line reader above refuses what it refuses.

Use it through :func:`l10n.catalog.scan_entries`; this module imports nothing
outside the standard library and :mod:`l10n.model`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .model import Entry

__all__ = ["find_syntax_error", "read_text", "scan_catalog"]

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


def scan_catalog(path: str | Path) -> tuple[dict[str, str], list[Entry]] | None:
    """The header fields and the entry views of a PO file (obsolete entries included),
    or None when the file needs polib (unreadable, undecodable, unusual syntax, a
    syntax error or a duplicate entry, which :func:`l10n.catalog.read_catalog` reports)."""
    try:
        found = _scan(Path(path))
    except (_Fallback, UnicodeDecodeError, OSError, ValueError, IndexError, LookupError, KeyError, TypeError,
            AttributeError):
        return None
    live = [(e.msgctxt, e.msgid) for e in found[1] if not e.obsolete]
    if len(set(live)) != len(live):
        return None
    return found


def read_text(path: Path) -> str:
    """The file decoded with the charset its header declares (UTF-8 if none), BOM and CR removed."""
    data = path.read_bytes()
    text = data.decode(_encoding(data[:8192]))
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# One quoted string's content (escapes kept), and a value: the rest of the keyword
# line after its opening quote, then any continuation lines.
_S = r'[^"\\\n]*(?:\\(?:[ntbrfva\\"0-7]|x[0-9A-Fa-f])[^"\\\n]*)*'  # GNU's escapes only
_V = rf'{_S}"\n(?:"{_S}"\n)*'
_PV = rf'{_S}"\n(?:#\| "{_S}"\n)*'  # a previous (#|) value
_KEYWORDS = (
    rf'(?:msgctxt "({_V}))?'
    rf'msgid "({_V})'
    rf'(?:msgstr "({_V})|msgid_plural "({_V})((?:msgstr\[\d\] "{_V})+))'
    r"\n*"
)
# A whole well-formed entry with its comments in gettext's order, and the blank lines
# after it. Groups: translator comments, automatic comments, references, flags,
# previous msgid, msgctxt, msgid, msgstr, msgid_plural, plural forms. Comment lines
# carry text after "#. ", "#: ", "#, " (no trailing space on "#." lines).
_ENTRY_RE = re.compile(
    r"((?:#(?: [^\n]*)?\n)*)"
    r"((?:#\. [^\n]*\S\n)*)"
    r"((?:#: [^\S\n]*\S[^\n]*\n)*)"
    r"((?:#, [^\S\n]*\S[^\n]*\n)*)"
    rf'(?:#\| msgctxt "{_PV})?(?:#\| msgid "({_PV}))?(?:#\| msgid_plural "{_PV})?' + _KEYWORDS
)
# The same with comment lines in any order (read by :func:`_comments`); never #~ lines.
_LOOSE_RE = re.compile(r"((?:#(?:[^~\n][^\n]*)?\n)*)" + _KEYWORDS)
_PLURAL_RE = re.compile(rf'msgstr\[(\d)\] "({_V})')


def _value(raw: str) -> str:
    """A matched value (``abc"\n"def"\n``) joined and unescaped."""
    raw = raw[:-2]
    if '"\n"' in raw:
        raw = raw.replace('"\n"', "")
    if "\\" in raw:
        return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(1)], raw)
    return raw


class _Unusual(Exception):
    """This entry's comments need the line-by-line reader."""


def _scan(path: Path) -> tuple[dict[str, str], list[Entry]]:
    text = read_text(path)
    if not text.endswith("\n"):
        text += "\n"
    header: dict[str, str] = {}
    pos = len(text) - len(text.lstrip("\n"))
    first = _LOOSE_RE.match(text, pos)
    if first is None or first.group(2) is not None or _value(first.group(3)):
        # No header entry first: the line reader does it all.
        return header, _scan_lines(text.split("\n"), header)
    # The header block, read exactly as the line reader reads the start of a file.
    if _scan_lines(text[: first.end()].split("\n"), header):
        return header, _scan_lines(text.split("\n"), {})
    pos = first.end()
    lineno = 1 + text.count("\n", 0, pos)
    entries: list[Entry] = []
    pos, lineno = _read_regular(text, pos, lineno, entries)
    if pos < len(text):
        _read_rest(text, pos, lineno, header, entries)
    return header, entries


def _read_regular(text: str, pos: int, lineno: int, entries: list[Entry]) -> tuple[int, int]:
    """Read well-formed entries (:data:`_ENTRY_RE`) from ``pos`` on, into ``entries``,
    up to the first entry that is not; return where it starts, and its line."""
    add = entries.append
    count = text.count
    match = _ENTRY_RE.match
    while True:
        m = match(text, pos)
        if m is None:
            break
        new = m.end()
        tc, gc, oc, fl, previous, ctxt, msgid, msgstr, msgid_plural, plurals = m.groups()
        if tc:
            tc = "\n".join([line.rstrip()[2:] for line in tc[:-1].split("\n")])
        if gc:
            gc = gc[3:-1].replace("\n#. ", "\n")
        if oc:
            oc = tuple([
                (fil, num) if sep and num.isdigit() else (o, "")
                for o in oc[3:].replace("\n#: ", "\n").split()
                for fil, sep, num in (o.rpartition(":"),)
            ])  # fmt: skip
        else:
            oc = ()
        fl = tuple([f.strip() for f in fl[3:-1].replace("\n#, ", ",").split(",")]) if fl else ()
        if previous is not None:
            previous = _value(previous.replace('"\n#| "', '"\n"'))
        # Most values are one line without escapes: _value inlined for msgid and msgstr.
        msgid = msgid[:-2]
        if '"' in msgid or "\\" in msgid:
            msgid = _value(msgid + '"\n')
        if plurals is None:
            forms = {}
            msgstr = msgstr[:-2]
            if '"' in msgstr or "\\" in msgstr:
                msgstr = _value(msgstr + '"\n')
        else:
            forms = {int(i): _value(v) for i, v in _PLURAL_RE.findall(plurals)}
            msgstr = forms.get(0, "")
        add(_entry(msgid, msgstr, forms, msgid_plural, ctxt, (tc, gc, oc, fl), lineno, previous))
        lineno += count("\n", pos, new)
        pos = new
    return pos, lineno


def _entry(
    msgid: str,
    msgstr: str,
    forms: dict[int, str],
    msgid_plural: str | None,
    ctxt: str | None,
    comments: tuple[str, str, tuple, tuple],
    line: int,
    previous: str | None = None,
) -> Entry:
    """One :class:`Entry` from the pieces the expressions matched (plural and context still quoted)."""
    tc, gc, oc, fl = comments
    return Entry(
        msgid=msgid,
        msgstr=msgstr,
        msgstr_plural=forms,
        msgid_plural=_value(msgid_plural) if msgid_plural is not None else "",
        msgctxt=_value(ctxt) if ctxt is not None else None,
        fuzzy="fuzzy" in fl,
        line=line,
        translator_comment=tc,
        auto_comment=gc,
        occurrences=oc,
        previous_msgid=previous,
        flags=fl,
    )


def _read_rest(text: str, pos: int, lineno: int, header: dict[str, str], entries: list[Entry]) -> None:
    """Read the entries from ``pos`` (at line ``lineno``) to the end of ``text``: comments
    in any order through :func:`_comments`, then back to :func:`_read_regular`;
    anything else by the line reader."""
    count = text.count
    end = len(text)
    while pos < end:
        m = _LOOSE_RE.match(text, pos)
        if m is None:
            # Something no expression covers (obsolete entries, odd lines): the line
            # reader takes the rest of the file.
            entries.extend(_scan_lines(text[pos:].split("\n"), header, first_line=lineno, header_done=True))
            return
        comments, ctxt, msgid, msgstr, msgid_plural, plurals = m.groups()
        try:
            tc, gc, oc, fl = _comments(comments) if comments else ("", "", (), ())
        except _Unusual:
            entries.extend(_scan_lines(m.group(0).split("\n"), header, first_line=lineno, header_done=True))
        else:
            if plurals is None:
                forms = {}
                msgstr = _value(msgstr)
            else:
                forms = {int(i): _value(v) for i, v in _PLURAL_RE.findall(plurals)}
                msgstr = forms.get(0, "")
            entries.append(_entry(_value(msgid), msgstr, forms, msgid_plural, ctxt, (tc, gc, oc, fl), lineno))
        new = m.end()
        lineno += count("\n", pos, new)
        pos = new
        if pos < end:
            pos, lineno = _read_regular(text, pos, lineno, entries)


def _occurrence(token: str) -> tuple[str, str]:
    fil, sep, num = token.rpartition(":")
    return (fil, num) if sep and num.isdigit() else (token, "")


def _comments(block: str) -> tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(translator comments, automatic comments, references, flags) of an entry's
    comment lines, read as the line reader reads them.

    :raises _Unusual: a line the line reader treats specially (``#|``, an empty ``#:``).
    :raises _Fallback: a line that needs polib.
    """
    tc: list[str] = []
    gc: list[str] = []
    oc: list[tuple[str, str]] = []
    flags: list[str] = []
    for raw in block[:-1].split("\n"):
        line = raw.rstrip()
        kind = line[:2]
        if kind == "#:":
            if not line[2:].strip():
                raise _Unusual
            oc.extend(_occurrence(o) for o in line[3:].split())
        elif kind == "#,":
            if not line[2:].strip():
                raise _Unusual
            flags.extend(c.strip() for c in line[3:].split(","))
        elif kind == "#.":
            if not line[2:].strip():
                raise _Unusual
            gc.append(line[3:])
        elif kind == "#|":
            raise _Unusual
        else:
            if line.split(None, 1)[0] != "#" and not line.startswith("##"):
                raise _Fallback
            comment = line.lstrip("#")
            if comment.startswith(" "):
                comment = comment[1:]
            tc.append(comment)
    return "\n".join(tc), "\n".join(gc), tuple(oc), tuple(flags)


def _scan_lines(
    lines: list[str], header: dict[str, str], *, first_line: int = 1, header_done: bool = False
) -> list[Entry]:
    """The line-by-line reader, polib's state machine in short (well-formed lines only:
    what :func:`find_syntax_error` refuses goes to polib, which reports it)."""
    if find_syntax_error("\n".join(lines)) is not None:
        raise _Fallback
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

    if not header_done:
        cur = {"line": 0, "obsolete": False}  # the header entry
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



# --------------------------------------------------------------------------- syntax
# polib accepts broken PO and loses text without a word (an unterminated string loses
# its last character, a msgid without msgstr takes the next entry's, a duplicate entry
# replaces the first), where GNU ``msgfmt --check`` stops. :func:`find_syntax_error`
# holds every file to GNU's grammar before polib reads it.

# A quoted string with the escapes GNU's po-lex accepts.
_GOOD_STRING = r'"[^"\\\n]*(?:\\(?:[ntbrfva\\"0-7]|x[0-9A-Fa-f])[^"\\\n]*)*"'
_STRING_RE = re.compile(_GOOD_STRING)
_PREFIX_RE = re.compile(r'"(?:[^"\\]|\\.)*')  # a string up to its closing quote, if any
_BAD_ESCAPE_RE = re.compile(r'\\(?![ntbrfva\\"0-7]|x[0-9A-Fa-f])(.?)')


def _valid_po_re() -> re.Pattern[str]:
    """A file made only of well-formed units: blank and comment lines, and whole entries."""
    sp = "[ \\t]*"

    def entry(prefix: str) -> str:
        def value(keyword: str) -> str:
            return rf"{sp}{prefix}{keyword}[ \t]+{_GOOD_STRING}{sp}\n(?:{sp}{prefix}{_GOOD_STRING}{sp}\n)*"

        plural_form = value(r"msgstr\[\d+\]")
        return (
            f"(?:{value('msgctxt')})?{value('msgid')}"
            f"(?:{value('msgid_plural')}(?:{plural_form})+|{value('msgstr')})"
        )

    units = [
        rf"{sp}\n",  # blank
        rf"{sp}#(?:[^~|\n][^\n]*)?\n",  # comments
        rf"{sp}#\|{sp}(?:(?:msgctxt|msgid|msgid_plural)[ \t]+)?{_GOOD_STRING}{sp}\n",  # previous
        rf"{sp}#~(?:\|[^\n]*)?{sp}\n",  # an empty obsolete line; obsolete previous (polib skips)
        entry(""),
        entry(f"#~{sp}"),
    ]
    return re.compile("(?:" + "|".join(units) + ")*")


_VALID_PO_RE = _valid_po_re()
_OPEN = ("msgctxt", "msgid", "msgid_plural")  # an entry still waiting for its msgstr


def find_syntax_error(text: str) -> tuple[int, str] | None:
    """The first PO syntax error in ``text`` (decoded, ``\\n`` line ends) as (line, message), or None.

    What GNU ``msgfmt --check`` rejects and polib would misread: strings without their
    closing quote, text after it, unknown escapes, keywords out of order (``msgctxt? msgid
    msgid_plural? msgstr | msgstr[n]...``), a msgid without msgstr, an entry mixing ``#~``
    and active lines. Duplicates are found on the parsed entries
    (:func:`l10n.catalog.read_catalog`).

    >>> find_syntax_error('msgid "a"\\nmsgstr "b\\n')
    (2, 'unterminated msgstr string: add the closing double quote at the end of the line')
    >>> find_syntax_error('msgid "a"\\nmsgstr "b"\\n') is None
    True
    """
    if not text.endswith("\n"):
        text += "\n"
    if _VALID_PO_RE.match(text).end() == len(text):  # the fast path: all well-formed
        return None
    return _check_lines(text.split("\n"))


def _string_error(value: str, what: str) -> str | None:
    """What is wrong with ``value``, the quoted string of ``what`` (a stripped line's rest), or None."""
    if _STRING_RE.fullmatch(value):
        return None
    if not value.startswith('"'):
        return f"{what} has no double-quoted string"
    end = _PREFIX_RE.match(value).end()
    if end == len(value):
        return f"unterminated {what} string: add the closing double quote at the end of the line"
    if value[end + 1 :].strip():
        return f'text after the closing double quote of {what}; write a quote inside a string as \\"'
    bad = _BAD_ESCAPE_RE.search(value)
    char = bad.group(1) if bad else ""
    return f"invalid escape sequence \\{char} in {what}; write a backslash as \\\\"


_KEYWORD_RE = re.compile(r'([^\s"]*)\s*(.*)')
_MIXED = "an entry mixes obsolete (#~) and active lines; make it all one or the other"


def _check_lines(lines: list[str]) -> tuple[int, str] | None:
    """The line-by-line form of :func:`find_syntax_error`, for files the fast path refuses."""
    state = None  # the last keyword of the entry being read; None between entries
    obsolete = False  # whether that entry is #~
    entry_line = msgid_line = 0
    number = 0
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if line[0] == "#":
            if not line.startswith("#~"):
                if state in _OPEN:
                    break  # a comment inside an entry: it has no msgstr
                if line.startswith("#|"):
                    keyword, value = _KEYWORD_RE.match(line[2:].lstrip()).groups()
                    if keyword not in ("", *_OPEN):
                        return number, f"unknown keyword {keyword!r} in a previous msgid (#|) line"
                    problem = _string_error(value, f"the previous {keyword or 'msgid'} (#|)")
                    if problem:
                        return number, problem
                continue
            line = line[2:].lstrip()
            if not line or line[0] == "|":
                continue  # an empty obsolete line; an obsolete previous msgid (polib skips them)
            is_obsolete = True
        else:
            is_obsolete = False
        if line[0] == '"':
            if state is None:
                return number, "a string outside any entry; start the entry with msgid"
            if is_obsolete != obsolete:
                return number, _MIXED
            problem = _string_error(line, state)
            if problem:
                return number, problem
            continue
        keyword, value = _KEYWORD_RE.match(line).groups()
        if keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
            what, keyword = keyword, "msgstr[]"
        else:
            what = keyword
        if keyword == "msgctxt" or (keyword == "msgid" and state != "msgctxt"):
            if state in _OPEN:
                break  # a new entry while this one waits for its msgstr
            obsolete = is_obsolete
            entry_line = number
        elif is_obsolete != obsolete:
            return number, _MIXED
        if keyword == "msgid":
            msgid_line = number
        elif keyword == "msgid_plural" and state != "msgid":
            return number, "msgid_plural without msgid; it goes right after the msgid"
        elif keyword == "msgstr" and state != "msgid":
            if state == "msgid_plural":
                return number, "an entry with msgid_plural needs msgstr[0], msgstr[1]... instead of msgstr"
            return number, "msgstr without msgid"
        elif keyword == "msgstr[]" and state not in ("msgid_plural", "msgstr[]"):
            if state == "msgid":
                return number, f"{what} without msgid_plural; use msgstr, or add the msgid_plural"
            return number, f"{what} without msgid"
        elif keyword not in ("msgctxt", "msgid_plural", "msgstr", "msgstr[]"):
            return number, f"unknown keyword {keyword!r}; expected msgctxt, msgid, msgid_plural or msgstr"
        problem = _string_error(value, what)
        if problem:
            return number, problem
        state = keyword
    else:
        if state not in _OPEN:
            return None
    if state == "msgctxt":
        return entry_line, "msgctxt without msgid"
    return msgid_line, 'msgid without msgstr; add msgstr "" after it (or restore the lost line)'

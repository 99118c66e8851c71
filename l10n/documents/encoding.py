"""Decode release bytes: BOMs, declared charsets (``<meta charset>``), GB/Big5 leniency.

Rules, in order:

1. a byte-order mark wins (UTF-8, UTF-16, UTF-32);
2. bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever the page declares
   (Chinese sites often declare ``gb2312`` on pages saved as UTF-8);
3. the declared charset, widened to its superset: GB2312/GBK -> GB18030,
   Big5 -> Big5-HKSCS (then cp950), ISO-8859-1/ASCII -> windows-1252 (as browsers do);
4. for text without a declaration, the language's usual legacy codec (GB18030 for
   ``zh-Hans``, Big5-HKSCS for ``zh-Hant``);
5. charset-normalizer as the last resort.

Input that none of these decode, or that holds NUL bytes outside UTF-16/32, raises
:class:`~l10n.errors.DocumentError` naming the line and byte offset of the first bad byte.
"""

from __future__ import annotations

import codecs
import re

from ..errors import DocumentError

__all__ = ["canonical_codec", "decode_bytes", "plain_utf8_codec"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declared name (as codecs.lookup normalises it) -> the codec we decode with.
_WIDEN = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "hz": ("hz",),
    "big5": ("big5hkscs", "cp950"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "latin_1": ("cp1252",),
    "iso8859-1": ("cp1252",),
    "ascii": ("cp1252",),
}

_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)

_CHARSET_IN_CONTENT = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def canonical_codec(name: str) -> tuple[str, ...]:
    """The codecs to try for a declared charset name, most specific first.

    >>> canonical_codec("GB2312")
    ('gb18030',)
    >>> canonical_codec("big5")
    ('big5hkscs', 'cp950')
    >>> canonical_codec("no-such-codec")
    ()
    """
    try:
        norm = codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        return ()
    if norm in {"utf-16", "utf-32"}:  # a page declaring UTF-16 without a BOM is UTF-8 in practice
        return ("utf-8",)
    return _WIDEN.get(norm, (norm,))


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 8 KB (``<meta charset>`` / ``http-equiv``)."""
    head = data[:8192]
    if b"charset" not in head.lower():
        return None
    import lxml.html  # lazy: only HTML needs it

    try:
        root = lxml.html.document_fromstring(head.decode("latin-1"))
    except Exception:
        return None
    for meta in root.iter("meta"):
        value = meta.get("charset")
        if value and value.strip():
            return value.strip()
        if (meta.get("http-equiv") or "").strip().lower() == "content-type":
            match = _CHARSET_IN_CONTENT.search(meta.get("content") or "")
            if match:
                return match.group(1)
    # An XML declaration: <?xml version="1.0" encoding="gb2312"?>
    if head.lstrip().startswith(b"<?xml"):
        end = head.find(b"?>")
        match = re.search(rb"encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", head[:end])
        if match:
            return match.group(1).decode("ascii")
    return None


def plain_utf8_codec(data: bytes) -> str | None:
    """``"ascii"`` or ``"utf-8"`` when :func:`decode_bytes` decodes ``data`` with that codec
    whatever the page declares (no BOM, no NUL, valid UTF-8); else None.

    Lets a reader skip looking for a declared charset, which only matters for other bytes.
    """
    if data.startswith(_BOM_PREFIXES) or b"\x00" in data:
        return None
    if data.isascii():
        return "ascii"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    return data[:offset].count(b"\n") + 1, offset


def _fail(data: bytes, exc: UnicodeDecodeError, shown: str, codec: str, declared: str | None = None) -> DocumentError:
    line, offset = _position(data, exc.start)
    fix = (
        f"the file declares {declared} but is not in it: fix the declaration or save the file as UTF-8"
        if declared
        else "save the file as UTF-8 or declare its real encoding with <meta charset>"
    )
    return DocumentError(
        f"cannot decode the file as {codec}: bad byte 0x{data[exc.start]:02x} at byte offset {offset}; {fix}",
        path=shown,
        line=line,
    )


def decode_bytes(
    data: bytes, *, shown: str, declared: str | None = None, lang: str = ""
) -> tuple[str, str]:
    """Decode a release; returns ``(text, codec name)``.

    :param shown: the path used in error messages.
    :param declared: the charset the file declares, if any.
    :param lang: BCP 47 language of the release (picks a legacy codec for undeclared text).
    :raises DocumentError: undecodable or binary input.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec
            except UnicodeDecodeError as exc:
                exc.start += len(bom)
                raise _fail(data, exc, shown, codec) from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        line, offset = _position(data, nul)
        raise DocumentError(
            f"this looks like a binary file (NUL byte at byte offset {offset}), not a release",
            path=shown,
            line=line,
        )
    if data.isascii():
        return data.decode("ascii"), "ascii"
    first_error: tuple[UnicodeDecodeError, str] | None = None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = (exc, "utf-8")
    candidates: tuple[str, ...] = canonical_codec(declared) if declared else ()
    if not candidates:
        family = lang.split("-")[0].lower()
        if lang in {"zh-Hant"} or lang.startswith("zh-Hant"):
            candidates = ("big5hkscs", "cp950")
        elif family in {"zh"}:
            candidates = ("gb18030",)
        else:
            # Undeclared non-UTF-8 text in a Latin-script language: Windows-1252 is the one
            # legacy encoding such releases really come in (strict: 0x81 etc. are errors).
            candidates = ("cp1252",)
    for codec in candidates:
        if codec == "utf-8":
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            if first_error[1] == "utf-8" and declared:
                first_error = (exc, codec)
    # Undeclared text gets one guess, checked against its language. A Chinese page that
    # declares a charset it is not in (UTF-8 pages saved as GBK by an old CMS) is read in
    # the language's legacy encoding when that decodes it cleanly into Chinese text:
    # the bytes are trusted over the declaration, as for GB2312 pages that are UTF-8.
    if not declared:
        found = _detect(data, lang)
        if found is not None:
            return found
    elif lang.lower().startswith("zh"):
        legacy = "big5hkscs" if lang.startswith("zh-Hant") else "gb18030"
        if legacy not in candidates:
            try:
                text = data.decode(legacy)
            except UnicodeDecodeError:
                pass
            else:
                if _mostly_cjk(text):
                    return text, legacy
    exc, codec = first_error
    raise _fail(data, exc, shown, codec, declared)


def _detect(data: bytes, lang: str) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        return None
    if not lang.lower().startswith(("zh", "ja")):
        # A guess such as cp1125 for an English release is garbage: only trust the bytes.
        return None
    if not _mostly_cjk(text):
        return None
    return text, best.encoding


def _mostly_cjk(text: str) -> bool:
    """At least 30% of the letters are CJK ideographs."""
    letters = [ch for ch in text if ch.isalpha()]
    cjk = sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff")
    return bool(letters) and cjk >= 0.3 * len(letters)

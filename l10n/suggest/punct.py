"""Width normalisation of MT output: full-width punctuation for Chinese, half-width for English.

sentencepiece's default ``nmt_nfkc`` normalisation folds ``，？！`` to ASCII, so an en→zh model
often emits half-width punctuation; a zh→en model may leak ``，。``. Both passes are
idempotent and leave Latin runs, numbers, URLs and e-mail addresses alone.
"""

from __future__ import annotations

import re

from ..lang import language_family
from .protect import EMAIL_PATTERN, URL_PATTERN

__all__ = ["normalize_punctuation", "to_full_width", "to_half_width"]

_HALF_TO_FULL = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！"}
_FULL_TO_HALF = {
    "，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!", "、": ",",
    "（": "(", "）": ")", "“": '"', "”": '"', "‘": "'", "’": "'",
}
_SKIP_RE = re.compile(rf"{URL_PATTERN}|{EMAIL_PATTERN}|</?\d+/?>", re.IGNORECASE)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFF0F
        or 0xFF1A <= code <= 0xFF20
        or ch in "“”‘’《》（）"
    )


def _skipped(text: str) -> list[bool]:
    mask = [False] * len(text)
    for match in _SKIP_RE.finditer(text):
        for i in range(match.start(), match.end()):
            mask[i] = True
    return mask


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def to_full_width(text: str) -> str:
    """Half-width punctuation next to Chinese text becomes full-width.

    >>> to_full_width('我们使用API,然后 "测试" (第一阶段).')
    '我们使用API，然后“测试”（第一阶段）。'
    >>> to_full_width("Hello, world. 3.5 and http://a.cn/x?y=1")
    'Hello, world. 3.5 and http://a.cn/x?y=1'
    """
    # A converted mark makes its neighbours "next to Chinese text" too: iterate to the
    # fixed point, which makes the pass idempotent by construction (it only ever converts).
    for _ in range(len(text) + 1):
        new = _full_width_pass(text)
        if new == text:
            break
        text = new
    return text


def _full_width_pass(text: str) -> str:
    if not any(_is_cjk(ch) for ch in text):
        return text
    skip = _skipped(text)
    out: list[str] = []
    chars = list(text)
    quote_open = True
    paren_stack: list[bool] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if skip[i]:
            out.append(ch)
            i += 1
            continue
        if ch in "“”":
            quote_open = ch == "”"
        prev, nxt = _neighbour(text, i, -1), _neighbour(text, i, 1)
        cjk_prev, cjk_next = bool(prev) and _is_cjk(prev), bool(nxt) and _is_cjk(nxt)
        digits = prev.isdigit() and nxt.isdigit() and ch in ".,:"
        if ch in _HALF_TO_FULL and not digits and (cjk_prev or (cjk_next and ch not in ".") or (not nxt and cjk_prev)):
            while out and out[-1] == " ":
                out.pop()
            out.append(_HALF_TO_FULL[ch])
            i += 1
            while i < len(chars) and chars[i] == " " and not skip[i]:
                i += 1
            continue
        if ch == '"' and (cjk_prev or cjk_next):
            while out and out[-1] == " " and quote_open and cjk_prev is False:
                out.pop()
            if quote_open:
                while out and out[-1] == " ":
                    out.pop()
            out.append("“" if quote_open else "”")
            quote_open = not quote_open
            i += 1
            if not quote_open:
                while i < len(chars) and chars[i] == " " and not skip[i]:
                    i += 1
            continue
        if ch == "(":
            full = cjk_prev or cjk_next
            paren_stack.append(full)
            if full:
                while out and out[-1] == " ":
                    out.pop()
                out.append("（")
                i += 1
                while i < len(chars) and chars[i] == " " and not skip[i]:
                    i += 1
                continue
        if ch == ")" and paren_stack:
            if paren_stack.pop():
                while out and out[-1] == " ":
                    out.pop()
                out.append("）")
                i += 1
                while i < len(chars) and chars[i] == " " and not skip[i]:
                    i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def to_half_width(text: str) -> str:
    """Full-width punctuation becomes half-width, with English spacing.

    >>> to_half_width("Growth was 5%，up from 4%。See（below）")
    'Growth was 5%, up from 4%. See (below)'
    """
    for _ in range(len(text) + 1):
        new = _half_width_pass(text)
        if new == text:
            break
        text = new
    return text


def _half_width_pass(text: str) -> str:
    skip = _skipped(text)
    out: list[str] = []
    for i, ch in enumerate(text):
        half = None if skip[i] else _FULL_TO_HALF.get(ch)
        if half is None and not skip[i] and 0xFF01 <= ord(ch) <= 0xFF5E:
            half = chr(ord(ch) - 0xFEE0)
        if half is None:
            out.append(ch)
            continue
        nxt = text[i + 1] if i + 1 < len(text) else ""
        nxt = _FULL_TO_HALF.get(nxt, nxt)
        if half in "(" and out and out[-1] not in " ([{\"'":
            out.append(" ")
        if half in "\"'" and ch in "“‘" and out and out[-1] not in " ([{":
            out.append(" ")
        out.append(half)
        if half in ",.:;?!)" and nxt and not nxt.isspace() and nxt not in ",.:;?!)]}\"'" and not (half in ".,:" and nxt.isdigit()):
            out.append(" ")
        if ch in "”’" and nxt and (nxt.isalnum() or nxt in "(“‘"):
            out.append(" ")
    return "".join(out).rstrip(" ") if text and not text.endswith(" ") else "".join(out)


def normalize_punctuation(text: str, lang: str) -> str:
    """The width pass for a target language: full-width for Chinese, half-width otherwise."""
    family = language_family(lang)
    if family in {"zh", "ja"}:
        return to_full_width(text)
    return to_half_width(text)

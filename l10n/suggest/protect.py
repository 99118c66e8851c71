"""Protect what MT must not touch, and restore it afterwards (STYLE practice 9).

Inline placeholders (``<1>``, ``</1>``, ``<2/>``), printf/format placeholders, URLs, e-mail
addresses, numbers and do-not-translate terms are swapped for numbered tokens ``[X0X]``
before translation. :func:`restore` puts them back, tolerating the spaces MT likes to insert
inside a token (``[ X 0 X ]``), repairs a garbled token when only one reading is possible,
and reports anything lost or duplicated instead of returning silently broken text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Protected", "Restored", "Span", "find_protected_spans", "protect", "restore"]

URL_PATTERN = r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]*[A-Za-z0-9\-_~/#@$&*+=%]"
EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_TAG = r"</?\d+/?>"
_PRINTF = r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGcr%]|\{\w*(?:![rsa])?(?::[^{}]*)?\}"
# A number is protected unless a magnitude word follows it: "12亿" and "1.2 billion" must be
# converted by the translation itself (and verified by the numbers check), not copied.
_NUMBER = (
    r"(?<![A-Za-z0-9_])(?<!\d[.,])\d+(?:[.,]\d+)*(?:%|％)?(?![.,]?\d)(?![A-Za-z_])"
    r"(?!\s*[万亿千百兆])(?!\s*(?:thousand|million|billion|trillion)\b)"
)
_SPANS_RE = re.compile(
    rf"(?P<url>{URL_PATTERN})|(?P<email>{EMAIL_PATTERN})|(?P<tag>{_TAG})|(?P<printf>{_PRINTF})|(?P<number>{_NUMBER})",
    re.IGNORECASE,
)
# Tolerates spaces MT inserts inside a token, and full-width brackets.
_TOKEN_RE = re.compile(r"[\[［]\s*X\s*(\d+)\s*X\s*[\]］]")
# What is left of a token the model garbled ("[X0", "X0X]", "X 0 X").
_GARBLED_RE = re.compile(r"[\[［]\s*X?\s*(\d+)\s*X?\s*[\]］]?|X\s*(\d+)\s*X")


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """One protected span of the source.

    :param start: offset in the source. :param end: end offset.
    :param text: the source text of the span.
    :param kind: ``url``, ``email``, ``tag``, ``printf``, ``number`` or ``term``.
    :param replacement: what the token becomes in the translation (the source text, or
        the fixed target form of a glossary term).
    """

    start: int
    end: int
    text: str
    kind: str
    replacement: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Protected:
    """A source with its spans swapped for tokens; ``spans[i]`` is token ``[Xi X]``."""

    source: str
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Restored:
    """A translation with its tokens put back.

    :param text: the restored translation.
    :param ok: every span came back exactly once without repair guesses.
    :param repaired: number of garbled tokens repaired.
    :param warnings: what is still wrong (lost or duplicated spans).
    """

    text: str
    ok: bool
    repaired: int = 0
    warnings: tuple[str, ...] = ()


def token(index: int) -> str:
    """The token for span ``index``.

    >>> token(3)
    '[X3X]'
    """
    return f"[X{index}X]"


def find_protected_spans(text: str, terms: Iterable[Span] = ()) -> list[Span]:
    """Spans of ``text`` to protect: pattern matches plus the given term spans, no overlaps.

    Term spans win over pattern matches they overlap; earlier spans win among patterns.
    """
    chosen: list[Span] = sorted(terms, key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in chosen:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    for match in _SPANS_RE.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        if any(start < k.end and end > k.start for k in kept):
            continue
        kind = match.lastgroup or "number"
        kept.append(Span(start=start, end=end, text=match.group(), kind=kind, replacement=match.group()))
    return sorted(kept, key=lambda s: s.start)


def protect(text: str, terms: Iterable[Span] = ()) -> Protected:
    """Swap protected spans for tokens.

    >>> p = protect("See <1>https://example.org</1> for 3 reports.")
    >>> p.text
    'See [X0X][X1X][X2X] for [X3X] reports.'
    >>> restore(p, p.text).text
    'See <1>https://example.org</1> for 3 reports.'
    """
    spans = find_protected_spans(text, terms)
    out: list[str] = []
    pos = 0
    for i, span in enumerate(spans):
        out.append(text[pos : span.start])
        out.append(token(i))
        pos = span.end
    out.append(text[pos:])
    return Protected(source=text, text="".join(out), spans=tuple(spans))


def restore(protected: Protected, translation: str) -> Restored:
    """Put the spans back into a translation of ``protected.text``.

    Tokens with inserted spaces are accepted. A lost token is repaired when its span text
    already appears literally in the translation (the model copied it) or when exactly one
    garbled token remains for exactly one lost span; anything else is reported.
    """
    spans = protected.spans
    if not spans:
        return Restored(text=translation, ok=True)
    seen: dict[int, int] = {}
    unknown: list[str] = []

    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(spans):
            unknown.append(match.group())
            return ""
        seen[index] = seen.get(index, 0) + 1
        return f"\x00{index}\x00"

    text = _TOKEN_RE.sub(put_back, translation)
    missing = [i for i in range(len(spans)) if i not in seen]
    repaired = 0
    warnings: list[str] = []
    if missing:
        garbled = list(_GARBLED_RE.finditer(text))
        still: list[int] = []
        for i in missing:
            span = spans[i]
            # The model copied the protected text itself instead of the token.
            if span.kind != "number" and span.replacement and span.replacement in text:
                seen[i] = 1
                repaired += 1
                continue
            still.append(i)
        if len(still) == 1 and len(garbled) == 1:
            g = garbled[0]
            number = next(x for x in g.groups() if x is not None)
            if int(number) == still[0]:
                text = text[: g.start()] + f"\x00{still[0]}\x00" + text[g.end() :]
                seen[still[0]] = 1
                still = []
                repaired += 1
        for i in still:
            warnings.append(f"lost {spans[i].kind} {spans[i].text!r}")
    for i, count in seen.items():
        if count > 1:
            warnings.append(f"{spans[i].kind} {spans[i].text!r} appears {count} times")
    if unknown:
        warnings.append(f"unexpected token(s) {', '.join(unknown)}")
    text = re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))].replacement, text)
    return Restored(text=text, ok=not warnings and repaired == 0, repaired=repaired, warnings=tuple(warnings))


def protected_texts(items: Sequence[Protected]) -> list[str]:
    """The token texts of several protected sources, in order."""
    return [p.text for p in items]

"""STAGE 6: a Document (its skeleton) + translations -> the translated release.

The original document is walked again as a template: each block whose segments have
translations gets the translated sentences, joined the way the target language joins
them, with placeholders turned back into the source's own elements and attributes.
Text from catalogs is always escaped; a translation whose placeholders are not those of
its source segment (an extra ``<7>``, a ``<2/>`` written as a pair) is not used: the
segment keeps its source text and a warning says why. Blocks with nothing translated
are left exactly as they were.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable

from .documents.inline import PlaceholderError, check_structure, placeholder_ids
from .lang import get_profile, parse_tag
from .model import Document, Segment

__all__ = ["RENDERERS", "block_translations", "rebuild_document"]


def _render_html(doc, texts, target, warnings):
    from .documents.html import render_html

    return render_html(doc, texts, target, warnings)


def _render_text(doc, texts, target, warnings):
    from .documents.text import render_text

    return render_text(doc, texts, target, warnings)


def _render_markdown(doc, texts, target, warnings):
    from .documents.markdown import render_markdown

    return render_markdown(doc, texts, target, warnings)


RENDERERS: dict[str, Callable[[Document, dict[str, str], str, list[str]], bytes]] = {
    "html": _render_html,
    "text": _render_text,
    "markdown": _render_markdown,
}


# An image or line break left between two segments, with the space around it.
_PLACEHOLDERS_AND_SPACE = re.compile(r"(?:\s*<\d+/>)+\s*")
_SPACE_RUN = re.compile(r"\s+")


def segment_problem(source: str, target: str) -> str | None:
    """Why ``target`` cannot replace ``source`` (placeholders), or None when it can.

    A pair may be left out (the emphasis or link is dropped, its text is translated), an
    empty placeholder may not: it stands for an image, a line break or text kept as
    written, which would silently disappear from the page.

    >>> segment_problem("a <1>b</1>", "x <1>y</1>")
    >>> segment_problem("a <1>b</1>", "x <2>y</2>")
    'placeholder <2> is not in the source'
    >>> segment_problem("a <1/> b", "x y")
    'placeholder <1/> is missing (it stands for an image, a line break or text kept as written)'
    """
    ids = placeholder_ids(source)
    try:
        tokens = check_structure(target, ids)
    except PlaceholderError as exc:
        return str(exc)
    used = {tok.number for tok in tokens if tok.kind == "empty"}
    missing = [n for n, kind in sorted(ids.items()) if kind == "empty" and n not in used]
    if missing:
        listed = ", ".join(f"<{n}/>" for n in missing)
        return f"placeholder {listed} is missing (it stands for an image, a line break or text kept as written)"
    return None


def block_translations(
    doc: Document,
    segments: list[Segment],
    translate: Callable[[Segment], str | None],
    target_lang: str,
    warnings: list[str] | None = None,
) -> dict[str, str]:
    """``{block id: new block text}`` for the blocks where at least one segment changed."""
    warnings = warnings if warnings is not None else []
    target_joiner = get_profile(target_lang).joiner
    source_joiner = get_profile(doc.lang).joiner
    by_block: dict[str, list[Segment]] = defaultdict(list)
    for seg in segments:
        by_block[seg.block_id].append(seg)
    out: dict[str, str] = {}
    for block in doc.blocks:
        segs = sorted(by_block.get(block.id, ()), key=lambda s: s.index)
        if not segs:
            continue
        parts: list[tuple[str, bool]] = []
        changed = False
        for seg in segs:
            new = translate(seg)
            if new is None or new == seg.source:
                parts.append((seg.source, False))
                continue
            problem = segment_problem(seg.source, new)
            if problem:
                warnings.append(f"{doc.path}:{seg.line}: kept the source text of {seg.source!r}: {problem}")
                parts.append((seg.source, False))
                continue
            parts.append((new, True))
            changed = True
        if not changed:
            continue
        # "标题_栏目_站名": a bare underscore separates title parts only in unspaced scripts.
        spaced_title = block.kind == "title" and target_joiner == " "
        out[block.id] = _join(block.text, segs, parts, target_joiner, source_joiner, spaced_title)
    return out


def _join(
    block_text: str,
    segs: list[Segment],
    parts: list[tuple[str, bool]],
    target: str,
    source: str,
    spaced_title: bool = False,
) -> str:
    """Put the (translated) segments back into the block text.

    Segments are found in the block in order, so text the segmenter left out (a lone
    ``<3/>``, punctuation) stays where it was; whitespace between two translated
    sentences becomes the target language's joiner. When a segment cannot be found
    (the segmenter normalised it) the segments are simply joined.
    """
    pos = 0
    spans = []
    for seg in segs:
        idx = block_text.find(seg.source, pos)
        if idx < 0:
            break
        spans.append((idx, idx + len(seg.source)))
        pos = idx + len(seg.source)
    else:
        out: list[str] = []
        pos = 0
        prev_done = None
        for (start, end), (value, done) in zip(spans, parts, strict=True):
            gap = block_text[pos:start]
            if prev_done is not None and not gap.strip():
                gap = target if prev_done and done else (gap or source)
            elif spaced_title and prev_done is not None and gap.strip("_") == "":
                gap = " | "
            elif prev_done and done and _PLACEHOLDERS_AND_SPACE.fullmatch(gap):
                gap = _SPACE_RUN.sub(target, gap)  # "。<1/> " between Chinese sentences: "。<1/>"
            out.append(gap + value)
            pos, prev_done = end, done
        out.append(block_text[pos:])
        return "".join(out).strip()
    text = parts[0][0]
    for (_, prev_done), (value, done) in itertools.pairwise(parts):
        text += (target if prev_done and done else source) + value
    return text


def rebuild_document(
    doc: Document,
    translate: Callable[[Segment], str | None],
    target_lang: str,
    *,
    warnings: list[str] | None = None,
) -> bytes:
    """The translated release as bytes (UTF-8).

    :param translate: the translation of a segment (placeholders included), or None to
        keep its source text.
    :param target_lang: BCP 47 tag written to ``<html lang>`` and used to join sentences.
    :param warnings: a list that receives one message per translation that was not used.
    """
    from .segment import segment_document

    target = parse_tag(target_lang)
    sink: list[str] = warnings if warnings is not None else []
    texts = block_translations(doc, segment_document(doc), translate, target, sink)
    renderer = RENDERERS.get(doc.format)
    if renderer is None:
        raise ValueError(f"no renderer for the {doc.format!r} format")
    return renderer(doc, texts, target, sink)

"""An HTML report for editors: progress, open findings, glossary violations, provenance.

One self-contained static page (inline CSS, one tiny inline script for filtering, no
network: a Content-Security-Policy forbids every fetch). Every number is in the HTML
itself, so the page reads the same with scripts off. The page is deterministic (no
timestamps, stable ordering): writing it twice changes nothing. All text that comes from
catalogs, glossaries or findings is escaped; catalogs are untrusted input.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import entry_views, read_catalog
from .config import Config
from .fsutil import atomic_write_text
from .model import Entry, Finding
from .status import StatusResult, StatusRow, project_status
from .suggest.cache import read_written, text_digest

__all__ = [
    "OriginCounts",
    "origin_counts",
    "render_html_report",
    "reviewed_origin",
    "write_html_report",
]

# Findings listed per (check, release, language) group; the rest are counted, not listed,
# so a project with thousands of untranslated entries still gets a readable page.
MAX_FINDINGS_PER_GROUP = 200

_GLOSSARY_CHECKS = ("glossary", "terminology", "glossary-consistency", "term-consistency")
_PLACEHOLDER_RE = re.compile(r"</?\d+/?>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --------------------------------------------------------------------------- provenance


@dataclass(frozen=True, slots=True, kw_only=True)
class OriginCounts:
    """Reviewed entries by where their text came from.

    :param human: reviewed entries without a ``suggestion:`` comment (written by a person).
    :param tm: reviewed entries accepted unchanged from translation memory.
    :param mt: reviewed entries accepted unchanged from machine translation.
    :param edited: reviewed suggestions (MT or memory) that a person rewrote before review.
    :param unknown: reviewed suggestions with no record of the suggested text (no
        ``.l10n/cache.sqlite``, e.g. on CI): whether they were accepted or rewritten is unknown.
    """

    human: int = 0
    tm: int = 0
    mt: int = 0
    edited: int = 0
    unknown: int = 0

    @property
    def reviewed(self) -> int:
        """All reviewed entries."""
        return self.human + self.tm + self.mt + self.edited + self.unknown

    @property
    def from_suggestions(self) -> int:
        """Reviewed entries that started as a suggestion (accepted, edited or unknown)."""
        return self.tm + self.mt + self.edited + self.unknown

    def __add__(self, other: OriginCounts) -> OriginCounts:
        return OriginCounts(**{name: getattr(self, name) + getattr(other, name) for name in _ORIGINS})


_ORIGINS = ("human", "tm", "mt", "edited", "unknown")


def reviewed_origin(entry: Entry, written: dict[tuple[str, str], str] | None = None) -> str | None:
    """``human``, ``tm``, ``mt``, ``edited`` or ``unknown`` for a reviewed entry, None otherwise.

    The provenance is the automatic comment ``suggestion: mt <model>`` or
    ``suggestion: tm 86% <doc>`` that ``suggest`` writes and that stays after review. The
    comment alone does not say whether the reviewer kept the text: ``written`` (the digests
    of what ``suggest`` wrote into the catalog, keyed by ``(context or "", msgid)``, from
    :func:`l10n.suggest.cache.read_written`) does. Without a record the origin is ``unknown``.

    >>> done = Entry(msgid="a", msgstr="b", auto_comment="suggestion: mt opus-mt-en-zh")
    >>> reviewed_origin(done, {("", "a"): text_digest("b")}), reviewed_origin(done, {("", "a"): text_digest("c")})
    ('mt', 'edited')
    >>> reviewed_origin(done), reviewed_origin(Entry(msgid="a", msgstr="b", auto_comment="paragraph"))
    ('unknown', 'human')
    >>> reviewed_origin(Entry(msgid="a", msgstr="b", fuzzy=True)) is None
    True
    """
    if entry.state != "reviewed":
        return None
    for line in entry.auto_comment.splitlines():
        text = line.strip()
        if text.startswith("suggestion:"):
            words = text[len("suggestion:"):].split()
            if words and words[0] in ("mt", "tm"):
                digest = (written or {}).get((entry.msgctxt or "", entry.msgid))
                if digest is None:
                    return "unknown"
                return words[0] if digest == text_digest(entry.msgstr) else "edited"
    return "human"


def origin_counts(entries: Iterable[Entry], written: dict[tuple[str, str], str] | None = None) -> OriginCounts:
    """Count reviewed entries by origin (see :func:`reviewed_origin`)."""
    counts = dict.fromkeys(_ORIGINS, 0)
    for entry in entries:
        origin = reviewed_origin(entry, written)
        if origin is not None:
            counts[origin] += 1
    return OriginCounts(**counts)


# --------------------------------------------------------------------------- gathering


@dataclass(frozen=True, slots=True, kw_only=True)
class _Catalog:
    row: StatusRow
    source_lang: str
    origins: OriginCounts
    by_line: dict[int, Entry] = field(default_factory=dict)
    by_msgid: dict[str, Entry] = field(default_factory=dict)


def _find_check_project() -> Callable[..., Any] | None:
    """The checks stage's ``check_project``, or None while that stage is not installed."""
    try:
        from . import checks

        return checks.check_project
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(f"{__package__}.checks"):
            return None
        raise
    except (ImportError, AttributeError):
        return None


def _check_titles() -> dict[str, str]:
    try:
        from .checks import get_checks
    except ImportError:  # pragma: no cover - the registry is part of the package
        return {}
    return {cid: check.title for cid, check in get_checks().items()}


def _source_language(config: Config, po_meta: dict[str, str], target: str) -> str:
    declared = po_meta.get("X-Source-Language", "").strip()
    if declared:
        return declared
    others = [lang for lang in config.languages if lang != target]
    return others[0] if others else ""


def _gather(config: Config, status: StatusResult) -> list[_Catalog]:
    out = []
    written = read_written(config.state_dir / "cache.sqlite") or {}
    for row in status.rows:
        path = config.root / row.path
        po = read_catalog(path, display_path=row.path)
        views = entry_views(po, row.path)
        active = [v for v in views if not v.obsolete]
        out.append(
            _Catalog(
                row=row,
                source_lang=_source_language(config, po.metadata, row.language),
                origins=origin_counts(active, written.get(row.path)),
                by_line={v.line: v for v in active if v.line},
                by_msgid={v.msgid: v for v in active},
            )
        )
    return out


# --------------------------------------------------------------------------- HTML helpers


def _e(text: object) -> str:
    """Escape text for element content and quoted attributes (and drop C0 controls)."""
    return html.escape(_CONTROL_RE.sub("\ufffd", str(text)), quote=True)


def _pct(part: int, whole: int, digits: int = 2) -> str:
    return f"{0.0 if whole <= 0 else 100.0 * part / whole:.{digits}f}"


def _term_text(value: Any) -> str:
    """A preferred form as a string, whether the glossary gives a str or a term object."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for attr in ("text", "term", "value"):
        got = getattr(value, attr, None)
        if isinstance(got, str):
            return got
    return str(value)


def _highlight(text: str, marks: Iterable[tuple[int, int, str, str]]) -> str:
    """Escaped ``text`` with ``<mark>`` around term spans and styled placeholders.

    :param marks: (start, end, css class, tooltip) spans; a span overlapping an earlier one
        is dropped.

    >>> _highlight("Join <1>CAS</1> & co", [(8, 11, "term", "中国科学院")])
    'Join <span class="ph">&lt;1&gt;</span><mark class="term" title="中国科学院">CAS</mark><span class="ph">&lt;/1&gt;</span> &amp; co'
    """
    spans: list[tuple[int, int, str, str]] = []
    last = -1
    for start, end, css, title in sorted(marks):
        if start >= last and 0 <= start < end <= len(text):
            spans.append((start, end, css, title))
            last = end
    for m in _PLACEHOLDER_RE.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e, _, _ in spans):
            spans.append((m.start(), m.end(), "", ""))
    spans.sort()
    out, pos = [], 0
    for start, end, css, title in spans:
        out.append(_e(text[pos:start]))
        if css:
            out.append(f'<mark class="{_e(css)}" title="{_e(title)}">{_e(text[start:end])}</mark>')
        else:
            out.append(f'<span class="ph">{_e(text[start:end])}</span>')
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def _bar(reviewed: int, suggested: int, untranslated: int, total: int) -> str:
    label = f"reviewed {reviewed}, suggested {suggested}, untranslated {untranslated} of {total}"
    parts = []
    for name, value in (("reviewed", reviewed), ("suggested", suggested), ("untranslated", untranslated)):
        if value:
            parts.append(f'<span class="seg {name}" style="width:{_pct(value, total)}%" title="{name} {value}"></span>')
    return f'<div class="bar" role="img" aria-label="{_e(label)}">{"".join(parts)}</div>'


def _origin_bar(origins: OriginCounts) -> str:
    total = origins.reviewed
    label = (f"human {origins.human}, memory {origins.tm}, machine {origins.mt}, edited suggestion "
             f"{origins.edited}, unknown {origins.unknown} of {total} reviewed")
    parts = []
    for name in _ORIGINS:
        value = getattr(origins, name)
        if value:
            parts.append(f'<span class="seg {name}" style="width:{_pct(value, total)}%" title="{name} {value}"></span>')
    return f'<div class="bar" role="img" aria-label="{_e(label)}">{"".join(parts)}</div>'


# --------------------------------------------------------------------------- sections


def _summary(status: StatusResult, findings: list[Finding] | None, origins: OriginCounts) -> str:
    t = status.totals
    cards = [
        ("reviewed", f"{t.reviewed_percent:.1f}%", f"{t.reviewed} of {t.total} entries reviewed"),
        ("suggested", str(t.suggested), "suggested (fuzzy), waiting for review"),
        ("untranslated", str(t.untranslated), "untranslated"),
    ]
    if findings is not None:
        errors = sum(1 for f in findings if str(f.severity) == "error")
        cards.append(("findings", str(len(findings)), f"open findings ({errors} errors)"))
    cards.append(("origin", f"{_pct(origins.from_suggestions, origins.reviewed, 1)}%",
                  "of reviewed entries started as a suggestion (MT or memory)"))
    out = ['<section class="cards" aria-label="summary">']
    for key, value, label in cards:
        out.append(f'<div class="card card-{key}"><div class="big" data-summary="{key}">{_e(value)}</div>'
                   f'<div class="label">{_e(label)}</div></div>')
    out.append("</section>")
    return "\n".join(out)


_LEGEND = (
    '<p class="legend"><span class="key reviewed"></span>reviewed '
    '<span class="key suggested"></span>suggested (fuzzy) '
    '<span class="key untranslated"></span>untranslated</p>'
)


def _progress(status: StatusResult, catalogs: list[_Catalog]) -> str:
    out = ['<section id="progress"><h2>Progress by release and language</h2>', _LEGEND]
    if not status.rows:
        out.append('<p class="empty">No catalogs found. Run <code>l10n extract</code> first.</p></section>')
        return "\n".join(out)
    out.append('<table class="progress"><thead><tr><th>Release</th><th>Language</th><th class="barcol">Progress</th>'
               '<th class="num">Reviewed</th><th class="num">Suggested</th><th class="num">Untranslated</th>'
               '<th class="num">Total</th><th class="num">Obsolete</th><th class="num">Words</th></tr></thead><tbody>')
    by_doc: dict[str, list[StatusRow]] = defaultdict(list)
    for cat in catalogs:
        by_doc[cat.row.document].append(cat.row)
    for document in sorted(by_doc):
        rows = sorted(by_doc[document], key=lambda r: (r.language, r.path))
        for i, row in enumerate(rows):
            s = row.stats
            doc_cell = f'<th scope="row" rowspan="{len(rows)}" class="doc">{_e(document)}</th>' if i == 0 else ""
            out.append(
                f'<tr class="progress-row" data-path="{_e(row.path)}" data-language="{_e(row.language)}">'
                f'{doc_cell}<td class="lang" title="{_e(row.path)}">{_e(row.language)}</td>'
                f'<td class="barcol">{_bar(s.reviewed, s.suggested, s.untranslated, s.total)}'
                f'<span class="pct">{s.reviewed_percent:.1f}%</span></td>'
                f'<td class="num n-reviewed">{s.reviewed}</td><td class="num n-suggested">{s.suggested}</td>'
                f'<td class="num n-untranslated">{s.untranslated}</td><td class="num n-total">{s.total}</td>'
                f'<td class="num n-obsolete">{s.obsolete}</td><td class="num n-words">{s.total_words}</td></tr>'
            )
    t = status.totals
    out.append(
        '</tbody><tfoot><tr class="progress-total"><th scope="row" colspan="2">All catalogs</th>'
        f'<td class="barcol">{_bar(t.reviewed, t.suggested, t.untranslated, t.total)}'
        f'<span class="pct">{t.reviewed_percent:.1f}%</span></td>'
        f'<td class="num n-reviewed">{t.reviewed}</td><td class="num n-suggested">{t.suggested}</td>'
        f'<td class="num n-untranslated">{t.untranslated}</td><td class="num n-total">{t.total}</td>'
        f'<td class="num n-obsolete">{t.obsolete}</td><td class="num n-words">{t.total_words}</td></tr></tfoot></table>'
    )
    out.append("</section>")
    return "\n".join(out)


def _origins(catalogs: list[_Catalog], total: OriginCounts) -> str:
    out = [
        '<section id="origins"><h2>Where reviewed translations came from</h2>',
        '<p class="legend"><span class="key human"></span>written by a person '
        '<span class="key tm"></span>accepted from translation memory '
        '<span class="key mt"></span>accepted from machine translation '
        '<span class="key edited"></span>suggestion rewritten by a person '
        '<span class="key unknown"></span>suggestion, unknown whether edited</p>',
    ]
    if total.unknown:
        out.append('<p class="note">Whether a reviewed suggestion was accepted or rewritten is read from '
                   "<code>.l10n/cache.sqlite</code> on the machine that ran <code>l10n suggest</code>; "
                   f"{total.unknown} reviewed suggestion(s) have no record there, so they count as unknown.</p>")
    if not catalogs:
        out.append('<p class="empty">No catalogs.</p></section>')
        return "\n".join(out)
    out.append('<table class="origins"><thead><tr><th>Release</th><th>Language</th><th class="barcol">Share</th>'
               '<th class="num">Reviewed</th><th class="num">Human</th><th class="num">Memory</th>'
               '<th class="num">MT</th><th class="num">Edited</th><th class="num">Unknown</th>'
               '<th class="num">From suggestions</th></tr></thead><tbody>')

    def cells(o: OriginCounts) -> str:
        return (f'<td class="barcol">{_origin_bar(o)}</td><td class="num n-reviewed">{o.reviewed}</td>'
                f'<td class="num n-human">{o.human}</td><td class="num n-tm">{o.tm}</td><td class="num n-mt">{o.mt}</td>'
                f'<td class="num n-edited">{o.edited}</td><td class="num n-unknown">{o.unknown}</td>'
                f'<td class="num n-share">{_pct(o.from_suggestions, o.reviewed, 1)}%</td>')

    for cat in sorted(catalogs, key=lambda c: (c.row.document, c.row.language, c.row.path)):
        out.append(f'<tr class="origin-row" data-path="{_e(cat.row.path)}" data-language="{_e(cat.row.language)}">'
                   f'<th scope="row" class="doc">{_e(cat.row.document)}</th><td class="lang">{_e(cat.row.language)}</td>'
                   f"{cells(cat.origins)}</tr>")
    out.append(f'</tbody><tfoot><tr class="origin-total"><th scope="row" colspan="2">All catalogs</th>{cells(total)}'
               "</tr></tfoot></table></section>")
    return "\n".join(out)


def _glossary_marks(glossary: Any, text: str, lang: str) -> list[Any]:
    if glossary is None or not text or not lang:
        return []
    try:
        return list(glossary.find_terms(text, lang))
    except (AttributeError, TypeError, ValueError, LookupError):
        return []


def _preferred(glossary: Any, concept: Any, lang: str) -> str:
    try:
        return _term_text(glossary.preferred(concept, lang))
    except (AttributeError, TypeError, ValueError, LookupError):
        return ""


def _has_accepted(glossary: Any, concept: Any, lang: str, target: str, want: str) -> bool:
    """Whether the target already uses an accepted form of the concept (case-insensitive)."""
    try:
        forms = list(glossary.accepted(concept, lang)) or [want]
    except (AttributeError, TypeError, ValueError, LookupError):
        forms = [want]
    folded = target.casefold()
    return any(form.casefold() in folded for form in forms if form)


def _finding_row(finding: Finding, cat: _Catalog | None, glossary: Any, is_glossary: bool) -> str:
    entry = None
    if cat is not None:
        entry = cat.by_line.get(finding.line)
        if entry is None or (finding.msgid and entry.msgid != finding.msgid):
            entry = cat.by_msgid.get(finding.msgid, entry)
    source = entry.msgid if entry is not None else finding.msgid
    target = entry.msgstr if entry is not None else ""
    source_lang = cat.source_lang if cat is not None else ""
    target_lang = cat.row.language if cat is not None else ""
    source_marks: list[tuple[int, int, str, str]] = []
    target_marks: list[tuple[int, int, str, str]] = []
    expected: list[tuple[str, bool]] = []
    if is_glossary and glossary is not None:
        for m in _glossary_marks(glossary, source, source_lang):
            want = _preferred(glossary, m.concept, target_lang)
            source_marks.append((m.start, m.end, "term", f"glossary: {want}" if want else "glossary term"))
            if want and want not in (w for w, _ in expected):
                expected.append((want, _has_accepted(glossary, m.concept, target_lang, target, want)))
        for m in _glossary_marks(glossary, target, target_lang):
            if getattr(m.term, "status", "") == "forbidden":
                target_marks.append((m.start, m.end, "forbidden", "forbidden form"))
            elif m.text in (w for w, _ in expected):
                target_marks.append((m.start, m.end, "term", "expected form"))
    target_html = _highlight(target, target_marks) if target else '<span class="none">(no translation)</span>'
    if expected:
        chips = "".join(
            f'<span class="expect{" present" if ok else ""}">{_e(want)}</span>' for want, ok in expected
        )
        target_html += f'<div class="expected">expected: {chips}</div>'
    state = entry.state if entry is not None else ""
    state_html = f'<span class="state">{_e(state)}</span>' if state else ""
    location = f"{finding.path}:{finding.line}" if finding.line else finding.path
    shown = location.rsplit("/", 1)[-1]
    return (
        f'<tr class="finding sev-{_e(finding.severity)}" data-check="{_e(finding.check_id)}">'
        f'<td class="loc"><span class="sev">{_e(finding.severity)}</span>'
        f'<code class="where" title="{_e(location)}">{_e(shown)}</code>'
        f"{state_html}</td>"
        f'<td class="msg">{_e(finding.message)}</td>'
        f'<td class="src" lang="{_e(source_lang)}">{_highlight(source, source_marks)}</td>'
        f'<td class="tgt" lang="{_e(target_lang)}">{target_html}</td></tr>'
    )


def _findings(findings: list[Finding] | None, catalogs: list[_Catalog], glossary: Any) -> str:
    out = ['<section id="findings"><h2>Open findings</h2>']
    if findings is None:
        out.append('<p class="empty">The checks stage is not available in this installation.</p></section>')
        return "\n".join(out)
    if not findings:
        out.append('<p class="empty ok">No open findings: every check passes.</p></section>')
        return "\n".join(out)
    out.append('<p class="filter"><label>Filter findings <input id="filter" type="search" '
               'placeholder="text, check id, file…" autocomplete="off"></label></p>')
    by_path = {cat.row.path: cat for cat in catalogs}
    titles = _check_titles()
    groups: dict[str, dict[tuple[str, str], list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        cat = by_path.get(f.path)
        release = (cat.row.document, cat.row.language) if cat is not None else (f.path or "(project)", "")
        groups[f.check_id][release].append(f)
    # Checks by severity (worst first), then id; releases by id, language.
    worst = {cid: max(int(f.severity) for g in rel.values() for f in g) for cid, rel in groups.items()}
    out.append('<nav class="toc"><ul>')
    for cid in sorted(groups, key=lambda c: (-worst[c], c)):
        n = sum(len(g) for g in groups[cid].values())
        out.append(f'<li><a href="#check-{_e(cid)}">{_e(cid)} <span class="count">{n}</span></a></li>')
    out.append("</ul></nav>")
    for cid in sorted(groups, key=lambda c: (-worst[c], c)):
        releases = groups[cid]
        n = sum(len(g) for g in releases.values())
        is_glossary = cid in _GLOSSARY_CHECKS
        title = titles.get(cid, "")
        out.append(f'<section class="check" id="check-{_e(cid)}" data-check="{_e(cid)}">'
                   f'<h3><code class="cid">{_e(cid)}</code> {_e(title)} <span class="count">{n}</span></h3>')
        for (document, language) in sorted(releases):
            items = sorted(releases[(document, language)], key=lambda f: (*f.sort_key, f.msgid))
            heading = f"{document} → {language}" if language else document
            out.append(f'<div class="release"><h4>{_e(heading)} <span class="count">{len(items)}</span></h4>'
                       '<table class="findings"><thead><tr><th>Where</th><th>Problem</th><th>Source</th>'
                       "<th>Translation</th></tr></thead><tbody>")
            for f in items[:MAX_FINDINGS_PER_GROUP]:
                out.append(_finding_row(f, by_path.get(f.path), glossary, is_glossary))
            out.append("</tbody></table>")
            if len(items) > MAX_FINDINGS_PER_GROUP:
                out.append(f'<p class="more">… and {len(items) - MAX_FINDINGS_PER_GROUP} more; '
                           f"run <code>l10n check</code> for the full list.</p>")
            out.append("</div>")
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out)


# --------------------------------------------------------------------------- page

_CSS = """
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--rev:#2f855a;--sug:#d69e2e;--unt:#cbd2d9;
--hum:#3d5a80;--tm:#7b8cde;--mt:#e07a5f;--edit:#98c1d9;--unk:#9aa5b1;--err:#c53030;--warn:#b7791f;--info:#2b6cb0}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
header{background:#102a43;color:#fff;padding:20px 32px}
header h1{margin:0;font-size:22px;font-weight:600}
header p{margin:4px 0 0;color:#bcccdc}
main{max-width:1180px;margin:0 auto;padding:20px 32px 48px}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:28px 0 8px;font-weight:600}
h3 code.cid{font-size:14px;background:#102a43;color:#fff;padding:2px 8px;border-radius:4px;margin-right:4px}
h4{font-size:14px;margin:14px 0 6px;color:var(--muted);font-weight:600}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-top:8px}
.card{flex:1 1 160px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.card .big{font-size:26px;font-weight:600}
.card .label{color:var(--muted);font-size:12px}
.card-reviewed .big{color:var(--rev)}.card-suggested .big{color:var(--sug)}.card-findings .big{color:var(--err)}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:8px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:12px;color:var(--muted);font-weight:600;background:#fafbfc}
tfoot th,tfoot td{font-weight:600;background:#fafbfc}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.doc{font-weight:600;word-break:break-all}
.barcol{width:34%;white-space:nowrap}
.bar{display:inline-flex;width:calc(100% - 56px);height:12px;border-radius:6px;overflow:hidden;
background:var(--line);vertical-align:middle}
.seg{display:block;height:100%}
.seg.reviewed{background:var(--rev)}.seg.suggested{background:var(--sug)}.seg.untranslated{background:var(--unt)}
.seg.human{background:var(--hum)}.seg.tm{background:var(--tm)}.seg.mt{background:var(--mt)}
.seg.edited{background:var(--edit)}.seg.unknown{background:var(--unk)}
.pct{display:inline-block;width:52px;text-align:right;font-size:12px;color:var(--muted)}
.legend{color:var(--muted);font-size:12px;margin:4px 0 8px}
.key{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
.key.reviewed{background:var(--rev)}.key.suggested{background:var(--sug)}.key.untranslated{background:var(--unt)}
.key.human{background:var(--hum)}.key.tm{background:var(--tm)}.key.mt{background:var(--mt)}
.key.edited{background:var(--edit)}.key.unknown{background:var(--unk)}
.note{color:var(--muted);font-size:12px;margin:0 0 8px}
.toc ul{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px}
.toc a{display:inline-block;padding:2px 10px;border:1px solid var(--line);border-radius:12px;background:#fff;
color:var(--ink);text-decoration:none}
.count{display:inline-block;min-width:20px;padding:0 6px;border-radius:10px;background:var(--line);
font-size:11px;text-align:center;color:var(--ink);font-weight:600}
table.findings td{font-size:13px}
table.findings .loc{width:16%;overflow-wrap:anywhere}
.where{display:block;margin-top:2px}
table.findings .msg{width:22%}
table.findings .src,table.findings .tgt{width:31%;white-space:pre-wrap;overflow-wrap:anywhere}
.sev{display:inline-block;font-size:10px;text-transform:uppercase;letter-spacing:.04em;font-weight:700;
padding:0 5px;border-radius:3px;margin-right:6px;color:#fff;background:var(--info)}
.sev-error .sev{background:var(--err)}.sev-warning .sev{background:var(--warn)}
.state{display:block;color:var(--muted);font-size:11px}
mark.term{background:#fefcbf;border-bottom:2px solid #d69e2e;padding:0 1px}
mark.forbidden{background:#fed7d7;border-bottom:2px solid var(--err);padding:0 1px;text-decoration:line-through}
.ph{color:#805ad5;font-family:ui-monospace,monospace;font-size:12px}
.expected{margin-top:4px;font-size:12px;color:var(--muted)}
.expect{display:inline-block;background:#fed7d7;color:#822727;border-radius:3px;padding:0 4px;margin-right:4px}
.expect.present{background:#c6f6d5;color:#22543d}
.none{color:var(--muted);font-style:italic}
.empty{color:var(--muted)}.empty.ok{color:var(--rev)}
.more{color:var(--muted);font-size:12px}
.filter input{margin-left:6px;padding:4px 8px;border:1px solid #cbd2d9;border-radius:4px;width:260px}
.hidden{display:none}
footer{color:var(--muted);font-size:12px;margin-top:32px}
"""

# Filters finding rows by text; touches only classes, never innerHTML.
_JS = (
    "(function(){var i=document.getElementById('filter');if(!i)return;"
    "i.addEventListener('input',function(){var q=i.value.toLowerCase();"
    "document.querySelectorAll('tr.finding').forEach(function(r){"
    "r.classList.toggle('hidden',q!==''&&r.textContent.toLowerCase().indexOf(q)<0);});});})();"
)


def render_html_report(
    config: Config,
    *,
    glossary: Any = None,
    findings: list[Finding] | None = None,
    run_checks: bool = True,
) -> str:
    """The report page as a string (reads catalogs; writes nothing).

    :param glossary: the project glossary (``find_terms`` / ``preferred``), or None.
    :param findings: findings to show; by default the checks stage's ``check_project``
        is run over the project (None and ``run_checks=False``: no findings section data).
    :raises CatalogError: a catalog cannot be read.
    """
    status = project_status(config)
    catalogs = _gather(config, status)
    if findings is None and run_checks:
        check_project = _find_check_project()
        if check_project is not None:
            findings = list(check_project(config, glossary=glossary).findings)
    if findings is not None:
        findings = sorted(findings, key=lambda f: (f.check_id, *f.sort_key, f.msgid))
    total_origins = sum((c.origins for c in catalogs), OriginCounts())
    title = f"Localisation report: {config.project_id}"
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src data:"
    languages = ", ".join(config.languages)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="l10n report">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><p>{len(status.rows)} catalog(s) · languages: {_e(languages)}</p></header>",
        "<main>",
        _summary(status, findings, total_origins),
        _progress(status, catalogs),
        _origins(catalogs, total_origins),
        _findings(findings, catalogs, glossary),
        "<footer>Generated by <code>l10n report</code>. Counts match <code>l10n status</code>; "
        "findings match <code>l10n check</code>.</footer>",
        f"</main><script>{_JS}</script></body></html>",
        "",
    ]
    return "\n".join(parts)


def write_html_report(config: Config, *, out: Path, glossary: Any = None) -> Path:
    """Write the report page to ``out`` atomically, only when its content changed.

    :returns: the path written (or left unchanged).
    :raises CatalogError: a catalog cannot be read.
    """
    out = Path(out)
    atomic_write_text(out, render_html_report(config, glossary=glossary))
    return out

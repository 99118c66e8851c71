"""``l10n build``: translated releases and MO files under ``build/``.

For each release and target language the source document is rebuilt with the reviewed
translations of its catalog (fuzzy ones only with ``include_fuzzy``); anything without
one keeps its source text. Outputs go to ``<out>/<gettext-lang>/<doc-id>.<ext>`` and
``<out>/locale/<gettext-lang>/LC_MESSAGES/<doc-id>.mo``; every write is atomic and only
happens when the content changed. With ``strict`` nothing is written while any segment
would fall back to its source text, a translation that could not be used (its
placeholders do not fit the source: the source text is kept) included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import catalog_stats, mo_bytes, read_catalog, translations
from .config import Config
from .documents import read_document
from .errors import L10nError
from .fsutil import ANY, write_files
from .lang import gettext_code
from .project import catalog_path, find_releases, rel
from .rebuild import rebuild_document, segment_problem

__all__ = ["BuildReport", "Missing", "build_project", "output_path"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Missing:
    """A segment that would be built in its source language.

    :param doc: the release (relative path). :param line: its line in the release.
    :param lang: the target language. :param msgid: the segment (empty for a whole block).
    :param state: ``untranslated``, ``fuzzy``, ``no catalog`` or ``not used`` (a translation
        whose placeholders do not fit its source: the source text was kept).
    """

    doc: str
    line: int
    lang: str
    msgid: str
    state: str


@dataclass(slots=True, kw_only=True)
class BuildReport:
    """What :func:`build_project` did.

    :param out_dir: the output folder. :param written: files written (changed).
    :param unchanged: outputs already up to date. :param skipped: (release, lang) left out
        by ``build-keep``. :param missing: segments without a usable translation.
    :param warnings: translations not used (bad placeholders), selector problems...
    :param strict_failed: ``strict`` was asked and something was missing: nothing written.
    """

    out_dir: Path
    documents: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    strict_failed: bool = False

    @property
    def messages(self) -> list[str]:
        """Lines for the user: skipped releases and unused translations."""
        return [*self.skipped, *self.warnings]

    @property
    def not_used(self) -> int:
        """How many of :attr:`missing` had a translation that could not be used."""
        return sum(1 for m in self.missing if m.state == _NOT_USED)

    def summary(self) -> str:
        """One line: documents built, files written, segments in the source language."""
        rejected = f" ({self.not_used} with a translation that could not be used)" if self.not_used else ""
        if self.strict_failed:
            return f"nothing written: {len(self.missing)} segment(s) have no usable reviewed translation{rejected} (--strict)"
        return (
            f"{self.documents} translated document(s), {len(self.written)} file(s) written, "
            f"{len(self.unchanged)} unchanged, {len(self.missing)} segment(s) left in the source language{rejected}"
        )


_NOT_USED = "not used"
# A renderer's "path:line: kept the source text of a heading: ..." (a whole block kept); the
# per-segment warnings of rebuild quote the segment instead and are counted in ``lookup``.
_BLOCK_KEPT = re.compile(r":(\d+): kept the source text(?! of ['\"])")


def output_path(out_dir: Path, lang: str, name: str) -> Path:
    """``out_dir/<gettext-lang>/name``, refusing anything that would leave ``out_dir``.

    :raises L10nError: the name is absolute or climbs out of the folder.
    """
    base = out_dir.resolve()
    target = (base / gettext_code(lang) / name).resolve()
    if base not in target.parents or Path(name).is_absolute() or ".." in Path(name).parts:
        raise L10nError(f"refusing to write outside the output folder: {name!r}", path=str(out_dir))
    return target


def build_project(
    config: Config,
    docs: Iterable[str | Path] = (),
    *,
    include_fuzzy: bool = False,
    strict: bool = False,
    out_dir: str | Path | None = None,
) -> BuildReport:
    """Build every release (or the named ones) in every target language, plus MO files.

    :raises L10nError: an unreadable release or catalog (nothing of it is written).
    """
    out = Path(out_dir).resolve() if out_dir is not None else config.build_dir
    report = BuildReport(out_dir=out)
    pending: list[tuple[Path, bytes | None, object]] = []  # (path, data, po for MO)
    for release in find_releases(config, docs):
        shown = rel(config, release.path)
        doc = None
        for lang in release.targets(config):
            po_path = catalog_path(config, release.doc_id, lang)
            po = read_catalog(po_path, display_path=rel(config, po_path)) if po_path.is_file() else None
            if po is not None and config.build_keep > 0:
                percent = catalog_stats(po).reviewed_percent
                if percent < config.build_keep:
                    report.skipped.append(
                        f"skipped {shown} ({lang}): {percent:.0f}% reviewed, below build-keep = {config.build_keep:g}%"
                    )
                    continue
            if doc is None:
                doc = read_document(release.path, lang=release.lang, doc_id=release.doc_id,
                                    selectors=config.selectors, display_path=shown)
                report.warnings.extend(f"{shown}: {w}" for w in doc.warnings)
            found = translations(po, include_fuzzy=include_fuzzy) if po is not None else {}
            fuzzy = {(e.msgctxt, e.msgid) for e in po if "fuzzy" in e.flags and e.msgstr} if po is not None else set()

            def lookup(seg, found=found, fuzzy=fuzzy, lang=lang, po=po, shown=shown):
                key = (seg.context, seg.source)
                value = found.get(key)
                if value is None:
                    state = "no catalog" if po is None else "fuzzy" if key in fuzzy else "untranslated"
                    report.missing.append(Missing(doc=shown, line=seg.line, lang=lang, msgid=seg.source, state=state))
                elif value != seg.source and segment_problem(seg.source, value):
                    report.missing.append(Missing(doc=shown, line=seg.line, lang=lang, msgid=seg.source, state=_NOT_USED))
                return value

            sink: list[str] = []
            data = rebuild_document(doc, lookup, lang, warnings=sink)
            report.warnings.extend(sink)
            for warning in sink:
                m = _BLOCK_KEPT.search(warning)
                if m:
                    report.missing.append(Missing(doc=shown, line=int(m.group(1)), lang=lang, msgid="", state=_NOT_USED))
            report.documents += 1
            suffix = release.path.suffix.lower()
            pending.append((output_path(out, lang, f"{release.doc_id}{suffix}"), data, None))
            if po is not None:
                mo = output_path(out / "locale", lang, f"LC_MESSAGES/{release.doc_id}.mo")
                pending.append((mo, None, po))
    if strict and report.missing:
        report.strict_failed = True
        return report
    # One batch: a write error (disk full...) leaves every earlier output as it was.
    try:
        result = write_files((path, data if po is None else mo_bytes(po), ANY) for path, data, po in pending)
    except OSError as exc:
        where = _shown(config, Path(exc.filename)) if exc.filename else None
        raise L10nError(f"cannot write: {exc.strerror or exc}", path=where) from exc
    report.written.extend(_shown(config, path) for path in result.written)
    report.unchanged.extend(_shown(config, path) for path in result.unchanged)
    return report


def _shown(config: Config, path: Path) -> str:
    return rel(config, path)

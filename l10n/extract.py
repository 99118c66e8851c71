"""Extraction: releases -> templates (POT) -> updated catalogs (PO), incrementally.

A content hash per release (source bytes, glossary version, config, tool version) is kept in
``.l10n/extract-state.json``; a release whose hash and outputs are unchanged is skipped.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .catalog import catalog_bytes, make_template, read_catalog, same_content, update_catalog
from .config import Config
from .documents import read_document
from .errors import L10nError
from .fsutil import ANY, atomic_write_text, digest_or_none, file_digest, write_files
from .project import (
    Release,
    catalog_path,
    find_releases,
    orphan_templates,
    rel,
    source_problems,
    template_path,
)
from .segment import segment_document
from .workers import available_cores, can_fork_workers

__all__ = ["ExtractReport", "extract_project"]

_STATE_FILE = "extract-state.json"


@dataclass(slots=True, kw_only=True)
class ExtractReport:
    """What ``extract_project`` did.

    :param releases: releases considered. :param skipped: unchanged releases not re-read.
    :param written: files written (changed). :param segments: segments extracted.
    :param warnings: messages for the user (language mismatch, ...).
    """

    releases: int = 0
    skipped: int = 0
    segments: int = 0
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _load_state(config: Config) -> dict:
    path = config.state_dir / _STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


@functools.cache
def _code_version() -> str:
    """Fingerprint of the code that decides extraction output (readers, segmenter, catalogs).

    A release whose bytes did not change is still re-read after an upgrade of these modules.
    """
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    for path in sorted([*(here / "documents").glob("*.py"), *(here / name for name in _STAGE_MODULES)]):
        try:
            h.update(path.read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:16]


_STAGE_MODULES = ("segment.py", "segment_marks.py", "lang.py", "catalog.py", "pofmt.py", "extract.py", "model.py")


def _release_key(release: Release, config: Config, glossary_version: str) -> str:
    h = hashlib.sha256()
    h.update(Path(release.path).read_bytes())
    h.update(
        json.dumps(
            [_code_version(), release.lang, release.doc_id, sorted(config.selectors.items()), config.project_id,
             list(config.languages), config.fuzzy_threshold, glossary_version],
        ).encode()
    )
    return h.hexdigest()


def _outputs(config: Config, release: Release) -> list[Path]:
    return [template_path(config, release.doc_id)] + [
        catalog_path(config, release.doc_id, lang) for lang in release.targets(config)
    ]


def extract_project(
    config: Config,
    docs: Iterable[str | Path] = (),
    *,
    glossary=None,
    force: bool = False,
    progress: Callable[[Release], None] | None = None,
) -> ExtractReport:
    """Extract every release (or the named ones) into templates and catalogs.

    Nothing is written unless its content changed; with ``force`` every release is re-read.

    :param glossary: a loaded :class:`~l10n.glossary.Glossary` for ``#. glossary:`` hints.
    :raises L10nError: an unreadable release or catalog; files already written stay valid,
        and nothing of the failing release is written.
    """
    report = ExtractReport()
    releases = find_releases(config, docs)
    orphans = orphan_templates(config, releases if not docs else find_releases(config))
    if not docs:  # a whole-project run: say what is not read, and what has no release any more
        report.warnings.extend(source_problems(config))
        for pot in orphans:
            report.warnings.append(
                f"{rel(config, pot)}: its release is gone (renamed or deleted); delete the template and its "
                f"catalogs, or rename them with the release to keep the translations"
            )
    state = _load_state(config)
    glossary_version = getattr(glossary, "version", "") if glossary is not None else ""
    new_state = dict(state)
    todo = []
    for release in releases:
        report.releases += 1
        if progress is not None:
            progress(release)
        key = _release_key(release, config, glossary_version)
        outputs = _outputs(config, release)
        saved = state.get(release.doc_id, {})
        if (
            not force
            and saved.get("key") == key
            and all(p.is_file() for p in outputs)
            and saved.get("outputs") == {rel(config, p): file_digest(p) for p in outputs}
        ):
            report.skipped += 1
            continue
        todo.append((release, key))
    prepared = _prepare_all(config, [release for release, _ in todo], glossary, orphans)
    # Everything was read and merged without error: only now is anything written, so bad
    # input anywhere leaves every file as it was.
    final: dict[Path, bytes] = {}
    for (release, _), prep in zip(todo, prepared, strict=True):
        shown = rel(config, release.path)
        report.warnings.extend(f"{shown}: {message}" for message in prep.warnings)
        report.segments += prep.segments
    owner = {path: release for (release, _), prep in zip(todo, prepared, strict=True) for path, _, _ in prep.files}
    batch = [file for prep in prepared for file in prep.files]
    for attempt in range(4):
        result = _write(config, batch)
        final.update((path, data) for path, data, _ in batch)
        report.written.extend(rel(config, path) for path in result.written)
        if not result.conflicts:
            break
        if attempt == 3:
            raise L10nError("the catalog keeps changing while extract merges it; run extract again",
                            path=rel(config, result.conflicts[0]))
        # A translator saved these catalogs while we worked: merge into their version.
        again = list(dict.fromkeys(owner[path] for path in result.conflicts))
        batch = [file for release in again for file in _prepare_release(config, release, glossary, orphans).files]
    for release, key in todo:
        new_state[release.doc_id] = {
            "key": key,
            "outputs": {rel(config, p): hashlib.sha256(final[p]).hexdigest() for p in _outputs(config, release)},
        }
    if new_state != state:
        atomic_write_text(config.state_dir / _STATE_FILE, json.dumps(new_state, indent=1, sort_keys=True) + "\n")
    return report


def _write(config: Config, batch: list[tuple[Path, bytes, str | None]]):
    try:
        return write_files(batch)
    except OSError as exc:
        where = rel(config, Path(exc.filename)) if exc.filename else None
        raise L10nError(f"cannot write: {exc.strerror or exc}", path=where) from exc


# Reading, segmenting and merging many releases uses every core (each release is
# independent); below this many releases a worker pool costs more than it saves.
_PARALLEL_MIN_RELEASES = 24


@dataclass(slots=True)
class _Prepared:
    """One release, read and merged: its warnings, segment count and the files to write
    as ``(path, bytes, expect)`` (see :func:`~l10n.fsutil.write_files`)."""

    warnings: tuple[str, ...]
    segments: int
    files: list[tuple[Path, bytes, str | None]]


def _read_one(config: Config, release: Release) -> tuple[tuple[str, ...], list, dict]:
    """Read and segment one release: (warnings, segments, placeholder notes)."""
    doc = read_document(release.path, lang=release.lang, doc_id=release.doc_id,
                        selectors=config.selectors, display_path=rel(config, release.path))
    return tuple(getattr(doc, "warnings", ())), segment_document(doc), doc.notes


_WORK: dict = {}


def _prepare_chunk(indices: list[int]) -> list[tuple[int, _Prepared]]:
    config, releases, glossary, orphans = _WORK["config"], _WORK["releases"], _WORK["glossary"], _WORK["orphans"]
    return [(i, _prepare_release(config, releases[i], glossary, orphans)) for i in indices]


def _prepare_all(config: Config, releases: list[Release], glossary, orphans: list[Path] = ()) -> list[_Prepared]:
    """:func:`_prepare_release` for each release, in parallel on large projects; in order.

    The first failing release raises its error (``DocumentError``, ``CatalogError``: path
    and line kept).
    """
    if len(releases) < _PARALLEL_MIN_RELEASES or not can_fork_workers():
        return [_prepare_release(config, release, glossary, orphans) for release in releases]
    workers = min(available_cores(), 8)
    chunks = [list(range(k, len(releases), workers)) for k in range(workers)]
    _WORK.update(config=config, releases=releases, glossary=glossary, orphans=orphans)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_prepare_chunk, chunks)
    finally:
        _WORK.clear()
    return [prep for _, prep in sorted((row for part in parts for row in part), key=lambda row: row[0])]


def _prepare_release(config: Config, release: Release, glossary, orphans: list[Path] = ()) -> _Prepared:
    """Read one release and merge its segments into its template and catalogs (no writing).

    A release without catalogs whose sentences are mostly those of a template whose
    release is gone (``orphans``: it was renamed) starts from that release's catalogs,
    so its translations follow it.
    """
    shown = rel(config, release.path)
    warnings, segments, notes = _read_one(config, release)
    pot_path = template_path(config, release.doc_id)
    pot = make_template(
        segments,
        doc_id=release.doc_id,
        source_path=shown,
        source_language=release.lang,
        project_id=config.project_id,
        notes=notes,
    )
    if pot_path.is_file():
        old_pot = read_catalog(pot_path, display_path=rel(config, pot_path))
        if same_content(old_pot, pot) and "POT-Creation-Date" in old_pot.metadata:
            pot.metadata["POT-Creation-Date"] = old_pot.metadata["POT-Creation-Date"]
    files = [(pot_path, catalog_bytes(pot), ANY)]
    renamed = None
    for lang in release.targets(config):
        po_path = catalog_path(config, release.doc_id, lang)
        digest = digest_or_none(po_path)
        old = read_catalog(po_path, display_path=rel(config, po_path)) if digest else None
        if old is None and orphans:
            renamed = renamed or _renamed_from(config, pot, orphans)
            previous = catalog_path(config, renamed, lang) if renamed else None
            if previous is not None and previous.is_file():
                old = read_catalog(previous, display_path=rel(config, previous))
                warnings = (*warnings, f"took the translations of {rel(config, previous)} (the release was renamed?)")
        hints = {}
        if glossary is not None:
            for entry in pot:
                if entry.msgid:
                    found = glossary.hints(entry.msgid, release.lang, lang)
                    if found:
                        hints[entry.msgid] = found
        po = update_catalog(old, pot, language=lang, fuzzy_threshold=config.fuzzy_threshold, hints=hints)
        # Written only if the file still has this digest (None: still absent).
        files.append((po_path, catalog_bytes(po, path=rel(config, po_path)), digest))
    return _Prepared(warnings, len(segments), files)


def _renamed_from(config: Config, pot, orphans: list[Path]) -> str | None:
    """The document id of the orphan template holding at least half of ``pot``'s sentences."""
    wanted = {(entry.msgctxt, entry.msgid) for entry in pot if entry.msgid}
    best, best_share = None, 0.5
    for path in orphans:
        try:
            old = read_catalog(path, display_path=rel(config, path))
        except L10nError:
            continue
        share = len(wanted & {(entry.msgctxt, entry.msgid) for entry in old if entry.msgid}) / max(len(wanted), 1)
        if share >= best_share:
            best, best_share = path.stem, share
    return best

"""Run the checks over a project's catalogs: the CI gate behind ``l10n check`` and ``l10n run``."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..catalog import scan_entries
from ..config import Config
from ..lang import parse_tag
from ..model import Entry, Finding, Severity
from ..project import find_catalogs, rel
from ..workers import available_cores, can_fork_workers
from . import Check, CheckContext, get_checks, profile_of, resolve_checks, run_checks

__all__ = ["CatalogResult", "CheckResult", "check_project", "ignore_comment_findings", "load_catalogs"]

CONSISTENCY_ID = "glossary-consistency"
# Findings about a `# l10n: ignore <id>` comment naming no known check (a typo hides nothing).
IGNORE_COMMENT_ID = "ignore-comment"
# Finding.sort_key, read by attrgetter (much faster on big runs).
_ORDER = attrgetter("path", "line", "check_id", "message")


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogResult:
    """What was checked in one catalog.

    :param path: the catalog, relative to the project.
    :param source_lang: BCP 47 source language. :param target_lang: BCP 47 target language.
    :param entries: active (non-obsolete) entries. :param reviewed: reviewed entries.
    """

    path: str
    source_lang: str
    target_lang: str
    entries: int
    reviewed: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """The outcome of checking a set of catalogs.

    :param findings: all findings, sorted by path, line, check.
    :param catalogs: one :class:`CatalogResult` per catalog, in path order.
    :param checks: ids of the checks that ran, with their effective severities.
    """

    findings: tuple[Finding, ...]
    catalogs: tuple[CatalogResult, ...]
    checks: tuple[tuple[str, Severity], ...]

    @property
    def entries(self) -> int:
        """Active entries checked."""
        return sum(c.entries for c in self.catalogs)

    @property
    def reviewed(self) -> int:
        """Reviewed entries among them."""
        return sum(c.reviewed for c in self.catalogs)

    @property
    def reviewed_percent(self) -> float:
        """Share of reviewed entries (100 when there is nothing to review)."""
        return 100.0 if not self.entries else 100.0 * self.reviewed / self.entries

    def count(self, severity: Severity) -> int:
        """Findings of exactly this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Severity.INFO)

    def failed(self, fail_on: Severity, min_reviewed: float = 0.0) -> bool:
        """Whether the gate fails: a finding at or above ``fail_on``, or too few reviewed."""
        return any(f.severity >= fail_on for f in self.findings) or self.reviewed_percent < min_reviewed

    def summary(self) -> dict[str, Any]:
        """The numbers of the JSON report's ``summary``."""
        return {
            "catalogs": len(self.catalogs),
            "entries": self.entries,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "reviewed_percent": round(self.reviewed_percent, 2),
        }


def _guess_target(config: Config, entries: list[Entry]) -> str:
    """A catalog's language when neither folder nor header says: CJK text or not."""
    cjk = sum(1 for e in entries[:200] if e.msgstr and any("\u4e00" <= ch <= "\u9fff" for ch in e.msgstr))
    for lang in config.languages:
        if profile_of(lang).cjk == (cjk > 0):
            return lang
    return config.languages[-1]


def _tag(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return parse_tag(value)
    except ValueError:
        return None


def _source_of(config: Config, po_source: str | None, target: str) -> str:
    if po_source:
        try:
            return parse_tag(po_source)
        except ValueError:
            pass
    family = target.split("-")[0]
    for lang in config.languages:
        if lang != target and lang.split("-")[0] != family:
            return lang
    for lang in config.languages:
        if lang != target:
            return lang
    return "en"


def load_catalogs(config: Config, catalogs: Iterable[str | Path] = ()) -> list[tuple[str, str, str, list[Entry]]]:
    """Read the project's catalogs (or those named) as ``(path, source_lang, target_lang, entries)``.

    Paths are relative to the project. The target language comes from the
    ``locales/<lang>/`` folder, else the ``Language`` header, else the script of the
    translations; the source language from ``X-Source-Language``, else the other
    language of the project.

    :raises CatalogError: a catalog cannot be read.
    """
    return [_load_one(config, path, folder_lang) for path, folder_lang in find_catalogs(config, catalogs)]


def _load_one(config: Config, path: Path, folder_lang: str | None) -> tuple[str, str, str, list[Entry]]:
    shown = rel(config, path)
    header, entries = scan_entries(path, display_path=shown)
    target = folder_lang or _tag(header.get("Language")) or _guess_target(config, entries)
    source = _source_of(config, header.get("X-Source-Language"), target)
    return (shown, source, target, entries)


def check_project(
    config: Config,
    catalogs: Iterable[str | Path] = (),
    *,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    glossary: Any = None,
) -> CheckResult:
    """Check the project's catalogs (or those named) with the configured checks.

    ``enable``/``disable`` add to ``[tool.l10n.checks]``; severity overrides come from
    the config. The glossary is loaded from ``config.glossary_dir`` when not given.

    :raises ConfigError: an unknown check id. :raises CatalogError: an unreadable catalog.
    """
    checks = resolve_checks(
        [*config.checks_enable, *enable],
        [*config.checks_disable, *disable],
        config.severities,
    )
    if glossary is None:
        glossary = _load_glossary(config)
    found = find_catalogs(config, catalogs)
    with _collector_paused():
        if _worth_parallel(found):
            return _check_parallel(config, found, checks, glossary)
        return _check_loaded(load_catalogs(config, catalogs), checks, glossary)


# Large projects are read and checked on every core: reading PO text is the main cost, and
# catalogs are independent. Below this many bytes a worker pool costs more than it saves.
_PARALLEL_MIN_BYTES = 4_000_000
_WORK: dict[str, Any] = {}


def _worth_parallel(found: list[tuple[Path, str | None]]) -> bool:
    if len(found) < 4 or not can_fork_workers():
        return False
    try:
        return sum(p.stat().st_size for p, _ in found) >= _PARALLEL_MIN_BYTES
    except OSError:
        return False


def _check_chunk(indices: list[int]) -> list[tuple[int, tuple[str, str, str, list[Entry]], list[Finding], CatalogResult]]:
    """In a forked worker: read and check some catalogs (the work is in ``_WORK``)."""
    config, found, checks, glossary, keep = (_WORK[k] for k in ("config", "found", "checks", "glossary", "keep"))
    gc.disable()
    out = []
    for i in indices:
        loaded = _load_one(config, *found[i])
        result = _check_loaded([loaded], checks, glossary, consistency=False)
        path, source, target, entries = loaded
        out.append((i, (path, source, target, entries if keep else []), list(result.findings), result.catalogs[0]))
    return out


def _check_parallel(config: Config, found, checks: list[Check], glossary: Any) -> CheckResult:
    consistency = next((c for c in checks if c.id == CONSISTENCY_ID), None)
    keep = consistency is not None and glossary is not None
    _WORK.update(config=config, found=found, checks=checks, glossary=glossary, keep=keep)
    workers = min(available_cores(), 8, len(found))
    # Balance the chunks by file size, biggest first.
    sizes = sorted(range(len(found)), key=lambda i: -found[i][0].stat().st_size)
    chunks: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for i in sizes:
        k = loads.index(min(loads))
        chunks[k].append(i)
        loads[k] += found[i][0].stat().st_size
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_check_chunk, chunks)
    finally:
        _WORK.clear()
    rows = sorted((row for part in parts for row in part), key=lambda r: r[0])
    findings = [f for row in rows for f in row[2]]
    if keep:
        findings.extend(_consistency([row[1] for row in rows], glossary, consistency.severity))
    findings.sort(key=_ORDER)
    return CheckResult(
        findings=tuple(findings),
        catalogs=tuple(sorted((row[3] for row in rows), key=lambda r: r.path)),
        checks=tuple((c.id, c.severity) for c in checks),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while catalogs are read and checked.

    Reading and checking allocate hundreds of thousands of small objects (entries,
    findings) and no reference cycles; the collector would walk them again and again,
    a tenth of the run on large projects. It is switched back on afterwards (if it was
    on), and collects anything left then.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_loaded(
    loaded: list[tuple[str, str, str, list[Entry]]], checks: list[Check], glossary: Any, *, consistency: bool = True
) -> CheckResult:
    findings: list[Finding] = []
    results = []
    known = frozenset(get_checks())
    for path, source, target, entries in loaded:
        ctx = CheckContext(path=path, source_lang=source, target_lang=target, glossary=glossary)
        findings.extend(run_checks(entries, ctx, checks))
        findings.extend(ignore_comment_findings(path, entries, known))
        active = [e for e in entries if not e.obsolete]
        results.append(
            CatalogResult(
                path=path,
                source_lang=source,
                target_lang=target,
                entries=len(active),
                reviewed=sum(1 for e in active if e.msgstr and not e.fuzzy and e.state == "reviewed"),
            )
        )
    wanted = next((c for c in checks if c.id == CONSISTENCY_ID), None) if consistency else None
    if wanted is not None and glossary is not None:
        findings.extend(_consistency(loaded, glossary, wanted.severity))
    findings.sort(key=_ORDER)
    return CheckResult(
        findings=tuple(findings),
        catalogs=tuple(sorted(results, key=lambda r: r.path)),
        checks=tuple((c.id, c.severity) for c in checks),
    )


def ignore_comment_findings(path: str, entries: Iterable[Entry], known: Iterable[str]) -> list[Finding]:
    """Warnings for ``# l10n: ignore <id>`` comments naming an id no check has, with the closest one.

    A misspelt id would otherwise switch nothing off, silently.
    """
    import difflib

    known = sorted(known)
    out = []
    for entry in entries:
        if entry.obsolete or not entry.translator_comment:
            continue
        for check_id in sorted(entry.ignored_checks - set(known)):
            if not check_id:
                continue
            close = difflib.get_close_matches(check_id, known, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            out.append(
                Finding(
                    check_id=IGNORE_COMMENT_ID,
                    severity=Severity.WARNING,
                    message=f"'# l10n: ignore {check_id}' names no known check, so nothing is ignored; "
                    f"{hint}`l10n list checks` lists the ids",
                    path=path,
                    line=entry.line,
                    msgid=entry.msgid,
                )
            )
    return out


def _consistency(loaded, glossary, severity: Severity) -> list[Finding]:
    from dataclasses import replace

    from .terminology import consistency_findings

    ignored = {
        (path, e.line): e.ignored_checks for path, _s, _t, entries in loaded for e in entries if e.translator_comment
    }
    out = []
    for f in consistency_findings(loaded, glossary):
        if CONSISTENCY_ID in ignored.get((f.path, f.line), ()):
            continue
        out.append(f if f.severity == severity else replace(f, severity=severity))
    return out


def _load_glossary(config: Config) -> Any:
    from ..glossary import load_project_glossary

    return load_project_glossary(config.glossary_dir, languages=config.languages)

"""Progress of a project's catalogs: counts and words by entry state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .catalog import CatalogStats, catalog_language, catalog_stats, read_catalog
from .config import Config
from .project import find_catalogs, rel

__all__ = ["StatusResult", "StatusRow", "project_status"]


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusRow:
    """One catalog's progress. :param path: relative to the project."""

    path: str
    document: str
    language: str
    stats: CatalogStats


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusResult:
    """Rows per catalog and their totals."""

    rows: tuple[StatusRow, ...]
    totals: CatalogStats

    def as_json(self) -> dict:
        """The documented JSON shape of ``l10n status --format json``."""
        keys = ("total", "reviewed", "suggested", "untranslated", "obsolete")
        return {
            "catalogs": [
                {"path": r.path, "document": r.document, "language": r.language,
                 **{k: getattr(r.stats, k) for k in keys},
                 "words": {k: getattr(r.stats, f"{k}_words") for k in keys}}
                for r in self.rows
            ],
            "totals": {**{k: getattr(self.totals, k) for k in keys},
                       "words": {k: getattr(self.totals, f"{k}_words") for k in keys},
                       "reviewed_percent": round(self.totals.reviewed_percent, 2)},
        }


def project_status(config: Config, catalogs: Iterable[str | Path] = ()) -> StatusResult:
    """Read every catalog (or the named ones) and count entries by state.

    :raises CatalogError: a catalog cannot be read.
    """
    rows = []
    totals = CatalogStats()
    for path, lang in find_catalogs(config, catalogs):
        shown = rel(config, path)
        po = read_catalog(path, display_path=shown)
        stats = catalog_stats(po)
        language = lang or catalog_language(po) or ""
        rows.append(StatusRow(path=shown, document=po.metadata.get("X-Document-Id") or Path(path).stem,
                              language=language, stats=stats))
        totals = totals + stats
    return StatusResult(rows=tuple(rows), totals=totals)

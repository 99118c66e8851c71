"""The MT cache, ``.l10n/cache.sqlite``: re-running after a catalog update translates only new segments.

Keys hash everything a translation depends on: engine, model, model revision, language pair,
glossary version and the source text. A second table remembers a digest of each suggestion
written into a catalog, so ``suggest --refresh`` can tell an untouched machine suggestion
from one a person edited. A corrupt cache is moved aside and rebuilt; a locked or unwritable
one is bypassed. Neither is fatal: the problem is returned as a warning.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CacheKey", "SuggestionCache", "open_cache", "read_written", "text_digest"]

# Bump when the stored value's meaning changes (post-processing, value layout).
SCHEMA = 1
_TIMEOUT_S = 2.0


def text_digest(text: str) -> str:
    """A short, stable digest of a text.

    >>> text_digest("abc")
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class CacheKey:
    """Everything one cached translation depends on, except the source text."""

    engine: str
    model: str
    revision: str
    source_lang: str
    target_lang: str
    glossary_version: str = ""

    def key(self, source: str) -> str:
        """The row key for one source text."""
        raw = json.dumps(
            [SCHEMA, self.engine, self.model, self.revision, self.source_lang, self.target_lang,
             self.glossary_version, source],
            ensure_ascii=False,
        )
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class SuggestionCache:
    """A small key-value store on sqlite (WAL), or a no-op store when ``path`` is None."""

    def __init__(self, path: Path | None, conn: sqlite3.Connection | None = None):
        self.path = path
        self._conn = conn
        self.warnings: list[str] = []

    @property
    def enabled(self) -> bool:
        """Whether reads and writes reach a database."""
        return self._conn is not None

    def _bypass(self, exc: Exception) -> None:
        self.warnings.append(f"{self.path}: MT cache bypassed ({exc}); suggestions still work, only slower")
        try:
            if self._conn is not None:
                self._conn.close()
        except sqlite3.Error:
            pass
        self._conn = None

    def get_many(self, keys: Iterable[str]) -> dict[str, dict]:
        """The cached values of the given keys (missing keys are absent)."""
        if self._conn is None:
            return {}
        keys = list(dict.fromkeys(keys))
        out: dict[str, dict] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(f"SELECT key, value FROM mt WHERE key IN ({marks})", chunk)
                for key, value in rows:
                    out[key] = json.loads(value)
        except (sqlite3.Error, ValueError) as exc:
            self._bypass(exc)
            return {}
        return out

    def put_many(self, items: Mapping[str, dict]) -> None:
        """Store values by key (last write wins)."""
        if self._conn is None or not items:
            return
        try:
            with self._conn:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO mt(key, value) VALUES (?, ?)",
                    [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()],
                )
        except sqlite3.Error as exc:
            self._bypass(exc)

    def written_digest(self, catalog: str, context: str | None, msgid: str) -> str | None:
        """The digest of the suggestion last written for an entry, or None."""
        if self._conn is None:
            return None
        try:
            row = self._conn.execute(
                "SELECT digest FROM written WHERE catalog = ? AND ctx = ? AND msgid = ?",
                (catalog, context or "", msgid),
            ).fetchone()
        except sqlite3.Error as exc:
            self._bypass(exc)
            return None
        return row[0] if row else None

    def record_written(self, catalog: str, rows: Iterable[tuple[str | None, str, str]]) -> None:
        """Remember the (context, msgid, written text) suggestions written into a catalog."""
        if self._conn is None:
            return
        data = [(catalog, ctx or "", msgid, text_digest(text)) for ctx, msgid, text in rows]
        if not data:
            return
        try:
            with self._conn:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO written(catalog, ctx, msgid, digest) VALUES (?, ?, ?, ?)", data
                )
        except sqlite3.Error as exc:
            self._bypass(exc)

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def __enter__(self) -> SuggestionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=_TIMEOUT_S)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS mt(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS written(catalog TEXT NOT NULL, ctx TEXT NOT NULL, msgid TEXT NOT NULL,"
            " digest TEXT NOT NULL, PRIMARY KEY (catalog, ctx, msgid))"
        )
        conn.execute("SELECT count(*) FROM mt LIMIT 1").fetchone()
        conn.commit()
    except BaseException:
        conn.close()
        raise
    return conn


def read_written(path: Path) -> dict[str, dict[tuple[str, str], str]] | None:
    """The digests of the suggestions ``suggest`` wrote, read-only, or None without a readable cache.

    :returns: ``{catalog: {(context or "", msgid): digest}}``, catalogs as project-relative
        paths. Nothing is created: a missing file gives None (the report then says the
        origin of a reviewed suggestion is unknown).
    """
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=_TIMEOUT_S)
        try:
            rows = conn.execute("SELECT catalog, ctx, msgid, digest FROM written").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    out: dict[str, dict[tuple[str, str], str]] = {}
    for catalog, ctx, msgid, digest in rows:
        out.setdefault(catalog, {})[(ctx, msgid)] = digest
    return out


def open_cache(path: Path | None) -> SuggestionCache:
    """Open (creating) the cache; rebuild it when corrupt, bypass it when locked or unwritable.

    Problems are collected in ``cache.warnings``; this never raises for sqlite errors.
    """
    if path is None:
        return SuggestionCache(None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return SuggestionCache(path, _connect(path))
    except sqlite3.OperationalError as exc:
        # Locked by another process, read-only, or not openable: run without it.
        cache = SuggestionCache(path)
        why = "locked by another process" if "locked" in str(exc).lower() else f"unusable ({exc})"
        cache.warnings.append(f"{path}: MT cache is {why}; running without it")
        return cache
    except sqlite3.DatabaseError as exc:
        broken = path.with_name(path.name + ".corrupt")
        try:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(path) + suffix)
                if p.exists():
                    p.replace(Path(str(broken) + suffix))
            cache = SuggestionCache(path, _connect(path))
            cache.warnings.append(f"{path}: MT cache was unreadable ({exc}); moved to {broken.name} and rebuilt")
            return cache
        except (OSError, sqlite3.Error) as exc2:
            cache = SuggestionCache(path)
            cache.warnings.append(f"{path}: MT cache unusable ({exc2}); running without it")
            return cache
    except OSError as exc:
        cache = SuggestionCache(path)
        cache.warnings.append(f"{path}: MT cache unusable ({exc}); running without it")
        return cache

"""The sqlite MT cache: keys, persistence, corrupt and locked databases."""

from __future__ import annotations

import sqlite3

from l10n.suggest import cache as cache_module
from l10n.suggest.cache import CacheKey, open_cache


def _key(**kw):
    base = dict(engine="transformers", model="m", revision="r1", source_lang="zh-Hans", target_lang="en", glossary_version="g1")
    base.update(kw)
    return CacheKey(**base)


def test_cached_translations_survive_reopening(tmp_path):
    path = tmp_path / ".l10n" / "cache.sqlite"
    key = _key().key("研究所发布了报告。")
    with open_cache(path) as cache:
        cache.put_many({key: {"text": "The institute released a report.", "warnings": []}})
    with open_cache(path) as cache:
        assert cache.get_many([key, "other"]) == {key: {"text": "The institute released a report.", "warnings": []}}
        assert cache.warnings == []


def test_the_key_changes_with_model_revision_glossary_and_languages():
    source = "研究所发布了报告。"
    keys = {
        _key().key(source),
        _key(revision="r2").key(source),
        _key(glossary_version="g2").key(source),
        _key(target_lang="zh-Hant").key(source),
        _key(engine="ctranslate2").key(source),
        _key().key(source + " "),
    }
    assert len(keys) == 6


def test_the_database_uses_write_ahead_logging(tmp_path):
    path = tmp_path / "cache.sqlite"
    open_cache(path).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_corrupt_cache_is_moved_aside_and_rebuilt_with_a_warning(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with open_cache(path) as cache:
        assert cache.enabled
        assert "rebuilt" in cache.warnings[0]
        cache.put_many({"k": {"text": "x"}})
        assert cache.get_many(["k"]) == {"k": {"text": "x"}}
    assert (tmp_path / "cache.sqlite.corrupt").is_file()


def test_a_locked_cache_is_bypassed_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "_TIMEOUT_S", 0.05)
    path = tmp_path / "cache.sqlite"
    open_cache(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        cache = open_cache(path)
        cache.put_many({"k": {"text": "x"}})
        assert cache.get_many(["k"]) == {}
        assert not cache.enabled
        assert cache.warnings and ("locked" in cache.warnings[0] or "bypassed" in cache.warnings[0])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_an_unusable_cache_path_is_bypassed_not_fatal(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.mkdir()
    cache = open_cache(path)
    assert not cache.enabled
    assert cache.get_many(["k"]) == {}
    assert cache.warnings


def test_written_suggestions_are_remembered_by_digest(tmp_path):
    with open_cache(tmp_path / "c.sqlite") as cache:
        cache.record_written("locales/en/LC_MESSAGES/a.po", [(None, "源", "Source")])
        assert cache.written_digest("locales/en/LC_MESSAGES/a.po", None, "源") == cache_module.text_digest("Source")
        assert cache.written_digest("locales/en/LC_MESSAGES/a.po", "ctx", "源") is None

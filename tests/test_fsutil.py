"""Batch writes: atomic, change-only, durable, and never over a file edited meanwhile."""

from __future__ import annotations

import hashlib
import os

import pytest

import l10n.fsutil as fsutil
from l10n.fsutil import ANY, write_files


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _leftovers(root) -> list[str]:
    return sorted(p.name for p in root.rglob("*.tmp"))


@pytest.mark.parametrize("many", [False, True], ids=["fsync-each", "syncfs"])
def test_batch_writes_new_and_changed_files_and_leaves_equal_ones_alone(tmp_path, many, monkeypatch):
    calls = []
    real = fsutil._sync_filesystems
    monkeypatch.setattr(fsutil, "_sync_filesystems", lambda paths, syncfs: calls.append(len(paths)) or real(paths, syncfs))
    same = tmp_path / "same.po"
    same.write_bytes(b"kept")
    os.utime(same, (1_000_000, 1_000_000))
    changed = tmp_path / "changed.po"
    changed.write_bytes(b"old")
    changed.chmod(0o640)
    count = 10 if many else 1
    new = [tmp_path / "deep" / "dir" / f"new{i}.po" for i in range(count)]
    result = write_files([(same, b"kept", ANY), (changed, b"new", _sha(b"old")), *[(p, b"fresh", None) for p in new]])
    assert result.unchanged == [same] and same.stat().st_mtime == 1_000_000
    assert result.written == [changed, *new] and not result.conflicts
    assert changed.read_bytes() == b"new" and changed.stat().st_mode & 0o777 == 0o640
    assert all(p.read_bytes() == b"fresh" and p.stat().st_mode & 0o777 == 0o644 for p in new)
    assert not _leftovers(tmp_path)
    # Many files: one syncfs for the batch (on Linux); few: an fsync each, no syncfs.
    expected = [count + 1] if many and fsutil._syncfs() is not None else []
    assert calls == expected


def test_a_file_edited_since_it_was_read_is_reported_not_replaced(tmp_path):
    po = tmp_path / "zh.po"
    po.write_bytes(b"translator's version")
    gone = tmp_path / "new.po"
    gone.write_bytes(b"appeared meanwhile")
    other = tmp_path / "other.po"
    result = write_files([(po, b"ours", _sha(b"what we read")), (gone, b"ours", None), (other, b"ours", None)])
    assert result.conflicts == [po, gone] and result.written == [other]
    assert po.read_bytes() == b"translator's version" and gone.read_bytes() == b"appeared meanwhile"
    assert not _leftovers(tmp_path)


def test_an_error_while_staging_changes_no_target_and_leaves_no_temporary_file(tmp_path):
    first = tmp_path / "a.po"
    first.write_bytes(b"old a")
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"a file where a folder is needed")
    with pytest.raises(OSError):
        write_files([(first, b"new a", ANY), (blocker / "b.po", b"new b", ANY)])
    assert first.read_bytes() == b"old a"
    assert not _leftovers(tmp_path)

"""Atomic, change-only file writes (temporary file in the same folder + ``os.replace``)."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ANY", "WriteResult", "atomic_write_bytes", "atomic_write_text", "digest_or_none", "file_digest", "write_files"]

#: ``expect`` value of :func:`write_files` for a file that may have any content.
ANY = "*"


def atomic_write_bytes(path: str | Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return True when the file changed.

    :func:`write_files` with one file: a temporary file in the same folder, flushed and
    fsynced, then renamed over the target, so a crash leaves either the old or the new
    file, never half of one. An identical file is left untouched (mtime kept).
    """
    return bool(write_files([(path, data, ANY)]).written)


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> bool:
    """Text version of :func:`atomic_write_bytes` (no newline translation)."""
    return atomic_write_bytes(path, text.encode(encoding))


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass(slots=True)
class WriteResult:
    """What :func:`write_files` did: files ``written`` (changed), ``unchanged`` ones, and
    ``conflicts``: files that changed on disk since their caller read them (left as they are)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)


# With this many files or more, one filesystem-wide flush (syncfs) is cheaper than an
# fsync per file (a journal commit each).
_SYNCFS_MIN_FILES = 8


def write_files(files: Iterable[tuple[str | Path, bytes, str | None]]) -> WriteResult:
    """Write many files atomically, as one batch: ``(path, data, expect)`` each.

    ``expect`` is the SHA-256 (hex) the file must still have, ``None`` when it must still
    be absent, or :data:`ANY`. Files whose content is already ``data`` are left alone.
    Every other file is first written to a temporary file beside it; the temporary files
    are made durable (one ``syncfs`` per filesystem on Linux when there are many, else an
    ``fsync`` each); only then is each renamed over its target, right after checking its
    ``expect``. So an error while writing (disk full...) changes no target, a crash leaves
    every target whole (old or new), and a file edited meanwhile is reported, not replaced.
    """
    result = WriteResult()
    todo: list[tuple[Path, bytes, str | None]] = []
    for path, data, expect in files:
        path = Path(path)
        try:
            if path.read_bytes() == data:
                result.unchanged.append(path)
                continue
        except OSError:
            pass
        todo.append((path, data, expect))
    syncfs = _syncfs() if len(todo) >= _SYNCFS_MIN_FILES else None
    staged: list[tuple[Path, str, str | None]] = []
    done = 0  # staged files renamed or dropped so far
    folders: set[Path] = set()
    try:
        for path, data, expect in todo:
            try:
                if path.parent not in folders:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(path.parent)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                staged.append((path, tmp, expect))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    if syncfs is None:
                        handle.flush()
                        os.fsync(handle.fileno())
            except OSError as exc:
                exc.filename = str(path)  # name the file the caller asked for, not a temporary one
                raise
            _copy_mode(path, tmp)
        if syncfs is not None:
            _sync_filesystems([tmp for _, tmp, _ in staged], syncfs)
        for path, tmp, expect in staged:
            if expect != ANY and digest_or_none(path) != expect:
                os.unlink(tmp)
                result.conflicts.append(path)
            else:
                os.replace(tmp, path)
                result.written.append(path)
            done += 1
    finally:
        for _, tmp, _ in staged[done:]:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return result


def _copy_mode(path: Path, tmp: str) -> None:
    try:
        os.chmod(tmp, path.stat().st_mode & 0o7777)
    except FileNotFoundError:
        os.chmod(tmp, 0o644)
    except OSError:
        pass


def digest_or_none(path: str | Path) -> str | None:
    """:func:`file_digest`, or None when the file does not exist."""
    try:
        return file_digest(path)
    except FileNotFoundError:
        return None


def _sync_filesystems(paths: list[str], syncfs) -> None:
    """Flush written files to disk with one ``syncfs`` per filesystem (``fsync`` each if that fails)."""
    one_per_device: dict[int, str] = {}
    for path in paths:
        one_per_device.setdefault(os.stat(path).st_dev, path)
    if all(_on_fd(path, syncfs) == 0 for path in one_per_device.values()):
        return
    for path in paths:  # pragma: no cover - syncfs refused: flush file by file
        _on_fd(path, os.fsync)


def _on_fd(path: str, call):
    fd = os.open(path, os.O_RDONLY)
    try:
        return call(fd)
    finally:
        os.close(fd)


def _syncfs():
    """Linux's ``syncfs(2)`` through ctypes, or None where there is no such call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):  # pragma: no cover - a libc without syncfs
        return None

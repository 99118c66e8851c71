"""Atomic, change-only file writes (temporary file in the same folder + ``os.replace``)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "file_digest"]


def atomic_write_bytes(path: str | Path, data: bytes, *, only_if_changed: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; return True when the file changed.

    The data goes to a temporary file in the same folder, is flushed and fsynced, then
    renamed over the target, so a crash leaves either the old or the new file, never half
    of one. With ``only_if_changed`` an identical file is left untouched (mtime kept).
    """
    path = Path(path)
    if only_if_changed and path.is_file():
        try:
            if path.read_bytes() == data:
                return False
        except OSError:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            try:
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8", only_if_changed: bool = True) -> bool:
    """Text version of :func:`atomic_write_bytes` (no newline translation)."""
    return atomic_write_bytes(path, text.encode(encoding), only_if_changed=only_if_changed)


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()

"""How much parallel work this machine allows (extract, check and the ctranslate2 engine)."""

from __future__ import annotations

import multiprocessing
import os

__all__ = ["available_cores", "can_fork_workers"]


def available_cores() -> int:
    """CPU cores this process may run on (its affinity, not the machine's total)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork_workers() -> bool:
    """Whether a pool of forked workers can share the parent's loaded state: two or more
    cores, and a platform with ``fork``."""
    return available_cores() >= 2 and "fork" in multiprocessing.get_all_start_methods()

"""STAGE 5: checks. A registry of small functions ``(entry, ctx) -> Iterator[Finding]``.

Register with :func:`register`; the first docstring line is the title shown by
``l10n list checks``. Each check declares firing and passing examples next to itself,
which ``tests/checks/test_registry_contract.py`` runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Entry, Finding, Severity

__all__ = ["CHECKS", "Check", "CheckContext", "Example", "get_checks", "register"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    """A declared example for the registry contract test.

    :param source: msgid. :param target: msgstr.
    :param fires: whether the check must report a finding.
    :param source_lang: BCP 47 source tag. :param target_lang: BCP 47 target tag.
    :param glossary: optional list of concept dicts ``{"en": ..., "zh-Hans": ..., "status": ...}``.
    :param fuzzy: whether the entry is fuzzy.
    """

    source: str
    target: str
    fires: bool
    source_lang: str = "zh-Hans"
    target_lang: str = "en"
    glossary: tuple[dict[str, Any], ...] = ()
    fuzzy: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckContext:
    """What a check may look at besides the entry.

    :param path: the catalog path as reported (relative to the project).
    :param source_lang: BCP 47 source language of the catalog.
    :param target_lang: BCP 47 target language of the catalog.
    :param glossary: the project glossary, or None.
    :param options: free-form settings from config.
    """

    path: str
    source_lang: str
    target_lang: str
    glossary: Any = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """A registered check.

    :param id: kebab-case id. :param severity: default severity. :param title: first docstring line.
    :param func: ``(entry, ctx) -> Iterator[Finding]``.
    :param examples: declared firing and passing examples.
    :param enabled: on by default.
    :param needs_translation: skipped for untranslated and fuzzy entries (content checks).
    """

    id: str
    severity: Severity
    title: str
    func: Callable[[Entry, CheckContext], Iterable[Finding]]
    examples: tuple[Example, ...] = ()
    enabled: bool = True
    needs_translation: bool = True


CHECKS: dict[str, Check] = {}

# Modules holding checks, imported on first use (no import-time side effects in l10n/__init__).
_FAMILIES = (
    "completeness",
    "placeholders",
    "numbers",
    "punctuation",
    "terminology",
    "content",
)


def register(
    check_id: str,
    *,
    severity: Severity,
    examples: Iterable[Example] = (),
    enabled: bool = True,
    needs_translation: bool = True,
) -> Callable:
    """Decorator registering a check function under ``check_id``."""

    def deco(func: Callable[[Entry, CheckContext], Iterator[Finding]]):
        doc = (func.__doc__ or "").strip().splitlines()
        CHECKS[check_id] = Check(
            id=check_id,
            severity=severity,
            title=doc[0].strip() if doc else "",
            func=func,
            examples=tuple(examples),
            enabled=enabled,
            needs_translation=needs_translation,
        )
        return func

    return deco


def get_checks() -> dict[str, Check]:
    """The registry, with every check family imported."""
    for name in _FAMILIES:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    return CHECKS

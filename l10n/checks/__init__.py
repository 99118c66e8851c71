"""STAGE 5: checks. A registry of small functions ``(entry, ctx) -> Iterator[Finding]``.

Register with :func:`register`; the first docstring line is the title shown by
``l10n list checks``. Each check declares firing and passing examples next to itself,
which ``tests/checks/test_registry_contract.py`` runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..errors import ConfigError
from ..lang import LanguageProfile, get_profile
from ..model import Entry, Finding, Severity

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "CheckResult",
    "Example",
    "check_project",
    "get_checks",
    "make_finding",
    "profile_of",
    "register",
    "resolve_checks",
    "run_checks",
]


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
    :param states: the only entry states (``Entry.state``) the check can fire on; the
        runner does not call it for others. Empty: any state.
    :param needs_glossary: the check cannot fire without a glossary; the runner does
        not call it when the context has none.
    """

    id: str
    severity: Severity
    title: str
    func: Callable[[Entry, CheckContext], Iterable[Finding]]
    examples: tuple[Example, ...] = ()
    enabled: bool = True
    needs_translation: bool = True
    states: frozenset[str] = frozenset()
    needs_glossary: bool = False


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
    states: Iterable[str] = (),
    needs_glossary: bool = False,
) -> Callable:
    """Decorator registering a check function under ``check_id`` (see :class:`Check`)."""

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
            states=frozenset(states),
            needs_glossary=needs_glossary,
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


@lru_cache(maxsize=64)
def profile_of(tag: str | None) -> LanguageProfile:
    """The (cached) language profile of a tag; English rules when the tag is unknown."""
    return get_profile(tag or "en")


def make_finding(check_id: str, entry: Entry, ctx: CheckContext, message: str) -> Finding:
    """A finding of ``check_id`` (at its registered severity) about ``entry``."""
    return Finding(
        check_id=check_id,
        severity=CHECKS[check_id].severity,
        message=message,
        path=ctx.path,
        line=entry.line,
        msgid=entry.msgid,
    )


def _split_ids(values: Iterable[str]) -> list[str]:
    out = []
    for value in values:
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return out


def resolve_checks(
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    severities: dict[str, str] | None = None,
) -> list[Check]:
    """The checks to run: defaults, plus ``enable``, minus ``disable``, with severity overrides.

    ``enable`` and ``disable`` accept ids and comma-separated lists of ids; a later
    ``enable`` does not undo a ``disable`` (disabling wins).

    :raises ConfigError: an unknown check id or severity name.
    """
    checks = get_checks()
    enable, disable = _split_ids(enable), _split_ids(disable)
    severities = dict(severities or {})
    unknown = sorted({i for i in (*enable, *disable, *severities) if i not in checks})
    if unknown:
        raise ConfigError(
            f"unknown check id(s): {', '.join(unknown)}; `l10n list checks` shows the known ones"
        )
    out = []
    for check in checks.values():
        on = (check.enabled or check.id in enable) and check.id not in disable
        if not on:
            continue
        if check.id in severities:
            try:
                level = Severity.parse(severities[check.id])
            except ValueError as exc:
                raise ConfigError(f"check {check.id}: {exc}") from None
            if level != check.severity:
                check = replace(check, severity=level)
        out.append(check)
    return out


def run_checks(entries: Iterable[Entry], ctx: CheckContext, checks: Iterable[Check]) -> list[Finding]:
    """Run ``checks`` over the active entries of one catalog.

    Completeness checks (``needs_translation=False``) run first; when one of them
    reports an entry, or the entry has no translation, the content checks skip it, so
    one problem gives one finding. A translator comment ``# l10n: ignore <id>`` switches
    a check off for its entry; the target language's profile may switch checks off too.
    Severities are those of the given checks (overrides included). A check is not
    called where it cannot fire: on an entry outside its ``states``, or without a
    glossary when it ``needs_glossary``.
    """
    skipped = profile_of(ctx.target_lang).skip_checks
    have_glossary = bool(ctx.glossary)
    checks = [c for c in checks if c.id not in skipped and (have_glossary or not c.needs_glossary)]
    first_funcs = [(c.id, c.func, c.severity, c.states) for c in checks if not c.needs_translation]
    content_funcs = [(c.id, c.func, c.severity) for c in checks if c.needs_translation]
    none: frozenset[str] = frozenset()
    out: list[Finding] = []
    add = out.extend
    for entry in entries:
        if entry.obsolete:
            continue
        ignored = entry.ignored_checks if entry.translator_comment else none
        blocked = not entry.msgstr
        state = entry.state
        for check_id, func, severity, states in first_funcs:
            if (states and state not in states) or check_id in ignored:
                continue
            found = [*func(entry, ctx)]
            if found:
                blocked = True
                add(found if found[0].severity == severity else _with_severity(found, severity))
        if blocked:
            continue
        for check_id, func, severity in content_funcs:
            if check_id not in ignored:
                found = [*func(entry, ctx)]
                if found:
                    add(found if found[0].severity == severity else _with_severity(found, severity))
    return out


def _with_severity(found: list[Finding], severity: Severity) -> list[Finding]:
    """Findings at the severity the check runs with (config overrides applied)."""
    if found[0].severity != severity:
        return [replace(f, severity=severity) for f in found]
    return found


def __getattr__(name: str) -> Any:
    # The project runner reads catalogs (stage 3); import it only when asked for.
    if name in {"check_project", "CheckResult", "CatalogResult"}:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

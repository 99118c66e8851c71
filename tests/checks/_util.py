"""Helpers for the check tests."""

from __future__ import annotations

from l10n.checks import CheckContext, get_checks
from l10n.model import Entry, Finding


def run(check_id: str, source: str, target: str, src: str = "zh-Hans", tgt: str = "en", **entry) -> list[Finding]:
    """Findings of one check on one entry."""
    ctx = CheckContext(path="t.po", source_lang=src, target_lang=tgt)
    return list(get_checks()[check_id].func(Entry(msgid=source, msgstr=target, line=1, **entry), ctx))


def messages(check_id: str, *args, **kw) -> list[str]:
    return [f.message for f in run(check_id, *args, **kw)]

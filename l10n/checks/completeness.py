"""Completeness: entries without a translation, and entries nobody has reviewed yet.

These run before the content checks; when one of them reports an entry, the content
checks leave that entry alone (one untranslated entry gives one finding, not seven).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Entry, Finding, Severity
from . import CheckContext, Example, make_finding, register

__all__ = ["check_fuzzy", "check_untranslated"]


@register(
    "untranslated",
    severity=Severity.ERROR,
    needs_translation=False,
    states={"untranslated"},
    examples=[
        Example(source="研究所成立于1958年。", target="", fires=True),
        Example(source="研究所成立于1958年。", target="The institute was founded in 1958.", fires=False),
        Example(source="The lab opened in May.", target="", fires=True, source_lang="en", target_lang="zh-Hans"),
        Example(
            source="The lab opened in May.",
            target="实验室于五月启用。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
    ],
)
def check_untranslated(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Entry has no translation.

    For plural entries every form must be filled in.
    """
    if entry.state == "untranslated":
        if entry.msgstr_plural and any(entry.msgstr_plural.values()):
            message = "a plural form is not translated; fill in every msgstr[N]"
        else:
            message = "not translated"
        yield make_finding("untranslated", entry, ctx, message)


@register(
    "fuzzy",
    severity=Severity.ERROR,
    needs_translation=False,
    states={"suggested"},
    examples=[
        Example(source="会议在北京举行。", target="The meeting was held in Beijing.", fires=True, fuzzy=True),
        Example(source="会议在北京举行。", target="The meeting was held in Beijing.", fires=False),
        Example(
            source="The meeting was held in Beijing.",
            target="会议在北京举行。",
            fires=True,
            fuzzy=True,
            source_lang="en",
            target_lang="zh-Hans",
        ),
        Example(
            source="The meeting was held in Beijing.",
            target="会议在北京举行。",
            fires=False,
            source_lang="en",
            target_lang="zh-Hans",
        ),
    ],
)
def check_fuzzy(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Translation not reviewed yet (a suggestion, or the source changed).

    A machine or memory suggestion is not a translation until a person accepts it by
    clearing the ``fuzzy`` flag.
    """
    if entry.state != "suggested":
        return
    if entry.previous_msgid:
        message = "the source changed since it was translated; review the translation and clear the fuzzy flag"
    else:
        origin = _suggestion_origin(entry.auto_comment)
        if origin:
            message = f"unreviewed suggestion ({origin}); review it and clear the fuzzy flag"
        else:
            message = "unreviewed (fuzzy) translation; review it and clear the fuzzy flag"
    yield make_finding("fuzzy", entry, ctx, message)


def _suggestion_origin(comment: str) -> str:
    for line in comment.splitlines():
        text = line.strip()
        if text.startswith("suggestion:"):
            return text[len("suggestion:") :].strip()
    return ""

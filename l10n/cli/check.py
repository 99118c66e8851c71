"""``l10n check``: the CI gate."""

from __future__ import annotations

import click

from ..errors import ConfigError
from ..model import Severity
from .common import CONTEXT_SETTINGS, GateFailed, get_config, info, no_catalogs_message

_SEVERITIES = ["error", "warning", "info"]


class _Percent(click.ParamType):
    """A percentage 0-100, reported with the value as typed when out of range."""

    name = "percent"

    def convert(self, value, param, ctx):
        number = click.FLOAT.convert(value, param, ctx)
        if not 0 <= number <= 100:
            self.fail(f"{value} is not in the range 0<=x<=100", param, ctx)
        return number


def _ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              show_default=True, help="Report for people, scripts, CI test reporters or GitHub annotations.")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default=None,
              help="Lowest severity that fails the gate [default: fail-on from the config, else error].")
@click.option("--min-reviewed", type=_Percent(), default=None, metavar="PERCENT",
              help="Fail when fewer entries than this are reviewed [default: min-reviewed from the config, else 100].")
@click.option("--enable", multiple=True, metavar="ID", help="Run a check that is off by default (repeatable, or ID,ID).")
@click.option("--disable", multiple=True, metavar="ID", help="Skip a check (repeatable, or ID,ID).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Write the report to FILE instead of standard output.")
@click.pass_context
def check(
    ctx: click.Context,
    catalogs: tuple[str, ...],
    fmt: str,
    fail_on: str | None,
    min_reviewed: float | None,
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    output: str | None,
) -> None:
    """Check the catalogs and fail when something is not ready to publish.

    Runs every enabled check (untranslated, fuzzy, glossary, numbers, markup,
    punctuation, ...) over the project's catalogs, or over the CATALOGS given
    (files or folders). Switch a check off for one entry with a translator
    comment `# l10n: ignore <check-id>`; `l10n list checks` lists the ids.

    Exit status: 0 clean, 1 a finding at or above --fail-on or fewer
    reviewed entries than --min-reviewed, 2 usage error, unreadable input
    or no catalogs at all.

    \b
    Example:
        l10n check
        l10n check --format junit -o build/l10n-check.xml
        l10n check locales/en --fail-on warning --disable length
    """
    from ..checks import get_checks
    from ..checks.runner import check_project
    from ..fsutil import atomic_write_text
    from ..project import find_catalogs
    from ..report import render, summary_line

    config = get_config(ctx)
    known = get_checks()
    for option, values in (("--enable", enable), ("--disable", disable)):
        unknown = sorted(set(_ids(values)) - set(known))
        if unknown:
            raise click.BadParameter(
                f"unknown check id(s): {', '.join(unknown)}; `l10n list checks` shows the known ones",
                param_hint=option,
            )
    try:
        threshold = Severity.parse(fail_on or config.fail_on)
    except ValueError as exc:
        raise ConfigError(f"bad fail-on setting: {exc}") from None
    minimum = config.min_reviewed if min_reviewed is None else min_reviewed
    if not find_catalogs(config, catalogs):
        # Nothing to check is not a pass: most likely the wrong folder, or `extract` never ran.
        raise ConfigError(no_catalogs_message(config, catalogs))

    result = check_project(config, catalogs, enable=_ids(enable), disable=_ids(disable))
    text = render(result, fmt, fail_on=threshold)
    if output:
        atomic_write_text(output, text)
    elif text:
        click.echo(text, nl=False)
    info(summary_line(result))
    failed = False
    if any(f.severity >= threshold for f in result.findings):
        failed = True
    if result.reviewed_percent < minimum:
        info(f"l10n: only {result.reviewed_percent:.1f}% of entries are reviewed; at least {minimum:g}% required")
        failed = True
    if failed:
        raise GateFailed()

"""``l10n extract`` and ``l10n status``."""

from __future__ import annotations

import json

import click

from ..status import project_status
from .common import (
    CONTEXT_SETTINGS,
    get_config,
    info,
    is_interactive,
    load_project_glossary,
    no_catalogs_message,
    warn,
)

_LISTED = 20  # files listed by name without --verbose


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("docs", nargs=-1, type=click.Path(path_type=str))
@click.option("--force", is_flag=True, help="Re-read every release even when its content hash is unchanged.")
@click.option("-v", "--verbose", is_flag=True,
              help=f"List every file written (by default the first {_LISTED} are listed).")
@click.pass_context
def extract(ctx: click.Context, docs: tuple[str, ...], force: bool, verbose: bool) -> None:
    """Extract releases into templates and update the PO catalogs.

    Every release in source_docs/<lang>/ (or each DOCS given) becomes
    locales/templates/<doc-id>.pot and, for every other language,
    locales/<lang>/LC_MESSAGES/<doc-id>.po, updated like msgmerge: reviewed
    translations are kept, changed sentences become fuzzy with the old
    translation, removed ones become obsolete (#~). Unchanged releases are
    skipped; files are only written when their content changes.

    \b
    Example:
        l10n extract
        l10n extract source_docs/en/2016-talent-program.html
    """
    from ..extract import extract_project

    config = get_config(ctx)
    glossary = load_project_glossary(config)
    report = extract_project(config, docs, glossary=glossary, force=force)
    if report.releases == 0:
        warn(no_releases_message(config))
    for message in report.warnings:
        warn(message)
    shown = report.written if verbose or len(report.written) <= _LISTED else report.written[: _LISTED - 1]
    for path in shown:
        info(f"wrote {path}")
    if len(shown) < len(report.written):
        info(f"... and {len(report.written) - len(shown)} more file(s) (-v lists them all)")
    info(
        f"extract: {report.releases} release(s), {report.releases - report.skipped} read, "
        f"{report.skipped} unchanged, {report.segments} segment(s), {len(report.written)} file(s) written"
    )


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A table for people, or JSON for scripts.")
@click.pass_context
def status(ctx: click.Context, catalogs: tuple[str, ...], fmt: str) -> None:
    """Show translation progress per catalog and in total.

    Counts entries and words that are reviewed (translated, not fuzzy),
    suggested (fuzzy: a machine or memory suggestion, or a changed source),
    untranslated, and obsolete (#~, kept as memory).

    \b
    Example:
        l10n status
        l10n status --format json
    """
    config = get_config(ctx)
    result = project_status(config, catalogs)
    if not result.rows:
        warn(no_catalogs_message(config, catalogs))
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    print_status_table(result)


def no_releases_message(config) -> str:
    """Where releases were looked for, and how to fix it."""
    from ..project import rel

    folders = ", ".join(f"{rel(config, config.source_dir / lang)}/" for lang in config.languages)
    return (f"no releases found in {folders} (.html, .txt or .md files); is {config.root} the project "
            "folder? Use --project DIR, or set source-dir / languages in [tool.l10n]")


def print_status_table(result) -> None:
    """Render a status result as a rich table with percentage bars."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=False, force_terminal=None if is_interactive() else False,
                      width=None if is_interactive() else 160)
    table = Table(title="Translation status", show_lines=False)
    table.add_column("catalog", no_wrap=True)
    table.add_column("lang")
    for name in ("total", "reviewed", "suggested", "untranslated", "obsolete"):
        table.add_column(name, justify="right")
    table.add_column("reviewed %", justify="left")
    for row in result.rows:
        table.add_row(row.path, row.language, *_counts(row.stats), _bar(row.stats.reviewed_percent))
    if result.rows:
        table.add_section()
        table.add_row("total", "", *_counts(result.totals), _bar(result.totals.reviewed_percent), style="bold")
    console.print(table)


def _counts(stats) -> list[str]:
    return [
        f"{stats.total} ({stats.total_words}w)",
        f"{stats.reviewed} ({stats.reviewed_words}w)",
        f"{stats.suggested} ({stats.suggested_words}w)",
        f"{stats.untranslated} ({stats.untranslated_words}w)",
        f"{stats.obsolete}",
    ]


def _bar(percent: float, width: int = 12) -> str:
    filled = round(percent / 100 * width)
    colour = "green" if percent >= 100 else "yellow" if percent >= 50 else "red"
    return f"[{colour}]{'█' * filled}[/{colour}]{'░' * (width - filled)} {percent:5.1f}%"

"""``l10n report``: a static HTML page for editors."""

from __future__ import annotations

from pathlib import Path

import click

from .common import CONTEXT_SETTINGS, get_config, load_project_glossary, no_catalogs_message, warn


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the page.  [default: build/report.html in the project]",
)
@click.pass_context
def report(ctx: click.Context, output: Path | None) -> None:
    """Write an HTML report of progress, open findings and provenance.

    One self-contained page (no network, no external files): progress bars
    per release and language (reviewed / suggested / untranslated, the same
    numbers as `l10n status`), the open findings of `l10n check` grouped by
    check and release with source and translation side by side, glossary
    terms marked with the expected translation, and how many reviewed
    entries started as a memory or MT suggestion. The page has no
    timestamps: running it twice changes nothing. Prints the path written.

    \b
    Example:
        l10n report
        l10n report -o build/report.html
    """
    from ..errors import ConfigError
    from ..project import find_catalogs, find_releases
    from ..report_html import write_html_report

    config = get_config(ctx)
    if not find_catalogs(config):
        if not find_releases(config):
            # Most likely the wrong folder: write no build/ into it.
            raise ConfigError(no_catalogs_message(config))
        warn(f"{no_catalogs_message(config)}; the report will be empty")
    out = output if output is not None else config.build_dir / "report.html"
    glossary = load_project_glossary(config)
    path = write_html_report(config, out=out, glossary=glossary)
    click.echo(str(path))

"""``l10n build``: translated releases and MO files."""

from __future__ import annotations

import click

from .common import CONTEXT_SETTINGS, GateFailed, get_config, info, warn

_SHOW_MISSING = 50


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("docs", nargs=-1, type=click.Path(path_type=str))
@click.option("--include-fuzzy", is_flag=True, help="Use fuzzy (unreviewed) translations too.")
@click.option("--strict", is_flag=True,
              help="Exit 1 and write nothing when any segment has no reviewed translation.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Output folder (default: build/ from the config).")
@click.pass_context
def build(ctx: click.Context, docs: tuple[str, ...], include_fuzzy: bool, strict: bool, out_dir: str | None) -> None:
    """Build translated releases and MO files.

    Each release (or each of DOCS) is rebuilt for every target language from
    its reviewed translations: build/<lang>/<doc-id>.<ext>, UTF-8, with the
    page's own markup, and build/locale/<lang>/LC_MESSAGES/<doc-id>.mo.
    Segments without a reviewed translation keep their source text (fuzzy
    ones are used with --include-fuzzy). Files are written only when changed.

    Exit codes: 0 built, 1 --strict and something is missing, 2 unreadable input.

    \b
    Example:
        l10n build
        l10n build --strict -o dist/ source_docs/zh-Hans/2016-talent-incubator.html
    """
    from ..build import build_project

    config = get_config(ctx)
    report = build_project(config, docs, include_fuzzy=include_fuzzy, strict=strict, out_dir=out_dir)
    for message in report.messages:
        warn(message)
    if report.strict_failed:
        for item in sorted(report.missing, key=lambda m: (m.doc, m.lang, m.line))[:_SHOW_MISSING]:
            click.echo(f"{item.doc}:{item.line}: error: missing-translation: [{item.lang}, {item.state}] {item.msgid}",
                       err=True)
        if len(report.missing) > _SHOW_MISSING:
            click.echo(f"... and {len(report.missing) - _SHOW_MISSING} more", err=True)
        info(f"build: {report.summary()}")
        raise GateFailed()
    for path in report.written:
        info(f"wrote {path}")
    info(f"build: {report.summary()}")

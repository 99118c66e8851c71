"""``l10n list checks|engines``: what the registries hold."""

from __future__ import annotations

import click

from .common import CONTEXT_SETTINGS

__all__ = ["list_"]


@click.group("list", context_settings=CONTEXT_SETTINGS)
def list_():
    """List registered checks or MT engines."""


@list_.command("checks")
def checks():
    """Checks: id, default severity, title."""
    from ..checks import get_checks

    for check in sorted(get_checks().values(), key=lambda c: c.id):
        click.echo(f"{check.id}\t{check.severity}\t{check.title}")


@list_.command("engines")
def engines():
    """MT engines: id, whether installed, title."""
    from ..suggest.mt import engine_infos

    for e in engine_infos():
        extra = "mt,ct2" if e.id == "ctranslate2" else "mt"
        state = "installed" if e.available else f"missing: pip install torch==2.13.0 && pip install -e '.[{extra}]'"
        click.echo(f"{e.id}\t{state}\t{e.title}")

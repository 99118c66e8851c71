"""Helpers shared by the subcommands: project loading, error printing, consoles."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..config import Config, load_config
from ..errors import ConfigError, L10nError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class GateFailed(click.exceptions.Exit):
    """Exit status 1: the gate failed (findings, --strict misses)."""

    def __init__(self) -> None:
        super().__init__(1)


def fail(exc: L10nError) -> None:
    """Print an ``L10nError`` as the one-line ``l10n: error: <path>:<line>: ...`` diagnostic."""
    text = str(exc).replace("\n", " ")
    if exc.path is not None and exc.line is None:
        # Always name a line, even when only the file is known, so editors can jump to it.
        text = f"{exc.path}:1: {exc.message}".replace("\n", " ")
    click.echo(f"l10n: error: {text}", err=True)


def get_config(ctx: click.Context) -> Config:
    """The configuration of the project given by the global ``--project``."""
    root = ctx.find_root().obj.get("project", ".") if ctx.find_root().obj else "."
    cache = ctx.find_root().obj.setdefault("_config", {})
    if root not in cache:
        folder = Path(root).expanduser()
        if not folder.is_dir():
            # Named as given: relative to the project, this folder would only show as ".".
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            raise ConfigError(f"project folder {root} {what}; pass an existing folder to --project")
        cache[root] = load_config(folder)
    return cache[root]


def is_interactive() -> bool:
    """Whether to draw progress bars (a terminal, and not CI)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def warn(message: str) -> None:
    """One warning line on stderr."""
    click.echo(f"l10n: warning: {message}", err=True)


def info(message: str) -> None:
    """One informational line on stderr (stdout is kept for machine-readable output)."""
    click.echo(message, err=True)


def load_project_glossary(config: Config):
    """The project's glossary, or None when ``glossary/`` is missing or empty."""
    from ..glossary import load_project_glossary as load

    return load(config.glossary_dir, languages=config.languages)


def no_catalogs_message(config: Config, catalogs: tuple[str, ...] = ()) -> str:
    """Where catalogs were looked for, and how to get some (``l10n extract``), in one line."""
    from ..project import find_releases, rel

    if catalogs:
        return f"no catalogs (.po files) in {', '.join(catalogs)}; give .po files or folders that hold them"
    where = f"{rel(config, config.locales_dir)}/<lang>/LC_MESSAGES/"
    if find_releases(config):
        return f"no catalogs found in {where}; run `l10n extract` to create them from the releases"
    from .catalogs import no_releases_message

    return f"no catalogs found in {where} and {no_releases_message(config)}; then run `l10n extract`"

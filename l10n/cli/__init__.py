"""The ``l10n`` command line: a click group, one subcommand per stage.

Exit codes are a contract: 0 ok, 1 the gate failed, 2 usage error or unreadable input.
Each subcommand lives in its own module of this package; this module only wires them.
"""

from __future__ import annotations

import importlib
import re
import sys

import click

from ..errors import L10nError
from .common import CONTEXT_SETTINGS, fail

__all__ = ["cli", "main"]

# name -> (module, attribute); imported only when the command is used or listed.
_COMMANDS = {
    "extract": ("catalogs", "extract"),
    "status": ("catalogs", "status"),
    "suggest": ("suggest", "suggest"),
    "convert-model": ("suggest", "convert_model"),
    "check": ("check", "check"),
    "build": ("build", "build"),
    "report": ("report", "report"),
    "glossary": ("glossary", "glossary"),
    "list": ("listing", "list_"),
    "run": ("run", "run"),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on demand, keeping ``l10n --help`` fast."""

    def list_commands(self, ctx):
        return sorted(name for name in _COMMANDS if self._load(name) is not None)

    def get_command(self, ctx, name):
        return self._load(name)

    @staticmethod
    def _load(name):
        spec = _COMMANDS.get(name)
        if spec is None:
            return None
        try:
            module = importlib.import_module(f"{__name__}.{spec[0]}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{spec[0]}":
                return None
            raise
        return getattr(module, spec[1], None)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=str),
    default=".",
    show_default=True,
    help="The project folder (holds source_docs/, locales/, glossary/ and the config).",
)
@click.version_option(package_name="l10n", message="l10n %(version)s")
@click.pass_context
def cli(ctx: click.Context, project: str) -> None:
    """Localisation workflow for Chinese/English press releases.

    \b
    The daily loop:
      l10n extract      releases -> templates and PO catalogs (msgmerge-style update)
      l10n suggest      pre-fill from translation memory and local MT (fuzzy)
      l10n check        the CI gate: untranslated, unreviewed, glossary, numbers, markup
      l10n build        translated releases and MO files under build/
      l10n status       progress per catalog
      l10n run          all of it, in order

    Exit codes: 0 ok, 1 the gate failed, 2 usage error or unreadable input.
    """
    ctx.ensure_object(dict)
    ctx.obj["project"] = project
    _STATE["project"] = project


_STATE: dict[str, str] = {}


def _relative(exc: L10nError) -> L10nError:
    """Show paths inside the project relative to it, as every other message does."""
    if exc.path:
        from pathlib import Path

        try:
            root = Path(_STATE.get("project", ".")).resolve()
            exc.path = Path(exc.path).resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            pass
    return exc


def usage_line(exc: click.UsageError, argv: list[str] | None = None) -> str:
    """A click usage error as one lower-case line naming the option and where help is.

    ``--min-reviewed: 150 is not in the range 0<=x<=100 (see l10n check --help)``
    """
    missing = re.match(r"(?:File|Path|Directory) '(.+)' does not exist", getattr(exc, "message", "") or "")
    if isinstance(exc, click.BadParameter) and missing:
        text = f"{missing.group(1)}: no such file or folder"
    elif isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter):
        hint = exc.param_hint
        if hint is None and exc.param is not None:
            hint = exc.param.get_error_hint(exc.ctx) if exc.ctx is not None else exc.param.name
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        text = f"{hint.replace(chr(39), '')}: {exc.message}" if hint else f"invalid value: {exc.message}"
    else:
        text = exc.format_message()
    text = " ".join(text.split()).rstrip(".").replace(". Did you mean", "; did you mean")
    if not re.match(r"[A-Z]{2}", text):  # keep a metavar such as FILE as it is
        text = text[:1].lower() + text[1:]
    if exc.ctx is not None:
        command = exc.ctx.command_path
    else:  # errors of the option parser carry no context: find the subcommand in argv
        words = sys.argv[1:] if argv is None else argv
        command = " ".join(["l10n", *[w for w in words if w in _COMMANDS][:1]])
    return f"{text} (see {command} --help)"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit status (never a traceback for user errors)."""
    try:
        status = cli.main(args=argv, prog_name="l10n", standalone_mode=False)
        # Without standalone mode, click returns (not raises) the code of ctx.exit()/Exit.
        if isinstance(status, int) and not isinstance(status, bool):
            return status
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("l10n: aborted", err=True)
        return 2
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()  # a group without its subcommand: the help is the answer
        return 2
    except click.UsageError as exc:
        click.echo(f"l10n: error: {usage_line(exc, argv)}", err=True)
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2 if exc.exit_code in (1, 2) else exc.exit_code
    except L10nError as exc:
        fail(_relative(exc))
        return 2
    except KeyboardInterrupt:
        click.echo("l10n: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    return 0


def _entry() -> None:  # pragma: no cover - console script
    sys.exit(main())

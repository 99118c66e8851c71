"""``l10n suggest`` and ``l10n convert-model``."""

from __future__ import annotations

import time

import click

from .common import CONTEXT_SETTINGS, get_config, info, is_interactive, no_catalogs_message, warn

__all__ = ["convert_model", "suggest"]


def _progress_bar():
    """A rich progress bar (segments/s and ETA) and its ``(done, total)`` callback."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    class Rate(TextColumn):
        def __init__(self):
            super().__init__("")
            self.start = time.monotonic()

        def render(self, task):
            elapsed = max(time.monotonic() - self.start, 1e-6)
            from rich.text import Text

            return Text(f"{task.completed / elapsed:.1f} seg/s")

    bar = Progress(
        TextColumn("MT"), BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = bar.add_task("MT", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


def print_report(report) -> None:
    """The summary lines of a :class:`~l10n.suggest.SuggestReport` on stderr."""
    for line in report.warnings:
        warn(line)
    c = report.counts
    parts = [f"tm exact {c.get('tm-exact', 0)}", f"tm fuzzy {c.get('tm-fuzzy', 0)}", f"mt {c.get('mt', 0)}"]
    if c.get("mt-cached"):
        parts.append(f"{c['mt-cached']} MT answers from cache")
    if c.get("refreshed"):
        parts.append(f"{c['refreshed']} refreshed")
    if report.flagged:
        parts.append(f"{report.flagged} with warnings")
    info(f"suggested {report.suggested} entries in {len(report.changed)} of {report.catalogs} catalogs ({', '.join(parts)})")
    for shown in report.merged:
        info(f"{shown}: changed on disk while suggesting; merged, nothing overwritten")
    if report.mt_unavailable:
        info(f"l10n: {report.mt_unavailable}")


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("catalogs", nargs=-1, type=click.Path(exists=True, path_type=str))
@click.option("--engine", type=click.Choice(["transformers", "ctranslate2"]), default=None,
              help="MT engine (default: [tool.l10n] engine, else transformers).")
@click.option("--model", "model", default=None, metavar="ID_OR_PATH",
              help="Hub id or local folder, used for every language pair (default: [tool.l10n.mt.models]).")
@click.option("--no-mt", is_flag=True, help="Translation memory only.")
@click.option("--refresh", is_flag=True, help="Also replace earlier machine suggestions nobody edited.")
@click.option("--threads", type=click.IntRange(min=1), default=None, help="CPU threads for MT.")
@click.option("--download", is_flag=True,
              help="Download a hub model that is not on this machine yet (off by default: no network).")
@click.pass_context
def suggest(ctx, catalogs, engine, model, no_mt, refresh, threads, download):
    """Pre-fill untranslated entries from translation memory and local MT (always fuzzy).

    Reviewed entries and fuzzy entries holding someone's text are never touched. Each
    suggestion carries a `#. suggestion:` comment with its provenance.

    \b
    Example:
      l10n suggest
      l10n suggest --no-mt locales/en/LC_MESSAGES/2016-talent-incubator.po
      l10n suggest locales/en --model Helsinki-NLP/opus-mt-zh-en --download
      l10n suggest locales/en --engine ctranslate2 --model models/opus-mt-zh-en-ct2
    """
    from ..project import find_catalogs
    from ..suggest import suggest_catalogs
    from ..suggest.mt.base import check_model_argument

    check_model_argument(model)
    config = get_config(ctx)
    if not find_catalogs(config, catalogs):
        warn(no_catalogs_message(config, catalogs))
    options = {"threads": threads} if threads else {}
    if download:
        options["download"] = True
    if is_interactive():
        bar, update = _progress_bar()
        with bar:
            report = suggest_catalogs(config, catalogs, engine=engine, model=model, no_mt=no_mt,
                                      refresh=refresh, progress=update, engine_options=options)
    else:
        report = suggest_catalogs(config, catalogs, engine=engine, model=model, no_mt=no_mt,
                                  refresh=refresh, engine_options=options)
    print_report(report)


@click.command("convert-model", context_settings=CONTEXT_SETTINGS)
@click.argument("model")
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder for the converted model.")
@click.option("--quantization", type=click.Choice(["int8", "int8_float32", "int16", "float16", "float32", "none"]),
              default="int8", show_default=True, help="Weight type of the converted model.")
@click.option("--force", is_flag=True, help="Overwrite an existing output folder.")
@click.option("--download", is_flag=True, help="Download MODEL from the hub if it is not on this machine yet.")
def convert_model(model, output, quantization, force, download):
    """Convert a transformers MT model (hub id or folder) for the ctranslate2 engine.

    The tokenizer files are copied along, so the output folder is all
    `--engine ctranslate2 --model DIR` needs.

    \b
    Example:
      l10n convert-model Helsinki-NLP/opus-mt-zh-en -o models/opus-mt-zh-en-ct2 --download
    """
    from ..suggest.mt.ct2 import convert_model as convert

    out = convert(model, output, quantization=None if quantization == "none" else quantization, force=force,
                  download=download)
    info(f"converted {model} -> {out} ({quantization})")

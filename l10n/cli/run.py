"""``l10n run``: the whole workflow, in order."""

from __future__ import annotations

import importlib.util
import time

import click

from .common import CONTEXT_SETTINGS, get_config, info, load_project_glossary, warn


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--no-mt", is_flag=True, help="Suggest from translation memory only.")
@click.option("--engine", default=None, help="MT engine (see `l10n list engines`); default from config.")
@click.option("--model", default=None, help="MT model: hub id or local folder; default per direction from config.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Where translated releases go (default: build/).")
@click.pass_context
def run(ctx: click.Context, no_mt: bool, engine: str | None, model: str | None, out_dir: str | None) -> None:
    """Run the whole workflow: extract, suggest, check, build, status.

    \b
    1. extract   releases -> templates and catalogs (unchanged releases skipped)
    2. suggest   fill untranslated entries from memory and MT, as fuzzy suggestions
    3. check     report open problems (does not fail here; use `l10n check` in CI)
    4. build     translated releases, MO files and the editors' HTML report
    5. status    progress per catalog, and where the output went

    Running it twice in a row changes nothing the second time.

    \b
    Example:
        l10n run
        l10n run --no-mt
    """
    from ..build import build_project
    from ..checks.runner import check_project
    from ..errors import ConfigError
    from ..extract import extract_project
    from ..project import find_catalogs, find_releases
    from ..report import summary_line
    from ..report_html import write_html_report
    from ..status import project_status
    from ..suggest import suggest_project
    from ..suggest.mt.base import check_model_argument
    from .catalogs import no_releases_message, print_status_table

    check_model_argument(model)
    config = get_config(ctx)
    if not find_releases(config) and not find_catalogs(config):
        # Nothing to do here: most likely the wrong folder. Write no build/ into it.
        raise ConfigError(no_releases_message(config))
    started = time.perf_counter()
    glossary = load_project_glossary(config)

    report = extract_project(config, glossary=glossary)
    for message in report.warnings:
        warn(message)
    info(f"1/5 extract: {report.releases} release(s), {report.skipped} unchanged, "
         f"{len(report.written)} file(s) written")

    sreport = suggest_project(config, engine=engine, model=model, no_mt=no_mt)
    if sreport.mt_unavailable:
        info(f"l10n: note: {sreport.mt_unavailable}")
    elif not no_mt and importlib.util.find_spec("transformers") is None:
        info("l10n: note: machine translation is not installed, so suggestions come from translation "
             "memory only; to add MT: pip install torch==2.13.0 && pip install -e '.[mt]'")
    for message in sreport.warnings:
        warn(message)
    counts = ", ".join(f"{v} {k}" for k, v in sorted(sreport.counts.items()) if v) or "nothing to fill"
    info(f"2/5 suggest: {sreport.suggested} suggestion(s) written ({counts}), "
         f"{len(sreport.changed)} catalog(s) changed")

    result = check_project(config, glossary=glossary)
    info(f"3/5 check: {summary_line(result)} (run `l10n check` for details; it is the CI gate)")

    breport = build_project(config, out_dir=out_dir)
    for message in breport.messages:
        info(f"  {message}")
    report_path = write_html_report(config, out=(config.build_dir / "report.html"), glossary=glossary)
    info(f"4/5 build: {breport.summary()}; editors' report: {report_path}")

    info("5/5 status:")
    print_status_table(project_status(config))
    info(f"done in {time.perf_counter() - started:.1f}s. Translated releases: {breport.out_dir}/<lang>/, "
         f"MO files: {breport.out_dir}/locale/, report: {report_path}")

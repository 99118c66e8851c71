"""``l10n glossary check|import|export|list|suggest``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from ..errors import ConfigError
from ..model import Severity
from .common import CONTEXT_SETTINGS, GateFailed, get_config, info, warn

_FAIL_ON = click.Choice(["info", "warning", "error"])


def _project_glossary(config):
    from ..glossary import load_glossary

    return load_glossary(config.glossary_dir, languages=config.languages)


@click.group(context_settings=CONTEXT_SETTINGS)
def glossary() -> None:
    """Work with the terminology glossary in glossary/ (*.tbx and *.csv).

    \b
    A CSV glossary has one concept per row: a column per language tag with the
    preferred term, optional <tag>:admitted and <tag>:forbidden columns holding
    |-separated variants, and optional id, status (normal or do-not-translate),
    note, case_sensitive and part_of_speech columns.

    \b
    Example:
        l10n glossary list --lang zh-Hans
        l10n glossary check
    """


@glossary.command("check", context_settings=CONTEXT_SETTINGS)
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Lines `path:line: severity: check-id: message`, or JSON for scripts.")
@click.option("--fail-on", type=_FAIL_ON, default=None,
              help="Lowest severity that fails (exit 1); default: fail-on from the config.")
@click.pass_context
def check(ctx: click.Context, catalogs: tuple[str, ...], fmt: str, fail_on: str | None) -> None:
    """Run only the glossary checks (glossary, glossary-consistency) on catalogs.

    Translated and suggested (fuzzy) entries are checked: every source term must
    appear in its preferred or an admitted form, no forbidden form may appear, and
    do-not-translate names must stay unchanged. Consistency: one source sentence
    translated two ways, one term rendered two ways. Exit 1 when a finding reaches
    --fail-on.

    \b
    Example:
        l10n glossary check
        l10n glossary check locales/en/LC_MESSAGES/2016-talent-incubator.po --format json
    """
    from ..checks import get_checks
    from ..checks.runner import CatalogResult, CheckResult, load_catalogs
    from ..checks.terminology import check_catalogs
    from ..report import render, summary_line

    config = get_config(ctx)
    glossary_ = _project_glossary(config)
    loaded = load_catalogs(config, catalogs)
    registry = get_checks()
    severities = {}
    for check_id in ("glossary", "glossary-consistency"):
        level = config.severities.get(check_id)
        try:
            severities[check_id] = Severity.parse(level) if level else registry[check_id].severity
        except ValueError as exc:
            raise ConfigError(f"check {check_id}: {exc}") from None
    findings = check_catalogs(loaded, glossary_, severities=severities)
    results = []
    for path, source, target, entries in loaded:
        active = [e for e in entries if not e.obsolete]
        results.append(CatalogResult(path=path, source_lang=source, target_lang=target, entries=len(active),
                                     reviewed=sum(1 for e in active if e.state == "reviewed")))
    result = CheckResult(
        findings=tuple(findings),
        catalogs=tuple(sorted(results, key=lambda r: r.path)),
        checks=tuple(severities.items()),
    )
    try:
        threshold = Severity.parse(fail_on or config.fail_on)
    except ValueError as exc:
        raise ConfigError(f"bad fail-on setting: {exc}") from None
    out = render(result, fmt, fail_on=threshold)
    if out:
        click.echo(out, nl=False)
    if not len(glossary_):
        info("glossary check: the glossary is empty (add *.csv or *.tbx files to glossary/)")
    info(f"glossary check: {summary_line(result)}")
    if any(f.severity >= threshold for f in findings):
        raise GateFailed()


@glossary.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), default=None,
              help="Format of the copy in glossary/ (default: that of FILE).")
@click.option("--name", default=None, help="File name (without suffix) in glossary/ (default: FILE's name).")
@click.option("--source-lang", default=None, help="Source language of a Weblate CSV (source,target,...).")
@click.option("--target-lang", default=None, help="Target language of a Weblate CSV.")
@click.pass_context
def import_(ctx: click.Context, file: Path, fmt: str | None, name: str | None,
            source_lang: str | None, target_lang: str | None) -> None:
    """Add a TBX or CSV glossary file to the project's glossary.

    The file is validated together with the glossary already in glossary/ (no
    duplicate or conflicting concepts) and added as glossary/<name>.tbx or .csv: a
    TBX file that stays TBX is copied as it is; otherwise the concepts are written
    in canonical form, with a warning for whatever that form cannot hold. A CSV may
    separate fields with commas, semicolons or tabs. An existing file of that name
    is never replaced: importing the same file again changes nothing, and a
    different one is refused (choose another --name).

    \b
    Example:
        l10n glossary import ~/Downloads/terms.tbx
        l10n glossary import weblate.csv --source-lang en --target-lang zh-Hans
    """
    from ..glossary import import_glossary

    config = get_config(ctx)
    result = import_glossary(file, config.glossary_dir, fmt=fmt, name=name, source_lang=source_lang,
                             target_lang=target_lang, languages=config.languages)
    for notice in result.notices:
        warn(notice)
    dest = result.path
    shown = dest.relative_to(config.root) if dest.is_relative_to(config.root) else dest
    verb = "imported" if result.changed else "unchanged:"
    info(f"{verb} {result.concepts} concept(s) in {shown.as_posix()}")


@glossary.command("export", context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: standard output).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the whole project glossary as one TBX or CSV file.

    TBX is TBX v3 (TBX-Basic); CSV uses the column layout of glossary/*.csv. Both
    hold what l10n uses (terms and their status, concept status, a note, case
    sensitivity, a part of speech), so CSV and TBX exports convert into each other
    without loss; other TBX data categories of imported files (subject fields,
    contexts, term types) are not exported.

    \b
    Example:
        l10n glossary export --format tbx -o build/glossary.tbx
        l10n glossary export --format csv > all-terms.csv
    """
    from ..glossary import render_glossary, write_glossary

    config = get_config(ctx)
    glossary_ = _project_glossary(config)
    if output is None:
        click.echo(render_glossary(glossary_, fmt), nl=False)
        return
    changed = write_glossary(glossary_, output, fmt)
    info(f"{'wrote' if changed else 'unchanged:'} {output} ({len(glossary_)} concepts)")


@glossary.command("list", context_settings=CONTEXT_SETTINGS)
@click.option("--lang", default=None, help="Show only this language's terms (e.g. zh-Hans).")
@click.pass_context
def list_(ctx: click.Context, lang: str | None) -> None:
    """Show the glossary: one concept per line, terms per language.

    Admitted variants follow in parentheses, forbidden ones after `not:`;
    do-not-translate concepts are marked [do-not-translate].

    \b
    Example:
        l10n glossary list
        l10n glossary list --lang en
    """
    from ..lang import parse_tag

    config = get_config(ctx)
    glossary_ = _project_glossary(config)
    langs = glossary_.languages
    if lang:
        try:
            want = parse_tag(lang)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--lang") from None
        langs = (want,)
    for concept in glossary_.concepts:
        parts = []
        for tag in langs:
            accepted = glossary_.accepted(concept, tag)
            if not accepted and lang:
                continue
            text = f"{tag}: {accepted[0] if accepted else '-'}"
            if len(accepted) > 1:
                text += f" ({', '.join(accepted[1:])})"
            bad = glossary_.forbidden(concept, tag)
            if bad:
                text += f" not: {', '.join(bad)}"
            parts.append(text)
        if not parts:
            continue
        line = f"{concept.id}\t" + "\t".join(parts)
        if concept.do_not_translate:
            line += "\t[do-not-translate]"
        if concept.note:
            line += f"\t# {concept.note}"
        click.echo(line)
    info(f"{len(glossary_)} concept(s) in {len(glossary_.languages)} language(s)")



@glossary.command("suggest", context_settings=CONTEXT_SETTINGS)
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=str))
@click.option("--min-count", default=2, show_default=True, type=click.IntRange(1),
              help="Reviewed entries a pair must appear in.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="Most proposals shown.")
@click.pass_context
def suggest(ctx: click.Context, catalogs: tuple[str, ...], min_count: int, limit: int) -> None:
    """Propose new concepts from reviewed translations, as CSV for glossary/.

    Frequent source/target word groups that keep appearing together in reviewed
    entries and are not in the glossary yet, ranked best first, one table per
    language direction; names written the same on both sides are proposed as
    do-not-translate. An editor keeps the good rows and pastes them into a
    glossary CSV.

    \b
    Example:
        l10n glossary suggest > proposals.csv
    """
    from ..checks.runner import load_catalogs
    from ..glossary.suggest import suggest_terms

    config = get_config(ctx)
    glossary_ = _project_glossary(config)
    loaded = load_catalogs(config, catalogs)
    directions: dict[tuple[str, str], list] = {}
    for _path, source, target, entries in loaded:
        directions.setdefault((source, target), []).extend((e, source, target) for e in entries)
    first = True
    for (source, target), triples in sorted(directions.items()):
        found = suggest_terms(triples, glossary_, min_count=min_count, limit=limit)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        if not first:
            buf.write("\n")
        writer.writerow([source, target, "status", "note"])
        for cand in found:
            status = cand.status if cand.status != "normal" else ""
            writer.writerow([cand.source, cand.target, status,
                             f"suggested: {cand.count} reviewed entries, dice {cand.dice:.2f}"])
        click.echo(buf.getvalue(), nl=False)
        info(f"glossary suggest: {len(found)} proposal(s) for {source} -> {target}")
        first = False
    if not directions:
        info("glossary suggest: no catalogs found")

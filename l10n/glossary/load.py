"""Loading glossaries: the files of a project's ``glossary/`` folder as one validated glossary.

Each file is read by its suffix (TBX in :mod:`.load_tbx`, CSV/TSV in :mod:`.load_csv`),
its concepts are checked together (:mod:`.concepts`) and language tags are mapped onto
the project's languages (``zh_CN`` -> ``zh-Hans``, ``en-US`` -> ``en``). The readers'
public names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import GlossaryError
from ..lang import parse_tag
from .base import Concept, Glossary, serves
from .concepts import build_concept, validate_concepts
from .load_csv import glossary_from_rows, read_csv
from .load_tbx import read_tbx

__all__ = [
    "GLOSSARY_SUFFIXES",
    "glossary_files",
    "glossary_from_rows",
    "load_glossary",
    "normalise_languages",
    "read_csv",
    "read_glossary_file",
    "read_tbx",
    "validate_concepts",
]

GLOSSARY_SUFFIXES = (".tbx", ".csv", ".tsv")


def glossary_files(paths: Iterable[str | Path] | str | Path) -> list[Path]:
    """The glossary files named: files as given, folders expanded to their ``*.tbx``/``*.csv``.

    A missing folder gives nothing; a missing file is an error.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in GLOSSARY_SUFFIXES))
        elif path.is_file():
            out.append(path)
        elif path.suffix.lower() in GLOSSARY_SUFFIXES:
            raise GlossaryError("no such glossary file", path=path)
    return out


def load_glossary(
    paths: Iterable[str | Path] | str | Path, *, languages: Iterable[str] | None = None
) -> Glossary:
    """Load and validate every glossary file under ``paths`` (files or folders) as one glossary.

    Language tags are normalised with :func:`normalise_languages` against ``languages``
    (the project's), or against the tags the glossary itself uses when not given.

    :raises GlossaryError: unreadable or malformed files, empty terms, unknown languages,
        duplicate or conflicting concepts (naming the file and line).
    """
    concepts: list[Concept] = []
    for path in glossary_files(paths):
        concepts.extend(read_glossary_file(path))
    return Glossary(validate_concepts(normalise_languages(concepts, languages)))


def load_project_glossary(folder: str | Path, *, languages: Iterable[str] | None = None) -> Glossary | None:
    """The glossary of a project's ``glossary/`` folder, or None when it has no concepts.

    What extract, suggest, check and report use: no folder and an empty folder both mean
    "no glossary", so glossary hints and checks are simply skipped. ``languages`` are the
    project's languages (see :func:`load_glossary`).

    :raises GlossaryError: as :func:`load_glossary`.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return None
    glossary = load_glossary(folder, languages=languages)
    return glossary if len(glossary) else None


def _language_map(tags: Iterable[str], wanted: Iterable[str]) -> dict[str, str]:
    """Each tag that stands for exactly one other wanted tag, mapped to it."""
    wanted = list(dict.fromkeys(wanted))
    out = {}
    for tag in tags:
        if tag in wanted:
            continue
        fits = [w for w in wanted if serves(tag, w)]
        if len(fits) == 1:
            out[tag] = fits[0]
    return out


def normalise_languages(concepts: Iterable[Concept], languages: Iterable[str] | None = None) -> list[Concept]:
    """Concepts with their language tags mapped onto ``languages`` where that is unambiguous.

    ``zh`` (and ``ZH``, ``zh_CN``...) becomes ``zh-Hans`` when that is the only Chinese
    variant wanted, ``en-US`` and ``en-GB`` become ``en``; ``zh-Hant`` never becomes
    ``zh-Hans``. Without ``languages``, only regional tags join a tag without a region
    that the concepts use (``en-US`` joins ``en``). Terms that end up in one language
    are merged, so two preferred terms in one language are an error.

    >>> from l10n.glossary import Concept, Term
    >>> c = Concept(id="x", terms={"en-US": (Term(text="lab", lang="en-US"),),
    ...                            "zh": (Term(text="实验室", lang="zh"),)})
    >>> list(normalise_languages([c], ["en", "zh-Hans"])[0].terms)
    ['en', 'zh-Hans']

    :raises GlossaryError: merged terms that clash (naming the concept's file and line).
    """
    concepts = list(concepts)
    tags = {lang for c in concepts for lang in c.terms}
    if languages is None:
        # Regional forms join the tag without a region ("en-US" into "en"); a bare tag
        # stays, since without the project's languages "zh" may be meant for either script.
        canon = {t for t in tags if all(len(p) == 4 for p in t.split("-")[1:])}
        mapping = _language_map(sorted(tags), sorted(canon))
    else:
        mapping = _language_map(sorted(tags), [parse_tag(t) for t in languages])
    if not mapping:
        return concepts
    out = []
    for concept in concepts:
        if not any(lang in mapping for lang in concept.terms):
            out.append(concept)
            continue
        terms = [(mapping.get(lang, lang), t.text, t.status) for lang, ts in concept.terms.items() for t in ts]
        path, line = concept.origin if concept.origin else ("<glossary>", 0)
        rebuilt = build_concept(
            concept_id=concept.id,
            terms=terms,
            status=concept.status,
            note=concept.note,
            case_sensitive=concept.case_sensitive,
            part_of_speech=concept.part_of_speech,
            path=path,
            line=line,
        )
        out.append(replace(rebuilt, origin=concept.origin))
    return out


def read_glossary_file(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    notices: list[str] | None = None,
) -> list[Concept]:
    """The concepts of one file, chosen by suffix (ids may still be empty; see :func:`validate_concepts`).

    ``notices`` collects what was read with a guess or left out (see :func:`read_csv`, :func:`read_tbx`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".tbx", ".xml"}:
        return read_tbx(path, notices=notices)
    if suffix in {".csv", ".tsv"}:
        return read_csv(path, source_lang=source_lang, target_lang=target_lang, notices=notices)
    raise GlossaryError(f"unknown glossary format {suffix or '(no suffix)'!r}: use .tbx or .csv", path=path)

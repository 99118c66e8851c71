"""Where things live in a project: releases, templates, catalogs, build output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .errors import ConfigError
from .lang import gettext_code, parse_tag

__all__ = ["SUFFIXES", "Release", "catalog_path", "find_catalogs", "find_releases", "rel", "template_path"]

# Release formats by suffix.
SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text", ".md": "markdown", ".markdown": "markdown"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Release:
    """A source release found in ``source_docs/<lang>/``.

    :param path: absolute path. :param doc_id: file stem (unique in the project).
    :param lang: BCP 47 source language. :param format: html, text or markdown.
    """

    path: Path
    doc_id: str
    lang: str
    format: str

    def targets(self, config: Config) -> list[str]:
        """The languages this release is translated into."""
        return [lang for lang in config.languages if lang != self.lang]


def rel(config: Config, path: Path | str) -> str:
    """``path`` relative to the project root when inside it, POSIX style."""
    path = Path(path)
    if path.is_absolute() and ".." not in path.parts:
        try:  # the common case, without touching the file system
            return path.relative_to(config.root).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


def _lang_of_folder(config: Config, name: str) -> str | None:
    try:
        tag = parse_tag(name)
    except ValueError:
        return None
    return tag if tag in config.languages else None


def find_releases(config: Config, paths: Iterable[str | Path] = ()) -> list[Release]:
    """All releases of the project, or just those named (files or folders).

    :raises ConfigError: a named path is not a release under ``source_docs/<lang>/``.
    """
    wanted = [Path(p).resolve() for p in paths]
    out: dict[str, Release] = {}
    src = config.source_dir
    if not src.is_dir():
        return []
    for lang_dir in sorted(p for p in src.iterdir() if p.is_dir()):
        lang = _lang_of_folder(config, lang_dir.name)
        if lang is None:
            continue
        for path in sorted(lang_dir.rglob("*")):
            fmt = SUFFIXES.get(path.suffix.lower())
            if fmt is None or not path.is_file() or any(part.startswith(".") for part in path.relative_to(src).parts):
                continue
            if wanted and not any(path.resolve() == w or w in path.resolve().parents for w in wanted):
                continue
            doc_id = path.relative_to(lang_dir).with_suffix("").as_posix().replace("/", "--")
            if doc_id in out:
                raise ConfigError(
                    f"two releases share the document id {doc_id!r} ({rel(config, out[doc_id].path)}); rename one",
                    path=path,
                )
            out[doc_id] = Release(path=path, doc_id=doc_id, lang=lang, format=fmt)
    for w in wanted:
        if not w.exists():
            raise ConfigError("no such release; give a file under source_docs/<lang>/", path=w)
        if w.is_file() and not any(r.path.resolve() == w for r in out.values()):
            raise ConfigError(
                f"not a release: releases are {', '.join(sorted(SUFFIXES))} files under {rel(config, src)}/<lang>/",
                path=w,
            )
    return list(out.values())


# Files that look like releases in a format l10n does not read.
_DOCUMENT_LIKE = frozenset(".doc .docx .odt .rtf .pdf .pages .wps .xls .xlsx .ppt .pptx .epub".split())


def source_problems(config: Config) -> list[str]:
    """Why files under ``source_docs/`` are not read, one message each (for warnings).

    Folders that are not one of the project's languages, files directly in
    ``source_docs/``, and documents in formats without a reader (``.docx``, ``.pdf``...).
    Other files (images, style sheets next to HTML releases) are not mentioned.
    """
    src = config.source_dir
    if not src.is_dir():
        return []
    out = []
    langs = ", ".join(config.languages)
    for path in sorted(src.iterdir()):
        if path.name.startswith("."):
            continue
        shown = rel(config, path)
        if path.is_dir():
            if _lang_of_folder(config, path.name) is not None:
                for doc in sorted(path.rglob("*")):
                    if doc.suffix.lower() in _DOCUMENT_LIKE and not any(
                        part.startswith(".") for part in doc.relative_to(src).parts
                    ):
                        out.append(
                            f"{rel(config, doc)}: not read: releases are {', '.join(sorted(SUFFIXES))} files; "
                            "save it as HTML, Markdown or plain text"
                        )
                continue
            hint = _closest_language(config, path.name)
            out.append(
                f"{shown}/: not read: not one of the project's languages ({langs})"
                + (f"; rename it to {hint}/" if hint else "; add it to [tool.l10n] languages")
            )
        elif path.suffix.lower() in SUFFIXES or path.suffix.lower() in _DOCUMENT_LIKE:
            out.append(f"{shown}: not read: put releases in {rel(config, src)}/<lang>/ ({langs})")
    return out


def _closest_language(config: Config, name: str) -> str | None:
    """The project language a wrongly named folder probably means (``zh`` -> ``zh-Hans``)."""
    low = name.lower().replace("_", "-")
    aliases = {"cn": "zh", "chinese": "zh", "english": "en", "eng": "en", "中文": "zh", "英文": "en"}
    family = aliases.get(low, low.split("-")[0])
    same = [lang for lang in config.languages if lang.split("-")[0].lower() == family]
    return same[0] if len(same) == 1 else None


def orphan_templates(config: Config, releases: Iterable[Release]) -> list[Path]:
    """Templates (``locales/templates/<doc-id>.pot``) whose release is gone."""
    folder = config.locales_dir / "templates"
    if not folder.is_dir():
        return []
    ids = {release.doc_id for release in releases}
    return [p for p in sorted(folder.glob("*.pot")) if p.stem not in ids]


def template_path(config: Config, doc_id: str) -> Path:
    """``locales/templates/<doc-id>.pot``."""
    return config.locales_dir / "templates" / f"{doc_id}.pot"


def catalog_path(config: Config, doc_id: str, lang: str) -> Path:
    """``locales/<gettext-lang>/LC_MESSAGES/<doc-id>.po``."""
    return config.locales_dir / gettext_code(lang) / "LC_MESSAGES" / f"{doc_id}.po"


def find_catalogs(config: Config, paths: Iterable[str | Path] = ()) -> list[tuple[Path, str]]:
    """PO catalogs of the project as (path, BCP 47 language), or the named files/folders.

    The language is taken from the ``locales/<lang>/LC_MESSAGES/`` folder when there is
    one, else from the file's ``Language`` header later on (None here).
    """
    paths = list(paths)
    found: list[Path] = []
    if paths:
        for p in paths:
            p = Path(p)
            if p.is_dir():
                found.extend(sorted(p.rglob("*.po")))
            elif p.is_file():
                if p.suffix.lower() not in {".po", ".pot"}:
                    raise ConfigError("not a catalog: give .po files or folders that hold them", path=p)
                found.append(p)
            else:
                raise ConfigError("no such catalog; give .po files or folders", path=p)
    elif config.locales_dir.is_dir():
        found = sorted(config.locales_dir.glob("*/LC_MESSAGES/*.po"))
    out = []
    for p in found:
        lang = None
        if p.parent.name == "LC_MESSAGES":
            try:
                lang = parse_tag(p.parent.parent.name)
            except ValueError:
                lang = None
        out.append((p.resolve(), lang))
    return out


def iter_targets(config: Config, releases: Iterable[Release]) -> Iterator[tuple[Release, str]]:
    """(release, target language) pairs."""
    for release in releases:
        for lang in release.targets(config):
            yield release, lang

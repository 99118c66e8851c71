"""Project configuration: ``[tool.l10n]`` in ``pyproject.toml`` or a top-level ``l10n.toml``.

Everything has a default, so a project with ``source_docs/en/`` and ``source_docs/zh-Hans/``
works with no configuration at all.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .lang import parse_tag

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Config", "load_config"]

DEFAULT_MODELS = {
    "zh-Hans:en": "Helsinki-NLP/opus-mt-zh-en",
    "en:zh-Hans": "Helsinki-NLP/opus-mt-en-zh",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """The settings of one project; paths are absolute.

    :param root: the project folder.
    :param languages: BCP 47 tags of all languages of the project.
    :param source_dir: where releases live, one sub-folder per source language.
    :param locales_dir: templates and PO catalogs.
    :param glossary_dir: ``*.tbx`` / ``*.csv`` terminology.
    :param build_dir: translated releases, MO files, reports.
    :param state_dir: local state (MT cache, extract hashes).
    :param selectors: per-site article selectors: ``{glob on the doc path or site name: selector}``.
        A selector starting with ``/`` or ``(`` is XPath, anything else CSS.
    :param project_id: ``Project-Id-Version`` of the catalogs.
    :param engine: default MT engine id.
    :param models: ``{"src:tgt": model id or local folder}``.
    :param tm_threshold: minimum fuzzy memory score (0-100).
    :param fuzzy_threshold: minimum similarity for msgmerge-style fuzzy matching on update.
    :param checks_enable: checks switched on beyond the defaults.
    :param checks_disable: checks switched off.
    :param severities: ``{check id: severity name}`` overrides.
    :param fail_on: lowest severity that fails ``l10n check``.
    :param min_reviewed: minimum reviewed percentage for ``l10n check``.
    :param build_keep: skip building releases below this reviewed percentage (0 = off).
    :param raw: the whole ``[tool.l10n]`` table, for stage-specific keys.
    """

    root: Path
    languages: tuple[str, ...] = ("en", "zh-Hans")
    source_dir: Path = Path("source_docs")
    locales_dir: Path = Path("locales")
    glossary_dir: Path = Path("glossary")
    build_dir: Path = Path("build")
    state_dir: Path = Path(".l10n")
    selectors: dict[str, str] = field(default_factory=dict)
    project_id: str = "l10n"
    engine: str = "transformers"
    models: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    tm_threshold: float = 75.0
    fuzzy_threshold: float = 70.0
    checks_enable: tuple[str, ...] = ()
    checks_disable: tuple[str, ...] = ()
    severities: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    min_reviewed: float = 100.0
    build_keep: float = 0.0
    raw: dict[str, Any] = field(default_factory=dict)

    def model_for(self, source: str, target: str) -> str | None:
        """The configured model for a direction, or None."""
        return self.models.get(f"{parse_tag(source)}:{parse_tag(target)}")


_KEYS = {
    "languages", "source-dir", "locales-dir", "glossary-dir", "build-dir", "state-dir",
    "selectors", "project-id", "engine", "models", "tm-threshold", "fuzzy-threshold",
    "checks", "fail-on", "min-reviewed", "build-keep", "mt", "suggest", "build",
}


def _read_table(root: Path) -> tuple[dict[str, Any], Path | None]:
    for name, inner in (("l10n.toml", False), ("pyproject.toml", True)):
        path = root / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise ConfigError(f"cannot parse TOML: {exc}; fix the syntax", path=path, line=line) from exc
        if inner:
            table = data.get("tool", {}).get("l10n")
            if table is None:
                continue
            return table, path
        return data.get("tool", {}).get("l10n", data), path
    return {}, None


def load_config(root: str | Path = ".") -> Config:
    """Read the configuration of the project in ``root`` (defaults when there is none).

    :raises ConfigError: for unknown keys, bad values or unparsable TOML.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise ConfigError("project folder does not exist; pass an existing --project", path=root)
    table, cfg_path = _read_table(root)
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"unknown key(s) in [tool.l10n]: {', '.join(unknown)}; known keys: {', '.join(sorted(_KEYS))}",
            path=cfg_path,
        )
    kw: dict[str, Any] = {"root": root, "raw": dict(table)}
    try:
        if "languages" in table:
            langs = table["languages"]
            if not isinstance(langs, list) or len(langs) < 2:
                raise ValueError("languages must be a list of at least two language tags")
            kw["languages"] = tuple(parse_tag(str(x)) for x in langs)
        for key in ("source-dir", "locales-dir", "glossary-dir", "build-dir", "state-dir"):
            if key in table:
                kw[key.replace("-", "_")] = Path(str(table[key]))
        if "selectors" in table:
            if not isinstance(table["selectors"], dict):
                raise ValueError("selectors must be a table of {pattern = selector}")
            kw["selectors"] = {str(k): str(v) for k, v in table["selectors"].items()}
        if "project-id" in table:
            kw["project_id"] = str(table["project-id"])
        mt = table.get("mt", {})
        if "engine" in table or "engine" in mt:
            kw["engine"] = str(table.get("engine", mt.get("engine")))
        models = dict(DEFAULT_MODELS)
        for k, v in {**table.get("models", {}), **mt.get("models", {})}.items():
            src, _, tgt = str(k).partition(":")
            if not tgt:
                raise ValueError(f"model key {k!r} must look like 'zh-Hans:en'")
            models[f"{parse_tag(src)}:{parse_tag(tgt)}"] = str(v)
        kw["models"] = models
        for key, attr in (("tm-threshold", "tm_threshold"), ("fuzzy-threshold", "fuzzy_threshold"),
                          ("min-reviewed", "min_reviewed"), ("build-keep", "build_keep")):
            if key in table:
                value = float(table[key])
                if not 0 <= value <= 100:
                    raise ValueError(f"{key} must be between 0 and 100")
                kw[attr] = value
        checks = table.get("checks", {})
        if not isinstance(checks, dict):
            raise ValueError("checks must be a table with enable/disable/severity")
        kw["checks_enable"] = tuple(checks.get("enable", ()))
        kw["checks_disable"] = tuple(checks.get("disable", ()))
        kw["severities"] = {str(k): str(v) for k, v in checks.get("severity", {}).items()}
        if "fail-on" in table:
            kw["fail_on"] = str(table["fail-on"])
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"bad [tool.l10n] setting: {exc}", path=cfg_path) from exc
    for key in ("source_dir", "locales_dir", "glossary_dir", "build_dir", "state_dir"):
        value = kw.get(key, getattr(Config, key, None))
        if value is None or not isinstance(value, Path):
            value = Config.__dataclass_fields__[key].default
        kw[key] = (root / value).resolve()
    return Config(**kw)

"""Project configuration: ``[tool.l10n]`` in ``pyproject.toml`` or a top-level ``l10n.toml``.

Everything has a default, so a project with ``source_docs/en/`` and ``source_docs/zh-Hans/``
works with no configuration at all.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .lang import language_family, parse_tag

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
    :param models: ``{"src:tgt": model id or local folder}``; a bare family in a key
        (``"zh:en"``) is stored as the project's only language of that family (``"zh-Hans:en"``).
    :param tm_threshold: minimum fuzzy memory score (0-100).
    :param fuzzy_threshold: minimum similarity for msgmerge-style fuzzy matching on update.
    :param checks_enable: checks switched on beyond the defaults.
    :param checks_disable: checks switched off.
    :param severities: ``{check id: severity name}`` overrides.
    :param fail_on: lowest severity that fails ``l10n check``.
    :param min_reviewed: minimum reviewed percentage for ``l10n check``.
    :param build_keep: skip building releases below this reviewed percentage (0 = off).
    :param raw: the whole ``[tool.l10n]`` table, for stage-specific keys.
    :param model_warnings: ``path:line: ...`` lines about model keys that name no language
        of the project (shown by ``suggest``; such a model is never used).
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
    model_warnings: tuple[str, ...] = ()

    def model_for(self, source: str, target: str) -> str | None:
        """The configured model for a direction, or None.

        A relative folder (``models/zh-en``) is read from the project folder, not the
        working folder, when the project has it; anything else (a hub id such as
        ``Helsinki-NLP/opus-mt-zh-en``, an absolute path) is returned as written.
        """
        model = self.models.get(f"{parse_tag(source)}:{parse_tag(target)}")
        if model is None:
            return None
        path = Path(model).expanduser()
        if not path.is_absolute() and (self.root / path).is_dir():
            return str((self.root / path).resolve())
        return model


_KEYS = {
    "languages", "source-dir", "locales-dir", "glossary-dir", "build-dir", "state-dir",
    "selectors", "project-id", "engine", "models", "tm-threshold", "fuzzy-threshold",
    "checks", "fail-on", "min-reviewed", "build-keep", "mt", "suggest", "build",
}
# The MT engine ids (l10n.suggest.mt.ENGINES registers them; a test keeps both in step).
ENGINE_IDS = frozenset({"transformers", "ctranslate2"})
_MT_KEYS = {"engine", "threads", "beam-size", "batch-size", "device", "download", "models"}
_CHECKS_KEYS = {"enable", "disable", "severity"}
_DIRS = ("source-dir", "locales-dir", "glossary-dir", "build-dir", "state-dir")
_PERCENTS = (("tm-threshold", "tm_threshold"), ("fuzzy-threshold", "fuzzy_threshold"),
             ("min-reviewed", "min_reviewed"), ("build-keep", "build_keep"))
_SEVERITIES = ("error", "warning", "info")
_DEVICES = ("auto", "cpu", "cuda")
_KEY_RE = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[\w-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[\w-]+))*)\s*=""")
_HEADER_RE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_PART_RE = re.compile(r""""([^"]*)"|'([^']*)'|([\w-]+)""")


def _show_value(value: Any) -> str:
    """A TOML value as the user wrote it, for error messages (long ones shortened).

    >>> _show_value(True), _show_value("two"), _show_value(["a", 1]), _show_value({"a": 1})
    ('true', '"two"', '["a", 1]', 'a table')
    """
    if isinstance(value, bool):
        out = "true" if value else "false"
    elif isinstance(value, str):
        out = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        out = "a table"
    elif isinstance(value, list):
        out = "[" + ", ".join(_show_value(v) for v in value) + "]"
    elif hasattr(value, "isoformat"):
        out = value.isoformat()
    else:
        out = str(value)
    return out if len(out) <= 60 else out[:57] + "..."


def _parts(dotted: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in _PART_RE.finditer(dotted)]


def _line_of(text: str, target: list[str]) -> int | None:
    """The 1-based line where the key (or table) ``target`` is set; best effort, None if not found.

    A key set in an inline table (``mt = {threads = 2}``) is found at its parent's line.
    """
    header: list[str] = []
    best: tuple[int, int] | None = None  # (length of the matched prefix, line)
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("[["):
            header = ["[["]
            continue
        m = _HEADER_RE.match(line)
        if m:
            header = _parts(m.group(1))
            path = header
        else:
            k = _KEY_RE.match(line)
            if not k:
                continue
            path = header + _parts(k.group(1))
        if path == target[: len(path)] and (best is None or len(path) > best[0]):
            best = (len(path), number)
            if len(path) == len(target):
                return number
    return best[1] if best and best[0] > 0 else None


class _Source:
    """Where the settings come from: the file, its text and the table's place in it."""

    def __init__(self, path: Path | None, text: str, base: list[str]):
        self.path = path
        self.text = text
        self.base = base

    @property
    def shown(self) -> str | None:
        """The file as shown in messages: relative to the working folder when inside it."""
        if self.path is None:
            return None
        try:
            return self.path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(self.path)

    def error(self, table: tuple[str, ...], key: str | None, message: str) -> ConfigError:
        """A ConfigError naming the file, the line of the key and the key with its table."""
        target = [*self.base, *table, *([key] if key is not None else [])]
        if key is None:
            name = f"[{'.'.join(target)}]"
        else:
            shown = key if re.fullmatch(r"[\w-]+", key) else json.dumps(key, ensure_ascii=False)
            section = ".".join([*self.base, *table])
            name = f"[{section}] {shown}" if section else shown
        return ConfigError(f"{name} {message}", path=self.shown, line=_line_of(self.text, target))

    def bad(self, table: tuple[str, ...], key: str, what: str, value: Any) -> ConfigError:
        """``[tool.l10n] KEY must be WHAT, not VALUE``."""
        return self.error(table, key, f"must be {what}, not {_show_value(value)}")


def _table(src: _Source, table: tuple[str, ...], key: str, value: Any, known: set[str] | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise src.bad(table, key, "a table", value)
    if known is not None:
        for name in value:
            if name not in known:
                raise src.error((*table, key), name, f"is not a known key; use {', '.join(sorted(known))}")
    return value


def _string(src: _Source, table: tuple[str, ...], key: str, value: Any, what: str = "a string") -> str:
    if not isinstance(value, str) or not value.strip():
        raise src.bad(table, key, what, value)
    return value


def _count(src: _Source, table: tuple[str, ...], key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise src.bad(table, key, "a whole number of at least 1", value)
    return value


def _percent(src: _Source, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise src.bad((), key, "a number from 0 to 100", value)
    return float(value)


def _choice(src: _Source, table: tuple[str, ...], key: str, value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.strip().lower() not in choices:
        names = [f'"{c}"' for c in choices]
        raise src.bad(table, key, f"{', '.join(names[:-1])} or {names[-1]}", value)
    return value.strip().lower()


def _project_tag(tag: str, languages: tuple[str, ...]) -> str | list[str]:
    """A model key's tag as a project language: itself, or for a bare family (``zh``) the
    project's only language of that family; otherwise the project languages it could mean.

    >>> _project_tag("zh", ("en", "zh-Hans")), _project_tag("zh", ("zh-Hans", "zh-Hant", "en"))
    ('zh-Hans', ['zh-Hans', 'zh-Hant'])
    >>> _project_tag("fr", ("en", "zh-Hans"))
    []
    """
    if tag in languages:
        return tag
    same = [lang for lang in languages if language_family(lang) == language_family(tag)]
    if tag == language_family(tag) and len(same) == 1:
        return same[0]
    return same


def _models(
    src: _Source, table: tuple[str, ...], value: Any, models: dict[str, str], languages: tuple[str, ...],
    warnings: list[str],
) -> None:
    explicit: set[str] = set()
    mapped: dict[str, str] = {}
    where = (*table, "models")
    for k, v in _table(src, table, "models", value, None).items():
        src_tag, _, tgt_tag = k.partition(":")
        try:
            tags = [parse_tag(src_tag), parse_tag(tgt_tag)]
        except ValueError:
            raise src.error(where, k, 'is not a language pair; write it like "zh-Hans:en"') from None
        model = _string(src, where, k, v, "a hub model id or a local folder (a string)")
        found = [_project_tag(tag, languages) for tag in tags]
        if all(isinstance(f, str) for f in found):
            key = f"{found[0]}:{found[1]}"
            if found == tags:
                explicit.add(key)
                models[key] = model
            else:
                mapped[key] = model
            continue
        models[f"{tags[0]}:{tags[1]}"] = model
        problems = []
        for tag, f in zip(tags, found, strict=True):
            if isinstance(f, list) and f:
                problems.append(f"{tag} could be {' or '.join(f)}")
            elif isinstance(f, list):
                problems.append(f"{tag} is not a language of this project")
        hint = ":".join(f if isinstance(f, str) else (f[0] if f else "LANG") for f in found)
        warnings.append(str(src.error(
            where, k, f"is never used: {'; '.join(problems)} (languages: {', '.join(languages)}); "
            f'write it like "{hint}"',
        )))
    for key, model in mapped.items():
        if key not in explicit:
            models[key] = model


def _check_ids(src: _Source, key: str, value: Any, known: dict[str, Any]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise src.bad(("checks",), key, 'a list of check ids such as ["length"]', value)
    ids = tuple(part.strip() for x in items for part in x.split(",") if part.strip())
    for check_id in ids:
        if check_id not in known:
            raise src.error(("checks",), key, f'has an unknown check id "{check_id}"; {_hint(check_id, known)}')
    return ids


def _hint(check_id: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(check_id, list(known), n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    return f"{hint}`l10n list checks` shows the known ones"


def _checks(src: _Source, value: Any, kw: dict[str, Any]) -> None:
    table = _table(src, (), "checks", value, _CHECKS_KEYS)
    if not table:
        return
    # The registry is cheap to import (pure Python, no third-party modules); reading it here
    # stops a misspelt id before any command writes a file.
    from .checks import get_checks

    known = get_checks()
    kw["checks_enable"] = _check_ids(src, "enable", table.get("enable", []), known)
    kw["checks_disable"] = _check_ids(src, "disable", table.get("disable", []), known)
    severities = {}
    for check_id, level in _table(src, ("checks",), "severity", table.get("severity", {}), None).items():
        if check_id not in known:
            raise src.error(("checks", "severity"), check_id, f"is not a known check id; {_hint(check_id, known)}")
        severities[check_id] = _choice(src, ("checks", "severity"), check_id, level, _SEVERITIES)
    kw["severities"] = severities


def _read_table(root: Path) -> tuple[dict[str, Any], _Source]:
    for name, inner in (("l10n.toml", False), ("pyproject.toml", True)):
        path = root / name
        if not path.is_file():
            continue
        src = _Source(path, "", ["tool", "l10n"])
        try:
            src.text = path.read_text(encoding="utf-8")
            data = tomllib.loads(src.text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise ConfigError(f"cannot parse TOML: {exc}; fix the syntax", path=src.shown, line=line) from exc
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"tool must be a table, not {_show_value(tool)}",
                              path=src.shown, line=_line_of(src.text, ["tool"]))
        if "l10n" not in tool:
            if inner:
                continue
            src.base = []
            return data, src
        table = tool["l10n"]
        if not isinstance(table, dict):
            raise ConfigError(f"[tool.l10n] must be a table, not {_show_value(table)}",
                              path=src.shown, line=_line_of(src.text, ["tool", "l10n"]))
        return table, src
    return {}, _Source(None, "", ["tool", "l10n"])


def load_config(root: str | Path = ".") -> Config:
    """Read the configuration of the project in ``root`` (defaults when there is none).

    Every key is checked here, checks ids against the registry included, so a bad
    setting stops a command before it writes anything.

    :raises ConfigError: for unknown keys, values of the wrong type or out of range,
        unknown check ids or severities, or unparsable TOML; it names the file, the line
        and the key.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise ConfigError("project folder does not exist; pass an existing --project", path=root)
    table, src = _read_table(root)
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            raise src.error((), key, f"is not a known key; {hint}known keys: {', '.join(sorted(_KEYS))}")
    kw: dict[str, Any] = {"root": root, "raw": dict(table)}
    if "languages" in table:
        langs = table["languages"]
        what = 'a list of at least two language tags such as ["en", "zh-Hans"]'
        if not isinstance(langs, list) or len(langs) < 2 or not all(isinstance(x, str) for x in langs):
            raise src.bad((), "languages", what, langs)
        try:
            kw["languages"] = tuple(parse_tag(x) for x in langs)
        except ValueError:
            raise src.bad((), "languages", what, langs) from None
    for key in _DIRS:
        if key in table:
            kw[key.replace("-", "_")] = Path(_string(src, (), key, table[key], "a folder path (a string)"))
    if "selectors" in table:
        selectors = _table(src, (), "selectors", table["selectors"], None)
        kw["selectors"] = {
            k: _string(src, ("selectors",), k, v, "a CSS or XPath selector (a string)")
            for k, v in selectors.items()
        }
        for k, v in kw["selectors"].items():
            problem = _selector_problem(v)
            if problem:
                raise src.error(("selectors",), k, f"is not a valid selector ({problem}): {v!r}")
    if "project-id" in table:
        kw["project_id"] = _string(src, (), "project-id", table["project-id"])
    mt = _table(src, (), "mt", table.get("mt", {}), _MT_KEYS)
    for where, holder in (((), table), (("mt",), mt)):
        if "engine" in holder:
            kw["engine"] = _string(src, where, "engine", holder["engine"], "an engine id (a string)")
            if kw["engine"] not in ENGINE_IDS:
                raise src.error(where, "engine", f"is {kw['engine']!r}: use one of {', '.join(sorted(ENGINE_IDS))}")
            break
    for key in ("threads", "beam-size", "batch-size"):
        if key in mt:
            _count(src, ("mt",), key, mt[key])
    if "device" in mt:
        _choice(src, ("mt",), "device", mt["device"], _DEVICES)
    if "download" in mt and not isinstance(mt["download"], bool):
        raise src.bad(("mt",), "download", "true or false", mt["download"])
    models = dict(DEFAULT_MODELS)
    languages = kw.get("languages", Config.__dataclass_fields__["languages"].default)
    model_warnings: list[str] = []
    if "models" in table:
        _models(src, (), table["models"], models, languages, model_warnings)
    if "models" in mt:
        _models(src, ("mt",), mt["models"], models, languages, model_warnings)
    kw["models"] = models
    kw["model_warnings"] = tuple(model_warnings)
    for key, attr in _PERCENTS:
        if key in table:
            kw[attr] = _percent(src, key, table[key])
    _checks(src, table.get("checks", {}), kw)
    if "fail-on" in table:
        kw["fail_on"] = _choice(src, (), "fail-on", table["fail-on"], _SEVERITIES)
    for key in ("suggest", "build"):
        if key in table:
            _table(src, (), key, table[key], None)
    for key in ("source_dir", "locales_dir", "glossary_dir", "build_dir", "state_dir"):
        kw[key] = (root / kw.get(key, Config.__dataclass_fields__[key].default)).resolve()
    return Config(**kw)


def _selector_problem(selector: str) -> str | None:
    """Why an article selector (XPath when it starts with / or (, else CSS) does not compile."""
    from lxml import etree

    try:
        if selector.startswith(("/", "(")):
            etree.XPath(selector)
        else:
            from lxml.cssselect import CSSSelector

            CSSSelector(selector)
    except ImportError:  # pragma: no cover - cssselect is a dependency
        return None
    except Exception as exc:  # cssselect and lxml raise several types
        return " ".join(str(exc).split()) or type(exc).__name__
    return None

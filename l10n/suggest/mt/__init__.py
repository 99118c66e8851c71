"""MT engines: a registry of engine ids -> classes, imported on first use.

>>> sorted(ENGINES)
['ctranslate2', 'transformers']
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Any

from ...errors import ConfigError
from .base import Engine, ModelEngine

__all__ = ["ENGINES", "Engine", "EngineInfo", "ModelEngine", "engine_infos", "get_engine"]

# id -> "module:Class"; the module is imported only when the engine is used.
ENGINES: dict[str, str] = {
    "transformers": "l10n.suggest.mt.hf:TransformersEngine",
    "ctranslate2": "l10n.suggest.mt.ct2:CTranslate2Engine",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineInfo:
    """A registered engine as ``l10n list engines`` shows it.

    :param id: engine id. :param title: one-line description.
    :param modules: Python modules it needs. :param available: whether they are installed.
    """

    id: str
    title: str
    modules: tuple[str, ...]
    available: bool


def engine_class(name: str) -> type[ModelEngine]:
    """The engine class registered as ``name``.

    :raises ConfigError: unknown engine id.
    """
    spec = ENGINES.get(name)
    if spec is None:
        raise ConfigError(f"unknown MT engine {name!r}; choose one of: {', '.join(sorted(ENGINES))}")
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def get_engine(name: str, model: str, **options: Any) -> ModelEngine:
    """A (not yet loaded) engine instance for ``model``; loading happens on first translation."""
    return engine_class(name)(model, **options)


def engine_infos() -> list[EngineInfo]:
    """All registered engines with their availability (no heavy import happens)."""
    out = []
    for name in sorted(ENGINES):
        cls = engine_class(name)
        available = all(importlib.util.find_spec(m) is not None for m in cls.modules)
        out.append(EngineInfo(id=name, title=cls.title, modules=cls.modules, available=available))
    return out

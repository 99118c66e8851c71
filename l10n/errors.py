"""The one exception hierarchy of l10n.

Every error a user can cause is an ``L10nError``; the CLI prints it as
``l10n: error: <path>:<line>: <message>`` and exits with status 2::

    L10nError
     ├── ConfigError          bad [tool.l10n] / l10n.toml, unknown language, bad option
     ├── DocumentError        a release that cannot be read (encoding, broken markup)
     ├── CatalogError         a PO/POT file that cannot be parsed
     ├── GlossaryError        a TBX/CSV glossary that cannot be loaded
     └── EngineError          machine translation failed
          ├── EngineUnavailable    the extra or the model is missing
          └── UnsupportedLanguage  the engine/model cannot do this language pair

Third-party exceptions (polib's ``OSError``, lxml's ``XMLSyntaxError``, ...) are
wrapped at the one place where that library is called, with ``raise ... from``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CatalogError",
    "ConfigError",
    "DocumentError",
    "EngineError",
    "EngineUnavailable",
    "GlossaryError",
    "L10nError",
    "UnsupportedLanguage",
]


class L10nError(Exception):
    """Base class: a problem with the user's input, reported without a traceback.

    :param message: what is wrong and how to fix it, starting in lower case.
    :param path: the file concerned, if any.
    :param line: the 1-based line in that file, if known.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self):
        # Keep path and line when an error crosses a process boundary (parallel checks).
        return (_rebuild, (type(self), self.message, self.path, self.line))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


def _rebuild(cls: type[L10nError], message: str, path: str | None, line: int | None) -> L10nError:
    return cls(message, path=path, line=line)


class ConfigError(L10nError):
    """The project configuration or a command-line option is wrong."""


class DocumentError(L10nError):
    """A source release cannot be read or parsed."""


class CatalogError(L10nError):
    """A PO or POT file cannot be read or parsed."""


class GlossaryError(L10nError):
    """A glossary file (TBX, CSV) cannot be loaded or is inconsistent."""


class EngineError(L10nError):
    """Machine translation failed."""


class EngineUnavailable(EngineError):
    """The MT extra or the requested model is not installed."""


class UnsupportedLanguage(EngineError):
    """The engine or model cannot translate this language pair."""

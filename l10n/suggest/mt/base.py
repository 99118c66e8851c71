"""The MT engine interface, language-code conventions per model family, model folders.

Nothing here imports transformers, torch or ctranslate2: engines import them in ``load()``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from ...errors import ConfigError, EngineUnavailable, UnsupportedLanguage
from ...lang import language_family, parse_tag

__all__ = [
    "LANGUAGE_CODES",
    "MT_INSTALL_HINT",
    "Engine",
    "MissingLibraries",
    "MissingModel",
    "ModelEngine",
    "check_model_argument",
    "declared_languages",
    "detect_family",
    "language_code",
    "looks_like_path",
    "model_folder_problem",
    "model_revision",
    "resolve_model_dir",
]

# How to install the mt extra (README, "Machine translation"): torch first, pinned.
MT_INSTALL_HINT = "`pip install torch==2.13.0`, then `pip install -e '.[mt]'`"
_HUB_ID_RE = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")


class MissingLibraries(EngineUnavailable):
    """The Python libraries an engine needs (the ``mt`` extra) are not installed.

    :param reason: what is missing, without the fix. :param hint: the install commands.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        reason: str = "",
        hint: str = "",
    ):
        super().__init__(message, path=path, line=line)
        self.reason = reason or message
        self.hint = hint


class MissingModel(EngineUnavailable):
    """A hub model is neither a local folder nor in the Hugging Face cache (and may not be fetched).

    :param model: the hub id. :param offline: the hub is switched off (``HF_HUB_OFFLINE``).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        model: str = "",
        offline: bool = False,
    ):
        super().__init__(message, path=path, line=line)
        self.model = model
        self.offline = offline


def looks_like_path(model: str) -> bool:
    """Whether a ``--model`` value names a folder rather than a hub id.

    >>> looks_like_path("./models/opus-mt-zh-en"), looks_like_path("Helsinki-NLP/opus-mt-zh-en")
    (True, False)
    >>> looks_like_path("models/zh/en-ct2"), looks_like_path("opus-mt-zh-en")
    (True, False)
    """
    if model in (".", "..") or model.startswith(("./", "../", "/", "~", ".\\", "..\\")):
        return True
    separators = {os.sep, "/"} | ({os.altsep} if os.altsep else set())
    return any(sep in model for sep in separators) and not _HUB_ID_RE.fullmatch(model)


def check_model_argument(model: str | None) -> None:
    """Reject a ``--model`` value that names a missing or visibly broken folder.

    A folder given on the command line that cannot work (empty, no weights, no tokenizer
    files, ``config.json`` unreadable, an unsupported model type) stops the command before
    it writes anything; the same folder in ``[tool.l10n.mt.models]`` only turns MT off.

    :raises ConfigError: the value looks like a path (``./x``, ``../x``, ``/x``, ``~/x``,
        ``a/b/c``) and there is no such folder, or the folder is broken (see
        :func:`model_folder_problem`); a hub id (``owner/name``) is left to the engine.
    """
    if not model:
        return
    path = Path(model).expanduser()
    if path.is_dir():
        problem = model_folder_problem(path, model)
        if problem:
            raise ConfigError(f"{problem}; --model needs a complete model folder (config.json, weights, tokenizer files)")
        return
    if not looks_like_path(model):
        return
    what = "is a file, not a model folder" if path.exists() else "does not exist"
    raise ConfigError(
        f"no such model folder: {model} ({what}); --model takes a local model folder "
        "or a hub id such as Helsinki-NLP/opus-mt-zh-en"
    )


_WEIGHT_NAMES = "model.safetensors, pytorch_model.bin or model.bin"
_SUPPORTED_TYPES = ("marian", "m2m_100", "nllb-moe")
_TOKENIZER_NAMES = ("tokenizer.json", "vocab.json", "vocab.txt", "merges.txt")


def _and(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join(", ".join(names).rsplit(", ", 1))


def _json_object(path: Path) -> tuple[dict, str | None]:
    """(the JSON object in a file or {}, a problem with it or None)."""
    try:
        data = read_json(path)
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"{path.name} cannot be read ({exc.__class__.__name__})"
    except ValueError as exc:
        return {}, f"{path.name} is not valid JSON ({str(exc).splitlines()[0]})"
    if not isinstance(data, dict):
        return {}, f"{path.name} is not a JSON object"
    return data, None


def _missing_tokenizer_files(folder: Path, names: set[str], config: dict) -> str | None:
    """Which tokenizer files a model folder lacks, in words, or None."""
    tok_config, _ = _json_object(folder / "tokenizer_config.json")
    meta, _ = _json_object(folder / "l10n-model.json")
    kind = str(tok_config.get("tokenizer_class") or meta.get("family") or config.get("model_type") or "").lower()
    if "marian" in kind:
        needed = ["source.spm", "target.spm", "vocab.json"]
        if tok_config.get("separate_vocabs"):
            needed.append("target_vocab.json")
    elif "m2m100" in kind:
        needed = ["vocab.json", "sentencepiece.bpe.model"]
    elif "nllb" in kind:
        if "tokenizer.json" in names or "sentencepiece.bpe.model" in names:
            return None
        return "tokenizer.json or sentencepiece.bpe.model is missing"
    else:
        if any(n in names for n in _TOKENIZER_NAMES) or any(n.endswith((".spm", ".model")) for n in names):
            return None
        return "no tokenizer files (tokenizer.json, source.spm, vocab.json...)"
    missing = [n for n in needed if n not in names]
    if not missing:
        return None
    return f"{_and(missing)} {'is' if len(missing) == 1 else 'are'} missing"


def model_folder_problem(folder: Path, shown: str | None = None) -> str | None:
    """Why a local model folder cannot work, in one line, or None (a cheap look at its files).

    Checks that the folder has a readable ``config.json`` of a supported model type, a
    weights file, and the tokenizer files its tokenizer class needs (Marian:
    ``source.spm``, ``target.spm``, ``vocab.json``). Nothing is imported or loaded.
    ``shown`` is how the folder is named in the message (the folder itself by default).
    """
    shown = shown or str(folder)
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError as exc:
        return f"cannot read model folder {shown} ({exc.strerror or exc})"
    if not names:
        return f"cannot load model {shown}: the folder is empty"
    if "config.json" not in names:
        return f"cannot load model {shown}: config.json is missing"
    config, problem = _json_object(folder / "config.json")
    if problem:
        return f"cannot load model {shown}: {problem}"
    model_type = config.get("model_type")
    if isinstance(model_type, str) and model_type and model_type not in _SUPPORTED_TYPES:
        return f"cannot use model {shown}: model type {model_type!r} is not supported; use a MarianMT, NLLB-200 or M2M100 checkpoint"
    if not any(Path(n).suffix in _WEIGHT_SUFFIXES for n in names):
        return f"cannot load model {shown}: no weights file ({_WEIGHT_NAMES})"
    missing = _missing_tokenizer_files(folder, names, config)
    if missing:
        return f"cannot load the tokenizer of {shown}: {missing}"
    return None


# ISO 639-2/3 codes opus-mt models use, and what we call the language; other three-letter
# codes (mul, roa, zle...) name groups of languages and declare nothing we can compare.
_ISO3 = {
    "eng": "en", "zho": "zh", "chi": "zh", "cmn": "zh", "fra": "fr", "fre": "fr", "deu": "de",
    "ger": "de", "jpn": "ja", "kor": "ko", "spa": "es", "rus": "ru", "por": "pt", "ita": "it",
    "ara": "ar", "vie": "vi", "tha": "th",
}
_OPUS_NAME_RE = re.compile(r"opus-mt-(?:tc-(?:big|base)-)?([a-z]{2,3})-([a-z]{2,3})(?![a-z])")


def _declared(code: object) -> str | None:
    """A language family from a model's language label, or None when it names no one language.

    >>> _declared("zho"), _declared("zh_cn"), _declared("en"), _declared("mul"), _declared(None)
    ('zh', 'zh', 'en', None, None)
    """
    if not isinstance(code, str) or not code.strip():
        return None
    try:
        family = language_family(code)
    except ValueError:
        return None
    if len(family) == 2 and family.isalpha():
        return family
    return _ISO3.get(family)


def declared_languages(model: str, folder: Path | None = None) -> tuple[str | None, str | None]:
    """The (source, target) language families a model says it translates, None where unknown.

    Read from ``tokenizer_config.json`` (``source_lang``/``target_lang``, as opus-mt models
    write them), else from an ``opus-mt-xx-yy`` name: the model id, the folder, the name in
    ``config.json`` or the model a converted folder came from. Multilingual models (NLLB,
    M2M100, ``opus-mt-en-mul``) declare nothing.

    >>> declared_languages("Helsinki-NLP/opus-mt-zh-en")
    ('zh', 'en')
    >>> declared_languages("models/opus-mt-en-zh-ct2"), declared_languages("Helsinki-NLP/opus-mt-en-mul")
    (('en', 'zh'), ('en', None))
    """
    names = [model]
    if folder is not None:
        tok_config, _ = _json_object(folder / "tokenizer_config.json")
        src, tgt = _declared(tok_config.get("source_lang")), _declared(tok_config.get("target_lang"))
        if src or tgt:
            return src, tgt
        config, _ = _json_object(folder / "config.json")
        meta, _ = _json_object(folder / "l10n-model.json")
        names += [folder.name, str(config.get("_name_or_path") or ""), str(meta.get("source_model") or "")]
    for name in names:
        m = _OPUS_NAME_RE.search(name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1])
        if m:
            return _declared(m.group(1)), _declared(m.group(2))
    return None, None

# Our BCP 47 tags -> the codes each model family expects.
LANGUAGE_CODES: dict[str, dict[str, str]] = {
    # opus-mt multi-target models want a ">>xxx<<" prefix on the source; single-target ones none.
    "marian": {"zh-Hans": ">>cmn_Hans<<", "zh-Hant": ">>cmn_Hant<<", "zh": ">>cmn_Hans<<", "en": ">>eng<<"},
    "nllb": {"zh-Hans": "zho_Hans", "zh-Hant": "zho_Hant", "zh": "zho_Hans", "en": "eng_Latn"},
    "m2m100": {"zh-Hans": "zh", "zh-Hant": "zh", "zh": "zh", "en": "en"},
}

_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".msgpack", ".h5")


def language_code(family: str, tag: str) -> str:
    """The code of a language for a model family.

    >>> language_code("nllb", "zh-CN")
    'zho_Hans'
    >>> language_code("marian", "en-GB")
    '>>eng<<'

    :raises UnsupportedLanguage: the family has no code for the language.
    """
    table = LANGUAGE_CODES.get(family, {})
    norm = parse_tag(tag)
    for key in (norm, language_family(norm)):
        if key in table:
            return table[key]
    raise UnsupportedLanguage(f"{family} models have no code for language {norm!r}; known: {', '.join(sorted(table))}")


def detect_family(model_type: str, tokenizer_class: str = "") -> str:
    """``marian``, ``nllb`` or ``m2m100`` from ``config.model_type`` and the tokenizer class.

    >>> detect_family("m2m_100", "NllbTokenizerFast")
    'nllb'
    """
    if model_type == "marian":
        return "marian"
    if model_type == "m2m_100":
        return "nllb" if "nllb" in tokenizer_class.lower() else "m2m100"
    if model_type == "nllb-moe":
        return "nllb"
    raise UnsupportedLanguage(
        f"model type {model_type!r} is not supported; use a MarianMT, NLLB-200 or M2M100 checkpoint"
    )


def resolve_model_dir(model: str) -> Path | None:
    """The local folder of a model: the path itself, or its Hugging Face cache snapshot.

    Returns None when a hub model is not in the local cache (it may still be downloadable).
    """
    path = Path(model).expanduser()
    if path.is_dir():
        return path.resolve()
    if path.is_absolute() or model.startswith((".", "~")) or model.count("/") > 1:
        return None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    found = try_to_load_from_cache(model, "config.json")
    if isinstance(found, str) and os.path.isfile(found):
        return Path(found).parent
    return None


def model_revision(folder: Path) -> str:
    """A cheap fingerprint of a model folder: config.json content plus weight files' size and mtime."""
    h = hashlib.sha256()
    config = folder / "config.json"
    if config.is_file():
        h.update(config.read_bytes())
    for path in sorted(folder.iterdir()):
        if path.suffix in _WEIGHT_SUFFIXES or path.name == "model.bin":
            st = path.stat()
            h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


@runtime_checkable
class Engine(Protocol):
    """What ``suggest`` needs from an MT engine.

    ``translate_batch`` returns, for each input text, up to ``n_best`` hypotheses, best first.
    """

    id: ClassVar[str]
    title: ClassVar[str]
    model: str

    def revision(self) -> str:
        """A fingerprint of the model, part of the cache key (cheap: no model loading)."""
        ...

    def translate_batch(self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1) -> list[list[str]]:
        """Translate texts; raises ``EngineUnavailable`` or ``UnsupportedLanguage``."""
        ...


class ModelEngine:
    """Shared options and model-folder handling of the local seq2seq engines.

    :param model: hub id or local folder.
    :param device: ``auto`` (CUDA when present), ``cpu`` or ``cuda``.
    :param threads: CPU threads (None: the library default).
    :param beam_size: beam width (raised to ``n_best`` when more hypotheses are wanted).
    :param batch_size: segments per batch (batches are length-sorted).
    :param max_new_tokens: output length cap (None: twice the input plus 10, at most 512).
    :param min_new_tokens: minimum output length (benchmarks fix the length with it).
    :param download: fetch a hub model that is not on this machine yet. Off by default, so
        that ``suggest`` and ``run`` never reach the network unless asked to
        (``--download`` or ``download = true`` in ``[tool.l10n.mt]``).
    """

    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    modules: ClassVar[tuple[str, ...]] = ()
    install_hint: ClassVar[str] = MT_INSTALL_HINT

    def __init__(
        self,
        model: str,
        *,
        device: str = "auto",
        threads: int | None = None,
        beam_size: int = 4,
        batch_size: int = 16,
        max_new_tokens: int | None = None,
        min_new_tokens: int | None = None,
        download: bool = False,
    ):
        if beam_size < 1 or batch_size < 1:
            raise ValueError("beam_size and batch_size must be at least 1")
        self.model = model
        self.device = device
        self.threads = threads
        self.beam_size = beam_size
        self.batch_size = batch_size
        self.max_new_tokens = max_new_tokens
        self.min_new_tokens = min_new_tokens
        self.download = bool(download)
        self._revision: str | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.model!r})"

    def model_dir(self) -> Path | None:
        """The local folder of the model, or None when it is not on this machine."""
        return resolve_model_dir(self.model)

    def missing_modules(self) -> list[str]:
        """The Python modules this engine needs that are not installed (nothing is imported)."""
        missing = []
        for name in self.modules:
            try:
                found = importlib.util.find_spec(name) is not None
            except (ImportError, ValueError):
                found = False
            if not found:
                missing.append(name)
        return missing

    def check_installed(self) -> None:
        """Raise :class:`MissingLibraries` (with the install commands) when a module is missing."""
        missing = self.missing_modules()
        if missing:
            names = " and ".join(", ".join(missing).rsplit(", ", 1))
            verb = "is" if len(missing) == 1 else "are"
            reason = f"the {self.id or 'MT'} engine needs {names}, which {verb} not installed"
            raise MissingLibraries(f"{reason}; install with {self.install_hint}", reason=reason, hint=self.install_hint)

    def revision(self) -> str:
        """Fingerprint of the model folder (``unknown`` until a hub model has been downloaded).

        :raises MissingLibraries: the engine's libraries are not installed (checked first).
        :raises MissingModel: the model is not on this machine and may not be downloaded.
        """
        if self._revision is None:
            self.check_installed()
            folder = self.model_dir()
            if folder is None:
                if os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE"):
                    raise MissingModel(
                        f"model {self.model!r} is not on this machine and the hub is offline (HF_HUB_OFFLINE)",
                        model=self.model,
                        offline=True,
                    )
                if not self.download:
                    raise MissingModel(
                        f"model {self.model!r} is not on this machine (no local folder, not in the "
                        "Hugging Face cache); download it once with --download",
                        model=self.model,
                    )
                self.load()
                folder = self.model_dir()
            if folder is not None:
                problem = model_folder_problem(folder, self.model)
                if problem:
                    raise EngineUnavailable(problem)
            self._revision = model_revision(folder) if folder is not None else "unknown"
        return self._revision

    def load(self) -> None:  # pragma: no cover - overridden
        """Import the library and load the model (idempotent)."""
        raise NotImplementedError

    def _length_cap(self, longest_input: int) -> int:
        if self.max_new_tokens is not None:
            return self.max_new_tokens
        return min(512, 2 * longest_input + 10)


def read_json(path: Path) -> dict:
    """A JSON object from a file ({} when the file is missing)."""
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))

"""The ``ctranslate2`` engine: the same models converted for fast CPU inference (int8).

Convert once with ``l10n convert-model MODEL -o DIR --quantization int8``: the converted
folder also holds the original tokenizer files and ``l10n-model.json`` (the model family),
so it is self-contained. ctranslate2 is imported inside :meth:`load` only; the tokenizer
comes through :func:`l10n.suggest.mt.hf.load_tokenizer`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from ...errors import EngineError, EngineUnavailable
from ...workers import available_cores
from .base import ModelEngine, detect_family, model_folder_problem, read_json, resolve_model_dir

__all__ = ["CTranslate2Engine", "convert_model"]

CT2_HINT = "`pip install torch==2.13.0`, then `pip install -e '.[mt,ct2]'`"
META_FILE = "l10n-model.json"
_TOKENIZER_FILES = (
    "tokenizer_config.json", "special_tokens_map.json", "tokenizer.json", "vocab.json",
    "source.spm", "target.spm", "sentencepiece.bpe.model", "spiece.model", "added_tokens.json",
    "generation_config.json",
)


def _import_ct2() -> Any:
    try:
        import ctranslate2
    except ImportError as exc:
        raise EngineUnavailable(f"the ctranslate2 engine needs ctranslate2: {CT2_HINT}") from exc
    return ctranslate2


def convert_model(
    model: str, output_dir: str | Path, *, quantization: str | None = "int8", force: bool = False,
    download: bool = False,
) -> Path:
    """Convert a transformers checkpoint (hub id or folder) to a self-contained CTranslate2 folder.

    A hub model that is not on this machine is only fetched with ``download``.

    :returns: the output folder.
    :raises EngineUnavailable: ctranslate2/transformers missing or the model not found.
    """
    ctranslate2 = _import_ct2()
    out = Path(output_dir)
    folder = resolve_model_dir(model)
    if folder is None and not download:
        raise EngineUnavailable(
            f"model {model!r} is not on this machine (no local folder, not in the Hugging Face cache); "
            "pass a local folder, or --download to fetch it"
        )
    problem = model_folder_problem(folder, model) if folder is not None else None
    if problem:
        raise EngineUnavailable(f"{problem}; nothing was converted")
    source = str(folder) if folder is not None else model
    from .hf import load_tokenizer

    tokenizer = load_tokenizer(source)
    try:
        converter = ctranslate2.converters.TransformersConverter(source, low_cpu_mem_usage=True)
        converter.convert(str(out), quantization=quantization, force=force)
    except (OSError, ValueError) as exc:
        raise EngineUnavailable(f"cannot convert {model!r}: {exc}".splitlines()[0]) from exc
    except RuntimeError as exc:
        raise EngineError(f"conversion of {model!r} failed: {exc}".splitlines()[0]) from exc
    folder = resolve_model_dir(model)
    config = read_json(folder / "config.json") if folder else {}
    if folder is not None:
        for name in _TOKENIZER_FILES:
            if (folder / name).is_file():
                shutil.copy2(folder / name, out / name)
    else:  # pragma: no cover - hub model that was not cached: save the tokenizer ourselves
        tokenizer.save_pretrained(str(out))
    meta = {
        "source_model": model,
        "model_type": config.get("model_type", ""),
        "family": detect_family(config.get("model_type", ""), type(tokenizer).__name__),
        "quantization": quantization or "none",
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return out


class CTranslate2Engine(ModelEngine):
    """CTranslate2: converted MarianMT/NLLB/M2M100 models, int8 on CPU (convert with `l10n convert-model`)."""

    id: ClassVar[str] = "ctranslate2"
    title: ClassVar[str] = "CTranslate2: the same models converted with `l10n convert-model` (int8 on CPU)"
    modules: ClassVar[tuple[str, ...]] = ("ctranslate2", "transformers", "sentencepiece")
    install_hint: ClassVar[str] = CT2_HINT

    def __init__(self, model: str, *, compute_type: str = "default", **options: Any):
        super().__init__(model, **options)
        self.compute_type = compute_type
        self._translator: Any = None
        self._tokenizer: Any = None
        self._folder: Path | None = None
        self._workers = 1
        self.family: str | None = None

    def model_dir(self) -> Path | None:
        """The converted folder (it must hold ``model.bin``)."""
        path = Path(self.model).expanduser()
        return path.resolve() if (path / "model.bin").is_file() else None

    def revision(self) -> str:
        """Fingerprint of the converted folder (the libraries are checked first)."""
        self.check_installed()
        if self.model_dir() is None:
            raise EngineUnavailable(
                f"{self.model!r} is not a converted CTranslate2 model folder; "
                f"create one with `l10n convert-model {self.model} -o DIR --quantization int8`"
            )
        return super().revision()

    def load(self) -> None:
        """Import ctranslate2, open the converted model and its tokenizer."""
        if self._translator is not None:
            return
        ctranslate2 = _import_ct2()
        folder = self.model_dir()
        if folder is None:
            self.revision()  # raises the explanatory EngineUnavailable
            return
        from .hf import load_tokenizer

        self._tokenizer = load_tokenizer(folder)
        meta = read_json(folder / META_FILE)
        self.family = meta.get("family") or detect_family(meta.get("model_type", "marian"), type(self._tokenizer).__name__)
        device = self.device
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        self._folder = folder
        try:
            self._translator = self._open(folder, device)
        except (RuntimeError, ValueError) as exc:
            if self.device != "auto" or device == "cpu":
                raise EngineUnavailable(f"cannot load CTranslate2 model {folder}: {exc}".splitlines()[0]) from exc
            # A GPU is present but its CUDA libraries do not match ctranslate2's: use the CPU.
            self._translator = self._open(folder, "cpu")

    def _open(self, folder: Path, device: str) -> Any:
        import ctranslate2

        options: dict[str, Any] = {"device": device, "compute_type": self.compute_type}
        if device == "cpu":
            # Throughput over many batches: one batch per core at a time (inter_threads)
            # beats all cores on one batch (intra_threads) by about 1.5x on small CPUs.
            workers = max(1, int(self.threads or available_cores()))
            options["inter_threads"] = workers
            options["intra_threads"] = 1
            self._workers = workers
        elif self.threads:
            options["intra_threads"] = int(self.threads)
        return ctranslate2.Translator(str(folder), **options)

    def translate_batch(self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1) -> list[list[str]]:
        """Translate ``texts``; for each, up to ``n_best`` hypotheses, best first."""
        if not texts:
            return []
        self.load()
        from .hf import decode, prepare_inputs

        tok = self._tokenizer
        prepared, target_token = prepare_inputs(tok, self.family or "marian", texts, source, target)
        tokens = [tok.convert_ids_to_tokens(ids) for ids in tok(prepared)["input_ids"]]
        longest = max(len(t) for t in tokens)
        options: dict[str, Any] = {
            "beam_size": max(self.beam_size, n_best),
            "num_hypotheses": n_best,
            # Enough batches to keep every worker thread busy (see _open).
            "max_batch_size": max(1, min(self.batch_size, -(-len(tokens) // self._workers))),
            "max_decoding_length": self._length_cap(longest),
        }
        if self.min_new_tokens:
            options["min_decoding_length"] = self.min_new_tokens
        if target_token is not None:
            options["target_prefix"] = [[target_token]] * len(tokens)
        try:
            try:
                results = self._translator.translate_batch(tokens, **options)
            except RuntimeError as exc:
                if self.device != "auto" or self._translator.device == "cpu" or "librar" not in str(exc).lower():
                    raise
                # ctranslate2 saw a GPU but cannot load the CUDA libraries it was built for
                # (e.g. libcublas.so.12 next to CUDA 13): fall back to the CPU once.
                self._translator = self._open(self._folder, "cpu")
                results = self._translator.translate_batch(tokens, **options)
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"translation with {self.model!r} failed: {exc}".splitlines()[0]) from exc
        out = []
        for result in results:
            hyps = []
            for hyp in result.hypotheses:
                if target_token is not None and hyp and hyp[0] == target_token:
                    hyp = hyp[1:]
                hyps.append(decode(tok, tok.convert_tokens_to_ids(hyp)))
            out.append(list(dict.fromkeys(hyps)))
        return out

"""The ``transformers`` engine: any seq2seq checkpoint (MarianMT, NLLB-200, M2M100).

The only module that imports transformers and torch, and only inside :meth:`load` (and
:func:`load_tokenizer`), so ``import l10n`` never needs them. Install with
``pip install torch==2.13.0`` then ``pip install -e '.[mt]'``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from ...errors import EngineError, EngineUnavailable, UnsupportedLanguage
from .base import MT_INSTALL_HINT, ModelEngine, detect_family, language_code, model_folder_problem

__all__ = ["TransformersEngine", "decode", "language_token_ids", "load_tokenizer", "prepare_inputs"]

MT_EXTRA_HINT = MT_INSTALL_HINT


def _import_transformers() -> Any:
    try:
        import transformers
    except ImportError as exc:
        raise EngineUnavailable(
            f"the transformers engine needs the mt extra ({exc.name} is missing): {MT_EXTRA_HINT}"
        ) from exc
    # Our CLI draws its own progress (or none in CI): no per-file loading bars.
    transformers.utils.logging.disable_progress_bar()
    return transformers


def load_tokenizer(source: str | Path) -> Any:
    """The Hugging Face tokenizer of a model folder or hub id.

    A local folder is looked at first, so a missing file is named ("source.spm is
    missing") instead of surfacing as whatever the tokenizer class happens to raise.

    :raises EngineUnavailable: transformers is missing or the tokenizer cannot be loaded.
    """
    transformers = _import_transformers()
    folder = Path(source)
    if folder.is_dir():
        problem = model_folder_problem(folder, str(source))
        if problem:
            raise EngineUnavailable(problem)
    try:
        with warnings.catch_warnings():
            # MarianTokenizer recommends sacremoses, which only affects rare punctuation.
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            return transformers.AutoTokenizer.from_pretrained(str(source))
    except (OSError, ValueError, TypeError, AssertionError, KeyError, AttributeError, RuntimeError) as exc:
        # Tokenizer classes fail on broken files in many ways (MarianTokenizer: TypeError on a
        # missing path, AssertionError from sentencepiece): all of them mean the same to a user.
        why = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EngineUnavailable(f"cannot load the tokenizer of {source}: {why}") from exc


def prepare_inputs(tokenizer: Any, family: str, texts: Sequence[str], source: str, target: str) -> tuple[list[str], str | None]:
    """Apply a family's language conventions: (texts to encode, target language token or None).

    Marian multi-target models get a ``>>cmn_Hans<<`` prefix on each source text; NLLB and
    M2M100 get the source language set on the tokenizer and return the target token that
    must start the output (``forced_bos_token_id`` / ``target_prefix``).
    """
    if family == "marian":
        supported = list(getattr(tokenizer, "supported_language_codes", None) or [])
        if not supported:
            return list(texts), None
        code = language_code("marian", target)
        if code not in supported:
            alt = [c for c in supported if c.startswith(code[:5])]
            if not alt:
                raise UnsupportedLanguage(f"this Marian model cannot translate into {target!r}; it knows {', '.join(supported[:8])}")
            code = alt[0]
        return [f"{code} {t}" for t in texts], None
    src_code = language_code(family, source)
    tgt_code = language_code(family, target)
    tokenizer.src_lang = src_code
    if family == "m2m100":
        return list(texts), f"__{tgt_code}__"
    return list(texts), tgt_code


def language_token_ids(tokenizer: Any) -> set[int]:
    """Ids of language tokens that ``skip_special_tokens`` keeps (M2M100's ``__en__``)."""
    return set(getattr(tokenizer, "lang_code_to_id", {}).values())


def decode(tokenizer: Any, ids: Sequence[int]) -> str:
    """Token ids -> text without special or language tokens."""
    drop = language_token_ids(tokenizer)
    return tokenizer.decode([i for i in ids if i not in drop], skip_special_tokens=True).strip()


class TransformersEngine(ModelEngine):
    """Local seq2seq models with transformers (MarianMT, NLLB-200, M2M100): batched, length-sorted."""

    id: ClassVar[str] = "transformers"
    title: ClassVar[str] = "Hugging Face transformers: MarianMT, NLLB-200, M2M100 (hub id or local folder)"
    modules: ClassVar[tuple[str, ...]] = ("transformers", "torch", "sentencepiece")

    def __init__(self, model: str, **options: Any):
        super().__init__(model, **options)
        self._tokenizer: Any = None
        self._model: Any = None
        self._torch: Any = None
        self.family: str | None = None

    def load(self) -> None:
        """Import transformers and torch, load tokenizer and model, pick the device."""
        if self._model is not None:
            return
        transformers = _import_transformers()
        try:
            import torch
        except ImportError as exc:  # pragma: no cover - transformers without torch
            raise EngineUnavailable(f"the transformers engine needs torch: {MT_EXTRA_HINT}") from exc
        self._torch = torch
        if self.threads:
            torch.set_num_threads(int(self.threads))
        folder = self.model_dir()
        source = str(folder) if folder is not None else self.model
        self._tokenizer = load_tokenizer(source)
        try:
            model = transformers.AutoModelForSeq2SeqLM.from_pretrained(source)
        except (OSError, ValueError) as exc:
            raise EngineUnavailable(f"cannot load model {self.model!r}: {exc}".splitlines()[0]) from exc
        self.family = detect_family(model.config.model_type, type(self._tokenizer).__name__)
        device = self.device
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self._device = device
        self._model = model.to(device).eval()

    def translate_batch(self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1) -> list[list[str]]:
        """Translate ``texts``; for each, up to ``n_best`` hypotheses, best first."""
        if not texts:
            return []
        self.load()
        tok, torch = self._tokenizer, self._torch
        prepared, target_token = prepare_inputs(tok, self.family or "marian", texts, source, target)
        gen: dict[str, Any] = {"max_length": None}
        if target_token is not None:
            token_id = tok.convert_tokens_to_ids(target_token)
            if token_id is None or token_id == tok.unk_token_id:
                raise UnsupportedLanguage(f"model {self.model!r} has no language token {target_token!r}")
            gen["forced_bos_token_id"] = token_id
        if self.min_new_tokens:
            gen["min_new_tokens"] = self.min_new_tokens
        beams = max(self.beam_size, n_best)
        lengths = [len(ids) for ids in tok(prepared)["input_ids"]]
        order = sorted(range(len(prepared)), key=lambda i: -lengths[i])
        out: list[list[str]] = [[] for _ in prepared]
        # Positions beyond the model's table crash generate(): truncate input and output there.
        limit = min(512, int(getattr(self._model.config, "max_position_embeddings", 512) or 512))
        try:
            with torch.inference_mode():
                for start in range(0, len(order), self.batch_size):
                    idx = order[start : start + self.batch_size]
                    batch = tok([prepared[i] for i in idx], return_tensors="pt", padding=True, truncation=True, max_length=limit)
                    batch = {k: v.to(self._device) for k, v in batch.items()}
                    result = self._model.generate(
                        **batch,
                        num_beams=beams,
                        num_return_sequences=n_best,
                        max_new_tokens=min(limit - 1, self._length_cap(max(lengths[i] for i in idx))),
                        do_sample=False,
                        **gen,
                    )
                    decoded = [decode(tok, row.tolist()) for row in result]
                    for j, i in enumerate(idx):
                        hyps = decoded[j * n_best : (j + 1) * n_best]
                        out[i] = list(dict.fromkeys(hyps))
        except (RuntimeError, IndexError, ValueError) as exc:
            raise EngineError(f"translation with {self.model!r} failed: {exc}".splitlines()[0]) from exc
        return out

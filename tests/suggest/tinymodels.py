"""Builders for tiny local MT checkpoints (no download): Marian trained briefly, NLLB and M2M100 random.

The parallel set below is original text written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

PARALLEL = [
    ("研究所发布了年度报告。", "The institute released its annual report."),
    ("研究所今天举行了开放日。", "The institute held an open day today."),
    ("实验室获得了新的资助。", "The laboratory received new funding."),
    ("团队完成了海洋调查。", "The team completed the ocean survey."),
    ("学生参观了实验室。", "Students visited the laboratory."),
    ("会议在北京举行。", "The meeting was held in Beijing."),
    ("专家讨论了气候变化。", "Experts discussed climate change."),
    ("研究人员发表了论文。", "Researchers published a paper."),
    ("项目进展顺利。", "The project is progressing well."),
    ("欢迎合作伙伴。", "Partners are welcome."),
    ("[X0X]年研究所成立。", "The institute was founded in [X0X]."),
    ("详情请见[X0X]。", "For details see [X0X]."),
    ("团队发布了数据。", "The team released data."),
    ("报告介绍了新技术。", "The report introduced new technology."),
    ("海洋研究很重要。", "Ocean research is important."),
    ("年轻科学家获奖。", "Young scientists won awards."),
]


def _train_spm(sentences: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    text = prefix.with_suffix(".txt")
    text.write_text("\n".join(sentences * 4) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        hard_vocab_limit=False,
        character_coverage=1.0,
        minloglevel=2,
        num_threads=1,
    )
    return prefix.with_suffix(".model")


def _pieces(model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not sp.is_control(i) and not sp.is_unknown(i)]


def build_marian(folder: Path, *, train_steps: int = 300, seed: int = 0) -> Path:
    """A zh->en Marian model in the opus-mt layout, trained to reproduce PARALLEL exactly."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    work = folder / "_spm"
    work.mkdir(exist_ok=True)
    src_model = _train_spm([zh for zh, _ in PARALLEL], work / "zh", 120)
    tgt_model = _train_spm([en for _, en in PARALLEL], work / "en", 120)
    vocab = ["</s>", "<unk>"]
    for piece in _pieces(src_model) + _pieces(tgt_model):
        if piece not in vocab:
            vocab.append(piece)
    vocab.append("<pad>")
    (folder / "vocab.json").write_text(json.dumps({p: i for i, p in enumerate(vocab)}, ensure_ascii=False), encoding="utf-8")
    (folder / "source.spm").write_bytes(src_model.read_bytes())
    (folder / "target.spm").write_bytes(tgt_model.read_bytes())
    tok = MarianTokenizer(str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json"))
    tok.save_pretrained(str(folder))
    pad = len(vocab) - 1
    config = MarianConfig(
        vocab_size=len(vocab), d_model=48, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=96, decoder_ffn_dim=96,
        max_position_embeddings=64, pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
        forced_eos_token_id=0, dropout=0.0, attention_dropout=0.0, activation_dropout=0.0,
        scale_embedding=True, share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    batch = tok([zh for zh, _ in PARALLEL], text_target=[en for _, en in PARALLEL], return_tensors="pt", padding=True)
    labels = batch["labels"]
    labels[labels == pad] = -100
    batch["labels"] = labels
    optim = torch.optim.Adam(model.parameters(), lr=3e-3)
    emb = model.get_input_embeddings()
    model.train()
    for _ in range(train_steps):
        loss = model(**batch).loss
        optim.zero_grad()
        loss.backward()
        optim.step()
        # CTranslate2 assumes a zero <pad> embedding row (true in real opus-mt checkpoints).
        with torch.no_grad():
            emb.weight[pad].zero_()
    model.eval()
    model.generation_config.num_beams = 1
    model.generation_config.max_length = None
    model.save_pretrained(str(folder))
    return folder


def build_m2m100(folder: Path, spm_model: Path) -> Path:
    """A random-weight M2M100 checkpoint with a real M2M100Tokenizer (languages zh, en)."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocab = ["<s>", "<pad>", "</s>", "<unk>"]
    for piece in _pieces(spm_model):
        if piece not in vocab:
            vocab.append(piece)
    (folder / "vocab.json").write_text(json.dumps({p: i for i, p in enumerate(vocab)}, ensure_ascii=False), encoding="utf-8")
    (folder / "sentencepiece.bpe.model").write_bytes(spm_model.read_bytes())
    tok = M2M100Tokenizer(str(folder / "vocab.json"), str(folder / "sentencepiece.bpe.model"), src_lang="zh", tgt_lang="en")
    tok.save_pretrained(str(folder))
    # len(tokenizer) excludes the __xx__ language tokens: size the model from the largest id.
    size = max(max(tok.lang_code_to_id.values()), len(tok)) + 1
    torch.manual_seed(1)
    config = M2M100Config(
        vocab_size=size, d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=64,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
    )
    model = M2M100ForConditionalGeneration(config).eval()
    model.generation_config.max_length = None
    model.save_pretrained(str(folder))
    return folder


def build_nllb(folder: Path) -> Path:
    """A random-weight NLLB-shaped checkpoint (M2M100 architecture, NllbTokenizer)."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    chars = sorted({c for zh, en in PARALLEL for c in zh + en.replace(" ", "▁")} | {"▁"})
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for c in chars:
        vocab.setdefault(c, len(vocab))
    tok = NllbTokenizer(vocab=vocab, merges=[], src_lang="zho_Hans", tgt_lang="eng_Latn")
    tok.save_pretrained(str(folder))
    torch.manual_seed(2)
    config = M2M100Config(
        vocab_size=len(tok) + 1, d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=64,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
    )
    model = M2M100ForConditionalGeneration(config).eval()
    model.generation_config.max_length = None
    model.save_pretrained(str(folder))
    return folder

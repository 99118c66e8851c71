"""The transformers engine on tiny local checkpoints (real loading and generation, no download)."""

from __future__ import annotations

import pytest

from l10n.errors import EngineUnavailable, UnsupportedLanguage
from l10n.suggest import suggest_catalogs
from l10n.suggest.mt import get_engine
from l10n.suggest.mt.hf import TransformersEngine

from ..tinymodels import PARALLEL

pytestmark = [pytest.mark.mt, pytest.mark.slow]


def _recording(engine):
    engine.load()
    calls = []
    generate = engine._model.generate

    def record(**kwargs):
        result = generate(**kwargs)
        calls.append((kwargs, result))
        return result

    engine._model.generate = record
    return calls


def test_a_tiny_marian_model_translates_its_training_set_exactly(tiny_marian):
    engine = get_engine("transformers", str(tiny_marian), beam_size=1, batch_size=4, threads=1)
    out = engine.translate_batch([zh for zh, _ in PARALLEL], "zh-Hans", "en")
    assert [hyps[0] for hyps in out] == [en for _, en in PARALLEL]
    assert engine.family == "marian"


def test_batches_are_length_sorted_and_results_come_back_in_input_order(tiny_marian):
    engine = TransformersEngine(str(tiny_marian), beam_size=1, batch_size=2)
    calls = _recording(engine)
    texts = ["欢迎合作伙伴。", "研究所今天举行了开放日。", "项目进展顺利。"]
    out = engine.translate_batch(texts, "zh-Hans", "en")
    assert [o[0] for o in out] == ["Partners are welcome.", "The institute held an open day today.", "The project is progressing well."]
    first_batch = calls[0][0]["input_ids"]
    assert first_batch.shape[0] == 2
    assert (first_batch != engine._tokenizer.pad_token_id).sum(dim=1).tolist()[0] >= first_batch.shape[1] - 1


def test_n_best_returns_distinct_hypotheses_best_first(tiny_marian):
    engine = TransformersEngine(str(tiny_marian), beam_size=1)
    hyps = engine.translate_batch(["研究所发布了年度报告。"], "zh-Hans", "en", n_best=3)[0]
    assert hyps[0] == "The institute released its annual report."
    assert 1 < len(hyps) <= 3 and len(set(hyps)) == len(hyps)


def test_suggest_writes_protected_and_restored_mt_through_the_real_engine(tiny_marian, project):
    project.write("doc", [{"msgid": "1962年研究所成立。"}, {"msgid": "详情请见<1/>。"}, {"msgid": "学生参观了实验室。"}])
    report = suggest_catalogs(project.config, model=str(tiny_marian), glossary=False, engine_options={"beam_size": 1})
    entries = project.entries("doc")
    assert entries["1962年研究所成立。"].msgstr == "The institute was founded in 1962."
    assert entries["详情请见<1/>。"].msgstr == "For details see <1/>."
    assert entries["学生参观了实验室。"].msgstr == "Students visited the laboratory."
    assert entries["学生参观了实验室。"].auto_comment == f"suggestion: mt {tiny_marian.name}"
    assert report.counts["mt"] == 3 and report.mt_unavailable is None
    again = suggest_catalogs(project.config, model=str(tiny_marian), glossary=False, refresh=True)
    assert again.counts.get("mt-cached", 0) == 0 or again.changed == ()


def test_the_revision_changes_when_the_weights_change(tiny_marian, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(tiny_marian, copy)
    before = TransformersEngine(str(copy)).revision()
    weights = next(copy.glob("*.safetensors"))
    weights.write_bytes(weights.read_bytes() + b"\0")
    assert TransformersEngine(str(copy)).revision() != before


def test_m2m100_gets_the_source_language_token_and_a_forced_target_token(tiny_m2m100):
    engine = TransformersEngine(str(tiny_m2m100), beam_size=1, max_new_tokens=4)
    calls = _recording(engine)
    out = engine.translate_batch(["研究所发布了年度报告。"], "zh-Hans", "en")
    kwargs, result = calls[0]
    tok = engine._tokenizer
    assert engine.family == "m2m100"
    assert tok.convert_ids_to_tokens(kwargs["input_ids"][0].tolist())[0] == "__zh__"
    assert kwargs["forced_bos_token_id"] == tok.convert_tokens_to_ids("__en__")
    assert result[0, 1].item() == tok.convert_tokens_to_ids("__en__")
    assert "__en__" not in out[0][0]


def test_nllb_gets_zho_hans_source_and_eng_latn_target(tiny_nllb):
    engine = TransformersEngine(str(tiny_nllb), beam_size=1, max_new_tokens=4)
    calls = _recording(engine)
    engine.translate_batch(["研究所发布了年度报告。"], "zh-Hans", "en")
    kwargs, result = calls[0]
    tok = engine._tokenizer
    assert engine.family == "nllb"
    assert tok.convert_ids_to_tokens(kwargs["input_ids"][0].tolist())[0] == "zho_Hans"
    assert kwargs["forced_bos_token_id"] == tok.convert_tokens_to_ids("eng_Latn")
    assert result[0, 1].item() == tok.convert_tokens_to_ids("eng_Latn")
    engine.translate_batch(["The team released data."], "en", "zh-Hans")
    assert calls[1][0]["forced_bos_token_id"] == tok.convert_tokens_to_ids("zho_Hans")


def test_a_language_the_family_does_not_know_is_unsupported(tiny_nllb):
    with pytest.raises(UnsupportedLanguage):
        TransformersEngine(str(tiny_nllb)).translate_batch(["x"], "zh-Hans", "tlh")


def test_a_missing_model_is_unavailable_offline(hf_offline, tmp_path):
    with pytest.raises(EngineUnavailable, match="not on this machine"):
        TransformersEngine("Helsinki-NLP/opus-mt-does-not-exist").revision()
    with pytest.raises(EngineUnavailable):
        TransformersEngine(str(tmp_path)).translate_batch(["x"], "zh-Hans", "en")


def _copy_without(model, tmp_path, *missing):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(model, copy)
    for name in missing:
        (copy / name).unlink()
    return copy


@pytest.mark.parametrize("missing", [("source.spm",), ("source.spm", "target.spm", "vocab.json")])
def test_a_model_folder_without_tokenizer_files_names_them_instead_of_crashing(tiny_marian, tmp_path, missing):
    from l10n.suggest.mt.hf import load_tokenizer

    copy = _copy_without(tiny_marian, tmp_path, *missing)
    with pytest.raises(EngineUnavailable, match=f"cannot load the tokenizer of {copy}: .*{missing[-1]}.* missing"):
        load_tokenizer(copy)
    with pytest.raises(EngineUnavailable, match="cannot load the tokenizer"):
        TransformersEngine(str(copy)).translate_batch(["欢迎合作伙伴。"], "zh-Hans", "en")


def test_a_corrupt_tokenizer_file_is_engine_unavailable_not_a_traceback(tiny_marian, tmp_path):
    from l10n.suggest.mt.hf import load_tokenizer

    copy = _copy_without(tiny_marian, tmp_path)
    (copy / "source.spm").write_bytes(b"not a sentencepiece model")
    with pytest.raises(EngineUnavailable, match=f"cannot load the tokenizer of {copy}: "):
        load_tokenizer(copy)


def test_suggest_with_a_configured_model_missing_its_tokenizer_fills_memory_and_says_why(tiny_marian, project, capsys, monkeypatch):
    from l10n.cli import main

    monkeypatch.setenv("CI", "1")
    copy = _copy_without(tiny_marian, project.root, "source.spm", "target.spm", "vocab.json")
    (project.root / "pyproject.toml").write_text(f'[tool.l10n.mt.models]\n"zh-Hans:en" = "{copy.name}"\n', encoding="utf-8")
    project.write("old", [{"msgid": "欢迎合作伙伴。", "msgstr": "Partners are welcome."}])
    project.write("new", [{"msgid": "欢迎合作伙伴。"}, {"msgid": "学生参观了实验室。"}])
    assert main(["--project", str(project.root), "suggest"]) == 0
    [line] = [line for line in capsys.readouterr().err.splitlines() if "MT is off" in line]
    assert "(cannot load the tokenizer of copy: source.spm, target.spm and vocab.json are missing)" in line
    assert "1 memory suggestion written" in line
    assert project.entries("new")["欢迎合作伙伴。"].msgstr == "Partners are welcome."


def test_model_option_with_an_opus_mt_zh_en_model_skips_the_en_zh_pair(tiny_marian, project):
    assert tiny_marian.name.endswith("opus-mt-zh-en")
    project.write("news", [{"msgid": "学生参观了实验室。"}])
    project.write("talk", [{"msgid": "The team released data."}], lang="zh-Hans", source_lang="en")
    report = suggest_catalogs(project.config, model=str(tiny_marian), glossary=False, engine_options={"beam_size": 1})
    assert project.entries("news")["学生参观了实验室。"].msgstr == "Students visited the laboratory."
    assert project.entries("talk", "zh-Hans")["The team released data."].msgstr == ""
    assert f"--model {tiny_marian.name} translates zh->en, so en->zh-Hans was skipped" in report.mt_unavailable

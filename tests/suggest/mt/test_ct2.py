"""The ctranslate2 engine on the tiny Marian model converted with convert_model."""

from __future__ import annotations

import pytest

from l10n.cli import main
from l10n.errors import EngineUnavailable
from l10n.suggest import suggest_catalogs
from l10n.suggest.mt import get_engine

from ..tinymodels import PARALLEL

pytestmark = [pytest.mark.mt, pytest.mark.slow]


def test_the_converted_folder_is_self_contained(tiny_marian_ct2):
    names = {p.name for p in tiny_marian_ct2.iterdir()}
    assert {"model.bin", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "l10n-model.json"} <= names


def test_ctranslate2_gives_the_same_greedy_output_as_transformers(tiny_marian, tiny_marian_ct2):
    texts = [zh for zh, _ in PARALLEL]
    ct2 = get_engine("ctranslate2", str(tiny_marian_ct2), beam_size=1, threads=1)
    hf = get_engine("transformers", str(tiny_marian), beam_size=1)
    assert ct2.translate_batch(texts, "zh-Hans", "en") == hf.translate_batch(texts, "zh-Hans", "en")
    assert [h[0] for h in ct2.translate_batch(texts, "zh-Hans", "en")] == [en for _, en in PARALLEL]


def test_ctranslate2_returns_an_n_best_list(tiny_marian_ct2):
    hyps = get_engine("ctranslate2", str(tiny_marian_ct2)).translate_batch(["研究所发布了年度报告。"], "zh-Hans", "en", n_best=3)[0]
    assert hyps[0] == "The institute released its annual report." and len(hyps) > 1


def test_suggest_with_the_ctranslate2_engine(tiny_marian_ct2, project):
    project.write("doc", [{"msgid": "海洋研究很重要。"}])
    report = suggest_catalogs(project.config, engine="ctranslate2", model=str(tiny_marian_ct2), glossary=False)
    assert project.entries("doc")["海洋研究很重要。"].msgstr == "Ocean research is important."
    assert report.counts["mt"] == 1


def test_a_model_that_was_not_converted_is_unavailable_with_the_command_to_run(tiny_marian):
    with pytest.raises(EngineUnavailable, match="convert-model"):
        get_engine("ctranslate2", str(tiny_marian)).revision()


def test_cli_convert_model_quantizes_to_int8(tiny_marian, tmp_path):
    out = tmp_path / "int8"
    assert main(["convert-model", str(tiny_marian), "-o", str(out), "--quantization", "int8"]) == 0
    engine = get_engine("ctranslate2", str(out), beam_size=1)
    assert engine.translate_batch(["欢迎合作伙伴。"], "zh-Hans", "en")[0][0]


def test_a_converted_folder_without_tokenizer_files_is_exit_2_with_model_and_names_them(tiny_marian_ct2, project, tmp_path, capsys):
    import shutil

    copy = tmp_path / "ct2-notok"
    shutil.copytree(tiny_marian_ct2, copy)
    for name in ("source.spm", "target.spm", "vocab.json"):
        (copy / name).unlink()
    path = project.write("doc", [{"msgid": "海洋研究很重要。"}])
    before = path.read_bytes()
    assert main(["--project", str(project.root), "suggest", "--engine", "ctranslate2", "--model", str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"l10n: error: cannot load the tokenizer of {copy}: source.spm, target.spm and vocab.json are missing")
    assert path.read_bytes() == before


def test_convert_model_of_a_folder_missing_a_tokenizer_file_is_exit_2(tiny_marian, tmp_path, capsys):
    import shutil

    copy = tmp_path / "nosrc"
    shutil.copytree(tiny_marian, copy)
    (copy / "source.spm").unlink()
    assert main(["convert-model", str(copy), "-o", str(tmp_path / "out")]) == 2
    assert "source.spm is missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()

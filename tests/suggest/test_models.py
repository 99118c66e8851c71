"""Model folders and language pairs as users get them wrong: broken folders, the wrong pair,
relative paths, keys for a language the project does not use; and figures checked in every
suggestion. No model is loaded here: the folders are looked at, not opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10n.cli import main
from l10n.errors import ConfigError
from l10n.suggest import suggest_catalogs
from l10n.suggest.cache import CacheKey, open_cache
from l10n.suggest.mt.base import check_model_argument, declared_languages, model_folder_problem

from .conftest import DoubleEngine

REPORT = {"msgid": "研究所发布了年度报告。", "msgstr": "The institute released its annual report."}
MARIAN_FILES = ("source.spm", "target.spm", "vocab.json")


def fake_model(folder: Path, *, files=MARIAN_FILES, langs: tuple[str, str] | None = None, model_type="marian") -> Path:
    """A folder laid out like an opus-mt checkpoint (the files hold nothing a library could load)."""
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps({"model_type": model_type}), encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"not weights")
    tok = {"tokenizer_class": "MarianTokenizer", "source_lang": None, "target_lang": None}
    if langs:
        tok["source_lang"], tok["target_lang"] = langs
    (folder / "tokenizer_config.json").write_text(json.dumps(tok), encoding="utf-8")
    for name in files:
        (folder / name).write_bytes(b"x")
    return folder


@pytest.fixture
def no_libraries_needed(monkeypatch):
    """The engines' libraries count as installed, so these tests run without the mt extra."""
    from l10n.suggest.mt.ct2 import CTranslate2Engine
    from l10n.suggest.mt.hf import TransformersEngine

    monkeypatch.setattr(TransformersEngine, "modules", ())
    monkeypatch.setattr(CTranslate2Engine, "modules", ())


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- broken model folders


@pytest.mark.parametrize(
    ("files", "what"),
    [
        ((), "source.spm, target.spm and vocab.json are missing"),
        (("target.spm", "vocab.json"), "source.spm is missing"),
    ],
)
def test_a_model_folder_without_tokenizer_files_is_named_with_what_is_missing(tmp_path, files, what):
    folder = fake_model(tmp_path / "notok", files=files)
    assert model_folder_problem(folder, "models/notok") == f"cannot load the tokenizer of models/notok: {what}"


@pytest.mark.parametrize(
    ("setup", "what"),
    [
        (lambda f: None, "the folder is empty"),
        (lambda f: (f / "config.json").write_text("{not json", encoding="utf-8"), "config.json is not valid JSON"),
        (lambda f: (f / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8"), "no weights file"),
    ],
)
def test_an_empty_or_broken_model_folder_is_described_in_one_line(tmp_path, setup, what):
    folder = tmp_path / "m"
    folder.mkdir()
    setup(folder)
    problem = model_folder_problem(folder)
    assert problem and what in problem and "\n" not in problem


def test_a_complete_model_folder_has_no_problem(tmp_path):
    assert model_folder_problem(fake_model(tmp_path / "ok")) is None


def test_an_unsupported_model_type_is_refused_before_loading(tmp_path):
    folder = fake_model(tmp_path / "bert", model_type="bert")
    assert "model type 'bert' is not supported" in model_folder_problem(folder)


def test_a_configured_model_without_tokenizer_turns_mt_off_in_one_line_and_memory_is_still_written(project, no_libraries_needed):
    fake_model(project.root / "models" / "notok", files=())
    (project.root / "pyproject.toml").write_text('[tool.l10n.mt.models]\n"zh-Hans:en" = "models/notok"\n', encoding="utf-8")
    project.write("old", [REPORT])
    project.write("new", [{"msgid": "研究所发布了年度报告。"}, {"msgid": "欢迎。"}])
    report = suggest_catalogs(project.config, glossary=False)
    assert report.counts == {"tm-exact": 1}
    assert report.mt_unavailable.startswith(
        "MT is off for zh-Hans->en (cannot load the tokenizer of models/notok: "
        "source.spm, target.spm and vocab.json are missing); 1 memory suggestion written."
    )


def test_cli_suggest_with_a_configured_broken_model_exits_0(project, no_libraries_needed, capsys, monkeypatch):
    monkeypatch.setenv("CI", "1")
    fake_model(project.root / "models" / "notok", files=())
    (project.root / "pyproject.toml").write_text('[tool.l10n.mt.models]\n"zh-Hans:en" = "models/notok"\n', encoding="utf-8")
    project.write("new", [{"msgid": "欢迎。"}])
    assert main(["--project", str(project.root), "suggest"]) == 0
    [line] = [line for line in capsys.readouterr().err.splitlines() if "MT is off" in line]
    assert "cannot load the tokenizer of models/notok" in line


@pytest.mark.parametrize("command", ["suggest", "run"])
def test_a_broken_model_folder_given_with_model_is_exit_2_in_one_line_and_changes_nothing(project, tmp_path, capsys, command):
    folder = fake_model(tmp_path / "notok", files=())
    (project.root / "source_docs" / "zh-Hans" / "news.txt").write_text("研究所发布了年度报告。\n", encoding="utf-8")
    project.write("news", [{"msgid": "欢迎。"}])
    before = snapshot(project.root)
    assert main(["--project", str(project.root), command, "--model", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"l10n: error: cannot load the tokenizer of {folder}: source.spm, target.spm and vocab.json are missing")
    assert snapshot(project.root) == before


def test_check_model_argument_accepts_a_hub_id_and_a_complete_folder_and_refuses_a_broken_one(tmp_path):
    check_model_argument("Helsinki-NLP/opus-mt-zh-en")
    check_model_argument(str(fake_model(tmp_path / "ok")))
    folder = fake_model(tmp_path / "noweights")
    (folder / "model.safetensors").unlink()
    with pytest.raises(ConfigError, match="no weights file"):
        check_model_argument(str(folder))


def test_a_ctranslate2_model_given_with_model_that_was_not_converted_is_exit_2(project, tmp_path, capsys, no_libraries_needed):
    folder = fake_model(tmp_path / "plain")
    project.write("news", [{"msgid": "欢迎。"}])
    before = snapshot(project.root)
    assert main(["--project", str(project.root), "suggest", "--engine", "ctranslate2", "--model", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "is not a converted CTranslate2 model folder" in err and err.count("\n") == 1
    assert snapshot(project.root) == before


def test_convert_model_of_a_folder_without_tokenizer_is_exit_2_in_one_line(tmp_path, capsys):
    pytest.importorskip("ctranslate2")
    folder = fake_model(tmp_path / "notok", files=())
    assert main(["convert-model", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"l10n: error: cannot load the tokenizer of {folder}: ") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_an_unknown_engine_in_the_config_is_exit_2_before_anything_is_written(project, capsys):
    (project.root / "pyproject.toml").write_text('[tool.l10n.mt]\nengine = "marian"\n', encoding="utf-8")
    project.write("old", [REPORT])
    project.write("new", [{"msgid": "研究所发布了年度报告。"}])
    before = snapshot(project.root)
    assert main(["--project", str(project.root), "suggest"]) == 2
    assert "pyproject.toml:2: [tool.l10n.mt] engine is 'marian'" in capsys.readouterr().err
    assert snapshot(project.root) == before


# --------------------------------------------------------------------------- the language pair a model declares


def test_the_declared_pair_is_read_from_the_tokenizer_config_or_an_opus_mt_name(tmp_path):
    assert declared_languages("x", fake_model(tmp_path / "a", langs=("zho", "eng"))) == ("zh", "en")
    assert declared_languages("x", fake_model(tmp_path / "b")) == (None, None)
    assert declared_languages("Helsinki-NLP/opus-mt-en-zh") == ("en", "zh")
    assert declared_languages("facebook/nllb-200-distilled-600M") == (None, None)


def test_a_configured_model_for_the_other_direction_is_refused_with_one_line(project, no_libraries_needed):
    fake_model(project.root / "models" / "zh-en", langs=("zh", "en"))
    (project.root / "pyproject.toml").write_text('[tool.l10n.mt.models]\n"en:zh-Hans" = "models/zh-en"\n', encoding="utf-8")
    project.write("talk", [{"msgid": "The team released data."}], lang="zh-Hans", source_lang="en")
    report = suggest_catalogs(project.config, glossary=False)
    assert report.counts == {}
    assert report.mt_unavailable.startswith(
        'MT is off for en->zh-Hans (model models/zh-en translates zh->en, not en->zh-Hans; '
        'fix [tool.l10n.mt.models] "en:zh-Hans")'
    )
    assert project.entries("talk", "zh-Hans")["The team released data."].msgstr == ""


def test_a_hub_model_named_for_the_other_direction_is_refused(project):
    (project.root / "pyproject.toml").write_text(
        '[tool.l10n.mt.models]\n"en:zh-Hans" = "Helsinki-NLP/opus-mt-zh-en"\n', encoding="utf-8"
    )
    project.write("talk", [{"msgid": "The team released data."}], lang="zh-Hans", source_lang="en")
    message = suggest_catalogs(project.config, glossary=False).mt_unavailable
    assert "model Helsinki-NLP/opus-mt-zh-en translates zh->en, not en->zh-Hans" in message


def test_model_option_translates_only_the_pairs_the_model_declares_and_says_which_were_skipped(project, tmp_path):
    folder = fake_model(tmp_path / "tiny-zh-en", langs=("zh", "en"))
    project.write("news", [{"msgid": "欢迎合作伙伴。"}])
    project.write("talk", [{"msgid": "The team released data."}], lang="zh-Hans", source_lang="en")
    engine = DoubleEngine({"欢迎合作伙伴。": ["Partners are welcome."]})
    report = suggest_catalogs(project.config, engine=engine, model=str(folder), glossary=False)
    assert [call[1:3] for call in engine.calls] == [("zh-Hans", "en")]
    assert project.entries("news")["欢迎合作伙伴。"].msgstr == "Partners are welcome."
    assert project.entries("talk", "zh-Hans")["The team released data."].msgstr == ""
    assert "MT is off for en->zh-Hans (--model tiny-zh-en translates zh->en, so en->zh-Hans was skipped)" in report.mt_unavailable


def test_a_model_that_declares_nothing_is_used_for_any_pair(project, tmp_path):
    folder = fake_model(tmp_path / "unlabelled")
    project.write("talk", [{"msgid": "The team released data."}], lang="zh-Hans", source_lang="en")
    report = suggest_catalogs(project.config, engine=DoubleEngine(), model=str(folder), glossary=False)
    assert report.counts == {"mt": 1} and report.mt_unavailable is None


# --------------------------------------------------------------------------- where configured models are found


def test_a_relative_model_folder_is_found_in_the_project_not_the_working_folder(project, tmp_path, monkeypatch, no_libraries_needed):
    fake_model(project.root / "models" / "zh-en", files=())
    (project.root / "pyproject.toml").write_text('[tool.l10n.mt.models]\n"zh-Hans:en" = "models/zh-en"\n', encoding="utf-8")
    project.write("news", [{"msgid": "欢迎。"}])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    message = suggest_catalogs(project.config, glossary=False).mt_unavailable
    # The project's folder was found and opened (it is the broken one), not looked up on the hub.
    assert "cannot load the tokenizer of models/zh-en" in message and "not on this machine" not in message


def test_a_model_key_for_a_language_family_is_used_for_the_project_language(project, tmp_path):
    folder = fake_model(tmp_path / "zh-en")
    (project.root / "pyproject.toml").write_text(f'[tool.l10n.mt.models]\n"zh:en" = "{folder}"\n', encoding="utf-8")
    project.write("news", [{"msgid": "欢迎。"}])
    config = project.config
    assert config.model_for("zh-Hans", "en") == str(folder) and config.model_warnings == ()


def test_a_model_key_naming_no_project_language_is_warned_about_by_suggest(project):
    (project.root / "pyproject.toml").write_text(
        '[tool.l10n]\nlanguages = ["en", "zh-Hans"]\n[tool.l10n.mt.models]\n"fr:en" = "Helsinki-NLP/opus-mt-fr-en"\n',
        encoding="utf-8",
    )
    project.write("news", [{"msgid": "欢迎。"}])
    report = suggest_catalogs(project.config, engine=DoubleEngine(), glossary=False)
    [warning] = report.warnings
    assert warning.endswith(
        'pyproject.toml:4: [tool.l10n.mt.models] "fr:en" is never used: fr is not a language of this project '
        '(languages: en, zh-Hans); write it like "LANG:en"'
    )
    assert suggest_catalogs(project.config, no_mt=True, glossary=False).warnings == ()


# --------------------------------------------------------------------------- figures in suggestions


def test_a_fuzzy_memory_match_with_another_year_gets_a_numbers_warning(project):
    project.write("old", [{"msgid": "2023年研究所成立。", "msgstr": "The institute was founded in 2023."}])
    project.write("new", [{"msgid": "2019年研究所成立。"}])
    report = suggest_catalogs(project.config, no_mt=True, glossary=False)
    entry = project.entries("new")["2019年研究所成立。"]
    assert entry.msgstr == "The institute was founded in 2023." and entry.fuzzy
    assert entry.auto_comment.splitlines()[-1] == "warning: numbers: the source has '2019', the suggestion '2023'"
    assert report.counts == {"tm-fuzzy": 1} and report.flagged == 1


def test_a_memory_match_with_the_same_figures_gets_no_numbers_warning(project):
    project.write("old", [{"msgid": "2023年研究所成立。", "msgstr": "The institute was founded in 2023."}])
    project.write("new", [{"msgid": "2023年研究所成立了。"}])
    suggest_catalogs(project.config, no_mt=True, glossary=False)
    assert "warning" not in project.entries("new")["2023年研究所成立了。"].auto_comment


def test_an_mt_suggestion_with_a_changed_figure_gets_a_numbers_warning(project):
    project.write("news", [{"msgid": "共有35位研究人员。"}])
    engine = DoubleEngine({"共有[X0X]位研究人员。": ["There are 53 researchers."]})
    suggest_catalogs(project.config, engine=engine, glossary=False)
    comment = project.entries("news")["共有35位研究人员。"].auto_comment
    assert "warning: numbers: the source has '35', the suggestion '53'" in comment.splitlines()


def test_a_cached_mt_answer_is_checked_for_figures_too(project):
    project.write("news", [{"msgid": "2019年研究所成立。"}])
    key = CacheKey(engine="double", model="double/model", revision="r1", source_lang="zh-Hans", target_lang="en")
    with open_cache(project.root / ".l10n" / "cache.sqlite") as cache:
        cache.put_many({key.key("2019年研究所成立。"): {"text": "The institute was founded in 2023.", "warnings": []}})
    engine = DoubleEngine()
    report = suggest_catalogs(project.config, engine=engine, glossary=False)
    assert engine.calls == [] and report.counts["mt-cached"] == 1
    assert "warning: numbers: the source has '2019', the suggestion '2023'" in project.entries("news")["2019年研究所成立。"].auto_comment

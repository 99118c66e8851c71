"""``[tool.l10n]`` as a user writes it: defaults, and every wrong value stopped at load time."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.cli import main
from l10n.config import load_config
from l10n.errors import ConfigError

from .conftest import snapshot

RELEASE = "Institute opens its laboratories\n\nMore than 300 visitors came on Saturday.\n"


def project_with(root: Path, settings: str) -> Path:
    """A project with one English release and ``settings`` under ``[tool.l10n]``."""
    (root / "source_docs" / "en").mkdir(parents=True)
    (root / "source_docs" / "zh-Hans").mkdir(parents=True)
    (root / "source_docs" / "en" / "open-day.txt").write_text(RELEASE, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "press"\n\n[tool.l10n]\n{settings}\n', encoding="utf-8"
    )
    return root


def test_a_full_valid_config_is_read_with_its_types(tmp_path):
    root = project_with(tmp_path, """\
languages = ["en", "zh_CN"]
locales-dir = "po"
project-id = "institute-news"
tm-threshold = 80
fuzzy-threshold = 65.5
fail-on = "Warning"
min-reviewed = 90
build-keep = 0
[tool.l10n.selectors]
"news.example.org" = "div.article-content"
[tool.l10n.mt]
engine = "ctranslate2"
threads = 2
beam-size = 4
batch-size = 8
device = "cpu"
download = false
[tool.l10n.mt.models]
"zh-Hans:en" = "models/zh-en"
[tool.l10n.checks]
enable = ["length"]
disable = "punctuation, numbers"
[tool.l10n.checks.severity]
glossary = "warning"
""")
    config = load_config(root)
    assert config.languages == ("en", "zh-Hans")
    assert config.locales_dir == root / "po"
    assert config.tm_threshold == 80.0 and config.fuzzy_threshold == 65.5
    assert config.fail_on == "warning" and config.engine == "ctranslate2"
    assert config.models["zh-Hans:en"] == "models/zh-en"
    assert config.checks_enable == ("length",)
    assert config.checks_disable == ("punctuation", "numbers")
    assert config.severities == {"glossary": "warning"}


@pytest.mark.parametrize(("settings", "expected"), [
    ("tm-threshold = true", "pyproject.toml:5: [tool.l10n] tm-threshold must be a number from 0 to 100, not true"),
    ("fuzzy-threshold = 120", "pyproject.toml:5: [tool.l10n] fuzzy-threshold must be a number from 0 to 100, not 120"),
    ('min-reviewed = "90"', "pyproject.toml:5: [tool.l10n] min-reviewed must be a number from 0 to 100, not \"90\""),
    ('glossary-dir = ["a"]', "pyproject.toml:5: [tool.l10n] glossary-dir must be a folder path (a string), not [\"a\"]"),
    ("locales-dir = 5", "pyproject.toml:5: [tool.l10n] locales-dir must be a folder path (a string), not 5"),
    ("project-id = 7", "pyproject.toml:5: [tool.l10n] project-id must be a string, not 7"),
    ('languages = ["en"]', "pyproject.toml:5: [tool.l10n] languages must be a list of at least two language tags"),
    ('fail-on = "warn"', "pyproject.toml:5: [tool.l10n] fail-on must be \"error\", \"warning\" or \"info\", not \"warn\""),
    ("selectors = 3", "pyproject.toml:5: [tool.l10n] selectors must be a table, not 3"),
    ('[tool.l10n.mt]\nthreads = "two"', "pyproject.toml:6: [tool.l10n.mt] threads must be a whole number of at least 1, not \"two\""),
    ("mt = {batch-size = 0}", "pyproject.toml:5: [tool.l10n.mt] batch-size must be a whole number of at least 1, not 0"),
    ('[tool.l10n.mt]\ndevice = "gpu"', "pyproject.toml:6: [tool.l10n.mt] device must be \"auto\", \"cpu\" or \"cuda\", not \"gpu\""),
    ('[tool.l10n.mt]\ndownload = "yes"', "pyproject.toml:6: [tool.l10n.mt] download must be true or false, not \"yes\""),
    ("[tool.l10n.mt]\nthread = 2", "pyproject.toml:6: [tool.l10n.mt] thread is not a known key"),
    ('[tool.l10n.mt.models]\n"zh-Hans:en" = 5', "pyproject.toml:6: [tool.l10n.mt.models] \"zh-Hans:en\" must be a hub model id"),
    ('[tool.l10n.checks]\ndisable = ["lenght"]',
     "pyproject.toml:6: [tool.l10n.checks] disable has an unknown check id \"lenght\"; did you mean \"length\"?"),
    ('[tool.l10n.checks]\nenable = "length,numbrs"',
     "pyproject.toml:6: [tool.l10n.checks] enable has an unknown check id \"numbrs\"; did you mean \"numbers\"?"),
    ("[tool.l10n.checks]\nenable = [1]", "pyproject.toml:6: [tool.l10n.checks] enable must be a list of check ids"),
    ('[tool.l10n.checks.severity]\nnumbrs = "info"', "pyproject.toml:6: [tool.l10n.checks.severity] numbrs is not a known check id"),
    ('[tool.l10n.checks.severity]\nnumbers = "fatal"',
     "pyproject.toml:6: [tool.l10n.checks.severity] numbers must be \"error\", \"warning\" or \"info\", not \"fatal\""),
    ('languges = ["en", "zh-Hans"]', "pyproject.toml:5: [tool.l10n] languges is not a known key; did you mean \"languages\"?"),
])
def test_a_wrong_setting_is_exit_2_with_one_line_naming_file_line_and_key(tmp_path, run_l10n, settings, expected):
    root = project_with(tmp_path, settings)
    before = snapshot(root)
    code, out, err = run_l10n("run", "--no-mt", cwd=root)
    assert code == 2
    assert err.startswith(f"l10n: error: {expected}"), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert snapshot(root) == before


def test_an_unknown_check_id_stops_run_before_it_writes_anything(tmp_path, capsys):
    root = project_with(tmp_path, '[tool.l10n.checks]\ndisable = ["lenght"]')
    assert main(["--project", str(root), "run", "--no-mt"]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml:6: [tool.l10n.checks] disable" in err and '"lenght"' in err
    assert sorted(p.name for p in root.iterdir()) == ["pyproject.toml", "source_docs"]


def test_errors_in_l10n_toml_name_that_file_and_its_top_level_key(tmp_path):
    (tmp_path / "l10n.toml").write_text('languages = ["en", "zh-Hans"]\ntm-threshold = "high"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.path.endswith("l10n.toml") and info.value.line == 2
    assert info.value.message == 'tm-threshold must be a number from 0 to 100, not "high"'


def test_a_key_inside_an_inline_table_is_reported_at_the_table_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "zh-Hans"]\nmt = { threads = -1 }\n',
                                             encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line == 3 and info.value.message.startswith("[tool.l10n.mt] threads must be")


def test_a_tool_l10n_that_is_not_a_table_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool]\nl10n = "on"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r'\[tool.l10n\] must be a table, not "on"') as info:
        load_config(tmp_path)
    assert info.value.line == 2


def test_the_repository_config_is_valid(repo_dir):
    config = load_config(repo_dir)
    assert config.languages == ("en", "zh-Hans")


# --------------------------------------------------------------------------- model paths and keys


def test_a_relative_model_folder_is_resolved_against_the_project_not_the_working_folder(tmp_path, monkeypatch):
    root = project_with(tmp_path / "press", '[tool.l10n.mt.models]\n"zh-Hans:en" = "models/zh-en"')
    (root / "models" / "zh-en").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    config = load_config(root)
    assert config.models["zh-Hans:en"] == "models/zh-en"
    assert config.model_for("zh-Hans", "en") == str(root.resolve() / "models" / "zh-en")


def test_a_hub_id_stays_a_hub_id_when_the_project_has_no_such_folder(tmp_path):
    root = project_with(tmp_path, '[tool.l10n.mt.models]\n"zh-Hans:en" = "Helsinki-NLP/opus-mt-zh-en"')
    config = load_config(root)
    assert config.model_for("zh-Hans", "en") == "Helsinki-NLP/opus-mt-zh-en"
    assert config.model_for("en", "zh-Hans") == "Helsinki-NLP/opus-mt-en-zh"


def test_a_model_key_with_a_bare_language_family_maps_to_the_project_language(tmp_path):
    root = project_with(tmp_path, '[tool.l10n.mt.models]\n"zh:en" = "models/a"\n"en:zh" = "models/b"')
    config = load_config(root)
    assert config.model_for("zh-Hans", "en") == "models/a"
    assert config.model_for("en", "zh-Hans") == "models/b"
    assert config.model_warnings == ()


def test_an_exact_model_key_wins_over_a_family_key(tmp_path):
    root = project_with(tmp_path, '[tool.l10n.mt.models]\n"zh-Hans:en" = "models/exact"\n"zh:en" = "models/family"')
    assert load_config(root).model_for("zh-Hans", "en") == "models/exact"


@pytest.mark.parametrize(("languages", "key", "expected"), [
    ('["en", "zh-Hans", "zh-Hant"]', "zh:en",
     '"zh:en" is never used: zh could be zh-Hans or zh-Hant (languages: en, zh-Hans, zh-Hant); write it like "zh-Hans:en"'),
    ('["en", "zh-Hans"]', "fr:en",
     '"fr:en" is never used: fr is not a language of this project (languages: en, zh-Hans); write it like "LANG:en"'),
])
def test_a_model_key_for_no_single_project_language_is_a_warning_naming_file_line_and_key(tmp_path, languages, key, expected):
    root = project_with(tmp_path, f'languages = {languages}\n[tool.l10n.mt.models]\n"{key}" = "models/x"')
    [warning] = load_config(root).model_warnings
    assert warning.endswith(f"pyproject.toml:7: [tool.l10n.mt.models] {expected}")


def test_the_config_knows_every_registered_engine_and_refuses_others(tmp_path):
    from l10n.config import ENGINE_IDS, load_config
    from l10n.errors import ConfigError
    from l10n.suggest.mt import ENGINES

    assert set(ENGINES) == ENGINE_IDS
    (tmp_path / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "zh-Hans"]\n\n[tool.l10n.mt]\nengine = "marian"\n',
                                             encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line == 5 and "engine is 'marian': use one of ctranslate2, transformers" in info.value.message


def test_a_selector_that_does_not_compile_is_named_with_file_and_line(tmp_path):
    from l10n.config import load_config
    from l10n.errors import ConfigError

    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10n]\nlanguages = ["en", "zh-Hans"]\n\n[tool.l10n.selectors]\n"a.example" = "div[[["\n"b.example" = "//div["\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line == 5 and 'selectors] "a.example" is not a valid selector' in info.value.message

"""suggest_catalogs end to end with a test-double engine: order, provenance, no-overwrite rules."""

from __future__ import annotations

import pytest

from l10n.cli import main
from l10n.glossary.base import Concept, Glossary, Term
from l10n.suggest import suggest_catalogs

from .conftest import DoubleEngine

REPORT = {"msgid": "研究所发布了年度报告。", "msgstr": "The institute released its annual report."}


def _glossary():
    return Glossary(
        [
            Concept(
                id="ttp",
                terms={
                    "zh-Hans": (Term(text="千人计划", lang="zh-Hans"),),
                    "en": (
                        Term(text="Thousand Talents Program", lang="en"),
                        Term(text="Thousand Talent Plan", lang="en", status="admitted"),
                    ),
                },
            ),
            Concept(
                id="mic",
                terms={"zh-Hans": (Term(text="中国制造2025", lang="zh-Hans"),), "en": (Term(text="Made in China 2025", lang="en"),)},
            ),
            Concept(id="xiopm", status="do-not-translate", terms={"en": (Term(text="XIOPM", lang="en"),)}),
        ]
    )


def test_only_untranslated_entries_are_filled_and_marked_fuzzy_with_provenance(project, msgfmt_check):
    path = project.write(
        "doc",
        [
            {"msgid": "研究所发布了年度报告。", "msgstr": "Reviewed by a person."},
            {"msgid": "项目进展顺利。", "msgstr": "Msgmerge carried this over.", "fuzzy": True},
            {"msgid": "欢迎合作伙伴。", "comment": "paragraph"},
        ],
    )
    engine = DoubleEngine({"欢迎合作伙伴。": ["Partners are welcome."]})
    report = suggest_catalogs(project.config, engine=engine, glossary=False)
    entries = project.entries("doc")
    assert entries["研究所发布了年度报告。"].msgstr == "Reviewed by a person."
    assert not entries["研究所发布了年度报告。"].fuzzy
    assert entries["项目进展顺利。"].msgstr == "Msgmerge carried this over."
    new = entries["欢迎合作伙伴。"]
    assert (new.msgstr, new.fuzzy) == ("Partners are welcome.", True)
    assert new.auto_comment == "paragraph\nsuggestion: mt double/model"
    assert engine.translated == ["欢迎合作伙伴。"]
    assert report.counts["mt"] == 1 and report.changed == ("locales/en/LC_MESSAGES/doc.po",)
    msgfmt_check(path)


def test_memory_comes_first_exact_from_any_catalog_including_obsolete_then_fuzzy(project):
    project.write("old", [REPORT, {"msgid": "团队完成了海洋调查。", "msgstr": "The team completed the ocean survey.", "obsolete": True}])
    project.write(
        "new",
        [{"msgid": "研究所发布了年度报告。"}, {"msgid": "团队完成了海洋调查。"}, {"msgid": "研究所发布了季度报告。"}, {"msgid": "欢迎。"}],
    )
    engine = DoubleEngine()
    report = suggest_catalogs(project.config, engine=engine, glossary=False)
    entries = project.entries("new")
    assert entries["研究所发布了年度报告。"].auto_comment == "suggestion: tm 100% old"
    assert entries["团队完成了海洋调查。"].msgstr == "The team completed the ocean survey."
    fuzzy = entries["研究所发布了季度报告。"]
    assert fuzzy.msgstr == REPORT["msgstr"] and fuzzy.fuzzy
    assert fuzzy.auto_comment.startswith("suggestion: tm ") and fuzzy.auto_comment.endswith("% old")
    assert 75 <= int(fuzzy.auto_comment.split()[2].rstrip("%")) < 100
    assert engine.translated == ["欢迎。"]
    assert report.counts == {"tm-exact": 2, "tm-fuzzy": 1, "mt": 1}


def test_no_mt_fills_from_memory_only(project):
    project.write("old", [REPORT])
    project.write("new", [{"msgid": "研究所发布了年度报告。"}, {"msgid": "欢迎。"}])
    engine = DoubleEngine()
    report = suggest_catalogs(project.config, engine=engine, no_mt=True, glossary=False)
    assert engine.calls == []
    assert project.entries("new")["欢迎。"].msgstr == ""
    assert report.counts == {"tm-exact": 1} and report.mt_unavailable is None


def test_a_second_run_is_served_from_the_cache_and_only_new_segments_are_translated(project):
    project.write("doc", [{"msgid": "欢迎。"}, {"msgid": "会议在北京举行。"}])
    first = DoubleEngine()
    suggest_catalogs(project.config, engine=first, glossary=False)
    project.write("doc2", [{"msgid": "欢迎。"}, {"msgid": "专家讨论了气候变化。"}])
    second = DoubleEngine()
    report = suggest_catalogs(project.config, engine=second, glossary=False)
    assert second.translated == ["专家讨论了气候变化。"]
    assert report.counts["mt-cached"] == 1
    third = DoubleEngine(revision="r2")  # a new model revision invalidates the cache
    project.write("doc3", [{"msgid": "欢迎。"}])
    suggest_catalogs(project.config, project.catalog("doc3").parent.glob("doc3.po"), engine=third, glossary=False)
    assert third.translated == ["欢迎。"]


def test_running_twice_changes_nothing(project):
    path = project.write("doc", [{"msgid": "欢迎。"}])
    suggest_catalogs(project.config, engine=DoubleEngine(), glossary=False)
    before = path.read_bytes()
    report = suggest_catalogs(project.config, engine=DoubleEngine(), glossary=False)
    assert path.read_bytes() == before and report.changed == ()


def test_refresh_replaces_only_machine_suggestions_nobody_edited(project):
    path = project.write("doc", [{"msgid": "欢迎。"}, {"msgid": "会议在北京举行。"}])
    suggest_catalogs(project.config, engine=DoubleEngine(), glossary=False)
    text = path.read_text(encoding="utf-8").replace('msgstr "MT(会议在北京举行.)"', 'msgstr "The meeting took place in Beijing."')
    path.write_text(text, encoding="utf-8")
    better = DoubleEngine({"欢迎。": ["Welcome."], "会议在北京举行。": ["The meeting was held in Beijing."]}, revision="r2")
    report = suggest_catalogs(project.config, engine=better, refresh=True, glossary=False)
    entries = project.entries("doc")
    assert entries["欢迎。"].msgstr == "Welcome."
    assert entries["欢迎。"].auto_comment == "suggestion: mt double/model"
    assert entries["会议在北京举行。"].msgstr == "The meeting took place in Beijing."
    assert better.translated == ["欢迎。"]
    assert report.counts["refreshed"] == 1
    without = DoubleEngine({"欢迎。": ["Hello."]}, revision="r3")
    suggest_catalogs(project.config, engine=without, glossary=False)
    assert project.entries("doc")["欢迎。"].msgstr == "Welcome."


def test_a_translator_saving_the_file_meanwhile_is_merged_not_clobbered(project):
    path = project.write("doc", [{"msgid": "欢迎。"}, {"msgid": "会议在北京举行。"}, {"msgid": "项目进展顺利。"}])

    def translator_saves(p):
        text = p.read_text(encoding="utf-8")
        text = text.replace('msgid "会议在北京举行。"\nmsgstr ""', 'msgid "会议在北京举行。"\nmsgstr "A person wrote this."')
        text += '\n#: source.html:9\nmsgid "新句子。"\nmsgstr ""\n'
        p.write_text(text, encoding="utf-8")

    report = suggest_catalogs(project.config, engine=DoubleEngine(), glossary=False, before_write=translator_saves)
    entries = project.entries("doc")
    assert entries["会议在北京举行。"].msgstr == "A person wrote this."
    assert not entries["会议在北京举行。"].fuzzy
    assert entries["欢迎。"].msgstr == "MT(欢迎.)" and entries["欢迎。"].fuzzy
    assert entries["项目进展顺利。"].msgstr == "MT(项目进展顺利.)"
    assert "新句子。" in entries
    assert report.merged == ("locales/en/LC_MESSAGES/doc.po",)
    assert path.read_text(encoding="utf-8").count("A person wrote this.") == 1


def test_placeholders_are_protected_and_a_lost_one_is_flagged_not_written_silently(project):
    project.write("doc", [{"msgid": "详情请见<1>网站</1>，共3场。"}, {"msgid": "访问<1>研究所</1>。"}])
    engine = DoubleEngine(
        {
            "详情请见[X0X]网站[X1X]，共[X2X]场。": ["For details see [ X0X ]the website[X 1X], [X2X] sessions in all."],
            "访问[X0X]研究所[X1X]。": ["Visit the institute."],
        }
    )
    suggest_catalogs(project.config, engine=engine, glossary=False)
    entries = project.entries("doc")
    assert entries["详情请见<1>网站</1>，共3场。"].msgstr == "For details see <1>the website</1>, 3 sessions in all."
    assert "warning" not in entries["详情请见<1>网站</1>，共3场。"].auto_comment
    lost = entries["访问<1>研究所</1>。"]
    assert lost.fuzzy
    assert "warning: placeholder: lost tag '<1>'" in lost.auto_comment.splitlines()


def test_glossary_terms_are_masked_when_fixed_and_preferred_in_the_n_best_list(project):
    project.write("doc", [{"msgid": "千人计划和中国制造2025由XIOPM介绍。"}, {"msgid": "千人计划启动。"}])
    engine = DoubleEngine(
        {
            "千人计划和[X0X]由[X1X]介绍。": [
                "The thousand people plan and [X0X] were presented by [X1X].",
                "The Thousand Talents Program and [X0X] were presented by [X1X].",
            ],
            "千人计划启动。": ["The talent scheme starts.", "A plan starts."],
        }
    )
    suggest_catalogs(project.config, engine=engine, glossary=_glossary())
    entries = project.entries("doc")
    chosen = entries["千人计划和中国制造2025由XIOPM介绍。"]
    assert chosen.msgstr == "The Thousand Talents Program and Made in China 2025 were presented by XIOPM."
    assert "warning" not in chosen.auto_comment
    assert [n for _, _, _, n in engine.calls] == [4]
    missed = entries["千人计划启动。"]
    assert missed.msgstr == "The talent scheme starts."
    assert "warning: glossary: '千人计划' should be translated as 'Thousand Talents Program'" in missed.auto_comment


def test_chinese_targets_get_full_width_punctuation(project):
    project.write("doc", [{"msgid": "The team released data."}], lang="zh-Hans", source_lang="en")
    engine = DoubleEngine({"The team released data.": ["团队发布了数据."]})
    suggest_catalogs(project.config, engine=engine, glossary=False)
    assert project.entries("doc", "zh-Hans")["The team released data."].msgstr == "团队发布了数据。"
    assert engine.calls[0][1:3] == ("en", "zh-Hans")


def test_a_missing_model_fills_memory_and_explains_mt_in_one_line(project, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    project.write("old", [REPORT])
    project.write("new", [{"msgid": "研究所发布了年度报告。"}, {"msgid": "欢迎。"}])
    report = suggest_catalogs(project.config, model="example-org/opus-mt-absent", glossary=False)
    assert report.counts == {"tm-exact": 1}
    message = report.mt_unavailable
    assert message and "\n" not in message
    assert "model not on this machine and the hub is offline (HF_HUB_OFFLINE): example-org/opus-mt-absent" in message
    assert "1 memory suggestion written" in message
    assert "`l10n suggest --download`" in message and "--model" in message and "[tool.l10n.mt.models]" in message


def test_cli_suggest_exits_0_and_prints_one_line_about_mt_when_the_model_is_missing(project, monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("CI", raising=False)
    project.write("new", [{"msgid": "欢迎。"}])
    (project.root / "pyproject.toml").write_text(
        '[tool.l10n.mt.models]\n"zh-Hans:en" = "models/absent"\n', encoding="utf-8"
    )
    status = main(["--project", str(project.root), "suggest"])
    err = capsys.readouterr().err
    assert status == 0
    [line] = [line for line in err.splitlines() if "MT is off" in line]
    assert "models/absent" in line and "0 memory suggestions written" in line


def _both_directions(project):
    project.write("old", [REPORT])
    project.write("new", [{"msgid": "研究所发布了年度报告。"}, {"msgid": "欢迎。"}])
    project.write("talk", [{"msgid": "The team released data."}], lang="zh-Hans", source_lang="en")


def test_missing_mt_libraries_are_named_before_the_model_with_the_install_commands(project, monkeypatch):
    from l10n.suggest.mt.hf import TransformersEngine

    monkeypatch.setattr(TransformersEngine, "modules", ("l10n_test_absent_torch",))
    _both_directions(project)
    report = suggest_catalogs(project.config, glossary=False)
    assert report.counts == {"tm-exact": 1}
    assert report.mt_unavailable == (
        "MT is off for zh-Hans->en, en->zh-Hans (the transformers engine needs l10n_test_absent_torch, which is "
        "not installed); 1 memory suggestion written. "
        "To enable MT: `pip install torch==2.13.0`, then `pip install -e '.[mt]'`"
    )


def test_every_missing_model_is_named_with_its_direction(project, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    _both_directions(project)
    (project.root / "pyproject.toml").write_text(
        '[tool.l10n.mt.models]\n"zh-Hans:en" = "example-org/zh-en-absent"\n"en:zh-Hans" = "example-org/en-zh-absent"\n',
        encoding="utf-8",
    )
    message = suggest_catalogs(project.config, glossary=False).mt_unavailable
    assert "example-org/zh-en-absent (zh-Hans->en), example-org/en-zh-absent (en->zh-Hans)" in message
    assert "fetch them" in message and "pip install" not in message


def test_a_long_reason_is_given_whole_not_cut_mid_word(project, monkeypatch):
    from l10n.suggest.mt.ct2 import CTranslate2Engine

    monkeypatch.setattr(CTranslate2Engine, "modules", ())
    project.write("new", [{"msgid": "欢迎。"}])
    message = suggest_catalogs(project.config, engine="ctranslate2", glossary=False).mt_unavailable
    assert "`l10n convert-model Helsinki-NLP/opus-mt-zh-en -o DIR --quantization int8`" in message
    assert "..." not in message


@pytest.mark.parametrize("model", ["./nonexistent", "../models/zh-en", "models/zh/en-ct2", "~/no-such-model-l10n"])
def test_a_model_option_naming_a_missing_folder_is_exit_2_and_changes_nothing(project, capsys, model):
    path = project.write("new", [{"msgid": "欢迎。"}])
    before = path.read_bytes()
    assert main(["--project", str(project.root), "suggest", "--model", model]) == 2
    assert capsys.readouterr().err.startswith(f"l10n: error: no such model folder: {model} (does not exist);")
    assert path.read_bytes() == before and not (project.root / ".l10n").exists()


def test_a_hub_id_is_not_taken_for_a_folder(project, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    project.write("new", [{"msgid": "欢迎。"}])
    report = suggest_catalogs(project.config, model="example-org/opus-mt-zh-en", glossary=False)
    assert "example-org/opus-mt-zh-en" in report.mt_unavailable


def test_suggest_in_a_folder_without_catalogs_warns_and_creates_no_cache(project, capsys):
    assert main(["--project", str(project.root), "suggest", "--no-mt"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("l10n: warning: no catalogs found in locales/<lang>/LC_MESSAGES/")
    assert not (project.root / ".l10n").exists()


def test_nothing_to_fill_creates_no_cache(project):
    project.write("done", [REPORT])
    report = suggest_catalogs(project.config, engine=DoubleEngine(), glossary=False)
    assert report.suggested == 0 and not (project.root / ".l10n").exists()


def test_no_mt_without_memory_matches_creates_no_cache(project):
    project.write("new", [{"msgid": "欢迎。"}])
    report = suggest_catalogs(project.config, no_mt=True, glossary=False)
    assert report.suggested == 0 and not (project.root / ".l10n").exists()


def test_each_source_text_goes_to_mt_once_in_first_seen_order(project):
    project.write("a", [{"msgid": "二。"}, {"msgid": "一。"}, {"msgid": "二。", "msgctxt": "caption"}])
    project.write("b", [{"msgid": "三。"}, {"msgid": "一。"}])
    engine = DoubleEngine()
    suggest_catalogs(project.config, engine=engine, glossary=False)
    assert engine.translated == ["二。", "一。", "三。"]
    assert project.entries("b")["一。"].msgstr == "MT(一.)"


def test_cli_list_engines_names_both_engines(capsys):
    assert main(["list", "engines"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ctranslate2\t") and "\ntransformers\t" in out


def test_progress_reports_every_mt_segment(project):
    project.write("doc", [{"msgid": "欢迎。"}, {"msgid": "会议在北京举行。"}])
    seen = []
    suggest_catalogs(project.config, engine=DoubleEngine(), glossary=False, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2, 2)


def test_cli_suggest_no_mt_fills_from_memory_and_reports_counts(project, capsys, monkeypatch):
    monkeypatch.setenv("CI", "1")
    project.write("old", [REPORT])
    project.write("new", [{"msgid": "研究所发布了年度报告。"}, {"msgid": "欢迎。"}])
    assert main(["--project", str(project.root), "suggest", "--no-mt"]) == 0
    err = capsys.readouterr().err
    assert "suggested 1 entries in 1 of 2 catalogs (tm exact 1, tm fuzzy 0, mt 0)" in err
    assert "pip install" not in err


def test_cli_list_checks_prints_id_severity_and_title(capsys):
    assert main(["list", "checks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(len(line.split("\t")) == 3 for line in lines)
    assert any(line.split("\t")[1] in {"error", "warning", "info"} for line in lines)


def test_engine_ids_are_kebab_case_with_titles():
    import re

    from l10n.suggest.mt import ENGINES, engine_class

    for name in ENGINES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
        cls = engine_class(name)
        assert cls.id == name and cls.title and cls.__doc__

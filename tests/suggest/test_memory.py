"""Translation memory lookups."""

from __future__ import annotations

from types import SimpleNamespace

from l10n.suggest.memory import MemoryUnit, TranslationMemory


def _entry(msgid, msgstr, *, fuzzy=False, obsolete=False):
    return SimpleNamespace(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [], obsolete=obsolete, msgid_plural="")


def test_exact_match_comes_from_reviewed_entries_only():
    memory = TranslationMemory.from_entries(
        [_entry("研究所发布了报告。", "The institute released a report."), _entry("实验室获得资助。", "Lab funded.", fuzzy=True)],
        "doc-a",
    )
    hit = memory.exact("研究所发布了报告。")
    assert (hit.text, hit.score, hit.origin, hit.engine) == ("The institute released a report.", 100.0, "tm", "doc-a")
    assert memory.exact("实验室获得资助。") is None


def test_obsolete_entries_are_memory_too():
    memory = TranslationMemory.from_entries([_entry("旧句子。", "An old sentence.", obsolete=True)], "doc-b")
    assert memory.exact("旧句子。").text == "An old sentence."


def test_fuzzy_match_respects_the_threshold_and_never_claims_100():
    memory = TranslationMemory([MemoryUnit(source="研究所今天发布了年度报告。", target="The institute released its annual report today.", doc_id="a")])
    hit = memory.fuzzy("研究所昨天发布了年度报告。", 75)
    assert hit is not None and 75 <= hit.score < 100
    assert memory.fuzzy("完全不同的一句话。", 75) is None
    assert memory.lookup("研究所今天发布了年度报告。").score == 100


def test_the_most_frequent_translation_wins_and_live_beats_obsolete():
    memory = TranslationMemory(
        [
            MemoryUnit(source="会议", target="Conference", doc_id="b", obsolete=True),
            MemoryUnit(source="会议", target="Meeting", doc_id="c"),
            MemoryUnit(source="会议", target="Meeting", doc_id="d"),
            MemoryUnit(source="开幕", target="Opening", doc_id="z", obsolete=True),
            MemoryUnit(source="开幕", target="Opening ceremony", doc_id="y"),
        ]
    )
    assert memory.exact("会议").text == "Meeting"
    assert memory.exact("开幕").text == "Opening ceremony"

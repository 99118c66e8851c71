"""Language knowledge as data: one ``LanguageProfile`` per BCP 47 tag.

Checks, the segmenter and the rebuild ask the profile; they hold no language names.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LanguageProfile", "get_profile", "gettext_code", "language_family", "parse_tag"]

# Half-width -> full-width punctuation a Chinese editor expects (and back for English).
_HALF_TO_FULL = {
    ",": "，",
    ".": "。",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageProfile:
    """What the tool knows about one language.

    :param tag: BCP 47 tag (``zh-Hans``).
    :param family: ``zh`` or ``en`` (the rule set used by the segmenter).
    :param sentence_enders: characters that can end a sentence.
    :param joiner: how sentences of one block are joined on rebuild.
    :param cjk: whether the script is written without spaces between words.
    :param full_width: whether punctuation is full-width (``，。？``).
    :param punctuation_map: half-width -> this language's punctuation.
    :param list_separator: the enumeration comma (``、`` in Chinese).
    :param skip_checks: check ids that make no sense for this language.
    :param abbreviations: lower-case words that take a period without ending the
        sentence unless a sentence starter follows (``approx``, ``inc``, ``jan``).
    :param name_titles: lower-case titles that never end a sentence (``dr``, ``prof``).
    :param sentence_starters: lower-case words that, capitalised after an abbreviation,
        show that a new sentence began (``the``, ``he``, ``however``).
    :param attribution_verbs: speech verbs; ``"…!" Name said`` is one sentence.
    :param final_abbreviations: lower-case abbreviations that usually end a sentence when
        they end a clause (``ltd``, ``inc``, ``etc``): any capitalised word after them
        starts a new sentence, not only a sentence starter.
    """

    tag: str
    family: str
    sentence_enders: str
    joiner: str
    cjk: bool
    full_width: bool
    punctuation_map: dict[str, str]
    list_separator: str
    skip_checks: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    name_titles: frozenset[str] = frozenset()
    sentence_starters: frozenset[str] = frozenset()
    attribution_verbs: frozenset[str] = frozenset()
    final_abbreviations: frozenset[str] = frozenset()


# Sentence-segmentation tables for Latin-script text. Chinese releases quote English
# names and titles, so the Chinese profile carries them as well.
_ABBREVIATIONS = frozenset(
    """
    acad al alt approx apr appt apt assn assoc aug av ave bldg blvd bn ca cf ch chap co
    corp dec dept dist div ed eds eg eq esp est et etc exp ext feb fig figs ft govt hr hrs
    ibid ie inc intl inst jan jr jul jun lab lb lbs ltd mar max mfg mgmt min misc mln no
    nos nov nr n° oct oz p para pct pp pt rd ref sci sec sep sept sq sr tech tel univ v
    viz vol vols vs wt yr yrs
    b.a b.eng b.sc d.phil ll.b ll.m m.a m.eng m.phil m.sc ph.d
    gmbh llc plc mt st
    """.split()
)
# Company suffixes and "etc." end the sentence before any capitalised word.
_FINAL_ABBREVIATIONS = frozenset("corp etc gmbh inc llc ltd plc".split())
_NAME_TITLES = frozenset(
    """
    adm amb atty capt cllr cmdr col cpl det dr drs fr gen gov hon insp lt maj messrs mlle
    mme mr mrs ms mx pres prof profs rep reps rev sen sens sgt supt
    """.split()
)
_SENTENCE_STARTERS = frozenset(
    """
    a about according additionally after all also although among an and another any are
    as at because before besides both but by can consequently could currently despite
    did do does during each earlier even every finally first following for from further
    furthermore has have he hence her here his how however i if in indeed instead is it
    its last later likewise many may meanwhile more moreover most much my nevertheless
    next no nonetheless not notably now of on once one only or other our over overall
    previously recently researchers separately she similarly since so some still such
    that the their then there therefore these they this those though thus to today
    together under unlike until we were what when where whether which while who why will
    with within without would yesterday yet you your
    """.split()
)
_ATTRIBUTION_VERBS = frozenset(
    "said says added adds asked asks told tells wrote writes explained noted replied "
    "shouted recalled continued argued insisted reported reports announced stated".split()
)
_LATIN_TABLES = dict(
    abbreviations=_ABBREVIATIONS,
    name_titles=_NAME_TITLES,
    sentence_starters=_SENTENCE_STARTERS,
    attribution_verbs=_ATTRIBUTION_VERBS,
    final_abbreviations=_FINAL_ABBREVIATIONS,
)

_ZH = dict(
    family="zh",
    sentence_enders="。！？!?…",
    joiner="",
    cjk=True,
    full_width=True,
    punctuation_map=dict(_HALF_TO_FULL),
    list_separator="、",
    **_LATIN_TABLES,
)
_EN = dict(
    family="en",
    sentence_enders=".!?",
    joiner=" ",
    cjk=False,
    full_width=False,
    punctuation_map={v: k for k, v in _HALF_TO_FULL.items()} | {"、": ",", "“": '"', "”": '"'},
    list_separator=",",
    **_LATIN_TABLES,
)


def parse_tag(tag: str) -> str:
    """Normalise a language tag to BCP 47 form.

    >>> parse_tag("zh_Hans")
    'zh-Hans'
    >>> parse_tag("zh-cn")
    'zh-Hans'
    >>> parse_tag("EN-us")
    'en-US'
    """
    raw = tag.strip().replace("_", "-")
    if not raw:
        raise ValueError("empty language tag")
    parts = raw.split("-")
    lang = parts[0].lower()
    rest = []
    for part in parts[1:]:
        if len(part) == 4:
            rest.append(part.title())
        elif len(part) == 2:
            rest.append(part.upper())
        else:
            rest.append(part)
    out = "-".join([lang, *rest])
    aliases = {
        "zh-CN": "zh-Hans",
        "zh-SG": "zh-Hans",
        "zh-Hans-CN": "zh-Hans",
        "zh-TW": "zh-Hant",
        "zh-HK": "zh-Hant",
        "zh-Hant-TW": "zh-Hant",
    }
    return aliases.get(out, out)


def language_family(tag: str) -> str:
    """``"zh-Hans"`` -> ``"zh"``, ``"en-GB"`` -> ``"en"``."""
    return parse_tag(tag).split("-")[0]


def gettext_code(tag: str) -> str:
    """The gettext/on-disk form of a tag.

    >>> gettext_code("zh-Hans")
    'zh_Hans'
    >>> gettext_code("en")
    'en'
    """
    return parse_tag(tag).replace("-", "_")


def get_profile(tag: str) -> LanguageProfile:
    """The profile for a tag; unknown languages get the English (space-separated) rules."""
    norm = parse_tag(tag)
    data = _ZH if language_family(norm) in {"zh", "ja"} else _EN
    return LanguageProfile(tag=norm, **data)

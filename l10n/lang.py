"""Language knowledge as data: one ``LanguageProfile`` per BCP 47 tag.

Checks, the segmenter and the rebuild ask the profile; they hold no language names.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LanguageProfile", "gettext_code", "get_profile", "language_family", "parse_tag"]

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


_ZH = dict(
    family="zh",
    sentence_enders="。！？!?…",
    joiner="",
    cjk=True,
    full_width=True,
    punctuation_map=dict(_HALF_TO_FULL),
    list_separator="、",
)
_EN = dict(
    family="en",
    sentence_enders=".!?",
    joiner=" ",
    cjk=False,
    full_width=False,
    punctuation_map={v: k for k, v in _HALF_TO_FULL.items()} | {"、": ",", "“": '"', "”": '"'},
    list_separator=",",
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

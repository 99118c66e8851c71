"""Terminology: load TBX/CSV glossaries, find terms in text (CJK-aware), export, suggest.

>>> g = glossary_from_rows([{"en": "Thousand-Talent Program", "zh-Hans": "千人计划"}])
>>> g.hints("他入选了千人计划。", "zh-Hans", "en")
['千人计划 = Thousand-Talent Program']
>>> [m.text for m in g.find_terms("Two thousand talent programs", "en")]
['thousand talent programs']
"""

from __future__ import annotations

from .base import (
    ADMITTED,
    DO_NOT_TRANSLATE,
    FORBIDDEN,
    NORMAL,
    PREFERRED,
    Concept,
    Glossary,
    Term,
    TermMatch,
)
from .load import (
    glossary_files,
    glossary_from_rows,
    load_glossary,
    load_project_glossary,
    normalise_languages,
    read_csv,
    read_glossary_file,
    read_tbx,
    validate_concepts,
)
from .write import (
    ImportResult,
    import_glossary,
    render_csv,
    render_glossary,
    render_tbx,
    write_glossary,
)

__all__ = [
    "ADMITTED",
    "DO_NOT_TRANSLATE",
    "FORBIDDEN",
    "NORMAL",
    "PREFERRED",
    "Concept",
    "Glossary",
    "ImportResult",
    "Term",
    "TermMatch",
    "glossary_files",
    "glossary_from_rows",
    "import_glossary",
    "load_glossary",
    "load_project_glossary",
    "normalise_languages",
    "read_csv",
    "read_glossary_file",
    "read_tbx",
    "render_csv",
    "render_glossary",
    "render_tbx",
    "validate_concepts",
    "write_glossary",
]

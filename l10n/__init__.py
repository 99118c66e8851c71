"""l10n: the localisation workflow of a press office publishing in Chinese and English.

Stages (one module each): ``documents`` (read releases), ``segment`` (sentences),
``catalog`` (PO files), ``suggest`` (memory and MT), ``checks`` (the gate), ``rebuild``
(translated releases). ``import l10n`` is cheap: nothing heavy is imported here.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]

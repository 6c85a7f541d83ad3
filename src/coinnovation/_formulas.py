r"""The one test of whether a spreadsheet could run a cell's text as a formula.

A base utility, below both the readers of sign-in sheets (:mod:`coinnovation.io`), which
flag such cells, and the writers of tables (:mod:`coinnovation.export`), which neutralise
them. Its public home is :mod:`coinnovation.export.tables`, which re-exports it.

Examples:
    >>> looks_like_formula("=1+1"), looks_like_formula("Ana")
    (True, False)
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["FORMULA_CHARACTERS", "looks_like_formula"]

#: The characters that start a spreadsheet formula (after Unicode NFKC normalisation).
FORMULA_CHARACTERS: Final = frozenset("=+-@")
# Characters that, first in a cell, make some spreadsheets read on as a formula.
_FORMULA_CONTROLS: Final = frozenset("\t\r")


def looks_like_formula(text: str) -> bool:
    r"""Whether a spreadsheet could run the text as a formula: the one test for every cell.

    True when the text starts with a tab or a carriage return, or when its first character
    that is neither white space nor an invisible format character (a zero-width space, a
    byte-order mark) is ``=``, ``+``, ``-`` or ``@`` after Unicode NFKC normalisation — so
    the full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) and the small ones count too,
    and so does a formula behind spaces or a line break. Sign-in sheets flag such cells
    when they are read (:func:`~coinnovation.io.registers.read_register`); every writer
    of tables neutralises them (:func:`~coinnovation.export.tables.neutralise`).

    Args:
        text: A cell's text.

    Returns:
        Whether it looks like a formula.

    Examples:
        >>> [looks_like_formula(t) for t in ("=1+1", " =1+1", "\n=1+1", "\t@SUM(A1)")]
        [True, True, True, True]
        >>> [looks_like_formula(t) for t in ("\uff1d1+1", "\uff0b44", "\uff0d5", "\uff20x")]
        [True, True, True, True]
        >>> [looks_like_formula(t) for t in ("Ana", "a=b", "", "   ", "'=1")]
        [False, False, False, False, False]
    """
    if text[:1] in _FORMULA_CONTROLS:
        return True
    normal = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    for character in normal:
        if character.isspace() or unicodedata.category(character) == "Cf":
            continue
        return character in FORMULA_CHARACTERS
    return False

"""Deprecated alias of :mod:`coinnovation.lineage`, where this module moved in issue 10.

The stage moves and the lineage (:func:`~coinnovation.lineage.move`,
:func:`~coinnovation.lineage.allowed_moves`, :func:`~coinnovation.lineage.lineage`,
:func:`~coinnovation.lineage.lineage_steps`) live in :mod:`coinnovation.lineage`, so that
"process" no longer names three things (this module, the stage model's module and the
``Hub.process`` field). Every public name still works from here, each use with a
``DeprecationWarning``: import it from :mod:`coinnovation.lineage` instead.

Examples:
    >>> import warnings
    >>> import coinnovation.lineage
    >>> from coinnovation import process
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     old = process.move
    >>> old is coinnovation.lineage.move, caught[0].category.__name__
    (True, 'DeprecationWarning')
"""

import sys as _sys

from coinnovation._lazy import attach as _attach

# The names load from coinnovation.lineage at first use, each with a warning; importing
# this module warns of nothing (pytest's doctest collection imports it).
__getattr__, __dir__ = _attach(_sys.modules[__name__], {}, moved_to="coinnovation.lineage")

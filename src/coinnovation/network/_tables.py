"""Private alias of :mod:`coinnovation.results`, kept while the last users move.

Import :class:`~coinnovation.results.NodeTable` from :mod:`coinnovation.results` (or
:mod:`coinnovation.network`) instead.

Examples:
    >>> from coinnovation import results
    >>> NodeTable is results.NodeTable
    True
"""

from coinnovation.results import NodeTable

__all__ = ["NodeTable"]

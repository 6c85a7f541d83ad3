"""Deprecated: the heart report moved to :mod:`coinnovation.heart` (issue 10).

Every public name this module had (:func:`~coinnovation.heart.heart_report`,
:class:`~coinnovation.heart.report.HeartReport`, :class:`~coinnovation.heart.report.Indicator`,
``INDICATORS``, ``Better``, ``UnknownLevel``) still works from here, each use with a
DeprecationWarning: import them from :mod:`coinnovation.heart` instead.

Examples:
    >>> import warnings
    >>> import coinnovation.heart
    >>> from coinnovation.network import inclusion
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     old = inclusion.heart_report
    >>> old is coinnovation.heart.heart_report, caught[0].category.__name__
    (True, 'DeprecationWarning')
"""

import importlib
import warnings
from typing import Any

#: The names that moved to :mod:`coinnovation.heart`.
_MOVED = frozenset(
    {"INDICATORS", "Better", "HeartReport", "Indicator", "UnknownLevel", "heart_report"}
)


def __getattr__(name: str) -> Any:
    """A moved name, from :mod:`coinnovation.heart`, with a DeprecationWarning."""
    if name in _MOVED:
        warnings.warn(
            f"coinnovation.network.inclusion is deprecated: the heart report moved to "
            f"coinnovation.heart; import {name} from there",
            DeprecationWarning,
            stacklevel=2,
        )
        # The heart report sits above network, which never imports it: the old module
        # reaches up by name, at first use only.
        return getattr(importlib.import_module("coinnovation.heart"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

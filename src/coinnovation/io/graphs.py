"""Deprecated alias of :mod:`coinnovation.export.graphs`, where this module moved in issue 10.

Every public name still works from here, each use with a ``DeprecationWarning``: import
it from :mod:`coinnovation.export.graphs` (or :mod:`coinnovation.export`) instead.

Examples:
    >>> import warnings
    >>> import coinnovation.export.graphs as new
    >>> from coinnovation.io import graphs as old
    >>> name = new.__all__[0]
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     value = getattr(old, name)
    >>> value is getattr(new, name), caught[0].category.__name__
    (True, 'DeprecationWarning')
"""

import sys as _sys

from coinnovation._lazy import attach as _attach

# The exports sit above io, which never imports them: the old module reaches up by name,
# at first use only (so the import-linter contracts hold).
__getattr__, __dir__ = _attach(_sys.modules[__name__], {}, moved_to="coinnovation.export.graphs")

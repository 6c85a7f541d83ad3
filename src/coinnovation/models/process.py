"""Deprecated alias of :mod:`coinnovation.models.stages`, where this module moved in issue 10.

The stage model (:class:`~coinnovation.models.stages.StageModel`,
:class:`~coinnovation.models.stages.Transition`,
:data:`~coinnovation.models.stages.DEFAULT_PROCESS`,
:data:`~coinnovation.models.stages.DOUBLE_DIAMOND`,
:func:`~coinnovation.models.stages.transition_problems`) lives in
:mod:`coinnovation.models.stages`; ``Hub.process``, the field of a hub that holds its stage
model, keeps its name. Every public name still works from here, each use with a
``DeprecationWarning``: import it from :mod:`coinnovation.models.stages` (or
:mod:`coinnovation.models`) instead.

Examples:
    >>> import warnings
    >>> import coinnovation.models.stages
    >>> from coinnovation.models import process
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     old = process.StageModel
    >>> old is coinnovation.models.stages.StageModel, caught[0].category.__name__
    (True, 'DeprecationWarning')
"""

import sys as _sys

from coinnovation._lazy import attach as _attach

# The names load from coinnovation.models.stages at first use, each with a warning;
# importing this module warns of nothing.
__getattr__, __dir__ = _attach(_sys.modules[__name__], {}, moved_to="coinnovation.models.stages")

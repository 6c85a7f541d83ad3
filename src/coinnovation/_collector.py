"""The cyclic garbage collector paused while a step makes many objects without cycles.

A base utility for the steps that build many small records, dicts and tuples at once (a
collaboration network's edges, a synthetic hub, a register's rows): they hold no
reference cycles, yet each of the collector's full passes walks every live object again,
so on large inputs the passes would take about as long as the building itself, and grow
faster than it. Reference counting still frees what is let go; the collector runs again,
as it was, when the step ends.

Examples:
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore it as it was.

    Examples:
        >>> import gc
        >>> gc.disable()
        >>> with collector_paused():
        ...     pass
        >>> gc.isenabled()
        False
        >>> gc.enable()
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

"""The actors × sessions incidence a collaboration network is projected from (private).

:func:`incidence` lays out, for a hub, a level and a scope, which actors count at which
chosen session — the same actors, sessions and node order as
:func:`~coinnovation.network.build.collaboration_graph` (tested against it) — with the
entries grouped by session, so that a bootstrap resample of the sessions is two numpy
gathers, and :meth:`Incidence.resample` hands the entries of the drawn sessions to the
library's projection (:func:`~coinnovation.network.projection.project`), one column per
draw.
"""

from __future__ import annotations

from collections.abc import Hashable

import attrs
import numpy as np
from numpy.typing import NDArray

from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope
from coinnovation.network.build import session_incidence

_Ints = NDArray[np.int64]


@attrs.frozen(eq=False)
class Incidence:
    """Actors of each chosen session, the entries grouped by session (a CSC layout).

    Attributes:
        nodes: The actors, in order of first appearance (the network's node order).
        sessions: The chosen sessions' ids (the columns), in hub order.
        rows: The actor of each entry, column by column; each actor once per column.
        indptr: Column ``s``'s entries are ``rows[indptr[s]:indptr[s + 1]]``.
    """

    nodes: tuple[Hashable, ...]
    sessions: tuple[str, ...]
    rows: _Ints
    indptr: _Ints

    @property
    def sizes(self) -> _Ints:
        """The number of actors of each session."""
        return np.diff(self.indptr)

    def resample(self, drawn: _Ints) -> tuple[_Ints, _Ints]:
        """The entries of the drawn sessions, draw ``k`` as column ``k``.

        A session drawn twice is two columns with the same actors: its ties count twice.
        """
        lengths = self.sizes[drawn]
        starts = self.indptr[:-1][drawn]
        total = int(lengths.sum())
        offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        entries = offsets + np.arange(total, dtype=np.int64)
        columns = np.repeat(np.arange(len(drawn), dtype=np.int64), lengths)
        return self.rows[entries], columns


def incidence(hub: Hub, level: str, scope: Scope) -> Incidence:
    """Which actors count at which chosen session, as ``collaboration_graph`` counts them.

    The network's own incidence (:func:`~coinnovation.network.build.session_incidence`),
    each actor once per session, with the entries grouped by session.
    """
    found = session_incidence(hub, level=level, scope=scope)  # type: ignore[arg-type]
    sessions = len(found.sessions)
    # One entry per (session, actor), sorted by session then actor.
    keys = np.unique(found.cols * max(len(found.nodes), 1) + found.rows)
    width = max(len(found.nodes), 1)
    columns, rows = np.divmod(keys, width)
    counts = np.bincount(columns, minlength=sessions)
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return Incidence(tuple(found.nodes), found.sessions, rows.astype(np.int64), indptr)

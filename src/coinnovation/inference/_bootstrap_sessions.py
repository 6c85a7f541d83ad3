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
from datetime import date
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope
from coinnovation.models.sessions import Participation

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


def _actors(
    hub: Hub,
    participation: Participation,
    level: str,
    day_of: Any,
    organisation_sector: dict[str, str],
    cache: dict[tuple[str, date | None], tuple[str, ...]],
) -> tuple[str, ...]:
    """The actors a participation stands for at ``level`` (as the projection counts them)."""
    organisation = participation.organisation
    person = participation.person
    if level == "person":
        return (person if person is not None else str(organisation),)
    if organisation is not None:
        return (organisation,) if level == "organisation" else (organisation_sector[organisation],)
    assert person is not None  # a participation names a person or an organisation
    day = day_of[participation.session]
    key = (person, day)
    found = cache.get(key)
    if found is None:
        if level == "organisation":
            found = tuple(o.id for o in hub.organisations_of(person, on=day))
        else:
            sector = hub.sector_of(person, on=day)
            found = () if sector is None else (sector.value,)
        cache[key] = found
    return found


def incidence(hub: Hub, level: str, scope: Scope) -> Incidence:
    """Which actors count at which chosen session, as ``collaboration_graph`` counts them.

    A participation counts for the chosen sessions its session counts for (its own, or
    with ``nested="subtree"`` its chosen ancestors too); its actors are its person (or
    its organisation when it names none), the organisation it names or the person's
    organisations on the session's day, or their sector. Participations with no actor at
    the level (no organisation, no known sector) are left out.
    """
    selection = hub.select(scope)
    column = {session.id: index for index, session in enumerate(selection.sessions)}
    organisation_sector = {o.id: o.sector.value for o in hub.organisations}
    cache: dict[tuple[str, date | None], tuple[str, ...]] = {}
    index: dict[Hashable, int] = {}
    pairs: dict[tuple[int, int], None] = {}
    for participation in hub.participations:
        chain = selection.counts_for.get(participation.session, ())
        if not chain:
            continue
        names = _actors(hub, participation, level, selection.day_of, organisation_sector, cache)
        for name in names:
            actor = index.setdefault(name, len(index))
            for session in chain:
                pairs[(column[session], actor)] = None
    entries = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    counts = np.bincount(entries[:, 0], minlength=len(column))
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return Incidence(tuple(index), tuple(column), entries[:, 1].copy(), indptr)

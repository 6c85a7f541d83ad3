"""The look-ups every indicator of the heart report shares (private to the package).

The hub and the sector measured with its sector look-ups (:class:`_Context`), the hub's
participations as columns read once (:class:`_Participations`), the records an indicator
reads (:class:`_Evidence`), the participations in sessions on each challenge at their
effective stages (:class:`_Work`, from :func:`_work_on_challenges`), and the stages a
challenge has been through (:func:`_stages_through`).

Everything here is read in one pass per kind of record and kept as arrays and indexes,
so that an indicator costs a pass over the records it reads, whatever the hub's size:
no hub query per participation, no object per participation.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

import attrs
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import NDArray
from scipy.sparse import csgraph  # type: ignore[import-untyped, unused-ignore]

from coinnovation.models.challenges import Challenge
from coinnovation.models.hub import Hub
from coinnovation.models.vocabularies import ParticipationLevel, Sector
from coinnovation.network.projection import EdgeList

#: A figure of an indicator: a number, or ``None`` when it cannot be computed.
_Number = float | int | None

#: A row of an indicator's details: plain data.
_Row = dict[str, Any]


class _Evidence:
    """The records an indicator reads, by kind, each once, in order of first use."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, None]] = {}

    def add(self, kind: str, ids: Iterable[str]) -> None:
        self.ids.setdefault(kind, {}).update(dict.fromkeys(ids))

    @property
    def records(self) -> tuple[str, ...]:
        return tuple(record for ids in self.ids.values() for record in ids)

    @property
    def sources(self) -> dict[str, int]:
        return {kind: len(ids) for kind, ids in self.ids.items() if ids}


_Indexes = NDArray[np.int64]
_Flags = NDArray[np.bool_]

#: The rank of each IAP2 level (``ParticipationLevel.rank``); ``-1`` stands for no level.
_RANK: dict[ParticipationLevel | None, int] = {level: level.rank for level in ParticipationLevel}
_RANK[None] = -1


class _Context:
    """The hub, the sector measured, and its look-ups, each computed once when first asked."""

    def __init__(self, hub: Hub, sector: Sector) -> None:
        self.hub = hub
        self.sector = sector
        self.label = sector.value.replace("_", " ")
        self._sectors: dict[str, Sector | None] = {}
        self._none_note: tuple[str | None] | None = None

    def sector_of(self, stakeholder: str) -> Sector | None:
        if stakeholder not in self._sectors:
            self._sectors[stakeholder] = self.hub.sector_of(stakeholder)
        return self._sectors[stakeholder]

    def is_member(self, stakeholder: str) -> bool:
        """Whether a person or organisation belongs to the sector measured."""
        return self.sector_of(stakeholder) == self.sector

    def members(self, stakeholders: Sequence[str]) -> _Flags:
        """For each stakeholder id, whether it belongs to the sector (one query per id)."""
        flags = {stakeholder: self.is_member(stakeholder) for stakeholder in set(stakeholders)}
        return np.fromiter(
            map(flags.__getitem__, stakeholders), dtype=np.bool_, count=len(stakeholders)
        )

    def none_note(self) -> str | None:
        """A note when no person or organisation of the hub belongs to the sector."""
        if self._none_note is None:
            members = any(self.is_member(o.id) for o in self.hub.organisations) or any(
                self.is_member(p.id) for p in self.hub.people
            )
            note = None if members else f"the hub records no {self.label}-sector stakeholders"
            self._none_note = (note,)
        return self._none_note[0]

    @cached_property
    def participations(self) -> _Participations:
        """The hub's participations as columns."""
        return _Participations.of(self)

    @cached_property
    def work(self) -> _Work:
        """The participations in sessions on each challenge."""
        return _work_on_challenges(self.hub, self.participations)


@attrs.frozen
class _Participations:
    """The hub's participations as columns, in hub order, each read once.

    Attributes:
        ids: Each participation's id.
        sessions: Its session's id.
        stakeholders: Who took part: its person, else its organisation.
        people: Its person, or ``None``.
        member: Whether its stakeholder belongs to the sector measured.
        rank: The rank of its IAP2 level (``ParticipationLevel.rank``), ``-1`` for none.
    """

    ids: list[str]
    sessions: list[str]
    stakeholders: list[str]
    people: list[str | None]
    member: _Flags
    rank: NDArray[np.int8]

    @classmethod
    def of(cls, ctx: _Context) -> _Participations:
        records = ctx.hub.participations
        stakeholders = list(map(operator.attrgetter("stakeholder"), records))
        levels = map(operator.attrgetter("level"), records)
        return cls(
            ids=list(map(operator.attrgetter("id"), records)),
            sessions=list(map(operator.attrgetter("session"), records)),
            stakeholders=stakeholders,
            people=list(map(operator.attrgetter("person"), records)),
            member=ctx.members(stakeholders),
            rank=np.fromiter(map(_RANK.__getitem__, levels), dtype=np.int8, count=len(records)),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, column: Sequence[Any], indexes: _Indexes | Iterable[int]) -> list[Any]:
        """The entries of ``column`` at ``indexes``, in that order."""
        return list(map(column.__getitem__, np.asarray(indexes, dtype=np.int64).tolist()))


class _Network:
    """The collaboration network of the first two indicators, as arrays.

    The edge list (:func:`~coinnovation.network.build.collaboration_edges` with the node
    attributes): the centrality table reads it directly; a networkx graph without the
    sessions behind each tie is made only for brokerage, which takes one.

    Attributes:
        edges: The edge list.
        nodes: The node ids, in the network's order.
        data: Each node's attributes (``name``, ``sector`` ...).
        member: Whether each node's ``sector`` attribute is the sector measured.
        evidence: The sessions the network is built from and the participations in them.
    """

    def __init__(self, edges: EdgeList, sector: Sector, evidence: _Evidence) -> None:
        self.edges = edges
        self.nodes: list[Any] = edges.nodes.tolist()
        self.data: Sequence[Any] = edges.node_data or ({},) * len(self.nodes)
        self.member: _Flags = np.fromiter(
            (data.get("sector") == sector.value for data in self.data),
            dtype=np.bool_,
            count=len(self.nodes),
        )
        self.evidence = evidence

    def __len__(self) -> int:
        return len(self.nodes)

    @cached_property
    def degree(self) -> _Indexes:
        """Each node's number of ties."""
        n = len(self.nodes)
        edges = self.edges
        return np.bincount(edges.source, minlength=n) + np.bincount(edges.target, minlength=n)

    @cached_property
    def between(self) -> _Flags:
        """The nodes that may lie between others: those of components that are not cliques.

        In a connected component where everyone is tied to everyone (a session that
        nobody in it left for another, such as a plenary on its own), two nodes are
        never more than one step apart: no node lies on a shortest path between two
        others, and no node brokers a pair. So betweenness (counting steps) and brokerage
        are 0 there without a search, and only the other components need one.
        """
        n = len(self.nodes)
        edges = self.edges
        if n == 0:
            return np.zeros(0, dtype=np.bool_)
        adjacency = sp.csr_array((np.ones(len(edges)), (edges.source, edges.target)), shape=(n, n))
        count, label = csgraph.connected_components(adjacency, directed=False)
        size = np.bincount(label, minlength=count)
        ties = np.bincount(label[edges.source], minlength=count)
        clique = ties == size * (size - 1) // 2
        return np.asarray(~clique[label], dtype=np.bool_)

    def restricted(self, keep: _Flags) -> EdgeList:
        """The network of the nodes in ``keep`` (in order), with their attributes."""
        edges = self.edges
        if keep.all():
            return edges
        number = np.cumsum(keep) - 1
        kept = keep[edges.source] & keep[edges.target]
        index = np.flatnonzero(keep).tolist()
        return EdgeList(
            nodes=edges.nodes[keep],
            source=number[edges.source[kept]],
            target=number[edges.target[kept]],
            weight=edges.weight[kept],
            node_data=None if edges.node_data is None else [edges.node_data[i] for i in index],
        )


def _ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or ``None`` when ``whole`` is not positive."""
    return part / whole if whole > 0 else None


@attrs.frozen
class _Work:
    """The participations in sessions on each challenge, at their sessions' effective stages.

    A session works on its own challenges, else its nearest ancestor's that records some,
    and at its own stage, else its nearest ancestor's (:meth:`Hub.session_context`).

    Attributes:
        by_challenge: For each challenge id, in hub order, the indexes (into the hub's
            participations) of those in a session on it, in hub order.
        stage: For each participation, the code of its session's effective stage in
            ``stages``, ``-1`` when no stage is known.
        stages: The code of each stage name.
    """

    by_challenge: dict[str, _Indexes]
    stage: NDArray[np.int64]
    stages: dict[str, int]

    def codes(self, stages: Iterable[str]) -> _Indexes:
        """The codes of these stage names (stages no session is at get none)."""
        return np.array([self.stages[s] for s in stages if s in self.stages], dtype=np.int64)

    def names(self, codes: Iterable[int]) -> set[str]:
        """The stage names of these codes."""
        names = list(self.stages)
        return {names[code] for code in codes}


def _work_on_challenges(hub: Hub, participations: _Participations) -> _Work:
    """Challenge id to the participations in sessions on it (effective challenges).

    Every session's challenges and stage are read once; each participation is placed by
    its session's number, and the participations are grouped by challenge with one stable
    sort, so each challenge's keep the hub's order.
    """
    context = hub.session_context()
    challenge_code = {challenge.id: code for code, challenge in enumerate(hub.challenges)}
    stages: dict[str, int] = {}
    session_code: dict[str, int] = {}
    counts: list[int] = []
    on: list[int] = []
    stage_of: list[int] = []
    for session, (challenges, stage) in context.items():
        session_code[session] = len(counts)
        codes = [challenge_code[c] for c in challenges if c in challenge_code]
        counts.append(len(codes))
        on.extend(codes)
        stage_of.append(-1 if stage is None else stages.setdefault(stage, len(stages)))
    # A participation's session is always in the hub (its integrity); one that were not
    # would count for no challenge, as Hub.session_context().get(...) gives it none.
    unknown = len(counts)
    counts.append(0)
    stage_of.append(-1)
    sessions = np.fromiter(
        (session_code.get(session, unknown) for session in participations.sessions),
        dtype=np.int64,
        count=len(participations),
    )
    per_session = np.asarray(counts, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(per_session)[:-1]))
    repeat = per_session[sessions]
    rows = np.repeat(np.arange(len(sessions), dtype=np.int64), repeat)
    # The k-th challenge of a participation's session sits at starts[session] + k in `on`.
    first = np.repeat(starts[sessions] - np.cumsum(repeat) + repeat, repeat)
    challenge = np.asarray(on, dtype=np.int64)[first + np.arange(len(rows), dtype=np.int64)]
    order = np.argsort(challenge, kind="stable")
    bounds = np.searchsorted(challenge[order], np.arange(len(challenge_code) + 1))
    grouped = rows[order]
    by_challenge = {
        challenge.id: grouped[bounds[code] : bounds[code + 1]]
        for code, challenge in enumerate(hub.challenges)
    }
    effective = np.asarray(stage_of, dtype=np.int64)[sessions]
    return _Work(by_challenge, effective, stages)


def _stages_through(hub: Hub, challenge: Challenge) -> tuple[str, ...]:
    """The stages a challenge has been through, in the hub's order.

    Those of its stage history and its current stage; with no history, every stage of
    the hub from the first up to the current one.
    """
    order = {stage: index for index, stage in enumerate(hub.stages)}
    if challenge.stage_history:
        seen = {change.stage for change in challenge.stage_history} | {challenge.stage}
        return tuple(sorted(seen, key=lambda stage: order.get(stage, len(order))))
    if challenge.stage not in order:
        return (challenge.stage,)
    return hub.stages[: order[challenge.stage] + 1]

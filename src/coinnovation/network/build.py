"""Networks from a hub's session record: affiliation, collaboration and interaction graphs.

- :func:`affiliation_graph` — the two-mode network: stakeholders ↔ the sessions they took
  part in (networkx ``bipartite`` convention: 0 stakeholders, 1 sessions).
- :func:`collaboration_graph` — its one-mode projection at the level of people,
  organisations or sectors: two actors are tied when they took part in the same session,
  weighted by shared sessions (``"count"``) or by Newman's (2001) ``Σ_s 1 / (n_s − 1)``.
  :func:`collaboration_edges` gives the same ties as numpy arrays, for large data.
- :func:`interaction_graph` — directed: who responded to whom, who addressed whom, who
  presented to whom.

Nodes are entity ids (sector values at sector level) with the attributes ``kind``
(``"person"``, ``"organisation"``, ``"sector"`` or ``"session"``), ``name`` and ``sector``
(the sector value, or ``None`` when unknown); people also carry ``organisation`` (their
most recent organisation) and ``roles``, organisations ``organisation_kind``. ``G.graph``
records how the graph was built.

Sessions are chosen with a :class:`~coinnovation.models.Scope` (``scope=``), or with its
shorthands: ``sessions=`` (ids), ``kind=`` (session kinds), a window ``since``/``until``
(dates or timezone-aware datetimes, both inclusive; dates compare with the session's
calendar day) and ``nested=``. :meth:`Hub.select <coinnovation.models.Hub.select>`
chooses them. A session without a ``start`` takes its nearest dated ancestor's; sessions
with neither are left out whenever a window is given
(``G.graph["undated_sessions_excluded"]`` counts them).

References:
    M. E. J. Newman, "Scientific collaboration networks. II. Shortest paths, weighted
    networks, and centrality", Physical Review E 64, 016132 (2001).

    R. L. Breiger, "The duality of persons and groups", Social Forces 53(2), 181-190 (1974).

Examples:
    >>> from coinnovation.models import Hub, Organisation, Person, Session, Participation
    >>> hub = Hub(
    ...     organisations=(Organisation(id="o-whg", name="WHG", sector="community"),),
    ...     people=(Person(id="p-ana", name="Ana"), Person(id="p-ben", name="Ben")),
    ...     sessions=(Session(id="s-1", name="Table 1"),),
    ...     participations=(Participation(id="pa-1", session="s-1", person="p-ana"),
    ...                     Participation(id="pa-2", session="s-1", person="p-ben"),
    ...                     Participation(id="pa-3", session="s-1", organisation="o-whg")))
    >>> G = collaboration_graph(hub)
    >>> list(G.edges(data="weight"))
    [('p-ana', 'p-ben', 1), ('p-ana', 'o-whg', 1), ('p-ben', 'o-whg', 1)]
    >>> G.nodes["o-whg"]["kind"], G["p-ana"]["p-ben"]["sessions"]
    ('organisation', ('s-1',))
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from operator import attrgetter
from typing import Any, Literal

import attrs
import networkx as nx
import numpy as np

from coinnovation.models.hub import Hub
from coinnovation.models.scope import Moment, Nested, Scope, Selection
from coinnovation.models.sessions import Contribution, Participation, Session
from coinnovation.models.stakeholders import Membership
from coinnovation.models.vocabularies import ParticipationRole, PersonRole, Sector, SessionKind
from coinnovation.network.projection import (
    DEFAULT_MAX_PAIRS,
    EdgeList,
    Oversize,
    WeightScheme,
    project,
)

__all__ = [
    "Level",
    "Nested",
    "SessionIncidence",
    "affiliation_graph",
    "collaboration_edges",
    "collaboration_graph",
    "interaction_graph",
    "session_incidence",
]

#: Who the actors of a collaboration network are: the one level type every module uses
#: (sharing's parties are :data:`~coinnovation.sharing.record.PartyLevel`, a hypergraph's
#: ``HypergraphLevel``: the levels they support).
Level = Literal["person", "organisation", "sector"]

# -- choosing sessions ----------------------------------------------------------------------


@attrs.frozen
class _Columns:
    """A hub's selection laid out as the columns of an incidence matrix.

    Column ``k`` is ``selection.sessions[k]``; ``columns_of`` maps every session id to the
    columns its participations count for (``Selection.counts_for`` as column numbers), and
    with ``nested="own"`` ``column_of`` maps it to its one column, or -1 (for speed).
    """

    selection: Selection
    columns_of: dict[str, tuple[int, ...]]
    column_of: dict[str, int] | None


def _columns(hub: Hub, scope: Scope) -> _Columns:
    selection = hub.select(scope)
    column = {session.id: index for index, session in enumerate(selection.sessions)}
    counts_for = selection.counts_for
    column_of = None
    columns_of: dict[str, tuple[int, ...]]
    if scope.nested == "own":
        column_of = dict.fromkeys(counts_for, -1)
        column_of.update(column)
        if len(column) == len(counts_for):
            columns_of = {session: (index,) for session, index in column.items()}
        else:
            columns_of = dict.fromkeys(counts_for, ())
            columns_of.update((session, (index,)) for session, index in column.items())
    else:
        columns_of = {
            session: tuple(column[chosen] for chosen in counted)
            for session, counted in counts_for.items()
        }
    return _Columns(selection, columns_of, column_of)


def _filters(scope: Scope, selection: Selection) -> dict[str, Any]:
    """What ``G.graph`` records of how the sessions were chosen."""
    return {
        "nested": scope.nested,
        "kinds": None if scope.kinds is None else tuple(kind.value for kind in scope.kinds),
        "challenge": scope.challenge,
        "since": _iso(scope.since),
        "until": _iso(scope.until),
        "sessions_selected": len(selection.sessions),
        "undated_sessions_excluded": len(selection.undated_excluded),
    }


def _iso(value: Moment | None) -> str | None:
    return None if value is None else value.isoformat()


# -- node attributes ------------------------------------------------------------------------


def _recency(membership: Membership) -> tuple[bool, date, date]:
    """Open memberships first, then the later end, then the later start."""
    return (membership.end is None, membership.end or date.min, membership.start or date.min)


class _Attributes:
    """Node attributes of stakeholders and sectors, from look-up tables built once.

    A person's ``organisation`` is their most recent one (open memberships first, then
    the later end, then the later start) and their ``sector`` their own or that
    organisation's: what ``Hub.sector_of(person)`` returns, computed without a hub
    query per person.
    """

    def __init__(self, hub: Hub) -> None:
        self.people = {person.id: person for person in hub.people}
        self.organisations = {organisation.id: organisation for organisation in hub.organisations}
        latest: dict[str, Membership] = {}
        for membership in hub.memberships:
            held = latest.get(membership.person)
            if held is None or _recency(membership) > _recency(held):
                latest[membership.person] = membership
        self.latest = {person: membership.organisation for person, membership in latest.items()}
        self.roles: dict[tuple[PersonRole, ...], tuple[str, ...]] = {}

    def of(self, node: Hashable, level: str) -> dict[str, Any]:
        if level == "sector":
            value = Sector(str(node)).value
            return {
                "kind": "sector",
                "name": value.replace("_", " ").capitalize(),
                "sector": value,
            }
        person = self.people.get(str(node))
        if person is not None:
            organisation = self.latest.get(person.id)
            sector = person.sector
            if sector is None and organisation is not None:
                sector = self.organisations[organisation].sector
            roles = self.roles.get(person.roles)
            if roles is None:
                roles = self.roles[person.roles] = tuple(role.value for role in person.roles)
            return {
                "kind": "person",
                "name": person.name,
                "sector": None if sector is None else sector.value,
                "organisation": organisation,
                "roles": roles,
            }
        record = self.organisations[str(node)]
        return {
            "kind": "organisation",
            "name": record.name,
            "sector": record.sector.value,
            "organisation_kind": record.kind.value,
        }

    @staticmethod
    def session(session: Session) -> dict[str, Any]:
        return {
            "kind": "session",
            "name": session.name,
            "sector": None,
            "session_kind": session.kind.value,
            "start": _iso(session.start),
            "parent": session.parent,
        }


# -- actors of each participation -------------------------------------------------------------


@attrs.frozen(eq=False)
class SessionIncidence:
    """Which actors count at which chosen session: what a collaboration network projects.

    Entry ``i`` says that actor ``nodes[rows[i]]`` counts at session ``sessions[cols[i]]``
    (an actor may appear more than once at a session: the projection counts it once).
    :func:`session_incidence` builds it; :func:`collaboration_edges` projects it, and
    resampling methods (a bootstrap over sessions) redraw its columns.

    Attributes:
        nodes: The actors, in order of first appearance (the network's node order).
        sessions: The chosen sessions' ids (the columns), in the hub's order.
        rows: The actor of each entry.
        cols: The session column of each entry.
        dropped: Stakeholders with no actor at the level (a person with no organisation
            at an organisation-level network), whose participations are left out.
        dropped_participations: How many participations were left out so.

    Examples:
        >>> import coinnovation as co
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> layout = session_incidence(hub, level="organisation", scope=co.Scope(kinds=("table",)))
        >>> len(layout.nodes), len(layout.sessions)
        (21, 11)
    """

    nodes: list[Hashable]
    rows: np.ndarray[Any, np.dtype[np.int64]]
    cols: np.ndarray[Any, np.dtype[np.int64]]
    dropped: tuple[str, ...]
    dropped_participations: int
    sessions: tuple[str, ...] = ()


def _factorised(
    actors: list[tuple[Hashable, ...]], columns: list[tuple[int, ...]]
) -> tuple[list[Hashable], list[int], list[int]]:
    """Every (actor, column) pair, with actors numbered in order of first appearance."""
    index: dict[Hashable, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for names, chain in zip(actors, columns, strict=True):
        if not chain:
            continue
        for name in names:
            number = index.setdefault(name, len(index))
            rows.extend(itertools.repeat(number, len(chain)))
            cols.extend(chain)
    return list(index), rows, cols


def _person_incidence(hub: Hub, columns: _Columns) -> SessionIncidence:
    """People, and organisations recorded without a person: C-level loops, for speed."""
    participations = hub.participations
    stakeholders: list[str | None] = list(map(attrgetter("person"), participations))
    if None in stakeholders:
        for at in [at for at, person in enumerate(stakeholders) if person is None]:
            stakeholders[at] = participations[at].organisation
    sessions = map(attrgetter("session"), participations)
    count = len(participations)
    if columns.column_of is not None:  # nested="own": one column or none
        cols = np.fromiter(map(columns.column_of.__getitem__, sessions), np.int64, count)
        present = cols >= 0
        lengths = present.astype(np.int64)
        cols = cols[present]
    else:
        chains = list(map(columns.columns_of.__getitem__, sessions))
        lengths = np.fromiter(map(len, chains), dtype=np.int64, count=count)
        present = lengths > 0
        cols = np.fromiter(itertools.chain.from_iterable(chains), np.int64, int(lengths.sum()))
    if not present.all():
        stakeholders = list(itertools.compress(stakeholders, present.tolist()))
        lengths = lengths[present]
    index = {name: number for number, name in enumerate(dict.fromkeys(stakeholders))}
    numbers = np.fromiter(map(index.__getitem__, stakeholders), np.int64, len(stakeholders))
    rows = numbers if columns.column_of is not None else np.repeat(numbers, lengths)
    return SessionIncidence(list(index), rows, cols, (), 0)


def _grouped_incidence(hub: Hub, columns: _Columns, level: str) -> SessionIncidence:
    """Organisations (membership on the session's day) or sectors, per participation."""
    cache: dict[tuple[str, date | None], tuple[str, ...]] = {}
    day_of = columns.selection.day_of
    organisation_sector = {o.id: o.sector.value for o in hub.organisations}
    actors: list[tuple[Hashable, ...]] = []
    kept: list[tuple[int, ...]] = []
    dropped: set[str] = set()
    dropped_participations = 0
    for participation in hub.participations:
        chain = columns.columns_of[participation.session]
        if not chain:
            continue
        names = _actors_of(hub, participation, day_of, level, organisation_sector, cache)
        if not names:
            dropped.add(participation.stakeholder)
            dropped_participations += 1
            continue
        actors.append(names)
        kept.append(chain)
    nodes, rows, cols = _factorised(actors, kept)
    return SessionIncidence(
        nodes,
        np.asarray(rows, dtype=np.int64),
        np.asarray(cols, dtype=np.int64),
        tuple(sorted(dropped)),
        dropped_participations,
    )


def _actors_of(
    hub: Hub,
    participation: Participation,
    day_of: Mapping[str, date | None],
    level: str,
    organisation_sector: dict[str, str],
    cache: dict[tuple[str, date | None], tuple[str, ...]],
) -> tuple[str, ...]:
    organisation = participation.organisation
    if organisation is not None:
        return (organisation,) if level == "organisation" else (organisation_sector[organisation],)
    person = participation.person
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


def _incidence(hub: Hub, columns: _Columns, level: str) -> SessionIncidence:
    if level not in ("person", "organisation", "sector"):
        raise ValueError(f"level must be 'person', 'organisation' or 'sector', not {level!r}")
    found = (
        _person_incidence(hub, columns)
        if level == "person"
        else _grouped_incidence(hub, columns, level)
    )
    sessions = tuple(session.id for session in columns.selection.sessions)
    return attrs.evolve(found, sessions=sessions)


def session_incidence(
    hub: Hub, *, level: Level = "person", scope: Scope | None = None
) -> SessionIncidence:
    """The actors × sessions incidence a collaboration network is projected from.

    The same actors, sessions and node order as :func:`collaboration_edges` and
    :func:`collaboration_graph` with the same ``level`` and ``scope``: a participation
    counts for the chosen sessions its session counts for (its own, or with
    ``nested="subtree"`` its chosen ancestors too); its actor is its person (or its
    organisation when it names none), the organisation it names or the person's
    organisations on the session's day, or their sector.

    Args:
        hub: The hub.
        level: ``"person"``, ``"organisation"`` or ``"sector"``.
        scope: Which sessions count (every session by default).

    Returns:
        The :class:`SessionIncidence`.

    Raises:
        ValueError: An unknown level.

    Examples:
        >>> import coinnovation as co
        >>> layout = session_incidence(co.load("examples/walsall-2023/hub.json"))
        >>> len(layout.nodes), len(layout.rows) > 0
        (90, True)
    """
    chosen = Scope() if scope is None else scope
    return _incidence(hub, _columns(hub, chosen), level)


# -- collaboration ---------------------------------------------------------------------------


def _collaboration(
    hub: Hub,
    *,
    level: Level,
    weight: WeightScheme,
    scope: Scope,
    min_weight: float | None,
    evidence: bool,
    max_session_size: int | None,
    oversize: Oversize,
    max_pairs: int | None,
    node_attributes: bool,
) -> EdgeList:
    columns = _columns(hub, scope)
    selection = columns.selection
    incidence = _incidence(hub, columns, level)
    edges = project(
        incidence.rows,
        incidence.cols,
        nodes=incidence.nodes,
        sessions=[session.id for session in selection.sessions],
        weight=weight,
        min_weight=min_weight,
        evidence=evidence,
        max_pairs=max_pairs,
        max_session_size=max_session_size,
        oversize=oversize,
    )
    graph = {
        "kind": "collaboration",
        "level": level,
        **_filters(scope, selection),
        "max_session_size": max_session_size,
        "oversize": oversize,
        "dropped_stakeholders": incidence.dropped,
        "dropped_participations": incidence.dropped_participations,
        **edges.graph,
    }
    node_data = None
    if node_attributes:
        attributes = _Attributes(hub)
        node_data = [attributes.of(node, level) for node in incidence.nodes]
    return attrs.evolve(edges, graph=graph, node_data=node_data)


def collaboration_edges(
    hub: Hub,
    *,
    level: Level = "person",
    weight: WeightScheme = "count",
    scope: Scope | None = None,
    sessions: Iterable[str] | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    min_weight: float | None = None,
    nested: Nested | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    node_attributes: bool = False,
) -> EdgeList:
    """The collaboration network as numpy arrays: what :func:`collaboration_graph` builds.

    For large data, where building a networkx graph is itself the bottleneck: the ties
    come as an :class:`~coinnovation.network.projection.EdgeList` (``nodes``, ``source``,
    ``target``, ``weight``), whose degree and strength are computed with numpy and which
    converts with ``.to_networkx()``, ``.to_pandas()`` and ``.to_scipy()``. The options
    are :func:`collaboration_graph`'s; the evidence is not computed.

    Args:
        hub: The hub.
        level: ``"person"``, ``"organisation"`` or ``"sector"``.
        weight: ``"count"`` (shared sessions) or ``"newman"`` (``Σ_s 1 / (n_s − 1)``).
        scope: Which sessions count (:class:`~coinnovation.models.Scope`); or give the
            shorthands below, not both.
        sessions: Only these session ids; ``None`` for all.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime.
        min_weight: Drop lighter ties; ``None`` keeps every tie.
        nested: ``"own"`` (the default) or ``"subtree"`` (see
            :func:`collaboration_graph`).
        max_session_size: Sessions with more actors are skipped or down-weighted.
        oversize: ``"skip"`` or ``"downweight"``.
        max_pairs: Refuse projections of more than this many (repeated) ties.
        node_attributes: Also carry the node attributes (``kind``, ``name``, ``sector``
            ...), as ``node_data``; off by default, as it costs more than the projection.

    Returns:
        The edge list; ``graph`` records how it was built, as ``G.graph`` does.

    Raises:
        ProjectionTooLargeError: ``Σ_s C(n_s, 2)`` exceeds ``max_pairs``.
        UnknownReferenceError: A session id (or the scope's challenge) is not in the hub.
        ValueError: An unknown option value or session kind, a naive datetime, or
            ``until`` before ``since``.
        TypeError: ``scope=`` given with a shorthand, or ``sessions`` given as one id.

    Examples:
        >>> from coinnovation.testing.synthetic import synthetic_hub
        >>> edges = collaboration_edges(synthetic_hub(2_000, seed=1), level="organisation")
        >>> edges.graph["level"], len(edges) > 0
        ('organisation', True)
        >>> int(edges.strength().columns["strength"].sum()) == 2 * int(edges.weight.sum())
        True
    """
    return _collaboration(
        hub,
        level=level,
        weight=weight,
        scope=Scope.from_options(
            scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
        ),
        min_weight=min_weight,
        evidence=False,
        max_session_size=max_session_size,
        oversize=oversize,
        max_pairs=max_pairs,
        node_attributes=node_attributes,
    )


def collaboration_graph(
    hub: Hub,
    *,
    level: Level = "person",
    weight: WeightScheme = "count",
    scope: Scope | None = None,
    sessions: Iterable[str] | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    min_weight: float | None = None,
    evidence: bool = True,
    nested: Nested | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
) -> nx.Graph[Any]:
    """Who worked with whom: actors tied when they took part in the same session.

    The one-mode projection of the affiliation network. With ``n_s`` the number of
    distinct actors of session ``s`` (at the chosen level), the tie between actors ``i``
    and ``j`` weighs

    - ``w_ij = |S_i ∩ S_j|``, the number of sessions both took part in
      (``weight="count"``);
    - ``w_ij = Σ_{s ∈ S_i ∩ S_j} 1 / (n_s − 1)`` (``weight="newman"``; Newman 2001): each
      actor shares one unit per session among the others present, so a tie from a pair
      meeting counts 1 and one from a 41-strong workshop 1/40.

    Actors at each ``level``:

    - ``"person"``: the person of each participation; a participation that names only an
      organisation makes the organisation itself an actor (a node of kind
      ``"organisation"``), standing for whoever came on its behalf.
    - ``"organisation"``: the participation's organisation if it names one (on whose
      behalf the person came); otherwise every organisation the person was a member of
      on the day of the session where the participation is recorded (its start, or its
      nearest dated ancestor's; any membership when there is none). People with no
      organisation that day are dropped and listed in ``G.graph["dropped_stakeholders"]``.
    - ``"sector"``: the participation's organisation's sector if it names one; otherwise
      the person's sector on the day (``Hub.sector_of``: their own, else their first
      organisation's). Unknown sectors are dropped and listed as above.

    Each session's actors count once: two people of one organisation make one
    organisation actor, and a person recorded twice is one actor.

    ``nested="own"`` (default) counts the participants recorded at a session;
    ``"subtree"`` counts those of its whole subtree, so an event counts everyone at its
    workshops and tables. Then every level of the tree is a session: two people at the
    same table of a workshop of an event share three sessions. To count shared events
    only, pass ``nested="subtree"`` with ``sessions=[s.id for s in hub.root_sessions()]``.

    Every actor of a selected session is a node, alone or not. Sessions with more than
    ``max_session_size`` actors are skipped (``oversize="skip"``, listed in
    ``G.graph["skipped_sessions"]``) or down-weighted (``"downweight"``: each of their
    ties counts ``1 / (n_s − 1)`` whatever the scheme — so Newman weights are unchanged;
    listed in ``G.graph["downweighted_sessions"]``). Before projecting, the number of
    ties ``Σ_s C(n_s, 2)`` (down-weighted sessions included) is checked against
    ``max_pairs``.

    Args:
        hub: The hub.
        level: ``"person"``, ``"organisation"`` or ``"sector"``.
        weight: ``"count"`` or ``"newman"``.
        scope: Which sessions count (:class:`~coinnovation.models.Scope`: ids, kinds,
            a challenge, a window, own or subtree); or give the shorthands below, not
            both.
        sessions: Only these session ids; ``None`` for all.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime. With a
            window, sessions with no start of their own or of an ancestor are left out.
        min_weight: Drop ties lighter than this; ``None`` keeps every tie.
        evidence: Put on each edge the ids of the sessions behind it (``sessions``);
            ``False`` gives edges with ``weight`` only, for large data.
        nested: ``"own"`` (the default) or ``"subtree"``.
        max_session_size: Sessions with more actors are skipped or down-weighted.
        oversize: ``"skip"`` or ``"downweight"``.
        max_pairs: Refuse projections of more than this many (repeated) ties;
            ``None`` for no limit.

    Returns:
        An undirected graph; ``G.graph`` records ``level``, ``weight_scheme``,
        ``nested``, ``pairs``, ``skipped_sessions``, ``downweighted_sessions``,
        ``dropped_stakeholders`` and the filters.

    Raises:
        ProjectionTooLargeError: ``Σ_s C(n_s, 2)`` exceeds ``max_pairs``; the message
            names the largest sessions.
        UnknownReferenceError: A session id (or the scope's challenge) is not in the hub.
        ValueError: An unknown option value or session kind, a naive datetime, or
            ``until`` before ``since``.
        TypeError: ``scope=`` given with a shorthand, or ``sessions`` given as one id.

    Examples:
        >>> from coinnovation.models import Hub, Organisation, Person, Membership
        >>> from coinnovation.models import Session, Participation
        >>> hub = Hub(
        ...     organisations=(Organisation(id="o-a", name="A", sector="community"),
        ...                    Organisation(id="o-b", name="B", sector="industry")),
        ...     people=tuple(Person(id=f"p-{i}", name=f"P{i}") for i in range(3)),
        ...     memberships=(Membership(id="m-0", person="p-0", organisation="o-a"),
        ...                  Membership(id="m-1", person="p-1", organisation="o-a"),
        ...                  Membership(id="m-2", person="p-2", organisation="o-b")),
        ...     sessions=(Session(id="s-1", name="Table"),),
        ...     participations=tuple(Participation(id=f"pa-{i}", session="s-1",
        ...                                        person=f"p-{i}") for i in range(3)))
        >>> collaboration_graph(hub, weight="newman")["p-0"]["p-1"]["weight"]
        0.5
        >>> G = collaboration_graph(hub, level="organisation")
        >>> list(G.edges(data="weight"))
        [('o-a', 'o-b', 1)]
        >>> list(collaboration_graph(hub, level="sector").edges)
        [('community', 'industry')]
        >>> from coinnovation.models import Scope
        >>> collaboration_graph(hub, scope=Scope(kinds="event")).number_of_edges()
        0
        >>> collaboration_graph(hub, kind="meeting").number_of_edges()
        3
    """
    edges = _collaboration(
        hub,
        level=level,
        weight=weight,
        scope=Scope.from_options(
            scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
        ),
        min_weight=min_weight,
        evidence=evidence,
        max_session_size=max_session_size,
        oversize=oversize,
        max_pairs=max_pairs,
        node_attributes=True,
    )
    return edges.to_networkx()


# -- affiliation ----------------------------------------------------------------------------


def affiliation_graph(
    hub: Hub,
    *,
    scope: Scope | None = None,
    sessions: Iterable[str] | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    nested: Nested | None = None,
) -> nx.Graph[Any]:
    """The two-mode network: stakeholders linked to the sessions they took part in.

    Stakeholders are the people of the participations, and organisations recorded
    without a person; they carry ``bipartite=0``, sessions ``bipartite=1`` (networkx's
    convention, so ``networkx.bipartite`` functions apply). Session nodes carry ``kind``
    ``"session"``, ``name``, ``session_kind``, ``start`` (ISO text or ``None``) and
    ``parent``. An edge's ``weight`` is the number of participations recording that
    stakeholder there (usually 1), ``roles`` and ``levels`` the distinct roles and IAP2
    levels recorded, in order. With ``nested="subtree"`` a stakeholder is linked to every
    selected session in whose subtree they took part. Every selected session is a node.

    Its projection onto the stakeholders is ``collaboration_graph(hub)`` (Breiger 1974:
    the person-by-person matrix is ``B Bᵀ``).

    Args:
        hub: The hub.
        scope: Which sessions count (:class:`~coinnovation.models.Scope`); or give the
            shorthands below, not both.
        sessions: Only these session ids; ``None`` for all.
        kind: Only sessions of this kind (or kinds).
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime.
        nested: ``"own"`` (the default) or ``"subtree"``.

    Returns:
        An undirected bipartite graph.

    Raises:
        UnknownReferenceError: A session id (or the scope's challenge) is not in the hub.
        ValueError: An unknown ``nested`` or session kind, a naive datetime, or ``until``
            before ``since``.
        TypeError: ``scope=`` given with a shorthand, or ``sessions`` given as one id.

    Examples:
        >>> from coinnovation.models import Hub, Person, Session, Participation
        >>> hub = Hub(people=(Person(id="p-ana", name="Ana"),),
        ...           sessions=(Session(id="s-day", name="Day"),
        ...                     Session(id="s-t1", name="Table", parent="s-day")),
        ...           participations=(Participation(id="pa-1", session="s-t1",
        ...                                         person="p-ana", level="involve"),))
        >>> B = affiliation_graph(hub)
        >>> B.nodes["s-t1"]["bipartite"], B.nodes["p-ana"]["bipartite"]
        (1, 0)
        >>> B["p-ana"]["s-t1"]
        {'weight': 1, 'roles': ('participant',), 'levels': ('involve',)}
        >>> sorted(affiliation_graph(hub, nested="subtree")["p-ana"])
        ['s-day', 's-t1']
    """
    scope = Scope.from_options(
        scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
    )
    columns = _columns(hub, scope)
    selection = columns.selection
    links: dict[tuple[str, int], list[Participation]] = defaultdict(list)
    for participation in hub.participations:
        for column in columns.columns_of[participation.session]:
            links[(participation.stakeholder, column)].append(participation)
    attributes = _Attributes(hub)
    graph: nx.Graph[Any] = nx.Graph()
    graph.graph.update(kind="affiliation", **_filters(scope, selection))
    stakeholders = dict.fromkeys(stakeholder for stakeholder, _ in links)
    graph.add_nodes_from(
        (node, {**attributes.of(node, "person"), "bipartite": 0}) for node in stakeholders
    )
    graph.add_nodes_from(
        (session.id, {**attributes.session(session), "bipartite": 1})
        for session in selection.sessions
    )
    for (stakeholder, column), records in links.items():
        graph.add_edge(
            stakeholder,
            selection.sessions[column].id,
            weight=len(records),
            roles=tuple(dict.fromkeys(record.role.value for record in records)),
            levels=tuple(
                dict.fromkeys(record.level.value for record in records if record.level is not None)
            ),
        )
    return graph


# -- interaction ----------------------------------------------------------------------------

_KINDS = ("response", "addressed", "presented")


def interaction_graph(
    hub: Hub,
    *,
    scope: Scope | None = None,
    sessions: Iterable[str] | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    nested: Nested | None = None,
) -> nx.DiGraph[Any]:
    """Who responded to, addressed and presented to whom: a directed network.

    Arcs, each counted once per contribution or per session:

    - ``response``: a contribution's author → the author of the contribution it
      ``responds_to``;
    - ``addressed``: a contribution's author → each stakeholder in its
      ``addressed_to``;
    - ``presented``: a stakeholder recorded as ``presenter`` at a session → every other
      participant of that session (with ``nested="subtree"``, of its whole subtree, so a
      keynote at an event reaches the people recorded at its tables).

    Arcs from a stakeholder to themselves are left out. An arc's ``weight`` is the sum of
    its ``response``, ``addressed`` and ``presented`` counts; ``contributions`` and
    ``sessions`` hold the ids behind it, in hub order. Contributions are filtered by
    their session. Nodes: every stakeholder who took part in, or contributed at, a
    selected session, and everyone addressed or responded to.

    Args:
        hub: The hub.
        scope: Which sessions count (:class:`~coinnovation.models.Scope`); its
            ``nested`` says whom a presenter reaches. Or give the shorthands below, not
            both.
        sessions: Only these session ids; ``None`` for all.
        kind: Only sessions of this kind (or kinds).
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime.
        nested: Whom a presenter reaches: ``"own"`` (the default) or ``"subtree"``
            participants.

    Returns:
        A :class:`networkx.DiGraph`.

    Raises:
        UnknownReferenceError: A session id (or the scope's challenge) is not in the hub.
        ValueError: An unknown ``nested`` or session kind, a naive datetime, or ``until``
            before ``since``.
        TypeError: ``scope=`` given with a shorthand, or ``sessions`` given as one id.

    Examples:
        >>> from coinnovation.models import Hub, Person, Session, Participation, Contribution
        >>> hub = Hub(
        ...     people=(Person(id="p-ana", name="Ana"), Person(id="p-ben", name="Ben")),
        ...     sessions=(Session(id="s-1", name="Pitch"),),
        ...     participations=(
        ...         Participation(id="pa-1", session="s-1", person="p-ana", role="presenter"),
        ...         Participation(id="pa-2", session="s-1", person="p-ben")),
        ...     contributions=(
        ...         Contribution(id="c-1", session="s-1", author="p-ana", text="Our app"),
        ...         Contribution(id="c-2", session="s-1", author="p-ben", text="Offline?",
        ...                      responds_to="c-1")))
        >>> D = interaction_graph(hub)
        >>> D["p-ana"]["p-ben"]["presented"], D["p-ben"]["p-ana"]["response"]
        (1, 1)
        >>> D["p-ben"]["p-ana"]["contributions"]
        ('c-2',)
    """
    scope = Scope.from_options(
        scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
    )
    selection = hub.select(scope)
    selected = set(selection.ids)
    arcs: dict[tuple[str, str], dict[str, Any]] = {}
    nodes: dict[str, None] = {}

    def add(source: str, target: str, kind: str, session: str, contribution: str | None) -> None:
        if source == target:
            return
        arc = arcs.get((source, target))
        if arc is None:
            arc = {"weight": 0, **dict.fromkeys(_KINDS, 0), "contributions": {}, "sessions": {}}
            arcs[(source, target)] = arc
        arc["weight"] += 1
        arc[kind] += 1
        if contribution is not None:
            arc["contributions"][contribution] = None
        arc["sessions"][session] = None

    audience: dict[str, dict[str, None]] = defaultdict(dict)
    presenters: dict[str, dict[str, None]] = defaultdict(dict)
    for participation in hub.participations:
        where = participation.session
        for reached in selection.counts_for[where]:
            audience[reached][participation.stakeholder] = None
        if where in selected:
            nodes[participation.stakeholder] = None
            if participation.role is ParticipationRole.PRESENTER:
                presenters[where][participation.stakeholder] = None
    for chosen in selection.sessions:
        for presenter in presenters.get(chosen.id, ()):
            for member in audience[chosen.id]:
                add(presenter, member, "presented", chosen.id, None)

    for contribution in hub.contributions:
        if contribution.session not in selected:
            continue
        nodes[contribution.author] = None
        if contribution.responds_to is not None:
            answered = hub.get(contribution.responds_to)
            if isinstance(answered, Contribution):
                nodes[answered.author] = None
                add(
                    contribution.author,
                    answered.author,
                    "response",
                    contribution.session,
                    contribution.id,
                )
        for addressee in dict.fromkeys(contribution.addressed_to):
            nodes[addressee] = None
            add(contribution.author, addressee, "addressed", contribution.session, contribution.id)

    attributes = _Attributes(hub)
    graph: nx.DiGraph[Any] = nx.DiGraph()
    graph.graph.update(kind="interaction", **_filters(scope, selection))
    graph.add_nodes_from((node, attributes.of(node, "person")) for node in nodes)
    session_order = {session.id: index for index, session in enumerate(hub.sessions)}
    contribution_order = {c.id: index for index, c in enumerate(hub.contributions)}
    for (source, target), arc in arcs.items():
        arc["contributions"] = tuple(
            sorted(arc["contributions"], key=contribution_order.__getitem__)
        )
        arc["sessions"] = tuple(sorted(arc["sessions"], key=session_order.__getitem__))
        graph.add_edge(source, target, **arc)
    return graph

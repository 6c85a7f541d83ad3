"""The session record as a hypergraph: each session a hyperedge over who took part in it.

A collaboration network keeps only pairs: a table of six becomes fifteen ties, and a
pair who met alone looks the same as two people who sat at a crowded table. A hypergraph
keeps each session whole — a hyperedge over its participants — so higher-order tools
(XGI, HyperNetX, HypergraphX, SimpleHypergraphs.jl) can work on the record itself.

- :func:`hif_data` and :func:`write_hif` — the hypergraph in the Hypergraph Interchange
  Format (HIF 0.1.0, JSON), written without any extra dependency;
- :func:`session_hypergraph` — the same hypergraph as an ``xgi.Hypergraph`` (needs the
  ``hyper`` extra).

The options mirror the network builders': ``level="person"`` (people, and organisations
recorded without a person) or ``"organisation"`` (the participation's organisation, else
every organisation the person was a member of on the session's day), and the sessions as
a :class:`~coinnovation.models.Scope` (``scope=``), or its shorthands ``sessions=``,
``kind=``, ``since=``, ``until=`` and ``nested=`` (``"own"``: participants recorded at a
session; ``"subtree"``: also those of its sub-sessions), chosen by :meth:`Hub.select
<coinnovation.models.Hub.select>`. Two actors share a hyperedge exactly when
:func:`~coinnovation.network.build.collaboration_graph` with the same options ties them,
and the number of hyperedges they share is its ``"count"`` weight.

Reference:
    M. Coll, C. A. Joslyn, N. W. Landry, Q. F. Lotito, A. Myers, J. Pickard,
    B. Praggastis and P. Szufel, *Hypergraph Interchange Format (HIF)*, version 0.1.0
    (2025), https://github.com/pszufe/HIF-standard.

Examples:
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> hub = Hub(
    ...     people=(Person(id="p-ana", name="Ana"), Person(id="p-ben", name="Ben")),
    ...     sessions=(Session(id="s-1", name="Table 1"),),
    ...     participations=(Participation(id="pa-1", session="s-1", person="p-ana"),
    ...                     Participation(id="pa-2", session="s-1", person="p-ben")))
    >>> data = hif_data(hub)
    >>> data["network-type"], [(i["edge"], i["node"]) for i in data["incidences"]]
    ('undirected', [('s-1', 'p-ana'), ('s-1', 'p-ben')])
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Literal

import attrs

from coinnovation._optional import require
from coinnovation.export.graphs import json_ready
from coinnovation.io.files import atomic_write
from coinnovation.models.hub import Hub
from coinnovation.models.scope import Moment, Nested, Scope
from coinnovation.models.sessions import Participation
from coinnovation.models.vocabularies import SessionKind
from coinnovation.network.build import affiliation_graph
from coinnovation.privacy import Privacy

__all__ = ["HIF_VERSION", "HypergraphLevel", "hif_data", "session_hypergraph", "write_hif"]

#: The version of the Hypergraph Interchange Format that :func:`hif_data` follows.
HIF_VERSION = "0.1.0"

#: Who the nodes of the hypergraph are.
HypergraphLevel = Literal["person", "organisation"]


@attrs.frozen
class _View:
    """Nodes, hyperedges (sessions) and incidences, with their attributes, in order."""

    nodes: dict[str, dict[str, Any]]
    edges: dict[str, dict[str, Any]]
    incidences: dict[tuple[str, str], dict[str, Any]]
    metadata: dict[str, Any]


def _incidence(records: list[Participation]) -> dict[str, Any]:
    return {
        "participations": len(records),
        "roles": tuple(dict.fromkeys(record.role.value for record in records)),
        "levels": tuple(
            dict.fromkeys(record.level.value for record in records if record.level is not None)
        ),
    }


def _view(hub: Hub, *, level: str, scope: Scope) -> _View:
    if level not in ("person", "organisation"):
        raise ValueError(f"level must be 'person' or 'organisation', not {level!r}")
    affiliation = affiliation_graph(hub, scope=scope)
    edges = {
        node: {key: value for key, value in data.items() if key != "bipartite"}
        for node, data in affiliation.nodes(data=True)
        if data["bipartite"] == 1
    }
    metadata: dict[str, Any] = {
        "name": hub.name,
        "level": level,
        "nested": scope.nested,
        "kinds": affiliation.graph["kinds"],
        "challenge": affiliation.graph["challenge"],
        "since": affiliation.graph["since"],
        "until": affiliation.graph["until"],
        "undated_sessions_excluded": affiliation.graph["undated_sessions_excluded"],
    }
    if level == "person":
        nodes = {
            node: {key: value for key, value in data.items() if key != "bipartite"}
            for node, data in affiliation.nodes(data=True)
            if data["bipartite"] == 0
        }
        incidences = {
            (session, node): {
                "participations": affiliation[session][node]["weight"],
                "roles": affiliation[session][node]["roles"],
                "levels": affiliation[session][node]["levels"],
            }
            for session in edges
            for node in affiliation[session]
        }
        return _View(nodes, edges, incidences, metadata)

    selection = hub.select(scope)  # the sessions of the hyperedges, and what counts for them
    days, counts_for = selection.day_of, selection.counts_for
    memberships: dict[tuple[str, date | None], tuple[str, ...]] = {}
    records: dict[tuple[str, str], list[Participation]] = defaultdict(list)
    order: dict[str, None] = {}
    dropped: dict[str, None] = {}
    dropped_participations = 0
    for participation in hub.participations:
        where = participation.session
        reached = counts_for[where]
        if not reached:
            continue
        if participation.organisation is not None:
            organisations: tuple[str, ...] = (participation.organisation,)
        else:
            person = participation.person
            assert person is not None  # a participation names someone
            key = (person, days[where])
            if key not in memberships:
                memberships[key] = tuple(o.id for o in hub.organisations_of(person, on=key[1]))
            organisations = memberships[key]
        if not organisations:
            dropped[participation.stakeholder] = None
            dropped_participations += 1
            continue
        for session in reached:
            for actor in organisations:
                order[actor] = None
                records[(session, actor)].append(participation)
    nodes = {}
    for organisation_id in order:
        organisation = hub.organisation(organisation_id)
        nodes[organisation_id] = {
            "kind": "organisation",
            "name": organisation.name,
            "sector": organisation.sector.value,
            "organisation_kind": organisation.kind.value,
        }
    rank = {session: index for index, session in enumerate(edges)}
    incidences = {
        pair: _incidence(found)
        for pair, found in sorted(records.items(), key=lambda item: rank[item[0][0]])
    }
    metadata["dropped_stakeholders"] = tuple(sorted(dropped))
    metadata["dropped_participations"] = dropped_participations
    return _View(nodes, edges, incidences, metadata)


def _private(view: _View, privacy: Privacy) -> _View:
    """The view as the privacy policy says, at any level.

    Person nodes are shown by label (named people by id, others by pseudonym) and
    excluded people left out with their incidences; organisations stay themselves. Every
    attribute and the metadata (such as ``dropped_stakeholders``) go through
    :meth:`Privacy.data <coinnovation.privacy.Privacy.data>`.
    """
    nodes: dict[str, Any] = {}
    label: dict[str, str] = {}
    for node, data in view.nodes.items():
        shown = node
        if data.get("kind") == "person":
            if not privacy.visible(node):
                continue
            shown = privacy.label(node) or node
        label[node] = shown
        attributes = privacy.data(data)
        if shown != node and "name" in data:
            attributes["name"] = privacy.name(node)
        nodes[shown] = attributes
    edges = {edge: privacy.data(data) for edge, data in view.edges.items()}
    incidences = {
        (edge, label[node]): privacy.data(data)
        for (edge, node), data in view.incidences.items()
        if node in label
    }
    metadata = privacy.data(view.metadata)
    metadata["privacy"] = "names only for people who consented"
    return _View(nodes, edges, incidences, metadata)


def hif_data(
    hub: Hub,
    *,
    level: HypergraphLevel = "person",
    nested: Nested | None = None,
    sessions: Iterable[str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    privacy: Privacy | None = None,
) -> dict[str, Any]:
    """The sessions as a hypergraph in the Hypergraph Interchange Format (HIF 0.1.0).

    A hypergraph ``H = (V, E, I)``: nodes ``V`` are the actors, hyperedges ``E`` the
    selected sessions, and the incidences ``I ⊆ E × V`` the pairs (session, actor) where
    the actor took part in the session. The result is a dictionary for ``json.dump``::

        {"network-type": "undirected",
         "metadata": {"name": ..., "level": ..., "nested": ..., "since": ..., "until": ...,
                      "hif_version": "0.1.0", "creator": "coinnovation"},
         "nodes": [{"node": "p-ana", "attrs": {"kind": "person", "name": "Ana", ...}}],
         "edges": [{"edge": "s-1", "attrs": {"kind": "session", "name": ..., "start": ...}}],
         "incidences": [{"edge": "s-1", "node": "p-ana",
                         "attrs": {"participations": 1, "roles": [...], "levels": [...]}}]}

    Node attributes are the collaboration graphs' (``kind``, ``name``, ``sector``; for
    people ``organisation`` and ``roles``; for organisations ``organisation_kind``);
    hyperedge attributes the affiliation graph's session attributes (``kind``
    ``"session"``, ``name``, ``session_kind``, ``start`` as ISO text, ``parent``);
    incidence attributes the number of participation records behind the incidence and
    the distinct roles and IAP2 levels recorded. Every selected session is a hyperedge,
    even one nobody is recorded at (an empty hyperedge). At organisation level the
    metadata lists ``dropped_stakeholders`` — people with no organisation on the
    session's day — and counts ``dropped_participations``. Values are JSON-safe
    (tuples as lists, dates as ISO text).

    Args:
        hub: The hub.
        level: ``"person"`` or ``"organisation"`` (see the module docstring).
        nested: ``"own"`` (the default) or ``"subtree"``.
        sessions: Only these session ids; ``None`` for all.
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime.
        scope: The sessions (:class:`~coinnovation.models.Scope`); or give the
            shorthands ``nested``, ``sessions``, ``since``, ``until`` and ``kind``, not
            both.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        privacy: A hub's privacy policy: people appear under their name only with
            consent, else under their pseudonym; excluded people and their incidences
            are left out (hyperedges keep their other members); organisations keep
            their id and name; at every level, attributes and metadata (the
            ``dropped_stakeholders``, session names) go through the policy too
            (:meth:`Privacy.data <coinnovation.privacy.Privacy.data>`). ``None``: no
            policy, people as recorded — for internal use only (see
            :mod:`coinnovation.privacy`).

    Returns:
        The HIF dictionary.

    Raises:
        UnknownReferenceError: A session id in ``sessions`` is not in the hub.
        ValueError: An unknown ``level``, ``nested`` or session kind, or a naive datetime.
        TypeError: ``scope`` given with a shorthand.

    Examples:
        >>> from coinnovation.models import Hub, Organisation, Person, Membership
        >>> from coinnovation.models import Session, Participation
        >>> hub = Hub(
        ...     organisations=(Organisation(id="o-whg", name="WHG", sector="community"),),
        ...     people=(Person(id="p-ana", name="Ana"),),
        ...     memberships=(Membership(id="m-1", person="p-ana", organisation="o-whg"),),
        ...     sessions=(Session(id="s-day", name="Day"),
        ...               Session(id="s-t1", name="Table 1", parent="s-day")),
        ...     participations=(Participation(id="pa-1", session="s-t1", person="p-ana"),))
        >>> data = hif_data(hub, level="organisation", nested="subtree")
        >>> [(i["edge"], i["node"]) for i in data["incidences"]]
        [('s-day', 'o-whg'), ('s-t1', 'o-whg')]
        >>> data["nodes"][0]
        {'node': 'o-whg', 'attrs': {'kind': 'organisation', 'name': 'WHG', 'sector': 'community', 'organisation_kind': 'other'}}
    """
    chosen = Scope.from_options(
        scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
    )
    view = _view(hub, level=level, scope=chosen)
    if privacy is not None:
        view = _private(view, privacy)
    metadata = {**view.metadata, "hif_version": HIF_VERSION, "creator": "coinnovation"}
    data: dict[str, Any] = {
        "network-type": "undirected",
        "metadata": json_ready(metadata),
        "nodes": [{"node": node, "attrs": json_ready(a)} for node, a in view.nodes.items()],
        "edges": [{"edge": edge, "attrs": json_ready(a)} for edge, a in view.edges.items()],
        "incidences": [
            {"edge": edge, "node": node, "attrs": json_ready(a)}
            for (edge, node), a in view.incidences.items()
        ],
    }
    return data


def write_hif(
    hub: Hub,
    path: str | os.PathLike[str],
    *,
    level: HypergraphLevel = "person",
    nested: Nested | None = None,
    sessions: Iterable[str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    indent: int | None = 2,
    privacy: Privacy | None = None,
) -> Path:
    """Write the session hypergraph as a HIF JSON file, atomically.

    The content is :func:`hif_data` with the same options; the file is strict UTF-8
    JSON. XGI reads it with ``xgi.read_hif(path)``, HyperNetX with
    ``hnx.Hypergraph.from_hif``.

    Args:
        hub: The hub.
        path: The file to write (its folder must exist).
        level: ``"person"`` or ``"organisation"``.
        nested: ``"own"`` (the default) or ``"subtree"``.
        sessions: Only these session ids; ``None`` for all.
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime.
        scope: The sessions (:class:`~coinnovation.models.Scope`); or give the
            shorthands ``nested``, ``sessions``, ``since``, ``until`` and ``kind``, not
            both.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        indent: JSON indentation; ``None`` for the most compact file.
        privacy: A hub's privacy policy (see :func:`hif_data`); ``None``: people as
            recorded — for internal use only.

    Returns:
        The path written.

    Raises:
        UnknownReferenceError: A session id in ``sessions`` is not in the hub.
        ValueError: An unknown ``level``, ``nested`` or session kind, or a naive datetime.
        TypeError: ``scope`` given with a shorthand.

    Examples:
        >>> import json, tempfile, pathlib
        >>> from coinnovation.models import Hub, Person, Session, Participation
        >>> hub = Hub(people=(Person(id="p-ana", name="Ana"),),
        ...           sessions=(Session(id="s-1", name="Table 1"),),
        ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana"),))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     target = write_hif(hub, pathlib.Path(folder) / "sessions.hif.json")
        ...     json.loads(target.read_text())["edges"][0]["edge"]
        's-1'
    """
    data = hif_data(
        hub,
        level=level,
        nested=nested,
        sessions=sessions,
        since=since,
        until=until,
        scope=scope,
        kind=kind,
        privacy=privacy,
    )
    text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    target = Path(path)
    atomic_write(target, (text + "\n").encode("utf-8"))
    return target


def session_hypergraph(
    hub: Hub,
    *,
    level: HypergraphLevel = "person",
    nested: Nested | None = None,
    sessions: Iterable[str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    privacy: Privacy | None = None,
) -> Any:
    """The sessions as an ``xgi.Hypergraph``: each session a hyperedge over its actors.

    The hypergraph of :func:`hif_data`, built directly: node ids are actor ids with the
    same node attributes, hyperedge ids are session ids with the session attributes
    (values as in the graphs: tuples stay tuples), and the network attributes
    (``H["level"]``, ``H["nested"]`` ...) record how it was built. XGI keeps no
    incidence attributes, so the roles and levels per incidence are only in the HIF
    form. Every selected session is a hyperedge, even an empty one.

    Needs the ``hyper`` extra (``pip install 'coinnovation[hyper]'``, which installs XGI).

    Args:
        hub: The hub.
        level: ``"person"`` or ``"organisation"``.
        nested: ``"own"`` (the default) or ``"subtree"``.
        sessions: Only these session ids; ``None`` for all.
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime.
        scope: The sessions (:class:`~coinnovation.models.Scope`); or give the
            shorthands ``nested``, ``sessions``, ``since``, ``until`` and ``kind``, not
            both.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        privacy: A hub's privacy policy, for a hypergraph you will share (see
            :func:`hif_data`); ``None``: people as recorded — for internal use only.

    Returns:
        An ``xgi.Hypergraph``.

    Raises:
        MissingDependencyError: XGI is not installed.
        UnknownReferenceError: A session id in ``sessions`` is not in the hub.
        ValueError: An unknown ``level``, ``nested`` or session kind, or a naive datetime.
        TypeError: ``scope`` given with a shorthand.

    Examples:
        >>> from coinnovation.models import Hub, Person, Session, Participation
        >>> hub = Hub(
        ...     people=tuple(Person(id=f"p-{i}", name=f"P{i}") for i in range(3)),
        ...     sessions=(Session(id="s-1", name="Table 1"), Session(id="s-2", name="Table 2")),
        ...     participations=(
        ...         Participation(id="pa-1", session="s-1", person="p-0"),
        ...         Participation(id="pa-2", session="s-1", person="p-1"),
        ...         Participation(id="pa-3", session="s-2", person="p-1"),
        ...         Participation(id="pa-4", session="s-2", person="p-2")))
        >>> H = session_hypergraph(hub)
        >>> sorted(H.edges.members("s-1")), H.nodes["p-1"]["name"]
        (['p-0', 'p-1'], 'P1')
    """
    xgi = require("xgi", "hyper", "hypergraph views")
    chosen = Scope.from_options(
        scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
    )
    view = _view(hub, level=level, scope=chosen)
    if privacy is not None:
        view = _private(view, privacy)
    members: dict[str, list[str]] = {edge: [] for edge in view.edges}
    for edge, node in view.incidences:
        members[edge].append(node)
    hypergraph = xgi.Hypergraph()
    for key, value in view.metadata.items():
        hypergraph[key] = value
    hypergraph.add_nodes_from(view.nodes.items())
    hypergraph.add_edges_from(
        [(members[edge], edge, attributes) for edge, attributes in view.edges.items()]
    )
    return hypergraph

"""Kumu blueprints: a collaboration network as the JSON that the Kumu mapping tool imports.

`Kumu <https://kumu.io>`_ is a web tool for mapping relationships that many community
projects already use. It imports a JSON file it calls a *blueprint*: an object with an
``"elements"`` array and a ``"connections"`` array. Each element is an object with a
``"label"`` and, optionally, an ``"id"``, a ``"type"``, a ``"description"``, ``"tags"``
and any custom field (a key of its own); each connection has a ``"from"`` and a ``"to"``
(element ids, or labels), optionally a ``"type"``, a ``"direction"`` (``"undirected"``,
``"directed"`` or ``"mutual"``) and custom fields. (The layout followed is Kumu's
documentation, "JSON / Blueprints", https://docs.kumu.io/guides/import/blueprints, and
"Fields", https://docs.kumu.io/guides/fields, in the kumu/docs repository.)

A graph becomes a blueprint field by field:

=========================  ===============================================================
graph                      blueprint
=========================  ===============================================================
node id                    element ``"id"`` (as text); connections refer to it
``name``                   element ``"label"`` (the id when a node has no name)
``kind``                   element ``"type"``: ``"Person"``, ``"Organisation"``,
                           ``"Sector"`` or ``"Session"`` (capitalised)
``roles``                  element ``"tags"`` (one tag per role)
``sector``, ``organisation``, custom fields of the same name
``session_kind``, ``start``
``organisation_kind``      custom field ``"organisation kind"``
edge ends                  connection ``"from"`` and ``"to"``
edge ``weight``            connection field ``"strength"`` — the name Kumu's own guides
                           use for a connection's weight (to scale its width, or to weigh
                           Kumu's metrics); 1 when an edge has none
edge ``sessions``          connection field ``"sessions"`` (the session ids, a list)
(every connection)         ``"direction": "undirected"``, ``"type": "collaboration"``
any other attribute        a custom field of the same name (``"id"``, ``"label"``,
                           ``"type"``, ``"tags"``, ``"from"``, ``"to"``, ``"direction"``
                           and ``"strength"`` get a trailing underscore)
=========================  ===============================================================

Values are made plain JSON (:func:`~coinnovation.export.graphs.json_ready`: enums by
value, dates as ISO text, ``None`` left out). Graph attributes (``G.graph``) are not
written: a blueprint has no place for them. With ``privacy=``, the graph goes through
:meth:`Privacy.graph <coinnovation.privacy.Privacy.graph>` first: people who are not
named become elements under their pseudonym (id and label), excluded people and their
connections are left out.

Examples:
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("o-a", kind="organisation", name="Acme", sector="industry")
    >>> G.add_node("o-b", kind="organisation", name="Blakenall Hub", sector="community")
    >>> G.add_edge("o-a", "o-b", weight=2, sessions=("s-1", "s-2"))
    >>> blueprint = kumu_blueprint(G)
    >>> blueprint["elements"][0]
    {'id': 'o-a', 'label': 'Acme', 'type': 'Organisation', 'sector': 'industry'}
    >>> blueprint["connections"]
    [{'from': 'o-a', 'to': 'o-b', 'type': 'collaboration', 'direction': 'undirected', 'strength': 2, 'sessions': ['s-1', 's-2']}]
"""

from __future__ import annotations

import json
import os
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from coinnovation.export.graphs import json_ready
from coinnovation.io.files import atomic_write
from coinnovation.privacy import Privacy

__all__ = ["KUMU_DIRECTIONS", "kumu_blueprint", "write_kumu"]

#: The values Kumu reads in a connection's ``"direction"``.
KUMU_DIRECTIONS = ("undirected", "directed", "mutual")

_TYPES = {
    "person": "Person",
    "organisation": "Organisation",
    "sector": "Sector",
    "session": "Session",
}
_ELEMENT_CORE = frozenset({"id", "label", "type", "tags", "description"})
_CONNECTION_CORE = frozenset({"id", "from", "to", "type", "direction", "strength"})
_RENAMED = {"organisation_kind": "organisation kind"}


def _element_id(node: Hashable) -> str:
    return node if isinstance(node, str) else str(json_ready(node))


def _fields(
    data: Mapping[Any, Any], core: frozenset[str], *, skip: tuple[str, ...]
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key)
        if name in skip:
            continue
        ready = json_ready(value)
        if ready is None or ready == [] or ready == {}:
            continue
        name = _RENAMED.get(name, name)
        fields[f"{name}_" if name in core else name] = ready
    return fields


def _element(node: Hashable, data: Mapping[Any, Any]) -> dict[str, Any]:
    element: dict[str, Any] = {"id": _element_id(node)}
    name = data.get("name")
    element["label"] = str(json_ready(name)) if name is not None else element["id"]
    kind = data.get("kind")
    if kind is not None:
        text = str(json_ready(kind))
        element["type"] = _TYPES.get(text, text.replace("_", " ").capitalize())
    roles = json_ready(data.get("roles"))
    if roles:
        element["tags"] = [str(role) for role in roles] if isinstance(roles, list) else [roles]
    element.update(_fields(data, _ELEMENT_CORE, skip=("name", "kind", "roles")))
    return element


def _connection(
    u: Hashable, v: Hashable, data: Mapping[Any, Any], *, directed: bool
) -> dict[str, Any]:
    weight = json_ready(data.get("weight", 1))
    connection: dict[str, Any] = {
        "from": _element_id(u),
        "to": _element_id(v),
        "type": "collaboration",
        "direction": "directed" if directed else "undirected",
        "strength": 1 if weight is None else weight,
    }
    connection.update(_fields(data, _CONNECTION_CORE, skip=("weight",)))
    return connection


def kumu_blueprint(network: nx.Graph[Any], *, privacy: Privacy | None = None) -> dict[str, Any]:
    """A network as a Kumu blueprint: ``{"elements": [...], "connections": [...]}``.

    One element per node (isolated ones too), in the graph's order; one connection per
    edge, ``"undirected"`` (``"directed"`` on a directed graph), carrying the edge's
    weight as ``"strength"``. The module's description gives the field mapping.

    Args:
        network: A network, such as :func:`~coinnovation.network.collaboration_graph` builds
            (any networkx graph; a multigraph gives one connection per parallel edge).
        privacy: The hub's privacy policy; ``None``: people as recorded — for your own
            analysis only, never to share (see :mod:`coinnovation.privacy`).

    Returns:
        The blueprint, plain JSON data.

    Examples:
        >>> import networkx as nx
        >>> from coinnovation.models import Hub, Person
        >>> from coinnovation.privacy import Privacy
        >>> hub = Hub(people=(Person(id="p-ana", name="Ana", consent="named"),
        ...                   Person(id="p-ben", name="Ben", consent="excluded")))
        >>> G = nx.Graph()
        >>> G.add_node("p-ana", kind="person", name="Ana", roles=("peer_researcher",))
        >>> G.add_node("p-ben", kind="person", name="Ben")
        >>> G.add_edge("p-ana", "p-ben", weight=1)
        >>> kumu_blueprint(G, privacy=Privacy(hub, "sixteen characters!"))
        {'elements': [{'id': 'p-ana', 'label': 'Ana', 'type': 'Person', 'tags': ['peer_researcher']}], 'connections': []}
    """
    graph = network if privacy is None else privacy.graph(network)
    directed = graph.is_directed()
    elements = [_element(node, data) for node, data in graph.nodes(data=True)]
    connections = [
        _connection(u, v, data, directed=directed) for u, v, data in graph.edges(data=True)
    ]
    return {"elements": elements, "connections": connections}


def write_kumu(
    network: nx.Graph[Any],
    path: str | os.PathLike[str],
    *,
    privacy: Privacy | None = None,
    indent: int | None = 2,
) -> Path:
    """Write a network as a Kumu blueprint (``.json``), atomically.

    Drop the file onto a Kumu map, or import it from the map's **+** button (Import →
    Import JSON file). The content is :func:`kumu_blueprint`; the file is strict JSON
    (no ``NaN``), UTF-8.

    Args:
        network: A network (see :func:`kumu_blueprint`).
        path: The file to write (its folder must exist); ``network.kumu.json`` is what
            :func:`~coinnovation.export.graphs.write_graph` and the command line read as
            "a Kumu blueprint".
        privacy: The hub's privacy policy; ``None``: people as recorded.
        indent: JSON indentation; ``None`` for the most compact file.

    Returns:
        The path written.

    Examples:
        >>> import json, tempfile, pathlib
        >>> import networkx as nx
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_kumu(nx.path_graph(2), pathlib.Path(folder) / "map.kumu.json")
        ...     json.loads(path.read_text(encoding="utf-8"))["connections"][0]["to"]
        '1'
    """
    blueprint = kumu_blueprint(network, privacy=privacy)
    text = json.dumps(blueprint, indent=indent, ensure_ascii=False, allow_nan=False)
    target = Path(path)
    atomic_write(target, (text + "\n").encode("utf-8"))
    return target

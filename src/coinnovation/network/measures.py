"""Every per-node measure in one table: centrality, structural holes, groups and brokerage.

:func:`node_measures` is the table the ``coinnovation metrics`` command prints: for each
node, who it is (name, kind, sector), how central it is, how much it spans structural
holes, how far its ties cross groups (E-I) and which brokerage roles it plays between
groups. Each column is defined on its measure's page (Concepts).

Examples:
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "community", "b": "industry", "c": "community"}, "sector")
    >>> table = node_measures(G)
    >>> table.row("b")["liaison"], table.row("b")["itinerant"], table.row("b")["ei"]
    (0, 2, 1.0)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx
import numpy as np

from coinnovation.network.centrality import MEASURES, centrality_table
from coinnovation.network.groups import brokerage, ei_index
from coinnovation.network.holes import structural_holes
from coinnovation.results import NodeTable

__all__ = ["DESCRIPTIVE", "node_measures"]

#: The node attributes copied into the table before the measures, when present.
DESCRIPTIVE = ("name", "kind", "sector")


def node_measures(
    G: nx.Graph[Any],
    *,
    attribute: str | None = "sector",
    weight: str | None = "weight",
    measures: Iterable[str] = MEASURES,
    k: int | None = None,
    seed: int | None = None,
    default: Hashable | None = None,
    backend: str | None = None,
) -> NodeTable:
    """Centrality, structural holes, E-I and brokerage of every node, as one table.

    Columns, in order: the descriptive attributes in :data:`DESCRIPTIVE` that the nodes
    carry; the centrality ``measures`` (see
    :func:`~coinnovation.network.centrality.centrality_table`); Burt's ``size``,
    ``effective_size``, ``efficiency``, ``constraint`` and ``hierarchy`` (see
    :func:`~coinnovation.network.holes.structural_holes`); and, when ``attribute`` is
    given, the E-I index of each node's ties (``ei``; Krackhardt & Stern 1988) and its
    Gould & Fernandez (1989) brokerage roles (``coordinator``, ``itinerant``,
    ``representative``, ``gatekeeper``, ``liaison``, ``brokerage``: their total).

    Structural holes and brokerage read ties as present or absent; E-I and the holes use
    ``weight`` only where their own functions do (see their pages).

    Args:
        G: The network (undirected or directed).
        attribute: The node attribute groups come from; ``None`` leaves out E-I and
            brokerage.
        weight: The edge attribute holding tie strength, or ``None`` for unweighted.
        measures: The centrality columns to compute.
        k: Sample k sources for betweenness (faster on large networks).
        seed: Seed for the sampling.
        default: Group for nodes without ``attribute`` (else they raise
            :class:`~coinnovation.errors.MissingAttributeError`).
        backend: A networkx backend for the path-based measures.

    Returns:
        A :class:`~coinnovation.network.NodeTable`, rows in node order.

    Examples:
        >>> import networkx as nx
        >>> G = nx.karate_club_graph()
        >>> table = node_measures(G, attribute="club", measures=("degree", "betweenness"))
        >>> table.names[:4]
        ('degree', 'betweenness', 'size', 'effective_size')
        >>> table.top("brokerage", 2), table.top("betweenness", 1)[0][0]
        ([(33, 242), (0, 204)], 0)
    """
    nodes = list(G)
    columns: dict[str, Any] = {}
    for name in DESCRIPTIVE:
        values = [G.nodes[node].get(name) for node in nodes]
        if any(value is not None for value in values):
            columns[name] = np.array(values, dtype=object)
    central = centrality_table(G, weight=weight, measures=measures, k=k, seed=seed, backend=backend)
    holes = structural_holes(G, weight=weight)
    for table in (central, holes):
        columns.update(_aligned(table, nodes))
    if attribute is not None:
        ei = ei_index(G, attribute, weight=weight, default=default)
        columns["ei"] = _aligned(ei.nodes, nodes)["ei"]
        roles = _aligned(brokerage(G, attribute, default=default).nodes, nodes)
        roles["brokerage"] = roles.pop("total")
        columns.update(roles)
    return NodeTable(nodes, columns)


def _aligned(table: NodeTable, nodes: list[Hashable]) -> dict[str, Any]:
    """A table's columns, reordered to ``nodes``."""
    if list(table.nodes) == nodes:
        return dict(table.columns)
    position = {node: index for index, node in enumerate(table.nodes)}
    order = np.array([position[node] for node in nodes], dtype=np.intp)
    return {name: values[order] for name, values in table.columns.items()}

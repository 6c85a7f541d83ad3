"""Group measures: the E-I index, Gould-Fernandez brokerage, mixing and assortativity.

Every function groups the nodes by a node attribute (``attribute="sector"`` by default;
any attribute works: ``"organisation_kind"``, ``"organisation"``, a community label ...).
Nodes whose attribute is missing or ``None`` raise
:class:`~coinnovation.errors.MissingAttributeError` unless the caller passes ``default=``,
the group to put them in. Groups are reported in sorted order.

- :func:`ei_index`: Krackhardt and Stern's E-I index, (external - internal) / (external +
  internal) ties, for the whole network, each group and each node.
- :func:`brokerage`: Gould and Fernandez's five brokerage roles per node, with the
  expected counts and z-scores against chance that R's ``sna::brokerage`` reports.
- :func:`mixing`: the group-by-group tie matrix; :func:`assortativity`: Newman's
  attribute assortativity coefficient computed from it.

All of them work on a sparse adjacency matrix, read from a networkx graph or from a
projection's :class:`~coinnovation.network.EdgeList`: no loop over ties in Python.
Brokerage on an undirected network (or one whose every arc is returned) lists each
triangle once and counts a large clique — a plenary — by formula, so its cost follows
the network's triangles outside cliques, not a clique's cube. Self-loops are ignored
everywhere (a tie needs two actors).

Examples:
    >>> import networkx as nx
    >>> G = nx.Graph([("clinic", "charity"), ("charity", "firm"), ("clinic", "trust")])
    >>> nx.set_node_attributes(
    ...     G,
    ...     {"clinic": "health_service", "trust": "health_service",
    ...      "charity": "community", "firm": "industry"},
    ...     "sector",
    ... )
    >>> ei_index(G).whole  # two of the three ties cross sectors
    0.333...
    >>> brokerage(G).nodes.row("charity")["liaison"]  # clinic -> charity -> firm, and back
    2
    >>> mixing(G).groups
    ('community', 'health_service', 'industry')
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any, ClassVar, Literal

import attrs
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray

from coinnovation.errors import MissingAttributeError
from coinnovation.network._sparse import (
    GraphLike,
    adjacency_matrix,
    graph_nodes,
    is_directed,
    masked_product,
    node_values,
)
from coinnovation.network._triangles import MIN_CLIQUE, Lookup, Split, triangles
from coinnovation.results import NodeTable, Table

__all__ = [
    "BrokerageResult",
    "EIResult",
    "MixingResult",
    "ROLES",
    "assortativity",
    "brokerage",
    "ei_index",
    "group_codes",
    "mixing",
]

#: The Gould-Fernandez roles, in the order of R's sna (w_I, w_O, b_IO, b_OI, b_O, t).
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")


# --------------------------------------------------------------------------- grouping


def _sorted_groups(values: Iterable[Hashable]) -> list[Hashable]:
    unique = set(values)
    try:
        return sorted(unique)  # type: ignore[type-var]
    except TypeError:
        return sorted(unique, key=lambda value: (type(value).__name__, repr(value)))


def group_codes(
    G: GraphLike, attribute: str, default: Hashable | None = None
) -> tuple[tuple[Hashable, ...], NDArray[np.intp]]:
    """The groups of a node attribute, sorted, and each node's group as its index.

    The one reading of groups every group measure (and the tests of them in
    :mod:`coinnovation.inference`) shares: groups sorted by value (or by type and repr
    when values of different types do not compare), nodes in graph order.

    Args:
        G: A graph or an :class:`~coinnovation.network.EdgeList`.
        attribute: The node attribute holding each node's group.
        default: The group of nodes without the attribute; ``None``: they are an error.

    Returns:
        The sorted groups, and for each node the index of its group among them.

    Raises:
        MissingAttributeError: Nodes without the attribute, and no ``default``.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_nodes_from([("a", {"sector": "industry"}), ("b", {"sector": "community"})])
        >>> groups, codes = group_codes(G, "sector")
        >>> groups, codes.tolist()
        (('community', 'industry'), [1, 0])
    """
    values: list[Hashable] = []
    missing: list[Hashable] = []
    for node, value in zip(graph_nodes(G), node_values(G, attribute), strict=True):
        if value is None:
            if default is None:
                missing.append(node)
                continue
            value = default
        values.append(value)
    if missing:
        raise MissingAttributeError(attribute, missing)
    groups = _sorted_groups(values)
    index = {group: i for i, group in enumerate(groups)}
    codes = np.fromiter((index[value] for value in values), dtype=np.intp, count=len(values))
    return tuple(groups), codes


def _indicator(codes: NDArray[np.intp], groups: int) -> sp.csr_array:
    """The node-by-group membership matrix S (S[i, g] = 1 when node i is in group g)."""
    n = len(codes)
    return sp.csr_array((np.ones(n), (np.arange(n), codes)), shape=(n, groups), dtype=np.float64)


def _ratio(external: Any, internal: Any) -> Any:
    """(E - I) / (E + I), nan where there are no ties."""
    external = np.asarray(external, dtype=np.float64)
    internal = np.asarray(internal, dtype=np.float64)
    total = external + internal
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, (external - internal) / total, np.nan)


# --------------------------------------------------------------------------- E-I index


@attrs.frozen(eq=False)
class EIResult(Table):
    """Krackhardt and Stern's E-I index at the three levels, with the counts behind it.

    As a result table (:class:`~coinnovation.results.Table`) it is the per-group table,
    one row per group (``size``, ``internal``, ``external``, ``ei``): its notebook table
    adds the whole network's row, and :meth:`groups_frame` is its frame; :meth:`to_frame`
    stays the per-node table and :meth:`to_dict` gives every level.

    Attributes:
        attribute: The node attribute the groups come from.
        weighted: Whether ties were counted by their weight.
        whole: The E-I index of the whole network (``nan`` without ties).
        external: Ties (or total weight) between groups.
        internal: Ties (or total weight) within groups.
        expected: The E-I index expected if the ties fell on pairs of nodes at random,
            given the group sizes: ``(X - W) / (X + W)`` with ``X`` the number of possible
            between-group pairs and ``W`` the number of possible within-group pairs.
        minimum: The lowest E-I index these ties could give, rearranged among the pairs
            with the group sizes fixed: the heaviest ties packed inside groups.
        maximum: The highest: the heaviest ties placed between groups.
        groups: Group to its E-I index: ties with at least one end in the group; external
            are the ties with exactly one end in it, internal those with both.
        group_external: Group to its external ties (or weight).
        group_internal: Group to its internal ties (or weight).
        group_sizes: Group to its number of nodes.
        nodes: Per node: ``internal``, ``external`` (ties to its own / other groups) and
            ``ei``; ``nan`` for nodes without ties.

    Examples:
        >>> import networkx as nx
        >>> G = nx.path_graph(4)
        >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b", 3: "b"}, "sector")
        >>> result = ei_index(G)
        >>> result.whole, result.groups, result.nodes["ei"]
        (-0.333..., {'a': 0.0, 'b': 0.0}, {0: -1.0, 1: 0.0, 2: 0.0, 3: -1.0})
        >>> result.expected, result.minimum, result.maximum
        (0.333..., -0.333..., 1.0)
    """

    attribute: str
    weighted: bool
    whole: float
    external: float
    internal: float
    expected: float
    minimum: float
    maximum: float
    groups: dict[Hashable, float]
    group_external: dict[Hashable, float]
    group_internal: dict[Hashable, float]
    group_sizes: dict[Hashable, int]
    nodes: NodeTable

    label: ClassVar[str] = "group"
    columns: ClassVar[tuple[str, ...]] = ("size", "internal", "external", "ei")

    def rows(self) -> list[dict[str, Any]]:
        """One row per group: its size, internal and external ties, and E-I index.

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "b"}, "sector")
            >>> ei_index(G).rows()[0]
            {'group': 'a', 'size': 1, 'internal': 0.0, 'external': 1.0, 'ei': 1.0}
        """
        return [
            {
                "group": group,
                "size": self.group_sizes[group],
                "internal": self.group_internal[group],
                "external": self.group_external[group],
                "ei": self.groups[group],
            }
            for group in self.groups
        ]

    def to_dict(self) -> dict[str, Any]:
        """Every level as plain Python data.

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "b"}, "sector")
            >>> ei_index(G).to_dict()["groups"]
            {'a': {'size': 1, 'internal': 0.0, 'external': 1.0, 'ei': 1.0}, 'b': {'size': 1, 'internal': 0.0, 'external': 1.0, 'ei': 1.0}}
        """
        return {
            "attribute": self.attribute,
            "weighted": self.weighted,
            "whole": {
                "internal": self.internal,
                "external": self.external,
                "ei": self.whole,
                "expected": self.expected,
                "minimum": self.minimum,
                "maximum": self.maximum,
            },
            "groups": {
                group: {
                    "size": self.group_sizes[group],
                    "internal": self.group_internal[group],
                    "external": self.group_external[group],
                    "ei": self.groups[group],
                }
                for group in self.groups
            },
            "nodes": self.nodes.to_dict(),
        }

    def to_frame(self) -> Any:
        """The per-node table as a pandas DataFrame (needs the ``pandas`` extra).

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "a"}, "sector")
            >>> ei_index(G).to_frame()["ei"].tolist()
            [-1.0, -1.0]
        """
        return self.nodes.to_frame()

    def groups_frame(self) -> Any:
        """The per-group table (size, internal, external, ei) as a pandas DataFrame.

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "b"}, "sector")
            >>> float(ei_index(G).groups_frame().loc["a", "external"])
            1.0
        """
        return Table.to_frame(self)

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        columns, rows = super()._display()
        size = sum(self.group_sizes.values())
        whole = ("whole network", size, self.internal, self.external, self.whole)
        return columns, [*rows, whole]

    def _caption(self) -> str:
        return (
            f"E-I index by {self.attribute}: {self.whole:.3f} (expected at random "
            f"{self.expected:.3f}, range {self.minimum:.3f} to {self.maximum:.3f})"
        )


def _extreme(weights: NDArray[np.float64], slots: int, total: float) -> float:
    """The E-I index with the heaviest ``slots`` ties on one side (external for the max)."""
    if total <= 0:
        return float("nan")
    heaviest = float(np.sort(weights)[::-1][: max(slots, 0)].sum())
    return (2.0 * heaviest - total) / total


def ei_index(
    G: GraphLike,
    attribute: str = "sector",
    *,
    weight: str | None = None,
    direction: Literal["all", "out", "in"] = "all",
    default: Hashable | None = None,
) -> EIResult:
    """Krackhardt and Stern's E-I index: do ties stay inside groups or cross them?

    Formula (Krackhardt and Stern 1988)::

        E-I = (E - I) / (E + I)

    with ``E`` the ties between members of different groups and ``I`` the ties between
    members of the same group; -1 when every tie stays inside a group, +1 when every tie
    crosses. At the three levels:

    - whole network: every tie once;
    - group ``g``: the ties with at least one end in ``g``; ``E`` those with exactly one
      (ties leaving the group), ``I`` those with both;
    - node ``v``: its ties to other groups (``E``) and to its own group (``I``).

    Weighted (``weight=``): ``E`` and ``I`` are sums of tie weights. Directed graphs count
    arcs; ``direction`` chooses which arcs a node or group owns: ``"all"`` (default: in-
    and out-arcs), ``"out"`` (arcs sent) or ``"in"`` (arcs received). It has no effect on
    undirected graphs or on the whole-network index.

    The result also gives the E-I index expected by chance given the group sizes and the
    range the same ties could produce, since unequal groups restrict it (Krackhardt and
    Stern 1988 compare the observed index with its value under random assignment).

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        attribute: The node attribute that defines the groups.
        weight: The edge attribute to sum; ``None`` counts ties.
        direction: On directed graphs, which arcs count for a node or group.
        default: The group for nodes without the attribute (or with ``None``).

    Returns:
        An :class:`EIResult`.

    Raises:
        MissingAttributeError: Some nodes lack the attribute and no ``default`` was given.
        ValueError: A tie has a negative weight, or ``direction`` is unknown.

    Reference:
        Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
        crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph([("a1", "a2"), ("a2", "b1"), ("b1", "b2")])
        >>> nx.set_node_attributes(G, {"a1": "a", "a2": "a", "b1": "b", "b2": "b"}, "team")
        >>> result = ei_index(G, "team")
        >>> result.whole, result.external, result.internal
        (-0.333..., 1.0, 2.0)
    """
    if direction not in ("all", "out", "in"):
        raise ValueError(f"direction must be 'all', 'out' or 'in', not {direction!r}")
    groups, codes = group_codes(G, attribute, default)
    adjacency = adjacency_matrix(G, weight).tocoo()
    directed = is_directed(G)
    source, target, values = adjacency.row, adjacency.col, adjacency.data
    same = codes[source] == codes[target]
    n, k = len(codes), len(groups)
    # An undirected tie is stored twice (i, j) and (j, i): whole and group-internal totals
    # halve; node totals and group-external totals count each stored end once.
    half = 1.0 if directed else 0.5
    internal = float(values[same].sum()) * half
    external = float(values[~same].sum()) * half

    def ends(positions: NDArray[np.intp], mask: NDArray[np.bool_], size: int) -> Any:
        return np.bincount(positions[mask], weights=values[mask], minlength=size)

    if not directed or direction == "out":
        node_internal = ends(source, same, n)
        node_external = ends(source, ~same, n)
        group_external = ends(codes[source], ~same, k)
    elif direction == "in":
        node_internal = ends(target, same, n)
        node_external = ends(target, ~same, n)
        group_external = ends(codes[target], ~same, k)
    else:
        node_internal = ends(source, same, n) + ends(target, same, n)
        node_external = ends(source, ~same, n) + ends(target, ~same, n)
        group_external = ends(codes[source], ~same, k) + ends(codes[target], ~same, k)
    group_internal = ends(codes[source], same, k) * half

    sizes = np.bincount(codes, minlength=k).astype(np.float64)
    total_nodes = float(sizes.sum())
    within_pairs = float((sizes * (sizes - 1)).sum())
    between_pairs = total_nodes * total_nodes - float((sizes * sizes).sum())
    if not directed:
        within_pairs /= 2
        between_pairs /= 2
    possible = within_pairs + between_pairs
    expected = (between_pairs - within_pairs) / possible if possible > 0 else float("nan")
    tie_weights = values if directed else adjacency.data[source < target]
    total = float(tie_weights.sum())
    maximum = _extreme(tie_weights, int(between_pairs), total)
    minimum = -_extreme(tie_weights, int(within_pairs), total)

    group_ei = _ratio(group_external, group_internal)
    return EIResult(
        attribute=attribute,
        weighted=weight is not None,
        whole=float(_ratio(external, internal)),
        external=external,
        internal=internal,
        expected=expected,
        minimum=minimum,
        maximum=maximum,
        groups=dict(zip(groups, group_ei.tolist(), strict=True)),
        group_external=dict(zip(groups, group_external.tolist(), strict=True)),
        group_internal=dict(zip(groups, group_internal.tolist(), strict=True)),
        group_sizes=dict(zip(groups, sizes.astype(int).tolist(), strict=True)),
        nodes=NodeTable(
            graph_nodes(G),
            {
                "internal": node_internal,
                "external": node_external,
                "ei": _ratio(node_external, node_internal),
            },
        ),
    )


# --------------------------------------------------------------------------- brokerage


@attrs.frozen(eq=False)
class BrokerageResult(Table):
    """Gould and Fernandez's brokerage roles: raw counts and, optionally, against chance.

    Columns of every table, in R sna's order: ``coordinator`` (w_I), ``itinerant`` (w_O,
    also called consultant), ``representative`` (b_IO), ``gatekeeper`` (b_OI),
    ``liaison`` (b_O) and ``total`` (t).

    As a result table (:class:`~coinnovation.results.Table`), one row per node: the raw
    counts and, when normalised, ``z_<role>`` for each role (``to_dict()``,
    ``to_frame()``); its notebook table sums them by group, with the whole network's row.

    Attributes:
        attribute: The node attribute the groups come from.
        nodes: The raw role counts per node (integers).
        groups: Broker's group to its members' summed role counts.
        totals: The network's role counts (the sum over nodes).
        group_sizes: Group to its number of nodes.
        density: The arc density ``d = m / (N (N - 1))`` used for the expectations.
        expected: With ``normalized=True``: each node's expected counts under a random
            graph of density ``d`` with the observed group sizes (by the node's group);
            otherwise ``None``.
        sd: With ``normalized=True``: their standard deviations.
        z: With ``normalized=True``: ``(raw - expected) / sd`` per node (``nan`` or
            ``inf`` where the standard deviation is 0, as in R).
        expected_totals: With ``normalized=True``: the network-level expectations.
        sd_totals: With ``normalized=True``: their standard deviations.
        z_totals: With ``normalized=True``: the network-level z-scores.

    Examples:
        >>> import networkx as nx
        >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
        >>> nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 2}, "sector")
        >>> result = brokerage(G)
        >>> result.nodes.row("b")
        {'coordinator': 0, 'itinerant': 0, 'representative': 0, 'gatekeeper': 1, 'liaison': 0, 'total': 1}
        >>> result.totals["gatekeeper"], result.groups[2]["total"]
        (1, 1)
    """

    attribute: str
    nodes: NodeTable
    groups: dict[Hashable, dict[str, int]]
    totals: dict[str, int]
    group_sizes: dict[Hashable, int]
    density: float
    expected: NodeTable | None = None
    sd: NodeTable | None = None
    z: NodeTable | None = None
    expected_totals: dict[str, float] | None = None
    sd_totals: dict[str, float] | None = None
    z_totals: dict[str, float] | None = None

    label: ClassVar[str] = "node"

    @property
    def columns(self) -> tuple[str, ...]:
        """The roles, then (when normalised) their z-scores, ``z_<role>``.

        Examples:
            >>> import networkx as nx
            >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
            >>> nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 2}, "sector")
            >>> brokerage(G).columns[-1], brokerage(G, normalized=True).columns[-1]
            ('total', 'z_total')
        """
        roles = self.nodes.names
        return roles if self.z is None else (*roles, *(f"z_{role}" for role in self.z.names))

    def rows(self) -> list[dict[str, Any]]:
        """Per node: the raw counts and, when normalised, ``z_<role>`` for each role.

        Examples:
            >>> import networkx as nx
            >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
            >>> nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 2}, "sector")
            >>> brokerage(G).to_dict()["b"]["gatekeeper"]
            1
            >>> brokerage(G).to_frame()["total"].tolist()
            [0, 1, 0]
        """
        rows = self.nodes.rows()
        if self.z is not None:
            for row, z in zip(rows, self.z.rows(), strict=True):
                row.update({f"z_{role}": z[role] for role in self.z.names})
        return rows

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        roles = tuple(self.totals)
        rows = [
            (group, self.group_sizes[group], *(counts[role] for role in roles))
            for group, counts in self.groups.items()
        ]
        rows.append(("whole network", sum(self.group_sizes.values()), *self.totals.values()))
        return ("group", "size", *roles), rows

    def _caption(self) -> str:
        return f"Brokerage roles by {self.attribute} (density {self.density:.3f})"


def _rowsum(matrix: sp.csr_array) -> NDArray[np.float64]:
    return np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()


def _same_part(matrix: sp.csr_array, codes: NDArray[np.intp]) -> sp.csr_array:
    """The entries of ``matrix`` joining two nodes of the same group."""
    coo = matrix.tocoo()
    keep = codes[coo.row] == codes[coo.col]
    return sp.csr_array((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)


def _role_counts(
    adjacency: sp.csr_array, codes: NDArray[np.intp], groups: int, *, symmetric: bool = False
) -> NDArray[np.int64]:
    """The N x 5 matrix of role counts, by inclusion-exclusion on sparse products.

    For a broker ``j``, count the ordered pairs ``(i, k)`` with ``i -> j -> k``,
    ``i != k`` and no arc ``i -> k``, split by which of ``g(i) = g(j)``, ``g(j) = g(k)``,
    ``g(i) = g(k)`` hold. Every such count is ``paths - closed - returns``: all 2-paths
    through ``j`` (in-degree times out-degree, by group), less those closed by an arc
    ``i -> k`` (a masked product), less those with ``i = k`` (reciprocated arcs).
    On a symmetric matrix one of the three products is the transpose of another.
    """
    A = adjacency
    At = sp.csr_array(A.T)
    As = _same_part(A, codes)  # arcs within a group
    Ast = sp.csr_array(As.T)
    S = _indicator(codes, groups)

    indegree, outdegree = _rowsum(At), _rowsum(A)
    indegree_same, outdegree_same = _rowsum(Ast), _rowsum(As)
    by_group = _rowsum(sp.csr_array((At @ S).multiply(A @ S)))  # paths with g(i) = g(k)

    def split(closed: sp.csr_array) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Row sums over all arcs j -> k and over those with g(j) = g(k)."""
        return _rowsum(closed), _rowsum(_same_part(closed, codes))

    # closed[j, k] = number of i with i -> j and i -> k (and the variants by group),
    # kept only where j -> k.
    closed_all, closed_all_jk = split(masked_product(At, A, A))
    closed_by_ij = masked_product(Ast, A, A)
    closed_ij, closed_ij_jk = split(closed_by_ij)
    if symmetric:  # (A^T A_s)[j, k] = (A_s^T A)[k, j] and the mask A is symmetric
        closed_ik = _rowsum(sp.csr_array(closed_by_ij.T))
    else:
        closed_ik = _rowsum(masked_product(At, As, A))
    returns = _rowsum(A.multiply(At))
    returns_ij = _rowsum(Ast.multiply(A))
    returns_jk = _rowsum(At.multiply(As))
    returns_both = _rowsum(Ast.multiply(As))

    total = indegree * outdegree - closed_all - returns
    same_ij = indegree_same * outdegree - closed_ij - returns_ij
    same_jk = indegree * outdegree_same - closed_all_jk - returns_jk
    same_ik = by_group - closed_ik - returns
    coordinator = indegree_same * outdegree_same - closed_ij_jk - returns_both
    representative = same_ij - coordinator
    gatekeeper = same_jk - coordinator
    itinerant = same_ik - coordinator
    liaison = total - coordinator - representative - gatekeeper - itinerant
    counts = np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison])
    return np.rint(counts).astype(np.int64)


def _simple(adjacency: sp.csr_array) -> bool:
    """Whether every stored entry is 1: no parallel ties of a multigraph."""
    return bool(np.all(adjacency.data == 1))


def _symmetric(adjacency: sp.csr_array) -> bool:
    """Whether the pattern is symmetric: every arc has its return arc."""
    transposed = sp.csr_array(adjacency.T.tocsr())
    transposed.sort_indices()
    adjacency.sort_indices()
    return bool(
        np.array_equal(adjacency.indptr, transposed.indptr)
        and np.array_equal(adjacency.indices, transposed.indices)
    )


def _undirected_role_counts(
    adjacency: sp.csr_array,
    codes: NDArray[np.intp],
    groups: int,
    *,
    min_clique: int = MIN_CLIQUE,
) -> NDArray[np.int64]:
    """The N x 5 role counts of an undirected graph, from its triangles.

    Broker ``j`` brokers every ordered pair ``(i, k)`` of distinct neighbours that are
    not tied to each other: its counts are the pairs of its neighbours by the groups of
    ``i`` and ``k`` (from the number of neighbours in each group), less the *closed*
    pairs, two per triangle through ``j``. The pairs split by which of ``g(i) = g(j)``,
    ``g(i) = g(k)`` hold (on an undirected graph ``g(k) = g(j)`` counts as many as
    ``g(i) = g(j)``, so representative and gatekeeper are equal).

    The triangles come in three kinds (:class:`~coinnovation.network._triangles.Split`
    separates the graph's large cliques from its other ties): inside one clique,
    counted by formula from the clique's size and group counts; two nodes of a clique
    and a third node tied to both, counted from how many of each clique's members, by
    group, each node is tied to; and triangles of the other ties, listed one by one.
    """
    n = adjacency.shape[0]
    k = max(groups, 1)
    g = np.asarray(codes, dtype=np.int64)
    split = Split.of(adjacency, min_clique=min_clique)
    label, r = split.labels, max(split.cliques, 1)
    in_clique = label >= 0
    clique = np.where(in_clique, label, 0)
    size = np.where(in_clique, split.sizes[clique] if split.cliques else 1, 1).astype(np.float64)
    ends = np.concatenate((split.source, split.target))  # each remaining tie from both ends
    others = np.concatenate((split.target, split.source))
    alike = g[ends] == g[others]

    def per_node(nodes: NDArray[np.int64], weights: Any = None) -> NDArray[np.float64]:
        return np.bincount(nodes, weights=weights, minlength=n).astype(np.float64)

    # Neighbours by group: the clique's members (less j) and the remaining ties.
    in_groups = Lookup(label[split.members] * k + g[split.members], np.ones(len(split.members)))
    clique_of = in_groups.keys // k
    own = np.where(in_clique, in_groups.get(clique * k + g), 1.0)  # j's own group in its clique
    squares = np.bincount(clique_of, weights=in_groups.values**2, minlength=r)
    pairs = np.bincount(clique_of, weights=in_groups.values * (in_groups.values - 1), minlength=r)
    by_group = Lookup(ends * k + g[others], np.ones(len(ends)))
    node_of, counts = by_group.keys // k, by_group.values
    remaining_own = per_node(ends[alike])
    member = in_clique[node_of]
    cross = per_node(
        node_of[member],
        counts[member] * in_groups.get(clique[node_of[member]] * k + by_group.keys[member] % k),
    )
    degree = (size - 1) + per_node(ends)
    same = (own - 1) + remaining_own
    squared = per_node(node_of, counts**2) + np.where(
        in_clique, squares[clique] - 2 * own + 1 + 2 * (cross - remaining_own), 0.0
    )
    del by_group, node_of, counts, member, cross

    # Closed pairs: all, with g(i) = g(j), with g(i) = g(j) = g(k), with g(i) = g(k).
    closed = np.zeros(n)
    closed_same = np.zeros(n)
    closed_all_same = np.zeros(n)
    closed_alike = np.zeros(n)
    # 1. Triangles inside a clique.
    closed += np.where(in_clique, (size - 1) * (size - 2), 0.0)
    closed_same += np.where(in_clique, (own - 1) * (size - 2), 0.0)
    closed_all_same += np.where(in_clique, (own - 1) * (own - 2), 0.0)
    closed_alike += np.where(in_clique, pairs[clique] - 2 * (own - 1), 0.0)
    # 2. Two nodes of a clique and a third node q tied to both: from q's ties to each
    # clique, by group (h[q, C, group]) and in all (t[q, C]).
    towards = label[others] >= 0
    q, c, gamma = ends[towards], label[others[towards]], g[others[towards]]
    by_clique = Lookup(q * r + c, np.ones(len(q)))
    by_clique_group = Lookup((q * r + c) * k + gamma, np.ones(len(q)))
    del q, c, gamma
    # 2a. q brokers between two of C's members.
    t = by_clique.values
    closed += per_node(by_clique.keys // r, t * (t - 1))
    h_keys, h = by_clique_group.keys, by_clique_group.values
    h_node = h_keys // (r * k)
    closed_alike += per_node(h_node, h * (h - 1))
    own_group = h_keys % k == g[h_node]
    h_node, h_own, h_keys = h_node[own_group], h[own_group], h_keys[own_group]
    t_own = by_clique.get(h_keys // k)
    closed_same += per_node(h_node, h_own * (t_own - 1))
    closed_all_same += per_node(h_node, h_own * (h_own - 1))
    # 2b. j, in clique C, brokers between a clique-mate i and q (tied to j and i).
    mine = in_clique[ends]
    j, q = ends[mine], others[mine]
    key = q * r + label[j]
    t_q = by_clique.get(key)
    h_j = by_clique_group.get(key * k + g[j])
    h_q = by_clique_group.get(key * k + g[q])
    alike_jq = (g[j] == g[q]).astype(np.float64)
    closed += per_node(j, 2 * (t_q - 1))
    closed_same += per_node(j, (h_j - 1) + (t_q - 1) * alike_jq)
    closed_all_same += per_node(j, 2 * alike_jq * (h_j - 1))
    closed_alike += per_node(j, 2 * (h_q - alike_jq))
    del j, q, key, t_q, h_j, h_q, alike_jq, by_clique, by_clique_group
    # 3. Triangles of the other ties, one by one.
    for block in triangles(split):
        ga, gb, gc = g[block.a], g[block.b], g[block.c]
        ab, ac, bc = (ga == gb).astype(float), (ga == gc).astype(float), (gb == gc).astype(float)
        nodes = np.concatenate((block.a, block.b, block.c))
        closed += 2 * per_node(nodes)
        closed_same += per_node(nodes, np.concatenate((ab + ac, ab + bc, ac + bc)))
        closed_all_same += per_node(nodes, 2.0 * np.tile(ab * ac, 3))
        closed_alike += per_node(nodes, 2.0 * np.concatenate((bc, ac, ab)))

    coordinator = same * (same - 1) - closed_all_same
    representative = same * (degree - 1) - closed_same - coordinator
    itinerant = (squared - degree) - closed_alike - coordinator
    liaison = degree * (degree - 1) - closed - coordinator - 2 * representative - itinerant
    counts = np.column_stack([coordinator, itinerant, representative, representative, liaison])
    return np.rint(counts).astype(np.int64)


def _choose2(x: Any) -> Any:
    return x * (x - 1) / 2


def _sna_moments(
    sizes: NDArray[np.float64], d: float
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Expected values and variances of the role counts, exactly as R's sna computes them.

    Returns ``(expected_by_group, variance_by_group, expected_total, variance_total)``:
    the first two are (groups x 6) by the broker's group, the last two length 6 for the
    whole network.
    """
    n = sizes
    N = float(n.sum())
    c = d**2 * (1 - d)
    c3, c4, c5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    p1, p2 = float(n.sum()), float((n * n).sum())
    others1, others2 = p1 - n, p2 - n * n  # sums over the other groups
    others_ff = float((n * (n - 1)).sum()) - n * (n - 1)
    others_fff = float((n * (n - 1) * (n - 2)).sum()) - n * (n - 1) * (n - 2)
    others_liaison = np.array(
        [
            float((np.delete(n, i) * _choose2(N - np.delete(n, i) - n[i])).sum())
            for i in range(len(n))
        ]
    )

    e = np.empty((len(n), 6))
    v = np.empty((len(n), 6))
    e[:, 0] = c * (n - 1) * (n - 2)
    v[:, 0] = e[:, 0] * (1 - c) + 2 * (n - 1) * (n - 2) * (n - 3) * c3
    e[:, 1] = c * others_ff
    v[:, 1] = e[:, 1] * (1 - c) + 2 * others_fff * c3
    e[:, 2] = c * (N - n) * (n - 1)
    v[:, 2] = e[:, 2] * (1 - c) + 2 * ((n - 1) * _choose2(N - n) + (N - n) * _choose2(n - 1)) * c3
    e[:, 3], v[:, 3] = e[:, 2], v[:, 2]
    e[:, 4] = c * (others1**2 - others2)
    v[:, 4] = e[:, 4] * (1 - c) + 4 * others_liaison * c3
    e[:, 5] = c * (N - 1) * (N - 2)
    v[:, 5] = e[:, 5] * (1 - c) + 2 * (N - 1) * (N - 2) * (N - 3) * c3

    eg = np.empty(6)
    vg = np.empty(6)
    eg[0] = c * float((n * (n - 1) * (n - 2)).sum())
    vg[0] = eg[0] * (1 - c) + float(
        (n * (n - 1) * (n - 2) * ((4 * n - 10) * c3 - 4 * (n - 3) * c4 + (n - 3) * c5)).sum()
    )
    eg[1] = c * float((n * (N - n) * (n - 1)).sum())
    # sum over all ordered pairs of groups (x, y) of x y (x - 1) ((2x + 2y - 6) c3 + (N - x - 1) c5),
    # less the pairs x = y counted with sna's own correction.
    pairs = p1 * float(
        (n * (n - 1) * ((2 * n - 6) * c3 + (N - n - 1) * c5)).sum()
    ) + 2 * c3 * p2 * float((n * (n - 1)).sum())
    diagonal = float((n * n * (n - 1) * ((4 * n - 6) * c3 + (N - n - 1) * c5)).sum())
    vg[1] = eg[1] * (1 - c) + pairs - diagonal
    eg[2] = eg[1]
    vg[2] = eg[2] * (1 - c) + float((n * (N - n) * (n - 1) * ((N - 3) * c3 + (n - 2) * c5)).sum())
    eg[3], vg[3] = eg[2], vg[2]
    eg[4] = c * ((N * p1 * p1 - 2 * p1 * p2) - float((n * n * (N - 2 * n)).sum()))
    # sna sums over ordered triples of distinct groups; by symmetry it reduces to
    # t0 = sum n_i n_j n_k and t1 = sum n_i^2 n_j n_k over distinct (i, j, k).
    rest = (p1 - n) ** 2 - (p2 - n * n)
    t0, t1 = float((n * rest).sum()), float((n * n * rest).sum())
    vg[4] = eg[4] * (1 - c) + ((4 * N - 2) * t0 - 8 * t1) * (c3 - c4) + ((N - 1) * t0 - 2 * t1) * c5
    eg[5] = c * N * (N - 1) * (N - 2)
    vg[5] = eg[5] * (1 - c) + N * (N - 1) * (N - 2) * (
        (4 * N - 10) * c3 - 4 * (N - 3) * c4 + (N - 3) * c5
    )
    return e, v, eg, vg


def brokerage(
    G: GraphLike,
    attribute: str = "sector",
    *,
    normalized: bool = False,
    default: Hashable | None = None,
) -> BrokerageResult:
    """Gould and Fernandez's brokerage roles of every node, by the groups of the others.

    Definition (Gould and Fernandez 1989, as R's ``sna::brokerage`` implements it): node
    ``v`` brokers the ordered pair ``(a, b)`` when ``a -> v -> b``, ``a != b`` and there is
    no arc ``a -> b``. With ``g(x)`` the group of ``x``, the brokerage is a::

        coordinator     (sna w_I)   g(a) = g(v) = g(b)
        itinerant       (sna w_O)   g(a) = g(b) != g(v)    (also called consultant)
        representative  (sna b_IO)  g(a) = g(v) != g(b)
        gatekeeper      (sna b_OI)  g(a) != g(v) = g(b)
        liaison         (sna b_O)   g(a), g(v), g(b) all different

    An undirected tie counts as two arcs, so on an undirected graph every brokered pair is
    counted in both directions (a representative for ``(a, b)`` is a gatekeeper for
    ``(b, a)``). Tie weights are ignored; self-loops too; on a multigraph, parallel
    ties each make their own paths.

    Cost: on an undirected graph, the two-paths through each node (from its neighbours'
    groups) less the closed ones, two per triangle, with the triangles listed once and a
    clique of 32 nodes or more counted by formula; a session everyone attends then costs
    about its ties. A plenary also dominates what is counted: see the concept page on
    collaboration networks, "What a plenary does to the measures".

    ``normalized=True`` adds sna's expectations under chance: a random graph (each arc
    independently with probability ``d = m / (N (N - 1))``, ``m`` the number of arcs) with
    the observed group sizes. For a broker in a group of size ``n`` (``N`` nodes in all,
    ``n_o`` the sizes of the other groups, ``c = d^2 (1 - d)``)::

        E[coordinator]    = c (n - 1)(n - 2)
        E[itinerant]      = c sum_o n_o (n_o - 1)
        E[representative] = E[gatekeeper] = c (N - n)(n - 1)
        E[liaison]        = c ((sum_o n_o)^2 - sum_o n_o^2)
        E[total]          = c (N - 1)(N - 2)

    with the variances, network-level moments and z-scores ``(raw - E) / sd`` of sna's
    ``brokerage()`` (Butts, sna package), which the tests check term by term.

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        attribute: The node attribute that defines the groups.
        normalized: Also compute expected counts, standard deviations and z-scores.
        default: The group for nodes without the attribute (or with ``None``).

    Returns:
        A :class:`BrokerageResult`.

    Raises:
        MissingAttributeError: Some nodes lack the attribute and no ``default`` was given.

    References:
        Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
        approach to brokerage in transaction networks. *Sociological Methodology* 19,
        89-126.

        Butts, C. T. sna: Tools for Social Network Analysis (R package), ``brokerage()``.

    Examples:
        >>> import networkx as nx
        >>> G = nx.path_graph(3)  # 0 - 1 - 2: node 1 brokers (0, 2) and (2, 0)
        >>> nx.set_node_attributes(G, {0: "a", 1: "b", 2: "c"}, "sector")
        >>> brokerage(G).nodes.row(1)["liaison"]
        2
        >>> round(brokerage(G, normalized=True).expected.row(1)["total"], 4)  # 2 d^2 (1 - d)
        0.2963
    """
    groups, codes = group_codes(G, attribute, default)
    adjacency = adjacency_matrix(G, None)
    directed = is_directed(G)
    if _simple(adjacency) and (not directed or _symmetric(adjacency)):
        # An undirected graph, or a directed one with every arc returned (such as
        # ``G.to_directed()``): the same counts, from its triangles.
        counts = _undirected_role_counts(adjacency, codes, len(groups))
    else:  # arcs one way, or a multigraph (parallel ties are separate paths)
        counts = _role_counts(adjacency, codes, len(groups), symmetric=not directed)
    counts = np.column_stack([counts, counts.sum(axis=1)])
    nodes = graph_nodes(G)
    n, k = len(codes), len(groups)
    sizes = np.bincount(codes, minlength=k)
    by_group = np.zeros((k, 6), dtype=np.int64)
    np.add.at(by_group, codes, counts)
    arcs = adjacency.nnz
    density = arcs / (n * (n - 1)) if n > 1 else float("nan")
    table = NodeTable(nodes, {role: counts[:, i] for i, role in enumerate(ROLES)})
    result = BrokerageResult(
        attribute=attribute,
        nodes=table,
        groups={
            group: dict(zip(ROLES, by_group[g].tolist(), strict=True))
            for g, group in enumerate(groups)
        },
        totals=dict(zip(ROLES, counts.sum(axis=0).tolist(), strict=True)),
        group_sizes=dict(zip(groups, sizes.tolist(), strict=True)),
        density=density,
    )
    if not normalized:
        return result
    e, v, eg, vg = _sna_moments(sizes.astype(np.float64), density)
    # Round-off can leave a variance that is exactly 0 in theory a hair below it.
    v = np.where((v < 0) & (v > -1e-9), 0.0, v)
    vg = np.where((vg < 0) & (vg > -1e-9), 0.0, vg)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected, sd = e[codes], np.sqrt(v[codes])
        sd_total = np.sqrt(vg)
        z = (counts - expected) / sd
        z_total = (counts.sum(axis=0) - eg) / sd_total
    return attrs.evolve(
        result,
        expected=NodeTable(nodes, {role: expected[:, i] for i, role in enumerate(ROLES)}),
        sd=NodeTable(nodes, {role: sd[:, i] for i, role in enumerate(ROLES)}),
        z=NodeTable(nodes, {role: z[:, i] for i, role in enumerate(ROLES)}),
        expected_totals=dict(zip(ROLES, eg.tolist(), strict=True)),
        sd_totals=dict(zip(ROLES, sd_total.tolist(), strict=True)),
        z_totals=dict(zip(ROLES, z_total.tolist(), strict=True)),
    )


# --------------------------------------------------------------------------- mixing


@attrs.frozen(eq=False)
class MixingResult(Table):
    """The group-by-group tie matrix.

    ``matrix[g, h]`` counts (or sums the weights of) the arcs from members of group ``g``
    to members of group ``h``. An undirected tie counts from both ends, as in networkx's
    ``attribute_mixing_matrix``: the matrix is symmetric, a tie between ``g`` and ``h``
    adds 1 to ``[g, h]`` and to ``[h, g]``, and a tie inside ``g`` adds 2 to ``[g, g]``.

    As a result table (:class:`~coinnovation.results.Table`), one row per group (``from``)
    and one column per group (``to``): ``to_dict()`` is ``{row group: {column group:
    value}}`` and ``to_frame()`` the labelled matrix.

    Attributes:
        attribute: The node attribute the groups come from.
        groups: The groups, sorted; the row and column labels.
        matrix: The (groups x groups) numpy array, read-only.
        normalized: Whether the matrix was divided by its sum (then it is Newman's
            ``e_gh``, the fraction of tie ends joining ``g`` to ``h``).

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph([(1, 2), (2, 3)])
        >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b"}, "sector")
        >>> mixing(G).matrix.tolist()
        [[2.0, 1.0], [1.0, 0.0]]
        >>> mixing(G).assortativity
        -0.333...
    """

    attribute: str
    groups: tuple[Hashable, ...]
    matrix: NDArray[np.float64]
    normalized: bool

    def __attrs_post_init__(self) -> None:
        self.matrix.setflags(write=False)

    @property
    def assortativity(self) -> float:
        """Newman's assortativity coefficient of this mixing matrix (see :func:`assortativity`).

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2), (3, 4)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "sector")
            >>> mixing(G).assortativity
            1.0
        """
        return _newman_r(self.matrix)

    label: ClassVar[str] = "from"

    @property
    def columns(self) -> tuple[Hashable, ...]:
        """The column labels: the groups (ties *to* them).

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "b"}, "sector")
            >>> mixing(G).to_dict()
            {'a': {'a': 0.0, 'b': 1.0}, 'b': {'a': 1.0, 'b': 0.0}}
        """
        return self.groups

    def rows(self) -> list[dict[Hashable, Any]]:
        """One row per group: its ties (or weight) to every group.

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "b"}, "sector")
            >>> mixing(G).rows()[0]
            {'from': 'a', 'a': 0.0, 'b': 1.0}
        """
        return [
            {"from": group, **dict(zip(self.groups, row, strict=True))}
            for group, row in zip(self.groups, self.matrix.tolist(), strict=True)
        ]

    def _table(self) -> tuple[Sequence[Hashable], dict[Any, Any]]:
        return self.groups, {group: self.matrix[:, j] for j, group in enumerate(self.groups)}

    def to_frame(self) -> Any:
        """The matrix as a labelled pandas DataFrame (needs the ``pandas`` extra).

        Examples:
            >>> import networkx as nx
            >>> G = nx.Graph([(1, 2)])
            >>> nx.set_node_attributes(G, {1: "a", 2: "b"}, "sector")
            >>> float(mixing(G).to_frame().loc["a", "b"])
            1.0
        """
        frame = super().to_frame()
        frame.columns.name = "to"
        return frame

    def _caption(self) -> str:
        what = "share of tie ends" if self.normalized else "ties"
        return f"Mixing by {self.attribute}: {what} from each group (rows) to each (columns)"


def _newman_r(matrix: NDArray[np.float64]) -> float:
    total = float(matrix.sum())
    if total <= 0:
        return float("nan")
    e = matrix / total
    a, b = e.sum(axis=1), e.sum(axis=0)
    chance = float(a @ b)
    if chance >= 1.0:
        return float("nan")
    return (float(np.trace(e)) - chance) / (1.0 - chance)


def _mixing_matrix(
    G: GraphLike, attribute: str, weight: str | None, default: Hashable | None
) -> tuple[tuple[Hashable, ...], NDArray[np.float64]]:
    groups, codes = group_codes(G, attribute, default)
    adjacency = adjacency_matrix(G, weight)
    S = _indicator(codes, len(groups))
    matrix = (sp.csr_array(S.T) @ adjacency @ S).toarray()
    return groups, np.asarray(matrix, dtype=np.float64)


def mixing(
    G: GraphLike,
    attribute: str = "sector",
    *,
    weight: str | None = None,
    normalized: bool = False,
    default: Hashable | None = None,
) -> MixingResult:
    """The group-by-group tie matrix: how many ties join each pair of groups.

    Formula: with ``S`` the node-by-group membership matrix and ``A`` the adjacency matrix
    (weights when ``weight=`` is given, self-loops dropped)::

        M = S^T A S            # M[g, h]: arcs from group g to group h
        e = M / sum(M)         # normalized=True: Newman's mixing matrix e_gh

    Equal to networkx's ``attribute_mixing_matrix`` (groups in sorted order) on graphs
    without self-loops.

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        attribute: The node attribute that defines the groups.
        weight: The edge attribute to sum; ``None`` counts ties.
        normalized: Divide by the total so the entries sum to 1.
        default: The group for nodes without the attribute (or with ``None``).

    Returns:
        A :class:`MixingResult`.

    Raises:
        MissingAttributeError: Some nodes lack the attribute and no ``default`` was given.
        ValueError: A tie has a negative weight.

    Reference:
        Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67,
        026126.

    Examples:
        >>> import networkx as nx
        >>> G = nx.DiGraph([("p", "q"), ("q", "r")])
        >>> nx.set_node_attributes(G, {"p": "x", "q": "y", "r": "y"}, "sector")
        >>> mixing(G, normalized=True).to_dict()
        {'x': {'x': 0.0, 'y': 0.5}, 'y': {'x': 0.0, 'y': 0.5}}
    """
    groups, matrix = _mixing_matrix(G, attribute, weight, default)
    if normalized:
        total = float(matrix.sum())
        matrix = matrix / total if total > 0 else np.full_like(matrix, np.nan)
    return MixingResult(attribute=attribute, groups=groups, matrix=matrix, normalized=normalized)


def assortativity(
    G: GraphLike,
    attribute: str = "sector",
    *,
    weight: str | None = None,
    default: Hashable | None = None,
) -> float:
    """Newman's attribute assortativity coefficient: do ties join like with like?

    Formula (Newman 2003, eq. 2), from the normalised mixing matrix ``e`` (see
    :func:`mixing`) with row sums ``a`` and column sums ``b``::

        r = (sum_g e_gg - sum_g a_g b_g) / (1 - sum_g a_g b_g)

    1 when every tie stays within a group, 0 when ties mix as they would by chance given
    how many tie ends each group has, negative when ties prefer other groups (the minimum
    depends on the group shares). Equal to networkx's
    ``attribute_assortativity_coefficient`` on unweighted graphs without self-loops; with
    ``weight=`` each tie counts by its weight. ``nan`` when there are no ties or when
    every tie end is in one group.

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        attribute: The node attribute that defines the groups.
        weight: The edge attribute holding tie strength; ``None`` counts ties.
        default: The group for nodes without the attribute (or with ``None``).

    Returns:
        The coefficient ``r``.

    Raises:
        MissingAttributeError: Some nodes lack the attribute and no ``default`` was given.
        ValueError: A tie has a negative weight.

    Reference:
        Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67,
        026126.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph([(1, 2), (3, 4), (1, 3)])
        >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "sector")
        >>> round(assortativity(G), 4)
        0.3333
    """
    _, matrix = _mixing_matrix(G, attribute, weight, default)
    return _newman_r(matrix)

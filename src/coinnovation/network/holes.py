"""Burt's structural holes: constraint, effective size, efficiency and hierarchy.

A *structural hole* is the absence of a tie between two of a node's contacts (Burt 1992).
A node whose contacts are not tied to one another can broker between them; a node whose
contacts all know each other is *constrained*: whatever it hears from one it could hear
from the others. The four measures here describe each node's ego network:

- **effective size**: the number of contacts, less their redundancy;
- **efficiency**: effective size as a share of the number of contacts;
- **constraint**: how far the node's time and energy go to contacts who are themselves
  invested in its other contacts;
- **hierarchy**: how far that constraint is concentrated on a single contact.

Notation (Burt 1992, ch. 2). For a node ``i`` with contacts ``N(i)`` (every node joined to
``i`` by a tie in either direction; self-loops are ignored):

- ``a_ij`` is the weight of the tie from ``i`` to ``j`` (1 without ``weight=``; 0 when
  there is none);
- the *mutual weight* ``z_ij = a_ij + a_ji`` (in an undirected graph, the edge weight);
- ``p_ij = z_ij / sum_k z_ik``: the share of ``i``'s relations invested in ``j``;
- ``m_jk = z_jk / max_k' z_jk'``: ``j``'s tie to ``k`` relative to ``j``'s strongest tie.

These are networkx's definitions (``nx.constraint``, ``nx.effective_size`` called with
``nodes=``) and Burt's; the functions here compute them on sparse matrices for all nodes at
once, on weighted and directed graphs alike (networkx 3.6.1's ``effective_size(G)``
without ``nodes=`` gives wrong values on weighted and directed graphs).

Cost. Every measure is a sum over the triangles through each node's ties (``sum_q p_iq
p_qj`` and ``sum_q p_iq m_jq``). For every node at once (``nodes=None``) the triangles are
listed once, and a large clique — a plenary, whose attendees all become tied in the
collaboration network — is counted by formula from its size, its base weight and the
ties its members have besides (:mod:`coinnovation.network._triangles`), so the work is
the graph's ties plus its triangles outside cliques, not a clique's cube. For a few
``nodes=``, the sums are sparse products over their rows only.

Ties with weight 0 are treated as absent; negative weights raise :class:`ValueError`.
Isolated nodes have no ego network: every measure is ``nan`` for them.

References:
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
    University Press.

    Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
    *Connections* 20(1), 35-38.

Examples:
    >>> import networkx as nx
    >>> G = nx.star_graph(3)  # a hub (0) with three contacts who do not know each other
    >>> G.add_edge(2, 3)
    >>> table = structural_holes(G)
    >>> table.row(0)
    {'size': 3, 'effective_size': 2.333..., 'efficiency': 0.777..., 'constraint': 0.611..., 'hierarchy': 0.052...}
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray

from coinnovation.network._sparse import (
    GraphLike,
    adjacency_matrix,
    graph_nodes,
    is_directed,
    masked_product,
    row_of_entries,
)
from coinnovation.network._triangles import MIN_CLIQUE, Lookup, Split, triangles
from coinnovation.results import NodeTable

__all__ = ["constraint", "effective_size", "efficiency", "hierarchy", "structural_holes"]


def _scale_rows(matrix: sp.csr_array, factors: NDArray[np.float64]) -> sp.csr_array:
    """Each row of ``matrix`` multiplied by its factor."""
    scaled = matrix.copy()
    scaled.data = scaled.data * factors[row_of_entries(matrix)]
    return sp.csr_array(scaled)


def _select(
    G: GraphLike, nodes: Iterable[Hashable] | None
) -> tuple[list[Hashable], NDArray[np.intp]]:
    """The requested nodes (in the order given, without repeats) and their row numbers."""
    if nodes is None:
        every = list(graph_nodes(G))
        return every, np.arange(len(every), dtype=np.intp)
    index = {node: i for i, node in enumerate(graph_nodes(G))}
    chosen = list(dict.fromkeys(nodes))
    for node in chosen:
        if node not in index:
            raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    return chosen, np.array([index[node] for node in chosen], dtype=np.intp)


def _two_path_sums(
    mutual: sp.csr_array, weights: list[NDArray[np.float64]], *, min_clique: int = MIN_CLIQUE
) -> list[NDArray[np.float64]]:
    """For every stored entry ``(i, j)`` of ``Z``, ``sum_q Z_iq w_q Z_qj``: one array per ``w``.

    ``Z`` is symmetric, with sorted indices. Split into ``B``, a base weight ``b_C`` on
    every pair of each large clique ``C``, and ``R``, the remaining ties (see
    :class:`~coinnovation.network._triangles.Split`), the sum is ``BwB + BwR + RwB + RwR``:

    - ``(BwB)_ij = b_C^2 (W_C - w_i - w_j)`` for ``i``, ``j`` in one clique ``C``, with
      ``W_C`` the sum of ``w`` over ``C``;
    - ``(BwR)_ij = b_C (H_jC - w_i R_ij)`` for ``i`` in ``C``, with ``H_jC`` the sum of
      ``w_q R_qj`` over ``q`` in ``C`` (and ``RwB`` by symmetry);
    - ``(RwR)_ij``: over the triangles of the remaining ties when ``i`` and ``j`` are not of
      one clique (then ``R_ij`` is their tie); for two nodes of one clique, the sparse
      product of the remaining ties into cliques (its work is the sum, over nodes and
      cliques, of the square of a node's remaining ties into the clique, never a
      clique's cube).
    """
    n = mutual.shape[0]
    indptr = mutual.indptr.astype(np.int64)
    cols = mutual.indices.astype(np.int64)
    z = np.asarray(mutual.data, dtype=np.float64)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    split = Split.of(mutual, min_clique=min_clique)
    label, r = split.labels, max(split.cliques, 1)
    u, v, tie = split.source, split.target, split.weight
    results = [np.zeros(len(z)) for _ in weights]

    # RwR over the triangles of the remaining ties, for ties not inside one clique.
    along = [np.zeros(len(u)) for _ in weights]
    for block in triangles(split):
        a, b, c = block.a, block.b, block.c
        r_ab, r_ac, r_bc = tie[block.ab], tie[block.ac], tie[block.bc]
        # a's ties ab and ac lie in a short run of positions; bc anywhere.
        low = int(block.ab[0]) if len(block.ab) else 0
        local = np.concatenate((block.ab, block.ac)) - low
        for total, w in zip(along, weights, strict=True):
            near = np.bincount(
                local, weights=np.concatenate((r_ac * w[c] * r_bc, r_ab * w[b] * r_bc))
            )
            total[low : low + len(near)] += near
            np.add.at(total, block.bc, r_ab * w[a] * r_ac)  # no array the size of the ties
    across = ~split.inside
    upper = split.position[across]
    mirror = sp.csr_array(
        (np.arange(len(z), dtype=np.int64), cols, indptr), shape=(n, n)
    ).T.tocsr()  # the position of (j, i) at the position of (i, j)
    mirrored = np.asarray(mirror.data, dtype=np.int64)
    lower = mirrored[upper]
    del mirror
    for result, total in zip(results, along, strict=True):
        result[upper] += total[across]
        result[lower] += total[across]
    if not split.cliques:
        return results

    li, lj = label[rows], label[cols]
    same = (li == lj) & (li >= 0)
    cut_i = np.flatnonzero((li >= 0) & ~same)  # i in a clique, j not in it
    cut_j = np.flatnonzero((lj >= 0) & ~same)
    del li, lj
    in_clique = label >= 0
    node_base = np.where(in_clique, split.base[np.maximum(label, 0)], 0.0)
    # The remaining ties from a clique member q to any node x, both ways round.
    from_u, from_v = in_clique[u], in_clique[v]
    q = np.concatenate((u[from_u], v[from_v]))
    x = np.concatenate((v[from_u], u[from_v]))
    r_qx = np.concatenate((tie[from_u], tie[from_v]))
    # One row per node x and clique C it has remaining ties into: R_qx for q in C. Two
    # members of one clique share a row for each middle node x of a wedge between them.
    through, middle = np.unique(x * r + label[q], return_inverse=True)
    into = sp.csr_array((r_qx, (middle, q)), shape=(len(through), n))
    middle_node = through // r
    # The excess ties inside cliques, both ways round.
    excess_pos = split.position[split.inside]
    excess_pos = np.concatenate((excess_pos, mirrored[excess_pos]))
    excess_i, excess_j = rows[excess_pos], cols[excess_pos]
    excess = z[excess_pos] - node_base[excess_i]
    # Each stored entry's position plus one (exact in float64 below 2^53).
    positions = sp.csr_array(
        (np.arange(1, len(z) + 1, dtype=np.float64), cols, indptr), shape=(n, n)
    )
    members = split.members
    placed: tuple[int, NDArray[np.bool_], NDArray[np.int64]] | None = None
    for result, w in zip(results, weights, strict=True):
        # BwB + BwR + RwB for two members of one clique, with H_x,C(x) the sum of w_q R_qx
        # over q in x's clique: a node term for each end, less the excess terms.
        clique_w = np.bincount(label[members], weights=w[members], minlength=r)
        h = Lookup(x * r + label[q], w[q] * r_qx)
        own = np.zeros(n)
        own[members] = h.get(members * r + label[members])
        half = node_base * (node_base * (clique_w[label] / 2 - w) + own)
        result += np.where(same, half[rows] + half[cols], 0.0)
        np.add.at(result, excess_pos, -node_base[excess_i] * (w[excess_i] + w[excess_j]) * excess)
        # RwR for two members of one clique: the wedges of remaining ties between them,
        # placed by an elementwise product with the positions (both in canonical order).
        # Every weight is positive, so the wedges (not their sums) are the same for each.
        wedges = sp.csr_array(into.T @ sp.csr_array(into.multiply(w[middle_node][:, None])))
        wedges.sort_indices()
        if placed is None or placed[0] != wedges.nnz:
            wi, wj = row_of_entries(wedges), wedges.indices
            keep = wi != wj  # both of one clique: they share a row of `into`
            pattern = sp.csr_array(
                (
                    np.ones(int(keep.sum())),
                    wj[keep],
                    np.concatenate(([0], np.cumsum(np.bincount(wi[keep], minlength=n)))),
                ),
                shape=(n, n),
            )
            place = np.asarray(positions.multiply(pattern).data, dtype=np.int64) - 1
            placed = (wedges.nnz, keep, place)
            del wi, wj, pattern
        _, keep, place = placed
        result[place] += wedges.data[keep]
        del wedges
        # BwR across: i in clique C, j outside it (and RwB the other way round).
        for ends, others, end_label in ((cut_i, cols, rows), (cut_j, rows, cols)):
            c = label[end_label[ends]]
            held = h.get(others[ends] * r + c)
            result[ends] += split.base[c] * (held - w[end_label[ends]] * z[ends])
    return results


class _Holes:
    """The shared pieces of the structural-hole measures, for the selected rows."""

    def __init__(
        self,
        G: GraphLike,
        nodes: Iterable[Hashable] | None,
        weight: str | None,
        *,
        min_clique: int = MIN_CLIQUE,
    ) -> None:
        self.min_clique = min_clique
        self.nodes, rows = _select(G, nodes)
        adjacency = adjacency_matrix(G, weight)
        mutual = adjacency if not is_directed(G) else sp.csr_array(adjacency + adjacency.T)
        mutual.sort_indices()
        self.mutual = mutual
        totals = np.asarray(mutual.sum(axis=1), dtype=np.float64).ravel()
        with np.errstate(divide="ignore"):
            inverse = np.where(totals > 0, 1.0 / totals, 0.0)
        #: p_ij: the proportional strength of i's tie to j (only for a subset of nodes).
        self.proportions = _scale_rows(mutual, inverse) if nodes is not None else mutual
        self.rows = rows
        self.totals = totals
        self.every = nodes is None
        self.size = np.diff(mutual.indptr)[rows].astype(np.int64)
        self._local: sp.csr_array | None = None
        self._redundancy: NDArray[np.float64] | None = None

    def _every_node(self) -> None:
        """Dyadic constraint and redundancy of every node, from two-path sums per tie.

        ``sum_q p_iq p_qj = (1 / s_i) sum_q z_iq (1 / s_q) z_qj`` and ``sum_q p_iq m_jq
        = (1 / (s_i M_j)) sum_q z_iq z_qj`` (``s`` the strengths, ``M`` the strongest
        ties): two sums of :func:`_two_path_sums`, whose work is the graph's triangles
        outside its large cliques.
        """
        mutual = self.mutual
        totals = self.totals
        rows = row_of_entries(mutual)
        maxima = np.zeros(mutual.shape[0])
        tied = np.flatnonzero(np.diff(mutual.indptr))
        if len(tied):
            maxima[tied] = np.maximum.reduceat(mutual.data, mutual.indptr[tied])
        with np.errstate(divide="ignore"):
            inverse = np.where(totals > 0, 1.0 / totals, 0.0)
        indirect, shared = _two_path_sums(
            mutual, [inverse, np.ones(len(totals))], min_clique=self.min_clique
        )
        direct = np.asarray(mutual.data, dtype=np.float64) * inverse[rows]
        local = (direct + indirect * inverse[rows]) ** 2
        self._local = sp.csr_array((local, mutual.indices, mutual.indptr), shape=mutual.shape)
        cols = mutual.indices
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = shared * inverse[rows] / maxima[cols]
        self._redundancy = np.bincount(rows, weights=terms, minlength=mutual.shape[0]).astype(
            np.float64
        )

    @property
    def local(self) -> sp.csr_array:
        """Burt's dyadic constraint c_ij = (p_ij + sum_q p_iq p_qj)^2 for the selected rows."""
        if self._local is None and self.every:
            self._every_node()
        if self._local is None:
            p_rows = sp.csr_array(self.proportions[self.rows])
            pattern = sp.csr_array(
                (np.ones_like(p_rows.data), p_rows.indices, p_rows.indptr), shape=p_rows.shape
            )
            indirect = masked_product(p_rows, self.proportions, pattern)
            self._local = sp.csr_array((p_rows + indirect).power(2))
        return self._local

    def constraint(self) -> NDArray[np.float64]:
        values = np.asarray(self.local.sum(axis=1), dtype=np.float64).ravel()
        return np.where(self.size > 0, values, np.nan)

    def effective_size(self) -> NDArray[np.float64]:
        if self.every:
            if self._redundancy is None:
                self._every_node()
            assert self._redundancy is not None
            return np.where(self.size > 0, self.size - self._redundancy, np.nan)
        mutual = self.mutual
        maxima = np.zeros(mutual.shape[0])
        if mutual.nnz:
            maxima = np.asarray(mutual.max(axis=1).toarray(), dtype=np.float64).ravel()
        with np.errstate(divide="ignore"):
            inverse = np.where(maxima > 0, 1.0 / maxima, 0.0)
        marginal = _scale_rows(mutual, inverse)  # m_jk
        p_rows = sp.csr_array(self.proportions[self.rows])
        contacts = sp.csr_array(
            (np.ones_like(p_rows.data), p_rows.indices, p_rows.indptr), shape=p_rows.shape
        )
        # redundancy_i = sum_j in N(i) sum_q p_iq m_jq = sum_q p_iq (B @ M)_iq
        redundancy = masked_product(contacts, marginal, p_rows)
        values = self.size - np.asarray(redundancy.sum(axis=1), dtype=np.float64).ravel()
        return np.where(self.size > 0, values, np.nan)

    def efficiency(self, effective: NDArray[np.float64] | None = None) -> NDArray[np.float64]:
        if effective is None:
            effective = self.effective_size()
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.size > 0, effective / self.size, np.nan)

    def hierarchy(self) -> NDArray[np.float64]:
        local = self.local
        rows = row_of_entries(local)
        totals = np.asarray(local.sum(axis=1), dtype=np.float64).ravel()
        size = self.size.astype(np.float64)
        result = np.full(len(size), np.nan)
        defined = size >= 2
        if local.nnz:
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = local.data * size[rows] / totals[rows]
                terms = np.where(ratio > 0, ratio * np.log(ratio), 0.0)
                sums = np.bincount(rows, weights=terms, minlength=len(size))
                values = sums / (size * np.log(size))
            result[defined] = values[defined]
        return result


def _as_dict(nodes: list[Hashable], values: NDArray[np.float64]) -> dict[Hashable, float]:
    return dict(zip(nodes, values.tolist(), strict=True))


def constraint(
    G: GraphLike, nodes: Iterable[Hashable] | None = None, *, weight: str | None = None
) -> dict[Hashable, float]:
    """Burt's constraint on each node: how far its contacts are invested in one another.

    Formula (Burt 1992, eq. 2.4; networkx's ``constraint``)::

        c_ij = (p_ij + sum_{q != i, j} p_iq * p_qj) ** 2     # dyadic constraint
        C_i  = sum_{j in N(i)} c_ij

    with ``p_ij = z_ij / sum_k z_ik`` the proportional strength of ``i``'s tie to ``j``
    (``z_ij = a_ij + a_ji``). Constraint is high when a node's contacts are few and tied
    to each other (1 for a single contact, 1.125 for two contacts tied only to each
    other) and low when it has many contacts who do not know each other.

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        nodes: The nodes to compute it for (default: all, in graph order).
        weight: The edge attribute holding tie strength; ``None`` counts every tie as 1.

    Returns:
        ``{node: constraint}``; ``nan`` for isolated nodes.

    Raises:
        networkx.NodeNotFound: A requested node is not in the graph.
        ValueError: A tie has a negative weight.

    Reference:
        Burt, R. S. (1992). *Structural Holes*, ch. 2. Harvard University Press.

    Examples:
        >>> import networkx as nx
        >>> constraint(nx.path_graph(3))
        {0: 1.0, 1: 0.5, 2: 1.0}
    """
    holes = _Holes(G, nodes, weight)
    return _as_dict(holes.nodes, holes.constraint())


def effective_size(
    G: GraphLike, nodes: Iterable[Hashable] | None = None, *, weight: str | None = None
) -> dict[Hashable, float]:
    """Burt's effective size: the number of a node's contacts, less their redundancy.

    Formula (Burt 1992, p. 52; Borgatti 1997)::

        E_i = sum_{j in N(i)} (1 - sum_{q != i, j} p_iq * m_jq)

    with ``p_iq`` the proportional strength of ``i``'s tie to ``q`` and ``m_jq`` the
    strength of ``j``'s tie to ``q`` relative to ``j``'s strongest tie. On an unweighted,
    undirected graph this is Borgatti's ``n - 2t/n`` (``n`` contacts, ``t`` ties among
    them). Correct on weighted and directed graphs (unlike networkx 3.6.1's
    ``effective_size(G)`` without ``nodes=``).

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        nodes: The nodes to compute it for (default: all, in graph order).
        weight: The edge attribute holding tie strength; ``None`` counts every tie as 1.

    Returns:
        ``{node: effective size}``; ``nan`` for isolated nodes.

    Raises:
        networkx.NodeNotFound: A requested node is not in the graph.
        ValueError: A tie has a negative weight.

    Reference:
        Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
        *Connections* 20(1), 35-38.

    Examples:
        >>> import networkx as nx
        >>> G = nx.complete_graph(4)  # every contact knows every other: n - 2t/n = 3 - 6/3
        >>> effective_size(G, [0])
        {0: 1.0}
    """
    holes = _Holes(G, nodes, weight)
    return _as_dict(holes.nodes, holes.effective_size())


def efficiency(
    G: GraphLike, nodes: Iterable[Hashable] | None = None, *, weight: str | None = None
) -> dict[Hashable, float]:
    """Burt's efficiency: effective size divided by the number of contacts.

    Formula (Burt 1992, p. 52)::

        efficiency_i = E_i / |N(i)|

    ``|N(i)|`` counts distinct contacts, so a reciprocated pair of arcs is one contact
    (networkx's documentation divides by ``G.degree``, which counts it twice on a
    directed graph). 1 means no contact is redundant.

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        nodes: The nodes to compute it for (default: all, in graph order).
        weight: The edge attribute holding tie strength; ``None`` counts every tie as 1.

    Returns:
        ``{node: efficiency}``; ``nan`` for isolated nodes.

    Raises:
        networkx.NodeNotFound: A requested node is not in the graph.
        ValueError: A tie has a negative weight.

    Reference:
        Burt, R. S. (1992). *Structural Holes*, ch. 2. Harvard University Press.

    Examples:
        >>> import networkx as nx
        >>> efficiency(nx.star_graph(3), [0, 1])
        {0: 1.0, 1: 1.0}
    """
    holes = _Holes(G, nodes, weight)
    return _as_dict(holes.nodes, holes.efficiency())


def hierarchy(
    G: GraphLike, nodes: Iterable[Hashable] | None = None, *, weight: str | None = None
) -> dict[Hashable, float]:
    """Burt's hierarchy: how far a node's constraint is concentrated on one contact.

    Formula (Burt 1992, p. 71: the Coleman-Theil disorder index of the dyadic
    constraints)::

        r_ij = c_ij / (C_i / N_i)
        H_i  = sum_{j in N(i)} r_ij * ln(r_ij) / (N_i * ln(N_i))

    with ``c_ij`` the dyadic constraint (see :func:`constraint`), ``C_i`` their sum and
    ``N_i`` the number of contacts. 0 when every contact constrains equally; towards 1
    when one contact accounts for all of it. With a single contact the ratio is ``0/0``:
    like UCINET (which reports undefined values as missing), this returns ``nan`` for
    nodes with fewer than two contacts.

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        nodes: The nodes to compute it for (default: all, in graph order).
        weight: The edge attribute holding tie strength; ``None`` counts every tie as 1.

    Returns:
        ``{node: hierarchy}``; ``nan`` for nodes with fewer than two contacts.

    Raises:
        networkx.NodeNotFound: A requested node is not in the graph.
        ValueError: A tie has a negative weight.

    Reference:
        Burt, R. S. (1992). *Structural Holes*, pp. 70-71. Harvard University Press.

    Examples:
        >>> import networkx as nx
        >>> hierarchy(nx.star_graph(3), [0, 1])  # the hub's contacts constrain it equally
        {0: 0.0, 1: nan}
    """
    holes = _Holes(G, nodes, weight)
    return _as_dict(holes.nodes, holes.hierarchy())


def structural_holes(
    G: GraphLike, nodes: Iterable[Hashable] | None = None, *, weight: str | None = None
) -> NodeTable:
    """All of Burt's structural-hole measures in one table, sharing the work.

    Columns: ``size`` (the number of contacts), ``effective_size``, ``efficiency``,
    ``constraint`` and ``hierarchy``, defined as in :func:`effective_size`,
    :func:`efficiency`, :func:`constraint` and :func:`hierarchy`.

    Args:
        G: A graph, directed or undirected, or an :class:`~coinnovation.network.EdgeList`.
        nodes: The nodes to compute it for (default: all, in graph order).
        weight: The edge attribute holding tie strength; ``None`` counts every tie as 1.

    Returns:
        A :class:`~coinnovation.network.NodeTable`, one row per node.

    Raises:
        networkx.NodeNotFound: A requested node is not in the graph.
        ValueError: A tie has a negative weight.

    Reference:
        Burt, R. S. (1992). *Structural Holes*. Harvard University Press.

    Examples:
        >>> import networkx as nx
        >>> table = structural_holes(nx.florentine_families_graph())
        >>> [(family, round(size, 2)) for family, size in table.top("effective_size", 2)]
        [('Medici', 5.67), ('Guadagni', 4.0)]
        >>> round(table.row("Medici")["constraint"], 4)
        0.2099
    """
    holes = _Holes(G, nodes, weight)
    effective = holes.effective_size()
    return NodeTable(
        holes.nodes,
        {
            "size": holes.size,
            "effective_size": effective,
            "efficiency": holes.efficiency(effective),
            "constraint": holes.constraint(),
            "hierarchy": holes.hierarchy(),
        },
    )

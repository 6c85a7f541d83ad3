"""Sparse-matrix helpers shared by the measures that work on adjacency matrices.

The group and structural-hole measures take a networkx graph or an
:class:`~coinnovation.network.projection.EdgeList` (the numpy arrays
:func:`~coinnovation.network.build.collaboration_edges` returns): :func:`adjacency_matrix`
reads either into a sparse matrix once, :func:`graph_nodes` and :func:`node_values` give
the nodes and a node attribute in the same order.

Examples:
    >>> import networkx as nx
    >>> adjacency_matrix(nx.path_graph(3), None).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Hashable
from typing import Any, TypeAlias

import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray

from coinnovation.network.projection import EdgeList

__all__ = [
    "adjacency_matrix",
    "graph_nodes",
    "is_directed",
    "masked_product",
    "node_values",
    "row_of_entries",
]

#: Work (multiply-adds) per block of rows in a masked sparse product; bounds peak memory.
_BLOCK_WORK = 1 << 24

#: A graph the measures read: a networkx graph or a projection's edge list.
GraphLike: TypeAlias = "nx.Graph[Any] | EdgeList"


def is_directed(G: GraphLike) -> bool:
    """Whether ``G`` is directed (an :class:`EdgeList` never is)."""
    return not isinstance(G, EdgeList) and G.is_directed()


def graph_nodes(G: GraphLike) -> tuple[Hashable, ...]:
    """The nodes of ``G``, in the order of the adjacency matrix's rows."""
    if isinstance(G, EdgeList):
        return tuple(G.nodes.tolist())
    return tuple(G)


def node_values(G: GraphLike, attribute: str) -> list[Any]:
    """Each node's value of ``attribute`` (``None`` when missing), in node order.

    An :class:`EdgeList` built without node attributes gives ``None`` for every node.
    """
    if isinstance(G, EdgeList):
        if G.node_data is None:
            return [None] * len(G.nodes)
        return [data.get(attribute) for data in G.node_data]
    return [data.get(attribute) for _, data in G.nodes(data=True)]


def _neighbour_indices(
    nodes: list[Hashable], neighbours: list[Any], stored: int
) -> NDArray[np.int64]:
    """The row number of every neighbour key, adjacency dict after adjacency dict.

    Graphs built by the library (and most others) use the node objects themselves as
    the keys of the adjacency dicts, so a key is mapped by its identity, with numpy,
    without hashing it: hashing millions of keys scattered in memory is what makes
    reading a large graph slow. Keys that are equal to a node but another object are
    looked up by value. Identity is exact: a key with the ``id`` of a node object is
    that object.
    """
    n = len(nodes)
    keys = np.fromiter(
        map(id, itertools.chain.from_iterable(neighbours)), dtype=np.uint64, count=stored
    )
    node_ids = np.fromiter(map(id, nodes), dtype=np.uint64, count=n)
    order = np.argsort(node_ids)
    known = node_ids[order]
    position = np.searchsorted(known, keys)
    position[position >= n] = 0
    found = known[position] == keys if n else np.zeros(stored, dtype=bool)
    indices = order[position].astype(np.int64) if n else np.zeros(stored, dtype=np.int64)
    if not found.all():
        index = {node: i for i, node in enumerate(nodes)}
        missing = itertools.compress(itertools.chain.from_iterable(neighbours), ~found)
        indices[~found] = np.fromiter(
            map(index.__getitem__, missing), dtype=np.int64, count=int((~found).sum())
        )
    return indices


def _from_edge_list(edges: EdgeList, weight: str | None) -> sp.csr_array:
    """The symmetric matrix ``U + U^T`` of an edge list, ``U`` its ties from lower to higher.

    A projection's edges come by source: ``U`` is read as it is (its rows sorted, and
    repeated ties added, by scipy if need be) and its transpose is a counting sort; a row
    of the sum is the row of ``U^T`` (columns below the row) followed by the row of ``U``
    (columns above), so the result has sorted indices without sorting the whole matrix.
    Edge lists not by source are sorted by source first.
    """
    n = len(edges.nodes)
    low = np.minimum(edges.source, edges.target).astype(np.int64)
    high = np.maximum(edges.source, edges.target).astype(np.int64)
    data = np.ones(len(low)) if weight is None else np.array(edges.weight, dtype=np.float64)
    keep = (low != high) & (data != 0)
    if not keep.all():
        low, high, data = low[keep], high[keep], data[keep]
    if np.any(data < 0):
        raise ValueError("negative weights on some ties: weights must be >= 0")
    if len(low) > 1 and not np.all(low[1:] >= low[:-1]):
        order = np.argsort(low, kind="stable")
        low, high, data = low[order], high[order], data[order]
    counts_upper = np.bincount(low, minlength=n)
    upper = sp.csr_array((data, high, np.concatenate(([0], np.cumsum(counts_upper)))), shape=(n, n))
    upper.sum_duplicates()  # sorts each row's targets (and adds repeated ties) if need be
    counts_upper = np.diff(upper.indptr)
    lower = sp.csr_array(upper.T.tocsr())  # a counting sort: indices sorted in each row
    counts_lower = np.diff(lower.indptr)
    indptr = np.concatenate(([0], np.cumsum(counts_lower + counts_upper)))
    indices = np.empty(2 * upper.nnz, dtype=np.int64)
    values = np.empty(2 * upper.nnz)
    for part, counts, before in ((lower, counts_lower, 0), (upper, counts_upper, counts_lower)):
        rows = np.repeat(np.arange(n, dtype=np.int64), counts)
        start = indptr[:-1] + before - part.indptr[:-1]
        place = start[rows] + np.arange(len(rows), dtype=np.int64)
        indices[place] = part.indices
        values[place] = part.data
    matrix = sp.csr_array((values, indices, indptr), shape=(n, n))
    matrix.has_sorted_indices = True
    return matrix


def adjacency_matrix(G: GraphLike, weight: str | None) -> sp.csr_array:
    """The adjacency matrix of ``G`` in node order, float64, without self-loops or zeros.

    Built straight from the adjacency dicts (several times faster than
    ``nx.to_scipy_sparse_array``, which goes through an edge list); parallel edges of a
    multigraph are summed. A missing weight counts as 1, as in networkx. An
    :class:`EdgeList` gives its symmetric matrix: ``weight=None`` counts ties, any other
    value takes the edge list's ``weight`` column.

    Raises:
        ValueError: Some tie has a negative weight.
    """
    if isinstance(G, EdgeList):
        return _from_edge_list(G, weight)
    n = G.number_of_nodes()
    if G.is_multigraph():
        matrix = nx.to_scipy_sparse_array(
            G, nodelist=list(G), weight=weight, dtype=np.dtype(np.float64)
        ).tocsr()
        indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    else:
        adjacency = dict(G.adjacency())  # node -> its adjacency dict (no view overhead)
        nodes = list(G)
        neighbours = [adjacency[node] for node in nodes]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, neighbours), dtype=np.int64, count=n), out=indptr[1:])
        stored = int(indptr[-1])
        indices = _neighbour_indices(nodes, neighbours, stored)
        if weight is None:
            data = np.ones(stored)
        else:
            data = np.fromiter(
                map(
                    operator.methodcaller("get", weight, 1),
                    itertools.chain.from_iterable(nbrs.values() for nbrs in neighbours),
                ),
                dtype=np.float64,
                count=stored,
            )
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    keep = (rows != indices) & (data != 0)
    if np.any(data[keep] < 0):
        raise ValueError(f"negative {weight!r} on some ties: weights must be >= 0")
    matrix = sp.csr_array((data[keep], (rows[keep], indices[keep])), shape=(n, n), dtype=np.float64)
    matrix.sum_duplicates()
    return matrix


def row_of_entries(matrix: sp.csr_array) -> NDArray[np.intp]:
    """The row index of every stored entry of a CSR matrix."""
    counts = np.diff(matrix.indptr)
    return np.repeat(np.arange(matrix.shape[0], dtype=np.intp), counts)


def masked_product(left: sp.csr_array, right: sp.csr_array, mask: sp.csr_array) -> sp.csr_array:
    """``(left @ right) * mask`` (elementwise), computed a block of rows at a time.

    Only the entries where ``mask`` is stored are kept, so the result is never larger than
    ``mask``; blocks are sized by the work they need so the intermediate product of one
    block stays small even when a few rows are dense.
    """
    rows = left.shape[0]
    if rows == 0:
        return sp.csr_array(mask.shape, dtype=np.float64)
    pattern = sp.csr_array((np.ones_like(left.data), left.indices, left.indptr), shape=left.shape)
    work = np.cumsum(pattern @ np.diff(right.indptr).astype(np.float64))
    cuts = np.searchsorted(work, np.arange(_BLOCK_WORK, work[-1], _BLOCK_WORK), side="right")
    bounds = np.unique(np.concatenate([[0], cuts, [rows]])).tolist()
    blocks = [
        sp.csr_array((left[start:stop] @ right).multiply(mask[start:stop]))
        for start, stop in itertools.pairwise(bounds)
    ]
    return sp.csr_array(sp.vstack(blocks, format="csr"))

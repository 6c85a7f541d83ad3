"""Sparse-matrix helpers shared by the measures that work on adjacency matrices.

Examples:
    >>> import networkx as nx
    >>> adjacency_matrix(nx.path_graph(3), None).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
"""

from __future__ import annotations

import itertools
import operator
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray

__all__ = ["adjacency_matrix", "masked_product", "row_of_entries"]

#: Work (multiply-adds) per block of rows in a masked sparse product; bounds peak memory.
_BLOCK_WORK = 1 << 24


def adjacency_matrix(G: nx.Graph[Any], weight: str | None) -> sp.csr_array:
    """The adjacency matrix of ``G`` in node order, float64, without self-loops or zeros.

    Built straight from the adjacency dicts (several times faster than
    ``nx.to_scipy_sparse_array``, which goes through an edge list); parallel edges of a
    multigraph are summed. A missing weight counts as 1, as in networkx.

    Raises:
        ValueError: Some tie has a negative weight.
    """
    n = G.number_of_nodes()
    if G.is_multigraph():
        matrix = nx.to_scipy_sparse_array(
            G, nodelist=list(G), weight=weight, dtype=np.dtype(np.float64)
        ).tocsr()
        indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    else:
        adjacency = dict(G.adjacency())  # node -> its adjacency dict (no view overhead)
        neighbours = [adjacency[node] for node in G]
        index = {node: i for i, node in enumerate(G)}
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, neighbours), dtype=np.int64, count=n), out=indptr[1:])
        stored = int(indptr[-1])
        indices = np.fromiter(
            map(index.__getitem__, itertools.chain.from_iterable(neighbours)),
            dtype=np.int64,
            count=stored,
        )
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

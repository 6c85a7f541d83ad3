"""Dense adjacency matrices, their vectorised cells and QAP permutations (private).

QAP compares networks on one node set cell by cell. This module lays each graph out as a
dense ``n × n`` matrix over a common node order, lists the cells that count (the upper
triangle of an undirected graph, every off-diagonal cell of a directed one) and reads
those cells under a batch of simultaneous row-and-column permutations with one fancy
index, so that no permutation loops in Python over cells or builds a graph.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import Any

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation.errors import NetworkTooLargeError

_Floats = NDArray[np.float64]
_Ints = NDArray[np.intp]

#: Most cells (batch size × cells) held at once for a batch of permutations.
_BATCH_CELLS = 2_000_000


def check_count(value: object, name: str) -> int:
    """``value`` as a positive number of draws; ``ValueError`` naming ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}")
    return int(value)


def check_seed(seed: object) -> int | None:
    """``seed`` as an int or ``None``; ``TypeError`` otherwise."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(f"seed must be an int or None, not {type(seed).__name__}")
    return int(seed)


def node_order(graphs: Sequence[nx.Graph[Any]], nodes: Iterable[Hashable] | None) -> list[Any]:
    """The common node order: ``nodes`` as given, or the union in order of first appearance."""
    if nodes is None:
        order: dict[Hashable, None] = {}
        for graph in graphs:
            order.update(dict.fromkeys(graph))
        return list(order)
    chosen = list(nodes)
    if len(set(chosen)) != len(chosen):
        seen: set[Hashable] = set()
        twice = [node for node in chosen if node in seen or seen.add(node)]  # type: ignore[func-returns-value]
        raise ValueError(f"nodes must be unique; given more than once: {twice[:5]!r}")
    return chosen


def directedness(graphs: Sequence[nx.Graph[Any]], names: Sequence[str]) -> bool:
    """Whether the graphs are directed; every one must agree, and none be a multigraph."""
    for graph, name in zip(graphs, names, strict=True):
        if not isinstance(graph, nx.Graph):
            raise TypeError(f"{name} must be a networkx graph, not {type(graph).__name__}")
        if graph.is_multigraph():
            raise TypeError(
                f"{name} is a multigraph: QAP compares simple graphs (sum the weights of "
                "parallel edges into one edge first)"
            )
    kinds = {graph.is_directed() for graph in graphs}
    if len(kinds) > 1:
        which = ", ".join(
            f"{name} ({'directed' if graph.is_directed() else 'undirected'})"
            for graph, name in zip(graphs, names, strict=True)
        )
        raise ValueError(f"the networks must be all directed or all undirected: {which}")
    return kinds.pop()


def check_size(n: int, max_nodes: int | None) -> None:
    """Refuse ``n`` nodes past ``max_nodes`` (before any matrix is made)."""
    if max_nodes is not None and n > max_nodes:
        raise NetworkTooLargeError(n, max_nodes, "QAP")


def dense(
    graph: nx.Graph[Any], index: dict[Hashable, int], weight: str | None, directed: bool
) -> _Floats:
    """The ``n × n`` weighted adjacency matrix over ``index`` (absent nodes: zero rows).

    An edge's value is its ``weight`` attribute (1 when it has none, or ``weight=None``);
    edges to nodes outside ``index`` and self-loops are left out.
    """
    n = len(index)
    matrix = np.zeros((n, n), dtype=np.float64)
    sources: list[int] = []
    targets: list[int] = []
    values: list[float] = []
    for u, v, data in graph.edges(data=True):
        i = index.get(u)
        j = index.get(v)
        if i is None or j is None or i == j:
            continue
        sources.append(i)
        targets.append(j)
        values.append(1.0 if weight is None else float(data.get(weight, 1.0)))
    if sources:
        matrix[sources, targets] = values
        if not directed:
            matrix[targets, sources] = values
    return matrix


def sparse_cells(
    graph: nx.Graph[Any], index: dict[Hashable, int], weight: str | None, directed: bool
) -> tuple[NDArray[np.int64], _Floats]:
    """The graph's tied cells as sorted keys ``i·n + j`` (``i < j`` when undirected) and values.

    What :func:`dense` holds, without the zeros: for correlations of large networks.
    """
    n = len(index)
    keys: list[int] = []
    values: list[float] = []
    for u, v, data in graph.edges(data=True):
        i = index.get(u)
        j = index.get(v)
        if i is None or j is None or i == j:
            continue
        if not directed and i > j:
            i, j = j, i
        keys.append(i * n + j)
        values.append(1.0 if weight is None else float(data.get(weight, 1.0)))
    key_array = np.array(keys, dtype=np.int64)
    order = np.argsort(key_array, kind="stable")
    return key_array[order], np.array(values, dtype=np.float64)[order]


def sparse_correlation(
    first: tuple[NDArray[np.int64], _Floats],
    second: tuple[NDArray[np.int64], _Floats],
    cell_count: int,
) -> float | None:
    """Pearson's correlation over ``cell_count`` cells, of which only the tied ones are given.

    With the means ``x̄ = Σx / m``, the centred sums are those over the tied cells plus the
    untied cells' share: ``Σ(x − x̄)² = Σ_tied (x − x̄)² + (m − |tied|) x̄²`` and
    ``Σ(x − x̄)(y − ȳ)`` likewise over the cells tied in either network. ``None`` when
    either network is constant over the cells (or there are fewer than two).
    """
    if cell_count < 2:
        return None
    (keys_x, x), (keys_y, y) = first, second
    union = np.union1d(keys_x, keys_y)
    xs = np.zeros(union.size)
    ys = np.zeros(union.size)
    xs[np.searchsorted(union, keys_x)] = x
    ys[np.searchsorted(union, keys_y)] = y
    mean_x, mean_y = float(x.sum()) / cell_count, float(y.sum()) / cell_count
    untied = cell_count - union.size
    dx, dy = xs - mean_x, ys - mean_y
    sxx = float(dx @ dx) + untied * mean_x**2
    syy = float(dy @ dy) + untied * mean_y**2
    sxy = float(dx @ dy) + untied * mean_x * mean_y
    for spread, values in ((sxx, x), (syy, y)):
        scale = max(1.0, float(np.abs(values).max()) if values.size else 0.0)
        if np.sqrt(spread) <= 1e-12 * scale * np.sqrt(cell_count):
            return None
    return float(np.clip(sxy / np.sqrt(sxx * syy), -1.0, 1.0))


def cells(n: int, directed: bool) -> tuple[_Ints, _Ints]:
    """Row and column of every cell compared: upper triangle, or every off-diagonal cell."""
    if directed:
        rows, cols = np.nonzero(~np.eye(n, dtype=bool))
        return rows.astype(np.intp), cols.astype(np.intp)
    rows, cols = np.triu_indices(n, k=1)
    return rows.astype(np.intp), cols.astype(np.intp)


def batches(total: int, cell_count: int) -> Iterator[int]:
    """Sizes of the batches of permutations: ``total`` in all, few cells at once."""
    size = max(1, _BATCH_CELLS // max(1, cell_count))
    done = 0
    while done < total:
        step = min(size, total - done)
        yield step
        done += step


def permutations(rng: np.random.Generator, count: int, n: int) -> _Ints:
    """``count`` independent uniform permutations of ``0 … n−1``, one per row."""
    base = np.broadcast_to(np.arange(n, dtype=np.intp), (count, n))
    return rng.permuted(base, axis=1)


def permuted_cells(matrix: _Floats, rows: _Ints, cols: _Ints, perms: _Ints) -> _Floats:
    """The cells of ``matrix`` with rows and columns permuted together, one row per permutation.

    Row ``b`` holds ``matrix[π_b(i), π_b(j)]`` for every compared cell ``(i, j)``: the
    matrix ``P_b M P_bᵀ`` of QAP, read at the same cells. Each permutation takes whole
    rows, then columns, then the cells in order (memory read in sequence: several times
    faster than one gather of scattered cells).
    """
    n = matrix.shape[0]
    flat = rows * n + cols
    out = np.empty((len(perms), rows.size), dtype=np.float64)
    for b, perm in enumerate(perms):
        out[b] = matrix.take(perm, axis=0).take(perm, axis=1).ravel().take(flat)
    return out

"""Array kernels of the permutation tests (private to :mod:`coinnovation.inference`).

A graph is read once into edge arrays (:class:`Edges`: source, target and weight of every
tie) and its groups into integer codes (:class:`Labels`). A null draw is then a row of
codes (a relabelling) or a new set of edges (a rewired affiliation network), and a
statistic is a few numpy calls on a *block* of draws at once: the codes of ``B`` draws
are an ``n × B`` array (one column per draw, so that the codes of one node in every draw
lie side by side), the codes at the ends of every tie ``m × B`` arrays taken from it row
by row — a copy of contiguous rows, several times faster than gathering single values.
Codes are ``int8`` (``int16`` past 127 groups). Blocks are sized so that one array of a
block takes about :data:`BLOCK_BYTES`, which bounds the memory (tens of megabytes)
whatever the number of permutations.

The kernels here are checked against the public measures of
:mod:`coinnovation.network.groups` in ``tests/inference``.
"""

from __future__ import annotations

import itertools
import math
import operator
import random
from collections.abc import Hashable, Iterator
from typing import Any

import attrs
import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation.errors import NullModelError
from coinnovation.network.groups import group_codes

__all__: list[str] = []

#: About how many bytes one array of a block of draws takes (m × B cells); bounds memory.
BLOCK_BYTES = 1 << 24

#: Tie weights with at most this many distinct values are summed level by level (exact
#: integer counts times each value) rather than through a floating-point product.
WEIGHT_LEVELS = 64

#: Edges per chunk of the floating-point product of weights and indicators (cache-sized).
_CHUNK = 4096

#: The most open two-paths (brokerage opportunities) the brokerage kernel lists.
MAX_TWO_PATHS = 50_000_000

#: Group codes: int8, or int16 past 127 groups; a block is n × B (a column per draw).
Codes = NDArray[Any]


# --------------------------------------------------------------------------- edges, labels


@attrs.frozen(eq=False)
class Edges:
    """The ties of a graph as arrays: each undirected tie once, each arc of a digraph once.

    Self-loops and zero weights are dropped; parallel edges of a multigraph are summed;
    a missing weight counts as 1 (as in networkx and :mod:`coinnovation.network.groups`).
    Weighted edges are sorted by weight; when there are at most :data:`WEIGHT_LEVELS`
    distinct weights, ``levels`` holds each value and where its edges start and end.
    """

    source: NDArray[np.int32]
    target: NDArray[np.int32]
    weight: NDArray[np.float64]
    nodes: int
    directed: bool
    weighted: bool
    levels: tuple[tuple[float, int, int], ...] | None = None

    @property
    def total(self) -> float:
        return float(self.weight.sum())


def edges_of(G: nx.Graph[Any], weight: str | None) -> Edges:
    """The edge arrays of ``G`` in node order (``list(G)``)."""
    index = {node: i for i, node in enumerate(G)}
    n = len(index)
    directed = G.is_directed()
    if G.is_multigraph():
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for u, v, data in G.edges(data=True):
            rows.append(index[u])
            cols.append(index[v])
            values.append(1.0 if weight is None else float(data.get(weight, 1)))
        source = np.asarray(rows, dtype=np.int64)
        target = np.asarray(cols, dtype=np.int64)
        data_array = np.asarray(values, dtype=np.float64)
    else:
        adjacency = dict(G.adjacency())
        neighbours = [adjacency[node] for node in G]
        counts = np.fromiter(map(len, neighbours), dtype=np.int64, count=n)
        stored = int(counts.sum())
        source = np.repeat(np.arange(n, dtype=np.int64), counts)
        target = np.fromiter(
            map(index.__getitem__, itertools.chain.from_iterable(neighbours)),
            dtype=np.int64,
            count=stored,
        )
        if weight is None:
            data_array = np.ones(stored)
        else:
            data_array = np.fromiter(
                map(
                    operator.methodcaller("get", weight, 1),
                    itertools.chain.from_iterable(nbrs.values() for nbrs in neighbours),
                ),
                dtype=np.float64,
                count=stored,
            )
    # A multigraph's parallel ties are summed below: counted, they weigh their number.
    weighted = weight is not None or (G.is_multigraph() and G.number_of_edges() > 0)
    keep = (source != target) & (data_array != 0)
    if not directed and not G.is_multigraph():
        keep &= source < target  # an undirected tie is stored from both ends
    if np.any(data_array[keep] < 0):
        raise ValueError(f"negative {weight!r} on some ties: weights must be >= 0")
    source, target, data_array = source[keep], target[keep], data_array[keep]
    if not directed:
        low, high = np.minimum(source, target), np.maximum(source, target)
        source, target = low, high
    if source.size:
        key = source * n + target
        order = np.argsort(key, kind="stable")
        key, source, target, data_array = (
            key[order],
            source[order],
            target[order],
            data_array[order],
        )
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        if first.size < key.size:  # parallel edges of a multigraph: summed
            data_array = np.add.reduceat(data_array, first)
            source, target = source[first], target[first]
    return make_edges(source, target, data_array, n, directed=directed, weighted=weighted)


def make_edges(
    source: NDArray[Any],
    target: NDArray[Any],
    weight: NDArray[Any],
    nodes: int,
    *,
    directed: bool,
    weighted: bool,
) -> Edges:
    """Edge arrays, sorted by weight with their weight levels when weighted."""
    weight = np.asarray(weight, dtype=np.float64)
    levels = None
    if weighted:
        order = np.argsort(weight, kind="stable")
        source, target, weight = source[order], target[order], weight[order]
        values, starts = np.unique(weight, return_index=True)
        if values.size <= WEIGHT_LEVELS:
            stops = [*starts[1:].tolist(), weight.size]
            levels = tuple(zip(values.tolist(), starts.tolist(), stops, strict=True))
    return Edges(
        source=np.asarray(source, dtype=np.int32),
        target=np.asarray(target, dtype=np.int32),
        weight=weight,
        nodes=nodes,
        directed=directed,
        weighted=weighted,
        levels=levels,
    )


@attrs.frozen(eq=False)
class Labels:
    """The groups of the nodes: the sorted group values and each node's code (graph order)."""

    groups: tuple[Hashable, ...]
    codes: Codes

    @property
    def sizes(self) -> NDArray[np.int64]:
        return np.bincount(self.codes, minlength=len(self.groups)).astype(np.int64)


def labels_of(G: nx.Graph[Any], attribute: str, default: Hashable | None) -> Labels:
    """Each node's group, from a node attribute; ``default`` for nodes without it."""
    groups, codes = group_codes(G, attribute, default)
    if len(groups) > np.iinfo(np.int16).max:
        raise ValueError(f"{len(groups)} groups of {attribute!r}: at most 32,767 are supported")
    return Labels(groups, codes.astype(code_type(len(groups))))


# --------------------------------------------------------------------------- draws of labels


def code_type(groups: int) -> type[np.signedinteger[Any]]:
    """The smallest integer type for the codes of this many groups."""
    return np.int8 if groups <= np.iinfo(np.int8).max else np.int16


def block_size(ends: int, cell_bytes: int = 1) -> int:
    """How many draws one block holds when a draw needs ``ends`` cells of ``cell_bytes``."""
    return max(1, min(1024, BLOCK_BYTES // max(ends * cell_bytes, 1)))


def relabellings(codes: Codes, count: int, rng: np.random.Generator, block: int) -> Iterator[Codes]:
    """``count`` uniform random permutations of ``codes``: ``n × block`` arrays, one per column."""
    done = 0
    while done < count:
        size = min(block, count - done)
        yield rng.permuted(np.broadcast_to(codes[:, None], (codes.size, size)), axis=0)
        done += size


def labelling_count(sizes: NDArray[np.int64]) -> int:
    """The number of distinct labellings with these group sizes: n! / Π n_g!."""
    count = math.factorial(int(sizes.sum()))
    for size in sizes.tolist():
        count //= math.factorial(size)
    return count


def every_labelling(sizes: NDArray[np.int64]) -> Codes:
    """Every distinct assignment of the groups to n positions, one row each.

    Group ``g`` takes ``sizes[g]`` positions; the rows are the multiset permutations of the
    codes. Built group by group: each partial row's free positions are split the same
    ways (the combinations of their ranks), so the work is numpy indexing, not a Python
    loop over labellings.
    """
    n = int(sizes.sum())
    rows = np.full((1, n), -1, dtype=code_type(len(sizes)))
    free = np.arange(n, dtype=np.int64)[None, :]
    for group, size in enumerate(sizes.tolist()[:-1]):
        if size == 0:
            continue
        slots = free.shape[1]
        chosen = np.array(list(itertools.combinations(range(slots), size)), dtype=np.int64)
        others = np.array(
            [np.setdiff1d(np.arange(slots), pick) for pick in chosen], dtype=np.int64
        ).reshape(len(chosen), slots - size)
        count = rows.shape[0]
        rows = np.repeat(rows, len(chosen), axis=0)
        free = np.repeat(free, len(chosen), axis=0)
        picks = np.tile(chosen, (count, 1))
        positions = np.take_along_axis(free, picks, axis=1)
        rows[np.arange(rows.shape[0])[:, None], positions] = group
        free = np.take_along_axis(free, np.tile(others, (count, 1)), axis=1)
    if len(sizes):
        rows[np.arange(rows.shape[0])[:, None], free] = len(sizes) - 1
    return rows


# --------------------------------------------------------------------------- statistics


def ends(edges: Edges, block: Codes) -> tuple[Codes, Codes]:
    """The codes at the two ends of every tie, in every draw of the block (m × B each)."""
    return np.take(block, edges.source, axis=0), np.take(block, edges.target, axis=0)


def column_counts(ones: NDArray[np.uint8]) -> NDArray[np.int64]:
    """The number of ones in each column of a 0/1 matrix.

    Summed in ``uint8`` over runs of 255 rows (which cannot overflow), then the runs in
    ``int64``: several times faster than one ``int64`` sum, which casts every cell.
    """
    rows, columns = ones.shape
    whole = rows - rows % 255
    runs = ones[:whole].reshape(whole // 255, 255, columns).sum(axis=1, dtype=np.uint8)
    counts: NDArray[np.int64] = runs.sum(axis=0, dtype=np.int64)
    counts += ones[whole:].sum(axis=0, dtype=np.int64)
    return counts


def internal(edges: Edges, block: Codes) -> NDArray[np.float64]:
    """The weight of the ties inside groups, per draw (the fast path of the whole E-I).

    Ties counted: the number of equal ends per column. Few distinct weights: those counts
    level by level, times each weight (exact). Otherwise a floating-point product of the
    weights with the 0/1 indicators, a cache-sized chunk of edges at a time.
    """
    first, second = ends(edges, block)
    same = (first == second).view(np.uint8)
    result: NDArray[np.float64]
    if not edges.weighted:
        result = column_counts(same).astype(np.float64)
        return result
    result = np.zeros(block.shape[1])
    if edges.levels is not None:
        for value, start, stop in edges.levels:
            result += value * column_counts(same[start:stop])
        return result
    for start in range(0, same.shape[0], _CHUNK):
        chunk = same[start : start + _CHUNK].astype(np.float64)
        result += edges.weight[start : start + _CHUNK] @ chunk
    return result


def ei_whole(edges: Edges, inside: NDArray[np.float64]) -> NDArray[np.float64]:
    """(E - I) / (E + I) from the internal weight; nan without ties."""
    total = edges.total
    if total <= 0:
        return np.full(inside.shape, np.nan)
    result: NDArray[np.float64] = (total - 2.0 * inside) / total
    return result


def mixing(edges: Edges, block: Codes, groups: int) -> NDArray[np.float64]:
    """The mixing matrix of every draw (B × k × k), as :func:`~coinnovation.network.mixing`.

    ``M[g, h]`` sums the arcs from group ``g`` to group ``h``; an undirected tie counts
    from both ends (a tie inside ``g`` adds 2 to ``M[g, g]``).
    """
    draws = block.shape[1]
    first, second = ends(edges, block)
    offset = np.arange(draws, dtype=np.int64) * groups * groups
    cells = offset + first.astype(np.int64) * groups + second
    weights = np.broadcast_to(edges.weight[:, None], cells.shape)
    flat = np.asarray(
        np.bincount(cells.ravel(), weights.ravel(), minlength=draws * groups * groups),
        dtype=np.float64,
    )
    matrix = flat.reshape(draws, groups, groups)
    if not edges.directed:
        matrix = matrix + matrix.transpose(0, 2, 1)
    return matrix


def ei_groups(matrix: NDArray[np.float64], directed: bool) -> NDArray[np.float64]:
    """Each group's E-I index from the mixing matrices (B × k); nan for a group without ties.

    As :func:`~coinnovation.network.ei_index` (``direction="all"``): external are the ties
    with exactly one end in the group, internal those with both.
    """
    diagonal = np.diagonal(matrix, axis1=1, axis2=2)
    rows = matrix.sum(axis=2)
    if directed:
        external = rows + matrix.sum(axis=1) - 2.0 * diagonal
        inside = diagonal
    else:
        external = rows - diagonal
        inside = diagonal / 2.0
    total = external + inside
    with np.errstate(divide="ignore", invalid="ignore"):
        result: NDArray[np.float64] = np.where(total > 0, (external - inside) / total, np.nan)
    return result


def assortativity(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    """Newman's r of each mixing matrix (B,); nan without ties or with one group's ends only."""
    total = matrix.sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        e = matrix / total[:, None, None]
        a, b = e.sum(axis=2), e.sum(axis=1)
        chance = (a * b).sum(axis=1)
        trace = np.trace(e, axis1=1, axis2=2)
        r: NDArray[np.float64] = np.where(
            (total > 0) & (chance < 1.0), (trace - chance) / (1.0 - chance), np.nan
        )
    return r


# --------------------------------------------------------------------------- brokerage


@attrs.frozen(eq=False)
class TwoPaths:
    """Every brokered ordered pair: ``before[i] -> broker[i] -> after[i]``, no arc before -> after.

    Which pairs a node brokers does not depend on the groups, so under relabelling the
    list is made once and only its codes change.
    """

    before: NDArray[np.int32]
    broker: NDArray[np.int32]
    after: NDArray[np.int32]


def two_paths(edges: Edges, limit: int = MAX_TWO_PATHS) -> TwoPaths:
    """The open two-paths of the graph read as directed (an undirected tie both ways).

    Raises:
        NullModelError: More than ``limit`` two-paths (a plenary makes every pair of its
            participants a clique: nobody brokers inside it, but listing them is quadratic).
    """
    n = edges.nodes
    tail = edges.source.astype(np.int64)
    head = edges.target.astype(np.int64)
    if not edges.directed:
        tail, head = np.concatenate([tail, head]), np.concatenate([head, tail])
    arcs = np.unique(tail * n + head)
    tail, head = arcs // n, arcs % n
    out_degree = np.bincount(tail, minlength=n)
    out_start = np.concatenate([[0], np.cumsum(out_degree)])  # arcs are sorted by tail
    by_head = np.argsort(head, kind="stable")
    into = tail[by_head]  # for each arc a -> v, ordered by v: a
    via = head[by_head]  # v
    repeats = out_degree[via]
    total = int(repeats.sum())
    if total > limit:
        raise NullModelError(
            f"the graph has {total:,} two-paths to check for brokerage, more than {limit:,}: "
            "choose fewer or smaller sessions (a plenary ties everyone to everyone)"
        )
    before = np.repeat(into, repeats)
    broker = np.repeat(via, repeats)
    starts = np.repeat(out_start[via], repeats)
    step = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    after = head[starts + step]
    keep = before != after
    key = before * n + after
    if arcs.size:
        found = np.searchsorted(arcs, key)
        found = np.minimum(found, arcs.size - 1)
        keep &= arcs[found] != key
    return TwoPaths(
        before=before[keep].astype(np.int32),
        broker=broker[keep].astype(np.int32),
        after=after[keep].astype(np.int32),
    )


#: The Gould-Fernandez roles in the order of :data:`coinnovation.network.groups.ROLES`.
ROLE_COUNT = 5


def roles(paths: TwoPaths, block: Codes, groups: int) -> NDArray[np.int64]:
    """Brokerages held by each group in each role, per draw: B × k × 6 (the last: total).

    Roles in sna's order: coordinator, itinerant, representative, gatekeeper, liaison.
    """
    draws = block.shape[1]
    a = np.take(block, paths.before, axis=0)
    v = np.take(block, paths.broker, axis=0)
    b = np.take(block, paths.after, axis=0)
    av, vb, ab = a == v, v == b, a == b
    role = np.full(a.shape, 4, dtype=np.int64)  # liaison: all different
    role[vb & ~av] = 3  # gatekeeper
    role[av & ~vb] = 2  # representative
    role[ab & ~av] = 1  # itinerant
    role[av & vb] = 0  # coordinator
    offset = np.arange(draws, dtype=np.int64) * groups * ROLE_COUNT
    cells = offset + v.astype(np.int64) * ROLE_COUNT + role
    counts = np.bincount(cells.ravel(), minlength=draws * groups * ROLE_COUNT)
    counts = counts.reshape(draws, groups, ROLE_COUNT)
    return np.concatenate([counts, counts.sum(axis=2, keepdims=True)], axis=2)


# --------------------------------------------------------------------------- curveball


class Curveball:
    """Random actor × session incidence matrices with every row and column sum kept.

    The curveball algorithm (Strona et al. 2014): a *trade* picks two rows (actors) at
    random; the sessions only one of them attended are pooled, shuffled and dealt back,
    each row getting as many as it gave. Row sums (each actor's sessions) and column sums
    (each session's size) never change; the chain's stationary distribution is uniform
    over the matrices with those margins (Carstens 2015).

    Args:
        rows: For each actor, the sessions it attended (column indices).
        rng: Seeds the trades (Python's ``random``, seeded from this generator).
    """

    def __init__(self, rows: list[set[int]], rng: np.random.Generator) -> None:
        self.rows = [set(row) for row in rows]
        self._random = random.Random(int(rng.integers(2**63)))

    def trade(self, count: int) -> None:
        """Make ``count`` trades."""
        rows = self.rows
        r = len(rows)
        if r < 2:
            return
        randrange, sample = self._random.randrange, self._random.sample
        for _ in range(count):
            i = randrange(r)
            j = randrange(r - 1)
            if j >= i:
                j += 1
            first, second = rows[i], rows[j]
            only_first = first - second
            only_second = second - first
            if not only_first or not only_second:
                continue
            pool = [*only_first, *only_second]
            dealt = set(sample(pool, len(only_first)))
            common = first & second
            rows[i] = common | dealt
            rows[j] = common | (only_first | only_second) - dealt

    def incidence(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The current matrix as (row, column) arrays of its ones."""
        lengths = np.fromiter(map(len, self.rows), dtype=np.int64, count=len(self.rows))
        rows = np.repeat(np.arange(len(self.rows), dtype=np.int64), lengths)
        cols = np.fromiter(
            itertools.chain.from_iterable(self.rows), dtype=np.int64, count=int(lengths.sum())
        )
        return rows, cols

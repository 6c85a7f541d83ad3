"""Triangles of an undirected graph, with its large cliques counted in bulk.

Brokerage (Gould and Fernandez 1989) and Burt's structural holes (1992) are sums over
the triangles and open two-paths of a graph. Computed pair by pair, as sparse products
``(A A) ∘ A``, they cost ``Σ_v d_v²`` multiply-adds, materialised row by row, and a clique
of ``s`` nodes alone costs ``s³``: a plenary of 4,000 people, one clique in the
collaboration network, costs 6.4e10. This module gives the two measures what they need
at the cost of their work:

- :class:`Split` finds the graph's large cliques (vertex-disjoint; found by grouping
  nodes with a min-hash of their closed neighbourhoods, then checked exactly, so what
  is found only changes the speed, never a result) and keeps the remaining ties: those
  between nodes not of one clique, and, inside a clique, the part of a tie's weight
  above the clique's smallest (its *excess*). A measure counts what its cliques
  contribute with closed formulas (a clique's pairs all present, its weight uniform but
  for the excess) and lists only the triangles of the remaining ties.
- :func:`triangles` lists every triangle of the remaining ties once, by the forward
  algorithm: ties point from the lower to the higher node in order of degree, and each
  triangle is found at its lowest node as two of its out-ties closed by a third
  (Schank and Wagner 2005; Latapy 2008). Its work is ``Σ_v C(d⁺_v, 2)`` with ``d⁺_v``
  at most ``√(2m)``: about an eighth of ``Σ_v d_v²`` on collaboration networks.
- :class:`KeyIndex` and :class:`Lookup`: look-ups of many integer keys at once (a hash
  table with linear probing, built and probed with numpy).

References:
    Latapy, M. (2008). Main-memory triangle computations for very large (sparse
    (power-law)) graphs. *Theoretical Computer Science* 407, 458-473.

    Schank, T. and Wagner, D. (2005). Finding, counting and listing all triangles in
    large graphs, an experimental study. *WEA 2005*, LNCS 3503, 606-609.

Examples:
    >>> import networkx as nx, scipy.sparse as sp
    >>> G = nx.complete_graph(5)
    >>> G.add_edges_from([(4, 5), (5, 6), (4, 6)])
    >>> A = sp.csr_array(nx.to_scipy_sparse_array(G, dtype=float))
    >>> split = Split.of(A, min_clique=4)
    >>> split.labels.tolist(), split.sizes.tolist()
    ([0, 0, 0, 0, 0, -1, -1], [5])
    >>> sum(len(block.a) for block in triangles(split))  # 4-5-6; the clique's ten in bulk
    1
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import attrs
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from numpy.typing import NDArray

__all__ = ["MIN_CLIQUE", "KeyIndex", "Lookup", "Split", "TriangleBlock", "triangles"]

#: The smallest clique counted in bulk; smaller ones are listed triangle by triangle.
MIN_CLIQUE = 32

#: Wedges (candidate triangles) examined per block of the listing: bounds peak memory.
_BLOCK = 1 << 21

#: The seed of the min-hash that groups candidate clique members (any seed is exact).
_HASH_SEED = 20_251_105

_Ints = NDArray[np.int64]
_Floats = NDArray[np.float64]
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Knuth's multiplicative hash (2^64 / φ)


# ------------------------------------------------------------------------------ look-ups


class KeyIndex:
    """A hash table from distinct non-negative int64 keys to their positions.

    Open addressing with linear probing, built without a Python loop: the keys, sorted
    by their home slot, take the first free slot from it on, which is a running maximum.
    The table is at least four times as long as there are keys, and one slot longer than
    the last key placed, so a probe never wraps and always meets an empty slot.

    Examples:
        >>> index = KeyIndex(np.array([7, 3, 12], dtype=np.int64))
        >>> index.find(np.array([12, 5, 7], dtype=np.int64)).tolist()
        [2, -1, 0]
    """

    def __init__(self, keys: _Ints) -> None:
        m = len(keys)
        self._shift = np.uint64(64 - max(4, (4 * m).bit_length()))
        home = self._home(keys)
        order = np.argsort(home, kind="stable")
        steps = np.arange(m, dtype=np.int64)
        placed = np.maximum.accumulate(home[order] - steps) + steps if m else steps
        size = max(1 << int(64 - self._shift), int(placed[-1]) + 2 if m else 1)
        # Each slot holds its key and the key's position side by side, read as one 16-byte
        # item: one memory access per probe.
        table = np.full((size, 2), -1, dtype=np.int64)
        table[placed, 0] = keys[order]
        table[placed, 1] = order
        self._table = table.view(np.dtype((np.void, 16))).ravel()

    def _home(self, keys: _Ints) -> _Ints:
        return ((keys.astype(np.uint64) * _MULTIPLIER) >> self._shift).astype(np.int64)

    def _probe(self, slots: _Ints) -> tuple[_Ints, _Ints]:
        entries = np.take(self._table, slots).view(np.int64).reshape(-1, 2)
        return entries[:, 0], entries[:, 1]

    def find(self, queries: _Ints) -> _Ints:
        """The position of each query among the keys, ``-1`` where absent."""
        slots = self._home(queries)
        keys, values = self._probe(slots)
        found = np.where(keys == queries, values, -1)
        active = np.flatnonzero((found < 0) & (keys != -1))
        slots = slots[active] + 1
        while active.size:
            keys, values = self._probe(slots)
            hit = keys == queries[active]
            found[active[hit]] = values[hit]
            going = ~hit & (keys != -1)
            active = active[going]
            slots = slots[going] + 1
        return found


class Lookup:
    """Values summed by integer key, then read back by key (absent keys read 0).

    Examples:
        >>> table = Lookup(np.array([4, 9, 4]), np.array([1.0, 2.0, 3.0]))
        >>> table.get(np.array([4, 5, 9])).tolist()
        [4.0, 0.0, 2.0]
    """

    def __init__(self, keys: NDArray[np.integer], values: NDArray[np.floating]) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        self.keys, inverse = np.unique(keys, return_inverse=True)
        self.values = np.bincount(inverse, weights=values, minlength=len(self.keys))

    def get(self, queries: NDArray[np.integer]) -> _Floats:
        """The summed value of each query key (0 for a key never given)."""
        queries = np.asarray(queries, dtype=np.int64)
        if not len(self.keys):
            return np.zeros(len(queries))
        position = np.searchsorted(self.keys, queries)
        position[position >= len(self.keys)] = 0
        hit = self.keys[position] == queries
        return np.where(hit, self.values[position], 0.0)


# ------------------------------------------------------------------------------ cliques


def _rows(indptr: _Ints, indices: _Ints, nodes: _Ints) -> tuple[_Ints, _Ints]:
    """The neighbours of ``nodes``, concatenated (row slices copied), and each row's length."""
    bounds = zip(indptr[nodes].tolist(), indptr[nodes + 1].tolist(), strict=True)
    neighbours = [indices[start:stop] for start, stop in bounds]
    lengths = indptr[nodes + 1] - indptr[nodes]
    return np.concatenate(neighbours) if neighbours else indices[:0], lengths


def _greedy_clique(indptr: _Ints, indices: _Ints, group: _Ints, mark: _Ints) -> _Ints:
    """A maximal clique among ``group``: the whole group when it is one.

    Nodes join in order of how many group members they are tied to, each if it is tied
    to every node chosen before it.
    """
    size = len(group)
    mark[group] = np.arange(size)
    neighbours, lengths = _rows(indptr, indices, group)
    inside = mark[neighbours]
    keep = inside >= 0
    # Every member has a tie (its degree is at least the smallest clique's), so no row
    # is empty and each sum below is its row's.
    firsts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    degree = np.add.reduceat(keep, firsts, dtype=np.int64)
    if np.all(degree == size - 1):
        mark[group] = -1
        return group
    inside = inside[keep]
    starts = np.concatenate(([0], np.cumsum(degree)))
    compatible = np.ones(size, dtype=bool)
    chosen: list[int] = []
    for member in np.argsort(-degree, kind="stable").tolist():
        if not compatible[member]:
            continue
        chosen.append(member)
        tied = np.zeros(size, dtype=bool)
        tied[inside[starts[member] : starts[member + 1]]] = True
        compatible &= tied
        if not compatible.any():
            break
    mark[group] = -1
    return group[np.sort(np.array(chosen, dtype=np.int64))]


def _extend(indptr: _Ints, indices: _Ints, core: _Ints, free: NDArray[np.bool_]) -> _Ints:
    """``core`` with every free node tied to all of it (and to each other) added."""
    # A node tied to all of the core is a free neighbour of its member of least degree.
    pivot = core[np.argmin(indptr[core + 1] - indptr[core])]
    row = indices[indptr[pivot] : indptr[pivot + 1]]
    candidates = row[free[row]]
    if not len(candidates):
        return core
    in_core = np.zeros(len(indptr) - 1, dtype=bool)
    in_core[core] = True
    neighbours, lengths = _rows(indptr, indices, candidates)
    owner = np.repeat(np.arange(len(candidates), dtype=np.int64), lengths)
    counts = np.bincount(owner[in_core[neighbours]], minlength=len(candidates))
    outside = candidates[counts == len(core)]
    added: list[int] = []
    for node in outside.tolist():
        row = indices[indptr[node] : indptr[node + 1]]
        if all(
            row[min(int(np.searchsorted(row, other)), len(row) - 1)] == other for other in added
        ):
            added.append(node)
    if not added:
        return core
    return np.sort(np.concatenate((core, np.array(added, dtype=np.int64))))


def find_cliques(matrix: sp.csr_array, min_size: int) -> _Ints:
    """Vertex-disjoint cliques of at least ``min_size`` nodes: each node's clique or -1.

    Candidates are nodes of degree ``min_size - 1`` or more. Each is hashed to the
    smallest of a random permutation over its closed neighbourhood (candidates only):
    two members of one large clique, most of whose ties are inside it, share that
    value with probability the Jaccard similarity of their neighbourhoods. Each group
    of one hash, largest first, gives a maximal clique among its free members, which is
    then extended by every free node tied to all of it. The cliques are exact; the
    hashing only decides which are found.
    """
    n = matrix.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    indptr = matrix.indptr.astype(np.int64)
    indices = matrix.indices.astype(np.int64)
    degree = np.diff(indptr)
    candidate = degree >= min_size - 1
    if int(candidate.sum()) < min_size:
        return labels
    permutation = np.random.default_rng(_HASH_SEED).permutation(n).astype(np.int64)
    masked = np.where(candidate, permutation, n)[indices]
    signature = permutation.copy()
    filled = np.flatnonzero(degree > 0)
    signature[filled] = np.minimum(signature[filled], np.minimum.reduceat(masked, indptr[filled]))
    members = np.flatnonzero(candidate)
    members = members[np.argsort(signature[members], kind="stable")]
    cuts = np.flatnonzero(np.diff(signature[members])) + 1
    groups = [g for g in np.split(members, cuts) if len(g) >= max(3, min_size // 2)]
    groups.sort(key=len, reverse=True)
    free = np.ones(n, dtype=bool)
    mark = np.full(n, -1, dtype=np.int64)
    found = 0
    for group in groups:
        group = group[free[group]]
        if len(group) < max(3, min_size // 2):
            continue
        core = _greedy_clique(indptr, indices, np.sort(group), mark)
        free[core] = False
        clique = _extend(indptr, indices, core, free)
        if len(clique) >= min_size:
            labels[clique] = found
            free[clique] = False
            found += 1
        else:
            free[core] = True
    return labels


# ------------------------------------------------------------------------------ the split


@attrs.frozen(eq=False)
class Split:
    """A symmetric graph as large cliques plus the remaining ties.

    Attributes:
        n: The number of nodes.
        labels: Each node's clique, or -1.
        sizes: Each clique's number of nodes.
        members: The nodes of every clique, clique after clique (sorted within one).
        starts: Where each clique's nodes start in ``members`` (``len(sizes) + 1``).
        local: Each node's position within its clique, or -1.
        base: Each clique's smallest tie weight (1 on a graph without weights).
        degree: Each node's number of ties (the whole graph's).
        source: The remaining ties, once each, from the lower to the higher node in
            the order of the listing (fewer remaining ties first).
        target: Their other ends.
        weight: Their weights: the tie's weight, or for a tie inside a clique its excess
            over the clique's ``base``.
        inside: Whether the tie joins two nodes of one clique (an excess).
        position: Where the tie is stored in the (index-sorted) matrix split, as the
            entry ``(min(u, v), max(u, v))``.
        indptr: ``source`` is sorted: node ``u``'s remaining ties pointing up are
            positions ``indptr[u]:indptr[u + 1]``, by the order of their targets.
        rank: Each node's place in the order of the listing.
    """

    n: int
    labels: _Ints
    sizes: _Ints
    members: _Ints
    starts: _Ints
    local: _Ints
    base: _Floats
    degree: _Ints
    source: _Ints
    target: _Ints
    weight: _Floats
    inside: NDArray[np.bool_]
    position: _Ints
    indptr: _Ints
    rank: _Ints

    @classmethod
    def of(cls, matrix: sp.csr_array, *, min_clique: int = MIN_CLIQUE) -> Split:
        """Split a symmetric CSR matrix (no self-loops, no stored zeros).

        Examples:
            >>> import networkx as nx
            >>> A = sp.csr_array(nx.to_scipy_sparse_array(nx.complete_graph(4), dtype=float))
            >>> split = Split.of(A, min_clique=3)
            >>> split.sizes.tolist(), len(split.source)
            ([4], 0)
        """
        matrix = sp.csr_array(matrix)
        matrix.sort_indices()
        n = matrix.shape[0]
        labels = find_cliques(matrix, min_clique) if min_clique >= 3 else np.full(n, -1)
        labels = labels.astype(np.int64)
        indptr = matrix.indptr.astype(np.int64)
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
        cols = matrix.indices.astype(np.int64)
        data = np.asarray(matrix.data, dtype=np.float64)
        degree = np.diff(indptr)
        sizes = np.bincount(labels[labels >= 0], minlength=int(labels.max()) + 1 if n else 0)
        members = np.argsort(labels, kind="stable")[int((labels < 0).sum()) :].astype(np.int64)
        starts = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        local = np.full(n, -1, dtype=np.int64)
        local[members] = np.arange(len(members)) - np.repeat(starts[:-1], sizes)
        position = np.flatnonzero(rows < cols)
        rows, cols, data = rows[position], cols[position], data[position]
        inside = (labels[rows] == labels[cols]) & (labels[rows] >= 0)
        base = np.full(len(sizes), np.inf)
        if inside.any():
            np.minimum.at(base, labels[rows[inside]], data[inside])
        base[~np.isfinite(base)] = 1.0
        excess = data.copy()
        excess[inside] = data[inside] - base[labels[rows[inside]]]
        keep = ~inside | (excess > 0)
        rows, cols, excess, inside = rows[keep], cols[keep], excess[keep], inside[keep]
        position = position[keep]
        remaining = np.bincount(rows, minlength=n) + np.bincount(cols, minlength=n)
        by_rank = np.argsort(remaining * max(n, 1) + np.arange(n, dtype=np.int64))
        rank = np.empty(n, dtype=np.int64)
        rank[by_rank] = np.arange(n)
        up = rank[rows] < rank[cols]
        source = np.where(up, rows, cols)
        target_rank = rank[np.where(up, cols, rows)]
        # Sort by source, then target rank: scipy's CSR building and per-row sorting.
        ordered = sp.csr_array(
            (np.arange(1, len(source) + 1, dtype=np.int64), (source, target_rank)), shape=(n, n)
        )
        ordered.sort_indices()
        order = ordered.data - 1
        source = np.repeat(np.arange(n, dtype=np.int64), np.diff(ordered.indptr))
        target = by_rank[ordered.indices].astype(np.int64)
        return cls(
            n=n,
            labels=labels,
            sizes=sizes.astype(np.int64),
            members=members,
            starts=starts,
            local=local,
            base=base,
            degree=degree,
            source=source,
            target=target,
            weight=excess[order],
            inside=inside[order],
            position=position[order],
            indptr=np.concatenate(([0], np.cumsum(np.bincount(source, minlength=n)))).astype(
                np.int64
            ),
            rank=rank,
        )

    @property
    def cliques(self) -> int:
        """The number of cliques."""
        return len(self.sizes)


# ------------------------------------------------------------------------------ listing


@attrs.frozen(eq=False)
class TriangleBlock:
    """Some triangles of the remaining ties, as arrays.

    ``a``, ``b`` and ``c`` are the nodes, in the listing's order; ``ab``, ``ac`` and
    ``bc`` the positions of their ties in the split's arrays.
    """

    a: _Ints
    b: _Ints
    c: _Ints
    ab: _Ints
    ac: _Ints
    bc: _Ints


def triangles(split: Split, *, block: int = _BLOCK) -> Iterator[TriangleBlock]:
    """Every triangle of the split's remaining ties, once, a block at a time.

    For each node ``a`` and each two of its ties pointing up, to ``b`` then ``c`` (by
    the order of the listing), the triangle exists when the tie ``b -> c`` does, which a
    hash table of the ties answers.
    """
    n = split.n
    indptr, source, target = split.indptr, split.source, split.target
    m = len(source)
    if m < 3:
        return
    index = KeyIndex(source * n + target)
    position = np.arange(m, dtype=np.int64)
    later = indptr[source + 1] - position - 1  # ties after each one in its node's row
    work = np.concatenate(([0], np.cumsum(later)))
    cuts = np.searchsorted(work, np.arange(0, int(work[-1]), block), side="right") - 1
    bounds = np.unique(np.concatenate((cuts.clip(0), [m])))
    for start, stop in itertools.pairwise(bounds.tolist()):
        counts = later[start:stop]
        wedges = int(counts.sum())
        if not wedges:
            continue
        first = np.repeat(position[start:stop], counts)
        offsets = np.repeat(work[start:stop] - work[start], counts)
        second = first + 1 + (np.arange(wedges, dtype=np.int64) - offsets)
        b, c = target[first], target[second]
        closing = index.find(b * n + c)
        hit = np.flatnonzero(closing >= 0)
        first = first[hit]
        yield TriangleBlock(
            a=source[first], b=b[hit], c=c[hit], ab=first, ac=second[hit], bc=closing[hit]
        )

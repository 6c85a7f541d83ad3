"""Is there a dense core that everybody else hangs on to, and who is in it?

(The module is named as networkx's ``algorithms.core``; a module named ``core_periphery``
would be hidden by the function of that name that :mod:`coinnovation.network` exports.)

:func:`core_periphery` splits a network into a core and a periphery — Borgatti &
Everett's (2000) core–periphery model, or a k-core split (Seidman 1983) — in a
:class:`CorePeripheryResult`.

References:
    Borgatti, S. P. & Everett, M. G. (2000). Models of core/periphery structures. Social
    Networks 21(4), 375–395.
    Seidman, S. B. (1983). Network structure and minimum degree. Social Networks 5(3),
    269–287.

Examples:
    >>> import networkx as nx
    >>> sorted(core_periphery(nx.star_graph(4), seed=0).core)
    [0]
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, Literal

import attrs
import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import NDArray

from coinnovation.network._engines import (
    Seed,
    _Arrays,
    _arrays,
    _FloatArray,
    _int_seed,
    _IntArray,
)
from coinnovation.results import NodeTable, Table

__all__ = ["CorePeripheryResult", "core_periphery"]


# -- core and periphery ----------------------------------------------------------------------


@attrs.frozen(eq=False)
class CorePeripheryResult(Table):
    """A split of a network into a core and a periphery, with a coreness score per node.

    As a result table (:class:`~coinnovation.results.Table`), one row per node:
    ``core`` and ``coreness`` (its :attr:`table`), as ``to_dict()``, ``to_frame()`` and a
    notebook table.

    Attributes:
        method: ``"borgatti_everett"`` or ``"kcore"``.
        core: The nodes in the core.
        table: Per node: ``core`` (True for core members) and ``coreness`` (Borgatti &
            Everett's continuous coreness scaled to a maximum of 1, or the k-core number).
        fit: The correlation between the ties and the ideal core–periphery pattern of the
            split (1 for a perfect core–periphery structure).
        between: How core–periphery pairs entered the fit (``"ones"`` or ``"ignore"``).
        threshold: For ``"kcore"``, the k of the k-core taken as the core; else ``None``.

    Examples:
        >>> import networkx as nx
        >>> result = core_periphery(nx.star_graph(4), seed=0)
        >>> sorted(result.core), round(result.fit, 3)
        ([0], 1.0)
    """

    method: str
    core: frozenset[Hashable]
    table: NodeTable
    fit: float
    between: str
    threshold: float | None = None

    label: ClassVar[str] = "node"
    columns: ClassVar[tuple[str, ...]] = ("core", "coreness")

    def rows(self) -> list[dict[str, Any]]:
        """One row per node: ``{"node": node, "core": bool, "coreness": float}``.

        Examples:
            >>> import networkx as nx
            >>> core_periphery(nx.star_graph(2), seed=0).to_dict()[0]["core"]
            True
            >>> int(core_periphery(nx.star_graph(2), seed=0).to_frame()["core"].sum())
            1
        """
        return self.table.rows()

    def _table(self) -> tuple[Sequence[Hashable], dict[Any, Any]]:
        return self.table.nodes, dict(self.table.columns)

    def _caption(self) -> str:
        return (
            f"Core and periphery ({self.method}): a core of {len(self.core)} of "
            f"{len(self.table)} nodes, fit {self.fit:.3f}"
        )


@attrs.frozen
class _Pattern:
    """What the fit of a split needs: tie and squared-tie matrices and pair totals."""

    M: sp.csr_array  # a_ij + a_ji on directed graphs, a_ij on undirected; zero diagonal
    M2: sp.csr_array  # the same for squared weights
    n: int
    directed: bool
    ignore_between: bool  # leave core–periphery pairs out of the correlation
    total: float  # Σ over pairs of a_ij
    squares: float  # Σ over pairs of a_ij²

    def pairs(self, size: Any) -> Any:
        size = np.asarray(size, dtype=np.float64)
        return size * (size - 1) if self.directed else size * (size - 1) / 2

    def fit(self, size: Any, w_cc: Any, w_pp: Any, q_cc: Any, q_pp: Any) -> Any:
        """Pearson correlation of the ties with the ideal pattern of splits.

        ``size`` is the core size; ``w_cc``/``w_pp`` the tie weight inside the core and
        inside the periphery, ``q_cc``/``q_pp`` the same for squared weights.
        """
        size = np.asarray(size, dtype=np.float64)
        if self.ignore_between:
            ones = self.pairs(size)
            count = ones + self.pairs(self.n - size)
            mass = np.asarray(w_cc) + np.asarray(w_pp)
            squares = np.asarray(q_cc) + np.asarray(q_pp)
            matched = np.asarray(w_cc)
        else:
            count = self.pairs(self.n)
            ones = count - self.pairs(self.n - size)
            mass = self.total
            squares = self.squares
            matched = self.total - np.asarray(w_pp)
        covariance = count * matched - mass * ones
        ties = count * squares - mass**2  # count² × variance of the ties
        pattern = count * ones - ones**2  # count² × variance of the pattern (an integer)
        valid = (ties > 1e-12 * count * squares) & (pattern > 0.5)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = covariance / np.sqrt(ties * pattern)
        return np.where(valid, value, -np.inf)

    def fit_of(self, core: NDArray[np.bool_]) -> float:
        """The fit of one split."""
        inside = core.astype(np.float64)
        outside = 1 - inside
        return float(
            self.fit(
                int(core.sum()),
                inside @ (self.M @ inside) / 2,
                outside @ (self.M @ outside) / 2,
                inside @ (self.M2 @ inside) / 2,
                outside @ (self.M2 @ outside) / 2,
            )
        )


def _pattern(graph: _Arrays, *, ignore_between: bool) -> _Pattern:
    off = graph.source != graph.target
    kept = _Arrays(
        graph.nodes, graph.directed, graph.source[off], graph.target[off], graph.weight[off]
    )
    A = kept.adjacency()
    A2 = kept.adjacency(kept.weight**2)
    if graph.directed:
        A, A2 = A + A.T, A2 + A2.T
    return _Pattern(
        A.tocsr(),
        A2.tocsr(),
        graph.n,
        graph.directed,
        ignore_between,
        float(kept.weight.sum()),
        float((kept.weight**2).sum()),
    )


def _climb(pattern: _Pattern, core: NDArray[np.bool_]) -> tuple[NDArray[np.bool_], float]:
    """Steepest ascent by moving single nodes between core and periphery."""
    core = core.copy()
    inside = core.astype(np.float64)
    s_c = np.asarray(pattern.M @ inside).ravel()  # tie weight to the core
    s_p = np.asarray(pattern.M @ (1 - inside)).ravel()  # ... and to the periphery
    q_c = np.asarray(pattern.M2 @ inside).ravel()
    q_p = np.asarray(pattern.M2 @ (1 - inside)).ravel()
    size = int(core.sum())
    w_cc, w_pp = float(s_c[core].sum() / 2), float(s_p[~core].sum() / 2)
    q_cc, q_pp = float(q_c[core].sum() / 2), float(q_p[~core].sum() / 2)
    current = float(pattern.fit(size, w_cc, w_pp, q_cc, q_pp))
    while True:
        # Moving a core node out: it leaves w_cc, joins w_pp; a peripheral node the reverse.
        sign = np.where(core, -1.0, 1.0)
        sizes = size + sign
        new_w_cc = w_cc + sign * s_c
        new_w_pp = w_pp - sign * s_p
        new_q_cc = q_cc + sign * q_c
        new_q_pp = q_pp - sign * q_p
        candidates = pattern.fit(sizes, new_w_cc, new_w_pp, new_q_cc, new_q_pp)
        best = int(np.argmax(candidates))
        if not candidates[best] > current + 1e-12:
            return core, current
        column = pattern.M[:, [best]].toarray().ravel()
        column2 = pattern.M2[:, [best]].toarray().ravel()
        direction = sign[best]  # +1: joins the core
        s_c += direction * column
        s_p -= direction * column
        q_c += direction * column2
        q_p -= direction * column2
        size = int(sizes[best])
        w_cc, w_pp = float(new_w_cc[best]), float(new_w_pp[best])
        q_cc, q_pp = float(new_q_cc[best]), float(new_q_pp[best])
        core[best] = not core[best]
        current = float(candidates[best])


def _by_rank(pattern: _Pattern, order: _IntArray) -> NDArray[np.bool_]:
    """The best core among the first c nodes of ``order``, for every c."""
    n = pattern.n
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    upper = sp.triu(pattern.M, k=1).tocoo()
    upper2 = sp.triu(pattern.M2, k=1).tocoo()
    first = np.minimum(rank[upper.row], rank[upper.col])  # leaves the periphery here
    last = np.maximum(rank[upper.row], rank[upper.col])  # joins the core one step later
    first2 = np.minimum(rank[upper2.row], rank[upper2.col])
    last2 = np.maximum(rank[upper2.row], rank[upper2.col])
    sizes = np.arange(1, n + 1)
    w_pp = pattern.total - np.cumsum(np.bincount(first, weights=upper.data, minlength=n))
    w_cc = np.cumsum(np.bincount(last, weights=upper.data, minlength=n))
    q_pp = pattern.squares - np.cumsum(np.bincount(first2, weights=upper2.data, minlength=n))
    q_cc = np.cumsum(np.bincount(last2, weights=upper2.data, minlength=n))
    fits = pattern.fit(sizes, w_cc, w_pp, q_cc, q_pp)
    core = np.zeros(n, dtype=bool)
    core[order[: int(np.argmax(fits)) + 1]] = True
    return core


def _continuous_fit(pattern: _Pattern, c: _FloatArray) -> tuple[float, _FloatArray]:
    """Correlation of the ties with δ_ij = c_i c_j over all pairs, and its gradient in c."""
    f = 2.0 if pattern.directed else 1.0
    N = float(pattern.pairs(pattern.n))
    total, squares = pattern.total, pattern.squares
    s1, s2, s4 = float(c.sum()), float(c @ c), float((c**4).sum())
    Mc = np.asarray(pattern.M @ c).ravel()
    sy = f * (s1**2 - s2) / 2
    syy = f * (s2**2 - s4) / 2
    sxy = float(c @ Mc) / 2
    vx = N * squares - total**2
    vy = N * syy - sy**2
    if vx <= 0 or vy <= 0:
        return 0.0, np.zeros_like(c)
    top = N * sxy - total * sy
    r = top / np.sqrt(vx * vy)
    d_sy = f * (s1 - c)
    d_syy = f * 2 * c * (s2 - c**2)
    d_top = N * Mc - total * d_sy
    d_vy = N * d_syy - 2 * sy * d_sy
    gradient = d_top / np.sqrt(vx * vy) - r * d_vy / (2 * vy)
    return float(r), np.asarray(gradient, dtype=np.float64)


def _continuous_coreness(pattern: _Pattern, start: _FloatArray) -> _FloatArray:
    """Borgatti & Everett's continuous model: c ≥ 0 maximising corr(a_ij, c_i c_j)."""
    from scipy.optimize import minimize  # type: ignore[import-untyped, unused-ignore]

    n = pattern.n
    if n < 2 or pattern.total <= 0:
        return np.zeros(n)
    c0 = start / (start.max() or 1.0) + 1e-3

    def objective(c: _FloatArray) -> tuple[float, _FloatArray]:
        value, gradient = _continuous_fit(pattern, c)
        return -value, -gradient

    found = minimize(
        objective,
        c0,
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, None)] * n,
        options={"maxiter": 500, "gtol": 1e-10},
    )
    c = np.asarray(found.x, dtype=np.float64)
    top = float(c.max())
    return c / top if top > 0 else c


def core_periphery(
    G: nx.Graph[Any],
    *,
    weight: str | None = "weight",
    method: Literal["borgatti_everett", "kcore"] = "borgatti_everett",
    between: Literal["ones", "ignore"] = "ones",
    restarts: int = 8,
    seed: Seed = None,
) -> CorePeripheryResult:
    r"""Split the network into a core and a periphery (Borgatti & Everett 2000).

    The ideal core–periphery network has a core whose members are all tied to each other
    and to the periphery, and a periphery whose members are tied only to the core. For a
    split (c_i = 1 in the core), the pattern is δ_ij = 1 when c_i = 1 or c_j = 1, else
    0; the fit is Pearson's correlation between the ties a_ij and δ_ij over all pairs
    i ≠ j (unordered on undirected graphs; weighted by ``weight``). Real peripheries are
    rarely tied to *every* core member: ``between="ignore"`` leaves the core–periphery
    pairs out of the correlation (Borgatti & Everett's variant with the off-diagonal
    blocks treated as missing), so only a dense core and a sparse periphery count; it
    needs at least two nodes in the core.

    ``method="borgatti_everett"`` searches for the split with the highest fit: from the
    best split of the nodes ranked by strength (every core size tried), and from
    ``restarts`` random splits, it moves single nodes between core and periphery while
    that raises the fit, and keeps the best result. The search is a heuristic (the exact
    problem is hard): seeded, it is reproducible. ``coreness`` is the continuous model:
    the c ≥ 0 that maximises the correlation between a_ij and c_i c_j over all pairs
    i ≠ j (found by L-BFGS-B from the strengths), scaled to a largest value of 1.

    ``method="kcore"``: a k-core is the largest subgraph where every node has at least
    k ties (Seidman 1983). The core is the k-core, for the k whose split fits the
    pattern best; ``coreness`` is each node's core number (ties counted, weights not).

    Args:
        G: An undirected or directed graph (directed ties count in either direction).
        weight: The edge attribute holding tie strengths, or ``None`` for 1 per tie.
        method: ``"borgatti_everett"`` or ``"kcore"``.
        between: Whether core–periphery pairs are expected tied (``"ones"``) or left
            out of the fit (``"ignore"``).
        restarts: Random starting splits tried besides the strength ranking.
        seed: Seed of the random starts (int or numpy Generator).

    Returns:
        The core, each node's coreness and membership, and the fit.

    Raises:
        ValueError: An unknown method or ``between``.

    Examples:
        >>> import networkx as nx
        >>> G = nx.complete_graph(4)  # a core of 4, each tied to 4 peripheral nodes
        >>> G.add_edges_from((c, p) for c in range(4) for p in range(4, 8))
        >>> result = core_periphery(G, seed=1)
        >>> sorted(result.core), round(result.fit, 3)
        ([0, 1, 2, 3], 1.0)
    """
    if method not in ("borgatti_everett", "kcore"):
        raise ValueError(f"unknown method {method!r}; use 'borgatti_everett' or 'kcore'")
    if between not in ("ones", "ignore"):
        raise ValueError(f"unknown between {between!r}; use 'ones' or 'ignore'")
    graph = _arrays(G, weight)
    n = graph.n
    pattern = _pattern(graph, ignore_between=between == "ignore")
    strength = np.asarray(pattern.M.sum(axis=1), dtype=np.float64).ravel()
    if method == "kcore":
        H: nx.Graph[Any] = nx.Graph(G)
        H.remove_edges_from(list(nx.selfloop_edges(H)))
        number = nx.core_number(H)
        values = np.array([number[node] for node in graph.nodes], dtype=np.float64)
        best_core = np.zeros(n, dtype=bool)
        best_fit, best_k = -np.inf, None
        for level in np.unique(values)[::-1]:
            core = values >= level
            fit = pattern.fit_of(core)
            if fit > best_fit:
                best_core, best_fit, best_k = core, fit, float(level)
        return _cp_result("kcore", between, graph.nodes, best_core, values, best_fit, best_k)
    rng = np.random.default_rng(_int_seed(seed))
    order = np.lexsort((np.arange(n), -strength))
    best_core, best_fit = np.zeros(n, dtype=bool), -np.inf
    if n:
        best_core, best_fit = _climb(pattern, _by_rank(pattern, order))
    for _ in range(restarts if n > 2 else 0):
        size = int(rng.integers(1, n - 1))
        start = np.zeros(n, dtype=bool)
        start[rng.choice(n, size=size, replace=False)] = True
        core, fit = _climb(pattern, start)
        if fit > best_fit + 1e-12:
            best_core, best_fit = core, fit
    coreness = _continuous_coreness(pattern, strength)
    return _cp_result("borgatti_everett", between, graph.nodes, best_core, coreness, best_fit, None)


def _cp_result(
    method: str,
    between: str,
    nodes: tuple[Hashable, ...],
    core: NDArray[np.bool_],
    coreness: _FloatArray,
    fit: float,
    threshold: float | None,
) -> CorePeripheryResult:
    members = frozenset(node for node, inside in zip(nodes, core.tolist(), strict=True) if inside)
    table = NodeTable(nodes, {"core": core, "coreness": coreness})
    return CorePeripheryResult(
        method,
        members,
        table,
        float(fit) if np.isfinite(fit) else float("nan"),
        between,
        threshold,
    )

r"""QAP: do two networks on the same actors go together more than chance would have them?

"Did the tables of the second workshop reproduce the ties of the first?", "do people who
sat together also frame challenges together?" Such questions compare networks *cell by
cell*: the tie (or its weight) between every pair of actors in one network against the
same pair in the other. The cells are not independent observations — all the cells of one
actor's row share that actor — so ordinary correlation and regression p-values are wrong
(far too small). The quadratic assignment procedure (QAP; Hubert 1987; Krackhardt 1987,
1988) keeps that dependence: its null model relabels the actors of one network at random,
permuting the rows and the columns of its matrix together, which keeps the network's
whole structure (degrees, clustering, everything but *who* is who) and breaks only its
alignment with the other network.

- :func:`graph_correlation`: Pearson's correlation of the cells of two networks.
- :func:`qap_test`: that correlation against its QAP null distribution, as a
  :class:`~coinnovation.inference.NullTest`.
- :func:`qap_regression`: multiple-regression QAP — the ordinary least squares fit of
  one network's cells on several predictor networks', each coefficient tested by double
  semi-partialling (Dekker, Krackhardt and Snijders 2007) or by permuting the dependent
  network (Krackhardt 1988), in a :class:`QAPRegression`.

Cells. The networks are laid out as ``n × n`` adjacency matrices over one node order:
the union of their nodes by default (a node missing from a network is an isolate there:
its row and column are zeros), or the nodes given (``nodes=``; ties to other nodes are
then left out). A cell holds the tie's ``weight`` attribute (1 for a tie without one, or
with ``weight=None``; 0 without a tie). Undirected networks compare the
:math:`m = n(n-1)/2` cells of the upper triangle, each pair once; directed networks the
:math:`m = n(n-1)` off-diagonal cells. The diagonal (self-ties) never counts.

Graph correlation (Krackhardt 1987). With :math:`x, y` the vectorised cells:

.. math::

    r = \frac{\sum_c (x_c - \bar x)(y_c - \bar y)}
             {\sqrt{\sum_c (x_c - \bar x)^2 \; \sum_c (y_c - \bar y)^2}}

undefined (``None``) when either network has the same value in every cell (no ties at
all, or every pair tied alike).

QAP test. Draw a permutation :math:`\pi` of the nodes and compare :math:`x` with the
cells of :math:`P_\pi Y P_\pi^\top` (row and column :math:`\pi(i), \pi(j)` for cell
:math:`(i, j)`); ``permutations`` draws give the null distribution, and the p-values count
the draws at least as extreme as the observed value with the ``+ 1`` correction
(:class:`~coinnovation.inference.NullTest`). A permutation only moves values between
cells, so each network's mean and variance stay fixed. Assumption: under the null, the
actors of one network are *exchangeable* — any relabelling as likely as the observed
one. It does not assume independent cells.

Regression. :math:`y = \beta_0 + \sum_k \beta_k x_k + \varepsilon` over the cells, fitted
by ordinary least squares; :math:`R^2 = 1 - \mathrm{SSR}/\mathrm{SST}`; each coefficient's
:math:`t = \hat\beta_k / \mathrm{se}(\hat\beta_k)` with
:math:`\mathrm{se}^2 = s^2 [(X^\top X)^{-1}]_{kk}`, :math:`s^2 = \mathrm{SSR}/(m - p)`.
The t-values are *not* compared with Student's t (the cells are dependent), but with
their QAP null distributions:

- ``method="dsp"`` (double semi-partialling; Dekker, Krackhardt and Snijders 2007): for
  each term :math:`k`, regress :math:`x_k` on the other terms, permute the rows and
  columns of the residual matrix :math:`e_k`, and refit :math:`y` on the other terms and
  the permuted residual; the permuted residual's coefficient (or t) is one draw. It keeps
  the other predictors' relation with :math:`y` and with :math:`x_k` and removes only
  :math:`x_k`'s own part; Dekker et al. found it the most robust to collinear predictors
  and skewed networks, with the t-value as the (pivotal) statistic.
- ``method="y"`` (Krackhardt 1988): permute the rows and columns of :math:`y` and refit
  on every term; valid when the predictors are unrelated, anti-conservative when they are
  correlated.

Either way :math:`R^2` is tested against the permuted-:math:`y` draws (the null that no
predictor goes with :math:`y`). By the Frisch–Waugh–Lovell theorem, the unpermuted
semi-partial fit gives back the full fit's :math:`\hat\beta_k` and :math:`t_k` exactly.

Size. QAP's matrices are dense, and every permutation reads all :math:`m` cells (whole
rows, then columns, then the cells in order; no graph is built): time grows with
``permutations`` × n², memory with n². On one core, 999 permutations of a 1,000-node
network take about 5 s, of a 2,000-node one about four times that — per test: a
regression runs one per term and one for R². Networks of more than ``max_nodes`` nodes
(:data:`MAX_NODES`, 2,000, by default) are refused with
:class:`~coinnovation.errors.NetworkTooLargeError` before any work; compare organisations
rather than people, or fewer sessions, or pass ``nodes=``. :func:`graph_correlation`
alone reads only the ties and takes networks of any size.

References:
    Dekker, D., Krackhardt, D. and Snijders, T. A. B. (2007). Sensitivity of MRQAP
    tests to collinearity and autocorrelation conditions. *Psychometrika* 72(4),
    563–581.

    Hubert, L. J. (1987). *Assignment Methods in Combinatorial Data Analysis*. Marcel
    Dekker.

    Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks*
    9(2), 171–186.

    Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression
    analysis of dyadic data. *Social Networks* 10(4), 359–381.

    Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). *UCINET for Windows:
    Software for Social Network Analysis* (QAP correlation and MRQAP). Analytic
    Technologies. Butts, C. T. (2008). Social network analysis with sna. *Journal of
    Statistical Software* 24(6) (``gcor``, ``qaptest``, ``netlm``).

Examples:
    >>> import networkx as nx
    >>> first = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])
    >>> second = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> round(graph_correlation(first, second), 3)
    0.707
    >>> test = qap_test(first, second, permutations=99, seed=1)
    >>> round(test.observed, 3), test.permutations
    (0.707, 99)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal

import attrs
import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation.inference import _qap_cells as _cells
from coinnovation.inference.results import NullTest
from coinnovation.results import Table

__all__ = [
    "INTERCEPT",
    "MAX_NODES",
    "QAPRegression",
    "graph_correlation",
    "qap_regression",
    "qap_test",
]

#: The most nodes QAP takes by default: 2,000 nodes are 1,999,000 cells of an undirected
#: network, read once per permutation.
MAX_NODES = 2_000

#: The name of the intercept term of a :class:`QAPRegression`.
INTERCEPT = "(intercept)"

#: Relative size under which a variance or a residual counts as zero.
_ZERO = 1e-12

_Floats = NDArray[np.float64]


def _layout(
    graphs: Sequence[nx.Graph[Any]],
    names: Sequence[str],
    nodes: Iterable[Hashable] | None,
    weight: str | None,
    max_nodes: int | None,
) -> tuple[list[Any], list[_Floats], _cells._Ints, _cells._Ints]:
    """The node order, each graph's dense matrix, and the compared cells."""
    directed = _cells.directedness(graphs, names)
    order = _cells.node_order(graphs, nodes)
    _cells.check_size(len(order), max_nodes)
    index = {node: i for i, node in enumerate(order)}
    matrices = [_cells.dense(graph, index, weight, directed) for graph in graphs]
    rows, cols = _cells.cells(len(order), directed)
    return order, matrices, rows, cols


def _centred(values: _Floats) -> tuple[_Floats, float] | None:
    """The values minus their mean, and their norm; ``None`` when all are equal."""
    if values.size < 2:
        return None
    centred = values - values.mean()
    norm = float(np.sqrt(centred @ centred))
    scale = float(np.abs(values).max())
    if norm <= _ZERO * max(1.0, scale) * np.sqrt(values.size):
        return None
    return centred, norm


def _why_undefined(x: _Floats, name: str) -> str:
    """Why a correlation over the cells of ``x`` and network ``name`` is undefined."""
    if x.size < 2:
        return f"fewer than two cells to compare ({x.size})"
    return f"{name} has the same value in every cell (a constant has no correlation)"


def graph_correlation(
    g1: nx.Graph[Any],
    g2: nx.Graph[Any],
    *,
    nodes: Iterable[Hashable] | None = None,
    weight: str | None = "weight",
) -> float | None:
    r"""Pearson's correlation of the cells of two networks on one node set (Krackhardt 1987).

    :math:`r = \sum_c (x_c - \bar x)(y_c - \bar y) / \sqrt{\sum_c (x_c - \bar x)^2
    \sum_c (y_c - \bar y)^2}` over the compared cells: the upper triangle of undirected
    networks, every off-diagonal cell of directed ones. The node set is the union of
    both networks' nodes (a node missing from one is an isolate there) or ``nodes``.
    A descriptive number: :func:`qap_test` says whether it is more than chance.
    Computed from the ties alone (the untied cells enter through their count), so it
    takes networks of any size.

    Args:
        g1: The first network.
        g2: The second network (both undirected, or both directed; not multigraphs).
        nodes: The nodes to compare, in any order; ``None`` for the union. Ties to
            other nodes are left out.
        weight: The edge attribute holding tie values (1 when an edge has none);
            ``None`` counts every tie as 1.

    Returns:
        The correlation, or ``None`` when it is undefined: fewer than two cells, or one
        network with the same value in every cell.

    Raises:
        ValueError: One network directed and the other not, or ``nodes`` repeated.
        TypeError: A multigraph, or something that is not a networkx graph.

    Examples:
        >>> import networkx as nx
        >>> g1 = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
        >>> g2 = nx.Graph([("a", "b"), ("b", "c")])
        >>> round(graph_correlation(g1, g2), 4)
        0.866
        >>> graph_correlation(g1, g2, weight=None)
        1.0
        >>> graph_correlation(g1, nx.empty_graph(["a", "b", "c"])) is None
        True
    """
    graphs = [g1, g2]
    directed = _cells.directedness(graphs, ["g1", "g2"])
    order = _cells.node_order(graphs, nodes)
    index = {node: i for i, node in enumerate(order)}
    n = len(order)
    cell_count = n * (n - 1) if directed else n * (n - 1) // 2
    return _cells.sparse_correlation(
        _cells.sparse_cells(g1, index, weight, directed),
        _cells.sparse_cells(g2, index, weight, directed),
        cell_count,
    )


def qap_test(
    g1: nx.Graph[Any],
    g2: nx.Graph[Any],
    *,
    nodes: Iterable[Hashable] | None = None,
    weight: str | None = "weight",
    permutations: int = 999,
    seed: int | None = None,
    max_nodes: int | None = MAX_NODES,
) -> NullTest:
    """The graph correlation of two networks against its QAP null distribution.

    Each draw permutes the nodes of ``g2`` at random — its rows and columns together —
    and correlates the result with ``g1`` (Krackhardt 1987; UCINET's QAP correlation,
    sna's ``qaptest(..., gcor)``). ``p_greater`` asks whether the networks go together
    more than chance would have them, ``p_less`` whether less, ``p_two_sided`` either.
    The permutations are drawn in batches and read with numpy indexing (no graph is
    built); time grows with ``permutations`` × n².

    Args:
        g1: The first network.
        g2: The second network, whose nodes are permuted.
        nodes: The nodes to compare; ``None`` for the union of both networks' nodes.
        weight: The edge attribute holding tie values; ``None`` counts ties as 1.
        permutations: The number of random permutations drawn.
        seed: Seed of the permutations (the same seed gives the same draws).
        max_nodes: Refuse more nodes than this (:data:`MAX_NODES`); ``None`` for no
            limit.

    Returns:
        A :class:`~coinnovation.inference.NullTest` of the ``"graph correlation"``
        (null model ``"qap"``); ``observed`` is ``None``, with a ``reason``, when the
        correlation is undefined. ``details`` holds the number of ``nodes`` and
        ``cells``.

    Raises:
        NetworkTooLargeError: More than ``max_nodes`` nodes.
        ValueError: ``permutations`` not a positive integer; one network directed and
            the other not; ``nodes`` repeated.
        TypeError: A multigraph, or a seed that is not an int.

    Examples:
        >>> import networkx as nx
        >>> ring = nx.cycle_graph(8)
        >>> test = qap_test(ring, ring, permutations=199, seed=3)
        >>> test.observed, test.p_greater < 0.05
        (1.0, True)
        >>> print(test.reading("greater"))
        graph correlation = 1; as high or higher in 1 of 199 random relabellings of the nodes (QAP) (p = 0.01, one-sided; null mean 0.016, sd 0.25)
    """
    count = _cells.check_count(permutations, "permutations")
    seed = _cells.check_seed(seed)
    order, (first, second), rows, cols = _layout([g1, g2], ["g1", "g2"], nodes, weight, max_nodes)
    x, y = first[rows, cols], second[rows, cols]
    details = {"nodes": len(order), "cells": int(rows.size)}
    draws = "random relabellings of the nodes (QAP)"
    centred_x, centred_y = _centred(x), _centred(y)
    if centred_x is None or centred_y is None:
        return NullTest(
            "graph correlation",
            None,
            [],
            "qap",
            draws,
            seed=seed,
            reason=_why_undefined(x, ("g1", "g2")[centred_x is not None]),
            details=details,
        )
    (xc, x_norm), (yc, y_norm) = centred_x, centred_y
    observed = float(np.clip((xc @ yc) / (x_norm * y_norm), -1.0, 1.0))
    rng = np.random.default_rng(seed)
    null = np.empty(count, dtype=np.float64)
    done = 0
    for size in _cells.batches(count, rows.size):
        perms = _cells.permutations(rng, size, len(order))
        # Σ xc = 0, so (y_π − ȳ)·xc = y_π·xc; y's norm is the same under every permutation.
        null[done : done + size] = (_cells.permuted_cells(second, rows, cols, perms) @ xc) / (
            x_norm * y_norm
        )
        done += size
    return NullTest(
        "graph correlation",
        observed,
        np.clip(null, -1.0, 1.0),
        "qap",
        draws,
        seed=seed,
        details=details,
    )


# -- regression ------------------------------------------------------------------------------


def _optional(value: float | None) -> float | None:
    return None if value is None else float(value)


def _optional_floats(values: Iterable[float | None]) -> tuple[float | None, ...]:
    return tuple(_optional(value) for value in values)


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _tests(values: Iterable[NullTest]) -> tuple[NullTest, ...]:
    return tuple(values)


@attrs.frozen(eq=False)
class QAPRegression(Table):
    """A multiple-regression QAP: the least squares fit, each term tested by permutation.

    One row per term — the intercept (:data:`INTERCEPT`) and each predictor, in order —
    with its estimate, standard error, t-value and the p-values of its
    :class:`~coinnovation.inference.NullTest`.

    Attributes:
        terms: The terms' names: :data:`INTERCEPT`, then the predictors'.
        estimates: The least squares coefficients (``None`` when not computed).
        std_errors: Their ordinary standard errors ``s √[(XᵀX)⁻¹]ₖₖ`` (shown for
            scale; the p-values do not use them as Student's t would).
        t_values: ``estimate / std_error``.
        tests: Each term's test: the observed statistic (the t-value, or the estimate
            with ``statistic="estimate"``) against its QAP draws.
        r_squared: The share of the dependent network's variance the terms explain.
        adjusted_r_squared: ``1 − (1 − R²)(m − 1)/(m − p)``.
        r_squared_test: R² against the draws with the dependent network permuted.
        method: ``"dsp"`` or ``"y"``.
        statistic: ``"t"`` or ``"estimate"``: what each test permutes.
        nodes: The number of nodes.
        cells: The number of cells ``m`` fitted.
        seed: The seed of the permutations.
        reason: Why nothing was estimated; ``None`` when the fit was made.

    Examples:
        >>> import networkx as nx
        >>> y = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 0)])
        >>> fit = qap_regression(y, {"same": y, "ring": nx.cycle_graph(4)},
        ...                      permutations=9, seed=1)
        >>> fit.reason
        'the predictors are collinear: same, ring (a term is a combination of the others)'
        >>> fit.estimates
        (None, None, None)
    """

    terms: tuple[str, ...] = attrs.field(converter=_names)
    estimates: tuple[float | None, ...] = attrs.field(converter=_optional_floats)
    std_errors: tuple[float | None, ...] = attrs.field(converter=_optional_floats)
    t_values: tuple[float | None, ...] = attrs.field(converter=_optional_floats)
    tests: tuple[NullTest, ...] = attrs.field(converter=_tests)
    r_squared: float | None = attrs.field(converter=_optional)
    adjusted_r_squared: float | None = attrs.field(converter=_optional)
    r_squared_test: NullTest
    method: str
    statistic: str
    nodes: int
    cells: int
    seed: int | None = None
    reason: str | None = None

    label: ClassVar[str] = "term"
    columns: ClassVar[tuple[str, ...]] = (
        "estimate",
        "std_error",
        "t",
        "p_greater",
        "p_less",
        "p_two_sided",
        "permutations",
    )

    def __getitem__(self, term: str) -> NullTest:
        """The test of one term, by name."""
        try:
            return self.tests[self.terms.index(term)]
        except ValueError:
            raise KeyError(term) from None

    def estimate(self, term: str) -> float | None:
        """One term's coefficient.

        Raises:
            KeyError: No such term.

        Examples:
            >>> import networkx as nx
            >>> y = nx.Graph([(0, 1), (1, 2)])
            >>> x = nx.Graph([(0, 1), (0, 2)])
            >>> round(qap_regression(y, {"x": x}, permutations=5, seed=0).estimate("x"), 6)
            -0.5
        """
        try:
            return self.estimates[self.terms.index(term)]
        except ValueError:
            raise KeyError(term) from None

    def rows(self) -> list[dict[str, Any]]:
        """One row per term: estimate, standard error, t and the p-values.

        Examples:
            >>> import networkx as nx
            >>> y = nx.Graph([(0, 1), (1, 2)])
            >>> fit = qap_regression(y, {"x": nx.Graph([(0, 1), (0, 2)])},
            ...                      permutations=5, seed=0)
            >>> [row["term"] for row in fit.rows()]
            ['(intercept)', 'x']
        """
        return [
            {
                "term": term,
                "estimate": estimate,
                "std_error": error,
                "t": t,
                "p_greater": test.p_greater,
                "p_less": test.p_less,
                "p_two_sided": test.p_two_sided,
                "permutations": test.permutations,
            }
            for term, estimate, error, t, test in zip(
                self.terms, self.estimates, self.std_errors, self.t_values, self.tests, strict=True
            )
        ]

    def explain(self) -> str:
        """The fit in plain English: R², then each term with its reading.

        Examples:
            >>> import networkx as nx
            >>> y = nx.Graph([(0, 1), (1, 2)])
            >>> fit = qap_regression(y, {"x": nx.Graph([(0, 1), (0, 2)])},
            ...                      permutations=5, seed=0)
            >>> print(fit.explain().splitlines()[0])
            QAP regression (double semi-partialling) on 3 cells of 3 nodes: R² = 0.25
        """
        name = "double semi-partialling" if self.method == "dsp" else "permuted dependent"
        head = f"QAP regression ({name}) on {self.cells:,} cells of {self.nodes:,} nodes"
        if self.reason is not None:
            return f"{head}: not estimated — {self.reason}"
        r2 = "n/a" if self.r_squared is None else f"{self.r_squared:.3g}"
        lines = [f"{head}: R² = {r2}"]
        lines.append(f"  {self.r_squared_test.reading('greater')}")
        for term, estimate, test in zip(self.terms, self.estimates, self.tests, strict=True):
            shown = "n/a" if estimate is None else f"{estimate:.3g}"
            lines.append(f"  {term}: coefficient {shown}; {test.reading()}")
        return "\n".join(lines)

    def _caption(self) -> str:
        r2 = "n/a" if self.r_squared is None else f"{self.r_squared:.3f}"
        return f"QAPRegression ({self.method}): {self.cells:,} cells, R² = {r2}"


@attrs.frozen
class _Design:
    """The cells of the dependent network and the design matrix, with what QAP permutes."""

    y: _Floats
    x: _Floats  # m × p, the intercept first
    matrices: list[_Floats]  # n × n: the dependent network, then each predictor
    rows: _cells._Ints
    cols: _cells._Ints
    n: int
    directed: bool


def _as_matrix(design: _Design, values: _Floats) -> _Floats:
    """Values of the compared cells written back into an ``n × n`` matrix."""
    matrix = np.zeros((design.n, design.n), dtype=np.float64)
    matrix[design.rows, design.cols] = values
    if not design.directed:
        matrix[design.cols, design.rows] = values
    return matrix


def _collinear(x: _Floats, terms: Sequence[str]) -> list[str]:
    """The terms that are (numerically) combinations of the others."""
    found = []
    for k in range(x.shape[1]):
        others = np.delete(x, k, axis=1)
        column = x[:, k]
        fitted = others @ np.linalg.lstsq(others, column, rcond=None)[0]
        scale = max(1.0, float(np.abs(column).max())) * np.sqrt(column.size)
        if float(np.linalg.norm(column - fitted)) <= 1e-9 * scale:
            found.append(terms[k])
    return found


def _t_values(
    coefficients: _Floats, ssr: _Floats, df: int, diagonal: _Floats
) -> tuple[_Floats, NDArray[np.bool_]]:
    """t-values of a batch of fits, and where they are defined (a positive residual)."""
    variance = ssr / df
    defined = variance > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = coefficients / np.sqrt(variance[:, None] * diagonal[None, :])
    return t, defined


def qap_regression(
    y: nx.Graph[Any],
    predictors: Mapping[str, nx.Graph[Any]],
    *,
    nodes: Iterable[Hashable] | None = None,
    weight: str | None = "weight",
    permutations: int = 999,
    seed: int | None = None,
    method: Literal["dsp", "y"] = "dsp",
    statistic: Literal["t", "estimate"] = "t",
    max_nodes: int | None = MAX_NODES,
) -> QAPRegression:
    r"""Multiple-regression QAP: one network's ties on several others', each tested by permutation.

    Fits :math:`y = \beta_0 + \sum_k \beta_k x_k` by ordinary least squares over the
    compared cells (see the module page for the cells and formulas), then tests each
    term against ``permutations`` QAP draws: by double semi-partialling
    (``method="dsp"``; Dekker, Krackhardt and Snijders 2007 — each term's residual
    against the others is permuted) or by permuting the dependent network
    (``method="y"``; Krackhardt 1988). The statistic permuted is each term's t-value
    (``statistic="t"``, the pivotal statistic Dekker et al. recommend, as sna's
    ``netlm`` does) or its estimate (``"estimate"``). R² is tested with the dependent
    network permuted.

    Args:
        y: The dependent network.
        predictors: The predictor networks by name (at least one); names must differ
            from :data:`INTERCEPT`. All networks undirected, or all directed.
        nodes: The nodes to compare; ``None`` for the union of every network's nodes
            (missing nodes are isolates).
        weight: The edge attribute holding tie values; ``None`` counts ties as 1.
        permutations: The number of random permutations per test.
        seed: Seed of the permutations.
        method: ``"dsp"`` or ``"y"``.
        statistic: ``"t"`` or ``"estimate"``.
        max_nodes: Refuse more nodes than this (:data:`MAX_NODES`); ``None`` for no
            limit.

    Returns:
        A :class:`QAPRegression`. When the fit cannot be made — the terms are collinear
        (a predictor with the same value in every cell is collinear with the
        intercept), or there are no more cells than terms — every estimate is ``None``
        and ``reason`` says why; when the dependent network is constant or fitted
        exactly, the estimates are given and the t-values and tests are ``None``.

    Raises:
        NetworkTooLargeError: More than ``max_nodes`` nodes.
        ValueError: No predictor, a predictor named :data:`INTERCEPT`, an unknown
            ``method`` or ``statistic``, ``permutations`` not a positive integer,
            networks of mixed direction, or ``nodes`` repeated.
        TypeError: A multigraph, or a seed that is not an int.

    Examples:
        >>> import networkx as nx
        >>> people = range(12)
        >>> sat_together = nx.Graph((i, j) for i in people for j in people if i < j and i // 4 == j // 4)
        >>> met_again = nx.Graph((i, j) for i in people for j in people if i < j and (i // 4 == j // 4 or i % 6 == j % 6))
        >>> fit = qap_regression(met_again, {"sat together": sat_together},
        ...                      permutations=199, seed=7)
        >>> round(fit.estimate("sat together"), 3), round(fit.r_squared, 3)
        (0.875, 0.656)
        >>> fit["sat together"].p_greater
        0.005
    """
    if method not in ("dsp", "y"):
        raise ValueError(f"method must be 'dsp' or 'y', not {method!r}")
    if statistic not in ("t", "estimate"):
        raise ValueError(f"statistic must be 't' or 'estimate', not {statistic!r}")
    count = _cells.check_count(permutations, "permutations")
    seed = _cells.check_seed(seed)
    if not predictors:
        raise ValueError("predictors must name at least one network")
    names = [str(name) for name in predictors]
    if INTERCEPT in names:
        raise ValueError(f"{INTERCEPT!r} names the intercept: give the predictor another name")
    graphs = [y, *predictors.values()]
    order, matrices, rows, cols = _layout(
        graphs, ["y", *(f"predictor {name!r}" for name in names)], nodes, weight, max_nodes
    )
    terms = (INTERCEPT, *names)
    m, p = int(rows.size), len(terms)
    design = _Design(
        y=matrices[0][rows, cols],
        x=np.column_stack([np.ones(m), *(matrix[rows, cols] for matrix in matrices[1:])]),
        matrices=matrices,
        rows=rows,
        cols=cols,
        n=len(order),
        directed=graphs[0].is_directed(),
    )
    dsp = "double semi-partialling" if method == "dsp" else "the dependent network"
    draws = f"QAP permutations ({dsp})"

    def empty(reason: str, estimates: Sequence[float | None] | None = None) -> QAPRegression:
        tests = tuple(
            NullTest(
                f"{'t' if statistic == 't' else 'coefficient'} of {term}",
                None,
                [],
                "qap",
                draws,
                seed=seed,
                reason=reason,
                details={"term": term},
            )
            for term in terms
        )
        return QAPRegression(
            terms=terms,
            estimates=estimates or [None] * p,
            std_errors=[None] * p,
            t_values=[None] * p,
            tests=tests,
            r_squared=None,
            adjusted_r_squared=None,
            r_squared_test=NullTest("R²", None, [], "qap", draws, seed=seed, reason=reason),
            method=method,
            statistic=statistic,
            nodes=design.n,
            cells=m,
            seed=seed,
            reason=None if estimates is not None else reason,
        )

    if m <= p:
        return empty(f"{m} cells cannot fit {p} terms (the fit needs more cells than terms)")
    constant = [term for k, term in enumerate(terms[1:], 1) if np.ptp(design.x[:, k]) == 0]
    if constant:
        return empty(
            f"{', '.join(constant)}: the same value in every cell (collinear with the "
            "intercept: no variation to relate)"
        )
    collinear = _collinear(design.x, terms)
    if collinear:
        return empty(
            f"the predictors are collinear: {', '.join(collinear)} (a term is a "
            "combination of the others)"
        )
    return _fit(design, terms, count, seed, method, statistic, draws, empty)


def _fit(
    design: _Design,
    terms: tuple[str, ...],
    count: int,
    seed: int | None,
    method: str,
    statistic: str,
    draws: str,
    empty: Callable[..., QAPRegression],
) -> QAPRegression:
    x, y = design.x, design.y
    m, p = x.shape
    df = m - p
    pinv = np.linalg.pinv(x)
    inverse_diagonal = np.diag(np.linalg.inv(x.T @ x))
    beta = pinv @ y
    residual = y - x @ beta
    ssr = float(residual @ residual)
    sst = float(((y - y.mean()) ** 2).sum())
    if sst <= _ZERO * max(1.0, float(np.abs(y).max())) ** 2 * m:
        return empty("the dependent network has the same value in every cell", beta.tolist())
    if ssr <= _ZERO * sst:
        return empty("the terms fit the dependent network exactly (no residual)", beta.tolist())
    errors = np.sqrt(ssr / df * inverse_diagonal)
    t_observed = beta / errors
    observed = t_observed if statistic == "t" else beta
    r_squared = 1.0 - ssr / sst
    rng = np.random.default_rng(seed)

    # The dependent network permuted: every term's draws (method "y") and R²'s.
    y_draws = np.empty((count, p))
    r2_draws = np.empty(count)
    y_defined = np.ones(count, dtype=bool)
    done = 0
    # A permutation moves values between cells, so y's mean and sum of squares stay; with
    # the intercept in X, SSR = Σ(y − ȳ)² − (Xᵀ(y − ȳ))ᵀ (XᵀX)⁻¹ Xᵀ(y − ȳ) needs only Xᵀy.
    inverse = np.linalg.inv(x.T @ x)
    column_sums = x.sum(axis=0)
    mean = float(y.mean())
    for size in _cells.batches(count, m):
        perms = _cells.permutations(rng, size, design.n)
        permuted = _cells.permuted_cells(design.matrices[0], design.rows, design.cols, perms)
        cross = permuted @ x  # Xᵀy for each draw
        coefficients = cross @ inverse
        centred = cross - mean * column_sums
        ssr_draws = np.maximum(sst - np.einsum("bi,ij,bj->b", centred, inverse, centred), 0.0)
        r2_draws[done : done + size] = 1.0 - ssr_draws / sst
        if statistic == "t":
            t, defined = _t_values(coefficients, ssr_draws, df, inverse_diagonal)
            y_draws[done : done + size] = t
            y_defined[done : done + size] = defined
        else:
            y_draws[done : done + size] = coefficients
        done += size

    label = "t" if statistic == "t" else "coefficient"
    tests = []
    for k, term in enumerate(terms):
        if method == "y":
            values, defined = y_draws[:, k], y_defined
        else:
            values, defined = _semi_partial_draws(design, k, count, rng, statistic, df)
        tests.append(
            NullTest(
                f"{label} of {term}",
                float(observed[k]),
                values[defined],
                "qap",
                draws,
                seed=seed,
                undefined=int(count - defined.sum()),
                details={"term": term, "estimate": float(beta[k]), "method": method},
            )
        )
    return QAPRegression(
        terms=terms,
        estimates=beta.tolist(),
        std_errors=errors.tolist(),
        t_values=t_observed.tolist(),
        tests=tests,
        r_squared=r_squared,
        adjusted_r_squared=1.0 - (1.0 - r_squared) * (m - 1) / df,
        r_squared_test=NullTest(
            "R²", r_squared, r2_draws, "qap", "QAP permutations of the dependent network", seed=seed
        ),
        method=method,
        statistic=statistic,
        nodes=design.n,
        cells=m,
        seed=seed,
    )


def _semi_partial_draws(
    design: _Design, k: int, count: int, rng: np.random.Generator, statistic: str, df: int
) -> tuple[_Floats, NDArray[np.bool_]]:
    """Term ``k``'s draws by double semi-partialling (Dekker, Krackhardt and Snijders 2007).

    ``e`` is term ``k`` residualised on the other terms ``Z``; each draw permutes ``e``'s
    matrix, residualises it on ``Z`` again (``ẽ``) and fits ``ỹ = M_Z y`` on it:
    ``β = ẽ·ỹ / ẽ·ẽ``, and with ``SSR = ỹ·ỹ − (ẽ·ỹ)² / ẽ·ẽ``, ``t = β / √(SSR / df / ẽ·ẽ)``
    — the coefficient and t-value of the permuted residual in the fit of ``y`` on ``Z``
    and it (Frisch–Waugh–Lovell).
    """
    x, y = design.x, design.y
    others = np.delete(x, k, axis=1)
    others_pinv = np.linalg.pinv(others)
    residual = x[:, k] - others @ (others_pinv @ x[:, k])
    residual_matrix = _as_matrix(design, residual)
    y_tilde = y - others @ (others_pinv @ y)
    yy = float(y_tilde @ y_tilde)
    # ỹ ⟂ Z, so ẽ·ỹ = e_π·ỹ; and ẽ·ẽ = e_π·e_π − (Zᵀe_π)ᵀ(ZᵀZ)⁻¹(Zᵀe_π) with e_π·e_π = e·e:
    # one product of the permuted cells with [ỹ, Z] gives both.
    against = np.column_stack([y_tilde, others])
    gram = np.linalg.inv(others.T @ others)
    scale = float(residual @ residual)
    values = np.empty(count)
    defined = np.ones(count, dtype=bool)
    done = 0
    for size in _cells.batches(count, x.shape[0]):
        perms = _cells.permutations(rng, size, design.n)
        permuted = _cells.permuted_cells(residual_matrix, design.rows, design.cols, perms)
        products = permuted @ against
        across, projected = products[:, 0], products[:, 1:]
        own = scale - np.einsum("bi,ij,bj->b", projected, gram, projected)
        ok = own > 1e-10 * scale
        with np.errstate(divide="ignore", invalid="ignore"):
            beta = across / own
            ssr = yy - across * beta
            ok &= ssr > 1e-12 * yy
            t = beta / np.sqrt(ssr / df / own)
        values[done : done + size] = t if statistic == "t" else beta
        defined[done : done + size] = ok
        done += size
    return values, defined

r"""How sure are we of each actor's centrality? A bootstrap over the sessions.

A collaboration network is projected from a handful of sessions: with other tables on
the day, other people would have met. The bootstrap (Efron and Tibshirani 1993) asks how
much a node measure would vary had the sessions been drawn again from the same
population: it resamples the hub's chosen sessions *with replacement* (as many as there
are), projects each resample with the library's projection, computes the measure, and
reads the spread of the resampled values. Snijders and Borgatti (1999) bootstrap the
nodes of a one-mode network; here the sessions — the events of the two-mode record the
network comes from — are the independent units, which keeps every session's group
whole.

Per node, :func:`bootstrap` reports (in a :class:`BootstrapResult`):

- ``observed``: the measure on the network of every chosen session;
- ``mean`` and ``std_error``: the mean and standard deviation (``n − 1``) of the
  resampled values, :math:`\hat{\mathrm{se}} = \sqrt{\sum_b (\theta^*_b - \bar\theta^*)^2
  / (B - 1)}` (Efron and Tibshirani 1993, eq. 6.6);
- ``lower`` and ``upper``: the *percentile* interval — the :math:`\alpha/2` and
  :math:`1 - \alpha/2` quantiles of the resampled values (:math:`\alpha = 1 -`
  ``confidence``; numpy's linear interpolation; Efron and Tibshirani 1993, §13.3);
- ``absent``: in how many resamples the node took part in no drawn session (its
  values are left out of the four figures above: they describe the node when present).

:meth:`BootstrapResult.rank_probability` gives the share of resamples, among those
where both nodes are present, in which one ranks above the other, ties counted half:
:math:`P(a > b) = (\#\{b: \theta^*_{a,b} > \theta^*_{b,b}\} + \tfrac12\#\{=\}) / B_{ab}`.

Weights. Each draw of a session is a session of its own in the resample: a session
drawn twice counts twice, so with ``weight="count"`` its ties add 2 to their weight,
and with ``"newman"`` :math:`2 / (n_s - 1)`; a session not drawn adds nothing. The
actors, sessions and weights are exactly those
:func:`~coinnovation.network.build.collaboration_graph` builds from the same options,
and the measure is :func:`~coinnovation.network.centrality.centrality_table`'s (or
:func:`~coinnovation.network.measures.node_measures`' for structural holes, E-I and
brokerage).

Assumptions and limits. The sessions are taken as independent draws from one
population of sessions; with few sessions (eleven tables) the resampled values are
coarse and the interval can be too narrow. A resample holds about 63 % of the distinct
sessions, so measures that count distinct partners or paths (degree, betweenness,
closeness) are smaller in resamples than observed: read their intervals as a spread and
compare actors with :meth:`~BootstrapResult.rank_probability`, rather than asking
whether the interval holds the observed value. Strength (a sum over sessions) keeps its
expectation. A node with the same value in every resample has an interval of zero
width: that says the record cannot tell, not that the value is certain.

People. The result is keyed by node: at the person level, by person ids. Pass
``privacy=`` (or call :meth:`BootstrapResult.shared`) before showing it: excluded people
are dropped and pseudonymous people relabelled, as
:meth:`Privacy.node_table <coinnovation.privacy.Privacy.node_table>` does for the
other node measures (the values were computed on the whole network).

References:
    Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    Chapman & Hall.

    Snijders, T. A. B. and Borgatti, S. P. (1999). Non-parametric standard errors and
    tests for network statistics. *Connections* 22(2), 161–170.

Examples:
    >>> import coinnovation as co
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> result = bootstrap(hub, "strength", level="organisation", kind="table",
    ...                    resamples=200, seed=1)
    >>> result.resamples, result.sessions, result.interval_kind
    (200, 11, 'percentile')
    >>> lower, upper = result.interval("o-whg")
    >>> lower <= result.row("o-whg")["mean"] <= upper
    True
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation.heart import UnknownLevel, heart_report
from coinnovation.inference import _bootstrap_hubs as _hubs
from coinnovation.inference import _bootstrap_sessions as _sessions
from coinnovation.inference._qap_cells import check_count, check_seed
from coinnovation.models.base import Money
from coinnovation.models.hub import Hub
from coinnovation.models.scope import Moment, Nested, Scope
from coinnovation.models.vocabularies import ParticipationLevel, Sector, SessionKind, session_kinds
from coinnovation.network.build import Level, collaboration_graph
from coinnovation.network.centrality import MEASURES, Distance, centrality_table
from coinnovation.network.measures import node_measures
from coinnovation.network.projection import (
    DEFAULT_MAX_PAIRS,
    EdgeList,
    Oversize,
    WeightScheme,
    project,
)
from coinnovation.results import Table

if TYPE_CHECKING:  # privacy is needed for a type only
    from coinnovation.privacy import Privacy

__all__ = [
    "BOOTSTRAP_MEASURES",
    "BootstrapResult",
    "HeartBootstrap",
    "bootstrap",
    "heart_bootstrap",
]

#: The node measures :func:`bootstrap` resamples: the centrality measures, then the
#: columns of :func:`~coinnovation.network.measures.node_measures` (structural holes, and
#: with ``attribute=`` E-I and the brokerage roles).
BOOTSTRAP_MEASURES: tuple[str, ...] = (
    *MEASURES,
    "size",
    "effective_size",
    "efficiency",
    "constraint",
    "hierarchy",
    "ei",
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
    "brokerage",
)

#: The measures that need groups (``attribute=``).
_GROUP_MEASURES = BOOTSTRAP_MEASURES[BOOTSTRAP_MEASURES.index("ei") :]

#: Relative tolerance within which two resampled values rank as tied.
_TIE = 1e-9

_Floats = NDArray[np.float64]


def _floats_1d(values: Any) -> _Floats:
    array = np.array(values, dtype=np.float64).reshape(-1)
    array.flags.writeable = False
    return array


def _floats_2d(values: Any) -> _Floats:
    array = np.array(values, dtype=np.float64)
    if array.size == 0 and array.ndim < 2:
        array = array.reshape(0, 0)
    if array.ndim != 2:
        raise ValueError(f"values must be a table of resamples × nodes, not of shape {array.shape}")
    array.flags.writeable = False
    return array


def _nodes(values: Iterable[Hashable]) -> tuple[Hashable, ...]:
    return tuple(values)


def _summary(
    column: _Floats, alpha: float
) -> tuple[float | None, float | None, float | None, float | None]:
    """Mean, standard error and percentile bounds of one node's present values."""
    present = column[~np.isnan(column)]
    if present.size == 0:
        return None, None, None, None
    error = float(present.std(ddof=1)) if present.size > 1 else None
    tail = round(alpha / 2, 12)  # 0.025, not 0.025000000000000022
    lower, upper = np.quantile(present, [tail, 1 - tail])
    return float(present.mean()), error, float(lower), float(upper)


@attrs.frozen(eq=False)
class BootstrapResult(Table):
    """A node measure over bootstrap resamples of the sessions: one row per node.

    Attributes:
        measure: The node measure (``"betweenness"`` ...).
        nodes: The nodes (ids at the level asked for; labels after :meth:`shared`).
        observed: The measure on the network of every chosen session, per node.
        values: The measure in each resample (rows) for each node (columns); ``nan``
            where the node took part in no drawn session. Read-only.
        confidence: The interval's coverage (0.95).
        seed: The seed of the resamples.
        level: The network's actors.
        weight: The tie weights (``"count"`` or ``"newman"``).
        sessions: The number of sessions resampled (each resample draws as many).
        interval_kind: ``"percentile"`` (Efron and Tibshirani 1993, §13.3).
        reason: Why there is nothing to resample (no session chosen); ``None`` else.

    Examples:
        >>> import numpy as np
        >>> result = BootstrapResult("degree", ("a", "b"), [2.0, 1.0],
        ...                          [[2.0, 1.0], [1.0, np.nan], [2.0, 2.0]])
        >>> result.row("b")
        {'observed': 1.0, 'mean': 1.5, 'std_error': 0.707..., 'lower': 1.025, 'upper': 1.975, 'absent': 1}
        >>> result.rank_probability("a", "b")
        0.75
    """

    measure: str
    nodes: tuple[Hashable, ...] = attrs.field(converter=_nodes)
    observed: _Floats = attrs.field(converter=_floats_1d)
    values: _Floats = attrs.field(converter=_floats_2d)
    confidence: float = 0.95
    seed: int | None = None
    level: str = "person"
    weight: str = "count"
    sessions: int = 0
    interval_kind: str = "percentile"
    reason: str | None = None

    label: ClassVar[str] = "node"
    columns: ClassVar[tuple[str, ...]] = (
        "observed",
        "mean",
        "std_error",
        "lower",
        "upper",
        "absent",
    )
    #: The column counting the resamples without a value.
    _missing: ClassVar[str] = "absent"

    def __attrs_post_init__(self) -> None:
        if self.observed.shape != (len(self.nodes),):
            raise ValueError("observed must give one value per node")
        if self.values.size and self.values.shape[1] != len(self.nodes):
            raise ValueError("values must have one column per node")
        if not 0 < self.confidence < 1:
            raise ValueError(f"confidence must be between 0 and 1, not {self.confidence!r}")

    @property
    def resamples(self) -> int:
        """The number of bootstrap resamples."""
        return int(self.values.shape[0]) if self.values.size else 0

    def _column(self, node: Hashable) -> int:
        try:
            return self.nodes.index(node)
        except ValueError:
            raise KeyError(node) from None

    def row(self, node: Hashable) -> dict[str, Any]:
        """One node's figures: observed, mean, standard error, interval, times absent.

        (For a :class:`HeartBootstrap`, one indicator's, with the times it was undefined.)

        Raises:
            KeyError: The node is not in the result.

        Examples:
            >>> BootstrapResult("degree", ("a",), [1.0], [[1.0], [1.0]]).row("a")["upper"]
            1.0
        """
        return self._rows([self._column(node)])[0]

    def interval(self, node: Hashable) -> tuple[float | None, float | None]:
        """One node's percentile interval ``(lower, upper)``; ``(None, None)`` if never present.

        Examples:
            >>> BootstrapResult("degree", ("a",), [5.0], [[0.0], [10.0]]).interval("a")
            (0.25, 9.75)
        """
        row = self.row(node)
        return row["lower"], row["upper"]

    def rank_probability(self, a: Hashable, b: Hashable) -> float | None:
        """The share of resamples in which ``a`` ranks above ``b``, ties counted half.

        Among the resamples where both take part (values equal within a relative 1e-9
        are tied). A node against itself gives 0.5. ``None`` when no resample holds
        both.

        Raises:
            KeyError: A node is not in the result.

        Examples:
            >>> result = BootstrapResult("degree", ("a", "b"), [2.0, 1.0],
            ...                          [[2.0, 1.0], [1.0, 1.0], [3.0, 0.0], [0.0, 5.0]])
            >>> result.rank_probability("a", "b"), result.rank_probability("b", "a")
            (0.625, 0.375)
        """
        first = self.values[:, self._column(a)] if self.resamples else np.zeros(0)
        second = self.values[:, self._column(b)] if self.resamples else np.zeros(0)
        both = ~(np.isnan(first) | np.isnan(second))
        if not both.any():
            return None
        x, y = first[both], second[both]
        slack = _TIE * np.maximum(1.0, np.maximum(np.abs(x), np.abs(y)))
        above = np.count_nonzero(x - y > slack)
        tied = np.count_nonzero(np.abs(x - y) <= slack)
        return float((above + 0.5 * tied) / both.sum())

    def _rows(self, columns: Iterable[int]) -> list[dict[str, Any]]:
        alpha = 1 - self.confidence
        rows = []
        for j in columns:
            column = self.values[:, j] if self.resamples else np.zeros(0)
            mean, error, lower, upper = _summary(column, alpha)
            observed = float(self.observed[j])
            rows.append(
                {
                    "observed": None if np.isnan(observed) else observed,
                    "mean": mean,
                    "std_error": error,
                    "lower": lower,
                    "upper": upper,
                    self._missing: int(np.isnan(column).sum()),
                }
            )
        return rows

    def rows(self) -> list[dict[str, Any]]:
        """One row per node (per indicator): its label, then :attr:`columns`.

        Examples:
            >>> BootstrapResult("degree", ("a",), [1.0], [[1.0], [3.0]]).rows()[0]["mean"]
            2.0
        """
        return [
            {self.label: node, **row}
            for node, row in zip(self.nodes, self._rows(range(len(self.nodes))), strict=True)
        ]

    def top(self, n: int = 10) -> list[Hashable]:
        """The ``n`` nodes of highest observed value, highest first (stable ties).

        Examples:
            >>> BootstrapResult("degree", ("a", "b"), [1.0, 2.0], [[1.0, 2.0]]).top(1)
            ['b']
        """
        order = np.argsort(-self.observed, kind="stable")[:n]
        return [self.nodes[i] for i in order]

    def explain(self, n: int = 5) -> str:
        """The ``n`` highest nodes with their intervals, and how sure their order is.

        Examples:
            >>> result = BootstrapResult("degree", ("a", "b"), [2.0, 1.0],
            ...                          [[2.0, 1.0], [1.0, 1.0]], seed=3, sessions=4)
            >>> print(result.explain())
            degree, 2 resamples of 4 sessions (seed 3), 95% percentile intervals:
              a: 2 (bootstrap mean 1.5, 95% interval 1.02 to 1.98)
              b: 1 (bootstrap mean 1, 95% interval 1 to 1)
              a ranks above b in 75% of resamples (ties half)
        """
        if self.reason is not None:
            return f"{self.measure}: not bootstrapped — {self.reason}"
        head = (
            f"{self.measure}, {self.resamples:,} resamples of {self.sessions:,} sessions "
            f"(seed {self.seed}), {self.confidence:.0%} {self.interval_kind} intervals:"
        )
        lines = [head]
        chosen = self.top(n)
        for node in chosen:
            row = self.row(node)
            if row["mean"] is None:
                lines.append(f"  {node}: {row['observed']:.3g} (absent from every resample)")
                continue
            lines.append(
                f"  {node}: {row['observed']:.3g} (bootstrap mean {row['mean']:.3g}, "
                f"{self.confidence:.0%} interval {row['lower']:.3g} to {row['upper']:.3g})"
                + (f"; absent from {row['absent']:,}" if row["absent"] else "")
            )
        for first, second in itertools.pairwise(chosen):
            p = self.rank_probability(first, second)
            if p is not None:
                lines.append(f"  {first} ranks above {second} in {p:.0%} of resamples (ties half)")
        return "\n".join(lines)

    def shared(self, privacy: Privacy) -> BootstrapResult:
        """The result made safe to share: people who are not named relabelled, excluded ones dropped.

        As :meth:`Privacy.node_table <coinnovation.privacy.Privacy.node_table>` does
        for the other node measures: values were computed on the whole network and are
        unchanged; only the nodes that are people of the hub change.

        Examples:
            >>> from coinnovation.models import Hub, Person
            >>> from coinnovation.privacy import Privacy
            >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="excluded"),
            ...                   Person(id="p-2", name="Ben", consent="named")))
            >>> result = BootstrapResult("degree", ("p-1", "p-2", "o-x"), [1.0, 2.0, 1.0],
            ...                          [[1.0, 2.0, 1.0]])
            >>> result.shared(Privacy(hub, secret="sixteen characters!")).nodes
            ('p-2', 'o-x')
        """
        keep = []
        labels: list[Hashable] = []
        for j, node in enumerate(self.nodes):
            if isinstance(node, str) and privacy.is_person(node):
                if not privacy.visible(node):
                    continue
                labels.append(privacy.label(node))
            else:
                labels.append(node)
            keep.append(j)
        values = self.values[:, keep] if self.resamples else np.zeros((0, len(keep)))
        return attrs.evolve(
            self,
            nodes=labels,
            observed=self.observed[keep],
            values=values,
            reason=None if self.reason is None else privacy.text(self.reason),
        )

    def _caption(self) -> str:
        return (
            f"BootstrapResult: {self.measure}, {len(self.nodes)} nodes, "
            f"{self.resamples:,} resamples, {self.confidence:.0%} {self.interval_kind} intervals"
        )


def _measure(
    network: nx.Graph[Any] | EdgeList,
    measure: str,
    *,
    attribute: str | None,
    default: Hashable | None,
    distance: Distance,
) -> tuple[list[Hashable], _Floats]:
    """The measure's value for each node of ``network``, with the nodes in its order."""
    if measure in MEASURES:
        table = centrality_table(network, measures=(measure,), distance=distance)
    else:
        graph = network.to_networkx(evidence=False) if isinstance(network, EdgeList) else network
        table = node_measures(graph, attribute=attribute, measures=(), default=default)
    return list(table.nodes), np.asarray(table.columns[measure], dtype=np.float64)


def bootstrap(
    hub: Hub,
    measure: str,
    *,
    level: Level = "person",
    weight: WeightScheme = "count",
    resamples: int = 1000,
    seed: int | None = None,
    confidence: float = 0.95,
    scope: Scope | None = None,
    sessions: Iterable[str] | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    nested: Nested | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    attribute: str | None = "sector",
    default: Hashable | None = None,
    distance: Distance = None,
    privacy: Privacy | None = None,
) -> BootstrapResult:
    """A node measure's bootstrap over the sessions: intervals and rank probabilities.

    Draws ``resamples`` times as many sessions as were chosen, with replacement, from the
    chosen sessions; projects each resample as
    :func:`~coinnovation.network.build.collaboration_graph` would (a session drawn twice
    counts twice: its ties' weights add); and computes ``measure`` on it. See the module
    page for the figures, the interval, the assumptions and what they do not say.

    Args:
        hub: The hub.
        measure: A node measure from :data:`BOOTSTRAP_MEASURES`: ``"degree"``,
            ``"strength"``, ``"betweenness"``, ``"closeness"``, ``"eigenvector"``,
            ``"pagerank"`` (:func:`~coinnovation.network.centrality.centrality_table`),
            or a column of :func:`~coinnovation.network.measures.node_measures`.
        level: The actors: ``"person"``, ``"organisation"`` or ``"sector"``.
        weight: Tie weights: ``"count"`` or ``"newman"``.
        resamples: The number of bootstrap resamples.
        seed: Seed of the resamples.
        confidence: The percentile interval's coverage, between 0 and 1.
        scope: Which sessions count (and are resampled); or the shorthands below, as
            :func:`~coinnovation.network.build.collaboration_graph` takes them.
        sessions: Only these session ids.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        since: Only sessions starting on or after this date or aware datetime.
        until: Only sessions starting on or before this date or aware datetime.
        nested: ``"own"`` (the default) or ``"subtree"``.
        max_session_size: Sessions with more actors are skipped or down-weighted.
        oversize: ``"skip"`` or ``"downweight"``.
        max_pairs: The observed network's size guard.
        attribute: The node attribute of the groups, for E-I and brokerage.
        default: The group of nodes without ``attribute``.
        distance: Distances for betweenness and closeness (``None`` counts steps).
        privacy: A privacy policy: the result then shows people as
            :meth:`BootstrapResult.shared` does. ``None`` keeps the ids (for your own
            analysis, not to share).

    Returns:
        A :class:`BootstrapResult`, nodes in the network's order.

    Raises:
        ValueError: An unknown ``measure``, ``level`` or option; ``resamples`` not a
            positive integer; ``confidence`` outside (0, 1).
        TypeError: A seed that is not an int.
        ProjectionTooLargeError: The network would have more than ``max_pairs`` ties.
        MissingAttributeError: E-I or brokerage, and nodes without ``attribute`` (pass
            ``default=``).

    Examples:
        >>> from coinnovation.models import Hub, Person, Session, Participation
        >>> hub = Hub(people=tuple(Person(id=f"p-{i}", name=f"P{i}") for i in range(3)),
        ...           sessions=(Session(id="s-1", name="Table"),),
        ...           participations=tuple(Participation(id=f"pa-{i}", session="s-1",
        ...                                              person=f"p-{i}") for i in range(3)))
        >>> result = bootstrap(hub, "degree", resamples=50, seed=0)
        >>> result.interval("p-0")  # one session: every resample is the same network
        (1.0, 1.0)
        >>> result.rank_probability("p-0", "p-1")
        0.5
    """
    if measure not in BOOTSTRAP_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(BOOTSTRAP_MEASURES)}; not {measure!r}")
    if level not in ("person", "organisation", "sector"):
        raise ValueError(f"level must be 'person', 'organisation' or 'sector', not {level!r}")
    if attribute is None and measure in _GROUP_MEASURES:
        raise ValueError(f"measure {measure!r} compares groups: give attribute= (such as 'sector')")
    count = check_count(resamples, "resamples")
    seed = check_seed(seed)
    if isinstance(confidence, bool) or not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    chosen = Scope.from_options(
        scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
    )
    graph = collaboration_graph(
        hub,
        level=level,
        weight=weight,
        scope=chosen,
        evidence=False,
        max_session_size=max_session_size,
        oversize=oversize,
        max_pairs=max_pairs,
    )

    def measured(network: nx.Graph[Any] | EdgeList) -> tuple[list[Hashable], _Floats]:
        return _measure(network, measure, attribute=attribute, default=default, distance=distance)

    nodes, observed = measured(graph)
    layout = _sessions.incidence(hub, level, chosen)
    position = {node: j for j, node in enumerate(nodes)}
    columns = np.array([position[node] for node in layout.nodes], dtype=np.int64)
    attributes = [dict(graph.nodes[node]) for node in layout.nodes]
    values = np.full((count, len(nodes)), np.nan)
    reason = None
    total = len(layout.sessions)
    if total == 0:
        reason = "no session is chosen: nothing to resample"
        values = np.zeros((0, len(nodes)))
    rng = np.random.default_rng(seed)
    for b in range(count if total else 0):
        drawn = rng.integers(0, total, size=total)
        actors, drawn_columns = layout.resample(drawn)
        present = np.unique(actors)
        local = np.searchsorted(present, actors)
        edges = project(
            local,
            drawn_columns,
            nodes=[layout.nodes[i] for i in present],
            sessions=range(total),
            weight=weight,
            max_pairs=None,
            max_session_size=max_session_size,
            oversize=oversize,
        )
        if measure not in MEASURES:
            edges = attrs.evolve(edges, node_data=[attributes[i] for i in present])
        _, resampled = measured(edges)
        values[b, columns[present]] = resampled
    result = BootstrapResult(
        measure,
        nodes,
        observed,
        values,
        confidence=confidence,
        seed=seed,
        level=level,
        weight=weight,
        sessions=total,
        reason=reason,
    )
    return result if privacy is None else result.shared(privacy)


@attrs.frozen(eq=False)
class HeartBootstrap(BootstrapResult):
    """The heart report's indicators over bootstrap resamples of the sessions.

    A :class:`BootstrapResult` whose rows are the indicators of
    :func:`~coinnovation.heart.heart_report` (``centrality``, ``brokerage``,
    ``throughout``, ``voice``, ``equal_partners``, ``reach``) instead of nodes:
    ``observed`` is ``None`` for an indicator the hub cannot give, and ``undefined``
    counts the resamples in which it could not be computed.

    Examples:
        >>> result = HeartBootstrap("heart indicators", ("voice", "reach"), [0.5, None],
        ...                         [[0.4, 1.0], [0.6, None]], sessions=2)
        >>> result.row("voice")["mean"], result.row("reach")
        (0.5, {'observed': None, 'mean': 1.0, 'std_error': None, 'lower': 1.0, 'upper': 1.0, 'undefined': 1})
    """

    label: ClassVar[str] = "indicator"
    columns: ClassVar[tuple[str, ...]] = (
        "observed",
        "mean",
        "std_error",
        "lower",
        "upper",
        "undefined",
    )
    _missing: ClassVar[str] = "undefined"

    def explain(self, n: int = 6) -> str:
        """Each indicator with its bootstrap mean and interval, in plain English.

        Examples:
            >>> result = HeartBootstrap("heart indicators", ("voice",), [0.5],
            ...                         [[0.4], [0.6]], seed=1, sessions=2)
            >>> print(result.explain())
            heart indicators, 2 resamples of 2 sessions (seed 1), 95% percentile intervals:
              voice: 0.5 (bootstrap mean 0.5, 95% interval 0.405 to 0.595)
        """
        if self.reason is not None:
            return f"{self.measure}: not bootstrapped — {self.reason}"
        lines = [
            f"{self.measure}, {self.resamples:,} resamples of {self.sessions:,} sessions "
            f"(seed {self.seed}), {self.confidence:.0%} {self.interval_kind} intervals:"
        ]
        for name, row in zip(self.nodes[:n], self._rows(range(len(self.nodes))), strict=False):
            observed = "n/a" if row["observed"] is None else f"{row['observed']:.3g}"
            if row["mean"] is None:
                lines.append(f"  {name}: {observed} (undefined in every resample)")
                continue
            lines.append(
                f"  {name}: {observed} (bootstrap mean {row['mean']:.3g}, "
                f"{self.confidence:.0%} interval {row['lower']:.3g} to {row['upper']:.3g})"
                + (f"; undefined in {row['undefined']:,}" if row["undefined"] else "")
            )
        return "\n".join(lines)

    def _caption(self) -> str:
        return (
            f"HeartBootstrap: {len(self.nodes)} indicators, {self.resamples:,} resamples, "
            f"{self.confidence:.0%} {self.interval_kind} intervals"
        )


def heart_bootstrap(
    hub: Hub,
    *,
    resamples: int = 1000,
    seed: int | None = None,
    confidence: float = 0.95,
    sector: Sector | str = Sector.COMMUNITY,
    level: Level = "organisation",
    weight: WeightScheme = "newman",
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    top: float = 0.1,
    level_threshold: ParticipationLevel | str = ParticipationLevel.INVOLVE,
    unknown_level: UnknownLevel = "ignore",
    deprived: Iterable[int] = (1, 2, 3),
    time_rate: Money | None = None,
    distance: Distance = None,
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
) -> HeartBootstrap:
    """The heart report's indicators bootstrapped over the sessions of its network.

    Resamples the sessions the report's network is built from (``scope``/``kind``;
    sessions without subsessions, such as tables) with replacement, rebuilds the hub of
    each resample — each draw of a session a session of its own, with copies of the
    participations, contributions and framings recorded there (new ids); sessions not
    drawn leave with theirs; references that named them follow the first copy — and
    computes :func:`~coinnovation.heart.heart_report` on it with the same options. The
    rest of the record (other sessions, challenges, agreements, communities) is kept:
    indicators that read only that (``equal_partners`` usually) do not vary. The
    figures and the interval are :func:`bootstrap`'s (see the module page); with few
    sessions read them as a rough spread. One report costs about 20 ms on the bundled
    example (11 tables), so 1,000 resamples take some 20 s.

    Args:
        hub: The hub.
        resamples: The number of bootstrap resamples.
        seed: Seed of the resamples.
        confidence: The percentile interval's coverage, between 0 and 1.
        sector: The sector at the heart.
        level: The network's actors.
        weight: Tie weights: ``"count"`` or ``"newman"``.
        scope: The sessions the network is built from, which are resampled; or
            ``kind``, not both.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        top: The fraction of nodes in the top group of ``centrality``.
        level_threshold: The IAP2 level that counts for ``throughout``.
        unknown_level: Participations with no level: ``"ignore"`` or ``"count"``.
        deprived: The IMD deciles counted as deprived, for ``reach``.
        time_rate: The value of an hour, for ``equal_partners``.
        distance: Distances for betweenness.
        max_pairs: The network's size guard.
        max_session_size: Skip or down-weight larger sessions (a plenary) in the
            network (see :func:`~coinnovation.network.build.collaboration_graph`).
        oversize: ``"skip"`` or ``"downweight"``: what ``max_session_size`` does.

    Returns:
        A :class:`HeartBootstrap`, one row per indicator in the report's order.

    Raises:
        ValueError: A resampled session has subsessions; ``resamples`` not a positive
            integer; ``confidence`` outside (0, 1); any option ``heart_report`` refuses.
        TypeError: A seed that is not an int.

    Examples:
        >>> import coinnovation as co
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> result = heart_bootstrap(hub, kind="table", resamples=20, seed=1)
        >>> result.nodes
        ('centrality', 'brokerage', 'throughout', 'voice', 'equal_partners', 'reach')
        >>> round(result.row("voice")["observed"], 3), result.row("equal_partners")["std_error"]
        (0.636, 0.0)
    """
    count = check_count(resamples, "resamples")
    seed = check_seed(seed)
    if isinstance(confidence, bool) or not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    chosen = Scope.from_options(scope, kind=session_kinds(kind) or None)
    options: dict[str, Any] = {
        "sector": sector,
        "level": level,
        "weight": weight,
        "top": top,
        "level_threshold": level_threshold,
        "unknown_level": unknown_level,
        "deprived": tuple(deprived) if not isinstance(deprived, int) else (deprived,),
        "time_rate": time_rate,
        "distance": distance,
        "max_pairs": max_pairs,
        "max_session_size": max_session_size,
        "oversize": oversize,
    }
    report = heart_report(hub, scope=chosen, **options)
    names = tuple(indicator.name for indicator in report.indicators)
    observed = [indicator.value for indicator in report.indicators]
    sessions = hub.select(chosen).ids
    plan = _hubs.Plan.of(hub, sessions)
    total = len(sessions)
    values = np.full((count if total else 0, len(names)), np.nan)
    rng = np.random.default_rng(seed)
    for b in range(count if total else 0):
        drawn = rng.integers(0, total, size=total)
        resampled, copies = plan.resample(drawn)
        again = heart_report(resampled, scope=Scope(sessions=copies), **options)
        values[b] = [np.nan if value is None else value for value in again.values.values()]
    return HeartBootstrap(
        "heart indicators",
        names,
        [np.nan if value is None else value for value in observed],
        values,
        confidence=confidence,
        seed=seed,
        level=level,
        weight=weight,
        sessions=total,
        reason=None if total else "no session is chosen: nothing to resample",
    )

"""Change over time: snapshots of a network by date window, measures per snapshot, tie changes.

A hub's session record is dated, so its network has a history. :func:`snapshots` cuts the
record into date windows — calendar days, weeks, months, quarters or years, or windows of
your own — and builds one network per window, either from the window's sessions alone
(*sliding*) or from everything up to the window's end (*cumulative*).
:func:`measures_over_time` tabulates graph-level measures snapshot by snapshot, and
:func:`tie_changes` / :func:`tie_changes_over` count the ties that formed, persisted and
dissolved between snapshots (Jaccard's index tells how stable the network is).

Windows are half-open, ``[start, end)``, in calendar days: a session falls in a window
when its start day (in its own time zone; an undated session takes its nearest dated
ancestor's) is on or after ``start`` and before ``end``. Sessions with no date at all
are in no window.

References:
    Holme, P. & Saramäki, J. (2012). Temporal networks. Physics Reports 519(3), 97–125.
    Jaccard, P. (1912). The distribution of the flora in the alpine zone. New Phytologist
    11(2), 37–50.
    Snijders, T. A. B., van de Bunt, G. G. & Steglich, C. E. G. (2010). Introduction to
    stochastic actor-based models for network dynamics. Social Networks 32(1), 44–60.

Examples:
    >>> import networkx as nx
    >>> before, after = nx.Graph([(1, 2), (2, 3)]), nx.Graph([(2, 3), (3, 4)])
    >>> changes = tie_changes(before, after)
    >>> changes.formed, changes.persisted, changes.dissolved, changes.jaccard
    (1, 1, 1, 0.333...)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, Literal

import attrs
import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation.models.hub import Hub
from coinnovation.models.scope import Moment, Scope
from coinnovation.models.vocabularies import SessionKind
from coinnovation.results import Table

__all__ = [
    "DEFAULT_MEASURES",
    "MeasuresOverTime",
    "Snapshot",
    "TieChanges",
    "calendar_windows",
    "measures_over_time",
    "snapshots",
    "tie_changes",
    "tie_changes_over",
]

Frequency = Literal["day", "week", "month", "quarter", "year"]
Builder = Callable[..., "nx.Graph[Any]"]
Measure = Callable[["nx.Graph[Any]"], float]


@attrs.frozen(eq=False)
class Snapshot:
    """The network of one date window.

    Attributes:
        start: The first day (or moment) of the window; ``None`` for a cumulative
            snapshot, which starts with the record.
        end: The end of the window, excluded.
        label: A short name for the window: ``"2023-06"``, ``"2023Q2"``, ``"2023-W24"``.
        graph: The network built from the window's sessions.
        window_start: The start of the window the snapshot belongs to, also for a
            cumulative snapshot (the window it was taken at the end of).

    Examples:
        >>> import networkx as nx
        >>> snap = Snapshot(date(2023, 1, 1), date(2023, 2, 1), "2023-01", nx.Graph())
        >>> snap.label, snap.graph.number_of_nodes()
        ('2023-01', 0)
    """

    start: Moment | None
    end: Moment
    label: str
    graph: nx.Graph[Any]
    window_start: Moment | None = None


def _floor(day: date, freq: str) -> date:
    if freq == "day":
        return day
    if freq == "week":
        return day - timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def _next(day: date, freq: str) -> date:
    if freq == "day":
        return day + timedelta(days=1)
    if freq == "week":
        return day + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    month = day.month - 1 + months
    year = day.year + month // 12
    return date(year, month % 12 + 1, 1)


def _label(start: date, freq: str) -> str:
    if freq == "day":
        return start.isoformat()
    if freq == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if freq == "month":
        return f"{start.year}-{start.month:02d}"
    if freq == "quarter":
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def calendar_windows(first: date, last: date, freq: Frequency) -> list[tuple[date, date, str]]:
    """Calendar windows covering ``first`` to ``last``: ``(start, end, label)``.

    Weeks start on Monday (ISO 8601); quarters in January, April, July and October.

    Examples:
        >>> calendar_windows(date(2023, 2, 15), date(2023, 5, 2), "quarter")
        [(datetime.date(2023, 1, 1), datetime.date(2023, 4, 1), '2023Q1'), (datetime.date(2023, 4, 1), datetime.date(2023, 7, 1), '2023Q2')]
    """
    if freq not in ("day", "week", "month", "quarter", "year"):
        raise ValueError(f"freq must be day, week, month, quarter or year, not {freq!r}")
    windows = []
    start = _floor(first, freq)
    while start <= last:
        end = _next(start, freq)
        windows.append((start, end, _label(start, freq)))
        start = end
    return windows


def _inclusive_until(end: Moment) -> Moment:
    """The last moment of ``[.., end)`` for a builder whose ``until`` is inclusive."""
    if isinstance(end, datetime):
        return end - timedelta(microseconds=1)
    return end - timedelta(days=1)


def _check_moment(value: object, name: str) -> Moment:
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(f"{name} must be a date or a timezone-aware datetime")
        return value
    if isinstance(value, date):
        return value
    raise TypeError(f"{name} must be a date or a timezone-aware datetime, not {value!r}")


def snapshots(
    hub: Hub,
    *,
    freq: Frequency | None = None,
    windows: Iterable[tuple[Moment, Moment]] | None = None,
    cumulative: bool = False,
    build: Builder | None = None,
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    **build_options: Any,
) -> list[Snapshot]:
    """One network per date window: the history of who worked with whom.

    Give either ``freq`` — calendar windows from the first dated session's to the last
    one's, empty windows included so the time axis is regular — or ``windows``, a list
    of ``(start, end)`` pairs (dates or timezone-aware datetimes; ``end`` excluded).

    Sliding snapshots (default) hold the sessions that started in the window: who
    worked together *then*. Cumulative snapshots (``cumulative=True``) hold every
    session that started before the window's end: the network as it had grown by then.

    Each network is ``build(hub, since=..., until=..., **build_options)``: by default
    :func:`coinnovation.network.build.collaboration_graph`, so ``level=``, ``weight=``,
    ``nested=`` and the other options pass through. Its ``until`` is inclusive, so the
    window's end is handed over as the day (or microsecond) before.

    With ``scope=`` (a :class:`~coinnovation.models.Scope` without a window: the
    snapshots set it) or ``kind=``, only the sessions it chooses count: ``freq``
    windows run from the first to the last of their days, and each network is
    ``build(hub, scope=..., **build_options)`` with the window set in the scope (the
    ``sessions=`` and ``nested=`` options join the scope).

    Args:
        hub: The hub.
        freq: ``"day"``, ``"week"`` (from Monday), ``"month"``, ``"quarter"`` or
            ``"year"``.
        windows: Explicit ``(start, end)`` windows, in the order wanted.
        cumulative: Everything up to each window's end, instead of the window alone.
        build: The function that builds a network from the hub; it must accept
            ``since`` and ``until`` (inclusive) keywords, or ``scope`` when a scope or
            kind is given.
        scope: Which sessions count, apart from the window.
        kind: Only sessions of this kind (or kinds), such as ``"table"``: shorthand for
            ``scope=Scope(kinds=...)``.
        **build_options: More keywords for ``build``.

    Returns:
        The snapshots, in window order (none when the hub has no dated session and
        ``freq`` is given).

    Raises:
        ValueError: Both or neither of ``freq`` and ``windows``, an unknown ``freq``, a
            window that ends before it starts, a naive datetime, or a scope with a
            window of its own.
        TypeError: ``scope=`` with ``kind=``, ``sessions=`` or ``nested=``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from coinnovation.models import Hub, Person, Session, Participation
        >>> day = lambda m: datetime(2023, m, 10, tzinfo=timezone.utc)
        >>> hub = Hub(
        ...     people=tuple(Person(id=p, name=p) for p in ("a", "b", "c")),
        ...     sessions=(Session(id="s1", name="One", start=day(1)),
        ...               Session(id="s2", name="Two", start=day(3), kind="table")),
        ...     participations=(
        ...         Participation(id="x1", session="s1", person="a"),
        ...         Participation(id="x2", session="s1", person="b"),
        ...         Participation(id="x3", session="s2", person="b"),
        ...         Participation(id="x4", session="s2", person="c")))
        >>> [(s.label, s.graph.number_of_edges()) for s in snapshots(hub, freq="month")]
        [('2023-01', 1), ('2023-02', 0), ('2023-03', 1)]
        >>> [s.graph.number_of_edges() for s in snapshots(hub, freq="month", cumulative=True)]
        [1, 1, 2]
        >>> [(s.label, s.graph.number_of_edges()) for s in snapshots(hub, freq="month",
        ...                                                          kind="table")]
        [('2023-03', 1)]
    """
    if (freq is None) == (windows is None):
        raise ValueError("give either freq= or windows=")
    if build is None:
        from coinnovation.network.build import collaboration_graph

        build = collaboration_graph
    chosen_scope: Scope | None = None
    if scope is not None or kind is not None:
        chosen_scope = Scope.from_options(
            scope,
            kind=kind,
            sessions=build_options.pop("sessions", None),
            nested=build_options.pop("nested", None),
        )
        if chosen_scope.has_window:
            raise ValueError(
                "the snapshots set each network's window: give a scope without since or until"
            )
    chosen: list[tuple[Moment, Moment, str]]
    if freq is not None:
        if freq not in ("day", "week", "month", "quarter", "year"):
            raise ValueError(f"freq must be day, week, month, quarter or year, not {freq!r}")
        known: Iterable[date | None]
        if chosen_scope is None:
            known = hub.session_days().values()
        else:
            selection = hub.select(chosen_scope)
            known = [selection.day_of[session] for session in selection.ids]
        days = [day for day in known if day is not None]
        chosen = list(calendar_windows(min(days), max(days), freq)) if days else []
    else:
        assert windows is not None
        chosen = []
        for start, end in windows:
            start = _check_moment(start, "window start")
            end = _check_moment(end, "window end")
            if type(start) is not type(end):
                raise ValueError("a window's start and end must both be dates or datetimes")
            if end <= start:
                raise ValueError(f"window ({start}, {end}) ends before it starts")
            chosen.append((start, end, f"{start.isoformat()}/{end.isoformat()}"))
    result = []
    for start, end, label in chosen:
        since = None if cumulative else start
        until = _inclusive_until(end)
        if chosen_scope is None:
            graph = build(hub, since=since, until=until, **build_options)
        else:
            window = attrs.evolve(chosen_scope, since=since, until=until)
            graph = build(hub, scope=window, **build_options)
        result.append(Snapshot(since, end, label, graph, start))
    return result


# -- measures per snapshot -------------------------------------------------------------------


def _density(G: nx.Graph[Any]) -> float:
    return float(nx.density(G)) if len(G) > 1 else float("nan")


def _components(G: nx.Graph[Any]) -> float:
    if isinstance(G, nx.DiGraph):
        return float(nx.number_weakly_connected_components(G))
    return float(nx.number_connected_components(G))


def _mean_degree(G: nx.Graph[Any]) -> float:
    n = G.number_of_nodes()
    if n == 0:
        return float("nan")
    ends = 2 * G.number_of_edges()
    return ends / n


def _ei_sector(G: nx.Graph[Any]) -> float:
    from coinnovation.network.groups import ei_index

    known = [node for node, sector in G.nodes(data="sector") if sector is not None]
    H = G.subgraph(known)
    if H.number_of_edges() == 0:
        return float("nan")
    return float(ei_index(H, "sector").whole)


def _default_measures() -> dict[str, Measure]:
    measures: dict[str, Measure] = {
        "nodes": lambda G: float(G.number_of_nodes()),
        "edges": lambda G: float(G.number_of_edges()),
        "density": _density,
        "components": _components,
        "mean_degree": _mean_degree,
    }
    try:
        from coinnovation.network import groups
    except ImportError:  # pragma: no cover - groups ships with the package
        return measures
    if hasattr(groups, "ei_index"):
        measures["ei_sector"] = _ei_sector
    return measures


#: The measures :func:`measures_over_time` takes by default: numbers of nodes, edges and
#: connected components, density, mean degree, and the E-I index by sector of the nodes
#: whose sector is known (Krackhardt & Stern 1988).
DEFAULT_MEASURES: Mapping[str, Measure] = _default_measures()


@attrs.frozen(eq=False)
class MeasuresOverTime(Table):
    """Graph-level measures, one row per snapshot.

    As a result table (:class:`~coinnovation.results.Table`), one row per snapshot
    (``snapshot``, its label): its window's ``start`` and ``end``, then the measures, as
    ``to_frame()`` and a notebook table; ``to_dict()`` gives the measures only.

    Attributes:
        labels: The snapshots' labels, in order.
        starts: The snapshots' window starts.
        ends: The snapshots' window ends (excluded).
        columns: Measure name to its values, one per snapshot.

    Examples:
        >>> import networkx as nx
        >>> snaps = [Snapshot(None, date(2023, 1, 1), "a", nx.path_graph(3))]
        >>> measures_over_time(snaps).row("a")["edges"]
        2.0
    """

    labels: tuple[str, ...]
    starts: tuple[Moment | None, ...]
    ends: tuple[Moment, ...]
    columns: dict[str, NDArray[np.float64]]

    label: ClassVar[str] = "snapshot"

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, column: str) -> dict[str, float]:
        """One measure as ``{label: value}``."""
        return dict(zip(self.labels, self.columns[column].tolist(), strict=True))

    def row(self, label: str) -> dict[str, float]:
        """One snapshot's measures as ``{measure: value}``.

        Raises:
            KeyError: No snapshot has that label.

        Examples:
            >>> import networkx as nx
            >>> snaps = [Snapshot(None, date(2023, 1, 1), "a", nx.Graph())]
            >>> measures_over_time(snaps, {"n": len}).row("a")
            {'n': 0.0}
        """
        try:
            index = self.labels.index(label)
        except ValueError:
            raise KeyError(label) from None
        return {name: float(values[index]) for name, values in self.columns.items()}

    def to_dict(self) -> dict[str, dict[str, float]]:
        """``{label: {measure: value}}``.

        Examples:
            >>> import networkx as nx
            >>> snaps = [Snapshot(None, date(2023, 1, 1), "a", nx.path_graph(2))]
            >>> measures_over_time(snaps, {"n": len}).to_dict()
            {'a': {'n': 2.0}}
        """
        return {label: self.row(label) for label in self.labels}

    def rows(self) -> list[dict[str, Any]]:
        """One row per snapshot: its label, window and measures.

        Examples:
            >>> import networkx as nx
            >>> snaps = [Snapshot(None, date(2023, 1, 1), "a", nx.path_graph(2))]
            >>> float(measures_over_time(snaps, {"n": len}).to_frame().loc["a", "n"])
            2.0
            >>> measures_over_time(snaps, {"n": len}).rows()
            [{'snapshot': 'a', 'start': None, 'end': datetime.date(2023, 1, 1), 'n': 2.0}]
        """
        return [
            {"snapshot": label, "start": start, "end": end, **self.row(label)}
            for label, start, end in zip(self.labels, self.starts, self.ends, strict=True)
        ]

    def _table(self) -> tuple[Sequence[Hashable], dict[Any, Any]]:
        data: dict[str, Any] = {"start": list(self.starts), "end": list(self.ends)}
        data.update(self.columns)
        return list(self.labels), data

    def _caption(self) -> str:
        count = len(self.labels)
        return f"Measures over time: {count} snapshot{'' if count == 1 else 's'}"


def measures_over_time(
    snapshots: Sequence[Snapshot],
    measures: Mapping[str, Measure] | None = None,
) -> MeasuresOverTime:
    """Graph-level measures of each snapshot, as a table.

    The defaults (:data:`DEFAULT_MEASURES`): ``nodes``, ``edges``, ``density``
    (2m / (n(n − 1)) undirected; ``nan`` below two nodes), ``components`` (connected;
    weakly on directed graphs), ``mean_degree`` (2m / n; ``nan`` without nodes), and
    ``ei_sector``: Krackhardt & Stern's E-I index (E − I)/(E + I) of the ties between
    nodes whose sector is known (``nan`` without such ties). Any function of a graph
    returning a number can be added.

    Args:
        snapshots: The snapshots, as :func:`snapshots` returns them.
        measures: Name to function ``f(G) -> float``; the defaults when ``None``.

    Returns:
        One row per snapshot, one column per measure.

    Examples:
        >>> import networkx as nx
        >>> snaps = [Snapshot(None, date(2023, 1, 1), "2022", nx.path_graph(3)),
        ...          Snapshot(None, date(2024, 1, 1), "2023", nx.complete_graph(3))]
        >>> table = measures_over_time(snaps, {"density": nx.density, "n": len})
        >>> table["density"]
        {'2022': 0.666..., '2023': 1.0}
    """
    chosen = dict(DEFAULT_MEASURES if measures is None else measures)
    columns = {
        name: np.array([float(f(snap.graph)) for snap in snapshots], dtype=np.float64)
        for name, f in chosen.items()
    }
    return MeasuresOverTime(
        tuple(snap.label for snap in snapshots),
        tuple(snap.start for snap in snapshots),
        tuple(snap.end for snap in snapshots),
        columns,
    )


# -- tie changes -----------------------------------------------------------------------------


def _ties(G: nx.Graph[Any]) -> set[tuple[Hashable, Hashable]] | set[frozenset[Hashable]]:
    if G.is_directed():
        return set(G.edges())
    return {frozenset((u, v)) for u, v in G.edges()}


@attrs.frozen(eq=False)
class TieChanges(Table):
    """Which ties formed, persisted and dissolved from one network to the next.

    As a result table (:class:`~coinnovation.results.Table`), one row: the counts and
    rates of :meth:`to_dict`, as ``to_frame()`` and a notebook table.

    Attributes:
        before_label: The earlier snapshot's label (``None`` for bare graphs).
        after_label: The later snapshot's label.
        formed_ties: Ties in ``after`` only (pairs ``(u, v)``; for undirected graphs in
            the order networkx gives them in ``after``).
        persisted_ties: Ties in both.
        dissolved_ties: Ties in ``before`` only.
        new_nodes: Nodes in ``after`` only.
        gone_nodes: Nodes in ``before`` only.

    Examples:
        >>> import networkx as nx
        >>> changes = tie_changes(nx.Graph([(1, 2)]), nx.Graph([(2, 1), (2, 3)]))
        >>> changes.formed_ties, changes.persisted_ties, changes.new_nodes
        (((2, 3),), ((2, 1),), (3,))
    """

    before_label: str | None
    after_label: str | None
    formed_ties: tuple[tuple[Hashable, Hashable], ...]
    persisted_ties: tuple[tuple[Hashable, Hashable], ...]
    dissolved_ties: tuple[tuple[Hashable, Hashable], ...]
    new_nodes: tuple[Hashable, ...]
    gone_nodes: tuple[Hashable, ...]

    columns: ClassVar[tuple[str, ...]] = (
        "before",
        "after",
        "formed",
        "persisted",
        "dissolved",
        "new_nodes",
        "gone_nodes",
        "jaccard",
        "persistence",
    )

    @property
    def formed(self) -> int:
        """The number of ties that formed."""
        return len(self.formed_ties)

    @property
    def persisted(self) -> int:
        """The number of ties that persisted."""
        return len(self.persisted_ties)

    @property
    def dissolved(self) -> int:
        """The number of ties that dissolved."""
        return len(self.dissolved_ties)

    @property
    def jaccard(self) -> float:
        """Persisted / (formed + persisted + dissolved): 1 for an unchanged network.

        ``nan`` when neither network has a tie.

        Examples:
            >>> import networkx as nx
            >>> tie_changes(nx.path_graph(3), nx.path_graph(3)).jaccard
            1.0
        """
        union = self.formed + self.persisted + self.dissolved
        return self.persisted / union if union else float("nan")

    @property
    def persistence(self) -> float:
        """The share of the earlier ties still there: persisted / (persisted + dissolved).

        Examples:
            >>> import networkx as nx
            >>> tie_changes(nx.path_graph(3), nx.Graph([(0, 1)])).persistence
            0.5
        """
        before = self.persisted + self.dissolved
        return self.persisted / before if before else float("nan")

    def to_dict(self) -> dict[str, Any]:
        """The counts and rates as a plain dict.

        Examples:
            >>> import networkx as nx
            >>> tie_changes(nx.path_graph(2), nx.path_graph(2)).to_dict()["persisted"]
            1
        """
        return {
            "before": self.before_label,
            "after": self.after_label,
            "formed": self.formed,
            "persisted": self.persisted,
            "dissolved": self.dissolved,
            "new_nodes": len(self.new_nodes),
            "gone_nodes": len(self.gone_nodes),
            "jaccard": self.jaccard,
            "persistence": self.persistence,
        }

    def rows(self) -> list[dict[str, Any]]:
        """The one row: :meth:`to_dict`.

        Examples:
            >>> import networkx as nx
            >>> tie_changes(nx.path_graph(2), nx.path_graph(3)).to_frame()["formed"].tolist()
            [1]
        """
        return [self.to_dict()]

    def _caption(self) -> str:
        before = "before" if self.before_label is None else self.before_label
        after = "after" if self.after_label is None else self.after_label
        return f"Tie changes from {before} to {after}"


def _changes(
    before: nx.Graph[Any], after: nx.Graph[Any], labels: tuple[str | None, str | None]
) -> TieChanges:
    if before.is_directed() != after.is_directed():
        raise ValueError("both networks must be directed, or both undirected")
    old, new = _ties(before), _ties(after)
    directed = before.is_directed()

    def key(u: Hashable, v: Hashable) -> Any:
        return (u, v) if directed else frozenset((u, v))

    formed = tuple((u, v) for u, v in after.edges() if key(u, v) not in old)
    persisted = tuple((u, v) for u, v in after.edges() if key(u, v) in old)
    dissolved = tuple((u, v) for u, v in before.edges() if key(u, v) not in new)
    new_nodes = tuple(v for v in after if v not in before)
    gone_nodes = tuple(v for v in before if v not in after)
    return TieChanges(*labels, formed, persisted, dissolved, new_nodes, gone_nodes)


def tie_changes(before: nx.Graph[Any] | Snapshot, after: nx.Graph[Any] | Snapshot) -> TieChanges:
    """Tie formation, persistence and dissolution between two networks.

    With E_0 and E_1 the tie sets before and after: formed = E_1 − E_0, persisted =
    E_0 ∩ E_1, dissolved = E_0 − E_1; Jaccard's index |E_0 ∩ E_1| / |E_0 or E_1|
    (the union) measures how stable the network is, persistence |E_0 ∩ E_1| / |E_0|
    how many ties survive.
    Ties are unordered pairs on undirected graphs, ordered on directed ones; weights do
    not count. Compare sliding snapshots to see which collaborations were renewed;
    cumulative ones only ever gain ties.

    Args:
        before: The earlier network or snapshot.
        after: The later one.

    Returns:
        The ties and nodes that came, stayed and went.

    Raises:
        ValueError: One network is directed and the other not.

    Examples:
        >>> import networkx as nx
        >>> changes = tie_changes(nx.path_graph(4), nx.cycle_graph(4))
        >>> changes.to_dict()["formed"], changes.dissolved, changes.persistence
        (1, 0, 1.0)
    """
    labels = (
        before.label if isinstance(before, Snapshot) else None,
        after.label if isinstance(after, Snapshot) else None,
    )
    old = before.graph if isinstance(before, Snapshot) else before
    new = after.graph if isinstance(after, Snapshot) else after
    return _changes(old, new, labels)


def tie_changes_over(snapshots: Sequence[Snapshot | nx.Graph[Any]]) -> list[TieChanges]:
    """:func:`tie_changes` between each snapshot and the next.

    Args:
        snapshots: Snapshots (or graphs) in time order.

    Returns:
        One :class:`TieChanges` per consecutive pair (one fewer than the snapshots).

    Examples:
        >>> import networkx as nx
        >>> steps = tie_changes_over([nx.path_graph(2), nx.path_graph(3), nx.Graph([(5, 6)])])
        >>> [(c.formed, c.persisted, c.dissolved) for c in steps]
        [(1, 1, 0), (1, 0, 2)]
    """
    return [tie_changes(a, b) for a, b in itertools.pairwise(snapshots)]

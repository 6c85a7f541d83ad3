r"""Permutation tests of group measures: is the E-I index, the mixing, the brokerage, chance?

A group measure on one network is one number: an E-I index of -0.2, a community sector
holding 42 % of the brokerage. Whether it says more than chance depends on what chance
would give *with the same network*: the tests here recompute the measure in networks
drawn from a null model and compare (:class:`~coinnovation.inference.NullTest`).

Statistics (each exactly as :mod:`coinnovation.network.groups` computes it, checked
against it in the tests):

- ``"ei"``: Krackhardt and Stern's E-I index :math:`(E - I) / (E + I)` of the whole
  network, or of one group (``group=``), or of every group (:func:`permutation_tests`);
- ``"assortativity"``: Newman's :math:`r = (\sum_g e_{gg} - \sum_g a_g b_g) / (1 - \sum_g
  a_g b_g)` on the attribute;
- ``"mixing"`` (:func:`permutation_tests`): each cell :math:`M_{gh}` of the mixing
  matrix, the ties (or weight) joining groups ``g`` and ``h``;
- ``"brokerage"`` (:func:`permutation_tests`): the Gould–Fernandez brokerages held by
  each group in each role (coordinator, itinerant, representative, gatekeeper, liaison,
  total), on the graph read as directed.

Null models:

- ``null="labels"`` — **node-label permutation** (UCINET's E-I test; Borgatti, Everett
  and Freeman 2002): the network stays as it is and the attribute's values are shuffled
  among the nodes, so every group keeps its size. It asks: *given these ties and these
  group sizes, would a random assignment of people to groups give as extreme a value?*
  It assumes the nodes exchangeable under the null — any node could have had any label —
  and keeps every structural feature of the network (degrees, clustering, the cliques a
  session makes), which is what makes it honest for ties that are not independent.
  ``exact=True`` enumerates every distinct labelling (the multiset permutations of the
  values, :math:`n! / \prod_g n_g!` of them, each standing for :math:`\prod_g n_g!` of
  the :math:`n!` permutations, so they are equally likely) when there are at most
  :data:`MAX_LABELLINGS`, and the p-values are exact fractions.
- ``null=BipartiteNull(affiliation)`` — a **degree-preserving bipartite null** for
  networks projected from attendance: draws person × session incidence matrices with
  every person's number of sessions and every session's size kept (curveball trades,
  Strona et al. 2014), projects each one with the library's projection and the
  observed network's weight scheme, and measures it with the labels fixed. It asks:
  *given who is how active and how large each session was, would random attendance
  give as extreme a value?* It assumes sessions and people exchangeable apart from
  those counts (no tables assigned by sector, no repeat meetings of a pair by design).

p-values carry the ``+ 1`` correction (Phipson and Smyth 2010); see
:class:`~coinnovation.inference.NullTest`. Draws come from ``numpy.random.default_rng(seed)``:
the same seed gives the same draws, p-values and null distribution.

Speed: the graph is read once into edge arrays and the group labels into integer codes; a
block of relabellings is an ``n × B`` array of codes (a column per draw) and a statistic a
handful of numpy calls on the ``m × B`` codes at the ends of the ties — no networkx graph
is built or changed. Ten thousand relabellings of the whole-network E-I of a 600,000-tie
network cost about a hundred calls of :func:`~coinnovation.network.ei_index` (see
``benchmarks/bench_inference.py``; the target is at most 200).

References:
    Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). *UCINET for Windows:
    Software for Social Network Analysis*. Analytic Technologies (the E-I index's
    permutation test).

    Carstens, C. J. (2015). Proof of uniform sampling of binary matrices with fixed row
    sums and column sums for the fast curveball algorithm. *Physical Review E* 91,
    042812.

    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach
    to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

    Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational crises:
    an experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.

    Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67, 026126.

    Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
    *Statistical Applications in Genetics and Molecular Biology* 9(1), article 39.

    Strona, G., Nappo, D., Boccacci, F., Fattorini, S. and San-Miguel-Ayanz, J. (2014).
    A fast and unbiased procedure to randomize ecological binary matrices with fixed row
    and column totals. *Nature Communications* 5, 4114.

Examples:
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (3, 4), (5, 6), (1, 3)])
    >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b", 5: "c", 6: "c"}, "sector")
    >>> test = permutation_test(G, "ei", exact=True)
    >>> test.observed, test.permutations, test.p_less
    (-0.5, 90, 0.0666...)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

import attrs
import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation.errors import NullModelError
from coinnovation.inference import _arrays
from coinnovation.inference.results import NullTest, holm
from coinnovation.results import Table

if TYPE_CHECKING:
    from coinnovation.models.hub import Hub
    from coinnovation.models.scope import Scope
    from coinnovation.models.vocabularies import Sector, SessionKind
    from coinnovation.network.build import Level
    from coinnovation.network.centrality import Distance
    from coinnovation.network.projection import Oversize, WeightScheme

__all__ = [
    "HEART_INDICATORS",
    "MAX_LABELLINGS",
    "BipartiteNull",
    "NullTests",
    "heart_tests",
    "permutation_test",
    "permutation_tests",
]

#: The most distinct labellings ``exact=True`` enumerates.
MAX_LABELLINGS = 200_000

#: The heart report's indicators that compare a sector with the others
#: (:func:`heart_tests`): two read the network, three the session record.
HEART_INDICATORS = ("centrality", "brokerage", "throughout", "voice", "equal_partners")

_RECORD_INDICATORS = ("throughout", "voice", "equal_partners")

#: A measure with one value per network (:func:`permutation_test`).
Measure = Literal["ei", "assortativity"]

#: A measure with a family of values: per group, per cell, per group and role
#: (:func:`permutation_tests`).
Measures = Literal["ei", "mixing", "brokerage"]

_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")


# --------------------------------------------------------------------------- results


@attrs.frozen(eq=False)
class NullTests(Table):
    """A family of tests from one set of draws: per group, per cell, per indicator.

    Each test is a :class:`~coinnovation.inference.NullTest`, keyed by a tuple of the
    ``keys`` columns (``("group",)``, ``("from", "to")``, ``("group", "role")``,
    ``("indicator",)``). As a result table, one row per test: the key columns, the
    observed value, the null mean and sd, the three p-values and ``p_holm``, the two-sided
    p-value Holm-adjusted across the family (:func:`~coinnovation.inference.holm`), for
    reading several tests together.

    Attributes:
        statistic: What was tested, in words.
        keys: The names of the key columns.
        tests: Key (a tuple) to its test, in order.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph([(1, 2), (3, 4), (1, 3)])
        >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "sector")
        >>> tests = permutation_tests(G, "ei", exact=True)
        >>> tests["a"].observed, tests["a"].p_less
        (0.0, 0.333...)
        >>> row = tests.rows()[0]
        >>> row["group"], row["p_two_sided"], round(row["p_holm"], 3)
        ('a', 0.333..., 0.667)
    """

    statistic: str
    keys: tuple[str, ...]
    tests: dict[tuple[Hashable, ...], NullTest]

    label = "test"

    @property
    def columns(self) -> tuple[str, ...]:
        """The key columns, then the summary of each test (as :class:`NullTest`'s) and p_holm.

        Examples:
            >>> NullTests("x", ("group",), {}).columns[:3]
            ('group', 'observed', 'null_mean')
        """
        return (*self.keys, *NullTest.columns[:6], "p_holm", *NullTest.columns[6:])

    def __len__(self) -> int:
        return len(self.tests)

    def __iter__(self) -> Iterator[tuple[Hashable, ...]]:
        return iter(self.tests)

    def __getitem__(self, key: Hashable) -> NullTest:
        """The test of ``key``: a tuple of the key columns, or the value when there is one."""
        if key in self.tests:
            return self.tests[key]
        return self.tests[(key,)]

    def holm(self, alternative: str = "two-sided") -> dict[tuple[Hashable, ...], float | None]:
        """Each test's p-value for ``alternative``, Holm-adjusted across the family.

        Examples:
            >>> test = NullTest("x", 1.0, [0.0, 0.0, 0.0], "labels", "draws")
            >>> NullTests("x", ("k",), {("a",): test, ("b",): test}).holm("greater")
            {('a',): 0.5, ('b',): 0.5}
        """
        adjusted = holm([test.p_value(alternative) for test in self.tests.values()])
        return dict(zip(self.tests, adjusted, strict=True))

    def rows(self) -> list[dict[str, Any]]:
        """One row per test: its key columns, summary, p-values and Holm-adjusted p-value.

        Examples:
            >>> test = NullTest("x", 1.0, [0.0, 2.0], "labels", "draws")
            >>> NullTests("x", ("group",), {("a",): test}).rows()[0]["p_two_sided"]
            1.0
        """
        adjusted = self.holm()
        rows = []
        for key, test in self.tests.items():
            summary = test.rows()[0]
            joint = " → " if self.keys == ("from", "to") else ": "
            row: dict[str, Any] = {"test": joint.join(str(part) for part in key)}
            row.update(zip(self.keys, key, strict=True))
            row.update({name: summary[name] for name in NullTest.columns[:6]})
            row["p_holm"] = adjusted[key]
            row.update({name: summary[name] for name in NullTest.columns[6:]})
            rows.append(row)
        return rows

    def reading(self) -> str:
        """Every test's plain-English reading, one a line.

        Examples:
            >>> test = NullTest("E-I index of a", 1.0, [0.0, 2.0], "labels", "draws")
            >>> print(NullTests("E-I index", ("group",), {("a",): test}).reading())
            E-I index of a = 1; as high or higher in 1 of 2 draws (p = 0.67, one-sided; null mean 1, sd 1.4)
        """
        return "\n".join(test.reading() for test in self.tests.values())

    def _caption(self) -> str:
        return f"{self.statistic}: {len(self.tests)} tests"


# --------------------------------------------------------------------------- null models


@attrs.frozen
class BipartiteNull:
    """The degree-preserving bipartite null model: rewired attendance, projected again.

    Draws actor × session incidence matrices that keep every actor's number of sessions
    and every session's number of actors (curveball trades, Strona et al. 2014; uniform
    over such matrices at stationarity, Carstens 2015), projects each with
    :func:`~coinnovation.network.projection.project` under the observed network's weight
    scheme (``G.graph["weight_scheme"]``, ``"count"`` if absent, and its
    ``max_session_size``/``oversize``), and measures the projection with the observed
    labels (with ``weight=``, a draw's ties weigh what the projection gives them, whatever
    the attribute is called). The chain starts at the observed matrix, makes ``burn_in``
    trades, then ``thinning`` trades between recorded draws. The draws of a Markov chain
    are not independent: p-values are approximate, the better the longer the thinning.

    What it takes: ``affiliation``, the two-mode network the tested graph is the
    projection of — as :func:`~coinnovation.network.affiliation_graph` builds it (actors
    with ``bipartite=0``, sessions with ``bipartite=1``; without that attribute, every
    node not in the tested graph is a session). Its actors must be exactly the tested
    graph's nodes, and its projection must have the graph's ties (a graph built with
    ``min_weight=`` or from other sessions is not its projection); else
    :class:`~coinnovation.errors.NullModelError`. At the person level,
    ``affiliation_graph(hub, scope=s)`` matches ``collaboration_graph(hub, scope=s)``.

    Attributes:
        affiliation: The two-mode actor–session network.
        burn_in: Trades before the first draw; ``None``: 10 × the number of actors.
        thinning: Trades between draws; ``None``: the number of actors (each actor is
            then in two trades per draw on average).

    Examples:
        >>> import networkx as nx
        >>> B = nx.Graph([("ana", "s1"), ("ben", "s1"), ("cy", "s2"), ("dee", "s2"),
        ...               ("ana", "s3"), ("cy", "s3")])
        >>> nx.set_node_attributes(B, {n: int(n.startswith("s")) for n in B}, "bipartite")
        >>> G = nx.bipartite.weighted_projected_graph(B, ["ana", "ben", "cy", "dee"])
        >>> nx.set_node_attributes(G, {"ana": "a", "ben": "a", "cy": "b", "dee": "b"}, "sector")
        >>> test = permutation_test(G, "ei", null=BipartiteNull(B), permutations=99, seed=1)
        >>> test.observed, test.null_model
        (-0.333..., 'bipartite')
    """

    affiliation: nx.Graph[Any]
    burn_in: int | None = None
    thinning: int | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("burn_in", "thinning"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError(f"{name} must be an int or None, not {value!r}")
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative, not {value}")


NullModel = Literal["labels"] | BipartiteNull


# --------------------------------------------------------------------------- the engine


#: A statistic on edges and a block of codes (n × B): (B, q) values, nan where undefined.
_Kernel = Callable[[_arrays.Edges, _arrays.Codes], NDArray[np.float64]]


def _ties(edges: _arrays.Edges) -> int:
    return int(edges.source.size)


@attrs.frozen
class _Plan:
    """What to measure: the family's keys, statistic names, and the kernel."""

    statistic: str
    keys: tuple[str, ...]
    items: tuple[tuple[Hashable, ...], ...]
    names: tuple[str, ...]
    kernel: _Kernel
    reasons: tuple[str, ...]
    #: Bytes per cell of a block's largest array (a cell: a tie, or a two-path for
    #: brokerage, in one draw), to size the blocks: int64 indices; int8 codes for the E-I.
    cost: int = 8
    #: How many cells a draw has: its ties (two-paths for brokerage).
    cells: Callable[[_arrays.Edges], int] = _ties


class _PathsOf:
    """The two-paths of the last edges asked about: they depend on the ties only."""

    def __init__(self) -> None:
        self.held: tuple[_arrays.Edges, _arrays.TwoPaths] | None = None

    def __call__(self, edges: _arrays.Edges) -> _arrays.TwoPaths:
        if self.held is None or self.held[0] is not edges:
            self.held = (edges, _arrays.two_paths(edges))
        return self.held[1]


def _brokerage_kernel(groups: int, paths_of: _PathsOf) -> _Kernel:
    def kernel(edges: _arrays.Edges, block: _arrays.Codes) -> NDArray[np.float64]:
        counts = _arrays.roles(paths_of(edges), block, groups)
        return counts.reshape(block.shape[1], -1).astype(np.float64)

    return kernel


def _plan(
    measure: str,
    labels: _arrays.Labels,
    attribute: str,
    group: Hashable | None,
    *,
    family: bool,
    directed: bool,
) -> _Plan:
    known = ("ei", "mixing", "brokerage") if family else ("ei", "assortativity")
    if measure not in known:
        names = "'ei', 'mixing' or 'brokerage'" if family else "'ei' or 'assortativity'"
        raise ValueError(f"measure must be {names}, not {measure!r}")
    groups = labels.groups
    k = len(groups)
    if measure == "ei" and not family:
        if group is None:

            def whole(edges: _arrays.Edges, block: _arrays.Codes) -> NDArray[np.float64]:
                return _arrays.ei_whole(edges, _arrays.internal(edges, block))[:, None]

            name = f"E-I index by {attribute}, whole network"
            reasons = ("the network has no ties",)
            return _Plan(name, (), ((),), (name,), whole, reasons, cost=1)
        if group not in groups:
            raise ValueError(f"no group {group!r} of {attribute!r}; the groups are {list(groups)}")
        at = groups.index(group)

        def one(edges: _arrays.Edges, block: _arrays.Codes) -> NDArray[np.float64]:
            matrix = _arrays.mixing(edges, block, k)
            return _arrays.ei_groups(matrix, edges.directed)[:, at : at + 1]

        name = f"E-I index of {attribute} {group}"
        return _Plan(name, (), ((),), (name,), one, (f"no tie touches group {group!r}",))
    if measure == "ei":

        def each(edges: _arrays.Edges, block: _arrays.Codes) -> NDArray[np.float64]:
            return _arrays.ei_groups(_arrays.mixing(edges, block, k), edges.directed)

        return _Plan(
            f"E-I index by {attribute}, per group",
            ("group",),
            tuple((g,) for g in groups),
            tuple(f"E-I index of {attribute} {g}" for g in groups),
            each,
            tuple(f"no tie touches group {g!r}" for g in groups),
        )
    if measure == "assortativity":
        if group is not None:
            raise ValueError("group= chooses a group's E-I index: assortativity has no groups")

        def r(edges: _arrays.Edges, block: _arrays.Codes) -> NDArray[np.float64]:
            return _arrays.assortativity(_arrays.mixing(edges, block, k))[:, None]

        name = f"assortativity by {attribute}"
        reason = "no ties, or every tie end in one group"
        return _Plan(name, (), ((),), (name,), r, (reason,))
    if measure == "mixing":
        cells = [(g, h) for g in range(k) for h in range(k) if directed or g <= h]
        rows = np.array([g for g, _ in cells], dtype=np.intp)
        columns = np.array([h for _, h in cells], dtype=np.intp)

        def matrix(edges: _arrays.Edges, block: _arrays.Codes) -> NDArray[np.float64]:
            values: NDArray[np.float64] = _arrays.mixing(edges, block, k)[:, rows, columns]
            return values

        return _Plan(
            f"mixing by {attribute}",
            ("from", "to"),
            tuple((groups[g], groups[h]) for g, h in cells),
            tuple(f"ties {groups[g]} → {groups[h]}" for g, h in cells),
            matrix,
            tuple("" for _ in cells),
        )
    if measure == "brokerage":
        paths_of = _PathsOf()
        return _Plan(
            f"brokerage by {attribute}",
            ("group", "role"),
            tuple((g, role) for g in groups for role in _ROLES),
            tuple(f"{role} brokerages of {attribute} {g}" for g in groups for role in _ROLES),
            _brokerage_kernel(k, paths_of),
            tuple("" for _ in range(k * len(_ROLES))),
            cells=lambda edges: int(paths_of(edges).broker.size),
        )
    raise AssertionError(measure)  # pragma: no cover - refused above


def _check_count(permutations: int) -> None:
    if isinstance(permutations, bool) or not isinstance(permutations, int):
        raise TypeError(f"permutations must be an int, not {permutations!r}")
    if permutations < 1:
        raise ValueError(f"permutations must be at least 1, not {permutations}")


def _check_seed(seed: int | None) -> None:
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ValueError(f"seed must be a non-negative int or None, not {seed!r}")


def _draw_labels(
    plan: _Plan,
    edges: _arrays.Edges,
    codes: _arrays.Codes,
    *,
    permutations: int,
    seed: int | None,
    exact: bool,
) -> NDArray[np.float64]:
    """The statistic in every draw: (draws, q)."""
    block = _arrays.block_size(plan.cells(edges), plan.cost)
    if exact:
        sizes = np.bincount(codes).astype(np.int64)
        count = _arrays.labelling_count(sizes)
        if count > MAX_LABELLINGS:
            raise NullModelError(
                f"{count:,} distinct labellings to enumerate, more than {MAX_LABELLINGS:,}: "
                "leave out exact=True and draw random relabellings (permutations=)"
            )
        every = _arrays.every_labelling(sizes)
        parts = [
            plan.kernel(edges, np.ascontiguousarray(every[i : i + block].T))
            for i in range(0, len(every), block)
        ]
        return np.concatenate(parts, axis=0)
    rng = np.random.default_rng(seed)
    parts = [
        plan.kernel(edges, draws) for draws in _arrays.relabellings(codes, permutations, rng, block)
    ]
    return np.concatenate(parts, axis=0)


def _affiliation_rows(G: nx.Graph[Any], affiliation: nx.Graph[Any]) -> tuple[list[set[int]], int]:
    """Each node of ``G``'s sessions (column numbers) in the affiliation network."""
    kinds = nx.get_node_attributes(affiliation, "bipartite")
    if len(kinds) == affiliation.number_of_nodes():
        actors = {node for node, side in kinds.items() if side == 0}
        sessions = [node for node in affiliation if kinds[node] != 0]
    else:
        actors = {node for node in affiliation if node in G}
        sessions = [node for node in affiliation if node not in G]
    missing = [node for node in G if node not in actors]
    extra = [node for node in actors if node not in G]
    if missing or extra:
        named = ", ".join(repr(node) for node in (missing or extra)[:5])
        where = "not among the affiliation network's actors" if missing else "not in the graph"
        count = len(missing or extra)
        nodes = "node is" if count == 1 else "nodes are"
        raise NullModelError(
            f"{count} {nodes} {where}: {named}; the affiliation network must be the "
            "two-mode network the graph is the projection of"
        )
    column = {session: i for i, session in enumerate(sessions)}
    rows = [{column[s] for s in affiliation[node] if s in column} for node in G]
    return rows, len(sessions)


def _draw_bipartite(
    plan: _Plan,
    G: nx.Graph[Any],
    edges: _arrays.Edges,
    codes: _arrays.Codes,
    null: BipartiteNull,
    *,
    weight: str | None,
    permutations: int,
    seed: int | None,
) -> NDArray[np.float64]:
    from coinnovation.network.projection import project

    if G.is_directed() or G.is_multigraph():
        raise NullModelError("the bipartite null model projects to a simple undirected graph")
    rows, sessions = _affiliation_rows(G, null.affiliation)
    scheme = G.graph.get("weight_scheme", "count")
    options = {
        "nodes": range(len(rows)),
        "sessions": range(sessions),
        "weight": scheme,
        "max_session_size": G.graph.get("max_session_size"),
        "oversize": G.graph.get("oversize") or "skip",
    }

    def projected(chain: _arrays.Curveball) -> _arrays.Edges:
        actors, columns = chain.incidence()
        edge_list = project(actors, columns, **options)
        return _arrays.make_edges(
            edge_list.source,
            edge_list.target,
            edge_list.weight if weight is not None else np.ones(len(edge_list)),
            len(rows),
            directed=False,
            weighted=weight is not None,
        )

    rng = np.random.default_rng(seed)
    chain = _arrays.Curveball(rows, rng)
    observed = projected(chain)
    if observed.source.size != edges.source.size:
        raise NullModelError(
            f"the affiliation network projects ({scheme!r} weights) to {observed.source.size:,} "
            f"ties, the graph has {edges.source.size:,}: test the graph built from the same "
            "sessions, without min_weight="
        )
    actors = len(rows)
    chain.trade(10 * actors if null.burn_in is None else null.burn_in)
    thinning = actors if null.thinning is None else null.thinning
    single = codes[:, None]
    values = []
    for _ in range(permutations):
        chain.trade(thinning)
        values.append(plan.kernel(projected(chain), single))
    return np.concatenate(values, axis=0)


def _run(
    G: nx.Graph[Any],
    plan: _Plan,
    edges: _arrays.Edges,
    labels: _arrays.Labels,
    attribute: str,
    *,
    null: NullModel,
    weight: str | None,
    permutations: int,
    seed: int | None,
    exact: bool,
) -> list[NullTest]:
    _check_count(permutations)
    _check_seed(seed)
    observed = plan.kernel(edges, labels.codes[:, None])[0]
    if isinstance(null, BipartiteNull):
        if exact:
            raise ValueError("exact=True enumerates labellings: it needs null='labels'")
        values = _draw_bipartite(
            plan, G, edges, labels.codes, null, weight=weight, permutations=permutations, seed=seed
        )
        model, draws = "bipartite", "rewired affiliation networks"
    elif null == "labels":
        values = _draw_labels(
            plan, edges, labels.codes, permutations=permutations, seed=seed, exact=exact
        )
        model = "labels"
        draws = f"relabellings of {attribute}" if exact else f"random relabellings of {attribute}"
    else:
        raise ValueError(f"null must be 'labels' or a BipartiteNull, not {null!r}")
    tests = []
    for i, name in enumerate(plan.names):
        column = values[:, i]
        defined = column[~np.isnan(column)]
        value = float(observed[i])
        tests.append(
            NullTest(
                name,
                None if np.isnan(value) else value,
                defined,
                model,
                draws,
                seed=None if exact else seed,
                exact=exact,
                reason=plan.reasons[i] or "not defined" if np.isnan(value) else None,
                undefined=int(column.size - defined.size),
            )
        )
    return tests


def permutation_test(
    G: nx.Graph[Any],
    measure: Measure = "ei",
    attribute: str = "sector",
    *,
    group: Hashable | None = None,
    null: NullModel = "labels",
    permutations: int = 9999,
    seed: int | None = None,
    weight: str | None = None,
    exact: bool = False,
    default: Hashable | None = None,
) -> NullTest:
    r"""Test one group measure of a network against a null model.

    ``measure="ei"`` tests Krackhardt and Stern's E-I index, :math:`(E - I) / (E + I)`
    with ``E`` the ties between groups and ``I`` those inside (the whole network's, or
    ``group``'s: the ties with one or both ends in it), as
    :func:`~coinnovation.network.ei_index` computes it (on a directed graph, with
    ``direction="all"``); ``"assortativity"`` Newman's
    :math:`r` (:func:`~coinnovation.network.assortativity`). A low E-I index (or a high
    ``r``) with a small ``p_less`` (``p_greater``) says the groups keep to themselves more
    than chance would have them. For the families (every group's E-I, the mixing matrix,
    the brokerage roles) see :func:`permutation_tests`.

    Args:
        G: The network, directed or undirected (an undirected tie counts once).
        measure: ``"ei"`` or ``"assortativity"``.
        attribute: The node attribute that defines the groups.
        group: For ``"ei"``: test this group's E-I index instead of the whole network's.
        null: ``"labels"`` (shuffle the attribute among the nodes) or a
            :class:`BipartiteNull` (rewire the attendance the network was projected from).
        permutations: The number of random draws.
        seed: Seeds the draws (``numpy.random.default_rng``); ``None``: fresh entropy.
        weight: The edge attribute to sum; ``None`` counts ties (as the measures do).
        exact: Enumerate every distinct labelling instead of drawing (labels only;
            at most :data:`MAX_LABELLINGS`).
        default: The group for nodes without the attribute.

    Returns:
        The :class:`~coinnovation.inference.NullTest`: observed value, the null
        distribution, p-values. Its ``observed`` is ``None``, with a reason, when the
        measure is not defined (no ties).

    Raises:
        MissingAttributeError: Some nodes lack the attribute and no ``default`` was given.
        NullModelError: ``exact=True`` with more than :data:`MAX_LABELLINGS` labellings;
            an affiliation network that does not project to ``G``.
        ValueError: An unknown measure, group or null model; ``permutations`` below 1;
            a negative or non-integer seed; a negative weight.
        TypeError: ``permutations`` not an int.

    References:
        Krackhardt and Stern (1988); Newman (2003); Borgatti, Everett and Freeman (2002)
        for the permutation test of the E-I index (see the module).

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph([(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 1), (1, 4)])
        >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "b"}, "sector")
        >>> test = permutation_test(G, "ei", permutations=999, seed=7)
        >>> test.observed, test.permutations, test.seed
        (-0.142..., 999, 7)
        >>> permutation_test(G, "assortativity", exact=True).p_greater
        0.3
    """
    labels = _arrays.labels_of(G, attribute, default)
    edges = _arrays.edges_of(G, weight)
    plan = _plan(measure, labels, attribute, group, family=False, directed=edges.directed)
    (test,) = _run(
        G,
        plan,
        edges,
        labels,
        attribute,
        null=null,
        weight=weight,
        permutations=permutations,
        seed=seed,
        exact=exact,
    )
    return test


def permutation_tests(
    G: nx.Graph[Any],
    measure: Measures = "ei",
    attribute: str = "sector",
    *,
    null: NullModel = "labels",
    permutations: int = 9999,
    seed: int | None = None,
    weight: str | None = None,
    exact: bool = False,
    default: Hashable | None = None,
) -> NullTests:
    """Test a family of group measures from one set of draws.

    - ``"ei"``: the E-I index of every group (the ties with at least one end in it;
      external those with exactly one), keyed ``(group,)``;
    - ``"mixing"``: every cell of the mixing matrix
      (:func:`~coinnovation.network.mixing`: arcs from ``g`` to ``h``; an undirected tie
      counts from both ends), keyed ``(from, to)``;
    - ``"brokerage"``: the Gould–Fernandez brokerages held by each group's members in
      each role and in total (:func:`~coinnovation.network.brokerage`, the graph read as
      directed, weights ignored), keyed ``(group, role)``.

    Every test shares the draws; ``p_holm`` in the rows adjusts the two-sided p-values
    for testing the whole family.

    Args:
        G: The network.
        measure: ``"ei"``, ``"mixing"`` or ``"brokerage"``.
        attribute: The node attribute that defines the groups.
        null: ``"labels"`` or a :class:`BipartiteNull`.
        permutations: The number of random draws.
        seed: Seeds the draws; ``None``: fresh entropy.
        weight: The edge attribute to sum (E-I, mixing); ``None`` counts ties.
        exact: Enumerate every distinct labelling (labels only).
        default: The group for nodes without the attribute.

    Returns:
        The :class:`NullTests`.

    Raises:
        MissingAttributeError: Some nodes lack the attribute and no ``default`` was given.
        NullModelError: Too many labellings for ``exact=True``; an affiliation network
            that does not project to ``G``; too many two-paths to list for brokerage.
        ValueError: An unknown measure or null model; a bad ``permutations`` or ``seed``.

    Examples:
        >>> import networkx as nx
        >>> G = nx.path_graph(5)
        >>> nx.set_node_attributes(G, dict(enumerate("abacb")), "sector")
        >>> tests = permutation_tests(G, "brokerage", exact=True)
        >>> tests["b", "itinerant"].observed, tests["b", "itinerant"].p_greater
        (2.0, 0.2)
        >>> permutation_tests(G, "mixing", permutations=99, seed=1)["a", "b"].observed
        2.0
    """
    labels = _arrays.labels_of(G, attribute, default)
    edges = _arrays.edges_of(G, None if measure == "brokerage" else weight)
    plan = _plan(measure, labels, attribute, None, family=True, directed=edges.directed)
    tests = _run(
        G,
        plan,
        edges,
        labels,
        attribute,
        null=null,
        weight=weight,
        permutations=permutations,
        seed=seed,
        exact=exact,
    )
    return NullTests(plan.statistic, plan.keys, dict(zip(plan.items, tests, strict=True)))


# --------------------------------------------------------------------------- the heart


def heart_tests(
    hub: Hub,
    *,
    sector: Sector | str = "community",
    level: Level = "organisation",
    weight: WeightScheme = "newman",
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    distance: Distance = None,
    max_pairs: int | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    indicators: Iterable[str] = ("centrality", "brokerage"),
    permutations: int = 9999,
    seed: int | None = None,
    exact: bool = False,
) -> NullTests:
    r"""Test the heart report's indicators that compare a sector with the others.

    The ``centrality`` and ``brokerage`` indicators of
    :func:`~coinnovation.heart.heart_report` compare a sector's nodes with the others in
    the collaboration network: the ratio of their mean betweenness to everyone's, and
    their share of the Gould–Fernandez brokerages. The null model relabels the nodes'
    sectors at random, keeping how many nodes each sector has (node-label permutation,
    as UCINET's E-I test): at the organisation level, the organisations' sectors are
    shuffled among the organisations. The network, and so every node's betweenness and
    number of brokerages, stays as it is; only who counts as the sector changes:

    .. math::

        \text{centrality} = \frac{\frac{1}{|S|}\sum_{v \in S} c_B(v)}
        {\frac{1}{n}\sum_v c_B(v)}, \qquad
        \text{brokerage} = \frac{\sum_{v \in S} b(v)}{\sum_v b(v)}

    with ``S`` the sector's nodes. The observed values are the report's, from the same
    options. A small ``p_greater`` says the sector is more central (brokers more) than a
    random set of as many nodes would be in this network.

    The indicators that read the session record — ``throughout`` (stages with the
    sector taking part), ``voice`` (its share of the framings), ``equal_partners``
    (agreements rewarding it in proportion) — are tested when named in ``indicators``:
    each draw shuffles the sectors of the hub's organisations among them (each sector
    keeps its number of organisations; a person with a sector of their own keeps it)
    and recomputes :func:`~coinnovation.heart.heart_report` on the relabelled hub, with
    the same options (the others at the report's defaults). That is the report's own
    definition, draw by draw, and costs a report per draw without its network (a few
    milliseconds on the example hub: 999 draws take some seconds). ``reach`` compares deprived communities with
    the population, not sectors, and is not tested. ``p_holm`` adjusts for testing the
    indicators together.

    Args:
        hub: The hub.
        sector: The sector at the heart.
        level: The network's actors (see :func:`~coinnovation.heart.heart_report`).
        weight: Its tie weights.
        scope: The sessions it is built from; or ``kind``.
        kind: Only sessions of this kind (or kinds).
        distance: Distances for betweenness (as the report's ``distance``).
        max_pairs: The network's size guard; ``None``: the library's default.
        max_session_size: Skip or down-weight larger sessions (a plenary) in the
            network (see :func:`~coinnovation.network.build.collaboration_graph`).
        oversize: ``"skip"`` or ``"downweight"``: what ``max_session_size`` does.
        permutations: The number of random relabellings.
        seed: Seeds them; ``None``: fresh entropy.
        indicators: Which to test, of :data:`HEART_INDICATORS`, in that order.
        exact: Enumerate every way of choosing the sector's nodes (at most
            :data:`MAX_LABELLINGS`; the network indicators only).

    Returns:
        :class:`NullTests` keyed ``(indicator,)``; a test's ``observed`` is ``None``
        (with the reason) when the report's value is.

    Raises:
        ValueError: An unknown sector, level, weight, session kind or indicator; bad
            ``permutations`` or ``seed``; ``exact=True`` with a record indicator.
        NullModelError: ``exact=True`` with too many labellings; too many two-paths.
        ProjectionTooLargeError: The network would be larger than ``max_pairs``.

    Examples:
        >>> import coinnovation as co
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> tests = heart_tests(hub, kind="table", permutations=999, seed=1)
        >>> round(tests["centrality"].observed, 3), round(tests["brokerage"].observed, 3)
        (1.093, 0.417)
        >>> tests["brokerage"].permutations
        999
        >>> voice = heart_tests(hub, kind="table", indicators=["voice"], permutations=19, seed=1)
        >>> round(voice["voice"].observed, 3), voice["voice"].draws
        (0.636, "random relabellings of the organisations' sectors")
    """
    from coinnovation.models.scope import Scope
    from coinnovation.models.vocabularies import Sector, session_kinds
    from coinnovation.network.build import collaboration_graph
    from coinnovation.network.centrality import centrality_table
    from coinnovation.network.groups import brokerage
    from coinnovation.network.projection import DEFAULT_MAX_PAIRS

    _check_count(permutations)
    _check_seed(seed)
    chosen = Sector(sector)
    names = list(dict.fromkeys(indicators if not isinstance(indicators, str) else [indicators]))
    for name in names:
        if name not in HEART_INDICATORS:
            raise ValueError(
                f"no heart indicator {name!r} to test; choose from {', '.join(HEART_INDICATORS)}"
            )
    records = [name for name in names if name in _RECORD_INDICATORS]
    if exact and records:
        raise ValueError(
            f"exact=True enumerates the network's labellings: {', '.join(records)} "
            "recompute the report per draw; draw them (permutations=)"
        )
    sessions = Scope.from_options(scope, kind=session_kinds(kind) or None)
    pairs = DEFAULT_MAX_PAIRS if max_pairs is None else max_pairs
    graph = collaboration_graph(
        hub,
        level=level,
        weight=weight,
        scope=sessions,
        max_pairs=pairs,
        max_session_size=max_session_size,
        oversize=oversize,
    )
    nodes = list(graph)
    member = np.array(
        [graph.nodes[node].get("sector") == chosen.value for node in nodes], dtype=np.int8
    )
    label = chosen.value.replace("_", " ")
    betweenness = np.zeros(len(nodes))
    brokerages = np.zeros(len(nodes))
    if nodes:
        table = centrality_table(graph, measures=("betweenness",), distance=distance)
        betweenness = np.asarray(table.columns["betweenness"], dtype=np.float64)
        result = brokerage(graph.to_directed(), "sector", default="unknown")
        brokerages = np.asarray(result.nodes.columns["total"], dtype=np.float64)
    members = int(member.sum())
    n = len(nodes)

    def centrality(block: _arrays.Codes) -> NDArray[np.float64]:
        mean = float(betweenness.mean()) if n else 0.0
        if not members or mean <= 0:
            return np.full(block.shape[1], np.nan)
        result: NDArray[np.float64] = (betweenness @ block) / members / mean
        return result

    def share(block: _arrays.Codes) -> NDArray[np.float64]:
        total = float(brokerages.sum())
        if total <= 0:
            return np.full(block.shape[1], np.nan)
        result: NDArray[np.float64] = (brokerages @ block) / total
        return result

    statistics = {
        "centrality": (
            f"centrality: mean betweenness of {label} nodes ÷ mean of all",
            centrality,
            f"no {label}-sector node, or nobody lies between others",
        ),
        "brokerage": (
            f"brokerage: {label} share of the brokerages",
            share,
            "nobody brokers",
        ),
    }
    if n == 0:
        draws = np.zeros((n, 0), dtype=np.int8)
    elif exact:
        sizes = np.bincount(member, minlength=2).astype(np.int64)
        count = _arrays.labelling_count(sizes)
        if count > MAX_LABELLINGS:
            raise NullModelError(
                f"{count:,} ways to choose the {members} {label}-sector nodes among {n}, more "
                f"than {MAX_LABELLINGS:,}: leave out exact=True and draw random relabellings"
            )
        draws = np.ascontiguousarray(_arrays.every_labelling(sizes).T)
    elif not {"centrality", "brokerage"} & set(names):
        draws = np.zeros((n, 0), dtype=np.int8)
    else:
        blocks = _arrays.relabellings(
            member, permutations, np.random.default_rng(seed), _arrays.block_size(n)
        )
        draws = np.concatenate(list(blocks), axis=1)
    rng = np.random.default_rng(seed)
    tests: dict[tuple[Hashable, ...], NullTest] = {}
    for name, (statistic, kernel, reason) in statistics.items():
        if name not in names:
            continue
        observed = float(kernel(member[:, None])[0]) if n else float("nan")
        values = kernel(draws) if n else np.zeros(0)
        defined = values[~np.isnan(values)]
        tests[(name,)] = NullTest(
            statistic,
            None if np.isnan(observed) else observed,
            defined,
            "labels",
            "relabellings of sector" if exact else "random relabellings of sector",
            seed=None if exact else seed,
            exact=exact,
            reason=(reason if n else "no collaboration network") if np.isnan(observed) else None,
            undefined=int(values.size - defined.size),
            details={"indicator": name, "sector": chosen.value, "level": level},
        )
    if records:
        options = {
            "sector": chosen,
            "level": level,
            "weight": weight,
            "scope": sessions,
            "distance": distance,
            "max_pairs": pairs,
            "max_session_size": max_session_size,
            "oversize": oversize,
        }
        tests.update(_record_tests(hub, records, options, permutations, rng, seed))
    ordered: dict[tuple[Hashable, ...], NullTest] = {(name,): tests[(name,)] for name in names}
    return NullTests(f"heart of the hub: the {label} sector", ("indicator",), ordered)


def _record_tests(
    hub: Hub,
    names: list[str],
    options: dict[str, Any],
    permutations: int,
    rng: np.random.Generator,
    seed: int | None,
) -> dict[tuple[Hashable, ...], NullTest]:
    """The record indicators against the organisations' sectors shuffled among them."""
    from coinnovation.heart import heart_report
    from coinnovation.models.scope import Scope

    report = heart_report(hub, **options)
    # The record indicators read every session whatever the network's scope: the draws
    # skip the network (no sessions chosen), unless that changed what they give here.
    fast = {**options, "scope": Scope(sessions=())}
    quick = heart_report(hub, **fast)
    if any(quick[name].value != report[name].value for name in names):
        fast = options
    organisations = hub.organisations
    sectors = [organisation.sector for organisation in organisations]
    values: dict[str, list[float]] = {name: [] for name in names}
    undefined = dict.fromkeys(names, 0)
    for _ in range(permutations):
        order = rng.permutation(len(organisations)).tolist()
        changed = [
            organisation.model_copy(update={"sector": sectors[j]})
            for organisation, j in zip(organisations, order, strict=True)
            if sectors[j] != organisation.sector
        ]
        drawn = heart_report(hub.replace(*changed) if changed else hub, **fast)
        for name in names:
            value = drawn[name].value
            if value is None:
                undefined[name] += 1
            else:
                values[name].append(float(value))
    label = options["sector"].value.replace("_", " ")
    tests: dict[tuple[Hashable, ...], NullTest] = {}
    for name in names:
        indicator = report[name]
        tests[(name,)] = NullTest(
            f"{name}: the {label} sector's value in the heart report",
            indicator.value,
            values[name],
            "labels",
            "random relabellings of the organisations' sectors",
            seed=seed,
            reason=None if indicator.value is not None else indicator.reason or "not computed",
            undefined=undefined[name],
            details={"indicator": name, "sector": options["sector"].value},
        )
    return tests

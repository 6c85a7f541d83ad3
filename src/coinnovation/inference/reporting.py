r"""The heart report with its p-values and intervals: :func:`heart_report_tested`.

:func:`~coinnovation.heart.heart_report` says where a sector stands; this module adds how
far that is from chance and how sure it is, in the report itself, where people read the
figures. It runs :func:`~coinnovation.inference.heart_tests` (the indicators against
random relabellings of the sectors) and :func:`~coinnovation.inference.heart_bootstrap`
(the indicators over resamples of the sessions) with the report's options and attaches
their figures to each :class:`~coinnovation.heart.Indicator` as plain data
(:class:`~coinnovation.heart.Significance`, :class:`~coinnovation.heart.Interval`)
through :meth:`HeartReport.with_inference
<coinnovation.heart.HeartReport.with_inference>`.

Which p-value. Each indicator says which way is good (``better``); its p-value is the
one-sided one on that side — ``"greater"`` for "higher is better":
:math:`p = (1 + \#\{i : s_i \ge s\}) / (1 + n)` over ``n`` relabellings (Phipson and
Smyth 2010), the chance that a random set of as many nodes (organisations) would do as
well. ``p_holm`` adjusts these p-values for testing the indicators together (Holm 1979).
The null model and its assumptions are :func:`~coinnovation.inference.heart_tests`'
(node-label permutation, UCINET's test; Borgatti, Everett and Freeman 2002); the
interval is the percentile interval of :func:`~coinnovation.inference.heart_bootstrap`
(Efron and Tibshirani 1993, §13.3).

References:
    Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). *UCINET for Windows:
    Software for Social Network Analysis*. Analytic Technologies.

    Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    Chapman & Hall.

    Holm, S. (1979). A simple sequentially rejective multiple test procedure.
    *Scandinavian Journal of Statistics* 6(2), 65–70.

    Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
    *Statistical Applications in Genetics and Molecular Biology* 9(1), article 39.

Examples:
    >>> import coinnovation as co
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report_tested(hub, kind="table", permutations=99, seed=1)
    >>> report["brokerage"].significance.summary
    'p = 0.17 (seen in 16 of 99 random relabellings of sector)'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from coinnovation.heart import HeartReport, Interval, Significance, heart_report
from coinnovation.inference.bootstrap import HeartBootstrap, heart_bootstrap
from coinnovation.inference.permutation import NullTests, heart_tests
from coinnovation.inference.results import NullTest, holm
from coinnovation.models.vocabularies import ParticipationLevel, Sector
from coinnovation.network.projection import DEFAULT_MAX_PAIRS, Oversize

if TYPE_CHECKING:
    from coinnovation.heart import UnknownLevel
    from coinnovation.models.base import Money
    from coinnovation.models.hub import Hub
    from coinnovation.models.scope import Scope
    from coinnovation.models.vocabularies import SessionKind
    from coinnovation.network.build import Level
    from coinnovation.network.centrality import Distance
    from coinnovation.network.projection import WeightScheme

__all__ = ["HISTOGRAM_BINS", "heart_report_tested", "interval_of", "significance_of"]

#: The bins of the null distribution's histogram a :class:`~coinnovation.heart.Significance`
#: keeps for its picture.
HISTOGRAM_BINS = 24

_SIDE = {"higher": "greater", "lower": "less", "closer": "two-sided"}

_RECORD_INDICATORS = ("throughout", "voice", "equal_partners")


def _count(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, not {value}")
    return value


def _histogram(test: NullTest) -> tuple[list[float], list[int]]:
    """The null distribution in :data:`HISTOGRAM_BINS` bins spanning it and the observed value."""
    if test.null.size == 0:
        return [], []
    low, high = float(test.null.min()), float(test.null.max())
    if test.observed is not None:
        low, high = min(low, test.observed), max(high, test.observed)
    if math.isclose(low, high, rel_tol=1e-12, abs_tol=1e-12):
        low, high = low - 0.5, high + 0.5
    counts, edges = np.histogram(test.null, bins=HISTOGRAM_BINS, range=(low, high))
    return [float(edge) for edge in edges], [int(count) for count in counts]


def significance_of(
    test: NullTest, alternative: str = "greater", *, p_holm: float | None = None
) -> Significance:
    """A :class:`~coinnovation.inference.NullTest` as the report's plain data.

    Args:
        test: The test.
        alternative: The side the p-value is read on: ``"greater"``, ``"less"`` or
            ``"two-sided"``.
        p_holm: Its p-value adjusted with the others tested together, if any.

    Returns:
        The :class:`~coinnovation.heart.Significance`: the p-value for
        ``alternative``, the draws at least as extreme, the null mean and sd, the
        histogram of the null distribution, and the reading in plain English.

    Examples:
        >>> test = NullTest("x", 2.0, [0.0, 1.0, 3.0], "labels", "draws", seed=1)
        >>> significance_of(test).summary
        'p = 0.5 (seen in 1 of 3 draws)'
    """
    bins, counts = _histogram(test)
    return Significance(
        p_value=test.p_value(alternative),
        alternative=alternative,
        hits=test.hits(alternative) or 0,
        permutations=test.permutations,
        null_model=test.null_model,
        draws=test.draws,
        observed=test.observed,
        null_mean=test.null_mean,
        null_sd=test.null_sd,
        p_holm=p_holm,
        p_greater=test.p_greater,
        p_less=test.p_less,
        p_two_sided=test.p_two_sided,
        seed=test.seed,
        exact=test.exact,
        reading=test.reading(alternative),
        bins=bins,
        counts=counts,
        reason=test.reason,
    )


def interval_of(result: HeartBootstrap, name: str) -> Interval:
    """One indicator's row of a :class:`~coinnovation.inference.HeartBootstrap` as plain data.

    Args:
        result: The bootstrap of the heart indicators.
        name: The indicator.

    Returns:
        Its :class:`~coinnovation.heart.Interval`.

    Raises:
        KeyError: ``name`` is not in the result.

    Examples:
        >>> result = HeartBootstrap("heart indicators", ("voice",), [0.5], [[0.4], [0.6]])
        >>> interval_of(result, "voice").summary
        '95 % interval 0.41 to 0.59 (2 resamples of the sessions)'
    """
    row = result.row(name)
    return Interval(
        low=row["lower"],
        high=row["upper"],
        confidence=result.confidence,
        resamples=result.resamples,
        mean=row["mean"],
        std_error=row["std_error"],
        undefined=row["undefined"],
        sessions=result.sessions,
        seed=result.seed,
    )


def heart_report_tested(
    hub: Hub,
    *,
    permutations: int = 999,
    resamples: int = 0,
    seed: int | None = None,
    indicators: Iterable[str] = ("centrality", "brokerage"),
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
    k: int | Literal["auto"] | None = "auto",
) -> HeartReport:
    """The heart report with p-values and intervals attached to its indicators.

    Computes :func:`~coinnovation.heart.heart_report` with the options given, then
    tests ``indicators`` against ``permutations`` random relabellings of the sectors
    (:func:`~coinnovation.inference.heart_tests`; the p-value on the side the indicator
    calls good, Holm-adjusted across them) and, with ``resamples``, bootstraps every
    indicator over the sessions (:func:`~coinnovation.inference.heart_bootstrap`). The
    figures are those functions' own for the same seed: the report only carries them.
    Its :meth:`~coinnovation.heart.HeartReport.explain`, ``to_dict()``, ``to_frame()``
    and :meth:`~coinnovation.heart.HeartReport.shared` show them.

    Cost: the network indicators' relabellings are cheap (numpy on the betweenness
    and brokerage already computed), but :func:`~coinnovation.inference.heart_tests`
    computes the betweenness exactly once, whatever ``k``: on networks of more than
    :data:`~coinnovation.heart.EXACT_BETWEENNESS_NODES` nodes that is the slow part,
    and the tested value (:attr:`Significance.observed
    <coinnovation.heart.Significance.observed>`) is the exact one where the report
    estimates it. ``throughout``, ``voice`` and ``equal_partners`` recompute a report
    per draw, as does every resample of the bootstrap (some 20 ms each on the bundled
    example; seconds on a hub of 100,000 participations).

    Args:
        hub: The hub.
        permutations: Random relabellings per test; 0: no tests.
        resamples: Bootstrap resamples of the sessions; 0 (the default): no intervals.
        seed: Seeds the relabellings and the resamples (and the report's estimated
            betweenness, as :func:`~coinnovation.heart.heart_report`'s ``seed``).
        indicators: Which to test, of :data:`~coinnovation.inference.HEART_INDICATORS`;
            ``throughout``, ``voice`` and ``equal_partners`` are tested with the
            report's default ``top``, ``level_threshold``, ``unknown_level``,
            ``deprived`` and ``time_rate``.
        confidence: The intervals' coverage, between 0 and 1.
        sector: The sector at the heart.
        level: The network's actors.
        weight: Its tie weights.
        scope: The sessions of the network (and the sessions resampled); or ``kind``.
        kind: Only sessions of this kind (or kinds), such as ``"table"``.
        top: As :func:`~coinnovation.heart.heart_report`'s.
        level_threshold: As :func:`~coinnovation.heart.heart_report`'s.
        unknown_level: As :func:`~coinnovation.heart.heart_report`'s.
        deprived: As :func:`~coinnovation.heart.heart_report`'s.
        time_rate: As :func:`~coinnovation.heart.heart_report`'s.
        distance: Distances for betweenness.
        max_pairs: The network's size guard.
        max_session_size: Skip or down-weight larger sessions (a plenary) in the
            network, for the report, the tests and the resamples alike.
        oversize: ``"skip"`` or ``"downweight"``: what ``max_session_size`` does.
        k: As :func:`~coinnovation.heart.heart_report`'s (sampled betweenness).

    Returns:
        The report; its options add ``permutations``, ``resamples``, ``tested`` (the
        indicators tested), ``confidence`` (with resamples) and ``inference_seed``.

    Raises:
        TypeError: ``permutations`` or ``resamples`` not an int.
        ValueError: Either negative; both 0; a record indicator tested with a
            non-default option it reads (its test would not be of the report's value);
            anything :func:`~coinnovation.heart.heart_report`,
            :func:`~coinnovation.inference.heart_tests` or
            :func:`~coinnovation.inference.heart_bootstrap` refuse.

    Examples:
        >>> import coinnovation as co
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> report = heart_report_tested(hub, kind="table", permutations=99,
        ...                              resamples=10, seed=1)
        >>> report["centrality"].significance.permutations, report["voice"].significance
        (99, None)
        >>> report["voice"].interval.resamples
        10
    """
    _count(permutations, "permutations", 0)
    _count(resamples, "resamples", 0)
    if not permutations and not resamples:
        raise ValueError("give permutations or resamples (or both): there is nothing to add")
    names = list(dict.fromkeys([indicators] if isinstance(indicators, str) else indicators))
    # The options the report, its tests and its resamples share: the network's, and
    # (for the report and the resamples) the record indicators'.
    network: dict[str, Any] = {
        "sector": sector,
        "level": level,
        "weight": weight,
        "scope": scope,
        "kind": kind,
        "distance": distance,
        "max_pairs": max_pairs,
        "max_session_size": max_session_size,
        "oversize": oversize,
    }
    records: dict[str, Any] = {
        "top": top,
        "level_threshold": level_threshold,
        "unknown_level": unknown_level,
        "deprived": deprived if isinstance(deprived, int) else tuple(deprived),  # read twice
        "time_rate": time_rate,
    }
    report = heart_report(hub, k=k, seed=seed, **network, **records)
    significance: dict[str, Significance] = {}
    options: dict[str, Any] = {"permutations": permutations, "resamples": resamples}
    if permutations and names:
        family: NullTests = heart_tests(
            hub, indicators=names, permutations=permutations, seed=seed, **network
        )
        sides = {name: _SIDE[report[name].better] for name in names}
        for name in names:
            tested, value = family[name].observed, report[name].value
            if name in _RECORD_INDICATORS and tested != value:
                raise ValueError(
                    f"{name} is tested with the report's default options, and this report's "
                    f"value ({value}) differs from the tested one ({tested}): leave "
                    f"{name} out of indicators=, or use the default options"
                )
        adjusted = holm([family[name].p_value(sides[name]) for name in names])
        significance = {
            name: significance_of(family[name], sides[name], p_holm=p)
            for name, p in zip(names, adjusted, strict=True)
        }
        options["tested"] = names
    intervals: dict[str, Interval] = {}
    if resamples:
        result = heart_bootstrap(
            hub, resamples=resamples, seed=seed, confidence=confidence, **network, **records
        )
        if result.reason is None:
            intervals = {str(name): interval_of(result, str(name)) for name in result.nodes}
        options["confidence"] = confidence
    options["inference_seed"] = seed
    return report.with_inference(significance, intervals, options=options)

"""The heart report computed: :func:`heart_report` checks its options and gathers the six.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> report.options["kind"]
    ('table',)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, Literal

from coinnovation.heart._context import _Context, _Evidence, _Network
from coinnovation.heart.brokerage import _brokerage
from coinnovation.heart.centrality import _centrality
from coinnovation.heart.equal_partners import _equal_partners
from coinnovation.heart.reach import _reach
from coinnovation.heart.report import HeartReport
from coinnovation.heart.throughout import UnknownLevel, _throughout
from coinnovation.heart.voice import _voice
from coinnovation.models import Money
from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope, Selection
from coinnovation.models.vocabularies import (
    ParticipationLevel,
    Sector,
    SessionKind,
    session_kinds,
)
from coinnovation.network.build import Level, collaboration_edges, collaboration_graph
from coinnovation.network.centrality import Distance
from coinnovation.network.projection import DEFAULT_MAX_PAIRS, Oversize, WeightScheme

__all__ = ["heart_report"]


def _network_evidence(ctx: _Context, selection: Selection) -> _Evidence:
    """The sessions the network is built from, and the participations that count there."""
    evidence = _Evidence()
    counts_for = selection.counts_for
    participations = ctx.participations
    counted = map(bool, map(counts_for.__getitem__, participations.sessions))
    evidence.add("session", selection.ids)
    evidence.add("participation", itertools.compress(participations.ids, counted))
    return evidence


def heart_report(
    hub: Hub,
    *,
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
    seed: int | None = None,
) -> HeartReport:
    """Is a sector at the heart of the hub's work? Six indicators against the others.

    In order (:data:`INDICATORS`; each :class:`Indicator` carries its formula):

    1. ``centrality``: mean betweenness (Freeman 1977) of the sector's nodes in the
       collaboration network relative to the mean of all nodes; also the strength ratio
       and the sector's share of the top ``top`` fraction of nodes by betweenness
       (ties with the last one included, nodes of zero betweenness never) against its
       share of nodes.
    2. ``brokerage``: the sector's share of the Gould and Fernandez (1989) brokerage
       roles on the network read as directed (each tie both ways), overall and per role,
       against its share of nodes.
    3. ``throughout``: for each challenge, the share of the stages it has been through
       at which a stakeholder of the sector took part at IAP2 level ``level_threshold``
       or above (IAP2 2018; Arnstein 1969); the mean over challenges.
    4. ``voice``: the sector's share of the framings (the value) and contributions.
    5. ``equal_partners``: the share of agreements with a party of the sector where
       its reward share is at least its contribution share.
    6. ``reach``: the share of participating people from communities of IMD decile in
       ``deprived`` (English Indices of Deprivation 2019, MHCLG), over those
       communities' share of the population served.

    A stakeholder's sector is :meth:`Hub.sector_of
    <coinnovation.models.Hub.sector_of>`: an organisation's own; a person's own, else
    their primary organisation's. In ``throughout``, the sector of a participation is
    that of its person (its organisation when it names no person); a session's
    challenges and stage are its own, else its nearest ancestor's.

    ``level``, ``weight``, ``scope`` (or its shorthand ``kind``), ``distance`` and
    ``max_pairs`` shape the collaboration network of the first two indicators only (see
    :func:`~coinnovation.network.build.collaboration_graph`); the others read every
    session. When one session holds everybody (the whole event), everyone is tied to
    everyone and nobody lies between others: choose sessions with ``kind="table"``.

    Nothing raises for want of data: an indicator that cannot be computed (no sessions,
    no challenges, no agreements, no deciles, no stakeholder of the sector ...) has value
    ``None`` and a note saying why.

    Args:
        hub: The hub.
        sector: The sector at the heart (its value or member).
        level: The network's actors: ``"person"``, ``"organisation"`` or ``"sector"``.
        weight: Tie weights: ``"count"`` or ``"newman"``.
        scope: The sessions the network is built from
            (:class:`~coinnovation.models.Scope`); or give ``kind``, not both.
        kind: Only sessions of this kind (or kinds) in the network; ``None`` (or none)
            for all.
        top: The fraction of nodes, by betweenness, in the top group (0 < top ≤ 1).
        level_threshold: The IAP2 level a participation must reach to count as taking
            part in a stage.
        unknown_level: Participations with no level: ``"ignore"`` (counted apart, never
            as meeting the threshold) or ``"count"`` (as meeting it).
        deprived: The IMD deciles counted as deprived (1 is the most deprived).
        time_rate: The value of an hour for time costs with no rate of their own.
        distance: Distances for betweenness (``None`` counts steps; see
            :func:`~coinnovation.network.centrality.centrality_table`).
        max_pairs: The network's size guard (see
            :func:`~coinnovation.network.build.collaboration_graph`).
        max_session_size: Sessions with more actors (a plenary) are skipped or
            down-weighted in the network (``oversize``, ``"skip"`` or ``"downweight"``;
            see :func:`~coinnovation.network.build.collaboration_graph`).
        oversize: What ``max_session_size`` does to larger sessions.
        k: Estimate betweenness from the shortest paths of ``k`` nodes sampled as
            sources, scaled up (Brandes and Pich 2007), rather than from every node;
            ``None`` for the exact values. Exact betweenness costs a breadth-first
            search from every node, about n·m for n nodes and m ties, which grows with
            the square of the hub on large networks; a sample costs k·m. A ``k`` of n
            or more is exact. ``"auto"`` (the default) is exact for networks of at most
            :data:`EXACT_BETWEENNESS_NODES` nodes (5,000: every hub the library has
            seen but a national programme's) and samples
            :data:`AUTO_BETWEENNESS_SOURCES` (500) sources above that, with ``seed``
            (0 when not given), so a report of a million participations takes a minute
            instead of ten. When betweenness is estimated the centrality indicator says
            so in a note, and the report's options record ``k`` and ``seed``.
        seed: The seed of the sample of sources, for ``k`` (``None``: 0).

    Returns:
        The :class:`HeartReport`.

    Raises:
        ValueError: An unknown sector, level, weight, session kind or IAP2 level;
            ``top`` outside (0, 1]; ``unknown_level`` other than ``"ignore"`` or
            ``"count"``; a decile outside 1 to 10; ``k`` not a positive integer.
        TypeError: ``time_rate`` is not :class:`~coinnovation.models.Money`, or
            ``scope`` and ``kind`` are both given.
        UnknownReferenceError: A session id (or the challenge) of ``scope`` is not in
            the hub.
        ProjectionTooLargeError: The network would have more than ``max_pairs`` ties.

    Examples:
        >>> from coinnovation.models import Hub, Organisation, Session, Participation
        >>> from coinnovation.models import Challenge
        >>> hub = Hub(
        ...     organisations=(Organisation(id="o-c", name="Tenants", sector="community"),
        ...                    Organisation(id="o-f", name="Firm", sector="industry")),
        ...     challenges=(Challenge(id="ch-1", title="Access", stage="ideation"),),
        ...     sessions=(Session(id="s-1", name="Framing", challenges=("ch-1",),
        ...                       stage="framing"),),
        ...     participations=(
        ...         Participation(id="pa-1", session="s-1", organisation="o-c",
        ...                       level="collaborate"),
        ...         Participation(id="pa-2", session="s-1", organisation="o-f")))
        >>> report = heart_report(hub)
        >>> report["throughout"].value  # framing covered, ideation not
        0.5
        >>> report["throughout"].details[0]["stage_status"]
        {'framing': 'covered', 'ideation': 'absent'}
        >>> report["voice"].value is None, report["voice"].notes[0]
        (True, 'the hub records no framings')
    """
    chosen = Sector(sector)
    threshold = ParticipationLevel(level_threshold)
    if unknown_level not in ("ignore", "count"):
        raise ValueError(f"unknown_level must be 'ignore' or 'count', not {unknown_level!r}")
    if isinstance(top, bool) or not (0 < top <= 1):
        raise ValueError(f"top must be a fraction in (0, 1], not {top!r}")
    if isinstance(deprived, int):
        deprived = (deprived,)
    deciles = frozenset(deprived)
    for decile in deciles:
        if isinstance(decile, bool) or not isinstance(decile, int) or not 1 <= decile <= 10:
            raise ValueError(f"deprived deciles must be integers from 1 to 10, not {decile!r}")
    if k is not None and k != "auto" and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise ValueError(f"k must be a positive number of sources, 'auto' or None, not {k!r}")
    if time_rate is not None and not isinstance(time_rate, Money):
        raise TypeError(f"time_rate must be Money or None, not {type(time_rate).__name__}")
    sessions = Scope.from_options(scope, kind=session_kinds(kind) or None)
    kinds = () if sessions.kinds is None else tuple(kind.value for kind in sessions.kinds)
    selection = hub.select(sessions)
    ctx = _Context(hub, chosen)
    # One network for both indicators: as arrays, and as a graph with the sessions behind
    # each tie only when a distance names an edge attribute.
    built: dict[str, Any] = {
        "level": level,
        "weight": weight,
        "scope": sessions,
        "max_pairs": max_pairs,
        "max_session_size": max_session_size,
        "oversize": oversize,
    }
    edges = collaboration_edges(hub, node_attributes=True, **built)
    network = _Network(edges, chosen, _network_evidence(ctx, selection))

    def with_evidence() -> Any:
        return collaboration_graph(hub, **built)

    indicators = (
        _centrality(
            ctx,
            network,
            top=top,
            distance=distance,
            k=k,
            seed=seed,
            level=level,
            weight=weight,
            graph=with_evidence,
        ),
        _brokerage(ctx, network),
        _throughout(ctx, threshold=threshold, unknown_level=unknown_level),
        _voice(ctx),
        _equal_partners(ctx, time_rate=time_rate),
        _reach(ctx, deciles),
    )
    options: dict[str, Any] = {
        "level": level,
        "weight": weight,
        "kind": kinds,
        "sessions": sessions.describe(),
        "top": top,
        "level_threshold": threshold.value,
        "unknown_level": unknown_level,
        "deprived": tuple(sorted(deciles)),
        "time_rate": None if time_rate is None else str(time_rate),
    }
    if max_session_size is not None:
        options.update(max_session_size=max_session_size, oversize=oversize)
    if k is not None and k != "auto":
        options.update(k=k, seed=seed)
    elif (sources := indicators[0].figures.get("sources")) is not None:
        options.update(k=sources, seed=0 if seed is None else seed)
    return HeartReport(hub=hub.name, sector=chosen.value, options=options, indicators=indicators)

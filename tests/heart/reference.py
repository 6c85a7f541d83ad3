"""The heart report as computed before issue 11: the slow reference the fast one is checked against.

A copy of the indicators of ``coinnovation.heart`` as they stood before issue 11 made them
work from arrays and indexes: a networkx collaboration graph with the sessions behind every
tie, brokerage on its directed copy, one ``Hub.sector_of`` query per stakeholder and one
``_Work`` object per participation on a challenge. The wording (``_indicator``, the
scales) is still the library's, so the two reports can be compared field by field.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs
import networkx as nx
import numpy as np

from coinnovation.errors import InvalidAgreementError, InvalidAmountError
from coinnovation.heart.report import HeartReport, Indicator
from coinnovation.heart.report import _indicator as _library_indicator
from coinnovation.models import Money
from coinnovation.models.agreements import Agreement
from coinnovation.models.challenges import Challenge
from coinnovation.models.hub import Hub
from coinnovation.models.scope import Scope, Selection
from coinnovation.models.sessions import Participation
from coinnovation.models.vocabularies import (
    ParticipationLevel,
    Sector,
    SessionKind,
    session_kinds,
)
from coinnovation.network.build import Level, collaboration_graph
from coinnovation.network.centrality import Distance, centrality_table
from coinnovation.network.groups import brokerage
from coinnovation.network.projection import DEFAULT_MAX_PAIRS, WeightScheme
from coinnovation.sharing.fairness import RewardComparison, compare_agreement
from coinnovation.sharing.rounding import format_money


def _indicator(name: str, value: float | None, *, evidence: _Evidence, **rest: Any) -> Indicator:
    """The library's wording of an indicator, from this module's evidence."""
    return _library_indicator(name, value, evidence=evidence, **rest)  # type: ignore[arg-type]


# -- _context.py ---------------------------------------------------------------------

#: A figure of an indicator: a number, or ``None`` when it cannot be computed.
_Number = float | int | None


#: A row of an indicator's details: plain data.
_Row = dict[str, Any]


class _Evidence:
    """The records an indicator reads, by kind, each once, in order of first use."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, None]] = {}

    def add(self, kind: str, ids: Iterable[str]) -> None:
        self.ids.setdefault(kind, {}).update(dict.fromkeys(ids))

    @property
    def records(self) -> tuple[str, ...]:
        return tuple(record for ids in self.ids.values() for record in ids)

    @property
    def sources(self) -> dict[str, int]:
        return {kind: len(ids) for kind, ids in self.ids.items() if ids}


class _Context:
    """The hub, the sector measured, and cached sector look-ups."""

    def __init__(self, hub: Hub, sector: Sector) -> None:
        self.hub = hub
        self.sector = sector
        self.label = sector.value.replace("_", " ")
        self._sectors: dict[str, Sector | None] = {}
        self._none_note: tuple[str | None] | None = None

    def sector_of(self, stakeholder: str) -> Sector | None:
        if stakeholder not in self._sectors:
            self._sectors[stakeholder] = self.hub.sector_of(stakeholder)
        return self._sectors[stakeholder]

    def is_member(self, stakeholder: str) -> bool:
        """Whether a person or organisation belongs to the sector measured."""
        return self.sector_of(stakeholder) == self.sector

    def none_note(self) -> str | None:
        """A note when no person or organisation of the hub belongs to the sector."""
        if self._none_note is None:
            members = any(self.is_member(o.id) for o in self.hub.organisations) or any(
                self.is_member(p.id) for p in self.hub.people
            )
            note = None if members else f"the hub records no {self.label}-sector stakeholders"
            self._none_note = (note,)
        return self._none_note[0]


def _ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or ``None`` when ``whole`` is not positive."""
    return part / whole if whole > 0 else None


@attrs.frozen
class _Work:
    """One participation in a session on a challenge, at the session's effective stage."""

    participation: Participation
    session: str
    stage: str | None


def _work_on_challenges(hub: Hub) -> dict[str, list[_Work]]:
    """Challenge id to every participation in a session on it (effective challenges)."""
    context = hub.session_context()
    work: dict[str, list[_Work]] = {challenge.id: [] for challenge in hub.challenges}
    for participation in hub.participations:
        challenges, stage = context.get(participation.session, ((), None))
        for challenge in challenges:
            if challenge in work:
                work[challenge].append(_Work(participation, participation.session, stage))
    return work


def _stages_through(hub: Hub, challenge: Challenge) -> tuple[str, ...]:
    """The stages a challenge has been through, in the hub's order.

    Those of its stage history and its current stage; with no history, every stage of
    the hub from the first up to the current one.
    """
    order = {stage: index for index, stage in enumerate(hub.stages)}
    if challenge.stage_history:
        seen = {change.stage for change in challenge.stage_history} | {challenge.stage}
        return tuple(sorted(seen, key=lambda stage: order.get(stage, len(order))))
    if challenge.stage not in order:
        return (challenge.stage,)
    return hub.stages[: order[challenge.stage] + 1]


# -- centrality.py -------------------------------------------------------------------

#: Relative tolerance for betweenness values tied with the last of the top group.
_TIE = 1e-9


def _centrality(
    ctx: _Context,
    graph: nx.Graph[Any],
    evidence: _Evidence,
    *,
    top: float,
    distance: Distance,
    level: str,
    weight: str,
) -> Indicator:
    label = ctx.label
    definition = (
        f"How central the {label} sector's stakeholders are in the collaboration network "
        f"({level} level, {weight} weights: actors tied when they took part in the same "
        "session). Betweenness c_B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st, the share of shortest "
        "paths between other pairs that pass through v (Freeman 1977; paths counted in "
        "steps unless a distance is given), and strength s(v) = Σ_u w_uv. Value = "
        f"betweenness_ratio = mean c_B over {label} nodes ÷ mean c_B over all nodes; "
        "strength_ratio likewise. The top group holds the ⌈top·n⌉ nodes of highest "
        f"betweenness (top = {top:g}), every node tied with the last of them, and no node "
        f"of zero betweenness; top_share = {label} nodes in it ÷ its size, against "
        f"node_share = {label} nodes ÷ n."
    )
    reading = (
        f"Above 1, the {label} sector lies between the others more than the average "
        "stakeholder does (in the middle of the work, not at its edge); below 1, the "
        "others work around it. A top_share above node_share means it is over-represented "
        "among the most central stakeholders."
    )
    nodes = list(graph)
    n = len(nodes)
    member = np.array([graph.nodes[node].get("sector") == ctx.sector.value for node in nodes])
    members = int(member.sum()) if n else 0
    notes: list[str | None] = [ctx.none_note()]
    figures: dict[str, _Number] = {
        "betweenness_ratio": None,
        "strength_ratio": None,
        "top_share": None,
        "node_share": _ratio(members, n),
        "nodes": n,
        f"{ctx.sector.value}_nodes": members,
        "top_size": 0,
    }
    if n == 0:
        notes.append("no collaboration network: no participations in the sessions chosen")
        return _indicator(
            "centrality",
            None,
            definition=definition,
            reading=reading,
            evidence=evidence,
            figures=figures,
            notes=notes,
        )
    table = centrality_table(graph, measures=("strength", "betweenness"), distance=distance)
    between = np.asarray(table.columns["betweenness"], dtype=np.float64)
    strength = np.asarray(table.columns["strength"], dtype=np.float64)
    value: float | None = None
    if members:
        value = _ratio(float(between[member].mean()), float(between.mean()))
        figures["betweenness_ratio"] = value
        figures["strength_ratio"] = _ratio(float(strength[member].mean()), float(strength.mean()))
        if value is None:
            notes.append(
                "betweenness is 0 for every node: no stakeholder lies on a shortest path "
                "between two others (a session with everyone ties everyone: choose "
                "sessions with kind=, such as tables)"
            )
        if figures["strength_ratio"] is None:
            notes.append("the network has no ties: strength is 0 for every node")
    else:
        notes.append(f"no {label}-sector node in the network: the ratios are undefined")
    in_top = np.zeros(n, dtype=bool)
    positive = between > 0
    if positive.any():
        size = max(1, math.ceil(top * n))
        cut = float(np.sort(between)[::-1][size - 1])
        in_top = positive & (between >= cut * (1 - _TIE))
        figures["top_size"] = int(in_top.sum())
        figures["top_share"] = float((in_top & member).sum()) / float(in_top.sum())
    else:
        notes.append("no node has positive betweenness: there is no top group")
    degree = dict(graph.degree())
    details = [
        {
            "node": node,
            "name": graph.nodes[node].get("name"),
            "sector": graph.nodes[node].get("sector"),
            ctx.sector.value: bool(member[i]),
            "strength": float(strength[i]),
            "betweenness": float(between[i]),
            "top": bool(in_top[i]),
        }
        for i, node in enumerate(nodes)
    ]
    isolated = [str(node) for i, node in enumerate(nodes) if member[i] and degree[node] == 0]
    return _indicator(
        "centrality",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"isolated": isolated},
        notes=notes,
    )


# -- brokerage.py --------------------------------------------------------------------

#: The Gould–Fernandez roles reported, in the order of the report.
_ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


#: The group of nodes with no sector, for brokerage (no sector value is spelled so).
_NO_SECTOR = "unknown"


def _brokerage(ctx: _Context, graph: nx.Graph[Any], evidence: _Evidence) -> Indicator:
    label = ctx.label
    definition = (
        "Gould and Fernandez's (1989) brokerage on the collaboration network read as "
        "directed, each tie an arc both ways: v brokers the ordered pair (a, b) when "
        "a → v → b, a ≠ b and there is no arc a → b. By sector: coordinator (a, v and b "
        "in one sector), gatekeeper (b in v's sector, a not), representative (a in v's "
        "sector, b not), itinerant or consultant (a and b in one sector, v in another), "
        "liaison (three different sectors). Value = share_total = brokerages held by "
        f"{label} nodes ÷ all brokerages; share_<role> the same for each role; against "
        f"node_share = {label} nodes ÷ n. Nodes of no known sector form one group."
    )
    reading = (
        f"A share above node_share means the {label} sector brokers more than its numbers "
        "alone would give it. The liaison and representative shares say whether it links "
        "the other sectors and carries its own sector's word out; a gatekeeper share far "
        "above the others says the rest reach it mostly through a few of its members."
    )
    nodes = list(graph)
    n = len(nodes)
    member = [graph.nodes[node].get("sector") == ctx.sector.value for node in nodes]
    members = sum(member)
    notes: list[str | None] = [ctx.none_note()]
    figures: dict[str, _Number] = {"share_total": None}
    figures.update({f"share_{role}": None for role in _ROLES})
    figures.update(
        {"node_share": _ratio(members, n), "brokerages": 0, f"{ctx.sector.value}_brokerages": 0}
    )
    if n == 0:
        notes.append("no collaboration network: no participations in the sessions chosen")
        return _indicator(
            "brokerage",
            None,
            definition=definition,
            reading=reading,
            evidence=evidence,
            figures=figures,
            notes=notes,
            reason="no collaboration network: no participations in the sessions chosen",
        )
    result = brokerage(graph.to_directed(), "sector", default=_NO_SECTOR)
    held = result.groups.get(ctx.sector.value, dict.fromkeys(result.totals, 0))
    totals = result.totals
    value = _ratio(held["total"], totals["total"])
    figures["share_total"] = value
    for role in _ROLES:
        figures[f"share_{role}"] = _ratio(held[role], totals[role])
    figures["brokerages"] = totals["total"]
    figures[f"{ctx.sector.value}_brokerages"] = held["total"]
    if totals["total"] == 0:
        notes.append(
            "nobody brokers: every two stakeholders with a common partner are tied "
            "themselves (a session with everyone ties everyone: choose sessions with kind=)"
        )
    elif not members:
        notes.append(
            f"no {label}-sector node in the network: it brokers nothing because it is not "
            "there (see the sessions chosen)"
        )
    rows = result.nodes.to_dict()
    details = [
        {
            "node": node,
            "name": graph.nodes[node].get("name"),
            "sector": graph.nodes[node].get("sector"),
            ctx.sector.value: member[i],
            **{role: int(rows[node][role]) for role in (*_ROLES, "total")},
        }
        for i, node in enumerate(nodes)
    ]
    missing = [role for role in _ROLES if totals[role] > 0 and held[role] == 0]
    return _indicator(
        "brokerage",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"role_not_held": missing},
        notes=notes,
        neutral=figures["node_share"],
    )


# -- throughout.py -------------------------------------------------------------------

UnknownLevel = Literal["ignore", "count"]


"""What a participation with no IAP2 level counts as: nothing (``"ignore"``) or as meeting the
threshold (``"count"``)."""


def _throughout(
    ctx: _Context,
    work: Mapping[str, Sequence[_Work]],
    *,
    threshold: ParticipationLevel,
    unknown_level: UnknownLevel,
) -> Indicator:
    hub, label, least = ctx.hub, ctx.label, threshold.value
    unknown_text = (
        "they count as nothing, neither meeting the threshold nor falling below it, and "
        "are counted apart (unknown_level='ignore')"
        if unknown_level == "ignore"
        else "they count as meeting the threshold (unknown_level='count')"
    )
    definition = (
        f"Whether the {label} sector takes part at IAP2 level '{least}' or above (IAP2 "
        "Spectrum of Public Participation 2018, after Arnstein's 1969 ladder) at every "
        "stage each challenge has been through: the stages of its stage history and its "
        "current stage, or, with no history, the hub's stages from the first up to the "
        "current one. A session's challenges and stage are its own, else those of its "
        f"nearest ancestor that records them. Stage x of challenge c is covered when a "
        f"{label}-sector stakeholder (Hub.sector_of the participation's person, else its "
        f"organisation) took part at level ≥ '{least}' in a session on c at stage x. "
        "share(c) = covered stages ÷ stages gone through; value = the mean of share(c) "
        "over the challenges it is known for. It is not known (None, never 0) for a "
        "challenge no recorded session worked on, where the sector reached the threshold "
        "only in sessions of no known stage, or where none of its participations has a "
        f"level. Participations with no level recorded: {unknown_text}."
    )
    reading = (
        f"1 means the {label} sector took part as more than an audience at every stage of "
        "every challenge; lower values mean it joined late, dropped out, or was only "
        "informed or consulted (Arnstein's tokenism). The flags separate challenges where "
        f"it took part only below '{least}' from those where it never took part."
    )
    evidence = _Evidence()
    evidence.add("challenge", (challenge.id for challenge in hub.challenges))
    for entries in work.values():
        evidence.add("session", (entry.session for entry in entries))
    for entries in work.values():
        evidence.add("participation", (entry.participation.id for entry in entries))

    details: list[_Row] = []
    flagged: dict[str, list[str]] = {
        "below_threshold": [],
        "level_unrecorded": [],
        "unplaced": [],
        "absent": [],
        "no_work": [],
    }
    shares: list[float] = []
    covered_total = stages_total = community_total = unknown_total = partial = 0
    for challenge in hub.challenges:
        through = _stages_through(hub, challenge)
        covered: set[str] = set()
        below: set[str] = set()
        unrecorded: set[str] = set()
        community = [
            entry
            for entry in work.get(challenge.id, ())
            if ctx.is_member(entry.participation.stakeholder)
        ]
        unknown = unplaced = 0
        any_below = any_meeting_unplaced = any_unknown = False
        for entry in community:
            level = entry.participation.level
            if level is None:
                unknown += 1
                meets, is_below = unknown_level == "count", False
                any_unknown = any_unknown or not meets
            else:
                meets, is_below = level.at_least(threshold), not level.at_least(threshold)
            any_below = any_below or is_below
            if entry.stage is not None and entry.stage in through:
                if meets:
                    covered.add(entry.stage)
                elif is_below:
                    below.add(entry.stage)
                else:
                    unrecorded.add(entry.stage)
            else:
                unplaced += 1
                any_meeting_unplaced = any_meeting_unplaced or meets
        community_total += len(community)
        unknown_total += unknown
        # A share is known when a stage is covered, when the sector took no part, or when
        # it took part only below the threshold (participations with no level are no
        # evidence either way). It is None when nobody's work on the challenge is
        # recorded, when the sector reached the threshold only in sessions of no known
        # stage, or when none of its participations there has a level.
        share: float | None
        if covered:
            status = "covered"
            share = len(covered) / len(through)
            partial += share < 1 and (any_meeting_unplaced or any_unknown)
        elif not work.get(challenge.id):
            status, share = "no_work", None
        elif not community:
            status, share = "absent", 0.0
        elif any_meeting_unplaced:
            status, share = "unplaced", None
        elif any_below:
            status, share = "below_threshold", 0.0
        else:  # only participations with no level: no evidence either way
            status, share = "level_unrecorded", None
        if status != "covered":
            flagged[status].append(challenge.id)
        if share is not None:
            shares.append(share)
            covered_total += len(covered)
            stages_total += len(through)
        stage_status = {
            stage: "covered"
            if stage in covered
            else "below"
            if stage in below
            else "unrecorded"
            if stage in unrecorded
            else "absent"
            for stage in through
        }
        details.append(
            {
                "challenge": challenge.id,
                "title": challenge.title,
                "stage": challenge.stage,
                "stages": through,
                "covered": tuple(stage for stage in through if stage in covered),
                "share": share,
                "status": status,
                "stage_status": stage_status,
                f"{ctx.sector.value}_participations": len(community),
                "unknown_level": unknown,
                "unplaced": unplaced,
            }
        )
    unmeasured = len(hub.challenges) - len(shares)
    unplaced_count = len(flagged["unplaced"])
    unrecorded_count = len(flagged["level_unrecorded"])
    reason: str | None = None
    if not hub.challenges:
        reason = "the hub records no challenges"
    elif not any(work.values()):
        reason = "no participation is in a session on a challenge (Session.challenges)"
    elif not shares:
        if unplaced_count and not unrecorded_count:
            reason = (
                f"the {label} sector reached '{least}' only in sessions of no known stage "
                "(Session.stage, on the session or one above it): the stages it covered "
                "are unknown"
            )
        elif unrecorded_count and not unplaced_count:
            reason = (
                f"the {label} sector's participations on challenges have no level recorded "
                f"(Participation.level): whether it reached '{least}' is unknown"
            )
        else:
            reason = (
                f"on every challenge, the {label} sector's participations lack a stage "
                "(Session.stage) or a level (Participation.level): what it covered is "
                "unknown"
            )
    notes: list[str | None] = [ctx.none_note(), reason]
    if shares and unmeasured:
        notes.append(
            f"{unmeasured} of {len(hub.challenges)} challenges cannot be measured (no "
            "recorded session on them, or the sector's participations there have no stage "
            "or no level): the value is the mean over the other "
            f"{len(shares)}"
        )
    if partial:
        notes.append(
            f"on {partial} measured challenge{'s' if partial > 1 else ''} the {label} sector "
            "also took part in sessions of no known stage or with no level recorded: "
            "the shares there may be higher"
        )
    if unknown_total:
        notes.append(f"{unknown_total} {label} participations on challenges have no level recorded")
    value = sum(shares) / len(shares) if shares else None
    figures: dict[str, _Number] = {
        "mean_share": value,
        "challenges": len(hub.challenges),
        "measured": len(shares),
        "fully_covered": sum(1 for share in shares if share == 1),
        "stages_covered": covered_total,
        "stages_through": stages_total,
        "pooled_share": _ratio(covered_total, stages_total),
        f"{ctx.sector.value}_participations": community_total,
        "unknown_level": unknown_total,
        "below_threshold": len(flagged["below_threshold"]),
        "absent": len(flagged["absent"]),
    }
    return _indicator(
        "throughout",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged=flagged,
        notes=notes,
        reason=reason,
    )


# -- voice.py ------------------------------------------------------------------------


def _voice(ctx: _Context) -> Indicator:
    hub, label = ctx.hub, ctx.label
    definition = (
        "Who states the problems and puts ideas in: whether the sector has a voice or "
        "is only spoken for (Arnstein 1969). Value = framing_share = framings "
        f"authored by {label}-sector stakeholders ÷ all framings; contribution_share "
        f"likewise for contributions; the baseline participant_share = {label}-sector "
        "stakeholders ÷ distinct stakeholders who took part in a session (a person, or "
        "an organisation recorded without one). An author's sector is Hub.sector_of: "
        "an organisation's own, a person's own or else their primary organisation's."
    )
    reading = (
        f"A framing share near or above participant_share means the {label} sector frames "
        "the problems as much as it is present; far below it, others define the problems "
        "it lives with (Arnstein 1969). Flagged: challenges with no framing by it."
    )
    evidence = _Evidence()
    evidence.add("framing", (framing.id for framing in hub.framings))
    evidence.add("contribution", (contribution.id for contribution in hub.contributions))
    evidence.add("challenge", (challenge.id for challenge in hub.challenges))
    evidence.add("participation", (p.id for p in hub.participations))

    framed = [ctx.is_member(framing.author) for framing in hub.framings]
    said = [ctx.is_member(contribution.author) for contribution in hub.contributions]
    participants = list(dict.fromkeys(p.stakeholder for p in hub.participations))
    framing_share = _ratio(sum(framed), len(framed))
    figures: dict[str, _Number] = {
        "framing_share": framing_share,
        "contribution_share": _ratio(sum(said), len(said)),
        "participant_share": _ratio(
            sum(ctx.is_member(stakeholder) for stakeholder in participants), len(participants)
        ),
        "framings": len(framed),
        f"{ctx.sector.value}_framings": sum(framed),
        "contributions": len(said),
        f"{ctx.sector.value}_contributions": sum(said),
    }
    per_challenge: dict[str, Counter[str]] = {c.id: Counter() for c in hub.challenges}
    for framing, own in zip(hub.framings, framed, strict=True):
        counts = per_challenge.get(framing.challenge)
        if counts is not None:
            counts["framings"] += 1
            counts["own_framings"] += own
    for contribution, own in zip(hub.contributions, said, strict=True):
        counts = per_challenge.get(contribution.challenge or "")
        if counts is not None:
            counts["contributions"] += 1
            counts["own_contributions"] += own
    details = [
        {
            "challenge": challenge.id,
            "title": challenge.title,
            "framings": per_challenge[challenge.id]["framings"],
            f"{ctx.sector.value}_framings": per_challenge[challenge.id]["own_framings"],
            "contributions": per_challenge[challenge.id]["contributions"],
            f"{ctx.sector.value}_contributions": per_challenge[challenge.id]["own_contributions"],
        }
        for challenge in hub.challenges
    ]
    unframed = [c.id for c in hub.challenges if not per_challenge[c.id]["own_framings"]]
    notes: list[str | None] = [ctx.none_note()]
    if not hub.framings:
        notes.append("the hub records no framings")
    if not hub.contributions:
        notes.append("the hub records no contributions")
    return _indicator(
        "voice",
        framing_share,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"no_framing": unframed},
        notes=notes,
        neutral=figures["participant_share"],
        reason=None if hub.framings else "the hub records no framings",
    )


# -- equal_partners.py ---------------------------------------------------------------


def _agreement_row(
    ctx: _Context, agreement: Agreement, time_rate: Money | None
) -> tuple[_Row, RewardComparison | None]:
    """One agreement's row, from the one reward-against-contribution computation."""
    community = [party for party in agreement.party_ids if ctx.is_member(party)]
    label = ctx.sector.value
    notes: list[str] = []
    comparison: RewardComparison | None = None
    try:
        comparison = compare_agreement(ctx.hub, agreement, time_rate=time_rate)
    except (InvalidAgreementError, InvalidAmountError) as error:
        notes.append(str(error))
    reward: Fraction | None = None
    contribution: Fraction | None = None
    money: dict[str, str | None] = {
        f"{label}_contribution": None,
        "contribution_total": None,
        f"{label}_reward": None,
    }
    if comparison is not None:
        notes.extend(comparison.notes)
        reward, contribution = comparison.shares_of(community)
        currency = comparison.currency
        given = comparison.contributions
        if currency is not None and given is not None and comparison.contribution_shares:
            own = sum((given[party] for party in community), Fraction(0))
            money[f"{label}_contribution"] = format_money(own, currency)
            money["contribution_total"] = format_money(sum(given.values(), Fraction(0)), currency)
        if currency is not None and comparison.rewards is not None:
            got = sum((comparison.rewards[party] for party in community), Decimal(0))
            money[f"{label}_reward"] = format_money(got, currency)
    fair = comparison.is_equal_partner(community) if comparison and community else None
    shared = comparison is not None and comparison.reward_shares is not None
    row: _Row = {
        "agreement": agreement.id,
        "title": agreement.title,
        "status": agreement.status.value,
        "challenge": agreement.challenge,
        "parties": agreement.party_ids,
        f"{label}_parties": tuple(community),
        "currency": None if comparison is None else comparison.currency,
        "contribution_share": None if contribution is None else float(contribution),
        "reward_share": None if reward is None else float(reward),
        "fair": fair,
        "reward_basis": None if comparison is None else comparison.reward_basis,
        "contribution_basis": None if comparison is None else comparison.contribution_basis,
        "rewards_valued": (
            comparison.weighting == "money" if comparison is not None and shared else None
        ),
        **money,
        "note": " ".join(notes) or None,
    }
    return row, comparison


def _unvalued_note(unvalued: Sequence[str], comparable: int) -> str | None:
    """Say when the value rests on reward shares that count unvalued rewards equally."""
    if not unvalued:
        return None
    rests = "rests" if len(unvalued) == comparable else "partly rests"
    return (
        f"{', '.join(unvalued)}: no shared reward has a money value, so the reward shares "
        "count each reward equally (a licence weighs as much as a revenue share); the value "
        f"{rests} on that. Give the rewards a money value to weigh them."
    )


def _equal_partners(
    ctx: _Context, work: Mapping[str, Sequence[_Work]], *, time_rate: Money | None
) -> Indicator:
    hub, label = ctx.hub, ctx.label
    rate = (
        f"time without a rate of its own valued at {format_money(time_rate.amount, time_rate.currency)} an hour"
        if time_rate is not None
        else "time without a rate of its own counts as nothing"
    )
    definition = (
        f"Whether the {label} sector gets out at least what it puts in. For each agreement "
        f"with a {label}-sector party (sharing.compare_agreement, the computation "
        "check_fairness and the report's agreements table use too): contribution share = "
        "value of the costs its parties bear ÷ value of all costs (cash + in kind + "
        f"hours × rate, {rate}); reward share = its parties' part of everything the "
        "agreement shares out, as recorded in the agreement (each reward weighed by its "
        "money value, or counted equally when no shared reward has one; not an allocation "
        "by a sharing rule). Value = agreements whose reward share ≥ contribution share ÷ "
        "agreements where both are known: partnership, the first rung of citizen power on "
        "Arnstein's (1969) ladder, in money."
    )
    reading = (
        f"1 means every agreement rewards the {label} sector, by the reward shares "
        "recorded in it (not a sharing rule's allocation), at least in proportion to what "
        "it contributes in money (equal partners, Arnstein's 1969 partnership rung); below "
        "1, some agreements take more from it than they return. Where no reward has a "
        "money value, each reward counts the same, and the notes name those agreements. "
        f"Agreements without a {label} party do not count towards the value; flagged are "
        "the challenges it worked on whose agreements leave it out."
    )
    evidence = _Evidence()
    evidence.add("agreement", (agreement.id for agreement in hub.agreements))
    details: list[_Row] = []
    comparable = fair = 0
    with_party = 0
    below: list[str] = []
    unvalued: list[str] = []
    by_challenge: dict[str, list[bool]] = {}
    for agreement in hub.agreements:
        row, comparison = _agreement_row(ctx, agreement, time_rate)
        details.append(row)
        has_party = bool(row[f"{ctx.sector.value}_parties"])
        with_party += has_party
        if agreement.challenge is not None:
            by_challenge.setdefault(agreement.challenge, []).append(has_party)
        if row["fair"] is not None:
            comparable += 1
            fair += row["fair"]
            if not row["fair"]:
                below.append(agreement.id)
            if comparison is not None and comparison.weighting == "equal":
                unvalued.append(agreement.id)
    left_out = []
    for challenge in hub.challenges:
        parties = by_challenge.get(challenge.id)
        if not parties or any(parties):
            continue
        worked = [
            entry
            for entry in work.get(challenge.id, ())
            if ctx.is_member(entry.participation.stakeholder)
        ]
        if worked:
            left_out.append(challenge.id)
            evidence.add("challenge", (challenge.id,))
            evidence.add("participation", (entry.participation.id for entry in worked))
    notes: list[str | None] = [ctx.none_note()]
    if not hub.agreements:
        notes.append("the hub records no agreements")
    elif not with_party:
        notes.append(f"no agreement has a {label}-sector party")
    elif not comparable:
        notes.append(
            f"no agreement with a {label} party has both a valued contribution and "
            "something shared out"
        )
    notes.append(_unvalued_note(unvalued, comparable))
    value = fair / comparable if comparable else None
    figures: dict[str, _Number] = {
        "fair_share": value,
        "agreements": len(hub.agreements),
        f"with_{ctx.sector.value}_party": with_party,
        "comparable": comparable,
        "fair": fair,
        "unvalued": len(unvalued),
    }
    return _indicator(
        "equal_partners",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"left_out": left_out, "reward_below_contribution": below},
        notes=notes,
    )


# -- reach.py ------------------------------------------------------------------------


def _reach(ctx: _Context, deprived: frozenset[int]) -> Indicator:
    hub = ctx.hub
    deciles = ", ".join(str(decile) for decile in sorted(deprived)) or "none"
    definition = (
        "Whether the people taking part come from the most deprived communities served, in "
        "proportion. people_share = distinct people who took part in a session and belong "
        f"to a community of IMD decile {deciles} ÷ all distinct people who took part (a "
        "person's communities are their own, else those of every organisation they are "
        "a member of; decile 1 is the most deprived tenth of areas in the English Indices "
        "of Deprivation 2019, MHCLG). population_share = the population of those "
        "communities ÷ the population of every community with a population recorded. "
        "Value = people_share ÷ population_share."
    )
    reading = (
        "1 means people from deprived communities take part in proportion to their share "
        "of the population served; above 1 they are over-represented (often the aim of "
        "community co-innovation), below 1 the hub reaches the better-off. People linked "
        "to no community count as not from a deprived one, so a low value may also mean "
        "missing records."
    )
    evidence = _Evidence()
    evidence.add("community", (community.id for community in hub.communities))
    communities = {community.id: community for community in hub.communities}
    participations = [p for p in hub.participations if p.person is not None]
    evidence.add("participation", (p.id for p in participations))
    people = list(dict.fromkeys(p.person for p in participations if p.person is not None))
    evidence.add("person", people)
    reached: Counter[str] = Counter()
    deprived_people = without = 0
    for person_id in people:
        linked = hub.person(person_id).communities
        if not linked:
            organisations = hub.organisations_of(person_id)
            linked = tuple(dict.fromkeys(c for o in organisations for c in o.communities))
            if linked:
                evidence.add("organisation", (o.id for o in organisations if o.communities))
        if not linked:
            without += 1
        reached.update(dict.fromkeys(linked, 1))
        if any(communities[c].imd_decile in deprived for c in linked if c in communities):
            deprived_people += 1
    recorded = any(community.imd_decile is not None for community in hub.communities)
    populated = [c for c in hub.communities if c.population is not None]
    population = sum(c.population for c in populated if c.population is not None)
    deprived_population = sum(
        c.population for c in populated if c.population is not None and c.imd_decile in deprived
    )
    notes: list[str | None] = []
    people_share = population_share = value = None
    if not people:
        notes.append("no person is recorded taking part in a session")
    if not recorded:
        notes.append("the hub records no IMD decile for any community: reach is not computable")
    if not population:
        notes.append("the hub records no community population: reach is not computable")
    if recorded:
        people_share = _ratio(deprived_people, len(people))
        if population:
            population_share = deprived_population / population
            if population_share == 0:
                notes.append(
                    f"no population is recorded in communities of decile {deciles}: "
                    "the ratio is undefined"
                )
    if people_share is not None and population_share:
        value = people_share / population_share
    if without:
        notes.append(f"{without} of {len(people)} people who took part are linked to no community")
    details = [
        {
            "community": community.id,
            "name": community.name,
            "imd_decile": community.imd_decile,
            "population": community.population,
            "deprived": None if community.imd_decile is None else community.imd_decile in deprived,
            "people": reached[community.id],
        }
        for community in hub.communities
    ]
    unreached = [c.id for c in hub.communities if c.imd_decile in deprived and not reached[c.id]]
    figures: dict[str, _Number] = {
        "ratio": value,
        "people_share": people_share,
        "population_share": population_share,
        "people": len(people),
        # Unknown (None), not 0, when no decile or no population is recorded at all.
        "deprived_people": deprived_people if recorded else None,
        "people_without_community": without,
        "population": population if populated else None,
        "deprived_population": deprived_population if populated and recorded else None,
    }
    return _indicator(
        "reach",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"unreached": unreached},
        notes=notes,
    )


# -- _compute.py ---------------------------------------------------------------------


def _network_evidence(hub: Hub, selection: Selection) -> _Evidence:
    """The sessions the network is built from, and the participations that count there."""
    evidence = _Evidence()
    counts_for = selection.counts_for
    evidence.add("session", selection.ids)
    evidence.add("participation", (p.id for p in hub.participations if counts_for[p.session]))
    return evidence


def reference_heart_report(
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
) -> HeartReport:
    """The heart report as the library computed it before issue 11."""
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
    if time_rate is not None and not isinstance(time_rate, Money):
        raise TypeError(f"time_rate must be Money or None, not {type(time_rate).__name__}")
    sessions = Scope.from_options(scope, kind=session_kinds(kind) or None)
    kinds = () if sessions.kinds is None else tuple(kind.value for kind in sessions.kinds)
    selection = hub.select(sessions)
    graph = collaboration_graph(
        hub, level=level, weight=weight, scope=sessions, max_pairs=max_pairs
    )
    ctx = _Context(hub, chosen)
    work = _work_on_challenges(hub)
    indicators = (
        _centrality(
            ctx,
            graph,
            _network_evidence(hub, selection),
            top=top,
            distance=distance,
            level=level,
            weight=weight,
        ),
        _brokerage(ctx, graph, _network_evidence(hub, selection)),
        _throughout(ctx, work, threshold=threshold, unknown_level=unknown_level),
        _voice(ctx),
        _equal_partners(ctx, work, time_rate=time_rate),
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
    return HeartReport(hub=hub.name, sector=chosen.value, options=options, indicators=indicators)

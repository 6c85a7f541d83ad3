"""The ``throughout`` indicator: does the sector take part at every stage, with a real say?

The share of each challenge's stages at which the sector took part at IAP2 level
*involve* or above (IAP2 Spectrum of Public Participation 2018; Arnstein 1969), averaged
over the challenges it can be measured for.

References:
    Arnstein, S. R. (1969). A ladder of citizen participation. *Journal of the American
    Institute of Planners* 35(4), 216–224.

    International Association for Public Participation (2018). *IAP2 Spectrum of Public
    Participation*. IAP2 International Federation.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> report["throughout"].value, report["throughout"].figures["challenges"]
    (1.0, 11)
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from coinnovation.heart._context import (
    _Context,
    _Evidence,
    _Number,
    _ratio,
    _Row,
    _stages_through,
)
from coinnovation.heart.report import Indicator, _indicator
from coinnovation.models.vocabularies import ParticipationLevel

__all__ = ["UnknownLevel"]

UnknownLevel = Literal["ignore", "count"]
"""What a participation with no IAP2 level counts as: nothing (``"ignore"``) or as meeting the
threshold (``"count"``)."""


def _throughout(
    ctx: _Context,
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
    participations, work = ctx.participations, ctx.work
    everything = np.concatenate([np.zeros(0, dtype=np.int64), *work.by_challenge.values()])
    evidence.add("session", participations.take(participations.sessions, everything))
    evidence.add("participation", participations.take(participations.ids, everything))

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
    least_rank = threshold.rank
    for challenge in hub.challenges:
        through = _stages_through(hub, challenge)
        entries = work.by_challenge.get(challenge.id, everything[:0])
        community = entries[participations.member[entries]]
        rank = participations.rank[community].astype(np.int64)
        stage = work.stage[community]
        unrecorded_level = rank < 0
        known_meets = rank >= least_rank
        meets = known_meets | unrecorded_level if unknown_level == "count" else known_meets
        is_below = ~unrecorded_level & ~known_meets
        placed = np.isin(stage, work.codes(through))
        covered = work.names(np.unique(stage[placed & meets]).tolist())
        below = work.names(np.unique(stage[placed & ~meets & is_below]).tolist())
        unrecorded = work.names(np.unique(stage[placed & ~meets & ~is_below]).tolist())
        unknown = int(unrecorded_level.sum())
        unplaced = int((~placed).sum())
        any_below = bool(is_below.any())
        any_meeting_unplaced = bool((meets & ~placed).any())
        any_unknown = bool((unrecorded_level & ~meets).any())
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
        elif not len(entries):
            status, share = "no_work", None
        elif not len(community):
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
    elif not len(everything):
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

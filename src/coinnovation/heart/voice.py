"""The ``voice`` indicator: does the sector say what the problem is?

The sector's share of the framings (the value) and of the contributions, against its
share of those taking part (Arnstein 1969).

References:
    Arnstein, S. R. (1969). A ladder of citizen participation. *Journal of the American
    Institute of Planners* 35(4), 216–224.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> round(report["voice"].value, 3), report["voice"].figures["framings"]
    (0.636, 33)
"""

from __future__ import annotations

from collections import Counter

from coinnovation.heart._context import _Context, _Evidence, _Number, _ratio
from coinnovation.heart.report import Indicator, _indicator

__all__: list[str] = []


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
    participations = ctx.participations
    evidence.add("participation", participations.ids)

    framed = [ctx.is_member(framing.author) for framing in hub.framings]
    said = [ctx.is_member(contribution.author) for contribution in hub.contributions]
    participants = list(dict.fromkeys(participations.stakeholders))
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

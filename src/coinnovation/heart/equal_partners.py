"""The ``equal_partners`` indicator: does the sector get out what it puts in?

The share of the agreements with a party of the sector where its reward share is at
least its contribution share. Each agreement's shares, the verdict and the words saying
what each share is come from sharing's one comparison
(:func:`~coinnovation.sharing.fairness.compare_agreement` and
:meth:`RewardComparison.is_equal_partner
<coinnovation.sharing.fairness.RewardComparison.is_equal_partner>`), which
:func:`~coinnovation.sharing.fairness.check_fairness` and the report's agreements table
read too: there is no second comparison here.

References:
    Arnstein, S. R. (1969). A ladder of citizen participation. *Journal of the American
    Institute of Planners* 35(4), 216–224.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> report["equal_partners"].value, report["equal_partners"].figures["comparable"]
    (1.0, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from coinnovation.errors import InvalidAgreementError, InvalidAmountError
from coinnovation.heart._context import _Context, _Evidence, _Number, _Row
from coinnovation.heart.report import Indicator, _indicator
from coinnovation.models import Money
from coinnovation.models.agreements import Agreement
from coinnovation.sharing.fairness import RewardComparison, compare_agreement
from coinnovation.sharing.rounding import format_money

__all__: list[str] = []


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


def _equal_partners(ctx: _Context, *, time_rate: Money | None) -> Indicator:
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
        participations = ctx.participations
        entries = ctx.work.by_challenge[challenge.id]
        worked = entries[participations.member[entries]]
        if len(worked):
            left_out.append(challenge.id)
            evidence.add("challenge", (challenge.id,))
            evidence.add("participation", participations.take(participations.ids, worked))
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

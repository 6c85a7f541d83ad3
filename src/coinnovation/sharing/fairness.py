"""Fairness checks for an allocation: inequality, rewards against contributions, the core.

:func:`gini` measures how unequal the shares are. :func:`check_fairness` puts an
:class:`~coinnovation.sharing.rules.Allocation` beside what each party put in and, given
the cooperative game behind it, beside what each group of parties could have got on its
own, and reports each check in a :class:`FairnessReport` with a plain-English
:meth:`~FairnessReport.explain`.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.sharing.rules import Equal
    >>> deal = Equal().allocate(Decimal("900"), ["acme", "whg", "trust"], currency="GBP")
    >>> report = check_fairness(deal, {"acme": 600, "whg": 200, "trust": 100}, community=["whg"])
    >>> report.gini, report.equal_partners
    (0.0, {'whg': True})
    >>> gini([0, 0, 10])
    0.6666666666666666
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from coinnovation._html import html_table
from coinnovation._optional import require
from coinnovation.models._base import minor_unit
from coinnovation.sharing.games import EXACT_LIMIT, Game, excesses, value_function
from coinnovation.sharing.rounding import format_money, format_percent
from coinnovation.sharing.rules import Allocation

__all__ = ["FairnessReport", "check_fairness", "gini"]

#: An exact or floating-point amount.
_Number = int | float | Fraction | Decimal

#: What the game-value rules' values are called.
_VALUE_NAMES = {
    "shapley": "Shapley values",
    "myerson": "Myerson values",
    "nucleolus": "nucleolus values",
}

#: How many blocking coalitions :meth:`FairnessReport.explain` lists.
_SHOWN = 10


def _exact(value: _Number) -> Fraction:
    """Exact numbers as they are; floats by their shortest decimal form."""
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def gini(values: Iterable[_Number] | Mapping[Any, _Number]) -> float:
    """The Gini coefficient of non-negative amounts: 0 when all are equal.

    Formula (Gini 1912; Cowell 2011): for n amounts with mean μ,

        G = Σ_i Σ_j |x_i − x_j| / (2 n² μ),

    half the mean absolute difference between two amounts drawn at random, relative to
    the mean. It runs from 0 (everyone has the same) to (n − 1)/n (one has everything).
    It is computed exactly, from the amounts in increasing order, as
    G = Σ_k (2k − n − 1) x_(k) / (n Σ x).

    Args:
        values: The amounts (or a mapping whose values are the amounts); floats are read
            by their shortest decimal form.

    Returns:
        The coefficient; 0.0 when every amount is 0 (no one has more than anyone else).

    Raises:
        ValueError: No amounts, or a negative one.

    References:
        Gini, C. (1912). *Variabilità e mutabilità*. Bologna: Tipografia di Paolo
        Cuppini.

        Cowell, F. A. (2011). *Measuring Inequality*, 3rd ed. Oxford University Press.

    Examples:
        >>> gini([5, 5, 5, 5]), gini([0, 0, 0, 12])
        (0.0, 0.75)
        >>> round(gini({"a": 1, "b": 2, "c": 3}), 4)
        0.2222
    """
    amounts = sorted(
        _exact(x) for x in (values.values() if isinstance(values, Mapping) else values)
    )
    if not amounts:
        raise ValueError("the Gini coefficient needs at least one amount")
    if amounts[0] < 0:
        raise ValueError("the Gini coefficient needs amounts that are not negative")
    n, total = len(amounts), sum(amounts, Fraction(0))
    if total == 0:
        return 0.0
    spread = sum(((2 * k - n - 1) * x for k, x in enumerate(amounts, start=1)), Fraction(0))
    return float(spread / (n * total))


def _adds_up(weights: Iterable[_Number], total: Fraction | float, n: int) -> bool:
    """Whether the weights sum to ``total``: exactly, or to float precision for floats."""
    listed = list(weights)
    summed = sum((_exact(w) for w in listed), Fraction(0))
    if isinstance(total, float) or any(isinstance(w, float) for w in listed):
        return abs(float(summed) - float(total)) <= 1e-8 * n * max(1.0, abs(float(total)))
    return summed == total


def _number(value: Fraction | float, currency: str | None = None) -> str:
    """A game's value: money when the game is in money, else exact or to six digits."""
    if currency is not None:
        return format_money(value, currency)
    if isinstance(value, Fraction) and value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.6g}"


@attrs.frozen
class FairnessReport:
    """How fair an allocation is, check by check; see :func:`check_fairness`.

    Attributes:
        rule: The allocation's rule (``"equal"``, ``"shapley"`` ...).
        amount: The amount shared.
        currency: Its ISO 4217 code.
        parties: Every party: the allocation's, then any that only contributed.
        shares: Each party's amount (0 for parties that only contributed).
        reward_shares: Each party's share of the amount, share_i / amount, exactly (the
            rule's exact fractions when the amount is 0).
        gini: The Gini coefficient of the shares (of their sizes when a loss is shared):
            0 when all are equal, (n − 1)/n when one party gets everything.
        efficient: Whether the shares add up exactly to the amount.
        contributions: Each party's contribution as given (0 for parties not given), or
            ``None`` without contributions.
        contribution_shares: Each party's share of all contributions, c_i / Σ c, or
            ``None`` without contributions or when they are all 0.
        ratios: Reward share ÷ contribution share per party: 1 is in proportion, above 1
            more than in proportion; ``inf`` for a reward without a contribution and
            ``nan`` when both are 0. ``None`` when there are no contribution shares.
        differences: Reward share − contribution share per party, exactly (as fractions
            of the whole; ×100 for percentage points), or ``None``.
        contribution_gini: The Gini coefficient of the contributions, for comparison with
            :attr:`gini`, or ``None``.
        community: The community parties whose treatment is checked.
        tolerance: How far (as a fraction of the whole) a community party's reward share
            may fall below its contribution share and still count as an equal partner.
        equal_partners: For each community party, whether its reward share is at least
            its contribution share less :attr:`tolerance` (one minor unit of rounding is
            allowed for too).
        all_equal_partners: Whether every community party is an equal partner; ``None``
            when no community parties were named.
        game_total: v(N), the whole game's worth, or ``None`` without a game.
        values_efficient: For the game-value rules: whether the rule's values (the
            allocation's weights) add up to v(N); ``None`` otherwise.
        in_core: Whether the shares, applied to v(N) (y_i = v(N) · reward share_i), leave
            no coalition better off alone: v(S) ≤ y(S) for every S, up to the money's
            rounding. ``None`` without a game.
        blocking: The coalitions that would do better alone, with their excess
            v(S) − y(S) in the game's units, largest first; empty when :attr:`in_core`.
        game_currency: The currency of the game's values when they are money; v(N) and
            the excesses are then written as money.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.sharing.rules import Proportional
        >>> deal = Proportional({"acme": 3, "whg": 1}).allocate(Decimal("100"), currency="GBP")
        >>> report = check_fairness(deal, {"acme": 1, "whg": 1}, community=["whg"])
        >>> report.differences, report.all_equal_partners
        ({'acme': Fraction(1, 4), 'whg': Fraction(-1, 4)}, False)
    """

    rule: str
    amount: Decimal
    currency: str
    parties: tuple[Hashable, ...]
    shares: dict[Hashable, Decimal]
    reward_shares: dict[Hashable, Fraction]
    gini: float
    efficient: bool
    contributions: dict[Hashable, Fraction] | None
    contribution_shares: dict[Hashable, Fraction] | None
    ratios: dict[Hashable, float] | None
    differences: dict[Hashable, Fraction] | None
    contribution_gini: float | None
    community: tuple[Hashable, ...]
    tolerance: Fraction
    equal_partners: dict[Hashable, bool]
    all_equal_partners: bool | None
    game_total: Fraction | float | None
    values_efficient: bool | None
    in_core: bool | None
    blocking: tuple[tuple[frozenset[Hashable], Fraction | float], ...]
    game_currency: str | None = None

    @property
    def passed(self) -> bool:
        """Whether every check that was run passed.

        The checks: the shares add up to the amount; every community party is an equal
        partner; the game's values add up to v(N); the shares are in the core.

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.sharing.rules import Equal
            >>> check_fairness(Equal().allocate(Decimal("1"), ["a", "b"], currency="GBP")).passed
            True
        """
        return (
            self.efficient
            and self.all_equal_partners is not False
            and self.values_efficient is not False
            and self.in_core is not False
        )

    def row(self, party: Hashable) -> dict[str, Any]:
        """One party's figures as plain data (fractions as floats, money as Decimal).

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.sharing.rules import Equal
            >>> deal = Equal().allocate(Decimal("10"), ["a", "b"], currency="GBP")
            >>> check_fairness(deal, {"a": 3, "b": 1}).row("b")["ratio"]
            2.0
        """

        def maybe(table: Mapping[Hashable, Any] | None, convert: Any = float) -> Any:
            return None if table is None else convert(table[party])

        return {
            "share": self.shares[party],
            "reward_share": float(self.reward_shares[party]),
            "contribution": maybe(self.contributions),
            "contribution_share": maybe(self.contribution_shares),
            "ratio": maybe(self.ratios),
            "difference": maybe(self.differences),
            "community": party in self.community,
            "equal_partner": self.equal_partners.get(party),
        }

    def to_dict(self) -> dict[str, Any]:
        """Every check as plain data: the summary, then one row per party.

        Coalitions are lists of parties in party order; excesses and fractions are
        floats; money stays Decimal.

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.sharing.rules import Equal
            >>> data = check_fairness(Equal().allocate(Decimal("2"), ["a", "b"], currency="GBP")).to_dict()
            >>> data["gini"], data["parties"]["a"]["share"]
            (0.0, Decimal('1.00'))
        """
        order = {party: index for index, party in enumerate(self.parties)}
        return {
            "rule": self.rule,
            "amount": self.amount,
            "currency": self.currency,
            "efficient": self.efficient,
            "gini": self.gini,
            "contribution_gini": self.contribution_gini,
            "tolerance": float(self.tolerance),
            "all_equal_partners": self.all_equal_partners,
            "game_total": None if self.game_total is None else float(self.game_total),
            "values_efficient": self.values_efficient,
            "in_core": self.in_core,
            "blocking": [
                {"coalition": sorted(coalition, key=order.__getitem__), "excess": float(excess)}
                for coalition, excess in self.blocking
            ],
            "passed": self.passed,
            "parties": {party: self.row(party) for party in self.parties},
        }

    def to_frame(self) -> Any:
        """One row per party as a pandas DataFrame indexed by party (needs ``pandas``).

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.sharing.rules import Equal
            >>> deal = Equal().allocate(Decimal("10"), ["a", "b"], currency="GBP")
            >>> check_fairness(deal, {"a": 3, "b": 1}).to_frame()["ratio"].tolist()
            [0.6666666666666666, 2.0]
        """
        pandas = require("pandas", "pandas", "FairnessReport.to_frame")
        frame = pandas.DataFrame.from_dict(
            {party: self.row(party) for party in self.parties}, orient="index"
        )
        frame.index.name = "party"
        return frame

    def explain(self) -> str:
        """A plain-English account of every check, one party per line.

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.sharing.rules import Proportional
            >>> deal = Proportional({"acme": 3, "whg": 1}).allocate(Decimal("100"), currency="GBP")
            >>> print(check_fairness(deal, {"acme": 1, "whg": 1}, community=["whg"]).explain())
            Fairness of 100.00 GBP shared by the proportional rule among 2 parties:
              The shares add up exactly to the amount: yes.
              Gini coefficient of the shares: 0.250 (0 = all equal; 0.500 = one party gets everything).
              Gini coefficient of the contributions: 0.000.
              Reward share against contribution share:
                acme: 75.0% of the reward for 50.0% of the contributions (ratio 1.50, +25.0 points)
                whg: 25.0% of the reward for 50.0% of the contributions (ratio 0.50, -25.0 points); community party: NOT an equal partner
              Equal partners: no - whg gets less than its share of the contributions (tolerance 0.0 points).
        """
        n = len(self.parties)
        lines = [
            f"Fairness of {format_money(self.amount, self.currency)} shared by the "
            f"{self.rule} rule among {n} part{'y' if n == 1 else 'ies'}:",
            f"  The shares add up exactly to the amount: {'yes' if self.efficient else 'NO'}.",
            f"  Gini coefficient of the shares: {self.gini:.3f} (0 = all equal; "
            f"{(n - 1) / n:.3f} = one party gets everything).",
        ]
        if self.contributions is not None and self.contribution_shares is None:
            lines.append("  The contributions are all 0: there is nothing to compare with.")
        if self.contribution_shares is not None:
            ratios, differences = self.ratios or {}, self.differences or {}
            lines.append(f"  Gini coefficient of the contributions: {self.contribution_gini:.3f}.")
            lines.append("  Reward share against contribution share:")
            for party in self.parties:
                line = (
                    f"    {party}: {format_percent(self.reward_shares[party])} of the reward for "
                    f"{format_percent(self.contribution_shares[party])} of the contributions "
                    f"(ratio {ratios[party]:.2f}, {format_percent(differences[party], points=True)})"
                )
                if party in self.equal_partners:
                    verdict = (
                        "an equal partner" if self.equal_partners[party] else "NOT an equal partner"
                    )
                    line += f"; community party: {verdict}"
                lines.append(line)
        if self.all_equal_partners is not None:
            tolerance = f"tolerance {format_percent(self.tolerance, points=True, signed=False)}"
            if self.all_equal_partners:
                lines.append(
                    "  Equal partners: yes - every community party gets at least its share of "
                    f"the contributions ({tolerance})."
                )
            else:
                short = [str(p) for p, ok in self.equal_partners.items() if not ok]
                verb = "gets" if len(short) == 1 else "get"
                lines.append(
                    f"  Equal partners: no - {', '.join(short)} {verb} less than "
                    f"{'its' if len(short) == 1 else 'their'} share of the contributions "
                    f"({tolerance})."
                )
        if self.game_total is not None:
            lines.append(
                f"  The game's worth v(N): {_number(self.game_total, self.game_currency)}."
            )
            if self.values_efficient is not None:
                lines.append(
                    f"  The {_VALUE_NAMES.get(self.rule, self.rule)} add up to v(N): "
                    f"{'yes' if self.values_efficient else 'NO'}."
                )
            core = "Core"
            if Fraction(self.amount) != self.game_total:
                core = "Core (the shares applied to v(N))"
            if self.in_core:
                lines.append(
                    f"  {core}: yes - no group of parties could get more on its own than its "
                    "shares give it."
                )
            else:
                count = len(self.blocking)
                their = "its" if count == 1 else "their"
                lines.append(
                    f"  {core}: no - {count} group{'' if count == 1 else 's'} of parties could "
                    f"get more on {their} own:"
                )
                order = {party: index for index, party in enumerate(self.parties)}
                for coalition, excess in self.blocking[:_SHOWN]:
                    members = ", ".join(str(p) for p in sorted(coalition, key=order.__getitem__))
                    gain = _number(excess, self.game_currency)
                    lines.append(f"    {{{members}}} would gain {gain}")
                if count > _SHOWN:
                    lines.append(f"    ... and {count - _SHOWN} more")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        columns = ("party", "share", "reward share", "contribution share", "ratio", "equal partner")
        rows = []
        for party in self.parties:
            row = self.row(party)
            rows.append(
                (
                    party,
                    row["share"],
                    row["reward_share"],
                    row["contribution_share"],
                    row["ratio"],
                    row["equal_partner"],
                )
            )
        verdict = "passed" if self.passed else "FAILED"
        caption = (
            f"Fairness of {format_money(self.amount, self.currency)} by the {self.rule} rule: "
            f"{verdict} "
            f"(Gini {self.gini:.3f}, efficient {'yes' if self.efficient else 'no'}, in core "
            f"{'n/a' if self.in_core is None else 'yes' if self.in_core else 'no'})"
        )
        return html_table(columns, rows, caption=caption, limit=None)


def check_fairness(
    allocation: Allocation,
    contributions: Mapping[Any, _Number] | None = None,
    *,
    community: Iterable[Hashable] = (),
    tolerance: _Number = 0,
    game: Game | None = None,
    players: Iterable[Hashable] | None = None,
    game_currency: str | None = None,
) -> FairnessReport:
    """Check an allocation: inequality, rewards against contributions, and the core.

    The checks, each a field of the report:

    - *efficiency*: the shares add up exactly to the amount;
    - *inequality*: the Gini coefficient of the shares (see :func:`gini`);
    - *rewards against contributions*, when ``contributions`` are given: each party's
      reward share r_i = share_i / amount beside its contribution share
      c_i / Σ c, as the ratio r_i / (c_i / Σc) and the difference r_i − c_i / Σc;
    - *equal partners*, for each ``community`` party: r_i ≥ c_i / Σc − tolerance, allowing
      also one minor unit of the currency for rounding (the "equal partners" test of
      community-based participatory research: community partners get at least as large
      a share of the benefit as of the effort; Israel et al. 1998);
    - *the core*, when the cooperative ``game`` v is given: the shares applied to the
      game's worth, y_i = v(N) · r_i (the shares themselves when the amount is v(N)),
      must leave no coalition better off alone, v(S) − y(S) ≤ 0 (Gillies 1959), up to the
      money's rounding of one minor unit per member (scaled to the game's units); for the
      game-value rules, whether their values add up to v(N).

    Args:
        allocation: The allocation to check.
        contributions: What each party put in, in any unit (money, hours ...), such as
            :meth:`~coinnovation.models.Agreement.contribution_values`; parties left out
            count as 0, and parties only here count as getting nothing.
        community: The community parties to check as equal partners (contributions are
            then required).
        tolerance: How far below its contribution share (as a fraction of the whole,
            e.g. ``Decimal("0.01")`` for one percentage point) a community party's reward
            share may fall.
        game: The cooperative game behind the sharing (gains: see
            :func:`~coinnovation.sharing.games.excesses` for cost games), as a function of
            a frozenset of parties or a table of coalition values.
        players: The game's players, if not the parties (any not in the allocation get
            0); at most :data:`~coinnovation.sharing.games.EXACT_LIMIT`.
        game_currency: The currency of the game's values when they are money, so that
            the report writes v(N) and the excesses as money; by default the
            allocation's weight currency when it was made by a game-value rule.

    Returns:
        The report.

    Raises:
        ValueError: A negative contribution or tolerance, community parties without
            contributions or who are not parties, game players that leave out a party,
            or too many players for the core check.

    References:
        Israel, B. A., Schulz, A. J., Parker, E. A. & Becker, A. B. (1998). Review of
        community-based research: assessing partnership approaches to improve public
        health. *Annual Review of Public Health* 19, 173–202.

        Gillies, D. B. (1959). Solutions to general non-zero-sum games. In *Contributions
        to the Theory of Games IV*, 47–85. Princeton University Press.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.sharing.rules import Shapley
        >>> glove = {("L",): 0, ("R1",): 0, ("R2",): 0, ("L", "R1"): 60, ("L", "R2"): 60,
        ...          ("R1", "R2"): 0, ("L", "R1", "R2"): 60}
        >>> deal = Shapley(glove).allocate(Decimal("60"), currency="GBP")
        >>> report = check_fairness(deal, game=glove)
        >>> report.in_core, [(sorted(s), e) for s, e in report.blocking]
        (False, [(['L', 'R1'], Fraction(10, 1)), (['L', 'R2'], Fraction(10, 1))])
    """
    parties = list(allocation.shares)
    if contributions is not None:
        parties += [party for party in contributions if party not in allocation.shares]
    shares = {party: allocation.shares.get(party, Decimal(0)) for party in parties}
    unit = Decimal(1).scaleb(-minor_unit(allocation.currency))
    amount = Fraction(allocation.amount)
    if amount:
        reward = {party: Fraction(shares[party]) / amount for party in parties}
    else:
        exact = allocation.fractions()
        reward = {party: exact.get(party, Fraction(0)) for party in parties}
    allowance = Fraction(unit) / abs(amount) if amount else Fraction(0)
    slack = _exact(tolerance)
    if slack < 0:
        raise ValueError("the tolerance must not be negative")

    given: dict[Hashable, Fraction] | None = None
    portions: dict[Hashable, Fraction] | None = None
    ratios: dict[Hashable, float] | None = None
    differences: dict[Hashable, Fraction] | None = None
    contribution_gini: float | None = None
    if contributions is not None:
        given = {party: _exact(contributions.get(party, 0)) for party in parties}
        negative = [party for party, value in given.items() if value < 0]
        if negative:
            raise ValueError(f"contributions must not be negative: {negative!r}")
        total = sum(given.values(), Fraction(0))
        if total:
            portions = {party: value / total for party, value in given.items()}
            differences = {party: reward[party] - portions[party] for party in parties}
            ratios = {
                party: (
                    float(reward[party] / portions[party])
                    if portions[party]
                    else (float("inf") if reward[party] else float("nan"))
                )
                for party in parties
            }
            contribution_gini = gini(given.values())

    members = tuple(dict.fromkeys(community))
    unknown = [party for party in members if party not in shares]
    if unknown:
        raise ValueError(f"community parties that are not parties: {unknown!r}")
    if members and contributions is None:
        raise ValueError("checking community parties as equal partners needs contributions")
    equal_partners: dict[Hashable, bool] = {}
    if portions is not None:
        equal_partners = {
            party: reward[party] + allowance >= portions[party] - slack for party in members
        }
    all_equal = all(equal_partners.values()) if equal_partners else None

    game_total: Fraction | float | None = None
    values_efficient: bool | None = None
    in_core: bool | None = None
    blocking: list[tuple[frozenset[Hashable], Fraction | float]] = []
    if game is not None:
        listed = list(parties if players is None else players)
        left_out = [party for party in parties if party not in set(listed)]
        if left_out:
            raise ValueError(f"the game's players leave out parties: {left_out!r}")
        if len(listed) > EXACT_LIMIT:
            raise ValueError(
                f"{len(listed)} players are too many for the core check (limit {EXACT_LIMIT})"
            )
        v = value_function(game)
        worth = v(frozenset(listed))
        total_worth: Fraction | float = worth if isinstance(worth, float) else Fraction(worth)
        game_total = total_worth
        if allocation.rule in _VALUE_NAMES:
            values_efficient = _adds_up(allocation.weights.values(), total_worth, len(listed))
        applied = {player: total_worth * reward.get(player, Fraction(0)) for player in listed}
        magnitude = -total_worth if total_worth < 0 else total_worth
        per_member = magnitude * allowance
        noise = 1e-9 * max(1.0, magnitude) if isinstance(magnitude, float) else 0.0
        everyone = frozenset(listed)
        for coalition, excess in excesses(listed, v, applied).items():
            if coalition != everyone and excess > per_member * len(coalition) + noise:
                blocking.append((coalition, excess))
        blocking.sort(key=lambda item: -item[1])
        in_core = not blocking

    return FairnessReport(
        rule=allocation.rule,
        amount=allocation.amount,
        currency=allocation.currency,
        parties=tuple(parties),
        shares=shares,
        reward_shares=reward,
        gini=gini(abs(share) for share in shares.values()),
        efficient=sum(allocation.shares.values(), Decimal(0)) == allocation.amount,
        contributions=given,
        contribution_shares=portions,
        ratios=ratios,
        differences=differences,
        contribution_gini=contribution_gini,
        community=members,
        tolerance=slack,
        equal_partners=equal_partners,
        all_equal_partners=all_equal,
        game_total=game_total,
        values_efficient=values_efficient,
        in_core=in_core,
        blocking=tuple(blocking),
        game_currency=(
            game_currency
            if game_currency is not None or allocation.rule not in _VALUE_NAMES
            else allocation.weight_currency
        ),
    )

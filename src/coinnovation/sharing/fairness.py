"""Fairness checks for an allocation: inequality, rewards against contributions, the core.

:func:`gini` measures how unequal the shares are. :func:`compare_rewards` and
:func:`compare_agreement` put each party's reward share beside its contribution share, per
party and per sector, and say what each share is: a rule's allocation of a pot, or the
shares recorded in an agreement (weighed by money, or each reward counted equally). That
:class:`RewardComparison` is the one such computation in coinnovation: the heart report's
equal-partners indicator and the report's agreements table read it too.
:func:`check_fairness` puts an :class:`~coinnovation.sharing.rules.Allocation` beside what
each party put in (through :func:`compare_rewards`) and, given the cooperative game behind
it, beside what each group of parties could have got on its own, and reports each check in
a :class:`FairnessReport` with a plain-English :meth:`~FairnessReport.explain`.

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

from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs

from coinnovation.models import Agreement, Hub, Money
from coinnovation.models.base import minor_unit
from coinnovation.results import Table
from coinnovation.sharing.games import EXACT_LIMIT, Game, excesses, value_function
from coinnovation.sharing.rounding import (
    Amount,
    _finite,
    _terminating,
    format_money,
    format_percent,
    split,
    to_money,
)
from coinnovation.sharing.rules import Allocation

__all__ = [
    "FairnessReport",
    "RewardComparison",
    "Weighting",
    "check_fairness",
    "compare_agreement",
    "compare_rewards",
    "gini",
]

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


# -- reward share against contribution share ---------------------------------------------------

#: Rule names as explanations write them ("Shapley allocation of ...").
_RULE_WORDS = {
    "equal": "equal",
    "proportional": "proportional",
    "contribution_weighted": "contribution-weighted",
    "involvement_payment": "involvement-payment",
    "shapley": "Shapley",
    "myerson": "Myerson",
    "nucleolus": "nucleolus",
}

#: How the reward shares of a :class:`RewardComparison` were weighed.
Weighting = Literal["allocation", "money", "equal", "given", "none"]

#: What the contribution share measures, for agreements.
_VALUED = "cash + in kind + hours × rate"

_Row = dict[str, Any]


def _groups(values: Mapping[Any, str] | None) -> dict[Hashable, str]:
    return dict(values or {})


def _fractions(values: Mapping[Any, Fraction] | None) -> dict[Hashable, Fraction] | None:
    return None if values is None else dict(values)


def _amounts(values: Mapping[Any, Decimal] | None) -> dict[Hashable, Decimal] | None:
    return None if values is None else dict(values)


@attrs.frozen
class RewardComparison(Table):
    """Each party's share of the rewards beside its share of the contributions, and what each is.

    The one computation of "reward share against contribution share" in coinnovation:
    :func:`check_fairness`, the "equal partners" indicator of the heart report and the
    report's agreements table all read it, so they agree and say the same about where
    their numbers come from. Make one with :func:`compare_rewards` (an allocation or
    shares you give) or :func:`compare_agreement` (an agreement in a hub).

    Formula: party i's reward share is r_i (its share of the pot of an allocation, or its
    recorded share of an agreement's rewards, each reward weighed by its money value, or
    equally when none has one); its contribution share is c_i / Σ c (for an agreement,
    c_i = cash + in kind + hours × rate). The difference is r_i − c_i / Σ c and the ratio
    r_i ÷ (c_i / Σ c); for a group of parties (a sector), the sums of both shares.

    As a result table (:class:`~coinnovation.results.Table`), one row per party
    (:meth:`row`): ``to_frame()`` and a notebook table (shares as percentages) come from
    it; :meth:`to_dict` also says what each share is and sums them by group.

    Attributes:
        parties: Every party, in order.
        reward_shares: Each party's reward share, exactly (they sum to 1), or ``None``
            when nothing is shared out.
        contribution_shares: Each party's contribution share, exactly, or ``None`` when
            no contribution has a value.
        reward_basis: What the reward shares are, in words (``"Shapley allocation of
            20,000.00 GBP"``, ``"reward shares as recorded in the agreement ..."``).
        contribution_basis: How contributions are valued, in words.
        weighting: How the rewards were weighed: ``"allocation"`` (shares of a pot a
            rule allocated), ``"money"`` (recorded rewards by their money value),
            ``"equal"`` (recorded rewards, none with a money value, each counted
            equally), ``"given"`` (shares given as they are) or ``"none"`` (nothing
            is shared out).
        rule: The rule's name for an allocation, else ``None``.
        currency: The ISO 4217 code of the money amounts, when there are any.
        rewards: The money each party gets, when the reward shares rest on money.
        contributions: What each party puts in (money when :attr:`currency` is set), or
            ``None`` without contributions.
        groups: Each party's group (its sector's value, ``"unknown"`` for none).
        allowance: The rounding allowed per party when checking equal partners: one
            minor unit of an allocated pot, as a fraction of it (0 otherwise).
        notes: Why a share is missing, and what the reader should know.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.sharing.rules import Equal
        >>> deal = Equal().allocate(Decimal("900"), ["acme", "whg"], currency="GBP")
        >>> comparison = compare_rewards(deal, {"acme": 800, "whg": 100})
        >>> comparison.reward_basis, comparison.contribution_shares["whg"]
        ('equal allocation of 900.00 GBP', Fraction(1, 9))
    """

    parties: tuple[Hashable, ...]
    reward_shares: dict[Hashable, Fraction] | None = attrs.field(converter=_fractions)
    contribution_shares: dict[Hashable, Fraction] | None = attrs.field(converter=_fractions)
    reward_basis: str
    contribution_basis: str
    weighting: Weighting = "given"
    rule: str | None = None
    currency: str | None = None
    rewards: dict[Hashable, Decimal] | None = attrs.field(default=None, converter=_amounts)
    contributions: dict[Hashable, Fraction] | None = attrs.field(default=None, converter=_fractions)
    groups: dict[Hashable, str] = attrs.field(factory=dict, converter=_groups)
    allowance: Fraction = Fraction(0)
    notes: tuple[str, ...] = ()

    @property
    def comparable(self) -> bool:
        """Whether both shares are known, so they can be compared.

        Examples:
            >>> RewardComparison(("a",), {"a": Fraction(1)}, None, "r", "c").comparable
            False
        """
        return self.reward_shares is not None and self.contribution_shares is not None

    @property
    def differences(self) -> dict[Hashable, Fraction] | None:
        """Reward share − contribution share per party (×100 for percentage points).

        Examples:
            >>> one = {"a": Fraction(1, 2), "b": Fraction(1, 2)}
            >>> RewardComparison(("a", "b"), one, {"a": Fraction(1, 4), "b": Fraction(3, 4)},
            ...                  "r", "c").differences
            {'a': Fraction(1, 4), 'b': Fraction(-1, 4)}
        """
        if self.reward_shares is None or self.contribution_shares is None:
            return None
        return {p: self.reward_shares[p] - self.contribution_shares[p] for p in self.parties}

    @property
    def ratios(self) -> dict[Hashable, float] | None:
        """Reward share ÷ contribution share per party: 1 is in proportion.

        ``inf`` for a reward without a contribution, ``nan`` when both are 0.

        Examples:
            >>> one = {"a": Fraction(1, 2), "b": Fraction(1, 2)}
            >>> RewardComparison(("a", "b"), one, {"a": Fraction(1, 4), "b": Fraction(3, 4)},
            ...                  "r", "c").ratios
            {'a': 2.0, 'b': 0.6666666666666666}
        """
        if self.reward_shares is None or self.contribution_shares is None:
            return None
        ratios = {}
        for party in self.parties:
            reward, put_in = self.reward_shares[party], self.contribution_shares[party]
            ratios[party] = (
                float(reward / put_in) if put_in else (float("inf") if reward else float("nan"))
            )
        return ratios

    def members(self, group: str) -> tuple[Hashable, ...]:
        """The parties of a group (a sector's value), in order.

        Examples:
            >>> RewardComparison(("a", "b"), None, None, "r", "c",
            ...                  groups={"a": "community", "b": "industry"}).members("community")
            ('a',)
        """
        return tuple(party for party in self.parties if self.groups.get(party) == group)

    def shares_of(self, parties: Iterable[Hashable]) -> tuple[Fraction | None, Fraction | None]:
        """The reward share and contribution share of some parties together (sums).

        Args:
            parties: The parties, such as :meth:`members` of a sector.

        Returns:
            ``(reward share, contribution share)``; each ``None`` when unknown.

        Examples:
            >>> shares = {"a": Fraction(1, 2), "b": Fraction(1, 4), "c": Fraction(1, 4)}
            >>> RewardComparison(("a", "b", "c"), shares, None, "r", "c").shares_of(["b", "c"])
            (Fraction(1, 2), None)
        """
        listed = list(dict.fromkeys(parties))
        reward = (
            None
            if self.reward_shares is None
            else sum((self.reward_shares[p] for p in listed), Fraction(0))
        )
        put_in = (
            None
            if self.contribution_shares is None
            else sum((self.contribution_shares[p] for p in listed), Fraction(0))
        )
        return reward, put_in

    def is_equal_partner(
        self, parties: Iterable[Hashable], *, tolerance: _Number = 0
    ) -> bool | None:
        """Whether some parties together get at least their share of the contributions.

        Formula: Σ r_i + k · allowance ≥ Σ c_i / Σ c − tolerance, for the k parties (the
        allowance is one minor unit of an allocated pot per party, for rounding).

        Args:
            parties: The parties (one party: ``[party]``; a sector: :meth:`members`).
            tolerance: How far below (a fraction of the whole) still counts.

        Returns:
            The verdict, or ``None`` when the shares cannot be compared or no parties
            are given.

        Examples:
            >>> shares = {"a": Fraction(1, 2), "b": Fraction(1, 2)}
            >>> put_in = {"a": Fraction(3, 5), "b": Fraction(2, 5)}
            >>> c = RewardComparison(("a", "b"), shares, put_in, "r", "c")
            >>> c.is_equal_partner(["a"]), c.is_equal_partner(["a"], tolerance=0.1)
            (False, True)
        """
        listed = list(dict.fromkeys(parties))
        reward, put_in = self.shares_of(listed)
        if not listed or reward is None or put_in is None:
            return None
        return reward + len(listed) * self.allowance >= put_in - _exact(tolerance)

    def row(self, party: Hashable) -> _Row:
        """One party's figures as plain data (fractions as floats, money as Decimal).

        Examples:
            >>> RewardComparison(("a",), {"a": Fraction(1)}, {"a": Fraction(1)}, "r", "c"
            ...                  ).row("a")["difference"]
            0.0
        """
        differences, ratios = self.differences, self.ratios
        return {
            "group": self.groups.get(party),
            "reward": None if self.rewards is None else self.rewards.get(party),
            "reward_share": None
            if self.reward_shares is None
            else float(self.reward_shares[party]),
            "contribution": (
                None
                if self.contributions is None
                else _money_or_number(self.contributions[party], self.currency)
            ),
            "contribution_share": (
                None if self.contribution_shares is None else float(self.contribution_shares[party])
            ),
            "difference": None if differences is None else float(differences[party]),
            "ratio": None if ratios is None else ratios[party],
        }

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain data: what each share is, one row per party and group.

        Examples:
            >>> data = RewardComparison(("a",), {"a": Fraction(1)}, None, "r", "c").to_dict()
            >>> data["reward_basis"], data["parties"]["a"]["reward_share"]
            ('r', 1.0)
        """
        groups = dict.fromkeys(self.groups.get(p) for p in self.parties if p in self.groups)
        group_rows = {}
        for group in groups:
            assert group is not None
            reward, put_in = self.shares_of(self.members(group))
            group_rows[group] = {
                "parties": list(self.members(group)),
                "reward_share": None if reward is None else float(reward),
                "contribution_share": None if put_in is None else float(put_in),
            }
        return {
            "reward_basis": self.reward_basis,
            "contribution_basis": self.contribution_basis,
            "weighting": self.weighting,
            "rule": self.rule,
            "currency": self.currency,
            "notes": list(self.notes),
            "parties": {party: self.row(party) for party in self.parties},
            "groups": group_rows,
        }

    label: ClassVar[str] = "party"
    columns: ClassVar[tuple[str, ...]] = (
        "group",
        "reward",
        "reward_share",
        "contribution",
        "contribution_share",
        "difference",
        "ratio",
    )
    _html_limit: ClassVar[int | None] = None

    def rows(self) -> list[dict[str, Any]]:
        """One row per party, party first: :meth:`row`.

        Examples:
            >>> c = RewardComparison(("a",), {"a": Fraction(1)}, {"a": Fraction(1)}, "r", "c")
            >>> c.to_frame()["ratio"].tolist()
            [1.0]
        """
        return [{"party": party, **self.row(party)} for party in self.parties]

    def lines(self) -> list[str]:
        """The comparison as lines of text: what each share is, then one line per party.

        Examples:
            >>> c = RewardComparison(("a",), {"a": Fraction(1)}, {"a": Fraction(1)},
            ...                      "the shares given", "the hours given")
            >>> for line in c.lines():
            ...     print(line)
            Reward share: the shares given.
            Contribution share: the hours given.
              a: 100.0% of the reward for 100.0% of the contributions (ratio 1.00, 0.0 points)
        """
        found = [
            f"Reward share: {self.reward_basis}.",
            f"Contribution share: {self.contribution_basis}.",
        ]
        if self.reward_shares is None or self.contribution_shares is None:
            return found
        ratios, differences = self.ratios or {}, self.differences or {}
        for party in self.parties:
            found.append(
                f"  {party}: {format_percent(self.reward_shares[party])} of the reward for "
                f"{format_percent(self.contribution_shares[party])} of the contributions "
                f"(ratio {ratios[party]:.2f}, {format_percent(differences[party], points=True)})"
            )
        named = [self.groups[p] for p in self.parties if p in self.groups]
        for group in dict.fromkeys(named):
            reward, put_in = self.shares_of(self.members(group))
            assert reward is not None
            assert put_in is not None
            found.append(
                f"  {group.replace('_', ' ')} sector: {format_percent(reward)} of the reward "
                f"for {format_percent(put_in)} of the contributions "
                f"({format_percent(reward - put_in, points=True)})"
            )
        return found

    def explain(self) -> str:
        """The comparison as plain text, with its notes.

        Examples:
            >>> c = RewardComparison(("a",), None, {"a": Fraction(1)}, "nothing shared",
            ...                      "cash", notes=("nothing is shared out yet",))
            >>> print(c.explain())
            Reward share: nothing shared.
            Contribution share: cash.
            Note: nothing is shared out yet
        """
        return "\n".join([*self.lines(), *(f"Note: {note}" for note in self.notes)])

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        columns = ("party", "group", "reward share", "contribution share", "ratio")
        rows = [
            (
                row["party"],
                row["group"],
                _percent_cell(row["reward_share"]),
                _percent_cell(row["contribution_share"]),
                row["ratio"],
            )
            for row in self.rows()
        ]
        return columns, rows

    def _caption(self) -> str:
        caption = f"Reward share ({self.reward_basis}) against contribution share "
        caption += f"({self.contribution_basis})"
        return caption


def _percent_cell(value: float | None) -> str | None:
    """A share for a table: as :func:`format_percent` writes it, or empty."""
    return None if value is None else format_percent(value)


def _money_or_number(value: Fraction, currency: str | None) -> Any:
    """Money to the minor unit when it has a currency and loses nothing; else a float."""
    if currency is not None:
        exact = _terminating(value)
        if exact is not None:
            return exact
    return float(value)


def compare_rewards(
    rewards: Allocation | Mapping[Any, _Number],
    contributions: Mapping[Any, _Number] | None = None,
    *,
    reward_basis: str | None = None,
    contribution_basis: str | None = None,
    currency: str | None = None,
    groups: Mapping[Any, str] | None = None,
    weighting: Weighting | None = None,
    notes: Iterable[str] = (),
) -> RewardComparison:
    """Put each party's share of the rewards beside its share of the contributions.

    Formula: r_i = share_i / A for an allocation of A (the rule's exact fractions when
    A is 0), or r_i = x_i / Σ x for shares x given; contribution share c_i / Σ c. Parties
    only among the contributions get a reward share of 0.

    Args:
        rewards: An :class:`~coinnovation.sharing.Allocation`, or each party's share
            (any non-negative numbers; they are scaled to sum to 1).
        contributions: What each party puts in, in any unit; parties left out count 0.
        reward_basis: What the reward shares are, in words; for an allocation, by
            default ``"<rule> allocation of <amount>"``.
        contribution_basis: How contributions are valued, in words.
        currency: The currency of the contributions, when they are money.
        groups: Each party's group (a sector's value), for :meth:`RewardComparison.members`.
        weighting: How the rewards were weighed (see :class:`RewardComparison`); by
            default ``"allocation"`` for an allocation and ``"given"`` otherwise.
        notes: Lines for the reader.

    Returns:
        The comparison.

    Raises:
        ValueError: A negative share or contribution.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.sharing.rules import Shapley
        >>> glove = {("L",): 0, ("R",): 0, ("L", "R"): 90}
        >>> deal = Shapley(glove).allocate(Decimal("90"), currency="GBP")
        >>> c = compare_rewards(deal, {"L": 60, "R": 30}, contribution_basis="cash")
        >>> print(c.explain())
        Reward share: Shapley allocation of 90.00 GBP.
        Contribution share: cash.
          L: 50.0% of the reward for 66.7% of the contributions (ratio 0.75, -16.7 points)
          R: 50.0% of the reward for 33.3% of the contributions (ratio 1.50, +16.7 points)
    """
    found = list(notes)
    amounts: dict[Hashable, Decimal] | None = None
    allowance = Fraction(0)
    rule: str | None = None
    if isinstance(rewards, Allocation):
        rule = rewards.rule
        parties = list(rewards.shares)
        pot = Fraction(rewards.amount)
        if pot:
            reward: dict[Hashable, Fraction] | None = {
                party: Fraction(share) / pot for party, share in rewards.shares.items()
            }
            unit = Decimal(1).scaleb(-minor_unit(rewards.currency))
            allowance = Fraction(unit) / abs(pot)
        else:
            reward = dict(rewards.fractions())
        amounts = dict(rewards.shares)
        if reward_basis is None:
            words = _RULE_WORDS.get(rewards.rule, rewards.rule)
            reward_basis = f"{words} allocation of {format_money(rewards.amount, rewards.currency)}"
        weighting = weighting or "allocation"
    else:
        parties = list(rewards)
        given = _finite(rewards, "reward shares")
        if any(value < 0 for value in given.values()):
            raise ValueError(f"reward shares must not be negative: {given!r}")
        total = sum(given.values(), Fraction(0))
        reward = {party: value / total for party, value in given.items()} if total else None
        weighting = weighting or "given"
    if contributions is not None:
        parties += [party for party in contributions if party not in parties]
    if reward is not None:
        reward = {party: reward.get(party, Fraction(0)) for party in parties}
    if amounts is not None:
        amounts = {party: amounts.get(party, Decimal(0)) for party in parties}
    put_in: dict[Hashable, Fraction] | None = None
    portions: dict[Hashable, Fraction] | None = None
    if contributions is not None:
        put_in = _finite({party: contributions.get(party, 0) for party in parties}, "contributions")
        negative = [party for party, value in put_in.items() if value < 0]
        if negative:
            raise ValueError(f"contributions must not be negative: {negative!r}")
        total_in = sum(put_in.values(), Fraction(0))
        if total_in:
            portions = {party: value / total_in for party, value in put_in.items()}
    return RewardComparison(
        parties=tuple(parties),
        reward_shares=reward,
        contribution_shares=portions,
        reward_basis=reward_basis or "the reward shares given",
        contribution_basis=contribution_basis or "the contributions given",
        weighting=weighting,
        rule=rule,
        currency=currency,
        rewards=amounts,
        contributions=put_in,
        groups=dict(groups or {}),
        allowance=allowance,
        notes=tuple(dict.fromkeys(found)),
    )


def _contribution_basis(agreement: Agreement, rate: Money | None) -> str:
    """How an agreement's contributions are valued, naming time without a rate."""
    unrated = sum(
        (cost.hours for cost in agreement.costs if cost.hours is not None and cost.rate is None),
        Decimal(0),
    )
    if not unrated:
        return _VALUED
    hours = f"{unrated.normalize():f} hour{'' if unrated == 1 else 's'}"
    if rate is None:
        return f"{_VALUED}; {hours} of time without a rate count as nothing"
    return (
        f"{_VALUED}; {hours} of time without a rate valued at "
        f"{format_money(rate.amount, rate.currency)} an hour"
    )


def _recorded(
    agreement: Agreement, currency: str | None
) -> tuple[dict[str, Fraction] | None, dict[str, Decimal] | None, str, Weighting, list[str]]:
    """An agreement's recorded reward shares, the money behind them, and what they are."""
    shared = {share.reward for share in agreement.shares}
    rewards = [reward for reward in agreement.rewards if reward.id in shared]
    if not rewards:
        return (
            None,
            None,
            "no reward shares are recorded yet",
            "none",
            ["nothing is shared out yet"],
        )
    valued = [reward for reward in rewards if reward.amount is not None]
    if any(reward.amount.amount < 0 for reward in valued if reward.amount is not None):
        return (
            None,
            None,
            "no reward share: a shared reward has a negative value",
            "money",
            ["a shared reward has a negative value: no reward share computed"],
        )
    shares = agreement.reward_shares()
    recorded = "reward shares as recorded in the agreement"
    if not valued:
        count = "its one reward" if len(rewards) == 1 else f"each of its {len(rewards)} rewards"
        basis = f"{recorded} (no reward has a money value: {count} counted equally)"
        return dict(shares), None, basis, "equal", []
    total = sum((reward.amount.amount for reward in valued if reward.amount), Decimal(0))
    if total == 0:
        return (
            None,
            None,
            "no reward share: the shared rewards are worth 0",
            "money",
            ["the shared rewards' money values add up to 0: no reward share computed"],
        )
    assert currency is not None  # a reward has money, so the agreement has a currency
    basis = (
        f"{recorded}, each reward weighed by its money value "
        f"({format_money(total, currency)} in all)"
    )
    left = [reward.id for reward in rewards if reward.amount is None]
    if left:
        noun = "reward" if len(left) == 1 else "rewards"
        basis += f"; {len(left)} {noun} with no money value left out: {', '.join(left)}"
    money: dict[str, Decimal] | None
    try:
        money = split(total, shares, currency=currency)
    except ValueError:  # rewards finer than the minor unit: shares, but no amounts
        money = None
    return dict(shares), money, basis, "money", []


def compare_agreement(
    hub: Hub | None,
    agreement: Agreement | str,
    *,
    allocation: Allocation | None = None,
    time_rate: Amount | None = None,
) -> RewardComparison:
    """An agreement's reward shares beside its contribution shares, saying what each is.

    The reward shares are, without ``allocation``, those recorded in the agreement
    (:meth:`~coinnovation.models.Agreement.reward_shares`): each reward weighed by its
    money value, or — when no shared reward has one — each counted equally, which the
    comparison says (its :attr:`~RewardComparison.weighting` is then ``"equal"``). With
    ``allocation`` (say, a Shapley share of a pot), they are its shares of the pot. The
    contribution shares value what each party puts in as cash + in kind + hours × rate
    (:meth:`~coinnovation.models.Agreement.contribution_values`); time without a rate
    counts as nothing, or at ``time_rate`` when given, and the basis says which.

    Args:
        hub: The hub, for the parties' sectors (the comparison's groups) and to look up
            an agreement given by id; ``None`` for no groups.
        agreement: The agreement, or its id.
        allocation: A rule's allocation of a pot among the parties, to compare instead
            of the recorded shares.
        time_rate: The value of an hour of time without a rate of its own (a Money or a
            plain number in the agreement's currency); used only where such time is.

    Returns:
        The comparison; its notes say why a share is missing.

    Raises:
        UnknownReferenceError: No such agreement in the hub.
        InvalidAgreementError: The agreement's money is in more than one currency.
        InvalidAmountError: A time rate that is not a finite number of 0 or more, or in
            another currency.
        ValueError: An agreement given by id without a hub.

    Examples:
        >>> from coinnovation import load
        >>> hub = load("examples/walsall-2023/hub.json")
        >>> c = compare_agreement(hub, "ag-01")
        >>> c.reward_basis
        'reward shares as recorded in the agreement (no reward has a money value: each of its 3 rewards counted equally)'
        >>> community = c.members("community")
        >>> c.shares_of(community), c.is_equal_partner(community)
        ((Fraction(4, 15), Fraction(1, 7)), True)
    """
    if isinstance(agreement, str):
        if hub is None:
            raise ValueError(f"agreement {agreement!r} is given by id: pass the hub too")
        record = hub.agreement(agreement)
    else:
        record = agreement
    currency = record.currency()
    unrated = any(cost.hours is not None and cost.rate is None for cost in record.costs)
    rate = None
    if time_rate is not None and unrated:
        rate = to_money(time_rate, currency, name="time_rate", minor_units=False)
    values = record.contribution_values(time_rate=rate)
    notes: list[str] = []
    contributions: dict[str, Decimal] | None = dict(values)
    if any(value < 0 for value in values.values()):
        notes.append("a party's contribution has a negative value: no share computed")
        contributions = None
    elif sum(values.values(), Decimal(0)) <= 0:
        notes.append(
            "no cost carries a money value (time without a rate counts only with time_rate)"
        )
    groups: dict[str, str] = {}
    if hub is not None:
        for party in record.party_ids:
            sector = hub.sector_of(party)
            groups[party] = sector.value if sector is not None else "unknown"
    basis = _contribution_basis(record, rate)
    total = sum(values.values(), Decimal(0))
    if contributions is not None and total > 0 and currency is not None:
        basis += f" ({format_money(total, currency)} in all)"
    if allocation is not None:
        return compare_rewards(
            allocation,
            contributions,
            contribution_basis=basis,
            currency=currency,
            groups=groups,
            notes=notes,
        )
    shares, money, reward_basis, weighting, more = _recorded(record, currency)
    comparison = compare_rewards(
        shares if shares is not None else {},
        contributions,
        reward_basis=reward_basis,
        contribution_basis=basis,
        currency=currency,
        groups=groups,
        weighting=weighting,
        notes=[*more, *notes],
    )
    return attrs.evolve(
        comparison,
        parties=tuple(record.party_ids)
        + tuple(p for p in comparison.parties if p not in record.party_ids),
        rewards=money,
    )


@attrs.frozen
class FairnessReport(Table):
    """How fair an allocation is, check by check; see :func:`check_fairness`.

    As a result table (:class:`~coinnovation.results.Table`), one row per party
    (:meth:`row`): ``to_frame()`` and a notebook table (money and percentages written
    out, the verdict in its caption) come from it; :meth:`to_dict` also holds every check.

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
        comparison: The reward shares beside the contribution shares, saying what each
            is (see :func:`compare_rewards`); every field about contributions above is
            read from it.

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
    comparison: RewardComparison | None = None

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
            "reward_basis": None if self.comparison is None else self.comparison.reward_basis,
            "contribution_basis": (
                None if self.comparison is None else self.comparison.contribution_basis
            ),
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

    label: ClassVar[str] = "party"
    columns: ClassVar[tuple[str, ...]] = (
        "share",
        "reward_share",
        "contribution",
        "contribution_share",
        "ratio",
        "difference",
        "community",
        "equal_partner",
    )
    _html_limit: ClassVar[int | None] = None

    def rows(self) -> list[dict[str, Any]]:
        """One row per party, party first: :meth:`row`.

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.sharing.rules import Equal
            >>> deal = Equal().allocate(Decimal("10"), ["a", "b"], currency="GBP")
            >>> check_fairness(deal, {"a": 3, "b": 1}).to_frame()["ratio"].tolist()
            [0.6666666666666666, 2.0]
        """
        return [{"party": party, **self.row(party)} for party in self.parties]

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
              Reward share: proportional allocation of 100.00 GBP.
              Contribution share: the contributions given.
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
            if self.comparison is not None:
                lines.append(f"  Reward share: {self.comparison.reward_basis}.")
                lines.append(f"  Contribution share: {self.comparison.contribution_basis}.")
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
            if self.comparison is not None:
                lines += [f"  {line}" for line in self.comparison.lines()[2 + len(self.parties) :]]
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

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        columns = ("party", "share", "reward share", "contribution share", "ratio", "equal partner")
        rows = [
            (
                row["party"],
                format_money(row["share"], self.currency),
                _percent_cell(row["reward_share"]),
                _percent_cell(row["contribution_share"]),
                row["ratio"],
                row["equal_partner"],
            )
            for row in self.rows()
        ]
        return columns, rows

    def _caption(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        return (
            f"Fairness of {format_money(self.amount, self.currency)} by the {self.rule} rule: "
            f"{verdict} "
            f"(Gini {self.gini:.3f}, efficient {'yes' if self.efficient else 'no'}, in core "
            f"{'n/a' if self.in_core is None else 'yes' if self.in_core else 'no'})"
        )


def check_fairness(
    allocation: Allocation,
    contributions: Mapping[Any, _Number] | None = None,
    *,
    community: Iterable[Hashable] = (),
    tolerance: _Number = 0,
    game: Game | None = None,
    players: Iterable[Hashable] | None = None,
    game_currency: str | None = None,
    contribution_basis: str | None = None,
    contribution_currency: str | None = None,
    groups: Mapping[Any, str] | None = None,
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
        contribution_basis: How the contributions are valued, in words, for the
            explanation (``"cash + in kind + hours × rate"``).
        contribution_currency: The currency of the contributions, when they are money.
        groups: Each party's group (a sector's value), to add the groups' shares to the
            explanation.

    Returns:
        The report; its :attr:`~FairnessReport.comparison` is the
        :func:`compare_rewards` of the allocation and the contributions.

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
    comparison = compare_rewards(
        allocation,
        contributions,
        contribution_basis=contribution_basis,
        currency=contribution_currency,
        groups=groups,
    )
    parties = list(comparison.parties)
    shares = {party: allocation.shares.get(party, Decimal(0)) for party in parties}
    reward = comparison.reward_shares
    if reward is None:  # a pot of 0 and every weight 0
        raise ValueError("every weight of the allocation is 0: there are no reward shares")
    try:
        slack = _exact(tolerance)
    except (ValueError, OverflowError, TypeError):
        raise ValueError(f"the tolerance must be a finite number, not {tolerance!r}") from None
    if slack < 0:
        raise ValueError("the tolerance must not be negative")
    if slack > 1:
        raise ValueError(
            f"the tolerance is a fraction of the whole: at most 1, not {tolerance} "
            "(0.01 is one percentage point)"
        )
    given = comparison.contributions
    portions = comparison.contribution_shares
    ratios = comparison.ratios
    differences = comparison.differences
    contribution_gini = gini(given.values()) if given is not None and portions else None

    members = tuple(dict.fromkeys(community))
    unknown = [party for party in members if party not in shares]
    if unknown:
        raise ValueError(f"community parties that are not parties: {unknown!r}")
    if members and contributions is None:
        raise ValueError("checking community parties as equal partners needs contributions")
    equal_partners: dict[Hashable, bool] = {}
    if portions is not None:
        equal_partners = {
            party: bool(comparison.is_equal_partner([party], tolerance=slack)) for party in members
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
        per_member = magnitude * comparison.allowance
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
        comparison=comparison,
    )

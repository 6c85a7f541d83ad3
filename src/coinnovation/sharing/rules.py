"""Sharing rules: small objects whose ``allocate`` returns an exact, explained allocation.

:class:`Equal` and :class:`Proportional` share by fixed weights; :class:`Shapley`,
:class:`Myerson` and :class:`Nucleolus` share in proportion to a cooperative game's
values, so partners who add more to what the group can achieve get more.

Examples:
    >>> from decimal import Decimal
    >>> deal = Proportional({"acme": 3, "whg": 1}, basis="cash").allocate(Decimal("1000"), currency="GBP")
    >>> deal.shares
    {'acme': Decimal('750.00'), 'whg': Decimal('250.00')}
    >>> glove = {("L", "R"): 1, ("L",): 0, ("R",): 0}
    >>> Shapley(glove).allocate(Decimal("10"), currency="GBP").shares
    {'L': Decimal('5.00'), 'R': Decimal('5.00')}
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs
import networkx as nx

from coinnovation.models import Agreement, CostKind, Money
from coinnovation.models.base import minor_unit
from coinnovation.results import Table
from coinnovation.sharing.games import (
    EXACT_LIMIT,
    Game,
    ShapleyEstimate,
    graph_restricted,
    myerson_value,
    nucleolus,
    shapley_estimate,
    shapley_value,
    value_function,
)
from coinnovation.sharing.rounding import (
    Amount,
    Weight,
    format_money,
    format_percent,
    split,
    to_money,
)

__all__ = ["Allocation", "Equal", "Myerson", "Nucleolus", "Proportional", "Shapley"]

#: What :meth:`Allocation.explain` calls the weights of the game-value rules.
_VALUE_NAMES = {
    "shapley": "Shapley value",
    "myerson": "Myerson value",
    "nucleolus": "nucleolus value",
}


def _frozen_mapping(values: Mapping[Any, Any]) -> dict[Any, Any]:
    return dict(values)


def _lines(notes: Iterable[str]) -> tuple[str, ...]:
    return tuple(notes)


def _short(value: Any) -> str:
    """Floats to six significant digits; exact numbers as they are."""
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _optional_tuple(players: Iterable[Hashable] | None) -> tuple[Hashable, ...] | None:
    return None if players is None else tuple(players)


def _listed(players: Iterable[Hashable]) -> str:
    return ", ".join(str(player) for player in players)


@attrs.frozen
class Allocation(Table):
    """An amount shared among parties by a rule: who gets what, and why.

    As a result table (:class:`~coinnovation.results.Table`), one row per party: its
    ``share`` (exact money), ``weight`` and ``fraction`` of the weights (a float),
    as ``to_dict()``, ``to_frame()`` and a notebook table (money and percentages
    written out).

    Attributes:
        rule: The rule's name (``"equal"``, ``"proportional"`` ...).
        amount: The amount shared.
        currency: Its ISO 4217 code.
        shares: Each party's amount, in the currency's minor unit; they sum exactly to
            ``amount``.
        weights: The weight each party's share was computed from.
        basis: What the weights measure (``"cash"``, ``"hours"`` ...), in words.
        inputs: The rule's other inputs (a seed, a sample size, a rate table ...), by name.
        notes: Lines that :meth:`explain` adds after the shares: error bounds, warnings,
            what was left out.
        weight_currency: The currency the weights are in, when they are money (what each
            party put in, game values in money); :meth:`explain` then writes them as
            money. ``None`` for weights without a unit (hours, points, plain numbers).

    Examples:
        >>> from decimal import Decimal
        >>> a = Equal().allocate(Decimal("10.00"), ["x", "y", "z"], currency="EUR")
        >>> a.shares["x"], a.total
        (Decimal('3.34'), Decimal('10.00'))
    """

    rule: str
    amount: Decimal
    currency: str
    shares: dict[Hashable, Decimal] = attrs.field(converter=_frozen_mapping)
    weights: dict[Hashable, Weight] = attrs.field(converter=_frozen_mapping)
    basis: str
    inputs: dict[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_lines)
    weight_currency: str | None = attrs.field(default=None, kw_only=True)

    @property
    def total(self) -> Decimal:
        """The sum of the shares (always equal to ``amount``).

        Examples:
            >>> from decimal import Decimal
            >>> Equal().allocate(Decimal("1.00"), ["a", "b", "c"], currency="GBP").total
            Decimal('1.00')
        """
        return sum(self.shares.values(), Decimal(0)).quantize(
            Decimal(1).scaleb(-minor_unit(self.currency))
        )

    def fractions(self) -> dict[Hashable, Fraction]:
        """Each party's exact fraction of the weights (before rounding to money).

        Examples:
            >>> from decimal import Decimal
            >>> Proportional({"a": 1, "b": 3}).allocate(Decimal("4"), currency="GBP").fractions()
            {'a': Fraction(1, 4), 'b': Fraction(3, 4)}
        """
        exact = {
            party: Fraction(Decimal(repr(w))) if isinstance(w, float) else Fraction(w)
            for party, w in self.weights.items()
        }
        total = sum(exact.values(), Fraction(0))
        return {party: weight / total for party, weight in exact.items()}

    def _weight(self, value: Any) -> str:
        """A weight for people: money when the weights are money, else as it is."""
        if self.weight_currency is not None:
            return format_money(value, self.weight_currency)
        return _short(value) if self.rule in _VALUE_NAMES else str(value)

    def explain(self) -> str:
        """A plain-English account of the allocation, one line per party.

        Money is written by :func:`~coinnovation.sharing.format_money` (to the minor unit,
        with the currency) and fractions by :func:`~coinnovation.sharing.format_percent`.
        The game-value rules name their weights (``Shapley value 2/3 of 1``); weights in
        money are written as money, floats to six significant digits.

        Examples:
            >>> from decimal import Decimal
            >>> print(Proportional({"acme": 3, "whg": 1}, basis="cash put in")
            ...       .allocate(Decimal("100"), currency="GBP").explain())
            100.00 GBP shared in proportion to cash put in (largest-remainder rounding to 0.01 GBP):
              acme: 75.00 GBP (weight 3 of 4, 75.0%)
              whg: 25.00 GBP (weight 1 of 4, 25.0%)
        """
        unit = Decimal(1).scaleb(-minor_unit(self.currency))
        how = "equally" if self.rule == "equal" else f"in proportion to {self.basis}"
        lines = [
            f"{format_money(self.amount, self.currency)} shared {how} "
            f"(largest-remainder rounding to {format_money(unit, self.currency)}):"
        ]
        label = _VALUE_NAMES.get(self.rule, "weight")
        total = self._weight(sum(self.weights.values()))
        fractions = self.fractions()
        for party, share in self.shares.items():
            lines.append(
                f"  {party}: {format_money(share, self.currency)} ({label} "
                f"{self._weight(self.weights[party])} of {total}, "
                f"{format_percent(fractions[party])})"
            )
        lines.extend(f"  {note}" for note in self.notes)
        return "\n".join(lines)

    label: ClassVar[str] = "party"
    columns: ClassVar[tuple[str, ...]] = ("share", "weight", "fraction")
    _html_limit: ClassVar[int | None] = None

    def _exact_fractions(self) -> dict[Hashable, Fraction]:
        try:
            return self.fractions()
        except ZeroDivisionError:  # every weight 0
            return {}

    def rows(self) -> list[dict[str, Any]]:
        """One row per party: its share, weight and fraction of the weights.

        The fraction is a float, ``None`` when every weight is 0.

        Examples:
            >>> from decimal import Decimal
            >>> deal = Proportional({"a": 1, "b": 3}).allocate(Decimal("4"), currency="GBP")
            >>> deal.to_dict()["b"]
            {'share': Decimal('3.00'), 'weight': 3, 'fraction': 0.75}
        """
        fractions = self._exact_fractions()
        return [
            {
                "party": party,
                "share": share,
                "weight": self.weights.get(party),
                "fraction": float(fractions[party]) if party in fractions else None,
            }
            for party, share in self.shares.items()
        ]

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        fractions = self._exact_fractions()
        rows = [
            (
                party,
                format_money(share, self.currency),
                self._weight(self.weights[party]) if party in self.weights else None,
                format_percent(fractions[party]) if party in fractions else None,
            )
            for party, share in self.shares.items()
        ]
        return ("party", "share", "weight", "fraction"), rows

    def _caption(self) -> str:
        return (
            f"{format_money(self.amount, self.currency)} shared by the {self.rule} rule "
            f"({self.basis})"
        )


@attrs.frozen
class Equal:
    """Share equally among the parties.

    Formula: each of n parties gets A/n, rounded to the minor unit by largest remainder
    (the first parties listed get the leftover units).

    Examples:
        >>> from decimal import Decimal
        >>> Equal().allocate(Decimal("0.05"), ["a", "b"], currency="GBP").shares
        {'a': Decimal('0.03'), 'b': Decimal('0.02')}
    """

    def allocate(
        self, amount: Amount, parties: Iterable[Hashable], *, currency: str | None = None
    ) -> Allocation:
        """Share ``amount`` equally among ``parties``.

        Args:
            amount: The pot: a whole number of the currency's minor units, 0 or more, as a
                plain number or a Money (see :func:`~coinnovation.sharing.to_money`).
            parties: The parties, each once.
            currency: The ISO 4217 code (not needed for a Money).

        Returns:
            The allocation.

        Raises:
            InvalidAmountError: An amount that is not a finite number, is negative, is
                finer than the minor unit, or has no currency.
            ValueError: No parties, or a party listed twice.

        Examples:
            >>> from decimal import Decimal
            >>> Equal().allocate(Decimal("9"), ["a", "b", "c"], currency="JPY").shares["c"]
            Decimal('3')
        """
        pot = to_money(amount, currency)
        listed = list(parties)
        if len(set(listed)) != len(listed):
            raise ValueError("each party must be listed once")
        weights: dict[Hashable, Weight] = dict.fromkeys(listed, 1)
        shares = split(pot.amount, weights, currency=pot.currency)
        return Allocation("equal", pot.amount, pot.currency, shares, weights, "an equal share each")


@attrs.frozen
class Proportional:
    """Share in proportion to weights: cash put in, in-kind value, hours, or anything else.

    Formula: party i gets A · w_i / Σ w, rounded to the minor unit by largest remainder.

    Attributes:
        weights: Each party's weight (non-negative, not all zero).
        basis: What the weights measure, for explanations (``"hours given"`` ...).
        weight_currency: The currency of the weights when they are money (cash put in
            ...), so that explanations write them as money; ``None`` otherwise.

    Examples:
        >>> from decimal import Decimal
        >>> rule = Proportional({"peer": 40, "champion": 60}, basis="hours given")
        >>> rule.allocate(Decimal("500"), currency="GBP").shares
        {'peer': Decimal('200.00'), 'champion': Decimal('300.00')}
    """

    weights: dict[Hashable, Weight] = attrs.field(converter=_frozen_mapping)
    basis: str = "the weights given"
    weight_currency: str | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def from_agreement(
        cls,
        agreement: Agreement,
        by: Literal["value", "cash", "in_kind", "time", "hours"] = "value",
        *,
        time_rate: Amount | None = None,
    ) -> Proportional:
        """Weights from what each party of an agreement puts in.

        Args:
            agreement: The agreement.
            by: ``"value"`` (cash + in kind + valued time, see
                :meth:`~coinnovation.models.Agreement.contribution_values`), ``"cash"``,
                ``"in_kind"``, ``"time"`` (valued time only) or ``"hours"`` (hours given,
                unvalued).
            time_rate: The value of an hour of time without a rate of its own: a Money,
                or a plain number in the agreement's currency.

        Returns:
            The rule, weighing every party (0 for parties that bear no such cost).

        Raises:
            InvalidAgreementError: Money in more than one currency.
            InvalidAmountError: A time rate that is not a finite number of 0 or more, or
                in another currency.

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.models import Agreement, Cost, Money, Party
            >>> gbp = lambda x: Money(amount=Decimal(x), currency="GBP")
            >>> deal = Agreement(id="ag", title="t",
            ...     parties=(Party(stakeholder="acme"), Party(stakeholder="whg")),
            ...     costs=(Cost(party="acme", kind="cash", amount=gbp("900")),
            ...            Cost(party="whg", kind="time", hours=Decimal("30"), rate=gbp("10")),
            ...            Cost(party="whg", kind="cash", amount=gbp("100"))))
            >>> Proportional.from_agreement(deal, "cash").weights
            {'acme': Decimal('900'), 'whg': Decimal('100')}
            >>> Proportional.from_agreement(deal, "hours").weights
            {'acme': Decimal('0'), 'whg': Decimal('30')}
        """
        if time_rate is not None:
            time_rate = to_money(
                time_rate, agreement.currency(), name="time_rate", minor_units=False
            )
        if by == "value":
            weights = agreement.contribution_values(time_rate=time_rate)
        elif by == "hours":
            weights = agreement.contribution_hours()
        else:
            kind = CostKind(by)
            agreement.currency()  # one currency, or a clear error
            weights = dict.fromkeys(agreement.party_ids, Decimal(0))
            for cost in agreement.costs:
                if cost.kind is not kind:
                    continue
                value = cost.value
                if value is None and time_rate is not None and cost.hours is not None:
                    value = time_rate.scaled(cost.hours)
                if value is not None:
                    weights[cost.party] += value.amount
        words = {
            "value": "each party's contribution value (cash, in kind, time)",
            "cash": "cash put in",
            "in_kind": "in-kind value put in",
            "time": "the value of time given",
            "hours": "hours given",
        }
        money = None if by == "hours" else agreement.currency()
        return cls(dict(weights), basis=words[by], weight_currency=money)

    def allocate(self, amount: Amount, *, currency: str | None = None) -> Allocation:
        """Share ``amount`` in proportion to the weights.

        Args:
            amount: The pot: a whole number of the currency's minor units, 0 or more, as a
                plain number or a Money (see :func:`~coinnovation.sharing.to_money`).
            currency: The ISO 4217 code (not needed for a Money).

        Returns:
            The allocation.

        Raises:
            InvalidAmountError: An amount that is not a finite number, is negative, is
                finer than the minor unit, or has no currency.
            ValueError: No weights, a negative weight, or all weights zero.

        Examples:
            >>> from decimal import Decimal
            >>> Proportional({"a": 0, "b": 1}).allocate(Decimal("5"), currency="GBP").shares
            {'a': Decimal('0.00'), 'b': Decimal('5.00')}
        """
        pot = to_money(amount, currency)
        shares = split(pot.amount, self.weights, currency=pot.currency)
        return Allocation(
            "proportional",
            pot.amount,
            pot.currency,
            shares,
            self.weights,
            self.basis,
            weight_currency=self.weight_currency,
        )


# -------------------------------------------------------------------- cooperative games


def _game_players(
    *choices: Iterable[Hashable] | None, game: Game, default: Iterable[Hashable] | None = None
) -> list[Hashable]:
    """The first players named; else ``default``; else everyone in a table game, sorted."""
    found: Iterable[Hashable] | None = next((c for c in choices if c is not None), default)
    if found is None:
        if not isinstance(game, Mapping):
            raise ValueError(
                "name the players: pass players= to the rule or to allocate (a game given "
                "as a function cannot list them)"
            )
        members = {player for coalition in game for player in coalition}
        try:
            found = sorted(members)  # type: ignore[type-var, unused-ignore]
        except TypeError:
            found = sorted(members, key=repr)
    listed = list(found)
    if len(set(listed)) != len(listed):
        raise ValueError("each player must be listed once")
    if not listed:
        raise ValueError("nothing to share among: no players")
    return listed


def _by_values(
    rule: str,
    pot: Money,
    values: Mapping[Hashable, Fraction | float],
    basis: str,
    inputs: dict[str, Any],
    notes: list[str],
    value_currency: str | None,
) -> Allocation:
    """Share the pot in proportion to a game's values, refusing negative or zero values."""
    amount, currency = pot.amount, pot.currency
    label = _VALUE_NAMES[rule]
    negative = {party: value for party, value in values.items() if value < 0}
    if negative:
        shown = ", ".join(f"{party}: {_short(value)}" for party, value in negative.items())
        raise ValueError(
            f"negative {label}s ({shown}): an amount can only be shared in proportion to "
            "values that are not negative. Shift the game so no one's value is below 0 "
            "(for instance share only the surplus over what each could get alone), or, "
            "for costs, pass the savings game Σ c({i}) − c(S)"
        )
    if not any(values.values()):
        raise ValueError(
            f"every {label} is 0: there is no proportion to share "
            f"{format_money(amount, currency)} by"
        )
    total = sum(values.values(), Fraction(0))
    if not math.isclose(float(total), float(amount), rel_tol=1e-12) or (
        isinstance(total, Fraction) and total != Fraction(amount)
    ):
        worth = _short(total) if value_currency is None else format_money(total, value_currency)
        notes.append(
            f"The {label}s add up to {worth}; {format_money(amount, currency)} is shared in "
            "their proportions."
        )
    weights: dict[Hashable, Weight] = dict(values)
    shares = split(amount, weights, currency=currency)
    return Allocation(
        rule,
        amount,
        currency,
        shares,
        weights,
        basis,
        inputs,
        tuple(notes),
        weight_currency=value_currency,
    )


def _estimated(
    estimate: ShapleyEstimate, seed: int | None
) -> tuple[dict[Hashable, float], dict[str, Any], list[str]]:
    """Monte Carlo values, their inputs and notes; estimates within 2·SE below 0 become 0."""
    values: dict[Hashable, float] = {}
    cleared = []
    for party, value in estimate.values.items():
        if -2 * estimate.stderr[party] <= value < 0:
            cleared.append(party)
            value = 0.0
        values[party] = value
    widest = max(2 * error for error in estimate.stderr.values())
    notes = [
        f"Monte Carlo with {estimate.samples} samples, seed {seed}: each value is within "
        f"±2·SE of the exact value with 95% probability (2·SE ≤ {widest:.3g})."
    ]
    if cleared:
        notes.append(f"Estimates below 0 by less than 2·SE were taken as 0: {_listed(cleared)}.")
    inputs = {
        "method": "monte carlo",
        "samples": estimate.samples,
        "seed": seed,
        "stderr": dict(estimate.stderr),
    }
    return values, inputs, notes


@attrs.frozen
class Shapley:
    """Share in proportion to each party's Shapley value in a cooperative game.

    Formula (Shapley 1953): party i's weight is its average marginal contribution over
    all orders in which the coalition could form,

        φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)),

    and it gets A · φ_i / Σ φ, rounded by largest remainder. When A = v(N) the shares are
    the Shapley values themselves, to the minor unit. The values are efficient,
    symmetric, additive and give a null party nothing, so a party that adds nothing to
    any coalition gets nothing, and interchangeable parties get the same to the minor
    unit.

    Up to :data:`~coinnovation.sharing.games.EXACT_LIMIT` players the values are exact
    (Fractions when v is exact); beyond, they are estimated from ``samples`` random orders
    (Castro, Gómez & Tejada 2009) and the allocation's notes give the error bound.

    Attributes:
        v: The game: a function of a frozenset of parties, or a table from coalitions to
            values (the empty coalition may be left out).
        players: The parties; when ``None``, those passed to :meth:`allocate`, or else
            everyone named in a table game, sorted.
        samples: Random orders drawn when there are too many players to be exact.
        seed: Seed for those orders (the same seed gives the same allocation).
        value_currency: The currency of the game's values when they are money (as in
            :func:`~coinnovation.sharing.contribution_game`), so that explanations
            write them as money; ``None`` for a game without a unit.

    Reference:
        Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory
        of Games II*, 307–317. Princeton University Press.

    Examples:
        >>> from decimal import Decimal
        >>> glove = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))
        >>> Shapley(glove, ["L", "R1", "R2"]).allocate(Decimal("60"), currency="GBP").shares
        {'L': Decimal('40.00'), 'R1': Decimal('10.00'), 'R2': Decimal('10.00')}
    """

    v: Game
    players: tuple[Hashable, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    samples: int = attrs.field(default=2000, kw_only=True)
    seed: int | None = attrs.field(default=0, kw_only=True)
    value_currency: str | None = attrs.field(default=None, kw_only=True)

    def allocate(
        self,
        amount: Amount,
        *,
        currency: str | None = None,
        players: Iterable[Hashable] | None = None,
    ) -> Allocation:
        """Share ``amount`` in proportion to the Shapley values.

        Args:
            amount: The pot: a whole number of the currency's minor units, 0 or more, as
                a plain number or a Money (see :func:`~coinnovation.sharing.to_money`).
            currency: The ISO 4217 code (not needed for a Money).
            players: The parties, overriding the rule's ``players``.

        Returns:
            The allocation; ``inputs`` records the method (``"exact"`` or
            ``"monte carlo"`` with ``samples``, ``seed`` and each ``stderr``), the
            players and v(N) as ``game_total``.

        Raises:
            InvalidAmountError: An amount that is not a finite number, is negative, is
                finer than the minor unit, or has no currency.
            ValueError: No players can be found, a player is listed twice, a value is
                negative, or every value is 0.

        Examples:
            >>> from decimal import Decimal
            >>> cost = {"a": 1, "b": 3, "c": 6}
            >>> savings = lambda s: sum(cost[p] for p in s) - max((cost[p] for p in s), default=0)
            >>> print(Shapley(savings).allocate(Decimal("4"), currency="GBP", players=cost).explain())
            4.00 GBP shared in proportion to each party's Shapley value in the game given (largest-remainder rounding to 0.01 GBP):
              a: 0.67 GBP (Shapley value 2/3 of 4, 16.7%)
              b: 1.67 GBP (Shapley value 5/3 of 4, 41.7%)
              c: 1.66 GBP (Shapley value 5/3 of 4, 41.7%)
        """
        pot = to_money(amount, currency)
        listed = _game_players(players, self.players, game=self.v)
        value = value_function(self.v)
        inputs: dict[str, Any]
        values: Mapping[Hashable, Fraction | float]
        if len(listed) <= EXACT_LIMIT:
            values, inputs, notes = shapley_value(listed, value), {"method": "exact"}, list[str]()
        else:
            estimate = shapley_estimate(listed, value, samples=self.samples, seed=self.seed)
            values, inputs, notes = _estimated(estimate, self.seed)
        inputs.update(players=tuple(listed), game_total=value(frozenset(listed)))
        basis = "each party's Shapley value in the game given"
        return _by_values("shapley", pot, values, basis, inputs, notes, self.value_currency)


@attrs.frozen
class Myerson:
    """Share in proportion to each party's Myerson value on a collaboration graph.

    Formula (Myerson 1977): μ_i = φ_i(v_G), the Shapley value of the graph-restricted
    game v_G(S) = Σ over the connected components C of G[S] of v(C): a coalition is worth
    only what its connected parts are worth, so only partners with a path of
    collaborators between them pool their contributions. Party i gets A · μ_i / Σ μ,
    rounded by largest remainder. Partners who bridge groups earn more than on a complete
    graph; an isolated party earns only v({i}). The Myerson value is component
    efficient (each connected group shares exactly its own worth) and fair (removing a
    tie costs its two ends the same).

    Attributes:
        v: The game: a function of a frozenset of parties, or a table of coalition values.
        graph: Who collaborated with whom; every party must be a node.
        players: The parties; when ``None``, those passed to :meth:`allocate`, or else the
            graph's nodes in its order.
        samples: Random orders drawn when there are too many players to be exact.
        seed: Seed for those orders.
        value_currency: The currency of the game's values when they are money, so that
            explanations write them as money; ``None`` for a game without a unit.

    Reference:
        Myerson, R. B. (1977). Graphs and cooperation in games. *Mathematics of Operations
        Research* 2(3), 225–229.

    Examples:
        >>> from decimal import Decimal
        >>> import networkx as nx
        >>> pairs = lambda s: 1 if len(s) >= 2 else 0
        >>> path = nx.Graph([("firm", "champion"), ("champion", "trust")])
        >>> Myerson(pairs, path).allocate(Decimal("6"), currency="GBP").shares
        {'firm': Decimal('1.00'), 'champion': Decimal('4.00'), 'trust': Decimal('1.00')}
    """

    v: Game
    graph: nx.Graph[Any]
    players: tuple[Hashable, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    samples: int = attrs.field(default=2000, kw_only=True)
    seed: int | None = attrs.field(default=0, kw_only=True)
    value_currency: str | None = attrs.field(default=None, kw_only=True)

    def allocate(
        self,
        amount: Amount,
        *,
        currency: str | None = None,
        players: Iterable[Hashable] | None = None,
    ) -> Allocation:
        """Share ``amount`` in proportion to the Myerson values.

        Args:
            amount: The pot: a whole number of the currency's minor units, 0 or more, as
                a plain number or a Money (see :func:`~coinnovation.sharing.to_money`).
            currency: The ISO 4217 code (not needed for a Money).
            players: The parties, overriding the rule's ``players``.

        Returns:
            The allocation; its notes name the parties isolated in the graph and say
            when the graph falls into separate groups.

        Raises:
            InvalidAmountError: An amount that is not a finite number, is negative, is
                finer than the minor unit, or has no currency.
            ValueError: A party is not in the graph or is listed twice, a value is
                negative, or every value is 0.

        Examples:
            >>> from decimal import Decimal
            >>> import networkx as nx
            >>> graph = nx.Graph([("a", "b")])
            >>> graph.add_node("c")
            >>> print(Myerson(lambda s: len(s) ** 2, graph).allocate(
            ...     Decimal("10"), currency="GBP").explain())
            10.00 GBP shared in proportion to each party's Myerson value: its Shapley value when only partners connected in the collaboration graph can cooperate (largest-remainder rounding to 0.01 GBP):
              a: 4.00 GBP (Myerson value 2 of 5, 40.0%)
              b: 4.00 GBP (Myerson value 2 of 5, 40.0%)
              c: 2.00 GBP (Myerson value 1 of 5, 20.0%)
              Isolated in the collaboration graph, so each gets only its own value v({i}): c.
              The collaboration graph falls into 2 separate groups; each shares only what it is worth on its own.
              The Myerson values add up to 5; 10.00 GBP is shared in their proportions.
        """
        pot = to_money(amount, currency)
        listed = _game_players(players, self.players, game=self.v, default=self.graph.nodes)
        missing = [player for player in listed if player not in self.graph]
        if missing:
            raise ValueError(f"players missing from the graph: {missing!r}")
        value = value_function(self.v)
        inputs: dict[str, Any]
        values: Mapping[Hashable, Fraction | float]
        if len(listed) <= EXACT_LIMIT:
            values = myerson_value(listed, value, self.graph)
            inputs, notes = {"method": "exact"}, list[str]()
        else:
            restricted = graph_restricted(value, self.graph)
            estimate = shapley_estimate(listed, restricted, samples=self.samples, seed=self.seed)
            values, inputs, notes = _estimated(estimate, self.seed)
        among = self.graph.subgraph(listed)
        isolated = [p for p in listed if not any(q != p for q in among.neighbors(p))]
        if isolated:
            notes.append(
                "Isolated in the collaboration graph, so each gets only its own value "
                f"v({{i}}): {_listed(isolated)}."
            )
        groups = nx.number_connected_components(among)
        if groups > 1:
            notes.append(
                f"The collaboration graph falls into {groups} separate groups; each shares "
                "only what it is worth on its own."
            )
        inputs.update(players=tuple(listed), game_total=value(frozenset(listed)))
        basis = (
            "each party's Myerson value: its Shapley value when only partners connected in "
            "the collaboration graph can cooperate"
        )
        return _by_values("myerson", pot, values, basis, inputs, notes, self.value_currency)


@attrs.frozen
class Nucleolus:
    """Share in proportion to each party's value in the nucleolus of a cooperative game.

    Formula (Schmeidler 1969): the nucleolus is the imputation x (x(N) = v(N),
    x_i ≥ v({i})) whose coalition excesses v(S) − x(S), sorted from largest down, are
    lexicographically smallest; party i gets A · x_i / Σ x, rounded by largest remainder.
    It lies in the core whenever the core is not empty, so when A = v(N) no group of
    parties could do better on its own; it treats symmetric parties alike, and does not
    depend on their order. It is computed by linear programming in floating point (see
    :func:`~coinnovation.sharing.games.nucleolus`) for at most
    :data:`~coinnovation.sharing.games.EXACT_LIMIT` players.

    Attributes:
        v: The game: a function of a frozenset of parties, or a table of coalition values.
        players: The parties; when ``None``, those passed to :meth:`allocate`, or else
            everyone named in a table game, sorted.
        tol: The relative tolerance of the linear programs.
        value_currency: The currency of the game's values when they are money, so that
            explanations write them as money; ``None`` for a game without a unit.

    Reference:
        Schmeidler, D. (1969). The nucleolus of a characteristic function game. *SIAM
        Journal on Applied Mathematics* 17(6), 1163–1170.

    Examples:
        >>> from decimal import Decimal
        >>> glove = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))
        >>> Nucleolus(glove, ["L", "R1", "R2"]).allocate(Decimal("60"), currency="GBP").shares
        {'L': Decimal('60.00'), 'R1': Decimal('0.00'), 'R2': Decimal('0.00')}
    """

    v: Game
    players: tuple[Hashable, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    tol: float = attrs.field(default=1e-9, kw_only=True)
    value_currency: str | None = attrs.field(default=None, kw_only=True)

    def allocate(
        self,
        amount: Amount,
        *,
        currency: str | None = None,
        players: Iterable[Hashable] | None = None,
    ) -> Allocation:
        """Share ``amount`` in proportion to the nucleolus.

        Args:
            amount: The pot: a whole number of the currency's minor units, 0 or more, as
                a plain number or a Money (see :func:`~coinnovation.sharing.to_money`).
            currency: The ISO 4217 code (not needed for a Money).
            players: The parties, overriding the rule's ``players``.

        Returns:
            The allocation; ``inputs`` records the method, the tolerance, the players
            and v(N) as ``game_total``.

        Raises:
            InvalidAmountError: An amount that is not a finite number, is negative, is
                finer than the minor unit, or has no currency.
            ValueError: No players can be found, a player is listed twice, there are
                too many players, the imputation set is empty, a value is negative, or
                every value is 0.

        Examples:
            >>> from decimal import Decimal
            >>> worth = {("a", "b"): 60, ("a", "c"): 80, ("b", "c"): 100, ("a", "b", "c"): 150}
            >>> game = {**worth, ("a",): 0, ("b",): 0, ("c",): 0}
            >>> print(Nucleolus(game).allocate(Decimal("150"), currency="EUR").explain())
            150.00 EUR shared in proportion to each party's nucleolus value: the sharing that makes the largest complaint of any coalition as small as possible (largest-remainder rounding to 0.01 EUR):
              a: 30.00 EUR (nucleolus value 30 of 150, 20.0%)
              b: 50.00 EUR (nucleolus value 50 of 150, 33.3%)
              c: 70.00 EUR (nucleolus value 70 of 150, 46.7%)
              Computed by linear programming in floating point: values are accurate to about 1e-09 of the largest coalition value.
        """
        pot = to_money(amount, currency)
        listed = _game_players(players, self.players, game=self.v)
        value = value_function(self.v)
        found = nucleolus(listed, value, tol=self.tol)
        total = value(frozenset(listed))
        noise = self.tol * max(1.0, abs(float(total)))
        values = {p: 0.0 if -noise <= x < 0 else x for p, x in found.items()}
        notes = [
            "Computed by linear programming in floating point: values are accurate to "
            f"about {self.tol:g} of the largest coalition value."
        ]
        inputs: dict[str, Any] = {
            "method": "sequential linear programs",
            "tolerance": self.tol,
            "players": tuple(listed),
            "game_total": total,
        }
        basis = (
            "each party's nucleolus value: the sharing that makes the largest complaint of "
            "any coalition as small as possible"
        )
        return _by_values("nucleolus", pot, values, basis, inputs, notes, self.value_currency)

"""Sharing rules: small objects whose ``allocate`` returns an exact, explained allocation.

Examples:
    >>> from decimal import Decimal
    >>> deal = Proportional({"acme": 3, "whg": 1}, basis="cash").allocate(Decimal("1000"), currency="GBP")
    >>> deal.shares
    {'acme': Decimal('750.00'), 'whg': Decimal('250.00')}
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from coinnovation.models._base import minor_unit
from coinnovation.sharing.rounding import Weight, split

__all__ = ["Allocation", "Equal", "Proportional"]


def _frozen_mapping(values: Mapping[Hashable, Any]) -> dict[Hashable, Any]:
    return dict(values)


@attrs.frozen
class Allocation:
    """An amount shared among parties by a rule: who gets what, and why.

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
    notes: tuple[str, ...] = attrs.field(default=(), converter=tuple)

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

    def explain(self) -> str:
        """A plain-English account of the allocation, one line per party.

        Examples:
            >>> from decimal import Decimal
            >>> print(Proportional({"acme": 3, "whg": 1}, basis="cash put in")
            ...       .allocate(Decimal("100"), currency="GBP").explain())
            100.00 GBP shared in proportion to cash put in (largest-remainder rounding to 0.01 GBP):
              acme: 75.00 GBP (weight 3 of 4, 75.00%)
              whg: 25.00 GBP (weight 1 of 4, 25.00%)
        """
        unit = Decimal(1).scaleb(-minor_unit(self.currency))
        how = "equally" if self.rule == "equal" else f"in proportion to {self.basis}"
        lines = [
            f"{self.amount.quantize(unit)} {self.currency} shared {how} "
            f"(largest-remainder rounding to {unit} {self.currency}):"
        ]
        total = sum(self.weights.values())
        for party, share in self.shares.items():
            fraction = self.fractions()[party]
            lines.append(
                f"  {party}: {share} {self.currency} (weight {self.weights[party]} of {total}, "
                f"{float(fraction) * 100:.2f}%)"
            )
        lines.extend(f"  {note}" for note in self.notes)
        return "\n".join(lines)


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
        self, amount: Decimal, parties: Iterable[Hashable], *, currency: str
    ) -> Allocation:
        """Share ``amount`` equally among ``parties``.

        Args:
            amount: A whole number of the currency's minor units.
            parties: The parties, each once.
            currency: The ISO 4217 code.

        Returns:
            The allocation.

        Raises:
            ValueError: No parties, or a party listed twice.

        Examples:
            >>> from decimal import Decimal
            >>> Equal().allocate(Decimal("9"), ["a", "b", "c"], currency="JPY").shares["c"]
            Decimal('3')
        """
        listed = list(parties)
        if len(set(listed)) != len(listed):
            raise ValueError("each party must be listed once")
        weights: dict[Hashable, Weight] = dict.fromkeys(listed, 1)
        shares = split(amount, weights, currency=currency)
        return Allocation("equal", amount, currency, shares, weights, "an equal share each")


@attrs.frozen
class Proportional:
    """Share in proportion to weights: cash put in, in-kind value, hours, or anything else.

    Formula: party i gets A · w_i / Σ w, rounded to the minor unit by largest remainder.

    Attributes:
        weights: Each party's weight (non-negative, not all zero).
        basis: What the weights measure, for explanations (``"hours given"`` ...).

    Examples:
        >>> from decimal import Decimal
        >>> rule = Proportional({"peer": 40, "champion": 60}, basis="hours given")
        >>> rule.allocate(Decimal("500"), currency="GBP").shares
        {'peer': Decimal('200.00'), 'champion': Decimal('300.00')}
    """

    weights: dict[Hashable, Weight] = attrs.field(converter=_frozen_mapping)
    basis: str = "the weights given"

    def allocate(self, amount: Decimal, *, currency: str) -> Allocation:
        """Share ``amount`` in proportion to the weights.

        Args:
            amount: A whole number of the currency's minor units.
            currency: The ISO 4217 code.

        Returns:
            The allocation.

        Raises:
            ValueError: No weights, a negative weight, or all weights zero.

        Examples:
            >>> from decimal import Decimal
            >>> Proportional({"a": 0, "b": 1}).allocate(Decimal("5"), currency="GBP").shares
            {'a': Decimal('0.00'), 'b': Decimal('5.00')}
        """
        shares = split(amount, self.weights, currency=currency)
        return Allocation("proportional", amount, currency, shares, self.weights, self.basis)

"""Out of pocket: whether anyone is paid less than it cost them to take part.

:func:`out_of_pocket` and :func:`check_out_of_pocket` compare what each person is paid with
the :class:`~coinnovation.sharing.involvement.Expense` s they had;
:func:`agreement_out_of_pocket` compares what community parties to an agreement bear with
what they receive.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.sharing import Equal, Expense
    >>> paid = Equal().allocate(Decimal("10"), ["p-ana"], currency="GBP")
    >>> check_out_of_pocket(paid, [Expense("p-ana", "travel", Decimal("12"))]).message
    '1 community participant is out of pocket: p-ana (2.00 GBP short)'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from coinnovation.models import Agreement, CostKind, Hub, Sector, minor_unit
from coinnovation.sharing.involvement import Expense
from coinnovation.sharing.rounding import _terminating, format_money
from coinnovation.sharing.rules import Allocation

__all__ = [
    "OutOfPocketCheck",
    "agreement_out_of_pocket",
    "check_out_of_pocket",
    "out_of_pocket",
]


def out_of_pocket(allocation: Allocation, expenses: Iterable[Expense]) -> dict[str, Decimal]:
    """The people paid less than their expenses, and by how much.

    Formula: shortfall_i = Σ_{expenses x of i} amount_x − share_i, for each person whose
    shortfall is positive (a person with no share counts as paid 0). Expenses are taken
    to be in the allocation's currency.

    Args:
        allocation: What each person is paid.
        expenses: What each person spent.

    Returns:
        Each out-of-pocket person's shortfall, in order of their first expense; empty
        when nobody is out of pocket.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.sharing import Proportional
        >>> paid = Proportional({"p-ana": 1, "p-raj": 1}).allocate(Decimal("20"), currency="GBP")
        >>> out_of_pocket(paid, [Expense("p-ana", "travel", Decimal("12.50")),
        ...                      Expense("p-raj", "data", Decimal("5"))])
        {'p-ana': Decimal('2.50')}
    """
    spent: dict[str, Decimal] = {}
    for expense in expenses:
        spent[expense.person] = spent.get(expense.person, Decimal(0)) + expense.amount
    shortfalls: dict[str, Decimal] = {}
    for person, amount in spent.items():
        paid = allocation.shares.get(person, Decimal(0))
        if paid < amount:
            shortfalls[person] = amount - paid
    return shortfalls


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _shortfall_map(values: Mapping[str, Decimal]) -> dict[str, Decimal]:
    return dict(values)


@attrs.frozen
class OutOfPocketCheck:
    """Whether anyone is left out of pocket, with who and by how much.

    Attributes:
        shortfalls: Each out-of-pocket party's shortfall (empty when none is).
        currency: The ISO 4217 code of the shortfalls.
        who: What the parties are called in the message.

    Examples:
        >>> from decimal import Decimal
        >>> print(OutOfPocketCheck({"p-ana": Decimal("2.50")}, "GBP"))
        1 community participant is out of pocket: p-ana (2.50 GBP short)
        >>> print(OutOfPocketCheck({}, "GBP"))
        no community participant is out of pocket
    """

    shortfalls: dict[str, Decimal] = attrs.field(converter=_shortfall_map)
    currency: str
    who: str = "community participant"

    @property
    def passed(self) -> bool:
        """``True`` when nobody is out of pocket.

        Examples:
            >>> OutOfPocketCheck({}, "GBP").passed
            True
        """
        return not self.shortfalls

    @property
    def message(self) -> str:
        """The check's result in one sentence.

        Examples:
            >>> from decimal import Decimal
            >>> OutOfPocketCheck({"o-x": Decimal("5"), "o-y": Decimal("1")}, "EUR",
            ...                  who="community party").message
            '2 community parties are out of pocket: o-x (5.00 EUR short), o-y (1.00 EUR short)'
        """
        if self.passed:
            return f"no {self.who} is out of pocket"
        count = len(self.shortfalls)
        noun = self.who if count == 1 else _plural(self.who)
        verb = "is" if count == 1 else "are"
        listed = ", ".join(
            f"{party} ({format_money(amount, self.currency)} short)"
            for party, amount in self.shortfalls.items()
        )
        return f"{count} {noun} {verb} out of pocket: {listed}"

    def __str__(self) -> str:
        return self.message


def check_out_of_pocket(allocation: Allocation, expenses: Iterable[Expense]) -> OutOfPocketCheck:
    """Check that no community participant is paid less than their expenses.

    Args:
        allocation: What each person is paid (usually from :class:`InvolvementPayment`).
        expenses: What each person spent.

    Returns:
        The check; see :func:`out_of_pocket` for the shortfalls.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.sharing import Equal
        >>> paid = Equal().allocate(Decimal("30"), ["p-ana", "p-raj"], currency="GBP")
        >>> check = check_out_of_pocket(paid, [Expense("p-ana", "carer", Decimal("40"))])
        >>> check.passed, check.message
        (False, '1 community participant is out of pocket: p-ana (25.00 GBP short)')
    """
    return OutOfPocketCheck(out_of_pocket(allocation, expenses), allocation.currency)


def agreement_out_of_pocket(
    hub: Hub,
    agreement: Agreement | str,
    *,
    kinds: Iterable[CostKind | str] = (CostKind.CASH,),
) -> dict[str, Decimal]:
    """Community parties to an agreement whose costs are not covered by their rewards.

    For each party whose sector (:meth:`~coinnovation.models.Hub.sector_of`) is
    community:

        shortfall_i = Σ_{costs c of i, kind in kinds} value_c − s_i · V

    where V is the total money value of the rewards that have an amount and are shared,
    and s_i is the party's fraction of it (:meth:`Agreement.reward_shares`, which weighs
    valued rewards by amount), so s_i · V = Σ_{valued rewards r} fraction_{i,r} · amount_r.
    Rewards with no money value (credit, a licence) offset nothing. By default only cash
    costs count: money paid out. Add ``"in_kind"`` to count goods and rooms given, or
    ``"time"`` for valued time (time with no rate counts 0).

    Args:
        hub: The hub holding the parties (and the agreement, if given by id).
        agreement: The agreement, or its id.
        kinds: The kinds of cost that count as out of pocket.

    Returns:
        Each community party with a positive shortfall, in party order, in the
        agreement's currency (:meth:`Agreement.currency`): exact, and written to the
        minor unit whenever that loses nothing.

    Raises:
        UnknownReferenceError: The agreement or a party is not in the hub.
        InvalidAgreementError: The agreement's money is in more than one currency.
        ValueError: An unknown cost kind.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.models import Hub, Organisation, Agreement, Party, Cost, Money
        >>> from coinnovation.models import Reward, Share
        >>> gbp = lambda x: Money(amount=Decimal(x), currency="GBP")
        >>> deal = Agreement(id="ag-1", title="Pilot",
        ...     parties=(Party(stakeholder="o-acme"), Party(stakeholder="o-whg")),
        ...     costs=(Cost(party="o-whg", kind="cash", amount=gbp("600")),),
        ...     rewards=(Reward(id="fee", kind="cash", amount=gbp("1000")),),
        ...     shares=(Share(party="o-acme", reward="fee", fraction=Decimal("0.8")),
        ...             Share(party="o-whg", reward="fee", fraction=Decimal("0.2"))))
        >>> hub = Hub(organisations=(Organisation(id="o-acme", name="Acme", sector="industry"),
        ...                          Organisation(id="o-whg", name="whg", sector="community")),
        ...           agreements=(deal,))
        >>> agreement_out_of_pocket(hub, "ag-1")  # 600 paid, 20% of 1000 back
        {'o-whg': Decimal('400.00')}
    """
    deal = hub.agreement(agreement) if isinstance(agreement, str) else agreement
    counted: set[CostKind] = set()
    for kind in kinds:
        try:
            counted.add(CostKind(kind))
        except ValueError:
            known = ", ".join(k.value for k in CostKind)
            raise ValueError(f"kinds: {kind!r} is not a cost kind ({known})") from None
    currency = deal.currency()  # one currency, or InvalidAgreementError naming the field
    unit = Decimal(1).scaleb(-minor_unit(currency)) if currency is not None else None
    shared = {share.reward for share in deal.shares}
    valued = sum(
        (
            Fraction(reward.amount.amount)
            for reward in deal.rewards
            if reward.amount is not None and reward.id in shared
        ),
        Fraction(0),
    )
    fractions = deal.reward_shares() if valued else {}
    shortfalls: dict[str, Decimal] = {}
    for party in deal.party_ids:
        if hub.sector_of(party) is not Sector.COMMUNITY:
            continue
        borne = Fraction(0)
        for cost in deal.costs:
            value = cost.value
            if cost.party == party and cost.kind in counted and value is not None:
                borne += Fraction(value.amount)
        received = fractions.get(party, Fraction(0)) * valued
        if borne > received:
            shortfall = _terminating(borne - received)
            assert shortfall is not None  # decimals times decimal fractions
            if unit is not None and shortfall == shortfall.quantize(unit):
                shortfall = shortfall.quantize(unit)
            shortfalls[party] = shortfall
    return shortfalls

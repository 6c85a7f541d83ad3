"""How costs and rewards are shared: agreements, their parties, costs, rewards and shares.

An :class:`Agreement` names its parties (people or organisations), the costs each party
bears (cash, in kind, or time), the rewards to be shared, and each party's
:class:`Share` of each reward as an exact fraction. Shares of one reward must add up to
exactly one: the whole pot.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.models import Agreement, Party, Reward, Share
    >>> deal = Agreement(
    ...     id="ag-1", title="Pilot in two GP surgeries",
    ...     parties=(Party(stakeholder="o-acme"), Party(stakeholder="o-whg")),
    ...     rewards=(Reward(id="licence", kind="licence"),),
    ...     shares=(Share(party="o-acme", reward="licence", fraction=Decimal("0.6")),
    ...             Share(party="o-whg", reward="licence", fraction=Decimal("0.4"))))
    >>> deal.problems()
    []
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from fractions import Fraction as _Fraction
from typing import Annotated, Self

from pydantic import Field, model_validator

from coinnovation.errors import InvalidAgreementError, Problem
from coinnovation.models._base import Entity, Id, Money, Record, Text
from coinnovation.models.sessions import Hours
from coinnovation.models.vocabularies import AgreementStatus, CostKind, RewardKind

__all__ = ["Agreement", "Cost", "Fraction", "Party", "Reward", "Share"]

#: An exact fraction between 0 and 1 inclusive.
Fraction = Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False)]


class Party(Record):
    """A stakeholder that is party to an agreement.

    Attributes:
        stakeholder: The id of the person or organisation.
        role: Their role in the agreement, in words (``"lead"``, ``"community partner"``).
        signed_on: The day they signed, if they have.

    Examples:
        >>> Party(stakeholder="o-whg", role="community partner").signed_on is None
        True
    """

    stakeholder: Id
    role: str | None = None
    signed_on: date | None = None


class Cost(Record):
    """A cost one party bears: cash, something in kind, or time.

    Cash and in-kind costs give ``amount``; time costs give ``hours`` and may give an
    hourly ``rate`` that values them.

    Attributes:
        party: The id of the stakeholder bearing it (a party to the agreement).
        kind: Cash, in kind, or time.
        description: What it is.
        amount: Its money value (cash and in kind).
        hours: Hours given (time).
        rate: Value of one hour (time), if agreed.

    Examples:
        >>> from decimal import Decimal
        >>> rate = Money(amount=Decimal("25"), currency="GBP")
        >>> Cost(party="p-ana", kind="time", hours=Decimal("6"), rate=rate).value
        Money(amount=Decimal('150'), currency='GBP')
    """

    party: Id
    kind: CostKind
    description: str | None = None
    amount: Money | None = None
    hours: Hours | None = None
    rate: Money | None = None

    @model_validator(mode="after")
    def _fits_kind(self) -> Self:
        if self.kind is CostKind.TIME:
            if self.hours is None:
                raise ValueError("a time cost needs hours")
            if self.amount is not None:
                raise ValueError("a time cost is valued by hours and rate, not amount")
        else:
            if self.amount is None:
                raise ValueError(f"a {self.kind.value} cost needs an amount")
            if self.hours is not None or self.rate is not None:
                raise ValueError(f"a {self.kind.value} cost takes no hours or rate")
        return self

    @property
    def value(self) -> Money | None:
        """The money value: the amount, or hours × rate; ``None`` for unvalued time.

        Examples:
            >>> from decimal import Decimal
            >>> Cost(party="p-1", kind="time", hours=Decimal("2")).value is None
            True
        """
        if self.amount is not None:
            return self.amount
        if self.rate is not None and self.hours is not None:
            return self.rate.scaled(self.hours)
        return None


class Reward(Record):
    """Something the parties will share: money, a licence, revenue, credit ...

    Attributes:
        id: Its id within the agreement (shares name it).
        kind: What it is.
        description: Free text.
        amount: Its money value, if it has one and it is known.

    Examples:
        >>> Reward(id="credit", kind="recognition", description="Co-authorship").amount is None
        True
    """

    id: Id
    kind: RewardKind
    description: str | None = None
    amount: Money | None = None


class Share(Record):
    """A party's share of one reward, as an exact fraction of it.

    Attributes:
        party: The id of the stakeholder (a party to the agreement).
        reward: The id of the reward (within the agreement).
        fraction: The part of the reward, from 0 to 1.

    Examples:
        >>> from decimal import Decimal
        >>> Share(party="o-whg", reward="licence", fraction=Decimal("0.25")).fraction
        Decimal('0.25')
    """

    party: Id
    reward: Id
    fraction: Fraction


class Agreement(Entity):
    """An agreement on who bears which costs and who receives which rewards.

    The lifecycle runs ``draft → proposed → agreed → active → completed`` (or
    ``terminated``); an agreement can only be agreed, active or completed once every
    party has signed.

    Attributes:
        title: What the agreement is about.
        status: Where it is in its lifecycle.
        challenge: The id of the challenge it serves, if any.
        session: The id of the session it came out of, if any.
        parties: The parties, each once.
        costs: The costs each party bears.
        rewards: The rewards to be shared.
        shares: Each party's fraction of each reward.
        rule: The name of the sharing rule used, if any (``"equal"``, ``"shapley"`` ...).
        created: The day it was first drafted.
        description: Free text.

    Examples:
        >>> Agreement(id="ag-2", title="Draft").status
        <AgreementStatus.DRAFT: 'draft'>
    """

    title: Text
    status: AgreementStatus = AgreementStatus.DRAFT
    challenge: Id | None = None
    session: Id | None = None
    parties: tuple[Party, ...] = ()
    costs: tuple[Cost, ...] = ()
    rewards: tuple[Reward, ...] = ()
    shares: tuple[Share, ...] = ()
    rule: str | None = None
    created: date | None = None
    description: str | None = None

    @property
    def party_ids(self) -> tuple[str, ...]:
        """The ids of the parties, in order.

        Examples:
            >>> Agreement(id="a", title="t", parties=(Party(stakeholder="x"),)).party_ids
            ('x',)
        """
        return tuple(party.stakeholder for party in self.parties)

    def share_totals(self) -> dict[str, Decimal]:
        """The sum of the shares of each reward that has any.

        Examples:
            >>> from decimal import Decimal
            >>> Agreement(id="a", title="t", rewards=(Reward(id="r", kind="cash"),),
            ...           shares=(Share(party="x", reward="r", fraction=Decimal("0.5")),)
            ...           ).share_totals()
            {'r': Decimal('0.5')}
        """
        totals: dict[str, Decimal] = {}
        for share in self.shares:
            totals[share.reward] = totals.get(share.reward, Decimal(0)) + share.fraction
        return totals

    def currency(self) -> str | None:
        """The one currency the agreement's money is in (costs, rates and rewards).

        Returns:
            The ISO 4217 code, or ``None`` when no cost or reward carries money.

        Raises:
            InvalidAgreementError: Money in more than one currency, naming the first field
                that differs.

        Examples:
            >>> from decimal import Decimal
            >>> Agreement(id="a", title="t", rewards=(Reward(id="r", kind="cash",
            ...     amount=Money(amount=Decimal("5"), currency="EUR")),)).currency()
            'EUR'
        """
        found: str | None = None
        places: list[tuple[str, Money | None]] = []
        for index, cost in enumerate(self.costs):
            places.append((f"costs[{index}].amount", cost.amount))
            places.append((f"costs[{index}].rate", cost.rate))
        for index, reward in enumerate(self.rewards):
            places.append((f"rewards[{index}].amount", reward.amount))
        for field, money in places:
            if money is None:
                continue
            if found is None:
                found = money.currency
            elif money.currency != found:
                raise InvalidAgreementError(
                    [
                        Problem(
                            "agreement",
                            self.id,
                            field,
                            f"{money.currency} among {found} amounts: value it in one currency",
                        )
                    ]
                )
        return found

    def contribution_values(self, *, time_rate: Money | None = None) -> dict[str, Decimal]:
        """What each party puts in, valued in money: cash + in kind + hours × rate.

        Time costs without their own ``rate`` are valued at ``time_rate``; without one
        they count as nothing (use :meth:`contribution_hours` to see them).

        Args:
            time_rate: The value of an hour for time costs that carry no rate.

        Returns:
            Each party's total, in party order (0 for parties that bear no cost), in
            :meth:`currency`.

        Raises:
            InvalidAgreementError: Money in more than one currency.

        Examples:
            >>> from decimal import Decimal
            >>> gbp = lambda x: Money(amount=Decimal(x), currency="GBP")
            >>> deal = Agreement(id="a", title="t",
            ...     parties=(Party(stakeholder="acme"), Party(stakeholder="whg")),
            ...     costs=(Cost(party="acme", kind="cash", amount=gbp("900")),
            ...            Cost(party="whg", kind="time", hours=Decimal("12"))))
            >>> deal.contribution_values(time_rate=gbp("25"))
            {'acme': Decimal('900'), 'whg': Decimal('300')}
        """
        currency = self.currency()
        if time_rate is not None and currency is not None and time_rate.currency != currency:
            raise InvalidAgreementError(
                [
                    Problem(
                        "agreement",
                        self.id,
                        "costs",
                        f"time_rate is in {time_rate.currency}, the agreement in {currency}",
                    )
                ]
            )
        totals = dict.fromkeys(self.party_ids, Decimal(0))
        for cost in self.costs:
            value = cost.value
            if value is None and time_rate is not None and cost.hours is not None:
                value = time_rate.scaled(cost.hours)
            if value is not None:
                totals[cost.party] = totals.get(cost.party, Decimal(0)) + value.amount
        return totals

    def contribution_hours(self) -> dict[str, Decimal]:
        """The hours each party gives (time costs), in party order.

        Examples:
            >>> from decimal import Decimal
            >>> Agreement(id="a", title="t", parties=(Party(stakeholder="x"),),
            ...     costs=(Cost(party="x", kind="time", hours=Decimal("3")),)
            ...     ).contribution_hours()
            {'x': Decimal('3')}
        """
        totals = dict.fromkeys(self.party_ids, Decimal(0))
        for cost in self.costs:
            if cost.hours is not None:
                totals[cost.party] = totals.get(cost.party, Decimal(0)) + cost.hours
        return totals

    def reward_shares(self) -> dict[str, _Fraction]:
        """Each party's share of everything the agreement shares out, as an exact fraction.

        Rewards with a money value weigh by their amount; when no shared reward has one,
        every shared reward weighs the same. Rewards nobody has a share of are left out.

        Returns:
            Each party's fraction, in party order; they sum to 1 when anything is shared,
            and are all 0 when nothing is.

        Examples:
            >>> from decimal import Decimal
            >>> gbp = lambda x: Money(amount=Decimal(x), currency="GBP")
            >>> deal = Agreement(id="a", title="t",
            ...     parties=(Party(stakeholder="acme"), Party(stakeholder="whg")),
            ...     rewards=(Reward(id="fee", kind="cash", amount=gbp("300")),
            ...              Reward(id="grant", kind="cash", amount=gbp("100"))),
            ...     shares=(Share(party="acme", reward="fee", fraction=Decimal(1)),
            ...             Share(party="whg", reward="grant", fraction=Decimal(1))))
            >>> deal.reward_shares()
            {'acme': Fraction(3, 4), 'whg': Fraction(1, 4)}
        """
        shared = {share.reward for share in self.shares}
        rewards = [reward for reward in self.rewards if reward.id in shared]
        valued = [reward for reward in rewards if reward.amount is not None]
        if valued:
            weight = {
                reward.id: _Fraction(reward.amount.amount)  # type: ignore[union-attr]
                for reward in valued
            }
        else:
            weight = {reward.id: _Fraction(1) for reward in rewards}
        total = sum(weight.values(), _Fraction(0))
        result = dict.fromkeys(self.party_ids, _Fraction(0))
        if total == 0:
            return result
        for share in self.shares:
            if share.reward in weight:
                result[share.party] = (
                    result.get(share.party, _Fraction(0))
                    + _Fraction(share.fraction) * weight[share.reward] / total
                )
        return result

    def problems(self) -> list[Problem]:
        """Every inconsistency inside the agreement (references to other records aside).

        Checks that parties are listed once; that costs and shares name parties; that
        shares name known rewards, once per party and reward; that the shares of each
        reward add up to exactly one; that reward ids are unique; and that an agreed,
        active or completed agreement has every party's signature and every reward
        shared.

        Returns:
            The problems, each naming this agreement and the field; empty when none.

        Examples:
            >>> a = Agreement(id="ag-9", title="t", costs=(
            ...     Cost(party="o-x", kind="cash", amount=Money(amount=1, currency="GBP")),))
            >>> print(a.problems()[0])
            agreement 'ag-9', field 'costs[0].party': 'o-x' is not a party to the agreement
        """
        found: list[Problem] = []

        def problem(field: str | None, message: str) -> None:
            found.append(Problem("agreement", self.id, field, message))

        parties = set()
        for index, party in enumerate(self.parties):
            if party.stakeholder in parties:
                problem(f"parties[{index}].stakeholder", f"{party.stakeholder!r} is listed twice")
            parties.add(party.stakeholder)
        for index, cost in enumerate(self.costs):
            if cost.party not in parties:
                problem(f"costs[{index}].party", f"{cost.party!r} is not a party to the agreement")
        rewards = Counter(reward.id for reward in self.rewards)
        for index, reward in enumerate(self.rewards):
            if rewards[reward.id] > 1:
                problem(f"rewards[{index}].id", f"reward id {reward.id!r} is used twice")
        seen: set[tuple[str, str]] = set()
        for index, share in enumerate(self.shares):
            if share.party not in parties:
                problem(
                    f"shares[{index}].party", f"{share.party!r} is not a party to the agreement"
                )
            if share.reward not in rewards:
                problem(f"shares[{index}].reward", f"no reward {share.reward!r} in the agreement")
            if (share.party, share.reward) in seen:
                problem(
                    f"shares[{index}]",
                    f"{share.party!r} has two shares of reward {share.reward!r}",
                )
            seen.add((share.party, share.reward))
        totals = self.share_totals()
        for index, reward in enumerate(self.rewards):
            total = totals.get(reward.id)
            if total is not None and total != 1:
                problem(
                    f"rewards[{index}]",
                    f"the shares of reward {reward.id!r} add up to {total}, not 1 (the whole)",
                )
        if self.status.binding:
            for index, party in enumerate(self.parties):
                if party.signed_on is None:
                    problem(
                        f"parties[{index}].signed_on",
                        f"{party.stakeholder!r} has not signed an agreement marked "
                        f"{self.status.value}",
                    )
            for index, reward in enumerate(self.rewards):
                if reward.id not in totals:
                    problem(
                        f"rewards[{index}]",
                        f"reward {reward.id!r} is not shared in an agreement marked "
                        f"{self.status.value}",
                    )
        return found

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
from typing import Annotated, Any, Self

from pydantic import Field, JsonValue, TypeAdapter, model_validator

from coinnovation.errors import IllegalTransitionError, InvalidAgreementError, Problem
from coinnovation.models.base import Entity, Id, Money, Record, Text
from coinnovation.models.sessions import Hours
from coinnovation.models.vocabularies import AgreementStatus, CostKind, RewardKind

__all__ = [
    "Agreement",
    "Amendment",
    "Cost",
    "FieldChange",
    "Fraction",
    "Party",
    "Reward",
    "Share",
]

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


class FieldChange(Record):
    """One field of an agreement changed by an amendment, with its values before and after.

    Attributes:
        field: The field's name (``"status"``, ``"shares"`` ...).
        before: Its value before, as JSON data.
        after: Its value after, as JSON data.

    Examples:
        >>> FieldChange(field="status", before="draft", after="proposed").after
        'proposed'
    """

    field: str
    before: JsonValue = None
    after: JsonValue = None


class Amendment(Record):
    """A change to an agreement: who made it, when, and what changed.

    Attributes:
        on: The day of the change.
        by: The id of the stakeholder who made or requested it, if recorded.
        changes: Each field changed, with its values before and after.
        note: Why, in words.

    Examples:
        >>> from datetime import date
        >>> a = Amendment(on=date(2023, 7, 1), by="p-ana",
        ...               changes=(FieldChange(field="title", before="Old", after="New"),))
        >>> a.changes[0].field
        'title'
    """

    on: date
    by: Id | None = None
    changes: tuple[FieldChange, ...] = ()
    note: str | None = None


#: The lifecycle: the statuses each status may move to.
_NEXT_STATUS: dict[AgreementStatus, tuple[AgreementStatus, ...]] = {
    AgreementStatus.DRAFT: (AgreementStatus.PROPOSED, AgreementStatus.TERMINATED),
    AgreementStatus.PROPOSED: (
        AgreementStatus.DRAFT,
        AgreementStatus.AGREED,
        AgreementStatus.TERMINATED,
    ),
    AgreementStatus.AGREED: (AgreementStatus.ACTIVE, AgreementStatus.TERMINATED),
    AgreementStatus.ACTIVE: (AgreementStatus.COMPLETED, AgreementStatus.TERMINATED),
    AgreementStatus.COMPLETED: (),
    AgreementStatus.TERMINATED: (),
}

#: The fields whose change alters what the parties signed up to.
TERMS = ("parties", "costs", "rewards", "shares", "rule", "challenge", "solutions")
#: The fields :meth:`Agreement.amend` may not change (they have their own methods).
_NOT_AMENDABLE = ("id", "status", "amendments")

_JSON: TypeAdapter[Any] = TypeAdapter(Any)


def _as_json(value: object) -> JsonValue:
    return _JSON.dump_python(value, mode="json")  # type: ignore[no-any-return]


class Agreement(Entity):
    """An agreement on who bears which costs and who receives which rewards.

    The lifecycle runs ``draft → proposed → agreed → active → completed``, or
    ``terminated`` from any status that is not final; a proposal may go back to draft.
    An agreement can only be agreed, active or completed once every party has signed.
    Change it through :meth:`sign`, :meth:`transition` and :meth:`amend`: each returns
    a new agreement, refuses moves the lifecycle does not allow, and records what
    changed in ``amendments``.

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
        solutions: Ids of the solutions (contributions) the agreement takes forward.
        amendments: Every change since it was drafted, oldest first.

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
    solutions: tuple[Id, ...] = ()
    amendments: tuple[Amendment, ...] = ()

    # -- the lifecycle --------------------------------------------------------------------

    def allowed_statuses(self) -> tuple[AgreementStatus, ...]:
        """The statuses this agreement may move to next.

        Examples:
            >>> Agreement(id="a", title="t").allowed_statuses()
            (<AgreementStatus.PROPOSED: 'proposed'>, <AgreementStatus.TERMINATED: 'terminated'>)
        """
        return _NEXT_STATUS[self.status]

    def unsigned(self) -> tuple[str, ...]:
        """The ids of the parties that have not signed.

        Examples:
            >>> Agreement(id="a", title="t", parties=(Party(stakeholder="x"),)).unsigned()
            ('x',)
        """
        return tuple(party.stakeholder for party in self.parties if party.signed_on is None)

    def _refuse(self, target: str, reason: str, field: str = "status") -> IllegalTransitionError:
        return IllegalTransitionError(
            "agreement", self.id, field, self.status.value, target, reason
        )

    def _changed(self, update: dict[str, Any], amendment: Amendment | None) -> Self:
        if amendment is not None:
            update = {**update, "amendments": (*self.amendments, amendment)}
        return type(self).model_validate(self.model_copy(update=update))

    def transition(
        self,
        status: AgreementStatus | str,
        *,
        on: date,
        by: str | None = None,
        note: str | None = None,
    ) -> Self:
        """Move the agreement to another status, recording the move as an amendment.

        The lifecycle allows ``draft → proposed → agreed → active → completed``,
        ``proposed → draft`` (back for rework), and ``terminated`` from any status that
        is not final. Moving to *agreed* needs every party's signature and a consistent
        agreement (shares that add up, every reward shared).

        Args:
            status: The new status.
            on: The day of the move.
            by: Who moved it, if recorded.
            note: Why, in words.

        Returns:
            The agreement in its new status.

        Raises:
            IllegalTransitionError: The lifecycle does not allow the move, or a party
                has not signed, or the agreement is inconsistent.

        Examples:
            >>> from datetime import date
            >>> deal = Agreement(id="ag-1", title="Pilot", parties=(Party(stakeholder="x"),))
            >>> deal = deal.transition("proposed", on=date(2023, 7, 1))
            >>> deal.transition("agreed", on=date(2023, 7, 2))
            Traceback (most recent call last):
            ...
            coinnovation.errors.IllegalTransitionError: agreement 'ag-1', field 'status': cannot move from 'proposed' to 'agreed' (not signed yet by: x)
            >>> deal.sign("x", on=date(2023, 7, 2)).transition("agreed", on=date(2023, 7, 2)).status
            <AgreementStatus.AGREED: 'agreed'>
        """
        target = AgreementStatus(status)
        allowed = self.allowed_statuses()
        if target not in allowed:
            reason = (
                f"{self.status.value!r} is final"
                if not allowed
                else "allowed next: " + ", ".join(s.value for s in allowed)
            )
            raise self._refuse(target.value, reason)
        if target.binding:
            missing = self.unsigned()
            if missing:
                raise self._refuse(target.value, "not signed yet by: " + ", ".join(missing))
            candidate = self.model_copy(update={"status": target})
            problems = candidate.problems()
            if problems:
                raise self._refuse(target.value, "; ".join(str(p) for p in problems))
        change = FieldChange(field="status", before=self.status.value, after=target.value)
        return self._changed(
            {"status": target}, Amendment(on=on, by=by, changes=(change,), note=note)
        )

    def sign(self, party: str, *, on: date) -> Self:
        """Record a party's signature.

        Parties sign a *proposed* agreement; once every party has signed it can move to
        *agreed* with :meth:`transition`.

        Args:
            party: The id of the party signing.
            on: The day they signed.

        Returns:
            The agreement with the signature.

        Raises:
            IllegalTransitionError: The agreement is not proposed, or the party has
                signed already.
            InvalidAgreementError: ``party`` is not a party to the agreement.

        Examples:
            >>> from datetime import date
            >>> deal = Agreement(id="ag-1", title="t", status="proposed",
            ...                  parties=(Party(stakeholder="x"), Party(stakeholder="y")))
            >>> deal.sign("x", on=date(2023, 7, 2)).unsigned()
            ('y',)
        """
        index = next((i for i, p in enumerate(self.parties) if p.stakeholder == party), None)
        if index is None:
            raise InvalidAgreementError(
                [Problem("agreement", self.id, "parties", f"{party!r} is not a party to it")]
            )
        field = f"parties[{index}].signed_on"
        if self.status is not AgreementStatus.PROPOSED:
            raise IllegalTransitionError(
                "agreement", self.id, field, "unsigned", "signed",
                f"parties sign a proposed agreement; this one is {self.status.value}",
            )  # fmt: skip
        if self.parties[index].signed_on is not None:
            raise IllegalTransitionError(
                "agreement", self.id, field, "signed", "signed",
                f"{party!r} signed on {self.parties[index].signed_on}",
            )  # fmt: skip
        parties = list(self.parties)
        parties[index] = parties[index].model_copy(update={"signed_on": on})
        return self._changed({"parties": tuple(parties)}, None)

    def amend(
        self, *, on: date, by: str | None = None, note: str | None = None, **changes: Any
    ) -> Self:
        """Change fields of the agreement, keeping the history of what changed.

        Changing the terms (parties, costs, rewards, shares, the rule, the challenge or
        the solutions) of an agreed or active agreement voids the signatures: it goes back
        to *proposed*, every signature is cleared, and the amendment records both.
        Completed and terminated agreements cannot be amended.

        Args:
            on: The day of the change.
            by: Who made it, if recorded.
            note: Why, in words.
            **changes: New values by field name (as the constructor takes them).

        Returns:
            The amended agreement, with an :class:`Amendment` appended.

        Raises:
            IllegalTransitionError: The agreement is completed or terminated.
            InvalidAgreementError: A field is unknown or cannot be amended (``status``:
                use :meth:`transition`), or nothing changes.
            pydantic.ValidationError: A new value is invalid.

        Examples:
            >>> from datetime import date
            >>> deal = Agreement(id="ag-1", title="Pilot")
            >>> deal = deal.amend(on=date(2023, 7, 3), by="p-ana", title="Pilot in two surgeries")
            >>> change = deal.amendments[-1]
            >>> change.by, change.changes[0].before, change.changes[0].after
            ('p-ana', 'Pilot', 'Pilot in two surgeries')
        """
        if not self.allowed_statuses():
            raise IllegalTransitionError(
                "agreement", self.id, "amendments", self.status.value, "amended",
                f"a {self.status.value} agreement cannot be amended",
            )  # fmt: skip
        bad = [
            Problem("agreement", self.id, name, f"{name!r} cannot be amended")
            for name in changes
            if name in _NOT_AMENDABLE or name not in type(self).model_fields
        ]
        if bad:
            raise InvalidAgreementError(bad)
        candidate = type(self).model_validate(self.model_copy(update=changes))
        update: dict[str, Any] = {}
        recorded: list[FieldChange] = []
        for name in changes:
            before, after = getattr(self, name), getattr(candidate, name)
            if before != after:
                update[name] = after
                recorded.append(
                    FieldChange(field=name, before=_as_json(before), after=_as_json(after))
                )
        if not recorded:
            raise InvalidAgreementError(
                [Problem("agreement", self.id, None, "the amendment changes nothing")]
            )
        if self.status.binding and any(change.field in TERMS for change in recorded):
            parties = update.get("parties", self.parties)
            signed = [p.stakeholder for p in parties if p.signed_on is not None]
            update["parties"] = tuple(p.model_copy(update={"signed_on": None}) for p in parties)
            update["status"] = AgreementStatus.PROPOSED
            recorded.append(FieldChange(field="status", before=self.status.value, after="proposed"))
            recorded.append(FieldChange(field="signatures", before=_as_json(signed), after=[]))
        return self._changed(update, Amendment(on=on, by=by, changes=tuple(recorded), note=note))

    # -- the terms --------------------------------------------------------------------------

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

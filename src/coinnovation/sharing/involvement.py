"""Paying for involvement: what community members are owed for their time and expenses.

:class:`InvolvementPayment` works out, from the session record of a
:class:`~coinnovation.models.Hub`, what community members are owed for their time (hours ×
an hourly rate per activity) and their :class:`Expense` s (reimbursed in full), as health
research funders recommend for public involvement (NIHR 2022). It reads the record
through :mod:`coinnovation.sharing.record`, as
:class:`~coinnovation.sharing.contribution.ContributionWeighted` does;
:mod:`coinnovation.sharing.pocket` checks that nobody is left out of pocket.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana", sector="community"),),
    ...           sessions=(Session(id="s-1", name="Workshop"),),
    ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana",
    ...                                         hours=Decimal("2")),))
    >>> pay = InvolvementPayment(default_rate=Decimal("25"),
    ...                          expenses=(Expense("p-ana", "travel", Decimal("4.80")),))
    >>> pay.allocate(hub, currency="GBP").shares
    {'p-ana': Decimal('54.80')}
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

import attrs

from coinnovation.models import Hub, Participation, ParticipationRole, Sector, minor_unit
from coinnovation.models.scope import Moment, Scope
from coinnovation.models.vocabularies import SessionKind
from coinnovation.sharing.record import (
    HourCounting,
    _allocation,
    _covered,
    _hour_counting,
    _ids,
    _listed,
    _money,
    _read,
    _rule_scope,
    _Scoped,
    _show,
)
from coinnovation.sharing.rounding import (
    Amount,
    format_money,
    format_percent,
    split,
    to_money,
)
from coinnovation.sharing.rules import Allocation

__all__ = ["Expense", "ExpenseKind", "InvolvementPayment", "OwedPayment"]

_PREPARATION = "preparation"


def _people_ids(values: Iterable[str] | str | None) -> tuple[str, ...] | None:
    return _ids(values, "people")


# -- paying for involvement -------------------------------------------------------------------


class ExpenseKind(StrEnum):
    """What an out-of-pocket expense was for.

    Examples:
        >>> ExpenseKind("childcare")
        <ExpenseKind.CHILDCARE: 'childcare'>
    """

    TRAVEL = "travel"
    """Fares, mileage, parking, taxis where needed."""
    CARER = "carer"
    """Paying someone to care for a dependent adult while taking part."""
    CHILDCARE = "childcare"
    SUBSISTENCE = "subsistence"
    """Meals and drinks while away from home."""
    EQUIPMENT = "equipment"
    """Equipment needed to take part (a headset, a printer cartridge ...)."""
    DATA = "data"
    """Phone data or broadband used to take part online."""
    OTHER = "other"


def _expense_kind(value: ExpenseKind | str) -> ExpenseKind:
    try:
        return ExpenseKind(value)
    except ValueError:
        known = ", ".join(kind.value for kind in ExpenseKind)
        raise ValueError(f"expense kind {value!r} is not one of: {known}") from None


def _expense_amount(value: object) -> Decimal:
    return _money(value, "expense amount")


@attrs.frozen
class Expense:
    """An expense a person paid out of pocket to take part, to be reimbursed in full.

    The amount is in the currency of the allocation it is used in.

    Attributes:
        person: The id of the person who paid it.
        kind: What it was for.
        amount: How much (non-negative, exact).
        description: What it was, in words.
        session: The id of the session it was for, if any.

    Raises:
        ValueError: An unknown kind, or a negative or inexact amount.

    Examples:
        >>> from decimal import Decimal
        >>> Expense("p-ana", "travel", Decimal("6.40"), description="Bus, return").kind
        <ExpenseKind.TRAVEL: 'travel'>
    """

    person: str
    kind: ExpenseKind = attrs.field(converter=_expense_kind)
    amount: Decimal = attrs.field(converter=_expense_amount)
    description: str | None = None
    session: str | None = None


def _expenses(values: Iterable[Expense]) -> tuple[Expense, ...]:
    listed = tuple(values)
    for index, expense in enumerate(listed):
        if not isinstance(expense, Expense):
            raise TypeError(f"expenses[{index}] is a {type(expense).__name__}, not an Expense")
    return listed


def _rate_table(values: Mapping[Any, object] | None) -> dict[str, Decimal]:
    table: dict[str, Decimal] = {}
    for key, value in (values or {}).items():
        if key == _PREPARATION:
            name = _PREPARATION
        else:
            try:
                name = ParticipationRole(key).value
            except ValueError:
                known = ", ".join(role.value for role in ParticipationRole)
                raise ValueError(
                    f"rates: {key!r} is neither a participation role ({known}) nor {_PREPARATION!r}"
                ) from None
        table[name] = _money(value, f"rates[{name!r}]")
    return table


def _preparation_table(values: Mapping[Any, object] | None) -> dict[ParticipationRole, Decimal]:
    table: dict[ParticipationRole, Decimal] = {}
    for key, value in (values or {}).items():
        try:
            role = ParticipationRole(key)
        except ValueError:
            known = ", ".join(role.value for role in ParticipationRole)
            raise ValueError(
                f"preparation: {key!r} is not a participation role ({known})"
            ) from None
        table[role] = _money(value, f"preparation[{role.value!r}]")
    return table


def _default_rate(value: object) -> Decimal:
    return _money(value, "default_rate")


def _minimum(value: object) -> Decimal | None:
    return None if value is None else _money(value, "minimum_per_session")


@attrs.frozen
class OwedPayment:
    """What one person is owed for taking part, exactly (before rounding to money).

    ``owed = fees + expenses``; ``fees`` = Σ (hours_p · rate(role_p) + preparation_p ·
    preparation rate) + top-ups to the minimum per session.

    Attributes:
        person: The person's id.
        hours: Session hours paid for (nested hours counted once).
        preparation_hours: Preparation hours paid for.
        fees: Payment for time, exact (top-ups included).
        expenses: Expenses to reimburse.
        top_up: What the minimum per session added to ``fees``.
        participations: Ids of the participations paid for.
        estimated: Ids of those whose hours came from the session's start and end.
        unknown: Ids of those with no hours and no session times (0 hours paid).

    Examples:
        >>> from decimal import Decimal
        >>> from fractions import Fraction
        >>> OwedPayment("p-ana", fees=Fraction(50), expenses=Decimal("6.40")).owed
        Fraction(282, 5)
    """

    person: str
    hours: Fraction = Fraction(0)
    preparation_hours: Fraction = Fraction(0)
    fees: Fraction = Fraction(0)
    expenses: Decimal = Decimal(0)
    top_up: Fraction = Fraction(0)
    participations: tuple[str, ...] = ()
    estimated: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def owed(self) -> Fraction:
        """Fees plus expenses, exact.

        Examples:
            >>> from decimal import Decimal
            >>> OwedPayment("p-ana", expenses=Decimal("3")).owed
            Fraction(3, 1)
        """
        return self.fees + Fraction(self.expenses)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; numbers as exact strings (``"12.5"``, ``"25/3"``).

        Examples:
            >>> from fractions import Fraction
            >>> OwedPayment("p-ana", fees=Fraction(25, 3)).to_dict()["fees"]
            '25/3'
        """
        return {
            "person": self.person,
            "hours": _show(self.hours),
            "preparation_hours": _show(self.preparation_hours),
            "fees": _show(self.fees),
            "expenses": str(self.expenses),
            "top_up": _show(self.top_up),
            "owed": _show(self.owed),
            "participations": list(self.participations),
            "estimated": list(self.estimated),
            "unknown": list(self.unknown),
        }


@attrs.define
class _Bill:
    hours: Fraction = Fraction(0)
    preparation: Fraction = Fraction(0)
    fees: Fraction = Fraction(0)
    expenses: Decimal = Decimal(0)
    top_up: Fraction = Fraction(0)
    participations: list[str] = attrs.Factory(list)
    estimated: list[str] = attrs.Factory(list)
    unknown: list[str] = attrs.Factory(list)


def _apportion(exact: Mapping[str, Fraction], currency: str) -> tuple[dict[str, Decimal], Decimal]:
    """Round exact amounts to the minor unit so they add up to their rounded total.

    The total T is Σ e_i rounded to the nearest minor unit (halves up). Each person gets
    ⌊e_i⌋; the T − Σ⌊e_i⌋ units left go one each to the largest remainders (ties to the
    person listed first). Everyone gets ⌊e_i⌋ or ⌈e_i⌉.
    """
    places = minor_unit(currency)
    unit = Decimal(1).scaleb(-places)
    scaled = {person: value * 10**places for person, value in exact.items()}
    total = math.floor(sum(scaled.values(), Fraction(0)) + Fraction(1, 2))
    floors = {person: math.floor(value) for person, value in scaled.items()}
    left = total - sum(floors.values())
    order = sorted(scaled, key=lambda person: -(scaled[person] - floors[person]))
    for person in order[:left]:
        floors[person] += 1
    shares = {person: (Decimal(units) * unit).quantize(unit) for person, units in floors.items()}
    return shares, (Decimal(total) * unit).quantize(unit)


@attrs.frozen(kw_only=True, init=False)
class InvolvementPayment(_Scoped):
    """Pay community members for their time and reimburse their expenses in full.

    Health research funders recommend paying members of the public who help shape
    research for their time, at hourly or per-activity rates, and reimbursing what taking
    part costs them — travel, care for children or other dependants, data — so that
    nobody is out of pocket (NIHR 2022). This rule applies that to the session record.

    Formula: person i is owed

        e_i = Σ_{participations p of i} (h_p · rate(role_p) + t(role_p) · rate_prep(role_p))
              + top-ups + Σ_{expenses x of i} amount_x

    where h_p is the participation's hours (recorded; else the session's length when
    ``hours_from_session``; else 0 — nested hours counted once with ``hours="innermost"``,
    as in :class:`~coinnovation.sharing.contribution.ContributionWeighted`), rate(role) is ``rates[role]`` or ``default_rate``,
    t(role) the ``preparation`` hours per participation in that role and rate_prep the
    ``rates["preparation"]`` if given, else rate(role). With ``minimum_per_session``, a
    person's fees for each session they attended — an outermost participation in scope
    with every participation of theirs nested inside it — are topped up to at least the
    minimum.

    Rounding: the amount paid is T = Σ e_i rounded to the nearest minor unit (halves
    up); each person gets e_i rounded down to the minor unit, and the units left go one
    each to the largest remainders (ties to the person listed first). So every share is
    within one minor unit of the exact e_i, the shares add up exactly to T, and nobody
    gets less than their expenses (which must be whole minor units).

    Who is paid: ``people`` if given; by default every person whose sector
    (:meth:`~coinnovation.models.Hub.sector_of`) is community and who has a participation
    in scope. Anyone with an expense listed is reimbursed, paid or not (the notes say so).
    Expenses are reimbursed whatever the scope.

    Scope: ``scope=`` (a :class:`~coinnovation.models.Scope`) or its shorthands
    ``sessions``, ``subtree``, ``kind``, ``challenge``, ``since`` and ``until``, read as
    for :class:`~coinnovation.sharing.contribution.ContributionWeighted`: a participation
    is paid for when its session is kept and its day (its session's start, else the
    nearest dated ancestor's) is in the window.

    Rates are configurable, not official: an hourly rate of, say, 25.00 GBP is an
    illustration. Check the funder's current guidance and agree rates with the people
    being paid; payments can affect welfare benefits and tax, which the guidance covers.

    Attributes:
        default_rate: Hourly rate for roles without their own.
        rates: Hourly rate by activity: a ``ParticipationRole`` value (``"facilitator"``
            ...) or ``"preparation"`` (the rate for preparation time).
        preparation: Preparation hours paid per participation, by role.
        expenses: Expenses to reimburse.
        people: Ids of the people to pay (``None``: community members in scope).
        minimum_per_session: The least a person is paid for a session attended.
        scope: Which sessions and days are paid for (:class:`~coinnovation.models.Scope`),
            given as ``scope=`` or built from the shorthands ``sessions`` (session ids to
            pay for), ``subtree`` (the sessions beneath them too; the default), ``kind``,
            ``challenge``, ``since`` and ``until`` (first and last day or moment paid
            for, inclusive), read back as properties of the same names.
        hours_from_session: Pay for the session's length when no hours are recorded.
        hours: ``"innermost"`` (each hour once) or ``"sum"`` (every record in full).

    Raises:
        ValueError: A negative or inexact rate, an unknown role or session kind, an empty
            ``sessions`` or ``people``, a naive datetime, or ``until`` before ``since``.
        TypeError: ``scope=`` given with a shorthand, or ``hours=`` with ``nested=``.

    References:
        NIHR (2022). *Payment guidance for researchers and professionals* (version 1.4,
        July 2023). National Institute for Health and Care Research.
        NIHR (2022). *Payment guidance for members of the public considering involvement
        in research*. National Institute for Health and Care Research.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.models import Hub, Person, Session, Participation
        >>> hub = Hub(people=(Person(id="p-ana", name="Ana", sector="community"),),
        ...           sessions=(Session(id="s-1", name="Co-design workshop"),),
        ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana",
        ...                                         role="facilitator", hours=Decimal("2")),))
        >>> pay = InvolvementPayment(default_rate=Decimal("25"),
        ...                          rates={"facilitator": Decimal("30")},
        ...                          preparation={"facilitator": Decimal("1")},
        ...                          expenses=(Expense("p-ana", "childcare", Decimal("18")),))
        >>> pay.allocate(hub, currency="GBP").shares  # 3 h × 30 + 18
        {'p-ana': Decimal('108.00')}
        >>> tables = InvolvementPayment(default_rate=Decimal("25"), kind="table",
        ...                             expenses=pay.expenses)
        >>> tables.allocate(hub, currency="GBP").shares  # no table: only the childcare
        {'p-ana': Decimal('18.00')}
    """

    default_rate: Decimal = attrs.field(converter=_default_rate)
    rates: dict[str, Decimal] = attrs.field(default=None, converter=_rate_table)
    preparation: dict[ParticipationRole, Decimal] = attrs.field(
        default=None, converter=_preparation_table
    )
    expenses: tuple[Expense, ...] = attrs.field(default=(), converter=_expenses)
    people: tuple[str, ...] | None = attrs.field(default=None, converter=_people_ids)
    minimum_per_session: Decimal | None = attrs.field(default=None, converter=_minimum)
    hours_from_session: bool = True
    hours: HourCounting = "innermost"

    def __init__(
        self,
        *,
        default_rate: object,
        rates: Mapping[Any, object] | None = None,
        preparation: Mapping[Any, object] | None = None,
        expenses: Iterable[Expense] = (),
        people: Iterable[str] | str | None = None,
        minimum_per_session: object = None,
        scope: Scope | None = None,
        sessions: Iterable[str] | str | None = None,
        subtree: bool | None = None,
        kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
        challenge: str | None = None,
        since: Moment | None = None,
        until: Moment | None = None,
        hours_from_session: bool = True,
        hours: HourCounting | None = None,
        nested: HourCounting | None = None,
    ) -> None:
        self.__attrs_init__(
            default_rate=default_rate,
            rates=rates,
            preparation=preparation,
            expenses=expenses,
            people=people,
            minimum_per_session=minimum_per_session,
            scope=_rule_scope(
                scope,
                sessions=sessions,
                subtree=subtree,
                kind=kind,
                challenge=challenge,
                since=since,
                until=until,
            ),
            hours_from_session=hours_from_session,
            hours=_hour_counting(hours, nested),
        )

    @property
    def nested(self) -> HourCounting:
        """Deprecated: the old name of :attr:`hours`."""
        warnings.warn(
            "InvolvementPayment.nested is deprecated: use hours", DeprecationWarning, stacklevel=2
        )
        return self.hours

    def rate(self, role: ParticipationRole | str) -> Decimal:
        """The hourly rate paid for time in a role.

        Examples:
            >>> from decimal import Decimal
            >>> pay = InvolvementPayment(default_rate=Decimal("25"), rates={"presenter": 30})
            >>> pay.rate("presenter"), pay.rate("participant")
            (Decimal('30'), Decimal('25'))
        """
        return self.rates.get(ParticipationRole(role).value, self.default_rate)

    def configuration(self) -> dict[str, Any]:
        """The rule's settings as JSON-ready data (the allocation's ``inputs``).

        Examples:
            >>> from decimal import Decimal
            >>> InvolvementPayment(default_rate=Decimal("25")).configuration()["default_rate"]
            '25'
        """
        return {
            "default_rate": str(self.default_rate),
            "rates": {name: str(rate) for name, rate in self.rates.items()},
            "preparation": {role.value: str(h) for role, h in self.preparation.items()},
            "expenses": [
                {
                    "person": x.person,
                    "kind": x.kind.value,
                    "amount": str(x.amount),
                    "description": x.description,
                    "session": x.session,
                }
                for x in self.expenses
            ],
            "people": list(self.people) if self.people is not None else None,
            "minimum_per_session": (
                str(self.minimum_per_session) if self.minimum_per_session is not None else None
            ),
            **self._scope_settings(),
            "hours_from_session": self.hours_from_session,
            "hours": self.hours,
        }

    def _bills(
        self, hub: Hub, currency: str | None = None
    ) -> tuple[dict[str, OwedPayment], list[str]]:
        for expense in self.expenses:
            hub.person(expense.person)
            if expense.session is not None:
                hub.session(expense.session)
        if self.people is not None:
            for person in self.people:
                hub.person(person)
        record = _read(hub, hours_from_session=self.hours_from_session, hours=self.hours)
        scope = _covered(hub, self.scope)
        in_scope = [
            pa
            for pa in hub.participations
            if scope.covers_session(pa.session) and scope.covers(scope.moment_of(pa.session))
        ]
        undated = [
            pa.id
            for pa in hub.participations
            if scope.dated
            and scope.covers_session(pa.session)
            and scope.moment_of(pa.session) is None
        ]
        claimants = dict.fromkeys(expense.person for expense in self.expenses)
        if self.people is not None:
            payees = list(self.people)
        else:
            attended = {pa.person for pa in in_scope if pa.person is not None}
            payees = [
                person.id
                for person in hub.people
                if (person.id in attended or person.id in claimants)
                and hub.sector_of(person.id) is Sector.COMMUNITY
            ]
        notes: list[str] = []
        extra = [person for person in claimants if person not in payees]
        if extra:
            notes.append(
                "reimbursed for expenses though not among the people paid for time: "
                f"{_listed(extra)}"
            )
        paid = set(payees)
        bills = {person: _Bill() for person in (*payees, *extra)}

        kept = {pa.id for pa in in_scope if pa.person in paid}
        occasions: dict[tuple[str, str], list[Participation]] = defaultdict(list)
        for pa in in_scope:
            if pa.id not in kept:
                continue
            assert pa.person is not None
            top, current = pa.id, record.enclosing[pa.id]
            while current is not None:
                if current in kept:
                    top = current
                current = record.enclosing[current]
            occasions[(pa.person, top)].append(pa)
        by_id = {pa.id: pa for pa in hub.participations}
        topped: list[str] = []
        for (person, top), group in occasions.items():
            bill = bills[person]
            fee = Fraction(0)
            for pa in group:
                hours = record.hours[pa.id]
                prep = Fraction(self.preparation.get(pa.role, Decimal(0)))
                rate = Fraction(self.rate(pa.role))
                prep_rate = Fraction(self.rates.get(_PREPARATION, self.rate(pa.role)))
                fee += hours * rate + prep * prep_rate
                bill.hours += hours
                bill.preparation += prep
                bill.participations.append(pa.id)
                if record.source[pa.id] == "times":
                    bill.estimated.append(pa.id)
                elif record.source[pa.id] == "unknown":
                    bill.unknown.append(pa.id)
            if self.minimum_per_session is not None:
                floor = Fraction(self.minimum_per_session)
                if fee < floor:
                    bill.top_up += floor - fee
                    added = (
                        _show(floor - fee)
                        if currency is None
                        else format_money(floor - fee, currency)
                    )
                    topped.append(f"{person} at {by_id[top].session} (+{added})")
                    fee = floor
            bill.fees += fee
        for expense in self.expenses:
            bills[expense.person].expenses += expense.amount

        estimated = [
            f"{person} ({', '.join(b.estimated)})" for person, b in bills.items() if b.estimated
        ]
        if estimated:
            notes.append(
                "paid for hours with no recorded hours (the session's start and end were "
                f"used): {_listed(estimated)}"
            )
        unknown = [f"{person} ({', '.join(b.unknown)})" for person, b in bills.items() if b.unknown]
        if unknown:
            notes.append(
                "no hours recorded"
                + (" and no session times" if self.hours_from_session else "")
                + f", so 0 hours paid (minimum aside): {_listed(unknown)}"
            )
        if topped:
            minimum = (
                str(self.minimum_per_session)
                if currency is None
                else format_money(self.minimum_per_session or 0, currency)
            )
            notes.append(f"topped up to the minimum of {minimum} per session: {_listed(topped)}")
        if self.hours == "innermost":
            outer = sorted({o for o in record.enclosing.values() if o in kept})
            if outer:
                notes.append(
                    f"{len(outer)} participation(s) enclose sub-session participations of the "
                    "same person: only their hours outside those are paid (hours='innermost')"
                )
            over = [
                f"{pa} ({_show(i)} h inside {_show(o)} h)"
                for pa, o, i in record.overflow
                if pa in kept
            ]
            if over:
                notes.append(
                    "hours recorded at sub-sessions exceed the enclosing record, which is "
                    f"paid 0 hours: {_listed(over)}"
                )
        idle = [p for p, b in bills.items() if not b.participations and not b.expenses]
        if idle:
            notes.append(
                f"no participation in scope and no expenses, so owed nothing: {_listed(idle)}"
            )
        unpaid = [pa.id for pa in in_scope if pa.person is not None and pa.person not in paid]
        if unpaid:
            notes.append(
                f"{len(unpaid)} participation(s) in scope by people not paid for time "
                f"(not {'listed' if self.people is not None else 'community members'}): "
                f"{_listed(unpaid)}"
            )
        alone = [pa.id for pa in in_scope if pa.person is None]
        if alone:
            notes.append(
                f"{len(alone)} participation(s) in scope record an organisation, not a person: "
                f"not paid: {_listed(alone)}"
            )
        if undated:
            notes.append(
                f"{len(undated)} participation(s) at sessions with no date were left out by "
                f"the date range: {_listed(undated)}"
            )
        outside = [
            f"expenses[{index}] ({x.person}, {x.session})"
            for index, x in enumerate(self.expenses)
            if x.session is not None
            and not (scope.covers_session(x.session) and scope.covers(scope.moment_of(x.session)))
        ]
        if outside:
            notes.append(
                f"expenses for sessions outside the scope, reimbursed anyway: {_listed(outside)}"
            )
        owed = {
            person: OwedPayment(
                person,
                hours=b.hours,
                preparation_hours=b.preparation,
                fees=b.fees,
                expenses=b.expenses,
                top_up=b.top_up,
                participations=tuple(b.participations),
                estimated=tuple(b.estimated),
                unknown=tuple(b.unknown),
            )
            for person, b in bills.items()
        }
        return owed, notes

    def owed(self, hub: Hub) -> dict[str, OwedPayment]:
        """What each person is owed, exactly, with the hours and records behind it.

        Args:
            hub: The hub whose session record is read.

        Returns:
            Each person's :class:`OwedPayment`: the people paid, in ``people`` or hub
            order, then anyone else with expenses.

        Raises:
            UnknownReferenceError: A person or session (in ``people``, ``sessions`` or an
                expense) the hub does not hold.

        Examples:
            >>> from decimal import Decimal
            >>> from datetime import datetime, timezone
            >>> from coinnovation.models import Hub, Person, Session, Participation
            >>> hub = Hub(people=(Person(id="p-ana", name="Ana", sector="community"),),
            ...           sessions=(Session(id="s-1", name="Walk and talk",
            ...                 start=datetime(2023, 6, 22, 10, tzinfo=timezone.utc),
            ...                 end=datetime(2023, 6, 22, 11, 20, tzinfo=timezone.utc)),),
            ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana"),))
            >>> bill = InvolvementPayment(default_rate=Decimal("25")).owed(hub)["p-ana"]
            >>> bill.hours, bill.fees, bill.estimated  # 1 h 20 min from the session times
            (Fraction(4, 3), Fraction(100, 3), ('pa-1',))
        """
        return self._bills(hub)[0]

    def allocate(self, hub: Hub, *, currency: str, budget: Amount | None = None) -> Allocation:
        """Pay everyone what they are owed, or share a smaller budget fairly.

        Without a budget, or with one at least the total owed T, everyone is paid what
        they are owed (rounded as the class describes) and the amount is T. With a
        budget B below T, expenses X are reimbursed in full first and the rest, B − X,
        is shared in proportion to the fees owed (:func:`~coinnovation.sharing.split`);
        the amount is then B.

        Args:
            hub: The hub whose session record is read.
            currency: The ISO 4217 code of the rates, expenses and payments.
            budget: The most that can be paid: a whole number of minor units, 0 or more, as
                a plain number or a Money in ``currency`` (see
                :func:`~coinnovation.sharing.to_money`).

        Returns:
            The allocation (rule ``"involvement_payment"``): weights are the exact
            amounts owed; ``inputs`` hold the configuration and each person's
            :class:`OwedPayment`; ``notes`` name estimated hours, top-ups, people left
            out and how a budget was applied.

        Raises:
            UnknownReferenceError: A person or session the hub does not hold.
            InvalidAmountError: An expense or a budget finer than the minor unit, a
                budget that is not a finite number or is negative, or in another currency.
            ValueError: No one to pay; nothing owed; or a budget that does not cover the
                expenses (someone would be out of pocket).

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.models import Hub, Person, Session, Participation
            >>> hub = Hub(people=(Person(id="p-ana", name="Ana", sector="community"),
            ...                   Person(id="p-raj", name="Raj", sector="community")),
            ...           sessions=(Session(id="s-1", name="Workshop"),),
            ...           participations=(
            ...               Participation(id="pa-1", session="s-1", person="p-ana", hours=2),
            ...               Participation(id="pa-2", session="s-1", person="p-raj", hours=2)))
            >>> pay = InvolvementPayment(default_rate=Decimal("25"),
            ...                          expenses=(Expense("p-ana", "travel", Decimal("10")),))
            >>> pay.allocate(hub, currency="GBP").shares
            {'p-ana': Decimal('60.00'), 'p-raj': Decimal('50.00')}
            >>> pay.allocate(hub, currency="GBP", budget=Decimal("80")).shares
            {'p-ana': Decimal('45.00'), 'p-raj': Decimal('35.00')}
        """
        zero = to_money(0, currency)  # refuses an unknown currency, naming it
        unit = Decimal(1).scaleb(-minor_unit(zero.currency))
        for index, expense in enumerate(self.expenses):
            to_money(
                expense.amount,
                currency,
                name=f"expenses[{index}] ({expense.person}, {expense.kind.value})",
            )
        limit = None if budget is None else to_money(budget, currency, name="budget").amount
        owed, notes = self._bills(hub, zero.currency)
        if not owed:
            who = "listed" if self.people is not None else "community"
            raise ValueError(
                f"no one to pay: no {who} person has a participation in scope or an expense"
            )
        exact = {person: bill.owed for person, bill in owed.items()}
        if not any(exact.values()):
            raise ValueError(
                f"nothing is owed to anyone ({', '.join(owed)}): no paid hours in scope and "
                "no expenses"
            )
        shares, total = _apportion(exact, currency)
        expenses_total = sum((bill.expenses for bill in owed.values()), Decimal(0)).quantize(unit)
        amount = total
        if limit is not None and limit < total:
            if limit < expenses_total:
                short = [person for person, bill in owed.items() if bill.expenses]
                raise ValueError(
                    f"the budget of {format_money(limit, currency)} does not cover the "
                    f"{format_money(expenses_total, currency)} of expenses, so someone would "
                    f"be out of pocket ({', '.join(short)}): expenses are reimbursed in full; "
                    f"raise the budget to at least {format_money(expenses_total, currency)} "
                    f"(the full amount owed is {format_money(total, currency)})"
                )
            fees = {person: bill.fees for person, bill in owed.items()}
            fee_shares = split(limit - expenses_total, fees, currency=currency)
            shares = {
                person: (owed[person].expenses + fee_shares[person]).quantize(unit)
                for person in owed
            }
            amount = limit
            fees_owed = total - expenses_total
            rate = Fraction(limit - expenses_total) / sum(fees.values(), Fraction(0))
            notes.insert(
                0,
                f"the budget of {format_money(limit, currency)} is short of the "
                f"{format_money(total, currency)} owed: expenses "
                f"({format_money(expenses_total, currency)}) reimbursed in full; the "
                f"remaining {format_money(limit - expenses_total, currency)} shared in "
                f"proportion to fees owed ({format_money(fees_owed, currency)}), so fees "
                f"are paid at about {format_percent(rate)}",
            )
        elif limit is not None:
            notes.insert(
                0,
                f"the budget of {format_money(limit, currency)} covers the "
                f"{format_money(total, currency)} owed; {format_money(limit - total, currency)} "
                "is left",
            )
        inputs = {
            **self.configuration(),
            "currency": currency,
            "budget": str(limit) if limit is not None else None,
            "owed": {person: bill.to_dict() for person, bill in owed.items()},
        }
        return _allocation(
            "involvement_payment",
            amount,
            currency,
            shares,
            exact,
            "fees for time (hours × rate) plus expenses owed",
            inputs,
            notes,
            weight_currency=currency,
        )

"""Contribution-weighted sharing: shares in proportion to what each party put in on record.

:class:`ContributionWeighted` weighs each party by the session record of a
:class:`~coinnovation.models.Hub` — hours given, weighted by the role played, plus points
for each contribution made (ideas, evidence, solutions ...) — and shares an amount in
proportion. It reads the record through :mod:`coinnovation.sharing.record`, as
:class:`~coinnovation.sharing.involvement.InvolvementPayment` does.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana"), Person(id="p-ben", name="Ben")),
    ...           sessions=(Session(id="s-1", name="Workshop", kind="table"),),
    ...           participations=(
    ...               Participation(id="pa-1", session="s-1", person="p-ana",
    ...                             role="facilitator", hours=Decimal("2")),
    ...               Participation(id="pa-2", session="s-1", person="p-ben", hours=Decimal("2"))))
    >>> ContributionWeighted(kind="table").allocate(hub, Decimal("100"), currency="GBP").shares
    {'p-ana': Decimal('60.00'), 'p-ben': Decimal('40.00')}
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from coinnovation.models import (
    Agreement,
    ContributionKind,
    Hub,
    ParticipationRole,
    Person,
)
from coinnovation.models.scope import Moment, Scope
from coinnovation.models.vocabularies import SessionKind
from coinnovation.sharing.record import (
    HourCounting,
    PartyLevel,
    _allocation,
    _covered,
    _exact,
    _hour_counting,
    _listed,
    _parties,
    _read,
    _rule_scope,
    _Scoped,
    _show,
)
from coinnovation.sharing.rounding import Amount, split, to_money
from coinnovation.sharing.rules import Allocation

__all__ = [
    "DEFAULT_CONTRIBUTION_POINTS",
    "DEFAULT_ROLE_MULTIPLIERS",
    "ContributionBreakdown",
    "ContributionWeighted",
]

DEFAULT_ROLE_MULTIPLIERS: Mapping[ParticipationRole, Decimal] = MappingProxyType(
    {
        ParticipationRole.ORGANISER: Decimal("1.5"),
        ParticipationRole.FACILITATOR: Decimal("1.5"),
        ParticipationRole.HOST: Decimal("1.25"),
        ParticipationRole.PRESENTER: Decimal("1.25"),
        ParticipationRole.NOTE_TAKER: Decimal(1),
        ParticipationRole.PARTICIPANT: Decimal(1),
        ParticipationRole.OBSERVER: Decimal("0.5"),
    }
)
"""Default multipliers m(role) of an hour by the role played in a session. Leading or
presenting takes preparation and carries responsibility, so it counts for more than taking
part; watching counts for less. These are conventions to start a negotiation from, not
findings: override any of them with ``role_multipliers=``."""

DEFAULT_CONTRIBUTION_POINTS: Mapping[ContributionKind, Decimal] = MappingProxyType(
    {
        ContributionKind.SOLUTION: Decimal(2),
        ContributionKind.IDEA: Decimal(1),
        ContributionKind.EVIDENCE: Decimal(1),
        ContributionKind.PRESENTATION: Decimal(1),
        ContributionKind.DECISION: Decimal(1),
        ContributionKind.FEEDBACK: Decimal("0.5"),
        ContributionKind.ANSWER: Decimal("0.5"),
        ContributionKind.CONCERN: Decimal("0.5"),
        ContributionKind.QUESTION: Decimal("0.25"),
        ContributionKind.OTHER: Decimal("0.25"),
    }
)
"""Default points k(kind) per contribution, in hour-equivalents (with the default
``hour_weight`` of 1, an idea counts as much as an hour of taking part). Proposals (ideas,
evidence, presentations, decisions) count 1, a worked-out solution 2, replies and reactions
half, questions and anything else a quarter. Conventions, not findings: override any of them
with ``contribution_points=``."""


# -- reading the options -------------------------------------------------------------------


def _role_table(values: Mapping[Any, object] | None) -> dict[ParticipationRole, Fraction]:
    table = {role: Fraction(value) for role, value in DEFAULT_ROLE_MULTIPLIERS.items()}
    for key, value in (values or {}).items():
        try:
            role = ParticipationRole(key)
        except ValueError:
            known = ", ".join(role.value for role in ParticipationRole)
            raise ValueError(
                f"role_multipliers: {key!r} is not a participation role ({known})"
            ) from None
        table[role] = _exact(value, f"role_multipliers[{role.value!r}]")
    return table


def _points_table(values: Mapping[Any, object] | None) -> dict[ContributionKind, Fraction]:
    table = {kind: Fraction(value) for kind, value in DEFAULT_CONTRIBUTION_POINTS.items()}
    for key, value in (values or {}).items():
        try:
            kind = ContributionKind(key)
        except ValueError:
            known = ", ".join(kind.value for kind in ContributionKind)
            raise ValueError(
                f"contribution_points: {key!r} is not a contribution kind ({known})"
            ) from None
        table[kind] = _exact(value, f"contribution_points[{kind.value!r}]")
    return table


def _hourly(value: object) -> Fraction:
    return _exact(value, "hour_weight")


# -- contribution-weighted sharing -----------------------------------------------------------


@attrs.frozen
class ContributionBreakdown:
    """One party's weight from the session record, and what it is made of.

    ``weight = hours_part + role_part + contributions_part``, where ``hours_part`` is
    r · Σ h_p (every hour at multiplier 1), ``role_part`` is r · Σ h_p · (m(role_p) − 1)
    (what roles add, or take away for observers) and ``contributions_part`` is Σ k(kind_c).

    Attributes:
        party: The person's or organisation's id.
        hours: The hours counted, Σ h_p (nested hours counted once).
        hours_part: r · Σ h_p.
        role_part: r · Σ h_p · (m(role_p) − 1).
        contributions_part: Σ k(kind_c).
        participations: Ids of the participations counted.
        contributions: Ids of the contributions counted.
        estimated: Ids of counted participations whose hours came from the session's
            start and end (no hours recorded).

    Examples:
        >>> from fractions import Fraction
        >>> b = ContributionBreakdown("p-ana", hours=Fraction(2), hours_part=Fraction(2),
        ...                           role_part=Fraction(1), contributions_part=Fraction(1))
        >>> b.weight
        Fraction(4, 1)
    """

    party: str
    hours: Fraction = Fraction(0)
    hours_part: Fraction = Fraction(0)
    role_part: Fraction = Fraction(0)
    contributions_part: Fraction = Fraction(0)
    participations: tuple[str, ...] = ()
    contributions: tuple[str, ...] = ()
    estimated: tuple[str, ...] = ()

    @property
    def weight(self) -> Fraction:
        """The party's weight w_i: hours part + role part + contributions part.

        Examples:
            >>> from fractions import Fraction
            >>> ContributionBreakdown("o-whg", contributions_part=Fraction(3, 2)).weight
            Fraction(3, 2)
        """
        return self.hours_part + self.role_part + self.contributions_part

    @property
    def has_record(self) -> bool:
        """Whether any participation or contribution was counted for the party.

        Examples:
            >>> ContributionBreakdown("p-x").has_record
            False
        """
        return bool(self.participations or self.contributions)

    def to_dict(self) -> dict[str, Any]:
        """The breakdown as JSON-ready data; numbers as exact strings (``"14.5"``, ``"1/3"``).

        Examples:
            >>> from fractions import Fraction
            >>> ContributionBreakdown("p-ana", hours=Fraction(1, 3),
            ...                       hours_part=Fraction(1, 3)).to_dict()["hours"]
            '1/3'
        """
        return {
            "party": self.party,
            "weight": _show(self.weight),
            "hours": _show(self.hours),
            "hours_part": _show(self.hours_part),
            "role_part": _show(self.role_part),
            "contributions_part": _show(self.contributions_part),
            "participations": list(self.participations),
            "contributions": list(self.contributions),
            "estimated": list(self.estimated),
        }


@attrs.define
class _Tally:
    hours: Fraction = Fraction(0)
    role_hours: Fraction = Fraction(0)
    points: Fraction = Fraction(0)
    participations: list[str] = attrs.Factory(list)
    contributions: list[str] = attrs.Factory(list)
    estimated: list[str] = attrs.Factory(list)


@attrs.frozen(kw_only=True, init=False)
class ContributionWeighted(_Scoped):
    """Share in proportion to what each party put into the sessions on record.

    Formula: party i's weight is

        w_i = Σ_{participations p counted for i} h_p · m(role_p) · r
              + Σ_{contributions c counted for i} k(kind_c)

    where h_p is the hours of participation p (see below), m the role multiplier
    (:data:`DEFAULT_ROLE_MULTIPLIERS` unless overridden), r the ``hour_weight`` and k the
    points per contribution kind (:data:`DEFAULT_CONTRIBUTION_POINTS` unless overridden).
    The amount is then shared by :func:`~coinnovation.sharing.split`: party i gets
    A · w_i / Σ w, rounded to the minor unit by largest remainder, so the shares add up
    exactly to A. Weights are exact fractions.

    **Hours.** h_p is ``Participation.hours``; when it is missing and
    ``hours_from_session`` is true, the session's length (end − start); otherwise 0 (and
    the notes say so).

    **Nested sessions.** With ``hours="innermost"`` (the default), hours recorded at a
    session are taken to include the hours the same stakeholder recorded at sessions
    inside it (a day's 6.5 hours include the 1.25 hours at a table), so each hour counts
    once, under the most specific session and its role: the enclosing participation
    counts only its hours minus those of the nearest participations of the same
    stakeholder beneath it (never below 0; the notes name any record where the inner
    hours exceed the outer). With ``hours="sum"`` every participation counts in full.
    Nesting is worked out on the whole record, before the scope below is applied.
    (``hours=`` was called ``nested=``, which still works, with a warning.)

    **Scope.** ``scope=`` (a :class:`~coinnovation.models.Scope`), or its shorthands:
    ``sessions`` keeps sessions with those ids (and, with ``subtree``, the default, every
    session beneath them); ``kind`` keeps sessions of those kinds (and, with
    ``subtree``, the sessions beneath them); ``challenge`` keeps sessions whose
    ``challenges`` include it and every session beneath those; ``since`` and ``until``
    keep records whose day (a date) or moment (an aware datetime) falls in the range,
    inclusive: a participation's is its session's start, else the nearest dated
    ancestor's (undated sessions are then left out, and the notes say how many records
    that drops). All restrictions given must hold. A contribution counts when its session
    is in scope and, with ``challenge``, its own ``challenge`` is that challenge or
    unset; with a window, its moment is its ``created`` time, else its session's.

    **Who a record counts for.** Each participation and contribution counts for at most
    one party. A record of person P counts for P if P is a party. Otherwise it counts
    for an organisation that is a party: for a participation, its ``organisation`` if
    given; else (and for contributions) the organisation named on P's participation at
    that session or the nearest session above it; else P's primary organisation on the
    session's day (:meth:`~coinnovation.models.Hub.primary_organisation`). A record of an
    organisation alone counts for it. So a person party counts only their own record,
    and an organisation party counts its own record plus that of members who are not
    parties themselves (the notes name members whose record stays with them). Records
    are not rolled up to parent organisations.

    **Parties.** Pass ``parties`` (ids of people and organisations, or an
    :class:`~coinnovation.models.Agreement` to use its parties): every party is weighed,
    and those with no record in scope get weight 0 (named in the notes). Without
    ``parties``, every stakeholder at ``level`` (``"person"`` or ``"organisation"``)
    with a record in scope is a party.

    Attributes:
        hour_weight: r, the weight of one hour at multiplier 1.
        role_multipliers: m, by participation role; a mapping given here overrides the
            defaults for the roles it names.
        contribution_points: k, by contribution kind; overrides the defaults it names.
        scope: Which sessions and days count (:class:`~coinnovation.models.Scope`),
            given as ``scope=`` or built from the shorthands ``sessions``, ``subtree``,
            ``kind``, ``challenge``, ``since`` and ``until`` (read back as properties of
            the same names, ``kind`` as ``kinds``).
        hours_from_session: Use the session's length when a participation has no hours.
        hours: ``"innermost"`` (each hour once) or ``"sum"`` (every record in full).
        level: Who the parties are when none are given: ``"person"`` or
            ``"organisation"``.

    Raises:
        ValueError: A negative multiplier or point, an unknown role, contribution kind or
            session kind, an empty ``sessions``, a naive datetime, or ``until`` before
            ``since``.
        TypeError: ``scope=`` given with a shorthand, or ``hours=`` with ``nested=``.

    Examples:
        >>> from decimal import Decimal
        >>> from coinnovation.models import Hub, Person, Session, Participation, Contribution
        >>> hub = Hub(people=(Person(id="p-ana", name="Ana"), Person(id="p-ben", name="Ben")),
        ...           sessions=(Session(id="s-1", name="Table"),),
        ...           participations=(
        ...               Participation(id="pa-1", session="s-1", person="p-ana",
        ...                             role="facilitator", hours=Decimal("2")),
        ...               Participation(id="pa-2", session="s-1", person="p-ben",
        ...                             hours=Decimal("2"))),
        ...           contributions=(Contribution(id="co-1", session="s-1", author="p-ben",
        ...                                       kind="idea", text="Text reminders"),))
        >>> rule = ContributionWeighted()
        >>> rule.weights(hub)  # Ana 2 h × 1.5; Ben 2 h × 1 + 1 point for an idea
        {'p-ana': Fraction(3, 1), 'p-ben': Fraction(3, 1)}
        >>> ContributionWeighted(role_multipliers={"facilitator": 2}).weights(hub)["p-ana"]
        Fraction(4, 1)
        >>> ContributionWeighted(sessions=["s-1"], hours="sum").scope
        Scope(sessions=('s-1',), nested='subtree')
    """

    hour_weight: Fraction = attrs.field(default=Fraction(1), converter=_hourly)
    role_multipliers: dict[ParticipationRole, Fraction] = attrs.field(
        default=None, converter=_role_table
    )
    contribution_points: dict[ContributionKind, Fraction] = attrs.field(
        default=None, converter=_points_table
    )
    hours_from_session: bool = True
    hours: HourCounting = "innermost"
    level: PartyLevel = attrs.field(
        default="person", validator=attrs.validators.in_(("person", "organisation"))
    )

    def __init__(
        self,
        *,
        hour_weight: object = Fraction(1),
        role_multipliers: Mapping[Any, object] | None = None,
        contribution_points: Mapping[Any, object] | None = None,
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
        level: PartyLevel = "person",
    ) -> None:
        self.__attrs_init__(
            hour_weight=hour_weight,
            role_multipliers=role_multipliers,
            contribution_points=contribution_points,
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
            level=level,
        )

    @property
    def nested(self) -> HourCounting:
        """Deprecated: the old name of :attr:`hours`."""
        warnings.warn(
            "ContributionWeighted.nested is deprecated: use hours", DeprecationWarning, stacklevel=2
        )
        return self.hours

    @property
    def basis(self) -> str:
        """What the weights measure, in words (for :meth:`Allocation.explain`).

        Examples:
            >>> ContributionWeighted().basis
            'the session record (hours × role multiplier × hour weight + contribution points)'
        """
        return "the session record (hours × role multiplier × hour weight + contribution points)"

    def configuration(self) -> dict[str, Any]:
        """The rule's settings as JSON-ready data (the allocation's ``inputs``).

        Examples:
            >>> settings = ContributionWeighted(challenge="ch-1").configuration()
            >>> settings["challenge"], settings["role_multipliers"]["observer"]
            ('ch-1', '0.5')
        """
        return {
            "hour_weight": _show(self.hour_weight),
            "role_multipliers": {r.value: _show(m) for r, m in self.role_multipliers.items()},
            "contribution_points": {k.value: _show(p) for k, p in self.contribution_points.items()},
            **self._scope_settings(),
            "hours_from_session": self.hours_from_session,
            "hours": self.hours,
            "level": self.level,
        }

    def _tally(
        self, hub: Hub, parties: Iterable[str] | Agreement | None
    ) -> tuple[dict[str, ContributionBreakdown], list[str]]:
        record = _read(hub, hours_from_session=self.hours_from_session, hours=self.hours)
        scope = _covered(hub, self.scope)
        explicit = parties is not None
        if parties is not None:
            candidates = _parties(hub, parties)
        elif self.level == "person":
            candidates = [person.id for person in hub.people]
        else:
            candidates = [organisation.id for organisation in hub.organisations]
        members = set(candidates)
        tallies = {party: _Tally() for party in candidates}
        kept: list[str] = []  # person parties whose record stays with them
        kept_seen: set[tuple[str, str]] = set()
        undated: list[str] = []
        unattributed: list[str] = []
        estimated: list[str] = []
        unknown: list[str] = []

        def owner(person: str | None, organisation: str | None, session: str) -> str | None:
            if person is None:
                return organisation if organisation in members else None
            route = None
            if person not in members or explicit:
                route = record.organisation_for(person, session, organisation)
            if person in members:
                if route is not None and route in members and (person, route) not in kept_seen:
                    kept_seen.add((person, route))
                    kept.append(f"{person} (not also {route})")
                return person
            return route if route in members else None

        for pa in hub.participations:
            if not scope.covers_session(pa.session):
                continue
            moment = scope.moment_of(pa.session)
            if not scope.covers(moment):
                if moment is None:
                    undated.append(pa.id)
                continue
            party = owner(pa.person, pa.organisation, pa.session)
            if party is None:
                unattributed.append(pa.id)
                continue
            tally = tallies[party]
            hours = record.hours[pa.id]
            tally.hours += hours
            tally.role_hours += hours * self.role_multipliers[pa.role]
            tally.participations.append(pa.id)
            if record.source[pa.id] == "times":
                tally.estimated.append(pa.id)
                estimated.append(pa.id)
            elif record.source[pa.id] == "unknown":
                unknown.append(pa.id)

        for co in hub.contributions:
            if not scope.covers_session(co.session):
                continue
            if self.challenge is not None and co.challenge not in (None, self.challenge):
                continue
            moment = co.created if co.created is not None else scope.moment_of(co.session)
            if not scope.covers(moment):
                if moment is None:
                    undated.append(co.id)
                continue
            author = hub.get(co.author)
            if isinstance(author, Person):
                party = owner(author.id, None, co.session)
            else:
                party = owner(None, author.id, co.session)
            if party is None:
                unattributed.append(co.id)
                continue
            tallies[party].points += self.contribution_points[co.kind]
            tallies[party].contributions.append(co.id)

        r = self.hour_weight
        breakdowns = {
            party: ContributionBreakdown(
                party,
                hours=t.hours,
                hours_part=r * t.hours,
                role_part=r * (t.role_hours - t.hours),
                contributions_part=t.points,
                participations=tuple(t.participations),
                contributions=tuple(t.contributions),
                estimated=tuple(t.estimated),
            )
            for party, t in tallies.items()
            if explicit or t.participations or t.contributions
        }

        notes: list[str] = []
        empty = [party for party, b in breakdowns.items() if not b.has_record]
        if empty:
            notes.append(f"no record in scope, so weight 0: {_listed(empty)}")
        if estimated:
            notes.append(
                f"{len(estimated)} participation(s) had no hours: their session's start and "
                f"end were used: {_listed(estimated)}"
            )
        if unknown:
            notes.append(
                f"{len(unknown)} participation(s) had no hours"
                + (" and their session no start and end" if self.hours_from_session else "")
                + f": counted as 0 hours: {_listed(unknown)}"
            )
        counted = {pa for b in breakdowns.values() for pa in b.participations}
        if self.hours == "innermost":
            outer = sorted({o for pa, o in record.enclosing.items() if o and o in counted})
            if outer:
                notes.append(
                    f"{len(outer)} participation(s) enclose sub-session participations of the "
                    "same stakeholder: only their hours outside those count (hours='innermost')"
                )
            over = [
                f"{pa} ({_show(i)} h inside {_show(o)} h)"
                for pa, o, i in record.overflow
                if pa in counted
            ]
            if over:
                notes.append(
                    "hours recorded at sub-sessions exceed the enclosing record, which "
                    f"counts 0: {_listed(over)}"
                )
        if kept:
            notes.append(
                "records of people who are parties count for them, not also for their "
                f"organisation: {_listed(kept)}"
            )
        if undated:
            notes.append(
                f"{len(undated)} record(s) at sessions with no date were left out by the date "
                f"range: {_listed(undated)}"
            )
        if unattributed and explicit:
            notes.append(
                f"{len(unattributed)} record(s) in scope count for none of the parties: "
                f"{_listed(unattributed)}"
            )
        elif unattributed:
            notes.append(
                f"{len(unattributed)} record(s) in scope have no {self.level} to count for: "
                f"{_listed(unattributed)}"
            )
        return breakdowns, notes

    def breakdown(
        self, hub: Hub, parties: Iterable[str] | Agreement | None = None
    ) -> dict[str, ContributionBreakdown]:
        """Each party's weight with its parts and the records counted.

        Args:
            hub: The hub whose session record is read.
            parties: Ids of people and organisations, or an agreement (its parties); by
                default every stakeholder at ``level`` with a record in scope.

        Returns:
            The breakdowns, in party order (hub order by default).

        Raises:
            UnknownReferenceError: A party, session or challenge the hub does not hold.
            ValueError: No parties, or a party listed twice.

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.models import Hub, Person, Session, Participation
            >>> hub = Hub(people=(Person(id="p-ana", name="Ana"),),
            ...           sessions=(Session(id="s-1", name="Table"),),
            ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana",
            ...                                         role="observer", hours=Decimal("2")),))
            >>> b = ContributionWeighted().breakdown(hub)["p-ana"]
            >>> b.hours_part, b.role_part, b.weight
            (Fraction(2, 1), Fraction(-1, 1), Fraction(1, 1))
        """
        return self._tally(hub, parties)[0]

    def weights(
        self, hub: Hub, parties: Iterable[str] | Agreement | None = None
    ) -> dict[str, Fraction]:
        """Each party's weight w_i, as an exact fraction (see the class formula).

        Args:
            hub: The hub whose session record is read.
            parties: Ids of people and organisations, or an agreement (its parties); by
                default every stakeholder at ``level`` with a record in scope.

        Returns:
            The weights, in party order.

        Raises:
            UnknownReferenceError: A party, session or challenge the hub does not hold.
            ValueError: No parties, or a party listed twice.

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.models import Hub, Organisation, Person, Membership
            >>> from coinnovation.models import Session, Participation
            >>> hub = Hub(organisations=(Organisation(id="o-whg", name="whg", sector="community"),),
            ...           people=(Person(id="p-ana", name="Ana"),),
            ...           memberships=(Membership(id="m-1", person="p-ana", organisation="o-whg"),),
            ...           sessions=(Session(id="s-1", name="Table"),),
            ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana",
            ...                                         hours=Decimal("1.5")),))
            >>> ContributionWeighted(level="organisation").weights(hub)
            {'o-whg': Fraction(3, 2)}
        """
        return {party: b.weight for party, b in self._tally(hub, parties)[0].items()}

    def allocate(
        self,
        hub: Hub,
        amount: Amount,
        *,
        currency: str | None = None,
        parties: Iterable[str] | Agreement | None = None,
    ) -> Allocation:
        """Share ``amount`` in proportion to the parties' weights from the record.

        Args:
            hub: The hub whose session record is read.
            amount: The pot: a whole number of the currency's minor units, 0 or more, as
                a plain number or a Money (see :func:`~coinnovation.sharing.to_money`).
            currency: The ISO 4217 code (not needed for a Money).
            parties: Ids of people and organisations, or an agreement (its parties); by
                default every stakeholder at ``level`` with a record in scope.

        Returns:
            The allocation (rule ``"contribution_weighted"``): exact fractions as
            weights; ``inputs`` hold the configuration, the parties and each party's
            breakdown; ``notes`` say what was estimated, counted as 0 or left out.

        Raises:
            UnknownReferenceError: A party, session or challenge the hub does not hold.
            InvalidAmountError: An amount that is not a finite number, is negative, is
                finer than the minor unit, or has no currency.
            ValueError: No parties, a party listed twice, or every weight zero (naming
                the parties).

        Examples:
            >>> from decimal import Decimal
            >>> from coinnovation.models import Hub, Person, Session, Participation
            >>> hub = Hub(people=(Person(id="p-ana", name="Ana"), Person(id="p-ben", name="Ben")),
            ...           sessions=(Session(id="s-1", name="Table"),),
            ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana",
            ...                                         hours=Decimal("3")),))
            >>> deal = ContributionWeighted().allocate(hub, Decimal("90"), currency="GBP",
            ...                                        parties=["p-ana", "p-ben"])
            >>> deal.shares
            {'p-ana': Decimal('90.00'), 'p-ben': Decimal('0.00')}
            >>> deal.notes
            ('no record in scope, so weight 0: p-ben',)
        """
        pot = to_money(amount, currency)
        amount, currency = pot.amount, pot.currency
        breakdowns, notes = self._tally(hub, parties)
        if not breakdowns:
            raise ValueError(
                f"no {self.level} has any participation or contribution in scope: "
                "nothing to weigh by"
            )
        weights: dict[str, Fraction] = {party: b.weight for party, b in breakdowns.items()}
        if not any(weights.values()):
            raise ValueError(
                "every party's weight from the session record is zero, so there is no "
                f"proportion to share by: {', '.join(weights)}"
            )
        shares = split(amount, weights, currency=currency)
        inputs = {
            **self.configuration(),
            "parties": list(weights),
            "breakdown": {party: b.to_dict() for party, b in breakdowns.items()},
        }
        return _allocation(
            "contribution_weighted", amount, currency, shares, weights, self.basis, inputs, notes
        )

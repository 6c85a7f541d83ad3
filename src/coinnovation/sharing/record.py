"""Rules that read the session record: weights from what people did, and pay for their time.

Two rules take their inputs from a :class:`~coinnovation.models.Hub` instead of from
weights typed in by hand:

- :class:`ContributionWeighted` shares an amount in proportion to what each party put
  into the sessions on record: hours given (weighted by the role played) plus points for
  each contribution made (ideas, evidence, solutions ...).
- :class:`InvolvementPayment` works out what community members are owed for their time
  (hours × an hourly rate per activity) and their expenses (reimbursed in full), as
  health research funders recommend for public involvement (NIHR 2022), and checks that
  nobody is left out of pocket.

Both count each hour once when sessions nest (see *Nested sessions* in
:class:`ContributionWeighted`), return an :class:`~coinnovation.sharing.Allocation` whose
shares add up exactly to the amount, and say in its ``notes`` whatever they had to
estimate, leave out or count as nothing.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana", sector="community"),
    ...                   Person(id="p-ben", name="Ben", sector="industry")),
    ...           sessions=(Session(id="s-1", name="Workshop"),),
    ...           participations=(
    ...               Participation(id="pa-1", session="s-1", person="p-ana",
    ...                             role="facilitator", hours=Decimal("2")),
    ...               Participation(id="pa-2", session="s-1", person="p-ben", hours=Decimal("2"))))
    >>> ContributionWeighted().allocate(hub, Decimal("100"), currency="GBP").shares
    {'p-ana': Decimal('60.00'), 'p-ben': Decimal('40.00')}
    >>> InvolvementPayment(default_rate=Decimal("25")).allocate(hub, currency="GBP").shares
    {'p-ana': Decimal('50.00')}
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

import attrs

from coinnovation.errors import UnknownReferenceError
from coinnovation.models import (
    Agreement,
    ContributionKind,
    CostKind,
    Hub,
    Organisation,
    Participation,
    ParticipationRole,
    Person,
    Sector,
)
from coinnovation.models._base import minor_unit
from coinnovation.sharing.rounding import (
    Amount,
    _terminating,
    _to_decimal,
    format_money,
    format_percent,
    split,
    to_money,
)
from coinnovation.sharing.rules import Allocation

__all__ = [
    "DEFAULT_CONTRIBUTION_POINTS",
    "DEFAULT_ROLE_MULTIPLIERS",
    "ContributionBreakdown",
    "ContributionWeighted",
    "Expense",
    "ExpenseKind",
    "InvolvementPayment",
    "OutOfPocketCheck",
    "OwedPayment",
    "agreement_out_of_pocket",
    "check_out_of_pocket",
    "out_of_pocket",
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

#: How many ids a note lists before it summarises the rest.
_NOTE_LIMIT = 10
_HOUR = timedelta(hours=1)
_PREPARATION = "preparation"

Nested = Literal["innermost", "sum"]
Level = Literal["person", "organisation"]


# -- small helpers ---------------------------------------------------------------------------


def _exact(value: object, what: str) -> Fraction:
    """A non-negative exact number from an int, Decimal, Fraction, str or float."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a number, not {value!r}")
    try:
        if isinstance(value, float | str):
            number = Fraction(Decimal(repr(value) if isinstance(value, float) else value))
        elif isinstance(value, int | Decimal | Fraction):
            number = Fraction(value)
        else:
            raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    except (InvalidOperation, ValueError, OverflowError):
        raise ValueError(f"{what} must be a finite number, not {value!r}") from None
    if number < 0:
        raise ValueError(f"{what} must not be negative, not {value}")
    return number


def _show(value: Fraction) -> str:
    """A number for people: a decimal when it has one, else ``p/q``."""
    exact = _terminating(value)
    return str(exact) if exact is not None else f"{value.numerator}/{value.denominator}"


def _listed(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:_NOTE_LIMIT])
    more = len(ids) - _NOTE_LIMIT
    return f"{shown} and {more} more" if more > 0 else shown


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


def _ids(values: Iterable[str] | str | None, what: str) -> tuple[str, ...] | None:
    if values is None:
        return None
    listed = (values,) if isinstance(values, str) else tuple(values)
    if not listed:
        raise ValueError(f"{what}: give at least one id, or None for no restriction")
    if len(set(listed)) != len(listed):
        raise ValueError(f"{what}: each id must be listed once")
    return listed


def _session_ids(values: Iterable[str] | str | None) -> tuple[str, ...] | None:
    return _ids(values, "sessions")


def _people_ids(values: Iterable[str] | str | None) -> tuple[str, ...] | None:
    return _ids(values, "people")


def _hourly(value: object) -> Fraction:
    return _exact(value, "hour_weight")


def _money(value: object, what: str) -> Decimal:
    """A rate, an expense or hours: an exact decimal, 0 or more (the one money reader)."""
    return _to_decimal(value, name=what, negative=False)


def _in_order(rule: ContributionWeighted | InvolvementPayment) -> None:
    if rule.since is not None and rule.until is not None and rule.until < rule.since:
        raise ValueError(f"until {rule.until} is before since {rule.since}")


def _duration(hub: Hub, session: str) -> Fraction | None:
    found = hub.session(session)
    if found.start is None or found.end is None:
        return None
    return _hours_between(found.end - found.start)


def _hours_between(span: timedelta) -> Fraction:
    return Fraction(span // timedelta(microseconds=1), _HOUR // timedelta(microseconds=1))


def _allocation(
    rule: str,
    amount: Decimal,
    currency: str,
    shares: Mapping[str, Decimal],
    weights: Mapping[str, Fraction],
    basis: str,
    inputs: Mapping[str, Any],
    notes: Sequence[str],
    weight_currency: str | None = None,
) -> Allocation:
    # Weights are shown as decimals when every one has an exact decimal form (hours and
    # multipliers usually do), else as fractions; both are exact.
    # Allocation's converters take Mapping[Hashable, ...] (invariant in the key) and any
    # iterable of notes; the values here are of those types.
    decimals = {party: _terminating(weight) for party, weight in weights.items()}
    readable: Mapping[str, Fraction | Decimal | None] = (
        decimals if all(value is not None for value in decimals.values()) else weights
    )
    fields: dict[str, Any] = {
        "shares": dict(shares),
        "weights": dict(readable),
        "basis": basis,
        "inputs": dict(inputs),
        "notes": tuple(notes),
        "weight_currency": weight_currency,
    }
    return Allocation(rule, amount, currency, **fields)


# -- reading the record ----------------------------------------------------------------------


@attrs.frozen
class _Record:
    """What both rules read from a hub: days, hours, nesting and organisations.

    Attributes:
        hub: The hub.
        day: Each session's day (:meth:`Hub.session_days <coinnovation.models.Hub.session_days>`).
        base: Each participation's hours before nesting (``None`` when unknown).
        source: Where they came from: ``"recorded"``, ``"times"`` or ``"unknown"``.
        hours: Each participation's hours as counted (nesting applied, unknown as 0).
        enclosing: Each participation's nearest enclosing participation of the same
            stakeholder, if any.
        overflow: Participations whose sub-session hours exceed their own.
        onbehalf: ``(person, session) -> organisation`` from participations.
    """

    hub: Hub
    day: dict[str, date | None]
    base: dict[str, Fraction | None]
    source: dict[str, str]
    hours: dict[str, Fraction]
    enclosing: dict[str, str | None]
    overflow: tuple[tuple[str, Fraction, Fraction], ...]
    onbehalf: dict[tuple[str, str], str]

    def ancestors(self, session: str) -> Iterable[str]:
        """The sessions above ``session``, nearest first."""
        return (above.id for above in self.hub.ancestors(session))

    def organisation_for(self, person: str, session: str, given: str | None) -> str | None:
        """On whose behalf a person's record at a session counts.

        ``given`` (the participation's own organisation) first; then the organisation
        of the person's participation at the session or its nearest ancestor that names
        one; then their primary organisation on the session's day.
        """
        if given is not None:
            return given
        for place in (session, *self.ancestors(session)):
            found = self.onbehalf.get((person, place))
            if found is not None:
                return found
        primary = self.hub.primary_organisation(person, on=self.day.get(session))
        return primary.id if primary is not None else None


def _read(hub: Hub, *, hours_from_session: bool, nested: Nested) -> _Record:
    day = hub.session_days()

    base: dict[str, Fraction | None] = {}
    source: dict[str, str] = {}
    for pa in hub.participations:
        if pa.hours is not None:
            base[pa.id], source[pa.id] = Fraction(pa.hours), "recorded"
            continue
        span = _duration(hub, pa.session) if hours_from_session else None
        base[pa.id], source[pa.id] = span, "times" if span is not None else "unknown"

    at: dict[tuple[str, str], Participation] = {}
    onbehalf: dict[tuple[str, str], str] = {}
    for pa in hub.participations:
        at.setdefault((pa.stakeholder, pa.session), pa)
        if pa.person is not None and pa.organisation is not None:
            onbehalf.setdefault((pa.person, pa.session), pa.organisation)
    enclosing: dict[str, str | None] = {}
    for pa in hub.participations:
        enclosing[pa.id] = None
        for above in hub.ancestors(pa.session):
            outer = at.get((pa.stakeholder, above.id))
            if outer is not None:
                enclosing[pa.id] = outer.id
                break

    inner: dict[str, Fraction] = defaultdict(Fraction)
    if nested == "innermost":
        for pa in hub.participations:
            outer_id = enclosing[pa.id]
            if outer_id is not None:
                inner[outer_id] += base[pa.id] or Fraction(0)
    hours: dict[str, Fraction] = {}
    overflow: list[tuple[str, Fraction, Fraction]] = []
    for pa in hub.participations:
        own = base[pa.id]
        inside = inner.get(pa.id, Fraction(0))
        if own is None:
            hours[pa.id] = Fraction(0)
        elif inside > own:
            hours[pa.id] = Fraction(0)
            overflow.append((pa.id, own, inside))
        else:
            hours[pa.id] = own - inside
    return _Record(
        hub=hub,
        day=day,
        base=base,
        source=source,
        hours=hours,
        enclosing=enclosing,
        overflow=tuple(overflow),
        onbehalf=onbehalf,
    )


@attrs.frozen
class _Scope:
    """Which sessions and days count."""

    sessions: frozenset[str] | None
    since: date | None
    until: date | None

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def covers_session(self, session: str) -> bool:
        return self.sessions is None or session in self.sessions

    def covers_day(self, day: date | None) -> bool:
        if not self.dated:
            return True
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


def _scope(
    hub: Hub,
    *,
    sessions: tuple[str, ...] | None,
    subtree: bool,
    challenge: str | None,
    since: date | None,
    until: date | None,
) -> _Scope:
    allowed: set[str] | None = None
    if sessions is not None:
        allowed = set()
        for session in sessions:
            if subtree:
                allowed.update(s.id for s in hub.subsessions(session, include_self=True))
            else:
                allowed.add(hub.session(session).id)
    if challenge is not None:
        hub.challenge(challenge)
        about: set[str] = set()
        for tagged in hub.sessions:
            if challenge in tagged.challenges:
                about.update(s.id for s in hub.subsessions(tagged.id, include_self=True))
        allowed = about if allowed is None else allowed & about
    return _Scope(frozenset(allowed) if allowed is not None else None, since, until)


def _parties(hub: Hub, parties: Iterable[str] | Agreement) -> list[str]:
    listed = list(parties.party_ids if isinstance(parties, Agreement) else parties)
    if isinstance(parties, str):
        listed = [parties]
    if not listed:
        raise ValueError("no parties to weigh")
    seen: set[str] = set()
    for party in listed:
        if party in seen:
            raise ValueError(f"party {party!r} is listed twice")
        seen.add(party)
        try:
            record = hub.get(party)
        except UnknownReferenceError:
            record = None
        if not isinstance(record, Person | Organisation):
            raise UnknownReferenceError("person or organisation", party)
    return listed


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


@attrs.frozen(kw_only=True)
class ContributionWeighted:
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

    **Nested sessions.** With ``nested="innermost"`` (the default), hours recorded at a
    session are taken to include the hours the same stakeholder recorded at sessions
    inside it (a day's 6.5 hours include the 1.25 hours at a table), so each hour counts
    once, under the most specific session and its role: the enclosing participation
    counts only its hours minus those of the nearest participations of the same
    stakeholder beneath it (never below 0; the notes name any record where the inner
    hours exceed the outer). With ``nested="sum"`` every participation counts in full.
    Nesting is worked out on the whole record, before the scope below is applied.

    **Scope.** ``sessions`` keeps sessions with those ids (and, with ``subtree``, every
    session beneath them); ``challenge`` keeps sessions whose ``challenges`` include it
    and every session beneath those; ``since`` and ``until`` keep sessions whose day
    (the start date, else the nearest dated ancestor's) falls in the range, inclusive
    (undated sessions are then left out, and the notes say how many records that drops).
    All restrictions given must hold. A contribution counts when its session is in scope
    and, with ``challenge``, its own ``challenge`` is that challenge or unset; with a
    date range, its day is its ``created`` date, else its session's.

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
        sessions: Session ids to keep (``None``: every session).
        subtree: Keep the sessions beneath ``sessions`` too.
        challenge: A challenge id: keep only sessions about it (and beneath them).
        since: First day kept (inclusive).
        until: Last day kept (inclusive).
        hours_from_session: Use the session's length when a participation has no hours.
        nested: ``"innermost"`` (each hour once) or ``"sum"`` (every record in full).
        level: Who the parties are when none are given: ``"person"`` or
            ``"organisation"``.

    Raises:
        ValueError: A negative multiplier or point, an unknown role or kind, an empty
            ``sessions``, or ``until`` before ``since``.

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
    """

    hour_weight: Fraction = attrs.field(default=Fraction(1), converter=_hourly)
    role_multipliers: dict[ParticipationRole, Fraction] = attrs.field(
        default=None, converter=_role_table
    )
    contribution_points: dict[ContributionKind, Fraction] = attrs.field(
        default=None, converter=_points_table
    )
    sessions: tuple[str, ...] | None = attrs.field(default=None, converter=_session_ids)
    subtree: bool = True
    challenge: str | None = None
    since: date | None = None
    until: date | None = None
    hours_from_session: bool = True
    nested: Nested = attrs.field(
        default="innermost", validator=attrs.validators.in_(("innermost", "sum"))
    )
    level: Level = attrs.field(
        default="person", validator=attrs.validators.in_(("person", "organisation"))
    )

    def __attrs_post_init__(self) -> None:
        _in_order(self)

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
            "sessions": list(self.sessions) if self.sessions is not None else None,
            "subtree": self.subtree,
            "challenge": self.challenge,
            "since": self.since.isoformat() if self.since is not None else None,
            "until": self.until.isoformat() if self.until is not None else None,
            "hours_from_session": self.hours_from_session,
            "nested": self.nested,
            "level": self.level,
        }

    def _tally(
        self, hub: Hub, parties: Iterable[str] | Agreement | None
    ) -> tuple[dict[str, ContributionBreakdown], list[str]]:
        record = _read(hub, hours_from_session=self.hours_from_session, nested=self.nested)
        scope = _scope(
            hub,
            sessions=self.sessions,
            subtree=self.subtree,
            challenge=self.challenge,
            since=self.since,
            until=self.until,
        )
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
            if not scope.covers_day(record.day[pa.session]):
                if record.day[pa.session] is None:
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
            day = co.created.date() if co.created is not None else record.day[co.session]
            if not scope.covers_day(day):
                if day is None:
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
        if self.nested == "innermost":
            outer = sorted({o for pa, o in record.enclosing.items() if o and o in counted})
            if outer:
                notes.append(
                    f"{len(outer)} participation(s) enclose sub-session participations of the "
                    "same stakeholder: only their hours outside those count (nested='innermost')"
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


@attrs.frozen(kw_only=True)
class InvolvementPayment:
    """Pay community members for their time and reimburse their expenses in full.

    Health research funders recommend paying members of the public who help shape
    research for their time, at hourly or per-activity rates, and reimbursing what taking
    part costs them — travel, care for children or other dependants, data — so that
    nobody is out of pocket (NIHR 2022). This rule applies that to the session record.

    Formula: person i is owed

        e_i = Σ_{participations p of i} (h_p · rate(role_p) + t(role_p) · rate_prep(role_p))
              + top-ups + Σ_{expenses x of i} amount_x

    where h_p is the participation's hours (recorded; else the session's length when
    ``hours_from_session``; else 0 — nested hours counted once, as in
    :class:`ContributionWeighted`), rate(role) is ``rates[role]`` or ``default_rate``,
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
        sessions: Session ids to pay for (``None``: every session).
        subtree: Pay for the sessions beneath ``sessions`` too.
        since: First day paid for (inclusive).
        until: Last day paid for (inclusive).
        hours_from_session: Pay for the session's length when no hours are recorded.
        nested: ``"innermost"`` (each hour once) or ``"sum"`` (every record in full).

    Raises:
        ValueError: A negative or inexact rate, an unknown role, an empty ``sessions``
            or ``people``, or ``until`` before ``since``.

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
    """

    default_rate: Decimal = attrs.field(converter=_default_rate)
    rates: dict[str, Decimal] = attrs.field(default=None, converter=_rate_table)
    preparation: dict[ParticipationRole, Decimal] = attrs.field(
        default=None, converter=_preparation_table
    )
    expenses: tuple[Expense, ...] = attrs.field(default=(), converter=_expenses)
    people: tuple[str, ...] | None = attrs.field(default=None, converter=_people_ids)
    minimum_per_session: Decimal | None = attrs.field(default=None, converter=_minimum)
    sessions: tuple[str, ...] | None = attrs.field(default=None, converter=_session_ids)
    subtree: bool = True
    since: date | None = None
    until: date | None = None
    hours_from_session: bool = True
    nested: Nested = attrs.field(
        default="innermost", validator=attrs.validators.in_(("innermost", "sum"))
    )

    def __attrs_post_init__(self) -> None:
        _in_order(self)

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
            "sessions": list(self.sessions) if self.sessions is not None else None,
            "subtree": self.subtree,
            "since": self.since.isoformat() if self.since is not None else None,
            "until": self.until.isoformat() if self.until is not None else None,
            "hours_from_session": self.hours_from_session,
            "nested": self.nested,
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
        record = _read(hub, hours_from_session=self.hours_from_session, nested=self.nested)
        scope = _scope(
            hub,
            sessions=self.sessions,
            subtree=self.subtree,
            challenge=None,
            since=self.since,
            until=self.until,
        )
        in_scope = [
            pa
            for pa in hub.participations
            if scope.covers_session(pa.session) and scope.covers_day(record.day[pa.session])
        ]
        undated = [
            pa.id
            for pa in hub.participations
            if scope.dated and scope.covers_session(pa.session) and record.day[pa.session] is None
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
        if self.nested == "innermost":
            outer = sorted({o for o in record.enclosing.values() if o in kept})
            if outer:
                notes.append(
                    f"{len(outer)} participation(s) enclose sub-session participations of the "
                    "same person: only their hours outside those are paid (nested='innermost')"
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
            and not (scope.covers_session(x.session) and scope.covers_day(record.day[x.session]))
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


# -- out of pocket ---------------------------------------------------------------------------


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

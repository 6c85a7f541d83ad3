"""Reading the session record, for the sharing rules that weigh or pay by it.

Two rules take their inputs from a :class:`~coinnovation.models.Hub` instead of from
weights typed in by hand:

- :class:`~coinnovation.sharing.contribution.ContributionWeighted` shares an amount in
  proportion to what each party put into the sessions on record: hours given (weighted by
  the role played) plus points for each contribution made (ideas, evidence, solutions ...).
- :class:`~coinnovation.sharing.involvement.InvolvementPayment` works out what community
  members are owed for their time (hours × an hourly rate per activity) and their
  expenses (reimbursed in full), as health research funders recommend for public
  involvement (NIHR 2022); :mod:`coinnovation.sharing.pocket` checks that nobody is left
  out of pocket.

Both read the record the same way, here: each participation's hours (recorded, else the
session's length), each hour counted once when sessions nest (:data:`HourCounting`; see
*Nested sessions* in :class:`~coinnovation.sharing.contribution.ContributionWeighted`), on
whose behalf a record counts, and which records the rule's
:class:`~coinnovation.models.Scope` keeps (one scope field, shared by both rules). Both
return an :class:`~coinnovation.sharing.Allocation` whose shares add up exactly to the
amount, and say in its ``notes`` whatever they had to estimate, leave out or count as
nothing. Their names are importable from here as before, and from
:mod:`coinnovation.sharing`.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> from coinnovation.sharing import ContributionWeighted, InvolvementPayment
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

import importlib
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs

from coinnovation.errors import UnknownReferenceError
from coinnovation.models import (
    Agreement,
    Hub,
    Organisation,
    Participation,
    Person,
)
from coinnovation.models.scope import Moment, Scope
from coinnovation.models.vocabularies import SessionKind
from coinnovation.sharing.rounding import _terminating, _to_decimal
from coinnovation.sharing.rules import Allocation

if TYPE_CHECKING:  # at run time, from __getattr__ below (they import this module)
    from coinnovation.sharing.contribution import (
        DEFAULT_CONTRIBUTION_POINTS,
        DEFAULT_ROLE_MULTIPLIERS,
        ContributionBreakdown,
        ContributionWeighted,
    )
    from coinnovation.sharing.involvement import (
        Expense,
        ExpenseKind,
        InvolvementPayment,
        OwedPayment,
    )
    from coinnovation.sharing.pocket import (
        OutOfPocketCheck,
        agreement_out_of_pocket,
        check_out_of_pocket,
        out_of_pocket,
    )

__all__ = [
    "DEFAULT_CONTRIBUTION_POINTS",
    "DEFAULT_ROLE_MULTIPLIERS",
    "ContributionBreakdown",
    "ContributionWeighted",
    "Expense",
    "ExpenseKind",
    "HourCounting",
    "InvolvementPayment",
    "OutOfPocketCheck",
    "OwedPayment",
    "PartyLevel",
    "agreement_out_of_pocket",
    "check_out_of_pocket",
    "out_of_pocket",
]

#: How the hours of nested sessions count: ``"innermost"`` — the hours recorded at a
#: session include those the same stakeholder recorded at the sessions inside it, so each
#: hour counts once, under the most specific session — or ``"sum"`` (every record in full).
HourCounting = Literal["innermost", "sum"]

#: Who the parties of a rule that reads the record can be: people or organisations
#: (narrower than the network's :data:`~coinnovation.network.build.Level`).
PartyLevel = Literal["person", "organisation"]

#: Where the names that moved out of this module live now (importable from here still).
_MOVED = {
    "DEFAULT_CONTRIBUTION_POINTS": "coinnovation.sharing.contribution",
    "DEFAULT_ROLE_MULTIPLIERS": "coinnovation.sharing.contribution",
    "ContributionBreakdown": "coinnovation.sharing.contribution",
    "ContributionWeighted": "coinnovation.sharing.contribution",
    "Expense": "coinnovation.sharing.involvement",
    "ExpenseKind": "coinnovation.sharing.involvement",
    "InvolvementPayment": "coinnovation.sharing.involvement",
    "OwedPayment": "coinnovation.sharing.involvement",
    "OutOfPocketCheck": "coinnovation.sharing.pocket",
    "agreement_out_of_pocket": "coinnovation.sharing.pocket",
    "check_out_of_pocket": "coinnovation.sharing.pocket",
    "out_of_pocket": "coinnovation.sharing.pocket",
}

#: Old names of the two option types, kept with a warning.
_RENAMED = {"Nested": "HourCounting", "Level": "PartyLevel"}


def __getattr__(name: str) -> Any:
    """The rules and checks that moved to their own modules, and the renamed types."""
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(
            f"coinnovation.sharing.record.{name} is deprecated: use {new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    home = _MOVED.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


#: How many ids a note lists before it summarises the rest.
_NOTE_LIMIT = 10
_HOUR = timedelta(hours=1)


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


def _money(value: object, what: str) -> Decimal:
    """A rate, an expense or hours: an exact decimal, 0 or more (the one money reader)."""
    return _to_decimal(value, name=what, negative=False)


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


def _read(hub: Hub, *, hours_from_session: bool, hours: HourCounting) -> _Record:
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
    if hours == "innermost":
        for pa in hub.participations:
            outer_id = enclosing[pa.id]
            if outer_id is not None:
                inner[outer_id] += base[pa.id] or Fraction(0)
    counted: dict[str, Fraction] = {}
    overflow: list[tuple[str, Fraction, Fraction]] = []
    for pa in hub.participations:
        own = base[pa.id]
        inside = inner.get(pa.id, Fraction(0))
        if own is None:
            counted[pa.id] = Fraction(0)
        elif inside > own:
            counted[pa.id] = Fraction(0)
            overflow.append((pa.id, own, inside))
        else:
            counted[pa.id] = own - inside
    return _Record(
        hub=hub,
        day=day,
        base=base,
        source=source,
        hours=counted,
        enclosing=enclosing,
        overflow=tuple(overflow),
        onbehalf=onbehalf,
    )


# -- the scope: which records count ------------------------------------------------------------


def _hour_counting(hours: object, nested: object) -> HourCounting:
    """The ``hours=`` option, or its old name ``nested=`` (with a warning)."""
    if nested is not None:
        if hours is not None:
            raise TypeError("give hours= or nested= (its old name), not both")
        if nested not in ("innermost", "sum"):
            raise ValueError(f"nested must be 'innermost' or 'sum', not {nested!r}")
        warnings.warn(
            "nested= is deprecated for the sharing rules: use hours= (the same values, "
            "'innermost' or 'sum'); nested= now names the scope's own/subtree choice",
            DeprecationWarning,
            stacklevel=3,
        )
        hours = nested
    if hours is None:
        return "innermost"
    if hours not in ("innermost", "sum"):
        raise ValueError(f"hours must be 'innermost' or 'sum', not {hours!r}")
    return "sum" if hours == "sum" else "innermost"


def _rule_scope(
    scope: Scope | None,
    *,
    sessions: Iterable[str] | str | None,
    subtree: bool | None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None,
    challenge: str | None,
    since: Moment | None,
    until: Moment | None,
) -> Scope:
    """A rule's scope: ``scope=``, or one built from the rule's shorthand keywords.

    The shorthands read as they always have: ``sessions`` one id or several, each once;
    ``subtree`` (default ``True``) keeps the sessions beneath them too.
    """
    if scope is not None and subtree is not None:
        raise TypeError("give scope= or subtree=, not both")
    nested: Literal["own", "subtree"] | None = None  # Scope.nested (this module's
    # old Nested is HourCounting)
    if scope is None:
        nested = "own" if subtree is False else "subtree"
    return Scope.from_options(
        scope,
        sessions=_session_ids(sessions),
        kind=kind,
        challenge=challenge,
        since=since,
        until=until,
        nested=nested,
    )


@attrs.frozen(kw_only=True)
class _Scoped:
    """The one scope field of the rules that read the record, and its shorthands as views.

    A rule keeps records at the sessions its :class:`~coinnovation.models.Scope` keeps,
    read as the sharing rules always have: a record counts when its session is one of
    ``sessions`` (or, with ``subtree``, beneath one) of the ``kinds`` given; with a
    ``challenge``, when its session or a session above it names the challenge; and with a
    window, when its own day (or moment) is in it — a contribution's ``created`` time,
    else its session's start (its own, else its nearest dated ancestor's).
    """

    scope: Scope

    @property
    def sessions(self) -> tuple[str, ...] | None:
        """The session ids kept (``None``: every session): ``scope.sessions``."""
        return self.scope.sessions

    @property
    def subtree(self) -> bool:
        """Whether the sessions beneath ``sessions`` are kept too: ``scope.nested``."""
        return self.scope.nested == "subtree"

    @property
    def kinds(self) -> tuple[SessionKind, ...] | None:
        """The session kinds kept (``None``: every kind): ``scope.kinds``."""
        return self.scope.kinds

    @property
    def challenge(self) -> str | None:
        """The challenge whose sessions are kept, if any: ``scope.challenge``."""
        return self.scope.challenge

    @property
    def since(self) -> Moment | None:
        """The first day (or moment) kept, inclusive: ``scope.since``."""
        return self.scope.since

    @property
    def until(self) -> Moment | None:
        """The last day (or moment) kept, inclusive: ``scope.until``."""
        return self.scope.until

    def _scope_settings(self) -> dict[str, Any]:
        """The scope in a rule's configuration (the keys it has always had, and kinds)."""
        settings = self.scope.to_dict()
        return {
            "sessions": settings["sessions"],
            "subtree": self.subtree,
            "kinds": settings["kinds"],
            "challenge": settings["challenge"],
            "since": settings["since"],
            "until": settings["until"],
        }


@attrs.frozen
class _Covered:
    """What a rule's scope keeps of a hub's record.

    Attributes:
        scope: The rule's scope.
        sessions: The ids of the sessions whose records count (before the window).
        start_of: Each session's start, else its nearest dated ancestor's.
    """

    scope: Scope
    sessions: frozenset[str]
    start_of: Mapping[str, datetime | None]

    @property
    def dated(self) -> bool:
        return self.scope.has_window

    def covers_session(self, session: str) -> bool:
        return session in self.sessions

    def covers(self, moment: Moment | None) -> bool:
        return self.scope.covers(moment)

    def moment_of(self, session: str) -> datetime | None:
        return self.start_of[session]


def _covered(hub: Hub, scope: Scope) -> _Covered:
    """The sessions ``scope`` keeps, as :meth:`Hub.select` chooses them.

    The sessions, kinds and own/subtree choice make one selection; a challenge keeps the
    sessions that name it and those beneath them (a second selection, ``"subtree"``). The
    window is left to the rules, which apply it to each record's own moment.
    """
    selection = hub.select(attrs.evolve(scope, challenge=None, since=None, until=None))
    kept = {session for session, counted in selection.counts_for.items() if counted}
    if scope.challenge is not None:
        about = hub.select(Scope(challenge=scope.challenge, nested="subtree"))
        kept &= {session for session, counted in about.counts_for.items() if counted}
    return _Covered(scope, frozenset(kept), selection.start_of)


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

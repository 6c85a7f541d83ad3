"""Which sessions count: one description (:class:`Scope`) and what a hub makes of it.

Graph building, snapshots over time and the sharing rules work on some of a hub's
sessions. They describe which ones with a :class:`Scope` — session ids, session kinds, a
challenge, a window of dates or aware datetimes, and whether a session counts only the
participations recorded at it (``nested="own"``) or also those of the sessions within it
(``"subtree"``) — and ask the hub for the :class:`Selection` it gives, with
:meth:`Hub.select <coinnovation.models.Hub.select>`: the one function that chooses
sessions.

A session is chosen when it meets every restriction given:

- ``sessions``: its id is listed;
- ``kinds``: its kind is one of them;
- ``challenge``: the challenge is among its challenges, its own or, when it names none,
  those of its nearest ancestor that does (:meth:`Hub.session_context
  <coinnovation.models.Hub.session_context>`);
- ``since`` / ``until`` (both inclusive): its start — its own, else its nearest dated
  ancestor's — falls in the window. A date compares with that start's calendar day as
  recorded (in its own time zone); an aware datetime with the start itself. With a window,
  sessions with no start of their own or of an ancestor are left out, and the selection
  lists them.

Examples:
    >>> from datetime import date, datetime, timezone
    >>> from coinnovation.models import Hub, Session
    >>> hub = Hub(sessions=(
    ...     Session(id="day", name="Day", kind="event",
    ...             start=datetime(2023, 6, 22, 9, tzinfo=timezone.utc)),
    ...     Session(id="t1", name="Table 1", kind="table", parent="day"),
    ...     Session(id="x", name="Undated")))
    >>> selection = hub.select(Scope(since=date(2023, 6, 1)))
    >>> selection.ids, selection.undated_excluded
    (('day', 't1'), ('x',))
    >>> hub.select(Scope(kinds=["table"], since=date(2023, 6, 1))).ids
    ('t1',)
    >>> hub.select(Scope(kinds=["table"], nested="subtree")).counts_for["t1"]
    ('t1',)
    >>> hub.select(Scope(kinds=["event"], nested="subtree")).counts_for["t1"]
    ('day',)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Literal

import attrs

from coinnovation.models.sessions import Session
from coinnovation.models.vocabularies import SessionKind, session_kinds

__all__ = ["Moment", "Nested", "Scope", "Selection"]

#: A point in time a window is given in: a calendar day, or a timezone-aware datetime.
Moment = date | datetime

#: Which participations a session counts: those recorded at it (``"own"``), or also those
#: recorded at the sessions within it (``"subtree"``).
Nested = Literal["own", "subtree"]

_NESTED = ("own", "subtree")


# -- reading the options ---------------------------------------------------------------------


def _session_ids(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise TypeError("sessions must be a collection of session ids, not one id")
    listed = tuple(value)
    for item in listed:
        if not isinstance(item, str):
            raise TypeError(f"sessions must hold session ids (text), not {item!r}")
    return tuple(dict.fromkeys(listed))


def _kinds(
    value: SessionKind | str | Iterable[SessionKind | str] | None,
) -> tuple[SessionKind, ...] | None:
    if value is None:
        return None
    return tuple(SessionKind(kind) for kind in session_kinds(value))


def _moment(value: object, name: str) -> Moment | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be a date or a timezone-aware datetime")
        return value
    if isinstance(value, date):
        return value
    raise TypeError(f"{name} must be a date or a timezone-aware datetime, not {value!r}")


def _since(value: Moment | None) -> Moment | None:
    return _moment(value, "since")


def _until(value: Moment | None) -> Moment | None:
    return _moment(value, "until")


def _nested(_: object, __: attrs.Attribute[Any], value: str) -> None:
    if value not in _NESTED:
        raise ValueError(f"nested must be 'own' or 'subtree', not {value!r}")


def _challenge(_: object, __: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"challenge must be a challenge id (text), not {value!r}")


def _day(value: Moment) -> date:
    return value.date() if isinstance(value, datetime) else value


def _iso(value: Moment | None) -> str | None:
    return None if value is None else value.isoformat()


# -- the scope -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Scope:
    """Which sessions count: an options object every function that chooses sessions takes.

    Every restriction is optional; the default scope keeps every session. A session is
    chosen when it meets all the restrictions given (see the module's description);
    :meth:`Hub.select <coinnovation.models.Hub.select>` chooses them.

    Attributes:
        sessions: Session ids (each kept once, in order); ``None`` for every session. An
            empty collection chooses none. Ids are checked against the hub when selecting.
        kinds: Session kinds (values of :class:`~coinnovation.models.SessionKind`, as
            kinds or their names); ``None`` for every kind.
        challenge: A challenge id: the sessions about it, including those inheriting it
            from an ancestor (:meth:`Hub.session_context
            <coinnovation.models.Hub.session_context>`); ``None`` for any.
        since: The first day (a date) or moment (an aware datetime) of the window,
            inclusive; ``None`` for no lower bound.
        until: The last day or moment of the window, inclusive; ``None`` for no upper
            bound.
        nested: ``"own"``: a session counts the participations recorded at it;
            ``"subtree"``: also those recorded at the sessions within it.

    Raises:
        TypeError: ``sessions`` given as one id instead of a collection, or a window end
            that is neither a date nor a datetime.
        ValueError: An unknown session kind or ``nested``, a naive datetime, or ``until``
            before ``since``.

    Examples:
        >>> from datetime import date
        >>> Scope(kinds="table", since=date(2023, 6, 1))
        Scope(kinds=('table',), since=datetime.date(2023, 6, 1))
        >>> Scope(since=date(2023, 7, 1), until=date(2023, 6, 1))
        Traceback (most recent call last):
        ...
        ValueError: until 2023-06-01 is before since 2023-07-01
    """

    sessions: tuple[str, ...] | None = attrs.field(default=None, converter=_session_ids)
    kinds: tuple[SessionKind, ...] | None = attrs.field(default=None, converter=_kinds)
    challenge: str | None = attrs.field(default=None, validator=_challenge)
    since: Moment | None = attrs.field(default=None, converter=_since)
    until: Moment | None = attrs.field(default=None, converter=_until)
    nested: Nested = attrs.field(default="own", validator=_nested)

    def __attrs_post_init__(self) -> None:
        since, until = self.since, self.until
        if since is None or until is None:
            return
        if isinstance(since, datetime) and isinstance(until, datetime):
            backwards = until < since
        else:
            backwards = _day(until) < _day(since)
        if backwards:
            raise ValueError(f"until {until} is before since {since}")

    def __repr__(self) -> str:
        shown: list[str] = []
        for field in attrs.fields(Scope):
            value = getattr(self, field.name)
            if value == field.default:
                continue
            if field.name == "kinds" and value is not None:
                value = tuple(kind.value for kind in value)
            shown.append(f"{field.name}={value!r}")
        return f"Scope({', '.join(shown)})"

    @classmethod
    def from_options(
        cls,
        scope: Scope | None = None,
        *,
        sessions: Iterable[str] | None = None,
        kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
        challenge: str | None = None,
        since: Moment | None = None,
        until: Moment | None = None,
        nested: Nested | None = None,
    ) -> Scope:
        """The scope a function was given: ``scope=`` itself, or one built from shorthands.

        Functions that choose sessions take ``scope=`` and, as shorthands, the keywords
        ``sessions=``, ``kind=``, ``since=``, ``until=``, ``nested=`` (and some
        ``challenge=``); this reads them the same way everywhere. ``None`` means a
        shorthand was not given.

        Args:
            scope: The scope given, if any.
            sessions: Shorthand for ``Scope(sessions=...)``.
            kind: Shorthand for ``Scope(kinds=...)``: one kind or several.
            challenge: Shorthand for ``Scope(challenge=...)``.
            since: Shorthand for ``Scope(since=...)``.
            until: Shorthand for ``Scope(until=...)``.
            nested: Shorthand for ``Scope(nested=...)``.

        Returns:
            ``scope`` when given; else a scope of the shorthands (the default scope when
            none is given).

        Raises:
            TypeError: ``scope`` and a shorthand both given (naming both), or ``scope``
                is not a :class:`Scope`.
            ValueError: As :class:`Scope` does, for the shorthands' values.

        Examples:
            >>> Scope.from_options(None, kind="table", nested="subtree")
            Scope(kinds=('table',), nested='subtree')
            >>> Scope.from_options(Scope(kinds=["event"]), since=None)
            Scope(kinds=('event',))
            >>> Scope.from_options(Scope(), kind="table")
            Traceback (most recent call last):
            ...
            TypeError: give scope= or kind=, not both
        """
        shorthands: dict[str, Any] = {
            "sessions": sessions,
            "kind": kind,
            "challenge": challenge,
            "since": since,
            "until": until,
            "nested": nested,
        }
        given = {name: value for name, value in shorthands.items() if value is not None}
        if scope is not None:
            if not isinstance(scope, Scope):
                raise TypeError(f"scope must be a Scope, not {type(scope).__name__}")
            if given:
                names = " or ".join(f"{name}=" for name in given)
                raise TypeError(f"give scope= or {names}, not both")
            return scope
        if "kind" in given:
            given["kinds"] = given.pop("kind")
        return cls(**given)

    @property
    def has_window(self) -> bool:
        """Whether a window (``since`` or ``until``) is given.

        Examples:
            >>> from datetime import date
            >>> Scope().has_window, Scope(until=date(2023, 6, 30)).has_window
            (False, True)
        """
        return self.since is not None or self.until is not None

    def covers(self, moment: Moment | None) -> bool:
        """Whether a moment falls in the window (both ends inclusive).

        A date end compares with the moment's calendar day as recorded (in its own time
        zone), a datetime end with the moment itself. With no window every moment is
        covered, ``None`` included; with one, ``None`` (nothing known) is not.

        Args:
            moment: A session's start, a record's date or time, or ``None``.

        Returns:
            ``True`` when the moment is in the window.

        Examples:
            >>> from datetime import date, datetime, timedelta, timezone
            >>> june = Scope(since=date(2023, 6, 1), until=date(2023, 6, 30))
            >>> late = datetime(2023, 6, 30, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
            >>> june.covers(late), june.covers(date(2023, 7, 1)), june.covers(None)
            (True, False, False)
            >>> Scope(since=late).covers(late + timedelta(minutes=1))
            True
        """
        if not self.has_window:
            return True
        if moment is None:
            return False
        since, until = self.since, self.until
        if since is not None:
            if isinstance(since, datetime) and isinstance(moment, datetime):
                if moment < since:
                    return False
            elif _day(moment) < _day(since):
                return False
        if until is not None:
            if isinstance(until, datetime) and isinstance(moment, datetime):
                if moment > until:
                    return False
            elif _day(moment) > _day(until):
                return False
        return True

    def describe(self) -> str:
        """The sessions the scope chooses, in words, for the text of an output.

        Outputs that say how they were made (a report's network caption, a heart report's
        options) use this one phrase.

        Examples:
            >>> from datetime import date
            >>> Scope().describe(), Scope(kinds=["table", "workshop"]).describe()
            ('all sessions', 'sessions of kind table, workshop')
            >>> Scope(sessions=["s-1"], challenge="ch-01", since=date(2023, 6, 1)).describe()
            'the 1 chosen session on challenge ch-01 from 2023-06-01'
            >>> Scope(until=date(2023, 6, 30), nested="subtree").describe()
            'sessions until 2023-06-30, each with the sessions within it'
        """
        words: list[str] = []
        if self.sessions is not None:
            count = len(self.sessions)
            words.append(f"the {count} chosen session{'' if count == 1 else 's'}")
        else:
            words.append("sessions")
        if self.kinds is not None:
            words.append("of kind " + ", ".join(kind.value for kind in self.kinds))
        if self.challenge is not None:
            words.append(f"on challenge {self.challenge}")
        if self.since is not None and self.until is not None:
            words.append(f"from {_iso(self.since)} to {_iso(self.until)}")
        elif self.since is not None:
            words.append(f"from {_iso(self.since)}")
        elif self.until is not None:
            words.append(f"until {_iso(self.until)}")
        text = "all sessions" if words == ["sessions"] else " ".join(words)
        if self.nested == "subtree":
            text += ", each with the sessions within it"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The scope as JSON-ready data: lists for ids and kinds, ISO text for the window.

        Examples:
            >>> from datetime import date
            >>> Scope(kinds="table", until=date(2023, 6, 30)).to_dict()
            {'sessions': None, 'kinds': ['table'], 'challenge': None, 'since': None, 'until': '2023-06-30', 'nested': 'own'}
        """
        return {
            "sessions": None if self.sessions is None else list(self.sessions),
            "kinds": None if self.kinds is None else [kind.value for kind in self.kinds],
            "challenge": self.challenge,
            "since": _iso(self.since),
            "until": _iso(self.until),
            "nested": self.nested,
        }


# -- the selection ---------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Selection:
    """The sessions a hub's :class:`Scope` chooses, and what every session counts for.

    Made by :meth:`Hub.select <coinnovation.models.Hub.select>`; read-only.

    Attributes:
        scope: The scope it was made from.
        sessions: The chosen sessions, in hub order.
        counts_for: For every session id of the hub, the ids of the chosen sessions its
            participations count for: itself if chosen (``nested="own"``); itself if
            chosen, then its chosen ancestors, nearest first (``"subtree"``). Empty for a
            session whose participations count for nothing.
        day_of: For every session id, its calendar day: that of its own start, else of
            its nearest dated ancestor's; ``None`` when neither it nor any ancestor has
            a start (:meth:`Hub.session_days <coinnovation.models.Hub.session_days>`).
        start_of: For every session id, its start, else its nearest dated ancestor's
            (the moment a window compares with); ``None`` when none is known.
        undated_excluded: Ids of the sessions left out because a window was given and
            no start is known for them (in hub order).

    Examples:
        >>> from coinnovation.models import Hub, Session
        >>> hub = Hub(sessions=(Session(id="day", name="Day"),
        ...                     Session(id="t1", name="Table", parent="day")))
        >>> selection = hub.select(Scope(sessions=["day"], nested="subtree"))
        >>> selection.ids, selection.counts_for
        (('day',), {'day': ('day',), 't1': ('day',)})
    """

    scope: Scope
    sessions: tuple[Session, ...]
    counts_for: Mapping[str, tuple[str, ...]]
    day_of: Mapping[str, date | None]
    start_of: Mapping[str, datetime | None]
    undated_excluded: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The chosen sessions' ids, in hub order.

        Examples:
            >>> from coinnovation.models import Hub, Session
            >>> Hub(sessions=(Session(id="s-1", name="One"),)).select().ids
            ('s-1',)
        """
        return tuple(session.id for session in self.sessions)


def _select(
    scope: Scope,
    sessions: Sequence[Session],
    lineage: Mapping[str, tuple[str, ...]],
    starts: Mapping[str, datetime | None],
    days: Mapping[str, date | None],
    challenges: Mapping[str, tuple[str, ...]] | None,
) -> Selection:
    """The selection of ``scope`` among ``sessions`` (ids already checked by the hub).

    ``lineage`` gives each session id with its ancestors' (itself first), ``starts`` and
    ``days`` each session's start and day (own or nearest dated ancestor's), and
    ``challenges`` each session's challenges as :meth:`Hub.session_context` gives them
    (needed only with ``scope.challenge``).
    """
    listed = None if scope.sessions is None else set(scope.sessions)
    kinds = None if scope.kinds is None else set(scope.kinds)
    challenge = scope.challenge
    windowed = scope.has_window
    chosen: list[Session] = []
    undated: list[str] = []
    for session in sessions:
        if listed is not None and session.id not in listed:
            continue
        if kinds is not None and session.kind not in kinds:
            continue
        if challenge is not None:
            assert challenges is not None
            if challenge not in challenges[session.id]:
                continue
        if windowed:
            moment = starts[session.id]
            if moment is None:
                undated.append(session.id)
                continue
            if not scope.covers(moment):
                continue
        chosen.append(session)
    counts_for: dict[str, tuple[str, ...]]
    if scope.nested == "subtree":
        ids = {session.id for session in chosen}
        counts_for = {
            s.id: tuple(above for above in lineage[s.id] if above in ids) for s in sessions
        }
    elif len(chosen) == len(sessions):
        counts_for = {session.id: (session.id,) for session in sessions}
    else:
        counts_for = dict.fromkeys((session.id for session in sessions), ())
        counts_for.update((session.id, (session.id,)) for session in chosen)
    return Selection(
        scope,
        tuple(chosen),
        counts_for,
        MappingProxyType(days),
        MappingProxyType(starts),
        tuple(undated),
    )

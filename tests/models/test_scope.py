"""One session scope: ``Hub.select`` against a brute-force selection, and its errors.

The brute force below walks parent links by hand for every session and restriction; it
shares nothing with ``Hub.select`` but the hub's records.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import UnknownReferenceError
from coinnovation.models import (
    Challenge,
    Hub,
    Moment,
    Scope,
    Selection,
    Session,
    SessionKind,
)
from coinnovation.testing.strategies import hubs

# -- brute force ------------------------------------------------------------------------------


def _up(hub: Hub, session: str) -> list[Session]:
    """The session and the sessions above it, nearest first, by following parent links."""
    by_id = {s.id: s for s in hub.sessions}
    found = [by_id[session]]
    while found[-1].parent is not None:
        found.append(by_id[found[-1].parent])
    return found


def _start(hub: Hub, session: str) -> datetime | None:
    for above in _up(hub, session):
        if above.start is not None:
            return above.start
    return None


def _challenges(hub: Hub, session: str) -> tuple[str, ...]:
    for above in _up(hub, session):
        if above.challenges:
            return above.challenges
    return ()


def _in_window(start: datetime, since: Moment | None, until: Moment | None) -> bool:
    if since is not None:
        if isinstance(since, datetime):
            if start < since:
                return False
        elif start.date() < since:
            return False
    if until is not None:
        if isinstance(until, datetime):
            if start > until:
                return False
        elif start.date() > until:
            return False
    return True


def brute_force(hub: Hub, scope: Scope) -> dict[str, Any]:
    chosen: list[str] = []
    undated: list[str] = []
    window = scope.since is not None or scope.until is not None
    for session in hub.sessions:
        if scope.sessions is not None and session.id not in scope.sessions:
            continue
        if scope.kinds is not None and session.kind not in scope.kinds:
            continue
        if scope.challenge is not None and scope.challenge not in _challenges(hub, session.id):
            continue
        if window:
            start = _start(hub, session.id)
            if start is None:
                undated.append(session.id)
                continue
            if not _in_window(start, scope.since, scope.until):
                continue
        chosen.append(session.id)
    counts_for = {}
    for session in hub.sessions:
        if scope.nested == "own":
            counts_for[session.id] = (session.id,) if session.id in chosen else ()
        else:
            counts_for[session.id] = tuple(
                above.id for above in _up(hub, session.id) if above.id in chosen
            )
    days = {}
    for session in hub.sessions:
        start = _start(hub, session.id)
        days[session.id] = None if start is None else start.date()
    return {
        "sessions": tuple(chosen),
        "counts_for": counts_for,
        "day_of": days,
        "undated_excluded": tuple(undated),
    }


# -- generated scopes -------------------------------------------------------------------------


def _moments(hub: Hub) -> st.SearchStrategy[Moment | None]:
    starts = [s.start for s in hub.sessions if s.start is not None]
    near: list[st.SearchStrategy[Any]] = [st.none()]
    if starts:
        start = st.sampled_from(starts)
        shift = st.integers(-36, 36).map(lambda hours: timedelta(hours=hours))
        zone = st.sampled_from((UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))))
        near += [
            start,
            st.builds(lambda s, d: (s + d).astimezone(UTC), start, shift),
            st.builds(lambda s, d, z: (s + d).astimezone(z).date(), start, shift, zone),
        ]
    return st.one_of(near)


def _day(moment: Moment) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


@st.composite
def hubs_and_scopes(draw: st.DrawFn) -> tuple[Hub, Scope]:
    hub = draw(hubs(min_sessions=2, max_sessions=8, min_challenges=1, max_challenges=2))
    ids = [s.id for s in hub.sessions]
    sessions = draw(st.none() | st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    kinds = draw(st.none() | st.lists(st.sampled_from(list(SessionKind)), max_size=3))
    challenge = draw(st.none() | st.sampled_from([c.id for c in hub.challenges] or [None]))
    since, until = draw(_moments(hub)), draw(_moments(hub))
    if since is not None and until is not None:
        both = isinstance(since, datetime) and isinstance(until, datetime)
        if (until < since) if both else (_day(until) < _day(since)):
            since, until = until, since
    nested = draw(st.sampled_from(["own", "subtree"]))
    scope = Scope(
        sessions=sessions,
        kinds=kinds,
        challenge=challenge,
        since=since,
        until=until,
        nested=nested,
    )
    return hub, scope


@given(hubs_and_scopes())
def test_select_matches_a_brute_force_selection(case: tuple[Hub, Scope]) -> None:
    hub, scope = case
    selection = hub.select(scope)
    expected = brute_force(hub, scope)
    assert selection.ids == expected["sessions"]
    assert tuple(s.id for s in selection.sessions) == selection.ids
    assert dict(selection.counts_for) == expected["counts_for"]
    assert dict(selection.day_of) == expected["day_of"]
    assert selection.undated_excluded == expected["undated_excluded"]
    assert selection.scope is scope
    assert dict(selection.day_of) == hub.session_days()
    for session in hub.sessions:
        assert selection.start_of[session.id] == _start(hub, session.id)


@given(hubs(min_sessions=1, max_sessions=7))
def test_ancestors_follow_parent_links(hub: Hub) -> None:
    for session in hub.sessions:
        assert [s.id for s in hub.ancestors(session.id, include_self=True)] == [
            s.id for s in _up(hub, session.id)
        ]


def test_the_default_scope_keeps_every_session() -> None:
    hub = Hub(sessions=(Session(id="a", name="A"), Session(id="b", name="B", parent="a")))
    for selection in (hub.select(), hub.select(Scope())):
        assert isinstance(selection, Selection)
        assert selection.ids == ("a", "b")
        assert selection.counts_for == {"a": ("a",), "b": ("b",)}
        assert selection.undated_excluded == ()
    assert hub.select(Scope(nested="subtree")).counts_for == {"a": ("a",), "b": ("b", "a")}
    assert hub.select(Scope(sessions=[])).ids == ()


# -- errors -----------------------------------------------------------------------------------


def _hub() -> Hub:
    return Hub(
        challenges=(Challenge(id="ch", title="C"),),
        sessions=(Session(id="s", name="S", challenges=("ch",)),),
    )


def test_unknown_ids_are_refused_when_selecting() -> None:
    hub = _hub()
    with pytest.raises(UnknownReferenceError, match="s-404"):
        hub.select(Scope(sessions=["s", "s-404"]))
    with pytest.raises(UnknownReferenceError, match="no challenge with id 'ch-404'"):
        hub.select(Scope(challenge="ch-404"))
    with pytest.raises(UnknownReferenceError, match="session"):
        hub.select(Scope(sessions=["ch"]))  # a challenge is no session
    with pytest.raises(TypeError, match="Scope"):
        hub.select({"sessions": ["s"]})  # type: ignore[arg-type]


def test_bad_options_are_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="'tea_party' is not a valid SessionKind"):
        Scope(kinds=["table", "tea_party"])
    with pytest.raises(ValueError, match="timezone-aware"):
        Scope(since=datetime(2023, 1, 1))
    with pytest.raises(ValueError, match="until"):
        Scope(until=datetime(2023, 1, 1))
    with pytest.raises(TypeError, match="date or a timezone-aware datetime"):
        Scope(since="2023-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="until 2023-06-01 is before since 2023-07-01"):
        Scope(since=date(2023, 7, 1), until=date(2023, 6, 1))
    late = datetime(2023, 6, 1, 12, tzinfo=UTC)
    with pytest.raises(ValueError, match="before since"):
        Scope(since=late, until=late - timedelta(seconds=1))
    with pytest.raises(ValueError, match="before since"):
        Scope(since=late, until=date(2023, 5, 31))
    with pytest.raises(TypeError, match="collection"):
        Scope(sessions="s")
    with pytest.raises(ValueError, match="nested"):
        Scope(nested="all")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="challenge"):
        Scope(challenge=["ch"])  # type: ignore[arg-type]


def test_a_window_of_one_day_and_mixed_ends() -> None:
    late = datetime(2023, 6, 1, 12, tzinfo=UTC)
    assert Scope(since=late, until=date(2023, 6, 1)).covers(late)
    assert Scope(since=date(2023, 6, 1), until=date(2023, 6, 1)).covers(late)
    assert not Scope(since=late).covers(late - timedelta(microseconds=1))
    assert Scope().covers(None)


def test_from_options_builds_or_passes_the_scope() -> None:
    scope = Scope(kinds=["table"])
    assert Scope.from_options(scope) is scope
    assert Scope.from_options() == Scope()
    assert Scope.from_options(
        sessions=["s"], kind="event", challenge="ch", since=date(2023, 1, 1), nested="subtree"
    ) == Scope(
        sessions=("s",), kinds=("event",), challenge="ch", since=date(2023, 1, 1), nested="subtree"
    )
    with pytest.raises(TypeError, match="give scope= or sessions= or until=, not both"):
        Scope.from_options(scope, sessions=["s"], until=date(2023, 1, 1))
    with pytest.raises(TypeError, match="must be a Scope"):
        Scope.from_options("table")  # type: ignore[arg-type]


def test_scopes_compare_by_value_and_read_back() -> None:
    assert Scope(sessions=["a", "b", "a"], kinds="table") == Scope(
        sessions=("a", "b"), kinds=[SessionKind.TABLE]
    )
    assert repr(Scope()) == "Scope()"
    assert Scope(kinds=["table", "workshop"]).to_dict()["kinds"] == ["table", "workshop"]
    assert hash(Scope(sessions=["a"])) == hash(Scope(sessions=("a",)))

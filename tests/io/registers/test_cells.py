"""Dates and times as people type them, and as Excel stores them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from coinnovation.errors import CoinnovationError
from coinnovation.io.registers import (
    RegisterError,
    read_register,
)
from coinnovation.models import (
    ParticipationLevel,
    SessionKind,
)
from tests.io.registers.helpers import write

# -- dates and times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "start"),
    [
        ("2023-06-22", date(2023, 6, 22), None),
        ("2023/06/22", date(2023, 6, 22), None),
        ("2023-06-22 10:30", date(2023, 6, 22), time(10, 30)),
        ("2023-06-22T10:30:15", date(2023, 6, 22), time(10, 30, 15)),
        ("22/06/2023", date(2023, 6, 22), None),
        ("22/6/2023", date(2023, 6, 22), None),
        ("22-06-2023", date(2023, 6, 22), None),
        ("22.06.23", date(2023, 6, 22), None),
        ("1/2/23", date(2023, 2, 1), None),
        ("22 June 2023", date(2023, 6, 22), None),
        ("Thu 22nd Jun 2023", date(2023, 6, 22), None),
        ("Thursday, 22 June 2023", date(2023, 6, 22), None),
        ("June 22, 2023", date(2023, 6, 22), None),
        ("22 Sept 2023", date(2023, 9, 22), None),
        ("22/06/2023 2:30pm", date(2023, 6, 22), time(14, 30)),
    ],
)
def test_accepted_dates(tmp_path: Path, text: str, day: date, start: time | None) -> None:
    path = write(tmp_path / "r.csv", [["Name", "Session", "Date"], ["Ana", "S", text]])
    (session,) = read_register(path, timezone="UTC").hub.sessions
    assert session.start == datetime.combine(day, start or time(0), tzinfo=session.start.tzinfo)
    assert session.start is not None
    assert session.start.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("06/22/2023", "there is no month 22 — dates are read day first"),
        ("31/02/2023", "no such date '31/02/2023': day is out of range for month"),
        ("22 Juin 2023", "unknown month"),
        ("next Tuesday", "unparseable date 'next Tuesday': write it as 2023-06-22"),
        ("2023-06-22 25:00", "unparseable time in '2023-06-22 25:00'"),
        ("45000", "unparseable date '45000'"),
    ],
)
def test_refused_dates(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "r.csv", [["Name", "Session", "Date"], ["Ana", "S", text]])
    with pytest.raises(RegisterError) as caught:
        read_register(path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "Date")
    assert message in problem.message


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("09:30", "12:00", (time(9, 30), time(12))),
        ("9.30", "", (time(9, 30), None)),
        ("9am", "1 pm", (time(9), time(13))),
        ("12am", "12pm", (time(0), time(12))),
        ("14:00:00", "16:15", (time(14), time(16, 15))),
    ],
)
def test_times(tmp_path: Path, start: str, end: str, expected: tuple[time, time | None]) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Date", "Start time", "End time"],
            ["Ana", "S", "2023-01-10", start, end],
        ],
    )
    (session,) = read_register(path).hub.sessions
    assert session.start is not None
    assert session.start.timetz().replace(tzinfo=None) == expected[0]
    assert (session.end.time() if session.end else None) == expected[1]
    assert session.start.utcoffset() == timedelta(0)  # London in January


def test_bad_times(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Date", "Start", "End"],
            ["Ana", "S", "2023-01-10", "14:00", "12:00"],
            ["Ben", "S", "2023-01-10", "noonish", "13"],
        ],
    )
    with pytest.raises(RegisterError) as caught:
        read_register(path)
    assert [(p.row, p.column, p.message[:20]) for p in caught.value.problems] == [
        (2, "End", "ends (12:00) before "),
        (3, "Start", "unparseable time 'no"),
        (3, "End", "unparseable time '13"),
    ]


def test_time_zone_and_arguments(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", [["Name", "Session", "Date"], ["Ana", "S", "2023-06-22"]])
    result = read_register(
        path, timezone="America/New_York", session_kind="workshop", default_level="consult"
    )
    (session,) = result.hub.sessions
    assert session.start is not None
    assert session.start.isoformat() == "2023-06-22T00:00:00-04:00"
    assert session.kind is SessionKind.WORKSHOP
    assert result.hub.participations[0].level is ParticipationLevel.CONSULT
    for bad in (
        {"timezone": "Mars/Base"},
        {"session_kind": "party"},
        {"default_level": "lots"},
        {"default_sector": "space"},
        {"encoding": "no-such-codec"},
    ):
        with pytest.raises(ValueError, match=r"unknown|must be one of") as caught:
            read_register(path, **bad)  # type: ignore[arg-type]
        assert not isinstance(caught.value, CoinnovationError)

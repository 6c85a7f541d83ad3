"""Presets: Zoom, Teams, Eventbrite and Forms exports read by their vendors' layouts.

Each shipped sample (``examples/registers/presets/``) is imported exactly: the counts of
people, sessions and participations and the summed hours are worked out by hand below,
with the arithmetic in comments.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coinnovation.io.registers import PRESETS, Preset, RegisterError, read_register
from coinnovation.io.registers.presets import _moment, _seconds
from coinnovation.models import Hub, ParticipationRole, Person
from tests.io.registers.helpers import ROOT, write
from tests.io.registers.test_fuzz import check_outcome

SAMPLES = ROOT / "examples" / "registers" / "presets"
FILES = {
    "zoom": SAMPLES / "zoom-participants.csv",
    "teams": SAMPLES / "teams-attendance.csv",
    "eventbrite": SAMPLES / "eventbrite-attendees.csv",
    "forms": SAMPLES / "forms-sign-in.csv",
}


def _hours(hub: Hub) -> dict[str, Decimal | None]:
    return {p.person or "": p.hours for p in hub.participations}


# -- the samples, exactly ---------------------------------------------------------------------


def test_zoom_sample() -> None:
    result = read_register(FILES["zoom"], preset="zoom")
    hub = result.hub
    # 9 join rows: Amara 1, Ben 2, Chidi 1, Dana 2 (one under "Dana Kowalska (Dana's
    # iPad)", Zoom's "Name (Original Name)"), Elif Yilmaz 2, Elif Yilmas 1.
    assert result.rows == 9
    assert result.imported == 9
    # People: Amara, Ben, Chidi, Dana, Elif Yilmaz, Elif Yilmas = 6 (the last two kept
    # apart and reported as alike names: guests without an email, matched by name).
    assert len(hub.people) == 6
    assert len(hub.sessions) == 1
    assert len(hub.participations) == 6
    session = hub.sessions[0]
    assert session.name == "Community health co-design workshop"  # the meeting's Topic
    assert session.start is not None
    assert session.end is not None
    assert session.start.isoformat() == "2023-06-22T09:55:02+01:00"  # Start Time, month first
    assert session.end.isoformat() == "2023-06-22T11:35:40+01:00"
    assert _hours(hub) == {
        "p-amara-okafor": Decimal("1.68"),  # 101 min = 1.6833 h
        "p-ben-hughes": Decimal("1.43"),  # 40 + 46 = 86 min = 1.4333 h
        "p-chidi-mensah": Decimal("1.47"),  # 88 min = 1.4667 h
        "p-dana-kowalska": Decimal("1.50"),  # 15 + 75 = 90 min
        "p-elif-yilmaz": Decimal("1.08"),  # 45 + 20 = 65 min = 1.0833 h
        "p-elif-yilmas": Decimal("0.23"),  # 14 min = 0.2333 h
    }
    # 1.68 + 1.43 + 1.47 + 1.50 + 1.08 + 0.23 = 7.39
    assert sum(p.hours or 0 for p in hub.participations) == Decimal("7.39")
    names = [group.name for group in result.name_groups]
    assert names == ["Elif Yilmaz", "Elif Yilmas"]  # each alike the other
    assert hub.person("p-ben-hughes").attributes == {"email": "ben.hughes@nhs-walsall.example"}


def test_teams_sample() -> None:
    result = read_register(FILES["teams"], preset="teams")
    hub = result.hub
    # The participant table has 5 rows, one per person; the "3. In-Meeting Activities"
    # table below it (6 rows) is not read.
    assert result.rows == 5
    assert len(hub.people) == 5
    assert len(hub.sessions) == 1
    assert len(hub.participations) == 5
    session = hub.sessions[0]
    assert session.name == "Peer researchers' steering group"  # Meeting title
    assert session.start is not None
    assert session.end is not None
    # 13/07/2023 is read day first: 13 cannot be a month.
    assert session.start.isoformat() == "2023-07-13T14:00:05+01:00"
    assert session.end.isoformat() == "2023-07-13T15:30:45+01:00"
    assert _hours(hub) == {
        "p-grace-adeyemi": Decimal("1.51"),  # 1h 30m 40s = 5440 s = 1.5111 h
        "p-hassan-ali": Decimal("1.35"),  # 1h 20m 50s = 4850 s = 1.3472 h
        "p-amara-okafor": Decimal("1.42"),  # 1h 25m 0s = 5100 s = 1.4167 h
        "p-ivy-chen": Decimal("0.75"),  # 45m 0s = 2700 s
        "p-jon-price": Decimal("0.64"),  # 38m 20s = 2300 s = 0.6389 h
    }
    # 1.51 + 1.35 + 1.42 + 0.75 + 0.64 = 5.67
    assert sum(p.hours or 0 for p in hub.participations) == Decimal("5.67")
    roles = {p.person: p.role for p in hub.participations}
    assert roles["p-grace-adeyemi"] is ParticipationRole.ORGANISER  # "Organizer"
    assert roles["p-hassan-ali"] is ParticipationRole.PRESENTER
    assert roles["p-jon-price"] is ParticipationRole.PARTICIPANT  # "Attendee"


def test_eventbrite_sample() -> None:
    result = read_register(FILES["eventbrite"], preset="eventbrite")
    hub = result.hub
    # 10 ticket rows; 3 not checked in (Lena at the forum "Attending", Priya "Not
    # Attending", Tom at the workshop "Attending") are listed as skipped, not imported.
    assert result.rows == 10
    assert [row.row for row in result.skipped] == [4, 7, 11]
    assert result.imported == 7
    # Forum: Amara, Kofi, Mo, Sara (4); workshop: Amara, Kofi, Lena (3) = 7.
    assert len(hub.participations) == 7
    # Amara, Kofi, Mo, Sara, Lena = 5 (Priya and Tom never checked in: not created).
    assert sorted(p.id for p in hub.people) == [
        "p-amara-okafor",
        "p-kofi-boateng",
        "p-lena-novak",
        "p-mo-rahman",
        "p-sara-rahman",
    ]
    assert sorted((s.name, s.start.isoformat() if s.start else "") for s in hub.sessions) == [
        ("Healthy Homes Co-design Workshop", "2023-09-28T10:00:00+01:00"),
        ("Healthy Homes Community Forum", "2023-09-14T18:00:00+01:00"),
    ]
    # Company: Walsall Community Network, Black Country Housing, Brightlabs = 3.
    assert len(hub.organisations) == 3
    assert all(p.hours is None for p in hub.participations)
    # Ticket types that name a part played are read as one: Speaker, Facilitator.
    kofi = sorted(p.role.value for p in hub.participations if p.person == "p-kofi-boateng")
    assert kofi == ["facilitator", "presenter"]


def test_forms_sample() -> None:
    result = read_register(FILES["forms"], preset="forms")
    hub = result.hub
    assert result.rows == 7
    # Two sessions on 5 October 2023 (the "Which session..." column).
    assert len(hub.sessions) == 2
    # Framing: Amara, Nisha (signed in twice, one participation), Ollie = 3;
    # ideation: Rosa, Amara, Olie = 3; 6 in all.
    assert len(hub.participations) == 6
    # Amara, Nisha, Ollie Grant, Rosa, Olie Grant = 5: "Olie Grant" has no email and is
    # kept apart from "Ollie Grant", reported as an alike name.
    assert len(hub.people) == 5
    assert [group.name for group in result.name_groups] == ["Ollie Grant", "Olie Grant"]
    assert len(hub.organisations) == 4
    assert {s.start.date() for s in hub.sessions if s.start} == {date(2023, 10, 5)}


def test_samples_together_match_people_by_email() -> None:
    """Amara is in all four files under one email: one person in the hub."""
    hub = Hub()
    for name, path in FILES.items():
        hub = read_register(path, preset=name, into=hub).hub
    # 6 (Zoom) + 4 new in Teams + 4 new in Eventbrite + 4 new in forms = 18.
    assert len(hub.people) == 18
    assert sum(1 for p in hub.participations if p.person == "p-amara-okafor") == 6
    # 6 + 5 + 7 + 6 participations; 1 + 1 + 2 + 2 sessions.
    assert len(hub.participations) == 24
    assert len(hub.sessions) == 6


# -- layouts that are not the preset's ---------------------------------------------------------


@pytest.mark.parametrize(("preset", "other"), [(p, o) for p in FILES for o in FILES if p != o])
def test_a_file_of_another_preset_is_refused(preset: str, other: str) -> None:
    with pytest.raises(RegisterError) as caught:
        read_register(FILES[other], preset=preset)
    (problem,) = caught.value.problems
    assert problem.row is not None
    assert problem.column is not None  # a column of the other vendor's layout
    assert (
        f"not a{'n' if preset == 'eventbrite' else ''} {PRESETS[preset].title}" in problem.message
    )
    assert f"read it with preset={other!r}" in problem.message


def test_the_row_and_column_named() -> None:
    with pytest.raises(RegisterError) as caught:
        read_register(FILES["zoom"], preset="teams")
    (problem,) = caught.value.problems
    # Row 4 is Zoom's participant header; its first column is Zoom's own.
    assert (problem.row, problem.column) == (4, "Name (Original Name)")
    assert "missing columns 'Name', 'In-Meeting Duration'" in problem.message


def test_an_unknown_layout_names_the_presets_it_nearly_matches(tmp_path: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        [["Full name", "Email", "Join Time", "Minutes"], ["Ana Silva", "a@x.example", "x", "3"]],
    )
    with pytest.raises(RegisterError) as caught:
        read_register(path, preset="eventbrite")
    message = caught.value.problems[0].message
    assert "it nearly matches the presets" in message
    assert "zoom (missing 'Name (Original Name)', 'Leave Time', 'Duration (Minutes)')" in message
    assert "forms (missing 'Timestamp')" in message


def test_a_plain_read_of_a_preset_file_says_which_preset() -> None:
    with pytest.raises(RegisterError) as caught:
        read_register(FILES["teams"])
    assert "read it with preset='teams'" in caught.value.problems[-1].message


def test_unknown_preset_and_preset_with_mapping() -> None:
    from coinnovation.io.registers import RegisterMapping

    with pytest.raises(ValueError, match="unknown preset 'webex'"):
        read_register(FILES["zoom"], preset="webex")
    with pytest.raises(ValueError, match="not both"):
        read_register(FILES["zoom"], preset="zoom", mapping=RegisterMapping())


# -- sessions, people, bad cells ----------------------------------------------------------------

ZOOM_HEADER = [
    "Name (Original Name)",
    "User Email",
    "Join Time",
    "Leave Time",
    "Duration (Minutes)",
    "Guest",
]


def test_zoom_without_meeting_data_needs_a_session(tmp_path: Path) -> None:
    rows = [
        ZOOM_HEADER,
        ["Ana", "", "06/22/2023 10:00:00 AM", "06/22/2023 10:30:00 AM", "30", "Yes"],
    ]
    path = write(tmp_path / "p.csv", rows)
    with pytest.raises(RegisterError, match="which session"):
        read_register(path, preset="zoom")
    result = read_register(path, preset=PRESETS["zoom"].using(session="Drop-in"))
    (session,) = result.hub.sessions
    assert session.name == "Drop-in"
    assert session.start is not None
    assert session.start.hour == 10
    result = read_register(
        path, preset=PRESETS["zoom"].using(session="Drop-in", day=date(2023, 6, 23))
    )
    assert result.hub.sessions[0].start is not None
    assert result.hub.sessions[0].start.date() == date(2023, 6, 23)


def test_options_win_over_the_file() -> None:
    result = read_register(FILES["teams"], preset=PRESETS["teams"].using(session="Steering 3"))
    assert result.hub.sessions[0].name == "Steering 3"


def test_bad_cells_name_row_and_column(tmp_path: Path) -> None:
    rows = [
        ZOOM_HEADER,
        ["Ana", "", "06/22/2023 10:00:00 AM", "06/22/2023 10:30:00 AM", "30", "Yes"],
        ["Ben", "", "06/31/2023 10:00:00 AM", "06/22/2023 10:30:00 AM", "30", "Yes"],
        ["Cy", "", "06/22/2023 10:00:00 AM", "06/22/2023 09:30:00 AM", "half", "Yes"],
    ]
    path = write(tmp_path / "p.csv", rows)
    preset = PRESETS["zoom"].using(session="S")
    with pytest.raises(RegisterError) as caught:
        read_register(path, preset=preset)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "Join Time"),
        (4, "Leave Time"),
        (4, "Duration (Minutes)"),
    ]
    result = read_register(path, preset=preset, skip_bad_rows=True)
    assert [row.row for row in result.skipped] == [3, 4]
    assert len(result.hub.participations) == 1


def test_two_emails_under_one_name_are_two_people(tmp_path: Path) -> None:
    rows = [
        ZOOM_HEADER,
        [
            "Sam Lee",
            "sam@a.example",
            "06/22/2023 10:00:00 AM",
            "06/22/2023 10:30:00 AM",
            "30",
            "No",
        ],
        [
            "Sam Lee",
            "sam@b.example",
            "06/22/2023 10:00:00 AM",
            "06/22/2023 10:30:00 AM",
            "30",
            "No",
        ],
    ]
    path = write(tmp_path / "p.csv", rows)
    result = read_register(path, preset=PRESETS["zoom"].using(session="S"))
    assert sorted(p.id for p in result.hub.people) == ["p-sam-lee", "p-sam-lee-2"]
    assert [group.name for group in result.name_groups] == ["Sam Lee"]
    assert result.name_groups[0].shared


def test_an_email_the_hub_holds_is_that_person(tmp_path: Path) -> None:
    hub = Hub().add(Person(id="p-1", name="Dr Samuel Lee", attributes={"email": "SAM@a.example"}))
    rows = [
        ZOOM_HEADER,
        ["Sam L", "sam@a.example", "06/22/2023 10:00:00 AM", "06/22/2023 10:30:00 AM", "30", "No"],
    ]
    path = write(tmp_path / "p.csv", rows)
    result = read_register(path, preset=PRESETS["zoom"].using(session="S"), into=hub)
    assert result.added["person"] == ()
    assert result.reused["person"] == ("p-1",)
    assert result.hub.participations[0].person == "p-1"


def test_one_person_on_two_devices_is_counted_once(tmp_path: Path) -> None:
    rows = [
        ZOOM_HEADER,
        ["Ana", "a@x.example", "06/22/2023 10:00:00 AM", "06/22/2023 11:00:00 AM", "60", "No"],
        ["Ana", "a@x.example", "06/22/2023 10:30:00 AM", "06/22/2023 11:30:00 AM", "60", "No"],
    ]
    path = write(tmp_path / "p.csv", rows)
    result = read_register(path, preset=PRESETS["zoom"].using(session="S"))
    # 10:00-11:30 covered: 1.5 h, not 60 + 60 minutes.
    assert result.hub.participations[0].hours == Decimal("1.50")
    assert any("in twice at once" in w.message for w in result.warnings)


def test_teams_dates_that_cannot_say_their_order(tmp_path: Path) -> None:
    rows = [
        ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email"],
        ["Ana", "6/5/23, 10:00:00 AM", "6/5/23, 10:30:00 AM", "30m 0s", ""],
    ]
    path = write(tmp_path / "t.csv", rows)
    preset = PRESETS["teams"].using(session="S")
    with pytest.raises(RegisterError, match="day_first=True"):
        read_register(path, preset=preset)
    june = read_register(path, preset=preset.using(day_first=False)).hub.sessions[0]
    may = read_register(path, preset=preset.using(day_first=True)).hub.sessions[0]
    assert june.start is not None
    assert may.start is not None
    assert (june.start.month, may.start.month) == (6, 5)


def test_microsoft_forms_layout(tmp_path: Path) -> None:
    rows = [
        ["ID", "Start time", "Completion time", "Email", "Name", "Full name", "Organisation"],
        ["1", "10/5/23 9:50:02", "10/5/23 9:52:11", "anonymous", "anonymous", "Ana Silva", "WHG"],
        ["2", "10/5/23 9:53:40", "10/5/23 13:55:40", "b@x.example", "Ben O", "Ben Okafor", ""],
    ]
    path = write(tmp_path / "f.csv", rows)
    preset = PRESETS["forms"].using(session="Launch")
    # 10/5/23: both numbers are at most 12, so the order must be given.
    with pytest.raises(RegisterError, match="day first or month first"):
        read_register(path, preset=preset)
    result = read_register(path, preset=preset.using(day_first=False))
    # "Full name" wins over the account's "Name"; "anonymous" is no email.
    assert sorted(p.name for p in result.hub.people) == ["Ana Silva", "Ben Okafor"]
    assert result.hub.person("p-ana-silva").attributes == {}
    assert result.hub.sessions[0].start is not None
    assert result.hub.sessions[0].start.date() == date(2023, 10, 5)


# -- cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1h 5m 3s", 3903), ("45m 0s", 2700), ("30s", 30), ("01:05:03", 3903), ("35", 2100)],
)
def test_durations(text: str, seconds: int) -> None:
    assert _seconds(text) == seconds


def test_unreadable_durations() -> None:
    assert _seconds("half an hour") is None
    assert _seconds("") is None


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("06/22/2023 09:55:02 AM", False, datetime(2023, 6, 22, 9, 55, 2)),
        ("13/07/2023, 14:00:05", True, datetime(2023, 7, 13, 14, 0, 5)),
        ("7/13/23, 2:00:05 PM", False, datetime(2023, 7, 13, 14, 0, 5)),
        ("2023/10/05 1:58:45 PM GMT+1", None, datetime(2023, 10, 5, 13, 58, 45)),
        ("2023-10-05T12:58:45Z", None, datetime(2023, 10, 5, 13, 58, 45)),
        ("2023-09-14 18:00:00", None, datetime(2023, 9, 14, 18, 0)),
        ("Sep 14, 2023 6:00 PM", None, datetime(2023, 9, 14, 18, 0)),
    ],
)
def test_moments(text: str, day_first: bool | None, expected: datetime) -> None:
    from zoneinfo import ZoneInfo

    assert _moment(text, day_first, ZoneInfo("Europe/London")) == expected


def test_presets_as_objects() -> None:
    assert set(PRESETS) == {"zoom", "teams", "eventbrite", "forms"}
    assert all(isinstance(preset, Preset) for preset in PRESETS.values())
    assert all(preset.documentation for preset in PRESETS.values())
    with pytest.raises(ValueError, match="empty"):
        PRESETS["zoom"].using(session=" ")
    with pytest.raises(TypeError):
        PRESETS["zoom"].columns["name"] = ("x",)  # type: ignore[index]


# -- re-joins: any split of one attendance gives the same hours ---------------------------------

START = datetime(2023, 6, 22, 10, 0)


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.integers(min_value=1, max_value=240),
    cuts=st.lists(st.integers(min_value=1, max_value=239), max_size=8, unique=True),
    gaps=st.lists(st.integers(min_value=0, max_value=15), min_size=9, max_size=9),
    preset=st.sampled_from(["zoom", "teams"]),
)
def test_splitting_an_attendance_keeps_its_hours(
    tmp_path_factory: pytest.TempPathFactory,
    minutes: int,
    cuts: list[int],
    gaps: list[int],
    preset: str,
) -> None:
    """Cut one attendance of ``minutes`` into join/leave rows, with gaps between them."""
    bounds = [0, *sorted(c for c in cuts if c < minutes), minutes]
    pieces = [b - a for a, b in itertools.pairwise(bounds)]
    rows: list[list[str]] = []
    at = START
    for piece, gap in zip(pieces, gaps, strict=False):
        leave = at + timedelta(minutes=piece)
        if preset == "zoom":
            rows.append(["Ana", "a@x.example", _us(at), _us(leave), str(piece), "No"])
        else:
            rows.append(["Ana", _us(at), _us(leave), f"{piece}m 0s", "a@x.example"])
        at = leave + timedelta(minutes=gap)
    header = (
        ZOOM_HEADER
        if preset == "zoom"
        else ["Name", "Join Time", "Leave Time", "Duration", "Email"]
    )
    path = write(tmp_path_factory.mktemp("split") / "r.csv", [header, *rows])
    chosen = PRESETS[preset].using(session="S", day_first=False)
    result = read_register(path, preset=chosen)
    (participation,) = result.hub.participations
    whole = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
    assert participation.hours == whole
    assert result.rows == len(pieces)


def _us(moment: datetime) -> str:
    return moment.strftime("%m/%d/%Y %I:%M:%S %p")


# -- more of the vendors' ways ---------------------------------------------------------------


def test_zoom_waiting_room_rows_are_not_attendance(tmp_path: Path) -> None:
    rows = [
        [*ZOOM_HEADER, "In Waiting Room"],
        [
            "Ana",
            "a@x.example",
            "06/22/2023 09:50:00 AM",
            "06/22/2023 10:00:00 AM",
            "10",
            "No",
            "Yes",
        ],
        [
            "Ana",
            "a@x.example",
            "06/22/2023 10:00:00 AM",
            "06/22/2023 10:30:00 AM",
            "30",
            "No",
            "No",
        ],
        ["Bo", "", "06/22/2023 09:55:00 AM", "06/22/2023 10:05:00 AM", "10", "Yes", "Yes"],
    ]
    path = write(tmp_path / "p.csv", rows)
    result = read_register(path, preset=PRESETS["zoom"].using(session="S"))
    # Ana: 30 minutes in the meeting (her 10 in the waiting room left out); Bo never let in.
    assert [(p.person, p.hours) for p in result.hub.participations] == [("p-ana", Decimal("0.50"))]
    assert [(row.row, row.problems[0].column) for row in result.skipped] == [
        (2, "In Waiting Room"),
        (4, "In Waiting Room"),
    ]
    assert result.imported == 1


def test_teams_marks_after_names_are_dropped(tmp_path: Path) -> None:
    rows = [
        ["Meeting title", "Board"],
        ["Start time", "7/13/23, 2:00:05 PM"],
        ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email"],
        ["Ivy Chen (Guest)", "7/13/23, 2:10:30 PM", "7/13/23, 2:55:30 PM", "45m 0s", ""],
        ["Ned Ross (External)", "7/13/23, 2:11:00 PM", "7/13/23, 2:41:00 PM", "30m", ""],
    ]
    path = write(tmp_path / "t.csv", rows)  # as Excel saves it again: UTF-8, commas
    result = read_register(path, preset="teams")
    assert sorted(p.name for p in result.hub.people) == ["Ivy Chen", "Ned Ross"]
    assert result.hub.sessions[0].name == "Board"


def test_importing_a_report_twice_adds_nothing() -> None:
    first = read_register(FILES["zoom"], preset="zoom").hub
    again = read_register(FILES["zoom"], preset="zoom", into=first)
    assert all(ids == () for ids in again.added.values())
    assert len(again.reused["participation"]) == 6
    assert again.hub == first


def test_microsoft_forms_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Organisation"])
    sheet.append(
        [
            1,
            datetime(2023, 10, 5, 9, 50),
            datetime(2023, 10, 5, 9, 52),
            "a@x.example",
            "Ana Silva",
            "WHG",
        ]
    )
    path = tmp_path / "responses.xlsx"
    workbook.save(path)
    result = read_register(path, preset=PRESETS["forms"].using(session="Launch"))
    (person,) = result.hub.people
    assert (person.name, person.attributes) == ("Ana Silva", {"email": "a@x.example"})
    assert result.hub.sessions[0].start is not None
    assert result.hub.sessions[0].start.date() == date(2023, 10, 5)


def test_a_rejoin_without_the_email_is_summed_by_name(tmp_path: Path) -> None:
    rows = [
        ZOOM_HEADER,
        [
            "Ben Hughes",
            "ben@x.example",
            "06/22/2023 10:00:00 AM",
            "06/22/2023 10:40:00 AM",
            "40",
            "No",
        ],
        ["Ben Hughes", "", "06/22/2023 10:45:00 AM", "06/22/2023 11:31:00 AM", "46", "Yes"],
    ]
    path = write(tmp_path / "p.csv", rows)
    result = read_register(path, preset=PRESETS["zoom"].using(session="S"))
    # 40 + 46 = 86 minutes = 1.4333 h: one person, one participation.
    assert [(p.person, p.hours) for p in result.hub.participations] == [
        ("p-ben-hughes", Decimal("1.43"))
    ]


def test_no_session_anywhere_is_one_problem(tmp_path: Path) -> None:
    rows = [ZOOM_HEADER] + [
        [f"P{n}", "", "06/22/2023 10:00:00 AM", "06/22/2023 10:30:00 AM", "30", "Yes"]
        for n in range(5)
    ]
    path = write(tmp_path / "p.csv", rows)
    with pytest.raises(RegisterError) as caught:
        read_register(path, preset="zoom")
    assert [(p.row, p.message) for p in caught.value.problems] == [
        (
            1,
            "which session? the file has no meeting topic or title (Zoom: export with "
            "meeting data): give session=",
        )
    ]
    forms = write(tmp_path / "f.csv", [["Timestamp", "Name"], ["2023-10-05 09:00", "Ana"]])
    with pytest.raises(RegisterError, match="no 'Session' or 'Event' column"):
        read_register(forms, preset="forms")


# -- whatever the cells hold, a RegisterError or a sound hub ---------------------------------

_HEADERS = sorted(
    {
        header
        for preset in PRESETS.values()
        for headers in preset.columns.values()
        for header in headers
    }
)
_CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "06/22/2023 10:00:00 AM",
            "13/07/2023, 14:00:05",
            "2023-06-22 25:00",
            "1h 5m 3s",
            "35",
            "-3",
            "Checked In",
            "Yes",
            '=HYPERLINK("x")',
            "a@x.example",
            "Ana (Guest)",
            "9" * 5000,
        ]
    ),
    st.text(max_size=12),
)


@settings(max_examples=80, deadline=None)
@given(
    preset=st.sampled_from(sorted(PRESETS)),
    header=st.lists(st.sampled_from(_HEADERS), max_size=8),
    rows=st.lists(st.lists(_CELLS, max_size=9), max_size=6),
    skip=st.booleans(),
)
def test_fuzz_presets(
    tmp_path_factory: pytest.TempPathFactory,
    preset: str,
    header: list[str],
    rows: list[list[str]],
    skip: bool,
) -> None:
    required = [PRESETS[preset].headers(group[0])[0] for group in PRESETS[preset].required]
    header = [*required, *(title for title in header if title not in required)]
    path = write(tmp_path_factory.mktemp("preset") / "r.csv", [header, *rows])
    options = PRESETS[preset].using(session="S", day_first=True)
    check_outcome(path, preset=options, skip_bad_rows=skip)

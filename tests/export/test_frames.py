"""A hub as pandas DataFrames: every record once, typed columns, privacy applied on request."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings

from coinnovation import load, save
from coinnovation.errors import MissingDependencyError
from coinnovation.export.frames import FRAMES, to_frames
from coinnovation.io.registers import read_register
from coinnovation.models import (
    Agreement,
    Challenge,
    Consent,
    Contribution,
    Cost,
    Hub,
    Membership,
    Money,
    Organisation,
    Participation,
    Party,
    Person,
    Reward,
    Session,
    Share,
)
from coinnovation.models.integrity import record_kinds
from coinnovation.privacy import Privacy
from coinnovation.testing.strategies import hubs
from tests.conftest import EXAMPLE

SECRET = "a secret of sixteen+ characters"


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


def hub() -> Hub:
    return Hub(
        organisations=(Organisation(id="o-whg", name="WHG", sector="community"),),
        people=(
            Person(id="p-ana", name="Ana", consent="named", description="Champion"),
            Person(id="p-ben", name="Ben", description="Ben from Blakenall", tags=("ben",)),
            Person(id="p-cy", name="Cy", consent="excluded"),
        ),
        memberships=(
            Membership(id="m-1", person="p-ana", organisation="o-whg", start=date(2023, 1, 1)),
            Membership(id="m-2", person="p-cy", organisation="o-whg", primary=True),
        ),
        challenges=(Challenge(id="ch-1", title="Diabetes", proposed_by=("p-ben", "p-cy")),),
        sessions=(
            Session(
                id="s-1",
                name="Table",
                kind="table",
                stage="ideation",
                start=datetime(2023, 6, 22, 10, tzinfo=UTC),
            ),
        ),
        participations=(
            Participation(id="pa-1", session="s-1", person="p-ana", level="empower"),
            Participation(id="pa-2", session="s-1", person="p-cy", hours=Decimal("1.25")),
            Participation(id="pa-3", session="s-1", person="p-ben", level="inform"),
        ),
        contributions=(
            Contribution(
                id="co-1",
                session="s-1",
                author="p-cy",
                text="An idea",
                addressed_to=("p-ana", "p-cy"),
                created=datetime(2023, 6, 22, 11, tzinfo=UTC),
            ),
        ),
        agreements=(
            Agreement(
                id="ag-1",
                title="Pilot",
                parties=(Party(stakeholder="o-whg"), Party(stakeholder="p-ben")),
                costs=(
                    Cost(party="o-whg", kind="cash", amount=gbp("100.00")),
                    Cost(party="p-ben", kind="time", hours=Decimal("3"), rate=gbp("20")),
                ),
                rewards=(Reward(id="fee", kind="cash", amount=gbp("50.00")),),
                shares=(
                    Share(party="o-whg", reward="fee", fraction=Decimal("0.5")),
                    Share(party="p-ben", reward="fee", fraction=Decimal("0.5")),
                ),
            ),
        ),
    )


def test_every_kind_has_a_frame_in_order() -> None:
    frames = to_frames(hub())
    assert tuple(frames) == FRAMES
    assert all(isinstance(frame, pd.DataFrame) for frame in frames.values())


def test_column_types() -> None:
    frames = to_frames(hub())
    sessions, participations = frames["sessions"], frames["participations"]
    assert str(sessions["start"].dtype) == "datetime64[us]"  # local, as recorded
    assert sessions["start"][0] == pd.Timestamp("2023-06-22 10:00")
    assert str(sessions["start_utc"].dtype) == "datetime64[us, UTC]"
    assert sessions["start_utc"][0] == pd.Timestamp("2023-06-22 10:00", tz="UTC")
    assert list(sessions.columns[4:8]) == ["start", "end", "start_utc", "end_utc"]
    assert pd.isna(sessions["end"][0])
    assert pd.isna(sessions["end_utc"][0])
    contributions = frames["contributions"]
    assert contributions["created"][0] == pd.Timestamp("2023-06-22 11:00")
    assert contributions["created_utc"][0] == pd.Timestamp("2023-06-22 11:00", tz="UTC")
    assert str(sessions["id"].dtype) == "string"
    assert sessions["stage"].cat.ordered
    assert list(sessions["stage"].cat.categories) == list(hub().stages)
    level = participations["level"]
    assert level.cat.ordered
    assert (level > "consult").tolist() == [True, False, False]  # along the IAP2 spectrum
    assert participations["hours"].tolist() == [None, Decimal("1.25"), None]
    assert participations["person_excluded"].dtype == bool
    memberships = frames["memberships"]
    assert str(memberships["start"].dtype) == "datetime64[us]"
    assert memberships["start"][0] == pd.Timestamp("2023-01-01")
    assert pd.isna(memberships["start"][1])
    assert memberships["primary"].tolist() == [False, True]
    assert frames["people"]["roles"].tolist() == [(), (), ()]
    assert frames["organisations"]["sector"].tolist() == ["community"]
    assert "health_service" in frames["organisations"]["sector"].cat.categories


def test_agreements_have_a_row_per_party_cost_reward_and_share() -> None:
    frames = to_frames(hub())
    assert frames["agreements"]["currency"].tolist() == ["GBP"]
    assert frames["parties"]["stakeholder"].tolist() == ["o-whg", "p-ben"]
    costs = frames["costs"]
    assert costs["amount"].tolist() == [Decimal("100.00"), None]
    assert costs["value"].tolist() == [Decimal("100.00"), Decimal("60")]
    assert costs["rate"].tolist() == [None, Decimal("20")]
    assert costs["currency"].tolist() == ["GBP", "GBP"]
    assert frames["rewards"]["amount"].tolist() == [Decimal("50.00")]
    assert sum(frames["shares"]["fraction"]) == 1


def test_empty_hub_frames_have_the_same_columns_and_types() -> None:
    full, empty = to_frames(hub()), to_frames(Hub(stages=hub().stages))
    for name in FRAMES:
        assert len(empty[name]) == 0
        assert list(empty[name].columns) == list(full[name].columns), name
        assert empty[name].dtypes.astype(str).tolist() == full[name].dtypes.astype(str).tolist()


def test_without_privacy_frames_hold_the_hub_as_it_is() -> None:
    frames = to_frames(hub())
    assert frames["people"]["name"].tolist() == ["Ana", "Ben", "Cy"]
    assert frames["participations"]["person"].tolist() == ["p-ana", "p-cy", "p-ben"]
    assert not frames["participations"]["person_excluded"].any()


def test_privacy_applies_to_every_reference_to_a_person() -> None:
    data = hub()
    policy = Privacy(data, SECRET)
    ben = policy.name("p-ben")
    frames = to_frames(data, privacy=policy)
    people = frames["people"]
    assert sorted(people["id"].tolist()) == sorted(["p-ana", ben])
    assert people["id"].tolist() == sorted(people["id"].tolist())
    row = people.set_index("id").loc[ben]
    assert row["name"] == ben
    assert pd.isna(row["description"])
    assert row["tags"] is None
    assert people.set_index("id").loc["p-ana", "description"] == "Champion"

    participations = frames["participations"]
    assert len(participations) == 3
    assert participations["person_excluded"].sum() == 1
    excluded = participations[participations["person_excluded"]].iloc[0]
    assert pd.isna(excluded["person"])
    assert pd.isna(excluded["id"])
    assert excluded["hours"] == Decimal("1.25")
    assert participations["id"].dropna().tolist() == ["pa-1"]  # only the named person's

    assert frames["challenges"]["proposed_by"].tolist() == [(ben,)]
    contribution = frames["contributions"].iloc[0]
    assert pd.isna(contribution["author"])
    assert contribution["addressed_to"] == ("p-ana",)
    assert frames["parties"]["stakeholder"].tolist() == ["o-whg", ben]
    assert frames["costs"]["party"].tolist() == ["o-whg", ben]
    assert frames["shares"]["party"].tolist() == ["o-whg", ben]
    memberships = frames["memberships"]
    assert len(memberships) == 2
    assert memberships["id"].dropna().tolist() == ["m-1"]


def test_hub_frames_is_deprecated_and_delegates() -> None:
    data = hub()
    policy = Privacy(data, SECRET)
    with pytest.warns(DeprecationWarning, match=r"Hub\.frames\(\) is deprecated"):
        assert data.frames()["people"].equals(to_frames(data)["people"])
    with pytest.warns(DeprecationWarning, match="to_frames"):
        assert data.frames(privacy=policy)["people"].equals(
            to_frames(data, privacy=policy)["people"]
        )


def test_example_hub() -> None:
    data = load(EXAMPLE)
    frames = to_frames(data)
    counts = {field: len(records) for _, field, records in record_kinds(data)}
    for name in FRAMES:
        if name in counts:
            assert len(frames[name]) == counts[name], name
    assert len(frames["shares"]) == sum(len(a.shares) for a in data.agreements)


def test_missing_pandas_gives_the_pip_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as caught:
        to_frames(hub())
    assert str(caught.value) == (
        "DataFrames of a hub needs the optional dependency 'pandas': "
        "pip install 'coinnovation[pandas]'"
    )


@settings(max_examples=40)
@given(hubs(max_people=4))
def test_frames_of_any_hub_count_every_record_and_hide_names(data: Hub) -> None:
    renamed = [
        p.model_copy(update={"name": f"«name-{i}»", "description": f"«about-{i}»"})
        for i, p in enumerate(data.people)
    ]
    if renamed:
        data = data.replace(*renamed)
    counts = {field: len(records) for _, field, records in record_kinds(data)}
    excluded = sum(p.consent is Consent.EXCLUDED for p in data.people)
    policy = Privacy(data, SECRET)
    frames = to_frames(data, privacy=policy)
    for name in FRAMES:
        if name in counts:
            expected = counts[name] - (excluded if name == "people" else 0)
            assert len(frames[name]) == expected, name
    hidden = [
        marker
        for i, p in enumerate(data.people)
        if p.consent is not Consent.NAMED
        for marker in (f"«name-{i}»", f"«about-{i}»")
    ]
    private_ids = {p.id for p in data.people if p.consent is not Consent.NAMED}
    for name, frame in frames.items():
        for column in frame.columns:
            for value in frame[column]:
                text = str(value)
                assert not any(marker in text for marker in hidden), (name, column)
        for column in ("person", "author", "stakeholder", "party"):
            if column in frame.columns:
                assert not private_ids & set(frame[column].dropna())
    assert not private_ids & set(frames["people"]["id"])


@pytest.mark.parametrize("reloaded", [False, True])
def test_a_date_only_session_keeps_its_day(tmp_path: Path, reloaded: bool) -> None:
    """16/05/2024 in London is 23:00 UTC the day before: the frame shows the day written."""
    sheet = tmp_path / "sign-in.csv"
    sheet.write_text("Name,Session,Date\nAna Silva,Workshop 2,16/05/2024\n", encoding="utf-8")
    data = read_register(sheet, timezone="Europe/London").hub
    if reloaded:  # through a hub file: the zone becomes a fixed offset
        data = load(save(data, tmp_path / "hub.json"))
    sessions = to_frames(data)["sessions"]
    assert sessions["start"].tolist() == [pd.Timestamp("2024-05-16 00:00")]
    assert sessions["start"].dt.date.tolist() == [date(2024, 5, 16)]
    assert sessions["start_utc"].tolist() == [pd.Timestamp("2024-05-15 23:00", tz="UTC")]


def test_local_times_keep_each_sessions_own_offset() -> None:
    summer, winter = timezone(timedelta(hours=1)), timezone(timedelta(hours=0))
    data = Hub(
        sessions=(
            Session(id="s-a", name="A", start=datetime(2023, 6, 22, 9, 30, tzinfo=summer)),
            Session(id="s-b", name="B", start=datetime(2023, 12, 7, 9, 30, tzinfo=winter)),
            Session(id="s-c", name="C", start=datetime(2023, 12, 7, 0, 30, tzinfo=summer)),
        )
    )
    sessions = to_frames(data)["sessions"]
    assert sessions["start"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2023-06-22 09:30",
        "2023-12-07 09:30",
        "2023-12-07 00:30",
    ]
    assert sessions["start_utc"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2023-06-22 08:30",
        "2023-12-07 09:30",
        "2023-12-06 23:30",
    ]

"""Hand-built hubs for the heart report's tests, each indicator computable by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coinnovation.models import (
    Agreement,
    Challenge,
    Community,
    Contribution,
    Cost,
    Framing,
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
    StageChange,
)


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


def network_hub() -> Hub:
    """Four two-party tables making the tree u - f - c1 - h, c1 - c2.

    Sectors: u academia, f industry, c1 and c2 community, h health service. A plenary
    event (kind "event") ties everybody, so kind="table" matters.
    """
    organisations = (
        Organisation(id="u", name="Uni", sector="academia"),
        Organisation(id="f", name="Firm", sector="industry"),
        Organisation(id="c1", name="Tenants", sector="community"),
        Organisation(id="h", name="Trust", sector="health_service"),
        Organisation(id="c2", name="Carers", sector="community"),
    )
    tables = {"s1": ("u", "f"), "s2": ("f", "c1"), "s3": ("c1", "h"), "s4": ("c1", "c2")}
    sessions = [Session(id="ev", name="Plenary", kind="event")]
    sessions += [Session(id=s, name=s, kind="table") for s in tables]
    participations = [
        Participation(id=f"pa-{s}-{o}", session=s, organisation=o)
        for s, members in tables.items()
        for o in members
    ]
    participations += [
        Participation(id=f"pa-ev-{o.id}", session="ev", organisation=o.id) for o in organisations
    ]
    return Hub(
        name="network",
        organisations=organisations,
        sessions=tuple(sessions),
        participations=tuple(participations),
    )


def process_hub() -> Hub:
    """Five challenges, framings, contributions, four agreements and four communities."""
    return Hub(
        name="process",
        communities=(
            Community(id="com-1", name="Estate", imd_decile=1, population=1000),
            Community(id="com-2", name="Suburb", imd_decile=5, population=3000),
            Community(id="com-3", name="Old town", imd_decile=2),
            Community(id="com-4", name="Carers", population=1000),
        ),
        organisations=(
            Organisation(id="c1", name="Tenants", sector="community", communities=("com-3",)),
            Organisation(id="c2", name="Carers", sector="community"),
            Organisation(id="f", name="Firm", sector="industry", communities=("com-2",)),
            Organisation(id="h", name="Trust", sector="health_service"),
        ),
        people=(
            Person(id="p-res", name="Resident", sector="community", communities=("com-1",)),
            Person(id="p-dev", name="Developer"),
            Person(id="p-x", name="Absent", communities=("com-3",)),
        ),
        memberships=(Membership(id="m-1", person="p-dev", organisation="f"),),
        challenges=(
            Challenge(
                id="ch-a",
                title="A",
                stage="co_design",
                stage_history=(
                    StageChange(stage="ideation", on=date(2024, 1, 1)),
                    StageChange(stage="co_design", on=date(2024, 2, 1)),
                ),
            ),
            Challenge(id="ch-b", title="B", stage="ideation"),
            Challenge(id="ch-c", title="C"),
            Challenge(id="ch-d", title="D"),
            Challenge(id="ch-e", title="E"),
        ),
        framings=(
            Framing(id="f1", challenge="ch-a", author="c1", statement="x"),
            Framing(id="f2", challenge="ch-a", author="f", statement="x"),
            Framing(id="f3", challenge="ch-b", author="p-dev", statement="x"),
            Framing(id="f4", challenge="ch-c", author="p-res", statement="x"),
        ),
        sessions=(
            Session(id="s-ws", name="W", kind="workshop", challenges=("ch-a",), stage="ideation"),
            Session(id="s-t1", name="T1", kind="table", parent="s-ws"),
            Session(id="s-cd", name="CD", challenges=("ch-a",), stage="co_design"),
            Session(id="s-b", name="B", challenges=("ch-b",), stage="ideation"),
            Session(id="s-c", name="C", challenges=("ch-c",), stage="framing"),
            Session(id="s-d", name="D", challenges=("ch-d",), stage="framing"),
            Session(id="s-e", name="E", challenges=("ch-e",), stage="framing"),
        ),
        participations=(
            Participation(id="pa1", session="s-t1", organisation="c1", level="collaborate"),
            Participation(id="pa2", session="s-cd", organisation="c1", level="consult"),
            Participation(id="pa3", session="s-b", person="p-res", level="involve"),
            Participation(id="pa4", session="s-c", person="p-res", level="consult"),
            Participation(id="pa5", session="s-c", organisation="f", level="collaborate"),
            Participation(id="pa6", session="s-d", organisation="f", level="involve"),
            Participation(id="pa7", session="s-d", organisation="h", level="involve"),
            Participation(id="pa8", session="s-e", organisation="c2"),
            Participation(id="pa9", session="s-t1", person="p-dev", level="involve"),
        ),
        contributions=(
            Contribution(id="k1", session="s-t1", author="c1", text="x", challenge="ch-a"),
            Contribution(id="k2", session="s-t1", author="p-dev", text="x", challenge="ch-a"),
            Contribution(id="k3", session="s-b", author="p-res", text="x", challenge="ch-b"),
        ),
        agreements=(
            Agreement(
                id="ag-1",
                title="Pilot",
                challenge="ch-a",
                parties=(Party(stakeholder="c1"), Party(stakeholder="f")),
                costs=(
                    Cost(party="f", kind="cash", amount=gbp("900")),
                    Cost(party="c1", kind="time", hours=Decimal("12")),
                ),
                rewards=(Reward(id="fee", kind="cash", amount=gbp("300")),),
                shares=(
                    Share(party="f", reward="fee", fraction=Decimal("0.8")),
                    Share(party="c1", reward="fee", fraction=Decimal("0.2")),
                ),
            ),
            Agreement(
                id="ag-2",
                title="Licence",
                challenge="ch-c",
                parties=(Party(stakeholder="f"), Party(stakeholder="h")),
                costs=(Cost(party="f", kind="cash", amount=gbp("100")),),
                rewards=(Reward(id="lic", kind="licence"),),
                shares=(Share(party="f", reward="lic", fraction=Decimal(1)),),
            ),
            Agreement(
                id="ag-3",
                title="Grant",
                parties=(Party(stakeholder="c2"), Party(stakeholder="h")),
                costs=(
                    Cost(party="c2", kind="in_kind", amount=gbp("500")),
                    Cost(party="h", kind="cash", amount=gbp("500")),
                ),
                rewards=(Reward(id="grant", kind="cash", amount=gbp("1000")),),
                shares=(
                    Share(party="c2", reward="grant", fraction=Decimal("0.5")),
                    Share(party="h", reward="grant", fraction=Decimal("0.5")),
                ),
            ),
            Agreement(
                id="ag-4",
                title="Empty",
                parties=(Party(stakeholder="p-res"), Party(stakeholder="f")),
            ),
        ),
    )

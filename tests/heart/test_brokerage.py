"""The heart report's brokerage indicator, by hand."""

from __future__ import annotations

import pytest

from coinnovation.heart import heart_report
from coinnovation.models import Hub, Organisation, Participation, Session
from tests.heart.helpers import network_hub


def test_brokerage_by_hand() -> None:
    # The tree u - f - c1 - h, c1 - c2, each tie an arc both ways.
    # f brokers (u, c1) and (c1, u): academia, industry, community → 2 liaisons.
    # c1 brokers the six ordered pairs of {f, h, c2} (none tied to each other):
    #   (f, h), (h, f): industry/health around community → 2 liaisons;
    #   (f, c2), (h, c2): outsider into c1's sector → 2 gatekeepers;
    #   (c2, f), (c2, h): c1's sector out → 2 representatives.
    # Totals: liaison 4, gatekeeper 2, representative 2, all 8; community holds 6.
    indicator = heart_report(network_hub(), kind="table")["brokerage"]
    assert indicator.value == pytest.approx(6 / 8)
    assert indicator.figures["share_liaison"] == pytest.approx(0.5)
    assert indicator.figures["share_gatekeeper"] == 1.0
    assert indicator.figures["share_representative"] == 1.0
    assert indicator.figures["share_coordinator"] is None  # nobody coordinates
    assert indicator.figures["share_itinerant"] is None
    assert indicator.figures["node_share"] == pytest.approx(0.4)
    assert indicator.figures["brokerages"] == 8
    rows = {row["node"]: row for row in indicator.details}
    assert (rows["c1"]["liaison"], rows["c1"]["gatekeeper"], rows["c1"]["total"]) == (2, 2, 6)
    assert indicator.flags == ()


def test_brokerage_flags_roles_never_held() -> None:
    # An industry star: f brokers between the three community organisations
    # (itinerant), which hold no role at all.
    hub = Hub(
        organisations=(
            Organisation(id="f", name="F", sector="industry"),
            *(Organisation(id=f"c{i}", name=f"C{i}", sector="community") for i in range(3)),
        ),
        sessions=tuple(Session(id=f"s{i}", name="T", kind="table") for i in range(3)),
        participations=tuple(
            Participation(id=f"pa{i}{o}", session=f"s{i}", organisation=o)
            for i in range(3)
            for o in ("f", f"c{i}")
        ),
    )
    indicator = heart_report(hub)["brokerage"]
    assert indicator.value == 0.0
    assert indicator.flags == ("itinerant",)
    assert indicator.flagged["role_not_held"] == ("itinerant",)


def test_brokerage_notes_a_sector_missing_from_the_network() -> None:
    # Community organisations exist but sit at no table: its share of the brokering is a
    # real 0 (the others broker), and a note says it is not in the network at all.
    hub = network_hub()
    hub = hub.remove(*(p.id for p in hub.participations if p.session in ("s2", "s3", "s4")))
    hub = hub.add(
        Participation(id="pa-s2-h", session="s2", organisation="h"),
        Participation(id="pa-s2-f", session="s2", organisation="f"),
    )
    indicator = heart_report(hub, kind="table")["brokerage"]
    assert indicator.value == 0.0
    assert indicator.figures["node_share"] == 0.0
    assert any("no community-sector node in the network" in note for note in indicator.notes)

"""The heart report's reach indicator, by hand."""

from __future__ import annotations

import pytest

from coinnovation.heart import heart_report
from coinnovation.models import Community, Hub, Participation, Person, Session
from tests.heart.helpers import process_hub


def test_reach_by_hand() -> None:
    # People who took part: p-res (own community com-1, decile 1) and p-dev (no own
    # community; the firm's com-2, decile 5) → people_share 1/2.
    # Population with a population recorded: 1000 + 3000 + 1000 = 5000, of which in
    # deciles 1-3: com-1's 1000 (com-3 has no population) → 1/5. Ratio 5/2.
    # com-3 (decile 2) has no participant: unreached.
    indicator = heart_report(process_hub())["reach"]
    assert indicator.value == pytest.approx(2.5)
    assert indicator.figures["people_share"] == 0.5
    assert indicator.figures["population_share"] == pytest.approx(0.2)
    assert indicator.flags == ("com-3",)
    assert set(indicator.records) >= {"p-res", "p-dev", "f", "com-1"}
    assert "p-x" not in indicator.records
    rows = {row["community"]: row for row in indicator.details}
    assert rows["com-1"]["people"] == 1
    assert rows["com-1"]["deprived"] is True
    assert rows["com-4"]["deprived"] is None


def test_reach_needs_deciles_and_populations() -> None:
    hub = Hub(
        communities=(Community(id="c", name="C", population=10),),
        people=(Person(id="p", name="P", communities=("c",)),),
        sessions=(Session(id="s", name="S"),),
        participations=(Participation(id="pa", session="s", person="p"),),
    )
    indicator = heart_report(hub)["reach"]
    assert indicator.value is None
    assert any("no IMD decile" in note for note in indicator.notes)
    no_population = hub.replace(Community(id="c", name="C", imd_decile=1))
    indicator = heart_report(no_population)["reach"]
    assert indicator.value is None
    assert indicator.figures["people_share"] == 1.0
    assert any("no community population" in note for note in indicator.notes)


def test_reach_figures_are_none_not_zero_when_unrecorded() -> None:
    # No decile and no population anywhere: the deprived people and the populations are
    # unknown, not 0.
    hub = process_hub()
    hub = hub.replace(
        *(c.model_copy(update={"imd_decile": None, "population": None}) for c in hub.communities)
    )
    figures = heart_report(hub)["reach"].figures
    assert figures["deprived_people"] is None
    assert figures["population"] is None
    assert figures["deprived_population"] is None
    assert figures["people"] == 2  # p-res and p-dev took part

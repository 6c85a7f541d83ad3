"""The heart report's throughout indicator: by hand, and n/a rather than a false 0."""

from __future__ import annotations

import math

import pytest

from coinnovation.heart import heart_report
from coinnovation.heart._context import _stages_through
from coinnovation.models import Challenge, Hub, Organisation, Participation, Session
from tests.heart.helpers import process_hub


def test_session_context_inherits_from_the_nearest_ancestor() -> None:
    hub = Hub(
        challenges=(Challenge(id="ch-1", title="x"), Challenge(id="ch-2", title="y")),
        sessions=(
            Session(id="t", name="T", parent="w"),
            Session(id="w", name="W", parent="e", stage="ideation"),
            Session(id="e", name="E", challenges=("ch-1",), stage="framing"),
            Session(id="t2", name="T2", parent="w", challenges=("ch-2",)),
        ),
    )
    context = hub.session_context()
    assert context["e"] == (("ch-1",), "framing")
    assert context["w"] == (("ch-1",), "ideation")
    assert context["t"] == (("ch-1",), "ideation")
    assert context["t2"] == (("ch-2",), "ideation")


def test_stages_through() -> None:
    hub = process_hub()
    # From its history (it entered at ideation), not the hub's stages up to co_design.
    assert _stages_through(hub, hub.challenge("ch-a")) == ("ideation", "co_design")
    assert _stages_through(hub, hub.challenge("ch-b")) == ("framing", "ideation")
    assert _stages_through(hub, hub.challenge("ch-c")) == ("framing",)


def test_throughout_by_hand() -> None:
    # ch-a (history: ideation, co_design): c1 collaborates at table s-t1, which inherits
    #   ch-a and ideation from its workshop → ideation covered; c1 only consulted at the
    #   co_design session → below. share 1/2.
    # ch-b (no history, at ideation → framing, ideation): p-res involved at ideation.
    #   share 1/2.
    # ch-c (framing): p-res consulted, the firm collaborated → 0, flagged below threshold.
    # ch-d (framing): only the firm and the trust → 0, flagged absent.
    # ch-e (framing): c2 with no level → unknown (None, not 0), flagged level unrecorded.
    # Value = (1/2 + 1/2 + 0 + 0)/4 = 1/4, over the four challenges it is known for.
    indicator = heart_report(process_hub())["throughout"]
    assert indicator.value == pytest.approx(0.25)
    assert indicator.figures["measured"] == 4
    assert indicator.flagged["below_threshold"] == ("ch-c",)
    assert indicator.flagged["absent"] == ("ch-d",)
    assert indicator.flagged["level_unrecorded"] == ("ch-e",)
    assert indicator.flags == ("ch-c", "ch-e", "ch-d")
    rows = {row["challenge"]: row for row in indicator.details}
    assert rows["ch-a"]["stage_status"] == {"ideation": "covered", "co_design": "below"}
    assert rows["ch-b"]["stage_status"] == {"framing": "absent", "ideation": "covered"}
    assert rows["ch-e"]["unknown_level"] == 1
    assert indicator.figures["unknown_level"] == 1
    assert rows["ch-e"]["share"] is None
    assert indicator.figures["stages_covered"] == 2
    assert indicator.figures["stages_through"] == 6  # ch-e's stage is not measured
    assert indicator.sources == {"challenge": 5, "session": 6, "participation": 9}


def test_unknown_levels_can_count() -> None:
    # With unknown_level="count", c2's participation covers ch-e's framing: (1/2 + 1/2 + 1)/5.
    indicator = heart_report(process_hub(), unknown_level="count")["throughout"]
    assert indicator.value == pytest.approx(0.4)
    assert "ch-e" not in indicator.flags


def test_a_lower_threshold_covers_consultation() -> None:
    # At threshold consult: ch-a both stages, ch-b 1/2, ch-c 1, ch-d 0; ch-e unknown
    # → (1 + 1/2 + 1 + 0)/4.
    indicator = heart_report(process_hub(), level_threshold="consult")["throughout"]
    assert indicator.value == pytest.approx(0.625)
    assert indicator.flagged["below_threshold"] == ()


def test_participation_in_a_session_of_no_stage_is_unplaced() -> None:
    hub = Hub(
        organisations=(Organisation(id="c", name="C", sector="community"),),
        challenges=(Challenge(id="ch", title="x"),),
        sessions=(Session(id="s", name="S", challenges=("ch",)),),
        participations=(Participation(id="pa", session="s", organisation="c", level="empower"),),
    )
    indicator = heart_report(hub)["throughout"]
    assert indicator.value is None  # not 0: it took part, at a stage nobody recorded
    assert indicator.reason is not None
    assert "no known stage" in indicator.reason
    assert indicator.flagged["unplaced"] == ("ch",)
    assert indicator.details[0]["unplaced"] == 1


def _collaborating_without_stages() -> Hub:
    """Community members at "collaborate" in every session, but no session records a stage."""
    return Hub(
        name="no stages",
        organisations=(
            Organisation(id="c", name="Tenants", sector="community"),
            Organisation(id="f", name="Firm", sector="industry"),
        ),
        challenges=(Challenge(id="ch-1", title="One"), Challenge(id="ch-2", title="Two")),
        sessions=(
            Session(id="s-1", name="First", challenges=("ch-1",)),
            Session(id="s-2", name="Second", challenges=("ch-2",)),
        ),
        participations=(
            Participation(id="pa-1", session="s-1", organisation="c", level="collaborate"),
            Participation(id="pa-2", session="s-2", organisation="c", level="collaborate"),
            Participation(id="pa-3", session="s-2", organisation="f", level="inform"),
        ),
    )


def test_throughout_is_not_computable_when_no_session_carries_a_stage() -> None:
    report = heart_report(_collaborating_without_stages())
    indicator = report["throughout"]
    assert indicator.value is None
    assert indicator.reason is not None
    assert "stage" in indicator.reason
    assert indicator.figures["mean_share"] is None
    assert indicator.figures["pooled_share"] is None
    assert [row["share"] for row in indicator.details] == [None, None]
    assert indicator.flagged["unplaced"] == ("ch-1", "ch-2")
    # Every output says n/a with the reason, never 0.
    assert indicator.to_dict()["value"] is None
    assert indicator.to_dict()["reason"] == indicator.reason
    assert f"Throughout: n/a — {indicator.reason}" in " ".join(report.explain().split())
    summary = next(line for line in report.explain().splitlines() if "throughout" in line)
    assert "n/a — " in summary
    assert "0.000" not in summary
    frame = report.to_frame()
    assert frame.loc["throughout", "value"] is None or math.isnan(frame.loc["throughout", "value"])
    assert frame.loc["throughout", "reason"] == indicator.reason
    assert "n/a — " in report._repr_html_()


def test_throughout_is_not_computable_without_sessions_on_challenges() -> None:
    # Sessions that name no challenge: nobody's work on a challenge is recorded, so the
    # community cannot be said to be absent from it.
    hub = _collaborating_without_stages()
    hub = hub.replace(*(s.model_copy(update={"challenges": ()}) for s in hub.sessions))
    indicator = heart_report(hub)["throughout"]
    assert indicator.value is None
    assert indicator.reason is not None
    assert "Session.challenges" in indicator.reason
    assert indicator.details[0]["share"] is None
    assert indicator.details[0]["status"] == "no_work"


def test_throughout_averages_only_challenges_it_can_measure() -> None:
    # ch-1 gets a stage and is covered; ch-2 stays unplaced and is left out of the mean.
    hub = _collaborating_without_stages()
    hub = hub.replace(hub.session("s-1").model_copy(update={"stage": "framing"}))
    indicator = heart_report(hub)["throughout"]
    rows = {row["challenge"]: row for row in indicator.details}
    assert rows["ch-1"]["share"] == 1.0
    assert rows["ch-2"]["share"] is None
    assert indicator.value == 1.0
    assert indicator.figures["measured"] == 1
    assert any("1 of 2 challenges" in note for note in indicator.notes)


def test_unrecorded_levels_alone_do_not_make_a_zero() -> None:
    # The community took part in the framing of ch-1 with no level: we do not know
    # whether it met the threshold, so the challenge has no share (not 0).
    hub = _collaborating_without_stages()
    hub = hub.replace(
        hub.session("s-1").model_copy(update={"stage": "framing"}),
        hub.get("pa-1").model_copy(update={"level": None}),
    )
    indicator = heart_report(hub)["throughout"]
    assert indicator.details[0]["status"] == "level_unrecorded"
    assert indicator.details[0]["share"] is None
    assert indicator.value is None

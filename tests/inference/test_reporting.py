"""The heart report with p-values and intervals: the figures are the tests' own.

Independent computations: the attached p-values are recomputed here from the null
distributions :func:`heart_tests` returns for the same seed (``(1 + #{s_i >= s}) / (n +
1)``, counted in numpy), Holm's adjustment by hand for two p-values, and the intervals
from :func:`heart_bootstrap`'s rows and numpy quantiles of its resampled values. An
untested report must be the same, field for field and byte for byte, as before.
"""

from __future__ import annotations

import json

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coinnovation as co
from coinnovation.heart import HeartReport, Interval, Significance, heart_report
from coinnovation.inference import (
    HISTOGRAM_BINS,
    heart_bootstrap,
    heart_report_tested,
    heart_tests,
    significance_of,
)
from coinnovation.inference.results import NullTest
from coinnovation.privacy import Privacy
from tests.conftest import EXAMPLE

SECRET = "a secret of sixteen+ characters"


@pytest.fixture(scope="module")
def hub() -> co.Hub:
    return co.load(EXAMPLE)


@pytest.fixture(scope="module")
def tested(hub: co.Hub) -> HeartReport:
    return heart_report_tested(hub, kind="table", permutations=199, resamples=8, seed=3)


def test_p_values_are_those_of_heart_tests_for_the_same_seed(
    hub: co.Hub, tested: HeartReport
) -> None:
    family = heart_tests(hub, kind="table", permutations=199, seed=3)
    expected: list[float] = []
    for name in ("centrality", "brokerage"):
        test = family[name]
        null = np.asarray(test.null)
        observed = test.observed
        assert observed is not None
        hits = int(np.count_nonzero(null >= observed - 1e-9 * max(1, abs(observed))))
        significance = tested[name].significance
        assert significance is not None
        assert significance.hits == hits
        assert significance.p_value == pytest.approx((1 + hits) / (1 + null.size), abs=1e-15)
        assert significance.permutations == 199 == null.size
        assert significance.alternative == "greater"
        assert significance.null_mean == pytest.approx(float(null.mean()))
        assert significance.null_sd == pytest.approx(float(null.std(ddof=1)))
        assert significance.observed == pytest.approx(tested[name].value)
        assert significance.seed == 3
        assert sum(significance.counts) == null.size
        assert len(significance.bins) == HISTOGRAM_BINS + 1
        assert significance.bins[0] <= min(null.min(), observed)
        assert significance.bins[-1] >= max(null.max(), observed)
        assert significance.p_value is not None
        expected.append(significance.p_value)
    # Holm for two p-values, by hand: the smaller times 2, the larger at least that.
    low, high = sorted(expected)
    first = min(1.0, 2 * low)
    holm = {low: first, high: max(first, high)}
    for name, p in zip(("centrality", "brokerage"), expected, strict=True):
        significance = tested[name].significance
        assert significance is not None
        assert significance.p_holm == pytest.approx(holm[p])
    for name in ("throughout", "voice", "equal_partners", "reach"):
        assert tested[name].significance is None


def test_intervals_are_those_of_heart_bootstrap_for_the_same_seed(
    hub: co.Hub, tested: HeartReport
) -> None:
    result = heart_bootstrap(hub, kind="table", resamples=8, seed=3)
    for j, name in enumerate(result.nodes):
        interval = tested[str(name)].interval
        assert interval is not None
        column = np.asarray(result.values)[:, j]
        present = column[~np.isnan(column)]
        low, high = np.quantile(present, [0.025, 0.975])
        assert interval.low == pytest.approx(float(low))
        assert interval.high == pytest.approx(float(high))
        assert interval.resamples == 8
        assert interval.confidence == 0.95
        assert interval.undefined == int(np.isnan(column).sum())


def test_record_indicators_are_tested_when_asked(hub: co.Hub) -> None:
    report = heart_report_tested(
        hub, kind="table", permutations=19, seed=2, indicators=["voice", "centrality"]
    )
    family = heart_tests(hub, kind="table", permutations=19, seed=2, indicators=["voice"])
    voice = report["voice"].significance
    assert voice is not None
    assert voice.draws == family["voice"].draws
    assert voice.observed == pytest.approx(report["voice"].value)
    assert np.isclose(voice.null_mean or 0.0, float(np.mean(family["voice"].null)))
    assert report["brokerage"].significance is None
    assert report.options["tested"] == ["voice", "centrality"]


def test_a_record_indicator_with_other_options_is_refused(hub: co.Hub) -> None:
    with pytest.raises(ValueError, match="throughout is tested with the report's default"):
        heart_report_tested(
            hub,
            kind="table",
            permutations=9,
            seed=1,
            indicators=["throughout"],
            level_threshold="empower",
        )


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"permutations": 0, "resamples": 0}, ValueError),
        ({"permutations": -1}, ValueError),
        ({"permutations": True}, TypeError),
        ({"resamples": 1.5}, TypeError),
    ],
)
def test_bad_counts_are_refused(hub: co.Hub, options: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        heart_report_tested(hub, kind="table", **options)  # type: ignore[arg-type]


def test_untested_report_is_unchanged(hub: co.Hub) -> None:
    report = heart_report(hub, kind="table")
    again = report.with_inference()
    assert again.explain() == report.explain()
    assert json.dumps(again.to_dict(), default=str) == json.dumps(report.to_dict(), default=str)
    assert "significance" not in report.to_dict()["indicators"][0]
    assert report.columns == (
        "value",
        "reason",
        "scale",
        "neutral",
        "better",
        "key",
        "flags",
        "records",
        "notes",
    )
    assert "Chance:" not in report.explain()


def test_text_dict_and_frame_show_the_figures(tested: HeartReport) -> None:
    text = tested.explain()
    significance = tested["centrality"].significance
    interval = tested["centrality"].interval
    assert significance is not None
    assert interval is not None
    assert f"Chance: p = {significance.p_value:.2g} (seen in {significance.hits} of 199" in text
    assert f"95 % interval {interval.low:.2f} to {interval.high:.2f}" in text
    data = tested.to_dict()["indicators"][0]
    assert data["significance"]["p_value"] == significance.p_value
    assert data["significance"]["summary"] == significance.summary
    assert data["interval"]["low"] == interval.low
    json.dumps(tested.to_dict(), default=str)
    frame = tested.to_frame()
    assert frame.loc["centrality", "p_value"] == significance.p_value
    assert frame.loc["voice", "low"] == tested["voice"].interval.low  # type: ignore[union-attr]
    assert np.isnan(frame.loc["voice", "p_value"])
    assert frame.loc["brokerage", "chance"].startswith("p = ")
    assert tested.options["permutations"] == 199
    assert tested.options["resamples"] == 8


def test_shared_keeps_the_figures(hub: co.Hub, tested: HeartReport) -> None:
    shared = tested.shared(Privacy.for_hub(hub, secret=SECRET))
    assert shared["centrality"].significance == tested["centrality"].significance
    assert shared["voice"].interval == tested["voice"].interval


def test_with_inference_takes_plain_mappings_and_refuses_unknown_names(hub: co.Hub) -> None:
    report = heart_report(hub, kind="table")
    test = significance_of(NullTest("x", 1.0, [0.0, 2.0, 0.5], "labels", "draws", seed=1))
    filled = report.with_inference({"voice": attrs.asdict(test)}, {"reach": Interval(1, 2, 0.9, 5)})
    assert filled["voice"].significance == test
    assert isinstance(filled["voice"].significance, Significance)
    assert filled.tested
    assert filled.bootstrapped
    with pytest.raises(KeyError):
        report.with_inference({"nothing": test})


def test_significance_reads_the_side_and_the_reason() -> None:
    test = NullTest("x", -1.0, [0.0, 1.0, -2.0], "labels", "random relabellings", seed=1)
    less = significance_of(test, "less")
    assert less.p_value == test.p_less == 0.5
    assert less.summary == "p = 0.5 (seen in 1 of 3 random relabellings, as low or lower)"
    missing = significance_of(NullTest("x", None, [], "labels", "draws", reason="nobody"))
    assert missing.summary == "not tested — nobody"
    assert (missing.bins, missing.counts) == ((), ())


def test_the_notebook_table_shows_them_only_when_asked(hub: co.Hub, tested: HeartReport) -> None:
    significance = tested["centrality"].significance
    assert significance is not None
    assert significance.summary in tested._repr_html_()
    assert "uncertainty" in tested._repr_html_()
    plain = heart_report(hub, kind="table")._repr_html_()
    assert "chance" not in plain
    assert "uncertainty" not in plain


@settings(max_examples=40, deadline=None)
@given(
    hits=st.integers(0, 10_000),
    extra=st.integers(0, 10_000),
    exact=st.booleans(),
    low=st.floats(-1e6, 1e6),
    width=st.floats(0, 1e6),
    confidence=st.floats(0.01, 0.99),
)
def test_attached_data_survives_dict_and_mapping_round_trips(
    hits: int, extra: int, exact: bool, low: float, width: float, confidence: float
) -> None:
    permutations = hits + extra + 1
    p = hits / permutations if exact else (hits + 1) / (permutations + 1)
    test = Significance(p, "greater", hits, permutations, "labels", "draws", exact=exact)
    span = Interval(low, low + width, confidence, permutations)
    report = HeartReport("h", "community", {}, (heart_report(co.Hub())["voice"],))
    data = {k: v for k, v in test.to_dict().items() if k != "summary"}
    spans = {k: v for k, v in span.to_dict().items() if k != "summary"}
    filled = report.with_inference({"voice": data}, {"voice": spans})
    assert filled["voice"].significance == test
    assert filled["voice"].interval == span
    assert f"seen in {hits:,} of {permutations:,} draws" in filled.explain()
    row = filled.rows()[0]
    assert row["p_value"] == p
    assert row["low"] == low
    assert row["high"] == low + width


def test_a_plenary_left_out_is_left_out_of_the_tests_and_resamples_too() -> None:
    import coinnovation as co
    from coinnovation.heart import heart_report
    from coinnovation.inference import heart_report_tested

    hub = co.load("examples/walsall-2023/hub.json")
    plain = heart_report(hub, max_session_size=12)
    tested = heart_report_tested(hub, permutations=19, seed=1, max_session_size=12)
    assert tested.options["max_session_size"] == 12
    significance = tested["centrality"].significance
    assert significance is not None
    assert significance.observed == pytest.approx(plain["centrality"].value)

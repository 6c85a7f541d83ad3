"""Fairness checks: the Gini coefficient against independent formulas, and the report."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import MissingDependencyError
from coinnovation.models import Agreement, Cost, Money, Party
from coinnovation.sharing.fairness import FairnessReport, check_fairness, gini
from coinnovation.sharing.games import EXACT_LIMIT
from coinnovation.sharing.rounding import split
from coinnovation.sharing.rules import Allocation, Equal, Nucleolus, Proportional, Shapley

amounts_list = st.lists(st.integers(0, 10_000), min_size=1, max_size=30)
pots = st.integers(1, 10**8).map(lambda units: Decimal(units).scaleb(-2))


def double_sum(values: list[int]) -> float:
    """Independent: the mean absolute difference over all ordered pairs, halved, over μ."""
    x = np.asarray(values, dtype=float)
    if x.sum() == 0:
        return 0.0
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean()))


def lorenz(values: list[int]) -> float:
    """Independent: one minus twice the area under the Lorenz curve (trapezoids)."""
    x = np.sort(np.asarray(values, dtype=float))
    if x.sum() == 0:
        return 0.0
    curve = np.concatenate([[0.0], np.cumsum(x) / x.sum()])
    area = float(((curve[1:] + curve[:-1]) / 2).sum() / len(x))
    return 1 - 2 * area


# -- the Gini coefficient ----------------------------------------------------------------------


@given(amounts_list)
def test_gini_matches_the_double_sum_and_the_lorenz_curve(values: list[int]) -> None:
    assert gini(values) == pytest.approx(double_sum(values), abs=1e-12)
    assert gini(values) == pytest.approx(lorenz(values), abs=1e-12)


@given(amounts_list, st.integers(1, 1000), st.randoms())
def test_gini_is_bounded_and_ignores_scale_and_order(
    values: list[int], factor: int, rng: object
) -> None:
    n = len(values)
    assert 0 <= gini(values) <= (n - 1) / n
    assert gini([factor * x for x in values]) == pytest.approx(gini(values))
    shuffled = list(values)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert gini(shuffled) == gini(values)


@pytest.mark.parametrize("n", [1, 2, 5, 40])
def test_gini_extremes(n: int) -> None:
    assert gini([7] * n) == 0
    assert gini([0] * (n - 1) + [3]) == pytest.approx((n - 1) / n)
    assert gini([0] * n) == 0


def test_gini_worked_example_and_inputs() -> None:
    # |1-2| + |1-3| + |2-3| = 4, counted twice = 8; 2 n² μ = 2·9·2 = 36; G = 2/9.
    assert gini([1, 2, 3]) == pytest.approx(2 / 9)
    assert gini({"a": Decimal("1.5"), "b": Fraction(3, 1), "c": 4.5}) == pytest.approx(2 / 9)
    with pytest.raises(ValueError, match="at least one"):
        gini([])
    with pytest.raises(ValueError, match="not negative"):
        gini([1, -1])


# -- rewards against contributions --------------------------------------------------------------


@given(pots, st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 500), min_size=1))
def test_sharing_by_contributions_makes_everyone_an_equal_partner(
    amount: Decimal, contributions: dict[str, int]
) -> None:
    if not any(contributions.values()):
        contributions["a"] = 1
    allocation = Proportional(contributions).allocate(amount, currency="GBP")
    report = check_fairness(allocation, contributions, community=list(contributions))
    assert report.all_equal_partners is True
    assert report.efficient
    assert report.passed
    assert report.differences is not None
    for difference in report.differences.values():
        assert abs(difference) < Fraction(1, 100) / Fraction(amount)  # within one penny
    assert report.gini == pytest.approx(gini(report.shares.values()))


@given(pots, st.lists(st.integers(0, 100), min_size=2, max_size=8))
def test_reward_shares_and_contribution_shares_each_sum_to_one(
    amount: Decimal, weights: list[int]
) -> None:
    parties = [f"p{i}" for i in range(len(weights))]
    allocation = Equal().allocate(amount, parties, currency="GBP")
    contributions = dict(zip(parties, weights, strict=True))
    report = check_fairness(allocation, contributions)
    assert sum(report.reward_shares.values()) == 1
    if any(weights):
        assert report.contribution_shares is not None
        assert sum(report.contribution_shares.values()) == 1
        assert report.differences is not None
        assert sum(report.differences.values()) == 0
    else:
        assert report.contribution_shares is None


def test_equal_partners_with_a_tolerance() -> None:
    allocation = Equal().allocate(Decimal("100"), ["firm", "trust", "group"], currency="GBP")
    contributions = {"firm": 50, "trust": 15, "group": 35}
    # The group put in 35% and gets 33.3%: short by 1.7 points.
    strict = check_fairness(allocation, contributions, community=["trust", "group"])
    assert strict.equal_partners == {"trust": True, "group": False}
    assert strict.all_equal_partners is False
    assert not strict.passed
    lenient = check_fairness(
        allocation, contributions, community=["group"], tolerance=Decimal("0.02")
    )
    assert lenient.equal_partners == {"group": True}
    assert lenient.tolerance == Fraction(1, 50)
    assert lenient.passed
    assert check_fairness(
        allocation, contributions, community=["group"], tolerance=0.01
    ).equal_partners == {"group": False}


def test_ratios_and_parties_who_only_contributed() -> None:
    allocation = Proportional({"a": 1, "b": 1}).allocate(Decimal("10"), currency="GBP")
    report = check_fairness(allocation, {"a": 0, "b": 3, "helper": 1})
    assert report.parties == ("a", "b", "helper")
    assert report.shares["helper"] == 0
    assert report.ratios is not None
    assert report.ratios["a"] == math.inf
    assert report.ratios["b"] == pytest.approx((1 / 2) / (3 / 4))
    assert report.ratios["helper"] == 0
    nothing = check_fairness(
        Proportional({"a": 0, "b": 1}).allocate(Decimal("1"), currency="GBP"), {"a": 0, "b": 1}
    )
    assert nothing.ratios is not None
    assert math.isnan(nothing.ratios["a"])


def test_fairness_with_an_agreements_contributions() -> None:
    gbp = lambda x: Money(amount=Decimal(x), currency="GBP")  # noqa: E731
    deal = Agreement(
        id="ag-1",
        title="Pilot",
        parties=(Party(stakeholder="acme"), Party(stakeholder="whg")),
        costs=(
            Cost(party="acme", kind="cash", amount=gbp("900")),
            Cost(party="whg", kind="time", hours=Decimal("12")),
        ),
    )
    contributions = deal.contribution_values(time_rate=gbp("25"))
    allocation = Equal().allocate(Decimal("2000"), deal.party_ids, currency="GBP")
    report = check_fairness(allocation, contributions, community=["whg"])
    assert report.contribution_shares == {"acme": Fraction(3, 4), "whg": Fraction(1, 4)}
    assert report.equal_partners == {"whg": True}
    assert report.contribution_gini == pytest.approx(0.25)


def test_a_shared_loss_and_an_empty_pot() -> None:
    # The rules refuse a negative pot; a loss split by hand can still be checked.
    weights = {"a": 1, "b": 3}
    shares = split(Decimal("-4.00"), weights, currency="GBP")
    loss = Allocation("proportional", Decimal("-4.00"), "GBP", shares, weights, "weights")
    report = check_fairness(loss, {"a": 1, "b": 3})
    assert report.reward_shares == {"a": Fraction(1, 4), "b": Fraction(3, 4)}
    assert report.gini == pytest.approx(gini([1, 3]))
    empty = Proportional({"a": 1, "b": 3}).allocate(Decimal("0"), currency="GBP")
    assert check_fairness(empty).reward_shares == {"a": Fraction(1, 4), "b": Fraction(3, 4)}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"contributions": {"a": -1, "b": 1}}, "must not be negative"),
        ({"contributions": {"a": 1, "b": 1}, "tolerance": -0.1}, "tolerance must not"),
        ({"community": ["a"]}, "needs contributions"),
        ({"contributions": {"a": 1}, "community": ["zed"]}, "not parties"),
        ({"game": len, "players": ["a"]}, "leave out parties"),
    ],
)
def test_bad_input(kwargs: dict[str, object], message: str) -> None:
    allocation = Equal().allocate(Decimal("1"), ["a", "b"], currency="GBP")
    with pytest.raises(ValueError, match=message):
        check_fairness(allocation, **kwargs)  # type: ignore[arg-type]


def test_too_many_players_for_the_core() -> None:
    parties = list(range(EXACT_LIMIT + 1))
    allocation = Equal().allocate(Decimal("100"), parties, currency="GBP")
    with pytest.raises(ValueError, match="too many"):
        check_fairness(allocation, game=len)


# -- the core -----------------------------------------------------------------------------------

GLOVE = {
    ("L",): 0,
    ("R1",): 0,
    ("R2",): 0,
    ("L", "R1"): 60,
    ("L", "R2"): 60,
    ("R1", "R2"): 0,
    ("L", "R1", "R2"): 60,
}


def test_shapley_in_the_glove_game_is_blocked_and_the_nucleolus_is_not() -> None:
    shapley = check_fairness(Shapley(GLOVE).allocate(Decimal("60"), currency="GBP"), game=GLOVE)
    assert shapley.game_total == 60
    assert shapley.values_efficient is True
    assert shapley.in_core is False
    assert [(sorted(s), e) for s, e in shapley.blocking] == [
        (["L", "R1"], 10),
        (["L", "R2"], 10),
    ]
    assert not shapley.passed
    nucleolus = check_fairness(Nucleolus(GLOVE).allocate(Decimal("60"), currency="GBP"), game=GLOVE)
    assert nucleolus.in_core is True
    assert nucleolus.blocking == ()
    assert nucleolus.passed
    # Rules that are not game values are checked for the core, but not for v(N).
    equal = check_fairness(
        Equal().allocate(Decimal("60"), ["L", "R1", "R2"], currency="GBP"), game=GLOVE
    )
    assert equal.values_efficient is None
    assert equal.in_core is False


def test_the_core_uses_the_shares_applied_to_v_of_n() -> None:
    # Sharing 1.00 GBP of a game worth 60 as the nucleolus does: y = 60 · (1, 0, 0).
    report = check_fairness(Nucleolus(GLOVE).allocate(Decimal("1.00"), currency="GBP"), game=GLOVE)
    assert report.in_core is True
    assert "Core (the shares applied to v(N)): yes" in report.explain()


@st.composite
def convex_games(draw: st.DrawFn) -> tuple[list[str], dict[frozenset[str], int]]:
    """Sums of unanimity games with non-negative weights (convex, so Shapley is in the core)."""
    n = draw(st.integers(1, 5))
    players = [f"p{i}" for i in range(n)]
    carriers = draw(
        st.lists(
            st.tuples(st.sets(st.sampled_from(players), min_size=1), st.integers(1, 50)),
            min_size=1,
            max_size=6,
        )
    )
    v = {
        frozenset(members): sum(w for t, w in carriers if t <= set(members))
        for size in range(n + 1)
        for members in itertools.combinations(players, size)
    }
    return players, v


@given(pots, convex_games())
def test_shapley_and_nucleolus_of_convex_games_pass_the_core_check_after_rounding(
    amount: Decimal, game: tuple[list[str], dict[frozenset[str], int]]
) -> None:
    players, v = game
    for rule in (Shapley(v, players), Nucleolus(v, players)):
        report = check_fairness(rule.allocate(amount, currency="GBP"), game=v)
        assert report.in_core, report.explain()
        assert report.values_efficient
        assert report.efficient


def test_players_beyond_the_allocation_get_nothing_in_the_core() -> None:
    # A third player the allocation leaves out: alone with either partner it is worth 5.
    v = lambda s: {0: 0, 1: 0, 2: 5, 3: 8}[len(s)]  # noqa: E731
    allocation = Equal().allocate(Decimal("8"), ["a", "b"], currency="GBP")
    report = check_fairness(allocation, game=v, players=["a", "b", "c"])
    assert report.in_core is False
    assert {frozenset({"a", "c"}), frozenset({"b", "c"})} == {s for s, _ in report.blocking}


# -- output --------------------------------------------------------------------------------------


def test_explain_to_dict_and_to_frame() -> None:
    allocation = Shapley(GLOVE).allocate(Decimal("60"), currency="GBP")
    report = check_fairness(
        allocation, {"L": 10, "R1": 0, "R2": 5}, community=["R1", "R2"], game=GLOVE
    )
    assert isinstance(report, FairnessReport)
    assert report.explain().splitlines() == [
        "Fairness of 60.00 GBP shared by the shapley rule among 3 parties:",
        "  The shares add up exactly to the amount: yes.",
        "  Gini coefficient of the shares: 0.333 (0 = all equal; 0.667 = one party gets "
        "everything).",
        "  Gini coefficient of the contributions: 0.444.",
        "  Reward share: Shapley allocation of 60.00 GBP.",
        "  Contribution share: the contributions given.",
        "  Reward share against contribution share:",
        "    L: 66.7% of the reward for 66.7% of the contributions (ratio 1.00, 0.0 points)",
        "    R1: 16.7% of the reward for 0.0% of the contributions (ratio inf, +16.7 points);"
        " community party: an equal partner",
        "    R2: 16.7% of the reward for 33.3% of the contributions (ratio 0.50, -16.7 "
        "points); community party: NOT an equal partner",
        "  Equal partners: no - R2 gets less than its share of the contributions (tolerance "
        "0.0 points).",
        "  The game's worth v(N): 60.",
        "  The Shapley values add up to v(N): yes.",
        "  Core: no - 2 groups of parties could get more on their own:",
        "    {L, R1} would gain 10",
        "    {L, R2} would gain 10",
    ]
    data = report.to_dict()
    assert data["passed"] is False
    assert data["blocking"] == [
        {"coalition": ["L", "R1"], "excess": 10.0},
        {"coalition": ["L", "R2"], "excess": 10.0},
    ]
    assert data["parties"]["R2"] == {
        "share": Decimal("10.00"),
        "reward_share": pytest.approx(1 / 6),
        "contribution": 5.0,
        "contribution_share": pytest.approx(1 / 3),
        "ratio": 0.5,
        "difference": pytest.approx(-1 / 6),
        "community": True,
        "equal_partner": False,
    }
    frame = report.to_frame()
    assert frame.index.name == "party"
    assert list(frame.index) == ["L", "R1", "R2"]
    assert frame.loc["R2", "equal_partner"] is False
    assert frame.loc["L", "equal_partner"] is None


def test_explain_without_contributions_or_with_zero_contributions() -> None:
    allocation = Equal().allocate(Decimal("3"), ["a", "b", "c"], currency="GBP")
    lines = check_fairness(allocation).explain().splitlines()
    assert lines == [
        "Fairness of 3.00 GBP shared by the equal rule among 3 parties:",
        "  The shares add up exactly to the amount: yes.",
        "  Gini coefficient of the shares: 0.000 (0 = all equal; 0.667 = one party gets "
        "everything).",
    ]
    zero = check_fairness(allocation, {"a": 0}).explain()
    assert "The contributions are all 0: there is nothing to compare with." in zero
    one = check_fairness(Equal().allocate(Decimal("3"), ["solo"], currency="GBP")).explain()
    assert one.startswith("Fairness of 3.00 GBP shared by the equal rule among 1 party:")


def test_explain_lists_at_most_ten_blocking_coalitions() -> None:
    players = [f"p{i}" for i in range(6)]
    v = lambda s: 10 * len(s) if len(s) < 6 else 6  # noqa: E731
    allocation = Equal().allocate(Decimal("6"), players, currency="GBP")
    report = check_fairness(allocation, game=v)
    assert len(report.blocking) == 62
    text = report.explain().splitlines()
    assert text[-1] == "    ... and 52 more"
    assert "  Core: no - 62 groups of parties could get more on their own:" in text
    single = check_fairness(
        Equal().allocate(Decimal("2"), ["a", "b"], currency="GBP"),
        game=lambda s: 3 if s == {"a"} else len(s),
    )
    assert "  Core: no - 1 group of parties could get more on its own:" in single.explain()


def test_to_frame_needs_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    report = check_fairness(Equal().allocate(Decimal("1"), ["a"], currency="GBP"))
    with pytest.raises(MissingDependencyError, match="pandas"):
        report.to_frame()

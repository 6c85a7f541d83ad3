"""NullTest's p-values against hand counts, and holm against Holm's procedure run by brute force."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.inference import NullTest, holm

# -- NullTest ----------------------------------------------------------------------------------


def test_p_values_by_hand() -> None:
    # Observed 3; draws 1, 3, 5, 2, 4. At least as high: 3, 5, 4 (3 draws); at most: 1, 3, 2
    # (3); mean 3, so every draw is as far from it as the observed value (0): 5.
    test = NullTest("x", 3.0, [1, 3, 5, 2, 4], "labels", "draws", seed=4)
    assert test.p_greater == pytest.approx((3 + 1) / (5 + 1))
    assert test.p_less == pytest.approx((3 + 1) / (5 + 1))
    assert test.p_two_sided == pytest.approx((5 + 1) / (5 + 1))
    assert test.null_mean == 3.0
    assert test.null_sd == pytest.approx(math.sqrt(2.5))
    # Observed 6: nothing as high (1/6); everything as low (6/6); |6 - 3| = 3: nothing as far.
    high = NullTest("x", 6.0, [1, 3, 5, 2, 4], "labels", "draws")
    assert (high.p_greater, high.p_less, high.p_two_sided) == pytest.approx((1 / 6, 1, 1 / 6))


def test_exact_p_values_are_plain_fractions() -> None:
    # Every labelling, the observed one among them: 2 of 4 at least as high.
    test = NullTest("x", 2.0, [0, 2, 1, 3], "labels", "labellings", exact=True)
    assert test.p_greater == 0.5
    assert test.p_less == 0.75
    # mean 1.5: |0-1.5| = 1.5 >= 0.5, |2-1.5| = 0.5, |1-1.5| = 0.5, |3-1.5| = 1.5: all 4.
    assert test.p_two_sided == 1.0


def test_values_equal_up_to_rounding_count_as_equal() -> None:
    test = NullTest("x", 0.3, [0.1 + 0.2, 0.0], "labels", "draws")  # 0.30000000000000004
    assert test.p_greater == pytest.approx(2 / 3)
    assert test.p_less == 1.0


def test_no_observed_value_gives_no_p_values() -> None:
    test = NullTest("x", None, [1.0, 2.0], "labels", "draws", reason="no ties", undefined=3)
    assert test.p_greater is test.p_less is test.p_two_sided is None
    assert test.reading() == "x: not computed — no ties"
    with pytest.raises(ValueError, match="alternative"):
        test.p_value("both")


@given(
    st.floats(-10, 10, allow_nan=False),
    st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=40),
)
def test_p_values_count_the_draws(observed: float, draws: list[float]) -> None:
    """With values far from each other's rounding, the p-values are the plain counts."""
    test = NullTest("x", observed, draws, "labels", "draws")
    values = np.asarray(draws)
    slack = 1e-9 * max(1.0, abs(observed))
    greater = int((values >= observed - slack).sum())
    less = int((values <= observed + slack).sum())
    assert test.p_greater == (greater + 1) / (len(draws) + 1)
    assert test.p_less == (less + 1) / (len(draws) + 1)
    assert 0 < test.p_two_sided <= 1  # type: ignore[operator]
    assert test.permutations == len(draws)


def test_reading_says_how_often() -> None:
    test = NullTest("E-I index", -0.5, [0.0] * 9_999 + [-0.6], "labels", "relabellings")
    assert test.reading().startswith(
        "E-I index = -0.5; as low or lower in 1 of 10,000 relabellings (p = 0.0002, one-sided"
    )


# -- holm ---------------------------------------------------------------------------------------


def _holm_rejects(p_values: list[float], alpha: float) -> set[int]:
    """Holm's step-down procedure at level alpha: reject while p_(k) <= alpha / (m - k + 1)."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    m = len(p_values)
    rejected: set[int] = set()
    for k, i in enumerate(order):
        if p_values[i] <= alpha / (m - k) * (1 + 1e-12):
            rejected.add(i)
        else:
            break
    return rejected


def _brute_force_holm(p_values: list[float]) -> list[float]:
    """Each adjusted p-value: the smallest level at which the procedure rejects it (1 if none)."""
    m = len(p_values)
    levels = sorted({min(1.0, (m - k) * p) for p in p_values for k in range(m)} | {1.0})
    adjusted = []
    for i in range(m):
        adjusted.append(next((a for a in levels if i in _holm_rejects(p_values, a)), 1.0))
    return adjusted


@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=8))
def test_holm_is_the_smallest_level_at_which_the_procedure_rejects(p_values: list[float]) -> None:
    assert holm(p_values) == pytest.approx(_brute_force_holm(p_values), abs=1e-12)


def test_holm_by_hand() -> None:
    # m = 3: 0.01 * 3 = 0.03; then max(0.03, 0.03 * 2) = 0.06; then max(0.06, 0.04 * 1).
    assert holm([0.04, 0.01, 0.03]) == pytest.approx([0.06, 0.03, 0.06])
    assert holm([None, 0.5, None]) == [None, 0.5, None]
    assert holm([]) == []
    with pytest.raises(ValueError, match="p-value 1"):
        holm([0.1, 1.5])

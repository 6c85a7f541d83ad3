"""The ``share`` command's output: amounts it cannot share, and how it writes money and shares."""

from __future__ import annotations

import pytest

from coinnovation.cli import main
from tests.conftest import EXAMPLE


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """A secret from the environment, so no secret file is made beside the example."""
    monkeypatch.setenv("COINNOVATION_SECRET", "a secret of sixteen+ characters")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "-5 must not be negative"),
        ("0.001", "0.001 is finer than the GBP minor unit (0.01)"),
        ("1e999999", "1e999999 is not between 0 and 1,000,000,000,000,000"),
    ],
)
def test_an_amount_it_cannot_share_is_a_misuse(
    capsys: pytest.CaptureFixture[str], amount: str, message: str
) -> None:
    status, out, err = run(capsys, "share", str(EXAMPLE), "ag-01", "--amount", amount)
    assert status == 2
    assert out == ""
    assert "Invalid value for '--amount':" in err
    assert message in err
    assert "Traceback" not in err


def test_the_demo_share_writes_money_and_shares_one_way(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(
        capsys, "share", str(EXAMPLE), "ag-01", "--rule", "shapley", "--amount", "20000"
    )
    assert status == 0
    assert "20,000.00 GBP shared in proportion to each party's Shapley value" in out
    assert "  o-glucora: 10,773.81 GBP (Shapley value 12,066.67 GBP of 22,400.00 GBP, 53.9%)" in (
        out
    )
    assert "would gain 800.00 GBP" in out
    assert "799.998" not in out
    assert "-0.0" not in out
    status, out, _ = run(
        capsys, "share", str(EXAMPLE), "ag-01", "--rule", "proportional", "--amount", "1000"
    )
    assert "(ratio 1.00, 0.0 points)" in out
    assert "-0.00 points" not in out

"""The ``share`` command's output: amounts it cannot share, and how it writes money and shares."""

from __future__ import annotations

import pytest

from coinnovation.cli import main
from tests.conftest import EXAMPLE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "-5 must not be negative"),
        ("0.001", "0.001 is finer than the GBP minor unit (0.01)"),
        ("1e999999", "has too many digits"),
    ],
)
def test_an_amount_it_cannot_share_is_a_misuse(
    capsys: pytest.CaptureFixture[str], amount: str, message: str
) -> None:
    status, out, err = run(capsys, "share", str(EXAMPLE), "ag-01", "--amount", amount)
    assert status == 2
    assert out == ""
    assert "Invalid value for --amount:" in err
    assert message in err
    assert "Traceback" not in err

"""What the register tests share: writing a register, locating problems, the data files."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from coinnovation.io.registers import RegisterError

ROOT = Path(__file__).resolve().parents[3]
DAVIS_SOURCE = ROOT / "docs" / "data" / "davis_attendance.csv"
DAVIS_SIGN_IN = ROOT / "docs" / "data" / "davis_sign_in.csv"


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # Excel's dialect: cells with CR or LF are quoted
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def located(error: RegisterError) -> list[tuple[int | None, str | None]]:
    return [(problem.row, problem.column) for problem in error.problems]


HEADER = ["Name", "Organisation", "Session", "Date", "Role"]

#: Two days of sessions, for the property tests.
DAYS = [date(2023, 6, 22), date(2023, 6, 29)]

"""The hand-written workshop register several register tests read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.io.registers.helpers import write


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    return write(
        tmp_path / "sign-in.csv",
        [
            [
                "Name",
                "Organisation",
                "Session",
                "Date",
                "Role",
                "Sector",
                "Email",
                "Hours",
                "Level",
                "Consent",
                "Start",
                "End",
            ],
            [
                "Dr Ana Silva",
                "Walsall Housing Group",
                "Workshop 1",
                "22/06/2023",
                "facilitator",
                "community",
                "ana@whg.example",
                "2",
                "collaborate",
                "yes",
                "10:00",
                "12:30",
            ],
            [
                "Ben Okafor",
                "Acme Health",
                "Workshop 1",
                "22/06/2023",
                "presenter; innovator",
                "industry",
                "",
                "1.5",
                "",
                "",
                "",
                "",
            ],
            [
                "Cy Ward",
                "",
                "Workshop 1",
                "22/06/2023",
                "",
                "community",
                "",
                "",
                "",
                "excluded",
                "",
                "",
            ],
            [
                "ana silva",
                "Walsall Housing Group",
                "Workshop 2",
                "2023-06-29",
                "participant",
                "",
                "",
                "",
                "involve",
                "",
                "",
                "",
            ],
        ],
    )

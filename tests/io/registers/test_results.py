"""What reading a register returns, and its errors."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from coinnovation.io.registers import (
    NearDuplicate,
    RegisterError,
    RegisterImport,
    RowProblem,
    read_register,
)

# -- the result and the errors -----------------------------------------------------------------


def test_report_is_json_ready_and_errors_pickle(workshop: Path, tmp_path: Path) -> None:
    result = read_register(workshop)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["rows"] == 4
    assert data["added"]["person"] == ["p-ana-silva", "p-ben-okafor", "p-cy-ward"]
    assert result.summary().splitlines()[:3] == [
        f"{workshop}: 4 rows read, 4 imported, 0 skipped",
        "added: 3 people, 2 organisations, 2 memberships, 2 sessions, 4 participations",
        "reused: nothing",
    ]
    error = RegisterError("r.csv", [RowProblem("r.csv", 2, "Date", "bad")])
    back = pickle.loads(pickle.dumps(error))
    assert isinstance(back, RegisterError)
    assert back.problems == error.problems
    assert str(back) == str(error)
    assert (
        repr(error.problems[0]) == "RowProblem(path='r.csv', row=2, column='Date', message='bad')"
    )
    assert RowProblem("r.csv", None, None, "empty").kind == "file"
    pair = NearDuplicate("person", ("a", "b"), ("A", "B"), ((), ()), 0.9, "x")
    assert json.loads(json.dumps(pair.to_dict()))["ids"] == ["a", "b"]
    assert isinstance(result, RegisterImport)

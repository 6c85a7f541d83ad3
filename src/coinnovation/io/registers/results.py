"""What reading a register gives: the result, and the rows and names it reports.

:class:`RegisterImport` is what :func:`~coinnovation.io.registers.read_register` returns:
the new hub and a report of every decision — the records added and reused, the rows
skipped (:class:`SkippedRow`), the names that look alike but were kept apart
(:class:`NearDuplicate`) and the warnings.

Examples:
    >>> from coinnovation.models import Hub
    >>> print(RegisterImport(Hub(), "r.csv", 1, {"person": ("p-a",)}, {}).summary())
    r.csv: 1 rows read, 1 imported, 0 skipped
    added: 1 person
    reused: nothing
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

import attrs

from coinnovation.errors import RegisterError, RowProblem
from coinnovation.models.hub import Hub
from coinnovation.models.records import FIELD_OF_KIND

__all__ = ["NearDuplicate", "RegisterImport", "SkippedRow"]

_KINDS: Final = ("person", "organisation", "membership", "session", "participation")


# -- problems ------------------------------------------------------------------------------


@attrs.frozen
class SkippedRow:
    """A row left out by ``skip_bad_rows=True``, with what it held and why.

    Attributes:
        row: The row number.
        values: Its cells, by column header (as text).
        problems: Why it was left out.

    Examples:
        >>> skipped = SkippedRow(4, {"Name": ""}, (RowProblem("r.csv", 4, "Name", "empty name"),))
        >>> print(skipped)
        row 4: column "Name": empty name
    """

    row: int
    values: Mapping[str, str]
    problems: tuple[RowProblem, ...]

    def __str__(self) -> str:
        reasons = "; ".join(_without_path(problem) for problem in self.problems)
        return f"row {self.row}: {reasons}"

    def to_dict(self) -> dict[str, Any]:
        """The skipped row as JSON-ready data.

        Examples:
            >>> SkippedRow(4, {"Name": ""}, ()).to_dict()
            {'row': 4, 'values': {'Name': ''}, 'problems': []}
        """
        return {
            "row": self.row,
            "values": dict(self.values),
            "problems": [problem.to_dict() for problem in self.problems],
        }


def _without_path(problem: RowProblem) -> str:
    where = f'column "{problem.column}": ' if problem.column is not None else ""
    return where + problem.message


def _file_error(source: str, message: str, row: int | None = None) -> RegisterError:
    return RegisterError(source, [RowProblem(source, row, None, message)])


@attrs.frozen
class NearDuplicate:
    """Two people, organisations or sessions whose names are alike but were kept apart.

    Sessions are compared only with sessions on the same day (in the register's time
    zone): "Workshop 2" and "Worksop 2" on one day are likely one session split by a typo,
    while the same name on two days is a series.

    Attributes:
        kind: ``"person"``, ``"organisation"`` or ``"session"``.
        ids: The two records' ids.
        names: Their names, as written.
        rows: The register rows naming each (empty for a record already in the hub).
        similarity: :class:`difflib.SequenceMatcher` ratio of the normalised names.
        reason: Why they look alike.
        day: For sessions, the day both are on (``None`` for people and organisations).

    Examples:
        >>> pair = NearDuplicate("person", ("p-anna-smith", "p-ana-smith"),
        ...                      ("Anna Smith", "Ana Smith"), ((2,), (5, 9)), 0.947,
        ...                      "similar spelling")
        >>> print(pair)
        person "Anna Smith" (p-anna-smith, row 2) and "Ana Smith" (p-ana-smith, rows 5, 9): similar spelling (similarity 0.947)
        >>> from datetime import date
        >>> print(NearDuplicate("session", ("s-w2", "s-2024-05-16-worksop-2"),
        ...                     ("Workshop 2", "Worksop 2"), ((), (3,)), 0.947,
        ...                     "similar spelling", date(2024, 5, 16)))
        session "Workshop 2" (s-w2, in the hub) and "Worksop 2" (s-2024-05-16-worksop-2, row 3) on 2024-05-16: similar spelling (similarity 0.947)
    """

    kind: str
    ids: tuple[str, str]
    names: tuple[str, str]
    rows: tuple[tuple[int, ...], tuple[int, ...]]
    similarity: float
    reason: str
    day: date | None = None

    def __str__(self) -> str:
        def one(index: int) -> str:
            rows = self.rows[index]
            if not rows:
                where = "in the hub"
            else:
                where = ("row " if len(rows) == 1 else "rows ") + ", ".join(map(str, rows))
            return f'"{self.names[index]}" ({self.ids[index]}, {where})'

        on = f" on {self.day.isoformat()}" if self.day is not None else ""
        return (
            f"{self.kind} {one(0)} and {one(1)}{on}: {self.reason} "
            f"(similarity {self.similarity:.3f})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The pair as JSON-ready data.

        Examples:
            >>> NearDuplicate("organisation", ("o-a", "o-b"), ("A", "B"), ((), (3,)), 0.5,
            ...               "x").to_dict()["rows"]
            [[], [3]]
        """
        return {
            "kind": self.kind,
            "ids": list(self.ids),
            "names": list(self.names),
            "rows": [list(rows) for rows in self.rows],
            "similarity": self.similarity,
            "reason": self.reason,
            "day": self.day.isoformat() if self.day is not None else None,
        }


# -- the result ----------------------------------------------------------------------------


def _count(counts: Mapping[str, Sequence[str]]) -> str:
    parts = []
    for kind in _KINDS:
        number = len(counts.get(kind, ()))
        if number:
            parts.append(f"{number} {kind if number == 1 else FIELD_OF_KIND[kind]}")
    return ", ".join(parts) or "nothing"


@attrs.frozen
class RegisterImport:
    r"""What :func:`read_register` did: the new hub, and a report of every decision.

    Attributes:
        hub: The new hub (the one given as ``into`` is unchanged).
        path: The register.
        rows: How many rows below the header held something.
        added: For each kind (``person``, ``organisation``, ``membership``, ``session``,
            ``participation``), the ids of the records created.
        reused: For each kind, the ids of records the hub already held that rows named.
        skipped: The rows left out (only with ``skip_bad_rows=True``).
        near_duplicates: Alike names kept apart (people, organisations, and sessions on
            the same day): check them, merge by hand if the same.
        warnings: What was imported but deserves a look: formula-like cells, repeated
            rows, values that differ from the hub's, ignored columns.

    Examples:
        >>> import pathlib, tempfile
        >>> from coinnovation.io.registers import read_register
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "r.csv"
        ...     _ = path.write_text("Name,Event,Date\nAna,Launch,2023-06-22\n")
        ...     result = read_register(path)
        >>> {kind: len(ids) for kind, ids in result.added.items()}
        {'person': 1, 'organisation': 0, 'membership': 0, 'session': 1, 'participation': 1}
        >>> result.imported
        1
    """

    hub: Hub
    path: str
    rows: int
    added: Mapping[str, tuple[str, ...]]
    reused: Mapping[str, tuple[str, ...]]
    skipped: tuple[SkippedRow, ...] = ()
    near_duplicates: tuple[NearDuplicate, ...] = ()
    warnings: tuple[RowProblem, ...] = ()

    @property
    def imported(self) -> int:
        """How many rows were imported (read, less those skipped).

        Examples:
            >>> from coinnovation.models import Hub
            >>> RegisterImport(Hub(), "r.csv", 3, {}, {}).imported
            3
        """
        return self.rows - len(self.skipped)

    def summary(self) -> str:
        """A plain-text report: counts, skipped rows, near-duplicates and warnings.

        Examples:
            >>> from coinnovation.models import Hub
            >>> print(RegisterImport(Hub(), "r.csv", 2, {"person": ("p-a", "p-b")},
            ...                      {"session": ("s-1",)}).summary())
            r.csv: 2 rows read, 2 imported, 0 skipped
            added: 2 people
            reused: 1 session
        """
        lines = [
            f"{self.path}: {self.rows} rows read, {self.imported} imported, "
            f"{len(self.skipped)} skipped",
            f"added: {_count(self.added)}",
            f"reused: {_count(self.reused)}",
        ]
        if self.skipped:
            lines.append("skipped rows:")
            lines.extend(f"  {skipped}" for skipped in self.skipped)
        if self.near_duplicates:
            lines.append("near-duplicates, kept apart (merge them by hand if they are the same):")
            lines.extend(f"  {pair}" for pair in self.near_duplicates)
        if self.warnings:
            lines.append("warnings:")
            lines.extend(
                f"  {'row ' + str(w.row) + ': ' if w.row is not None else ''}{_without_path(w)}"
                for w in self.warnings
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (without the hub).

        Examples:
            >>> from coinnovation.models import Hub
            >>> RegisterImport(Hub(), "r.csv", 0, {}, {}).to_dict()["added"]
            {'person': [], 'organisation': [], 'membership': [], 'session': [], 'participation': []}
        """
        return {
            "register": self.path,
            "rows": self.rows,
            "imported": self.imported,
            "added": {kind: list(self.added.get(kind, ())) for kind in _KINDS},
            "reused": {kind: list(self.reused.get(kind, ())) for kind in _KINDS},
            "skipped": [skipped.to_dict() for skipped in self.skipped],
            "near_duplicates": [pair.to_dict() for pair in self.near_duplicates],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }

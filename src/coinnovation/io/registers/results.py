"""What reading a register gives: the result, and the rows and names it reports.

:class:`RegisterImport` is what :func:`~coinnovation.io.registers.read_register` returns:
the new hub and a report of every decision — the records added and reused, the rows
skipped (:class:`SkippedRow`), the names shared by several records or alike but kept apart
(:class:`NameGroup`, each with the names alike to it, :class:`AlikeName`; pair by pair,
:class:`NearDuplicate`) and the warnings.

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
from functools import cached_property
from typing import Any, Final, Protocol

import attrs

from coinnovation.errors import RegisterError, RowProblem
from coinnovation.models.hub import Hub
from coinnovation.models.records import FIELD_OF_KIND

__all__ = ["AlikeName", "NameGroup", "NearDuplicate", "RegisterImport", "SkippedRow"]

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
        return _pair_line(
            self.kind,
            _record(self.names[0], self.ids[0], self.rows[0]),
            _record(self.names[1], self.ids[1], self.rows[1]),
            self.day,
            self.reason,
            self.similarity,
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


def _where(rows: Sequence[int]) -> str:
    if not rows:
        return "in the hub"
    return ("row " if len(rows) == 1 else "rows ") + ", ".join(map(str, rows))


def _record(name: str, record_id: str, rows: Sequence[int]) -> str:
    return f'"{name}" ({record_id}, {_where(rows)})'


def _pair_line(
    kind: str, first: str, second: str, day: date | None, reason: str, similarity: float
) -> str:
    on = f" on {day.isoformat()}" if day is not None else ""
    return f"{kind} {first} and {second}{on}: {reason} (similarity {similarity:.3f})"


#: The reason given for records with one normalised name and different ids.
_SAME_NAME: Final = "the same name, different ids"


@attrs.frozen
class AlikeName:
    """A name that looks like a :class:`NameGroup`'s name: which, and why.

    Attributes:
        key: Its normalised form (:func:`~coinnovation.io.registers.normalise_name`), the
            :attr:`NameGroup.key` of its own group.
        name: The name as first written.
        similarity: :class:`difflib.SequenceMatcher` ratio of the two normalised names (the
            group's name first).
        reason: Why they look alike.

    Examples:
        >>> AlikeName("ana smith", "Ana Smith", 0.947, "similar spelling").to_dict()
        {'key': 'ana smith', 'name': 'Ana Smith', 'similarity': 0.947, 'reason': 'similar spelling'}
    """

    key: str
    name: str
    similarity: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The alike name as JSON-ready data (see the class's example)."""
        return {
            "key": self.key,
            "name": self.name,
            "similarity": self.similarity,
            "reason": self.reason,
        }


@attrs.frozen
class NameGroup:
    """One name of people, organisations or sessions that needs a look, with its records.

    A register's names are reported by *name*, not pair by pair: the records one normalised
    name stands for (several ids with one name are likely one person entered twice, or
    namesakes), and the other names that look like it. Twenty thousand people sharing a
    few hundred names give a few hundred groups, where the pairs of records
    (:attr:`RegisterImport.near_duplicates`) would number millions.

    Each pair of alike names is listed once, in the group of the name the register (or the
    hub) names first; the other name has a group of its own, holding its records. Sessions
    are compared only with sessions on the same day.

    Attributes:
        kind: ``"person"``, ``"organisation"`` or ``"session"``.
        key: The normalised name (:func:`~coinnovation.io.registers.normalise_name`).
        ids: The records called by this name: the hub's first, then the new ones in the
            order the register names them.
        names: Each record's name, as written.
        rows: The register rows naming each record (empty for a record already in the hub).
        alike: The names alike to this one that are named after it.
        day: For sessions, the day (``None`` for people and organisations).

    Examples:
        >>> group = NameGroup("person", "anna smith", ("p-anna-smith", "x-7"),
        ...                   ("Anna Smith", "ANNA SMITH"), ((2, 4), (6,)),
        ...                   (AlikeName("ana smith", "Ana Smith", 0.947, "similar spelling"),))
        >>> print(group)
        person "Anna Smith" (p-anna-smith, rows 2, 4) and "ANNA SMITH" (x-7, row 6): the same name, different ids (similarity 1.000)
        person "Anna Smith" (2 people) and "Ana Smith": similar spelling (similarity 0.947)
        >>> group.name, group.shared
        ('Anna Smith', True)
    """

    kind: str
    key: str
    ids: tuple[str, ...]
    names: tuple[str, ...]
    rows: tuple[tuple[int, ...], ...]
    alike: tuple[AlikeName, ...] = ()
    day: date | None = None

    @property
    def name(self) -> str:
        """The name as first written."""
        return self.names[0]

    @property
    def shared(self) -> bool:
        """Whether several records have the name, one of them new (then it is reported).

        Records the hub already held are not reported among themselves: two of them with
        one name only show in the group beside a new one.
        """
        return len(self.ids) > 1 and any(self.rows)

    def _side(self) -> str:
        if len(self.ids) == 1:
            return _record(self.names[0], self.ids[0], self.rows[0])
        return f'"{self.names[0]}" ({len(self.ids)} {FIELD_OF_KIND[self.kind]})'

    def lines(self, others: Mapping[str, NameGroup] | None = None) -> list[str]:
        """The group as lines of text: its shared name, then each alike name.

        Args:
            others: The groups of the alike names, by key, to show their records too.

        Returns:
            One line for the records sharing the name (if :attr:`shared`), one per alike name.

        Examples:
            >>> ana = NameGroup("person", "ana", ("p-ana",), ("Ana",), ((3,),))
            >>> anna = NameGroup("person", "anna", ("p-anna",), ("Anna",), ((2,),),
            ...                  (AlikeName("ana", "Ana", 0.857, "one letter apart"),))
            >>> anna.lines({"ana": ana})
            ['person "Anna" (p-anna, row 2) and "Ana" (p-ana, row 3): one letter apart (similarity 0.857)']
        """
        lines = []
        if self.shared:
            records = [
                _record(*record) for record in zip(self.names, self.ids, self.rows, strict=True)
            ]
            listed = ", ".join(records[:-1]) + " and " + records[-1]
            on = f" on {self.day.isoformat()}" if self.day is not None else ""
            lines.append(f"{self.kind} {listed}{on}: {_SAME_NAME} (similarity 1.000)")
        for alike in self.alike:
            other = (others or {}).get(alike.key)
            side = other._side() if other is not None else f'"{alike.name}"'
            lines.append(
                _pair_line(self.kind, self._side(), side, self.day, alike.reason, alike.similarity)
            )
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        """The group as JSON-ready data.

        Examples:
            >>> NameGroup("organisation", "acme", ("o-acme", "o-acme-2"), ("Acme", "ACME"),
            ...           ((), (3,))).to_dict()["rows"]
            [[], [3]]
        """
        return {
            "kind": self.kind,
            "key": self.key,
            "ids": list(self.ids),
            "names": list(self.names),
            "rows": [list(rows) for rows in self.rows],
            "alike": [alike.to_dict() for alike in self.alike],
            "day": self.day.isoformat() if self.day is not None else None,
        }


class _Pairs(Protocol):
    """What the search keeps to give the pairs of records behind the name groups."""

    def near_duplicates(self) -> tuple[NearDuplicate, ...]: ...


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
        skipped: The rows left out: bad rows (only with ``skip_bad_rows=True``) and, with
            the ``eventbrite`` preset, attendees not checked in.
        name_groups: The names to check, kept apart (people, organisations, and sessions
            on the same day): each name several records share, and each name with others
            alike; merge by hand the records that are the same. The pairs of records
            behind them are :attr:`near_duplicates`.
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
    name_groups: tuple[NameGroup, ...] = ()
    warnings: tuple[RowProblem, ...] = ()
    _pairs: _Pairs | None = attrs.field(default=None, eq=False, repr=False, alias="_pairs")

    @cached_property
    def near_duplicates(self) -> tuple[NearDuplicate, ...]:
        r"""Every pair of records the name groups stand for, one by one (made when first read).

        Each new record is paired with every record named before it (the hub's first) that
        has the same normalised name or an alike one, in that order. A register whose
        names many records share gives many pairs — 20,000 people with a few hundred names,
        millions — so read :attr:`name_groups` instead where you can.

        Examples:
            >>> import pathlib, tempfile
            >>> from coinnovation.io.registers import read_register
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     path = pathlib.Path(folder) / "r.csv"
            ...     _ = path.write_text("Name,Event,Date\nAnna Smith,A,2023-06-22\n"
            ...                         "Ana Smith,A,2023-06-22\n")
            ...     result = read_register(path)
            >>> [pair.ids for pair in result.near_duplicates]
            [('p-anna-smith', 'p-ana-smith')]
        """
        if self._pairs is not None:
            return self._pairs.near_duplicates()
        return _pairs_of(self.name_groups)

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
        if self.name_groups:
            lines.append("near-duplicates, kept apart (merge them by hand if they are the same):")
            by_key = {(g.kind, g.day, g.key): g for g in self.name_groups}
            for group in self.name_groups:
                others = {
                    alike.key: by_key[(group.kind, group.day, alike.key)]
                    for alike in group.alike
                    if (group.kind, group.day, alike.key) in by_key
                }
                lines.extend(f"  {line}" for line in group.lines(others))
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
            "name_groups": [group.to_dict() for group in self.name_groups],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }


def _pairs_of(groups: Sequence[NameGroup]) -> tuple[NearDuplicate, ...]:
    """The pairs of records a hand-made report's groups stand for, group by group."""
    by_key = {(g.kind, g.day, g.key): g for g in groups}
    pairs: list[NearDuplicate] = []
    for group in groups:
        records = list(zip(group.ids, group.names, group.rows, strict=True))
        for later, (record_id, name, rows) in enumerate(records):
            if not rows:
                continue
            for other_id, other_name, other_rows in records[:later]:
                pairs.append(
                    NearDuplicate(
                        group.kind,
                        (other_id, record_id),
                        (other_name, name),
                        (other_rows, rows),
                        1.0,
                        _SAME_NAME,
                        group.day,
                    )
                )
        for alike in group.alike:
            other = by_key.get((group.kind, group.day, alike.key))
            if other is None:
                continue
            for first_id, first_name, first_rows in records:
                for record_id, name, rows in zip(other.ids, other.names, other.rows, strict=True):
                    if first_rows or rows:
                        pairs.append(
                            NearDuplicate(
                                group.kind,
                                (first_id, record_id),
                                (first_name, name),
                                (first_rows, rows),
                                alike.similarity,
                                alike.reason,
                                group.day,
                            )
                        )
    return tuple(pairs)

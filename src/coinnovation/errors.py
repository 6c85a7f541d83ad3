"""The exceptions coinnovation raises.

Every exception the library raises on purpose derives from one root,
:class:`CoinnovationError`, so ``except CoinnovationError`` catches them all.  Each
subclass also inherits the builtin a caller would naturally catch, so code that knows
nothing of this library still behaves (a missing record is a ``KeyError``, a bad file a
``ValueError``, a missing optional dependency an ``ImportError``)::

    CoinnovationError
    ├── HubIntegrityError        (ValueError)   references, ids and totals across a hub
    ├── UnknownReferenceError    (KeyError)     a lookup by an id the hub does not hold
    ├── FileFormatError          (ValueError)   a file that is not a valid hub file
    │   ├── SchemaVersionError                  a file written by a newer major version
    │   ├── UnreadableFileError                 a device, a socket or a file over the size limit
    │   └── RegisterError                       a sign-in sheet or register that cannot be imported
    ├── IllegalTransitionError   (ValueError)   a move the stage model or the lifecycle forbids
    ├── InvalidAgreementError    (ValueError)   an agreement that cannot be valued or shared
    ├── InvalidAmountError       (ValueError)   an amount of money that cannot be shared
    ├── ProjectionTooLargeError  (ValueError)   a projection would create too many ties
    ├── NetworkTooLargeError     (ValueError)   too many nodes for a dense matrix method (QAP)
    ├── MissingAttributeError    (ValueError)   nodes lack the attribute a measure groups by
    ├── NullModelError           (ValueError)   a null model that cannot be drawn as asked
    ├── PrivacyError             (ValueError)   a secret that is missing, too short or unreadable
    ├── StoreError               (RuntimeError) a store that cannot be used as asked
    │   └── StoreBusyError       (TimeoutError) another writer held the store too long
    └── MissingDependencyError   (ImportError)  an optional extra is not installed

Integrity problems are collected, never raised one at a time: a
:class:`HubIntegrityError` carries every :class:`Problem` found, each naming the record
kind, the record id and the field (a :class:`RegisterError` carries :class:`RowProblem`
records, which name the row and the column too).

Every exception here is also importable where it is raised (``RegisterError`` from
:mod:`coinnovation.io.registers`, ``StoreError`` from :mod:`coinnovation.io.store`,
``PrivacyError`` from :mod:`coinnovation.privacy` ...): those are the same classes.

Examples:
    >>> from coinnovation.errors import CoinnovationError, UnknownReferenceError
    >>> issubclass(UnknownReferenceError, KeyError)
    True
    >>> try:
    ...     raise UnknownReferenceError("person", "p-404")
    ... except CoinnovationError as error:
    ...     print(error)
    no person with id 'p-404'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "CoinnovationError",
    "FileFormatError",
    "HubIntegrityError",
    "IllegalTransitionError",
    "InvalidAgreementError",
    "InvalidAmountError",
    "MissingAttributeError",
    "MissingDependencyError",
    "NetworkTooLargeError",
    "NullModelError",
    "PrivacyError",
    "Problem",
    "ProjectionTooLargeError",
    "RegisterError",
    "RowProblem",
    "SchemaVersionError",
    "StoreBusyError",
    "StoreError",
    "UnknownReferenceError",
    "UnreadableFileError",
]

#: How many problems an error message lists before it summarises the rest.
MESSAGE_LIMIT = 50


class CoinnovationError(Exception):
    """Root of every exception raised by coinnovation.

    Examples:
        >>> issubclass(HubIntegrityError, CoinnovationError)
        True
    """


@attrs.frozen
class Problem:
    """One problem found in a hub or a file: where it is and what is wrong.

    Attributes:
        kind: The kind of record (``"participation"``, ``"agreement"`` ...), or
            ``"file"`` for problems with a file as a whole.
        record: The id of the record, or ``None`` when the record has no usable id.
        field: The field, as a dotted path inside the record (``"parties[2].stakeholder"``),
            or ``None`` when the problem concerns the record as a whole.
        message: What is wrong, in plain words.

    Examples:
        >>> print(Problem("participation", "pa-1", "person", "unknown person 'p-9'"))
        participation 'pa-1', field 'person': unknown person 'p-9'
    """

    kind: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.kind if self.record is None else f"{self.kind} {self.record!r}"
        if self.field is not None:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}"


def _listing(headline: str, problems: Sequence[Problem]) -> str:
    lines = [headline]
    lines.extend(f"  - {problem}" for problem in problems[:MESSAGE_LIMIT])
    if len(problems) > MESSAGE_LIMIT:
        lines.append(f"  ... and {len(problems) - MESSAGE_LIMIT} more")
    return "\n".join(lines)


class HubIntegrityError(CoinnovationError, ValueError):
    """A hub whose records do not fit together; carries every problem found.

    Args:
        problems: Every problem found, in the order the records appear.

    Attributes:
        problems: The problems, as :class:`Problem` records.

    Examples:
        >>> error = HubIntegrityError([Problem("session", "s-1", "parent", "unknown session 's-0'")])
        >>> print(error)
        1 integrity problem in the hub:
          - session 's-1', field 'parent': unknown session 's-0'
        >>> error.problems[0].record
        's-1'
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(_listing(f"{count} integrity {noun} in the hub:", self.problems))

    def __reduce__(self) -> tuple[type[HubIntegrityError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class UnknownReferenceError(CoinnovationError, KeyError):
    """A lookup by an id that the hub does not hold.

    Args:
        kind: The kind of record looked for (``"person"``, ``"session"`` ...).
        record: The id that was looked up.

    Examples:
        >>> error = UnknownReferenceError("session", "s-9")
        >>> error.kind, error.record
        ('session', 's-9')
    """

    def __init__(self, kind: str, record: str) -> None:
        self.kind = kind
        self.record = record
        super().__init__(kind, record)

    def __str__(self) -> str:
        return f"no {self.kind} with id {self.record!r}"

    def __reduce__(self) -> tuple[type[UnknownReferenceError], tuple[str, str]]:
        return (type(self), (self.kind, self.record))


class FileFormatError(CoinnovationError, ValueError):
    """A file that could not be read as a hub file; lists every problem with its location.

    Args:
        path: The file, as given by the caller (``"<string>"`` for in-memory text).
        problems: Every problem found.

    Attributes:
        path: The file.
        problems: The problems; ``field`` holds the location inside the record.

    Examples:
        >>> error = FileFormatError("hub.json", [Problem("file", None, None, "not valid JSON")])
        >>> print(error)
        hub.json: 1 problem:
          - file: not valid JSON
    """

    def __init__(self, path: str, problems: Iterable[Problem]) -> None:
        self.path = path
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(_listing(f"{path}: {count} {noun}:", self.problems))

    def __reduce__(self) -> tuple[type[FileFormatError], tuple[str, tuple[Problem, ...]]]:
        return (type(self), (self.path, self.problems))


class SchemaVersionError(FileFormatError):
    """A hub file written for a newer major schema version than this library reads.

    Examples:
        >>> issubclass(SchemaVersionError, FileFormatError)
        True
    """


class UnreadableFileError(FileFormatError):
    r"""A file the loader will not read: a device or a socket, or larger than its size limit.

    Reading ``/dev/zero`` (or a link to it) would never end, and a file larger than the
    limit would fill the memory; such files are refused before they are read. The
    command line treats them like a folder: a file that cannot be read (exit status 2).

    Examples:
        >>> error = UnreadableFileError("hub.json", [Problem("file", None, None, "too large")])
        >>> isinstance(error, FileFormatError), str(error)
        (True, 'hub.json: 1 problem:\n  - file: too large')
    """


@attrs.frozen(init=False, repr=False)
class RowProblem(Problem):
    """One problem (or warning) in a register: the file, the row, the column and what.

    A :class:`Problem` too (``kind`` is ``"row"``, or ``"file"`` for the file as a
    whole; ``record`` the row number as text; ``field`` the column), so code that
    handles :class:`FileFormatError` handles it. Also importable from
    :mod:`coinnovation.io.registers` and :mod:`coinnovation.io`.

    Args:
        path: The register, as given.
        row: The row, numbered as a spreadsheet shows it (``None``: the whole file).
        column: The column's header, as written in the file (``None``: the whole row).
        message: What is wrong, in plain words.

    Attributes:
        path: The register.
        row: The row number.
        column: The column's header.

    Examples:
        >>> problem = RowProblem("register.csv", 7, "date", "unparseable date '31/02/2023'")
        >>> print(problem)
        register.csv, row 7, column "date": unparseable date '31/02/2023'
        >>> problem.row, problem.field
        (7, 'date')
    """

    path: str
    row: int | None
    column: str | None

    def __init__(self, path: str, row: int | None, column: str | None, message: str) -> None:
        self.__attrs_init__(
            "file" if row is None else "row",
            None if row is None else str(row),
            column,
            message,
            path,
            row,
            column,
        )

    def __str__(self) -> str:
        where = self.path
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f', column "{self.column}"'
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"RowProblem(path={self.path!r}, row={self.row!r}, column={self.column!r}, "
            f"message={self.message!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data.

        Examples:
            >>> RowProblem("r.csv", 3, "Name", "empty name").to_dict()
            {'path': 'r.csv', 'row': 3, 'column': 'Name', 'message': 'empty name'}
        """
        return {"path": self.path, "row": self.row, "column": self.column, "message": self.message}


class RegisterError(FileFormatError):
    """A register that cannot be imported; lists every problem with its row and column.

    A :class:`FileFormatError` (and so a ``ValueError``), whose ``problems`` are
    :class:`RowProblem` records. Raised by :func:`coinnovation.io.read_register`; also
    importable from :mod:`coinnovation.io.registers` and :mod:`coinnovation.io`.

    Args:
        path: The register, as given.
        problems: Every problem found, in row order.

    Examples:
        >>> error = RegisterError("r.csv", [RowProblem("r.csv", 2, "Name", "empty name")])
        >>> print(error)
        r.csv: 1 problem:
          - r.csv, row 2, column "Name": empty name
        >>> error.problems[0].row
        2
    """

    problems: tuple[RowProblem, ...]

    def __init__(self, path: str, problems: Iterable[RowProblem]) -> None:
        super().__init__(path, problems)


class IllegalTransitionError(CoinnovationError, ValueError):
    """A move that is not allowed: a challenge's stage or an agreement's status.

    A challenge's stage moves as the hub's stage model allows (``Hub.process``), an
    agreement's status as its lifecycle allows.

    Args:
        kind: The kind of record moved (``"challenge"``, ``"agreement"``).
        record: Its id.
        field: The field that would change (``"stage"``, ``"status"``).
        source: Where it is now.
        target: Where the move would take it.
        reason: Why the move is refused, in plain words.

    Examples:
        >>> error = IllegalTransitionError("challenge", "ch-1", "stage", "framing",
        ...                                "adoption", "allowed next: ideation")
        >>> print(error)
        challenge 'ch-1', field 'stage': cannot move from 'framing' to 'adoption' (allowed next: ideation)
        >>> error.problem.field
        'stage'
    """

    def __init__(
        self, kind: str, record: str, field: str, source: str, target: str, reason: str
    ) -> None:
        self.kind = kind
        self.record = record
        self.field = field
        self.source = source
        self.target = target
        self.reason = reason
        self.problem = Problem(
            kind, record, field, f"cannot move from {source!r} to {target!r} ({reason})"
        )
        super().__init__(str(self.problem))

    def __reduce__(self) -> tuple[type[IllegalTransitionError], tuple[str, ...]]:
        return (
            type(self),
            (self.kind, self.record, self.field, self.source, self.target, self.reason),
        )


class InvalidAgreementError(CoinnovationError, ValueError):
    """An agreement that cannot be valued, amended or shared as asked.

    Args:
        problems: Every problem found, each naming the agreement and the field.

    Attributes:
        problems: The problems, as :class:`Problem` records.

    Examples:
        >>> error = InvalidAgreementError(
        ...     [Problem("agreement", "ag-1", "costs[1].amount", "USD among GBP costs")])
        >>> print(error)
        agreement 'ag-1', field 'costs[1].amount': USD among GBP costs
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if len(self.problems) == 1:
            message = str(self.problems[0])
        else:
            message = _listing(f"{len(self.problems)} problems with the agreement:", self.problems)
        super().__init__(message)

    def __reduce__(self) -> tuple[type[InvalidAgreementError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class InvalidAmountError(CoinnovationError, ValueError):
    """An amount of money that cannot be used as given.

    Not a number, not finite, negative where a pot is needed, finer than the currency's
    minor unit, or in another currency than the one asked for.

    Args:
        name: The argument or field the amount was given as (``"amount"``, ``"budget"``).
        value: The value given (text is quoted in the message, anything else written
            as it prints).
        reason: What is wrong with it, in plain words.

    Attributes:
        name: The argument or field.
        value: The value given.
        reason: What is wrong.

    Examples:
        >>> print(InvalidAmountError("amount", "ten", "is not a number"))
        amount: 'ten' is not a number
    """

    def __init__(self, name: str, value: object, reason: str) -> None:
        self.name = name
        self.value = value
        self.reason = reason
        shown = repr(value) if isinstance(value, str) else str(value)
        super().__init__(f"{name}: {shown} {reason}")

    def __reduce__(self) -> tuple[type[InvalidAmountError], tuple[str, object, str]]:
        return (type(self), (self.name, self.value, self.reason))


class ProjectionTooLargeError(CoinnovationError, ValueError):
    """A one-mode projection would create more ties than the configured limit.

    Raised before any work is done, from the sum over sessions of C(n_s, 2). The message
    names the largest sessions so the caller can cap them (``max_session_size=``) or
    raise the limit.

    Args:
        pairs: The number of (possibly repeated) ties the projection would create.
        limit: The limit in force.
        largest: The largest sessions, as ``(session id, size)``, largest first.

    Examples:
        >>> print(ProjectionTooLargeError(2_001_000, 1_000_000, [("conf", 2001)]))
        the projection would create 2,001,000 ties, more than the limit of 1,000,000; largest sessions: conf (2001); pass max_session_size= to skip or down-weight large sessions, or raise max_pairs=
    """

    def __init__(self, pairs: int, limit: int, largest: Iterable[tuple[str, int]]) -> None:
        self.pairs = pairs
        self.limit = limit
        self.largest: tuple[tuple[str, int], ...] = tuple(largest)
        named = ", ".join(f"{session} ({size})" for session, size in self.largest)
        super().__init__(
            f"the projection would create {pairs:,} ties, more than the limit of {limit:,}; "
            f"largest sessions: {named}; pass max_session_size= to skip or down-weight "
            "large sessions, or raise max_pairs="
        )

    def __reduce__(
        self,
    ) -> tuple[type[ProjectionTooLargeError], tuple[int, int, tuple[tuple[str, int], ...]]]:
        return (type(self), (self.pairs, self.limit, self.largest))


class NetworkTooLargeError(CoinnovationError, ValueError):
    """A network with more nodes than a dense matrix method takes (QAP).

    QAP works on the full ``n × n`` adjacency matrices: memory and time grow with the
    ``n²`` cells, times the number of permutations. The method refuses, before any
    work, a network of more than its limit of nodes; the message says how to narrow it.

    Args:
        nodes: The number of nodes of the network.
        limit: The limit in force.
        what: The method refusing, for the message (``"QAP"``).

    Examples:
        >>> print(NetworkTooLargeError(5_000, 2_000, "QAP"))
        QAP needs the 5,000 × 5,000 adjacency matrix (24,995,000 cells), more than its limit of 2,000 nodes: choose fewer sessions (scope=, kind=), a coarser level (organisations), or the nodes to compare (nodes=); or raise max_nodes=
    """

    def __init__(self, nodes: int, limit: int, what: str) -> None:
        self.nodes = nodes
        self.limit = limit
        self.what = what
        super().__init__(
            f"{what} needs the {nodes:,} × {nodes:,} adjacency matrix "
            f"({nodes * (nodes - 1):,} cells), more than its limit of {limit:,} nodes: "
            "choose fewer sessions (scope=, kind=), a coarser level (organisations), or "
            "the nodes to compare (nodes=); or raise max_nodes="
        )

    def __reduce__(self) -> tuple[type[NetworkTooLargeError], tuple[int, int, str]]:
        return (type(self), (self.nodes, self.limit, self.what))


class MissingAttributeError(CoinnovationError, ValueError):
    """Some nodes lack the attribute a group measure needs (or it is ``None``).

    Args:
        attribute: The node attribute.
        nodes: The nodes without it (the message names the first few).

    Examples:
        >>> print(MissingAttributeError("sector", ["p-1", "p-2"]))
        2 nodes have no 'sector': 'p-1', 'p-2'; set it, drop them, or pass default=
    """

    def __init__(self, attribute: str, nodes: Iterable[object]) -> None:
        self.attribute = attribute
        self.nodes: tuple[object, ...] = tuple(nodes)
        shown = ", ".join(repr(node) for node in self.nodes[:5])
        more = f" and {len(self.nodes) - 5} more" if len(self.nodes) > 5 else ""
        noun = "node has" if len(self.nodes) == 1 else "nodes have"
        super().__init__(
            f"{len(self.nodes)} {noun} no {attribute!r}: {shown}{more}; "
            "set it, drop them, or pass default="
        )

    def __reduce__(self) -> tuple[type[MissingAttributeError], tuple[str, tuple[object, ...]]]:
        return (type(self), (self.attribute, self.nodes))


class NullModelError(CoinnovationError, ValueError):
    """A null model that cannot be drawn as asked.

    Too many labellings to enumerate exactly, an affiliation network whose projection is
    not the graph tested, a graph too dense to list its brokerage opportunities: the
    message says which, with the numbers, and what to do instead.

    Examples:
        >>> error = NullModelError("540,540,000 labellings to enumerate, more than 200,000")
        >>> isinstance(error, ValueError), str(error)[:11]
        (True, '540,540,000')
    """


class PrivacyError(CoinnovationError, ValueError):
    """A secret that is missing, too short or unreadable.

    Raised where people would be shown and the policy cannot be made: a secret shorter
    than 16 bytes, a secret file that cannot be read, pseudonymous people to show and no
    secret to make their pseudonyms. Also importable from :mod:`coinnovation.privacy`.

    Examples:
        >>> issubclass(PrivacyError, ValueError)
        True
        >>> from coinnovation.privacy import pseudonym
        >>> pseudonym("p-1", "short")
        Traceback (most recent call last):
        ...
        coinnovation.errors.PrivacyError: a secret needs at least 16 bytes, this one has 5: make one with coinnovation.privacy.new_secret()
    """


class StoreError(CoinnovationError, RuntimeError):
    """A store that cannot be used as asked: none at the URL, an old layout, closed, read-only.

    Also importable from :mod:`coinnovation.io.store` and :mod:`coinnovation.io`.

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.io.store import Store
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     Store.sqlite(pathlib.Path(folder) / "missing.db", create=False)
        Traceback (most recent call last):
        ...
        coinnovation.errors.StoreError: no SQLite database at .../missing.db
    """


class StoreBusyError(StoreError, TimeoutError):
    """Another writer held the store for longer than ``busy_timeout``.

    Nothing was changed; try again, or give the store a longer ``busy_timeout``. Also
    importable from :mod:`coinnovation.io.store` and :mod:`coinnovation.io`.

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.io.store import Store
        >>> from coinnovation.models import Person
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "hub.db"
        ...     with Store.sqlite(path) as first, Store.sqlite(path, busy_timeout=0.05) as second:
        ...         with first.transaction() as change:
        ...             _ = change.add(Person(id="p-1", name="Ana"))
        ...             second.add(Person(id="p-2", name="Ben"))
        Traceback (most recent call last):
        ...
        coinnovation.errors.StoreBusyError: sqlite:///.../hub.db: another writer held the store for longer than busy_timeout (0.05 s)
    """


class MissingDependencyError(CoinnovationError, ImportError):
    """An optional dependency is missing; the message gives the exact install command.

    Args:
        package: The module that failed to import.
        extra: The coinnovation extra that provides it.
        feature: What needed it, for the message.

    Examples:
        >>> print(MissingDependencyError("yaml", "yaml", "reading YAML files"))
        reading YAML files needs the optional dependency 'yaml': pip install 'coinnovation[yaml]'
    """

    def __init__(self, package: str, extra: str, feature: str) -> None:
        self.package = package
        self.extra = extra
        message = (
            f"{feature} needs the optional dependency {package!r}: "
            f"pip install 'coinnovation[{extra}]'"
        )
        super().__init__(message, name=package)

    def __reduce__(self) -> tuple[type[MissingDependencyError], tuple[str, str, str]]:
        feature = str(self).split(" needs the optional", 1)[0]
        return (type(self), (self.package, self.extra, feature))

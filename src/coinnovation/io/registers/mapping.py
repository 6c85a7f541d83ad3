"""Which columns of a register hold what: :class:`RegisterMapping`, and finding the header.

Headers are compared without case, spaces or punctuation (``"Person ID"`` is
``"person_id"``). The header is the first of the top rows with a column for every
required field (person, session, date); title rows above it are skipped.

Examples:
    >>> RegisterMapping(person="Attendee").person
    ('Attendee',)
    >>> _header_key("E-mail Address")
    'emailaddress'
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from coinnovation.errors import FileFormatError, Problem, RegisterError, RowProblem
from coinnovation.io.files import MAX_BYTES, _document, _read
from coinnovation.io.registers.cells import _text
from coinnovation.io.registers.reading import _Rows
from coinnovation.io.registers.results import _file_error

__all__ = ["RegisterMapping"]

# How many rows from the top the header may be found in (title rows above it are skipped).
_HEADER_SEARCH: Final = 20


def _aliases(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _check_aliases(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value or not all(isinstance(alias, str) and _header_key(alias) for alias in value):
        raise ValueError(
            f"{attribute.name}: give one or more column names with letters or digits, not {value!r}"
        )


def _column(*defaults: str) -> Any:
    return attrs.field(default=defaults, converter=_aliases, validator=_check_aliases)


def _header_key(text: str) -> str:
    """A header compared without case, spaces or punctuation: ``"E-mail"`` is ``"email"``."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


@attrs.frozen
class RegisterMapping:
    """Which columns of a register hold what: for each field, the headers it may have.

    Headers are compared without case, spaces or punctuation (``"Person ID"``,
    ``"person_id"`` and ``"personid"`` are the same). Give a field one header or a list;
    what you give replaces that field's defaults. The register must have columns for
    ``person``, ``session`` and ``date``; every other column is optional.

    Attributes:
        person: The person's name.
        person_id: The person's id in the hub.
        organisation: The organisation they came from (a membership is recorded).
        organisation_id: The organisation's id in the hub.
        session: The session's name.
        session_id: The session's id in the hub.
        date: The session's date.
        role: The part played (``presenter`` …, a
            :class:`~coinnovation.models.ParticipationRole`) and/or the person's roles
            (``peer_researcher`` …, :class:`~coinnovation.models.PersonRole`); separate
            several with ``;``.
        sector: The organisation's sector (the person's, on rows without an organisation).
        email: The person's email (kept in the person's ``attributes``).
        hours: Hours the person gave to the session.
        level: The IAP2 participation level.
        consent: ``named``, ``pseudonymous``, ``excluded``; ``yes`` means named and ``no``
            pseudonymous.
        start_time: When the session started.
        end_time: When it ended.

    Examples:
        >>> RegisterMapping().date
        ('date', 'session date', 'event date', 'day')
        >>> RegisterMapping(person="Attendee name", date=["Date", "When"]).date
        ('Date', 'When')
    """

    person: tuple[str, ...] = _column(
        "name", "person", "attendee", "participant", "full name", "person name", "attendee name"
    )
    person_id: tuple[str, ...] = _column("person id", "attendee id", "participant id")
    organisation: tuple[str, ...] = _column(
        "organisation",
        "organization",
        "org",
        "organisation name",
        "organization name",
        "affiliation",
        "company",
    )
    organisation_id: tuple[str, ...] = _column("organisation id", "organization id", "org id")
    session: tuple[str, ...] = _column(
        "session", "event", "meeting", "workshop", "session name", "event name"
    )
    session_id: tuple[str, ...] = _column("session id", "event id", "meeting id")
    date: tuple[str, ...] = _column("date", "session date", "event date", "day")
    role: tuple[str, ...] = _column("role", "roles")
    sector: tuple[str, ...] = _column(
        "sector",
    )
    email: tuple[str, ...] = _column("email", "email address")
    hours: tuple[str, ...] = _column(
        "hours",
    )
    level: tuple[str, ...] = _column("level", "participation level", "iap2 level")
    consent: tuple[str, ...] = _column("consent", "consent to be named")
    start_time: tuple[str, ...] = _column("start", "start time", "starts")
    end_time: tuple[str, ...] = _column("end", "end time", "ends", "finish")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<mapping>") -> RegisterMapping:
        """A mapping from data such as ``{"person": "Attendee", "date": ["Date", "Day"]}``.

        Args:
            data: Field names to a header or a list of headers.
            source: A name for the data in error messages (the file, for files).

        Returns:
            The mapping; fields not given keep their defaults.

        Raises:
            FileFormatError: An unknown field, or a value that is not a header or a list
                of headers; every problem is listed.

        Examples:
            >>> RegisterMapping.from_dict({"person": "Who"}).person
            ('Who',)
            >>> RegisterMapping.from_dict({"colour": "x"})
            Traceback (most recent call last):
            ...
            coinnovation.errors.FileFormatError: <mapping>: 1 problem:
              - mapping, field 'colour': unknown field; use one of person, person_id, organisation, organisation_id, session, session_id, date, role, sector, email, hours, level, consent, start_time, end_time
        """
        if not isinstance(data, Mapping):
            problem = Problem("mapping", None, None, "expected field names and column headers")
            raise FileFormatError(source, [problem])
        names = [field.name for field in attrs.fields(cls)]
        problems = []
        values: dict[str, tuple[str, ...]] = {}
        for key, value in data.items():
            if key not in names:
                message = f"unknown field; use one of {', '.join(names)}"
                problems.append(Problem("mapping", None, str(key), message))
                continue
            aliases = (value,) if isinstance(value, str) else value
            if not (
                isinstance(aliases, list | tuple)
                and aliases
                and all(isinstance(a, str) and _header_key(a) for a in aliases)
            ):
                message = "give a column header, or a list of them"
                problems.append(Problem("mapping", None, key, message))
                continue
            values[key] = tuple(aliases)
        if problems:
            raise FileFormatError(source, problems)
        return cls(**values)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> RegisterMapping:
        """A mapping from a JSON or YAML file of field names to headers.

        Args:
            path: A ``.json``, ``.yaml`` or ``.yml`` file.

        Returns:
            The mapping.

        Raises:
            FileNotFoundError: There is no such file.
            FileFormatError: The file is not valid JSON/YAML, or not a mapping.
            MissingDependencyError: A YAML file without the ``yaml`` extra.

        Examples:
            >>> import json, pathlib, tempfile
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     path = pathlib.Path(folder) / "mapping.json"
            ...     _ = path.write_text(json.dumps({"session": "Workshop"}))
            ...     RegisterMapping.from_file(path).session
            ('Workshop',)
        """
        source = os.fspath(path)
        raw = _read(Path(path), MAX_BYTES)  # devices and huge files refused (issue 9)
        suffix = Path(path).suffix.lower()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileFormatError(
                source, [Problem("file", None, None, f"not UTF-8 text: {error}")]
            ) from None
        if suffix in (".yaml", ".yml", ".json"):
            # Read as hub files are: keys given twice, deep nesting, long integers and
            # YAML alias bombs are FileFormatErrors (issue 9).
            data = _document(text, "json" if suffix == ".json" else "yaml", source=source)
        else:
            problem = Problem(
                "file", None, None, f"unsupported mapping type {suffix!r}: use .json or .yaml"
            )
            raise FileFormatError(source, [problem])
        return cls.from_dict(data, source=source)

    def to_dict(self) -> dict[str, list[str]]:
        """The mapping as data that :meth:`from_dict` reads back.

        Examples:
            >>> RegisterMapping().to_dict()["hours"]
            ['hours']
        """
        return {field.name: list(getattr(self, field.name)) for field in attrs.fields(type(self))}


_FIELDS: Final = tuple(field.name for field in attrs.fields(RegisterMapping))
_REQUIRED: Final = ("person", "session", "date")
_DEFAULTS: Final = RegisterMapping()


def _match_columns(
    mapping: RegisterMapping, header: Sequence[str]
) -> tuple[dict[str, int], list[str], list[int]]:
    """Which column holds each field; problems (clashes); unmapped column positions."""
    keys = {name: {_header_key(alias) for alias in getattr(mapping, name)} for name in _FIELDS}
    explicit = {name for name in _FIELDS if getattr(mapping, name) != getattr(_DEFAULTS, name)}
    columns: dict[str, int] = {}
    problems: list[str] = []
    unmapped: list[int] = []
    for index, title in enumerate(header):
        key = _header_key(title)
        if not key:
            continue
        fields = [name for name in _FIELDS if key in keys[name]]
        if len(fields) > 1:
            fields = [name for name in fields if name in explicit] or fields
        if len(fields) > 1:
            problems.append(
                f'column "{title}" matches {" and ".join(fields)} in the mapping: '
                "give each field its own headers"
            )
            continue
        if not fields:
            unmapped.append(index)
            continue
        name = fields[0]
        if name in columns:
            problems.append(
                f'columns "{header[columns[name]]}" and "{title}" both match {name}: '
                f"name the one to use in the mapping ({name}=...)"
            )
            continue
        columns[name] = index
    return columns, problems, unmapped


def _locate_header(
    rows: _Rows, mapping: RegisterMapping, source: str
) -> tuple[int, list[str], dict[str, int], list[int]]:
    """The header's position in ``rows``, its titles, the columns found and unmapped ones.

    The header is the first of the top rows with a column for every required field; title
    rows above it are skipped. Without one, the row matching most fields is taken to be
    the header, and the missing columns are reported against it.
    """
    if not rows:
        expected = ", ".join(_REQUIRED)
        raise _file_error(
            source, f"the file is empty: expected a header row with columns for {expected}"
        )
    likeliest: tuple[int, int] = (0, -1)  # (position, fields matched)
    for position, (number, cells) in enumerate(rows[:_HEADER_SEARCH]):
        header = [" ".join(_text(cell).split()) for cell in cells]
        columns, clashes, unmapped = _match_columns(mapping, header)
        matched = len(columns) + len(clashes)
        if matched > likeliest[1]:
            likeliest = (position, matched)
        if all(name in columns for name in _REQUIRED) or (
            clashes and all(name in columns or name in " ".join(clashes) for name in _REQUIRED)
        ):
            if clashes:
                raise RegisterError(source, [RowProblem(source, number, None, c) for c in clashes])
            return position, header, columns, unmapped
    position = likeliest[0]
    number, cells = rows[position]
    header = [" ".join(_text(cell).split()) for cell in cells]
    columns, clashes, _ = _match_columns(mapping, header)
    missing = [name for name in _REQUIRED if name not in columns]
    looked = "; ".join(
        f"{name} (one of {', '.join(repr(alias) for alias in getattr(mapping, name))})"
        for name in missing
    )
    found = ", ".join(repr(title) for title in header if title) or "none"
    message = f"missing columns: {looked}; columns found: {found}"
    if any("\x00" in title for title in header):
        message += (
            " (the file holds NUL bytes: is it UTF-16 without a byte-order mark? "
            "give encoding='utf-16-le')"
        )
    problems = [RowProblem(source, number, None, message)]
    problems.extend(RowProblem(source, number, None, clash) for clash in clashes)
    raise RegisterError(source, problems)

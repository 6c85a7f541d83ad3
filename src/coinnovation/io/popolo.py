"""Popolo JSON into a hub: people, organisations, memberships and events, read and checked.

`Popolo <https://www.popoloproject.com/specs/>`_ is the open data specification for
people, organisations, their memberships and the events they attend, used by civic-tech
tools (PopIt, EveryPolitician, Open Civic Data). A Popolo JSON file is an object whose
``"persons"``, ``"organizations"``, ``"memberships"`` and ``"events"`` arrays hold
objects of those classes, as the specification's JSON Schemas describe them (shipped
with the library, with their origin: :func:`popolo_schemas`).
:func:`coinnovation.export.popolo.write_popolo` writes such a file from a hub;
:func:`read_popolo` reads one into a hub.

Each Popolo class becomes a record (the ``+`` properties are coinnovation's own, flagged
with a ``+`` as the specification's "JSON serialization patterns" appendix advises, so
a hub's data survives a round trip; other files simply lack them):

=============================  ============================================================
Popolo                         hub
=============================  ============================================================
person ``id``, ``name``        :class:`~coinnovation.models.Person` ``id``, ``name``
person ``+roles``,             ``roles``, ``sector``, ``consent`` (``pseudonymous`` when
``+sector``, ``+consent``      absent: a person is named only with consent)
organization ``id``, ``name``  :class:`~coinnovation.models.Organisation` ``id``, ``name``
organization                   ``kind`` (an :class:`~coinnovation.models.OrganisationKind`;
``classification``             another value gives ``other``, kept as the attribute
                               ``popolo_classification``)
organization ``parent_id``,    ``parent``, ``description``; ``+sector`` (``other`` when
``description``, ``+sector``,  absent), ``+place``
``+place``
membership ``id``,             :class:`~coinnovation.models.Membership` ``id`` (made up as
``person_id``,                 ``m-popolo-<n>`` when absent), ``person``, ``organisation``
``organization_id``
membership ``role``,           ``role`` (a :class:`~coinnovation.models.PersonRole`, else
``label``, ``+primary``        none), ``title``, ``primary``
membership ``start_date``,     ``start``, ``end`` (a year or a month: its first day for a
``end_date``                   start, its last for an end)
event ``id``, ``name``,        :class:`~coinnovation.models.Session` ``id``, ``name``,
``classification``             ``kind`` (a :class:`~coinnovation.models.SessionKind`, else
                               ``meeting``, kept as the attribute ``popolo_classification``)
event ``start_date``,          ``start``, ``end`` (a date alone is midnight in
``end_date``                   ``timezone``)
event ``parent_id``,           ``parent``, ``place``, ``venue``, ``description``
``location``,
``organization_id``,
``description``
event ``attendees``            one :class:`~coinnovation.models.Participation` per
                               attendee (``pa-<event>-<person>``), role ``participant``;
                               an attendee not among the persons, but with a name, is
                               added as a person
=============================  ============================================================

Popolo ids are any text (``ocd-person/0c2d``, or a pseudonym such as ``Person
4KQ7-2MXA``); a hub's ids are letters, digits and ``_.:-``. So every id, and every
reference to one, has each run of other characters replaced by ``-``
(``Person-4KQ7-2MXA``); a record whose id changed keeps the original as the attribute
``popolo_id``. Other Popolo classes (areas, posts, motions, votes, speeches) and other
properties are not read. Every problem is collected and raised at once, as a
:class:`~coinnovation.errors.FileFormatError` naming the file, the object
(``persons[2]`` and its id) and the Popolo property.

Examples:
    >>> hub = popolo_hub({
    ...     "persons": [{"id": "p-ana", "name": "Ana Silva", "+consent": "named"}],
    ...     "organizations": [{"id": "o-whg", "name": "whg", "classification": "housing_association",
    ...                        "+sector": "community"}],
    ...     "memberships": [{"person_id": "p-ana", "organization_id": "o-whg", "role": "community_champion"}],
    ...     "events": [{"id": "s-1", "name": "Launch", "start_date": "2023-06-22T09:00:00+01:00",
    ...                 "attendees": [{"id": "p-ana"}]}],
    ... })
    >>> hub.person("p-ana").consent.value, hub.organisation("o-whg").kind.value
    ('named', 'housing_association')
    >>> hub.memberships[0].id, hub.sessions[0].start.isoformat(), hub.participations[0].id
    ('m-popolo-1', '2023-06-22T09:00:00+01:00', 'pa-s-1-p-ana')
    >>> popolo_hub({"persons": [{"id": "p-1"}]}, source="people.json")
    Traceback (most recent call last):
    ...
    coinnovation.errors.FileFormatError: people.json: 1 problem:
      - persons[0] 'p-1', field 'name': a person needs a name
"""

from __future__ import annotations

import calendar
import json
import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coinnovation.errors import FileFormatError, HubIntegrityError, Problem
from coinnovation.io.files import MAX_BYTES, _document, _read
from coinnovation.models import (
    Hub,
    Membership,
    Organisation,
    OrganisationKind,
    Participation,
    Person,
    PersonRole,
    Sector,
    Session,
    SessionKind,
)
from coinnovation.models.base import Entity

__all__ = [
    "POPOLO_EXTRA",
    "POPOLO_COLLECTIONS",
    "POPOLO_SCHEMA_COMMIT",
    "popolo_hub",
    "popolo_schemas",
    "read_popolo",
]

#: The arrays of a Popolo JSON file that a hub fills, in the order they are written.
POPOLO_COLLECTIONS = ("persons", "organizations", "memberships", "events")

#: The prefix of coinnovation's own properties (``+roles``, ``+sector`` ...), as the Popolo
#: specification's appendix "JSON serialization patterns" advises for properties outside it.
POPOLO_EXTRA = "+"

#: The commit of github.com/popolo-project/popolo-spec the shipped schemas come from.
POPOLO_SCHEMA_COMMIT = "f4b5fb78c035e0eddb11c868e1cfe5945ae09caf"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_OUTSIDE_ID = re.compile(r"[^A-Za-z0-9_.:\-]+")


def _id(value: Any) -> Any:
    """A Popolo id as a hub id: runs of other characters become ``-`` (text only).

    Popolo ids are any text (``ocd-person/0c2d``, a pseudonym ``Person 4KQ7-2MXA``); hub
    ids are letters, digits and ``_.:-``, starting with a letter or a digit.
    """
    if not isinstance(value, str):
        return value
    cleaned = _OUTSIDE_ID.sub("-", value).lstrip("_.:-")
    return cleaned[:128] if cleaned else value


@cache
def _schema_files() -> dict[str, str]:
    folder = resources.files("coinnovation.io").joinpath("schemas", "popolo")
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


def popolo_schemas() -> dict[str, dict[str, Any]]:
    """The Popolo JSON Schemas (draft 3), keyed by their ``id``, as shipped with the library.

    Copied unchanged from github.com/popolo-project/popolo-spec (commit
    :data:`POPOLO_SCHEMA_COMMIT`; CC BY 4.0): ``person``, ``organization``,
    ``membership``, ``event`` and the twelve they refer to. Hand them to a JSON Schema
    validator's registry so that every ``$ref`` resolves without the network.

    Returns:
        Each schema, under its ``id`` (``"http://www.popoloproject.com/schemas/person.json#"``).

    Examples:
        >>> schemas = popolo_schemas()
        >>> len(schemas), schemas["http://www.popoloproject.com/schemas/event.json#"]["title"]
        (16, 'Event')
    """
    schemas = (json.loads(text) for text in _schema_files().values())
    return {schema["id"]: schema for schema in sorted(schemas, key=lambda s: s["id"])}


# -- values -----------------------------------------------------------------------------------


class _Problems:
    """Problems of one file, each naming the object (``persons[2]``, its id) and property."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, where: str, record: Any, field: str | None, message: str) -> None:
        ident = record if isinstance(record, str) else None
        self.found.append(Problem(where, ident, field, message))


def _day(text: str, *, last: bool) -> date:
    """A Popolo date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or a date and time) as a day."""
    match = _DATE.match(text)
    if match is None:
        return datetime.fromisoformat(text).date()
    year, month, day = match[1], match[2], match[3]
    number = int(month) if month else (12 if last else 1)
    if day:
        return date(int(year), number, int(day))
    end = calendar.monthrange(int(year), number)[1] if last else 1
    return date(int(year), number, end)


def _moment(text: str, zone: tzinfo) -> datetime:
    """A Popolo date or date and time as an aware datetime (a date alone: midnight)."""
    if _DATE.match(text):
        return datetime.combine(_day(text, last=False), datetime.min.time(), zone)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _value(vocabulary: type[Any], text: Any) -> Any:
    try:
        return vocabulary(text)
    except ValueError:
        return None


# Popolo properties, by model field, for the messages.
_PROPERTY = {
    "person": {"kind": "classification"},
    "organisation": {"kind": "classification", "parent": "parent_id"},
    "membership": {
        "person": "person_id",
        "organisation": "organization_id",
        "title": "label",
        "start": "start_date",
        "end": "end_date",
    },
    "session": {
        "kind": "classification",
        "parent": "parent_id",
        "place": "location",
        "venue": "organization_id",
        "start": "start_date",
        "end": "end_date",
    },
}


def _origin(ident: Any) -> dict[str, Any]:
    """The attribute keeping a Popolo id that had to change to become a hub id."""
    if isinstance(ident, str) and _id(ident) != ident:
        return {"attributes": {"popolo_id": ident}}
    return {}


def _extra(name: str) -> str:
    return POPOLO_EXTRA + name


class _Reader:
    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.problems = _Problems()
        self.records: list[Entity] = []

    def build(self, model: type[Entity], where: str, ident: Any, fields: dict[str, Any]) -> Any:
        try:
            record = model.model_validate(fields)
        except ValidationError as error:
            names = _PROPERTY.get(model.__name__.lower(), {})
            for item in error.errors():
                field = str(item["loc"][0]) if item["loc"] else None
                shown = names.get(field, field) if field else None
                if shown in ("roles", "sector", "consent", "place", "primary"):
                    shown = _extra(shown)
                self.problems.add(where, ident, shown, item["msg"])
            return None
        self.records.append(record)
        return record

    def when(
        self, where: str, ident: Any, item: Mapping[str, Any], key: str, *, day: bool, last: bool
    ) -> Any:
        text = item.get(key)
        if text is None:
            return None
        if not isinstance(text, str):
            self.problems.add(where, ident, key, f"a date must be text, not {text!r}")
            return None
        try:
            return _day(text, last=last) if day else _moment(text, self.zone)
        except ValueError:
            self.problems.add(where, ident, key, f"not a date or a date and time: {text!r}")
            return None

    def person(self, where: str, item: Mapping[str, Any]) -> None:
        ident = item.get("id")
        if item.get("name") in (None, ""):
            self.problems.add(where, ident, "name", "a person needs a name")
            return
        fields: dict[str, Any] = {"id": _id(ident), "name": item["name"], **_origin(ident)}
        for name in ("roles", "sector", "consent"):
            if item.get(_extra(name)) is not None:
                fields[name] = item[_extra(name)]
        self.build(Person, where, ident, fields)

    def organisation(self, where: str, item: Mapping[str, Any]) -> None:
        ident = item.get("id")
        fields: dict[str, Any] = {"id": _id(ident), "name": item.get("name"), **_origin(ident)}
        classification = item.get("classification")
        if classification is not None:
            kind = _value(OrganisationKind, classification)
            fields["kind"] = kind or OrganisationKind.OTHER
            if kind is None:
                fields.setdefault("attributes", {})["popolo_classification"] = str(classification)
        fields["sector"] = item.get(_extra("sector")) or Sector.OTHER
        if item.get("parent_id") is not None:
            fields["parent"] = _id(item["parent_id"])
        if item.get("description") is not None:
            fields["description"] = item["description"]
        if item.get(_extra("place")) is not None:
            fields["place"] = item[_extra("place")]
        self.build(Organisation, where, ident, fields)

    def membership(self, where: str, item: Mapping[str, Any], number: int) -> None:
        ident = item.get("id") or f"m-popolo-{number}"
        fields: dict[str, Any] = {
            "id": _id(ident),
            "person": _id(item.get("person_id")),
            "organisation": _id(item.get("organization_id")),
            **_origin(ident),
        }
        role = item.get("role")
        if role is not None:
            fields["role"] = _value(PersonRole, role)
            if fields["role"] is None and item.get("label") is None:
                fields["title"] = str(role)
        if item.get("label") is not None:
            fields["title"] = item["label"]
        if item.get(_extra("primary")) is not None:
            fields["primary"] = item[_extra("primary")]
        fields["start"] = self.when(where, ident, item, "start_date", day=True, last=False)
        fields["end"] = self.when(where, ident, item, "end_date", day=True, last=True)
        self.build(Membership, where, ident, fields)

    def event(self, where: str, item: Mapping[str, Any], people: set[str]) -> None:
        ident = item.get("id")
        session = _id(ident)
        fields: dict[str, Any] = {"id": session, "name": item.get("name"), **_origin(ident)}
        classification = item.get("classification")
        if classification is not None:
            kind = _value(SessionKind, classification)
            fields["kind"] = kind or SessionKind.MEETING
            if kind is None:
                fields.setdefault("attributes", {})["popolo_classification"] = str(classification)
        for name, key in (("parent", "parent_id"), ("venue", "organization_id")):
            if item.get(key) is not None:
                fields[name] = _id(item[key])
        for name, key in (("place", "location"), ("description", "description")):
            if item.get(key) is not None:
                fields[name] = item[key]
        fields["start"] = self.when(where, ident, item, "start_date", day=False, last=False)
        fields["end"] = self.when(where, ident, item, "end_date", day=False, last=True)
        if self.build(Session, where, ident, fields) is None:
            return
        attendees = item.get("attendees") or []
        if not isinstance(attendees, list):
            self.problems.add(where, ident, "attendees", "must be a list of persons")
            return
        seen: set[str] = set()
        for index, attendee in enumerate(attendees):
            person = _id(attendee.get("id")) if isinstance(attendee, Mapping) else None
            at = f"attendees[{index}]"
            if not isinstance(person, str):
                self.problems.add(where, ident, at, "an attendee needs the id of a person")
                continue
            if person not in people:
                if not isinstance(attendee, Mapping) or not attendee.get("name"):
                    self.problems.add(where, ident, at, f"unknown person {person!r}")
                    continue
                self.person(f"{where}.{at}", attendee)
                people.add(person)
            if person in seen:
                continue
            seen.add(person)
            participation = {"id": f"pa-{session}-{person}", "session": session, "person": person}
            self.build(Participation, where, ident, participation)


def popolo_hub(
    data: Any,
    *,
    into: Hub | None = None,
    timezone: tzinfo = UTC,
    source: str = "<data>",
) -> Hub:
    """A hub from Popolo JSON data (already parsed): see the module for what maps to what.

    Args:
        data: A Popolo JSON document: an object with ``"persons"``, ``"organizations"``,
            ``"memberships"`` and ``"events"`` arrays (each optional).
        into: A hub to add to; a record whose id it already holds (same kind) is kept as
            the hub has it. ``None``: a new hub.
        timezone: The zone of event dates given without a time (Popolo allows a day
            alone); times with an offset keep it.
        source: What the data came from, for errors.

    Returns:
        The hub, validated and checked.

    Raises:
        FileFormatError: The data is not a Popolo document, or an object cannot become a
            record: every problem, naming the object and the Popolo property. Records that
            do not fit together (a membership of an unknown person, an event inside an
            unknown event) are listed the same way.

    Examples:
        >>> hub = popolo_hub({"organizations": [{"id": "o-1", "name": "Acme"}]})
        >>> hub.organisation("o-1").sector.value
        'other'
    """
    if not isinstance(data, Mapping):
        problem = Problem("file", None, None, "a Popolo file is a JSON object with arrays")
        raise FileFormatError(source, [problem])
    base = into if into is not None else Hub()
    reader = _Reader(timezone)
    held = {
        kind: {record.id for record in getattr(base, field)}
        for kind, field in (
            ("persons", "people"),
            ("organizations", "organisations"),
            ("memberships", "memberships"),
            ("events", "sessions"),
        )
    }
    items: dict[str, list[Any]] = {}
    for collection in POPOLO_COLLECTIONS:
        value = data.get(collection, [])
        if not isinstance(value, list) or not all(isinstance(i, Mapping) for i in value):
            reader.problems.add(collection, None, None, "must be an array of objects")
            value = []
        items[collection] = value
    people = held["persons"] | {
        _id(item["id"]) for item in items["persons"] if isinstance(item.get("id"), str)
    }
    for collection in POPOLO_COLLECTIONS:
        for index, item in enumerate(items[collection]):
            where = f"{collection}[{index}]"
            if _id(item.get("id")) in held[collection]:
                continue
            if collection == "persons":
                reader.person(where, item)
            elif collection == "organizations":
                reader.organisation(where, item)
            elif collection == "memberships":
                reader.membership(where, item, index + 1)
            else:
                reader.event(where, item, people)
    if reader.problems.found:
        raise FileFormatError(source, reader.problems.found)
    try:
        return base.add(*reader.records)
    except HubIntegrityError as error:
        raise FileFormatError(source, error.problems) from None


def read_popolo(
    path: str | os.PathLike[str],
    *,
    into: Hub | None = None,
    timezone: tzinfo = UTC,
    max_bytes: int | None = MAX_BYTES,
) -> Hub:
    """Read a Popolo JSON file into a hub (see the module for what maps to what).

    The file is read as safely as a hub file: a byte-order mark is allowed; keys given
    twice, text that is not JSON, devices and files over ``max_bytes`` are refused.

    Args:
        path: The ``.json`` file.
        into: A hub to add to (records it already holds are kept); ``None``: a new hub.
        timezone: The zone of event dates given without a time.
        max_bytes: The largest file read (1 GiB by default); ``None`` for no limit.

    Returns:
        The hub, validated and checked.

    Raises:
        FileNotFoundError: There is no such file (and other ``OSError``).
        FileFormatError: The file is not Popolo JSON, or an object in it cannot become a
            record: every problem, naming the object and the property.

    Examples:
        >>> import json, tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "popolo.json"
        ...     _ = path.write_text(json.dumps({"persons": [{"id": "p-1", "name": "Ana"}]}))
        ...     read_popolo(path).people[0].consent.value
        'pseudonymous'
    """
    source = str(path)
    data = _document(_read(Path(path), max_bytes), "json", source=source)
    return popolo_hub(data, into=into, timezone=timezone, source=source)

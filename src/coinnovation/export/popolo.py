"""Popolo JSON from a hub: people, organisations, memberships and sessions, for civic tech.

`Popolo <https://www.popoloproject.com/specs/>`_ is the open data specification for
people, organisations, memberships and events that civic-tech tools read (PopIt,
EveryPolitician, Open Civic Data). :func:`popolo_data` gives a hub as a Popolo JSON
document — an object with ``"persons"``, ``"organizations"``, ``"memberships"`` and
``"events"`` arrays — and :func:`write_popolo` writes it;
:func:`coinnovation.io.popolo.read_popolo` reads it back. Every object validates
against the specification's JSON Schemas, shipped with the library
(:func:`~coinnovation.io.popolo.popolo_schemas`).

What is written, and how it maps back, is the table of :mod:`coinnovation.io.popolo`:

- a person: ``id``, ``name``, and coinnovation's own ``+roles``, ``+sector`` and
  ``+consent`` (flagged with a ``+``, as the specification advises for properties
  outside it);
- an organisation: ``id``, ``name``, ``classification`` (its kind), ``parent_id``,
  ``description``, ``+sector``, ``+place``;
- a membership: ``id``, ``person_id``, ``organization_id``, ``role``, ``label`` (the
  title), ``start_date``, ``end_date`` (days), ``+primary``;
- a session, as a Popolo *event*: ``id``, ``name``, ``classification`` (its kind),
  ``start_date`` and ``end_date`` (the local time with its UTC offset, to the second —
  Popolo's pattern has no fractions of a second), ``parent_id``, ``location`` (its
  place), ``organization_id`` (its venue), ``description``, and ``attendees`` (the people
  who took part, each as ``{"id": ...}``, once).

Not written, as Popolo has no place for them: tags, attributes, communities, the
challenges and stage of a session, and what a participation records beyond who attended
(role, IAP2 level, hours, on whose behalf). People's descriptions are never written (free
text about a person may name them).

Privacy, for a file made to be published: named people appear by id and name;
pseudonymous people under their pseudonym, as id and name (and in memberships and
attendees); excluded people, their memberships and their attendance not at all. The ids
of memberships of people who are not named are replaced by ``m-<n>`` (registers make
those ids from names); free text (organisations' and sessions' names and descriptions)
goes through :meth:`Privacy.text <coinnovation.privacy.Privacy.text>`. Without
``privacy=``, a hub whose people are all named or excluded needs no secret; one that
would show someone under a pseudonym raises :class:`~coinnovation.errors.PrivacyError`
(see :mod:`coinnovation.privacy`). Nothing in the order ties a pseudonym back to a
name (registers list people alphabetically and number their records in that order):
persons, memberships (and the ``m-<n>`` numbers) and attendees are sorted by the id
shown.

Examples:
    >>> from coinnovation.models import Hub, Membership, Organisation, Person
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana", consent="named"),
    ...                   Person(id="p-cy", name="Cy", consent="excluded")),
    ...           organisations=(Organisation(id="o-whg", name="whg", sector="community"),),
    ...           memberships=(Membership(id="m-1", person="p-ana", organisation="o-whg"),
    ...                        Membership(id="m-2", person="p-cy", organisation="o-whg")))
    >>> data = popolo_data(hub)
    >>> data["persons"]
    [{'id': 'p-ana', 'name': 'Ana', '+consent': 'named'}]
    >>> data["memberships"]
    [{'id': 'm-1', 'person_id': 'p-ana', 'organization_id': 'o-whg', '+primary': False}]
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from coinnovation.io.files import atomic_write
from coinnovation.io.popolo import POPOLO_COLLECTIONS, POPOLO_EXTRA
from coinnovation.models import Consent, Hub
from coinnovation.privacy import Privacy

__all__ = ["popolo_data", "write_popolo"]


def _moment(value: datetime | None) -> str | None:
    """An aware datetime as Popolo writes it: to the second, with its UTC offset."""
    if value is None:
        return None
    return value.replace(microsecond=0).isoformat()


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """A Popolo object without empty properties (``None``, ``[]``)."""
    return {key: value for key, value in record.items() if value is not None and value != []}


def popolo_data(hub: Hub, *, privacy: Privacy | None = None) -> dict[str, Any]:
    """A hub as a Popolo JSON document, with its privacy policy applied.

    Args:
        hub: The hub.
        privacy: The hub's privacy policy (:meth:`Privacy.for_hub
            <coinnovation.privacy.Privacy.for_hub>`); ``None``: a policy without a
            secret, which refuses to show anyone under a pseudonym.

    Returns:
        ``{"persons": [...], "organizations": [...], "memberships": [...], "events":
        [...]}``, plain JSON data: organisations and events in hub order; persons,
        memberships and attendees sorted by the id shown.

    Raises:
        PrivacyError: Someone would be shown under a pseudonym and no secret is given.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> from coinnovation.models import Hub, Participation, Person, Session
        >>> summer = timezone(timedelta(hours=1))
        >>> hub = Hub(people=(Person(id="p-ana", name="Ana", consent="named"),),
        ...           sessions=(Session(id="s-1", name="Launch", kind="event",
        ...                             start=datetime(2023, 6, 22, 9, tzinfo=summer)),),
        ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana"),))
        >>> popolo_data(hub)["events"]
        [{'id': 's-1', 'name': 'Launch', 'classification': 'event', 'start_date': '2023-06-22T09:00:00+01:00', 'attendees': [{'id': 'p-ana'}]}]
    """
    policy = Privacy.from_options(hub, privacy, output="the Popolo export")
    persons = []
    for person in hub.people:
        if not policy.visible(person.id):
            continue
        persons.append(
            _clean(
                {
                    "id": policy.label(person.id),
                    "name": policy.name(person.id),
                    POPOLO_EXTRA + "roles": [role.value for role in person.roles],
                    POPOLO_EXTRA + "sector": None if person.sector is None else person.sector.value,
                    POPOLO_EXTRA + "consent": person.consent.value,
                }
            )
        )
    organizations = [
        _clean(
            {
                "id": organisation.id,
                "name": policy.text(organisation.name),
                "classification": organisation.kind.value,
                "parent_id": organisation.parent,
                "description": None
                if organisation.description is None
                else policy.text(organisation.description),
                POPOLO_EXTRA + "sector": organisation.sector.value,
                POPOLO_EXTRA + "place": None
                if organisation.place is None
                else policy.text(organisation.place),
            }
        )
        for organisation in hub.organisations
    ]
    persons.sort(key=lambda record: str(record["id"]))
    shown = sorted(
        (membership for membership in hub.memberships if policy.visible(membership.person)),
        key=lambda m: (str(policy.label(m.person)), m.organisation, str(m.start), str(m.end)),
    )
    memberships = []
    for number, membership in enumerate(shown, start=1):
        named = policy.consent(membership.person) is Consent.NAMED
        memberships.append(
            _clean(
                {
                    "id": membership.id if named else f"m-{number}",
                    "person_id": policy.label(membership.person),
                    "organization_id": membership.organisation,
                    "role": None if membership.role is None else membership.role.value,
                    "label": None if membership.title is None else policy.text(membership.title),
                    "start_date": None
                    if membership.start is None
                    else membership.start.isoformat(),
                    "end_date": None if membership.end is None else membership.end.isoformat(),
                    POPOLO_EXTRA + "primary": membership.primary,
                }
            )
        )
    attendees: dict[str, dict[str, None]] = {}
    for participation in hub.participations:
        who = participation.person
        if who is not None and policy.visible(who):
            attendees.setdefault(participation.session, {})[who] = None
    events = [
        _clean(
            {
                "id": session.id,
                "name": policy.text(session.name),
                "classification": session.kind.value,
                "start_date": _moment(session.start),
                "end_date": _moment(session.end),
                "parent_id": session.parent,
                "location": None if session.place is None else policy.text(session.place),
                "organization_id": session.venue,
                "description": None
                if session.description is None
                else policy.text(session.description),
                "attendees": [
                    {"id": label}
                    for label in sorted(
                        str(policy.label(who)) for who in attendees.get(session.id, {})
                    )
                ],
            }
        )
        for session in hub.sessions
    ]
    collections = (persons, organizations, memberships, events)
    return dict(zip(POPOLO_COLLECTIONS, collections, strict=True))


def write_popolo(
    hub: Hub,
    path: str | os.PathLike[str],
    *,
    privacy: Privacy | None = None,
    indent: int | None = 2,
) -> Path:
    """Write a hub as a Popolo JSON file (:func:`popolo_data`), atomically.

    Args:
        hub: The hub.
        path: The ``.json`` file to write (its folder must exist).
        privacy: The hub's privacy policy (see :func:`popolo_data`).
        indent: JSON indentation; ``None`` for the most compact file.

    Returns:
        The path written.

    Raises:
        PrivacyError: Someone would be shown under a pseudonym and no secret is given.

    Examples:
        >>> import json, tempfile, pathlib
        >>> from coinnovation.models import Hub, Organisation
        >>> hub = Hub(organisations=(Organisation(id="o-1", name="Acme", sector="industry"),))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_popolo(hub, pathlib.Path(folder) / "hub.popolo.json")
        ...     json.loads(path.read_text(encoding="utf-8"))["organizations"][0]["+sector"]
        'industry'
    """
    data = popolo_data(hub, privacy=privacy)
    text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    target = Path(path)
    atomic_write(target, (text + "\n").encode("utf-8"))
    return target

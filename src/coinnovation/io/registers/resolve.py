"""Resolving rows into records: which people, organisations and sessions a row names.

Private to :mod:`coinnovation.io.registers`. A record is matched by its id when the
register has an id column and the cell is filled; otherwise people and organisations are
matched by their normalised name, and sessions by their normalised name *and* date.
Records the hub holds are reused (never changed: where a row disagrees, the hub's value
is kept and a warning says so); new ones get ids made from their names. Each row is
planned (:meth:`_Resolver.plan`), then committed (:meth:`_Resolver.commit`), all or
nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from typing import TypeVar

import attrs

from coinnovation.errors import RowProblem
from coinnovation.io.registers.cells import _shown, _text
from coinnovation.io.registers.names import _search, _Searched, normalise_name
from coinnovation.io.registers.results import _KINDS
from coinnovation.io.registers.rows import _Row
from coinnovation.models.base import Entity
from coinnovation.models.hub import Hub
from coinnovation.models.integrity import record_kinds
from coinnovation.models.records import FIELD_OF_KIND
from coinnovation.models.sessions import Participation, Session
from coinnovation.models.stakeholders import Membership, Organisation, Person
from coinnovation.models.vocabularies import (
    Consent,
    ParticipationRole,
    PersonRole,
    Sector,
    SessionKind,
)

_T = TypeVar("_T")


@attrs.define
class _NewPerson:
    id: str
    name: str
    key: str
    roles: list[PersonRole]
    sector: Sector | None
    email: str
    consent: Consent | None


@attrs.define
class _NewOrganisation:
    id: str
    name: str
    key: str
    sector: Sector | None


@attrs.define
class _NewSession:
    id: str
    name: str
    day: date
    start: time | None
    end: time | None
    row: int


@attrs.define
class _Plan:
    """How a row's person, organisation or session is found: in the hub, new, or to create."""

    state: str  # "hub", "new" or "create"
    id: str
    name: str = ""
    key: str = ""


@attrs.frozen
class _RowPlan:
    """How one row's records are found: its person, organisation (if any) and session."""

    person: _Plan
    organisation: _Plan | None
    session: _Plan


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _slug(text: str, limit: int = 60) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].rstrip("-")
    if not slug:
        slug = "x" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return slug


def _bare(record_id: str, prefix: str) -> str:
    return record_id[len(prefix) :] if record_id.startswith(prefix) else record_id


@attrs.frozen
class _HubIndex:
    """What the hub already holds, looked up as the rows need it (built once per read)."""

    kinds: dict[str, str]  # every record's id to its kind
    people: dict[str, list[Person]]  # by normalised name
    organisations: dict[str, list[Organisation]]  # by normalised name
    named: dict[str, list[tuple[str, str, str]]]  # people's and organisations' (id, name, key)
    sessions: dict[tuple[str, date], list[Session]]  # by normalised name and local day
    sessions_by_day: dict[date, list[tuple[str, str, str]]]  # (id, name, normalised name)
    participations: dict[tuple[str, str], Participation]  # by (person, session)
    memberships: dict[tuple[str, str], str]  # (person, organisation) to the first's id

    @classmethod
    def of(cls, hub: Hub, zone: tzinfo) -> _HubIndex:
        kinds: dict[str, str] = {}
        for kind, _, records in record_kinds(hub):
            for record in records:
                assert isinstance(record, Entity)
                kinds[record.id] = kind
        named: dict[str, list[tuple[str, str, str]]] = {"person": [], "organisation": []}
        people: dict[str, list[Person]] = {}
        for person in hub.people:
            name_key = normalise_name(person.name)
            people.setdefault(name_key, []).append(person)
            named["person"].append((person.id, person.name, name_key))
        organisations: dict[str, list[Organisation]] = {}
        for organisation in hub.organisations:
            name_key = normalise_name(organisation.name, titles=False)
            organisations.setdefault(name_key, []).append(organisation)
            named["organisation"].append((organisation.id, organisation.name, name_key))
        sessions: dict[tuple[str, date], list[Session]] = {}
        sessions_by_day: dict[date, list[tuple[str, str, str]]] = {}
        for session in hub.sessions:
            if session.start is not None:
                day = session.start.astimezone(zone).date()
                key = (normalise_name(session.name, titles=False), day)
                sessions.setdefault(key, []).append(session)
                sessions_by_day.setdefault(day, []).append((session.id, session.name, key[0]))
        participations = {
            (p.person, p.session): p for p in hub.participations if p.person is not None
        }
        memberships: dict[tuple[str, str], str] = {}
        for membership in hub.memberships:
            memberships.setdefault((membership.person, membership.organisation), membership.id)
        return cls(
            kinds,
            people,
            organisations,
            named,
            sessions,
            sessions_by_day,
            participations,
            memberships,
        )


class _Resolver:
    """Turns checked rows into records, one row at a time, all or nothing per row.

    The steps, each a method: :meth:`plan` a row (how its person, organisation and session
    are found: in the hub, earlier in the register, or to create; nothing changes), then
    :meth:`commit` it (the ``_commit_*`` methods record what is new and warn where a row
    disagrees with what is known); once every row is in, :meth:`records` builds the new
    records, :meth:`added` lists them and :meth:`alike_names` compares their names.
    """

    def __init__(
        self,
        hub: Hub,
        source: str,
        header: list[str],
        columns: dict[str, int],
        zone: tzinfo,
        session_kind: SessionKind,
        default_sector: Sector,
        reserved: set[str],
    ) -> None:
        self.hub = hub
        self.source = source
        self.header = header
        self.columns = columns
        self.zone = zone
        self.session_kind = session_kind
        self.default_sector = default_sector
        index = _HubIndex.of(hub, zone)
        self.kinds: dict[str, str] = dict(index.kinds)
        self.hub_ids = frozenset(index.kinds)
        self.used = set(index.kinds) | reserved
        self.hub_people = index.people
        self.hub_organisations = index.organisations
        self.hub_named = index.named
        self.hub_sessions = index.sessions
        self.hub_sessions_by_day = index.sessions_by_day
        self.hub_participations = index.participations
        self.hub_memberships = index.memberships
        self.people: dict[str, _NewPerson] = {}
        self.people_by_key: dict[str, str] = {}
        self.organisations: dict[str, _NewOrganisation] = {}
        self.organisations_by_key: dict[str, str] = {}
        self.sessions: dict[str, _NewSession] = {}
        self.sessions_by_key: dict[tuple[str, date], str] = {}
        self.memberships: dict[tuple[str, str], str] = {}
        self.participations: dict[tuple[str, str], Participation] = {}
        self.first_row: dict[tuple[str, str], int] = {}
        self.reused: dict[str, dict[str, None]] = {kind: {} for kind in _KINDS}
        self.rows_of: dict[str, list[int]] = {}
        self.warnings: list[RowProblem] = []
        self.normalised: dict[tuple[str, bool], str] = {}
        self.tried: dict[str, int] = {}  # the last number _fresh gave each base

    # -- helpers ----------------------------------------------------------------------------

    def _normalised(self, name: str, titles: bool) -> str:
        """normalise_name, each name worked out once: registers repeat their names."""
        key = self.normalised.get((name, titles))
        if key is None:
            key = self.normalised[(name, titles)] = normalise_name(name, titles=titles)
        return key

    def _column(self, field: str) -> str | None:
        return self.header[self.columns[field]] if field in self.columns else None

    def _problem(self, row: _Row, field: str, message: str) -> RowProblem:
        return RowProblem(self.source, row.number, self._column(field), message)

    def _warn(self, row: _Row, field: str | None, message: str) -> None:
        column = self._column(field) if field is not None else None
        self.warnings.append(RowProblem(self.source, row.number, column, message))

    def _fresh(self, prefix: str, slug: str) -> str:
        """The id ``base``, or ``base-2``, ``base-3`` … : the first not taken.

        Ids are only ever taken, never given back, so the search for a base starts at the
        number it last returned: n records of one base cost n, not n² / 2, steps.
        """
        base = (prefix + slug)[:120].rstrip("-")
        number = self.tried.get(base, 1)
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        self.tried[base] = number
        return candidate

    def _other_kind(self, record_id: str, kind: str) -> str | None:
        found = self.kinds.get(record_id)
        if found is None or found == kind:
            return None
        where = "the hub" if record_id in self.hub_ids else "this register"
        return (
            f"{record_id!r} is already the id of {_article(found)} {found} in {where}, "
            f"not {_article(kind)} {kind}"
        )

    # -- planning (no changes) --------------------------------------------------------------

    def _plan_named(
        self,
        row: _Row,
        kind: str,
        record_id: str,
        name: str,
        id_field: str,
        name_field: str,
        hub_records: Mapping[str, Sequence[Person | Organisation]],
        new_ids: Mapping[str, object],
        new_by_key: Mapping[str, str],
        prefix: str,
        titles: bool,
        problems: list[RowProblem],
    ) -> _Plan | None:
        key = self._normalised(name, titles) if name else ""
        if record_id:
            clash = self._other_kind(record_id, kind)
            if clash is not None:
                problems.append(self._problem(row, id_field, clash))
                return None
            if record_id in self.kinds and record_id not in new_ids:
                return _Plan("hub", record_id, name, key)
            if record_id in new_ids:
                return _Plan("new", record_id, name, key)
            if not key:
                problems.append(
                    self._problem(row, name_field, f"empty name: a new {kind} needs a name")
                )
                return None
            return _Plan("create", record_id, name, key)
        if not name:
            problems.append(self._problem(row, name_field, f"empty {kind} name"))
            return None
        if not key:
            problems.append(
                self._problem(row, name_field, f"{_shown(name)} has no letters or digits")
            )
            return None
        matches = hub_records.get(key, ())
        if len(matches) > 1:
            ids = ", ".join(record.id for record in matches)
            problems.append(
                self._problem(
                    row,
                    name_field,
                    f"{len(matches)} {FIELD_OF_KIND[kind]} in the hub are called {_shown(name)} "
                    f"({ids}): add a {kind} id column to say which",
                )
            )
            return None
        if matches:
            return _Plan("hub", matches[0].id, name, key)
        if key in new_by_key:
            return _Plan("new", new_by_key[key], name, key)
        return _Plan("create", self._fresh(prefix, _slug(key)), name, key)

    def _plan_session(self, row: _Row, problems: list[RowProblem]) -> _Plan | None:
        name_key = self._normalised(row.session_name, False) if row.session_name else ""
        if row.session_id:
            clash = self._other_kind(row.session_id, "session")
            if clash is not None:
                problems.append(self._problem(row, "session_id", clash))
                return None
            if row.session_id in self.kinds and row.session_id not in self.sessions:
                return _Plan("hub", row.session_id, row.session_name, name_key)
            if row.session_id in self.sessions:
                return _Plan("new", row.session_id, row.session_name, name_key)
        if not row.session_name:
            problems.append(self._problem(row, "session", "empty session name"))
            return None
        if not name_key:
            problems.append(
                self._problem(
                    row, "session", f"{_shown(row.session_name)} has no letters or digits"
                )
            )
            return None
        if row.day is None:
            if not any(p.column == self._column("date") for p in problems):
                problems.append(self._problem(row, "date", "empty date"))
            return None
        if row.session_id:
            return _Plan("create", row.session_id, row.session_name, name_key)
        key = (name_key, row.day)
        matches = self.hub_sessions.get(key, [])
        if len(matches) > 1:
            ids = ", ".join(session.id for session in matches)
            problems.append(
                self._problem(
                    row,
                    "session",
                    f"{len(matches)} sessions in the hub are called {_shown(row.session_name)} "
                    f"on {row.day.isoformat()} ({ids}): add a session id column to say which",
                )
            )
            return None
        if matches:
            return _Plan("hub", matches[0].id, row.session_name, name_key)
        if key in self.sessions_by_key:
            return _Plan("new", self.sessions_by_key[key], row.session_name, name_key)
        slug = f"{row.day.isoformat()}-{_slug(name_key)}"
        return _Plan("create", self._fresh("s-", slug), row.session_name, name_key)

    # -- applying a row ---------------------------------------------------------------------

    def apply(self, row: _Row) -> list[RowProblem]:
        """Add the row's records, or return its problems and change nothing."""
        planned = self.plan(row)
        if isinstance(planned, list):
            return planned
        self.commit(row, planned)
        return []

    def plan(self, row: _Row) -> _RowPlan | list[RowProblem]:
        """How the row's person, organisation and session are found; changes nothing.

        Returns:
            The plan, or the row's problems (a row with any problem adds nothing).
        """
        problems: list[RowProblem] = []
        person = self._plan_named(
            row,
            "person",
            row.person_id,
            row.person_name,
            "person_id",
            "person",
            self.hub_people,
            self.people,
            self.people_by_key,
            "p-",
            True,
            problems,
        )
        organisation = None
        if row.has_organisation:
            organisation = self._plan_named(
                row,
                "organisation",
                row.organisation_id,
                row.organisation_name,
                "organisation_id",
                "organisation",
                self.hub_organisations,
                self.organisations,
                self.organisations_by_key,
                "o-",
                False,
                problems,
            )
        session = self._plan_session(row, problems)
        created = [
            plan.id for plan in (person, organisation, session) if plan and plan.state == "create"
        ]
        if len(set(created)) < len(created):
            problems.append(
                RowProblem(
                    self.source, row.number, None, "the row gives the same id to two records"
                )
            )
        if problems:
            return problems
        assert person is not None
        assert session is not None
        return _RowPlan(person, organisation, session)

    def commit(self, row: _Row, plan: _RowPlan) -> None:
        """Record what a planned row adds, and what it reuses of the hub."""
        person, organisation, session = plan.person, plan.organisation, plan.session
        self._commit_person(row, person, organisation is None)
        if organisation is not None:
            self._commit_organisation(row, organisation)
            self._commit_membership(row, person.id, organisation.id)
        self._commit_session(row, session)
        self._commit_participation(row, person, session, organisation)

    def _note(self, record_id: str, row: _Row) -> None:
        self.rows_of.setdefault(record_id, []).append(row.number)

    def _commit_person(self, row: _Row, plan: _Plan, own_sector: bool) -> None:
        sector = row.sector if own_sector else None
        if plan.state == "create":
            self.people[plan.id] = _NewPerson(
                plan.id, plan.name, plan.key, list(row.person_roles), sector, row.email, row.consent
            )
            self.people_by_key.setdefault(plan.key, plan.id)
            self.kinds[plan.id] = "person"
            self.used.add(plan.id)
        elif plan.state == "new":
            new = self.people[plan.id]
            self._same_name(row, "person", plan, new.name)
            new.roles.extend(role for role in row.person_roles if role not in new.roles)
            new.sector = self._merged(row, "sector", "person", plan.id, new.sector, sector)
            new.email = (
                self._merged(row, "email", "person", plan.id, new.email or None, row.email or None)
                or ""
            )
            new.consent = self._merged(row, "consent", "person", plan.id, new.consent, row.consent)
        else:
            self.reused["person"][plan.id] = None
            existing = self.hub.person(plan.id)
            self._same_name(row, "person", plan, existing.name)
            email = existing.attributes.get("email")
            self._kept(
                row,
                "email",
                "person",
                plan.id,
                email if isinstance(email, str) else None,
                row.email or None,
            )
            self._kept(row, "consent", "person", plan.id, existing.consent, row.consent)
            self._kept(row, "sector", "person", plan.id, existing.sector, sector)
            missing = [role.value for role in row.person_roles if role not in existing.roles]
            if missing:
                self._warn(
                    row,
                    "role",
                    f"person {plan.id!r} in the hub does not have the role "
                    f"{', '.join(missing)}: the hub's record is kept",
                )
        self._note(plan.id, row)

    def _commit_organisation(self, row: _Row, plan: _Plan) -> None:
        if plan.state == "create":
            self.organisations[plan.id] = _NewOrganisation(plan.id, plan.name, plan.key, row.sector)
            self.organisations_by_key.setdefault(plan.key, plan.id)
            self.kinds[plan.id] = "organisation"
            self.used.add(plan.id)
        elif plan.state == "new":
            new = self.organisations[plan.id]
            self._same_name(row, "organisation", plan, new.name)
            new.sector = self._merged(
                row, "sector", "organisation", plan.id, new.sector, row.sector
            )
        else:
            self.reused["organisation"][plan.id] = None
            existing = self.hub.organisation(plan.id)
            self._same_name(row, "organisation", plan, existing.name)
            self._kept(row, "sector", "organisation", plan.id, existing.sector, row.sector)
        self._note(plan.id, row)

    def _commit_membership(self, row: _Row, person: str, organisation: str) -> None:
        key = (person, organisation)
        if key in self.hub_memberships:
            self.reused["membership"][self.hub_memberships[key]] = None
        elif key not in self.memberships:
            slug = f"{_bare(person, 'p-')}-{_bare(organisation, 'o-')}"
            record_id = self._fresh("m-", _slug(slug, limit=110))
            self.memberships[key] = record_id
            self.kinds[record_id] = "membership"
            self.used.add(record_id)

    def _commit_session(self, row: _Row, plan: _Plan) -> None:
        self._note(plan.id, row)
        if plan.state == "create":
            assert row.day is not None
            self.sessions[plan.id] = _NewSession(
                plan.id, plan.name, row.day, row.start, row.end, row.number
            )
            self.sessions_by_key.setdefault((plan.key, row.day), plan.id)
            self.kinds[plan.id] = "session"
            self.used.add(plan.id)
        elif plan.state == "new":
            new = self.sessions[plan.id]
            if plan.name and plan.key != self._normalised(new.name, False):
                self._warn(
                    row,
                    "session",
                    f"session {plan.id!r} is called {_shown(new.name)} on row {new.row}: "
                    "that name is kept",
                )
            if row.day is not None and row.day != new.day:
                self._warn(
                    row,
                    "date",
                    f"session {plan.id!r} is on {new.day.isoformat()} (row {new.row}): "
                    "that date is kept",
                )
            new.start = self._merged(row, "start_time", "session", plan.id, new.start, row.start)
            new.end = self._merged(row, "end_time", "session", plan.id, new.end, row.end)
        else:
            self.reused["session"][plan.id] = None
            existing = self.hub.session(plan.id)
            if row.day is not None and existing.start is not None:
                day = existing.start.astimezone(self.zone).date()
                if day != row.day:
                    self._warn(
                        row,
                        "date",
                        f"session {plan.id!r} in the hub is on {day.isoformat()}, not "
                        f"{row.day.isoformat()}: the hub's record is kept",
                    )
            if plan.name and plan.key != self._normalised(existing.name, False):
                self._warn(
                    row,
                    "session",
                    f"session {plan.id!r} is called {_shown(existing.name)} in the hub: "
                    "the hub's record is kept",
                )

    def _commit_participation(
        self, row: _Row, person: _Plan, session: _Plan, organisation: _Plan | None
    ) -> None:
        key = (person.id, session.id)
        first = self.first_row.get(key)
        if first is not None:
            self._warn(
                row,
                None,
                f"repeats row {first} ({person.id} at {session.id}): not imported again",
            )
            return
        self.first_row[key] = row.number
        existing = self.hub_participations.get(key)
        if existing is not None:
            self.reused["participation"][existing.id] = None
            differences = [
                f"{name} {getattr(existing, name)}"
                for name, value in (("role", row.role), ("level", row.level), ("hours", row.hours))
                if value is not None and value != getattr(existing, name)
            ]
            if differences:
                self._warn(
                    row,
                    None,
                    f"participation {existing.id!r} in the hub has {', '.join(differences)}: "
                    "the hub's record is kept",
                )
            return
        slug = f"{_bare(session.id, 's-')}-{_bare(person.id, 'p-')}"
        record_id = self._fresh("pa-", _slug(slug, limit=115))
        self.kinds[record_id] = "participation"
        self.used.add(record_id)
        self.participations[key] = Participation(
            id=record_id,
            session=session.id,
            person=person.id,
            organisation=organisation.id if organisation is not None else None,
            role=row.role or ParticipationRole.PARTICIPANT,
            level=row.level,
            hours=row.hours,
        )

    def _same_name(self, row: _Row, kind: str, plan: _Plan, known: str) -> None:
        titles = kind == "person"
        if plan.name and plan.key != self._normalised(known, titles):
            where = "in the hub" if plan.state == "hub" else "earlier in this register"
            self._warn(
                row,
                kind,
                f"{kind} {plan.id!r} is called {_shown(known)} {where}, not "
                f"{_shown(plan.name)}: {_shown(known)} is kept",
            )

    def _merged(
        self, row: _Row, field: str, kind: str, record_id: str, current: _T | None, value: _T | None
    ) -> _T | None:
        if value is None or value == current:
            return current
        if current is None:
            return value
        self._warn(
            row,
            field,
            f"{kind} {record_id!r} was given {_text(current) or current} on an earlier row, "
            f"not {_text(value) or value}: the first is kept",
        )
        return current

    def _kept(
        self, row: _Row, field: str, kind: str, record_id: str, current: object, value: object
    ) -> None:
        if value is not None and value != current:
            has = f"no {field}" if current is None else f"{field} {current!s}"
            self._warn(
                row,
                field,
                f"{kind} {record_id!r} in the hub has {has}, not {value!s}: "
                "the hub's record is kept",
            )

    # -- the records ------------------------------------------------------------------------

    def records(self) -> list[Entity]:
        records: list[Entity] = []
        unsectored = [o.name for o in self.organisations.values() if o.sector is None]
        if unsectored:
            shown = ", ".join(_shown(name) for name in unsectored[:5])
            more = f" and {len(unsectored) - 5} more" if len(unsectored) > 5 else ""
            self.warnings.append(
                RowProblem(
                    self.source,
                    None,
                    self._column("sector"),
                    f"{len(unsectored)} new organisation{'s have' if len(unsectored) > 1 else ' has'} "
                    f"no sector ({shown}{more}): recorded as {self.default_sector.value!r}",
                )
            )
        for organisation in self.organisations.values():
            records.append(
                Organisation(
                    id=organisation.id,
                    name=organisation.name,
                    sector=organisation.sector or self.default_sector,
                )
            )
        for person in self.people.values():
            records.append(
                Person(
                    id=person.id,
                    name=person.name,
                    roles=tuple(person.roles),
                    sector=person.sector,
                    consent=person.consent or Consent.PSEUDONYMOUS,
                    attributes={"email": person.email} if person.email else {},
                )
            )
        for (person_id, organisation_id), record_id in self.memberships.items():
            records.append(Membership(id=record_id, person=person_id, organisation=organisation_id))
        for session in self.sessions.values():
            start = datetime.combine(session.day, session.start or time(), tzinfo=self.zone)
            end = (
                datetime.combine(session.day, session.end, tzinfo=self.zone)
                if session.end is not None
                else None
            )
            if end is not None and end < start:
                end = None
                self.warnings.append(
                    RowProblem(
                        self.source,
                        session.row,
                        self._column("end_time"),
                        f"session {session.id!r} ends before it starts: no end recorded",
                    )
                )
            records.append(
                Session(
                    id=session.id,
                    name=session.name,
                    kind=self.session_kind,
                    start=start,
                    end=end,
                )
            )
        records.extend(self.participations.values())
        return records

    def added(self) -> dict[str, tuple[str, ...]]:
        return {
            "person": tuple(self.people),
            "organisation": tuple(self.organisations),
            "membership": tuple(self.memberships.values()),
            "session": tuple(self.sessions),
            "participation": tuple(p.id for p in self.participations.values()),
        }

    def alike_names(self) -> _Searched:
        """Names shared or alike among the new records and between them and the hub's.

        People and organisations are compared across the whole hub; sessions only with
        sessions on the same day, which keeps the search small however long the register.
        """
        found = [
            _search(
                "person",
                [(p.id, p.name, p.key) for p in self.people.values()],
                self.hub_named["person"],
                self.rows_of,
            ),
            _search(
                "organisation",
                [(o.id, o.name, o.key) for o in self.organisations.values()],
                self.hub_named["organisation"],
                self.rows_of,
            ),
        ]
        by_day: dict[date, list[tuple[str, str, str]]] = {}
        for session in self.sessions.values():
            key = self._normalised(session.name, False)
            by_day.setdefault(session.day, []).append((session.id, session.name, key))
        for day in sorted(by_day):
            existing = self.hub_sessions_by_day.get(day, [])
            found.append(_search("session", by_day[day], existing, self.rows_of, day))
        return _Searched(tuple(found))

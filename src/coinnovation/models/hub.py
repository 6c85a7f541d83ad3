"""The aggregate root: a :class:`Hub` holds every record and guarantees they fit together.

A hub is immutable. Building one — from keyword arguments, ``Hub.model_validate`` or
``Hub.model_validate_json`` — validates every record and then every reference between
records, and raises one :class:`~coinnovation.errors.HubIntegrityError` listing every
problem. Changes return a new hub (:meth:`Hub.add`, :meth:`Hub.replace`,
:meth:`Hub.remove`), which makes snapshots and undo trivial.

Examples:
    >>> from coinnovation.models import Hub, Organisation, Person, Membership
    >>> hub = Hub(
    ...     organisations=(Organisation(id="o-whg", name="whg", sector="community"),),
    ...     people=(Person(id="p-ana", name="Ana"),),
    ...     memberships=(Membership(id="m-1", person="p-ana", organisation="o-whg"),))
    >>> [person.name for person in hub.members("o-whg")]
    ['Ana']
    >>> hub.sector_of("p-ana")
    <Sector.COMMUNITY: 'community'>
"""

from __future__ import annotations

import importlib
import warnings
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Self, TypeVar, cast

import attrs
from pydantic import AfterValidator, StringConstraints, ValidationError, model_validator

from coinnovation.errors import HubIntegrityError, UnknownReferenceError
from coinnovation.models.agreements import Agreement
from coinnovation.models.base import Entity, Record
from coinnovation.models.challenges import Challenge, Framing, StageName
from coinnovation.models.integrity import hub_problems, record_kinds
from coinnovation.models.outcomes import Outcome
from coinnovation.models.records import FIELD_OF, KIND_OF
from coinnovation.models.scope import Scope, Selection, _select
from coinnovation.models.sessions import Contribution, Participation, Session
from coinnovation.models.stages import StageModel, Transition
from coinnovation.models.stakeholders import Community, Membership, Organisation, Person
from coinnovation.models.vocabularies import DEFAULT_STAGES, Sector

if TYPE_CHECKING:
    from coinnovation.privacy import Privacy

__all__ = ["SCHEMA_VERSION", "Hub"]

#: The version of the hub file format this library writes: ``MAJOR.MINOR``. Files of a
#: newer minor version load; files of a newer major version are refused.
SCHEMA_VERSION = "1.1"
_MAJOR = int(SCHEMA_VERSION.split(".")[0])

_R = TypeVar("_R", bound=Entity)


def _readable_version(version: str) -> str:
    major = int(version.split(".")[0])
    if major > _MAJOR:
        raise ValueError(
            f"schema version {version} is newer than this library reads ({SCHEMA_VERSION}); "
            "upgrade coinnovation to load this file"
        )
    return version


SchemaVersion = Annotated[
    str, StringConstraints(pattern=r"^\d+\.\d+$"), AfterValidator(_readable_version)
]


@attrs.frozen
class _Index:
    """Look-up tables built once, on the first query."""

    by_id: dict[str, Entity]
    children: dict[str, list[Session]]
    participations_by_session: dict[str, list[Participation]]
    participations_by_stakeholder: dict[str, list[Participation]]
    memberships_by_person: dict[str, list[Membership]]
    memberships_by_organisation: dict[str, list[Membership]]
    agreements_by_party: dict[str, list[Agreement]]


def _precedence(membership: Membership) -> tuple[bool, bool, date, date]:
    """Sort key (highest wins): primary, then open, then the later end, then later start."""
    return (
        membership.primary,
        membership.end is None,
        membership.end or date.min,
        membership.start or date.min,
    )


def _integrity_error(error: ValidationError) -> HubIntegrityError | None:
    """The integrity error a validation error wraps, if that is all it is."""
    errors = error.errors()
    if len(errors) == 1:
        inner = errors[0].get("ctx", {}).get("error")
        if isinstance(inner, HubIntegrityError):
            return inner
    return None


class Hub(Record):
    """Every record of a co-innovation hub, referentially sound.

    Attributes:
        schema_version: The file-format version (``MAJOR.MINOR``).
        name: The hub's name.
        description: Free text.
        stages: The stages of the hub's stage model, in order.
        transitions: The moves allowed between stages; ``None`` (the default) allows a
            move forward one stage or back to any earlier stage (see :attr:`process`).
        communities: The communities served.
        organisations: The organisations taking part.
        people: The people taking part.
        memberships: People's memberships of organisations.
        challenges: The challenges worked on.
        framings: How parties framed the challenges.
        sessions: The sessions (a tree through ``Session.parent``).
        participations: Who took part in which session.
        contributions: What was put in at sessions.
        agreements: Cost and reward agreements.
        outcomes: What came of the work.

    Raises:
        HubIntegrityError: On construction, listing every broken reference, duplicate id,
            loop, misplaced stage and inconsistent agreement.

    Examples:
        >>> from coinnovation.models import Session, Participation
        >>> Hub(sessions=(Session(id="s-1", name="Day"),),
        ...     participations=(Participation(id="pa-1", session="s-1", person="p-x"),))
        Traceback (most recent call last):
        ...
        coinnovation.errors.HubIntegrityError: 1 integrity problem in the hub:
          - participation 'pa-1', field 'person': unknown person 'p-x'
    """

    schema_version: SchemaVersion = SCHEMA_VERSION
    name: str | None = None
    description: str | None = None
    stages: tuple[StageName, ...] = DEFAULT_STAGES
    transitions: tuple[Transition, ...] | None = None
    communities: tuple[Community, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    memberships: tuple[Membership, ...] = ()
    challenges: tuple[Challenge, ...] = ()
    framings: tuple[Framing, ...] = ()
    sessions: tuple[Session, ...] = ()
    participations: tuple[Participation, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    outcomes: tuple[Outcome, ...] = ()

    record_types: ClassVar[dict[type[Entity], str]] = FIELD_OF

    # -- construction ---------------------------------------------------------------------

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            integrity = _integrity_error(error)
            if integrity is None:
                raise
            raise integrity from None

    # pydantic's own marker for an ``__init__`` that only wraps the base one: it lets
    # ``model_validate_json`` validate straight from JSON instead of through Python dicts
    # and this method (twice as fast on large files; the class methods below unwrap the
    # integrity error for that path).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        """Build a hub from Python data (as ``BaseModel.model_validate``).

        Raises:
            HubIntegrityError: The records do not fit together.
            pydantic.ValidationError: A record is malformed.

        Examples:
            >>> Hub.model_validate({"name": "Walsall"}).name
            'Walsall'
        """
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as error:
            integrity = _integrity_error(error)
            if integrity is None:
                raise
            raise integrity from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        """Build a hub from JSON text (as ``BaseModel.model_validate_json``).

        Raises:
            HubIntegrityError: The records do not fit together.
            pydantic.ValidationError: The text is not JSON, or a record is malformed.

        Examples:
            >>> Hub.model_validate_json('{"schema_version": "1.0"}').participations
            ()
        """
        try:
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as error:
            integrity = _integrity_error(error)
            if integrity is None:
                raise
            raise integrity from None

    @model_validator(mode="after")
    def _integrity(self) -> Self:
        problems = hub_problems(self)
        if problems:
            raise HubIntegrityError(problems)
        return self

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{field}={len(records)}" for _, field, records in record_kinds(self) if records
        )
        name = f"name={self.name!r}" + (", " if counts else "")
        return f"Hub({name}{counts})"

    __str__ = __repr__

    def _repr_html_(self) -> str:
        from coinnovation._html import html_table

        rows: list[tuple[str, object]] = [
            ("name", self.name),
            ("stages", " → ".join(self.stages)),
        ]
        rows += [(field, len(records)) for _, field, records in record_kinds(self)]
        return html_table(("", "hub"), rows, caption="Hub", limit=None)

    def frames(self, *, privacy: Privacy | None = None) -> dict[str, Any]:
        """Every record as pandas DataFrames, one per kind (needs the ``pandas`` extra).

        Deprecated: use :func:`coinnovation.export.to_frames` (``to_frames(hub)``), which
        this calls; it warns with a :class:`DeprecationWarning`. See
        :func:`~coinnovation.export.frames.to_frames` for the frames and their column
        types.

        Args:
            privacy: A :class:`~coinnovation.privacy.Privacy` policy to apply, for frames
                you will share; ``None`` gives the hub as it is.

        Returns:
            The frames by name: ``communities``, ``organisations``, ``people``,
            ``memberships``, ``challenges``, ``framings``, ``sessions``,
            ``participations``, ``contributions``, ``agreements``, ``parties``,
            ``costs``, ``rewards``, ``shares``, ``outcomes``.

        Raises:
            MissingDependencyError: pandas is not installed.

        Examples:
            >>> import warnings
            >>> from coinnovation.models import Person
            >>> with warnings.catch_warnings():
            ...     warnings.simplefilter("ignore", DeprecationWarning)
            ...     Hub().add(Person(id="p-1", name="Ana")).frames()["people"]["id"].tolist()
            ['p-1']
        """
        warnings.warn(
            "Hub.frames() is deprecated: use coinnovation.export.to_frames(hub)",
            DeprecationWarning,
            stacklevel=2,
        )
        # The one sanctioned reach upwards from the models: a deprecated shortcut to the
        # exports, imported by name when called so the models never import them (the
        # import-linter contracts hold; see docs/concepts/architecture.md).
        export = importlib.import_module("coinnovation.export")
        frames: dict[str, Any] = export.to_frames(self, privacy=privacy)
        return frames

    # -- changes ----------------------------------------------------------------------------

    def _grouped(self, records: Iterable[Entity]) -> dict[str, list[Entity]]:
        grouped: dict[str, list[Entity]] = defaultdict(list)
        for record in records:
            field = FIELD_OF.get(type(record))
            if field is None:
                raise TypeError(f"a hub holds no records of type {type(record).__name__}")
            # Validated again (records are revalidated as instances): catches invalid copies.
            grouped[field].append(type(record).model_validate(record))
        return grouped

    def _rebuilt(self, update: dict[str, Any]) -> Self:
        """A new hub with some collections replaced: only the integrity check runs again.

        The records this hub holds are valid already and ``_grouped`` validated the new
        ones, so the hub is assembled without validating every record again.
        """
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(update)
        hub = cast(Self, type(self).model_construct(**data))
        problems = hub_problems(hub)
        if problems:
            raise HubIntegrityError(problems)
        return hub

    def add(self, *records: Entity) -> Self:
        """A new hub with ``records`` appended to their collections, validated.

        Args:
            *records: Records of any kind the hub holds.

        Returns:
            The new hub; this one is unchanged.

        Raises:
            HubIntegrityError: The new records clash with the hub or with each other.

        Examples:
            >>> from coinnovation.models import Person
            >>> hub = Hub().add(Person(id="p-1", name="Ana"), Person(id="p-2", name="Ben"))
            >>> len(hub.people)
            2
        """
        grouped = self._grouped(records)
        return self._rebuilt(
            {field: (*getattr(self, field), *new) for field, new in grouped.items()}
        )

    def replace(self, *records: Entity) -> Self:
        """A new hub in which each record replaces the one with the same id and kind.

        Args:
            *records: Changed versions of records the hub holds.

        Returns:
            The new hub, validated.

        Raises:
            UnknownReferenceError: The hub holds no record of that kind with that id.
            HubIntegrityError: The changed records break a reference.

        Examples:
            >>> from coinnovation.models import Person
            >>> hub = Hub().add(Person(id="p-1", name="Ana"))
            >>> hub.replace(Person(id="p-1", name="Ana B.")).person("p-1").name
            'Ana B.'
        """
        update: dict[str, Any] = {}
        for field, new in self._grouped(records).items():
            current = list(update.get(field, getattr(self, field)))
            position = {record.id: index for index, record in enumerate(current)}
            for record in new:
                if record.id not in position:
                    raise UnknownReferenceError(KIND_OF[type(record)], record.id)
                current[position[record.id]] = record
            update[field] = tuple(current)
        return self._rebuilt(update)

    def remove(self, *ids: str) -> Self:
        """A new hub without the records with these ids.

        Records that refer to a removed one make the new hub fail its integrity check:
        remove them too.

        Args:
            *ids: Ids of records of any kind.

        Returns:
            The new hub, validated.

        Raises:
            UnknownReferenceError: An id is not in the hub.
            HubIntegrityError: A remaining record refers to a removed one.

        Examples:
            >>> from coinnovation.models import Person
            >>> Hub().add(Person(id="p-1", name="Ana")).remove("p-1").people
            ()
        """
        gone = set(ids)
        for record_id in gone:
            self.get(record_id)
        update = {
            field: tuple(r for r in records if r.id not in gone)  # type: ignore[attr-defined]
            for _, field, records in record_kinds(self)
        }
        return self._rebuilt(update)

    # -- look-ups ---------------------------------------------------------------------------

    @cached_property
    def _index(self) -> _Index:
        by_id: dict[str, Entity] = {}
        for _, _, records in record_kinds(self):
            for record in records:
                assert isinstance(record, Entity)
                by_id[record.id] = record
        children: dict[str, list[Session]] = defaultdict(list)
        for session in self.sessions:
            if session.parent is not None:
                children[session.parent].append(session)
        by_session: dict[str, list[Participation]] = defaultdict(list)
        by_stakeholder: dict[str, list[Participation]] = defaultdict(list)
        for participation in self.participations:
            by_session[participation.session].append(participation)
            if participation.person is not None:
                by_stakeholder[participation.person].append(participation)
            if participation.organisation is not None:
                by_stakeholder[participation.organisation].append(participation)
        by_person: dict[str, list[Membership]] = defaultdict(list)
        by_organisation: dict[str, list[Membership]] = defaultdict(list)
        for membership in self.memberships:
            by_person[membership.person].append(membership)
            by_organisation[membership.organisation].append(membership)
        by_party: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in self.agreements:
            for party in dict.fromkeys(agreement.party_ids):
                by_party[party].append(agreement)
        return _Index(
            by_id, children, by_session, by_stakeholder, by_person, by_organisation, by_party
        )

    def __contains__(self, record_id: object) -> bool:
        """Whether the hub holds a record with this id, whatever its kind.

        Args:
            record_id: An id (anything else is never in a hub).

        Returns:
            ``True`` when :meth:`get` would find a record.

        Examples:
            >>> from coinnovation.models import Person
            >>> hub = Hub().add(Person(id="p-1", name="Ana"))
            >>> "p-1" in hub, "p-2" in hub
            (True, False)
        """
        return isinstance(record_id, str) and record_id in self._index.by_id

    def get(self, record_id: str) -> Entity:
        """The record with this id, whatever its kind.

        Args:
            record_id: The id.

        Returns:
            The record.

        Raises:
            UnknownReferenceError: No record has this id.

        Examples:
            >>> from coinnovation.models import Person
            >>> Hub().add(Person(id="p-1", name="Ana")).get("p-1").name
            'Ana'
        """
        try:
            return self._index.by_id[record_id]
        except KeyError:
            raise UnknownReferenceError("record", record_id) from None

    def _typed(self, record_id: str, kind: type[_R]) -> _R:
        record = self._index.by_id.get(record_id)
        if not isinstance(record, kind):
            raise UnknownReferenceError(KIND_OF[kind], record_id)
        return record

    def community(self, record_id: str) -> Community:
        """The community with this id; raises :class:`UnknownReferenceError` if none.

        Examples:
            >>> from coinnovation.models import Community
            >>> Hub().add(Community(id="c-1", name="Blakenall")).community("c-1").name
            'Blakenall'
        """
        return self._typed(record_id, Community)

    def organisation(self, record_id: str) -> Organisation:
        """The organisation with this id; raises :class:`UnknownReferenceError` if none.

        Examples:
            >>> Hub().organisation("o-404")
            Traceback (most recent call last):
            ...
            coinnovation.errors.UnknownReferenceError: no organisation with id 'o-404'
        """
        return self._typed(record_id, Organisation)

    def person(self, record_id: str) -> Person:
        """The person with this id; raises :class:`UnknownReferenceError` if none.

        Examples:
            >>> from coinnovation.models import Person
            >>> Hub().add(Person(id="p-1", name="Ana")).person("p-1").name
            'Ana'
        """
        return self._typed(record_id, Person)

    def challenge(self, record_id: str) -> Challenge:
        """The challenge with this id; raises :class:`UnknownReferenceError` if none.

        Examples:
            >>> from coinnovation.models import Challenge
            >>> Hub().add(Challenge(id="ch-1", title="Diabetes")).challenge("ch-1").stage
            'framing'
        """
        return self._typed(record_id, Challenge)

    def session(self, record_id: str) -> Session:
        """The session with this id; raises :class:`UnknownReferenceError` if none.

        Examples:
            >>> from coinnovation.models import Session
            >>> Hub().add(Session(id="s-1", name="Day", kind="event")).session("s-1").kind
            <SessionKind.EVENT: 'event'>
        """
        return self._typed(record_id, Session)

    def agreement(self, record_id: str) -> Agreement:
        """The agreement with this id; raises :class:`UnknownReferenceError` if none.

        Examples:
            >>> from coinnovation.models import Agreement
            >>> Hub().add(Agreement(id="ag-1", title="Pilot")).agreement("ag-1").status
            <AgreementStatus.DRAFT: 'draft'>
        """
        return self._typed(record_id, Agreement)

    def outcome(self, record_id: str) -> Outcome:
        """The outcome with this id; raises :class:`UnknownReferenceError` if none.

        Examples:
            >>> from coinnovation.models import Outcome
            >>> Hub().add(Outcome(id="out-1", description="Adopted")).outcome("out-1").description
            'Adopted'
        """
        return self._typed(record_id, Outcome)

    # -- queries ----------------------------------------------------------------------------

    @property
    def process(self) -> StageModel:
        """The hub's stage model: its stages and the moves allowed between them.

        Built from the fields :attr:`stages` and :attr:`transitions` that a hub file
        holds. The name is the hub's own; the model's class lives in
        :mod:`coinnovation.models.stages`, and the moves themselves are made by
        :func:`coinnovation.lineage.move`.

        Examples:
            >>> Hub().process.allowed("framing")
            ('ideation',)
            >>> Hub(stages=("discover", "define")).process.can_move("define", "discover")
            True
        """
        return StageModel(stages=self.stages, transitions=self.transitions)

    def members(self, organisation: str, *, on: date | None = None) -> tuple[Person, ...]:
        """The people who are (or, with ``on``, were on that day) members of an organisation.

        Args:
            organisation: The organisation's id.
            on: A day; ``None`` counts every membership ever recorded.

        Returns:
            The members, each once, in membership order.

        Raises:
            UnknownReferenceError: No such organisation.

        Examples:
            >>> from datetime import date
            >>> from coinnovation.models import Organisation, Person, Membership
            >>> hub = Hub(organisations=(Organisation(id="o", name="O", sector="industry"),),
            ...           people=(Person(id="p", name="P"),),
            ...           memberships=(Membership(id="m", person="p", organisation="o",
            ...                                   end=date(2022, 12, 31)),))
            >>> len(hub.members("o")), len(hub.members("o", on=date(2023, 6, 22)))
            (1, 0)
        """
        self.organisation(organisation)
        people = dict.fromkeys(
            m.person
            for m in self._index.memberships_by_organisation.get(organisation, ())
            if m.active_on(on)
        )
        return tuple(self.person(person) for person in people)

    def organisations_of(self, person: str, *, on: date | None = None) -> tuple[Organisation, ...]:
        """The organisations a person is (or was, on a day) a member of.

        Args:
            person: The person's id.
            on: A day; ``None`` counts every membership ever recorded.

        Returns:
            The organisations, each once, in membership order.

        Raises:
            UnknownReferenceError: No such person.

        Examples:
            >>> from coinnovation.models import Organisation, Person, Membership
            >>> hub = Hub(organisations=(Organisation(id="o", name="O", sector="industry"),),
            ...           people=(Person(id="p", name="P"),),
            ...           memberships=(Membership(id="m", person="p", organisation="o"),))
            >>> [o.id for o in hub.organisations_of("p")]
            ['o']
        """
        self.person(person)
        organisations = dict.fromkeys(
            m.organisation
            for m in self._index.memberships_by_person.get(person, ())
            if m.active_on(on)
        )
        return tuple(self.organisation(o) for o in organisations)

    def primary_organisation(self, person: str, *, on: date | None = None) -> Organisation | None:
        """The organisation a person mainly belongs to (on a day, if given).

        Among the memberships that cover ``on`` (all of them when ``on`` is ``None``),
        the one marked ``primary`` wins; then an open membership before one that has
        ended; then the later end, then the later start; then file order.

        Args:
            person: The person's id.
            on: A day, to choose among dated memberships.

        Returns:
            The organisation, or ``None`` for a person with no membership then.

        Raises:
            UnknownReferenceError: No such person.

        Examples:
            >>> from datetime import date
            >>> from coinnovation.models import Organisation, Person, Membership
            >>> hub = Hub(
            ...     organisations=(Organisation(id="uni", name="Uni", sector="academia"),
            ...                    Organisation(id="grp", name="Group", sector="community")),
            ...     people=(Person(id="p", name="P"),),
            ...     memberships=(Membership(id="m1", person="p", organisation="uni"),
            ...                  Membership(id="m2", person="p", organisation="grp", primary=True)))
            >>> hub.primary_organisation("p").id
            'grp'
        """
        self.person(person)
        memberships = [
            m for m in self._index.memberships_by_person.get(person, ()) if m.active_on(on)
        ]
        if not memberships:
            return None
        return self.organisation(max(memberships, key=_precedence).organisation)

    def sector_of(self, stakeholder: str, *, on: date | None = None) -> Sector | None:
        """The sector of a person or organisation.

        An organisation's sector is its own. A person's is their own ``sector`` if set,
        else that of their :meth:`primary_organisation` (on the day, if given); ``None``
        for a person with neither.

        Args:
            stakeholder: A person's or organisation's id.
            on: A day, to choose among dated memberships.

        Returns:
            The sector, or ``None``.

        Raises:
            UnknownReferenceError: No such person or organisation.

        Examples:
            >>> from coinnovation.models import Person
            >>> Hub().add(Person(id="p", name="P", sector="community")).sector_of("p")
            <Sector.COMMUNITY: 'community'>
        """
        record = self._index.by_id.get(stakeholder)
        if isinstance(record, Organisation):
            return record.sector
        if not isinstance(record, Person):
            raise UnknownReferenceError("person or organisation", stakeholder)
        if record.sector is not None:
            return record.sector
        organisation = self.primary_organisation(stakeholder, on=on)
        return organisation.sector if organisation is not None else None

    def participations_of(self, stakeholder: str) -> tuple[Participation, ...]:
        """Every participation of a person, or recorded for an organisation.

        For an organisation this includes participations of people who came on its
        behalf (``Participation.organisation``); it does not include every session its
        members attended on their own account.

        Args:
            stakeholder: A person's or organisation's id.

        Returns:
            The participations, in hub order.

        Raises:
            UnknownReferenceError: No such person or organisation.

        Examples:
            >>> from coinnovation.models import Person, Session, Participation
            >>> hub = Hub(people=(Person(id="p", name="P"),),
            ...           sessions=(Session(id="s", name="S"),),
            ...           participations=(Participation(id="pa", session="s", person="p"),))
            >>> [pa.session for pa in hub.participations_of("p")]
            ['s']
        """
        if not isinstance(self._index.by_id.get(stakeholder), Person | Organisation):
            raise UnknownReferenceError("person or organisation", stakeholder)
        return tuple(self._index.participations_by_stakeholder.get(stakeholder, ()))

    def subsessions(self, session: str, *, include_self: bool = False) -> tuple[Session, ...]:
        """Every session under a session — its whole subtree — depth first, in hub order.

        Args:
            session: The session's id.
            include_self: Put the session itself first.

        Returns:
            The sessions.

        Raises:
            UnknownReferenceError: No such session.

        Examples:
            >>> from coinnovation.models import Session
            >>> hub = Hub(sessions=(Session(id="day", name="Day"),
            ...                     Session(id="w1", name="Workshop", parent="day"),
            ...                     Session(id="t1", name="Table", parent="w1")))
            >>> [s.id for s in hub.subsessions("day")]
            ['w1', 't1']
        """
        root = self.session(session)
        found: list[Session] = [root] if include_self else []
        stack = list(reversed(self._index.children.get(session, ())))
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self._index.children.get(current.id, ())))
        return tuple(found)

    def ancestors(self, session: str, *, include_self: bool = False) -> tuple[Session, ...]:
        """The sessions a session lies in: its parent, its parent's parent ... to the top.

        Args:
            session: The session's id.
            include_self: Put the session itself first.

        Returns:
            The sessions, nearest first.

        Raises:
            UnknownReferenceError: No such session.

        Examples:
            >>> from coinnovation.models import Session
            >>> hub = Hub(sessions=(Session(id="day", name="Day"),
            ...                     Session(id="w1", name="Workshop", parent="day"),
            ...                     Session(id="t1", name="Table", parent="w1")))
            >>> [s.id for s in hub.ancestors("t1")]
            ['w1', 'day']
        """
        self.session(session)
        lineage = self._lineage[session]
        return tuple(self.session(above) for above in lineage[0 if include_self else 1 :])

    @cached_property
    def _lineage(self) -> dict[str, tuple[str, ...]]:
        """Each session id with its ancestors' ids: itself first, then parent ... top.

        One walk of the tree, shared by every query that climbs it.
        """
        parent = {session.id: session.parent for session in self.sessions}
        chains: dict[str, tuple[str, ...]] = {}
        for session in self.sessions:
            path: list[str] = []
            seen: set[str] = set()
            current: str | None = session.id
            while current is not None and current not in chains and current in parent:
                if current in seen:  # a loop (refused by the integrity check): stop
                    break
                seen.add(current)
                path.append(current)
                current = parent[current]
            tail = chains.get(current, ()) if current is not None else ()
            for node in reversed(path):
                tail = (node, *tail)
                chains[node] = tail
        return {session.id: chains[session.id] for session in self.sessions}

    @cached_property
    def _session_starts(self) -> dict[str, datetime | None]:
        start = {session.id: session.start for session in self.sessions}
        return {
            session: next((start[s] for s in chain if start[s] is not None), None)
            for session, chain in self._lineage.items()
        }

    @cached_property
    def _session_days(self) -> dict[str, date | None]:
        return {
            session: None if moment is None else moment.date()
            for session, moment in self._session_starts.items()
        }

    def session_days(self) -> dict[str, date | None]:
        """Each session's day: the date it starts, else that of its nearest dated ancestor.

        A table inside a dated workshop happens that day even when its own times were not
        recorded.

        Returns:
            For each session id, its day, or ``None`` when neither it nor any session
            above it has a start.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from coinnovation.models import Session
            >>> day = datetime(2023, 6, 22, 9, tzinfo=timezone.utc)
            >>> hub = Hub(sessions=(Session(id="day", name="Day", start=day),
            ...                     Session(id="t1", name="Table", parent="day"),
            ...                     Session(id="x", name="Undated")))
            >>> {k: str(v) for k, v in hub.session_days().items()}
            {'day': '2023-06-22', 't1': '2023-06-22', 'x': 'None'}
        """
        return dict(self._session_days)

    def select(self, scope: Scope | None = None) -> Selection:
        """The sessions a scope chooses, and what each session's participations count for.

        The one function that chooses sessions: the graph builders, the snapshots over
        time and the sharing rules call it. See :class:`~coinnovation.models.Scope` for
        what each restriction keeps; the tree is walked once per hub and the walk is
        kept, as for :meth:`ancestors` and :meth:`session_days`.

        Args:
            scope: Which sessions count; ``None`` (the default scope) for all of them.

        Returns:
            The :class:`~coinnovation.models.Selection`.

        Raises:
            UnknownReferenceError: A session id in ``scope.sessions``, or its
                ``challenge``, is not in the hub.

        Examples:
            >>> from datetime import date, datetime, timezone
            >>> from coinnovation.models import Challenge, Scope, Session
            >>> hub = Hub(challenges=(Challenge(id="ch", title="Diabetes"),), sessions=(
            ...     Session(id="day", name="Day", kind="event",
            ...             start=datetime(2023, 6, 22, 9, tzinfo=timezone.utc)),
            ...     Session(id="ws", name="Workshop", kind="workshop", parent="day",
            ...             challenges=("ch",)),
            ...     Session(id="t1", name="Table", kind="table", parent="ws")))
            >>> hub.select(Scope(challenge="ch")).ids
            ('ws', 't1')
            >>> hub.select(Scope(kinds="workshop", nested="subtree")).counts_for
            {'day': (), 'ws': ('ws',), 't1': ('ws',)}
            >>> hub.select(Scope(until=date(2023, 6, 21))).ids
            ()
            >>> hub.select(Scope(sessions=["s-404"]))
            Traceback (most recent call last):
            ...
            coinnovation.errors.UnknownReferenceError: no session with id 's-404'
        """
        if scope is None:
            scope = Scope()
        elif not isinstance(scope, Scope):
            raise TypeError(f"scope must be a Scope, not {type(scope).__name__}")
        for session in scope.sessions or ():
            self.session(session)
        challenges = None
        if scope.challenge is not None:
            self.challenge(scope.challenge)
            challenges = {s: context[0] for s, context in self._session_context.items()}
        return _select(
            scope,
            self.sessions,
            self._lineage,
            self._session_starts,
            self._session_days,
            challenges,
        )

    def participations_in(
        self, session: str, *, subtree: bool = False
    ) -> tuple[Participation, ...]:
        """The participations recorded at a session (and, with ``subtree``, under it).

        Args:
            session: The session's id.
            subtree: Include participations recorded at its sub-sessions.

        Returns:
            The participations.

        Raises:
            UnknownReferenceError: No such session.

        Examples:
            >>> from coinnovation.models import Person, Session, Participation
            >>> hub = Hub(people=(Person(id="p", name="P"),),
            ...           sessions=(Session(id="day", name="Day"),
            ...                     Session(id="t1", name="Table", parent="day")),
            ...           participations=(Participation(id="pa", session="t1", person="p"),))
            >>> len(hub.participations_in("day")), len(hub.participations_in("day", subtree=True))
            (0, 1)
        """
        sessions = (
            self.subsessions(session, include_self=True) if subtree else (self.session(session),)
        )
        by_session = self._index.participations_by_session
        return tuple(p for s in sessions for p in by_session.get(s.id, ()))

    def attendees(self, session: str, *, subtree: bool = True) -> tuple[str, ...]:
        """Who attended a session: ids of people, and of organisations recorded alone.

        Args:
            session: The session's id.
            subtree: Count those recorded at its sub-sessions too (the default).

        Returns:
            Stakeholder ids, each once, in order of first appearance.

        Raises:
            UnknownReferenceError: No such session.

        Examples:
            >>> from coinnovation.models import Person, Session, Participation
            >>> hub = Hub(people=(Person(id="p", name="P"),),
            ...           sessions=(Session(id="day", name="Day"),
            ...                     Session(id="t1", name="Table", parent="day")),
            ...           participations=(Participation(id="pa", session="t1", person="p"),))
            >>> hub.attendees("day")
            ('p',)
        """
        return tuple(
            dict.fromkeys(p.stakeholder for p in self.participations_in(session, subtree=subtree))
        )

    @cached_property
    def _session_context(self) -> dict[str, tuple[tuple[str, ...], str | None]]:
        by_id = {session.id: session for session in self.sessions}
        context: dict[str, tuple[tuple[str, ...], str | None]] = {}
        for session in self.sessions:
            path = []
            current = session
            while current.id not in context:
                path.append(current)
                if current.parent is None or current.parent not in by_id:
                    break
                current = by_id[current.parent]
            inherited = context.get(current.id, ((), None))
            for step in reversed(path):
                challenges = tuple(dict.fromkeys(step.challenges)) or inherited[0]
                stage = step.stage if step.stage is not None else inherited[1]
                inherited = (challenges, stage)
                context[step.id] = inherited
        return context

    def session_context(self) -> dict[str, tuple[tuple[str, ...], str | None]]:
        """Each session's challenges and stage: its own, else its nearest ancestor's.

        A table inside a workshop on a challenge works on that challenge, at that stage,
        unless it says otherwise. Challenges and stage are inherited separately: a table
        with a challenge of its own and no stage takes its workshop's stage.

        Returns:
            For each session id: its challenges (each once) and its stage (``None`` when
            neither it nor any ancestor sets one).

        Examples:
            >>> from coinnovation.models import Challenge, Session
            >>> hub = Hub(challenges=(Challenge(id="ch", title="t"),), sessions=(
            ...     Session(id="s-w", name="W", challenges=("ch",), stage="framing"),
            ...     Session(id="s-t", name="T", parent="s-w")))
            >>> hub.session_context()["s-t"]
            (('ch',), 'framing')
        """
        return dict(self._session_context)

    def challenges_at(self, stage: str) -> tuple[Challenge, ...]:
        """The challenges now at a stage.

        Args:
            stage: One of the hub's stages.

        Returns:
            The challenges, in hub order.

        Raises:
            ValueError: The stage is not one of the hub's.

        Examples:
            >>> from coinnovation.models import Challenge
            >>> hub = Hub().add(Challenge(id="c1", title="A"), Challenge(id="c2", title="B",
            ...                 stage="ideation"))
            >>> [c.id for c in hub.challenges_at("ideation")]
            ['c2']
        """
        if stage not in self.stages:
            raise ValueError(f"{stage!r} is not one of the hub's stages: {', '.join(self.stages)}")
        return tuple(c for c in self.challenges if c.stage == stage)

    def agreements_of(self, party: str) -> tuple[Agreement, ...]:
        """The agreements a person or organisation is party to.

        Args:
            party: A person's or organisation's id.

        Returns:
            The agreements, in hub order.

        Raises:
            UnknownReferenceError: No such person or organisation.

        Examples:
            >>> from coinnovation.models import Organisation, Agreement, Party
            >>> hub = Hub(organisations=(Organisation(id="o", name="O", sector="community"),),
            ...           agreements=(Agreement(id="a", title="T", parties=(Party(stakeholder="o"),)),))
            >>> [a.id for a in hub.agreements_of("o")]
            ['a']
        """
        if not isinstance(self._index.by_id.get(party), Person | Organisation):
            raise UnknownReferenceError("person or organisation", party)
        return tuple(self._index.agreements_by_party.get(party, ()))

    def root_sessions(self) -> tuple[Session, ...]:
        """The sessions with no parent (top-level events), in hub order.

        Examples:
            >>> from coinnovation.models import Session
            >>> hub = Hub(sessions=(Session(id="d", name="Day"), Session(id="t", name="T", parent="d")))
            >>> [s.id for s in hub.root_sessions()]
            ['d']
        """
        return tuple(s for s in self.sessions if s.parent is None)

"""A hub as pandas DataFrames, one per kind of record, with typed columns.

:func:`to_frames` (also :meth:`Hub.frames <coinnovation.models.Hub.frames>`) gives a
dictionary of DataFrames for analysis in a notebook; it needs the ``pandas`` extra.
The keys, in order (:data:`FRAMES`): ``communities``, ``organisations``, ``people``,
``memberships``, ``challenges``, ``framings``, ``sessions``, ``participations``,
``contributions``, ``agreements``, ``parties``, ``costs``, ``rewards``, ``shares`` and
``outcomes``. Every record is one row; ``parties``, ``costs``, ``rewards`` and
``shares`` have one row per party, cost, reward and share of each agreement, with the
agreement's id in column ``agreement``. Each frame has a plain ``RangeIndex``; ids are a
column, so frames join with :meth:`pandas.DataFrame.merge`.

Column types are the same for every hub, empty ones included:

| values | dtype |
|---|---|
| ids, names, free text | ``string`` (missing: ``<NA>``) |
| vocabulary values (sector, kind, role, status ...) | ``category``, with every value of the vocabulary as a category; ``level`` is *ordered* along the IAP2 spectrum and ``stage`` along the hub's stages |
| times (session ``start`` and ``end``, ``created``) | ``datetime64[us]``: the local time as recorded, in the record's own UTC offset, so the calendar day is the one written (a date-only session on 16 May in London starts ``2024-05-16 00:00``) |
| the same moments in UTC (``start_utc``, ``end_utc``, ``created_utc``) | ``datetime64[us, UTC]``, to order or subtract times recorded at different offsets |
| days (membership start, ``signed_on``, ``on``) | ``datetime64[us]`` (midnight) |
| hours, money amounts, fractions, outcome values | ``object`` holding exact :class:`~decimal.Decimal` (``None`` when missing): money is never rounded through floats; ``frame["hours"].astype(float)`` when you want floats |
| counts (``imd_decile``, ``population``) | ``Int64`` |
| true/false (``primary``, ``person_excluded``) | ``bool`` |
| lists of ids, ``tags`` | ``object`` holding tuples |
| ``attributes`` | ``object`` holding dictionaries |

Money columns are split in two: ``amount`` and ``currency``. Stage histories and
agreement amendments are left out (they are in the records).

With ``privacy`` (a :class:`~coinnovation.privacy.Privacy`), the frames follow the same
policy as the exports of :mod:`coinnovation.export.exports`: excluded people have no row in
``people``; every column naming a person (``person``, ``author``, ``stakeholder``,
``party``, ``proposed_by``, ``addressed_to`` ...) shows named people by id, pseudonymous
people by pseudonym (the ``people`` frame's ``id`` too, so joins still work) and excluded
people as missing (left out of lists). Rows that only *refer* to an excluded person are
kept — participations (with ``person_excluded`` true), memberships, contributions,
shares — so counts stay right. Descriptions, tags and attributes of people who are not
named are blanked: they may name them. Registers list people alphabetically and number
their records in that order, so neither order nor those numbers may tie a pseudonym back
to a name: ``people`` is sorted by ``id``, ``participations`` by session (in hub order),
person and organisation, ``memberships`` by organisation and person, and the ``id`` of a
participation or membership of a person who is not named is blanked (nothing refers to
those ids). Other record ids are kept, so frames still join. Every other text — names of
sessions and organisations, descriptions, what a person said in a contribution, tags and
attributes — goes through :meth:`Privacy.data <coinnovation.privacy.Privacy.data>`: a
mention of a person who is not named, by id or by name, becomes their pseudonym, or
``(not shown)`` for an excluded person. Without ``privacy`` the frames hold the hub as
it is, in hub order: use that only for your own analysis, never to share.

Examples:
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana", consent="named"),),
    ...           sessions=(Session(id="s-1", name="Table 1"),),
    ...           participations=(Participation(id="pa-1", session="s-1", person="p-ana",
    ...                                         level="involve"),))
    >>> frames = to_frames(hub)
    >>> frames["participations"][["session", "person", "level"]]
      session person    level
    0     s-1  p-ana  involve
    >>> frames["participations"]["level"].cat.ordered
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from coinnovation._optional import require
from coinnovation.errors import InvalidAgreementError
from coinnovation.models import (
    AgreementStatus,
    Consent,
    ContributionKind,
    CostKind,
    Hub,
    Money,
    OrganisationKind,
    ParticipationLevel,
    ParticipationRole,
    PersonRole,
    RewardKind,
    Sector,
    SessionKind,
)
from coinnovation.models.records import RECORD_TYPES
from coinnovation.privacy import Privacy

__all__ = ["FRAMES", "to_frames"]

#: The parts of an agreement with a frame of their own, right after ``agreements``.
_AGREEMENT_PARTS: tuple[str, ...] = ("parties", "costs", "rewards", "shares")

#: The frames :func:`to_frames` returns, in order: one per kind of record, in file order
#: (:data:`~coinnovation.models.records.RECORD_TYPES`), and the parts of agreements.
FRAMES: tuple[str, ...] = tuple(
    frame
    for _, field, _ in RECORD_TYPES
    for frame in ((field, *_AGREEMENT_PARTS) if field == "agreements" else (field,))
)

# Column kinds: how a column's values become a typed pandas Series.
_STRING = "string"
_LOCAL = "local"
_MOMENT = "moment"
_DAY = "day"
_DECIMAL = "decimal"
_INT = "int"
_BOOL = "bool"
_OBJECT = "object"

_Kind = str | tuple[str, ...]  # a column kind, or the categories of a categorical column
_Spec = tuple[tuple[str, _Kind], ...]


def _values(vocabulary: type[Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in vocabulary)


_ORDERED = frozenset({_values(ParticipationLevel)})


def _series(pandas: Any, values: list[Any], kind: _Kind, ordered: bool) -> Any:
    if isinstance(kind, tuple):
        plain = [value.value if isinstance(value, Enum) else value for value in values]
        categorical = pandas.Categorical(plain, categories=list(kind), ordered=ordered)
        return pandas.Series(categorical)
    if kind == _STRING:
        return pandas.Series(values, dtype="string")
    if kind == _LOCAL:  # the wall-clock time in the value's own offset: the day written
        local = [None if v is None else v.replace(tzinfo=None) for v in values]
        return pandas.Series(local, dtype="datetime64[us]")
    if kind == _MOMENT:
        moments = [None if v is None else v.astimezone(UTC) for v in values]
        return pandas.Series(moments, dtype="datetime64[us, UTC]")
    if kind == _DAY:
        days = [None if v is None else datetime(v.year, v.month, v.day) for v in values]
        return pandas.Series(days, dtype="datetime64[us]")
    if kind == _INT:
        return pandas.Series(values, dtype="Int64")
    if kind == _BOOL:
        return pandas.Series(values, dtype="bool")
    series = pandas.Series([None] * len(values), dtype=object)
    for index, value in enumerate(values):  # element-wise: tuples and dicts stay whole
        series.iat[index] = value
    return series


def _frame(
    pandas: Any,
    spec: _Spec,
    rows: Iterable[Sequence[Any]],
    *,
    stages: tuple[str, ...] = (),
) -> Any:
    listed = list(rows)
    columns = {}
    for index, (name, kind) in enumerate(spec):
        values = [row[index] for row in listed]
        ordered = kind in _ORDERED or (name == "stage" and isinstance(kind, tuple))
        chosen: _Kind = stages if name == "stage" else kind
        columns[name] = _series(pandas, values, chosen, ordered)
    return pandas.DataFrame(columns, index=pandas.RangeIndex(len(listed)))


_TAGGED: _Spec = (("tags", _OBJECT), ("attributes", _OBJECT))

_SPECS: dict[str, _Spec] = {
    "communities": (
        ("id", _STRING),
        ("name", _STRING),
        ("place", _STRING),
        ("area_code", _STRING),
        ("imd_decile", _INT),
        ("population", _INT),
        ("description", _STRING),
        *_TAGGED,
    ),
    "organisations": (
        ("id", _STRING),
        ("name", _STRING),
        ("kind", _values(OrganisationKind)),
        ("sector", _values(Sector)),
        ("parent", _STRING),
        ("communities", _OBJECT),
        ("place", _STRING),
        ("description", _STRING),
        *_TAGGED,
    ),
    "people": (
        ("id", _STRING),
        ("name", _STRING),
        ("consent", _values(Consent)),
        ("roles", _OBJECT),
        ("sector", _values(Sector)),
        ("communities", _OBJECT),
        ("description", _STRING),
        *_TAGGED,
    ),
    "memberships": (
        ("id", _STRING),
        ("person", _STRING),
        ("organisation", _STRING),
        ("role", _values(PersonRole)),
        ("title", _STRING),
        ("primary", _BOOL),
        ("start", _DAY),
        ("end", _DAY),
        *_TAGGED,
    ),
    "challenges": (
        ("id", _STRING),
        ("title", _STRING),
        ("description", _STRING),
        ("health_area", _STRING),
        ("stage", ()),
        ("communities", _OBJECT),
        ("proposed_by", _OBJECT),
        ("derived_from", _OBJECT),
        *_TAGGED,
    ),
    "framings": (
        ("id", _STRING),
        ("challenge", _STRING),
        ("author", _STRING),
        ("statement", _STRING),
        ("session", _STRING),
        ("reframes", _STRING),
        ("created", _LOCAL),
        ("created_utc", _MOMENT),
        *_TAGGED,
    ),
    "sessions": (
        ("id", _STRING),
        ("name", _STRING),
        ("kind", _values(SessionKind)),
        ("parent", _STRING),
        ("start", _LOCAL),
        ("end", _LOCAL),
        ("start_utc", _MOMENT),
        ("end_utc", _MOMENT),
        ("place", _STRING),
        ("venue", _STRING),
        ("challenges", _OBJECT),
        ("stage", ()),
        ("description", _STRING),
        *_TAGGED,
    ),
    "participations": (
        ("id", _STRING),
        ("session", _STRING),
        ("person", _STRING),
        ("person_excluded", _BOOL),
        ("organisation", _STRING),
        ("role", _values(ParticipationRole)),
        ("level", _values(ParticipationLevel)),
        ("hours", _DECIMAL),
        *_TAGGED,
    ),
    "contributions": (
        ("id", _STRING),
        ("session", _STRING),
        ("author", _STRING),
        ("kind", _values(ContributionKind)),
        ("text", _STRING),
        ("responds_to", _STRING),
        ("challenge", _STRING),
        ("addressed_to", _OBJECT),
        ("created", _LOCAL),
        ("created_utc", _MOMENT),
        *_TAGGED,
    ),
    "agreements": (
        ("id", _STRING),
        ("title", _STRING),
        ("status", _values(AgreementStatus)),
        ("challenge", _STRING),
        ("session", _STRING),
        ("rule", _STRING),
        ("currency", _STRING),
        ("created", _DAY),
        ("description", _STRING),
        ("solutions", _OBJECT),
        *_TAGGED,
    ),
    "parties": (
        ("agreement", _STRING),
        ("stakeholder", _STRING),
        ("role", _STRING),
        ("signed_on", _DAY),
    ),
    "costs": (
        ("agreement", _STRING),
        ("party", _STRING),
        ("kind", _values(CostKind)),
        ("description", _STRING),
        ("amount", _DECIMAL),
        ("hours", _DECIMAL),
        ("rate", _DECIMAL),
        ("value", _DECIMAL),
        ("currency", _STRING),
    ),
    "rewards": (
        ("agreement", _STRING),
        ("id", _STRING),
        ("kind", _values(RewardKind)),
        ("description", _STRING),
        ("amount", _DECIMAL),
        ("currency", _STRING),
    ),
    "shares": (
        ("agreement", _STRING),
        ("party", _STRING),
        ("reward", _STRING),
        ("fraction", _DECIMAL),
    ),
    "outcomes": (
        ("id", _STRING),
        ("description", _STRING),
        ("challenge", _STRING),
        ("agreement", _STRING),
        ("solution", _STRING),
        ("session", _STRING),
        ("on", _DAY),
        ("indicator", _STRING),
        ("value", _DECIMAL),
        ("unit", _STRING),
        ("communities", _OBJECT),
        *_TAGGED,
    ),
}


def _amount(money: Money | None) -> Decimal | None:
    return None if money is None else money.amount


def _currency(*money: Money | None) -> str | None:
    return next((m.currency for m in money if m is not None), None)


def _agreement_currency(agreement: Any) -> str | None:
    try:
        currency: str | None = agreement.currency()
    except InvalidAgreementError:
        return None
    return currency


def _rows(hub: Hub, privacy: Privacy | None) -> dict[str, list[tuple[Any, ...]]]:
    """Every frame's rows, with references to people passed through the policy."""
    people = {person.id for person in hub.people}

    def ref(record: str | None) -> str | None:
        if record is None or privacy is None or record not in people:
            return record
        return privacy.label(record) if privacy.visible(record) else None

    def refs(records: Iterable[str]) -> tuple[str, ...]:
        mapped = (ref(record) for record in records)
        return tuple(record for record in mapped if record is not None)

    def private(person: str) -> bool:
        return privacy is not None and privacy.consent(person) is not Consent.NAMED

    def tagged(record: Any) -> tuple[Any, Any]:
        return tuple(record.tags), dict(record.attributes)

    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in FRAMES}
    for c in hub.communities:
        rows["communities"].append(
            (
                c.id,
                c.name,
                c.place,
                c.area_code,
                c.imd_decile,
                c.population,
                c.description,
                *tagged(c),
            )
        )
    for o in hub.organisations:
        rows["organisations"].append(
            (
                o.id,
                o.name,
                o.kind,
                o.sector,
                o.parent,
                o.communities,
                o.place,
                o.description,
                *tagged(o),
            )
        )
    for p in hub.people:
        if privacy is not None and not privacy.visible(p.id):
            continue
        hidden = private(p.id)
        rows["people"].append(
            (
                ref(p.id),
                p.name if privacy is None else privacy.name(p.id),
                p.consent,
                tuple(role.value for role in p.roles),
                p.sector,
                p.communities,
                None if hidden else p.description,
                None if hidden else tuple(p.tags),
                None if hidden else dict(p.attributes),
            )
        )
    for m in hub.memberships:
        rows["memberships"].append(
            (
                None if private(m.person) else m.id,
                ref(m.person),
                m.organisation,
                m.role,
                m.title,
                m.primary,
                m.start,
                m.end,
                *tagged(m),
            )
        )
    for ch in hub.challenges:
        rows["challenges"].append(
            (
                ch.id,
                ch.title,
                ch.description,
                ch.health_area,
                ch.stage,
                ch.communities,
                refs(ch.proposed_by),
                ch.derived_from,
                *tagged(ch),
            )
        )
    for f in hub.framings:
        rows["framings"].append(
            (
                f.id,
                f.challenge,
                ref(f.author),
                f.statement,
                f.session,
                f.reframes,
                f.created,
                f.created,
                *tagged(f),
            )
        )
    for s in hub.sessions:
        rows["sessions"].append(
            (
                s.id,
                s.name,
                s.kind,
                s.parent,
                s.start,
                s.end,
                s.start,
                s.end,
                s.place,
                s.venue,
                s.challenges,
                s.stage,
                s.description,
                *tagged(s),
            )
        )
    for pa in hub.participations:
        excluded = pa.person is not None and privacy is not None and not privacy.visible(pa.person)
        rows["participations"].append(
            (
                None if pa.person is not None and private(pa.person) else pa.id,
                pa.session,
                ref(pa.person),
                excluded,
                pa.organisation,
                pa.role,
                pa.level,
                pa.hours,
                *tagged(pa),
            )
        )
    for co in hub.contributions:
        rows["contributions"].append(
            (
                co.id,
                co.session,
                ref(co.author),
                co.kind,
                co.text,
                co.responds_to,
                co.challenge,
                refs(co.addressed_to),
                co.created,
                co.created,
                *tagged(co),
            )
        )
    for a in hub.agreements:
        rows["agreements"].append(
            (
                a.id,
                a.title,
                a.status,
                a.challenge,
                a.session,
                a.rule,
                _agreement_currency(a),
                a.created,
                a.description,
                a.solutions,
                *tagged(a),
            )
        )
        for party in a.parties:
            rows["parties"].append((a.id, ref(party.stakeholder), party.role, party.signed_on))
        for cost in a.costs:
            value = cost.value
            rows["costs"].append(
                (
                    a.id,
                    ref(cost.party),
                    cost.kind,
                    cost.description,
                    _amount(cost.amount),
                    cost.hours,
                    _amount(cost.rate),
                    _amount(value),
                    _currency(cost.amount, cost.rate),
                )
            )
        for reward in a.rewards:
            rows["rewards"].append(
                (
                    a.id,
                    reward.id,
                    reward.kind,
                    reward.description,
                    _amount(reward.amount),
                    _currency(reward.amount),
                )
            )
        for share in a.shares:
            rows["shares"].append((a.id, ref(share.party), share.reward, share.fraction))
    for out in hub.outcomes:
        rows["outcomes"].append(
            (
                out.id,
                out.description,
                out.challenge,
                out.agreement,
                out.solution,
                out.session,
                out.on,
                out.indicator,
                out.value,
                out.unit,
                out.communities,
                *tagged(out),
            )
        )
    if privacy is not None:
        for name, table in rows.items():
            rows[name] = [tuple(_shared(privacy, value) for value in row) for row in table]
        _sort_for_privacy(hub, rows)
    return rows


def _shared(privacy: Privacy, value: Any) -> Any:
    """A cell through the policy: text, tuples of ids, tags and attributes."""
    if isinstance(value, Enum) or not isinstance(value, str | tuple | dict):
        return value
    return privacy.data(value)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _sort_for_privacy(hub: Hub, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """Sort the rows that name people so their order says nothing of their names.

    People by id (pseudonyms are random); participations by session (in hub order), then
    person, then organisation; memberships by organisation, then person. Sorting is
    stable, so ties keep hub order.
    """
    order = {session.id: index for index, session in enumerate(hub.sessions)}
    rows["people"].sort(key=lambda row: _text(row[0]))
    rows["participations"].sort(key=lambda row: (order[row[1]], _text(row[2]), _text(row[4])))
    rows["memberships"].sort(key=lambda row: (_text(row[2]), _text(row[1])))


def to_frames(hub: Hub, *, privacy: Privacy | None = None) -> dict[str, Any]:
    """Every record of a hub as pandas DataFrames, one per kind (see the module docs).

    Args:
        hub: The hub.
        privacy: A privacy policy to apply, for frames you will share; ``None``: no
            policy, the hub as it is — for internal use only (see
            :mod:`coinnovation.privacy`).

    Returns:
        The frames by name, in the order of :data:`FRAMES`.

    Raises:
        MissingDependencyError: pandas is not installed (the ``pandas`` extra).

    Examples:
        >>> from coinnovation.models import Hub, Person
        >>> from coinnovation.privacy import Privacy
        >>> hub = Hub(people=(Person(id="p-ana", name="Ana", consent="named"),
        ...                   Person(id="p-cy", name="Cy", consent="excluded")))
        >>> to_frames(hub)["people"]["name"].tolist()
        ['Ana', 'Cy']
        >>> shared = to_frames(hub, privacy=Privacy(hub, secret="sixteen characters!"))
        >>> shared["people"]["name"].tolist(), str(shared["people"]["name"].dtype)
        (['Ana'], 'string')
    """
    pandas = require("pandas", "pandas", "DataFrames of a hub")
    rows = _rows(hub, privacy)
    stages = tuple(hub.stages)
    return {name: _frame(pandas, _SPECS[name], rows[name], stages=stages) for name in FRAMES}

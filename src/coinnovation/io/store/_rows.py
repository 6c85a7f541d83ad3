"""Reading and writing a store's rows, inside a transaction the caller holds.

Private to :mod:`coinnovation.io.store`. Each function takes the open connection of a
read or write transaction (see :class:`~coinnovation.io.store.Store`): it reads the
whole hub back (checked against the rows it came from), writes a whole hub, or writes
only what a change touched — the new records, the changed ones, the removed ids — and
reads the hub's secret. Every write tags the rows with the generation the change will
commit as (``changed``), and records removed ids, so that :func:`changed_since` can read
another writer's changes without the rest of the hub.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs

from coinnovation.errors import FileFormatError, HubIntegrityError, Problem
from coinnovation.io.files import loads
from coinnovation.io.store._layout import (
    _FIELD_OF_KIND,
    _HUB_FIELDS,
    _ROW,
    _hub_row,
    _json,
    _record_json,
    _tables,
)
from coinnovation.models.base import Entity
from coinnovation.models.hub import Hub
from coinnovation.models.records import FIELD_OF, RECORD_TYPES

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection


# -- the whole hub ----------------------------------------------------------------------------


def read_hub(connection: Connection, source: str) -> Hub:
    """The hub as stored, validated; rows that disagree with their data are refused."""
    import sqlalchemy as sa

    tables = _tables()
    row = connection.execute(sa.select(tables.hub)).mappings().one()
    head: dict[str, Any] = {"schema_version": row["schema_version"]}
    for name in _HUB_FIELDS:
        text = row[name]
        if text is not None:
            try:
                head[name] = json.loads(text)
            except ValueError:
                problem = Problem("hub", None, name, f"not JSON: {text[:60]!r}")
                raise FileFormatError(source, [problem]) from None
            except RecursionError:
                problem = Problem("hub", None, name, "nested too deeply")
                raise FileFormatError(source, [problem]) from None
    parts = [_json(head)[:-1]]
    row_ids: dict[str, list[str]] = {}
    for _, field, _ in RECORD_TYPES:
        table = tables.records[field]
        query = sa.select(table.c.id, table.c.data).order_by(table.c.position, table.c.id)
        rows = connection.execute(query).all()
        row_ids[field] = [record_id for record_id, _ in rows]
        if rows:
            parts.append(f',"{field}":[' + ",".join(data for _, data in rows) + "]")
    parts.append("}")
    hub = loads("".join(parts), source=source)
    problems = []
    for kind, field, _ in RECORD_TYPES:
        held = [record.id for record in getattr(hub, field)]
        if held == row_ids[field]:
            continue
        if len(held) != len(row_ids[field]):
            message = f"{len(row_ids[field])} rows hold {len(held)} records"
            problems.append(Problem(kind, None, None, message))
            continue
        for row_id, record_id in zip(row_ids[field], held, strict=True):
            if row_id != record_id:
                message = f"the row's data has id {record_id!r}"
                problems.append(Problem(kind, row_id, "id", message))
    if problems:
        raise HubIntegrityError(problems)
    return hub


def write_hub(connection: Connection, hub: Hub, generation: int) -> None:
    """Replace everything stored by ``hub`` (in the caller's transaction).

    ``generation`` is the one the change will commit as: a store that kept an older hub
    reads this one whole, and the ids removed before it are forgotten.
    """
    tables = _tables()
    assert tables.generation is not None
    assert tables.removed is not None
    for _, field, _ in RECORD_TYPES:
        table = tables.records[field]
        connection.execute(table.delete())
        rows = [
            {
                "id": record.id,
                "position": position,
                "data": _record_json(record),
                "changed": generation,
            }
            for position, record in enumerate(getattr(hub, field))
        ]
        if rows:
            connection.execute(table.insert(), rows)
    connection.execute(tables.hub.update().where(tables.hub.c.id == _ROW).values(**_hub_row(hub)))
    connection.execute(tables.generation.update().values(rewritten=generation))
    connection.execute(tables.removed.delete())


# -- what a change touched -------------------------------------------------------------------


def append(connection: Connection, added: dict[str, list[Entity]], generation: int) -> None:
    """Write new records (by hub field) after the rest."""
    import sqlalchemy as sa

    for field, records in added.items():
        if not records:
            continue
        table = _tables().records[field]
        last = sa.select(sa.func.coalesce(sa.func.max(table.c.position), -1))
        start = int(connection.execute(last).scalar_one()) + 1
        rows = [
            {
                "id": record.id,
                "position": start + offset,
                "data": _record_json(record),
                "changed": generation,
            }
            for offset, record in enumerate(records)
        ]
        connection.execute(table.insert(), rows)


def changed_data(records: Iterable[Entity]) -> dict[str, dict[str, str]]:
    """For each hub field, the JSON of replaced records (as the new hub holds them), by id."""
    by_field: dict[str, dict[str, str]] = {}
    for record in records:
        by_field.setdefault(FIELD_OF[type(record)], {})[record.id] = _record_json(record)
    return by_field


def update(connection: Connection, by_field: dict[str, dict[str, str]], generation: int) -> None:
    """Write the data of replaced records (from :func:`changed_data`)."""
    import sqlalchemy as sa

    for field, changed in by_field.items():
        table = _tables().records[field]
        statement = (
            table.update()
            .where(table.c.id == sa.bindparam("record_id"))
            .values(data=sa.bindparam("record_data"), changed=generation)
        )
        rows = [{"record_id": key, "record_data": data} for key, data in changed.items()]
        connection.execute(statement, rows)


def delete(connection: Connection, by_field: dict[str, list[str]], generation: int) -> None:
    """Delete the rows of removed records (ids by hub field), and note their ids."""
    removed = _tables().removed
    assert removed is not None
    for field, gone in by_field.items():
        table = _tables().records[field]
        connection.execute(table.delete().where(table.c.id.in_(gone)))
        notes = [{"generation": generation, "field": field, "id": record_id} for record_id in gone]
        connection.execute(removed.insert(), notes)


# -- another writer's changes ----------------------------------------------------------------


@attrs.frozen
class Changes:
    """What the changes committed after some generation wrote and removed.

    Attributes:
        removed: ``(hub field, id)`` of each record removed, oldest change first.
        written: For each hub field, ``(id, data)`` of each row written (added or
            replaced) and still there, in the order of the table (position, id).
    """

    removed: list[tuple[str, str]]
    written: dict[str, list[tuple[str, str]]]


def counters(connection: Connection) -> tuple[int, int]:
    """The store's change counter and the generation of its last whole-hub write."""
    import sqlalchemy as sa

    table = _tables().generation
    assert table is not None
    row = connection.execute(sa.select(table.c.generation, table.c.rewritten)).one()
    return int(row.generation), int(row.rewritten)


@cache
def _changed_rows() -> sa.CompoundSelect[str, int, str, str]:
    """One query for the rows every record table changed after ``:since``.

    Each part looks the rows up by the index on ``changed``; they are sorted by the
    caller, since asked to sort, SQLite would walk the index on position through the
    whole table instead.
    """
    import sqlalchemy as sa

    since = sa.bindparam("since", type_=sa.Integer)
    parts = [
        sa.select(
            sa.literal(field).label("field"), table.c.position, table.c.id, table.c.data
        ).where(table.c.changed > since)
        for field, table in _tables().records.items()
    ]
    return sa.union_all(*parts)


def changed_since(connection: Connection, generation: int) -> Changes:
    """The rows written, and the ids removed, by the changes committed after ``generation``.

    Both queries use an index (``changed``, ``removed_records.generation``), so this
    costs the changes, not the hub.
    """
    import sqlalchemy as sa

    removed = _tables().removed
    assert removed is not None
    query = (
        sa.select(removed.c.field, removed.c.id)
        .where(removed.c.generation > generation)
        .order_by(removed.c.generation)
    )
    gone = [(field, record_id) for field, record_id in connection.execute(query)]
    rows: dict[str, list[tuple[int, str, str]]] = {}
    for field, position, record_id, data in connection.execute(
        _changed_rows(), {"since": generation}
    ):
        rows.setdefault(field, []).append((position, record_id, data))
    written = {
        field: [(record_id, data) for _, record_id, data in sorted(changed)]
        for field, changed in rows.items()
    }
    return Changes(gone, written)


# -- questions without loading the hub --------------------------------------------------------


def exists(connection: Connection, record_id: str) -> bool:
    """Whether a record of any kind has this id."""
    import sqlalchemy as sa

    for table in _tables().records.values():
        query = sa.select(table.c.id).where(table.c.id == record_id)
        if connection.execute(query).first() is not None:
            return True
    return False


def fields_of(kind: str | None) -> list[str]:
    """The hub fields (tables) of a kind (``"person"``) or field (``"people"``); all for None.

    Raises:
        ValueError: ``kind`` is not a kind of record.
    """
    records = _tables().records
    if kind is None:
        return list(records)
    if kind in records:
        return [kind]
    if kind in _FIELD_OF_KIND:
        return [_FIELD_OF_KIND[kind]]
    known = ", ".join(_FIELD_OF_KIND)
    raise ValueError(f"{kind!r} is not a kind of record: use one of {known}")


def count(connection: Connection, fields: Iterable[str]) -> int:
    """How many rows the tables of these hub fields hold."""
    import sqlalchemy as sa

    records = _tables().records
    total = 0
    for field in fields:
        query = sa.select(sa.func.count()).select_from(records[field])
        total += int(connection.execute(query).scalar_one())
    return total


# -- the secret -------------------------------------------------------------------------------


def stored_secret(connection: Connection) -> str | None:
    """The hub's secret as stored (hex), or ``None`` when none was made yet."""
    import sqlalchemy as sa

    hub = _tables().hub
    query = sa.select(hub.c.secret).where(hub.c.id == _ROW)
    value = connection.execute(query).scalar_one()
    return None if value is None else str(value)


def keep_secret(connection: Connection, secret: str) -> None:
    """Store the hub's secret (hex), in the caller's write transaction."""
    hub = _tables().hub
    connection.execute(hub.update().where(hub.c.id == _ROW).values(secret=secret))

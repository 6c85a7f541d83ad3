"""The layout of a store's tables, and how a hub's fields and records become rows.

Private to :mod:`coinnovation.io.store`. Each kind of record has a table of its own
(``people``, ``sessions`` ...), one row per record: its ``id``, its ``position`` (the order
a hub file would list it in), its ``data``, the record's compact JSON exactly as hub
files write it, and (since migration 4) ``changed``, the generation of the change that
last wrote the row. A one-row ``hub`` table holds the hub's own fields and its secret,
``schema_migrations`` the migrations applied, ``hub_generation`` a counter every committed
change raises (and, since migration 4, the generation of the last whole-hub ``save``), and
``removed_records`` the ids each change removed. The tables are defined once here, from
the models' record-kind table, and serve every read and write;
:mod:`~coinnovation.io.store.migrations` creates them.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs

from coinnovation.models.base import COMPACT, Entity
from coinnovation.models.hub import SCHEMA_VERSION, Hub
from coinnovation.models.records import KIND_OF_FIELD, RECORD_TYPES

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection

# The hub's own fields (not its records): one column each in the ``hub`` table.
_HUB_FIELDS: tuple[str, ...] = tuple(
    name for name in Hub.model_fields if name not in KIND_OF_FIELD and name != "schema_version"
)
_FIELD_OF_KIND: dict[str, str] = {kind: field for kind, field, _ in RECORD_TYPES}
_ROW = 1  # the id of the hub table's only row


@attrs.frozen
class _Tables:
    hub: sa.Table
    migrations: sa.Table
    records: dict[str, sa.Table]  # hub field name to table
    generation: sa.Table | None = None  # since migration 3
    removed: sa.Table | None = None  # since migration 4


def _define(metadata: sa.MetaData, *, changed: bool = False) -> _Tables:
    """The tables migration 1 creates: the hub row, the migrations and one per kind.

    With ``changed``, each record table also has the column migration 4 adds; these
    definitions serve every read and write. Record kinds and hub fields come from the
    models, so a fresh store always has a table for every kind; a release that adds a
    kind must also add a migration creating its table (with every column and index the
    later migrations give the others) where it is missing (``checkfirst=True``), for
    older stores.
    """
    import sqlalchemy as sa

    hub = sa.Table(
        "hub",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("schema_version", sa.Text, nullable=False),
        *(sa.Column(name, sa.Text) for name in _HUB_FIELDS),  # JSON text; NULL for None
        sa.Column("secret", sa.Text),  # hex
        sa.CheckConstraint(f"id = {_ROW}", name="hub_single_row"),
    )
    migrations = sa.Table(
        "schema_migrations",
        metadata,
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("applied_at", sa.Text, nullable=False),  # ISO 8601, UTC
        sa.Column("description", sa.Text, nullable=False),
    )
    records = {
        field: sa.Table(
            field,
            metadata,
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("position", sa.Integer, nullable=False),
            sa.Column("data", sa.Text, nullable=False),
            *((sa.Column("changed", sa.Integer, nullable=False),) if changed else ()),
        )
        for _, field, _ in RECORD_TYPES
    }
    return _Tables(hub, migrations, records)


def _generation_table(metadata: sa.MetaData, *, rewritten: bool = False) -> sa.Table:
    """The one-row table migration 3 adds: a counter every committed change raises.

    With ``rewritten``, it also has the column migration 4 adds: the generation of the
    last change that wrote the whole hub (``save``).
    """
    import sqlalchemy as sa

    return sa.Table(
        "hub_generation",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("generation", sa.Integer, nullable=False),
        *((sa.Column("rewritten", sa.Integer, nullable=False),) if rewritten else ()),
        sa.CheckConstraint(f"id = {_ROW}", name="hub_generation_single_row"),
    )


def _removed_table(metadata: sa.MetaData) -> sa.Table:
    """The table migration 4 adds: each removed record's id, with the change that removed it."""
    import sqlalchemy as sa

    table = sa.Table(
        "removed_records",
        metadata,
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("field", sa.Text, nullable=False),  # the hub field, which names the table
        sa.Column("id", sa.Text, nullable=False),
    )
    sa.Index("ix_removed_records_generation", table.c.generation)
    return table


@cache
def _tables() -> _Tables:
    import sqlalchemy as sa

    metadata = sa.MetaData()
    return attrs.evolve(
        _define(metadata, changed=True),
        generation=_generation_table(metadata, rewritten=True),
        removed=_removed_table(metadata),
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _hub_row(hub: Hub) -> dict[str, Any]:
    """The hub table's columns for a hub: each field as JSON text, ``None`` as NULL."""
    head = hub.model_dump(mode="json", include=set(_HUB_FIELDS), context={COMPACT: True})
    row: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for name in _HUB_FIELDS:
        value = head.get(name)
        row[name] = None if value is None else _json(value)
    return row


def _record_json(record: Entity) -> str:
    """A record's compact JSON, as hub files write it."""
    return record.model_dump_json(context={COMPACT: True})


def version_in(connection: Connection, schema: str | None) -> int:
    """The layout version of the store's tables (0 when it has none yet)."""
    import sqlalchemy as sa

    if not sa.inspect(connection).has_table("schema_migrations", schema=schema):
        return 0
    migrations = _tables().migrations
    return int(connection.execute(sa.select(sa.func.max(migrations.c.version))).scalar() or 0)

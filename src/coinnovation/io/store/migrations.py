"""Migrations: the steps that lay out, and later change, a store's tables.

Each :class:`Migration` leads to one layout version; :data:`MIGRATIONS` lists them in
order and :data:`STORE_VERSION` is the version this library reads and writes.
:meth:`Store.migrate <coinnovation.io.store.Store.migrate>` applies the pending ones, each
in its own transaction, and records them in the ``schema_migrations`` table;
:meth:`Store.history <coinnovation.io.store.Store.history>` lists them as
:class:`AppliedMigration`. A release that changes the layout adds a step at the end.

Examples:
    >>> STORE_VERSION == len(MIGRATIONS) == MIGRATIONS[-1].version
    True
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from coinnovation.io.store._layout import (
    _ROW,
    _define,
    _generation_table,
    _hub_row,
    _removed_table,
)
from coinnovation.models.hub import Hub
from coinnovation.models.records import RECORD_TYPES

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = ["MIGRATIONS", "STORE_VERSION", "AppliedMigration", "Migration"]


@attrs.frozen
class Migration:
    """One step in the layout of a store's tables.

    Migrations run in order, each in its own transaction, and each is recorded in the
    ``schema_migrations`` table with the time it was applied. Applying one never loses
    a record: a step that changes what rows mean must rewrite them in the same step.

    Attributes:
        version: The layout version the step leads to (1, 2 ...).
        description: What the step does.
        upgrade: The function that makes the change, given the open connection.

    Examples:
        >>> [(step.version, step.description) for step in MIGRATIONS][:2]
        [(1, 'create the hub, migration and record tables'), (2, 'index the position of records')]
    """

    version: int
    description: str
    upgrade: Callable[[Connection], None] = attrs.field(repr=False, eq=False)


@attrs.frozen
class AppliedMigration:
    """A migration as recorded in a store.

    Attributes:
        version: The layout version it led to.
        description: What it did.
        applied_at: When (UTC).

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.io.store import Store
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
        ...         first = store.history()[0]
        >>> first.version, first.applied_at.tzinfo
        (1, datetime.timezone.utc)
    """

    version: int
    description: str
    applied_at: datetime


def _create(connection: Connection) -> None:
    """Migration 1: the tables, and the hub row of an empty hub."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    tables = _define(metadata)
    # No checkfirst: a database that already has a table of the same name is not ours.
    metadata.create_all(connection, checkfirst=False)
    connection.execute(tables.hub.insert().values(id=_ROW, **_hub_row(Hub())))


def _index_positions(connection: Connection) -> None:
    """Migration 2: an index on each record table's position.

    Loads read records in position order and appends take the largest position; the
    index makes both a look-up instead of a scan. This is the shape of a later
    migration: define just what the step touches, in a metadata of its own.
    """
    import sqlalchemy as sa

    metadata = sa.MetaData()
    for _, field, _ in RECORD_TYPES:
        table = sa.Table(field, metadata, sa.Column("position", sa.Integer))
        sa.Index(f"ix_{field}_position", table.c.position).create(connection, checkfirst=True)


def _count_changes(connection: Connection) -> None:
    """Migration 3: a generation counter, raised by every committed change.

    A store keeps the last hub it read or wrote with the generation it had; while the
    counter has not moved, no process has changed the store, and the hub need not be
    read and checked again — a change to a large hub costs the change, not a load.
    """
    import sqlalchemy as sa

    metadata = sa.MetaData()
    table = _generation_table(metadata)
    table.create(connection, checkfirst=True)
    connection.execute(table.insert().values(id=_ROW, generation=0))


def _add_column(connection: Connection, table: str, column: str) -> None:
    """Add an integer column, 0 in every existing row (SQLAlchemy has no ALTER of its own)."""
    import sqlalchemy as sa

    # A PostgreSQL store in a schema of its own names it in the translation map.
    translate = connection.get_execution_options().get("schema_translate_map") or {}
    preparer = connection.dialect.identifier_preparer
    name = preparer.format_table(sa.table(table, schema=translate.get(None)))
    connection.exec_driver_sql(
        f"ALTER TABLE {name} ADD COLUMN {preparer.quote(column)} INTEGER NOT NULL DEFAULT 0"
    )


def _track_changes(connection: Connection) -> None:
    """Migration 4: which change last wrote each row, and which ids each change removed.

    Every record row gets ``changed`` (indexed; 0 for the rows already there), the
    ``hub_generation`` row gets ``rewritten`` (the generation of the last whole-hub
    ``save``), and ``removed_records`` keeps the ids each change removed. A store that
    kept the hub of an earlier generation then reads only the rows changed since — the
    other writers' changes — instead of the whole hub again.
    """
    import sqlalchemy as sa

    metadata = sa.MetaData()
    for _, field, _ in RECORD_TYPES:
        _add_column(connection, field, "changed")
        table = sa.Table(field, metadata, sa.Column("changed", sa.Integer))
        sa.Index(f"ix_{field}_changed", table.c.changed).create(connection, checkfirst=True)
    _add_column(connection, "hub_generation", "rewritten")
    _removed_table(metadata).create(connection, checkfirst=True)


#: The migrations, in order: ``MIGRATIONS[n - 1]`` leads to version ``n``.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create the hub, migration and record tables", _create),
    Migration(2, "index the position of records", _index_positions),
    Migration(3, "count committed changes", _count_changes),
    Migration(4, "track the rows each change wrote or removed", _track_changes),
)

#: The layout version this library reads and writes.
STORE_VERSION: int = len(MIGRATIONS)

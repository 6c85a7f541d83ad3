"""Keep a hub in a database: SQLite (a file, the default) or PostgreSQL (a server).

A :class:`Store` holds one hub. Each kind of record has a table of its own (``people``,
``sessions``, ``participations`` ...), one row per record: its ``id``, its ``position``
(the order a hub file would list it in) and its ``data``, the record's compact JSON
exactly as hub files write it. A ``hub`` table holds the hub's own fields and its secret
(see :mod:`coinnovation.privacy`), and ``schema_migrations`` records which versions of
this layout have been applied.

Every change runs in one database transaction and is checked against the hub as stored,
inside that transaction: :meth:`Store.add` loads the hub, applies
:meth:`Hub.add <coinnovation.models.Hub.add>` (which raises on any broken reference) and
writes only the new rows. Writers take the store's write lock first — ``BEGIN IMMEDIATE``
on SQLite, a ``SELECT ... FOR UPDATE`` of the hub row on PostgreSQL — so two processes
changing the hub at once are serialised and neither change is lost; readers never wait.
A process that dies in the middle of a change leaves the hub as it was, because nothing
is visible before the commit.

Examples:
    >>> import tempfile, pathlib
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
    ...         store.save(Hub(name="demo", sessions=(Session(id="s-1", name="Day"),)))
    ...         _ = store.add(Person(id="p-1", name="Ana"),
    ...                       Participation(id="pa-1", session="s-1", person="p-1"))
    ...         hub = store.load()
    >>> hub
    Hub(name='demo', people=1, sessions=1, participations=1)
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from coinnovation._optional import require
from coinnovation.errors import (
    FileFormatError,
    HubIntegrityError,
    Problem,
    SchemaVersionError,
    StoreBusyError,
    StoreError,
)
from coinnovation.io.files import loads
from coinnovation.models.base import COMPACT, Entity
from coinnovation.models.hub import SCHEMA_VERSION, Hub
from coinnovation.models.integrity import hub_problems
from coinnovation.models.records import FIELD_OF, KIND_OF_FIELD, RECORD_TYPES

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

__all__ = [
    "MIGRATIONS",
    "STORE_SUFFIXES",
    "STORE_VERSION",
    "AppliedMigration",
    "Migration",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreTransaction",
    "is_store",
]

#: How SQLite makes commits durable: ``"FULL"`` syncs the write-ahead log at every commit;
#: ``"NORMAL"`` syncs it only at checkpoints, so a power cut may undo the last commits
#: (never corrupting the file).
Synchronous = Literal["FULL", "NORMAL"]

# The hub's own fields (not its records): one column each in the ``hub`` table.
_HUB_FIELDS: tuple[str, ...] = tuple(
    name for name in Hub.model_fields if name not in KIND_OF_FIELD and name != "schema_version"
)
_FIELD_OF_KIND: dict[str, str] = {kind: field for kind, field, _ in RECORD_TYPES}
_WRITE = "coinnovation_write"  # execution option: this connection's transaction writes
_ROW = 1  # the id of the hub table's only row


#: The suffixes that make a plain path name a SQLite store rather than a hub file.
STORE_SUFFIXES: tuple[str, ...] = (".db", ".sqlite", ".sqlite3")


def is_store(target: str | os.PathLike[str]) -> bool:
    """Whether a name given for a hub names a store (else it names a hub file).

    The one rule every command follows: a database URL (anything with ``://``, such as
    ``sqlite:///hub.db`` or ``postgresql+psycopg://host/db``) or the path of a SQLite
    file ending ``.db``, ``.sqlite`` or ``.sqlite3`` (in any case) names a store;
    anything else — ``hub.json``, ``hub.yaml`` — a hub file. :class:`Store` opens both
    kinds of name.

    Args:
        target: The name, as a user gave it.

    Returns:
        Whether it names a store.

    Examples:
        >>> is_store("ok.db"), is_store("sqlite:///out/hub.db"), is_store("hub.json")
        (True, True, False)
    """
    text = os.fspath(target)
    return "://" in text or Path(text).suffix.lower() in STORE_SUFFIXES


# -- the layout -------------------------------------------------------------------------------


@attrs.frozen
class _Tables:
    hub: sa.Table
    migrations: sa.Table
    records: dict[str, sa.Table]  # hub field name to table
    generation: sa.Table | None = None  # since migration 3


def _define(metadata: sa.MetaData) -> _Tables:
    """The tables migration 1 creates: the hub row, the migrations and one per kind.

    The same definitions serve every read and write while the later migrations change
    no columns. Record kinds and hub fields come from the models, so a fresh store always
    has a table for every kind; a release that adds a kind must also add a migration
    creating its table where it is missing (``checkfirst=True``), for older stores.
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
        )
        for _, field, _ in RECORD_TYPES
    }
    return _Tables(hub, migrations, records)


def _generation_table(metadata: sa.MetaData) -> sa.Table:
    """The one-row table migration 3 adds: a counter every committed change raises."""
    import sqlalchemy as sa

    return sa.Table(
        "hub_generation",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.CheckConstraint(f"id = {_ROW}", name="hub_generation_single_row"),
    )


@cache
def _tables() -> _Tables:
    import sqlalchemy as sa

    metadata = sa.MetaData()
    return attrs.evolve(_define(metadata), generation=_generation_table(metadata))


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


# -- migrations -------------------------------------------------------------------------------


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


#: The migrations, in order: ``MIGRATIONS[n - 1]`` leads to version ``n``.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create the hub, migration and record tables", _create),
    Migration(2, "index the position of records", _index_positions),
    Migration(3, "count committed changes", _count_changes),
)

#: The layout version this library reads and writes.
STORE_VERSION: int = len(MIGRATIONS)


# -- the store --------------------------------------------------------------------------------


def _writable(database: Path) -> bool:
    """Whether a SQLite file (or, when it does not exist yet, its folder) can be written.

    SQLite writes its ``-wal`` and ``-shm`` files beside the database, so the folder
    must be writable too.
    """
    folder = database.parent
    if not database.exists():
        return True  # to be created: SQLite says so if it cannot be
    return os.access(database, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def _read_only_connection(database: Path, timeout: float) -> Callable[[], Any]:
    """A function opening a SQLite file read-only (``mode=ro``).

    When nothing can write the folder and there is no ``-shm`` file, SQLite could not
    share the write-ahead log's index with a writer, and none can exist: the file is
    opened ``immutable`` (on read-only media, say), which needs no ``-shm`` file.
    """
    import sqlite3
    from urllib.parse import quote

    shared = Path(f"{database}-shm")
    immutable = not os.access(database.parent, os.W_OK) and not shared.exists()
    uri = f"file:{quote(str(database))}?mode=ro" + ("&immutable=1" if immutable else "")

    def connect() -> Any:
        return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)

    return connect


def _create_private(database: Path) -> None:
    """Create an empty SQLite file readable by its owner only, if there is none.

    An empty file is an empty SQLite database; SQLite gives the ``-wal`` and ``-shm``
    files it makes later the same mode. Errors are left for SQLite to report.
    """
    try:
        handle = os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:  # it exists (keep its mode), or the folder is missing ...
        return
    os.close(handle)


def _busy(error: BaseException) -> bool:
    """Whether a database error means another writer held a lock too long."""
    orig = getattr(error, "orig", None)
    if orig is None:
        return False
    if getattr(orig, "sqlstate", None) == "55P03":  # PostgreSQL: lock_not_available
        return True
    name = getattr(orig, "sqlite_errorname", "")
    return name.startswith("SQLITE_BUSY") or "database is locked" in str(orig)


class Store:
    """A hub kept in a SQLite file or a PostgreSQL database (needs the ``db`` extra).

    Opening a store connects and checks the layout of its tables: an empty database gets
    the tables of an empty hub (unless ``create`` is false); a store written by a newer
    version of this library is refused; an older one must be migrated
    (:meth:`migrate`) before use. Close the store when done (or use it as a context
    manager): it holds a pool of connections.

    SQLite connections use the write-ahead log (readers do not block the writer nor the
    writer the readers), wait up to ``busy_timeout`` for the write lock, enforce foreign
    keys and sync every commit to disk (``synchronous=FULL``: a commit survives a power
    cut; each save or change is one transaction, so this costs one sync each). Keep a
    SQLite store on a local disk: the write-ahead log needs shared memory, which
    network file systems do not provide.

    A new SQLite file is created readable and writable by its owner only (mode 0600,
    like ``HUB.secret``), since it holds the hub's secret (see :meth:`secret`); SQLite
    gives its ``-wal`` and ``-shm`` files the same mode. A file that already exists
    keeps its mode.

    Args:
        url: A SQLAlchemy URL: ``sqlite:///hub.db`` (a path relative to the working
            folder when the store opens), ``sqlite:////srv/hub.db`` (absolute), or
            ``postgresql+psycopg://user:password@host/database`` (``postgresql://`` is
            read as psycopg; needs the ``postgres`` extra); or the path of a SQLite file
            ending ``.db``, ``.sqlite`` or ``.sqlite3`` (see :func:`is_store`).
        create: Create the tables when the database has none (and, for SQLite, the
            file when there is none).
        busy_timeout: Seconds a change waits for another writer to finish before
            raising :class:`StoreBusyError`.
        synchronous: SQLite's ``synchronous`` setting: ``"FULL"`` or ``"NORMAL"``.
        schema: PostgreSQL only: keep the tables in this schema (created if needed),
            so several hubs, or a hub and an application, can share a database.
        echo: Log every SQL statement (SQLAlchemy's ``echo``).
        read_only: Open the store for reading only: changes raise :class:`StoreError`
            before touching it. ``None`` (the default) opens a SQLite file read-only
            when it, or its folder, cannot be written (read-only media, another user's
            files), so such a store can still be read.

    Attributes:
        url: The URL, with any password hidden.
        backend: ``"sqlite"`` or ``"postgresql"``.
        schema: The PostgreSQL schema, or ``None``.
        read_only: Whether the store was opened for reading only.

    Raises:
        MissingDependencyError: SQLAlchemy (the ``db`` extra) or, for PostgreSQL,
            psycopg (the ``postgres`` extra) is not installed.
        ValueError: The URL is not SQLite or PostgreSQL, or is an in-memory database;
            ``schema`` is given for SQLite; ``busy_timeout`` is negative.
        StoreError: The database cannot be opened, or (``create=False``) does not exist.
        SchemaVersionError: The store was written by a newer version of this library.

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.models import Hub
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     url = f"sqlite:///{pathlib.Path(folder) / 'hub.db'}"
        ...     with Store(url) as store:
        ...         store.save(Hub(name="Walsall"))
        ...     with Store(url, create=False) as again:
        ...         again.load().name
        'Walsall'
    """

    def __init__(
        self,
        url: str | os.PathLike[str] | sa.URL,
        *,
        create: bool = True,
        busy_timeout: float = 30.0,
        synchronous: Synchronous = "FULL",
        schema: str | None = None,
        echo: bool = False,
        read_only: bool | None = None,
    ) -> None:
        require("sqlalchemy", "db", "the SQL store")
        import sqlalchemy as sa

        given = url if isinstance(url, sa.URL) else os.fspath(url)
        if isinstance(given, str) and "://" not in given:
            if not is_store(given):
                raise ValueError(
                    f"not a database URL: {given!r}: a store is a database URL or a path "
                    "ending .db, .sqlite or .sqlite3"
                )
            given = sa.URL.create("sqlite", database=given)
        try:
            parsed = sa.make_url(given)
        except sa.exc.ArgumentError:
            raise ValueError(f"not a database URL: {url!r}") from None
        backend = parsed.get_backend_name()
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
            backend = "postgresql"
        if busy_timeout < 0:
            raise ValueError("busy_timeout must be zero or more seconds")
        if synchronous not in ("FULL", "NORMAL"):
            raise ValueError("synchronous must be 'FULL' or 'NORMAL'")
        self.url: str = parsed.render_as_string(hide_password=True)
        self.backend: Literal["sqlite", "postgresql"]
        self.schema = schema
        self._busy_timeout = busy_timeout
        self.read_only = bool(read_only)
        self._local = threading.local()
        self._closed = False
        # The last hub read or written, with the change counter it had (see migration 3).
        self._kept: tuple[int, Hub] | None = None

        if backend == "sqlite":
            if parsed.get_driver_name() != "pysqlite":
                raise ValueError(f"{self.url}: use the built-in sqlite3 driver (sqlite:///path)")
            database = parsed.database or ""
            uri = bool(parsed.query.get("uri"))
            if (
                database in ("", ":memory:")
                or parsed.query.get("mode") == "memory"
                or database.startswith("file::memory:")
            ):
                raise ValueError(
                    "an in-memory SQLite database vanishes with its connection: keep the "
                    "Hub itself in memory, or give the store a file (Store.sqlite(path))"
                )
            if schema is not None:
                raise ValueError("schema= is for PostgreSQL; a SQLite store is a file of its own")
            if not uri:
                # Connections open later, perhaps after the working folder has changed.
                database = os.path.abspath(database)
                parsed = parsed.set(database=database)
                self.url = parsed.render_as_string(hide_password=True)
            if not create and not uri and not Path(database).exists():
                raise StoreError(f"no SQLite database at {database}")
            self.backend = "sqlite"
            options: dict[str, Any] = {"connect_args": {"timeout": busy_timeout}}
            if not uri:
                if read_only is None:
                    self.read_only = not _writable(Path(database))
                if self.read_only:
                    options["creator"] = _read_only_connection(Path(database), busy_timeout)
                elif create:
                    _create_private(Path(database))
            engine = sa.create_engine(parsed, echo=echo, **options)
            self._sqlite_events(engine, synchronous)
        elif backend == "postgresql":
            if parsed.get_driver_name() != "psycopg":
                raise ValueError(f"{self.url}: use the psycopg driver (postgresql+psycopg://...)")
            require("psycopg", "postgres", "a PostgreSQL store")
            self.backend = "postgresql"
            engine = sa.create_engine(parsed, pool_pre_ping=True, echo=echo)
        else:
            raise ValueError(
                f"{self.url}: a store is a SQLite file (sqlite:///hub.db) or a PostgreSQL "
                "database (postgresql+psycopg://...)"
            )
        self._base = engine
        self._engine: Engine = (
            engine
            if schema is None
            else engine.execution_options(schema_translate_map={None: schema})
        )
        try:
            with self._errors(), self._engine.connect() as connection:
                version = self._version_in(connection)
            if version > STORE_VERSION:
                raise self._too_new(version)
            if version == 0 and create:
                self.migrate()
        except BaseException:
            self.close()
            raise

    @classmethod
    def sqlite(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        busy_timeout: float = 30.0,
        synchronous: Synchronous = "FULL",
        echo: bool = False,
        read_only: bool | None = None,
    ) -> Store:
        """A store in a SQLite file.

        Args:
            path: The database file (conventionally ``hub.db``).
            create: Create the file (mode 0600) and its tables when missing.
            busy_timeout: Seconds a change waits for another writer.
            synchronous: ``"FULL"`` (the default) or ``"NORMAL"``.
            echo: Log every SQL statement.
            read_only: Open for reading only; ``None`` when the file or its folder
                cannot be written.

        Returns:
            The open store.

        Examples:
            >>> import tempfile, pathlib
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         store.backend, store.version
            ('sqlite', 3)
        """
        require("sqlalchemy", "db", "the SQL store")
        import sqlalchemy as sa

        url = sa.URL.create("sqlite", database=str(Path(path)))
        return cls(
            url,
            create=create,
            busy_timeout=busy_timeout,
            synchronous=synchronous,
            echo=echo,
            read_only=read_only,
        )

    def _sqlite_events(self, engine: Engine, synchronous: Synchronous) -> None:
        import sqlalchemy as sa

        milliseconds = round(self._busy_timeout * 1000)

        read_only = self.read_only

        def connect(dbapi_connection: Any, _record: Any) -> None:
            # Transactions are begun here, not by the sqlite3 module (see "begin").
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
                if not read_only:  # setting the journal mode writes to the file
                    cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA foreign_keys = ON")
                cursor.execute(f"PRAGMA synchronous = {synchronous}")
            finally:
                cursor.close()

        def begin(connection: Connection) -> None:
            # A writer takes the write lock at BEGIN (waiting up to busy_timeout), so the
            # hub it reads cannot change before it writes; a reader's snapshot starts at
            # its first read and never waits.
            writes = connection.get_execution_options().get(_WRITE, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

        sa.event.listen(engine, "connect", connect)
        sa.event.listen(engine, "begin", begin)

    # -- plumbing -----------------------------------------------------------------------------

    def __repr__(self) -> str:
        schema = "" if self.schema is None else f", schema={self.schema!r}"
        return f"Store({self.url!r}{schema})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards.

        Closing twice is harmless.

        Examples:
            >>> import tempfile, pathlib
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     store = Store.sqlite(pathlib.Path(folder) / "hub.db")
            ...     store.close()
            ...     store.load()
            Traceback (most recent call last):
            ...
            coinnovation.errors.StoreError: sqlite:///.../hub.db: the store is closed
        """
        if not self._closed:
            self._closed = True
            self._base.dispose()

    def _open_engine(self) -> Engine:
        if self._closed:
            raise StoreError(f"{self.url}: the store is closed")
        return self._engine

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors as the library's own: busy as StoreBusyError, others as StoreError."""
        import sqlalchemy as sa

        try:
            yield
        except sa.exc.DBAPIError as error:
            if _busy(error):
                raise StoreBusyError(
                    f"{self.url}: another writer held the store for longer than "
                    f"busy_timeout ({self._busy_timeout:g} s)"
                ) from error
            raise StoreError(f"{self.url}: {error.orig}") from error

    def _set_lock_timeout(self, connection: Connection) -> None:
        # PostgreSQL reads a lock_timeout of 0 as "wait for ever": wait at least 1 ms.
        milliseconds = max(1, round(self._busy_timeout * 1000))
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")

    def _version_in(self, connection: Connection) -> int:
        import sqlalchemy as sa

        if not sa.inspect(connection).has_table("schema_migrations", schema=self.schema):
            return 0
        migrations = _tables().migrations
        return int(connection.execute(sa.select(sa.func.max(migrations.c.version))).scalar() or 0)

    def _too_new(self, version: int) -> SchemaVersionError:
        message = (
            f"the store's layout is version {version}, newer than this library reads "
            f"({STORE_VERSION}): upgrade coinnovation to use it"
        )
        return SchemaVersionError(self.url, [Problem("store", None, None, message)])

    def _require_current(self, connection: Connection) -> None:
        version = self._version_in(connection)
        if version == STORE_VERSION:
            return
        if version > STORE_VERSION:
            raise self._too_new(version)
        if version == 0:
            raise StoreError(
                f"{self.url}: no hub store here: create one with Store(url) or "
                "`coinnovation store init URL`"
            )
        raise StoreError(
            f"{self.url}: the store's layout is version {version}, this library uses "
            f"version {STORE_VERSION}: back it up, then run store.migrate() or "
            "`coinnovation store migrate URL`"
        )

    def _enter_writer(self) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.url}: the store is open read-only (the file or its folder cannot be "
                "written, or read_only=True): it can be read, not changed"
            )
        if getattr(self._local, "writing", False):
            raise StoreError(
                f"{self.url}: a transaction is already open on this store in this thread: "
                "make the change through it"
            )
        self._local.writing = True

    def _exit_writer(self) -> None:
        self._local.writing = False

    @contextmanager
    def _reading(self, *, current: bool = True) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot of the store."""
        engine = self._open_engine()
        with self._errors(), engine.connect() as connection:
            if self.backend == "postgresql":
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                if current:
                    self._require_current(connection)
                yield connection

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction holding the store's write lock, on a current layout."""
        import sqlalchemy as sa

        engine = self._open_engine()
        self._enter_writer()
        try:
            with self._errors(), engine.connect() as connection:
                connection.execution_options(**{_WRITE: True})
                with connection.begin():  # SQLite: BEGIN IMMEDIATE takes the write lock
                    self._require_current(connection)
                    if self.backend == "postgresql":
                        hub = _tables().hub
                        self._set_lock_timeout(connection)
                        lock = sa.select(hub.c.id).where(hub.c.id == _ROW).with_for_update()
                        connection.execute(lock)
                        self._require_current(connection)  # a migration may have run meanwhile
                    yield connection
        finally:
            self._exit_writer()

    def _generation(self, connection: Connection) -> int:
        """The store's change counter, as seen by this transaction."""
        import sqlalchemy as sa

        table = _tables().generation
        assert table is not None
        return int(connection.execute(sa.select(table.c.generation)).scalar_one())

    def _bump(self, connection: Connection) -> int:
        """Raise the change counter (in the caller's write transaction); the new value."""
        table = _tables().generation
        assert table is not None
        connection.execute(table.update().values(generation=table.c.generation + 1))
        return self._generation(connection)

    def _current_hub(self, connection: Connection, *, fresh: bool = False) -> Hub:
        """The stored hub: kept from the last read or write, or read, checked and kept.

        The kept hub serves a change while the change counter has not moved since; a
        ``fresh`` read (``load``) always reads and checks every row, so tables edited by
        hand are caught there.
        """
        generation = self._generation(connection)
        kept = self._kept
        if not fresh and kept is not None and kept[0] == generation:
            return kept[1]
        hub = self._read_hub(connection)
        self._kept = (generation, hub)
        return hub

    def _read_hub(self, connection: Connection) -> Hub:
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
                    raise FileFormatError(self.url, [problem]) from None
                except RecursionError:
                    problem = Problem("hub", None, name, "nested too deeply")
                    raise FileFormatError(self.url, [problem]) from None
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
        hub = loads("".join(parts), source=self.url)
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

    def _write_hub(self, connection: Connection, hub: Hub) -> None:
        """Replace everything stored by ``hub`` (in the caller's transaction)."""
        tables = _tables()
        for _, field, _ in RECORD_TYPES:
            table = tables.records[field]
            connection.execute(table.delete())
            rows = [
                {"id": record.id, "position": position, "data": _record_json(record)}
                for position, record in enumerate(getattr(hub, field))
            ]
            if rows:
                connection.execute(table.insert(), rows)
        connection.execute(
            tables.hub.update().where(tables.hub.c.id == _ROW).values(**_hub_row(hub))
        )

    # -- the hub ------------------------------------------------------------------------------

    def load(self) -> Hub:
        """The hub, read in one consistent snapshot and validated.

        Returns:
            The hub: every record validated, every reference checked.

        Raises:
            HubIntegrityError: The stored records do not fit together (someone changed
                the tables by hand), or a row's ``id`` disagrees with its data.
            FileFormatError: A stored record is malformed.
            StoreError: The store is closed, missing or needs migrating.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Hub, Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         store.load()
            Hub(name=None)
        """
        with self._reading() as connection:
            return self._current_hub(connection, fresh=True)

    def save(self, hub: Hub) -> None:
        """Replace the stored hub by ``hub``, in one transaction.

        The store's secret is kept. Readers see the old hub or the new one, never a mix;
        a process killed half-way leaves the old one.

        Args:
            hub: The hub.

        Raises:
            HubIntegrityError: The hub's records do not fit together (a hub built with
                ``model_construct`` or changed with ``model_copy``).
            StoreBusyError: Another writer held the store for longer than
                ``busy_timeout``.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Hub, Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         store.save(Hub(name="demo").add(Person(id="p-1", name="Ana")))
            ...         store.count("person")
            1
        """
        with self.transaction() as change:
            change.save(hub)

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        """Make several changes in one transaction: all of them are kept, or none.

        The transaction holds the store's write lock from start to end, so keep it
        short. Each change is checked against the hub as it stands inside the
        transaction; an exception leaving the ``with`` block undoes every change.

        Yields:
            The open transaction.

        Raises:
            StoreError: A transaction is already open on this store in this thread.
            StoreBusyError: Another writer held the store for longer than
                ``busy_timeout``.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person, Session, Participation
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             _ = change.add(Session(id="s-1", name="Day"))
            ...             _ = change.add(Person(id="p-1", name="Ana"))
            ...             hub = change.add(Participation(id="pa-1", session="s-1", person="p-1"))
            ...         store.load() == hub
            True
        """
        kept: tuple[int, Hub] | None = None
        try:
            with self._writing() as connection:
                change = StoreTransaction(self, connection)
                try:
                    yield change
                    if change._broken:
                        raise StoreError(
                            f"{self.url}: a change failed part-way; the transaction was undone"
                        )
                    if change._changed and change._hub is not None:
                        kept = (self._bump(connection), change._hub)
                finally:
                    change._open = False
        except BaseException:
            self._kept = None
            raise
        if kept is not None:  # committed: what was written is what is stored
            self._kept = kept

    def add(self, *records: Entity) -> Hub:
        """Add records, in one transaction, checked against the stored hub.

        Args:
            *records: Records of any kind.

        Returns:
            The hub as stored after the change.

        Raises:
            HubIntegrityError: The records clash with the stored hub or each other;
                nothing was changed.
            StoreBusyError: Another writer held the store for longer than
                ``busy_timeout``.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Participation
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         store.add(Participation(id="pa-1", session="s-404", person="p-1"))
            Traceback (most recent call last):
            ...
            coinnovation.errors.HubIntegrityError: 2 integrity problems in the hub:
              - participation 'pa-1', field 'session': unknown session 's-404'
              - participation 'pa-1', field 'person': unknown person 'p-1'
        """
        with self.transaction() as change:
            return change.add(*records)

    def replace(self, *records: Entity) -> Hub:
        """Replace records by id, in one transaction, checked against the stored hub.

        Args:
            *records: Changed versions of stored records (same id and kind).

        Returns:
            The hub as stored after the change.

        Raises:
            UnknownReferenceError: The store holds no record of that kind with that id.
            HubIntegrityError: A changed record breaks a reference.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         _ = store.add(Person(id="p-1", name="Ana"))
            ...         store.replace(Person(id="p-1", name="Ana B.")).person("p-1").name
            'Ana B.'
        """
        with self.transaction() as change:
            return change.replace(*records)

    def remove(self, *ids: str) -> Hub:
        """Remove records by id, in one transaction, checked against the stored hub.

        Args:
            *ids: Ids of records of any kind.

        Returns:
            The hub as stored after the change.

        Raises:
            UnknownReferenceError: An id is not stored.
            HubIntegrityError: A remaining record refers to a removed one; nothing was
                removed.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         _ = store.add(Person(id="p-1", name="Ana"), Person(id="p-2", name="Ben"))
            ...         [person.id for person in store.remove("p-1").people]
            ['p-2']
        """
        with self.transaction() as change:
            return change.remove(*ids)

    def exists(self, record_id: str) -> bool:
        """Whether a record with this id is stored, whatever its kind.

        Args:
            record_id: The id.

        Returns:
            ``True`` if a record of any kind has this id.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         _ = store.add(Person(id="p-1", name="Ana"))
            ...         store.exists("p-1"), store.exists("p-2")
            (True, False)
        """
        import sqlalchemy as sa

        with self._reading() as connection:
            for table in _tables().records.values():
                query = sa.select(table.c.id).where(table.c.id == record_id)
                if connection.execute(query).first() is not None:
                    return True
        return False

    def count(self, kind: str | None = None) -> int:
        """How many records are stored: of one kind, or in all.

        Args:
            kind: A kind (``"person"``) or hub field (``"people"``); ``None`` for all.

        Returns:
            The number of records.

        Raises:
            ValueError: ``kind`` is not a kind of record.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person, Session
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         _ = store.add(Person(id="p-1", name="Ana"), Session(id="s-1", name="Day"))
            ...         store.count("person"), store.count("sessions"), store.count()
            (1, 1, 2)
        """
        import sqlalchemy as sa

        records = _tables().records
        if kind is None:
            fields = list(records)
        elif kind in records:
            fields = [kind]
        elif kind in _FIELD_OF_KIND:
            fields = [_FIELD_OF_KIND[kind]]
        else:
            known = ", ".join(_FIELD_OF_KIND)
            raise ValueError(f"{kind!r} is not a kind of record: use one of {known}")
        total = 0
        with self._reading() as connection:
            for field in fields:
                query = sa.select(sa.func.count()).select_from(records[field])
                total += int(connection.execute(query).scalar_one())
        return total

    def secret(self) -> bytes:
        """The hub's secret for pseudonyms, made and kept in the store on first use.

        As with :func:`~coinnovation.privacy.read_secret`, ``COINNOVATION_SECRET`` wins
        when it is set. The secret never leaves the store with the hub: :meth:`load`
        and hub files do not carry it.

        Returns:
            The secret (32 random bytes unless set otherwise).

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Hub
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         first = store.secret()
            ...         store.save(Hub(name="replaced"))
            ...         len(first), store.secret() == first
            (32, True)
        """
        import sqlalchemy as sa

        from coinnovation.privacy import SECRET_ENV, new_secret, read_secret

        if os.environ.get(SECRET_ENV):
            return read_secret(None)
        hub = _tables().hub
        query = sa.select(hub.c.secret).where(hub.c.id == _ROW)
        with self._reading() as connection:
            stored = connection.execute(query).scalar_one()
        if stored is None:
            with self._writing() as connection:
                stored = connection.execute(query).scalar_one()  # another process may have won
                if stored is None:
                    stored = new_secret().hex()
                    update = hub.update().where(hub.c.id == _ROW).values(secret=stored)
                    connection.execute(update)
        return bytes.fromhex(stored)

    # -- the layout ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """The layout version of the store's tables (0 when it has none yet).

        Examples:
            >>> import tempfile, pathlib
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         store.version == STORE_VERSION
            True
        """
        with self._reading(current=False) as connection:
            return self._version_in(connection)

    def history(self) -> tuple[AppliedMigration, ...]:
        """The migrations applied to this store, oldest first.

        Examples:
            >>> import tempfile, pathlib
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         [step.version for step in store.history()]
            [1, 2, 3]
        """
        import sqlalchemy as sa

        migrations = _tables().migrations
        with self._reading(current=False) as connection:
            if self._version_in(connection) == 0:
                return ()
            rows = connection.execute(sa.select(migrations).order_by(migrations.c.version))
            return tuple(
                AppliedMigration(
                    row.version, row.description, datetime.fromisoformat(row.applied_at)
                )
                for row in rows
            )

    def migrate(self, *, to: int | None = None) -> list[int]:
        """Bring the store's tables up to date: apply the pending migrations in order.

        Each migration runs in its own transaction, holding the write lock, and is
        recorded in ``schema_migrations``; a migration that fails leaves the store at
        the version before it. Several processes may call this at once: each migration
        is applied once. Back the database up first.

        Args:
            to: Stop at this version (default: :data:`STORE_VERSION`).

        Returns:
            The versions applied (empty when the store was up to date).

        Raises:
            ValueError: ``to`` is not a version this library knows.
            SchemaVersionError: The store is newer than this library.

        Examples:
            >>> import tempfile, pathlib
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db", create=True) as store:
            ...         store.migrate()
            []
        """
        target = STORE_VERSION if to is None else to
        if not 1 <= target <= STORE_VERSION:
            raise ValueError(f"to must be a layout version from 1 to {STORE_VERSION}")
        applied: list[int] = []
        self._kept = None
        while True:
            with self._migrating() as (connection, current):
                if current > STORE_VERSION:
                    raise self._too_new(current)
                if current >= target:
                    return applied
                step = MIGRATIONS[current]
                step.upgrade(connection)
                connection.execute(
                    _tables()
                    .migrations.insert()
                    .values(
                        version=step.version,
                        applied_at=datetime.now(UTC).isoformat(),
                        description=step.description,
                    )
                )
            applied.append(step.version)

    @contextmanager
    def _migrating(self) -> Iterator[tuple[Connection, int]]:
        """A write transaction for one migration, with the version read under the lock."""
        import sqlalchemy as sa

        engine = self._open_engine()
        self._enter_writer()
        try:
            with self._errors(), engine.connect() as connection:
                connection.execution_options(**{_WRITE: True})
                with connection.begin():
                    if self.backend == "postgresql":
                        self._set_lock_timeout(connection)
                        key = int.from_bytes(
                            hashlib.sha256(f"coinnovation:{self.schema}".encode()).digest()[:8],
                            "big",
                            signed=True,
                        )
                        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
                        if self.schema is not None and not sa.inspect(connection).has_schema(
                            self.schema
                        ):
                            connection.execute(sa.schema.CreateSchema(self.schema))
                    current = self._version_in(connection)
                    if self.backend == "postgresql" and current:
                        hub = _tables().hub
                        connection.execute(
                            sa.select(hub.c.id).where(hub.c.id == _ROW).with_for_update()
                        )
                    yield connection, current
        finally:
            self._exit_writer()


class StoreTransaction:
    """Changes made inside :meth:`Store.transaction`: kept together or not at all.

    Each change is checked against :attr:`hub`, the hub as it stands inside the
    transaction, and written at once; the commit happens when the ``with`` block ends.
    A change that raises :class:`~coinnovation.errors.HubIntegrityError` has written
    nothing, so the transaction may go on.

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.models import Person
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
        ...         with store.transaction() as change:
        ...             _ = change.add(Person(id="p-1", name="Ana"))
        ...             len(change.hub.people), store.count("person")
        ...         store.count("person")
        (1, 0)
        1
    """

    def __init__(self, store: Store, connection: Connection) -> None:
        self._store = store
        self._connection = connection
        self._hub: Hub | None = None
        self._open = True
        self._broken = False
        self._changed = False

    def _usable(self) -> Connection:
        if not self._open:
            raise StoreError(f"{self._store.url}: this transaction has ended")
        return self._connection

    @contextmanager
    def _writes(self) -> Iterator[Connection]:
        """Mark the transaction broken if writing fails part-way."""
        try:
            yield self._usable()
        except BaseException:
            self._broken = True
            raise
        self._changed = True

    @property
    def hub(self) -> Hub:
        """The hub as it stands inside the transaction (read on first use).

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Hub
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         store.save(Hub(name="demo"))
            ...         with store.transaction() as change:
            ...             change.hub.name
            'demo'
        """
        connection = self._usable()
        if self._hub is None:
            self._hub = self._store._current_hub(connection)
        return self._hub

    def add(self, *records: Entity) -> Hub:
        """Add records (see :meth:`Hub.add <coinnovation.models.Hub.add>`).

        Returns:
            The hub inside the transaction after the change.

        Raises:
            HubIntegrityError: The records clash with the hub; nothing was written.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             len(change.add(Person(id="p-1", name="Ana")).people)
            1
        """
        import sqlalchemy as sa

        old = self.hub
        new = old.add(*records)
        with self._writes() as connection:
            for _, field, _ in RECORD_TYPES:
                before, after = getattr(old, field), getattr(new, field)
                if len(after) == len(before):
                    continue
                table = _tables().records[field]
                last = sa.select(sa.func.coalesce(sa.func.max(table.c.position), -1))
                start = int(connection.execute(last).scalar_one()) + 1
                rows = [
                    {"id": record.id, "position": start + offset, "data": _record_json(record)}
                    for offset, record in enumerate(after[len(before) :])
                ]
                connection.execute(table.insert(), rows)
        self._hub = new
        return new

    def replace(self, *records: Entity) -> Hub:
        """Replace records by id (see :meth:`Hub.replace <coinnovation.models.Hub.replace>`).

        Returns:
            The hub inside the transaction after the change.

        Raises:
            UnknownReferenceError: No record of that kind has that id.
            HubIntegrityError: A changed record breaks a reference; nothing was written.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             _ = change.add(Person(id="p-1", name="Ana"))
            ...             change.replace(Person(id="p-1", name="Ana B.")).people[0].name
            'Ana B.'
        """
        import sqlalchemy as sa

        new = self.hub.replace(*records)
        by_field: dict[str, dict[str, str]] = {}
        for record in records:
            field = FIELD_OF[type(record)]
            by_field.setdefault(field, {})[record.id] = _record_json(new.get(record.id))
        with self._writes() as connection:
            for field, changed in by_field.items():
                table = _tables().records[field]
                update = (
                    table.update()
                    .where(table.c.id == sa.bindparam("record_id"))
                    .values(data=sa.bindparam("record_data"))
                )
                rows = [{"record_id": key, "record_data": data} for key, data in changed.items()]
                connection.execute(update, rows)
        self._hub = new
        return new

    def remove(self, *ids: str) -> Hub:
        """Remove records by id (see :meth:`Hub.remove <coinnovation.models.Hub.remove>`).

        Returns:
            The hub inside the transaction after the change.

        Raises:
            UnknownReferenceError: An id is not in the hub.
            HubIntegrityError: A remaining record refers to a removed one; nothing was
                written.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             _ = change.add(Person(id="p-1", name="Ana"))
            ...             change.remove("p-1").people
            ()
        """
        old = self.hub
        new = old.remove(*ids)
        by_field: dict[str, list[str]] = {}
        for record_id in dict.fromkeys(ids):
            by_field.setdefault(FIELD_OF[type(old.get(record_id))], []).append(record_id)
        with self._writes() as connection:
            for field, gone in by_field.items():
                table = _tables().records[field]
                connection.execute(table.delete().where(table.c.id.in_(gone)))
        self._hub = new
        return new

    def save(self, hub: Hub) -> None:
        """Replace everything in the store by ``hub`` (the secret is kept).

        Args:
            hub: The new hub.

        Raises:
            HubIntegrityError: The hub's records do not fit together.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Hub
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             change.save(Hub(name="new"))
            ...             change.hub.name
            'new'
        """
        problems = hub_problems(hub)
        if problems:
            raise HubIntegrityError(problems)
        with self._writes() as connection:
            self._store._write_hub(connection, hub)
        self._hub = hub

"""The :class:`Store`: a hub kept in a SQLite file or a PostgreSQL database.

A store opens its database (:mod:`~coinnovation.io.store._engine`), checks the layout of
its tables (:mod:`~coinnovation.io.store.migrations`), and answers every call in one
transaction of its own: reads in one consistent snapshot, changes holding the store's
write lock. What a change writes is in :mod:`~coinnovation.io.store._rows`, the hub kept
between changes in :mod:`~coinnovation.io.store._cache`, and changes made together in a
:class:`~coinnovation.io.store.transaction.StoreTransaction`. See :mod:`coinnovation.io.store`.
"""

from __future__ import annotations

import hashlib
import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from coinnovation._optional import require
from coinnovation.errors import (
    Problem,
    SchemaVersionError,
    StoreBusyError,
    StoreError,
)
from coinnovation.io.store import _rows
from coinnovation.io.store._cache import HubCache, KeptHub, bump, current
from coinnovation.io.store._engine import (
    _WRITE,
    STORE_SUFFIXES,
    Synchronous,
    driver_errors,
    is_store,
    open_engine,
    set_lock_timeout,
)
from coinnovation.io.store._layout import _ROW, _tables, version_in
from coinnovation.io.store._rows import read_hub
from coinnovation.io.store.migrations import (
    MIGRATIONS,
    STORE_VERSION,
    AppliedMigration,
    Migration,
)
from coinnovation.io.store.transaction import AddResult, StoreTransaction
from coinnovation.models.base import Entity
from coinnovation.models.hub import Hub

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

__all__ = [
    "MIGRATIONS",
    "STORE_SUFFIXES",
    "STORE_VERSION",
    "AddResult",
    "AppliedMigration",
    "Migration",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreTransaction",
    "is_store",
]


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
        opened = open_engine(
            url,
            create=create,
            busy_timeout=busy_timeout,
            synchronous=synchronous,
            schema=schema,
            echo=echo,
            read_only=read_only,
        )
        self.url: str = opened.url
        self.backend: Literal["sqlite", "postgresql"] = opened.backend
        self.schema = schema
        self._busy_timeout = busy_timeout
        self.read_only = opened.read_only
        self._local = threading.local()
        self._closed = False
        # The last hub read or written, with the change counter it had (see migration 3).
        self._cache = HubCache()
        self._base = opened.engine
        self._engine: Engine = (
            opened.engine
            if schema is None
            else opened.engine.execution_options(schema_translate_map={None: schema})
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
            ('sqlite', 4)
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

    def _errors(self) -> AbstractContextManager[None]:
        """Driver errors as the library's own: busy as StoreBusyError, others as StoreError."""
        return driver_errors(self.url, self._busy_timeout)

    def _version_in(self, connection: Connection) -> int:
        return version_in(connection, self.schema)

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
                        set_lock_timeout(connection, self._busy_timeout)
                        lock = sa.select(hub.c.id).where(hub.c.id == _ROW).with_for_update()
                        connection.execute(lock)
                        self._require_current(connection)  # a migration may have run meanwhile
                    yield connection
        finally:
            self._exit_writer()

    def _current_kept(self, connection: Connection, *, fresh: bool = False) -> KeptHub:
        """The stored hub, now owned by the caller's transaction (see ``_cache``).

        The kept hub serves a change while the change counter has not moved since; after
        other writers' changes, it is brought up to date with the rows they wrote; a
        ``fresh`` read (``load``) always reads and checks every row, so tables edited by
        hand are caught there.
        """
        return current(connection, self._cache, self._read_hub, fresh=fresh)

    def _read_hub(self, connection: Connection) -> Hub:
        """The hub as stored, validated; rows that disagree with their data are refused."""
        return read_hub(connection, self.url)

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
            kept = self._current_kept(connection, fresh=True)
        self._cache.keep(kept)
        return kept.hub

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
        change: StoreTransaction | None = None
        try:
            with self._writing() as connection:
                change = StoreTransaction(self, connection)
                try:
                    yield change
                    if change._broken:
                        raise StoreError(
                            f"{self.url}: a change failed part-way; the transaction was undone"
                        )
                    if change._changed:
                        committed = bump(connection)
                        assert committed == change._generation()
                        if change._kept is not None:
                            change._kept.generation = committed
                finally:
                    change._open = False
        except BaseException:
            # Undone: the kept hub is good only if no change touched it.
            if change is not None and change._kept is not None and not change._touched:
                self._cache.keep(change._kept)
            raise
        if change._kept is not None:  # committed: what was written is what is stored
            self._cache.keep(change._kept)

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

    def add_missing(self, hub: Hub) -> AddResult:
        """Add the records of ``hub`` that the store lacks, matched by id, in one transaction.

        Records whose id the store already holds (whatever their kind) are left as
        stored; the hub's own fields are not touched. Use it to merge a hub built
        elsewhere into a store; to build on the stored hub itself under the write lock
        (as ``coinnovation import`` does with a register), call
        :meth:`StoreTransaction.add_missing` inside :meth:`transaction`.

        Args:
            hub: A hub holding the records to add.

        Returns:
            The ids added and those already stored, and the hub as stored after.

        Raises:
            HubIntegrityError: The missing records clash with the stored hub; nothing
                was changed.
            StoreBusyError: Another writer held the store for longer than
                ``busy_timeout``.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Hub, Person
            >>> other = Hub(people=(Person(id="p-1", name="Ana B."), Person(id="p-2", name="Ben")))
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         _ = store.add(Person(id="p-1", name="Ana"))
            ...         result = store.add_missing(other)
            >>> result.added, result.present, result.hub.person("p-1").name
            (('p-2',), ('p-1',), 'Ana')
        """
        with self.transaction() as change:
            return change.add_missing(hub)

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
        with self._reading() as connection:
            return _rows.exists(connection, record_id)

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
        fields = _rows.fields_of(kind)
        with self._reading() as connection:
            return _rows.count(connection, fields)

    def secret(self) -> bytes:
        """The hub's secret for pseudonyms, made and kept in the store on first use.

        The secret never leaves the store with the hub: :meth:`load` and hub files do not
        carry it. To get a hub's privacy policy, use
        :meth:`Privacy.for_hub(hub, store=store) <coinnovation.privacy.Privacy.for_hub>`,
        the one place where ``COINNOVATION_SECRET`` may win over the store's secret.
        (Reading the environment here is deprecated: when it is set, this still returns
        its secret, with a :class:`DeprecationWarning`.)

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
        from coinnovation.privacy import SECRET_ENV, new_secret, read_secret

        if os.environ.get(SECRET_ENV):
            warnings.warn(
                f"Store.secret() returning ${SECRET_ENV} is deprecated: it will return the "
                "store's own secret; get a policy with Privacy.for_hub(hub, store=store)",
                DeprecationWarning,
                stacklevel=2,
            )
            return read_secret(None)
        with self._reading() as connection:
            stored = _rows.stored_secret(connection)
        if stored is None:
            with self._writing() as connection:
                stored = _rows.stored_secret(connection)  # another process may have won
                if stored is None:
                    stored = new_secret().hex()
                    _rows.keep_secret(connection, stored)
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
            [1, 2, 3, 4]
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
        self._cache.forget()
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
                        set_lock_timeout(connection, self._busy_timeout)
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

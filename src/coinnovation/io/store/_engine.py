"""Opening a store's database: the URL, the engine, SQLite's settings and driver errors.

Private to :mod:`coinnovation.io.store`. :func:`open_engine` turns what a user gave
(a URL or a SQLite file's path) into a SQLAlchemy engine set up as a store needs it:
SQLite with its write-ahead log, busy timeout, foreign keys and ``synchronous`` setting,
opened read-only when the file or its folder cannot be written; PostgreSQL through
psycopg. :func:`driver_errors` turns the driver's errors into the library's own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from coinnovation._optional import require
from coinnovation.errors import StoreBusyError, StoreError

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

__all__ = ["STORE_SUFFIXES", "Synchronous", "is_store"]

#: How SQLite makes commits durable: ``"FULL"`` syncs the write-ahead log at every commit;
#: ``"NORMAL"`` syncs it only at checkpoints, so a power cut may undo the last commits
#: (never corrupting the file).
Synchronous = Literal["FULL", "NORMAL"]

_WRITE = "coinnovation_write"  # execution option: this connection's transaction writes


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


@attrs.frozen
class _Opened:
    """A database engine as a store opens it, and what opening it found out."""

    url: str  # with any password hidden
    backend: Literal["sqlite", "postgresql"]
    read_only: bool
    engine: Engine


def open_engine(
    url: str | os.PathLike[str] | sa.URL,
    *,
    create: bool,
    busy_timeout: float,
    synchronous: Synchronous,
    schema: str | None,
    echo: bool,
    read_only: bool | None,
) -> _Opened:
    """The engine of a store's database; the arguments are :class:`Store`'s.

    Raises:
        MissingDependencyError: SQLAlchemy or, for PostgreSQL, psycopg is missing.
        ValueError: The URL is not SQLite or PostgreSQL, or is an in-memory database;
            ``schema`` is given for SQLite; ``busy_timeout`` is negative.
        StoreError: ``create`` is false and there is no SQLite file.
    """
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
    shown = parsed.render_as_string(hide_password=True)
    opened_read_only = bool(read_only)

    if backend == "sqlite":
        if parsed.get_driver_name() != "pysqlite":
            raise ValueError(f"{shown}: use the built-in sqlite3 driver (sqlite:///path)")
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
            shown = parsed.render_as_string(hide_password=True)
        if not create and not uri and not Path(database).exists():
            raise StoreError(f"no SQLite database at {database}")
        options: dict[str, Any] = {"connect_args": {"timeout": busy_timeout}}
        if not uri:
            if read_only is None:
                opened_read_only = not _writable(Path(database))
            if opened_read_only:
                options["creator"] = _read_only_connection(Path(database), busy_timeout)
            elif create:
                _create_private(Path(database))
        engine = sa.create_engine(parsed, echo=echo, **options)
        _sqlite_events(
            engine, busy_timeout=busy_timeout, synchronous=synchronous, read_only=opened_read_only
        )
        return _Opened(shown, "sqlite", opened_read_only, engine)
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            raise ValueError(f"{shown}: use the psycopg driver (postgresql+psycopg://...)")
        require("psycopg", "postgres", "a PostgreSQL store")
        engine = sa.create_engine(parsed, pool_pre_ping=True, echo=echo)
        return _Opened(shown, "postgresql", opened_read_only, engine)
    raise ValueError(
        f"{shown}: a store is a SQLite file (sqlite:///hub.db) or a PostgreSQL "
        "database (postgresql+psycopg://...)"
    )


def _sqlite_events(
    engine: Engine, *, busy_timeout: float, synchronous: Synchronous, read_only: bool
) -> None:
    import sqlalchemy as sa

    milliseconds = round(busy_timeout * 1000)

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


@contextmanager
def driver_errors(url: str, busy_timeout: float) -> Iterator[None]:
    """Driver errors as the library's own: busy as StoreBusyError, others as StoreError."""
    import sqlalchemy as sa

    try:
        yield
    except sa.exc.DBAPIError as error:
        if _busy(error):
            raise StoreBusyError(
                f"{url}: another writer held the store for longer than "
                f"busy_timeout ({busy_timeout:g} s)"
            ) from error
        raise StoreError(f"{url}: {error.orig}") from error


def set_lock_timeout(connection: Connection, busy_timeout: float) -> None:
    """PostgreSQL: wait at most ``busy_timeout`` for a lock, in this transaction."""
    # PostgreSQL reads a lock_timeout of 0 as "wait for ever": wait at least 1 ms.
    milliseconds = max(1, round(busy_timeout * 1000))
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")

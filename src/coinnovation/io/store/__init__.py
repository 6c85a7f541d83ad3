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

from coinnovation.io.store._engine import STORE_SUFFIXES, is_store
from coinnovation.io.store.migrations import (
    MIGRATIONS,
    STORE_VERSION,
    AppliedMigration,
    Migration,
)
from coinnovation.io.store.store import Store, StoreBusyError, StoreError
from coinnovation.io.store.transaction import AddResult, StoreTransaction

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

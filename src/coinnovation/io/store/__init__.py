"""Keep a hub in a database: SQLite (a file, the default) or PostgreSQL (a server).

The store lives in :mod:`coinnovation.io.store.store`; every public name is importable
from here.
"""

from coinnovation.io.store.store import (
    MIGRATIONS,
    STORE_SUFFIXES,
    STORE_VERSION,
    AppliedMigration,
    Migration,
    Store,
    StoreBusyError,
    StoreError,
    StoreTransaction,
    is_store,
)

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

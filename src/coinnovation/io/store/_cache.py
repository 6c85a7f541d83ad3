"""The hub a store keeps between changes, and the change counter that says it is current.

Private to :mod:`coinnovation.io.store`. Every committed change raises the store's
generation counter (migration 3). A store keeps the last hub it read or wrote with the
generation it had: while the counter has not moved, no process has changed the store, and
the next change starts from the kept hub instead of reading and checking every row — a
change to a large hub costs the change, not a load.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from coinnovation.io.store._layout import _tables
from coinnovation.models.hub import Hub

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def generation(connection: Connection) -> int:
    """The store's change counter, as seen by this transaction."""
    import sqlalchemy as sa

    table = _tables().generation
    assert table is not None
    return int(connection.execute(sa.select(table.c.generation)).scalar_one())


def bump(connection: Connection) -> int:
    """Raise the change counter (in the caller's write transaction); the new value."""
    table = _tables().generation
    assert table is not None
    connection.execute(table.update().values(generation=table.c.generation + 1))
    return generation(connection)


@attrs.define
class HubCache:
    """The last hub a store read or wrote, with the change counter it had then."""

    kept: tuple[int, Hub] | None = None

    def hub(
        self, connection: Connection, read: Callable[[Connection], Hub], *, fresh: bool = False
    ) -> Hub:
        """The stored hub: kept from the last read or write, or read, checked and kept.

        The kept hub serves a change while the change counter has not moved since; a
        ``fresh`` read (``load``) always reads and checks every row, so tables edited by
        hand are caught there.
        """
        current = generation(connection)
        kept = self.kept
        if not fresh and kept is not None and kept[0] == current:
            return kept[1]
        hub = read(connection)
        self.kept = (current, hub)
        return hub

    def keep(self, counter: int, hub: Hub) -> None:
        """Keep ``hub``, written by a change that left the counter at ``counter``."""
        self.kept = (counter, hub)

    def forget(self) -> None:
        """Keep nothing: the next change reads the store (after a failure, a migration)."""
        self.kept = None

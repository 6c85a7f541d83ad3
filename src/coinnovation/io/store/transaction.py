"""A transaction on a store: several changes, kept together or not at all.

:meth:`Store.transaction <coinnovation.io.store.Store.transaction>` opens one and holds the
store's write lock until it ends. :class:`AddResult` says what
:meth:`~StoreTransaction.add_missing` (and :meth:`Store.add_missing
<coinnovation.io.store.Store.add_missing>`) added and what the store already held.

Examples:
    >>> import tempfile, pathlib
    >>> from coinnovation.io.store import Store
    >>> from coinnovation.models import Person
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
    ...         with store.transaction() as change:
    ...             _ = change.add(Person(id="p-1", name="Ana"))
    ...         store.count("person")
    1
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import attrs

from coinnovation.errors import HubIntegrityError, StoreError
from coinnovation.io.store import _rows
from coinnovation.io.store._cache import KeptHub, generation
from coinnovation.models.base import Entity
from coinnovation.models.hub import Hub
from coinnovation.models.integrity import hub_problems, record_kinds
from coinnovation.models.records import FIELD_OF

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from coinnovation.io.store.store import Store

__all__ = ["AddResult", "StoreTransaction"]


@attrs.frozen
class AddResult:
    """What :meth:`Store.add_missing <coinnovation.io.store.Store.add_missing>` did.

    Attributes:
        hub: The hub as stored after the change.
        added: The ids of the records added, in the order the given hub lists them.
        present: The ids of the given hub's records that the store already held (of any
            kind); the stored records were kept as they were.

    Examples:
        >>> from coinnovation.models import Hub
        >>> result = AddResult(Hub(), added=("p-2",), present=("p-1",))
        >>> result.added, result.present
        (('p-2',), ('p-1',))
    """

    hub: Hub
    added: tuple[str, ...]
    present: tuple[str, ...]


class StoreTransaction:
    """Changes made inside :meth:`Store.transaction`: kept together or not at all.

    Each change is checked against :attr:`hub`, the hub as it stands inside the
    transaction, and written at once; the commit happens when the ``with`` block ends.
    A change that raises :class:`~coinnovation.errors.HubIntegrityError` has written
    nothing, so the transaction may go on.

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.io.store import Store
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
        # The stored hub, owned by this transaction from first use (see _cache.HubCache).
        self._kept: KeptHub | None = None
        self._next: int | None = None  # the generation this transaction commits as
        self._open = True
        self._broken = False
        self._changed = False  # rows were written
        self._touched = False  # the kept hub was changed

    def _usable(self) -> Connection:
        if not self._open:
            raise StoreError(f"{self._store.url}: this transaction has ended")
        return self._connection

    def _state(self) -> KeptHub:
        """The stored hub as it stands in the transaction, with its records by id."""
        connection = self._usable()
        if self._kept is None:
            self._kept = self._store._current_kept(connection)
            if self._next is None:  # read under the lock with the hub: no need to ask again
                self._next = self._kept.generation + 1
        return self._kept

    def _generation(self) -> int:
        """The generation the transaction's changes commit as (it holds the write lock)."""
        if self._next is None:
            self._next = generation(self._usable()) + 1
        return self._next

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
            >>> from coinnovation.io.store import Store
            >>> from coinnovation.models import Hub
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         store.save(Hub(name="demo"))
            ...         with store.transaction() as change:
            ...             change.hub.name
            'demo'
        """
        return self._state().hub

    def add(self, *records: Entity) -> Hub:
        """Add records (see :meth:`Hub.add <coinnovation.models.Hub.add>`).

        Returns:
            The hub inside the transaction after the change.

        Raises:
            HubIntegrityError: The records clash with the hub; nothing was written.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.io.store import Store
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             len(change.add(Person(id="p-1", name="Ana")).people)
            1
        """
        kept = self._state()
        added, checked = kept.check_add(records)  # only the new records, against the ids
        self._touched = True
        new = kept.keep_added(added, checked)
        with self._writes() as connection:
            _rows.append(connection, added, self._generation())
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
            >>> from coinnovation.io.store import Store
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             _ = change.add(Person(id="p-1", name="Ana"))
            ...             change.replace(Person(id="p-1", name="Ana B.")).people[0].name
            'Ana B.'
        """
        kept = self._state()
        replaced, checked = kept.check_replace(records)
        self._touched = True
        new = kept.keep_replaced(replaced, checked)
        # The records as the new hub holds them (validated again).
        by_field = _rows.changed_data(
            kept.records[FIELD_OF[type(record)]][record.id] for record in records
        )
        with self._writes() as connection:
            _rows.update(connection, by_field, self._generation())
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
            >>> from coinnovation.io.store import Store
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         with store.transaction() as change:
            ...             _ = change.add(Person(id="p-1", name="Ana"))
            ...             change.remove("p-1").people
            ()
        """
        kept = self._state()
        new = kept.hub.remove(*ids)
        by_field: dict[str, list[str]] = {}
        for record_id in dict.fromkeys(ids):
            field = kept.field_of(record_id)
            assert field is not None  # Hub.remove raised for unknown ids
            by_field.setdefault(field, []).append(record_id)
        self._touched = True
        kept.removed(new, by_field)
        with self._writes() as connection:
            _rows.delete(connection, by_field, self._generation())
        return new

    def add_missing(self, hub: Hub) -> AddResult:
        """Add the records of ``hub`` that the hub in the transaction lacks, matched by id.

        A record whose id the transaction's hub already holds (whatever its kind) is left
        as stored, even where ``hub``'s version differs; the hub's own fields (its name
        ...) are not touched. The missing records are added in one change (see
        :meth:`add`), so they may refer to each other and to the stored records.

        Args:
            hub: A hub holding the records to add: typically one built on the stored hub
                (:attr:`hub`), such as a register read into it.

        Returns:
            What was added, what was already there, and the hub after the change.

        Raises:
            HubIntegrityError: The missing records clash with the stored hub (a
                reference to a record neither holds); nothing was written.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.io.store import Store
            >>> from coinnovation.models import Person
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         _ = store.add(Person(id="p-1", name="Ana"))
            ...         with store.transaction() as change:
            ...             more = change.hub.add(Person(id="p-2", name="Ben"))
            ...             result = change.add_missing(more)
            >>> result.added, result.present
            (('p-2',), ('p-1',))
        """
        kept = self._state()
        before = kept.hub
        missing: list[Entity] = []
        present: list[str] = []
        for _, _, records in record_kinds(hub):
            for record in records:
                if not isinstance(record, Entity):
                    continue
                if record.id in kept:
                    present.append(record.id)
                else:
                    missing.append(record)
        after = self.add(*missing) if missing else before
        return AddResult(after, tuple(record.id for record in missing), tuple(present))

    def save(self, hub: Hub) -> None:
        """Replace everything in the store by ``hub`` (the secret is kept).

        Args:
            hub: The new hub.

        Raises:
            HubIntegrityError: The hub's records do not fit together.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.io.store import Store
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
        self._touched = True
        self._kept = KeptHub.of(self._generation(), hub)
        with self._writes() as connection:
            _rows.write_hub(connection, hub, self._generation())

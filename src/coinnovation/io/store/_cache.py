"""The hub a store keeps between changes, brought up to date by reading only what changed.

Private to :mod:`coinnovation.io.store`. Every committed change raises the store's
generation counter (migration 3) and tags the rows it writes, and the ids it removes, with
the generation it commits as (migration 4). A store keeps the last hub it read or wrote as
a :class:`KeptHub`: the hub, its generation, and its records by kind and id — the index
a change is checked against. When the next change starts:

- the counter has not moved: no process has changed the store, and the kept hub serves;
- it has moved: the kept hub is brought up to date with the rows written and the ids
  removed since its generation (:func:`~coinnovation.io.store._rows.changed_since`) — the
  other writers' changes, each checked by its writer under the write lock — instead of
  reading and checking every row again;
- a whole-hub ``save`` came after it, or nothing is kept: the hub is read whole.

A change then checks only the records it adds against the kept ids
(:meth:`KeptHub.add`): a change to a large hub costs the change, not a load, whoever
wrote last.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from coinnovation.errors import HubIntegrityError
from coinnovation.io.store._layout import _tables
from coinnovation.models.base import Entity
from coinnovation.models.hub import Hub
from coinnovation.models.integrity import hub_problems
from coinnovation.models.records import FIELD_OF, KIND_OF_FIELD, RECORD_TYPES

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from coinnovation.io.store._rows import Changes


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


def grouped(records: Iterable[Entity]) -> dict[str, list[Entity]]:
    """Records validated again and grouped by hub field, as :meth:`Hub.add` takes them.

    Raises:
        TypeError: A record is of a type no hub holds.
        pydantic.ValidationError: A record is invalid (a copy changed without validation).
    """
    by_field: dict[str, list[Entity]] = {}
    for record in records:
        field = FIELD_OF.get(type(record))
        if field is None:
            raise TypeError(f"a hub holds no records of type {type(record).__name__}")
        by_field.setdefault(field, []).append(type(record).model_validate(record))
    return by_field


@attrs.define(eq=False)
class KeptHub:
    """A hub as stored at one generation, with its records by hub field and id.

    ``records[field]`` holds the records of ``hub.<field>``, in the same order, by id:
    the ids of each kind a change is checked against, and the records to update in place.
    It is changed in place by one transaction at a time (see :class:`HubCache`).

    Attributes:
        generation: The store's change counter when this was the stored hub.
        hub: The hub.
        records: For each hub field, its records by id, in the hub's order.
    """

    generation: int
    hub: Hub
    records: dict[str, dict[str, Entity]]

    @classmethod
    def of(cls, generation: int, hub: Hub) -> KeptHub:
        """Keep ``hub``, stored at ``generation``."""
        records = {
            field: {record.id: record for record in getattr(hub, field)}
            for _, field, _ in RECORD_TYPES
        }
        return cls(generation, hub, records)

    def __contains__(self, record_id: object) -> bool:
        """Whether a record of any kind has this id."""
        return any(record_id in records for records in self.records.values())

    def field_of(self, record_id: str) -> str | None:
        """The hub field holding the record with this id, if any."""
        for field, records in self.records.items():
            if record_id in records:
                return field
        return None

    def _rebuilt(self, appended: dict[str, list[Entity]], rebuilt: Iterable[str] = ()) -> Hub:
        """The hub after a change, built as ``Hub`` builds it, from what the change did.

        Each field in ``rebuilt`` (records removed or replaced) is taken again from
        :attr:`records`; any other field of ``appended`` is the kept one with the
        records appended (a copy of the tuple, cheaper than walking the records).
        """
        old = self.hub
        data = {name: getattr(old, name) for name in type(old).model_fields}
        for field, records in appended.items():
            data[field] = data[field] + tuple(records)
        for field in rebuilt:
            data[field] = tuple(self.records[field].values())
        return type(old).model_construct(**data)

    def sound_to_add(self, added: dict[str, list[Entity]]) -> bool:
        """Whether adding these records (validated, by hub field) leaves the hub sound.

        Only the added records are checked: their ids against the kept ids of every kind,
        then :func:`~coinnovation.models.integrity.hub_problems` on a hub holding them
        alone (with the kept hub's stages), the kept records ``known``. The kept hub is
        sound, so this is true exactly when the whole hub after the addition has no
        integrity problem — in time proportional to the records added.
        """
        ids = [record.id for new in added.values() for record in new]
        if len(set(ids)) != len(ids) or any(record_id in self for record_id in ids):
            return False
        return self._alone_sound(added)

    def sound_to_replace(self, replaced: dict[str, list[Entity]]) -> bool:
        """Whether replacing these records (validated, by hub field) leaves the hub sound.

        Quick and exact when no replaced record changes what other records are checked
        against: its parent (organisations, sessions), its times (sessions, which bound
        their sub-sessions'), the challenge or framing a framing names, what a
        contribution responds to or what a challenge derives from. The replaced records
        are then checked alone, as :meth:`sound_to_add` checks added ones (their ids are
        the kept ones, of the same kind). Otherwise, or for an id of another kind or none,
        this is false, and the caller checks the whole hub.
        """
        ids: set[str] = set()
        for field, records in replaced.items():
            kept = self.records[field]
            linked = _LINKS.get(field, ())
            for record in records:
                stored = kept.get(record.id)
                if stored is None or record.id in ids:
                    return False
                ids.add(record.id)
                if any(getattr(record, name) != getattr(stored, name) for name in linked):
                    return False
        return self._alone_sound(replaced)

    def _alone_sound(self, records: dict[str, list[Entity]]) -> bool:
        """Whether records (by hub field), checked alone against the kept ones, are sound."""
        old = self.hub
        data: dict[str, Any] = {field: tuple(new) for field, new in records.items()}
        alone = type(old).model_construct(stages=old.stages, transitions=old.transitions, **data)
        known = {KIND_OF_FIELD[field]: kept for field, kept in self.records.items()}
        return not hub_problems(alone, known=known)

    def check_replace(
        self, records: Sequence[Entity]
    ) -> tuple[dict[str, list[Entity]], Hub | None]:
        """Check replacements as :meth:`Hub.replace` does; nothing is changed yet.

        Returns:
            The validated records, by hub field, for :meth:`keep_replaced`; and ``None``
            when :meth:`sound_to_replace` passed them, else the hub ``Hub.replace`` built
            after checking the whole hub.

        Raises:
            UnknownReferenceError: No record of that kind has that id.
            HubIntegrityError: The changed records break a reference.
        """
        replaced = grouped(records)
        if self.sound_to_replace(replaced):
            return replaced, None
        return replaced, self.hub.replace(*records)  # the whole hub's check, and its error

    def keep_replaced(self, replaced: dict[str, list[Entity]], checked: Hub | None) -> Hub:
        """Keep the hub with the replacements :meth:`check_replace` checked; the new hub."""
        if checked is not None:
            self.changed(checked, replaced)
            return checked
        for field, new_records in replaced.items():
            kept = self.records[field]
            for record in new_records:
                kept[record.id] = record
        self.hub = self._rebuilt({}, replaced)
        return self.hub

    def check_add(self, records: Sequence[Entity]) -> tuple[dict[str, list[Entity]], Hub | None]:
        """Check records to add against the kept ids only; nothing is changed yet.

        The records are validated and grouped as :meth:`Hub.add` does, then checked with
        :meth:`sound_to_add`. When they would break the hub, ``hub.add(*records)`` itself
        runs, to raise its error word for word.

        Returns:
            The validated records, by hub field, for :meth:`keep_added`; and ``None``, or
            the hub ``Hub.add`` built should it accept what the quick check refused
            (never, for a sound hub: a safeguard).

        Raises:
            HubIntegrityError: The records clash with the hub or with each other.
        """
        added = grouped(records)
        if self.sound_to_add(added):
            return added, None
        return added, self.hub.add(*records)  # raises the whole hub's error

    def keep_added(self, added: dict[str, list[Entity]], checked: Hub | None) -> Hub:
        """Keep the hub with the records :meth:`check_add` checked; the new hub."""
        if checked is not None:
            self.replace_hub(checked)
            return checked
        for field, new_records in added.items():
            kept = self.records[field]
            for record in new_records:
                kept[record.id] = record
        self.hub = self._rebuilt(added)
        return self.hub

    def replace_hub(self, hub: Hub) -> None:
        """Keep ``hub`` instead (after a change checked by ``Hub`` itself)."""
        fresh = KeptHub.of(self.generation, hub)
        self.hub, self.records = fresh.hub, fresh.records

    def changed(self, hub: Hub, fields: Iterable[str]) -> None:
        """Keep ``hub``, which differs from the kept one in these fields only."""
        for field in fields:
            self.records[field] = {record.id: record for record in getattr(hub, field)}
        self.hub = hub

    def removed(self, hub: Hub, ids: dict[str, list[str]]) -> None:
        """Keep ``hub``, the kept one without these ids (by hub field)."""
        for field, gone in ids.items():
            kept = self.records[field]
            for record_id in gone:
                del kept[record_id]
        self.hub = hub

    def catch_up(self, changes: Changes, generation: int) -> None:
        """Apply another writer's changes: removals first, then the rows written.

        A written row whose id is kept (and was not removed meanwhile) was replaced in
        place; any other was added after every kept row, in the order of the table, as
        the store's positions put it.

        Raises:
            ValueError: A row's data does not hold the record its id names (the table was
                edited by hand): read the whole hub instead.
            pydantic.ValidationError: A row's data is malformed: read the whole hub.
        """
        rebuilt: set[str] = set()
        appended: dict[str, list[Entity]] = {}
        for field, record_id in changes.removed:
            if self.records[field].pop(record_id, None) is not None:
                rebuilt.add(field)
        for field, rows in changes.written.items():
            cls = _CLASS_OF_FIELD[field]
            kept = self.records[field]
            for record_id, data in rows:
                record = cls.model_validate_json(data)
                if record.id != record_id:
                    raise ValueError(f"the row {record_id!r} holds the record {record.id!r}")
                if record_id in kept:
                    rebuilt.add(field)
                else:
                    appended.setdefault(field, []).append(record)
                kept[record_id] = record
        self.hub = self._rebuilt(
            {field: new for field, new in appended.items() if field not in rebuilt}, rebuilt
        )
        self.generation = generation


_CLASS_OF_FIELD: dict[str, type[Entity]] = {field: cls for _, field, cls in RECORD_TYPES}

# The fields that other records are checked against, or that chain records together (see
# hub_problems): a replacement that changes one is checked with the whole hub.
_LINKS: dict[str, tuple[str, ...]] = {
    "organisations": ("parent",),
    "challenges": ("derived_from",),
    "framings": ("challenge", "reframes"),
    "sessions": ("parent", "start", "end"),
    "contributions": ("responds_to",),
}


@attrs.define
class HubCache:
    """The last hub a store read or wrote, lent to one write transaction at a time.

    A write transaction :meth:`take` s the kept hub (the cache is then empty), changes it
    in place, and gives it back with :meth:`keep` when it commits; a transaction that
    fails gives nothing back, so the next change reads the store again. Another
    transaction finding the cache empty meanwhile reads the hub whole: no kept hub is
    ever changed by two transactions, nor seen half-changed.
    """

    kept: KeptHub | None = None
    _lock: Any = attrs.field(factory=threading.Lock, repr=False)

    def take(self) -> KeptHub | None:
        """The kept hub, now owned by the caller (``None`` when nothing is kept)."""
        with self._lock:
            kept, self.kept = self.kept, None
            return kept

    def keep(self, kept: KeptHub) -> None:
        """Keep ``kept``, committed at its generation."""
        with self._lock:
            self.kept = kept

    def forget(self) -> None:
        """Keep nothing: the next change reads the store (after a migration)."""
        with self._lock:
            self.kept = None


def current(
    connection: Connection,
    cache: HubCache,
    read: Callable[[Connection], Hub],
    *,
    fresh: bool = False,
) -> KeptHub:
    """The stored hub, for a transaction that now owns it.

    The kept hub when the counter has not moved; brought up to date with the changes
    since when it has (unless a whole-hub ``save`` came after it); else, and for a
    ``fresh`` read (``load``), read and checked whole by ``read(connection)``.
    """
    from coinnovation.io.store._rows import changed_since, counters

    now, rewritten = counters(connection)
    kept = None if fresh else cache.take()
    if kept is not None and kept.generation == now:
        return kept
    if kept is not None and rewritten <= kept.generation < now:
        try:
            kept.catch_up(changed_since(connection, kept.generation), now)
        except (ValueError, HubIntegrityError):  # pydantic's ValidationError is a ValueError
            pass  # rows edited by hand: read them whole, which says what is wrong
        else:
            return kept
    return KeptHub.of(now, read(connection))

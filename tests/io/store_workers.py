"""Work done in other processes by the store tests (importable, for ``spawn``).

Nothing runs on import: pytest imports this module to look for doctests.
"""

from __future__ import annotations

import time
from typing import Any

from coinnovation.io.store import Store
from coinnovation.models import Participation, Person, Session


def open_store(url: str, schema: str | None, **options: Any) -> Store:
    if schema is None:
        return Store(url, **options)
    return Store(url, schema=schema, **options)


def add_records(url: str, schema: str | None, worker: str, count: int, barrier: Any) -> None:
    """Open the store (racing the others to create it), then change it one step at a time.

    Each step adds a person and their participation in a session the worker added first,
    and counts itself on the shared ``o-counter`` organisation: read, add one, write back.
    A step checked against a stale hub, or a lost update, shows in the counts.
    """
    with open_store(url, schema) as store:
        barrier.wait(timeout=60)
        store.add(Session(id=f"s-{worker}", name=f"Session of {worker}"))
        for index in range(count):
            person = f"p-{worker}-{index}"
            with store.transaction() as change:
                change.add(
                    Person(id=person, name=f"Person {index} of {worker}"),
                    Participation(id=f"pa-{worker}-{index}", session=f"s-{worker}", person=person),
                )
                counter = change.hub.organisation("o-counter")
                steps = counter.attributes["steps"]
                assert isinstance(steps, int)
                attributes = {**counter.attributes, "steps": steps + 1}
                change.replace(counter.model_copy(update={"attributes": attributes}))


def save_until_killed(url: str, schema: str | None, participations: int, midway: Any) -> None:
    """Save a big hub and stop half-way through, inside the transaction, to be killed.

    When the rows of the participations start going in — every other table already
    emptied and refilled — this process says so and sleeps until it is killed.
    """
    import sqlalchemy as sa

    from coinnovation.testing.synthetic import synthetic_hub

    hub = synthetic_hub(participations, seed=7)

    def pause(_connection: Any, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any) -> None:
        if statement.startswith("INSERT INTO") and "participations" in statement.split("(")[0]:
            midway.set()
            time.sleep(600)

    def small_cache(dbapi_connection: Any, _record: Any) -> None:
        # SQLite: spill uncommitted pages to the write-ahead log early, so the killed
        # transaction leaves frames on disk that recovery must ignore.
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            dbapi_connection.execute("PRAGMA cache_size = 16")

    sa.event.listen(sa.pool.Pool, "connect", small_cache)
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", pause)
    with open_store(url, schema) as store:
        store.save(hub)

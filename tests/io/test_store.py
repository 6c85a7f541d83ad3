"""The SQL store: round trips, checked changes, transactions, concurrency, crashes, migrations.

Tests that take the ``target`` fixture run twice: on a SQLite file, and on the PostgreSQL
database named by ``COINNOVATION_TEST_POSTGRES_URL`` (each test in a schema of its own,
dropped afterwards). Without that variable the PostgreSQL runs are skipped — unless
``COINNOVATION_REQUIRE_POSTGRES=1`` is set, as CI does, which makes them fail instead.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import coinnovation.cli.storing  # noqa: F401  (registers the `store` commands)
from coinnovation import dumps, load, save
from coinnovation.cli import main
from coinnovation.errors import (
    FileFormatError,
    HubIntegrityError,
    MissingDependencyError,
    SchemaVersionError,
    UnknownReferenceError,
)
from coinnovation.io.store import (
    MIGRATIONS,
    STORE_VERSION,
    AppliedMigration,
    Store,
    StoreBusyError,
    StoreError,
    is_store,
)
from coinnovation.io.store._cache import KeptHub, grouped
from coinnovation.io.store._layout import _HUB_FIELDS
from coinnovation.models import (
    Challenge,
    Framing,
    Hub,
    Organisation,
    Participation,
    Person,
    Session,
)
from coinnovation.models.integrity import hub_problems
from coinnovation.models.records import KIND_OF_FIELD, RECORD_TYPES
from coinnovation.privacy import SECRET_ENV
from coinnovation.testing.strategies import hubs
from coinnovation.testing.synthetic import synthetic_hub
from tests.io import store_workers
from tests.models.test_hub import small_hub

URL_ENV = "COINNOVATION_TEST_POSTGRES_URL"
REQUIRE_ENV = "COINNOVATION_REQUIRE_POSTGRES"
ROOT = Path(__file__).resolve().parents[2]


def postgres_url(environ: Mapping[str, str]) -> str | None:
    """The test server's URL; ``None`` to skip; an error when CI requires one and has none."""
    url = environ.get(URL_ENV, "").strip()
    if url:
        return url
    if environ.get(REQUIRE_ENV, "").strip() not in ("", "0"):
        raise LookupError(f"{REQUIRE_ENV} is set but {URL_ENV} is not: no PostgreSQL to test")
    return None


@attrs.frozen
class Target:
    """Where a test's store lives: a URL and, on PostgreSQL, a schema of its own."""

    url: str
    schema: str | None
    backend: str

    def open(self, **options: Any) -> Store:
        return store_workers.open_store(self.url, self.schema, **options)

    def execute(self, *statements: Any) -> list[Any]:
        """Run statements outside the store (as someone editing the tables would)."""
        engine = sa.create_engine(self.url.replace("postgresql://", "postgresql+psycopg://", 1))
        if self.schema is not None:
            engine = engine.execution_options(schema_translate_map={None: self.schema})
        try:
            with engine.begin() as connection:
                results = [connection.execute(statement) for statement in statements]
                return [result.all() if result.returns_rows else None for result in results]
        finally:
            engine.dispose()

    def table(self, name: str, *columns: str) -> sa.TableClause:
        return sa.table(name, *(sa.column(column) for column in columns), schema=self.schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    if request.param == "sqlite":
        yield Target(f"sqlite:///{tmp_path / 'hub.db'}", None, "sqlite")
        return
    try:
        url = postgres_url(os.environ)
    except LookupError as error:
        pytest.fail(str(error))
    if url is None:
        pytest.skip(f"set {URL_ENV} to test the PostgreSQL store")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    yield Target(url, schema, "postgresql")
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:
            connection.execute(sa.schema.DropSchema(schema, cascade=True, if_exists=True))
    finally:
        engine.dispose()


@pytest.fixture
def store(target: Target) -> Iterator[Store]:
    with target.open() as opened:
        yield opened


def test_postgres_url_follows_the_environment() -> None:
    assert postgres_url({}) is None
    assert postgres_url({REQUIRE_ENV: "0"}) is None
    assert postgres_url({URL_ENV: "postgresql://h/db", REQUIRE_ENV: "1"}) == "postgresql://h/db"
    with pytest.raises(LookupError, match=URL_ENV):
        postgres_url({REQUIRE_ENV: "1"})


# -- round trips ------------------------------------------------------------------------------

# Drawing a hub takes longer than storing it: 40 hubs a backend keep the file under a minute
# (the file round trips draw the full profile's count).
DB_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# Every example saves over the last one in the same store: a save replaces everything.
@DB_SETTINGS
@given(hub=hubs())
def test_save_then_load_gives_the_same_hub(store: Store, hub: Hub) -> None:
    store.save(hub)
    assert store.load() == hub


def _split(hub: Hub, chosen: set[str]) -> tuple[Hub, list[Any]] | None:
    """The hub without the chosen records and all that refer to them, and those records.

    The records that must go too are found by the hub's own integrity check.
    """
    moved = set(chosen)
    while True:
        kept = {
            field: tuple(record for record in getattr(hub, field) if record.id not in moved)
            for _, field, _ in RECORD_TYPES
        }
        base = Hub.model_construct(**{**dict(hub), **kept})
        problems = hub_problems(base)
        if not problems:
            break
        more = {problem.record for problem in problems if problem.record is not None} - moved
        if not more:
            return None
        moved |= more
    records = [r for _, field, _ in RECORD_TYPES for r in getattr(hub, field) if r.id in moved]
    return Hub.model_validate(dict(base)), records


@DB_SETTINGS
@given(hub=hubs(), data=st.data())
def test_add_does_what_hub_add_does(store: Store, hub: Hub, data: st.DataObject) -> None:
    ids = [record.id for _, field, _ in RECORD_TYPES for record in getattr(hub, field)]
    chosen = data.draw(st.sets(st.sampled_from(ids), min_size=1)) if ids else set()
    split = _split(hub, chosen)
    assume(split is not None)
    assert split is not None
    base, records = split
    try:
        expected: Hub | None = base.add(*records)
    except HubIntegrityError:
        expected = None
    event(f"records added: {'none' if not records else 'some'}")
    event(f"Hub.add {'raises' if expected is None else 'succeeds'}")
    store.save(base)
    if expected is None:
        with pytest.raises(HubIntegrityError):
            store.add(*records)
        assert store.load() == base
    else:
        assert store.add(*records) == expected
        assert store.load() == expected


def test_rows_hold_the_records_as_hub_files_write_them(target: Target, store: Store) -> None:
    hub = small_hub()
    store.save(hub)
    written = json.loads(dumps(hub))
    for _, field, _ in RECORD_TYPES:
        table = target.table(field, "id", "position", "data")
        (rows,) = target.execute(sa.select(table).order_by(table.c.position))
        assert [json.loads(data) for _, _, data in rows] == written.get(field, [])
        assert [record_id for record_id, _, _ in rows] == [r.id for r in getattr(hub, field)]
        assert [position for _, position, _ in rows] == list(range(len(rows)))


def test_tables_follow_the_registry(target: Target, store: Store) -> None:
    engine = sa.create_engine(target.url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            tables = set(inspector.get_table_names(schema=target.schema))
            hub_columns = {c["name"] for c in inspector.get_columns("hub", schema=target.schema)}
            indexes = {
                field: {i["name"] for i in inspector.get_indexes(field, schema=target.schema)}
                for _, field, _ in RECORD_TYPES
            }
    finally:
        engine.dispose()
    assert tables == {
        "hub",
        "hub_generation",
        "removed_records",
        "schema_migrations",
        *(field for _, field, _ in RECORD_TYPES),
    }
    assert hub_columns == {"id", "schema_version", "secret", *_HUB_FIELDS}
    assert set(Hub.model_fields) == {"schema_version", *_HUB_FIELDS, *KIND_OF_FIELD}
    assert all(
        names == {f"ix_{field}_position", f"ix_{field}_changed"} for field, names in indexes.items()
    )


def test_a_big_hub_saves_and_loads_in_seconds(store: Store) -> None:
    hub = synthetic_hub(10_000, seed=1)
    started = time.perf_counter()
    store.save(hub)
    saved = time.perf_counter() - started
    started = time.perf_counter()
    assert store.load() == hub
    loaded = time.perf_counter() - started
    # About 0.2-0.8 s each, in fact.
    assert saved < 15
    assert loaded < 15


# -- changes ----------------------------------------------------------------------------------


def test_replace_and_remove_keep_the_order(store: Store) -> None:
    hub = small_hub()
    store.save(hub)
    first = hub.people[0]
    renamed = first.model_copy(update={"name": "Ana B."})
    assert store.replace(renamed) == hub.replace(renamed)
    assert store.load().people[0].name == "Ana B."
    # The last participation refers to nothing else; remove it and add it back at the end.
    last = hub.participations[-1]
    assert store.remove(last.id) == hub.replace(renamed).remove(last.id)
    assert not store.exists(last.id)
    newcomer = Person(id="p-new", name="New")
    expected = hub.replace(renamed).remove(last.id).add(newcomer, last)
    assert store.add(newcomer, last) == expected
    assert store.load() == expected


def test_changes_that_break_the_hub_change_nothing(store: Store) -> None:
    hub = small_hub()
    store.save(hub)
    with pytest.raises(HubIntegrityError, match="unknown session 's-404'"):
        store.add(Participation(id="pa-x", session="s-404", person=hub.people[0].id))
    with pytest.raises(HubIntegrityError, match="duplicate id"):
        store.add(Person(id=hub.people[0].id, name="Twin"))
    with pytest.raises(UnknownReferenceError):
        store.replace(Person(id="p-404", name="Nobody"))
    with pytest.raises(UnknownReferenceError):
        store.remove("p-404")
    referenced = hub.participations[0].session
    with pytest.raises(HubIntegrityError):
        store.remove(referenced)
    with pytest.raises(TypeError):
        store.add(hub)  # type: ignore[arg-type]
    assert store.load() == hub


def test_a_transaction_keeps_all_its_changes_or_none(store: Store) -> None:
    store.save(Hub(sessions=(Session(id="s-1", name="Day"),)))

    def change_then_fail() -> None:
        with store.transaction() as change:
            change.add(Person(id="p-1", name="Ana"))
            change.add(Participation(id="pa-1", session="s-1", person="p-1"))
            assert store.count("person") == 0  # others do not see it before the commit
            raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError, match="changed my mind"):
        change_then_fail()
    assert store.count() == 1

    with store.transaction() as change:
        change.add(Person(id="p-1", name="Ana"))
        with pytest.raises(HubIntegrityError):
            change.add(Participation(id="pa-1", session="s-404", person="p-1"))
        hub = change.add(Participation(id="pa-1", session="s-1", person="p-1"))
        assert change.hub == hub
    assert store.load() == hub
    with pytest.raises(StoreError, match="transaction has ended"):
        change.add(Person(id="p-2", name="Ben"))


def test_a_change_that_fails_half_way_undoes_the_transaction(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coinnovation.io.store import _rows as module

    real = module._record_json

    def failing(record: Any) -> str:
        if isinstance(record, Participation):
            raise OSError("disk on fire")
        return real(record)

    def carry_on_after_a_failure() -> None:
        with store.transaction() as change:
            monkeypatch.setattr(module, "_record_json", failing)
            with pytest.raises(OSError, match="disk on fire"):  # after the people went in
                change.add(
                    Person(id="p-1", name="Ana"),
                    Participation(id="pa-1", session="s-1", person="p-1"),
                )
            monkeypatch.setattr(module, "_record_json", real)

    store.save(Hub(sessions=(Session(id="s-1", name="Day"),)))
    with pytest.raises(StoreError, match="failed part-way"):
        carry_on_after_a_failure()
    assert store.count() == 1


def test_one_transaction_at_a_time_per_thread(store: Store) -> None:
    with store.transaction(), pytest.raises(StoreError, match="already open"):
        store.add(Person(id="p-1", name="Ana"))
    assert store.add(Person(id="p-1", name="Ana")).people[0].id == "p-1"


def test_count_and_exists(store: Store) -> None:
    hub = small_hub()
    store.save(hub)
    for kind, field, _ in RECORD_TYPES:
        assert store.count(kind) == store.count(field) == len(getattr(hub, field))
    assert store.count() == sum(len(getattr(hub, field)) for _, field, _ in RECORD_TYPES)
    assert store.exists(hub.sessions[0].id)
    assert not store.exists("nothing-here")
    with pytest.raises(ValueError, match="not a kind of record"):
        store.count("persons")


def test_the_secret_is_made_once_and_kept(
    target: Target, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    secret = store.secret()
    assert len(secret) == 32
    store.save(small_hub())
    assert store.secret() == secret
    with target.open() as other:
        assert other.secret() == secret
    assert secret.hex() not in dumps(store.load())
    monkeypatch.setenv(SECRET_ENV, "a secret from the environment")
    with pytest.warns(DeprecationWarning, match="Privacy.for_hub"):
        assert store.secret() == b"a secret from the environment"


# -- issue 10: adding only the records a store lacks ------------------------------------------


@DB_SETTINGS
@given(hub=hubs(), data=st.data())
def test_add_missing_adds_what_hub_add_would_and_reports_the_rest(
    store: Store, hub: Hub, data: st.DataObject
) -> None:
    ids = [record.id for _, field, _ in RECORD_TYPES for record in getattr(hub, field)]
    chosen = data.draw(st.sets(st.sampled_from(ids), min_size=1)) if ids else set()
    split = _split(hub, chosen)
    assume(split is not None)
    assert split is not None
    base, records = split
    try:
        expected: Hub | None = base.add(*records)
    except HubIntegrityError:
        expected = None
    store.save(base)
    if expected is None:
        with pytest.raises(HubIntegrityError):
            store.add_missing(hub)
        assert store.load() == base
        return
    result = store.add_missing(hub)
    assert result.hub == expected == store.load()
    assert result.added == tuple(record.id for record in records)
    kept = [r.id for _, field, _ in RECORD_TYPES for r in getattr(hub, field)]
    assert result.present == tuple(record_id for record_id in kept if record_id in base)


def test_add_missing_keeps_stored_records_and_writes_nothing_when_nothing_lacks(
    store: Store,
) -> None:
    hub = small_hub()
    store.save(hub)
    renamed = hub.replace(hub.people[0].model_copy(update={"name": "Someone else"}))
    result = store.add_missing(renamed)
    assert result.added == ()
    assert set(result.present) == {r.id for _, f, _ in RECORD_TYPES for r in getattr(hub, f)}
    assert result.hub == hub == store.load()  # the stored Ana is kept, and nothing else
    newcomer = Person(id="p-new", name="New")
    more = Hub(people=(Person(id=hub.people[0].id, name="Twin"), newcomer))
    result = store.add_missing(more)
    assert result.added == ("p-new",)
    assert result.present == (hub.people[0].id,)
    assert result.hub == hub.add(newcomer) == store.load()


def test_add_missing_in_a_transaction_builds_on_the_stored_hub(store: Store) -> None:
    store.save(Hub(sessions=(Session(id="s-1", name="Day"),)))
    with store.transaction() as change:
        grown = change.hub.add(
            Person(id="p-1", name="Ana"), Participation(id="pa-1", session="s-1", person="p-1")
        )
        result = change.add_missing(grown)
        assert change.hub == result.hub == grown
        assert store.count() == 1  # not committed yet
    assert (result.added, result.present) == (("p-1", "pa-1"), ("s-1",))
    assert store.load() == grown


def test_add_missing_that_breaks_the_hub_changes_nothing(store: Store) -> None:
    store.save(Hub(sessions=(Session(id="s-1", name="Day"),)))
    broken = Hub.model_construct(
        people=(Person(id="p-1", name="Ana"),),
        participations=(Participation(id="pa-1", session="s-404", person="p-1"),),
    )
    with pytest.raises(HubIntegrityError, match="unknown session 's-404'"):
        store.add_missing(broken)
    assert store.load() == Hub(sessions=(Session(id="s-1", name="Day"),))


# -- concurrency and crashes ------------------------------------------------------------------


def test_concurrent_writers_lose_nothing(target: Target) -> None:
    """Two processes create the store at once, then add records one change at a time."""
    count = 15
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(3)
    workers = [
        context.Process(
            target=store_workers.add_records,
            args=(target.url, target.schema, name, count, barrier),
        )
        for name in ("a", "b")
    ]
    for worker in workers:
        worker.start()
    counter = Organisation(id="o-counter", name="Counter", sector="community")
    try:
        with target.open() as opened:
            opened.save(
                Hub(organisations=(counter.model_copy(update={"attributes": {"steps": 0}}),))
            )
            barrier.wait(timeout=60)
            seen = 0
            while any(worker.is_alive() for worker in workers):
                # Readers never wait for the writers and always see a sound hub.
                people = len(opened.load().people)
                assert people >= seen
                seen = people
            for worker in workers:
                worker.join(timeout=60)
                assert worker.exitcode == 0
            hub = opened.load()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
    for name in ("a", "b"):
        assert hub.session(f"s-{name}")
        ids = {p.id for p in hub.participations if p.session == f"s-{name}"}
        assert ids == {f"pa-{name}-{index}" for index in range(count)}
    assert len(hub.people) == len(hub.participations) == 2 * count
    assert hub.organisation("o-counter").attributes["steps"] == 2 * count  # no lost update
    assert [step.version for step in opened_history(target)] == list(range(1, STORE_VERSION + 1))


def opened_history(target: Target) -> tuple[AppliedMigration, ...]:
    with target.open() as opened:
        return opened.history()


def test_a_process_killed_mid_save_leaves_the_previous_hub(target: Target) -> None:
    before = small_hub()
    with target.open() as opened:
        opened.save(before)
        secret = opened.secret()
    context = multiprocessing.get_context("spawn")
    midway = context.Event()
    writer = context.Process(
        target=store_workers.save_until_killed, args=(target.url, target.schema, 10_000, midway)
    )
    writer.start()
    try:
        assert midway.wait(timeout=60), "the writer never got half-way"
        if target.backend == "sqlite":
            wal = Path(target.url.removeprefix("sqlite:///") + "-wal")
            assert wal.stat().st_size > 100_000  # uncommitted rows reached the disk
    finally:
        writer.kill()  # SIGKILL: no clean-up of any kind
        writer.join(timeout=60)
    assert writer.exitcode == -9
    with target.open() as opened:
        assert opened.load() == before
        assert opened.secret() == secret
        opened.add(Person(id="p-after", name="After"))  # and the store takes changes again
        assert opened.count("person") == len(before.people) + 1
    if target.backend == "sqlite":
        path = target.url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        check.close()


def test_a_writer_waits_for_busy_timeout_then_gives_up(target: Target, store: Store) -> None:
    store.save(small_hub())
    with target.open(busy_timeout=0.2) as impatient:
        with store.transaction() as change:
            change.add(Person(id="p-1", name="Ana"))
            started = time.perf_counter()
            with pytest.raises(StoreBusyError, match="busy_timeout"):
                impatient.add(Person(id="p-2", name="Ben"))
            assert 0.1 < time.perf_counter() - started < 10
            assert impatient.load() == small_hub()  # readers do not wait
        assert impatient.add(Person(id="p-2", name="Ben")).person("p-1").name == "Ana"


def test_sqlite_connections_are_set_up_for_safety(tmp_path: Path) -> None:
    for synchronous, number in (("FULL", 2), ("NORMAL", 1)):
        path = tmp_path / f"{synchronous}.db"
        opened = Store.sqlite(path, busy_timeout=2.5, synchronous=synchronous)  # type: ignore[arg-type]
        with opened, opened._engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() == 2500
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA synchronous").scalar() == number


# -- migrations -------------------------------------------------------------------------------


def test_an_old_store_is_migrated(target: Target) -> None:
    if target.backend == "sqlite":
        sqlite3.connect(target.url.removeprefix("sqlite:///")).close()  # an empty database
    with target.open(create=False) as opened:
        assert opened.version == 0
        assert opened.history() == ()
        with pytest.raises(StoreError, match="no hub store here"):
            opened.load()
        assert opened.migrate(to=1) == [1]
        assert opened.version == 1
        with pytest.raises(StoreError, match=r"layout is version 1.*migrate"):
            opened.add(Person(id="p-1", name="Ana"))
        # A record written by a version-1 library.
        target.execute(
            target.table("people", "id", "position", "data")
            .insert()
            .values(id="p-1", position=0, data='{"id":"p-1","name":"Ana"}')
        )
        assert opened.migrate() == list(range(2, STORE_VERSION + 1))
        assert opened.migrate() == []
        assert opened.load().people == (Person(id="p-1", name="Ana"),)
        assert [(step.version, step.description) for step in opened.history()] == [
            (step.version, step.description) for step in MIGRATIONS
        ]
        with pytest.raises(ValueError, match="layout version from 1"):
            opened.migrate(to=STORE_VERSION + 1)


def test_a_newer_store_is_refused(target: Target, store: Store) -> None:
    store.save(small_hub())
    target.execute(
        target.table("schema_migrations", "version", "applied_at", "description")
        .insert()
        .values(version=STORE_VERSION + 1, applied_at="2099-01-01T00:00:00+00:00", description="?")
    )
    message = f"version {STORE_VERSION + 1}, newer than this library reads"
    with pytest.raises(SchemaVersionError, match=message):
        target.open()
    with pytest.raises(SchemaVersionError, match=message):
        store.load()  # a store already open notices too
    with pytest.raises(SchemaVersionError, match=message):
        store.add(Person(id="p-x", name="X"))


# -- damaged rows -----------------------------------------------------------------------------


def test_damaged_rows_surface_as_clear_errors(target: Target, store: Store) -> None:
    hub = small_hub()
    store.save(hub)
    participations = target.table("participations", "id", "position", "data")
    first = hub.participations[0]
    broken = first.model_copy(update={"session": "s-gone"}).model_dump_json()
    row = participations.c.id == first.id
    target.execute(participations.update().where(row).values(data=broken))
    with pytest.raises(HubIntegrityError, match="unknown session 's-gone'"):
        store.load()

    renamed = first.model_copy(update={"id": "pa-renamed"}).model_dump_json()
    target.execute(participations.update().where(row).values(data=renamed))
    with pytest.raises(HubIntegrityError, match="the row's data has id 'pa-renamed'"):
        store.load()

    two = first.model_dump_json() + "," + first.model_copy(update={"id": "pa-z"}).model_dump_json()
    target.execute(participations.update().where(row).values(data=two))
    with pytest.raises(HubIntegrityError, match="rows hold"):
        store.load()

    target.execute(participations.update().where(row).values(data="{"))
    with pytest.raises(FileFormatError):
        store.load()

    target.execute(participations.update().where(row).values(data="{}"))
    with pytest.raises(FileFormatError, match="required field is missing"):
        store.load()

    hub_table = target.table("hub", "name")
    store.save(hub)
    target.execute(hub_table.update().values(name="not json"))
    with pytest.raises(FileFormatError, match="not JSON"):
        store.load()


def test_a_hub_that_does_not_fit_together_is_not_saved(store: Store) -> None:
    hub = small_hub()
    store.save(hub)
    unsound = Hub.model_construct(**{**dict(hub), "sessions": ()})
    with pytest.raises(HubIntegrityError):
        store.save(unsound)
    assert store.load() == hub


# -- opening ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://user@host/db", "a store is a SQLite file"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("sqlite:///file:hub?mode=memory&uri=true", "in-memory"),
        ("postgresql+psycopg2://user@host/db", "use the psycopg driver"),
    ],
)
def test_unsupported_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Store(url)


def test_a_relative_path_is_fixed_when_the_store_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with Store("sqlite:///hub.db") as opened:
        assert opened.url == f"sqlite:///{tmp_path / 'hub.db'}"
        (tmp_path / "elsewhere").mkdir()
        monkeypatch.chdir(tmp_path / "elsewhere")
        opened.save(Hub(name="here"))
        with Store.sqlite(tmp_path / "hub.db", create=False) as same:
            assert same.load().name == "here"
    assert not (tmp_path / "elsewhere" / "hub.db").exists()


def test_bad_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="schema= is for PostgreSQL"):
        Store(f"sqlite:///{tmp_path / 'hub.db'}", schema="x")
    with pytest.raises(ValueError, match="busy_timeout"):
        Store.sqlite(tmp_path / "hub.db", busy_timeout=-1)
    with pytest.raises(ValueError, match="synchronous"):
        Store.sqlite(tmp_path / "hub.db", synchronous="OFF")  # type: ignore[arg-type]
    assert not (tmp_path / "hub.db").exists()


def test_stores_that_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no SQLite database at"):
        Store.sqlite(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(StoreError, match="unable to open"):
        Store.sqlite(tmp_path / "no" / "such" / "folder" / "hub.db")
    (tmp_path / "text.db").write_text("not a database" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store.sqlite(tmp_path / "text.db")
    with pytest.raises(StoreError) as caught:
        Store("postgresql://someone:hunter2@127.0.0.1:1/db")
    assert "hunter2" not in str(caught.value)
    assert "someone:***@127.0.0.1:1" in str(caught.value)


def test_missing_extras_name_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'coinnovation\[postgres\]'"):
        Store("postgresql://user@127.0.0.1:1/db")
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'coinnovation\[db\]'"):
        Store("sqlite:///hub.db")
    with pytest.raises(MissingDependencyError, match=r"pip install 'coinnovation\[db\]'"):
        Store.sqlite("hub.db")


def test_a_closed_store_refuses_work(target: Target) -> None:
    opened = target.open()
    assert repr(opened).startswith("Store(")
    opened.close()
    opened.close()
    for call in (opened.load, opened.count, lambda: opened.save(Hub()), opened.migrate):
        with pytest.raises(StoreError, match="closed"):
            call()


@pytest.mark.parametrize("target", ["postgresql"], indirect=True)  # schemas are PostgreSQL's
def test_schemas_keep_hubs_apart(target: Target) -> None:
    other = attrs.evolve(target, schema=f"{target.schema}_b")
    try:
        with target.open() as first, other.open() as second:
            first.save(Hub(name="first"))
            second.save(Hub(name="second"))
            assert (first.load().name, second.load().name) == ("first", "second")
    finally:
        engine = sa.create_engine(target.url.replace("postgresql://", "postgresql+psycopg://", 1))
        try:
            with engine.begin() as connection:
                connection.execute(sa.schema.DropSchema(str(other.schema), cascade=True))
        finally:
            engine.dispose()


# -- the command line -------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_saves_loads_and_describes_a_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, target: Target
) -> None:
    hub = small_hub()
    hub_file = save(hub, tmp_path / "hub.json")
    where = [target.url] if target.schema is None else [target.url, "--schema", target.schema]
    status, out, _ = run(capsys, "store", "init", *where)
    assert status == 0
    assert f"hub store ready (layout version {STORE_VERSION})" in out
    status, out, _ = run(capsys, "store", "save", str(hub_file), *where)
    assert status == 0
    assert "saved 28 records" in out
    status, _, err = run(capsys, "store", "load", *where, "-o", str(tmp_path / "back.yaml"))
    assert status == 0
    assert "wrote" in err
    assert load(tmp_path / "back.yaml") == hub
    status, out, _ = run(capsys, "store", "load", *where)
    assert status == 0
    assert out == dumps(hub)
    status, out, _ = run(capsys, "store", "info", *where)
    assert status == 0
    assert f"layout version: {STORE_VERSION} (this library: {STORE_VERSION})" in out
    assert "records: 28 (" in out
    status, out, _ = run(capsys, "store", "info", "--json", *where)
    report = json.loads(out)
    assert report["version"] == STORE_VERSION
    assert report["records"]["people"] == len(hub.people)
    assert [step["version"] for step in report["migrations"]] == list(range(1, STORE_VERSION + 1))
    status, out, _ = run(capsys, "store", "migrate", *where)
    assert status == 0
    assert "up to date" in out


def test_cli_takes_a_plain_path_and_migrates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hub.db"
    sqlite3.connect(path).close()
    status, out, _ = run(capsys, "store", "info", str(path))
    assert status == 0
    assert "store init" in out
    with Store.sqlite(path, create=False) as opened:
        opened.migrate(to=1)
    status, out, _ = run(capsys, "store", "info", str(path))
    assert status == 0
    assert "store migrate" in out
    status, _, err = run(capsys, "store", "load", str(path))
    assert status == 2
    assert "layout is version 1" in err
    status, out, _ = run(capsys, "store", "migrate", str(path))
    assert status == 0
    later = ", ".join(str(version) for version in range(2, STORE_VERSION + 1))
    assert f"applied migration {later}; now at version {STORE_VERSION}" in out
    status, out, _ = run(capsys, "store", "load", str(path))
    assert status == 0
    assert json.loads(out)["schema_version"] == "1.1"


def test_cli_without_the_db_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    status, _, err = run(capsys, "store", "init", str(tmp_path / "hub.db"))
    assert status == 2
    assert "pip install 'coinnovation[db]'" in err
    assert not (tmp_path / "hub.db").exists()


def test_cli_exit_statuses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    status, _, err = run(capsys, "store", "load", str(path))
    assert status == 2
    assert "no SQLite database" in err
    status, _, err = run(capsys, "store", "init", "mysql://h/db")
    assert status == 2
    assert "a store is a SQLite file" in err
    status, _, err = run(capsys, "store", "init", str(path), "--schema", "x")
    assert status == 2
    assert "--schema is for PostgreSQL" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.1", "peeple": []}', encoding="utf-8")
    status, _, err = run(capsys, "store", "save", str(broken), str(path))
    assert status == 1
    assert "unknown field" in err
    with Store.sqlite(path) as opened:
        opened.save(small_hub())
    sqlite = sqlite3.connect(path)
    with sqlite:
        sqlite.execute("UPDATE participations SET data = '{}'")
    sqlite.close()
    status, _, err = run(capsys, "store", "load", str(path))
    assert status == 1
    assert "required field is missing" in err
    status, _, err = run(capsys, "store", "load", str(path), "-o", str(tmp_path / "x.txt"))
    assert status == 1  # the hub is checked before the output name
    with Store.sqlite(path) as opened:
        opened.save(small_hub())
    status, _, err = run(capsys, "store", "load", str(path), "-o", str(tmp_path / "x.txt"))
    assert status == 2
    assert "unsupported file type" in err


def test_changes_reuse_the_kept_hub_until_someone_else_writes(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = Store._read_hub

    def counted(self: Store, connection: Any) -> Hub:
        reads.append(self.url)
        return real(self, connection)

    monkeypatch.setattr(Store, "_read_hub", counted)
    with target.open() as first, target.open() as second:
        first.save(small_hub())
        reads.clear()
        for n in range(3):
            first.add(Person(id=f"p-first-{n}", name="First"))
        assert reads == []  # what first wrote is what is stored: no read, no re-check
        second.add(Person(id="p-second", name="Second"))  # another writer moves the counter
        assert len(reads) == 1
        hub = first.add(Person(id="p-first-3", name="First"))
        assert len(reads) == 1  # first saw the counter move and read only what changed
        assert {"p-first-0", "p-first-3", "p-second"} <= {p.id for p in hub.people}
        assert first.load() == hub == second.load()
        reads.clear()

        # A transaction that fails keeps nothing: the next change reads the store again.
        def undone() -> None:
            with first.transaction() as change:
                change.add(Person(id="p-undone", name="Undone"))
                raise RuntimeError("changed my mind")

        with pytest.raises(RuntimeError):
            undone()
        assert reads == []
        after = first.add(Person(id="p-first-4", name="First"))
        assert len(reads) == 1
        assert "p-undone" not in {p.id for p in after.people}


# -- issue 9, item 20: one rule for what names a store ------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("sqlite:///hub.db", True),
        ("postgresql+psycopg://user@host/db", True),
        ("hub.db", True),
        ("out/Hub.SQLite", True),
        ("hub.sqlite3", True),
        ("hub.json", False),
        ("hub.yaml", False),
        ("hub", False),
        ("hub.db.json", False),
    ],
)
def test_one_rule_names_a_store(target: str, expected: bool) -> None:
    assert is_store(target) is expected
    assert is_store(Path(target)) is expected or "://" in target


def test_a_store_opens_from_a_plain_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store("ok.db") as opened:
        opened.save(Hub(name="plain"))
        assert opened.url == f"sqlite:///{tmp_path / 'ok.db'}"
    with Store(tmp_path / "ok.db", create=False) as again:
        assert again.load().name == "plain"
    with pytest.raises(ValueError, match=r"\.db, \.sqlite or \.sqlite3"):
        Store("hub.json")


@pytest.mark.parametrize("name", ["ok.db", "ok.sqlite", "ok.sqlite3"])
def test_every_command_takes_the_store_path_store_save_takes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    hub_file = save(small_hub(), tmp_path / "hub.json")
    store = str(tmp_path / name)
    assert run(capsys, "store", "save", str(hub_file), store)[0] == 0
    status, out, err = run(capsys, "summary", store)
    assert (status, err) == (0, "")
    assert out.startswith(f"{small_hub().name} (schema")
    status, out, _ = run(capsys, "validate", store)
    assert status == 0
    assert out == f"{store}: ok — 28 records\n"
    for command in (["metrics", store], ["heart", store], ["lineage", store, "ch-1"]):
        status, _, err = run(capsys, *command)
        assert status in (0, 1), err  # read as a store: the hub's own answer, not "unreadable"
        assert "unsupported file type" not in err


def test_store_commands_refuse_a_name_that_is_no_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "store", "init", str(tmp_path / "hub.json"))
    assert status == 2
    assert "a database URL or a path ending .db, .sqlite or .sqlite3" in err
    assert not (tmp_path / "hub.json").exists()


# -- issue 9, item 12: the store's file holds the secret: private; and readable when read-only --


def test_a_new_sqlite_store_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    old_umask = os.umask(0o022)
    try:
        with Store.sqlite(path) as opened:
            opened.save(small_hub())
            opened.secret()  # the secret lives in the file
            modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    finally:
        os.umask(old_umask)
    assert modes == {"hub.db": 0o600, "hub.db-wal": 0o600, "hub.db-shm": 0o600}
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_cli_makes_private_stores_and_keeps_the_mode_of_existing_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "store", "init", str(tmp_path / "new.db"))[0] == 0
    assert (tmp_path / "new.db").stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.db"
    sqlite3.connect(shared).close()
    shared.chmod(0o640)  # shared with a group on purpose
    assert run(capsys, "store", "init", str(shared))[0] == 0
    assert shared.stat().st_mode & 0o777 == 0o640


def test_a_store_opened_read_only_reads_and_refuses_changes(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    with Store.sqlite(path) as opened:
        opened.save(small_hub())
        secret = opened.secret()
    before = path.read_bytes()
    with Store.sqlite(path, read_only=True) as reader:
        assert reader.read_only
        assert reader.load() == small_hub()
        assert reader.secret() == secret
        with pytest.raises(StoreError, match="open read-only"):
            reader.save(Hub(name="changed"))
        with pytest.raises(StoreError, match="open read-only"):
            reader.add(Person(id="p-new", name="New"))
    assert path.read_bytes() == before
    with Store.sqlite(path) as writer:
        assert not writer.read_only


def _unprivileged(argv: list[str]) -> list[str]:
    """The command run without the powers that let root write read-only files."""
    if os.geteuid() != 0:
        return argv
    drop = "dac_override,dac_read_search,fowner"
    if shutil.which("setpriv"):
        return ["setpriv", "--bounding-set", ",".join(f"-{c}" for c in drop.split(",")), *argv]
    if shutil.which("capsh"):
        return [
            "capsh",
            f"--drop={','.join(f'cap_{c}' for c in drop.split(','))}",
            "--",
            "-c",
            shlex.join(argv),
        ]
    pytest.skip("running as root without setpriv or capsh: cannot make a file read-only")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_store_on_read_only_media_can_still_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "media"
    folder.mkdir()
    path = folder / "hub.db"
    with Store.sqlite(path) as opened:
        opened.save(small_hub())
        opened.secret()
    before = path.read_bytes()
    path.chmod(0o444)
    folder.chmod(0o555)
    script = "import sys; from coinnovation.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", script]

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            _unprivileged([*command, *args]), capture_output=True, text=True, check=False
        )

    try:
        summary = cli("summary", str(path))
        assert summary.returncode == 0, summary.stderr
        assert summary.stdout.startswith("small (schema")
        loaded = cli("store", "load", f"sqlite:///{path}")
        assert loaded.returncode == 0, loaded.stderr
        assert json.loads(loaded.stdout)["name"] == "small"
        person = cli("metrics", str(path), "--level", "person", "--top", "1")
        assert person.returncode == 0, person.stderr  # the stored secret, read
        saved = cli(
            "store", "save", str(ROOT / "examples" / "walsall-2023" / "hub.json"), str(path)
        )
        assert saved.returncode == 2
        assert "open read-only" in saved.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["hub.db"]
    finally:
        folder.chmod(0o755)
        path.chmod(0o600)
    assert path.read_bytes() == before


def test_rows_that_crashed_the_loader_are_clear_errors(target: Target, store: Store) -> None:
    hub = small_hub()
    store.save(hub)
    participations = target.table("participations", "id", "position", "data")
    first = hub.participations[0]
    row = participations.c.id == first.id
    data = first.model_dump_json(exclude_defaults=True)
    for damaged, message in [
        (data[:-1] + ', "hours": 1, "hours": 2}', "key 'hours' is given more than once"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (data[:-1] + ', "hours": ' + "9" * 5_000 + "}", "column"),
    ]:
        target.execute(participations.update().where(row).values(data=damaged))
        with pytest.raises(FileFormatError, match=message):
            store.load()
    store.save(hub)
    hub_table = target.table("hub", "description")
    target.execute(hub_table.update().values(description="[" * 100_000 + "]" * 100_000))
    with pytest.raises(FileFormatError, match="nested too deeply"):
        store.load()


# -- issue 11: a change checks only what changed, whoever wrote last ------------------------------

# The reference fields of each kind: what a broken addition breaks.
_REFERENCES: dict[str, tuple[str, ...]] = {
    "organisations": ("parent", "communities"),
    "people": ("communities",),
    "memberships": ("person", "organisation"),
    "challenges": ("communities", "proposed_by", "derived_from", "stage"),
    "framings": ("challenge", "author", "session", "reframes"),
    "sessions": ("parent", "venue", "challenges", "stage", "start", "end"),
    "participations": ("session", "person", "organisation"),
    "contributions": ("session", "author", "responds_to", "challenge", "addressed_to"),
    "outcomes": ("challenge", "agreement", "solution", "session", "communities"),
}


def _broken(data: st.DataObject, hub: Hub, records: list[Any]) -> list[Any]:
    """Records to add, some of them changed to clash with the hub or each other."""
    ids = sorted({r.id for _, field, _ in RECORD_TYPES for r in getattr(hub, field)})
    ids += [r.id for r in records] + ["x-unknown"]
    times = sorted({t for s in hub.sessions for t in (s.start, s.end) if t is not None})
    records = list(records)
    for _ in range(data.draw(st.integers(0, 3), label="changes")):
        if not records:
            break
        index = data.draw(st.integers(0, len(records) - 1), label="record")
        record = records[index]
        field = FIELD_OF_RECORD[type(record)]
        name = data.draw(st.sampled_from(("id", *_REFERENCES.get(field, ()))), label="field")
        value: Any
        if name in ("start", "end"):
            value = data.draw(st.sampled_from([None, *times]))
        elif name == "stage":
            value = data.draw(st.sampled_from([*hub.stages, "nowhere"]))
        elif isinstance(getattr(record, name), tuple):
            value = tuple(data.draw(st.lists(st.sampled_from(ids), max_size=2)))
        else:
            value = data.draw(st.sampled_from(ids))
        records[index] = record.model_copy(update={name: value})
        event(f"changed {field}.{name}")
    return records


FIELD_OF_RECORD = {cls: field for _, field, cls in RECORD_TYPES}


@settings(deadline=None)
@given(hub=hubs(), data=st.data())
def test_adding_checks_only_the_new_records_as_the_whole_hub_would(
    hub: Hub, data: st.DataObject
) -> None:
    """The quick check of an addition against the kept ids agrees with the whole hub's."""
    ids = [record.id for _, field, _ in RECORD_TYPES for record in getattr(hub, field)]
    chosen = data.draw(st.sets(st.sampled_from(ids), min_size=1)) if ids else set()
    split = _split(hub, chosen)
    assume(split is not None)
    assert split is not None
    base, records = split
    records = _broken(data, base, records)
    kept = KeptHub.of(0, base)
    try:
        expected: Hub | str = base.add(*records)
    except (HubIntegrityError, ValueError) as error:  # ValidationError is a ValueError
        expected = f"{type(error).__name__}: {error}"
    try:
        added = grouped(records)
    except ValueError:
        assert isinstance(expected, str)
        event("a record is invalid")
        return
    update = {field: (*getattr(base, field), *new) for field, new in added.items()}
    whole = Hub.model_construct(**{**dict(base), **update})
    sound = kept.sound_to_add(added)
    assert sound == (not hub_problems(whole))  # the slow, whole-hub reference
    event(f"the addition is {'sound' if sound else 'refused'}")
    try:
        got: Hub | str = kept.keep_added(*kept.check_add(records))
    except (HubIntegrityError, ValueError) as error:
        got = f"{type(error).__name__}: {error}"
        assert kept.hub is base  # a refused addition changes nothing
    assert got == expected
    if isinstance(got, Hub):
        assert kept.hub is got
        fresh = KeptHub.of(0, got)
        assert {f: list(r.items()) for f, r in kept.records.items()} == {
            f: list(r.items()) for f, r in fresh.records.items()
        }


@settings(deadline=None)
@given(hub=hubs(), data=st.data())
def test_replacing_checks_only_the_changed_records_as_the_whole_hub_would(
    hub: Hub, data: st.DataObject
) -> None:
    """A quick check of replacements agrees with the whole hub's when it answers."""
    records = [r for _, field, _ in RECORD_TYPES for r in getattr(hub, field)]
    assume(records)
    chosen = data.draw(st.lists(st.sampled_from(records), min_size=1, max_size=4))
    changed = _broken(data, hub, chosen)
    kept = KeptHub.of(0, hub)
    try:
        expected: Hub | str = hub.replace(*changed)
    except (HubIntegrityError, UnknownReferenceError, ValueError) as error:
        expected = f"{type(error).__name__}: {error}"
    try:
        replaced = grouped(changed)
    except ValueError:
        assert isinstance(expected, str)
        return
    quick = kept.sound_to_replace(replaced)
    event(f"the quick check {'passes' if quick else 'defers to the whole hub'}")
    if quick:  # the slow, whole-hub reference agrees
        assert isinstance(expected, Hub)
        assert not hub_problems(expected)
    try:
        got: Hub | str = kept.keep_replaced(*kept.check_replace(changed))
    except (HubIntegrityError, UnknownReferenceError, ValueError) as error:
        got = f"{type(error).__name__}: {error}"
        assert kept.hub is hub  # a refused change changes nothing
    assert got == expected
    if isinstance(got, Hub):
        assert kept.hub is got
        fresh = KeptHub.of(0, got)
        assert {f: list(r.items()) for f, r in kept.records.items()} == {
            f: list(r.items()) for f, r in fresh.records.items()
        }


@DB_SETTINGS
@given(
    steps=st.lists(
        st.sampled_from(
            [
                *("add", "add", "replace", "remove", "readd", "other kind", "batch"),
                *("mine", "mine replaced"),
            ]
        ),
        max_size=8,
    )
)
def test_a_kept_hub_catches_up_with_another_writer(target: Target, steps: list[str]) -> None:
    """After any changes by another writer, a change reads only them, and is the same."""
    reads: list[str] = []
    with target.open() as first, target.open() as second:
        first.save(small_hub())
        real = first._read_hub

        def counted(connection: Any) -> Hub:
            reads.append("read")
            return real(connection)

        first._read_hub = counted  # type: ignore[method-assign]
        added: list[str] = []
        for number, step in enumerate(steps):
            new = f"p-new-{number}"
            if step == "add":
                second.add(Person(id=new, name="New"))
                added.append(new)
            elif step == "replace":
                second.replace(Person(id=(added or ["p-ana"])[-1], name=f"Renamed {number}"))
            elif step == "remove" and added:
                second.remove(added.pop(0))
            elif step == "readd" and added:
                second.remove(added[0])
                second.add(Person(id=added[0], name="Again"))
                added.append(added.pop(0))
            elif step == "other kind" and added:
                gone = added.pop()
                with second.transaction() as change:
                    change.remove(gone)
                    change.add(Organisation(id=gone, name="Now an organisation", sector="industry"))
            elif step == "batch":
                with second.transaction() as change:
                    change.add(Person(id=new, name="Batch"))
                    change.replace(Person(id=new, name="Batch, renamed"))
                    change.add(Participation(id=f"pa-new-{number}", session="s-t1", person=new))
            elif step == "mine":
                first.add(Person(id=f"p-mine-{number}", name="Mine"))
            elif step == "mine replaced":
                first.replace(Person(id=(added or ["p-ana"])[0], name=f"Mine {number}"))
        hub = first.add(Person(id="p-last", name="Last"))
        assert reads == []  # only the rows changed since were read
        assert hub == second.load() == first.load()


def test_a_kept_hub_after_another_writer_saved_is_read_whole(target: Target) -> None:
    with target.open() as first, target.open() as second:
        first.save(small_hub())
        first.add(Person(id="p-x", name="X"))
        second.save(Hub(name="replaced", people=(Person(id="p-y", name="Y"),)))
        second.add(Person(id="p-z", name="Z"))
        hub = first.add(Person(id="p-last", name="Last"))
        assert hub.name == "replaced"
        assert [person.id for person in hub.people] == ["p-y", "p-z", "p-last"]
        assert hub == second.load()


def test_rows_edited_by_hand_after_another_writer_are_caught(target: Target) -> None:
    """A changed row that does not hold what its id says makes the store read it all."""
    with target.open() as first, target.open() as second:
        first.save(small_hub())
        second.add(Person(id="p-x", name="X"))
        people = target.table("people", "id", "data")
        renamed = Person(id="p-y", name="X").model_dump_json()
        target.execute(people.update().where(people.c.id == "p-x").values(data=renamed))
        with pytest.raises(HubIntegrityError, match="the row's data has id 'p-y'"):
            first.add(Person(id="p-last", name="Last"))
        target.execute(people.update().where(people.c.id == "p-x").values(data="{"))
        with pytest.raises(FileFormatError):
            first.add(Person(id="p-last", name="Last"))


def test_a_refused_change_keeps_the_kept_hub(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = Store._read_hub

    def counted(self: Store, connection: Any) -> Hub:
        reads.append(self.url)
        return real(self, connection)

    monkeypatch.setattr(Store, "_read_hub", counted)
    with target.open() as store:
        store.save(small_hub())
        with pytest.raises(HubIntegrityError, match="unknown session 's-404'"):
            store.add(Participation(id="pa-x", session="s-404", person="p-ana"))
        with pytest.raises(HubIntegrityError, match="duplicate id"):
            store.add(Person(id="s-t1", name="Clash"))
        with pytest.raises(HubIntegrityError, match="unknown session 's-404'"):
            store.replace(Participation(id="pa-1", session="s-404", person="p-ana"))
        with pytest.raises(UnknownReferenceError):
            store.replace(Person(id="p-nobody", name="Nobody"))
        hub = store.add(Participation(id="pa-x", session="s-t1", person="p-ana"))
        hub = store.replace(Participation(id="pa-1", session="s-t1", person="p-ana"))
        assert reads == []
        expected = small_hub().add(Participation(id="pa-x", session="s-t1", person="p-ana"))
        assert hub == expected.replace(Participation(id="pa-1", session="s-t1", person="p-ana"))
        assert store.load() == hub


@pytest.mark.parametrize(
    ("records", "message"),
    [
        (  # compared with its stored parent
            [
                Session(
                    id="s-new", name="Early", parent="s-day", start=datetime(2000, 1, 1, tzinfo=UTC)
                )
            ],
            "starts before its parent 's-day'",
        ),
        (  # compared with the stored framing it reframes
            [
                Challenge(id="ch-new", title="Another"),
                Framing(
                    id="f-new", challenge="ch-new", author="p-ana", statement="?", reframes="f-1"
                ),
            ],
            "'f-1' frames another challenge",
        ),
        (  # a loop among the new records
            [
                Organisation(id="o-a", name="A", sector="industry", parent="o-b"),
                Organisation(id="o-b", name="B", sector="industry", parent="o-a"),
            ],
            "loops back",
        ),
        ([Session(id="s-new", name="New", parent="p-ana")], "'p-ana' is a person, not a session"),
        ([Person(id="x", name="X"), Person(id="x", name="Y")], "duplicate id"),
    ],
)
def test_an_addition_is_checked_against_the_stored_records_it_names(
    store: Store, records: list[Any], message: str
) -> None:
    store.save(small_hub())
    with pytest.raises(HubIntegrityError, match=message) as refused:
        store.add(*records)
    with pytest.raises(HubIntegrityError) as expected:
        small_hub().add(*records)
    assert str(refused.value) == str(expected.value)
    assert store.load() == small_hub()

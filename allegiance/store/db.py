"""Open a store: build the engine, apply migrations, hand out sessions.

SQLite is the embedded default; PostgreSQL is reached through the same URL.
Migrations are applied on open, so a new file or an old store is always current.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from allegiance.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass
class Store:
    """An open store: its engine and a session factory (one session per unit of work)."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys on, WAL for concurrent readers, and wait rather than fail when busy."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (no-op when it is already there)."""
    config = alembic_config(str(engine.url))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current == head:
        return
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        if connection.dialect.name != "sqlite":
            with connection.begin():
                command.upgrade(config, "head")
            return
        # pysqlite opens no transaction for DDL, so each CREATE TABLE commits alone and a
        # run killed mid-upgrade leaves half a schema no later run can finish (E300
        # "table actors already exists"): run the upgrade in one explicit transaction.
        raw = connection.connection.driver_connection
        level, raw.isolation_level = raw.isolation_level, None
        try:
            connection.exec_driver_sql("BEGIN")
            command.upgrade(config, "head")
            connection.exec_driver_sql("COMMIT")
        except BaseException:
            if raw.in_transaction:
                connection.exec_driver_sql("ROLLBACK")
            raise
        finally:
            raw.isolation_level = level


def open_store(url: str, migrate_schema: bool = True) -> Store:
    """Open (and create if needed) the store at `url`.

    Raises
    ------
    StoreError
        When the database cannot be reached or its schema cannot be brought up to date.
    """
    kwargs: dict = {}
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[-1]
        if path and path != ":memory:":
            parent = Path(path).expanduser().parent
            if not parent.exists():
                raise StoreError(f"the folder for the store {path!r} does not exist")
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if migrate_schema:
            migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot open the store at {engine.url.render_as_string()}: "
                         f"{reason}") from exc
    return Store(url, engine, sessionmaker(engine, expire_on_commit=False))

"""Shared fixtures: temporary stores on SQLite and PostgreSQL, the knowledge base, paths.

PostgreSQL tests use the server named by ALLEGIANCE_TEST_PG_URL (CI sets it to
127.0.0.1:5432). They skip when it is unreachable, except under CI=true, where
an unreachable server fails them: a green CI must mean they ran.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from allegiance.kb import load_cached
from allegiance.store.db import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()
EXAMPLES = ROOT / "examples" / "reports"
PG_URL = os.environ.get("ALLEGIANCE_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skip (or fail under CI) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI runs with ../shared beside the repo")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(scope="session")
def kb():
    return load_cached()


@pytest.fixture
def fresh_store(tmp_path):
    """A new SQLite store in a temporary file."""
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield store
    store.close()


@contextmanager
def pg_database() -> Iterator[str]:
    """A new PostgreSQL database on the test server (its URL), dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"allegiance_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {PG_URL} is unreachable under CI: {exc}")
        pytest.skip(f"PostgreSQL at {PG_URL} is unreachable")
    try:
        yield PG_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_store():
    """A new PostgreSQL database on the test server, as a store, dropped afterwards."""
    with pg_database() as url:
        store = open_store(url)
        yield store
        store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    """The same test on both engines."""
    return request.getfixturevalue("fresh_store" if request.param == "sqlite" else "pg_store")


@pytest.fixture(scope="session")
def example_db(tmp_path_factory):
    """Path of a SQLite store holding every report in examples/reports (do not write).

    Ingesting takes a while, so the session builds one pristine file; tests that
    review claims work on a copy (`copy_store_file`), so none sees another's reviews.
    """
    from typer.testing import CliRunner

    from allegiance.cli import app as cli_app

    db = tmp_path_factory.mktemp("examples") / "examples.sqlite"
    result = CliRunner().invoke(cli_app, ["--db", str(db), "ingest", str(EXAMPLES), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def copy_store_file(example_db: Path, folder: Path) -> Path:
    """A private copy of the example store (with its WAL, if any)."""
    target = folder / "store.sqlite"
    for suffix in ("", "-wal", "-shm"):
        source = example_db.with_name(example_db.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return target

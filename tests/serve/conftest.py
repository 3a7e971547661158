"""A store built once from the example reports, copied for each module that writes to it.

Ingesting takes a while, so the session builds one pristine SQLite file; tests
that review claims work on their own copy, so that no test sees another's reviews.
"""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from allegiance.cli import app as cli_app
from allegiance.store.db import open_store
from tests.conftest import EXAMPLES

TOKEN = "a-test-token-of-some-length"


def pytest_configure(config):
    # Starlette's TestClient still runs on httpx and says so on import; nothing to act on.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette")


@pytest.fixture(scope="session")
def example_db(tmp_path_factory):
    """Path of a SQLite store holding every report in examples/reports (do not write)."""
    db = tmp_path_factory.mktemp("serve") / "examples.sqlite"
    result = CliRunner().invoke(cli_app, ["--db", str(db), "ingest", str(EXAMPLES), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def copy_store(example_db, folder):
    """A private copy of the example store (with its WAL, if any), opened."""
    target = folder / "store.sqlite"
    for suffix in ("", "-wal", "-shm"):
        source = example_db.with_name(example_db.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return open_store(f"sqlite:///{target}")


@pytest.fixture(scope="module")
def api_store(example_db, tmp_path_factory):
    store = copy_store(example_db, tmp_path_factory.mktemp("api"))
    yield store
    store.close()


def make_client(store, **access):
    from fastapi.testclient import TestClient

    from allegiance.serve import create_app

    return TestClient(create_app(store, **access))


@pytest.fixture(scope="module")
def client(api_store):
    """A TestClient on an open app (no token) over this module's copy of the store."""
    with make_client(api_store) as test_client:
        yield test_client

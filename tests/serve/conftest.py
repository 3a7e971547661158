"""A store built once from the example reports, copied for each module that writes to it.

Ingesting takes a while, so the session builds one pristine SQLite file; tests
that review claims work on their own copy, so that no test sees another's reviews.
"""

from __future__ import annotations

import pytest

from allegiance.store.db import open_store
from tests.conftest import copy_store_file

TOKEN = "a-test-token-of-some-length"


def pytest_configure(config):
    # Starlette's TestClient still runs on httpx and says so on import; nothing to act on.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette")


def copy_store(example_db, folder):
    """A private copy of the example store, opened."""
    return open_store(f"sqlite:///{copy_store_file(example_db, folder)}")


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

"""The export tests read the session's example store (`example_db`, tests/conftest.py)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import allegiance.cli.export_cmd  # noqa: F401  (registers `export` until the CLI imports it)
from allegiance.analyse.relations import derive_relations, load_claims
from allegiance.cli import app
from allegiance.store.db import open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store_relations(example_db):
    """The relation periods the analysis layer derives from the store, read directly."""
    store = open_store(f"sqlite:///{example_db}")
    with store.session() as session:
        periods = derive_relations(load_claims(session))
        rows = [(p.a, p.b, p.kind, p.start, p.end, p.end_reason) for p in periods]
    store.close()
    return rows


def export(db, *args, ok: bool = True):
    """Run `allegiance export` on the store; assert it succeeded unless told otherwise."""
    result = runner.invoke(app, ["--db", str(db), "export", *args])
    if ok:
        assert result.exit_code == 0, result.output
    return result

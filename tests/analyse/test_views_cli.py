"""The analysis views on a store built from the example reports."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from allegiance.cli import app
from tests.conftest import copy_store_file

runner = CliRunner()


@pytest.fixture(scope="module")
def store_path(example_db, tmp_path_factory):
    """The example store, copied: these tests review claims."""
    return copy_store_file(example_db, tmp_path_factory.mktemp("views"))


def run(db, *args):
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_actor_profile_cites_its_relations(store_path):
    data = json.loads(run(store_path, "actor", "Hezbollah", "--json"))
    assert data["id"] == "hezbollah" and data["names"]
    relations = data["allies"] + data["rivals"]
    assert relations and all(r["evidence"][0]["quote"] for r in relations)


def test_a_name_before_a_rename_reaches_the_successor(store_path):
    data = json.loads(run(store_path, "actor", "Jabhat al-Nusra", "--json"))
    assert {"jabhat-al-nusra", "hayat-tahrir-al-sham"} <= set(data["members"])


def test_network_at_a_date_has_measures(store_path):
    data = json.loads(run(store_path, "network", "--at", "2017-06", "--json"))
    assert data["relations"] and data["nodes"] >= 2 and data["degree"]
    early = json.loads(run(store_path, "network", "--at", "2012-01", "--json"))
    assert len(early["relations"]) < len(data["relations"])


def test_shifts_and_changes_answer(store_path):
    shifts = json.loads(run(store_path, "shifts", "--json"))
    assert shifts and {"from", "to", "evidence_from", "evidence_to"} <= shifts[0].keys()
    changes = json.loads(run(store_path, "changes", "--from", "2013", "--to", "2017",
                             "--json"))
    assert changes["began"] or changes["turned"]


def test_search_finds_names_in_both_scripts(store_path):
    english = json.loads(run(store_path, "search", "Hezbollah", "--json"))
    arabic = json.loads(run(store_path, "search", "حزب الله", "--json"))
    assert any(a["id"] == "hezbollah" for a in english["actors"])
    assert any(a["id"] == "hezbollah" for a in arabic["actors"])


def test_a_rejected_claim_leaves_the_views(store_path, tmp_path):
    data = json.loads(run(store_path, "actor", "Hezbollah", "--json"))
    relation = (data["allies"] + data["rivals"])[0]
    for claim_id in relation["claims"]:
        run(store_path, "review", str(claim_id), "reject", "--note", "test")
    after = json.loads(run(store_path, "actor", "Hezbollah", "--json"))
    remaining = {c for r in after["allies"] + after["rivals"] for c in r["claims"]}
    assert not set(relation["claims"]) & remaining


def test_bad_dates_get_a_clear_error(store_path):
    result = runner.invoke(app, ["--db", str(store_path), "network", "--at", "last year"])
    assert result.exit_code != 0 and "not a date" in result.output


def test_pair_shows_periods_and_filters_by_date(store_path):
    data = json.loads(run(store_path, "pair", "Islamic State", "Jabhat al-Nusra", "--json"))
    assert data["periods"] and data["claims"]
    window = json.loads(run(store_path, "pair", "Islamic State", "Jabhat al-Nusra",
                            "--from", "2013", "--to", "2013", "--json"))
    assert len(window["claims"]) < len(data["claims"])


def test_reviewing_through_the_cli_updates_the_stored_network(store_path):
    before = json.loads(run(store_path, "network", "--from", "2011", "--to", "2025",
                            "--json"))
    relation = max(before["relations"], key=lambda r: len(r["claims"]))
    for claim_id in relation["claims"]:
        run(store_path, "review", str(claim_id), "reject", "--note", "wrong")
    after = json.loads(run(store_path, "network", "--from", "2011", "--to", "2025", "--json"))
    kept = {c for r in after["relations"] for c in r["claims"]}
    assert not set(relation["claims"]) & kept
    bad = runner.invoke(app, ["--db", str(store_path), "review", "999999", "reject"])
    assert bad.exit_code != 0 and "no claim" in bad.output


def test_pair_from_stored_periods_equals_pair_derived_from_claims(store_path, kb):
    from allegiance.analyse import views
    from allegiance.store.db import open_store

    store = open_store(f"sqlite:///{store_path}")
    try:
        stored = views.pair_view(store, kb, "Iran", "Russia")
        derived = views.pair_view(store, kb, "Iran", "Russia",
                                  start="1900", end="2100")  # a window: derived from claims
        assert stored["periods"] and stored["claims"]
        assert stored["periods"] == derived["periods"]
        assert stored["claims"] == derived["claims"]
        few = views.pair_view(store, kb, "Iran", "Russia", limit=1)
        assert few["claims_total"] == len(stored["claims"]) and len(few["claims"]) == 1
    finally:
        store.close()

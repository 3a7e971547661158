"""The issue's acceptance store: the two dev articles plus the example reports.

The IS–Nusra history must show the 2013 split, the 2014 cooperation on the
Lebanese frontier and the 2017 deal with HTS, and `shifts` must list both turns
against the rivalry.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from allegiance.cli import app
from tests.conftest import EXAMPLES, shared_path

runner = CliRunner()


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    articles = sorted(shared_path("eval", "dev").glob("*.txt"))
    assert len(articles) >= 2
    db = tmp_path_factory.mktemp("dev") / "store.sqlite"
    result = runner.invoke(app, ["--db", str(db), "ingest", *map(str, articles),
                                 str(EXAMPLES), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def run_json(db, *args):
    result = runner.invoke(app, ["--db", str(db), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_pair_history_shows_split_frontier_cooperation_and_deal(dev_store):
    data = run_json(dev_store, "pair", "Islamic State", "Jabhat al-Nusra")
    periods = [p for p in data["periods"] if p["place"] is None]
    hostile_2013 = [p for p in periods if p["kind"] == "hostile" and p["start"] == "2013"]
    assert hostile_2013, periods
    cooperation_2014 = [p for p in periods if p["kind"] == "cooperative"
                        and p["start"].startswith("2014")]
    assert cooperation_2014, "the 2014 frontier cooperation is not a period of its own"
    deal_2017 = [p for p in periods if p["kind"] == "cooperative"
                 and p["start"].startswith("2017") and "AGREED_WITH" in p["types"]]
    assert deal_2017
    claims = {c["id"]: c for c in data["claims"]}
    deal_claims = [claims[i] for p in deal_2017 for i in p["claims"]]
    assert any("hayat-tahrir-al-sham" in (c["source"], c["target"]) for c in deal_claims)
    assert all(c["quote"] and c["document"]["title"] for c in deal_claims)


def test_shifts_list_both_turns_against_the_rivalry(dev_store):
    shifts = run_json(dev_store, "shifts", "--limit", "50")
    turns = {(s["to"]["start"][:4], s["from"]["kind"], s["to"]["kind"]) for s in shifts
             if {s["a"], s["b"]} == {"islamic-state", "hayat-tahrir-al-sham"}}
    assert ("2014", "hostile", "cooperative") in turns
    assert ("2017", "hostile", "cooperative") in turns
    cited = [s for s in shifts if {s["a"], s["b"]} == {"islamic-state", "hayat-tahrir-al-sham"}]
    assert all(s["evidence_from"] and s["evidence_to"] for s in cited)

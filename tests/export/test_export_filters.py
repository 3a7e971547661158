"""Filtering by a date or a window, lineage, and what bad input says."""

from __future__ import annotations

import csv
import shutil

import networkx as nx

from allegiance.cli import app
from allegiance.export.data import first_day, last_day
from allegiance.store.db import open_store
from allegiance.store.writer import add_review
from tests.conftest import EXAMPLES
from tests.export.conftest import export, runner


def _one_line(output: str) -> str:
    return " ".join(output.replace("│", " ").split())


def test_at_keeps_only_relations_holding_on_that_date(example_db, tmp_path):
    everything, early = tmp_path / "all.gexf", tmp_path / "2013.gexf"
    export(example_db, "-f", "gexf", "-o", str(everything))
    export(example_db, "-f", "gexf", "--at", "2013", "-o", str(early))
    full, then = nx.read_gexf(everything), nx.read_gexf(early)
    assert 0 < then.number_of_edges() < full.number_of_edges()
    for _, _, data in then.edges(data=True):
        (start, end), = data["spells"]
        assert start <= "2013-12-31" and end >= "2013-01-01"


def test_a_window_filters_claims_and_relations_alike(example_db, tmp_path):
    export(example_db, "-f", "csv", "--from", "2014", "--to", "2015",
           "-o", str(tmp_path / "w.csv"))
    with (tmp_path / "w.claims.csv").open(encoding="utf-8", newline="") as handle:
        claims = list(csv.DictReader(handle))
    with (tmp_path / "w.relations.csv").open(encoding="utf-8", newline="") as handle:
        relations = list(csv.DictReader(handle))
    assert claims and relations
    for row in claims:
        start = row["when"] or row["document_published"]
        end = row["until"] or start
        assert first_day(start) <= "2015-12-31" and last_day(end) >= "2014-01-01"
    for row in relations:
        assert row["span_start"] <= "2015-12-31" and row["span_end"] >= "2014-01-01"
        if row["end_reason"] == "open":  # an open relation runs to the window's end
            assert row["span_end"] == max("2015-12-31", last_day(row["end"]))


def test_a_rejected_claim_is_not_exported(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "03-aarsal-2014-2017.en.txt", folder)
    db = tmp_path / "store.sqlite"
    ingest = runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--quiet"])
    assert ingest.exit_code == 0, ingest.output
    export(db, "-f", "csv", "-o", str(tmp_path / "before.csv"))
    with (tmp_path / "before.claims.csv").open(encoding="utf-8", newline="") as handle:
        before = list(csv.DictReader(handle))
    store = open_store(f"sqlite:///{db}")
    add_review(store, int(before[0]["claim_id"]), "reject", note="misread")
    store.close()
    export(db, "-f", "csv", "-o", str(tmp_path / "after.csv"))
    with (tmp_path / "after.claims.csv").open(encoding="utf-8", newline="") as handle:
        after = list(csv.DictReader(handle))
    assert len(after) == len(before) - 1
    assert before[0]["claim_id"] not in {row["claim_id"] for row in after}


def test_an_unknown_format_is_refused_with_the_choices(example_db, tmp_path):
    result = export(example_db, "-f", "pdf", "-o", str(tmp_path / "x.pdf"), ok=False)
    assert result.exit_code != 0
    message = _one_line(result.output)
    assert "unknown format 'pdf'" in message and "gexf" in message and "stix" in message
    assert not (tmp_path / "x.pdf").exists()


def test_an_unparseable_date_is_refused(example_db, tmp_path):
    for bad in ("yesterday", "2014-13", "2014-02-30", "14"):
        result = export(example_db, "-f", "json", "--at", bad, "-o", str(tmp_path / "x.json"),
                        ok=False)
        assert result.exit_code != 0, bad
        assert "--at" in result.output and "date" in _one_line(result.output), bad
    assert not (tmp_path / "x.json").exists()


def test_a_date_and_a_window_together_or_a_reversed_window_are_refused(example_db, tmp_path):
    both = export(example_db, "-f", "json", "--at", "2014", "--from", "2013",
                  "-o", str(tmp_path / "x.json"), ok=False)
    assert both.exit_code != 0 and "not both" in _one_line(both.output)
    reversed_ = export(example_db, "-f", "json", "--from", "2016", "--to", "2013",
                       "-o", str(tmp_path / "x.json"), ok=False)
    assert reversed_.exit_code != 0 and "after it ends" in _one_line(reversed_.output)


def test_a_missing_output_folder_is_named(example_db, tmp_path):
    result = export(example_db, "-f", "json", "-o", str(tmp_path / "nowhere" / "x.json"),
                    ok=False)
    assert result.exit_code != 0 and "does not exist" in _one_line(result.output)

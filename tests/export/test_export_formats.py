"""Each export format, read back by an independent reader (networkx, csv, json, stix2)."""

from __future__ import annotations

import csv
import json

import networkx as nx
import stix2
from sqlalchemy import func, select

from allegiance.store import models as m
from allegiance.store.db import open_store
from tests.export.conftest import export


def _claim_count(db) -> int:
    store = open_store(f"sqlite:///{db}")
    with store.session() as session:
        count = session.scalar(select(func.count(m.Claim.id)))
    store.close()
    return count


def test_gexf_is_dynamic_with_a_spell_on_every_node_and_edge(example_db, store_relations,
                                                           tmp_path):
    out = tmp_path / "network.gexf"
    export(example_db, "--format", "gexf", "-o", str(out))
    graph = nx.read_gexf(out, version="1.3")
    assert graph.graph["mode"] == "dynamic"
    actors = {a for row in store_relations for a in row[:2]}
    assert set(graph.nodes) == actors
    assert graph.number_of_edges() == len(store_relations)
    for _, data in graph.nodes(data=True):
        assert data["spells"] and all(s <= e for s, e in data["spells"])
    for _, _, data in graph.edges(data=True):
        (start, end), = data["spells"]
        assert len(start) == len(end) == 10 and start <= end
        assert isinstance(data["confidence"], float) and data["types"]
    assert graph.nodes["islamic-state"]["label"] == "Islamic State"
    kinds = {d["kind"]: d for _, other, d in graph.edges("islamic-state", data=True)
             if other == "jabhat-al-nusra"}
    assert "hostile" in kinds and "RIVAL_OF" in kinds["hostile"]["types"]
    # "2014" starts on the year's first day
    assert kinds["hostile"]["spells"][0][0] == "2014-01-01"


def test_gexf_lineage_folds_a_renamed_group_into_its_successor(example_db, tmp_path):
    apart, folded = tmp_path / "apart.gexf", tmp_path / "folded.gexf"
    export(example_db, "-f", "gexf", "-o", str(apart))
    export(example_db, "-f", "gexf", "--lineage", "-o", str(folded))
    apart_graph, folded_graph = nx.read_gexf(apart), nx.read_gexf(folded)
    assert "jabhat-al-nusra" in apart_graph and "jabhat-al-nusra" not in folded_graph
    assert "jabhat-al-nusra" in folded_graph.nodes["hayat-tahrir-al-sham"]["folded"]


def test_graphml_has_typed_attributes(example_db, store_relations, tmp_path):
    out = tmp_path / "network.graphml"
    export(example_db, "-f", "graphml", "-o", str(out))
    graph = nx.read_graphml(out)
    assert graph.is_multigraph() and graph.number_of_edges() == len(store_relations)
    assert graph.nodes["turkey"]["type"] == "state" and graph.nodes["turkey"]["label"]
    for _, _, data in graph.edges(data=True):
        assert isinstance(data["confidence"], float) and 0 <= data["confidence"] <= 1
        assert isinstance(data["sources"], int) and data["sources"] >= 1
        assert data["kind"] in {"cooperative", "hostile", "lineage", "membership"}
        assert data["start"] and data["end"] and isinstance(data["types"], str)


def test_csv_writes_a_claims_table_and_a_relations_table(example_db, store_relations,
                                                         tmp_path):
    result = export(example_db, "-f", "csv", "-o", str(tmp_path / "out.csv"))
    claims_path, relations_path = tmp_path / "out.claims.csv", tmp_path / "out.relations.csv"
    assert "out.claims.csv" in result.output.replace("\n", "")
    with claims_path.open(encoding="utf-8", newline="") as handle:
        claims = list(csv.DictReader(handle))
    with relations_path.open(encoding="utf-8", newline="") as handle:
        relations = list(csv.DictReader(handle))
    assert len(claims) == _claim_count(example_db)
    assert len(relations) == len(store_relations)
    assert all(row["quote"] and row["document_name"] for row in claims)
    assert any("النصرة" in row["quote"] for row in claims)  # Arabic survives the round trip
    assert {row["modality"] for row in claims} >= {"asserted", "reported"}
    claim_ids = {row["claim_id"] for row in claims}
    for row in relations:
        assert set(row["claim_ids"].split(";")) <= claim_ids
        assert float(row["confidence"]) > 0 and row["kind"]


def test_json_holds_actors_claims_and_relations(example_db, store_relations, tmp_path):
    out = tmp_path / "all.json"
    export(example_db, "-f", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["claims"]) == _claim_count(example_db)
    assert len(data["relations"]) == len(store_relations)
    actor_ids = {a["id"] for a in data["actors"]}
    for relation in data["relations"]:
        assert {relation["a"], relation["b"]} <= actor_ids
        assert relation["evidence"] and relation["evidence"][0]["quote"]
    first = data["claims"][0]
    assert first["document"]["name"] and "quote" in first


def test_stix_bundle_parses_and_cites_its_sources(example_db, store_relations, tmp_path):
    out = tmp_path / "bundle.json"
    export(example_db, "-f", "stix", "-o", str(out))
    bundle = stix2.parse(out.read_text(encoding="utf-8"))
    relationships = [o for o in bundle.objects if o.type == "relationship"]
    assert len(relationships) == len(store_relations)
    by_id = {o.id: o for o in bundle.objects}
    for rel in relationships:
        assert rel.source_ref in by_id and rel.target_ref in by_id
        assert 0 <= rel.confidence <= 100 and rel.start_time
        assert rel.external_references[0].description and rel.external_references[0].source_name
        if "stop_time" in rel:
            assert rel.stop_time > rel.start_time
    names = {o.name: o.type for o in bundle.objects if o.type != "relationship"}
    assert names["Islamic State"] == "threat-actor" and names["Turkey"] == "identity"


def test_stix_ids_are_stable_across_exports(example_db, tmp_path):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    export(example_db, "-f", "stix", "-o", str(first))
    export(example_db, "-f", "stix", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_an_empty_store_exports_empty_files_in_every_format(tmp_path):
    db = tmp_path / "empty.sqlite"
    for fmt in ("gexf", "graphml", "csv", "json", "stix"):
        result = export(db, "-f", fmt, "-o", str(tmp_path / f"empty.{fmt}"))
        assert "Nothing to export" in " ".join(result.output.split())
    assert nx.read_gexf(tmp_path / "empty.gexf").number_of_nodes() == 0
    assert nx.read_graphml(tmp_path / "empty.graphml").number_of_edges() == 0
    assert json.loads((tmp_path / "empty.json").read_text())["relations"] == []
    # An empty bundle has no "objects" (STIX 2.1 allows that); stix2 then needs the version.
    assert stix2.parse((tmp_path / "empty.stix").read_text(), version="2.1").type == "bundle"
    with (tmp_path / "empty.claims.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == []

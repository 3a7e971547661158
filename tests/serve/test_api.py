"""The JSON API over a store built from the example reports: every route, good and bad input."""

from __future__ import annotations

import io
import json
import re
import zipfile
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from allegiance.cli import app as cli_app
from tests.conftest import EXAMPLES
from tests.serve.conftest import copy_store, make_client

IS, NUSRA = "islamic-state", "jabhat-al-nusra"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cli_json(store, *args):
    """What `allegiance --db STORE ... --json` prints, parsed."""
    db = store.url.split(":///", 1)[1]
    result = CliRunner().invoke(cli_app, ["--db", db, *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def get(client, path, status=200, **params):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    return response.json()


def edge_between(network, a, b, kind=None):
    return [r for r in network["relations"] if {r["a"], r["b"]} == {a, b}
            and (kind is None or r["kind"] == kind)]


# -- meta -----------------------------------------------------------------------------------

def test_meta_counts_the_store_and_spans_its_dates(client):
    meta = get(client, "/api/meta")
    assert meta["documents"] == len([p for p in EXAMPLES.iterdir() if p.is_file()])
    summary = cli_json(client.app.state.store, "summary")
    assert meta["claims"] == summary["counts"]["claims"] > 0
    assert DAY.match(meta["first_date"]) and DAY.match(meta["last_date"])
    assert meta["first_date"] < "2014-08-01" < meta["last_date"]


# -- network --------------------------------------------------------------------------------

def test_network_answers_what_the_cli_prints_plus_named_nodes(client):
    network = get(client, "/api/network", at="2014-08")
    printed = cli_json(client.app.state.store, "network", "--at", "2014-08")
    actors = network.pop("actors")
    assert network == printed
    ids = {x for r in network["relations"] for x in (r["a"], r["b"])}
    assert {a["id"] for a in actors} == ids
    assert all(a["name"] and a["type"] for a in actors)
    assert edge_between(network, IS, NUSRA)


def test_network_follows_the_date_and_filters_by_kind(client):
    early = get(client, "/api/network", at="2012-01")
    late = get(client, "/api/network", at="2017-06")
    assert len(early["relations"]) < len(late["relations"])
    hostile = get(client, "/api/network", **{"from": "2013", "to": "2017", "type": "hostile"})
    assert hostile["relations"] and {r["kind"] for r in hostile["relations"]} == {"hostile"}
    allied = client.get("/api/network", params=[("from", "2011"), ("to", "2020"),
                                                ("type", "ALLIED_WITH"), ("type", "RIVAL_OF")])
    types = {t for r in allied.json()["relations"] for t in r["types"]}
    assert types and types & {"ALLIED_WITH", "RIVAL_OF"}


def test_network_folds_renamed_groups_with_lineage(client):
    plain = get(client, "/api/network", at="2017-06")
    folded = get(client, "/api/network", at="2017-06", lineage="true")
    family = {NUSRA, "jabhat-fateh-al-sham", "hayat-tahrir-al-sham"}
    plain_ids = {a["id"] for a in plain["actors"]}
    folded_ids = {a["id"] for a in folded["actors"]}
    assert len(plain_ids & family) >= 2
    assert folded_ids & family == {"hayat-tahrir-al-sham"}


@pytest.mark.parametrize("params, words", [
    ({"at": "last year"}, "not a date"),
    ({"at": "2014-13"}, "not a date"),
    ({"at": "2014-02-30"}, "not a real date"),
    ({"from": "2014/01"}, "not a date"),
    ({}, "give a date"),
    ({"at": "2014", "type": "friendly"}, "type"),
])
def test_network_refuses_bad_parameters_with_a_message(client, params, words):
    answer = get(client, "/api/network", 422, **params)
    assert words in answer["detail"]


# -- actor ----------------------------------------------------------------------------------

def test_actor_profile_by_english_or_arabic_name(client):
    english = get(client, "/api/actors/Hezbollah")
    arabic = get(client, "/api/actors/حزب الله")
    assert english["id"] == arabic["id"] == "hezbollah"
    others = {r["other"] for r in english["allies"] + english["rivals"]}
    assert others and others <= set(english["actor_names"])
    assert all(r["evidence"][0]["quote"] for r in english["allies"] + english["rivals"])
    assert english == cli_json(client.app.state.store, "actor", "Hezbollah") | {
        "actor_names": english["actor_names"]}


def test_actor_at_a_date_keeps_relations_holding_then(client):
    everything = get(client, "/api/actors/Jabhat al-Nusra")
    early = get(client, "/api/actors/Jabhat al-Nusra", at="2012")
    assert {"jabhat-al-nusra", "hayat-tahrir-al-sham"} <= set(everything["members"])
    count = len(everything["allies"]) + len(everything["rivals"])
    assert len(early["allies"]) + len(early["rivals"]) < count


def test_unknown_actor_is_404_naming_it(client):
    answer = get(client, "/api/actors/Nobody at all", 404)
    assert "Nobody at all" in answer["detail"]
    get(client, "/api/actors/Hezbollah", 422, at="soon")


# -- pair -----------------------------------------------------------------------------------

def test_pair_history_of_islamic_state_and_nusra(client):
    pair = get(client, "/api/pair", a="Islamic State", b="Jabhat al-Nusra")
    assert IS in pair["a"] and NUSRA in pair["b"]
    assert pair["title"] == ["Islamic State", "Jabhat al-Nusra"]
    kinds = {(p["kind"], p["start"][:4]) for p in pair["periods"]}
    assert ("hostile", "2014") in kinds
    times = [c["when"] or c["document"]["published"] for c in pair["claims"]]
    assert times == sorted(times)
    for claim in pair["claims"]:
        assert claim["document"]["title"] and claim["quote"]
        start, end = claim["quote_in_sentence"]
        assert claim["sentence"][start:end] == claim["quote"]
        for mention in claim["mentions"]:
            assert claim["sentence"][mention["start"]:mention["end"]] == mention["text"]
    named = {m["actor"] for c in pair["claims"] for m in c["mentions"]}
    assert named & set(pair["b"]) and named & set(pair["a"])


def test_pair_window_and_cli_shape(client):
    everything = get(client, "/api/pair", a="Islamic State", b="Jabhat al-Nusra")
    later = get(client, "/api/pair", a="Islamic State", b="Jabhat al-Nusra",
                **{"from": "2014", "to": "2015"})
    assert 0 < len(later["claims"]) < len(everything["claims"])
    printed = cli_json(client.app.state.store, "pair", "Islamic State", "Jabhat al-Nusra")
    trimmed = {k: v for k, v in everything.items() if k not in ("actor_names", "title")}
    for claim in trimmed["claims"]:
        for key in ("mentions", "evidence_id", "sentence", "quote_in_sentence"):
            del claim[key]
    assert trimmed == printed


def test_pair_needs_two_known_actors(client):
    assert "Nobody" in get(client, "/api/pair", 404, a="Nobody", b="Hezbollah")["detail"]
    get(client, "/api/pair", 422, a="Hezbollah")
    get(client, "/api/pair", 422, a="Hezbollah", b="x" * 201)


# -- changes, shifts, search ----------------------------------------------------------------

def test_changes_between_two_dates(client):
    changes = get(client, "/api/changes", **{"from": "2013", "to": "2017"})
    assert changes["began"] or changes["turned"]
    ids = {x for p in changes["began"] + changes["ended"] for x in (p["a"], p["b"])}
    assert ids <= set(changes["actor_names"])
    assert "to" in get(client, "/api/changes", 422, **{"from": "2013"})["detail"]


def test_shifts_are_named_and_limited(client):
    shifts = get(client, "/api/shifts")
    assert shifts and all(s["a_name"] and s["b_name"] for s in shifts)
    assert all(s["from"]["kind"] != s["to"]["kind"] for s in shifts)
    assert len(get(client, "/api/shifts", limit=1)) == 1
    get(client, "/api/shifts", 422, limit=0)
    recent = get(client, "/api/shifts", since="2016")
    assert all(s["to"]["start"] >= "2016" for s in recent)


def test_search_in_arabic_finds_nusra(client):
    found = get(client, "/api/search", q="جبهة النصرة")
    assert any(a["id"] == NUSRA for a in found["actors"])
    assert found["claims"] and all("النصرة" in c["quote"] for c in found["claims"])


def test_search_refuses_empty_queries(client):
    get(client, "/api/search", 422, q="")
    assert "search" in get(client, "/api/search", 422, q=" - ")["detail"]
    get(client, "/api/search", 422, q="x" * 201)


# -- claims and documents -------------------------------------------------------------------

def test_claim_with_evidence_and_its_document(client):
    pair = get(client, "/api/pair", a="Islamic State", b="Jabhat al-Nusra")
    row = pair["claims"][0]
    claim = get(client, f"/api/claims/{row['id']}")
    assert claim["type"] == row["type"] and claim["reviews"] == []
    assert claim["evidence"][0]["quote"] == row["quote"]
    start, _ = row["quote_in_sentence"]
    assert [m["text"] for m in claim["evidence"][0]["mentions"]] == [
        m["text"] for m in row["mentions"]
        if start <= m["start"] and m["end"] <= start + len(row["quote"])]
    document = get(client, f"/api/documents/{claim['document']['id']}")
    evidence = claim["evidence"][0]
    assert document["text"][evidence["quote_start"]:evidence["quote_end"]] == evidence["quote"]
    assert claim["id"] in document["claims"]
    assert document["title"] == row["document"]["title"]


def test_unknown_claims_and_documents_are_404(client):
    assert "999999" in get(client, "/api/claims/999999", 404)["detail"]
    assert "999999" in get(client, "/api/documents/999999", 404)["detail"]
    get(client, "/api/claims/abc", 422)
    get(client, "/api/documents/0", 422)


# -- places ---------------------------------------------------------------------------------

def test_places_carry_coordinates_and_their_claims(client):
    places = get(client, "/api/places")
    assert places and all(p["lat"] is not None and p["lon"] is not None for p in places)
    place = max(places, key=lambda p: p["claims"])
    assert place["claims"] == len(place["claim_ids"])
    for claim_id in place["claim_ids"]:
        claim = get(client, f"/api/claims/{claim_id}")
        assert place["id"] in (claim["place"], claim["target_place"])
    in_2014 = get(client, "/api/places", at="2014")
    assert sum(p["claims"] for p in in_2014) < sum(p["claims"] for p in places)
    get(client, "/api/places", 422, at="2014-99")


# -- export ---------------------------------------------------------------------------------

def test_export_gexf_and_graphml_are_xml(client):
    for fmt, root in (("gexf", "gexf"), ("graphml", "graphml")):
        response = client.get("/api/export", params={"format": fmt, "at": "2014"})
        assert response.status_code == 200
        assert f".{fmt}" in response.headers["content-disposition"]
        assert ElementTree.fromstring(response.content).tag.endswith(root)


def test_export_csv_is_a_zip_of_two_tables(client):
    response = client.get("/api/export", params={"format": "csv"})
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["claims.csv", "relations.csv"]
        header = archive.read("claims.csv").decode("utf-8").splitlines()[0]
    assert header.lstrip("\ufeff").startswith("claim_id,")


def test_export_json_and_stix(client):
    data = client.get("/api/export", params={"format": "json"}).json()
    assert data["claims"] and data["relations"] and data["actors"]
    bundle = client.get("/api/export", params={"format": "stix", "from": "2014",
                                               "to": "2016"}).json()
    assert bundle["type"] == "bundle" and bundle["objects"]


def test_export_refuses_bad_formats_and_mixed_windows(client):
    get(client, "/api/export", 422, format="pdf")
    answer = get(client, "/api/export", 422, format="gexf", at="2014", **{"from": "2013"})
    assert "either" in answer["detail"]


# -- reviews --------------------------------------------------------------------------------

@pytest.fixture
def review_client(example_db, tmp_path):
    """A client over a private copy: reviews change the store."""
    store = copy_store(example_db, tmp_path)
    with make_client(store) as test_client:
        yield test_client
    store.close()


def test_rejecting_a_claim_takes_it_off_the_network_edge(review_client):
    network = get(review_client, "/api/network", at="2014-08")
    edge = edge_between(network, IS, NUSRA, "hostile")[0]
    claim_id = edge["claims"][0]
    response = review_client.post(f"/api/claims/{claim_id}/review",
                                  json={"action": "reject", "note": "not in the text",
                                        "reviewer": "tester"})
    assert response.status_code == 200, response.text
    claim = response.json()
    assert claim["review"] == "reject"
    assert claim["reviews"][-1] | {"id": 0, "created_at": ""} == {
        "id": 0, "action": "reject", "note": "not in the text", "reviewer": "tester",
        "correction": None, "created_at": ""}
    after = get(review_client, "/api/network", at="2014-08")
    remaining = {c for r in edge_between(after, IS, NUSRA) for c in r["claims"]}
    assert claim_id not in remaining
    pair = get(review_client, "/api/pair", a=IS, b=NUSRA)
    assert [c["review"] for c in pair["claims"] if c["id"] == claim_id] == ["reject"]


def test_correcting_a_claim_moves_it_to_another_kind(review_client):
    pair = get(review_client, "/api/pair", a=IS, b=NUSRA)
    rival = next(c for c in pair["claims"] if c["type"] == "RIVAL_OF")
    response = review_client.post(f"/api/claims/{rival['id']}/review",
                                  json={"action": "correct",
                                        "correction": {"type": "ALLIED_WITH"}})
    assert response.status_code == 200, response.text
    assert response.json()["reviews"][-1]["correction"] == {"type": "ALLIED_WITH"}
    after = get(review_client, "/api/pair", a=IS, b=NUSRA)
    cooperative = [p for p in after["periods"] if p["kind"] == "cooperative"]
    assert any(rival["id"] in p["claims"] for p in cooperative)


def test_accepting_leaves_the_views_as_they_were(review_client):
    before = get(review_client, "/api/network", at="2014-08")
    claim_id = before["relations"][0]["claims"][0]
    response = review_client.post(f"/api/claims/{claim_id}/review", json={"action": "accept"})
    assert response.status_code == 200 and response.json()["review"] == "accept"
    assert get(review_client, "/api/network", at="2014-08")["relations"] == before["relations"]


@pytest.mark.parametrize("body, words", [
    ({"action": "approve"}, "action"),
    ({"action": "correct"}, "correction"),
    ({"action": "correct", "correction": {"colour": "red"}}, "colour"),
    ({"action": "correct", "correction": {"when": "yesterday"}}, "when"),
    ({"action": "reject", "note": "x" * 2001}, "note"),
    ({}, "action"),
])
def test_bad_reviews_are_refused_with_a_message(review_client, body, words):
    response = review_client.post("/api/claims/1/review", json=body)
    assert response.status_code == 422, response.text
    assert words in response.json()["detail"]
    assert get(review_client, "/api/claims/1")["reviews"] == []


def test_reviewing_an_unknown_claim_is_404(review_client):
    response = review_client.post("/api/claims/999999/review", json={"action": "reject"})
    assert response.status_code == 404 and "999999" in response.json()["detail"]


def test_oversized_bodies_are_refused_before_reading(review_client):
    response = review_client.post("/api/claims/1/review", content=b"{" + b" " * 70_000 + b"}",
                                  headers={"content-type": "application/json"})
    assert response.status_code == 413


# -- page and schema ------------------------------------------------------------------------

def test_without_a_built_page_the_root_says_how_to_build_it(api_store, tmp_path):
    with make_client(api_store, static_dir=tmp_path / "missing") as test_client:
        response = test_client.get("/")
    assert response.status_code == 200 and "make install" in response.text


def test_a_built_page_and_its_assets_are_served(api_store, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>page marker</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log('asset marker')")
    with make_client(api_store, static_dir=tmp_path) as test_client:
        assert "page marker" in test_client.get("/").text
        assert "asset marker" in test_client.get("/assets/app.js").text
        assert test_client.get("/api/meta").status_code == 200
        assert test_client.get("/api/nothing-here").status_code == 404


def test_openapi_lists_every_route(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/meta", "/api/network", "/api/actors/{name}", "/api/pair", "/api/changes",
            "/api/shifts", "/api/search", "/api/claims/{claim_id}",
            "/api/claims/{claim_id}/review", "/api/documents/{document_id}", "/api/places",
            "/api/export"} <= paths

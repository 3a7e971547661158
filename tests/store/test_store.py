"""The store on SQLite and PostgreSQL: schema, idempotent writes, transactions, reviews."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from allegiance.model import ActorRecord, Claim, Evidence, Extraction, MentionRecord, PlaceRecord
from allegiance.store import models as m
from allegiance.store.db import open_store
from allegiance.store.writer import add_review, store_document, sync_knowledge_base

TEXT = "In August 2014 the Islamic State and Jabhat al-Nusra attacked the Lebanese Army."


def _extraction(source: str = "islamic-state") -> Extraction:
    evidence = Evidence(0, len(TEXT), 15, 79, TEXT[15:79])
    claims = [
        Claim("ATTACKED", source, "lebanese-army", evidence, when="2014-08", precision="month"),
        Claim("CONTROLS", "islamic-state", "aarsal", evidence, target_is_place=True),
    ]
    actors = {
        "islamic-state": ActorRecord("islamic-state", "Islamic State", "armed_group", "kb",
                                     ["Islamic State"]),
        "lebanese-army": ActorRecord("lebanese-army", "Lebanese Army", "state_force", "kb",
                                     ["Lebanese Army"]),
        "liwa-example": ActorRecord("liwa-example", "Liwa Example", "armed_group", "discovered",
                                    ["Liwa Example"]),
    }
    places = {"aarsal": PlaceRecord("aarsal", "Aarsal", "kb", ["Aarsal"])}
    mentions = [MentionRecord("islamic-state", 19, 33, "Islamic State", "kb")]
    return Extraction("doc", "en", "2014-12", actors, places, claims, mentions, words=14)


def _store(store, extraction=None, text=TEXT):
    return store_document(store, text=text, name="doc", fmt="txt",
                          extraction=extraction or _extraction(), published="2014-12",
                          lang="en", extractor_version="test")


def _count(store, model) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_open_creates_every_table_at_the_newest_revision(any_store):
    tables = set(inspect(any_store.engine).get_table_names())
    assert {"documents", "actors", "actor_names", "places", "place_names", "claims", "evidence",
            "reviews", "mentions", "alembic_version"} <= tables
    columns = {c["name"] for c in inspect(any_store.engine).get_columns("claims")}
    assert {"valid_from", "valid_from_precision", "valid_to", "modality", "attributed_to",
            "place_id", "confidence", "extractor_version", "target_place_id"} <= columns


def test_reopening_a_store_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    store = open_store(url)
    store.close()
    store = open_store(url)
    with store.session() as session:
        session.add(m.Actor(id="x", name="X", type="armed_group", origin="discovered", key="x"))
    store.close()
    store = open_store(url)
    assert _count(store, m.Actor) == 1
    store.close()


def test_knowledge_base_sync_is_idempotent(any_store, kb):
    added = sync_knowledge_base(any_store, kb)
    assert added > len(kb.actors)
    assert _count(any_store, m.Actor) == len(kb.actors)
    assert _count(any_store, m.Place) == len(kb.places)
    assert sync_knowledge_base(any_store, kb) == 0


def test_a_document_is_stored_once_with_claims_and_evidence(any_store, kb):
    sync_knowledge_base(any_store, kb)
    doc_id = _store(any_store)
    assert doc_id is not None
    assert _store(any_store) is None  # same content: already present
    assert _store(any_store, text=TEXT + "\n") is None  # whitespace does not make it new
    assert _count(any_store, m.Document) == 1
    assert _count(any_store, m.Claim) == 2
    with any_store.session() as session:
        claim = session.scalars(select(m.Claim).where(m.Claim.type == "ATTACKED")).one()
        assert (claim.source_id, claim.target_id) == ("islamic-state", "lebanese-army")
        assert claim.valid_from == "2014-08" and claim.valid_from_precision == "month"
        assert claim.evidence[0].quote == TEXT[15:79]
        place_claim = session.scalars(select(m.Claim).where(m.Claim.type == "CONTROLS")).one()
        assert place_claim.target_place_id == "aarsal" and place_claim.target_id is None
        discovered = session.get(m.Actor, "liwa-example")
        assert discovered.origin == "discovered"


def test_a_failing_document_leaves_nothing_behind(any_store, kb):
    sync_knowledge_base(any_store, kb)
    broken = _extraction(source="no-such-actor-anywhere")  # violates the actor foreign key
    with pytest.raises(IntegrityError):
        _store(any_store, broken)
    assert _count(any_store, m.Document) == 0
    assert _count(any_store, m.Claim) == 0
    assert _store(any_store) is not None  # the store still works afterwards


def test_reviews_sit_beside_the_claim_and_never_change_it(any_store, kb):
    sync_knowledge_base(any_store, kb)
    _store(any_store)
    with any_store.session() as session:
        claim_id = session.scalar(select(m.Claim.id).where(m.Claim.type == "ATTACKED"))
    add_review(any_store, claim_id, "reject", note="wrong attacker")
    add_review(any_store, claim_id, "correct", correction={"source": "jabhat-al-nusra"})
    with any_store.session() as session:
        claim = session.get(m.Claim, claim_id)
        assert claim.source_id == "islamic-state"
        assert [r.action for r in claim.reviews] == ["reject", "correct"]
    with pytest.raises(ValueError):
        add_review(any_store, claim_id, "delete")
    with pytest.raises(LookupError):
        add_review(any_store, 10**9, "accept")


def test_a_claim_is_dated_by_its_own_time_else_its_document(any_store, kb):
    from allegiance.analyse.relations import load_claims

    sync_knowledge_base(any_store, kb)
    _store(any_store)
    with any_store.session() as session:
        dates = dict(session.execute(select(m.Claim.type, m.Claim.event_date)).all())
        assert dates == {"ATTACKED": "2014-08", "CONTROLS": "2014-12"}
        # a profile's recent events: newest first, read per side and type from the index
        newest = load_claims(session, ["islamic-state"], types={"ATTACKED", "CONTROLS"},
                             newest=2, quotes=False)
        assert [c.type for c in newest] == ["CONTROLS", "ATTACKED"]
        until = load_claims(session, ["islamic-state"], types={"ATTACKED", "CONTROLS"},
                            newest=2, until="2014-09", quotes=False)
        assert [c.type for c in until] == ["ATTACKED"]


def test_the_event_date_migration_dates_claims_stored_before_it(tmp_path, kb):
    from alembic import command
    from sqlalchemy import create_engine, text

    from allegiance.store.db import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(text(
            "INSERT INTO actors (id, name, type, origin, key) VALUES "
            "('a', 'A', 'armed_group', 'kb', 'a'), ('b', 'B', 'armed_group', 'kb', 'b')"))
        connection.execute(text(
            "INSERT INTO documents (id, content_hash, name, published, lang, fmt, text, words,"
            " extractor_version, ingested_at) VALUES (1, 'h', 'd', '2015-03', 'en', 'txt', 't',"
            " 1, 'v', CURRENT_TIMESTAMP)"))
        for claim_id, when in ((1, "2014"), (2, None)):
            connection.execute(text(
                "INSERT INTO claims (id, claim_key, document_id, type, source_id, target_id,"
                " valid_from, modality, confidence, extractor_version, created_at) VALUES "
                f"({claim_id}, 'k{claim_id}', 1, 'ATTACKED', 'a', 'b', :when, 'asserted', 0.5,"
                " 'v', CURRENT_TIMESTAMP)"), {"when": when})
    engine.dispose()
    store = open_store(url)
    with store.session() as session:
        dates = dict(session.execute(select(m.Claim.id, m.Claim.event_date)).all())
    store.close()
    assert dates == {1: "2014", 2: "2015-03"}

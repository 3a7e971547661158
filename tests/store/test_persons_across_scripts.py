"""A person the knowledge base lacks, named in Arabic by one report and in Latin letters
by another, is one actor in the store (store/persons.py); two people are two.

The reports and names are made up for these tests. Linking needs the optional
arabic-name-romanizer package: those tests skip without it, and the last one checks
that ingest works, unlinked, when it is missing.
"""

from __future__ import annotations

import sys

import pytest
from sqlalchemy import select

from allegiance.analyse.views import search_view
from allegiance.extract import romanize as rz
from allegiance.extract.pipeline import extract_document
from allegiance.ingest.run import ingest
from allegiance.store import models as m
from allegiance.store.queries import find_actors
from allegiance.store.writer import DocumentItem, store_documents_bulk, sync_knowledge_base

needs_romanizer = pytest.mark.skipif(not rz.available(),
                                     reason="arabic-name-romanizer is not installed")

ARABIC = "اختطف مسلحون القاضي نزار الخطيب في مدينة الرمادي يوم الثلاثاء."
ENGLISH = "Gunmen abducted commander Nizar Khateeb near Ramadi on Tuesday."
OTHER = "Gunmen abducted commander Nazir al-Khatib near Ramadi on Tuesday."  # نذير


def _persons(store) -> dict[str, str]:
    with store.session() as session:
        return dict(session.execute(select(m.Actor.id, m.Actor.name).where(
            m.Actor.origin == "discovered", m.Actor.type == "person")).all())


def _claim_sides(store) -> set[str]:
    with store.session() as session:
        rows = session.execute(select(m.Claim.source_id, m.Claim.target_id))
        return {side for row in rows for side in row if side}


def _ingest(store, kb, tmp_path, *texts: str) -> None:
    paths = []
    for index, text in enumerate(texts):
        path = tmp_path / f"report{index}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    ingest(paths, store, kb, use_model=False, link_scripts=True)


@needs_romanizer
@pytest.mark.parametrize("arabic_first", [True, False])
def test_an_arabic_and_an_english_report_name_one_person(fresh_store, kb, tmp_path,
                                                         arabic_first) -> None:
    texts = (ARABIC, ENGLISH) if arabic_first else (ENGLISH, ARABIC)
    _ingest(fresh_store, kb, tmp_path, *texts)
    persons = _persons(fresh_store)
    assert len(persons) == 1, persons
    (person, display), = persons.items()
    # the first report to name the person gave the id and the display name, as written
    assert display == ("نزار الخطيب" if arabic_first else "Nizar Khateeb")
    assert person in _claim_sides(fresh_store)
    with fresh_store.session() as session:
        assert [a.id for a in find_actors(session, "Nizar Khateeb")] == [person]
        assert [a.id for a in find_actors(session, "نزار الخطيب")] == [person]
        mentions = session.execute(select(m.Mention.document_id, m.Mention.text).where(
            m.Mention.actor_id == person)).all()
        assert len({doc for doc, _ in mentions}) == 2
    for query in ("Khateeb", "الخطيب", "Nizar Khatib"):
        assert person in {a["id"] for a in search_view(fresh_store, query)["actors"]}, query


@needs_romanizer
def test_the_arabic_person_alone_is_found_by_a_latin_spelling(fresh_store, kb,
                                                              tmp_path) -> None:
    _ingest(fresh_store, kb, tmp_path, ARABIC)
    (person, display), = _persons(fresh_store).items()
    assert display == "نزار الخطيب"
    assert person in {a["id"] for a in search_view(fresh_store, "Nizar")["actors"]}


@needs_romanizer
def test_two_people_with_close_names_stay_two(fresh_store, kb, tmp_path) -> None:
    _ingest(fresh_store, kb, tmp_path, ARABIC, OTHER)
    assert len(_persons(fresh_store)) == 2


@needs_romanizer
def test_ingesting_again_adds_and_moves_nothing(fresh_store, kb, tmp_path) -> None:
    _ingest(fresh_store, kb, tmp_path, ENGLISH, ARABIC)
    before = (_persons(fresh_store), _claim_sides(fresh_store))
    _ingest(fresh_store, kb, tmp_path, ENGLISH, ARABIC)
    assert (_persons(fresh_store), _claim_sides(fresh_store)) == before


@needs_romanizer
def test_a_bulk_batch_links_as_one_by_one_does(fresh_store, kb) -> None:
    sync_knowledge_base(fresh_store, kb)
    items = [DocumentItem(text=text, name=f"r{i}", fmt="txt", lang=lang,
                          extraction=extract_document(text, kb, name=f"r{i}", lang=lang,
                                                      published="2009-05-01",
                                                      use_model=False))
             for i, (text, lang) in enumerate([(ARABIC, "ar"), (ENGLISH, "en")])]
    assert all(store_documents_bulk(fresh_store, items, link_scripts=True))
    persons = _persons(fresh_store)
    assert list(persons.values()) == ["نزار الخطيب"]
    assert set(persons) <= _claim_sides(fresh_store)
    assert "nizar-khateeb" not in _claim_sides(fresh_store)


def test_without_the_romanizer_ingest_works_and_links_nothing(fresh_store, kb, tmp_path,
                                                              monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "arabic_name_romanizer", None)
    rz._transliterator.cache_clear()
    rz.romanize.cache_clear()
    try:
        _ingest(fresh_store, kb, tmp_path, ARABIC, ENGLISH)
        persons = _persons(fresh_store)
        assert sorted(persons.values()) == ["Nizar Khateeb", "نزار الخطيب"]
        assert set(persons) <= _claim_sides(fresh_store)
    finally:
        rz._transliterator.cache_clear()
        rz.romanize.cache_clear()


def test_the_sound_key_migration_keys_persons_stored_before_it(tmp_path) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from allegiance.store.db import alembic_config, open_store

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        connection.execute(text(
            "INSERT INTO actors (id, name, type, origin, key) VALUES "
            "('p', 'Nizar Khateeb', 'person', 'discovered', 'nizar khateb'),"
            "('g', 'Liwa Nizar Khateeb', 'armed_group', 'discovered', 'liwa nizar khateb')"))
        connection.execute(text(
            "INSERT INTO actor_names (actor_id, text, key, lang, kind) VALUES "
            "('p', 'Nizar Khateeb', 'nizar khateb', 'und', 'official'),"
            "('g', 'Liwa Nizar Khateeb', 'liwa nizar khateb', 'und', 'official')"))
    engine.dispose()
    store = open_store(url)
    with store.session() as session:
        sounds = dict(session.execute(select(m.ActorName.actor_id, m.ActorName.sound)).all())
    store.close()
    assert sounds == {"p": rz.sound_key("Nizar Khateeb"), "g": None}
    assert sounds["p"]

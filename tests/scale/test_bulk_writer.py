"""`store_documents_bulk` writes what `store_document` writes, row for row, in fewer statements."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from allegiance.extract.pipeline import EXTRACTOR_VERSION, extract_document
from allegiance.store import models as m
from allegiance.store.writer import (
    DocumentItem,
    claim_key,
    content_hash,
    store_document,
    store_documents_bulk,
    sync_knowledge_base,
)
from bench.corpus import generate
from tests.scale.conftest import dump


@pytest.fixture(scope="module")
def items(kb) -> list[DocumentItem]:
    """Sixty extracted news items (rules only, for speed), a few of them repeated."""
    out = []
    for record in generate(60, seed=3, repeat_share=0.1):
        extraction = extract_document(record["text"], kb, name=record["id"],
                                      lang=record["lang"], published=record["published"],
                                      use_model=False)
        out.append(DocumentItem(text=record["text"], name=record["id"], fmt="jsonl",
                                extraction=extraction, published=record["published"],
                                lang=record["lang"], source_path=f"items.jsonl#{record['id']}",
                                extractor_version=EXTRACTOR_VERSION))
    return out


def _one_by_one(store, items: list[DocumentItem]) -> list[int | None]:
    return [store_document(store, text=i.text, name=i.name, fmt=i.fmt, extraction=i.extraction,
                           title=i.title, url=i.url, published=i.published, lang=i.lang,
                           source_path=i.source_path, extractor_version=i.extractor_version)
            for i in items]


def test_bulk_batches_give_the_rows_one_by_one_writes_give(store_pair, kb, items):
    single, bulk = store_pair
    for store in store_pair:
        sync_knowledge_base(store, kb)
    expected = _one_by_one(single, items)
    got = [x for i in range(0, len(items), 7) for x in store_documents_bulk(bulk, items[i:i + 7])]
    assert got == expected and None in got  # the repeated texts are stored once
    assert sum(len(i.extraction.claims) for i in items) > 30
    assert dump(bulk) == dump(single)


def test_stored_and_repeated_documents_are_skipped(any_store, kb, items):
    sync_knowledge_base(any_store, kb)
    unique = list({i.text: i for i in reversed(items)}.values())[::-1][:15]
    first = store_documents_bulk(any_store, unique[:10])
    assert all(first)
    again = store_documents_bulk(any_store, [*unique[5:15], unique[12]])
    assert again[:5] == [None] * 5 and all(again[5:10]) and again[10] is None
    assert store_documents_bulk(any_store, []) == []
    with any_store.session() as session:
        assert session.scalar(select(func.count(m.Document.id))) == 15
        keys = session.scalars(select(m.Claim.claim_key)).all()
    assert len(keys) == len(set(keys))
    assert set(keys) == set().union(*(_keys(i) for i in unique))


def test_concurrent_bulk_writers_neither_duplicate_nor_lose_rows(pg_store, kb, items):
    sync_knowledge_base(pg_store, kb)
    errors: list[BaseException] = []

    def write(batches: list[list[DocumentItem]]) -> None:
        try:
            for batch in batches:
                store_documents_bulk(pg_store, batch)
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    forward = [items[i:i + 5] for i in range(0, len(items), 5)]
    backward = [list(reversed(b)) for b in reversed(forward)]  # same rows, opposite order
    threads = [threading.Thread(target=write, args=(b,)) for b in (forward, backward)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with pg_store.session() as session:
        hashes = session.scalars(select(m.Document.content_hash)).all()
        claims = session.scalar(select(func.count(m.Claim.id)))
        evidence = session.scalar(select(func.count(m.Evidence.id)))
    assert len(hashes) == len(set(hashes)) == len({i.text for i in items})
    written_once = {i.text: i for i in items}.values()
    assert claims == evidence == sum(len(_keys(i)) for i in written_once) > 30


def _keys(item: DocumentItem) -> set[str]:
    return {claim_key(content_hash(item.text), c) for c in item.extraction.claims}

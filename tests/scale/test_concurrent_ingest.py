"""Two processes ingesting overlapping inputs into one PostgreSQL database at once.

The team's store is shared: nothing may be stored twice and nothing lost when
two ingests meet on the same documents. The result must hold exactly the
documents and claims a single ingest of the union of both inputs holds.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select

from allegiance.ingest.run import ingest
from allegiance.store import models as m
from allegiance.store.db import open_store
from bench.corpus import generate, write_jsonl
from tests.conftest import ROOT, pg_database

# One ingest process: "single" is `ingest()` (one transaction per document),
# "bulk" reads, extracts and writes with `store_documents_bulk` in batches of 10.
WORKER = """
import sys
from allegiance.extract.pipeline import EXTRACTOR_VERSION, extract_document
from allegiance.ingest.readers import RawDocument, read_all
from allegiance.ingest.run import ingest
from allegiance.kb import load
from allegiance.store.db import open_store
from allegiance.store.writer import DocumentItem, store_documents_bulk, sync_knowledge_base

url, path, mode = sys.argv[1:]
store, kb = open_store(url), load()
if mode == "single":
    ingest([path], store, kb)
else:
    sync_knowledge_base(store, kb)
    batch = []
    for doc in read_all([path]):
        extraction = extract_document(doc.text, kb, name=doc.name, lang=doc.lang,
                                      published=doc.published)
        batch.append(DocumentItem(doc.text, doc.name, doc.fmt, extraction, doc.title, doc.url,
                                  doc.published, doc.lang, doc.source_path, EXTRACTOR_VERSION))
        if len(batch) == 10:
            store_documents_bulk(store, batch)
            batch = []
    store_documents_bulk(store, batch)
"""


def _identities(store) -> tuple[list[str], list[str], list[str]]:
    with store.session() as session:
        docs = session.scalars(select(m.Document.content_hash)).all()
        claims = session.scalars(select(m.Claim.claim_key)).all()
        names = session.execute(select(m.ActorName.actor_id, m.ActorName.text,
                                       m.ActorName.lang, m.ActorName.kind)).all()
    return docs, claims, [tuple(n) for n in names]


@pytest.mark.parametrize("mode", ["single", "bulk"])
def test_two_ingests_at_once_store_each_document_and_claim_once(mode, kb, tmp_path):
    records = generate(120, seed=5, repeat_share=0.0)
    first = write_jsonl(records[:80], tmp_path / "first.jsonl")
    second = write_jsonl(list(reversed(records[40:])), tmp_path / "second.jsonl")
    union = write_jsonl(records, tmp_path / "union.jsonl")
    with pg_database() as shared_url, pg_database() as reference_url:
        open_store(shared_url).close()  # migrate once, before the two processes start
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, shared_url, str(p), mode],
                                  cwd=ROOT, stderr=subprocess.PIPE, text=True)
                 for p in (first, second)]
        for proc in procs:
            _, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err[-2000:]
        reference = open_store(reference_url)
        ingest([union], reference, kb)
        shared = open_store(shared_url)
        docs, claims, names = _identities(shared)
        ref_docs, ref_claims, ref_names = _identities(reference)
        shared.close()
        reference.close()
    assert len(docs) == len(set(docs)) == 120
    assert sorted(docs) == sorted(ref_docs)
    assert len(claims) == len(set(claims)) and sorted(claims) == sorted(ref_claims)
    assert len(claims) > 50
    assert sorted(names) == sorted(ref_names)

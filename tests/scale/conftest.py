"""Fixtures for the scale tests: a local Ray, a generated corpus, pairs of stores.

Ray starts once per session, small (2 CPUs, no dashboard, 256 MiB object
store), as on the 2-core CI machine. Without Ray installed the Ray tests skip,
and fail under CI=true, where `make install` must have installed it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from allegiance.store import models as m
from allegiance.store.db import Store, open_store
from bench.corpus import generate, write_jsonl
from tests.conftest import pg_database

CORPUS_DOCS = 240

# The columns that make a store what it is: everything but ingest timestamps.
COMPARED = {
    m.Document: ["id", "content_hash", "name", "title", "url", "published", "lang", "fmt",
                 "source_path", "text", "words", "extractor_version"],
    m.Actor: ["id", "name", "type", "origin", "key", "country", "founded", "dissolved"],
    m.ActorName: ["id", "actor_id", "text", "key", "lang", "kind", "valid_from", "valid_to"],
    m.Mention: ["id", "document_id", "actor_id", "start", "end", "text", "how"],
    m.Claim: ["id", "claim_key", "document_id", "type", "source_id", "target_id",
              "target_place_id", "target_text", "valid_from", "valid_from_precision",
              "valid_to", "valid_to_precision", "time_qualifier", "modality", "attributed_to",
              "place_id", "confidence", "extractor_version"],
    m.Evidence: ["id", "claim_id", "document_id", "sentence_start", "sentence_end",
                 "quote_start", "quote_end", "quote"],
    m.Relation: ["a", "b", "kind", "place", "start", "end", "end_reason", "types",
                 "confidence", "sources", "contradicted", "claim_ids"],
}


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every compared row of every table, in a stable order."""
    out = {}
    with store.engine.connect() as connection:
        for model, columns in COMPARED.items():
            table = model.__table__
            cols = [table.c[c] for c in columns]
            rows = connection.execute(table.select().with_only_columns(*cols).order_by(*cols))
            out[table.name] = [tuple(r) for r in rows]
    return out


@pytest.fixture(scope="session")
def ray_local():
    """A local Ray for the whole session (the ingest joins it instead of starting its own)."""
    try:
        from allegiance.ingest.distributed import RayOptions, require_ray, start_ray

        ray = require_ray()
    except RuntimeError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Ray is not installed under CI: {exc}")
        pytest.skip(str(exc))
    started = start_ray(RayOptions(workers=1))
    yield ray
    if started:
        ray.shutdown()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A folder of a few hundred generated news items in several files and formats.

    Three JSONL files (one with a malformed line), a few .txt files with the
    header of our convention and, when pyarrow is there, a Parquet file; some
    texts repeat across files, so which copy is stored depends on input order.
    """
    folder = tmp_path_factory.mktemp("corpus")
    records = generate(CORPUS_DOCS, seed=11, repeat_share=0.03)
    third = CORPUS_DOCS // 3
    for part in range(3):
        path = write_jsonl(records[part * third:(part + 1) * third],
                           folder / f"part-{part + 1}.jsonl")
        if part == 1:
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            lines.insert(len(lines) // 2, '{"id": "broken", "text": \n')
            path.write_text("".join(lines), encoding="utf-8")
    notes = folder / "notes"
    notes.mkdir()
    for i, record in enumerate(records[:6]):  # the first six again, as text files
        header = f"title: Note {i}\nlang: {record['lang']}\ndate: {record['published']}\n\n"
        (notes / f"note-{i}.txt").write_text(header + records[3 * third - 1 - i]["text"],
                                             encoding="utf-8")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return folder
    rest = records[3 * third:] + records[5:20]
    pq.write_table(pa.Table.from_pylist(rest), folder / "rest.parquet")
    return folder


@pytest.fixture(params=["sqlite", "postgresql"])
def store_pair(request, tmp_path) -> Iterator[tuple[Store, Store]]:
    """Two empty stores on the same engine: one for each way of ingesting."""
    if request.param == "sqlite":
        stores = (open_store(f"sqlite:///{tmp_path / 'a.sqlite'}"),
                  open_store(f"sqlite:///{tmp_path / 'b.sqlite'}"))
        yield stores
        for store in stores:
            store.close()
        return
    with pg_database() as url_a, pg_database() as url_b:
        stores = (open_store(url_a), open_store(url_b))
        yield stores
        for store in stores:
            store.close()

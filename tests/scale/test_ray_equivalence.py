"""`ingest --ray` gives the store a single-process ingest gives, claim for claim.

Both ways ingest the same generated corpus (JSONL, text files, Parquet, repeated
texts, one malformed line) into two empty stores of one engine; every row of
every table must then be equal, ids included, ingest timestamps aside.
"""

from __future__ import annotations

import pickle

import pytest

from allegiance.ingest import distributed
from allegiance.ingest.distributed import DOC, FAILED, NEW, Extractor, RayOptions, ingest_ray
from allegiance.ingest.readers import RawDocument
from allegiance.ingest.run import ingest
from allegiance.store.db import open_store
from tests.scale.conftest import dump

pa = pytest.importorskip("pyarrow")

SMALL = RayOptions(workers=2, batch_size=8, files_per_read=1, write_batch=64)


def test_ray_ingest_gives_the_same_store_claim_for_claim(store_pair, corpus, kb, ray_local):
    local_store, ray_store = store_pair
    local = ingest([corpus], local_store, kb)
    problems: list[str] = []
    seen: list[int] = []
    report = ingest_ray([corpus], ray_store, kb, ray_options=SMALL,
                        on_problem=lambda path, reason: problems.append(reason),
                        on_progress=lambda r: seen.append(r.documents))
    assert local.new > 200 and local.present > 10 and local.claims > 200
    assert (report.new, report.present, report.claims, report.words, report.relations) == \
        (local.new, local.present, local.claims, local.words, local.relations)
    assert report.new_names == local.new_names
    assert report.failed == local.failed and len(problems) == 1 and "[E109]" in problems[0]
    assert seen and seen[-1] == report.documents and seen == sorted(seen)
    assert dump(ray_store) == dump(local_store)


def test_ray_ingest_again_adds_nothing_and_resumes_after_an_interruption(
        corpus, kb, ray_local, tmp_path):
    full_store = open_store(f"sqlite:///{tmp_path / 'full.sqlite'}")
    resumed_store = open_store(f"sqlite:///{tmp_path / 'resumed.sqlite'}")
    ingest([corpus], full_store, kb)
    # "interrupted": only the first JSONL file got in before the job stopped
    first = ingest([corpus / "notes", corpus / "part-1.jsonl"], resumed_store, kb)
    report = ingest_ray([corpus], resumed_store, kb, ray_options=SMALL)
    assert report.present >= first.new + first.present
    assert dump(resumed_store)["claims"] == dump(full_store)["claims"]
    again = ingest_ray([corpus], resumed_store, kb, ray_options=SMALL)
    assert (again.new, again.claims) == (0, 0)
    assert again.present == report.new + report.present
    full_store.close()
    resumed_store.close()


def test_a_document_whose_extraction_fails_is_reported_and_the_batch_goes_on(kb, monkeypatch):
    real = distributed.extract_document

    def flaky(text, kb, **kwargs):
        if kwargs.get("name") == "bad":
            raise ValueError("a parser bug")
        return real(text, kb, **kwargs)

    monkeypatch.setattr(distributed, "extract_document", flaky)
    docs = [RawDocument(f"Text {name}: Hezbollah fought the Islamic State in Qusayr in 2013.",
                        f"items.jsonl#L{i}", name, None, None, "2013", "en", "jsonl")
            for i, name in enumerate(["good", "bad", "also-good"], start=1)]
    batch = pa.table({"kind": [DOC] * 3, "payload": [pickle.dumps(d) for d in docs]})
    out = Extractor(kb, use_model=False)(batch)
    kinds = out.column("kind").to_pylist()
    assert kinds == [NEW, FAILED, NEW]
    path, reason = pickle.loads(out.column("payload")[1].as_py())
    assert path == "items.jsonl#L2"
    assert reason.startswith("[E199] items.jsonl#L2: extraction failed (ValueError: a parser bug")
    item = pickle.loads(out.column("payload")[0].as_py())
    assert item.name == "good" and item.extraction.claims


def test_without_ray_the_error_says_how_to_install_it(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(RuntimeError, match=r"pip install 'allegiance\[scale\]'"):
        distributed.require_ray()

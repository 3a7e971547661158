"""Ingest as a Ray Data job: the same documents, claims and evidence as `ingest`, on many cores.

The job has three stages, each a Ray Data operator:

1. **read** (tasks): the files, listed on the driver as `ingest` lists them, are
   read by the project's own readers (`read_path`: text folders, JSONL, Parquet
   with a text column, HTML, PDF, DOCX), so each format behaves exactly as in a
   single-process ingest. Each task asks the store which of its documents are
   already there (one query per batch) and passes those on as "present", so a
   run after an interruption skips what is stored without extracting it again.
2. **extract** (a pool of actors, one per worker): each actor receives the
   knowledge base once and loads the English model once, then extracts batches
   of documents. A document whose extraction fails comes back as a failure with
   its reason; the job goes on.
3. **write** (the driver): results arrive in input order (`preserve_order`) and
   are written with `store_documents_bulk`, a few hundred documents per
   transaction. Writing on the driver in input order is what makes the store the
   same, claim for claim (ids included), as the single-process ingest of the
   same input: the first of two identical texts is the one stored, as there.

Ray is imported only here and only when the job runs, so the tool works without it.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allegiance.analyse.materialize import pairs_of, refresh_relations
from allegiance.extract.pipeline import EXTRACTOR_VERSION, extract_document
from allegiance.ingest.readers import RawDocument, ReadOptions, ReadProblem, iter_paths, read_path
from allegiance.ingest.run import IngestReport
from allegiance.kb import KnowledgeBase
from allegiance.store.db import Store
from allegiance.store.writer import (
    DocumentItem,
    content_hash,
    store_documents_bulk,
    sync_knowledge_base,
)

# Row kinds flowing between the stages (column "kind"; "payload" is a pickle).
DOC, PRESENT, PROBLEM, NEW, FAILED = "doc", "present", "problem", "new", "failed"


@dataclass
class RayOptions:
    """How the Ray job runs; the defaults suit a laptop or a 2-core CI machine."""

    address: str | None = None  # a cluster to join ("ray://host:10001", "auto"); None: local
    workers: int = 2  # extraction actors, one core each
    batch_size: int = 16  # documents per extraction call
    files_per_read: int = 32  # files per read task
    write_batch: int = 256  # documents per store transaction on the driver
    object_store_mb: int = 256  # local Ray only
    use_model: bool = True  # the English parser, where installed (as `ingest` does)
    ray_progress: bool = False  # Ray's own progress bars, besides `on_progress`


def require_ray() -> Any:
    """The `ray` module, or a one-line error saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise RuntimeError("--ray needs Ray Data: pip install 'allegiance[scale]' "
                           "(or pip install 'ray[data]')") from None
    return ray


def start_ray(options: RayOptions) -> bool:
    """Join the cluster at `options.address`, or start a small local Ray.

    Returns True when this call started Ray (and the caller should shut it
    down), False when the process was already connected.
    """
    ray = require_ray()
    if ray.is_initialized():
        return False
    if options.address:
        ray.init(address=options.address, logging_level=logging.WARNING)
    else:
        # one logical CPU more than the workers, for the light read tasks
        ray.init(num_cpus=options.workers + 1, include_dashboard=False,
                 object_store_memory=options.object_store_mb * 2**20,
                 logging_level=logging.WARNING)
    return True


def ingest_ray(paths: Sequence[str | Path], store: Store, kb: KnowledgeBase, *,
               options: ReadOptions | None = None, ray_options: RayOptions | None = None,
               on_progress: Callable[[IngestReport], None] | None = None,
               on_problem: Callable[[str, str], None] | None = None) -> IngestReport:
    """Read, extract and store every document under `paths` with a Ray Data job.

    Same arguments and report as `allegiance.ingest.run.ingest`, plus
    `ray_options`; `on_progress(report)` is called after each batch of results.
    """
    options = options or ReadOptions()
    ray_options = ray_options or RayOptions()
    report = IngestReport()
    sync_knowledge_base(store, kb)
    files = [str(p) for p in iter_paths(paths)]
    if not files:
        return report
    started = start_ray(ray_options)
    try:
        for kind, payload in _run_job(files, store, kb, options, ray_options, report,
                                      on_progress):
            if kind in (PROBLEM, FAILED):
                path, reason = pickle.loads(payload)
                report.failed.append((path, reason))
                if on_problem:
                    on_problem(path, reason)
    finally:
        if started:
            require_ray().shutdown()
    if report.new_ids:  # the relations the new claims touch are derived again
        report.relations = refresh_relations(store, pairs_of(store, report.new_ids))
    return report


def _run_job(files: list[str], store: Store, kb: KnowledgeBase, options: ReadOptions,
             ray_options: RayOptions, report: IngestReport,
             on_progress: Callable[[IngestReport], None] | None
             ) -> Iterator[tuple[str, bytes]]:
    """Run the job; write new documents as they come, yield problems and failures."""
    ray = require_ray()
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = ray_options.ray_progress
    context.print_on_execution_start = ray_options.ray_progress
    # Reading emits small blocks, cut to extraction batches, so that one large
    # JSONL or Parquet file still feeds every worker while it is being read.
    context.target_max_block_size = 1 << 20
    per_read = max(1, ray_options.files_per_read)
    # each worker holds a CPU for the whole job; leave a quarter for the read tasks
    cpus = ray.cluster_resources().get("CPU", 1.0)
    workers = max(1, min(ray_options.workers, int(cpus - 0.25)))
    dataset = ray.data.from_items([{"path": f} for f in files],
                                  override_num_blocks=max(1, -(-len(files) // per_read)))
    dataset = dataset.map_batches(
        read_files, batch_size=per_read, batch_format="pyarrow", num_cpus=0.25,
        fn_kwargs={"max_bytes": options.max_bytes, "store_url": _shareable(store.url),
                   "cwd": os.getcwd()})
    dataset = dataset.repartition(target_num_rows_per_block=ray_options.batch_size)
    dataset = dataset.map_batches(
        Extractor, batch_size=ray_options.batch_size, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
        fn_constructor_kwargs={"kb": kb, "use_model": ray_options.use_model})
    pending: list[DocumentItem] = []
    for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
        for kind, payload in zip(batch.column("kind").to_pylist(),
                                 batch.column("payload").to_pylist(), strict=True):
            if kind == NEW:
                pending.append(pickle.loads(payload))
            elif kind == PRESENT:
                report.present += 1
            else:
                yield kind, payload
        if len(pending) >= ray_options.write_batch:
            _write(store, pending, report)
            pending = []
        if on_progress:
            on_progress(report)
    _write(store, pending, report)
    if on_progress:
        on_progress(report)


def _write(store: Store, items: list[DocumentItem], report: IngestReport) -> None:
    for item, stored in zip(items, store_documents_bulk(store, items), strict=True):
        if stored is None:  # repeated in the input, or stored meanwhile by another process
            report.present += 1
            continue
        report.new += 1
        report.new_ids.append(stored)
        report.claims += len(item.extraction.claims)
        report.words += item.extraction.words
        report.new_names.append(item.name)


def _shareable(url: str) -> str | None:
    """The store URL if other processes can open it (an in-memory SQLite cannot)."""
    return None if url in ("sqlite://", "sqlite:///:memory:") else url


# --- the workers' side -------------------------------------------------------------------

_ENGINES: dict[str, Any] = {}


def _stored_hashes(url: str | None, hashes: list[str]) -> set[str]:
    """Which of `hashes` the store holds; a read task asks once per batch of documents."""
    if url is None or not hashes:
        return set()
    from sqlalchemy import create_engine, select

    from allegiance.store import models as m

    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = create_engine(url)
    column = m.Document.content_hash
    with engine.connect() as connection:
        return set(connection.scalars(select(column).where(column.in_(hashes))))


def _table(rows: list[tuple[str, bytes]]) -> Any:
    import pyarrow as pa

    return pa.table({"kind": pa.array([k for k, _ in rows], pa.string()),
                     "payload": pa.array([p for _, p in rows], pa.large_binary())})


def read_files(batch: Any, *, max_bytes: int, store_url: str | None, cwd: str,
               chunk: int = 64) -> Iterator[Any]:
    """Read stage: files → documents (or problems), the stored ones marked present."""
    if os.getcwd() != cwd and os.path.isdir(cwd):
        os.chdir(cwd)  # relative paths (and a relative SQLite path) mean what they meant
    options = ReadOptions(max_bytes=max_bytes)
    rows: list[tuple[str, Any]] = []

    def flush() -> Any:
        docs = [(i, row[1]) for i, row in enumerate(rows) if row[0] == DOC]
        hashes = [content_hash(doc.text) for _, doc in docs]
        stored = _stored_hashes(store_url, hashes)
        for (i, doc), doc_hash in zip(docs, hashes, strict=True):
            rows[i] = (PRESENT, b"") if doc_hash in stored else (DOC, pickle.dumps(doc))
        return _table(rows)

    for path in batch.column("path").to_pylist():
        for item in read_path(path, options):
            if isinstance(item, ReadProblem):
                rows.append((PROBLEM, pickle.dumps((item.path, str(item.error)))))
            else:
                rows.append((DOC, item))
            if len(rows) >= chunk:
                yield flush()
                rows = []
    if rows:
        yield flush()


class Extractor:
    """Extract stage: one actor per worker, holding the knowledge base and model."""

    def __init__(self, kb: KnowledgeBase, use_model: bool = True) -> None:
        self.kb = kb
        self.use_model = use_model
        for lang in ("en", "ar"):  # load the model and compile each lexicon once, up front
            extract_document("Warm up.", kb, lang=lang, use_model=use_model)

    def __call__(self, batch: Any) -> Any:
        rows: list[tuple[str, bytes]] = []
        for kind, payload in zip(batch.column("kind").to_pylist(),
                                 batch.column("payload").to_pylist(), strict=True):
            if kind != DOC:
                rows.append((kind, payload))
                continue
            doc: RawDocument = pickle.loads(payload)
            try:
                extraction = extract_document(doc.text, self.kb, name=doc.name, lang=doc.lang,
                                              published=doc.published,
                                              use_model=self.use_model)
            except Exception as exc:  # one document must never stop the job
                reason = (f"[E199] {doc.source_path}: extraction failed "
                          f"({type(exc).__name__}: {exc})")
                rows.append((FAILED, pickle.dumps((doc.source_path, reason))))
                continue
            item = DocumentItem(text=doc.text, name=doc.name, fmt=doc.fmt,
                                extraction=extraction, title=doc.title, url=doc.url,
                                published=doc.published, lang=doc.lang,
                                source_path=doc.source_path,
                                extractor_version=EXTRACTOR_VERSION)
            rows.append((NEW, pickle.dumps(item)))
        return _table(rows)

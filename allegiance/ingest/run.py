"""Ingest files into a store: read, skip what is stored, extract, write.

Library first: `ingest` takes plain arguments and an optional progress callback
and returns an `IngestReport`; the CLI only draws the progress bar and prints.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import or_, select, tuple_

from allegiance.analyse.materialize import pairs_of, refresh_relations
from allegiance.analyse.relations import DEFAULT_MODALITIES
from allegiance.extract.pipeline import EXTRACTOR_VERSION, extract_document
from allegiance.ingest.readers import (
    RawDocument,
    ReadOptions,
    ReadProblem,
    document_warnings,
    iter_paths,
    read_path,
)
from allegiance.kb import KnowledgeBase
from allegiance.store import models as m
from allegiance.store.db import Store
from allegiance.store.writer import (
    content_hash,
    document_exists,
    store_document,
    sync_knowledge_base,
)


@dataclass
class IngestReport:
    new: int = 0
    present: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    claims: int = 0
    words: int = 0
    new_names: list[str] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)
    relations: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line message)

    @property
    def documents(self) -> int:
        return self.new + self.present + len(self.failed)


def _extract_and_store(store: Store, kb: KnowledgeBase, doc: RawDocument,
                       report: IngestReport, use_model: bool = True,
                       link_scripts: bool = False) -> None:
    extraction = extract_document(doc.text, kb, name=doc.name, lang=doc.lang,
                                  published=doc.published, use_model=use_model)
    stored = store_document(store, text=doc.text, name=doc.name, fmt=doc.fmt,
                            extraction=extraction, title=doc.title, url=doc.url,
                            published=doc.published, lang=doc.lang,
                            source_path=doc.source_path, extractor_version=EXTRACTOR_VERSION,
                            link_scripts=link_scripts)
    if stored is None:
        report.present += 1
    else:
        report.new_ids.append(stored)
        report.new += 1
        report.claims += len(extraction.claims)
        report.words += extraction.words
        report.new_names.append(doc.name)


def ingest(paths: Sequence[str | Path], store: Store, kb: KnowledgeBase, *,
           options: ReadOptions | None = None,
           on_file: Callable[[Path, int, int], None] | None = None,
           on_problem: Callable[[str, str], None] | None = None,
           on_warning: Callable[[str, str], None] | None = None,
           use_model: bool = True, link_scripts: bool = False) -> IngestReport:
    """Read every file under `paths` and store each new document with its claims.

    A bad file is reported (`on_problem(path, reason)`) and skipped; the batch
    goes on. A document whose content is already stored is counted as present
    and not extracted again. `on_file(path, index, total)` is called before
    each file, for progress display; `on_warning(path, message)` for a document
    stored with something left out (a date that could not be read). Without
    `use_model` extraction runs on rules alone, as where no model is installed.
    `link_scripts` links discovered persons across scripts (see `store_document`).
    """
    options = options or ReadOptions()
    report = IngestReport()
    sync_knowledge_base(store, kb)
    files = list(iter_paths(paths))
    present: list[str] = []  # content hashes of documents an earlier run stored
    for index, path in enumerate(files):
        if on_file:
            on_file(path, index, len(files))
        for item in read_path(path, options):
            if isinstance(item, ReadProblem):
                reason = str(item.error)
                report.failed.append((item.path, reason))
                if on_problem:
                    on_problem(item.path, reason)
                continue
            for message in document_warnings(item):
                report.warnings.append((item.source_path, message))
                if on_warning:
                    on_warning(item.source_path, message)
            with store.session() as session:
                if document_exists(session, content_hash(item.text)):
                    report.present += 1
                    present.append(content_hash(item.text))
                    continue
            try:
                _extract_and_store(store, kb, item, report, use_model, link_scripts)
            except Exception as exc:  # one document must never stop the batch
                reason = f"[E199] {item.source_path}: extraction failed ({type(exc).__name__}: " \
                         f"{exc})"
                report.failed.append((item.source_path, reason))
                if on_problem:
                    on_problem(item.source_path, reason)
    # The relations the new claims touch are derived again, and those that a run
    # killed before this step left behind for documents it had stored.
    pairs = pairs_of(store, report.new_ids) | _unrefreshed_pairs(store, present)
    if pairs:
        report.relations = refresh_relations(store, pairs)
    return report


def _unrefreshed_pairs(store: Store, hashes: list[str]) -> set[tuple[str, str]]:
    """Actor pairs with a claim in these stored documents that no relation period holds.

    A document is committed before the batch's relations are derived, so an
    ingest killed in between leaves its pairs underived; the next run finds the
    document present and derives them here. A claim the periods leave out on
    purpose (a rejected one) only makes its pair be derived again, never wrong.
    """
    wanted: dict[tuple[str, str], set[int]] = {}
    covered: dict[tuple[str, str], set[int]] = {}
    for i in range(0, len(hashes), 500):
        with store.session() as session:
            rows = session.execute(
                select(m.Claim.id, m.Claim.source_id, m.Claim.target_id)
                .join(m.Document, m.Document.id == m.Claim.document_id)
                .where(m.Document.content_hash.in_(hashes[i:i + 500]),
                       m.Claim.source_id.is_not(None), m.Claim.target_id.is_not(None),
                       m.Claim.source_id != m.Claim.target_id,
                       or_(m.Claim.valid_from.is_not(None), m.Document.published.is_not(None)),
                       m.Claim.modality.in_(DEFAULT_MODALITIES)))
            for claim_id, source, target in rows:
                wanted.setdefault(tuple(sorted((source, target))), set()).add(claim_id)
    pairs = sorted(wanted)
    for i in range(0, len(pairs), 500):
        with store.session() as session:
            rows = session.execute(select(m.Relation.a, m.Relation.b, m.Relation.claim_ids)
                                   .where(tuple_(m.Relation.a, m.Relation.b)
                                          .in_(pairs[i:i + 500])))
            for a, b, ids in rows:
                covered.setdefault((a, b), set()).update(json.loads(ids))
    return {pair for pair, ids in wanted.items() if not ids <= covered.get(pair, set())}

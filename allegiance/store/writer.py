"""Write to the store: the knowledge base, and one document with all it yields.

Each document is written in one transaction, so an interrupted ingest leaves
either the whole document or nothing. Identities (document content hash, claim
key) are unique in the schema, so re-running an ingest adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from allegiance.extract.normalize import name_key
from allegiance.kb import KnowledgeBase
from allegiance.model import ActorRecord, Claim, Extraction, fact_start
from allegiance.store import models as m
from allegiance.store.db import Store
from allegiance.store.persons import Pending, link_persons, name_rows, remember


def content_hash(text: str) -> str:
    """The identity of a document: its text with whitespace runs folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def claim_key(doc_hash: str, claim: Claim) -> str:
    parts = [doc_hash, claim.type, claim.source or "", claim.target or "", claim.modality,
             claim.when or "", str(claim.evidence.start), str(claim.evidence.end)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def sync_knowledge_base(store: Store, kb: KnowledgeBase) -> int:
    """Add the knowledge base's actors, places and names that the store lacks.

    Returns how many rows were added. Existing rows are left as they are, so
    names an analyst added by hand survive. Two ingests starting together on a
    new store both try to add the base; the one that loses the race runs again
    and finds it there.
    """
    for attempt in range(3):
        try:
            return _sync_knowledge_base(store, kb)
        except IntegrityError:
            if attempt == 2:
                raise
    return 0


def _sync_knowledge_base(store: Store, kb: KnowledgeBase) -> int:
    added = 0
    with store.session() as session:
        actor_ids = set(session.scalars(select(m.Actor.id)))
        name_keys = set(session.execute(select(m.ActorName.actor_id, m.ActorName.text,
                                               m.ActorName.lang, m.ActorName.kind)))
        for actor in kb.actors.values():
            if actor.id not in actor_ids:
                session.add(m.Actor(id=actor.id, name=actor.name, type=actor.type, origin="kb",
                                    key=name_key(actor.name), country=actor.country,
                                    founded=actor.founded, dissolved=actor.dissolved,
                                    wikidata=actor.identifiers.get("wikidata"),
                                    notes=actor.notes))
                added += 1
            for name in actor.names:
                row = (actor.id, name.text, name.lang, name.kind)
                if row not in name_keys:
                    name_keys.add(row)
                    session.add(m.ActorName(actor_id=actor.id, text=name.text,
                                            key=name_key(name.text), lang=name.lang,
                                            kind=name.kind, valid_from=name.valid_from,
                                            valid_to=name.valid_to))
                    added += 1
        session.flush()
        place_ids = set(session.scalars(select(m.Place.id)))
        place_names = set(session.execute(select(m.PlaceName.place_id, m.PlaceName.text,
                                                 m.PlaceName.lang)))
        for place in kb.places.values():
            if place.id not in place_ids:
                session.add(m.Place(id=place.id, name=place.name, type=place.type, origin="kb",
                                    country=place.country, within=place.within, lat=place.lat,
                                    lon=place.lon))
                added += 1
            for name in place.names:
                row = (place.id, name.text, name.lang)
                if row not in place_names:
                    place_names.add(row)
                    session.add(m.PlaceName(place_id=place.id, text=name.text,
                                            key=name_key(name.text), lang=name.lang))
                    added += 1
    return added


def document_exists(session: Session, doc_hash: str) -> bool:
    return session.scalar(select(m.Document.id).where(m.Document.content_hash == doc_hash)) \
        is not None


def _ensure_actors(session: Session, records) -> set[str]:
    """Add the discovered actors and spellings the store lacks; return every id stored.

    Three queries for a document, whatever its number of actors: a per-actor lookup
    was most of the time a single-process ingest spent writing.
    """
    records = list(records)
    ids = {r.id for r in records}
    stored = set(session.scalars(select(m.Actor.id).where(m.Actor.id.in_(ids)))) if ids \
        else set()
    new = [r for r in records if r.id not in stored]
    for record in new:
        session.add(m.Actor(id=record.id, name=record.name, type=record.type,
                            origin="discovered", key=name_key(record.name)))
    if new:
        session.flush()
    discovered = {r.id for r in records if r.origin == "discovered"}
    spelled = {tuple(row) for row in session.execute(
        select(m.ActorName.actor_id, m.ActorName.text, m.ActorName.kind)
        .where(m.ActorName.actor_id.in_(discovered)))} if discovered else set()
    for record in records:
        if record.origin != "discovered":
            continue
        for row in name_rows(record):
            if (row["actor_id"], row["text"], row["kind"]) not in spelled:
                spelled.add((row["actor_id"], row["text"], row["kind"]))
                session.add(m.ActorName(**row))
    return ids


def store_document(store: Store, *, text: str, name: str, fmt: str, extraction: Extraction,
                   title: str | None = None, url: str | None = None,
                   published: str | None = None, lang: str | None = None,
                   source_path: str | None = None, extractor_version: str = "",
                   link_scripts: bool = False) -> int | None:
    """Write one document and its mentions, claims and evidence in one transaction.

    Returns the new document id, or None when a document with the same content
    is already stored (also when another process stored it a moment earlier).
    With `link_scripts`, a discovered person is moved onto the stored person of the
    other script it names (store/persons.py). Off by default: which of the two ids
    survives depends on which report is stored first, so two ingests of the same
    reports in another order (or at once) would not give the same store.
    """
    doc_hash = content_hash(text)
    try:
        with store.session() as session:
            if document_exists(session, doc_hash):
                return None
            document = m.Document(**_document_fields(
                doc_hash, text=text, name=name, fmt=fmt, extraction=extraction, title=title,
                url=url, published=published, lang=lang, source_path=source_path,
                extractor_version=extractor_version))
            session.add(document)
            session.flush()
            if link_scripts:
                extraction = link_persons(session, extraction)
            known = _ensure_actors(session, extraction.actors.values())
            others = {x.actor_id for x in extraction.mentions} - known
            if others:  # mentions of actors no claim names: only those the store has
                known |= set(session.scalars(select(m.Actor.id).where(m.Actor.id.in_(others))))
            for mention in extraction.mentions:
                if mention.actor_id in known:
                    session.add(m.Mention(document_id=document.id, actor_id=mention.actor_id,
                                          start=mention.start, end=mention.end,
                                          text=mention.text[:300], how=mention.how))
            seen_keys: set[str] = set()
            for claim in extraction.claims:
                key = claim_key(doc_hash, claim)
                if key in seen_keys:
                    continue
                seen_keys.add(key)
                row = m.Claim(**_claim_fields(claim, key, document.id, extraction,
                                              extractor_version))
                row.evidence.append(m.Evidence(**_evidence_fields(claim, document.id)))
                session.add(row)
            return document.id
    except IntegrityError:
        with store.session() as session:
            if document_exists(session, doc_hash):
                return None
        raise


def _document_fields(doc_hash: str, *, text: str, name: str, fmt: str,
                     extraction: Extraction, title: str | None, url: str | None,
                     published: str | None, lang: str | None, source_path: str | None,
                     extractor_version: str) -> dict:
    """A documents row; shared by `store_document` and `store_documents_bulk`."""
    return {"content_hash": doc_hash, "name": name, "title": title, "url": url,
            "published": published, "lang": lang, "fmt": fmt, "source_path": source_path,
            "text": text, "words": extraction.words, "extractor_version": extractor_version}


def _claim_fields(claim: Claim, key: str, document_id: int, extraction: Extraction,
                  extractor_version: str) -> dict:
    """A claims row; a place target the extraction resolved is a place id, else plain text."""
    return {
        "claim_key": key, "document_id": document_id, "type": claim.type,
        "source_id": claim.source,
        "target_id": None if claim.target_is_place else claim.target,
        "target_place_id": claim.target if claim.target_is_place
        and claim.target in extraction.places else None,
        "target_text": claim.target if claim.target_is_place
        and claim.target not in extraction.places else None,
        "valid_from": claim.when, "valid_from_precision": claim.precision,
        "valid_to": claim.until, "valid_to_precision": _precision(claim.until),
        "event_date": fact_start(claim.when, claim.until, extraction.published),
        "time_qualifier": claim.qualifier, "modality": claim.modality,
        "attributed_to": claim.attributed_to,
        # a place discovered in the text has no row in the store's places (kb only)
        "place_id": claim.place if claim.place in extraction.places
        and extraction.places[claim.place].origin == "kb" else None,
        "confidence": claim.confidence, "extractor_version": extractor_version}


def _evidence_fields(claim: Claim, document_id: int) -> dict:
    evidence = claim.evidence
    return {"document_id": document_id, "sentence_start": evidence.sentence_start,
            "sentence_end": evidence.sentence_end, "quote_start": evidence.start,
            "quote_end": evidence.end, "quote": evidence.text}


def _precision(date: str | None) -> str | None:
    if not date:
        return None
    return {1: "year", 2: "month"}.get(len(date.split("-")), "day")


@dataclass
class DocumentItem:
    """One read and extracted document, waiting for `store_documents_bulk`."""

    text: str
    name: str
    fmt: str
    extraction: Extraction
    title: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    source_path: str | None = None
    extractor_version: str = ""


#: SQLSTATEs worth retrying a whole batch for: deadlock, serialization failure.
_TRANSIENT_STATES = {"40P01", "40001"}


def store_documents_bulk(store: Store, items: Sequence[DocumentItem],
                         retries: int = 3, link_scripts: bool = False) -> list[int | None]:
    """Write many documents in one transaction, a few multi-row statements per table.

    The rows are the ones `store_document` writes for each item in turn (same
    ids in the same order on a store nobody else writes to), so a bulk ingest
    and a one-by-one ingest give the same store. Returns, per item, the new
    document id, or None when its content is stored already, appears earlier
    in `items`, or was stored by a concurrent writer a moment before: rows are
    inserted with ON CONFLICT DO NOTHING on the content hash and claim key
    instead of holding locks, and a batch that deadlocks is simply run again.
    """
    if not items:
        return []
    for attempt in range(retries + 1):
        try:
            with store.session() as session:
                return _write_bulk(session, items, link_scripts)
        except DBAPIError as exc:
            state = getattr(exc.orig, "sqlstate", None)
            locked = "database is locked" in str(exc.orig)
            if attempt == retries or not (state in _TRANSIENT_STATES or locked):
                raise
            time.sleep(0.05 * 2 ** attempt)
    raise AssertionError("unreachable")


def _insert_ignoring(session: Session, model: type[m.Base], *unique: str):
    """INSERT … ON CONFLICT (unique) DO NOTHING in the store's dialect."""
    table = model.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return pg_insert(table).on_conflict_do_nothing(index_elements=list(unique))
    if dialect == "sqlite":
        return sqlite_insert(table).on_conflict_do_nothing(index_elements=list(unique))
    return insert(table)


def _present(session: Session, column, values: Iterable) -> set:
    """Which of `values` the column holds, asked in chunks small enough for any driver."""
    values = list(dict.fromkeys(values))
    found: set = set()
    for i in range(0, len(values), 900):
        found.update(session.scalars(select(column).where(column.in_(values[i:i + 900]))))
    return found


def _write_bulk(session: Session, items: Sequence[DocumentItem],
                link_scripts: bool = False) -> list[int | None]:
    hashes = [content_hash(item.text) for item in items]
    stored = _present(session, m.Document.content_hash, hashes)
    first: dict[str, int] = {}  # content hash -> index of the item that writes it
    for index, doc_hash in enumerate(hashes):
        if doc_hash not in stored and doc_hash not in first:
            first[doc_hash] = index
    if not first:
        return [None] * len(items)
    rows = [_document_fields(doc_hash, text=items[i].text, name=items[i].name,
                             fmt=items[i].fmt, extraction=items[i].extraction,
                             title=items[i].title, url=items[i].url,
                             published=items[i].published, lang=items[i].lang,
                             source_path=items[i].source_path,
                             extractor_version=items[i].extractor_version)
            for doc_hash, i in first.items()]
    inserted = session.execute(
        _insert_ignoring(session, m.Document, "content_hash")
        .returning(m.Document.id, m.Document.content_hash), rows).all()
    doc_ids = {doc_hash: doc_id for doc_id, doc_hash in inserted}
    new = [(items[i], doc_ids[h], h) for h, i in first.items() if h in doc_ids]
    new.sort(key=lambda entry: entry[1])
    if link_scripts:  # (see store_document)
        new = _link_batch(session, new)

    # actors the documents discovered, then their surface forms (as _ensure_actors does)
    records: dict[str, ActorRecord] = {}  # the first document to name an actor describes it
    for item, _, _ in new:
        for record in item.extraction.actors.values():
            records.setdefault(record.id, record)
    mentioned = {x.actor_id for item, _, _ in new for x in item.extraction.mentions}
    existing = _present(session, m.Actor.id, [*records, *mentioned])
    missing = sorted(set(records) - existing)  # sorted: concurrent writers lock in one order
    if missing:
        session.execute(_insert_ignoring(session, m.Actor, "id"), [
            {"id": a, "name": records[a].name, "type": records[a].type, "origin": "discovered",
             "key": name_key(records[a].name)} for a in missing])
    discovered = [r.id for r in records.values() if r.origin == "discovered"]
    named: set[tuple[str, str, str]] = set()
    for i in range(0, len(discovered), 900):
        named.update(session.execute(
            select(m.ActorName.actor_id, m.ActorName.text, m.ActorName.kind)
            .where(m.ActorName.actor_id.in_(discovered[i:i + 900]))))
    names, mentions, claims, evidence = [], [], [], []
    available = set(existing)  # actors a mention may point to, as documents are written
    for item, doc_id, doc_hash in new:
        extraction = item.extraction
        for record in extraction.actors.values():
            available.add(record.id)
            if record.origin != "discovered":
                continue
            for row in name_rows(record):
                if (row["actor_id"], row["text"], row["kind"]) not in named:
                    named.add((row["actor_id"], row["text"], row["kind"]))
                    names.append(row)
        mentions += [{"document_id": doc_id, "actor_id": x.actor_id, "start": x.start,
                      "end": x.end, "text": x.text[:300], "how": x.how}
                     for x in extraction.mentions if x.actor_id in available]
        seen: set[str] = set()
        for claim in extraction.claims:
            key = claim_key(doc_hash, claim)
            if key not in seen:
                seen.add(key)
                claims.append(_claim_fields(claim, key, doc_id, extraction,
                                            item.extractor_version))
                evidence.append(_evidence_fields(claim, doc_id))
    if names:
        session.execute(_insert_ignoring(session, m.ActorName, "actor_id", "text", "lang",
                                         "kind"), names)
    if mentions:
        session.execute(insert(m.Mention.__table__), mentions)
    if claims:
        claim_ids = {key: claim_id for key, claim_id in session.execute(
            _insert_ignoring(session, m.Claim, "claim_key")
            .returning(m.Claim.claim_key, m.Claim.id), claims)}
        rows = [{**ev, "claim_id": claim_ids[c["claim_key"]]}
                for c, ev in zip(claims, evidence, strict=True) if c["claim_key"] in claim_ids]
        rows.sort(key=lambda row: row["claim_id"])
        session.execute(insert(m.Evidence.__table__), rows)
    return [doc_ids.get(h) if first.get(h) == index else None
            for index, h in enumerate(hashes)]


def _link_batch(session: Session, new: list) -> list:
    """`new` (item, document id, hash) with each item's discovered persons linked to
    the persons of the other script that the store or an earlier item names, as
    `store_document` links them one document at a time (store/persons.py)."""
    pending: Pending = {}
    present: set[str] = set()
    out = []
    for item, doc_id, doc_hash in new:
        extraction = link_persons(session, item.extraction, pending, present)
        if extraction is not item.extraction:
            item = replace(item, extraction=extraction)
        for record in extraction.actors.values():
            present.add(record.id)
            if record.origin == "discovered" and record.type == "person":
                remember(pending, name_rows(record))
        out.append((item, doc_id, doc_hash))
    return out


def add_review(store: Store, claim_id: int, action: str, note: str | None = None,
               correction: dict | None = None, reviewer: str | None = None) -> int:
    """Record an analyst's verdict on a claim; the claim itself is never changed."""
    if action not in ("accept", "reject", "correct"):
        raise ValueError(f"unknown review action {action!r}: use accept, reject or correct")
    with store.session() as session:
        if session.get(m.Claim, claim_id) is None:
            raise LookupError(f"no claim with id {claim_id}")
        review = m.Review(claim_id=claim_id, action=action, note=note, reviewer=reviewer,
                          correction=json.dumps(correction) if correction else None)
        session.add(review)
        session.flush()
        return review.id

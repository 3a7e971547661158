"""Write to the store: the knowledge base, and one document with all it yields.

Each document is written in one transaction, so an interrupted ingest leaves
either the whole document or nothing. Identities (document content hash, claim
key) are unique in the schema, so re-running an ingest adds nothing.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from allegiance.extract.normalize import name_key
from allegiance.kb import KnowledgeBase
from allegiance.model import Claim, Extraction
from allegiance.store import models as m
from allegiance.store.db import Store


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
    names an analyst added by hand survive.
    """
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


def _ensure_actor(session: Session, record, known: set[str]) -> None:
    if record.id in known:
        return
    if session.get(m.Actor, record.id) is None:
        session.add(m.Actor(id=record.id, name=record.name, type=record.type,
                            origin="discovered", key=name_key(record.name)))
        session.flush()
    known.add(record.id)
    for text in record.surface:
        exists = session.scalar(select(m.ActorName.id).where(
            m.ActorName.actor_id == record.id, m.ActorName.text == text))
        if exists is None and record.origin == "discovered":
            session.add(m.ActorName(actor_id=record.id, text=text, key=name_key(text),
                                    lang="und", kind="official"))


def store_document(store: Store, *, text: str, name: str, fmt: str, extraction: Extraction,
                   title: str | None = None, url: str | None = None,
                   published: str | None = None, lang: str | None = None,
                   source_path: str | None = None, extractor_version: str = "") -> int | None:
    """Write one document and its mentions, claims and evidence in one transaction.

    Returns the new document id, or None when a document with the same content
    is already stored (also when another process stored it a moment earlier).
    """
    doc_hash = content_hash(text)
    try:
        with store.session() as session:
            if document_exists(session, doc_hash):
                return None
            document = m.Document(content_hash=doc_hash, name=name, title=title, url=url,
                                  published=published, lang=lang, fmt=fmt,
                                  source_path=source_path, text=text, words=extraction.words,
                                  extractor_version=extractor_version)
            session.add(document)
            session.flush()
            known: set[str] = set()
            for record in extraction.actors.values():
                _ensure_actor(session, record, known)
            for mention in extraction.mentions:
                if mention.actor_id in known or session.get(m.Actor, mention.actor_id):
                    session.add(m.Mention(document_id=document.id, actor_id=mention.actor_id,
                                          start=mention.start, end=mention.end,
                                          text=mention.text[:300], how=mention.how))
            seen_keys: set[str] = set()
            for claim in extraction.claims:
                key = claim_key(doc_hash, claim)
                if key in seen_keys:
                    continue
                seen_keys.add(key)
                row = m.Claim(
                    claim_key=key, document_id=document.id, type=claim.type,
                    source_id=claim.source,
                    target_id=None if claim.target_is_place else claim.target,
                    target_place_id=claim.target if claim.target_is_place and claim.target
                    in extraction.places else None,
                    target_text=claim.target if claim.target_is_place
                    and claim.target not in extraction.places else None,
                    valid_from=claim.when, valid_from_precision=claim.precision,
                    valid_to=claim.until, valid_to_precision=_precision(claim.until),
                    time_qualifier=claim.qualifier, modality=claim.modality,
                    attributed_to=claim.attributed_to,
                    place_id=claim.place if claim.place in extraction.places else None,
                    confidence=claim.confidence, extractor_version=extractor_version)
                row.evidence.append(m.Evidence(
                    document_id=document.id, sentence_start=claim.evidence.sentence_start,
                    sentence_end=claim.evidence.sentence_end, quote_start=claim.evidence.start,
                    quote_end=claim.evidence.end, quote=claim.evidence.text))
                session.add(row)
            return document.id
    except IntegrityError:
        with store.session() as session:
            if document_exists(session, doc_hash):
                return None
        raise


def _precision(date: str | None) -> str | None:
    if not date:
        return None
    return {1: "year", 2: "month"}.get(len(date.split("-")), "day")


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

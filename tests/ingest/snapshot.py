"""A store's content, keyed by what rows mean rather than by their autoincrement ids.

Two stores that hold the same documents, actors, claims, evidence and relations
give equal snapshots even when one was written by a run that was killed and
started again (whose rolled-back transactions used up ids), or by another engine.
Timestamps are left out: they say when, not what.
"""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import select

from allegiance.store import models as m
from allegiance.store.db import Store


def _rows(session, table, columns: list[str]) -> list[tuple]:
    return [tuple(row) for row in session.execute(select(*(table.c[c] for c in columns)))]


def store_snapshot(store: Store) -> dict[str, Counter]:
    """Each table as a multiset of content tuples; ids become content hashes and claim keys."""
    with store.session() as session:
        documents = m.Document.__table__
        doc_hash = dict(session.execute(select(documents.c.id, documents.c.content_hash)).all())
        claims = m.Claim.__table__
        claim_key = dict(session.execute(select(claims.c.id, claims.c.claim_key)).all())
        snap: dict[str, Counter] = {}
        snap["documents"] = Counter(_rows(session, documents, [
            "content_hash", "name", "title", "url", "published", "lang", "fmt", "source_path",
            "text", "words", "extractor_version"]))
        snap["actors"] = Counter(_rows(session, m.Actor.__table__, [
            "id", "name", "type", "origin", "key", "country", "founded", "dissolved",
            "wikidata", "notes"]))
        snap["actor_names"] = Counter(_rows(session, m.ActorName.__table__, [
            "actor_id", "text", "key", "lang", "kind", "valid_from", "valid_to"]))
        snap["places"] = Counter(_rows(session, m.Place.__table__, [
            "id", "name", "type", "origin", "country", "within", "lat", "lon"]))
        snap["place_names"] = Counter(_rows(session, m.PlaceName.__table__, [
            "place_id", "text", "key", "lang"]))
        snap["mentions"] = Counter(
            (doc_hash[row[0]], *row[1:]) for row in _rows(session, m.Mention.__table__, [
                "document_id", "actor_id", "start", "end", "text", "how"]))
        snap["claims"] = Counter(
            (row[0], doc_hash[row[1]], *row[2:]) for row in _rows(session, claims, [
                "claim_key", "document_id", "type", "source_id", "target_id",
                "target_place_id", "target_text", "valid_from", "valid_from_precision",
                "valid_to", "valid_to_precision", "time_qualifier", "modality",
                "attributed_to", "place_id", "confidence", "extractor_version"]))
        snap["evidence"] = Counter(
            (claim_key[row[0]], doc_hash[row[1]], *row[2:]) for row in _rows(
                session, m.Evidence.__table__, ["claim_id", "document_id", "sentence_start",
                                                "sentence_end", "quote_start", "quote_end",
                                                "quote"]))
        snap["reviews"] = Counter(
            (claim_key[row[0]], *row[1:]) for row in _rows(session, m.Review.__table__, [
                "claim_id", "action", "correction", "note", "reviewer"]))
        snap["relations"] = Counter(
            (*row[:-1], tuple(sorted(claim_key[i] for i in json.loads(row[-1]))))
            for row in _rows(session, m.Relation.__table__, [
                "a", "b", "kind", "place", "start", "end", "end_reason", "start_key",
                "end_key", "types", "confidence", "sources", "contradicted", "claim_ids"]))
    return snap


def snapshot_difference(got: dict[str, Counter], want: dict[str, Counter]) -> dict[str, dict]:
    """Per table, the rows only one side has (a few of each): empty when the stores agree."""
    out = {}
    for table in sorted(set(got) | set(want)):
        extra = got.get(table, Counter()) - want.get(table, Counter())
        missing = want.get(table, Counter()) - got.get(table, Counter())
        if extra or missing:
            out[table] = {"extra": list(extra)[:3], "missing": list(missing)[:3],
                          "counts": (sum(got.get(table, Counter()).values()),
                                     sum(want.get(table, Counter()).values()))}
    return out

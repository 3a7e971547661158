"""What every export holds: actors, claims with their evidence, derived relation periods.

One function reads the store and returns plain dicts; each format only renders
them, so a GEXF, a CSV and a STIX bundle of the same store and window always
agree on which claims and relations they carry.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allegiance import __version__
from allegiance.analyse.relations import (
    DEFAULT_MODALITIES,
    ClaimRecord,
    RelationPeriod,
    active_at,
    active_within,
    derive_relations,
    load_claims,
    overlaps,
)
from allegiance.kb import KnowledgeBase
from allegiance.resolve.lineage import successor_at
from allegiance.store import models as m

__all__ = ["ALL_MODALITIES", "ExportData", "build_export_data", "first_day", "last_day",
           "parse_date"]

ALL_MODALITIES = frozenset({"asserted", "reported", "speculative", "negated"})
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def parse_date(text: str) -> str:
    """Check an ISO partial date given by a user ("2014", "2014-07", "2014-07-20").

    Raises ValueError with a message fit to show, so a typo never filters silently.
    """
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None
    return text.strip()


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    match = _PARTIAL_DATE.match(value or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    return year, month, day


def first_day(value: str) -> str:
    """The first calendar day an ISO partial date covers: "2014" → "2014-01-01"."""
    parts = _parts(value)
    if parts is None:
        return value
    year, month, day = parts
    return date(year, month or 1, day or 1).isoformat()


def last_day(value: str) -> str:
    """The last calendar day an ISO partial date covers: "2014-02" → "2014-02-28"."""
    parts = _parts(value)
    if parts is None:
        return value
    year, month, day = parts
    if month is None:
        return date(year, 12, 31).isoformat()
    if day is None:
        return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    return date(year, month, day).isoformat()


@dataclass
class ExportData:
    """Plain data shared by every format.

    actors: id → actor dict (every actor a claim or relation names).
    claims: claim dicts, each with its document and quote, sorted by id.
    relations: relation-period dicts, sorted by pair, place and start; each has
        `span_start`/`span_end`, full ISO days for graph timelines (an open period
        runs to `horizon`).
    meta: how the export was made (window, lineage, horizon, version).
    """

    actors: dict[str, dict] = field(default_factory=dict)
    claims: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def relation_actors(self) -> list[dict]:
        """The actors that relations connect: the nodes of a graph export."""
        ids = sorted({r["a"] for r in self.relations} | {r["b"] for r in self.relations})
        return [self.actors[i] for i in ids]


def _claim_in_window(claim: ClaimRecord, at: str | None, lo: str | None,
                     hi: str | None) -> bool:
    if at is None and lo is None and hi is None:
        return True
    if claim.start is None:
        return False  # an undated claim cannot be placed in a window
    if at is not None:
        return overlaps(claim.start, claim.end, at, at)
    return overlaps(claim.start, claim.end, lo, hi)


def _period_in_window(period: RelationPeriod, at: str | None, lo: str | None,
                      hi: str | None) -> bool:
    if at is not None:
        return active_at(period, at)
    if lo is None and hi is None:
        return True
    return active_within(period, lo, hi)


def _period_id(period: RelationPeriod) -> str:
    return "|".join([period.a, period.b, period.kind, period.place or "", period.start or ""])


def _direction(period: RelationPeriod, fold: Callable[[str], str]) -> tuple[str, str]:
    """How the period's claims mostly read (LEADER_OF person → group); ties keep a → b."""
    votes = Counter((fold(c.source), fold(c.target)) for c in period.claims
                    if c.source and c.target)
    forward, backward = votes[(period.a, period.b)], votes[(period.b, period.a)]
    return (period.b, period.a) if backward > forward else (period.a, period.b)


def _actor_dict(actor: m.Actor | None, actor_id: str, kb: KnowledgeBase) -> dict:
    """The store's row for the actor; the knowledge base's entry when the store lacks it."""
    if actor is not None:
        return {"id": actor.id, "name": actor.name, "type": actor.type, "origin": actor.origin,
                "country": actor.country, "founded": actor.founded,
                "dissolved": actor.dissolved, "wikidata": actor.wikidata,
                "aliases": sorted({n.text for n in actor.names} - {actor.name}), "folded": []}
    known = kb.actors.get(actor_id)
    if known is None:
        return {"id": actor_id, "name": actor_id, "type": "unknown", "origin": "unknown",
                "country": None, "founded": None, "dissolved": None, "wikidata": None,
                "aliases": [], "folded": []}
    return {"id": actor_id, "name": known.name, "type": known.type, "origin": "kb",
            "country": known.country, "founded": known.founded, "dissolved": known.dissolved,
            "wikidata": known.identifiers.get("wikidata"),
            "aliases": sorted({n.text for n in known.names} - {known.name}), "folded": []}


def build_export_data(session: Session, kb: KnowledgeBase, at: str | None = None,
                      start: str | None = None, end: str | None = None,
                      lineage: bool = False) -> ExportData:
    """Read the store once and return what every export format renders.

    Parameters
    ----------
    at : keep relation periods active on this date (`active_at`) and claims whose
        own time covers it; exclusive with `start`/`end`.
    start, end : keep periods and claims that overlap this window (either may be None).
    lineage : fold renamed predecessors into their latest successor, so Jabhat
        al-Nusra's relations belong to Hay'at Tahrir al-Sham's node.

    Claims of every modality are exported (each says its modality) except those an
    analyst rejected; relations are derived, as in every view, from asserted and
    reported claims. Claims keep the actors their text named, even under `lineage`.
    """
    for value in (at, start, end):
        if value is not None:
            parse_date(value)
    if at is not None and (start is not None or end is not None):
        raise ValueError("give either a date (at) or a window (start/end), not both")
    if start is not None and end is not None and first_day(start) > last_day(end):
        raise ValueError(f"the window starts ({start}) after it ends ({end})")

    records = load_claims(session, modalities=ALL_MODALITIES)
    fold: Callable[[str], str] = (lambda a: successor_at(a, "9999", kb)) if lineage \
        else (lambda a: a)
    periods = derive_relations([c for c in records if c.modality in DEFAULT_MODALITIES],
                               fold=fold)

    dates = [last_day(d) for c in records for d in (c.end, c.published) if d]
    data_horizon = max(dates) if dates else None
    horizon = last_day(end) if end is not None else data_horizon

    claims = [c for c in records if _claim_in_window(c, at, start, end)]
    kept = [p for p in periods if _period_in_window(p, at, start, end)]

    # Only the columns needed: a document's text can be large.
    documents = {row.id: row for row in session.execute(
        select(m.Document.id, m.Document.url, m.Document.ingested_at))}
    qualifiers = dict(session.execute(select(m.Claim.id, m.Claim.time_qualifier)).all())
    places = {p.id: p.name for p in session.scalars(select(m.Place))}
    nodes = {p.a for p in kept} | {p.b for p in kept}
    named = {c.source for c in claims} | {c.target for c in claims} | nodes
    named.discard(None)
    # attributed_to is an actor id when the source was recognised, else free text.
    wanted = named | {c.attributed_to for c in claims if c.attributed_to}
    stored = {a.id: a for a in session.scalars(
        select(m.Actor).where(m.Actor.id.in_(wanted)).options(selectinload(m.Actor.names)))}
    actors = {i: _actor_dict(stored.get(i), i, kb) for i in sorted(wanted)
              if i in named or i in stored or i in kb.actors}
    if lineage:
        for record in records:
            for old in (record.source, record.target):
                new = fold(old) if old else old
                if old and new != old and new in actors and old not in actors[new]["folded"]:
                    actors[new]["folded"].append(old)
        for actor in actors.values():
            actor["folded"].sort()

    def name(actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        return actors[actor_id]["name"] if actor_id in actors else None

    claim_dicts = []
    for c in sorted(claims, key=lambda c: c.id):
        doc = documents.get(c.document_id)
        claim_dicts.append({
            "id": c.id, "type": c.type, "source": c.source, "source_name": name(c.source),
            "target": c.target, "target_name": name(c.target),
            "target_place": c.target_place, "target_place_name": places.get(c.target_place),
            "target_text": c.target_text, "when": c.when, "until": c.until,
            "time_qualifier": qualifiers.get(c.id), "modality": c.modality,
            "attributed_to": c.attributed_to, "attributed_to_name": name(c.attributed_to),
            "place": c.place, "place_name": places.get(c.place), "confidence": c.confidence,
            "review": c.review,
            "document": {"id": c.document_id, "name": c.document, "title": c.title,
                         "published": c.published, "url": doc.url if doc else None},
            "quote": c.quote,
        })

    relation_dicts = []
    seen: Counter[str] = Counter()
    for p in kept:
        key = _period_id(p)
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        source, target = _direction(p, fold)
        span_start = first_day(p.start)
        closed_end = p.end if p.end_reason != "open" else None
        if closed_end is not None:
            span_end = last_day(closed_end)
        else:
            span_end = max(horizon or last_day(p.end or p.start), last_day(p.end or p.start))
        span_end = max(span_end, span_start)
        item = p.to_dict()
        item.update({
            "id": key, "a_name": name(p.a), "b_name": name(p.b), "source": source,
            "target": target, "place_name": places.get(p.place),
            "span_start": span_start, "span_end": span_end,
            "evidence": [{"claim": c.id, "type": c.type, "modality": c.modality,
                          "quote": c.quote, "document": c.document,
                          "title": c.title, "published": c.published,
                          "url": documents[c.document_id].url
                          if c.document_id in documents else None}
                         for c in p.claims],
        })
        relation_dicts.append(item)

    ingested = [d.ingested_at for d in documents.values() if d.ingested_at]
    meta = {"generator": f"allegiance {__version__}", "at": at, "from": start, "to": end,
            "lineage": lineage, "horizon": horizon,
            "store_updated": max(ingested).isoformat(timespec="seconds") if ingested else None,
            "relation_modalities": sorted(DEFAULT_MODALITIES)}
    return ExportData(actors=actors, claims=claim_dicts, relations=relation_dicts, meta=meta)

"""Every view as plain data: the dicts that `--json` prints and the API answers.

The CLI and the API only parse their input, call one function here and render
its result, so a view has one definition whatever asks for it. Functions take
an open store and the knowledge base, print nothing, and raise `QueryError`
(a bad date, an unknown action) or `NotFound` (an unknown actor, claim or
document) with a message fit to show a user.

`detail=True` adds what a page needs beyond the CLI's JSON ("actor_names": the
display name of every actor id, the offsets of actor mentions inside quotes) without changing
the shape the CLI prints.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import and_, func, or_, select

from allegiance import __version__
from allegiance.analyse.materialize import (
    count_periods,
    load_pair_periods,
    load_periods,
    load_periods_by_id,
    pair_of_claim,
    pair_period_outlines,
    recent_period_pairs,
    refresh_relations,
)
from allegiance.analyse.network import changes, measures, network, shifts
from allegiance.analyse.profile import actor_profile
from allegiance.analyse.relations import (
    DEFAULT_MODALITIES,
    RelationPeriod,
    derive_relations,
    load_claims,
    overlaps,
    with_quotes,
)
from allegiance.errors import NotFound, QueryError
from allegiance.extract.normalize import name_key
from allegiance.kb import KnowledgeBase
from allegiance.model import CLAIM_TYPES, MODALITIES
from allegiance.resolve.lineage import earliest_day, predecessors, successor_at
from allegiance.store import models as m
from allegiance.store import queries
from allegiance.store.db import Store

__all__ = [
    "KINDS", "NETWORK_LIMIT", "PAIR_CLAIMS_LIMIT", "REVIEW_ACTIONS", "actor_names",
    "actor_view", "changes_view", "check_date",
    "claim_view", "document_view", "export_view", "meta_view", "network_view", "pair_view",
    "places_view", "review_claim", "search_view", "shifts_view",
]

DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
KINDS = ("cooperative", "hostile", "lineage", "membership")
REVIEW_ACTIONS = ("accept", "reject", "correct")
SHIFT_KINDS = ("cooperative", "hostile")  # the kinds a shift turns between
NETWORK_LIMIT = 1000  # relations a network view returns unless asked for more
PAIR_CLAIMS_LIMIT = 500  # claims a pair view lists unless asked for more
#: The fields a correction may change (those the analysis reads back from a review).
CORRECTABLE = ("type", "source", "target", "when", "until", "modality")


# -- parameters ---------------------------------------------------------------------------

def check_date(value: str | None, option: str = "date") -> str | None:
    """An ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD) that exists, or None.

    Raises QueryError naming `option`, so a typo never filters a view silently.
    """
    from allegiance.export.data import parse_date  # the one check of a user's date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise QueryError(f"{option} {exc}") from None


def check_kinds(kinds: Iterable[str] | None) -> list[str] | None:
    """Relation kinds or claim types to keep; an unknown one is an error, not an empty view."""
    if not kinds:
        return None
    kinds = list(kinds)
    for kind in kinds:
        if kind not in KINDS and kind not in CLAIM_TYPES:
            raise QueryError(f"type {kind!r} is neither a relation kind ({', '.join(KINDS)}) "
                             "nor a claim type (ALLIED_WITH, ATTACKED, ...)")
    return kinds


# -- helpers ------------------------------------------------------------------------------

def actor_names(store: Store, ids: Iterable[str] | None = None,
                kb: KnowledgeBase | None = None) -> dict[str, str]:
    """Display names by actor id (all actors when `ids` is None); the KB fills gaps."""
    with store.session() as session:
        query = select(m.Actor.id, m.Actor.name)
        if ids is not None:
            ids = [i for i in set(ids) if i]
            if not ids:
                return {}
            query = query.where(m.Actor.id.in_(ids))
        names = dict(session.execute(query).all())
    for actor_id in ids or ():
        if actor_id not in names:
            names[actor_id] = kb.actors[actor_id].name if kb and actor_id in kb.actors \
                else actor_id
    return names


def _find_actor(session, name: str) -> m.Actor:
    if not name or not name.strip():
        raise QueryError("give an actor's name or id")
    found = queries.find_actors(session, name)
    if not found:
        raise NotFound(f"no actor named {name!r}")
    return found[0]


def _periods(store: Store, kb: KnowledgeBase, lineage: bool, *, at: str | None = None,
             start: str | None = None, end: str | None = None,
             kinds: Iterable[str] | None = None, place: str | None = None,
             limit: int | None = None) -> list[RelationPeriod]:
    """Stored relation periods (read by index), folded across renames when asked."""
    periods = load_periods(store, at=at, start=start, end=end, kinds=kinds, place=place,
                           limit=limit)
    if not lineage:
        return periods
    folded = []
    for period in periods:
        a, b = successor_at(period.a, "9999", kb), successor_at(period.b, "9999", kb)
        if a != b:
            period.a, period.b = min(a, b), max(a, b)
            folded.append(period)
    return folded


def _first_quotes(store: Store, claim_lists: list[list[int]]) -> list[list[str]]:
    """For each list of claim ids, the evidence quotes of its first three claims (in
    claim then evidence order), all read in one query."""
    wanted = sorted({i for ids in claim_lists for i in ids[:3]})
    by_claim: dict[int, list[str]] = {}
    with store.session() as session:
        for i in range(0, len(wanted), 500):
            for claim_id, quote in session.execute(
                    select(m.Evidence.claim_id, m.Evidence.quote)
                    .where(m.Evidence.claim_id.in_(wanted[i:i + 500]))
                    .order_by(m.Evidence.claim_id, m.Evidence.id)):
                by_claim.setdefault(claim_id, []).append(quote)
    return [[q for i in sorted(set(ids[:3])) for q in by_claim.get(i, [])]
            for ids in claim_lists]


def _family(actor_id: str, kb: KnowledgeBase, lineage: bool) -> set[str]:
    if not lineage:
        return {actor_id}
    return {actor_id, *predecessors(actor_id, kb), successor_at(actor_id, "9999", kb),
            *predecessors(successor_at(actor_id, "9999", kb), kb)}


def _mentions(session, evidence_ids: Iterable[int]) -> dict[int, list[dict]]:
    """Actor mentions inside each evidence quote, offsets relative to the quote."""
    ids = list(evidence_ids)
    if not ids:
        return {}
    ev, mn = m.Evidence.__table__, m.Mention.__table__
    query = (select(ev.c.id, mn.c.start - ev.c.quote_start, mn.c.end - ev.c.quote_start,
                    mn.c.actor_id, mn.c.text)
             .join(mn, and_(mn.c.document_id == ev.c.document_id,
                            mn.c.start >= ev.c.quote_start, mn.c.end <= ev.c.quote_end))
             .where(ev.c.id.in_(ids))
             .order_by(ev.c.id, mn.c.start))
    found: dict[int, list[dict]] = {}
    for evidence_id, start, end, actor, text in session.execute(query):
        found.setdefault(evidence_id, []).append(
            {"start": start, "end": end, "actor": actor, "text": text})
    return found


_SENTENCE_END = re.compile(r"[.!?؟](?=\s)|\n")


def _sentence_around(text: str, start: int, end: int, reach: int = 500) -> tuple[int, int]:
    """The bounds of the sentence holding text[start:end] (at most `reach` either side)."""
    lo = max(0, start - reach)
    stops = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    first = stops[-1] if stops else lo
    stop = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    last = stop.end() if stop else min(len(text), end + reach)
    while first < start and text[first].isspace():
        first += 1
    return first, last


def _sentences(session, evidence_ids: Iterable[int]) -> dict[int, dict]:
    """For each evidence: its whole sentence and the actor mentions in it (offsets in it).

    Evidence quotes are the clause that states a claim ("they cooperated"); a
    reader wants the sentence around it, with the actors it names marked.
    """
    ids = list(evidence_ids)
    ev, docs, mn = m.Evidence.__table__, m.Document.__table__, m.Mention.__table__
    found: dict[int, dict] = {}
    for i in range(0, len(ids), 200):
        rows = session.execute(select(ev.c.id, ev.c.document_id, ev.c.quote_start,
                                      ev.c.quote_end, docs.c.text)
                               .join(docs, docs.c.id == ev.c.document_id)
                               .where(ev.c.id.in_(ids[i:i + 200]))).all()
        for evidence_id, document_id, start, end, text in rows:
            first, last = _sentence_around(text, start, end)
            marks = session.execute(
                select(mn.c.start, mn.c.end, mn.c.actor_id, mn.c.text)
                .where(mn.c.document_id == document_id, mn.c.start >= first, mn.c.end <= last)
                .order_by(mn.c.start)).all()
            found[evidence_id] = {
                "sentence": text[first:last],
                "quote_in_sentence": [start - first, end - first],
                "mentions": [{"start": a - first, "end": b - first, "actor": actor,
                              "text": said} for a, b, actor, said in marks]}
    return found


def _first_evidence(session, claim_ids: list[int]) -> dict[int, int]:
    """Each claim's first evidence id (the one whose quote views show)."""
    ev = m.Evidence.__table__
    found: dict[int, int] = {}
    for i in range(0, len(claim_ids), 500):
        rows = session.execute(select(ev.c.claim_id, func.min(ev.c.id))
                               .where(ev.c.claim_id.in_(claim_ids[i:i + 500]))
                               .group_by(ev.c.claim_id))
        found |= dict(rows.all())
    return found


# -- views --------------------------------------------------------------------------------

def meta_view(store: Store) -> dict:
    """What the store holds and the span of time its claims cover (for a time slider)."""
    from allegiance.export.data import first_day, last_day

    with store.session() as session:
        documents = session.scalar(select(func.count(m.Document.id))) or 0
        claims = session.scalar(select(func.count(m.Claim.id))) or 0
        sides = select(m.Claim.source_id.label("actor")).union(
            select(m.Claim.target_id.label("actor"))).subquery()
        actors = session.scalar(select(func.count()).select_from(sides)
                                .where(sides.c.actor.is_not(None))) or 0
        lows = [session.scalar(select(func.min(m.Claim.valid_from))),
                session.scalar(select(func.min(m.Document.published)))]
        highs = [session.scalar(select(func.max(m.Claim.valid_from))),
                 session.scalar(select(func.max(m.Claim.valid_to))),
                 session.scalar(select(func.max(m.Document.published)))]
    lows = [first_day(v) for v in lows if v and DATE.match(v)]
    highs = [last_day(v) for v in highs if v and DATE.match(v)]
    return {"documents": documents, "actors": actors, "claims": claims,
            "first_date": min(lows) if lows else None,
            "last_date": max(highs) if highs else None, "version": __version__}


def actor_view(store: Store, kb: KnowledgeBase, name: str, *, at: str | None = None,
               lineage: bool = True, detail: bool = False) -> dict:
    """An actor's profile (see `actor_profile`), found by any of its names or its id."""
    at = check_date(at, "at")
    with store.session() as session:
        actor = _find_actor(session, name)
        profile = actor_profile(session, kb, actor.id, at=at, lineage=lineage)
    if detail:
        ids = {profile["id"], *profile["members"]}
        ids |= {r["other"] for r in profile["allies"] + profile["rivals"]}
        ids |= {s["source"] for s in profile["lineage"]} | {s["target"] for s in
                                                             profile["lineage"]}
        ids |= {x["leader"] for x in profile["leaders"]}
        ids |= {e["source"] for e in profile["events"]} | {e["target"] for e in
                                                           profile["events"]}
        profile["actor_names"] = actor_names(store, {i for i in ids if i}, kb)
    return profile


def network_view(store: Store, kb: KnowledgeBase, *, at: str | None = None,
                 start: str | None = None, end: str | None = None,
                 kinds: Iterable[str] | None = None, place: str | None = None,
                 lineage: bool = False, detail: bool = False,
                 limit: int | None = NETWORK_LIMIT) -> dict:
    """The network on a date or over a window: its relation periods and measures.

    At most `limit` relations (the best attested; None or 0 for all), with
    "total_relations" counting them all: a world-wide store holds tens of
    thousands at one date, more than a reader or a drawing can use. The measures
    describe the relations returned. With `detail`, "actors" lists each node's
    id, name and type.
    """
    at, start, end = check_date(at, "at"), check_date(start, "from"), check_date(end, "to")
    kinds = check_kinds(kinds)
    if not (at or start or end):
        raise QueryError("give a date (at) or a window (from, to)")
    if limit is not None and limit < 0:
        raise QueryError(f"limit must be 0 (all) or more, not {limit}")
    periods = _periods(store, kb, lineage, at=at, start=start, end=end, kinds=kinds,
                       place=place, limit=limit or None)
    total = len(periods)
    if limit and total >= limit:
        total = count_periods(store, at=at, start=start, end=end, kinds=kinds, place=place)
    graph = network(periods, at=at, start=start, end=end, kinds=kinds, place=place)
    stats = measures(graph)
    edges = [data["period"].to_dict() for _, _, data in graph.edges(data=True)]
    data = {"at": at, "from": start, "to": end, "relations": edges,
            "total_relations": total} | stats
    if detail:
        with store.session() as session:
            rows = session.execute(select(m.Actor.id, m.Actor.name, m.Actor.type)
                                   .where(m.Actor.id.in_(list(graph.nodes)))).all()
        known = {r.id: {"id": r.id, "name": r.name, "type": r.type} for r in rows}
        data["actors"] = [known.get(n, {"id": n, "name": n, "type": None})
                          for n in sorted(graph.nodes)]
    return data


def changes_view(store: Store, kb: KnowledgeBase, start: str, end: str, *,
                 lineage: bool = False, detail: bool = False) -> dict:
    """Relations that began, ended or turned between two dates."""
    start, end = check_date(start, "from"), check_date(end, "to")
    if not start or not end:
        raise QueryError("give both dates: from and to")
    periods = _periods(store, kb, lineage, start=start, end=end)
    result = changes(periods, start, end)
    data = {"began": [p.to_dict() for p in result["began"]],
            "ended": [p.to_dict() for p in result["ended"]],
            "turned": [{"from": a.to_dict(), "to": b.to_dict()}
                       for a, b in result["turned"]]}
    if detail:
        ids = {x for p in result["began"] + result["ended"] for x in (p.a, p.b)}
        ids |= {x for _, p in result["turned"] for x in (p.a, p.b)}
        data["actor_names"] = actor_names(store, ids, kb)
    return data


def _renamed_actors(kb: KnowledgeBase) -> set[str]:
    """Actors with a predecessor or successor: folding joins their pairs."""
    return {x for actor in kb.actors.values() for link in actor.lineage
            for x in (actor.id, link.target)}


def _latest_shifts(store: Store, kb: KnowledgeBase, lineage: bool, since: str | None,
                   limit: int, page: int = 1000) -> list[dict]:
    """The `limit` latest shifts, reading the newest periods first, page by page.

    Every pair met in a page is read whole (folded across renames when asked), as
    outlines: the few shown are read in full at the end.
    A pair not met yet has all its periods before the page's oldest, so its
    shifts cannot outrank `limit` shifts that begin on or after that date.
    """
    renamed = _renamed_actors(kb) if lineage else set()

    def fold(actor: str) -> str:
        return successor_at(actor, "9999", kb) if actor in renamed else actor

    family: dict[str, set[str]] = {}
    for actor in renamed:
        family.setdefault(fold(actor), {fold(actor)}).add(actor)
    seen: set[tuple[str, str]] = set()
    found: list[dict] = []
    for oldest, raw_pairs in recent_period_pairs(store, since=since, page=page):
        new = {tuple(sorted((fold(a), fold(b)))) for a, b in raw_pairs} - seen
        new = {pair for pair in new if pair[0] != pair[1]}
        seen |= new
        wanted = {tuple(sorted((x, y))) for a, b in new
                  for x in family.get(a, {a}) for y in family.get(b, {b})}
        outlines = pair_period_outlines(store, wanted, kinds=SHIFT_KINDS)
        for outline in outlines:
            outline.a, outline.b = sorted((fold(outline.a), fold(outline.b)))
        found += shifts([o for o in outlines if o.a != o.b], since)
        found.sort(key=lambda s: (s["to"].start or "", s["score"]), reverse=True)
        if len(found) >= limit and earliest_day(found[limit - 1]["to"].start or "0000") >= oldest:
            break
    found = found[:limit]
    # ranked on outlines: now read the shown periods whole, seen as their pair was folded
    periods = load_periods_by_id(store, {o.id for s in found for o in (s["from"], s["to"])})
    for shift in found:
        for side in ("from", "to"):
            outline = shift[side]
            shift[side] = periods[outline.id]
            shift[side].a, shift[side].b = outline.a, outline.b
    return found


def shifts_view(store: Store, kb: KnowledgeBase, *, since: str | None = None,
                limit: int = 15, lineage: bool = True, detail: bool = False) -> list[dict]:
    """Pairs whose recent claims turn against their earlier state, with evidence both sides.

    With `detail`, each shift also names its two actors ("a_name", "b_name").
    """
    since = check_date(since, "since")
    if limit < 1:
        raise QueryError(f"limit must be at least 1, not {limit}")
    found = _latest_shifts(store, kb, lineage, since, limit)
    quotes = _first_quotes(store, [p.claim_ids for s in found for p in (s["from"], s["to"])])
    out = [{"a": s["a"], "b": s["b"], "score": s["score"], "from": s["from"].to_dict(),
            "to": s["to"].to_dict(), "evidence_from": quotes[2 * i],
            "evidence_to": quotes[2 * i + 1]} for i, s in enumerate(found)]
    if detail:
        names = actor_names(store, {x for s in out for x in (s["a"], s["b"])}, kb)
        for shift in out:
            shift["a_name"], shift["b_name"] = names[shift["a"]], names[shift["b"]]
    return out


def search_view(store: Store, text: str) -> dict:
    """Actors, places and quotes matching a name or words, in any script."""
    key = name_key(text or "")
    if not key:
        raise QueryError("give a name or some words to search for")
    with store.session() as session:
        actor_ids = set(session.scalars(select(m.ActorName.actor_id)
                                        .where(m.ActorName.key.contains(key, autoescape=True))
                                        .limit(50)))
        actor_ids |= set(session.scalars(select(m.Actor.id)
                                         .where(m.Actor.key.contains(key, autoescape=True))
                                         .limit(50)))
        actors = session.scalars(select(m.Actor).where(m.Actor.id.in_(actor_ids))).all()
        place_ids = set(session.scalars(select(m.PlaceName.place_id)
                                        .where(m.PlaceName.key.contains(key, autoescape=True))
                                        .limit(50)))
        places = session.scalars(select(m.Place).where(m.Place.id.in_(place_ids))).all()
        quotes = session.execute(
            select(m.Evidence.claim_id, m.Evidence.quote)
            .where(or_(m.Evidence.quote.contains(text, autoescape=True),
                       m.Evidence.quote.icontains(text, autoescape=True)))
            .limit(20)).all()
    return {"actors": [{"id": a.id, "name": a.name, "type": a.type} for a in actors],
            "places": [{"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon}
                       for p in places],
            "claims": [{"id": cid, "quote": quote} for cid, quote in quotes]}


def _keep_changes(every: list, openers: set[int], limit: int | None) -> list:
    """At most `limit` claims: those that open periods (the latest if too many), then the
    newest; oldest first."""
    if not limit or len(every) <= limit:
        return every
    newest_first = every[::-1]
    keep = set([r.id for r in newest_first if r.id in openers][:limit])
    for r in newest_first:
        if len(keep) >= limit:
            break
        keep.add(r.id)
    return [r for r in every if r.id in keep]


def _by_time(records: Iterable) -> list:
    return sorted(records, key=lambda r: (r.start or "9999", r.id))


def _derived_pair(session, side_a: set[str], side_b: set[str], start: str | None,
                  end: str | None, limit: int | None, fold_to: dict[str, str]):
    """Periods derived from the pair's claims (across renames, or within a window)."""
    # every claim between the sides, rejected and doubtful ones too: the list shows
    # them all with their review; the periods read the ones that count
    every = _by_time(r for r in load_claims(session, side_a, between=side_b, quotes=False,
                                            modalities=MODALITIES, include_rejected=True)
                     if overlaps(r.start, r.end, start, end))
    records = [r for r in every if r.review != "reject" and r.modality in DEFAULT_MODALITIES]
    periods = derive_relations(records, fold=lambda x: fold_to.get(x, x))
    return periods, _keep_changes(every, {p.claims[0].id for p in periods}, limit), len(every)


def _stored_pair(session, store: Store, a: str, b: str, limit: int | None):
    """Periods as stored (kept current after each ingest and review), and the claims to
    list, read without reading every claim of a pair that has thousands."""
    periods = sorted(load_pair_periods(store, [tuple(sorted((a, b)))]),
                     key=lambda p: (p.place or "", earliest_day(p.start or "9999"), p.kind))
    claims = m.Claim.__table__
    # one count per direction: each is read from ix_claims_pair_date alone, where an OR
    # of the two made PostgreSQL visit every claim of the pair in the table
    counts = [select(func.count()).select_from(claims).where(
        claims.c.source_id == x, claims.c.target_id == y).scalar_subquery()
        for x, y in sorted({(a, b), (b, a)})]
    total = session.execute(select(sum(counts[1:], counts[0]))).scalar_one()
    options = {"quotes": False, "modalities": MODALITIES, "include_rejected": True}
    if not limit or total <= limit:
        every = _by_time(load_claims(session, {a}, between={b}, **options))
        return periods, every, total
    latest_first = sorted(periods, key=lambda p: earliest_day(p.start or "0000"), reverse=True)
    openers = [p.claim_ids[0] for p in latest_first if p.claim_ids][:limit]
    found = {r.id: r for r in load_claims(session, ids=openers, **options)}
    found |= {r.id: r for r in load_claims(session, {a}, between={b}, newest=limit, **options)}
    return periods, _keep_changes(_by_time(found.values()), set(openers), limit), total


def pair_view(store: Store, kb: KnowledgeBase, actor_a: str, actor_b: str, *,
              start: str | None = None, end: str | None = None, lineage: bool = True,
              detail: bool = False, limit: int | None = PAIR_CLAIMS_LIMIT) -> dict:
    """One pair's history: relation periods, then the claims between them, oldest first.

    At most `limit` claims are listed (None or 0: all), "claims_total" counting
    them all: the claim that opens each period first, so every change keeps
    its evidence, then the newest.

    With `detail`, "actor_names" maps every actor id to its display name, "title" holds
    the two actors' names, and each claim carries its evidence id, the whole
    sentence its quote stands in ("sentence", with "quote_in_sentence" offsets)
    and the actor mentions in that sentence ("mentions", offsets in the sentence).
    """
    start, end = check_date(start, "from"), check_date(end, "to")
    with store.session() as session:
        found_a, found_b = _find_actor(session, actor_a), _find_actor(session, actor_b)
        side_a = _family(found_a.id, kb, lineage)
        side_b = _family(found_b.id, kb, lineage)
        if len(side_a) == len(side_b) == 1 and not (start or end):
            periods, every, total = _stored_pair(session, store, found_a.id, found_b.id, limit)
        else:
            periods, every, total = _derived_pair(session, side_a, side_b, start, end, limit,
                                                  {x: found_a.id for x in side_a}
                                                  | {x: found_b.id for x in side_b})
        every = with_quotes(session, every)  # only for the claims listed
        rows = [{"id": r.id, "type": r.type, "source": r.source, "target": r.target,
                 "when": r.when, "until": r.until, "modality": r.modality,
                 "attributed_to": r.attributed_to, "confidence": r.confidence,
                 "place": r.place, "review": r.review,
                 "document": {"name": r.document, "title": r.title, "published": r.published},
                 "quote": r.quote} for r in every]
        evidence_ids = _first_evidence(session, [r.id for r in every]) if detail else {}
        evidence_ids = [evidence_ids.get(r.id) for r in every]
        sentences = _sentences(session, [i for i in evidence_ids if i]) if detail else {}
        title = [found_a.name, found_b.name]
    data = {"a": sorted(side_a), "b": sorted(side_b),
            "periods": [p.to_dict() for p in periods], "claims": rows,
            "claims_total": total}
    if detail:
        for row, evidence_id in zip(rows, evidence_ids, strict=True):
            row["evidence_id"] = evidence_id
            row |= sentences.get(evidence_id, {"sentence": row["quote"],
                                                "quote_in_sentence": None, "mentions": []})
        ids = side_a | side_b | {r["source"] for r in rows} | {r["target"] for r in rows}
        data["actor_names"] = actor_names(store, {i for i in ids if i}, kb)
        data["actor_names"][found_a.id], data["actor_names"][found_b.id] = title
        data["title"] = title
    return data


def claim_view(store: Store, claim_id: int) -> dict:
    """One claim as extracted, with every piece of evidence and every review, oldest first."""
    with store.session() as session:
        claim = session.get(m.Claim, claim_id)
        if claim is None:
            raise NotFound(f"no claim with id {claim_id}")
        ids = {claim.source_id, claim.target_id}
        names = dict(session.execute(select(m.Actor.id, m.Actor.name)
                                     .where(m.Actor.id.in_([i for i in ids if i]))).all())
        mentions = _mentions(session, [e.id for e in claim.evidence])
        review = queries.latest_review(claim)
        doc = claim.document
        return {
            "id": claim.id, "type": claim.type,
            "source": claim.source_id, "source_name": names.get(claim.source_id),
            "target": claim.target_id, "target_name": names.get(claim.target_id),
            "target_place": claim.target_place_id, "target_text": claim.target_text,
            "when": claim.valid_from, "when_precision": claim.valid_from_precision,
            "until": claim.valid_to, "until_precision": claim.valid_to_precision,
            "time_qualifier": claim.time_qualifier, "modality": claim.modality,
            "attributed_to": claim.attributed_to, "place": claim.place_id,
            "confidence": claim.confidence, "extractor_version": claim.extractor_version,
            "review": review.action if review else None,
            "document": {"id": doc.id, "name": doc.name, "title": doc.title, "url": doc.url,
                         "published": doc.published, "lang": doc.lang},
            "evidence": [{"id": e.id, "quote": e.quote, "quote_start": e.quote_start,
                          "quote_end": e.quote_end, "sentence_start": e.sentence_start,
                          "sentence_end": e.sentence_end,
                          "mentions": mentions.get(e.id, [])}
                         for e in sorted(claim.evidence, key=lambda e: e.id)],
            "reviews": [{"id": r.id, "action": r.action, "note": r.note,
                         "reviewer": r.reviewer,
                         "correction": json.loads(r.correction) if r.correction else None,
                         "created_at": r.created_at.isoformat()}
                        for r in claim.reviews],
        }


def document_view(store: Store, document_id: int) -> dict:
    """A document's metadata, its full text and the ids of the claims read from it."""
    with store.session() as session:
        doc = session.get(m.Document, document_id)
        if doc is None:
            raise NotFound(f"no document with id {document_id}")
        claim_ids = list(session.scalars(select(m.Claim.id)
                                         .where(m.Claim.document_id == document_id)
                                         .order_by(m.Claim.id)))
        return {"id": doc.id, "name": doc.name, "title": doc.title, "url": doc.url,
                "published": doc.published, "lang": doc.lang, "format": doc.fmt,
                "words": doc.words, "content_hash": doc.content_hash,
                "ingested_at": doc.ingested_at.isoformat(), "claims": claim_ids,
                "text": doc.text}


def check_correction(correction: dict | None) -> dict | None:
    """The fields of a correction, each checked: a bad one would silently skew every view."""
    if correction is None:
        return None
    if not isinstance(correction, dict) or not correction:
        raise QueryError("a correction is a non-empty object of fields to change")
    for key, value in correction.items():
        if key not in CORRECTABLE:
            raise QueryError(f"cannot correct {key!r}: use {', '.join(CORRECTABLE)}")
        if value is not None and not isinstance(value, str):
            raise QueryError(f"correction {key!r} must be a string or null")
    if correction.get("type") is not None and correction["type"] not in CLAIM_TYPES:
        raise QueryError(f"{correction['type']!r} is not a claim type")
    if correction.get("modality") is not None and correction["modality"] not in MODALITIES:
        raise QueryError(f"modality must be one of {', '.join(MODALITIES)}")
    check_date(correction.get("when"), "when")
    check_date(correction.get("until"), "until")
    return correction


def review_claim(store: Store, claim_id: int, action: str, note: str | None = None,
                 correction: dict | None = None, reviewer: str | None = None) -> dict:
    """Record a review, derive the pair's relations again and return the claim.

    The claim itself never changes; every view reads the latest review. A
    correction that moves the claim to other actors refreshes both pairs.
    """
    from allegiance.store.writer import add_review

    if action not in REVIEW_ACTIONS:
        raise QueryError(f"unknown action {action!r}: use accept, reject or correct")
    if action == "correct" and not correction:
        raise QueryError("a correct review needs a correction (the fields to change)")
    correction = check_correction(correction)
    try:
        add_review(store, claim_id, action, note=note, correction=correction,
                   reviewer=reviewer)
    except LookupError:
        raise NotFound(f"no claim with id {claim_id}") from None
    pairs = set(pair_of_claim(store, claim_id))
    with store.session() as session:
        claim = session.get(m.Claim, claim_id)
        for review in claim.reviews:
            fields = json.loads(review.correction) if review.correction else {}
            source = fields.get("source", claim.source_id)
            target = fields.get("target", claim.target_id)
            if source and target:
                pairs.add(tuple(sorted((source, target))))
    refresh_relations(store, pairs)
    return claim_view(store, claim_id)


def _claim_places(session) -> list:
    """Claims that name a place (scope or target) with their time; rejected ones left out."""
    claims, documents, reviews = m.Claim.__table__, m.Document.__table__, m.Review.__table__
    rows = session.execute(
        select(claims.c.id, claims.c.place_id, claims.c.target_place_id, claims.c.valid_from,
               claims.c.valid_to, documents.c.published)
        .join(documents, documents.c.id == claims.c.document_id)
        .where(or_(claims.c.place_id.is_not(None), claims.c.target_place_id.is_not(None)))
    ).all()
    latest = {r.claim_id: r.action for r in session.execute(
        select(reviews.c.claim_id, reviews.c.action)
        .where(reviews.c.claim_id.in_([r.id for r in rows]))
        .order_by(reviews.c.created_at, reviews.c.id))} if rows else {}
    return [r for r in rows if latest.get(r.id) != "reject"]


def places_view(store: Store, kb: KnowledgeBase, *, at: str | None = None,
                start: str | None = None, end: str | None = None) -> list[dict]:
    """Places that claims name, with coordinates, claim counts and claim ids (for a map).

    With `at`, claims whose time covers that date; with `from`/`to`, claims
    overlapping the window; a claim without its own time counts at its report's date.
    """
    at, start, end = check_date(at, "at"), check_date(start, "from"), check_date(end, "to")
    lo, hi = (at, at) if at else (start, end)
    by_place: dict[str, list[int]] = {}
    with store.session() as session:
        for row in _claim_places(session):
            when = row.valid_from or row.published
            if (lo or hi) and not overlaps(when, row.valid_to or when, lo, hi):
                continue
            for place in {row.place_id, row.target_place_id} - {None}:
                by_place.setdefault(place, []).append(row.id)
        places = {p.id: p for p in session.scalars(
            select(m.Place).where(m.Place.id.in_(list(by_place))))} if by_place else {}
    out = []
    for place_id, ids in sorted(by_place.items()):
        place, kb_place = places.get(place_id), kb.places.get(place_id)
        lat = place.lat if place and place.lat is not None else (kb_place and kb_place.lat)
        lon = place.lon if place and place.lon is not None else (kb_place and kb_place.lon)
        out.append({"id": place_id,
                    "name": place.name if place else (kb_place.name if kb_place else place_id),
                    "country": place.country if place else None,
                    "lat": lat, "lon": lon, "claims": len(ids), "claim_ids": sorted(ids)})
    return out


EXPORT_TYPES = {"gexf": ("application/gexf+xml", "gexf"),
                "graphml": ("application/graphml+xml", "graphml"),
                "csv": ("application/zip", "zip"),
                "json": ("application/json", "json"),
                "stix": ("application/json", "stix.json")}


def export_view(store: Store, kb: KnowledgeBase, fmt: str, *, at: str | None = None,
                start: str | None = None, end: str | None = None,
                lineage: bool = False) -> tuple[bytes, str, str]:
    """One export file as (content, media type, file name).

    CSV is two tables (claims and relation periods), so it comes as a zip of both.
    """
    from allegiance.export import EXPORTERS, build_export_data, export

    if fmt not in EXPORTERS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORTERS)}")
    at, start, end = check_date(at, "at"), check_date(start, "from"), check_date(end, "to")
    if at and (start or end):
        raise QueryError("give either at or from/to, not both")
    with store.session() as session:
        try:
            data = build_export_data(session, kb, at=at, start=start, end=end,
                                     lineage=lineage)
        except ValueError as exc:
            raise QueryError(str(exc)) from exc
    media_type, suffix = EXPORT_TYPES[fmt]
    with tempfile.TemporaryDirectory(prefix="allegiance-export-") as folder:
        written = export(data, fmt, Path(folder) / "allegiance.out")
        if fmt == "csv":
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in written:
                    name = path.name.replace("allegiance.out.", "")
                    archive.write(path, name)
            content = buffer.getvalue()
        else:
            content = written[0].read_bytes()
    return content, media_type, f"allegiance.{suffix}"

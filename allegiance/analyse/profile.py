"""An actor's profile: names over time, lineage, leaders, allies and rivals, events.

Every line carries the claims behind it, so views can cite their sources.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select, union_all
from sqlalchemy.orm import Session

from allegiance.analyse.materialize import fill_claim_ids, periods_from_rows
from allegiance.analyse.relations import (
    ClaimRecord,
    RelationPeriod,
    active_at,
    first_quotes,
    load_claims,
)
from allegiance.kb import KnowledgeBase
from allegiance.model import EVENT_TYPES, MODALITIES
from allegiance.resolve.lineage import earliest_day, latest_day, predecessors, successor_at
from allegiance.store import models as m

__all__ = ["PROFILE_LIMIT", "actor_profile", "family"]

PROFILE_LIMIT = 50  # allies and rivals shown per profile, best attested first
LINEAGE_TYPES = frozenset({"SPLINTER_OF", "MERGED_INTO", "RENAMED_TO"})


def family(actor_id: str, kb: KnowledgeBase) -> set[str]:
    """The actor with its predecessors and successors by renaming."""
    final = successor_at(actor_id, "9999", kb)
    return {actor_id, final, *predecessors(final, kb)}


def _citer(session: Session, cited: list[ClaimRecord]):
    """A function citing a claim, with the evidence of the `cited` ones read in one query."""
    # a busy actor cites thousands of leader claims: quotes by id, no record copied
    quotes = {c.id: c.quote for c in cited if c.quote is not None}
    quotes |= first_quotes(session, (c.id for c in cited if c.quote is None))

    def cite(claim: ClaimRecord) -> dict:
        return {"claim": claim.id, "type": claim.type, "when": claim.when,
                "until": claim.until, "modality": claim.modality,
                "document": claim.title or claim.document, "published": claim.published,
                "quote": quotes.get(claim.id, claim.quote)}
    return cite


def _stored_periods(session: Session, members: set[str],
                    at: str | None) -> list[RelationPeriod]:
    """The stored relation periods touching any of `members` (holding on `at`, if given)."""
    table = m.Relation.__table__
    light = [c for c in table.columns if c.name != "claim_ids"]  # read for the shown ones
    query = select(*light).where(or_(table.c.a.in_(members), table.c.b.in_(members)))
    if at:
        query = query.where(table.c.start_key <= latest_day(at),
                            table.c.end_key >= earliest_day(at))
    return periods_from_rows(session.execute(query))


def _ranked_periods(session: Session, members: set[str], kind: str,
                    limit: int) -> tuple[list[RelationPeriod], int]:
    """The `limit` best-attested periods of one kind touching `members` (renames within
    the family left out), and how many there are in all.

    Read per member and side from the front of ix_relations_a_rank / _b_rank, which
    hold a side's periods in ranking order with the other side last: the busiest
    actor's thousands of periods are counted and ranked in the index, and only the
    `limit` shown are read from the table.
    """
    table = m.Relation.__table__
    family = sorted(members)
    order = (table.c.sources.desc(), table.c.confidence.desc(), table.c.start_key,
             table.c.id)
    parts, counts = [], []
    for side, other in ((table.c.a, table.c.b), (table.c.b, table.c.a)):
        for member in family:
            touching = and_(side == member, table.c.kind == kind, other.not_in(family))
            counts.append(select(func.count()).select_from(table).where(touching)
                          .scalar_subquery())
            parts.append(select(table.c.id, table.c.sources, table.c.confidence,
                                table.c.start_key).where(touching).order_by(*order)
                         .limit(limit).subquery().select())
    total = session.scalar(select(sum(counts[1:], counts[0])))
    best = union_all(*parts).subquery()
    ids = list(session.scalars(select(best.c.id).order_by(
        best.c.sources.desc(), best.c.confidence.desc(), best.c.start_key, best.c.id)
        .limit(limit)))
    light = [c for c in table.columns if c.name != "claim_ids"]  # read for the shown ones
    rows = {row.id: row for row in session.execute(select(*light).where(table.c.id.in_(ids)))}
    return periods_from_rows(rows[i] for i in ids), total or 0


def _strongest(periods: list[RelationPeriod], limit: int) -> list[RelationPeriod]:
    return sorted(periods, key=lambda p: (-p.sources, -p.confidence, p.start or ""))[:limit]


def actor_profile(session: Session, kb: KnowledgeBase, actor_id: str, *,
                  at: str | None = None, lineage: bool = True,
                  limit: int = PROFILE_LIMIT) -> dict:
    """The profile of one actor (folding its renamed predecessors and successors).

    Returns a dict with: id, name, type, names (text, lang, kind, from, to),
    lineage (KB steps and lineage claims), leaders, allies, rivals (relation
    periods, each citing its first claims; the `limit` best attested of each,
    with "allies_total" and "rivals_total" counting all), and recent events,
    newest first. Relations come from the store's derived periods, so a group
    with thousands of partners answers as fast as one with three.
    """
    actor = session.get(m.Actor, actor_id)
    if actor is None:
        raise LookupError(f"no actor with id {actor_id!r}")
    members = family(actor_id, kb) if lineage else {actor_id}
    names = session.scalars(select(m.ActorName).where(m.ActorName.actor_id.in_(members)))
    if at is None:  # rank in the database: the busiest actor has some 20,000 periods
        allies, allies_total = _ranked_periods(session, members, "cooperative", limit)
        rivals, rivals_total = _ranked_periods(session, members, "hostile", limit)
        periods = allies + rivals
    else:
        periods = [p for p in _stored_periods(session, members, at)
                   if not (p.a in members and p.b in members)]  # a rename is lineage
    for period in periods:
        if period.b in members:
            period.a, period.b = period.b, period.a
        period.a = actor_id  # seen from the actor, whichever of its names made the claim
    if at is not None:
        periods = [p for p in periods if active_at(p, at)]
        allies = [p for p in periods if p.kind == "cooperative"]
        rivals = [p for p in periods if p.kind == "hostile"]
        allies_total, rivals_total = len(allies), len(rivals)
    shown = _strongest(allies, limit) + _strongest(rivals, limit)
    fill_claim_ids(session, shown)
    cited_ids = {i for p in shown for i in p.claim_ids[:5]}
    family_claims = load_claims(session, members, quotes=False,
                                types=LINEAGE_TYPES | {"LEADER_OF"})
    lineage_claims = [c for c in family_claims if c.type in LINEAGE_TYPES]
    leader_claims = [c for c in family_claims if c.type == "LEADER_OF" and c.target in members]
    events = load_claims(session, members, quotes=False, types=EVENT_TYPES, newest=15,
                         until=at)
    cited = {c.id: c for c in load_claims(session, ids=cited_ids, quotes=False,
                                          modalities=MODALITIES)}
    cite = _citer(session, list(cited.values()) + lineage_claims + leader_claims + events)

    def relation(period: RelationPeriod) -> dict:
        evidence = [cited[i] for i in period.claim_ids[:5] if i in cited]
        return period.to_dict() | {"other": period.b,
                                   "evidence": [cite(c) for c in evidence]}

    kb_actor = kb.actors.get(actor_id)
    lineage_steps = []
    for member in sorted(members):
        for link in (kb.actors[member].lineage if member in kb.actors else []):
            lineage_steps.append({"type": link.type, "source": member, "target": link.target,
                                  "date": link.date, "from": "knowledge base"})
    for claim in lineage_claims:
        lineage_steps.append({"type": claim.type, "source": claim.source,
                              "target": claim.target, "date": claim.when,
                              "from": "claim"} | cite(claim))
    leaders = [cite(c) | {"leader": c.source} for c in leader_claims]
    return {
        "id": actor_id,
        "name": actor.name,
        "type": actor.type,
        "origin": actor.origin,
        "country": actor.country,
        "wikidata": actor.wikidata,
        "members": sorted(members),
        "names": [{"text": n.text, "lang": n.lang, "kind": n.kind, "from": n.valid_from,
                   "to": n.valid_to, "actor": n.actor_id} for n in names],
        "notes": kb_actor.notes if kb_actor else None,
        "lineage": lineage_steps,
        "leaders": leaders,
        "allies": [relation(p) for p in _strongest(allies, limit)],
        "rivals": [relation(p) for p in _strongest(rivals, limit)],
        "allies_total": allies_total,
        "rivals_total": rivals_total,
        "events": [cite(c) | {"source": c.source, "target": c.target or c.target_place
                               or c.target_text} for c in events],
    }

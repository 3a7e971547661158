"""An actor's profile: names over time, lineage, leaders, allies and rivals, events.

Every line carries the claims behind it, so views can cite their sources.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from allegiance.analyse.relations import (
    KIND_OF,
    ClaimRecord,
    active_at,
    derive_relations,
    load_claims,
    with_quotes,
)
from allegiance.kb import KnowledgeBase
from allegiance.model import EVENT_TYPES
from allegiance.resolve.lineage import predecessors, successor_at
from allegiance.store import models as m

__all__ = ["actor_profile", "family"]


def family(actor_id: str, kb: KnowledgeBase) -> set[str]:
    """The actor with its predecessors and successors by renaming."""
    final = successor_at(actor_id, "9999", kb)
    return {actor_id, final, *predecessors(final, kb)}


def _citer(session: Session, cited: list[ClaimRecord]):
    """A function citing a claim, with the evidence of the `cited` ones read in one query."""
    quotes = {c.id: c.quote for c in with_quotes(session, cited)}

    def cite(claim: ClaimRecord) -> dict:
        return {"claim": claim.id, "type": claim.type, "when": claim.when,
                "until": claim.until, "modality": claim.modality,
                "document": claim.title or claim.document, "published": claim.published,
                "quote": quotes.get(claim.id, claim.quote)}
    return cite


def actor_profile(session: Session, kb: KnowledgeBase, actor_id: str, *,
                  at: str | None = None, lineage: bool = True) -> dict:
    """The profile of one actor (folding its renamed predecessors and successors).

    Returns a dict with: id, name, type, names (text, lang, kind, from, to),
    lineage (KB steps and lineage claims), leaders, allies, rivals (relation
    periods, each with its claims), and recent events, newest first.
    """
    actor = session.get(m.Actor, actor_id)
    if actor is None:
        raise LookupError(f"no actor with id {actor_id!r}")
    members = family(actor_id, kb) if lineage else {actor_id}
    names = session.scalars(select(m.ActorName).where(m.ActorName.actor_id.in_(members)))
    claims = load_claims(session, members, quotes=False)
    fold = (lambda a: actor_id if a in members else a) if lineage else None
    periods = [p for p in derive_relations(claims, fold=fold)
               if actor_id in (p.a, p.b) and (at is None or active_at(p, at))]

    def other(period) -> str:
        return period.b if period.a == actor_id else period.a

    lineage_claims = [c for c in claims if KIND_OF.get(c.type) == "lineage"]
    leader_claims = [c for c in claims if c.type == "LEADER_OF" and c.target in members]
    events = sorted((c for c in claims if c.type in EVENT_TYPES
                     and (at is None or (c.start or "") <= at)),
                    key=lambda c: (c.start or "", c.id), reverse=True)[:15]
    cite = _citer(session, [c for p in periods for c in p.claims[:5]] + lineage_claims
                  + leader_claims + events)

    def relation(period) -> dict:
        return period.to_dict() | {"other": other(period),
                                   "evidence": [cite(c) for c in period.claims[:5]]}

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
        "allies": [relation(p) for p in periods if p.kind == "cooperative"],
        "rivals": [relation(p) for p in periods if p.kind == "hostile"],
        "events": [cite(c) | {"source": c.source, "target": c.target or c.target_place
                               or c.target_text} for c in events],
    }

"""Read-side queries over the store, returning plain dicts.

Views (CLI, API, exports) call these; none of them builds SQL from strings.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from allegiance.extract.normalize import name_key
from allegiance.store import models as m


def summary(session: Session) -> dict:
    """Counts of what the store holds, and the most connected actors."""
    counts = {
        "documents": session.scalar(select(func.count(m.Document.id))) or 0,
        "claims": session.scalar(select(func.count(m.Claim.id))) or 0,
        "actors_named": session.scalar(select(func.count(func.distinct(m.Mention.actor_id))))
        or 0,
        "discovered_actors": session.scalar(select(func.count(m.Actor.id)).where(
            m.Actor.origin == "discovered")) or 0,
        "reviews": session.scalar(select(func.count(m.Review.id))) or 0,
    }
    by_type = dict(session.execute(select(m.Claim.type, func.count(m.Claim.id))
                                   .group_by(m.Claim.type)).all())
    by_modality = dict(session.execute(select(m.Claim.modality, func.count(m.Claim.id))
                                       .group_by(m.Claim.modality)).all())
    degree: dict[str, int] = {}
    for source, target in session.execute(select(m.Claim.source_id, m.Claim.target_id)):
        for actor in (source, target):
            if actor:
                degree[actor] = degree.get(actor, 0) + 1
    top_ids = sorted(degree, key=lambda a: -degree[a])[:10]
    names = dict(session.execute(select(m.Actor.id, m.Actor.name)
                                 .where(m.Actor.id.in_(top_ids))).all()) if top_ids else {}
    top = [{"id": a, "name": names.get(a, a), "claims": degree[a]} for a in top_ids]
    return {"counts": counts, "claims_by_type": by_type, "claims_by_modality": by_modality,
            "top_actors": top}


def find_actors(session: Session, name: str) -> list[m.Actor]:
    """Actors whose id or any name matches `name` (any language), best first."""
    key = name_key(name)
    ids = set(session.scalars(select(m.ActorName.actor_id).where(m.ActorName.key == key)))
    ids |= set(session.scalars(select(m.Actor.id).where(or_(m.Actor.key == key,
                                                              m.Actor.id == name))))
    if not ids:
        return []
    actors = list(session.scalars(select(m.Actor).where(m.Actor.id.in_(ids))))
    if len(actors) < 2:
        return actors
    claim_counts = dict(session.execute(
        select(m.Claim.source_id, func.count(m.Claim.id)).where(m.Claim.source_id.in_(ids))
        .group_by(m.Claim.source_id)).all())
    return sorted(actors, key=lambda a: (a.origin != "kb", -claim_counts.get(a.id, 0), a.id))


def latest_review(claim: m.Claim) -> m.Review | None:
    return claim.reviews[-1] if claim.reviews else None

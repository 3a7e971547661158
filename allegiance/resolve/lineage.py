"""One identity across names: map a name to the actor that bore it at the claim's time.

"al-Nusra" in a 2017 report is Hay'at Tahrir al-Sham: the knowledge base's
RENAMED_TO steps say so. Lineage claims themselves (renamed, split, merged)
keep the name's own actor, since they are about the old name.
"""

from __future__ import annotations

from functools import lru_cache

from allegiance.kb import KnowledgeBase
from allegiance.model import Claim

LINEAGE_CLAIMS = frozenset({"RENAMED_TO", "SPLINTER_OF", "MERGED_INTO"})


@lru_cache(maxsize=65536)  # views compare the same few thousand dates over and over
def earliest_day(date: str) -> str:
    """The first day an ISO partial date covers: "2016" → "2016-01-01"."""
    parts = date.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts[:3])


@lru_cache(maxsize=65536)
def latest_day(date: str) -> str:
    """The last day (as a sortable string) an ISO partial date covers: "2016" → "2016-12-31"."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31"
    return date


def successor_at(actor_id: str, date: str | None, kb: KnowledgeBase) -> str:
    """Follow RENAMED_TO steps that had happened by `date` (unchanged when date is None)."""
    if date is None:
        return actor_id
    start = earliest_day(date)
    seen = {actor_id}
    current = actor_id
    while current in kb.actors:
        step = next((link for link in kb.actors[current].lineage
                     if link.type == "RENAMED_TO" and link.date
                     and earliest_day(link.date) <= start and link.target not in seen), None)
        if step is None:
            break
        current = step.target
        seen.add(current)
    return current


def predecessors(actor_id: str, kb: KnowledgeBase) -> list[str]:
    """Actors renamed (directly or in steps) into `actor_id`, nearest first."""
    chain: list[str] = []
    frontier = [actor_id]
    while frontier:
        current = frontier.pop()
        for other in kb.actors.values():
            if other.id in chain or other.id == actor_id:
                continue
            if any(link.type == "RENAMED_TO" and link.target == current for link in other.lineage):
                chain.append(other.id)
                frontier.append(other.id)
    return chain


def resolve_claim_actors(claims: list[Claim], kb: KnowledgeBase, published: str | None,
                         renamed: dict[str, set[str]] | None = None) -> list[Claim]:
    """Point each claim's actors at the actor that bore the name at the claim's time.

    `renamed`, when given, collects for each successor the names' own actors it
    stood in for, so the document's forms of those names become its aliases too.
    """
    def moved(old: str, date: str) -> str:
        new = successor_at(old, date, kb)
        if renamed is not None and new != old:
            renamed.setdefault(new, set()).add(old)
        return new

    for claim in claims:
        if claim.type in LINEAGE_CLAIMS:
            continue
        date = claim.when or published
        if published and (not claim.when or claim.when[:4] == published[:4]) and \
                len(published) > len(date):
            date = published  # "2017" in a report of 2017-04-12 means up to that day
        if claim.source:
            claim.source = moved(claim.source, date)
        if claim.target and not claim.target_is_place:
            claim.target = moved(claim.target, date)
    return [c for c in claims if c.source != c.target or c.source is None]

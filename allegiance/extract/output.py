"""The extraction contract: one JSON object per document (see shared eval/README.md).

`allegiance extract --json` prints exactly this; outside scorers read it, so its
shape only grows, never changes.
"""

from __future__ import annotations

from allegiance.kb import KnowledgeBase
from allegiance.model import Extraction


def _aliases(surface: list[str], kb_names: list[str]) -> list[str]:
    return list(dict.fromkeys([*surface, *kb_names]))


def to_contract(extraction: Extraction, kb: KnowledgeBase) -> dict:
    """The JSON-ready dict of one document's extraction."""
    actors = []
    for record in extraction.actors.values():
        kb_actor = kb.actors.get(record.id)
        kb_names = [n.text for n in kb_actor.names] if kb_actor else []
        actors.append({"id": record.id, "name": record.name, "type": record.type,
                       "origin": record.origin, "aliases": _aliases(record.surface, kb_names)})
    places = []
    for record in extraction.places.values():
        kb_place = kb.places.get(record.id)
        kb_names = [n.text for n in kb_place.names] if kb_place else []
        places.append({"id": record.id, "name": record.name,
                       "aliases": _aliases(record.surface, kb_names)})
    claims = []
    for claim in extraction.claims:
        claims.append({
            "type": claim.type, "source": claim.source, "target": claim.target,
            "when": claim.when, "until": claim.until, "modality": claim.modality,
            "attributed_to": claim.attributed_to, "place": claim.place,
            "confidence": claim.confidence,
            "evidence": {"start": claim.evidence.start, "end": claim.evidence.end,
                         "text": claim.evidence.text},
        })
    return {"doc": extraction.doc, "lang": extraction.lang, "published": extraction.published,
            "actors": actors, "places": places, "claims": claims}

"""A STIX 2.1 bundle: actors as threat-actor or identity objects, relation periods as
relationship objects citing the quoted sentences behind them.

Only non-state armed groups become threat-actors; states, state forces and
organisations are identity objects (class organization), coalitions identity
(group) and people identity (individual), so the export makes no judgement the
data does not. Ids are uuid5 over our actor ids and period keys, and timestamps
are the store's last ingestion, so exporting an unchanged store twice gives the
same bundle and a consumer can update objects in place.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from stix2 import v21

from allegiance.export.data import ExportData

__all__ = ["NAMESPACE", "build_bundle", "stix_id", "write_stix"]

#: Fixed namespace for our uuid5 ids; changing it would change every exported id.
NAMESPACE = uuid.UUID("6f1c7a52-3d8e-5b0a-9c41-a11e61a9ce00")

IDENTITY_CLASS = {"state": "organization", "state_force": "organization",
                  "organization": "organization", "coalition": "group",
                  "person": "individual"}
RELATIONSHIP_TYPE = {"cooperative": "cooperates-with", "hostile": "hostile-to",
                     "lineage": "lineage-of", "membership": "member-of"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def stix_id(kind: str, key: str) -> str:
    """A deterministic STIX id: the same key always gives the same id."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _stamp(data: ExportData) -> datetime:
    updated = data.meta.get("store_updated")
    return datetime.fromisoformat(updated).replace(tzinfo=UTC) if updated else EPOCH


def _actor_object(actor: dict, stamp: datetime):
    refs = [{"source_name": "allegiance", "external_id": actor["id"]}]
    if actor.get("wikidata"):
        refs.append({"source_name": "wikidata", "external_id": actor["wikidata"],
                     "url": f"https://www.wikidata.org/wiki/{actor['wikidata']}"})
    common = {"name": actor["name"], "created": stamp, "modified": stamp,
              "labels": [actor["type"]], "external_references": refs}
    if actor["type"] == "armed_group":
        aliases = actor.get("aliases") or []
        return v21.ThreatActor(id=stix_id("threat-actor", actor["id"]),
                               **common, **({"aliases": aliases} if aliases else {}))
    return v21.Identity(id=stix_id("identity", actor["id"]),
                        identity_class=IDENTITY_CLASS.get(actor["type"], "unknown"), **common)


def _description(rel: dict) -> str:
    if rel["end_reason"] != "open" and rel["end"] == rel["start"]:
        when = f"on {rel['start']}"
    else:
        until = rel["end"] if rel["end_reason"] != "open" else "open"
        when = f"from {rel['start']} to {until}"
    text = (f"{rel['a_name'] or rel['a']} and {rel['b_name'] or rel['b']}: {rel['kind']} "
            f"({', '.join(rel['types'])}) {when}")
    if rel["end_reason"] == "turned":
        text += " (turned: claims of the opposite kind follow)"
    if rel["place_name"] or rel["place"]:
        text += f", in {rel['place_name'] or rel['place']}"
    text += f"; {rel['sources']} independent source(s)"
    if rel["contradicted"]:
        text += "; contradicted by claims of the opposite kind in the same time"
    return text + "."


def _references(rel: dict) -> list[dict]:
    refs = []
    for item in rel["evidence"]:
        ref = {"source_name": item["title"] or item["document"],
               "description": item["quote"] or f"claim {item['claim']} ({item['type']})",
               "external_id": f"allegiance-claim-{item['claim']}"}
        if item.get("url"):
            ref["url"] = item["url"]
        refs.append(ref)
    return refs


def build_bundle(data: ExportData) -> v21.Bundle:
    """The STIX bundle for the export data."""
    stamp = _stamp(data)
    actors = {a["id"]: _actor_object(a, stamp) for a in data.relation_actors()}
    objects: list = list(actors.values())
    for rel in data.relations:
        times = {"start_time": f"{rel['span_start']}T00:00:00Z"}
        if rel["end_reason"] != "open":
            times["stop_time"] = f"{rel['span_end']}T23:59:59Z"
        objects.append(v21.Relationship(
            id=stix_id("relationship", rel["id"]),
            relationship_type=RELATIONSHIP_TYPE[rel["kind"]],
            source_ref=actors[rel["source"]].id, target_ref=actors[rel["target"]].id,
            created=stamp, modified=stamp, description=_description(rel),
            confidence=max(0, min(100, round(rel["confidence"] * 100))),
            labels=[rel["kind"], *(t.lower() for t in rel["types"])],
            external_references=_references(rel), **times))
    key = "|".join([str(data.meta.get(k)) for k in ("at", "from", "to", "lineage")]
                   + sorted(o.id for o in objects))
    return v21.Bundle(objects=objects, id=stix_id("bundle", key))


def write_stix(data: ExportData, path: Path) -> list[Path]:
    """Write the bundle as pretty JSON; returns the paths written."""
    path.write_text(build_bundle(data).serialize(pretty=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return [path]

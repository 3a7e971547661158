"""GraphML with typed attributes, written by networkx.

A pair can hold several periods (hostile in 2014, cooperative in 2017), so the
graph is a multigraph: one edge per relation period, keyed by the period's id.
GraphML has no time model; `start`/`end` are the periods' ISO partial dates as
derived, `span_start`/`span_end` full days (an open period runs to the horizon).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from allegiance.export.data import ExportData

__all__ = ["build_graph", "write_graphml"]


def _clean(values: dict) -> dict:
    """GraphML has no null: leave an unknown value out rather than write "None"."""
    return {k: v for k, v in values.items() if v is not None}


def build_graph(data: ExportData) -> nx.MultiGraph:
    """The relation network as a networkx multigraph (actors, relation periods)."""
    graph = nx.MultiGraph(name="allegiance relations")
    for actor in data.relation_actors():
        graph.add_node(actor["id"], **_clean({
            "label": actor["name"], "type": actor["type"], "origin": actor["origin"],
            "country": actor.get("country"),
            "folded": ";".join(actor.get("folded") or []) or None}))
    for rel in data.relations:
        graph.add_edge(rel["a"], rel["b"], key=rel["id"], **_clean({
            "kind": rel["kind"], "start": rel["start"], "end": rel["end"],
            "span_start": rel["span_start"], "span_end": rel["span_end"],
            "end_reason": rel["end_reason"], "place": rel["place"],
            "confidence": float(rel["confidence"]), "sources": int(rel["sources"]),
            "types": ";".join(rel["types"]), "contradicted": bool(rel["contradicted"]),
            "claims": ";".join(str(c) for c in rel["claims"])}))
    return graph


def write_graphml(data: ExportData, path: Path) -> list[Path]:
    """Write the GraphML file; returns the paths written."""
    nx.write_graphml(build_graph(data), path, encoding="utf-8", prettyprint=True)
    return [path]

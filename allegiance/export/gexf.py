"""GEXF 1.3 in dynamic mode, so Gephi's timeline plays the network.

Written with xml.etree rather than networkx.write_gexf: networkx's 1.3 output
carries a wrong XML-Schema-instance namespace, a `mode` on `attributes` and a
`name` on `graph` that the 1.3 schema does not have, and a today's-date stamp
that makes two exports of one store differ.

Nodes are actors, edges are relation periods (one edge each, its `kind` the
relation kind, so Gephi keeps a pair's cooperative and hostile edges apart).
Each edge has one spell [first day, last day] of its period; each node has the
merged spells of its edges, so it appears with its first relation.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from xml.etree.ElementTree import Element, ElementTree, SubElement, indent

from allegiance.export.data import ExportData

__all__ = ["write_gexf"]

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

NODE_ATTRIBUTES = [("type", "string"), ("origin", "string"), ("country", "string"),
                   ("folded", "string")]
EDGE_ATTRIBUTES = [("kind", "string"), ("types", "string"), ("confidence", "double"),
                   ("sources", "integer"), ("period_start", "string"),
                   ("period_end", "string"), ("end_reason", "string"), ("place", "string"),
                   ("contradicted", "boolean"), ("claims", "string")]


def _merge(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Union of day intervals; touching ones (next day) join."""
    merged: list[tuple[str, str]] = []
    for start, end in sorted(spans):
        if merged:
            last_start, last_end = merged[-1]
            following = (date.fromisoformat(last_end) + timedelta(days=1)).isoformat()
            if start <= following:
                merged[-1] = (last_start, max(last_end, end))
                continue
        merged.append((start, end))
    return merged


def _attributes(graph: Element, cls: str, spec: list[tuple[str, str]]) -> None:
    block = SubElement(graph, "attributes", {"class": cls})
    for name, kind in spec:
        SubElement(block, "attribute", {"id": name, "title": name, "type": kind})


def _values(element: Element, values: dict[str, object]) -> None:
    block = SubElement(element, "attvalues")
    for key, value in values.items():
        if value is None or value == "":
            continue
        text = str(value).lower() if isinstance(value, bool) else str(value)
        SubElement(block, "attvalue", {"for": key, "value": text})


def _spells(element: Element, spans: list[tuple[str, str]]) -> None:
    block = SubElement(element, "spells")
    for start, end in spans:
        SubElement(block, "spell", {"start": start, "end": end})


def build_gexf(data: ExportData) -> ElementTree:
    """The GEXF document as an element tree."""
    root = Element("gexf", {"xmlns": NS, "xmlns:xsi": XSI,
                            "xsi:schemaLocation": f"{NS} {NS}/gexf.xsd", "version": "1.3"})
    meta = SubElement(root, "meta")
    updated = data.meta.get("store_updated")
    if updated:
        meta.set("lastmodifieddate", updated[:10])
    SubElement(meta, "creator").text = data.meta.get("generator", "allegiance")
    SubElement(meta, "description").text = (
        "Relations between armed actors derived from cited claims; "
        f"window at={data.meta.get('at')} from={data.meta.get('from')} "
        f"to={data.meta.get('to')}, lineage={data.meta.get('lineage')}")

    spans_of: dict[str, list[tuple[str, str]]] = {}
    for rel in data.relations:
        for end in (rel["a"], rel["b"]):
            spans_of.setdefault(end, []).append((rel["span_start"], rel["span_end"]))
    all_spans = [s for spans in spans_of.values() for s in spans]

    graph = SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "dynamic",
                                       "timeformat": "date", "timerepresentation": "interval"})
    if all_spans:
        graph.set("start", min(s for s, _ in all_spans))
        graph.set("end", max(e for _, e in all_spans))
    _attributes(graph, "node", NODE_ATTRIBUTES)
    _attributes(graph, "edge", EDGE_ATTRIBUTES)

    nodes = SubElement(graph, "nodes", {"count": str(len(spans_of))})
    for actor in data.relation_actors():
        node = SubElement(nodes, "node", {"id": actor["id"], "label": actor["name"]})
        _values(node, {"type": actor["type"], "origin": actor["origin"],
                       "country": actor.get("country"),
                       "folded": ";".join(actor.get("folded") or [])})
        _spells(node, _merge(spans_of[actor["id"]]))

    edges = SubElement(graph, "edges", {"count": str(len(data.relations))})
    for rel in data.relations:
        edge = SubElement(edges, "edge", {
            "id": rel["id"], "source": rel["a"], "target": rel["b"], "kind": rel["kind"],
            "label": f"{rel['kind']}: {', '.join(rel['types'])}",
            "weight": str(rel["confidence"])})
        _values(edge, {"kind": rel["kind"], "types": ";".join(rel["types"]),
                       "confidence": rel["confidence"], "sources": rel["sources"],
                       "period_start": rel["start"], "period_end": rel["end"],
                       "end_reason": rel["end_reason"], "place": rel["place"],
                       "contradicted": rel["contradicted"],
                       "claims": ";".join(str(c) for c in rel["claims"])})
        _spells(edge, [(rel["span_start"], rel["span_end"])])
    tree = ElementTree(root)
    indent(tree)
    return tree


def write_gexf(data: ExportData, path: Path) -> list[Path]:
    """Write the GEXF file; returns the paths written."""
    build_gexf(data).write(path, encoding="UTF-8", xml_declaration=True)
    return [path]

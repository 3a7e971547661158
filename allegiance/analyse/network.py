"""The network as of a date or over a window, and its measures.

Plain functions over relation periods (see `relations.py`): they return a
networkx graph or plain dicts and print nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from allegiance.analyse.relations import RelationPeriod, active_at, active_within

__all__ = ["changes", "measures", "network", "shifts"]

_EXACT_BETWEENNESS = 200
_BETWEENNESS_SAMPLE = 30


def _select(periods: Iterable[RelationPeriod], at: str | None, start: str | None,
            end: str | None, kinds: Iterable[str] | None, place: str | None
            ) -> list[RelationPeriod]:
    chosen = []
    wanted = set(kinds) if kinds else None
    for period in periods:
        if wanted and period.kind not in wanted and not (set(period.types) & wanted):
            continue
        if place and period.place != place:
            continue
        if at and not active_at(period, at):
            continue
        if (start or end) and not active_within(period, start, end):
            continue
        chosen.append(period)
    return chosen


def network(periods: Iterable[RelationPeriod], *, at: str | None = None,
            start: str | None = None, end: str | None = None,
            kinds: Iterable[str] | None = None, place: str | None = None) -> nx.MultiGraph:
    """A multigraph of the relation periods active at `at`, or overlapping [start, end].

    Parameters
    ----------
    periods : relation periods (see `derive_relations`).
    at : an ISO partial date; the periods holding on it.
    start, end : a window; the periods overlapping it (either may be None).
    kinds : keep only these kinds (cooperative, hostile, lineage, membership) or
        claim types (ALLIED_WITH ...).
    place : keep only periods scoped to this place id.

    Returns
    -------
    One edge per period, keyed by kind and place, with the period under "period".
    """
    graph = nx.MultiGraph()
    for period in _select(periods, at, start, end, kinds, place):
        graph.add_edge(period.a, period.b, key=(period.kind, period.place, period.start),
                       kind=period.kind, period=period, confidence=period.confidence)
    return graph


def measures(graph: nx.MultiGraph) -> dict:
    """Degree, betweenness and communities of cooperation of a network.

    Communities come from Louvain modularity over cooperative edges only, so
    that allies cluster and enemies separate (seeded: the same store gives the
    same blocs). Betweenness is exact up to 200 actors and estimated from 30
    sampled sources above that.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((a, b) for a, b in graph.edges())
    sample = None if simple.number_of_nodes() <= _EXACT_BETWEENNESS else _BETWEENNESS_SAMPLE
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=7)
    weights: dict[tuple[str, str], float] = {}
    for a, b, data in graph.edges(data=True):
        if data["kind"] == "cooperative":
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0.0) + data["confidence"]
    communities = []
    if weights:
        cooperative = nx.Graph()
        cooperative.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
        found = nx.community.louvain_communities(cooperative, weight="weight", seed=7)
        communities = sorted((sorted(c) for c in found if len(c) > 1),
                             key=lambda c: (-len(c), c))
    return {
        "nodes": simple.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "degree": dict(simple.degree()),
        "betweenness": {k: round(v, 4) for k, v in betweenness.items()},
        "communities": communities,
    }


def changes(periods: Iterable[RelationPeriod], before: str, after: str) -> dict:
    """Relations that began, ended or turned between two dates.

    A pair "turned" when its kind at `before` differs from its kind at `after`
    (allies become enemies); otherwise a relation active only at `after` began
    and one active only at `before` ended.
    """
    periods = sorted(periods, key=lambda p: p.start or "")  # the latest start wins
    then = {(p.a, p.b, p.place): p for p in periods if active_at(p, before)}
    now = {(p.a, p.b, p.place): p for p in periods if active_at(p, after)}
    began, ended, turned = [], [], []
    for key, period in now.items():
        if key not in then:
            began.append(period)
        elif then[key].kind != period.kind:
            turned.append((then[key], period))
    for key, period in then.items():
        if key not in now:
            ended.append(period)
    return {"began": began, "ended": ended, "turned": turned}


def shifts(periods: Iterable[RelationPeriod], since: str | None = None) -> list[dict]:
    """Pairs whose recent claims turn against their earlier state, strongest first.

    A shift is a cooperative period that follows (or overlaps the late part of)
    a hostile one for the same pair, or the reverse. With `since`, only shifts
    whose new period starts on or after it. The score grows with the confidence
    of both sides.
    """
    by_pair: dict[tuple[str, str], list[RelationPeriod]] = {}
    for period in periods:
        if period.kind in ("cooperative", "hostile"):
            by_pair.setdefault((period.a, period.b), []).append(period)
    unique: dict[tuple, dict] = {}
    for pair, items in by_pair.items():
        items.sort(key=lambda p: (p.start or "", p.kind))
        # the most confident earlier period of each kind, as the periods go by
        best: dict[str, RelationPeriod] = {}
        i = 0
        for later in items:
            while i < len(items) and (items[i].start or "") < (later.start or ""):
                earlier = items[i]
                if earlier.kind not in best or earlier.confidence > best[earlier.kind].confidence:
                    best[earlier.kind] = earlier
                i += 1
            earlier = best.get("hostile" if later.kind == "cooperative" else "cooperative")
            if earlier is None or (since and (later.start or "") < since):
                continue
            shift = {"a": pair[0], "b": pair[1], "from": earlier, "to": later,
                     "score": round(earlier.confidence * later.confidence, 3)}
            key = (pair[0], pair[1], later.start, later.kind)
            if key not in unique or shift["score"] > unique[key]["score"]:
                unique[key] = shift
    return sorted(unique.values(), key=lambda s: (s["to"].start or "", s["score"]),
                  reverse=True)

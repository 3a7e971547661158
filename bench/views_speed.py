"""Time the analysis views on a large store: `network --at`, `pair` and `actor`.

Each view makes the same library calls as its CLI command (rendering left out):

* network DATE: load_periods(store, at=DATE), the actor names, network(...),
  measures(...) and the edges' to_dict(), for 2013-06, 2017-01 and 2024-12;
* pair: find_actors for two actors (by name), their lineage families,
  claims_between, load_claims of both sides filtered to the pair,
  derive_relations and the CLI's rows; for the two busiest actors, and for the
  pair with the most claims between them;
* actor: find_actors, actor_profile(session, kb, id, lineage=False) and the
  actor names, for the busiest actor and one with the median claim count
  (synthetic actors are not in the knowledge base, so lineage is off).

The first run of each view is reported apart as "cold" (SQLite's page cache and
Python's caches empty for it; the OS file cache is not dropped); median and max
are over the --repeat runs after it. Target: under 0.5 s each.

    python bench/synthetic_store.py --out /tmp/synthetic.sqlite
    python bench/views_speed.py --db /tmp/synthetic.sqlite --repeat 5
    python bench/views_speed.py --db /tmp/synthetic.sqlite --profile actor-busiest
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from allegiance.analyse.materialize import load_periods  # noqa: E402
from allegiance.analyse.network import measures, network  # noqa: E402
from allegiance.analyse.profile import actor_profile  # noqa: E402
from allegiance.analyse.relations import derive_relations, load_claims, overlaps  # noqa: E402
from allegiance.kb import KnowledgeBase, load  # noqa: E402
from allegiance.resolve.lineage import predecessors, successor_at  # noqa: E402
from allegiance.store import models as m  # noqa: E402
from allegiance.store import queries  # noqa: E402
from allegiance.store.db import Store, open_store  # noqa: E402

TARGET_S = 0.5
DATES = ("2013-06", "2017-01", "2024-12")


class Phases:
    """Seconds spent per named phase within one run of a view."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._last = time.perf_counter()

    def mark(self, name: str) -> None:
        now = time.perf_counter()
        self.times[name] = self.times.get(name, 0.0) + now - self._last
        self._last = now


def network_view(store: Store, at: str, phases: Phases) -> str:
    """What `allegiance network --at DATE` computes (lineage off, its default)."""
    periods = load_periods(store, at=at)
    phases.mark("load_periods")
    with store.session() as session:
        names = dict(session.execute(select(m.Actor.id, m.Actor.name)).all())
    phases.mark("actor names")
    graph = network(periods, at=at)
    phases.mark("network")
    stats = measures(graph)
    phases.mark("measures")
    edges = [data["period"].to_dict() for _, _, data in graph.edges(data=True)]
    phases.mark("to_dict")
    return (f"{len(periods):,} periods loaded, {stats['nodes']:,} nodes, {len(edges):,} edges, "
            f"{len(stats['communities'])} communities, {len(names):,} names")


def _family(actor_id: str, kb: KnowledgeBase) -> set[str]:
    final = successor_at(actor_id, "9999", kb)
    return {actor_id, *predecessors(actor_id, kb), final, *predecessors(final, kb)}


def pair_view(store: Store, kb: KnowledgeBase, name_a: str, name_b: str,
              phases: Phases) -> str:
    """What `allegiance pair A B` computes (no --from/--to): periods, then every claim."""
    with store.session() as session:
        found_a = queries.find_actors(session, name_a)
        found_b = queries.find_actors(session, name_b)
        phases.mark("find_actors x2")
        side_a, side_b = _family(found_a[0].id, kb), _family(found_b[0].id, kb)
        phases.mark("lineage families")
        claims = [c for c in queries.claims_between(session, side_a, side_b)
                  if overlaps(c.valid_from or c.document.published,
                              c.valid_to or c.valid_from or c.document.published, None, None)]
        phases.mark("claims_between")
        records = [r for r in load_claims(session, side_a | side_b)
                   if (r.source in side_a and r.target in side_b)
                   or (r.source in side_b and r.target in side_a)]
        records = [r for r in records if overlaps(r.start, r.end, None, None)]
        phases.mark("load_claims(both sides)")
        fold_to = {x: found_a[0].id for x in side_a} | {x: found_b[0].id for x in side_b}
        periods = derive_relations(records, fold=lambda x: fold_to.get(x, x))
        phases.mark("derive_relations")
        rows = []
        for claim in claims:
            evidence = claim.evidence[0] if claim.evidence else None
            review = queries.latest_review(claim)
            rows.append({"id": claim.id, "type": claim.type, "source": claim.source_id,
                         "target": claim.target_id, "when": claim.valid_from,
                         "until": claim.valid_to, "modality": claim.modality,
                         "attributed_to": claim.attributed_to, "confidence": claim.confidence,
                         "place": claim.place_id, "review": review.action if review else None,
                         "document": {"name": claim.document.name,
                                      "title": claim.document.title,
                                      "published": claim.document.published},
                         "quote": evidence.quote if evidence else None})
        phases.mark("rows")
    return f"{len(claims):,} claims, {len(records):,} records, {len(periods):,} periods"


def actor_view(store: Store, kb: KnowledgeBase, name: str, phases: Phases) -> str:
    """What `allegiance actor NAME --no-lineage` computes."""
    with store.session() as session:
        found = queries.find_actors(session, name)
        phases.mark("find_actors")
        profile = actor_profile(session, kb, found[0].id, lineage=False)
        phases.mark("actor_profile")
        names = dict(session.execute(select(m.Actor.id, m.Actor.name)).all())
        phases.mark("actor names")
    return (f"{len(profile['allies']):,} allies, {len(profile['rivals']):,} rivals, "
            f"{len(profile['events'])} events, {len(names):,} names")


def busiest_and_median(store: Store) -> tuple[tuple[str, str, int], ...]:
    """(id, name, claims) of the two busiest actors, the median actor and the two actors
    of the busiest pair (with the pair's claim count)."""
    degree: Counter[str] = Counter()
    with store.session() as session:
        for column in (m.Claim.source_id, m.Claim.target_id):
            degree.update(dict(session.execute(
                select(column, func.count()).where(column.is_not(None))
                .group_by(column)).all()))
        ordered = degree.most_common()
        pair = session.execute(
            select(m.Claim.source_id, m.Claim.target_id, func.count().label("n"))
            .where(m.Claim.target_id.is_not(None))
            .group_by(m.Claim.source_id, m.Claim.target_id).order_by(func.count().desc())
            .limit(1)).one()
        chosen = [ordered[0], ordered[1], ordered[len(ordered) // 2], (pair[0], pair[2]),
                  (pair[1], pair[2])]
        names = dict(session.execute(select(m.Actor.id, m.Actor.name).where(
            m.Actor.id.in_([a for a, _ in chosen]))).all())
    return tuple((a, names[a], n) for a, n in chosen)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Time `network --at`, `pair` and `actor` (the library calls the CLI makes) "
                    "on a store, e.g. one built by bench/synthetic_store.py; prints the cold "
                    "first run and the median and max of the warm runs of each view, "
                    "against a 0.5 s target.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/synthetic.sqlite"),
                        help="The SQLite store to read.")
    parser.add_argument("--repeat", type=int, default=5,
                        help="Warm runs of each view after the cold one.")
    parser.add_argument("--only", action="append", default=None,
                        help="Run only views whose label starts with this (repeatable).")
    parser.add_argument("--profile", metavar="LABEL", default=None,
                        help="cProfile one warm run of the view with this label and print "
                             "its top functions by cumulative time.")
    parser.add_argument("--phases", action="store_true",
                        help="Also print the median seconds of each phase within a view.")
    args = parser.parse_args()
    if not args.db.exists():
        parser.error(f"{args.db} does not exist; build it with bench/synthetic_store.py")

    started = time.perf_counter()
    store = open_store(f"sqlite:///{args.db.resolve()}")
    kb = load()
    print(f"open_store + kb.load(): {time.perf_counter() - started:.2f} s (paid once per "
          "CLI call, not counted below)")
    started = time.perf_counter()
    chosen = busiest_and_median(store)
    (busy, busy_name, busy_n), (second, second_name, second_n), (mid, mid_name, mid_n) = \
        chosen[:3]
    (pair_a, pair_a_name, pair_n), (pair_b, pair_b_name, _) = chosen[3:]
    with store.session() as session:
        relations = session.scalar(select(func.count(m.Relation.id))) or 0
        claims = session.scalar(select(func.count(m.Claim.id))) or 0
    print(f"store: {claims:,} claims, {relations:,} relation periods; busiest actors "
          f"{busy} ({busy_n:,} claims), {second} ({second_n:,}); median {mid} ({mid_n:,}); "
          f"busiest pair {pair_a} - {pair_b} ({pair_n:,} claims one way) "
          f"[setup {time.perf_counter() - started:.1f} s]")
    if not relations:
        print("warning: the relations table is empty; run `allegiance relations` first")

    views: list[tuple[str, Callable[[Phases], str]]] = [
        (f"network --at {d}", lambda p, d=d: network_view(store, d, p)) for d in DATES]
    views += [
        ("pair busiest x second", lambda p: pair_view(store, kb, busy_name, second_name, p)),
        ("pair busiest pair", lambda p: pair_view(store, kb, pair_a_name, pair_b_name, p)),
        ("actor busiest", lambda p: actor_view(store, kb, busy_name, p)),
        ("actor median", lambda p: actor_view(store, kb, mid_name, p)),
    ]
    if args.only:
        views = [v for v in views if any(v[0].startswith(o) for o in args.only)]

    if args.profile:
        label, view = next((v for v in views if v[0].startswith(args.profile)), (None, None))
        if view is None:
            parser.error(f"no view labelled {args.profile!r}")
        view(Phases())  # warm it first
        profiler = cProfile.Profile()
        profiler.enable()
        view(Phases())
        profiler.disable()
        print(f"\nprofile of one warm run of {label!r}:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return

    results = []
    for label, view in views:
        times, phase_runs, note = [], [], ""
        for _ in range(args.repeat + 1):
            phases = Phases()
            t0 = time.perf_counter()
            note = view(phases)
            times.append(time.perf_counter() - t0)
            phase_runs.append(phases.times)
        cold, warm = times[0], times[1:] or times
        median, worst = statistics.median(warm), max(warm)
        results.append((label, cold, median, worst, note))
        print(f"{label:<24} cold {cold:7.3f} s  median {median:7.3f} s  max {worst:7.3f} s"
              f"  {'ok' if worst < TARGET_S else 'SLOW'}  ({note})", flush=True)
        if args.phases:
            names = list(phase_runs[-1])
            print("    " + ", ".join(
                f"{n} {statistics.median(r.get(n, 0.0) for r in phase_runs[1:] or phase_runs):.3f}"
                for n in names))

    print(f"\n{'view':<24}{'cold s':>9}{'median s':>10}{'max s':>9}  under {TARGET_S} s")
    for label, cold, median, worst, _ in results:
        verdict = "yes" if worst < TARGET_S else ("median only" if median < TARGET_S else "no")
        print(f"{label:<24}{cold:9.3f}{median:10.3f}{worst:9.3f}  {verdict}")
    store.close()


if __name__ == "__main__":
    main()

"""Time the analysis views on a large store: `network --at`, `pair`, `actor`, `shifts`.

Each run calls the view function its CLI command calls (`allegiance.analyse.views`)
and serialises the result as `--json` prints it (table rendering left out):

* network DATE: `network_view(at=DATE)` with the default limit of the best-attested
  relations, for 2013-06, 2017-01 and 2024-12;
* pair: `pair_view` for the two busiest actors, and for the pair with the most
  claims between them (every claim is listed);
* actor: `actor_view` for the busiest actor and one with the median claim count;
* shifts: `shifts_view` with its default limit.

The first run of each view is reported apart as "cold" (the database's page cache
and Python's caches empty for it; the OS file cache is not dropped); median and
max are over the --repeat runs after it. Target: under 0.5 s each.

    python bench/synthetic_store.py --out /tmp/synthetic.sqlite
    python bench/views_speed.py --db /tmp/synthetic.sqlite --repeat 5
    python bench/views_speed.py --db postgresql+psycopg://postgres@127.0.0.1/bench
    python bench/views_speed.py --db /tmp/synthetic.sqlite --profile "actor busiest"
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
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

from allegiance.analyse import views  # noqa: E402
from allegiance.kb import KnowledgeBase, load  # noqa: E402
from allegiance.store import models as m  # noqa: E402
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


def _printed(data) -> str:
    """The view as `--json` prints it: serialising is part of answering."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def network_run(store: Store, kb: KnowledgeBase, at: str, phases: Phases) -> str:
    """`allegiance network --at DATE --json` (lineage off, its default; default limit)."""
    data = views.network_view(store, kb, at=at)
    phases.mark("network_view")
    _printed(data)
    phases.mark("json")
    return (f"{len(data['relations']):,} of {data['total_relations']:,} relations, "
            f"{data['nodes']:,} nodes, {len(data['communities'])} communities")


def pair_run(store: Store, kb: KnowledgeBase, name_a: str, name_b: str,
             phases: Phases) -> str:
    """`allegiance pair A B --json` (no --from/--to): periods, then every claim."""
    data = views.pair_view(store, kb, name_a, name_b)
    phases.mark("pair_view")
    _printed(data)
    phases.mark("json")
    return f"{len(data['claims']):,} claims, {len(data['periods']):,} periods"


def actor_run(store: Store, kb: KnowledgeBase, name: str, phases: Phases) -> str:
    """`allegiance actor NAME --json`."""
    data = views.actor_view(store, kb, name)
    phases.mark("actor_view")
    _printed(data)
    phases.mark("json")
    return (f"{len(data['allies'])} of {data['allies_total']:,} allies, "
            f"{len(data['rivals'])} of {data['rivals_total']:,} rivals, "
            f"{len(data['events'])} events")


def shifts_run(store: Store, kb: KnowledgeBase, phases: Phases) -> str:
    """`allegiance shifts --json` (default limit)."""
    data = views.shifts_view(store, kb)
    phases.mark("shifts_view")
    _printed(data)
    phases.mark("json")
    return f"{len(data)} shifts"


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
    parser.add_argument("--db", default="/tmp/synthetic.sqlite",
                        help="The store to read: a SQLite file or a database URL.")
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
    url = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    if "://" not in args.db and not Path(args.db).exists():
        parser.error(f"{args.db} does not exist; build it with bench/synthetic_store.py")

    started = time.perf_counter()
    store = open_store(url)
    kb = load()
    # as the CLI does after loading the knowledge base (cli/app.py `load_kb`): its objects
    # stay out of the collector's full passes, which otherwise add 0.1-0.2 s to a view
    gc.collect()
    gc.freeze()
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

    runs: list[tuple[str, Callable[[Phases], str]]] = [
        (f"network --at {d}", lambda p, d=d: network_run(store, kb, d, p)) for d in DATES]
    runs += [
        ("pair busiest x second", lambda p: pair_run(store, kb, busy, second, p)),
        ("pair busiest pair", lambda p: pair_run(store, kb, pair_a, pair_b, p)),
        ("actor busiest", lambda p: actor_run(store, kb, busy, p)),
        ("actor median", lambda p: actor_run(store, kb, mid, p)),
        ("shifts", lambda p: shifts_run(store, kb, p)),
    ]
    if args.only:
        runs = [v for v in runs if any(v[0].startswith(o) for o in args.only)]

    if args.profile:
        label, view = next((v for v in runs if v[0].startswith(args.profile)), (None, None))
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
    for label, view in runs:
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

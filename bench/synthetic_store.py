"""Build a large synthetic store to time the analysis views on (see bench/views_speed.py).

The store is opened with `open_store`, so its schema is the migrated one, and is
filled with SQLAlchemy Core bulk inserts (batches of --batch rows, one
transaction each). The shape aims at a real corpus rather than uniform noise:

* actor popularity is heavy-tailed (Zipf-Mandelbrot, 1/(rank + 10)^1.1): a few
  hundred actors take part in most claims;
* claims fall on a pool of pairs of groups, states, forces and coalitions (about
  one pair per eight claims, each with a heavy-tailed weight), so pairs come back
  over the years; each pair leans hostile or cooperative and is active over a
  window of years in 2011-2025; persons come in as leaders (LEADER_OF);
* claim types follow that lean: attacks, fighting and captures most common,
  then alliances, rivalries, support, affiliation and agreements; a few
  membership and leadership claims, place events (CONTROLS ...) and very few
  lineage claims;
* modality mostly asserted or reported; dates mostly of year or month
  precision, some claims with an end date; one evidence row per claim;
* documents are published 2011-2025, each claim cites one from its year or the next.

Finally `refresh_relations(store)` derives the relations table, as the
`allegiance relations` command does. Every phase prints its count and time.

    python bench/synthetic_store.py --out /tmp/synthetic.sqlite
    python bench/synthetic_store.py --actors 2000 --claims 100000 --out /tmp/small.sqlite
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Connection, func, select  # noqa: E402

from allegiance.analyse.materialize import refresh_relations  # noqa: E402
from allegiance.extract.normalize import name_key  # noqa: E402
from allegiance.store import models as m  # noqa: E402
from allegiance.store.db import open_store  # noqa: E402

FIRST_YEAR, LAST_YEAR = 2011, 2025
VERSION = "synthetic-0.1"
NOW = datetime(2026, 1, 1)

# (type, id infix, display word, share of actors)
ACTOR_KINDS = [("armed_group", "group", "Group", 0.80), ("state", "state", "State", 0.04),
               ("state_force", "force", "Force", 0.05), ("person", "person", "Person", 0.10),
               ("coalition", "coalition", "Coalition", 0.01)]

HOSTILE = {"ATTACKED": 38, "FOUGHT": 34, "CAPTURED": 14, "EXECUTED": 4, "RIVAL_OF": 10}
COOPERATIVE = {"ALLIED_WITH": 30, "AGREED_WITH": 28, "SUPPORTS": 24, "AFFILIATED_WITH": 18}
# claims that are not between the two sides of a pair, as shares of all claims
PLACE_EVENTS = {"CONTROLS": 0.04, "WITHDREW_FROM": 0.025, "ARRIVED_IN": 0.015}
MEMBERSHIP = {"LEADER_OF": 0.015, "MEMBER_OF": 0.015}
LINEAGE = {"SPLINTER_OF": 0.0015, "MERGED_INTO": 0.001, "RENAMED_TO": 0.0005}
LEAN_FAITHFUL = 0.85  # share of a pair's claims that follow its hostile/cooperative lean
HOSTILE_PAIRS = 0.55
DURABLE = {"ALLIED_WITH", "SUPPORTS", "AFFILIATED_WITH", "RIVAL_OF", "MEMBER_OF",
           "LEADER_OF", "CONTROLS"}  # types that may carry an end date
UNTIL_SHARE = 0.15
MODALITIES = {"asserted": 0.60, "reported": 0.30, "speculative": 0.06, "negated": 0.04}
PRECISION = {"year": 0.30, "month": 0.55, "day": 0.15}
VERBS = {"ATTACKED": "attacked", "FOUGHT": "fought", "CAPTURED": "captured fighters of",
         "EXECUTED": "executed members of", "RIVAL_OF": "is at odds with",
         "ALLIED_WITH": "allied with", "AGREED_WITH": "reached a deal with",
         "SUPPORTS": "backs", "AFFILIATED_WITH": "is affiliated with",
         "CONTROLS": "took control of", "WITHDREW_FROM": "withdrew from",
         "ARRIVED_IN": "arrived in", "LEADER_OF": "leads", "MEMBER_OF": "joined",
         "SPLINTER_OF": "split from", "MERGED_INTO": "merged into",
         "RENAMED_TO": "renamed itself"}


class Sampler:
    """Draw items with fixed weights in O(log n) (cumulative weights + bisect)."""

    def __init__(self, items: list, weights: list[float], rng: random.Random) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]
        self.rng = rng

    def __call__(self):
        return self.items[bisect.bisect(self.cum, self.rng.random() * self.total)]


def _pick(table: dict[str, float], rng: random.Random) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _date(year: int, rng: random.Random) -> tuple[str, str]:
    precision = rng.choices(list(PRECISION), weights=list(PRECISION.values()))[0]
    if precision == "year":
        return str(year), precision
    month = rng.randint(1, 12)
    if precision == "month":
        return f"{year}-{month:02d}", precision
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}", precision


def _timed(label: str, started: float, count: int | None = None) -> None:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = f"{count:>10,}" if count is not None else " " * 10
    print(f"{label:<28}{what}  {time.perf_counter() - started:8.1f} s   "
          f"(peak RSS {rss:,.0f} MiB)", flush=True)


def make_actors(n: int, rng: random.Random, zipf: float
                ) -> tuple[list[dict], list[dict], list[float]]:
    """Actor rows, their name rows, and a popularity weight per actor (Zipf by a shuffled rank)."""
    kinds = [k for k, *_ in ACTOR_KINDS]
    shares = [s for *_, s in ACTOR_KINDS]
    actors, names = [], []
    counters: Counter[str] = Counter()
    for _ in range(n):
        kind = rng.choices(kinds, weights=shares)[0]
        _, infix, word, _ = next(k for k in ACTOR_KINDS if k[0] == kind)
        i = counters[infix]
        counters[infix] += 1
        actor_id = f"synthetic-{infix}-{i:05d}"
        name = f"Synthetic {word} {i:05d}"
        actors.append({"id": actor_id, "name": name, "type": kind, "origin": "discovered",
                       "key": name_key(name), "country": rng.choice(["SY", "IQ", "LB", "YE",
                                                                     "LY", None]),
                       "founded": None, "dissolved": None, "wikidata": None, "notes": None})
        names.append({"actor_id": actor_id, "text": name, "key": name_key(name), "lang": "en",
                      "kind": "official", "valid_from": None, "valid_to": None})
        if rng.random() < 0.3:
            short = f"S{word[0]}{i:05d}"
            names.append({"actor_id": actor_id, "text": short, "key": name_key(short),
                          "lang": "en", "kind": "abbreviation", "valid_from": None,
                          "valid_to": None})
    ranks = list(range(n))
    rng.shuffle(ranks)
    weights = [1.0 / (rank + 10) ** zipf for rank in ranks]
    return actors, names, weights


def make_documents(n: int, rng: random.Random) -> list[dict]:
    docs = []
    for i in range(n):
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"Synthetic report {i} published on {published}."
        docs.append({"id": i + 1, "content_hash": hashlib.sha256(f"doc-{i}".encode()).hexdigest(),
                     "name": f"synthetic-{i:05d}", "title": f"Synthetic report {i}",
                     "url": None, "published": published, "lang": rng.choice(["en", "ar"]),
                     "fmt": "txt", "source_path": None, "text": text,
                     "words": len(text.split()), "extractor_version": VERSION,
                     "ingested_at": NOW})
    return docs


def make_pairs(n: int, pick_actor: Sampler, rng: random.Random
               ) -> tuple[list[tuple[str, str, str, int, int]], list[float]]:
    """(a, b, lean, first year, last year) per pair, and a heavy-tailed weight per pair."""
    pairs, seen = [], set()
    while len(pairs) < n:
        a, b = pick_actor(), pick_actor()
        if a == b or (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        lean = "hostile" if rng.random() < HOSTILE_PAIRS else "cooperative"
        first = rng.randint(FIRST_YEAR, LAST_YEAR)
        last = min(LAST_YEAR, first + int(rng.expovariate(1 / 3)))
        pairs.append((a, b, lean, first, last))
    weights = [rng.paretovariate(1.5) for _ in pairs]
    return pairs, weights


def claim_rows(n: int, actors: list[dict], weights: list[float], docs: list[dict],
               pairs: list, pair_weights: list[float], rng: random.Random
               ) -> Iterator[tuple[dict, dict]]:
    """One (claim row, evidence row) per claim, ids 1..n."""
    by_type: dict[str, list[int]] = {}
    for i, actor in enumerate(actors):
        by_type.setdefault(actor["type"], []).append(i)
    ids = [a["id"] for a in actors]
    names = {a["id"]: a["name"] for a in actors}

    def sampler_of(*types: str) -> Sampler:
        idx = [i for t in types for i in by_type.get(t, [])]
        return Sampler([ids[i] for i in idx], [weights[i] for i in idx], rng)

    anyone = sampler_of("armed_group", "state", "state_force")
    groups = sampler_of("armed_group")
    persons = sampler_of("person") if "person" in by_type else groups
    coalitions = sampler_of("coalition") if "coalition" in by_type else groups
    pick_pair = Sampler(pairs, pair_weights, rng)
    docs_by_year: dict[int, list[int]] = {}
    for doc in docs:
        docs_by_year.setdefault(int(doc["published"][:4]), []).append(doc["id"])
    other = {**PLACE_EVENTS, **MEMBERSHIP, **LINEAGE}
    other_cum = list(itertools.accumulate(other.values()))
    hostile, cooperative = list(HOSTILE), list(COOPERATIVE)
    hostile_w, cooperative_w = list(HOSTILE.values()), list(COOPERATIVE.values())
    modalities, modality_w = list(MODALITIES), list(MODALITIES.values())

    for claim_id in range(1, n + 1):
        draw = rng.random()
        target_text = None
        if draw < other_cum[-1]:
            kind = list(other)[bisect.bisect(other_cum, draw)]
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            if kind in PLACE_EVENTS:
                source, target = anyone(), None
                target_text = f"Synthetic Town {int(rng.paretovariate(1.2)) % 3000:04d}"
            elif kind == "LEADER_OF":
                source, target = persons(), groups()
            elif kind == "MEMBER_OF":
                source, target = groups(), coalitions()
            else:
                source, target = groups(), groups()
                while target == source:
                    target = groups()
        else:
            a, b, lean, first, last = pick_pair()
            faithful = rng.random() < LEAN_FAITHFUL
            if (lean == "hostile") == faithful:
                kind = rng.choices(hostile, weights=hostile_w)[0]
            else:
                kind = rng.choices(cooperative, weights=cooperative_w)[0]
            source, target = (a, b) if rng.random() < 0.7 else (b, a)
            year = rng.randint(first, last)
        valid_from, precision = _date(year, rng)
        valid_to = valid_to_precision = None
        if kind in DURABLE and rng.random() < UNTIL_SHARE:
            valid_to, valid_to_precision = _date(min(LAST_YEAR, year + rng.randint(1, 3)), rng)
        modality = rng.choices(modalities, weights=modality_w)[0]
        doc_year = min(LAST_YEAR, year + (rng.random() < 0.4))
        document_id = rng.choice(docs_by_year.get(doc_year) or [d["id"] for d in docs[:50]])
        quote = (f"{names[source]} {VERBS[kind]} "
                 f"{names[target] if target else target_text} in {valid_from}.")
        start = rng.randint(0, 4000)
        yield ({"id": claim_id, "claim_key": hashlib.sha256(str(claim_id).encode()).hexdigest(),
                "document_id": document_id, "type": kind, "source_id": source,
                "target_id": target, "target_place_id": None, "target_text": target_text,
                "valid_from": valid_from, "valid_from_precision": precision,
                "valid_to": valid_to, "valid_to_precision": valid_to_precision,
                "event_date": valid_from, "time_qualifier": None, "modality": modality,
                "attributed_to": "Synthetic Observatory" if modality == "reported" else None,
                "place_id": None, "confidence": round(rng.uniform(0.35, 0.9), 2),
                "extractor_version": VERSION, "created_at": NOW},
               {"claim_id": claim_id, "document_id": document_id, "sentence_start": start,
                "sentence_end": start + len(quote), "quote_start": start,
                "quote_end": start + len(quote), "quote": quote})


def insert(conn: Connection, table, rows: list[dict], batch: int) -> None:
    """Multi-row INSERTs on SQLite; COPY on PostgreSQL (several times faster there)."""
    if conn.dialect.name == "postgresql":
        for i in range(0, len(rows), batch):
            with conn.begin():
                copy_rows(conn, table, rows[i:i + batch])
        return
    for i in range(0, len(rows), batch):
        with conn.begin():
            conn.execute(table.insert(), rows[i:i + batch])


def copy_rows(conn: Connection, table, rows: list[dict]) -> None:
    """COPY rows into a PostgreSQL table through psycopg, inside the caller's transaction."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def reset_sequences(conn: Connection) -> None:
    """After COPY with explicit ids, move PostgreSQL's id sequences past them."""
    for table in ("documents", "claims", "actor_names", "evidence"):
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Build a synthetic store (heavy-tailed actors, pairs repeated over years, "
                    "realistic claim types) and derive its relations table, printing the "
                    "count and time of each phase.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--actors", type=int, default=10_000, help="How many actors.")
    parser.add_argument("--claims", type=int, default=1_000_000,
                        help="How many claims (each with one evidence row).")
    parser.add_argument("--documents", type=int, default=4_000, help="How many documents.")
    parser.add_argument("--pairs", type=int, default=None,
                        help="Size of the pool of actor pairs claims fall on "
                             "(default: one per eight claims).")
    parser.add_argument("--out", type=Path, default=Path("/tmp/synthetic.sqlite"),
                        help="The SQLite file to create.")
    parser.add_argument("--zipf", type=float, default=1.1,
                        help="Exponent of actor popularity, 1/(rank + 10)^zipf.")
    parser.add_argument("--seed", type=int, default=7, help="Random seed.")
    parser.add_argument("--batch", type=int, default=20_000, help="Rows per insert batch.")
    parser.add_argument("--url", default=None,
                        help="Fill this (empty) PostgreSQL database instead of --out, with "
                             "COPY, e.g. postgresql+psycopg://postgres@127.0.0.1/synthetic.")
    parser.add_argument("--force", action="store_true", help="Replace --out if it exists.")
    parser.add_argument("--no-relations", action="store_true",
                        help="Skip refresh_relations (the relations table stays empty).")
    args = parser.parse_args()

    out = args.out.expanduser().resolve()
    if args.url:
        out = None
    elif out.exists():
        if not args.force:
            parser.error(f"{out} exists; pass --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
    rng = random.Random(args.seed)
    total = time.perf_counter()

    started = time.perf_counter()
    store = open_store(args.url or f"sqlite:///{out}")
    sqlite = store.engine.dialect.name == "sqlite"
    if not sqlite:
        with store.session() as session:
            if session.scalar(select(func.count(m.Claim.id))):
                parser.error(f"{args.url} already holds claims; give an empty database")
    _timed("open_store (migrations)", started)

    started = time.perf_counter()
    actors, names, weights = make_actors(args.actors, rng, args.zipf)
    docs = make_documents(args.documents, rng)
    sides = [i for i, a in enumerate(actors) if a["type"] != "person"]
    pick_actor = Sampler([actors[i]["id"] for i in sides], [weights[i] for i in sides], rng)
    pairs, pair_weights = make_pairs(args.pairs or max(args.claims // 8, 100), pick_actor, rng)
    _timed("generate actors/docs/pairs", started, len(pairs))

    with store.engine.connect() as conn:
        if sqlite:
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-524288")  # 512 MiB while loading
            conn.commit()
        started = time.perf_counter()
        insert(conn, m.Actor.__table__, actors, args.batch)
        _timed("insert actors", started, len(actors))
        started = time.perf_counter()
        insert(conn, m.ActorName.__table__, names, args.batch)
        _timed("insert actor names", started, len(names))
        started = time.perf_counter()
        insert(conn, m.Document.__table__, docs, args.batch)
        _timed("insert documents", started, len(docs))

        started = time.perf_counter()
        rows = claim_rows(args.claims, actors, weights, docs, pairs, pair_weights, rng)
        written = 0
        while True:
            chunk = list(itertools.islice(rows, args.batch))
            if not chunk:
                break
            with conn.begin():
                if sqlite:
                    conn.execute(m.Claim.__table__.insert(), [c for c, _ in chunk])
                    conn.execute(m.Evidence.__table__.insert(), [e for _, e in chunk])
                else:
                    copy_rows(conn, m.Claim.__table__, [c for c, _ in chunk])
                    copy_rows(conn, m.Evidence.__table__, [e for _, e in chunk])
            written += len(chunk)
            if written % 200_000 < args.batch:
                _timed("  claims + evidence so far", started, written)
        _timed("insert claims + evidence", started, written)
        if sqlite:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with conn.begin():
                reset_sequences(conn)
                conn.exec_driver_sql("ANALYZE")

    with store.session() as session:
        claims = session.scalar(select(func.count(m.Claim.id))) or 0
        evidence = session.scalar(select(func.count(m.Evidence.id))) or 0
        by_type = dict(session.execute(select(m.Claim.type, func.count(m.Claim.id))
                                       .group_by(m.Claim.type)).all())
        by_modality = dict(session.execute(select(m.Claim.modality, func.count(m.Claim.id))
                                           .group_by(m.Claim.modality)).all())
        degree: Counter[str] = Counter()
        ends = list(session.execute(select(m.Claim.source_id, m.Claim.target_id)))
        for source, target in ends:
            degree.update(x for x in (source, target) if x)
        distinct_pairs = session.scalar(
            select(func.count()).select_from(
                select(m.Claim.source_id, m.Claim.target_id)
                .where(m.Claim.target_id.is_not(None)).distinct().subquery())) or 0
    ordered = degree.most_common()
    print(f"claims {claims:,}, evidence {evidence:,}, distinct directed pairs "
          f"{distinct_pairs:,}, actors in claims {len(degree):,}")
    for top in (10, 100, 300, 1000):
        leading = {a for a, _ in ordered[:top]}
        share = sum(c for _, c in ordered[:top]) / sum(degree.values())
        touching = sum(1 for s, t in ends if s in leading or t in leading) / len(ends)
        print(f"  top {top:>5} actors: {share:6.1%} of claim ends, in {touching:6.1%} of claims")
    print(f"  busiest actor {ordered[0][0]}: {ordered[0][1]:,} claims; median actor: "
          f"{ordered[len(ordered) // 2][1]:,} claims")
    print("  by type: " + ", ".join(f"{k} {v / claims:.1%}" for k, v in
                                    sorted(by_type.items(), key=lambda x: -x[1])))
    print("  by modality: " + ", ".join(f"{k} {v / claims:.1%}" for k, v in
                                        sorted(by_modality.items(), key=lambda x: -x[1])))

    if not args.no_relations:
        started = time.perf_counter()
        periods = refresh_relations(store)
        _timed("refresh_relations(store)", started, periods)
        if sqlite:
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    if out is not None:
        _timed(f"total ({out.stat().st_size / 2**20:,.0f} MiB file)", total)
    else:
        _timed("total", total)


if __name__ == "__main__":
    main()

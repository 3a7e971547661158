"""Load on the JSON API: 50 concurrent clients, 60 seconds of mixed reads.

Starts `allegiance serve` on loopback against a store, drives it with locust
(headless, users from bench/locust_api.py: network on a date, pair history,
actor profile, search in English and Arabic) and prints the request count, the
5xx count and p50/p99 latency, overall and per route.

Why locust: it installs from PyPI with the rest of the dev tools (`make
install`), so every developer and CI machine has it; its users are Python, so
the mix of reads is drawn from the store's own names and dates; and headless
mode writes CSV tables this script reads back. (wrk would need a Debian
package and a Lua script per route.)

    .venv/bin/python bench/load_api.py                     # demo.sqlite, or examples/reports
    .venv/bin/python bench/load_api.py --db big.sqlite --users 50 --duration 60
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORDS = ["Hezbollah", "Nusra", "Islamic State", "Aarsal", "جبهة النصرة", "حزب الله", "داعش",
         "Kobani", "Syrian army", "Tahrir"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(base: str, path: str, **params):
    url = f"{base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


def _store(db: str | None, folder: Path) -> str:
    """The store to load: --db, else demo.sqlite, else examples/reports ingested afresh."""
    if db:
        return db
    if (ROOT / "demo.sqlite").exists():
        return str(ROOT / "demo.sqlite")
    path = folder / "examples.sqlite"
    print(f"no demo.sqlite: ingesting examples/reports into {path} …", flush=True)
    subprocess.run([str(BIN / "allegiance"), "--db", str(path), "ingest",
                    str(ROOT / "examples" / "reports"), "--quiet"], check=True)
    return str(path)


def _wait(base: str, server: subprocess.Popen, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            return _get(base, "/api/meta")
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer within two minutes")


def _params(base: str, meta: dict) -> dict:
    """Dates, actors, pairs and words for the users, taken from the store itself."""
    first, last = int(meta["first_date"][:4]), int(meta["last_date"][:4])
    months = [f"{year}-{month:02d}" for year in range(max(first, last - 12), last + 1)
              for month in range(1, 13)]
    network = _get(base, "/api/network", **{"from": str(first), "to": str(last)})
    names = {a["id"]: a["name"] for a in network["actors"]}
    pairs = sorted({(names[r["a"]], names[r["b"]]) for r in network["relations"]})[:200]
    if not pairs:
        raise SystemExit("the store has no relations: ingest some reports first")
    return {"months": months, "actors": sorted(names.values())[:200],
            "pairs": [list(p) for p in pairs], "words": WORDS}


def _read_stats(prefix: Path) -> tuple[list[dict], int, dict[str, int]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    server_errors, other = 0, {}
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with open(failures, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                error, count = row["Error"], int(row["Occurrences"])
                if error.startswith("HTTP 5"):
                    server_errors += count
                else:
                    other[error] = other.get(error, 0) + count
    return rows, server_errors, other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="store path or URL (default: demo.sqlite, else the "
                                     "example reports ingested into a temporary store)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds each user waits between requests (0: back to back)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="allegiance-load-") as tmp:
        folder = Path(tmp)
        db = _store(args.db, folder)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k != "ALLEGIANCE_TOKEN"}
        server = subprocess.Popen([str(BIN / "allegiance"), "--db", db, "serve", "--port",
                                   str(port), "--log-level", "warning"],
                                  stdout=subprocess.DEVNULL, env=env)
        try:
            meta = _wait(base, server)
            params = folder / "params.json"
            params.write_text(json.dumps(_params(base, meta), ensure_ascii=False),
                              encoding="utf-8")
            print(f"store: {db} ({meta['documents']} documents, {meta['claims']} claims); "
                  f"{args.users} users for {args.duration} s, think time {args.think} s",
                  flush=True)
            prefix = folder / "locust"
            started = time.monotonic()
            subprocess.run(
                [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locust_api.py"),
                 "--headless", "--users", str(args.users), "--spawn-rate", str(args.users),
                 "--run-time", f"{args.duration}s", "--host", base, "--csv", str(prefix),
                 "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
                env=env | {"ALLEGIANCE_BENCH_PARAMS": str(params),
                           "ALLEGIANCE_BENCH_THINK": str(args.think)},
                stdout=subprocess.DEVNULL, check=False)
            elapsed = time.monotonic() - started
            rows, server_errors, other = _read_stats(prefix)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n{'route':<22}{'requests':>10}{'failures':>10}{'req/s':>9}"
          f"{'p50 ms':>9}{'p99 ms':>9}")
    for row in rows:
        name = row["Name"] or "all"
        print(f"{name:<22}{row['Request Count']:>10}{row['Failure Count']:>10}"
              f"{float(row['Requests/s']):>9.1f}{row['50%']:>9}{row['99%']:>9}")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"\n{total['Request Count']} requests in {elapsed:.0f} s, {server_errors} with a 5xx "
          f"answer, p50 {total['50%']} ms, p99 {total['99%']} ms")
    for error, count in sorted(other.items()):
        print(f"other failures: {count} × {error}")


if __name__ == "__main__":
    main()

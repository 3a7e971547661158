"""Ingest throughput: single-process vs Ray with 1 and 2 workers, into SQLite and PostgreSQL.

The corpus is generated (`bench/corpus.py`: short news items recombined from
the example reports), written once as JSONL, and ingested by each mode into a
fresh store. Prints documents/s, words/s, claims, and the peak resident memory
of the driver and of each extraction worker (sampled every 0.2 s with psutil).

    python bench/ingest_throughput.py                         # 20,000 documents
    python bench/ingest_throughput.py --docs 2000 --modes local,ray1 --stores sqlite
    python bench/ingest_throughput.py --no-model               # rules alone
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402  (installed with Ray)
from sqlalchemy import create_engine, text  # noqa: E402

from allegiance.ingest.distributed import RayOptions, ingest_ray, start_ray  # noqa: E402
from allegiance.ingest.run import ingest  # noqa: E402
from allegiance.kb import load  # noqa: E402
from allegiance.store.db import open_store  # noqa: E402
from bench.corpus import generate, write_jsonl  # noqa: E402

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class RssSampler:
    """Peak RSS per Ray extraction worker process, sampled in a background thread.

    Only this process's own descendants count (a local Ray starts its workers under
    the driver): on a shared machine other jobs' Ray workers would count too.
    """

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            for proc in me.children(recursive=True):
                try:
                    cmd = " ".join(proc.cmdline())
                    rss = proc.memory_info().rss / 2**20
                except psutil.Error:  # gone between listing and reading
                    continue
                if "MapWorker" in cmd:
                    self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _fresh_store(kind: str, pg_url: str, folder: Path):
    if kind == "sqlite":
        return open_store(f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.sqlite'}"), None
    name = f"allegiance_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return open_store(pg_url.rsplit("/", 1)[0] + "/" + name), name


def _drop(pg_url: str, name: str | None) -> None:
    if name is None:
        return
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--modes", default="local,ray1,ray2",
                        help="Comma-separated: local, rayN (N extraction workers).")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=PG_DEFAULT,
                        help="A PostgreSQL server; a fresh database is made on it per run.")
    parser.add_argument("--write-batch", type=int, default=256)
    parser.add_argument("--no-model", action="store_true",
                        help="Extract with rules alone (as `ingest --no-model`).")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="allegiance-bench-"))
    corpus = write_jsonl(generate(args.docs), folder / "corpus.jsonl")
    kb = load()
    print(f"corpus: {args.docs:,} documents in {corpus}; cores: {psutil.cpu_count()}; "
          f"model: {'no' if args.no_model else 'yes, where installed'}")
    print(f"{'store':<11}{'mode':<7}{'docs/s':>8}{'words/s':>10}{'claims':>8}{'seconds':>9}"
          f"{'driver MiB':>12}  worker peak MiB")
    for kind in args.stores.split(","):
        for mode in args.modes.split(","):
            store, name = _fresh_store(kind, args.pg_url, folder)
            workers = int(mode[3:]) if mode.startswith("ray") else 0
            started_ray = False
            if workers:
                started_ray = start_ray(RayOptions(workers=workers))
            started = time.perf_counter()
            with RssSampler() as sampler:
                if workers:
                    report = ingest_ray([corpus], store, kb, ray_options=RayOptions(
                        workers=workers, write_batch=args.write_batch,
                        use_model=not args.no_model))
                else:
                    report = ingest([corpus], store, kb, use_model=not args.no_model)
            seconds = time.perf_counter() - started
            driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            peaks = ", ".join(f"{v:,.0f}" for v in sampler.peaks.values()) or "-"
            print(f"{kind:<11}{mode:<7}{report.documents / seconds:>8.1f}"
                  f"{report.words / seconds:>10,.0f}{report.claims:>8,}{seconds:>9.1f}"
                  f"{driver:>12,.0f}  {peaks}", flush=True)
            store.close()
            _drop(args.pg_url, name)
            if started_ray:
                import ray

                ray.shutdown()


if __name__ == "__main__":
    main()

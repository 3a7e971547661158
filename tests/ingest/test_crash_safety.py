"""Crash safety: an ingest killed with SIGKILL at random points, then run again,
leaves the same store as one run that was never interrupted.

The ingest runs as a real subprocess (`allegiance --db URL ingest FOLDER`) over
about thirty reports: the examples and variants of them with other names and
dates. It is killed several times, seeded: once while it starts (imports,
knowledge-base sync), then after a random number of documents plus a random
delay (inside a document's transaction or between two), and once when every
document is stored (while the relations are derived). Then it runs to the end,
and the store is compared table by table, by content keys, with the store of a
clean run. ALLEGIANCE_CRASH_SEED picks another seed. A kill inside a new
store's first migration has its own deterministic test at the end.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from allegiance.ingest import run as run_module
from allegiance.ingest.run import ingest
from allegiance.store.db import open_store
from tests.conftest import EXAMPLES
from tests.ingest.snapshot import snapshot_difference, store_snapshot

SEED = int(os.environ.get("ALLEGIANCE_CRASH_SEED", "20240917"))
KILLS = 5
WAIT_LIMIT_S = 300.0

_SWAPS = [("Jabhat al-Nusra", "Ahrar al-Sham"), ("Islamic State", "Jaysh al-Islam"),
          ("جبهة النصرة", "أحرار الشام"), ("Hezbollah", "the Free Syrian Army")]


def _variant(text: str, shift: int) -> str:
    """The same report with its years moved by `shift` and some actors swapped."""
    text = re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + shift), text)
    for a, b in _SWAPS:
        text = text.replace(a, "\x00").replace(b, a).replace("\x00", b)
    return text


def build_corpus(folder: Path) -> int:
    """The example reports and ten variants of them; returns how many documents."""
    folder.mkdir(parents=True)
    examples = sorted(EXAMPLES.glob("*.txt"))
    for path in examples:
        shutil.copy(path, folder / path.name)
    for index, path in enumerate(examples[:10]):
        body = _variant(path.read_text(encoding="utf-8"), shift=1 + index % 3)
        (folder / f"{path.stem}.variant{index}.txt").write_text(body, encoding="utf-8")
    return len(examples) + 10


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("ALLEGIANCE_DATABASE_URL", "ALLEGIANCE_KB_EXTRA")}
    env["ALLEGIANCE_HOME"] = str(tmp_path / "home")  # no user knowledge-base files
    return env


def _command(url: str, folder: Path) -> list[str]:
    return [sys.executable, "-c", "from allegiance.cli import main; main()",
            "--db", url, "ingest", str(folder), "--quiet"]


def _documents(url: str) -> int:
    """How many documents the store holds now; -1 before its tables exist."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM documents")).scalar_one()
    except Exception:
        return -1
    finally:
        engine.dispose()


def _kill_when(process: subprocess.Popen, ready, delay: float) -> str:
    """SIGKILL `process` `delay` seconds after `ready()` holds; say what happened."""
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not ready():
        if process.poll() is not None:
            return f"exited by itself ({process.returncode})"
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"the ingest made no progress for {WAIT_LIMIT_S:.0f} s")
        time.sleep(0.05)
    time.sleep(delay)
    if process.poll() is not None:
        return f"exited by itself ({process.returncode})"
    process.send_signal(signal.SIGKILL)
    process.wait()
    return f"killed ({process.returncode})"


def crash_and_finish(url: str, folder: Path, total: int, tmp_path: Path, seed: int) -> list:
    """Run the ingest KILLS times, each killed at a seeded point, then once to the end."""
    rng = random.Random(seed)
    targets = sorted(rng.sample(range(1, total), KILLS - 2))
    plan = [("start", None, rng.uniform(0.0, 3.0))]
    plan += [("after", n, rng.uniform(0.0, 0.4)) for n in targets]
    plan += [("all stored", total, 0.0)]
    log = []
    for what, count, delay in plan:
        process = subprocess.Popen(_command(url, folder), env=_env(tmp_path),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

        def ready(count=count) -> bool:
            return count is None or _documents(url) >= count

        outcome = _kill_when(process, ready, delay)
        log.append((what, count, round(delay, 2), outcome, _documents(url)))
    done = subprocess.run(_command(url, folder), env=_env(tmp_path), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert " 0 failed" in " ".join(done.stdout.split()), done.stdout
    log.append(("final", None, 0, "finished", _documents(url)))
    return log


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("crash") / "reports"
    return folder, build_corpus(folder)


@pytest.fixture(scope="module")
def clean_snapshot(corpus, tmp_path_factory, kb):
    """The store of one uninterrupted run over the corpus."""
    folder, total = corpus
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.sqlite'}")
    report = ingest([folder], store, kb)
    assert (report.new, report.failed) == (total, [])
    snapshot = store_snapshot(store)
    store.close()
    assert sum(snapshot["relations"].values()) > 0 and sum(snapshot["claims"].values()) > 0
    return snapshot


def test_the_corpus_has_thirty_distinct_documents(corpus):
    folder, total = corpus
    assert total == 30 and len(list(folder.iterdir())) == 30
    texts = {p.read_text(encoding="utf-8").split("\n\n", 1)[1] for p in folder.iterdir()}
    assert len(texts) == 30  # every variant differs from its original in its body


def test_relations_a_killed_run_left_underived_are_derived_by_the_next_run(
        fresh_store, kb, tmp_path, monkeypatch):
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("05-qusayr-2013.en.txt", "03-aarsal-2014-2017.en.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    clean = open_store(f"sqlite:///{tmp_path / 'clean.sqlite'}")
    assert ingest([folder], clean, kb).relations > 0
    want = store_snapshot(clean)
    clean.close()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the run dies after its documents are committed

    monkeypatch.setattr(run_module, "refresh_relations", killed)
    with pytest.raises(KeyboardInterrupt):
        ingest([folder], fresh_store, kb)
    monkeypatch.undo()
    assert sum(store_snapshot(fresh_store)["relations"].values()) == 0
    report = ingest([folder], fresh_store, kb)
    assert (report.new, report.present) == (0, 2) and report.relations > 0
    assert snapshot_difference(store_snapshot(fresh_store), want) == {}
    assert ingest([folder], fresh_store, kb).relations == 0  # nothing left to derive


@pytest.mark.slow
def test_sqlite_store_after_kills_and_a_rerun_equals_a_clean_run(corpus, clean_snapshot,
                                                                 tmp_path):
    folder, total = corpus
    url = f"sqlite:///{tmp_path / 'crashed.sqlite'}"
    open_store(url).close()  # a kill inside the first migration: see the test below
    log = crash_and_finish(url, folder, total, tmp_path, SEED)
    store = open_store(url)
    got = store_snapshot(store)
    store.close()
    assert snapshot_difference(got, clean_snapshot) == {}, log


@pytest.mark.slow
def test_postgresql_store_after_kills_and_a_rerun_equals_a_clean_run(corpus, clean_snapshot,
                                                                     pg_store, tmp_path):
    folder, total = corpus
    url = pg_store.url
    pg_store.close()  # the subprocesses are the only writers
    log = crash_and_finish(url, folder, total, tmp_path, SEED + 1)
    store = open_store(url)
    got = store_snapshot(store)
    store.close()
    assert snapshot_difference(got, clean_snapshot) == {}, log


_DIE_IN_MIGRATION = """
import os, sys
from alembic.operations import Operations
create_table, made = Operations.create_table, []
def dying(self, *args, **kwargs):
    made.append(create_table(self, *args, **kwargs))
    if len(made) == 3:
        os._exit(9)  # as SIGKILL would: no rollback, no cleanup
Operations.create_table = dying
from allegiance.store.db import open_store
open_store(sys.argv[1])
"""


def test_a_run_killed_inside_the_first_migration_leaves_a_store_that_opens(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    died = subprocess.run([sys.executable, "-c", _DIE_IN_MIGRATION, url], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=300)
    assert died.returncode == 9, died.stderr[-2000:]
    store = open_store(url)  # raises StoreError E300 while the bug stands
    with store.session() as session:
        assert session.execute(text("SELECT count(*) FROM documents")).scalar_one() == 0
    store.close()

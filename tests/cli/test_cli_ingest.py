"""`allegiance ingest` end to end: good files stored, bad files named, re-runs add nothing."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select
from typer.testing import CliRunner

from allegiance.cli import app
from allegiance.store import models as m
from allegiance.store.db import open_store
from tests.conftest import EXAMPLES

runner = CliRunner()


def _counts(db) -> tuple[int, int]:
    store = open_store(f"sqlite:///{db}")
    with store.session() as session:
        docs = session.scalar(select(func.count(m.Document.id)))
        claims = session.scalar(select(func.count(m.Claim.id)))
    store.close()
    return docs, claims


def _mixed_folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("01-nusra-rebrand-2016.en.txt", "03-aarsal-2014-2017.en.txt",
                 "03-aarsal-2014-2017.ar.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_text("")
    (folder / "latin1.txt").write_bytes(
        "title: Caf\xe9 note\n\nThe Free Syrian Army attacked the Syrian Army near Homs "
        "in March 2013, a r\xe9sum\xe9 of the fighting says.\n".encode("latin-1"))
    return folder


def test_a_mixed_folder_stores_good_files_and_names_each_bad_one(tmp_path):
    folder = _mixed_folder(tmp_path)
    db = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--quiet"])
    output = result.output
    assert "broken.pdf" in output and "E104" in output
    assert "binary.txt" in output and "E102" in output
    assert "empty.txt" in output and "E101" in output
    assert "4 new document(s), 0 already present, 3 failed" in " ".join(output.split())
    docs, claims = _counts(db)
    assert docs == 4 and claims > 0
    store = open_store(f"sqlite:///{db}")
    with store.session() as session:
        latin = session.scalars(select(m.Document).where(m.Document.name == "latin1")).one()
        assert "résumé" in latin.text and latin.title == "Café note"
    store.close()


def test_a_second_run_adds_nothing(tmp_path):
    folder = _mixed_folder(tmp_path)
    db = tmp_path / "store.sqlite"
    runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--quiet"])
    before = _counts(db)
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--quiet"])
    assert "0 new document(s), 4 already present" in " ".join(result.output.split())
    assert _counts(db) == before


def test_help_teaches_each_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "extract", "eval", "kb", "summary", "pair"):
        assert command in result.output
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and len(sub.output) > 200


def test_kb_check_passes_on_the_shipped_base():
    result = runner.invoke(app, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_kb_add_writes_a_user_file_that_later_runs_load(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLEGIANCE_HOME", str(tmp_path / "home"))
    result = runner.invoke(app, ["kb", "add", "Liwa al-Quds", "--type", "armed_group",
                                 "--arabic", "لواء القدس"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["kb", "list", "لواء القدس"])
    assert "liwa-quds" in listed.output or "liwa-al-quds" in listed.output
    again = runner.invoke(app, ["kb", "add", "Liwa al-Quds"])
    assert again.exit_code != 0 and "exists" in again.output


def test_pair_and_summary_read_the_store(tmp_path):
    db = tmp_path / "store.sqlite"
    runner.invoke(app, ["--db", str(db), "ingest", str(EXAMPLES), "--quiet"])
    summary = runner.invoke(app, ["--db", str(db), "summary"])
    assert summary.exit_code == 0 and "documents" in summary.output
    pair = runner.invoke(app, ["--db", str(db), "pair", "Islamic State", "Nusra", "--json"])
    assert pair.exit_code == 0, pair.output
    missing = runner.invoke(app, ["--db", str(db), "pair", "Nobody At All", "Nusra"])
    assert missing.exit_code != 0 and "no actor named" in missing.output

"""Bad input in a real batch: each bad file is named with its reason, the rest is
stored, and what the store held before is left exactly as it was.

Every input is generated here: an encrypted PDF (pypdf's writer), an image-only
PDF, binary and empty files, an oversized file, Arabic in windows-1256 and
UTF-16, French in Latin-1, mixed-direction text with RLM/LRM marks, hostile
HTML, JSONL with bad lines 3 and 7, and dates that cannot be read. The tests
run on SQLite and on PostgreSQL (see `any_store`).
"""

from __future__ import annotations

import codecs
import json
import shutil
from collections import Counter
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from allegiance.cli import app
from allegiance.config import Settings
from allegiance.ingest.readers import ReadOptions
from allegiance.ingest.run import ingest
from allegiance.store import models as m
from allegiance.store.db import open_store
from tests.conftest import EXAMPLES
from tests.ingest.builders import build_pdf, encrypt_pdf
from tests.ingest.snapshot import store_snapshot

LIMIT = 64 * 1024
ARABIC = ("title: عرسال\ndate: 2014-08-05\n\n"
          "في 2 آب 2014 هاجمت جبهة النصرة الجيش اللبناني في عرسال. وقالت هيئة علماء "
          "المسلمين إن تنظيم الدولة الإسلامية شارك في الهجوم.\n")
FRENCH = ("title: Qusayr, été 2013\nlang: fr\ndate: 2013-06-12\n\n"
          "Le Hezbollah a combattu l'Armée syrienne libre à Qusayr en mai 2013, "
          "selon un résumé des combats.\n")
MIXED = ("title: Aarsal, mixed\ndate: 2017-09-05\n\n"
         "In August 2014 \u200fجبهة النصرة\u200f (Jabhat al-Nusra) attacked the Lebanese "
         "Army in Aarsal.\n\n\u200fقالت \u200eHezbollah\u200e إن حزب الله قاتل جبهة النصرة "
         "في جرود عرسال في تموز 2017.\u200f The \u200eIslamic State\u200e withdrew from "
         "Aarsal in August 2017.\n")
HOSTILE_HTML = (
    "<html><head><title>Qalamoun</title>"
    "<meta property='article:published_time' content='the day before yesterday'>"
    "<style>p { color: red } .x:before { content: 'Hezbollah attacked ISIS' }</style>"
    "<script>var s = '</p><p>Jabhat al-Nusra attacked Hezbollah in 1999';</script>"
    "</head><body><nav>Home | World</nav><div><p>In July 2017 Hezbollah <b>attacked <i>"
    "Jabhat al-Nusra in the Qalamoun mountains</p><p>unclosed <a href='x>link</div>"
    "</table></td><script>if (a < b) { alert('x') }")


def jsonl_corpus() -> str:
    """Eight lines: 3 is not JSON, 7 has no text, 5 has a date nobody can read."""
    good = [
        {"id": "wire-1", "text": "In 2015 Jaysh al-Fatah captured Idlib.", "published": "2015-04"},
        {"id": "wire-2", "text": "Ahrar al-Sham fought the Islamic State in Aleppo in 2014."},
        '{"id": "wire-3", "text": "truncated',
        {"id": "wire-4", "text": "هاجمت قوات سوريا الديمقراطية تنظيم الدولة في الرقة عام 2017."},
        {"id": "wire-5", "text": "The YPG fought the Islamic State in Kobani.",
         "published": "sometime last spring"},
        {"id": "wire-6", "text": "Hezbollah fought Jabhat al-Nusra \u0000 in Qusayr \ud800."},
        {"id": "wire-7", "title": "no text here"},
        {"id": "wire-8", "text": "The Free Syrian Army attacked the Syrian Army in Homs in 2012."},
    ]
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in good)


def make_bad_files(folder: Path) -> dict[str, tuple[str, str]]:
    """Files that must each be refused: name -> (code, words the reason must hold)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "corrupt.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R\nxref garbage",
                        "E104", "not a readable PDF"),
        "locked.pdf": (encrypt_pdf(build_pdf(["Hezbollah attacked ISIS in 2015."]), "s3cret"),
                       "E105", "encrypted"),
        "scan.pdf": (build_pdf([None, None]), "E106", "needs OCR"),
        "binary.txt": (bytes(range(256)) * 20, "E102", "binary"),
        "empty.md": (b"", "E101", "is empty"),
        "whitespace.txt": (b"  \r\n\t\n", "E101", "only whitespace"),
        "huge.txt": (b"The Islamic State attacked Kobani. " * (LIMIT // 30), "E103",
                     "over the size limit"),
        "broken.docx": (b"PK\x03\x04 this is no zip archive", "E107", "not a readable DOCX"),
        "chrome.html": (b"<html><body><nav>Home</nav><script>go()</script></body></html>",
                        "E111", "no text"),
        "bad-utf16.txt": (codecs.BOM_UTF16_LE + b"a\x00b", "E108", "byte-order mark"),
    }
    for name, (data, _, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: (code, words) for name, (_, code, words) in files.items()}


def make_good_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "arabic-1256.txt").write_bytes(ARABIC.encode("cp1256"))
    (folder / "arabic-utf16.txt").write_bytes(
        codecs.BOM_UTF16_LE + ARABIC.replace("2 آب", "3 آب").encode("utf-16-le"))
    (folder / "french-latin1.txt").write_bytes(FRENCH.encode("latin-1"))
    (folder / "mixed-direction.txt").write_text(MIXED, encoding="utf-8")
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "corpus.jsonl").write_text(jsonl_corpus(), encoding="utf-8", errors="surrogatepass")


def populate(store, kb, tmp_path: Path) -> dict[str, Counter]:
    """A store holding two example reports; returns its snapshot."""
    before = tmp_path / "before"
    before.mkdir()
    for name in ("05-qusayr-2013.en.txt", "03-aarsal-2014-2017.ar.txt"):
        shutil.copy(EXAMPLES / name, before / name)
    report = ingest([before], store, kb)
    assert report.new == 2 and report.claims > 0 and report.relations > 0
    return store_snapshot(store)


class Collected:
    """What `ingest` reports through its callbacks: exactly what the CLI prints."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []

    def run(self, paths, store, kb):
        return ingest(paths, store, kb, options=ReadOptions(max_bytes=LIMIT),
                      on_problem=lambda p, r: self.problems.append((p, r)),
                      on_warning=lambda p, w: self.warnings.append((p, w)))


def test_a_batch_of_only_bad_files_changes_nothing(any_store, kb, tmp_path):
    before = populate(any_store, kb, tmp_path)
    expected = make_bad_files(tmp_path / "bad")
    got = Collected()
    report = got.run([tmp_path / "bad"], any_store, kb)
    assert (report.new, report.present, report.relations) == (0, 0, 0)
    assert len(got.problems) == len(expected) == len(report.failed)
    for name, (code, words) in expected.items():
        [message] = [r for p, r in got.problems if Path(p).name == name]
        assert message.startswith(f"[{code}] {tmp_path / 'bad' / name}: "), message
        assert words in message and "\n" not in message
    assert store_snapshot(any_store) == before


def test_a_mixed_batch_stores_the_good_names_the_bad_and_keeps_what_was_stored(
        any_store, kb, tmp_path):
    before = populate(any_store, kb, tmp_path)
    batch = tmp_path / "batch"
    expected = make_bad_files(batch)
    make_good_files(batch)
    got = Collected()
    report = got.run([batch], any_store, kb)

    jsonl = batch / "corpus.jsonl"
    bad_lines = [r for p, r in got.problems if p == str(jsonl)]
    assert bad_lines[0].startswith(f"[E109] {jsonl}:3: is not valid JSON")
    assert bad_lines[1].startswith(f"[E109] {jsonl}:7: has no \"text\" field")
    assert len(bad_lines) == 2
    assert len(got.problems) == len(expected) + 2
    # the good files: six JSONL lines and five files
    assert report.new == 11, (report, got.problems)
    assert any(w.startswith(f"{jsonl}:5: publication date sometime last spring")
               for _, w in got.warnings), got.warnings
    assert any(w.startswith(f"{batch / 'hostile.html'}: publication date the day before")
               for _, w in got.warnings), got.warnings
    assert any(w.startswith(f"{jsonl}:6: the text had 2 character(s) that cannot be stored")
               for _, w in got.warnings), got.warnings

    with any_store.session() as session:
        docs = {d.name: d for d in session.scalars(select(m.Document))}
        arabic = docs["arabic-1256"]
        assert arabic.text == ARABIC.split("\n\n", 1)[1] and arabic.title == "عرسال"
        assert docs["arabic-utf16"].text == ARABIC.split("\n\n", 1)[1].replace("2 آب", "3 آب")
        assert "résumé" in docs["french-latin1"].text
        assert docs["french-latin1"].title == "Qusayr, été 2013"
        html = docs["hostile"]
        assert html.published is None  # stored without a date, not dropped
        assert "Hezbollah attacked Jabhat al-Nusra in the Qalamoun mountains" in html.text
        for noise in ("1999", "color", "alert", "Home"):
            assert noise not in html.text
        assert docs["wire-5"].published is None and docs["wire-1"].published == "2015-04"
        assert docs["wire-6"].text == "Hezbollah fought Jabhat al-Nusra \ufffd in Qusayr \ufffd."
        assert docs["wire-6"].source_path == f"{jsonl}#L6"
        # offsets into mixed-direction text point at what they quote
        mixed = docs["mixed-direction"]
        assert "\u200f" in mixed.text and "\u200e" in mixed.text
        claims = session.scalars(select(m.Claim).where(m.Claim.document_id == mixed.id)).all()
        assert claims, "the mixed-direction report yields no claim"
        for claim in claims:
            for ev in claim.evidence:
                assert mixed.text[ev.quote_start:ev.quote_end] == ev.quote
                assert ev.sentence_start <= ev.quote_start <= ev.quote_end <= ev.sentence_end
        mentions = session.scalars(select(m.Mention).where(
            m.Mention.document_id == mixed.id)).all()
        assert {"jabhat-al-nusra", "lebanese-army", "hezbollah"} <= {x.actor_id for x in mentions}
        for mention in mentions:
            assert mixed.text[mention.start:mention.end] == mention.text

    after = store_snapshot(any_store)
    for table in ("documents", "actors", "actor_names", "places", "place_names", "mentions",
                  "claims", "evidence", "reviews"):
        assert before[table] - after[table] == Counter(), table  # nothing lost or changed
    old_docs = {row[0] for row in before["documents"]}
    touched = {tuple(sorted((row[3], row[4]))) for row in after["claims"]
               if row[1] not in old_docs and row[3] and row[4]}
    untouched_before = Counter({r: n for r, n in before["relations"].items()
                                if (r[0], r[1]) not in touched})
    assert untouched_before - after["relations"] == Counter()


def test_a_second_run_of_the_mixed_batch_adds_nothing(fresh_store, kb, tmp_path):
    batch = tmp_path / "batch"
    make_bad_files(batch)
    make_good_files(batch)
    Collected().run([batch], fresh_store, kb)
    first = store_snapshot(fresh_store)
    again = Collected()
    report = again.run([batch], fresh_store, kb)
    assert (report.new, report.present) == (0, 11)
    assert len(again.problems) == len(make_bad_files(tmp_path / "same")) + 2
    assert store_snapshot(fresh_store) == first


runner = CliRunner()


def squeeze(text: str) -> str:
    """Output without whitespace: the console wraps long paths at its width."""
    return "".join(text.split())


def test_cli_names_each_bad_input_prints_warnings_and_counts(tmp_path):
    batch = tmp_path / "batch"
    expected = make_bad_files(batch)
    (batch / "huge.txt").unlink()
    expected.pop("huge.txt")
    make_good_files(batch)
    db = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(batch), "--quiet"])
    output = squeeze(result.output)
    for name, (code, words) in expected.items():
        assert squeeze(f"[{code}] {batch / name}: ") in output and squeeze(words) in output
    assert squeeze(f"[E109] {batch / 'corpus.jsonl'}:3: is not valid JSON") in output
    assert squeeze(f"[E109] {batch / 'corpus.jsonl'}:7: has no") in output
    assert squeeze(f"warning {batch / 'corpus.jsonl'}:5: publication date") in output
    assert squeeze(f"11 new document(s), 0 already present, {len(expected) + 2} failed") \
        in output
    assert result.exit_code == 0  # some documents were stored


def test_cli_size_limit_comes_from_the_option_or_the_environment(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("The Islamic State attacked Kobani. " * 100)  # 3500 bytes
    db = tmp_path / "store.sqlite"
    monkeypatch.setenv("ALLEGIANCE_MAX_BYTES", "1000")
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--quiet"])
    assert "[E103]" in result.output and "1000 bytes" in result.output
    assert result.exit_code == 1  # nothing could be stored
    monkeypatch.delenv("ALLEGIANCE_MAX_BYTES")
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--quiet",
                                 "--max-mb", "0.001"])
    assert "[E103]" in result.output
    assert Settings.from_env().max_bytes == ReadOptions().max_bytes == 20 * 1024 * 1024


def test_cli_knowledge_base_mistakes_name_file_and_line_and_store_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "05-qusayr-2013.en.txt", folder)
    bad = tmp_path / "mine.yaml"
    bad.write_text("- id: liwa-test\n  type: militia\n  names: [{text: Liwa Test, lang: en}]\n"
                   "- id: other\n  type: armed_group\n  names: [unclosed\n", encoding="utf-8")
    db = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["--db", str(db), "--kb-extra", str(bad), "ingest",
                                 str(folder), "--quiet"])
    assert result.exit_code != 0
    assert squeeze(f"{bad}:") in squeeze(result.output) and "YAMLsyntax" in squeeze(result.output)
    bad.write_text("- id: liwa-test\n  type: militia\n  names: [{text: Liwa Test, lang: en}]\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db), "--kb-extra", str(bad), "ingest",
                                 str(folder), "--quiet"])
    assert result.exit_code != 0
    assert squeeze(f"{bad}:1: actor liwa-test: unknown type 'militia'") in squeeze(result.output)
    if db.exists():
        store = open_store(f"sqlite:///{db}")
        with store.session() as session:
            assert session.scalars(select(m.Document)).first() is None
        store.close()


def test_a_file_name_that_is_not_utf8_is_stored_with_a_replacement_character(
        fresh_store, kb, tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "caf\udce9.txt").write_text("Hezbollah fought the Islamic State in Qusayr in 2013.")
    got = Collected()
    report = got.run([folder], fresh_store, kb)
    assert report.new == 1 and got.problems == []
    with fresh_store.session() as session:
        doc = session.scalars(select(m.Document)).one()
    assert doc.name == "caf\ufffd" and doc.source_path.endswith("caf\ufffd.txt")
    assert any("the path had 1 character(s)" in w for _, w in got.warnings)

"""A generated corpus of short news items, made by recombining the example reports.

Used by `bench/ingest_throughput.py` and by the Ray equivalence tests
(`tests/scale/`). Each item takes one or two paragraphs from one example report
(so its claims, names and dates are real ones) plus a numbered dateline that
makes every text distinct; it keeps the report's language and publication date.
A few items repeat an earlier text on purpose (a wire story picked up twice),
so that runs exercise "the first copy is stored, the rest are present".

    python bench/corpus.py --docs 20000 --out /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"
DATELINES = {"en": "Dispatch {n} from the regional desk.",
             "ar": "رسالة رقم {n} من مكتب المنطقة."}


def _reports() -> list[tuple[str, str | None, list[str]]]:
    """(lang, date, paragraphs) of each example report, header stripped."""
    reports = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        paragraphs = [p.strip() for p in body.split("\n\n") if len(p.split()) > 8]
        if paragraphs:
            reports.append((meta.get("lang", "en"), meta.get("date"), paragraphs))
    return reports


def generate(docs: int, seed: int = 7, repeat_share: float = 0.01,
             max_paragraphs: int = 2) -> list[dict]:
    """`docs` JSONL records ({"id", "text", "lang", "published"}), reproducible by `seed`."""
    rng = random.Random(seed)
    reports = _reports()
    records: list[dict] = []
    for n in range(docs):
        if records and rng.random() < repeat_share:
            earlier = rng.choice(records)
            records.append({**earlier, "id": f"item-{n:06d}"})
            continue
        lang, date, paragraphs = rng.choice(reports)
        start = rng.randrange(len(paragraphs))
        body = paragraphs[start:start + rng.randint(1, max_paragraphs)]
        text = "\n\n".join([DATELINES.get(lang, DATELINES["en"]).format(n=n), *body])
        records.append({"id": f"item-{n:06d}", "text": text, "lang": lang, "published": date})
    return records


def write_jsonl(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("/tmp/corpus.jsonl"))
    args = parser.parse_args()
    records = generate(args.docs, args.seed)
    write_jsonl(records, args.out)
    words = sum(len(r["text"].split()) for r in records)
    print(f"{len(records):,} documents, {words:,} words -> {args.out}")


if __name__ == "__main__":
    main()

"""Flat exports: two CSV tables (claims with evidence, relation periods) and one JSON file.

CSV cannot hold two tables in one file, so `-o out.csv` writes `out.claims.csv`
and `out.relations.csv` side by side (`-o folder/` writes `claims.csv` and
`relations.csv` in it): one command, both tables, always from the same window.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from allegiance.export.data import ExportData

__all__ = ["CLAIM_COLUMNS", "RELATION_COLUMNS", "csv_paths", "write_csv", "write_json"]

CLAIM_COLUMNS = [
    "claim_id", "type", "source_id", "source_name", "target_id", "target_name",
    "target_place_id", "target_place_name", "target_text", "when", "until", "time_qualifier",
    "modality", "attributed_to", "attributed_to_name", "place_id", "place_name",
    "confidence", "review", "document_id", "document_name", "document_title",
    "document_published", "document_url", "quote",
]
RELATION_COLUMNS = [
    "relation_id", "a_id", "a_name", "b_id", "b_name", "source_id", "target_id", "kind",
    "start", "end", "end_reason", "span_start", "span_end", "place_id", "place_name",
    "types", "sources", "confidence", "contradicted", "claim_ids",
]


def csv_paths(path: Path) -> tuple[Path, Path]:
    """Where the two tables go: `out.csv` → `out.claims.csv`, `out.relations.csv`."""
    if path.is_dir():
        return path / "claims.csv", path / "relations.csv"
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    return (stem.with_name(stem.name + ".claims.csv"),
            stem.with_name(stem.name + ".relations.csv"))


def _claim_row(claim: dict) -> list:
    doc = claim["document"]
    return [claim["id"], claim["type"], claim["source"], claim["source_name"], claim["target"],
            claim["target_name"], claim["target_place"], claim["target_place_name"],
            claim["target_text"], claim["when"], claim["until"], claim["time_qualifier"],
            claim["modality"], claim["attributed_to"], claim["attributed_to_name"],
            claim["place"], claim["place_name"], claim["confidence"], claim["review"],
            doc["id"], doc["name"], doc["title"], doc["published"], doc["url"], claim["quote"]]


def _relation_row(rel: dict) -> list:
    return [rel["id"], rel["a"], rel["a_name"], rel["b"], rel["b_name"], rel["source"],
            rel["target"], rel["kind"], rel["start"], rel["end"], rel["end_reason"],
            rel["span_start"], rel["span_end"], rel["place"], rel["place_name"],
            ";".join(rel["types"]), rel["sources"], rel["confidence"],
            str(rel["contradicted"]).lower(), ";".join(str(c) for c in rel["claims"])]


def _write_table(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])


def write_csv(data: ExportData, path: Path) -> list[Path]:
    """Write the claims table and the relations table; returns both paths."""
    claims_path, relations_path = csv_paths(path)
    _write_table(claims_path, CLAIM_COLUMNS, [_claim_row(c) for c in data.claims])
    _write_table(relations_path, RELATION_COLUMNS, [_relation_row(r) for r in data.relations])
    return [claims_path, relations_path]


def write_json(data: ExportData, path: Path) -> list[Path]:
    """One JSON document: {meta, actors, claims, relations}."""
    document = {"meta": data.meta, "actors": list(data.actors.values()),
                "claims": data.claims, "relations": data.relations}
    with path.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return [path]

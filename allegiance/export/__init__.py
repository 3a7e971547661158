"""Exports: the store's actors, claims and relation periods as files other tools read.

`build_export_data` reads the store once into plain data; each format in
`EXPORTERS` renders that data to a path and returns the paths it wrote (CSV
writes two). One data function, several renderers: every format of one window
carries the same claims and relations.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from allegiance.export.data import ExportData, build_export_data, parse_date
from allegiance.export.gexf import write_gexf
from allegiance.export.graphml import write_graphml
from allegiance.export.stix import write_stix
from allegiance.export.tables import csv_paths, write_csv, write_json

__all__ = ["EXPORTERS", "ExportData", "Exporter", "build_export_data", "csv_paths",
           "export", "parse_date"]

Exporter = Callable[[ExportData, Path], list[Path]]

EXPORTERS: dict[str, Exporter] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "csv": write_csv,
    "json": write_json,
    "stix": write_stix,
}


def export(data: ExportData, fmt: str, path: Path) -> list[Path]:
    """Render `data` in format `fmt` to `path`; returns the files written."""
    try:
        writer = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORTERS)}") \
            from None
    return writer(data, Path(path))

"""`allegiance export`: the store's network, claims and evidence as files for other tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from allegiance.cli.app import app, console, fail, load_kb, open_store_or_fail
from allegiance.export import EXPORTERS, build_export_data, export, parse_date

FORMAT_HELP = (
    "gexf: GEXF 1.3, dynamic (spells), for Gephi's timeline. "
    "graphml: GraphML with typed attributes. "
    "csv: two tables; -o out.csv writes out.claims.csv (one row per claim with its "
    "quote and document) and out.relations.csv (one row per relation period); "
    "-o FOLDER/ writes claims.csv and relations.csv in it. "
    "json: one document {meta, actors, claims, relations}. "
    "stix: a STIX 2.1 bundle (threat-actor/identity, relationship with quoted sources)."
)


def _format(value: str) -> str:
    if value not in EXPORTERS:
        raise typer.BadParameter(f"unknown format {value!r}; choose one of "
                                 f"{', '.join(EXPORTERS)}")
    return value


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command("export")
def export_cli(
    fmt: Annotated[str, typer.Option("--format", "-f", callback=_format,
                                     help=f"One of {', '.join(EXPORTERS)}. {FORMAT_HELP}",
                                     show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (csv: see "
                                         "--format).", show_default=False)],
    at: Annotated[str | None, typer.Option(
        "--at", callback=_date, show_default=False,
        help="Keep relations holding on this date (YYYY, YYYY-MM or YYYY-MM-DD) and "
             "claims whose time covers it.")] = None,
    start: Annotated[str | None, typer.Option(
        "--from", callback=_date, show_default=False,
        help="Window start: keep relations and claims overlapping [--from, --to].")] = None,
    end: Annotated[str | None, typer.Option(
        "--to", callback=_date, show_default=False,
        help="Window end; open relations end here on a timeline.")] = None,
    lineage: Annotated[bool, typer.Option(
        "--lineage/--no-lineage",
        help="Fold renamed predecessors into their successor (Jabhat al-Nusra into "
             "Hay'at Tahrir al-Sham) or keep each name's actor apart.")] = False,
) -> None:
    """Export actors, cited claims and derived relation periods for Gephi, spreadsheets or
    threat-intelligence tools.

    Relations are derived from asserted and reported claims, as in every view; the
    claims table holds every claim not rejected in review, with its modality.
    Examples:

      allegiance export -f gexf -o network.gexf

      allegiance export -f csv --from 2014 --to 2017 -o aarsal.csv

      allegiance export -f stix --at 2016-07 --lineage -o bundle.json
    """
    if at is not None and (start is not None or end is not None):
        raise fail("give either --at or --from/--to, not both")
    if output.is_dir() and fmt != "csv":
        raise fail(f"{output} is a folder; give a file name for {fmt}")
    folder = output if output.is_dir() else output.parent
    if not folder.is_dir():
        raise fail(f"folder {folder} does not exist")
    kb = load_kb()
    store = open_store_or_fail()
    try:
        with store.session() as session:
            data = build_export_data(session, kb, at=at, start=start, end=end, lineage=lineage)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    finally:
        store.close()
    written = export(data, fmt, output)
    nodes = len(data.relation_actors())
    console.print(f"{nodes} actor(s) in relations, {len(data.claims)} claim(s), "
                  f"{len(data.relations)} relation period(s) → "
                  + ", ".join(str(p) for p in written), highlight=False)
    if not data.claims:
        console.print("Nothing to export in this window: the store is empty or no claim "
                      "falls in it.")

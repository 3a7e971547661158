"""Views over the store: `summary` and `pair`."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from allegiance.analyse import views
from allegiance.cli.app import app, console, fail, load_kb, open_store_or_fail
from allegiance.errors import NotFound, QueryError
from allegiance.store import queries


@app.command("summary")
def summary_cli(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """What the store holds: documents, claims by type and modality, the busiest actors."""
    store = open_store_or_fail()
    with store.session() as session:
        data = queries.summary(session)
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    counts = data["counts"]
    console.print(f"[bold]{counts['documents']}[/] documents, [bold]{counts['claims']}[/] claims "
                  f"about [bold]{counts['actors_named']}[/] actors "
                  f"({counts['discovered_actors']} discovered), {counts['reviews']} reviews.")
    if counts["documents"] == 0:
        console.print("The store is empty: add reports with [bold]allegiance ingest PATH[/].")
        return
    types = Table("claim type", "claims", title="Claims by type")
    for claim_type, n in sorted(data["claims_by_type"].items(), key=lambda x: -x[1]):
        types.add_row(claim_type, str(n))
    top = Table("actor", "claims", title="Most connected actors")
    for row in data["top_actors"]:
        top.add_row(row["name"], str(row["claims"]))
    console.print(types)
    console.print(top)


@app.command("pair")
def pair_cli(
    actor_a: Annotated[str, typer.Argument(help="A name or id, any language.")],
    actor_b: Annotated[str, typer.Argument(help="A name or id, any language.")],
    start: Annotated[str | None, typer.Option("--from", help="Only from this date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Only up to this date.")] = None,
    lineage: Annotated[bool, typer.Option(
        "--lineage/--no-lineage",
        help="Fold predecessors and successors (renames) into each side.")] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The history of one pair of actors: their relation period by period, then every
    claim between them, oldest first, cited. Example:
    [bold]allegiance pair "Islamic State" "Jabhat al-Nusra" --from 2013 --to 2017[/]"""
    try:
        start, end = views.check_date(start, "--from"), views.check_date(end, "--to")
    except QueryError as exc:
        raise fail(exc.message) from exc
    kb = load_kb()
    store = open_store_or_fail()
    try:
        data = views.pair_view(store, kb, actor_a, actor_b, start=start, end=end,
                               lineage=lineage, detail=not as_json)
    except QueryError as exc:  # NotFound included
        hint = "; try `allegiance search` with part of the name" \
            if isinstance(exc, NotFound) else ""
        raise fail(exc.message + hint) from exc
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    names, rows = data["actor_names"], data["claims"]
    title = " ↔ ".join(data["title"])
    if not rows:
        console.print(f"No claims between {title} yet.")
        return
    history = Table("period", "relation", "types", "sources", "confidence",
                    title=f"{title}: period by period", expand=True)
    for period in data["periods"]:
        history.add_row(f"{period['start']} → {period['end'] or '…'} ({period['end_reason']})"
                        + (f", in {period['place']}" if period["place"] else ""),
                        period["kind"], ", ".join(period["types"]), str(period["sources"]),
                        f"{period['confidence']:.2f}" + (" ⚠ contested"
                                                         if period["contradicted"] else ""))
    console.print(history)
    table = Table("when", "claim", "modality", "evidence", title=title, show_lines=True,
                  expand=True)
    for row in rows:
        when = (row["when"] or "undated") + (f" → {row['until']}" if row["until"] else "")
        claim = f"{names.get(row['source'], row['source'])} [bold]{row['type']}[/] " \
                f"{names.get(row['target'], row['target'])}"
        if row["review"] == "reject":
            claim = f"[strike]{claim}[/] (rejected)"
        doc = row["document"]
        quote = Text(f"“{row['quote']}”\n", style="italic")
        quote.append(f"— {doc['title'] or doc['name']}, {doc['published'] or 'undated'}",
                     style="dim")
        table.add_row(when, claim, row["modality"], quote)
    console.print(table)

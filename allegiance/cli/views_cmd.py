"""Views over the store: `summary` and `pair`."""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from allegiance.cli.app import app, console, fail, load_kb, open_store_or_fail
from allegiance.resolve.lineage import predecessors, successor_at
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


def _family(actor_id: str, kb, lineage: bool) -> set[str]:
    if not lineage:
        return {actor_id}
    return {actor_id, *predecessors(actor_id, kb), successor_at(actor_id, "9999", kb),
            *predecessors(successor_at(actor_id, "9999", kb), kb)}


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
    from allegiance.analyse.relations import derive_relations, load_claims, overlaps

    for value, option in ((start, "--from"), (end, "--to")):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise fail(f"{option} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    kb = load_kb()
    store = open_store_or_fail()
    with store.session() as session:
        found_a = queries.find_actors(session, actor_a)
        found_b = queries.find_actors(session, actor_b)
        for label, found in ((actor_a, found_a), (actor_b, found_b)):
            if not found:
                raise fail(f"no actor named {label!r}; try `allegiance kb list {label}`")
        side_a = _family(found_a[0].id, kb, lineage)
        side_b = _family(found_b[0].id, kb, lineage)
        claims = [c for c in queries.claims_between(session, side_a, side_b)
                  if overlaps(c.valid_from or c.document.published,
                              c.valid_to or c.valid_from or c.document.published, start, end)]
        records = [r for r in load_claims(session, side_a | side_b)
                   if (r.source in side_a and r.target in side_b)
                   or (r.source in side_b and r.target in side_a)]
        records = [r for r in records if overlaps(r.start, r.end, start, end)]
        fold_to = {x: found_a[0].id for x in side_a} | {x: found_b[0].id for x in side_b}
        periods = derive_relations(records, fold=lambda x: fold_to.get(x, x))
        names = {a.id: a.name for a in found_a + found_b}
        rows = []
        for claim in claims:
            evidence = claim.evidence[0] if claim.evidence else None
            review = queries.latest_review(claim)
            rows.append({
                "id": claim.id, "type": claim.type,
                "source": claim.source_id, "target": claim.target_id,
                "when": claim.valid_from, "until": claim.valid_to,
                "modality": claim.modality, "attributed_to": claim.attributed_to,
                "confidence": claim.confidence, "place": claim.place_id,
                "review": review.action if review else None,
                "document": {"name": claim.document.name, "title": claim.document.title,
                             "published": claim.document.published},
                "quote": evidence.quote if evidence else None,
            })
        all_ids = {r["source"] for r in rows} | {r["target"] for r in rows}
        for actor_id in all_ids:
            if actor_id and actor_id not in names:
                names[actor_id] = kb.actors[actor_id].name if actor_id in kb.actors else actor_id
    if as_json:
        sys.stdout.write(json.dumps({"a": sorted(side_a), "b": sorted(side_b),
                                     "periods": [p.to_dict() for p in periods],
                                     "claims": rows}, ensure_ascii=False, indent=2) + "\n")
        return
    title = f"{found_a[0].name} ↔ {found_b[0].name}"
    if not rows:
        console.print(f"No claims between {title} yet.")
        return
    history = Table("period", "relation", "types", "sources", "confidence",
                    title=f"{title}: period by period", expand=True)
    for period in periods:
        history.add_row(f"{period.start} → {period.end or '…'} ({period.end_reason})"
                        + (f", in {period.place}" if period.place else ""),
                        period.kind, ", ".join(period.types), str(period.sources),
                        f"{period.confidence:.2f}" + (" ⚠ contested" if period.contradicted
                                                      else ""))
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

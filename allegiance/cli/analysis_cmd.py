"""Views over derived relations: `actor`, `network`, `changes`, `shifts`, `search`.

Each command parses its options, calls one function of `allegiance.analyse.views`
and renders its result as tables or prints it as JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from allegiance.analyse import views
from allegiance.analyse.materialize import refresh_relations
from allegiance.cli.app import app, console, fail, load_kb, open_store_or_fail
from allegiance.errors import NotFound, QueryError

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
Lineage = Annotated[bool, typer.Option(
    "--lineage/--no-lineage", help="Fold renamed predecessors and successors into one node.")]


def _date(value: str | None, option: str) -> str | None:
    try:
        return views.check_date(value, option)
    except QueryError as exc:
        raise fail(exc.message) from exc


def _view(function: Callable[..., Any], *args, not_found: str | None = None, **kwargs):
    """Call a view; its errors end the command with one clear line."""
    try:
        return function(*args, **kwargs)
    except NotFound as exc:
        raise fail(f"{exc.message}; {not_found}" if not_found else exc.message) from exc
    except QueryError as exc:
        raise fail(exc.message) from exc


def _out(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command("actor")
def actor_cli(
    name: Annotated[str, typer.Argument(help="A name or id in any language.")],
    at: Annotated[str | None, typer.Option(help="Relations holding on this date.")] = None,
    lineage: Lineage = True,
    as_json: Json = False,
) -> None:
    """An actor's profile: names over time, lineage, leaders, allies and rivals with their
    periods, recent events; each line cited."""
    at = _date(at, "--at")
    kb = load_kb()
    store = open_store_or_fail()
    profile = _view(views.actor_view, store, kb, name, at=at, lineage=lineage,
                    not_found=f"try `allegiance search {name}`")
    if as_json:
        _out(profile)
        return
    names = views.actor_names(store)
    console.rule(f"[bold]{profile['name']}[/] ({profile['type']}, {profile['id']})")
    if profile["notes"]:
        console.print(profile["notes"])
    console.print("[bold]Names:[/] " + "; ".join(
        f"{n['text']} ({n['lang']}" + (f", {n['from'] or '…'}–{n['to'] or '…'}"
                                        if n["from"] or n["to"] else "") + ")"
        for n in profile["names"][:14]))
    for step in profile["lineage"][:8]:
        console.print(f"[bold]Lineage:[/] {names.get(step['source'], step['source'])} "
                      f"{step['type']} {names.get(step['target'], step['target'])} "
                      f"({step['date'] or 'undated'}, {step['from']})")
    for title, key in (("Allies", "allies"), ("Rivals", "rivals")):
        table = Table("with", "period", "types", "sources", "confidence", "evidence",
                      title=title, show_lines=True, expand=True)
        for rel in profile[key]:
            quote = rel["evidence"][0] if rel["evidence"] else {}
            table.add_row(names.get(rel["other"], rel["other"]),
                          f"{rel['start']} → {rel['end'] or '…'} ({rel['end_reason']})",
                          ", ".join(rel["types"]), str(rel["sources"]),
                          f"{rel['confidence']:.2f}" + (" ⚠" if rel["contradicted"] else ""),
                          Text(f"“{quote.get('quote') or ''}” — {quote.get('document')}"))
        if profile[key]:
            console.print(table)
    if profile["events"]:
        table = Table("when", "event", "evidence", title="Recent events", expand=True)
        for event in profile["events"]:
            table.add_row(event["when"] or event["published"] or "",
                          f"{names.get(event['source'], event['source'])} {event['type']} "
                          f"{names.get(event['target'], event['target'])}",
                          Text(f"“{event['quote']}” — {event['document']}"))
        console.print(table)


@app.command("network")
def network_cli(
    at: Annotated[str | None, typer.Option(help="The network on this date.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="Window start.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Window end.")] = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--type", help="Keep a kind (cooperative, hostile, lineage) or claim type.")] = None,
    place: Annotated[str | None, typer.Option(help="Keep relations scoped to a place id.")]
    = None,
    lineage: Lineage = False,
    limit: Annotated[int, typer.Option(
        help="At most this many relations, the best attested first (0: all).")]
    = views.NETWORK_LIMIT,
    as_json: Json = False,
) -> None:
    """The network as of a date or over a window, with degree, betweenness and the
    communities of cooperation. Example: [bold]allegiance network --at 2014-08[/]"""
    at, start, end = _date(at, "--at"), _date(start, "--from"), _date(end, "--to")
    if not (at or start or end):
        raise fail("give --at DATE, or --from/--to for a window")
    kb = load_kb()
    store = open_store_or_fail()
    data = _view(views.network_view, store, kb, at=at, start=start, end=end, kinds=kind,
                 place=place, lineage=lineage, limit=limit)
    if as_json:
        _out(data)
        return
    edges = data["relations"]
    names = views.actor_names(store, {x for e in edges for x in (e["a"], e["b"])}, kb)
    when = f"at {at}" if at else f"{start or '…'} → {end or '…'}"
    console.print(f"{data['nodes']} actors, {data['edges']} relations ({when}).")
    if data["total_relations"] > len(edges):
        console.print(f"[yellow]Showing the {len(edges):,} best-attested of "
                      f"{data['total_relations']:,} relations; --limit 0 for all.[/]")
    table = Table("a", "b", "kind", "period", "sources", "confidence", expand=True)
    for edge in sorted(edges, key=lambda e: -e["confidence"])[:60]:
        table.add_row(names.get(edge["a"], edge["a"]), names.get(edge["b"], edge["b"]),
                      edge["kind"], f"{edge['start']} → {edge['end'] or '…'}",
                      str(edge["sources"]), f"{edge['confidence']:.2f}")
    console.print(table)
    central = sorted(data["betweenness"].items(), key=lambda x: -x[1])[:8]
    console.print("Most central: " + ", ".join(f"{names.get(a, a)} ({v:.2f})"
                                                for a, v in central))
    for i, community in enumerate(data["communities"][:6], 1):
        console.print(f"Cooperating bloc {i}: " + ", ".join(names.get(a, a)
                                                           for a in community))


@app.command("changes")
def changes_cli(
    start: Annotated[str, typer.Option("--from", help="The earlier date.")],
    end: Annotated[str, typer.Option("--to", help="The later date.")],
    lineage: Lineage = False,
    as_json: Json = False,
) -> None:
    """Relations that began, ended or turned between two dates."""
    start, end = _date(start, "--from"), _date(end, "--to")
    kb = load_kb()
    store = open_store_or_fail()
    data = _view(views.changes_view, store, kb, start, end, lineage=lineage)
    if as_json:
        _out(data)
        return
    names = views.actor_names(store)
    for label in ("began", "ended"):
        for p in data[label]:
            console.print(f"{label}: {names.get(p['a'], p['a'])} – {names.get(p['b'], p['b'])} "
                          f"{p['kind']} ({p['start']} → {p['end'] or '…'})")
    for turn in data["turned"]:
        before, after = turn["from"], turn["to"]
        console.print(f"turned: {names.get(after['a'], after['a'])} – "
                      f"{names.get(after['b'], after['b'])}"
                      f" {before['kind']} → {after['kind']} ({after['start']})")
    if not any(data.values()):
        console.print("No relation began, ended or turned between those dates.")


@app.command("shifts")
def shifts_cli(
    since: Annotated[str | None, typer.Option(help="Only shifts from this date on.")] = None,
    lineage: Lineage = True,
    limit: Annotated[int, typer.Option(help="How many to show.", min=1)] = 15,
    as_json: Json = False,
) -> None:
    """Pairs whose recent claims turn against their earlier state (rivals now cooperating,
    allies now fighting), ranked, with the evidence on both sides."""
    since = _date(since, "--since")
    kb = load_kb()
    store = open_store_or_fail()
    found = _view(views.shifts_view, store, kb, since=since, limit=limit, lineage=lineage)
    if as_json:
        _out(found)
        return
    names = views.actor_names(store)
    table = Table("pair", "was", "now", "score", "evidence", show_lines=True, expand=True)
    for s in found:
        before, after = s["from"], s["to"]
        table.add_row(f"{names.get(s['a'], s['a'])} – {names.get(s['b'], s['b'])}",
                      f"{before['kind']} {before['start']}", f"{after['kind']} {after['start']}",
                      f"{s['score']:.2f}",
                      Text(f"before: “{(s['evidence_from'] or [''])[0]}”\n"
                           f"now: “{(s['evidence_to'] or [''])[0]}”"))
    console.print(table if found else "No shifts found.")


@app.command("search")
def search_cli(
    text: Annotated[str, typer.Argument(help="A name or words, in any language.")],
    as_json: Json = False,
) -> None:
    """Actors, places and claims matching a name in any language."""
    store = open_store_or_fail()
    data = _view(views.search_view, store, text)
    if as_json:
        _out(data)
        return
    for actor in data["actors"]:
        console.print(f"actor  {actor['name']} ({actor['type']}, {actor['id']})")
    for place in data["places"]:
        console.print(f"place  {place['name']} ({place['id']})")
    for claim in data["claims"]:
        console.print(f"claim  #{claim['id']}: “{claim['quote']}”")
    if not any(data.values()):
        console.print(f"Nothing matches {text!r}.")


@app.command("review")
def review_cli(
    claim_id: Annotated[int, typer.Argument(help="The claim's id (shown by --json views).")],
    action: Annotated[str, typer.Argument(help="accept, reject or correct")],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    correction: Annotated[str | None, typer.Option(
        help='With correct: JSON of the fields to change, e.g. \'{"type": "FOUGHT"}\'.')]
    = None,
    reviewer: Annotated[str | None, typer.Option(help="Who reviews.")] = None,
) -> None:
    """Accept, reject or correct a claim. The claim stays as extracted; views follow the
    latest review."""
    if action not in views.REVIEW_ACTIONS:
        raise fail(f"unknown action {action!r}: use accept, reject or correct")
    fields = None
    if correction:
        try:
            fields = json.loads(correction)
        except json.JSONDecodeError as exc:
            raise fail(f"--correction is not JSON: {exc}") from exc
    store = open_store_or_fail()
    _view(views.review_claim, store, claim_id, action, note=note, correction=fields,
          reviewer=reviewer)
    console.print(f"claim {claim_id}: {action} recorded.")


@app.command("relations")
def relations_cli() -> None:
    """Derive every relation period again from the claims (after editing a store by hand)."""
    store = open_store_or_fail()
    count = refresh_relations(store)
    console.print(f"{count} relation period(s) derived.")

"""Views over derived relations: `actor`, `network`, `changes`, `shifts`, `search`."""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy import or_, select

from allegiance.analyse.materialize import load_periods, pair_of_claim, refresh_relations
from allegiance.analyse.network import changes, measures, network, shifts
from allegiance.analyse.profile import actor_profile
from allegiance.cli.app import app, console, fail, load_kb, open_store_or_fail
from allegiance.extract.normalize import name_key
from allegiance.resolve.lineage import successor_at
from allegiance.store import models as m
from allegiance.store import queries

DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
Lineage = Annotated[bool, typer.Option(
    "--lineage/--no-lineage", help="Fold renamed predecessors and successors into one node.")]


def _date(value: str | None, option: str) -> str | None:
    if value is not None and not DATE.match(value):
        raise fail(f"{option} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _relations(lineage: bool, *, at: str | None = None, start: str | None = None,
               end: str | None = None):
    """Stored relation periods (by index), folded across renames when asked."""
    kb = load_kb()
    store = open_store_or_fail()
    periods = load_periods(store, at=at, start=start, end=end)
    with store.session() as session:
        names = dict(session.execute(select(m.Actor.id, m.Actor.name)).all())
    if lineage:
        folded = []
        for period in periods:
            a, b = successor_at(period.a, "9999", kb), successor_at(period.b, "9999", kb)
            if a != b:
                period.a, period.b = min(a, b), max(a, b)
                folded.append(period)
        periods = folded
    return periods, names, store


def _quotes(store, claim_ids: list[int]) -> list[str]:
    with store.session() as session:
        return list(session.scalars(select(m.Evidence.quote)
                                    .where(m.Evidence.claim_id.in_(claim_ids[:3]))))


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
    with store.session() as session:
        found = queries.find_actors(session, name)
        if not found:
            raise fail(f"no actor named {name!r}; try `allegiance search {name}`")
        profile = actor_profile(session, kb, found[0].id, at=at, lineage=lineage)
        names = dict(session.execute(select(m.Actor.id, m.Actor.name)).all())
    if as_json:
        _out(profile)
        return
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
    as_json: Json = False,
) -> None:
    """The network as of a date or over a window, with degree, betweenness and the
    communities of cooperation. Example: [bold]allegiance network --at 2014-08[/]"""
    at, start, end = _date(at, "--at"), _date(start, "--from"), _date(end, "--to")
    if not (at or start or end):
        raise fail("give --at DATE, or --from/--to for a window")
    periods, names, _ = _relations(lineage, at=at, start=start, end=end)
    graph = network(periods, at=at, start=start, end=end, kinds=kind, place=place)
    stats = measures(graph)
    edges = [data["period"].to_dict() for _, _, data in graph.edges(data=True)]
    if as_json:
        _out({"at": at, "from": start, "to": end, "relations": edges} | stats)
        return
    when = f"at {at}" if at else f"{start or '…'} → {end or '…'}"
    console.print(f"{stats['nodes']} actors, {stats['edges']} relations ({when}).")
    table = Table("a", "b", "kind", "period", "sources", "confidence", expand=True)
    for edge in sorted(edges, key=lambda e: -e["confidence"])[:60]:
        table.add_row(names.get(edge["a"], edge["a"]), names.get(edge["b"], edge["b"]),
                      edge["kind"], f"{edge['start']} → {edge['end'] or '…'}",
                      str(edge["sources"]), f"{edge['confidence']:.2f}")
    console.print(table)
    central = sorted(stats["betweenness"].items(), key=lambda x: -x[1])[:8]
    console.print("Most central: " + ", ".join(f"{names.get(a, a)} ({v:.2f})"
                                                for a, v in central))
    for i, community in enumerate(stats["communities"][:6], 1):
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
    periods, names, _ = _relations(lineage, start=start, end=end)
    result = changes(periods, start, end)
    if as_json:
        _out({"began": [p.to_dict() for p in result["began"]],
              "ended": [p.to_dict() for p in result["ended"]],
              "turned": [{"from": a.to_dict(), "to": b.to_dict()}
                         for a, b in result["turned"]]})
        return
    for label in ("began", "ended"):
        for p in result[label]:
            console.print(f"{label}: {names.get(p.a, p.a)} – {names.get(p.b, p.b)} "
                          f"{p.kind} ({p.start} → {p.end or '…'})")
    for before, after in result["turned"]:
        console.print(f"turned: {names.get(after.a, after.a)} – {names.get(after.b, after.b)}"
                      f" {before.kind} → {after.kind} ({after.start})")
    if not any(result.values()):
        console.print("No relation began, ended or turned between those dates.")


@app.command("shifts")
def shifts_cli(
    since: Annotated[str | None, typer.Option(help="Only shifts from this date on.")] = None,
    lineage: Lineage = True,
    limit: Annotated[int, typer.Option(help="How many to show.")] = 15,
    as_json: Json = False,
) -> None:
    """Pairs whose recent claims turn against their earlier state (rivals now cooperating,
    allies now fighting), ranked, with the evidence on both sides."""
    since = _date(since, "--since")
    periods, names, store = _relations(lineage)
    found = shifts(periods, since)[:limit]
    for shift in found:
        shift["evidence_from"] = _quotes(store, shift["from"].claim_ids)
        shift["evidence_to"] = _quotes(store, shift["to"].claim_ids)
    if as_json:
        _out([{"a": s["a"], "b": s["b"], "score": s["score"], "from": s["from"].to_dict(),
               "to": s["to"].to_dict(), "evidence_from": s["evidence_from"],
               "evidence_to": s["evidence_to"]} for s in found])
        return
    table = Table("pair", "was", "now", "score", "evidence", show_lines=True, expand=True)
    for s in found:
        before, after = s["from"], s["to"]
        table.add_row(f"{names.get(s['a'], s['a'])} – {names.get(s['b'], s['b'])}",
                      f"{before.kind} {before.start}", f"{after.kind} {after.start}",
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
    key = name_key(text)
    if not key:
        raise fail("give a name or some words to search for")
    store = open_store_or_fail()
    with store.session() as session:
        actor_ids = set(session.scalars(select(m.ActorName.actor_id)
                                        .where(m.ActorName.key.contains(key)).limit(50)))
        actor_ids |= set(session.scalars(select(m.Actor.id).where(m.Actor.key.contains(key))
                                         .limit(50)))
        actors = session.scalars(select(m.Actor).where(m.Actor.id.in_(actor_ids))).all()
        place_ids = set(session.scalars(select(m.PlaceName.place_id)
                                        .where(m.PlaceName.key.contains(key)).limit(50)))
        places = session.scalars(select(m.Place).where(m.Place.id.in_(place_ids))).all()
        quotes = session.execute(
            select(m.Evidence.claim_id, m.Evidence.quote)
            .where(or_(m.Evidence.quote.contains(text), m.Evidence.quote.ilike(f"%{text}%")))
            .limit(20)).all()
    data = {"actors": [{"id": a.id, "name": a.name, "type": a.type} for a in actors],
            "places": [{"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon}
                       for p in places],
            "claims": [{"id": cid, "quote": quote} for cid, quote in quotes]}
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
    from allegiance.store.writer import add_review

    if action not in ("accept", "reject", "correct"):
        raise fail(f"unknown action {action!r}: use accept, reject or correct")
    fields = None
    if correction:
        try:
            fields = json.loads(correction)
        except json.JSONDecodeError as exc:
            raise fail(f"--correction is not JSON: {exc}") from exc
    store = open_store_or_fail()
    try:
        add_review(store, claim_id, action, note=note, correction=fields, reviewer=reviewer)
    except LookupError as exc:
        raise fail(str(exc)) from exc
    refresh_relations(store, pair_of_claim(store, claim_id))
    console.print(f"claim {claim_id}: {action} recorded.")


@app.command("relations")
def relations_cli() -> None:
    """Derive every relation period again from the claims (after editing a store by hand)."""
    store = open_store_or_fail()
    count = refresh_relations(store)
    console.print(f"{count} relation period(s) derived.")

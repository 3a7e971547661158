"""`allegiance kb`: check, list and extend the knowledge base."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.table import Table

from allegiance.cli.app import app, console, err_console, fail, state
from allegiance.config import user_kb_dir
from allegiance.extract.normalize import name_key, slug
from allegiance.kb import load
from allegiance.kb.loader import ACTOR_TYPES, NAME_KINDS

kb_app = typer.Typer(help="Check, list and extend the knowledge base (actors, places, names).",
                     no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def check_cli() -> None:
    """Validate every knowledge-base file; each problem is printed with file and line."""
    kb = load(state.settings().kb_extra)
    for problem in kb.problems:
        err_console.print(f"[red]{problem}[/]", highlight=False)
    console.print(f"{len(kb.files)} file(s), {len(kb.actors)} actors, {len(kb.places)} places, "
                  f"{len(kb.problems)} problem(s).")
    if kb.problems:
        raise typer.Exit(1)


@kb_app.command("list")
def list_cli(
    query: Annotated[str | None, typer.Argument(help="Only entries with a name containing "
                                                     "this (any language).")] = None,
    places: Annotated[bool, typer.Option("--places", help="List places, not actors.")] = False,
) -> None:
    """List actors (or places) with their names."""
    kb = load(state.settings().kb_extra)
    entries = list((kb.places if places else kb.actors).values())
    key = name_key(query) if query else None
    table = Table("id", "type", "names")
    shown = 0
    for entry in entries:
        names = [n.text for n in entry.names]
        if key and not any(key in name_key(n) for n in names):
            continue
        table.add_row(entry.id, entry.type, ", ".join(names[:8]) +
                      (f" (+{len(names) - 8})" if len(names) > 8 else ""))
        shown += 1
    console.print(table)
    console.print(f"{shown} of {len(entries)}")


@kb_app.command("add")
def add_cli(
    name: Annotated[str, typer.Argument(help="The actor's name (its display name if new).")],
    actor_type: Annotated[str, typer.Option(
        "--type", help=f"Actor type: {', '.join(sorted(ACTOR_TYPES))}.")] = "armed_group",
    to: Annotated[str | None, typer.Option(
        help="Add NAME as another name of this existing actor id instead.")] = None,
    alias: Annotated[list[str] | None, typer.Option(help="Another English name (repeatable).")]
    = None,
    arabic: Annotated[list[str] | None, typer.Option(help="An Arabic name (repeatable).")]
    = None,
    kind: Annotated[str, typer.Option(help=f"Kind of NAME: {', '.join(sorted(NAME_KINDS))}.")]
    = "official",
    country: Annotated[str | None, typer.Option(help="ISO country code.")] = None,
    file: Annotated[Path | None, typer.Option(
        help="YAML file to append to. Default: your user knowledge base "
             "($ALLEGIANCE_HOME/kb/actors.yaml), loaded by every run.")] = None,
) -> None:
    """Teach the tool an actor or a new name, in a YAML file of your own.

    Examples: [bold]allegiance kb add "Liwa al-Quds" --type armed_group --arabic "لواء القدس"[/]
    and [bold]allegiance kb add "Jolani" --to abu-muhammad-al-julani --kind short[/]
    """
    if actor_type not in ACTOR_TYPES:
        raise fail(f"unknown type {actor_type!r}; use one of {', '.join(sorted(ACTOR_TYPES))}")
    if kind not in NAME_KINDS:
        raise fail(f"unknown kind {kind!r}; use one of {', '.join(sorted(NAME_KINDS))}")
    kb = load(state.settings().kb_extra)
    names = [{"text": name, "lang": _lang(name), "kind": kind}]
    names += [{"text": a, "lang": "en", "kind": "short"} for a in alias or []]
    names += [{"text": a, "lang": "ar", "kind": "official"} for a in arabic or []]
    if to:
        if to not in kb.actors:
            raise fail(f"no actor with id {to!r}; see `allegiance kb list`")
        entry: dict = {"id": to, "type": kb.actors[to].type, "names": names}
    else:
        actor_id = slug(name)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", actor_id):
            actor_id = "actor-" + str(abs(hash(name_key(name))) % 10**8)
        if actor_id in kb.actors:
            raise fail(f"an actor with id {actor_id!r} exists; use --to {actor_id} to add a name")
        entry = {"id": actor_id, "type": actor_type, "names": names}
        if country:
            entry["country"] = country
    target = file or user_kb_dir() / "actors.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False))
    check = load([*state.settings().kb_extra, target] if file else state.settings().kb_extra)
    bad = [p for p in check.problems if p.where.path == str(target)]
    if bad:
        for problem in bad:
            err_console.print(f"[red]{problem}[/]", highlight=False)
        raise fail(f"{target} now has problems; edit it by hand")
    console.print(f"added {entry['id']} to {target}")


def _lang(text: str) -> str:
    return "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"

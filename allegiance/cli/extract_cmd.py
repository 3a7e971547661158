"""`allegiance extract` and `allegiance eval`: extraction without storing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from allegiance.cli.app import app, console, err_console, fail, load_kb
from allegiance.extract.output import to_contract
from allegiance.extract.pipeline import extract_document
from allegiance.ingest.readers import RawDocument, ReadProblem, read_all


def _documents(paths: list[Path]):
    for item in read_all(paths):
        if isinstance(item, ReadProblem):
            err_console.print(f"[yellow]skipped[/] {item.error}", highlight=False)
            continue
        yield item


def extract_contract(paths: list[Path], kb, use_model: bool = True) -> list[dict]:
    out = []
    for doc in _documents(paths):
        extraction = extract_document(doc.text, kb, name=doc.name, lang=doc.lang,
                                      published=doc.published, use_model=use_model)
        out.append(to_contract(extraction, kb))
    return out


@app.command("extract")
def extract_cli(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    as_json: Annotated[bool, typer.Option(
        "--json", help="One JSON object per document per line (the scoring contract).")] = False,
    model: Annotated[bool, typer.Option(
        "--model/--no-model", help="Use the English parser where it is installed.")] = True,
) -> None:
    """Show the actors and claims found in documents, without storing anything.

    With [bold]--json[/] it prints the contract that outside scorers read
    (see eval/README.md); without, a readable view of each document's claims.
    """
    kb = load_kb()
    found = False
    for doc in _documents(paths):
        found = True
        extraction = extract_document(doc.text, kb, name=doc.name, lang=doc.lang,
                                      published=doc.published, use_model=model)
        if as_json:
            sys.stdout.write(json.dumps(to_contract(extraction, kb), ensure_ascii=False) + "\n")
        else:
            _show(doc, extraction, kb)
    if not found:
        raise fail("no readable document in the given paths")


def _show(doc: RawDocument, extraction, kb) -> None:
    console.rule(f"[bold]{doc.title or doc.name}[/]  ({doc.lang or '?'}, "
                 f"published {doc.published or 'unknown'})")
    names = {a.id: a.name for a in extraction.actors.values()}
    names |= {p.id: p.name for p in extraction.places.values()}
    table = Table(show_lines=True, expand=True)
    for column in ("type", "source", "target", "when", "modality", "evidence"):
        table.add_column(column, overflow="fold", ratio=3 if column == "evidence" else 1)
    for claim in extraction.claims:
        when = claim.when or ""
        if claim.until:
            when += f" → {claim.until}"
        modality = claim.modality + (f" ({claim.attributed_to})" if claim.attributed_to else "")
        table.add_row(claim.type, names.get(claim.source, claim.source or "—"),
                      names.get(claim.target, claim.target or "—"), when, modality,
                      Text(claim.evidence.text))
    console.print(table)
    console.print(f"{len(extraction.claims)} claim(s), {len(extraction.actors)} actor(s), "
                  f"{len(extraction.places)} place(s), {extraction.words:,} words.")


@app.command("eval")
def eval_cli(
    folder: Annotated[Path, typer.Argument(help="Folder of NAME.txt with NAME.gold.json.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[int, typer.Option(help="How many misses and spurious claims to list.")]
    = 30,
    model: Annotated[bool, typer.Option(
        "--model/--no-model", help="Use the English parser where it is installed.")] = True,
) -> None:
    """Score extraction against gold annotations: P/R/F1 overall and per claim type,
    actor F1, modality and time accuracy, and the misses and spurious claims."""
    from allegiance.evaluate import load_gold, render, score

    if not folder.is_dir():
        raise fail(f"{folder} is not a folder")
    kb = load_kb()
    gold = load_gold(folder)
    if not gold:
        raise fail(f"no *.gold.json files in {folder}")
    texts = [folder / f"{g['doc']}.txt" for g in gold if (folder / f"{g['doc']}.txt").exists()]
    system = extract_contract(texts, kb, use_model=model)
    result = score(system, gold)
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        render(result, console, show_errors=errors)

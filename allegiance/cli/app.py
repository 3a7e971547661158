"""The Typer application and the options every command shares.

Commands only parse their arguments, call one library function and render its
plain result; nothing here decides what a claim is.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from allegiance import __version__
from allegiance.config import Settings
from allegiance.errors import AllegianceError

app = typer.Typer(
    name="allegiance",
    help=(
        "Build a dated, cited network of armed actors from reports in English and Arabic.\n\n"
        "Typical session:\n\n"
        "  allegiance ingest reports/            read files into the store (allegiance.sqlite)\n\n"
        "  allegiance summary                    what the store holds\n\n"
        "  allegiance pair \"Islamic State\" \"Jabhat al-Nusra\"   one pair's history, cited\n\n"
        "  allegiance extract article.txt        see what one document yields, without storing\n\n"
        "The store is a SQLite file by default; pass --db or set ALLEGIANCE_DATABASE_URL "
        "(e.g. postgresql://user@host/db) for a team's shared PostgreSQL server."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

console = Console()
err_console = Console(stderr=True)


@dataclass
class State:
    db: str | None = None
    kb_extra: list[Path] | None = None

    def settings(self) -> Settings:
        return Settings.from_env(self.db, self.kb_extra)


state = State()


def _version(value: bool) -> None:
    if value:
        console.print(f"allegiance {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[str | None, typer.Option(
        "--db", help="Store: a SQLite file path or a database URL. "
                     "Default: $ALLEGIANCE_DATABASE_URL, else ./allegiance.sqlite.",
        show_default=False)] = None,
    kb_extra: Annotated[list[Path] | None, typer.Option(
        "--kb-extra", help="Extra knowledge-base YAML file or folder (repeatable); "
                           "also $ALLEGIANCE_KB_EXTRA.", show_default=False)] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    state.db = db
    state.kb_extra = kb_extra or []


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clear error line and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def load_kb():
    """The knowledge base with the user's extra files; its problems stop the command."""
    from allegiance.kb import load

    kb = load(state.settings().kb_extra)
    if kb.problems:
        for problem in kb.problems[:20]:
            err_console.print(f"[red]{problem}[/]", highlight=False)
        raise fail(f"the knowledge base has {len(kb.problems)} problem(s); "
                   "run `allegiance kb check` for the full list")
    # The knowledge base lives as long as the command: keep its objects out of the
    # garbage collector's passes, which otherwise slow long extractions.
    gc.collect()
    gc.freeze()
    return kb


def open_store_or_fail():
    from allegiance.store.db import open_store

    try:
        return open_store(state.settings().db_url)
    except AllegianceError as exc:
        raise fail(str(exc)) from exc

"""`allegiance ingest`: read files into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from allegiance.cli.app import app, console, err_console, load_kb, open_store_or_fail, state
from allegiance.ingest.readers import ReadOptions
from allegiance.ingest.run import ingest


@app.command("ingest")
def ingest_cli(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders (searched recursively): .txt .md .html .pdf .docx .jsonl")],
    max_mb: Annotated[float, typer.Option(
        help="Skip files larger than this many megabytes.")] = 20.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read reports, extract their actors and claims, and store each document once.

    Re-running the same ingest adds nothing; a bad file is named with its reason
    and the batch goes on. Example: [bold]allegiance ingest reports/ news.jsonl[/]
    """
    for path in paths:
        if not path.exists():
            err_console.print(f"[red]error:[/] {path}: no such file or folder", highlight=False)
    kb = load_kb()
    store = open_store_or_fail()
    settings = state.settings()
    options = ReadOptions(max_bytes=int(max_mb * 1024 * 1024) if max_mb else settings.max_bytes)
    problems: list[tuple[str, str]] = []
    progress = Progress(TextColumn("[bold]ingest[/]"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[name]}"), TimeElapsedColumn(),
                        console=err_console, disable=quiet, transient=True)
    with progress:
        task = progress.add_task("ingest", total=None, name="")

        def on_file(path: Path, index: int, total: int) -> None:
            progress.update(task, total=total, completed=index, name=path.name[:40])

        def on_problem(path: str, reason: str) -> None:
            problems.append((path, reason))
            progress.console.print(f"[yellow]skipped[/] {reason}", highlight=False)

        report = ingest(paths, store, kb, options=options, on_file=on_file,
                        on_problem=on_problem)
        progress.update(task, completed=progress.tasks[0].total or 0)
    store.close()
    console.print(
        f"[bold]{report.new}[/] new document(s), [bold]{report.present}[/] already present, "
        f"[bold]{len(report.failed)}[/] failed; [bold]{report.claims}[/] claim(s) found "
        f"in {report.words:,} words. Store: {settings.db_url}", highlight=False)
    if report.failed:
        raise typer.Exit(1 if report.new + report.present == 0 else 0)

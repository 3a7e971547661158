"""`allegiance ingest`: read files into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from allegiance.cli.app import (
    app,
    console,
    err_console,
    fail,
    load_kb,
    open_store_or_fail,
    state,
)
from allegiance.ingest.readers import ReadOptions
from allegiance.ingest.run import ingest


@app.command("ingest")
def ingest_cli(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders (searched recursively): .txt .md .html .pdf .docx .jsonl")],
    max_mb: Annotated[float | None, typer.Option(
        help="Skip files larger than this many megabytes (JSONL: each line). "
             "Default: $ALLEGIANCE_MAX_BYTES bytes, else 20.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    ray: Annotated[bool, typer.Option(
        "--ray", help="Run as a Ray Data job (needs the 'scale' extra): a local Ray "
                      "unless --ray-address names a cluster.")] = False,
    ray_address: Annotated[str | None, typer.Option(
        help="Join this Ray cluster (implies --ray), e.g. ray://head:10001 or auto.",
        show_default=False)] = None,
    workers: Annotated[int, typer.Option(
        min=1, help="With --ray: extraction workers, one core each.")] = 2,
    model: Annotated[bool, typer.Option(
        "--model/--no-model", help="Use the English parser where it is installed; "
                                   "--no-model reads with rules alone, several times faster.")
    ] = True,
    link_scripts: Annotated[bool, typer.Option(
        "--link-scripts", help="Merge a person an Arabic report names with the person an "
                               "English report spells alike (needs the 'arabic' extra). "
                               "Which id survives depends on which report came first, so "
                               "use it on one ingest at a time, not with --ray.")] = False,
) -> None:
    """Read reports, extract their actors and claims, and store each document once.

    Re-running the same ingest adds nothing; a bad file is named with its reason
    and the batch goes on. Example: [bold]allegiance ingest reports/ news.jsonl[/]
    """
    for path in paths:
        if not path.exists():
            err_console.print(f"[red]error:[/] {path}: no such file or folder", highlight=False,
                              soft_wrap=True)
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
            # soft wrap: a path stays whole on its line, to be copied or grepped
            progress.console.print(f"[yellow]skipped[/] {reason}", highlight=False,
                                   soft_wrap=True)

        def on_warning(path: str, message: str) -> None:
            progress.console.print(f"[yellow]warning[/] {message}", highlight=False,
                                   soft_wrap=True)

        if ray or ray_address:
            report = _ingest_ray(paths, store, kb, options, ray_address, workers, progress,
                                 task, on_problem, model)
        else:
            report = ingest(paths, store, kb, options=options, on_file=on_file,
                            on_problem=on_problem, on_warning=on_warning, use_model=model,
                            link_scripts=link_scripts)
        progress.update(task, completed=progress.tasks[0].total or 0)
    store.close()
    console.print(
        f"[bold]{report.new}[/] new document(s), [bold]{report.present}[/] already present, "
        f"[bold]{len(report.failed)}[/] failed; [bold]{report.claims}[/] claim(s) found "
        f"in {report.words:,} words. Store: {settings.db_url}", highlight=False)
    if report.failed:
        raise typer.Exit(1 if report.new + report.present == 0 else 0)


def _ingest_ray(paths, store, kb, options, address, workers, progress, task, on_problem,
                use_model=True):
    """`ingest --ray`: the same ingest as a Ray Data job, progress counted in documents."""
    from allegiance.ingest.distributed import RayOptions, ingest_ray

    def on_progress(report) -> None:
        progress.update(task, completed=report.documents,
                        name=f"{report.new} new, {report.present} present")

    try:
        return ingest_ray(paths, store, kb, options=options,
                          ray_options=RayOptions(address=address, workers=workers,
                                                 use_model=use_model),
                          on_progress=on_progress, on_problem=on_problem)
    except (RuntimeError, ConnectionError) as exc:  # Ray missing, or no cluster there
        raise fail(str(exc)) from exc

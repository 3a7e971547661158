"""The `allegiance` command line: one module per group of commands."""

from allegiance.cli import (  # noqa: F401  (importing registers the commands)
    analysis_cmd,
    export_cmd,
    extract_cmd,
    ingest_cmd,
    kb_cmd,
    serve_cmd,
    views_cmd,
)
from allegiance.cli.app import app, err_console
from allegiance.errors import AllegianceError


def main() -> None:
    """Run the CLI; our own errors end in one clear line, not a traceback."""
    try:
        app()
    except AllegianceError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise SystemExit(1) from None


__all__ = ["app", "main"]

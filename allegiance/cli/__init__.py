"""The `allegiance` command line: one module per group of commands."""

from allegiance.cli import extract_cmd, ingest_cmd, kb_cmd, views_cmd  # noqa: F401  (registers)
from allegiance.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]

"""Print an evaluation result as Rich tables.

Plain data in, printing out: this module neither extracts nor scores, so the
same view serves ``allegiance eval`` and any script that holds a result.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from allegiance.evaluate.scoring import EvalResult, TypeScore, format_time

_EVIDENCE_WIDTH = 80


def _pct(value: float | None) -> str:
    """A rate as a percentage with one decimal; a dash when undefined."""
    return "–" if value is None else f"{100 * value:.1f}"


def _score_row(label: str, s: TypeScore) -> list[str]:
    """One table row: label, P, R, F1 and the counts behind them."""
    return [label, _pct(s.precision), _pct(s.recall), _pct(s.f1), str(s.tp), str(s.fp), str(s.fn)]


def _score_table(title: str, first: str) -> Table:
    """An empty P/R/F1 table, right-aligned numbers."""
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for name in ("P %", "R %", "F1 %", "TP", "FP", "FN"):
        table.add_column(name, justify="right")
    return table


def _time(row: dict[str, Any]) -> str:
    """A claim's time for a table cell: "2014", "2013..2014" or empty."""
    when, until = row.get("when"), row.get("until")
    return "" if when is None and until is None else format_time(when, until)


def _clip(text: str, width: int = _EVIDENCE_WIDTH) -> str:
    """Shorten long evidence so that tables stay readable."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _error_table(title: str, rows: list[dict[str, Any]], limit: int) -> Table:
    """Misses or spurious claims, with the reason and evidence of each."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for name in ("doc", "type", "source", "target", "when", "modality", "reason", "evidence"):
        table.add_column(name, overflow="fold")
    for row in rows[:limit]:
        table.add_row(
            Text(str(row.get("doc", ""))),
            Text(str(row.get("type", ""))),
            Text(str(row.get("source", ""))),
            Text(str(row.get("target", ""))),
            Text(_time(row)),
            Text(str(row.get("modality") or "")),
            Text(str(row.get("reason", ""))),
            Text(_clip(row.get("evidence", ""))),
        )
    return table


def _errors(console: Console, title: str, rows: list[dict[str, Any]], limit: int) -> None:
    """Print one error list, truncated to `limit`, saying how many were left out."""
    if not rows:
        console.print(f"{title}: none")
        return
    if limit > 0:
        console.print(_error_table(f"{title} ({len(rows)})", rows, limit))
    hidden = len(rows) - max(limit, 0)
    if hidden > 0:
        console.print(f"… and {hidden} more {title.lower()} not shown")


def render(result: EvalResult, console: Console, show_errors: int = 30) -> None:
    """Print a result: scores first, then the errors that explain them.

    Parameters
    ----------
    result : EvalResult
        What :func:`allegiance.evaluate.score` returned.
    console : rich.console.Console
        Where to print (a recording console in tests, stdout in the CLI).
    show_errors : int
        How many misses and how many spurious claims to list; 0 lists none
        but still prints how many there are.
    """
    summary = _score_table(
        f"Evaluation over {result.documents} document(s)"
        + (" (lenient time)" if result.lenient_time else ""),
        "",
    )
    summary.add_row(*_score_row("claims", result.overall))
    summary.add_row(*_score_row("actors", result.actors))
    console.print(summary)

    matched = result.overall.tp
    console.print(
        f"On {matched} matched claim(s): modality accuracy {_pct(result.modality_accuracy)} %, "
        f"time accuracy {_pct(result.time_accuracy)} %"
    )
    if result.unscored_docs:
        console.print(
            Text(
                f"Not scored (no gold): {', '.join(result.unscored_docs)}",
                style="yellow",
            )
        )

    per_type = _score_table("Claims per type", "type")
    for ctype, type_score in result.per_type.items():
        per_type.add_row(*_score_row(ctype, type_score))
    console.print(per_type)

    _errors(console, "Missed gold claims", result.misses, show_errors)
    _errors(console, "Spurious system claims", result.spurious, show_errors)
    for title, rows in (
        ("Missed gold actors", result.missed_actors),
        ("Spurious system actors", result.spurious_actors),
    ):
        if rows:
            shown = [f"{r['name']} ({r['doc']})" for r in rows[: max(show_errors, 0)]]
            more = len(rows) - len(shown)
            line = f"{title} ({len(rows)}): " + "; ".join(shown)
            console.print(Text(line + (f"; … and {more} more" if more > 0 else "")))

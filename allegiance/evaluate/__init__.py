"""Score extraction output against hand-made gold files.

The scorer is a library: :func:`score` takes plain data (the per-document
dicts that ``allegiance extract --json`` prints, and the gold files that
:func:`load_gold` reads) and returns an :class:`EvalResult`;
:func:`render` prints one with Rich. Running the extraction is the caller's
job, so the same scorer serves the CLI, the benchmarks and the tests.
"""

from allegiance.evaluate.report import render
from allegiance.evaluate.scoring import (
    PLACE_TYPES,
    SYMMETRIC,
    EvalResult,
    TypeScore,
    load_gold,
    name_key,
    score,
    time_compatible,
)

__all__ = [
    "PLACE_TYPES",
    "SYMMETRIC",
    "EvalResult",
    "TypeScore",
    "load_gold",
    "name_key",
    "render",
    "score",
    "time_compatible",
]

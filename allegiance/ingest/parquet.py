"""Parquet: a table of documents with a ``text`` column, read like a JSONL file.

A corpus exported from a crawler or a data lake often comes as Parquet. Each
row is one document and the columns mean what the JSONL keys mean (``text``,
``id``, ``url``, ``title``, ``published`` or ``date``, ``lang``; others are kept
in ``meta["fields"]``). A row without text is reported with its number and the
rest is still read. pyarrow is imported only here, when a Parquet file is met;
it comes with the optional ``scale`` extra (``pip install 'allegiance[scale]'``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from allegiance.errors import InputError
from allegiance.ingest.readers import (
    RawDocument,
    ReadOptions,
    ReadProblem,
    _human,
    record_document,
    register_reader,
)

_ROWS_PER_BATCH = 1024


def _record(path: Path, row: int, record: dict, options: ReadOptions) -> RawDocument:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, "has an empty or non-string \"text\" value", code="E120",
                         line=row)
    size = len(text.encode("utf-8"))
    if size > options.max_bytes:
        raise InputError(path, f"holds a text of {_human(size)}, over the size limit of "
                         f"{_human(options.max_bytes)} for one record", code="E103", line=row)
    return record_document(record, text, path, "parquet", row)


@register_reader(".parquet")
def read_parquet(path: Path, options: ReadOptions) -> Iterator[RawDocument | ReadProblem]:
    """One document per row (rows numbered from 1), streamed a batch of rows at a time."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(path, "is Parquet, which needs pyarrow: "
                         "pip install 'allegiance[scale]'", code="E120") from None
    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid, OSError ...
        raise InputError(path, f"is not a readable Parquet file ({exc})", code="E120") from None
    columns = table.schema_arrow.names
    if "text" not in columns:
        raise InputError(path, f"has no \"text\" column (columns: {', '.join(columns[:12])})",
                         code="E120")
    if table.metadata.num_rows == 0:
        raise InputError(path, "has no rows", code="E101")
    row = 0
    for batch in table.iter_batches(batch_size=_ROWS_PER_BATCH):
        for record in batch.to_pylist():
            row += 1
            try:
                yield _record(path, row, record, options)
            except InputError as error:
                yield ReadProblem(str(path), error)

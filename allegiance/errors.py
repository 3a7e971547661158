"""Allegiance's own exceptions, each message numbered like spaCy's ("[E101] ...").

A number lets a user search the docs and an analyst grep a log for one kind of
failure, and lets the tests check *which* failure happened without matching
prose. Codes are grouped by stage: E1xx input files, E2xx the knowledge base,
E3xx the store, E4xx views and the API. A code keeps its meaning once published;
retire, never reuse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: What each input code means, so docs and `--help` can list them.
INPUT_CODES: dict[str, str] = {
    "E100": "the path does not exist or cannot be read",
    "E101": "the file is empty or has only whitespace",
    "E102": "the file holds binary content, not text",
    "E103": "the file is larger than the size limit",
    "E104": "the PDF is corrupt or unreadable",
    "E105": "the PDF is encrypted",
    "E106": "the PDF has no text layer (it needs OCR first)",
    "E107": "the DOCX file is corrupt",
    "E108": "the text cannot be decoded",
    "E109": "a JSONL line is malformed",
    "E110": "the file's extension is not supported",
    "E111": "the HTML page has no text after cleaning",
    "E120": "the Parquet file cannot be read, or a row or the file lacks text",
    "E199": "a document was read but could not be extracted or stored (a bug: please report it)",
}


def _one_line(text: str) -> str:
    """Collapse whitespace so that every message stays on one log line."""
    return " ".join(str(text).split())


class AllegianceError(Exception):
    """Base of every error that Allegiance raises on purpose.

    `code` is a string such as ``"E101"``; `str()` gives ``"[E101] message"``.
    """

    code: str = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        self.message = _one_line(message)
        if code is not None:
            self.code = code
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep the code when the error crosses a process boundary (Ray, multiprocessing).
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[AllegianceError], state: dict[str, Any]) -> AllegianceError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    error.__dict__.update(state)
    return error


class InputError(AllegianceError):
    """A bad input file: `path` names it, `reason` says what is wrong with it.

    `line` is set when one line of a file is at fault (JSONL); the message then
    reads ``path:line: reason`` like a compiler's.
    """

    code: str = "E100"

    def __init__(
        self, path: str | Path, reason: str, *, code: str | None = None, line: int | None = None
    ) -> None:
        self.path = str(path)
        self.reason = _one_line(reason)
        self.line = line
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {self.reason}", code=code)


class KnowledgeBaseError(AllegianceError):
    """A problem in a knowledge-base file, located by `path` and `line` where known."""

    code: str = "E200"

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        code: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        where = self.path or ""
        if where and line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message, code=code)


class StoreError(AllegianceError):
    """The database cannot be opened, migrated or written."""

    code: str = "E300"


class QueryError(AllegianceError):
    """A view or API request asked something that cannot be answered: a bad date, an
    unknown action. Codes E4xx; the API answers them with HTTP 422."""

    code: str = "E400"


class NotFound(QueryError):
    """A view asked for an actor, claim or document the store does not hold (HTTP 404)."""

    code: str = "E404"

"""Settings shared by the CLI, the library and the tests.

One object, built from the environment and overridden by command-line options,
so that no stage reads the environment on its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB_FILE = "allegiance.sqlite"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def database_url(db: str | None = None) -> str:
    """The store's SQLAlchemy URL: `--db` wins, then ALLEGIANCE_DATABASE_URL, then a local file.

    `db` may be a URL (``postgresql+psycopg://...``) or a plain file path.
    """
    value = db or os.environ.get("ALLEGIANCE_DATABASE_URL") or DEFAULT_DB_FILE
    if "://" in value:
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def user_kb_dir() -> Path:
    """Where `allegiance kb add` writes, and whose files every run loads."""
    home = os.environ.get("ALLEGIANCE_HOME") or os.path.join("~", ".config", "allegiance")
    return Path(home).expanduser() / "kb"


@dataclass
class Settings:
    """Everything a run may tune; defaults suit an analyst's laptop."""

    db_url: str = field(default_factory=database_url)
    kb_extra: list[Path] = field(default_factory=list)
    max_bytes: int = DEFAULT_MAX_BYTES
    use_model: bool = True

    @classmethod
    def from_env(cls, db: str | None = None, kb_extra: list[Path] | None = None) -> Settings:
        extra = [user_kb_dir()] if user_kb_dir().is_dir() else []
        extra += list(kb_extra or [])
        env_extra = os.environ.get("ALLEGIANCE_KB_EXTRA")
        if env_extra:
            extra.extend(Path(p) for p in env_extra.split(os.pathsep) if p)
        max_bytes = int(os.environ.get("ALLEGIANCE_MAX_BYTES", DEFAULT_MAX_BYTES))
        use_model = os.environ.get("ALLEGIANCE_NO_MODEL", "") not in ("1", "true", "yes")
        return cls(db_url=database_url(db), kb_extra=extra, max_bytes=max_bytes,
                   use_model=use_model)

"""Fixture files for the ingest tests, built in tmp_path at test time.

No binary fixture is committed: the PDF and DOCX builders live in `builders`,
the encodings come from Python's codecs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ingest.builders import build_docx, build_pdf, encrypt_pdf

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dev_dir() -> Path | None:
    """The shared eval/dev folder: beside the checkout, inside it, or from ALLEGIANCE_SHARED."""
    candidates = [REPO_ROOT / "shared", REPO_ROOT.parent / "shared"]
    if os.environ.get("ALLEGIANCE_SHARED"):
        candidates.insert(0, Path(os.environ["ALLEGIANCE_SHARED"]))
    for base in candidates:
        dev = base / "eval" / "dev"
        if dev.is_dir() and any(dev.glob("*.txt")):
            return dev
    return None


@pytest.fixture
def dev_dir() -> Path:
    dev = shared_dev_dir()
    if dev is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("shared/eval/dev is missing, and CI must not skip these tests")
        pytest.skip("shared/eval/dev is not available in this checkout")
    return dev


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, content, encoding="utf-8") -> path; bytes are written as they are."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    return build_pdf


@pytest.fixture
def make_encrypted_pdf() -> Callable[..., bytes]:
    return encrypt_pdf


@pytest.fixture
def make_docx() -> Callable[..., Path]:
    return build_docx

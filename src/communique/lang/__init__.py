"""Per-language resources kept as data files (``lang/<code>/<name>.json``)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(lang: str, name: str) -> dict:
    """The resource ``name`` of language ``lang``, or {} where that language has none."""
    path = resources.files(__package__) / lang / f"{name}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))

"""Defaults in one place."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Defaults:
    db: str = "communique.db"
    max_chars: int = 20_000_000  # characters of text per document
    batch_size: int = 16  # documents per pipeline batch and store transaction


DEFAULTS = Defaults()

"""The corpus stages: near-duplicates, stories across languages, date propagation, claims,
discrepancies and independence, run over a whole store after the document pipeline.

    from communique.corpus import run_corpus_stages
    summary = run_corpus_stages(store)   # {"stories": ..., "claims": ..., "discrepancies": ...}
"""
from __future__ import annotations

from typing import Callable


def run_corpus_stages(store, *, progress: Callable[[str, int, int], None] | None = None,
                      encoder: Callable | None = None) -> dict:
    """Run every corpus stage over ``store`` (incremental for stories); returns counts.
    ``encoder`` (texts -> vectors) stands in for the multilingual sentence encoder in tests."""
    from .run import run

    return run(store, progress=progress, encoder=encoder)


__all__ = ["run_corpus_stages"]

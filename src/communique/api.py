"""The Python API: plain functions the CLI calls.

    from communique.api import ingest, analyze, export
    report = ingest(["articles/"], db="news.db")
    analyze(db="news.db")
    export(db="news.db", fmt="jsonl", out="records.jsonl")
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from . import registry
from .config import DEFAULTS
from .ingest import IngestReport, ingest_paths
from .pipeline import Doc, pipeline_version, run_components
from .store import Store

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class AnalyzeReport:
    analyzed: int = 0
    skipped_language: int = 0
    pipeline: str = ""
    corpus: dict = field(default_factory=dict)


def ingest(paths: Iterable[str], *, db: str = DEFAULTS.db, max_chars: int | None = None,
           on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    with Store.open(db) as store:
        return ingest_paths(list(paths), store=store, max_chars=max_chars, on_item=on_item)


def analyze(*, db: str = DEFAULTS.db, batch_size: int = DEFAULTS.batch_size,
            components: list | None = None, progress: Progress | None = None,
            corpus: bool = True) -> AnalyzeReport:
    """Run the document pipeline on what is not yet analysed, then the corpus stages."""
    components = components if components is not None else registry.default_components()
    version = pipeline_version(components)
    report = AnalyzeReport(pipeline=version)
    with Store.open(db) as store:
        total = store.count_documents(pending=version)
        pending = list(store.iter_documents(pending=version))
        for start in range(0, len(pending), batch_size):
            batch = [Doc(document=d) for d in pending[start:start + batch_size]]
            analyze_batch(batch, components=components, store=store, version=version, report=report)
            if progress:
                progress("analyze", min(start + batch_size, total), total)
        if corpus:
            report.corpus = run_corpus(store, progress=progress)
    return report


def analyze_batch(batch: list[Doc], *, components: list, store: Store, version: str,
                  report: AnalyzeReport) -> None:
    """Analyse one batch and store it in one transaction (a crash keeps earlier batches)."""
    supported = [d for d in batch if d.document.language_supported]
    others = [d for d in batch if not d.document.language_supported]
    if supported:
        run_components(supported, components)
    if others:  # stored and flagged: sentences only, no language-specific extraction
        run_components(others, [c for c in components if c.name == "segment"])
    store.save_analysis([(d.id, d.records(), list(d.entities.values())) for d in batch],
                        version=version)
    report.analyzed += len(supported)
    report.skipped_language += len(others)


def run_corpus(store: Store, *, progress: Progress | None = None) -> dict:
    """The corpus stages (stories, comparison) when they are installed."""
    try:
        from .corpus import run_corpus_stages
    except ImportError:
        return {}
    return run_corpus_stages(store, progress=progress) or {}


def export(*, db: str = DEFAULTS.db, fmt: str, out: str) -> dict[str, int]:
    from .export import write

    with Store.open(db) as store:
        return write(store, fmt=fmt, out=out)


def demo_corpus_path() -> Path:
    return Path(str(resources.files("communique") / "demo" / "corpus"))

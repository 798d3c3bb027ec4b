"""`communique bench`: pipeline throughput as a ratio to a baseline measured in the same run.

The corpus is the bundled demo corpus (English and Russian), repeated with small edits to reach
the requested size. The baseline is spaCy ``en_core_web_sm`` ``nlp.pipe`` over the same texts.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from . import api, models, registry
from .ingest import articles_from, build_document, iter_sources
from .pipeline import Doc, run_components


def bench_articles(n_articles: int) -> list:
    """n realistic EN+RU articles: the demo corpus, cycled, each copy made unique."""
    base = []
    for source in iter_sources([str(api.demo_corpus_path())]):
        if isinstance(source, tuple):
            base.extend(a for a in articles_from(*source) if not isinstance(a, Exception))
    if not base:
        raise RuntimeError("the demo corpus is missing")
    out = []
    for i in range(n_articles):
        article = base[i % len(base)]
        copy = type(article)(**{**article.__dict__, "text": article.text + f"\n\n({i})"})
        out.append(copy)
    return out


def _timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run_bench(*, n_articles: int = 40, repeat: int = 1) -> dict:
    articles = bench_articles(n_articles)
    texts = [a.text for a in articles]
    nlp = models.spacy_en()
    components = registry.default_components()
    documents = [build_document(a, max_chars=10**9) for a in articles]
    run_components([Doc(document=d) for d in documents[:4]], components)  # warm up every model

    ingest_s = _timed(lambda: [build_document(a, max_chars=10**9) for a in articles], repeat)
    baseline_s = _timed(lambda: list(nlp.pipe(texts, batch_size=16)), repeat)
    stages = _stage_times(documents, components, repeat)
    pipeline_s = sum(stages.values())
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        models.forget_embeddings()
        store_s = _timed(lambda: _ingest_and_analyze(articles, db, components), 1)
    n = len(articles)
    return {
        "articles": n,
        "languages": sorted({d.language for d in documents if d.language}),
        "pipeline": "+".join(c.name for c in components),
        "articles_per_s": round(n / pipeline_s, 2),
        "baseline": "spacy en_core_web_sm nlp.pipe",
        "baseline_articles_per_s": round(n / baseline_s, 2),
        "cost_ratio": round(pipeline_s / baseline_s, 3),
        "ingest_articles_per_s": round(n / ingest_s, 2),
        "stages_articles_per_s": {name: round(n / t, 2) for name, t in stages.items()},
        "stages_cost_ratio": {name: round(t / baseline_s, 3) for name, t in stages.items()},
        "end_to_end_articles_per_s": round(n / store_s, 2),
    }


def _stage_times(documents, components, repeat: int) -> dict[str, float]:
    """Best seconds per component over ``repeat`` runs of the whole pipeline."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        models.forget_embeddings()
        docs = [Doc(document=d) for d in documents]
        for component in components:
            start = time.perf_counter()
            component(docs)
            spent = time.perf_counter() - start
            best[component.name] = min(best.get(component.name, spent), spent)
    return best


def _run_all(documents, components) -> None:
    run_components([Doc(document=d) for d in documents], components)


def _ingest_and_analyze(articles, db: str, components) -> None:
    from .store import Store

    with Store.open(db) as store:
        for article in articles:
            store.add_document(build_document(article, max_chars=10**9))
    api.analyze(db=db, components=components, corpus=False)

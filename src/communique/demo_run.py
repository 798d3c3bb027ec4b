"""`communique demo`: ingest, analyse and export the bundled demo corpus, then summarise."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable

from . import api
from .store import Store


def run_demo(*, out: str, echo: Callable[[str], None] = print) -> dict:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    db = str(folder / "communique.db")
    corpus = api.demo_corpus_path()
    report = api.ingest([str(corpus)], db=db)
    for rejected in report.rejected:
        echo(f"rejected: {rejected}")
    api.analyze(db=db)
    records = str(folder / "records.jsonl")
    counts = api.export(db=db, fmt="jsonl", out=records)
    summary = summarise(db)
    echo(f"demo corpus: {corpus}")
    echo(f"documents: {summary['documents']} ({summary['languages']})")
    for kind in ("entity", "timex", "event", "commitment", "story", "claim", "discrepancy"):
        if counts.get(kind):
            echo(f"{kind + 's':>14}: {counts[kind]}")
    echo(f"store:   {db}")
    echo(f"records: {records}")
    return {"db": db, "records": records, "counts": counts}


def summarise(db: str) -> dict:
    with Store.open(db) as store:
        docs = list(store.iter_documents())
    languages = Counter(d.language or "?" for d in docs)
    return {"documents": len(docs),
            "languages": ", ".join(f"{n} {lang}" for lang, n in languages.most_common())}

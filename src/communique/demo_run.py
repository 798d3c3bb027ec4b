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
    for kind, label in PLURALS.items():
        if counts.get(kind):
            echo(f"{label:>14}: {counts[kind]}")
    for line in summary["stories"]:
        echo(line)
    echo(f"store:   {db}")
    echo(f"records: {records}")
    return {"db": db, "records": records, "counts": counts}


PLURALS = {"entity": "entities", "timex": "timexes", "event": "events",
           "commitment": "commitments", "story": "stories", "claim": "claims",
           "discrepancy": "discrepancies"}


def summarise(db: str, *, top: int = 5) -> dict:
    """Counts by language, and the largest stories with their discrepancies."""
    with Store.open(db) as store:
        docs = list(store.iter_documents())
        stories = sorted(store.iter_records("story"), key=lambda s: -len(s.documents))[:top]
        flagged = Counter(d.story for d in store.iter_records("discrepancy"))
    languages = Counter(d.language or "?" for d in docs)
    lines = [f"  story: {s.title[:60]!r}: {len(s.documents)} articles "
             f"({'+'.join(s.languages)}), {flagged.get(s.id, 0)} discrepancies" for s in stories]
    return {"documents": len(docs),
            "languages": ", ".join(f"{n} {lang}" for lang, n in languages.most_common()),
            "stories": lines}

"""PLOVER JSON: the events as a JSON array of PLOVER records (JSON lines when ``out`` ends .jsonl)."""
from __future__ import annotations

import json
import sys


def write_plover(store, out: str) -> dict[str, int]:
    from .plover import to_plover

    entities = store.entities()
    documents = {d.id: d for d in store.iter_documents()}
    events = {}
    for event in store.iter_records("event"):  # an event told by several articles is one record
        events.setdefault(event.id, event)
    rows = [to_plover(event, entities=entities, document=documents.get(event.doc))
            for event in events.values()]
    if out.endswith(".jsonl") or out == "-":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    else:
        text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
    return {"event": len(rows)}

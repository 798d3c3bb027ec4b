"""Exports: jsonl (one record a line), csv and parquet (one table per record type), plover."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..errors import E
from ..records import Span

FORMATS = ("jsonl", "csv", "parquet", "plover")
# export order; sentences and raw mentions are internal (mentions are listed under their entity)
EXPORT_TYPES = ("document", "entity", "timex", "event", "commitment", "story", "link", "claim",
                "discrepancy")


def iter_export_records(store) -> Iterator[dict]:
    """Every exported record as a CONTRACT.md dict, in a stable order."""
    for document in store.iter_documents():
        yield document.to_dict()
    yield from _entities(store)
    for kind in EXPORT_TYPES[2:]:
        records = (record.to_dict() for record in store.iter_records(kind))
        yield from (_merged(records) if kind in MERGED_TYPES else records)


# the story stage gives the same commitment or event told by several articles one shared id;
# the export writes it once, with every document and every piece of evidence
MERGED_TYPES = ("commitment", "event")


def _merged(records) -> Iterator[dict]:
    groups: dict[str, dict] = {}
    for record in records:
        first = groups.get(record["id"])
        if first is None:
            groups[record["id"]] = record
            continue
        documents = first.get("documents") or [first["doc"]]
        for doc in record.get("documents") or [record["doc"]]:
            if doc not in documents:
                documents.append(doc)
        first["documents"] = documents
        seen = {(e["doc"], e["start"], e["end"]) for e in first["evidence"]}
        first["evidence"] += [e for e in record["evidence"] if (e["doc"], e["start"], e["end"]) not in seen]
        first["confidence"] = max(first["confidence"], record["confidence"])
    yield from groups.values()


def _entities(store) -> Iterator[dict]:
    mentions: dict[str, list[Span]] = defaultdict(list)
    for mention in store.iter_records("mention"):
        if mention.entity:
            mentions[mention.entity].append(
                Span(doc=mention.doc, start=mention.start, end=mention.end, text=mention.text))
    for entity_id, entity in store.entities().items():
        if entity_id in mentions:
            entity.mentions = mentions[entity_id]
            yield entity.to_dict()


def write(store, *, fmt: str, out: str) -> dict[str, int]:
    """Write the store in ``fmt`` to ``out`` ('-' for stdout with jsonl); counts per type."""
    if fmt not in FORMATS:
        raise E.E401.exc(fmt=fmt, known=", ".join(FORMATS))
    if fmt == "jsonl":
        from .jsonl import write_jsonl
        return write_jsonl(iter_export_records(store), out)
    if fmt == "plover":
        from .plover_file import write_plover
        return write_plover(store, out)
    from .tables import write_tables
    return write_tables(iter_export_records(store), out, fmt=fmt)

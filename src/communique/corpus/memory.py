"""A small in-memory store with the interface the corpus stages use (for tests, evaluations and
benchmarks that do not need SQLite)."""
from __future__ import annotations

import dataclasses
from typing import Iterable, Iterator, Sequence

from ..records import Document, Entity, Record


class MemoryStore:
    def __init__(self, documents: Iterable[Document] = (), records: Iterable[Record] = ()):
        self.documents: dict[str, Document] = {d.id: d for d in documents}
        self.records: list[Record] = list(records)
        self.blobs: dict[str, bytes] = {}
        self._entities: dict[str, Entity] = {}

    def __enter__(self) -> "MemoryStore":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def iter_documents(self) -> Iterator[Document]:
        for document in list(self.documents.values()):
            yield dataclasses.replace(document)

    def update_document(self, doc_id: str, **fields) -> None:
        self.documents[doc_id] = dataclasses.replace(self.documents[doc_id], **fields)

    @staticmethod
    def _doc_of(rec: Record) -> str | None:
        doc = getattr(rec, "doc", None)
        return doc if isinstance(doc, str) else None

    def iter_records(self, type: str, *, doc: str | None = None) -> Iterator[Record]:
        for rec in list(self.records):
            if rec.type == type and (doc is None or self._doc_of(rec) == doc):
                yield rec.__class__.from_dict(rec.to_dict())

    def add_records(self, records: Iterable[Record]) -> None:
        self.records.extend(records)

    def replace_records(self, types: Sequence[str], records: Iterable[Record], *,
                        doc: str | None = None) -> None:
        self.records = [r for r in self.records
                        if not (r.type in types and (doc is None or self._doc_of(r) == doc))]
        self.records.extend(records)

    def entities(self) -> dict[str, Entity]:
        return dict(self._entities)

    def get_blob(self, key: str) -> bytes | None:
        return self.blobs.get(key)

    def put_blob(self, key: str, data: bytes) -> None:
        self.blobs[key] = data

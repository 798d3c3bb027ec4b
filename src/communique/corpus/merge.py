"""Commitments and events told by several articles of a story, merged through the claims.

Choice: the per-document records stay (each keeps its own evidence in its own article), and the
aligned ones are updated to share one id (the smallest of the group) and, for commitments, to list
every document of the group. Two commitments are aligned when they share a non-empty ``key``, or
when they have the same kind and their evidence lies in passages of the same claim. Two events are
aligned when they have the same PLOVER type and their evidence lies in passages of the same claim.
"""
from __future__ import annotations

from typing import Iterable

from ..records import Commitment, Event, Span


def _claim_of(span: Span, units_by_doc: dict) -> str | None:
    for unit in units_by_doc.get(span.doc, []):
        if unit.start <= span.start < unit.end and unit.claim:
            return unit.claim
    return None


class _Groups:
    def __init__(self, ids: list[str]):
        self.parent = {i: i for i in ids}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _keyed(records, key_of) -> dict:
    out: dict = {}
    for rec in records:
        for key in key_of(rec):
            out.setdefault(key, []).append(rec)
    return out


def merge_commitments(commitments: list[Commitment], units_by_doc: dict) -> int:
    """Give aligned commitments of different documents one id and all documents; returns the
    number of records changed."""
    def keys(c: Commitment) -> Iterable:
        if c.key:
            yield ("key", c.key)
        for span in c.evidence:
            claim = _claim_of(span, units_by_doc)
            if claim:
                yield ("claim", c.kind, claim)
    return _apply(commitments, keys, lambda c: {s.doc for s in c.evidence} | set(c.documents),
                  with_documents=True)


def merge_events(events: list[Event], units_by_doc: dict) -> int:
    def keys(e: Event) -> Iterable:
        for span in e.evidence:
            claim = _claim_of(span, units_by_doc)
            if claim:
                yield ("claim", e.plover, claim)
    return _apply(events, keys, lambda e: {e.doc}, with_documents=False)


def _apply(records: list, keys, docs_of, *, with_documents: bool) -> int:
    if not records:
        return 0
    uid = {id(r): f"{r.id}#{n}" for n, r in enumerate(records)}
    groups = _Groups(list(uid.values()))
    for members in _keyed(records, keys).values():
        if len(members) > 1 and len(set().union(*(docs_of(m) for m in members))) > 1:
            for other in members[1:]:
                groups.union(uid[id(members[0])], uid[id(other)])
    by_root: dict[str, list] = {}
    for rec in records:
        by_root.setdefault(groups.find(uid[id(rec)]), []).append(rec)
    changed = 0
    for members in by_root.values():
        if len(members) < 2:
            continue
        shared_id = min(m.id for m in members)
        documents = sorted(set().union(*(docs_of(m) for m in members)))
        for rec in members:
            if rec.id != shared_id or (with_documents and rec.documents != documents):
                changed += 1
            rec.id = shared_id
            if with_documents:
                rec.documents = documents
    return changed

"""Date propagation: an undated article takes its story's date, and its relative time expressions
("on Wednesday", "this year") are anchored on that date.

The story's date is the earliest publication date among its members dated by metadata or text.
A story without such a member leaves its undated articles undated.
"""
from __future__ import annotations

from typing import Iterable

from ..records import Document

NAME, VERSION = "dates", "1"


def story_date(documents: Iterable[Document]) -> str | None:
    """The earliest own publication date (metadata or text) among ``documents``."""
    days = [d.published[:10] for d in documents if d.published and d.date_source != "story"]
    return min(days) if days else None


def propagate(store, stories: Iterable[list[Document]]) -> list[str]:
    """Give undated members of each story the story's date; returns the ids updated."""
    updated = []
    for members in stories:
        day = story_date(members)
        for document in members:
            if document.date_source == "story" and day is None:
                _set_date(store, document, None, None)  # its story lost its dated members
                continue
            if day is None or (document.published and document.date_source != "story"):
                continue
            if document.published == day and document.date_source == "story":
                continue
            _set_date(store, document, day, "story")
            reanchor(store, document, anchor=day)
            updated.append(document.id)
    return updated


def _set_date(store, document: Document, day: str | None, source: str | None) -> None:
    store.update_document(document.id, published=day, date_source=source)
    document.published, document.date_source = day, source


def reanchor(store, document: Document, *, anchor: str) -> int:
    """Re-resolve the document's unanchored timexes on ``anchor``; returns how many changed."""
    try:
        from ..components.timex import anchor_timexes
    except ImportError:
        return 0
    timexes = list(store.iter_records("timex", doc=document.id))
    if all(t.anchored for t in timexes):
        return 0
    fresh = anchor_timexes(timexes, anchor=anchor, text=document.text,
                           lang=document.language or "und")
    changed = sum(1 for old, new in zip(timexes, fresh) if old is not new)
    store.replace_records(["timex"], fresh, doc=document.id)
    return changed

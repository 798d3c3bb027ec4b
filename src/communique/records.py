"""The records communique produces, one dataclass per concept.

Every extracted record keeps evidence (document id, character span, text), the extractor that made it
(``name@version``) and a confidence in 0..1. ``to_dict`` gives the export shape of CONTRACT.md.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

ENTITY_KINDS = ("PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK", "MISC")
TIMEX_TAGS = ("DATE", "TIME", "DURATION", "SET")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
COMMITMENT_KINDS = (
    "declaration", "agreement", "memorandum", "program", "action_plan", "letter_of_intent",
    "treaty", "project", "initiative", "other",
)
COMMITMENT_STATUSES = (
    "proposed", "discussed", "considered", "agreed", "signed", "in_progress", "completed",
)
SECTORS = (
    "transport", "energy", "space", "economy", "trade", "finance", "industry", "agriculture",
    "education", "science", "culture", "health", "security", "defense", "environment",
    "digital", "diplomacy", "consular", "migration", "justice", "media", "sports", "other",
)
DISCREPANCY_KINDS = (
    "date", "number", "place", "actor", "scope", "modality", "addition", "omission",
)
LINK_KINDS = ("near_duplicate", "same_actors", "follow_up")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: export shape and reconstruction from a dict."""

    type: str = "record"

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, **_plain(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name: f for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        for key in ("evidence", "mentions", "support", "a", "b"):
            if key in kwargs and key in names and isinstance(kwargs[key], list):
                kwargs[key] = [Span.from_dict(s) if isinstance(s, dict) else s for s in kwargs[key]]
        return cls(**kwargs)


@dataclass(frozen=True)
class Span:
    """A character span of a document's stored text: ``text == document.text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(doc=data["doc"], start=int(data["start"]), end=int(data["end"]), text=data["text"])


@dataclass
class Document(Record):
    type = "document"
    id: str
    source: str
    url: str | None
    outlet: str | None
    attribution: str | None
    title: str | None
    language: str | None
    published: str | None
    date_source: str | None
    sha256: str
    n_chars: int
    text: str
    language_supported: bool = True
    language_confidence: float = 0.0


@dataclass
class Sentence(Record):
    """A sentence of a document (kept for the corpus stages; not part of the export contract)."""

    type = "sentence"
    doc: str
    index: int
    start: int
    end: int
    text: str


@dataclass
class Mention(Record):
    """One occurrence of a named entity in a document."""

    type = "mention"
    doc: str
    start: int
    end: int
    text: str
    kind: str
    normal: str  # normalised surface form (nominative lemma, titles stripped)
    entity: str | None = None  # canonical entity id once linked
    demonym: bool = False  # an adjective or demonym standing for a country ("Kazakh", "российский")
    extractor: str = ""
    confidence: float = 0.0


@dataclass
class Entity(Record):
    type = "entity"
    id: str
    kind: str
    name: str
    names: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    geo: dict[str, float] | None = None
    mentions: list[Span] = field(default_factory=list)
    extractor: str = ""
    confidence: float = 0.0


@dataclass
class Timex(Record):
    type = "timex"
    doc: str
    start: int
    end: int
    text: str
    tag: str
    value: str | None
    range: dict[str, str] | None = None
    anchored: bool = True
    reason: str | None = None  # why value is null or unanchored
    extractor: str = ""
    confidence: float = 0.0


@dataclass
class Event(Record):
    type = "event"
    id: str
    doc: str
    plover: str
    mode: str | None
    context: list[str]
    actor: list[str]
    recipient: list[str]
    location: str | None
    date: str | None
    evidence: list[Span]
    extractor: str = ""
    confidence: float = 0.0


@dataclass
class Commitment(Record):
    type = "commitment"
    id: str
    kind: str
    title: str
    parties: list[str]
    sector: str
    status: str
    date: str | None
    documents: list[str]
    evidence: list[Span]
    key: str = ""  # merge key: same commitment told by several articles shares it
    extractor: str = ""
    confidence: float = 0.0


@dataclass
class Story(Record):
    type = "story"
    id: str
    title: str
    documents: list[str]
    languages: list[str]
    start: str | None
    end: str | None
    extractor: str = ""
    confidence: float = 0.0


@dataclass
class Link(Record):
    type = "link"
    kind: str
    a: str
    b: str
    score: float
    extractor: str = ""
    confidence: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Link":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Claim(Record):
    type = "claim"
    id: str
    story: str
    text: str
    support: list[Span]
    documents: list[str]
    outlets: list[str]
    origins: list[str]
    extractor: str = ""
    confidence: float = 0.0


@dataclass
class Discrepancy(Record):
    type = "discrepancy"
    id: str
    story: str
    kind: str
    a: list[Span]
    b: list[Span]
    documents: list[str]
    explanation: str
    claim: str | None = None
    extractor: str = ""
    confidence: float = 0.0


RECORD_TYPES: dict[str, type[Record]] = {
    cls.type: cls
    for cls in (Document, Sentence, Mention, Entity, Timex, Event, Commitment, Story, Link, Claim,
                Discrepancy)
}

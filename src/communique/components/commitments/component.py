"""The commitments registry component: ``Commitment`` records from signing lists and readouts.

Finding (``extract``), status (``status``), sector (``sector``) and title and key (``title``) are
per-language rules over the lexicons ``en.json`` and ``ru.json``; a language without a lexicon
yields no commitments. Here the candidates get their parties, date, id and confidence:

- parties: the organisations named in the evidence (linked ``ORG`` entities, leaving out the
  commitment's own object and the outlets and agencies reporting it), else the countries named
  there (country entities, demonyms included; cities are no parties), else the two countries the
  document mentions most, the "two sides" (confidence lowered by 0.1);
- date: the first dated timex (TIMEX3 date value) of the evidence, else of its sentence (for a
  list item, of the introduction); else the publication date for ``signed`` and ``completed``;
- id: a stable hash of (document id, evidence start, kind);
- confidence: 0.9 for a list item, 0.85 for a document of an enumeration, 0.75 for a clause
  naming a commitment object, 0.55 for one without (kind ``other``), 0.5 for a count of unnamed
  documents ("signed 20 agreements"), less 0.1 for fallback parties.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter

from ...pipeline import Doc, extractor_id
from ...records import Commitment, Span
from .clauses import left_edge
from .extract import Candidate, candidates
from .lexicon import Lexicon, load_lexicon
from .sector import classify
from .title import make_key, make_title

DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PARTY_KINDS = ("ORG", "GPE")
BASE_CONFIDENCE = {"list": 0.9, "enum": 0.85, "clause": 0.75, "count": 0.5}
OTHER_CONFIDENCE = 0.55
FALLBACK_PENALTY = 0.1
MAX_MENTION_CHARS = 300  # a mention starting further before a span cannot overlap it


class CommitmentExtractor:
    name = "commitments"
    version = "1"
    requires = ("sentences", "mentions", "timexes")
    assigns = ("commitments",)

    def __init__(self, max_per_doc: int = 5000):  # a bound for pathological inputs
        self.max_per_doc = max_per_doc

    def __call__(self, docs: list[Doc]) -> None:
        for doc in docs:
            lexicon = load_lexicon(doc.lang)
            if lexicon is None or not doc.text.strip():
                continue
            doc.commitments.extend(self.extract(doc, lexicon=lexicon))

    def extract(self, doc: Doc, *, lexicon: Lexicon) -> list[Commitment]:
        sides = main_sides(doc)
        mentions = sorted((m for m in doc.mentions if m.entity), key=lambda m: m.start)
        starts = [m.start for m in mentions]
        out, seen = [], set()
        for cand in candidates(doc, lexicon=lexicon)[: self.max_per_doc]:
            if (cand.start, cand.end) in seen:
                continue
            seen.add((cand.start, cand.end))
            near = mentions[bisect_left(starts, cand.start - MAX_MENTION_CHARS):bisect_left(starts, cand.end)]
            out.append(self._record(doc, cand, lexicon, sides, near))
        return out

    def _record(self, doc: Doc, cand: Candidate, lexicon: Lexicon, sides: list[str],
                mentions: list) -> Commitment:
        text = doc.text[cand.start:cand.end]
        sector = classify(text, lexicon=lexicon.sectors, heading=cand.heading)
        if sector == "other":
            sector = lexicon.kind_sectors.get(cand.kind, sector)
        named = parties_in(doc, cand, lexicon, mentions=mentions)
        parties = named or sides
        title = make_title(doc, cand, lexicon=lexicon)
        confidence = OTHER_CONFIDENCE if cand.kind == "other" else BASE_CONFIDENCE[cand.source]
        confidence = min(confidence, BASE_CONFIDENCE[cand.source])
        if not named:
            confidence -= FALLBACK_PENALTY
        return Commitment(
            id=commitment_id(doc.id, cand.start, cand.kind), kind=cand.kind, title=title,
            parties=parties, sector=sector, status=cand.status, date=date_for(doc, cand),
            documents=[doc.id], evidence=[Span(doc.id, cand.start, cand.end, text)],
            key=make_key(kind=cand.kind, sector=sector, title=title, lexicon=lexicon,
                         text=text if cand.source != "clause" else None,
                         countries=countries(doc, parties) or countries(doc, sides)),
            extractor=extractor_id(self), confidence=round(max(0.05, min(1.0, confidence)), 3))


def commitment_id(doc_id: str, start: int, kind: str) -> str:
    return "cm_" + hashlib.sha1(f"{doc_id}|{start}|{kind}".encode()).hexdigest()[:16]


def _entity_kind(doc: Doc, mention) -> str:
    entity = doc.entities.get(mention.entity) if mention.entity else None
    return entity.kind if entity else mention.kind


def is_country(doc: Doc, entity_id: str) -> bool:
    """A country entity (the linker's ``country:XXX`` ids), not a city or region."""
    entity = doc.entities.get(entity_id)
    return entity is not None and entity.kind == "GPE" and entity_id.startswith("country:")


def _reporter(doc: Doc, mention, lexicon: Lexicon) -> bool:
    """An organisation that reports or is cited (the outlet, its source, a news agency)."""
    entity = doc.entities.get(mention.entity)
    names = [mention.text] + ([entity.name] if entity else [])
    sources = [s.lower() for s in (doc.document.outlet, doc.document.attribution) if s]
    return any(lexicon.non_party.search(n) or any(n.lower() in s or s in n.lower() for s in sources)
               for n in names)


def parties_in(doc: Doc, cand: Candidate, lexicon: Lexicon, *, mentions: list | None = None) -> list[str]:
    """Organisations acting in the evidence, else the countries named there, in order of mention.

    Not parties: people, cities, the commitment's own object ("the Kazakh Cultural Centre" tagged
    as an organisation) and the organisations that report it."""
    found: dict[str, list[str]] = {kind: [] for kind in PARTY_KINDS}
    obj = (left_edge(doc, *cand.kind_span), cand.kind_span[1]) if cand.kind_span else None
    for mention in doc.mentions if mentions is None else mentions:
        if not mention.entity or mention.start >= cand.end or mention.end <= cand.start:
            continue
        kind = _entity_kind(doc, mention)
        if kind not in found or mention.entity in found[kind]:
            continue
        if obj and mention.start < obj[1] and mention.end > obj[0] and kind == "ORG":
            continue
        if kind == "GPE" and not is_country(doc, mention.entity):
            continue
        if kind == "ORG" and _reporter(doc, mention, lexicon):
            continue
        found[kind].append(mention.entity)
    return found["ORG"] or found["GPE"]


def main_sides(doc: Doc) -> list[str]:
    """The two countries the document mentions most (demonyms included): the two sides."""
    counts = Counter(m.entity for m in doc.mentions if m.entity and is_country(doc, m.entity))
    return [entity for entity, _ in counts.most_common(2)]


def countries(doc: Doc, parties: list[str]) -> list[str]:
    out = []
    for party in parties:
        entity = doc.entities.get(party)
        if entity is not None and entity.country and entity.country not in out:
            out.append(entity.country)
    return out


def _dated(doc: Doc, start: int, end: int) -> str | None:
    for timex in doc.timexes:
        if timex.start < end and timex.end > start and timex.value and DATE_VALUE.match(timex.value):
            return timex.value
    return None


def date_for(doc: Doc, cand: Candidate) -> str | None:
    """The date of the evidence, of its sentence, else the publication for signed and completed."""
    value = _dated(doc, cand.start, cand.end) or _dated(doc, *cand.context)
    if value is None and cand.status in ("signed", "completed"):
        value = doc.document.published
    return value

"""Within-document consistency: a name found once is found again where the model missed it.

Every chosen mention's normal form (and a person's surname alone) becomes a document-local gazetteer
entry; its matches elsewhere in the document (in any case form for Russian) fill the gaps the model
left. They rank below every other source, so they never displace a mention.
"""
from __future__ import annotations

from typing import Any

from .candidates import MODEL, Candidate, plausible_gazetteer
from .gazetteer import Gazetteer, pieces

PROPAGATED = -1


def propagate(doc: Any, chosen: list[Candidate], *, lang: str) -> list[Candidate]:
    if lang not in ("en", "ru") or not chosen:
        return []
    entries = {}
    for cand in chosen:
        if cand.demonym or cand.kind not in ("PER", "ORG", "GPE", "LOC", "FAC"):
            continue
        if cand.normal[:1].isupper():
            entries.setdefault(cand.normal, (cand.normal, cand.kind, cand.entity))
        words = pieces(cand.normal)
        if cand.kind == "PER" and len(words) >= 2 and len(words[-1].text) > 2 and words[-1].text[:1].isupper():
            surname = words[-1].text
            entries.setdefault(surname, (surname, "PER", cand.entity))
    if not entries:
        return []
    gazetteer = Gazetteer(entries.values(), lang=lang)
    found = [Candidate(m.start, m.end, m.entry.kind, m.entry.surface, PROPAGATED, 0.6, entity=m.entry.entity)
             for m in gazetteer.match(doc.text)]
    taken = {(c.start, c.end) for c in chosen}
    found = [c for c in found if (c.start, c.end) not in taken]
    pos_at = {t.start: t.pos for t in doc.tokens}
    return plausible_gazetteer(found, chosen, text_length=len(doc.text), pos_at=pos_at)


def harmonize(chosen: list[Candidate]) -> list[Candidate]:
    """A model mention whose name is a person's full name or surname elsewhere in the document
    is that person ("Prime Minister Shigeru Ishiba ... Ishiba said" where the model said ORG)."""
    people = set()
    for cand in chosen:
        if cand.kind == "PER" and cand.priority > MODEL - 1:
            words = pieces(cand.normal)
            people.add(cand.normal)
            if len(words) >= 2 and len(words[-1].text) > 2:
                people.add(words[-1].text)
    for cand in chosen:
        if cand.priority <= MODEL and cand.kind in ("ORG", "GPE", "LOC", "MISC") and cand.normal in people:
            cand.kind = "PER"
    return chosen

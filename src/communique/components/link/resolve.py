"""Resolution of one document's mentions to entity ids.

Order: the NER's gazetteer hit -> exact KB name or alias (per language) -> transliteration key,
Russian nominative and fuzzy matches (inside ``KB.lookup``) -> context: candidates whose country
appears among the document's other places get a bonus, bigger places a prior -> a new entity
whose id is ``ent:`` plus the transliterated slug of its name, whatever kind the NER gave it, so the
same unknown name gets one id in English and Russian and across runs even where the two
recognisers disagree on its kind ("Twitter" ORG, "Твиттер" PER); the kind stays on the entity.
Surname-only person mentions take the full name named in the same document.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...kb import KB, Candidate, ru_to_en, slug
from ...kb.translit import match_key
from ...records import Mention

UNKNOWN = "ent"  # namespace of entities the KB does not know
CONTEXT_BONUS = 0.12
SMALL_CITY, SMALL_CITY_PENALTY = 100_000, 0.65
FUZZY_BUDGET = 300  # distinct names per document that may go through fuzzy matching
ACCEPT = 0.6  # a KB candidate below this score loses to a new entity


@dataclass
class Resolution:
    entity: str
    confidence: float
    method: str  # gazetteer, kb, demonym, context, surname, new
    known: bool  # the id is a KB entity


def surface(mention: Mention) -> str:
    return (mention.normal or mention.text).strip()


def new_id(kind: str, name: str) -> str:
    """The id of an entity the KB does not know: independent of ``kind``, stable across runs."""
    return f"{UNKNOWN}:{slug(name) or 'x'}"


def english_name(name: str, lang: str) -> str:
    return name if lang == "en" else ru_to_en(name)


def demonym(kb: KB, mention: Mention, lang: str) -> Resolution | None:
    for word in (mention.normal, mention.text):
        alpha3 = kb.country_of_demonym(word or "", lang)
        if alpha3 and f"country:{alpha3}" in kb:
            return Resolution(f"country:{alpha3}", 0.9, "demonym", True)
    return _demonym_by_country_name(kb, mention, lang)


def _demonym_by_country_name(kb: KB, mention: Mention, lang: str) -> Resolution | None:
    """A country adjective the KB lacks but the recogniser's table names a country for ("малийский")."""
    try:
        from ..ner import demonym_country
    except ImportError:
        return None
    name = demonym_country(mention.normal or mention.text, lang=lang)
    for cand in kb.lookup(name, lang=lang, kind="GPE", fuzzy=False)[:1] if name else ():
        if cand.entity_id.startswith("country:") and cand.score >= 0.85:
            return Resolution(cand.entity_id, 0.85, "demonym", True)
    return None


class DocumentResolver:
    """Links the mentions of one document, using the others as context."""

    def __init__(self, kb: KB, *, lang: str, gazetteer_hits: dict | None = None):
        self.kb = kb
        self.lang = lang
        self.hits = gazetteer_hits or {}
        self.countries: Counter[str] = Counter()
        self._fuzzy_names: set[str] = set()

    def _fuzzy_allowed(self, name: str) -> bool:
        if name in self._fuzzy_names or len(self._fuzzy_names) < FUZZY_BUDGET:
            self._fuzzy_names.add(name)
            return True
        return False

    def candidates(self, mention: Mention) -> list[Candidate]:
        hinted = self.hits.get((mention.start, mention.end))
        name = surface(mention)
        found = self.kb.lookup(name, lang=self.lang, kind=mention.kind, fuzzy=self._fuzzy_allowed(name))
        if hinted and hinted in self.kb:
            found = [Candidate(hinted, 1.0)] + [c for c in found if c.entity_id != hinted]
        return found

    def resolve(self, mentions: list[Mention]) -> dict[int, Resolution]:
        out: dict[int, Resolution] = {}
        pending: dict[int, list[Candidate]] = {}
        for i, m in enumerate(mentions):
            if m.demonym:
                res = demonym(self.kb, m, self.lang)
                if res:
                    out[i] = res
                    self.countries[res.entity[8:]] += 1
                    continue
            if m.kind == "PER":
                continue
            pending[i] = self.candidates(m)
            self._note_country(pending[i])
        for i, cands in pending.items():
            out[i] = self._choose(mentions[i], cands)
        self._people(mentions, out)
        return out

    def _note_country(self, cands: list[Candidate]) -> None:
        if not cands:
            return
        top = cands[0]
        clear = len(cands) == 1 or cands[0].score - cands[1].score >= 0.1
        country = self.kb.country(top.entity_id)
        small = 0 < self.kb.population(top.entity_id) < SMALL_CITY
        if top.score >= 0.85 and clear and country and not small:
            self.countries[country] += 1

    def _choose(self, mention: Mention, cands: list[Candidate]) -> Resolution:
        if not cands:
            return Resolution(new_id(mention.kind, surface(mention)), 0.5, "new", False)
        total = sum(self.countries.values()) or 1

        def rescored(c: Candidate) -> float:
            country = self.kb.country(c.entity_id) or ""
            score = c.score + CONTEXT_BONUS * self.countries.get(country, 0) / total
            pop = self.kb.population(c.entity_id)
            if 0 < pop < SMALL_CITY and country not in self.countries:
                score *= SMALL_CITY_PENALTY  # a small town needs its country in the document
            return score

        ranked = sorted(cands, key=lambda c: -rescored(c))
        best = ranked[0]
        score = min(1.0, rescored(best))
        if score < ACCEPT:
            return Resolution(new_id(mention.kind, surface(mention)), 0.5, "new", False)
        margin = score - (rescored(ranked[1]) if len(ranked) > 1 else 0.0)
        confidence = round(min(1.0, score) * (0.8 + 0.2 * min(1.0, margin * 5)), 3)
        method = "context" if best is not cands[0] else "kb"
        return Resolution(best.entity_id, confidence, method, True)

    # ------------------------------------------------------------ people

    def _people(self, mentions: list[Mention], out: dict[int, Resolution]) -> None:
        people = [(i, m) for i, m in enumerate(mentions) if m.kind == "PER" and i not in out]
        full = [(i, m) for i, m in people if len(surface(m).split()) > 1]
        single = [(i, m) for i, m in people if len(surface(m).split()) <= 1]
        by_surname: dict[str, str] = {}
        for i, m in full:
            out[i] = self._person(m)
            by_surname.setdefault(self.kb.surname_key(surface(m)), out[i].entity)
        for i, m in single:
            key = match_key(surface(m))
            if key in by_surname:
                out[i] = Resolution(by_surname[key], 0.9, "surname", by_surname[key] in self.kb)
            else:
                out[i] = self._person(m)
                by_surname.setdefault(key, out[i].entity)
        self._surname_as_other_kind(mentions, out, by_surname)

    def _surname_as_other_kind(self, mentions: list[Mention], out: dict[int, Resolution],
                               by_surname: dict[str, str]) -> None:
        """A one-word name the NER took for an organisation or place, left unresolved, that is the
        surname of a person named in the same document ("Trump" tagged ORG) is that person."""
        for i, m in enumerate(mentions):
            res = out.get(i)
            if m.kind == "PER" or m.demonym or res is None or res.known or " " in surface(m):
                continue
            person = by_surname.get(match_key(surface(m)))
            if person:
                out[i] = Resolution(person, 0.6, "surname", person in self.kb)

    def _person(self, mention: Mention) -> Resolution:
        name = surface(mention)
        cands = self.candidates(mention)
        words = name.split()
        if not cands and len(words) == 2:  # "Surname Name" order, common in official Russian texts
            cands = self.kb.lookup(" ".join(reversed(words)), lang=self.lang, kind="PER", fuzzy=False)
        res = self._choose(mention, cands)
        if res.known and self.kb.kind(res.entity) == "PER" and (
                len(words) > 1 or self._plausible_surname(res.entity)):
            return res
        return Resolution(new_id("PER", name), 0.5, "new", False)

    def _plausible_surname(self, entity_id: str) -> bool:
        """A bare surname names a KB person only if their country is in the document or they lead one."""
        if self.kb.country(entity_id) in self.countries:
            return True
        return any(o.office in ("head_of_state", "head_of_government") for o in self.kb.offices(entity_id))


def place_in_name(kb: KB, name: str, lang: str) -> tuple[dict | None, str | None]:
    """Geo and country of the longest known place inside a new place or facility's name
    ("Ayagoz–Bakhty railway" lies where Ayagoz is); (None, None) when there is none."""
    words = re.findall(r"[^\W\d_][\w'’]*", name)[:8]
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = " ".join(words[i:i + size])
            if len(part) < 4:
                continue
            for cand in kb.lookup(part, lang=lang, kind="GPE", fuzzy=False)[:1]:
                entity = kb.entity(cand.entity_id)
                if cand.score >= 0.9 and entity.geo:
                    return entity.geo, entity.country
    return None, None

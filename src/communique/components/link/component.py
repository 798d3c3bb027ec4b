"""The ``link`` component: sets ``mention.entity``, fills ``doc.entities`` and adds role mentions.

Geocoding comes with linking: a place resolved to a KB city, region or country carries its
coordinates and ISO alpha-3 country; the resolution's confidence is the entity's confidence.
Per-mention details (entity, confidence, method) are kept in ``doc.extras["link"]``. A descriptive
organisation the KB does not know with no name inside (``doc.extras["ner_descriptive"]``:
"полиция") is left unlinked.
"""
from __future__ import annotations

from collections import Counter

from ...kb import KB, get_kb
from ...pipeline import Doc
from ...records import Entity, Mention
from .resolve import DocumentResolver, Resolution, english_name, place_in_name, surface
from .roles import Role, find_roles, role_mention

MAX_MENTIONS = 20_000  # a document with more mentions links only the first ones


class EntityLinker:
    name = "link"
    version = "1"
    requires = ("mentions",)
    assigns = ("entities",)

    def __init__(self, *, kb: KB | None = None, roles: bool = True):
        self._kb = kb
        self.roles = roles

    @property
    def extractor(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def kb(self) -> KB:
        if self._kb is None:
            self._kb = get_kb()
        return self._kb

    def __call__(self, docs: list[Doc]) -> None:
        for doc in docs:
            self.link(doc)

    def link(self, doc: Doc) -> None:
        kb, lang = self.kb, doc.lang
        mentions = doc.mentions[:MAX_MENTIONS]
        resolver = DocumentResolver(kb, lang=lang, gazetteer_hits=doc.extras.get("ner_gazetteer"))
        resolved = resolver.resolve(mentions)
        _drop_new_descriptive(resolved, mentions, doc.extras.get("ner_descriptive", ()))
        details = []
        for i, m in enumerate(mentions):
            res = resolved.get(i)
            if res is None:
                continue
            m.entity = res.entity
            self._add_entity(doc, m, res)
            details.append({"start": m.start, "end": m.end, "entity": res.entity,
                            "confidence": res.confidence, "method": res.method})
        if self.roles and lang in ("en", "ru"):
            details.extend(self._roles(doc, resolved, mentions))
        doc.mentions.sort(key=lambda m: (m.start, m.end))
        doc.extras["link"] = details

    def _add_entity(self, doc: Doc, mention: Mention, res: Resolution) -> None:
        current = doc.entities.get(res.entity)
        if current is None:
            if res.known:
                current = self.kb.entity(res.entity)
            else:
                name = surface(mention)
                geo, country = (place_in_name(self.kb, name, doc.lang)
                                if mention.kind in ("GPE", "LOC", "FAC") else (None, None))
                current = Entity(id=res.entity, kind=mention.kind, name=english_name(name, doc.lang),
                                 names={doc.lang: name}, aliases=[], country=country, geo=geo)
            current.mentions = []
            current.extractor = self.extractor
            current.confidence = 0.0
            doc.entities[res.entity] = current
        elif not res.known and len(surface(mention)) > len(current.names.get(doc.lang, "")):
            current.names[doc.lang] = surface(mention)
            current.name = english_name(surface(mention), doc.lang)
        current.confidence = round(max(current.confidence, res.confidence), 3)

    # ------------------------------------------------------------ roles

    def _roles(self, doc: Doc, resolved: dict[int, Resolution], mentions: list[Mention]) -> list[dict]:
        kb = self.kb
        countries = [(m.start, m.end, r.entity.split(":", 1)[1]) for i, m in enumerate(mentions)
                     if (r := resolved.get(i)) and r.entity.startswith("country:")]

        def country_at(start: int, end: int) -> str | None:
            """The country a mention spanning exactly start..end (a possessive aside) names."""
            for s, e, alpha3 in countries:
                if s == start and end - 2 <= e <= end:
                    return alpha3
            return None

        people = [(m.start, m.entity) for m in mentions if m.kind == "PER" and m.entity]
        home = _home_country(countries)
        person_spans = [(m.start, m.end) for m in mentions if m.kind == "PER"]
        year = _year(doc.document.published)
        details = []
        for role in find_roles(doc.text, lang=doc.lang, kb=kb, country_at=country_at):
            if _near_person(role, person_spans):
                continue
            sent = doc.sentence_at(role.start)
            lo = sent.start if sent else role.start
            in_sentence = {e for pos, e in people if lo <= pos < role.start}
            holder = _holder(kb, role, people, year, in_sentence) or _home_holder(kb, role, home, year)
            if holder is None:
                continue
            entity, confidence = holder
            mention = role_mention(doc.id, doc.text, role, entity=entity, confidence=confidence,
                                   extractor=self.extractor)
            doc.mentions.append(mention)
            self._add_entity(doc, mention, Resolution(entity, confidence, "role", True))
            people.append((role.start, entity))
            details.append({"start": role.start, "end": role.end, "entity": entity,
                            "confidence": confidence, "method": "role"})
        return details


def _drop_new_descriptive(resolved: dict[int, Resolution], mentions: list[Mention], spans) -> None:
    """An organisation named by a bare common noun ("полиция") that the KB does not know stays
    unlinked: a new id made from "полиция" would join every police force in every document. One
    with a name inside ("полиция Москвы") is specific enough for an id of its own."""
    descriptive = {tuple(s) for s in spans}
    for i, m in enumerate(mentions):
        res = resolved.get(i)
        if res is None or res.known or (m.start, m.end) not in descriptive:
            continue
        if not any(o is not m and m.start <= o.start and o.end <= m.end for o in mentions):
            del resolved[i]


def _year(published: str | None) -> int | None:
    try:
        return int((published or "")[:4])
    except ValueError:
        return None


def _home_country(countries: list[tuple[int, int, str]]) -> str | None:
    """The country a document names most (its point of view), if one clearly leads."""
    ranked = Counter(alpha3 for _, _, alpha3 in countries).most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _home_holder(kb: KB, role: Role, home: str | None, year: int | None) -> tuple[str, float] | None:
    """A bare "head of state" no named person holds: the office holder of the document's country."""
    if role.country is not None or home is None:
        return None
    found = _holder(kb, Role(role.start, role.end, role.office, home), [], year, set())
    return (found[0], 0.55) if found else None


def _near_person(role: Role, spans: list[tuple[int, int]]) -> bool:
    """The phrase overlaps a person mention or is a title right before a name."""
    return any(s < role.end and role.start < e or role.end <= s <= role.end + 3 for s, e in spans)


def _holds(kb: KB, entity: str, office: str, country: str | None, year: int | None) -> bool:
    for o in kb.offices(entity):
        if o.office != office or country is not None and o.country != country:
            continue
        if year is None or o.start <= year and (o.end is None or year <= o.end):
            return True
    return False


def _holder(kb: KB, role: Role, people: list[tuple[int, str]], year: int | None,
            in_sentence: set[str]) -> tuple[str, float] | None:
    """The person a role phrase names: a holder of the office named in the document (for a bare
    phrase the most mentioned one, not one named earlier in the same sentence), else the KB's."""
    office = kb.leader_office(role.country) if role.office == "leader" and role.country else role.office
    if office == "leader":
        office = "head_of_state"
    counts = Counter(e for _, e in people)
    before = sorted((p for p in people if p[0] < role.start), key=lambda p: -p[0])
    after = sorted(p for p in people if p[0] >= role.start)
    order = [e for _, e in before + after]
    holders = [e for e in dict.fromkeys(order) if e in kb and _holds(kb, e, office, role.country, year)]
    if role.country is None and len(holders) > 1:
        holders = [e for e in holders if e not in in_sentence] or holders
        holders.sort(key=lambda e: (-counts[e], order.index(e)))
    if holders:
        return holders[0], 0.9 if role.country else 0.75
    if role.country is None:
        return None
    holders = kb.office_holders(country=role.country, office=office, year=year)
    if year is None:
        current = [h for h in holders if any(o.end is None for o in kb.offices(h) if o.office == office)]
        holders = current or holders
    if len(holders) == 1:
        return holders[0], 0.8
    if holders:  # a change of office within the year: the latest appointee, with less confidence
        return max(holders, key=lambda h: max(o.start for o in kb.offices(h) if o.office == office)), 0.6
    return None

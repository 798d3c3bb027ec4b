"""The knowledge base: lookups by surface name in either language, offices, demonyms, gazetteers."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache

from ..records import Entity
from .build import Built, Office
from .translit import match_key, normalize, ru_to_en, script

# kinds a mention may link to, per mention kind (the NER may call a country LOC or a ministry FAC)
COMPATIBLE = {
    "PER": ("PER",),
    "GPE": ("GPE", "LOC"),
    "LOC": ("LOC", "GPE", "FAC"),
    "FAC": ("FAC", "LOC", "ORG", "GPE"),
    "ORG": ("ORG", "FAC"),
    "EVENT": ("EVENT",),
    "WORK": ("WORK",),
    "MISC": ("MISC", "ORG", "FAC"),
}
# two-letter forms that are common words, never offered to the NER matcher
_COMMON_SHORT = {"us", "it", "in", "as", "on", "no", "ok", "am", "be", "by", "he", "me", "we", "or",
                 "so", "to", "up", "an", "at", "do", "go", "if", "is", "my", "of", "oh", "ты", "он",
                 "мы", "вы", "их", "ее", "им", "но", "да", "не", "ни", "ну", "то", "же"}
_FORMAL = re.compile(r"^(?:the )?(?:republic of|kingdom of|state of|federation of|республика|"
                     r"королевство|государство|федерация) ")
_FUZZY_POP = 100_000  # cities at least this big take part in fuzzy matching


@dataclass(frozen=True)
class Candidate:
    entity_id: str
    score: float


class KB:
    def __init__(self, built: Built):
        self._b = built
        self._exact: dict[str, list[tuple[str, str]]] = {}  # normalised name -> [(id, lang)]
        self._surnames: dict[str, list[str]] = {}  # match key of a person's last name -> ids
        self._cache: dict[tuple, tuple[Candidate, ...]] = {}
        self._gazetteers: dict[str, tuple[tuple[str, str, str], ...]] = {}
        exact = self._exact
        for eid, names in built.names.items():
            for lang, surface in names:
                exact.setdefault(normalize(surface), []).append((eid, lang))
        for eid in built.curated:
            if built.entities[eid].kind == "PER":
                for _, surface in built.names[eid]:
                    self._surnames.setdefault(match_key(surface.split()[-1]), []).append(eid)

    @property
    def _keys(self) -> dict[str, list[str]]:
        """Match key -> ids (built on first use): every name of curated entries, the main names
        of cities, and the Russian names of cities of 50,000 people or more."""
        keys = self.__dict__.get("_key_index")
        if keys is None:
            keys = self.__dict__["_key_index"] = {}
            for eid, names in self._b.names.items():
                curated, pop = eid in self._b.curated, self._b.population.get(eid, 0)
                name = self._b.entities[eid].name
                for lang, surface in names:
                    if curated or surface == name or lang == "ru" and pop >= 50_000:
                        bucket = keys.setdefault(match_key(surface), [])
                        if eid not in bucket:
                            bucket.append(eid)
        return keys

    # ---------------------------------------------------------------- entities

    def __len__(self) -> int:
        return len(self._b.entities)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self._b.entities

    def entity(self, entity_id: str) -> Entity:
        """A fresh copy of the KB entity (names {en, ru}, aliases, country, geo)."""
        entity = copy.deepcopy(self._b.entities[entity_id])
        if "ru" not in entity.names:
            ru = self.russian_city_name(entity_id)
            if ru:
                entity.names["ru"] = ru
        return entity

    def russian_city_name(self, entity_id: str) -> str | None:
        """The usual Russian name of a city, chosen among its Cyrillic alternate names."""
        if entity_id not in self._b.cyrillic:
            return None
        latin = tuple(n for lg, n in self._b.names.get(entity_id, ()) if lg == "en")
        return russian_name(latin, tuple(self._b.cyrillic[entity_id]))

    def kind(self, entity_id: str) -> str:
        return self._b.entities[entity_id].kind

    def country(self, entity_id: str) -> str | None:
        entity = self._b.entities.get(entity_id)
        return entity.country if entity else None

    def population(self, entity_id: str) -> int:
        return self._b.population.get(entity_id, 0)

    def prior(self, entity_id: str) -> float:
        return self._b.prior.get(entity_id, 0.5)

    def offices(self, entity_id: str) -> list[Office]:
        return list(self._b.offices.get(entity_id, ()))

    def leader_office(self, alpha3: str) -> str:
        """The office 'the X leader' refers to: the president unless the country data says otherwise."""
        return self._b.leader.get(alpha3, "head_of_state")

    def office_holders(self, *, country: str, office: str, year: int | None) -> list[str]:
        """Ids of people holding ``office`` for ``country`` in ``year`` (any year when None)."""
        out = []
        for eid, offices in self._b.offices.items():
            for o in offices:
                if o.country == country and o.office == office and (
                        year is None or o.start <= year and (o.end is None or year <= o.end)):
                    out.append(eid)
                    break
        return out

    # ---------------------------------------------------------------- lookups

    def lookup(self, normal: str, *, lang: str, kind: str | None = None, fuzzy: bool = True) -> list[Candidate]:
        """Candidates for a surface name (nominative form), best first, scores in 0..1.

        ``fuzzy=False`` skips the (slower) fuzzy stage; results are cached."""
        if not normal or not normal.strip() or len(normal) > 200:
            return []
        key = (normal, lang, kind, fuzzy)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            cached = self._cache[key] = tuple(self._ranked(normal, lang, kind, fuzzy))
        return list(cached)

    def _ranked(self, normal: str, lang: str, kind: str | None, fuzzy: bool) -> list[Candidate]:
        found = self._lookup(normal.strip(), lang, fuzzy=False)
        if not found and kind in (None, "ORG", "FAC", "MISC"):
            found = self._derived(normal, lang)
        if not found and fuzzy:
            found = self._fuzzy(match_key(normal))
        allowed = COMPATIBLE.get(kind or "", None)
        out: dict[str, float] = {}
        for eid, score in found:
            ekind = self._b.entities[eid].kind
            if allowed is not None and ekind not in allowed:
                if kind == "PER" or ekind == "PER":
                    continue
                score *= 0.7
            elif allowed is not None and ekind != allowed[0]:
                score *= 0.95
            score *= 0.85 + 0.15 * self.prior(eid)
            out[eid] = max(out.get(eid, 0.0), round(score, 4))
        return [Candidate(e, s) for e, s in sorted(out.items(), key=lambda kv: -kv[1])[:10]]

    def _lookup(self, normal: str, lang: str, *, fuzzy: bool) -> list[tuple[str, float]]:
        norm = normalize(normal)
        if lang == "en" and norm.startswith("the "):
            norm = norm[4:]
        hits = [(eid, 1.0 if hl == lang else 0.95) for eid, hl in self._exact.get(norm, ())]
        if hits:
            return hits
        short = _FORMAL.sub("", norm)
        if short != norm:  # "Republic of North Macedonia", "Республика Северная Македония"
            hits = [(eid, 0.9) for eid, _ in self._exact.get(short, ()) if self.kind(eid) == "GPE"]
            if hits:
                return hits
        if lang == "ru" and script(norm) == "cyrl":
            for nominative in _nominatives(norm):
                hits = [(eid, 0.9) for eid, _ in self._exact.get(nominative, ())]
                if hits:
                    return hits
        key = match_key(norm)
        hits = [(eid, 0.88) for eid in self._keys.get(key, ())]
        if not hits and " " not in key.strip():
            hits = [(eid, 0.8) for eid in self._surnames.get(key, ())]
        return hits

    def _derived(self, normal: str, lang: str) -> list[tuple[str, float]]:
        from .derived import match

        entity = match(self, normal, lang)
        if entity is None:
            return []
        if entity.id not in self._b.entities:
            self._b.add(entity, prior=0.9, names=[(lg, n) for lg, n in entity.names.items()])
            for lg, n in entity.names.items():
                self._exact.setdefault(normalize(n), []).append((entity.id, lg))
        return [(entity.id, 0.95)]

    def _fuzzy(self, key: str) -> list[tuple[str, float]]:
        if len(key) < 5:
            return []
        from rapidfuzz import fuzz, process

        pool = self._fuzzy_pool()
        out = []
        for choice, sim, _ in process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=88, limit=5):
            out.extend((eid, 0.75 * sim / 100) for eid in self._keys[choice])
        return out

    @lru_cache(maxsize=1)
    def _fuzzy_pool(self) -> list[str]:
        return [k for k, ids in self._keys.items() if len(k) >= 4 and any(
            e in self._b.curated or self._b.population.get(e, 0) >= _FUZZY_POP for e in ids)]

    def surname_key(self, name: str) -> str:
        return match_key(name.split()[-1]) if name.split() else ""

    # ---------------------------------------------------------------- demonyms and gazetteers

    def country_of_demonym(self, word: str, lang: str) -> str | None:
        """ISO alpha-3 of the country a demonym or adjective stands for ("Kazakh", "российской")."""
        norm = normalize(word)
        if lang == "en":
            norm = re.sub(r"['’]s$", "", norm)
        hit = self._b.demonyms.get((lang, norm))
        if hit or not norm:
            return hit
        if lang == "en" and norm.endswith("s"):
            return self._b.demonyms.get((lang, norm[:-1]))
        if lang == "ru":
            for form in _lemmas(norm):
                if (lang, form) in self._b.demonyms:
                    return self._b.demonyms[(lang, form)]
        return None

    def demonyms(self, lang: str) -> list[tuple[str, str]]:
        """(word, alpha3) pairs for a language (base forms)."""
        return sorted((w, a3) for (lg, w), a3 in self._b.demonyms.items() if lg == lang)

    def gazetteer(self, lang: str) -> list[tuple[str, str, str]]:
        """(surface, kind, entity id) for the NER's matcher: precise names only, nominative forms."""
        if lang not in self._gazetteers:
            from .gazetteer import build_gazetteer

            self._gazetteers[lang] = build_gazetteer(self, self._b, lang)
        return list(self._gazetteers[lang])

    def prepare(self, *, langs: tuple[str, ...] = ("en", "ru")) -> "KB":
        """Build the lazily built indexes now (before the KB is stored in the on-disk cache)."""
        self._keys  # noqa: B018 (builds the match-key index)
        for lang in langs:
            self.gazetteer(lang)
        return self

    def names_of(self, entity_id: str) -> list[tuple[str, str]]:
        return list(self._b.names.get(entity_id, ()))

    def ids(self) -> list[str]:
        return list(self._b.entities)


@lru_cache(maxsize=50_000)
def _nominatives(text: str) -> tuple[str, ...]:
    """Readings of a Russian name with each word put into the nominative, keeping gender: place
    names first, then the most likely reading ("российской федерации" -> "российская федерация")."""
    from .. import models

    morph = models.morph_ru()
    geo, first = [], []
    for word in text.split():
        forms = []
        for p in morph.parse(word)[:4]:
            if "NOUN" in p.tag or "ADJF" in p.tag:
                nomn = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
                if nomn:
                    forms.append(("Geox" in p.tag, nomn.word.replace("ё", "е")))
        geo.append(next((w for g, w in forms if g), forms[0][1] if forms else word))
        first.append(forms[0][1] if forms else word)
    return tuple(dict.fromkeys(v for v in (" ".join(geo), " ".join(first)) if v != text))


@lru_cache(maxsize=50_000)
def _lemmas(word: str) -> tuple[str, ...]:
    from .. import models

    return tuple(p.normal_form.replace("ё", "е") for p in models.morph_ru().parse(word)[:4])


@lru_cache(maxsize=100_000)
def russian_name(latin: tuple[str, ...], cyrillic: tuple[str, ...]) -> str | None:
    """The usual Russian name among a place's Cyrillic alternate names: the one that Latin names
    transliterate to, close to the main name, and known as a place name to the Russian dictionary."""
    if not cyrillic:
        return None
    from rapidfuzz import fuzz

    from .. import models

    morph = models.morph_ru()
    keys = [match_key(n) for n in latin]

    def rank(name: str) -> tuple:
        word = name.split()[0].lower()
        known = morph.word_is_known(word) and any("Geox" in p.tag for p in morph.parse(word)[:2])
        key = match_key(name)
        votes = sum(k == key for k in keys)
        return (votes + 2 * fuzz.ratio(key, keys[0] if keys else "") / 100 + 2 * known, -cyrillic.index(name))

    return max(cyrillic, key=rank)


__all__ = ["KB", "Candidate", "COMPATIBLE", "ru_to_en"]

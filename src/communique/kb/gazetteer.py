"""The surface list offered to the NER's matcher: precise names only, one entity per surface."""
from __future__ import annotations

from .build import Built
from .build import _data_text as data_text

_GAZ_POP = 100_000  # cities at least this big are offered to the matcher
_MIN_CITY_CHARS = 4


def _stoplist() -> set[str]:
    return {line.strip().casefold() for line in data_text("gazetteer_stop.txt").splitlines()
            if line.strip() and not line.startswith("#")}


def _acceptable(surface: str, stop: set[str], common_short: set[str]) -> bool:
    if "," in surface or surface.casefold() in stop or len(surface) > 120:
        return False
    if len(surface) <= 2:
        return surface.isupper() and surface.casefold() not in common_short
    return True


def _russian_city_ok(name: str) -> bool:
    """A one-word Russian city name that is also an ordinary word is left out."""
    if " " in name or "-" in name:
        return True
    from .. import models

    morph = models.morph_ru()
    if not morph.word_is_known(name.lower()):
        return True
    return any("Geox" in p.tag for p in morph.parse(name)[:3])


def build_gazetteer(kb, built: Built, lang: str) -> tuple[tuple[str, str, str], ...]:
    from .kb import _COMMON_SHORT

    stop = _stoplist()
    best: dict[str, tuple[float, str, str]] = {}  # surface -> (rank, kind, id)
    for eid, entity in built.entities.items():
        pop = built.population.get(eid)
        if pop is not None:
            surfaces = _city_surfaces(kb, built, eid, lang) if pop >= _GAZ_POP else []
            rank = built.prior.get(eid, 0.0)
        else:
            surfaces = [s for lg, s in built.names.get(eid, ()) if lg == lang]
            rank = 2.0  # curated entries win over cities of the same name
        for surface in surfaces:
            if lang == "en" and surface.startswith("the "):
                surface = surface[4:]
            if not _acceptable(surface, stop, _COMMON_SHORT):
                continue
            if surface not in best or best[surface][0] < rank:
                best[surface] = (rank, entity.kind, eid)
    return tuple(sorted((s, kind, eid) for s, (_, kind, eid) in best.items()))


def _city_surfaces(kb, built: Built, eid: str, lang: str) -> list[str]:
    """A city's main name in the language; short names (Ann, Man, Ван) are left to the NER model."""
    if lang == "en":
        names = [built.entities[eid].name]
    elif lang == "ru":
        name = kb.russian_city_name(eid)
        names = [name] if name and _russian_city_ok(name) else []
    else:
        names = []
    return [n for n in names if len(n) >= _MIN_CITY_CHARS]

"""Institutions named after a country ("МИД Индии", "the Turkish Foreign Ministry", "правительство
Казахстана"), recognised by templates in ``data/derived.json`` and made into entities on first use."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from ..records import Entity
from .translit import normalize


@lru_cache(maxsize=1)
def templates() -> list[dict]:
    text = resources.files("communique.kb").joinpath("data", "derived.json").read_text(encoding="utf-8")
    out = []
    for item in json.loads(text)["templates"]:
        for lang in ("en", "ru"):
            for form in item.get(lang, ()):
                out.append({**item, "lang": lang, "rx": _compile(form)})
    return out


def _compile(form: str) -> re.Pattern:
    """'{c}'s foreign ministry' -> a pattern over normalised names with groups c and d."""
    parts = re.split(r"(\{[cd]\})", form)
    rx = "".join(f"(?P<{p[1]}>.+)" if re.fullmatch(r"\{[cd]\}", p) else re.escape(normalize(f"#{p}#")[1:-1])
                 for p in parts if p)
    return re.compile(f"^{rx}$")


def match(kb, normal: str, lang: str) -> Entity | None:
    """The derived institution a name stands for, or None."""
    norm = normalize(normal)
    if len(norm) > 150:
        return None
    for tpl in templates():
        if tpl["lang"] != lang:
            continue
        m = tpl["rx"].match(norm)
        if not m:
            continue
        alpha3 = _country(kb, m, lang)
        if alpha3:
            return _entity(kb, tpl, alpha3)
    return None


def _country(kb, m: re.Match, lang: str) -> str | None:
    groups = m.groupdict()
    if groups.get("d"):
        return kb.country_of_demonym(groups["d"], lang)
    for cand in kb.lookup(groups["c"], lang=lang, kind="GPE", fuzzy=False)[:1]:
        if cand.entity_id.startswith("country:") and cand.score >= 0.85:
            return cand.entity_id.split(":", 1)[1]
    return None


def _entity(kb, tpl: dict, alpha3: str) -> Entity:
    eid = tpl["prefix"] + alpha3.lower()
    if eid in kb:
        return kb.entity(eid)
    country = kb.entity(f"country:{alpha3}")
    en = tpl["name_en"].format(c=country.name)
    ru_name = country.names.get("ru")
    ru = tpl["name_ru"].format(c_gen=genitive(ru_name)) if ru_name else None
    names = {"en": en, **({"ru": ru} if ru else {})}
    return Entity(id=eid, kind=tpl["kind"], name=en, names=names, aliases=[], country=alpha3, geo=None,
                  extractor="kb@1", confidence=1.0)


@lru_cache(maxsize=2048)
def genitive(name: str) -> str:
    """Russian genitive of a name, word by word ("Южная Корея" -> "Южной Кореи"); abbreviations stay."""
    from .. import models

    morph = models.morph_ru()
    out = []
    for word in name.split():
        if word.isupper():
            out.append(word)
            continue
        parses = [p for p in morph.parse(word) if "nomn" in p.tag] or morph.parse(word)
        form = parses[0].inflect({"gent"}) if parses else None
        text = form.word if form else word
        out.append(text[:1].upper() + text[1:] if word[:1].isupper() else text)
    return " ".join(out)

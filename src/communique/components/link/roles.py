"""Role phrases ("the Kazakh President", "President of Russia", "глава государства") as person mentions.

An office word (``kb/data/roles.json``) with a country next to it (a demonym or country name before
it, "of X" / a genitive after it) names that country's office holder: the document's person who
holds that office, else the KB's holder in the document's year. A bare "head of state" takes the
nearest preceding person in the document who held that office.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...kb import KB
from ...records import Mention

_PRE = {
    "en": re.compile(r"((?:[A-Z][\w.’'-]*\s+){1,3})$"),
    "ru": re.compile(r"([А-ЯЁа-яё][а-яё-]*(?:ий|ый|ой|ого|ему|ым|ом|ая|ую|ей|ие|их|им|ыми|ими)\s+)$"),
}
_POST = {
    "en": re.compile(r"^\s+of\s+(?:the\s+)?((?:[A-Z](?:[\w’'-]|\.(?=\w))*(?:\s+|(?=[,;:.)]|$))){1,4})"),
    "ru": re.compile(r"^\s+((?:[А-ЯЁA-Z][\w-]*(?:\s+|(?=[,;:.)»]|$))){1,3})"),
}


@dataclass
class Role:
    start: int
    end: int
    office: str
    country: str | None  # alpha-3, or None for a bare phrase


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("communique.kb").joinpath("data", "roles.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=4)
def _patterns(lang: str) -> tuple[list[tuple[re.Pattern, str]], list[re.Pattern], tuple[str, ...]]:
    data = _data().get(lang) or {}
    offices = [(re.compile(rf"(?<![\w-])(?:{rx})(?![\w-])", re.IGNORECASE), office)
               for rx, office in data.get("offices", ())]
    bare = [re.compile(rf"^(?:{rx})$") for rx in data.get("bare", ())]
    return offices, bare, tuple(data.get("skip_before", ()))


def find_roles(text: str, *, lang: str, kb: KB, country_at) -> list[Role]:
    """Role phrases in the text; ``country_at(start, end)`` gives a resolved country in a span."""
    offices, bare, skips = _patterns(lang)
    if not offices:
        return []
    found: list[Role] = []
    taken: set[int] = set()
    for pattern, office in offices:
        for m in pattern.finditer(text):
            if m.start() in taken:
                continue
            role = _role(text, m, office, lang=lang, kb=kb, country_at=country_at, bare=bare)
            if role and not _skipped(text, role.start, skips, stems=lang == "ru"):
                found.append(role)
                taken.update(range(m.start(), m.end()))
    return sorted(found, key=lambda r: r.start)


def _role(text, m, office, *, lang, kb, country_at, bare) -> Role | None:
    line_start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 60)
    pre = _PRE[lang].search(text, line_start, m.start())
    if pre:
        country = _country_before(text, pre.start(1), m.start(), lang=lang, kb=kb, country_at=country_at)
        if country:
            return Role(country[1], m.end(), office, country[0])
    post = _POST[lang].match(text[m.end():m.end() + 80])
    if post:
        country = _country_after(post.group(1), m.end() + post.start(1), lang=lang, kb=kb,
                                 country_at=country_at)
        if country:
            return Role(m.start(), country[1], office, country[0])
        if lang == "en":
            return None  # "the President of the European Commission": someone else's office
    phrase = m.group(0)
    if any(b.match(phrase) for b in bare) and _bare_ok(text, m, lang):
        return Role(m.start(), m.end(), office, None)
    return None


def _bare_ok(text: str, m: re.Match, lang: str) -> bool:
    """English: a bare phrase follows 'the'. Russian: a bare capitalised 'Президент' does not start
    a sentence (where the capital says nothing)."""
    before = text[max(0, m.start() - 12):m.start()]
    if lang == "en":
        return before.lower().endswith("the ")
    if m.group(0)[:1].islower() or m.group(0).lower().startswith("глав"):
        return True
    return bool(before.strip()) and not re.search(r"[.!?…]\s*$", before)


def _country_before(text, start, end, *, lang, kb, country_at) -> tuple[str, int] | None:
    words = [w for w in re.finditer(r"\S+", text[start:end])]
    while words and words[0].group(0).lower() in ("the", "a", "an"):
        words = words[1:]
    for i in range(len(words)):  # longest span first, ending right before the office word
        s = start + words[i].start()
        phrase = text[s:end].strip()
        hit = country_at(s, start + words[-1].end())
        alpha3 = hit or _country_word(phrase, lang=lang, kb=kb)
        if alpha3:
            return alpha3, s
    return None


def _country_after(group: str, offset: int, *, lang, kb, country_at) -> tuple[str, int] | None:
    words = list(re.finditer(r"[^\s,;:.)»]+", group))
    for n in range(len(words), 0, -1):
        end = offset + words[n - 1].end()
        phrase = group[:words[n - 1].end()]
        alpha3 = country_at(offset, end) or _country_word(phrase, lang=lang, kb=kb, adjective=False)
        if alpha3:
            return alpha3, end
    return None


def _country_word(phrase: str, *, lang: str, kb: KB, adjective: bool = True) -> str | None:
    phrase = re.sub(r"['’]s$", "", phrase.strip())
    if adjective and " " not in phrase:
        alpha3 = kb.country_of_demonym(phrase, lang)
        if alpha3:
            return alpha3
    for cand in kb.lookup(phrase, lang=lang, kind="GPE")[:1]:
        if cand.entity_id.startswith("country:") and cand.score >= 0.85:
            return cand.entity_id.split(":", 1)[1]
    return None


def _skipped(text: str, start: int, skips: tuple[str, ...], *, stems: bool) -> bool:
    """A word right before the phrase makes it another office ("vice", "former", "бывшего")."""
    before = text[max(0, start - 30):start].lower()
    trimmed = before.rstrip()
    if trimmed.endswith(" the"):
        trimmed = trimmed[:-4].rstrip()
    last = trimmed.split()[-1] if trimmed.split() else ""
    for word in skips:
        if word.endswith("-") and before.endswith(word):
            return True
        if last == word or (" " in word and trimmed.endswith(" " + word)) or (stems and last.startswith(word)):
            return True
    return False


def role_mention(doc_id: str, text: str, role: Role, *, entity: str, confidence: float,
                 extractor: str) -> Mention:
    return Mention(doc=doc_id, start=role.start, end=role.end, text=text[role.start:role.end], kind="PER",
                   normal=text[role.start:role.end], entity=entity, demonym=False, extractor=extractor,
                   confidence=confidence)

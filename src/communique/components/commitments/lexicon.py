"""The per-language lexicons (``en.json``, ``ru.json``), compiled once per process.

Entries are regular-expression fragments matched case-insensitively on whole words (``words``
adds the boundaries). Keys: ``kinds`` (kind nouns, in priority order), ``generic`` (nouns that
name documents without naming one: "14 documents"), ``counted``, ``list_intro``,
``enumeration_intro`` ("the package includes", "в их числе"), ``clause_split``, ``conjunction``,
``statuses`` (see ``status``), ``between``, ``title_stop``, ``leading``, ``trailing`` (for titles),
``sectors``, ``sector_strong``, ``sector_heading_weight`` (see ``sector``), ``kind_sectors``, ``non_party``, ``title_after_cue`` and ``concepts``
(see ``title``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...lang import data_file
from .sector import SectorLexicon

DOCUMENT_KINDS = ("declaration", "agreement", "memorandum", "program", "action_plan",
                  "letter_of_intent", "treaty")


def words(fragment: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{fragment})(?!\w)", re.I)


@dataclass
class Lexicon:
    lang: str
    kinds: list[tuple[re.Pattern, str]]
    generic: re.Pattern
    counted: re.Pattern  # "signed 20 agreements": a count of documents not named
    list_intro: re.Pattern
    enumeration_intro: re.Pattern
    list_status: str
    clause_split: re.Pattern
    conjunction: re.Pattern
    statuses: list[tuple[re.Pattern, str]]
    between: list[re.Pattern]
    title_stop: re.Pattern
    leading: re.Pattern
    trailing: re.Pattern
    sectors: SectorLexicon
    concepts: dict[str, re.Pattern]
    title_after_cue: bool  # without a commitment noun, the title follows the cue (free word order)
    non_party: re.Pattern  # organisations that report, not act: news agencies, press services
    kind_sectors: dict[str, str]  # the sector of a kind that names none ("treaty": "diplomacy")


@lru_cache(maxsize=8)
def load_lexicon(lang: str) -> Lexicon | None:
    """The lexicon of a language, or None when there is none."""
    data = data_file(__file__, "{lang}.json", lang)
    if data is None:
        return None
    return Lexicon(
        lang=lang,
        kinds=[(words(p), k) for p, k in data["kinds"]],
        generic=words(data["generic"]),
        counted=words(data["counted"]),
        list_intro=words(data["list_intro"]),
        enumeration_intro=words(data["enumeration_intro"]),
        list_status=data["list_default_status"],
        clause_split=re.compile(data["clause_split"], re.I),
        conjunction=re.compile(data["conjunction"], re.I),
        statuses=[(words(p), s) for p, s in data["statuses"]],
        between=[re.compile(p, re.I) for p in data["between"]],
        title_stop=re.compile(data["title_stop"], re.I),
        leading=re.compile(data["leading"], re.I),
        trailing=re.compile(data["trailing"], re.I),
        sectors=SectorLexicon(
            keywords={s: words("|".join(ks)) for s, ks in data["sectors"].items()},
            strong=words("|".join(data["sector_strong"])),
            heading_weight=float(data["sector_heading_weight"])),
        concepts={c: words(p) for c, p in data["concepts"].items()},
        title_after_cue=bool(data.get("title_after_cue", False)),
        non_party=words(data["non_party"]),
        kind_sectors=dict(data.get("kind_sectors", {})),
    )


def kind_matches(text: str, *, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """Every kind noun in ``text`` as (kind, start, end), first (then longest) first; overlaps dropped."""
    found = sorted(((kind, m.start(), m.end()) for pattern, kind in lexicon.kinds
                    for m in pattern.finditer(text)), key=lambda k: (k[1], -k[2]))
    out: list[tuple[str, int, int]] = []
    for match in found:
        if not out or match[1] >= out[-1][2]:
            out.append(match)
    return out


def find_kind(text: str, *, lexicon: Lexicon) -> tuple[str, int, int] | None:
    """The first (then longest) kind noun in ``text``: (kind, start, end)."""
    found = kind_matches(text, lexicon=lexicon)
    return found[0] if found else None

"""One primary sector per commitment, from a keyword lexicon per language.

The sectors are those of ``records.SECTORS``; the keywords live in the language files (``en.json``,
``ru.json``, key ``sectors``). The main ones (English; Russian has their equivalents):

- transport: transport, transit, rail, corridor, checkpoint, logistics, cargo, road, port, post,
  train, bridge, flights;  energy: energy, nuclear, atomic, power plant, gas, oil, coal,
  electricity, dam, reactor, solar, pipeline, LNG;  space: space, rocket, cosmodrome, satellite, lunar
- environment: tiger, wildlife, ecology, environment, natural resources, water, river, reservoir,
  irrigation, monitoring;  education: university, school, campus, education, students, training
- science: science, research;  culture: culture, culture days, tours, exhibitions, museum, creative
  industries, tourism;  health: sanitary, epidemiological, medical, hospital
- security: security, terrorism, radiation safety, exercises;  defense: defence, military,
  fortifications, NATO;  economy: economic, special economic zones, business
- trade: trade, exports, customs, markets;  finance: investment, funds, banks, loans, grants, credit
- industry: industrial, manufacturing, machine building, vehicles, semiconductors, critical
  minerals, shipyards;  agriculture: agriculture, grain, food, coffee
- digital: IT, digital, information technology, artificial intelligence;  diplomacy: interstate
  relations, strategic partnership, alliance, border demarcation, visits, summits, talks
- consular: consulate, visas;  migration: migration, human resources;  justice: legal assistance,
  extradition, courts, prisoners;  media: mass media, broadcasting;  sports: sport, competitions

Each keyword found in the commitment's text scores 1, a "strong" keyword (``sector_strong``: an
institution or an object that fixes the sector: university, school, consulate, tiger, dam, bank)
scores 2, and the sector of the section heading above the sentence ("Energy", "Education and
Sports") adds ``sector_heading_weight`` (0.5), enough to break a tie. The best score wins, the
earlier first keyword breaking a remaining tie; no keyword at all gives the heading's sector, else
``other`` (the component then falls back on ``kind_sectors``: a treaty or declaration is
``diplomacy``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class SectorLexicon:
    keywords: dict[str, re.Pattern]  # sector -> its keywords as one pattern
    strong: re.Pattern
    heading_weight: float = 0.5

    def names_field(self, text: str) -> bool:
        """Whether ``text`` names any sector."""
        return any(p.search(text) for p in self.keywords.values())


def _scores(text: str, lexicon: SectorLexicon) -> dict[str, tuple[float, int]]:
    """sector -> (score, position of its first keyword)."""
    out: dict[str, tuple[float, int]] = {}
    for sector, pattern in lexicon.keywords.items():
        score, first = 0.0, len(text)
        for match in pattern.finditer(text):
            score += 2.0 if lexicon.strong.fullmatch(match.group(0)) else 1.0
            first = min(first, match.start())
        if score:
            out[sector] = (score, first)
    return out


def classify(text: str, *, lexicon: SectorLexicon, heading: str | None = None) -> str:
    """The primary sector of ``text`` (``heading``: the sector of its section, if any)."""
    scores = _scores(text, lexicon)
    if heading and heading != "other":
        score, first = scores.get(heading, (0.0, len(text)))
        scores[heading] = (score + lexicon.heading_weight, first)
    if not scores:
        return "other"
    return min(scores, key=lambda s: (-scores[s][0], scores[s][1]))


def heading_sector(text: str, *, lexicon: SectorLexicon) -> str | None:
    """The sector a section heading announces, or None when it names none."""
    scores = _scores(text, lexicon)
    if not scores:
        return None
    return min(scores, key=lambda s: (-scores[s][0], scores[s][1]))

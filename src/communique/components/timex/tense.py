"""A cheap tense guess for an offset of a text, from the cues of the language data.

Used for weekdays and dates named without a year when no parse supplies the tense.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Callable

from .rules import Language

_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”)]*\s+|\n")

_WINDOW = 200  # characters either side of an expression searched for tense cues
_CLAUSE_END = re.compile(r"[,;:()\u2014\u2013]|\s(?:but|while|whereas|а|но|однако)\s")


def sentence_tense(text: str, language: Language, default: str = "past") -> Callable[[int], str]:
    """A cheap tense guess for the expression at an offset: the cue nearest to it in its clause
    (a future or past cue of the language data, or a future verb form where the data names a
    morphology), else a future cue anywhere in the sentence, else ``default`` (news mostly
    reports what happened)."""
    bounds = sentence_bounds(text)
    future_form = _future_form(language)

    def cues(chunk: str) -> list[tuple[int, int, str]]:
        found = []
        for regex, tense in ((language.future, "future"), (language.past, "past")):
            if regex is not None:
                found += [(m.start(), m.end(), tense) for m in regex.finditer(chunk)]
        found += [(a, b, "future") for a, b in future_form(chunk)]
        return found

    cache: dict[int, tuple[str, list[int], bool]] = {}

    def sentence_at(lo: int) -> tuple[str, list[int], bool]:
        if lo not in cache:
            sentence = text[bounds[lo]:bounds[min(lo + 1, len(bounds) - 1)]]
            cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
            future = any(t == "future" for _, _, t in cues(sentence[:_WINDOW * 10]))
            cache[lo] = (sentence, cuts, future)
        return cache[lo]

    def tense_of(offset: int) -> str:
        lo = max(bisect.bisect_right(bounds, offset) - 1, 0)
        s_start = bounds[lo]
        sentence, cuts, sentence_future = sentence_at(lo)
        rel = offset - s_start
        k = max(bisect.bisect_right(cuts, rel) - 1, 0)
        c_lo, c_hi = cuts[k], cuts[min(k + 1, len(cuts) - 1)]
        if c_hi <= c_lo:
            c_hi = len(sentence)
        c_lo, c_hi = max(c_lo, rel - _WINDOW), min(c_hi, rel + _WINDOW)
        local = cues(sentence[c_lo:c_hi])
        here = rel - c_lo
        if any(t == "future" and b <= here for _, b, t in local):
            return "future"  # an auxiliary before the expression: "will meet on Friday"
        if local:
            nearest = min(local, key=lambda c: (min(abs(c[0] - here), abs(c[1] - here)),
                                                c[2] != "future"))
            return nearest[2]
        whole = cues(sentence[max(0, rel - _WINDOW):rel + _WINDOW])
        if whole:
            here = rel - max(0, rel - _WINDOW)
            return min(whole, key=lambda c: (min(abs(c[0] - here), abs(c[1] - here)),
                                             c[2] != "future"))[2]
        return default
    return tense_of


_ABBREVIATION = re.compile(
    r"(?:^|[\s(.])(?:[A-ZА-ЯЁ][a-zа-яё]?|Mrs|Gen|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|"
    r"Corp|Inc|Ltd|Col|Capt|Sgt|Prof|Ave|Blvd|г|гг|им|ул|см|млн|млрд|тыс|руб|долл|vs|etc|approx|no)$")


def sentence_bounds(text: str) -> list[int]:
    """Sentence starts (plus the end), not breaking after abbreviations ("Feb.", "Mr.", "г.")
    or before a lowercase word."""
    bounds = [0]
    for match in _SENTENCE_END.finditer(text):
        if "\n" not in match.group(0):
            before = text[max(0, match.start() - 6):match.start()]
            after = text[match.end():match.end() + 1]
            if match.group(0).startswith(".") and _ABBREVIATION.search(before) or after.islower():
                continue
        bounds.append(match.end())
    return bounds + [len(text) + 1]


def _future_form(language: Language) -> Callable[[str], list[tuple[int, int]]]:
    """Future verb forms by morphology (Russian perfective non-past), where the data asks for it."""
    if language.settings.get("morph_future") != "pymorphy":
        return lambda chunk: []

    def has_future(chunk: str) -> list[tuple[int, int]]:
        return [m.span() for m in re.finditer(r"[а-яё]{3,}", chunk.lower()) if _future_ru(m.group(0))]
    return has_future


@lru_cache(maxsize=65536)
def _future_ru(word: str) -> bool:
    from ... import models

    tag = models.morph_ru().parse(word)[0].tag
    return tag.POS == "VERB" and tag.tense == "futr"

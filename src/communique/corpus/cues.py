"""Per-language cue words (``cues_<lang>.json``): clause separators, number words, modality and
scope qualifiers. A cue matches at a word start, case-insensitively (``обсуд`` matches
``обсудили``); a language without a file has no cues, and the stages that need them stay quiet.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang import data_file

_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_WORD = re.compile(r"\w+", re.UNICODE)


def cues(lang: str | None) -> dict:
    """The cue tables of ``lang`` (its first two letters), or {} for a language without a file."""
    return data_file(__file__, "cues_{lang}.json", (lang or "und")[:2]) or {}


@lru_cache(maxsize=None)
def _pattern(lang: str, table: str, key: str) -> re.Pattern | None:
    words = cues(lang).get(table, {}).get(key, [])
    if not words:
        return None
    alts = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})")


def classes(text: str, *, lang: str, table: str, lowercase_only: bool = False) -> set[str]:
    """The keys of ``table`` (``modality``, ``scope``) whose cues occur in ``text``;
    ``lowercase_only`` skips capitalised matches (part of a name: "East Shield", "Northern Corridor")."""
    low = text.lower()
    out = set()
    for key in cues(lang).get(table, {}):
        pattern = _pattern(lang, table, key)
        if pattern is None:
            continue
        for match in pattern.finditer(low):
            if not lowercase_only or not text[match.start()].isupper():
                out.add(key)
                break
    return out


def numbers(text: str, *, lang: str, skip: list[tuple[int, int]] = ()) -> set[float]:
    """Numbers written in digits or as number words; ``skip`` spans (e.g. dates) are ignored."""
    out = set()
    for match in _DIGITS.finditer(text):
        if any(s <= match.start() < e for s, e in skip):
            continue
        value = _number(match.group(), lang=lang)
        if value is not None:
            out.add(value)
    words = cues(lang).get("number_words", {})
    for match in _WORD.finditer(text.lower()):
        if match.group() in words and not any(s <= match.start() < e for s, e in skip):
            out.add(float(words[match.group()]))
    return out


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _number(token: str, *, lang: str) -> float | None:
    """``5,150`` is five thousand in English, ``4,2`` four point two in Russian."""
    if lang[:2] != "ru" and _THOUSANDS.fullmatch(token):
        token = token.replace(",", "")
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def clause_bounds(text: str, *, lang: str, min_words: int = 5) -> list[tuple[int, int]]:
    """Split a sentence at the language's clause separators when both sides keep ``min_words``."""
    bounds = [(0, len(text))]
    for sep in cues(lang).get("clause_separators", []):
        nxt = []
        for start, end in bounds:
            piece = text[start:end]
            cut = piece.find(sep)
            if cut > 0 and _words(piece[:cut]) >= min_words and _words(piece[cut + len(sep):]) >= min_words:
                nxt += [(start, start + cut), (start + cut + len(sep), end)]
            else:
                nxt.append((start, end))
        bounds = nxt
    return bounds


def _words(text: str) -> int:
    return len(_WORD.findall(text))

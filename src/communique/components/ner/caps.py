"""Sentences written in capitals: models tag every capitalised word there as a name, so their
model mentions are checked against the lexicon and gazetteers are matched on a title-cased copy."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any


def caps_spans(doc: Any) -> list[tuple[int, int]]:
    """(start, end) of sentences whose letters are mostly capitals."""
    out = []
    for sent in doc.sentences:
        letters = [ch for ch in sent.text if ch.isalpha()]
        if len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
            out.append((sent.start, sent.end))
    return out


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def title_cased(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with its capitals sentences title-cased (same length, so offsets hold)."""
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        chunk = text[start:end].title()
        parts.append(text[pos:start])
        parts.append(chunk if len(chunk) == end - start else text[start:end])
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def russian_name_like(words: list[str]) -> bool:
    """Every word may be a name: unknown to the dictionary or a name/place/organisation/abbreviation."""
    from ... import models

    morph = models.morph_ru()
    for word in words:
        if not any(ch.isalpha() for ch in word):
            continue
        parses = morph.parse(word.lower())
        if parses and parses[0].is_known and not any(
                {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & p.tag.grammemes for p in parses[:3]):
            return False
    return True

"""Short titles and language-independent merge keys of commitments.

Title: the document name of a list item, or the noun phrase of the commitment object in a clause
(from the left edge of the kind noun's dependency subtree, in the spaCy parse for English and the
natasha parse for Russian, up to the clause's end, a comma, a relative pronoun or the status cue),
with the "between X and Y" part dropped; without a kind noun, the words after the status cue (or,
in English, before it for a passive "X were discussed"). At most 12 words, in the source language.

Key: ``kind|sector|countries|concepts`` where countries are the sorted ISO codes of the parties'
countries and concepts the sorted concept ids (``concepts`` in the language files: corridor,
nuclear, plant, school, tiger, consulate, ...) found in the title (in the whole name for a listed
document). The concept ids are shared by
the languages, so "Kazakh information and cultural centre" and "Казахский информационно-культурный
центр" get the same key. A title naming no concept falls back to its first three content words
(lower-cased), which then only merges within one language.
"""
from __future__ import annotations

import re

from ...pipeline import Doc
from .clauses import left_edge
from .extract import Candidate
from .lexicon import Lexicon
from .status import all_cues

MAX_WORDS = 12
OPENING, CLOSING = set("«“„\""), set("»”")
QUOTE_GLUE = re.compile(r"(\w)[\"“”»](\w)")
WORD = re.compile(r"\w[\w'’-]*")


def _region(doc: Doc, cand: Candidate, lexicon: Lexicon) -> tuple[int, int]:
    if cand.source in ("list", "enum"):
        return cand.start, cand.end
    cue = cand.cue_span or (cand.start, cand.start)
    if cand.kind_span:
        ks, ke = cand.kind_span
        left = max(left_edge(doc, ks, ke), cand.start, cue[1] if cue[1] <= ks else cand.start)
        right = cue[0] if cue[0] > ks else cand.end
        stop = lexicon.title_stop.search(doc.text, ke, right)
        return left, (stop.start() if stop else right)
    if lexicon.title_after_cue or cue[0] - cand.start <= 0.4 * (cand.end - cand.start):
        start, end = cue[1], cand.end
        later = [c for c in all_cues(doc.text[start:end], patterns=lexicon.statuses)
                 if len(doc.text[start:start + c.start].split()) >= 2]
        end = start + later[0].start if later else end
    else:
        start, end = cand.start, cue[0]
    stop = lexicon.title_stop.search(doc.text, start, end)
    return start, (stop.start() if stop else end)


def _drop_between(text: str, lexicon: Lexicon) -> str:
    for pattern in lexicon.between:
        if pattern.search(text):
            return pattern.sub("", text, count=1)
    return text


def _repeat(pattern: re.Pattern, text: str) -> str:
    previous = None
    while text and text != previous:
        previous, text = text, pattern.sub("", text)
    return text


def make_title(doc: Doc, cand: Candidate, *, lexicon: Lexicon) -> str:
    """A short title (at most 12 words) for a candidate, in the document's language."""
    start, end = _region(doc, cand, lexicon)
    text = _drop_between(doc.text[start:end], lexicon)
    text = QUOTE_GLUE.sub(r"\1 \2", text)
    text = re.sub(r"\s+", " ", text).strip(" \t;,.:—–-")
    text = _repeat(lexicon.leading, _balance_quotes(text))
    text = " ".join(text.split(" ")[:MAX_WORDS]).rstrip(" ,;:—–-")
    text = _balance_quotes(_repeat(lexicon.trailing, text).rstrip(" ,;:—–-"))
    if not text:
        text = " ".join(doc.text[cand.start:cand.end].split()[:MAX_WORDS])
    return text[:1].upper() + text[1:]


def _balance_quotes(text: str) -> str:
    """Drop a quotation mark left open or closed at either end by the cuts."""
    if text[:1] in OPENING and not any(c in CLOSING or c == '"' for c in text[1:]):
        text = text[1:]
    if text[-1:] in CLOSING | {'"'} and not any(c in OPENING for c in text[:-1]):
        text = text[:-1]
    return text.strip()


def make_key(*, kind: str, sector: str, countries: list[str], title: str, lexicon: Lexicon,
             text: str | None = None) -> str:
    """The merge key shared by the same commitment told in several articles or languages.

    ``text``: where to look for concepts when not in the title (a listed document's full name)."""
    concepts = sorted(c for c, pattern in lexicon.concepts.items() if pattern.search(text or title))
    if not concepts:
        concepts = [w.lower() for w in WORD.findall(title) if len(w) > 3][:3]
    return "|".join([kind, sector, "+".join(sorted(set(countries))) or "-", "+".join(concepts)])

"""``TimexTagger``: the pipeline component, anchored on ``doc.document.published``.

Tense (for weekdays and dates named without a year) comes from the parse when the segmenter kept
one: spaCy's auxiliaries and verb tags for English, natasha's ``Tense`` feature for Russian; else
from the cheap per-sentence guess of the language data.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from ...pipeline import Doc
from .core import find_timexes
from .rules import load_language
from .tense import sentence_tense

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "gon", "would"}
_PLAN_VERBS = {"plan", "schedule", "intend", "expect"}  # "planned a rally on Saturday"


class TimexTagger:
    name = "timex"
    version = "1"
    requires = ("sentences",)
    assigns = ("timexes",)

    def __call__(self, docs: list[Doc]) -> None:
        for doc in docs:
            doc.timexes = find_timexes(doc.text, lang=doc.lang, anchor=doc.document.published,
                                       doc_id=doc.id, tense_of=_tense_function(doc))


def _tense_function(doc: Doc) -> Callable[[int], str] | None:
    language = load_language(doc.lang)
    if language is None:
        return None
    fallback = sentence_tense(doc.text, language)
    if "spacy" in doc.extras:
        return _leading_cue(doc.text, language, _spacy_tense(doc.extras["spacy"], fallback))
    if "natasha" in doc.extras:
        return _natasha_tense(doc.extras["natasha"], fallback)
    return fallback


_GAP = re.compile(r"\s*(?:(?:at|on|in|about|around|the|early|late|mid|as\s+of)\s+)*$", re.I)


def _leading_cue(text: str, language: Any, parsed: Callable[[int], str]) -> Callable[[int], str]:
    """A future cue right before the expression ("until Tuesday", "effective Feb. 1") decides
    before the parse does: the verb the parse finds governs the whole clause."""
    if language.future is None:
        return parsed

    def tense_of(offset: int) -> str:
        lo = max(0, offset - 40)
        chunk = text[lo:offset + 20]
        for match in language.future.finditer(chunk):
            if match.end() <= offset - lo and _GAP.fullmatch(chunk[match.end():offset - lo]):
                return "future"
        return parsed(offset)
    return tense_of


def _spacy_tense(parsed: Any, fallback: Callable[[int], str]) -> Callable[[int], str]:
    def tense_of(offset: int) -> str:
        span = parsed.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or not len(span):
            return fallback(offset)
        token = span[0]
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX"):
                break
            if token.head is token:
                return fallback(offset)
            token = token.head
        else:
            return fallback(offset)
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")] + [token]
        if any(a.lower_ in _FUTURE_AUX for a in auxes) or token.lemma_ in _PLAN_VERBS:
            return "future"
        if any(a.tag_ in ("VBD",) for a in auxes) or token.tag_ == "VBN":
            return "past"
        return fallback(offset)
    return tense_of


def _natasha_tense(ndoc: Any, fallback: Callable[[int], str]) -> Callable[[int], str]:
    by_id = {t.id: t for t in ndoc.tokens}

    def tense_of(offset: int) -> str:
        token = next((t for t in ndoc.tokens if t.start <= offset < t.stop), None)
        for _ in range(8):
            if token is None:
                return fallback(offset)
            if token.pos in ("VERB", "AUX"):
                break
            token = by_id.get(token.head_id)
        else:
            return fallback(offset)
        family = [token] + [t for t in ndoc.tokens if t.head_id == token.id and t.rel == "aux"]
        tenses = {(t.feats or {}).get("Tense") for t in family}
        if "Fut" in tenses:
            return "future"
        if "Past" in tenses:
            return "past"
        return fallback(offset)
    return tense_of

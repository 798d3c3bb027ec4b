"""English candidates: spaCy's entities (titles, articles and possessives trimmed), demonyms,
a few precise patterns for facilities and named documents, and gazetteer matches."""
from __future__ import annotations

import re
from typing import Any

from .caps import caps_spans, inside, title_cased
from .candidates import DEMONYM, GAZETTEER, MODEL, Candidate, plausible_gazetteer
from .gazetteer import Gazetteer
from .patterns_en import pattern_candidates
from .resources import demonyms, en_titles

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "EVENT": "EVENT",
          "WORK_OF_ART": "WORK", "LAW": "WORK", "NORP": "MISC", "PRODUCT": "MISC"}
# titles that make the name right after them a person's ("President Kassym-Jomart Tokayev")
PERSON_TITLES = frozenset({"president", "minister", "chairman", "chairwoman", "mr", "mrs", "ms", "dr",
                           "king", "queen", "prince", "senator", "governor", "mayor", "chancellor",
                           "premier", "ambassador", "secretary-general", "sheikh", "emir",
                           "spokesman", "spokeswoman", "spokesperson", "envoy", "pope"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_NOISE = {"the", "The", "THE"}
_TRAILING_NOISE = {"and", "or", "of", "the", "in", "at", "on", "for", "to", "with"}


def candidates(doc: Any, gazetteer: Gazetteer) -> list[Candidate]:
    text = doc.text
    parsed = doc.extras.get("spacy")
    caps = caps_spans(doc)
    gaz = [Candidate(m.start, m.end, m.entry.kind, m.entry.surface, GAZETTEER, 0.9,
                     demonym=m.entry.kind == "GPE" and _is_demonym(text[m.start:m.end]),
                     entity=m.entry.entity)
           for m in gazetteer.match(title_cased(text, caps))]
    model: list[Candidate] = []
    pos_at: dict[int, str] = {}
    if parsed is not None:
        gaz_starts = {c.start: c for c in gaz if c.kind != "PER"}
        for ent in parsed.ents:
            if not (caps and inside(caps, ent.start_char, ent.end_char)):
                model.extend(_from_entity(text, ent, gaz_starts))
        pos_at = {t.idx: t.pos_ for t in parsed}
        gaz = plausible_gazetteer(gaz, model, text_length=len(text), pos_at=pos_at)
        model.extend(_lone_demonyms(parsed))
    return [*gaz, *model, *pattern_candidates(text, pos_at)]


def _has_alnum(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def _is_demonym(word: str) -> bool:
    return word in demonyms("en")


def _from_entity(text: str, ent: Any, gaz_starts: dict[int, Candidate]) -> list[Candidate]:
    label = LABELS.get(ent.label_)
    if label is None:
        return []
    out: list[Candidate] = []
    for tokens in _lines(list(ent)):
        out.extend(_from_tokens(text, ent, tokens, label, gaz_starts))
    return out


def _lines(tokens: list) -> list[list]:
    """A name never runs over a line break (headlines have no final stop)."""
    groups: list[list] = [[]]
    for token in tokens:
        if token.is_space or "\n" in token.text:
            groups.append([])
        else:
            groups[-1].append(token)
            if "\n" in token.whitespace_:
                groups.append([])
    return [g for g in groups if g]


def _from_tokens(text: str, ent: Any, tokens: list, label: str,
                 gaz_starts: dict[int, Candidate]) -> list[Candidate]:
    while tokens and not _has_alnum(tokens[0].text):
        tokens = tokens[1:]
    words = [t for t in tokens if _has_alnum(t.text)]
    if words and all(_is_demonym(t.text) for t in words):  # "Kazakh", "Russian-Kazakh"
        return [_demonym(t) for t in words]
    if ent.label_ == "NORP" and words and _is_demonym(words[0].text):  # "Russian Presidents"
        return [_demonym(words[0])]
    out: list[Candidate] = []
    if label == "PER":
        tokens, stripped = _strip_person_prefix(tokens, gaz_starts)
        out.extend(stripped)
    while tokens and tokens[0].text in _LEADING_NOISE:
        tokens = tokens[1:]
    while tokens and (_POSSESSIVE.fullmatch(tokens[-1].text) or not _has_alnum(tokens[-1].text)
                      or tokens[-1].text in _TRAILING_NOISE
                      or (label in ("ORG", "GPE", "PER") and len(tokens) > 1 and tokens[-1].text.islower())):
        tokens = tokens[:-1]
    if not tokens:
        return out
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = _POSSESSIVE.sub("", text[start:end]) if label != "WORK" else text[start:end]
    end = start + len(name)
    if not any(ch.isalpha() for ch in name):
        return out
    if label == "MISC" and ent.label_ == "NORP":
        return out + [Candidate(start, end, "MISC", name, MODEL, 0.6)]
    if label != "PER" and _after_person_title(ent) and tokens[0].i == ent.start:
        label = "PER"
    return out + [Candidate(start, end, label, name, MODEL, 0.75)]


def _strip_person_prefix(tokens: list, gaz_starts: dict[int, Candidate]) -> tuple[list, list[Candidate]]:
    """Drop titles, demonyms and leading non-person names ("Rosatom head ...") from a PER span."""
    stripped: list[Candidate] = []
    titles = en_titles()
    while len(tokens) > 1:
        first = tokens[0]
        word = first.text.lower().rstrip(".")
        known = gaz_starts.get(first.idx)
        if known and known.end < tokens[-1].idx + len(tokens[-1].text):
            stripped.append(known)
            tokens = [t for t in tokens if t.idx >= known.end]
        elif _is_demonym(first.text):
            stripped.append(_demonym(first))
            tokens = tokens[1:]
        elif word in titles or first.text in {"-", "–"} or _POSSESSIVE.fullmatch(first.text):
            tokens = tokens[1:]
        else:
            break
    return tokens, stripped


def _after_person_title(ent: Any) -> bool:
    if ent.start == 0:
        return False
    prev = ent.doc[ent.start - 1]
    return prev.text[:1].isupper() and prev.text.lower().rstrip(".") in PERSON_TITLES


def _demonym(token: Any) -> Candidate:
    return Candidate(token.idx, token.idx + len(token.text), "GPE", token.text, DEMONYM, 0.85,
                     demonym=True)


def _lone_demonyms(parsed: Any) -> list[Candidate]:
    table = demonyms("en")
    return [_demonym(t) for t in parsed if t.text in table and t.pos_ in {"ADJ", "PROPN", "NOUN"}]

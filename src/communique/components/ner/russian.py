"""Russian candidates: natasha's NER spans (normalised to the nominative), gazetteer matches on
lemmas, country adjectives (demonyms) and quoted names announced by a word such as «компания»."""
from __future__ import annotations

import re
from typing import Any

from ... import models
from .caps import caps_spans, inside, russian_name_like
from .candidates import DEMONYM, GAZETTEER, MODEL, PATTERN, Candidate, plausible_gazetteer
from .gazetteer import Gazetteer, Match
from .normalize import nominative_words, ru_lemma
from .russian_spans import natasha_spans
from .patterns_ru import pattern_candidates
from .resources import demonyms, ru_quote_triggers

# a quoted name: starts with a capital letter or a digit, at most 6 words, no sentence punctuation
_QUOTED = re.compile(r"[«\"„“](?P<name>[A-ZА-ЯЁ0-9][^«»\"„“”.!?\n]{0,60}?)[»\"“”]")
_WORD_BEFORE = re.compile(r"(\w+)[\s-]*$")


def candidates(doc: Any, gazetteer: Gazetteer) -> list[Candidate]:
    ndoc = doc.extras.get("natasha")
    model = _from_natasha(ndoc, doc.text) if ndoc is not None else []
    caps = caps_spans(doc)
    if caps:
        model = [c for c in model if not inside(caps, c.start, c.end)
                 or russian_name_like(doc.text[c.start:c.end].split())]
    if ndoc is not None:
        model = _with_country_adjectives(model, list(ndoc.tokens), doc.text)
    gaz = [_from_gazetteer(doc, m) for m in gazetteer.match(doc.text)]
    pos_at = {t.start: t.pos for t in doc.tokens}
    gaz = plausible_gazetteer(gaz, model, text_length=len(doc.text), pos_at=pos_at)
    return [*model, *gaz, *_demonyms(doc), *_quoted(doc), *pattern_candidates(doc)]


def _with_country_adjectives(model: list[Candidate], tokens: list, text: str) -> list[Candidate]:
    """A lower-case country adjective right before an organisation's name is part of it:
    "японского МИДа" -> "японский МИД", "американского министерства иностранных дел"."""
    table = demonyms("ru")
    before = {t.stop: (i, t) for i, t in enumerate(tokens)}
    out = []
    for cand in model:
        found = before.get(cand.start - 1) if cand.kind == "ORG" and text[cand.start - 1:cand.start] == " " else None
        if found and found[1].pos == "ADJ" and found[1].text.islower() \
                and (found[1].lemma or "").replace("ё", "е") in table and found[0] + 1 < len(tokens):
            i, adj = found
            head = tokens[i + 1]
            words = nominative_words([adj.text, head.text], [adj.feats or {}, head.feats or {}])
            normal = words[0] + " " + cand.normal if head.text.isupper() or head.start != cand.start \
                else " ".join(words) + cand.normal[len(words[1]):] if cand.normal.startswith(words[1]) \
                else words[0] + " " + cand.normal
            cand = Candidate(adj.start, cand.end, "ORG", normal, cand.priority, cand.confidence)
        out.append(cand)
    return out


def _from_gazetteer(doc: Any, match: Match) -> Candidate:
    """A match; a descriptor before the name is left out ("штате Колорадо" -> "Колорадо")."""
    entry, text = match.entry, doc.text
    name_at = _first_capital(text, match.start, match.end)
    if entry.capital or name_at is None:  # a name, or a lower-case entry such as "российский"
        lower = not entry.capital
        normal = _adjective_lemma(doc, match.start, match.end) if lower else entry.surface
        return Candidate(match.start, match.end, entry.kind, normal or entry.surface,
                         DEMONYM if lower else GAZETTEER, 0.9, demonym=lower and entry.kind == "GPE",
                         entity=entry.entity)
    surface_at = _first_capital(entry.surface, 0, len(entry.surface))
    normal = entry.surface[surface_at:] if surface_at is not None else text[name_at:match.end]
    return Candidate(name_at, match.end, entry.kind, normal, GAZETTEER, 0.9, entity=entry.entity)


def _first_capital(text: str, start: int, end: int) -> int | None:
    found = re.compile(r"(?<![\w-])[«\"]?[A-ZА-ЯЁ0-9]").search(text, start, end)
    return found.start() if found else None


def _from_natasha(ndoc: Any, text: str) -> list[Candidate]:
    vocab = models.natasha().morph_vocab
    return [Candidate(s.start, s.end, s.kind, s.normal(text), MODEL, 0.8)
            for s in natasha_spans(ndoc, vocab, text)]


def _adjective_lemma(doc: Any, start: int, end: int) -> str:
    lemmas = [t.lemma for t in doc.tokens if start <= t.start and t.end <= end and t.lemma]
    return " ".join(lemmas)


def _demonyms(doc: Any) -> list[Candidate]:
    table = demonyms("ru")
    out = []
    for token in doc.tokens:
        lemma = (token.lemma or "").replace("ё", "е")
        if lemma in table and token.text[:1].isalpha():
            out.append(Candidate(token.start, token.end, "GPE", lemma, DEMONYM, 0.85, demonym=True))
    return out


def _quoted(doc: Any) -> list[Candidate]:
    """«Росатом» after a word announcing an organisation (or a project, event, document)."""
    triggers = ru_quote_triggers()
    out = []
    for match in _QUOTED.finditer(doc.text):
        name = match.group("name").strip()
        if not name or len(name.split()) > 6:
            continue
        before = _WORD_BEFORE.search(doc.text, max(0, match.start() - 40), match.start())
        kind = None
        if before:
            word = before.group(1)
            kind = triggers.get(word.lower()) or triggers.get(ru_lemma(word))
        if kind is None:
            continue
        start = match.start("name") + (len(match.group("name")) - len(match.group("name").lstrip()))
        out.append(Candidate(start, start + len(name), kind, name, PATTERN, 0.7))
    return out

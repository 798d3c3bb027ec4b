"""Russian patterns for names natasha does not tag: dash-joined link names after a link noun
("линии Аягоз – Бахты", FAC), named documents ("Договор о союзнических отношениях",
"Тяньцзиньская декларация о ...", WORK) and organisations named by a common noun
("правительство Мали", see ``institutions_ru``)."""
from __future__ import annotations

import re
from typing import Any

from .candidates import PATTERN, Candidate
from .institutions_ru import body_candidates, institution_candidates
from .normalize import nominative_words, ru_lemma
from .resources import demonyms, ru_link_triggers

_CAP_RU = r"[А-ЯЁA-Z][\w-]*"
_JOINED = rf"{_CAP_RU}(?:(?:[^\S\n]?[–—][^\S\n]?|[^\S\n]-[^\S\n]){_CAP_RU})+"
_LINKS = re.compile(rf"(?P<trigger>\w+)[^\S\n]+(?P<names>{_JOINED}(?:(?:[^\S\n]*,[^\S\n]*|[^\S\n]+и[^\S\n]+){_JOINED})*)")
_JOINED_RE = re.compile(_JOINED)
DOCUMENT_NOUNS = frozenset({"договор", "декларация", "соглашение", "меморандум", "хартия", "конвенция"})


def pattern_candidates(doc: Any) -> list[Candidate]:
    out = links(doc.text)
    ndoc = doc.extras.get("natasha")
    if ndoc is not None:
        tokens = list(ndoc.tokens)
        out.extend(documents(doc.text, tokens))
        out.extend(institution_candidates(doc.text, tokens))
        out.extend(body_candidates(doc.text, tokens))
    return out


def links(text: str) -> list[Candidate]:
    """Dash-joined names after a link noun: "линии Аягоз – Бахты, Достык – Мойынты" (FAC)."""
    out = []
    for match in _LINKS.finditer(text):
        if ru_lemma(match.group("trigger")) not in ru_link_triggers():
            continue
        base = match.start("names")
        for name in _JOINED_RE.finditer(match.group("names")):
            out.append(Candidate(base + name.start(), base + name.end(), "FAC", name.group(), PATTERN, 0.8))
    return out


def documents(text: str, tokens: list) -> list[Candidate]:
    out = []
    for i, token in enumerate(tokens):
        if token.pos not in ("NOUN", "PROPN", "ADJ") or not token.text[:1].isupper():
            continue
        head = _document_head(tokens, i)
        if head is None:
            continue
        end = head + 1 + _about_phrase(tokens, head + 1, text)
        if end == head + 1 and head == i:
            continue  # a bare capitalised "Договор" is not a title
        words = tokens[i:end]
        normal = nominative_words([t.text for t in tokens[i:head + 1]], [t.feats or {} for t in tokens[i:head + 1]])
        rest = text[tokens[head].stop:tokens[end - 1].stop]
        sentence_start = i == 0 or tokens[i - 1].text in ".!?…\n" or "\n" in text[tokens[i - 1].stop:token.start]
        out.append(Candidate(words[0].start, words[-1].stop, "WORK", " ".join(normal) + rest, PATTERN,
                             0.6 if sentence_start else 0.8))
    return out


def _document_head(tokens: list, i: int) -> int | None:
    """Index of the document noun: this token ("Договор") or the next after a capitalised adjective
    ("Тяньцзиньскую декларацию"); a country adjective does not name a document."""
    if ru_lemma(tokens[i].text) in DOCUMENT_NOUNS and tokens[i].pos != "ADJ":
        return i
    if tokens[i].pos == "ADJ" and i + 1 < len(tokens) and tokens[i + 1].text.islower() \
            and ru_lemma(tokens[i + 1].text) in DOCUMENT_NOUNS and tokens[i].lemma not in demonyms("ru") \
            and i > 0 and tokens[i - 1].text not in ".!?…":
        return i + 1
    return None


def _about_phrase(tokens: list, i: int, text: str) -> int:
    """Length of "о/об" + lower-case noun phrases in the locative, their genitives and "и"."""
    if i >= len(tokens) or tokens[i].text.lower() not in ("о", "об", "обо"):
        return 0
    j = i + 1
    while j < len(tokens) and tokens[j].text.islower() and tokens[j].pos in ("ADJ", "NOUN", "CCONJ") \
            and "\n" not in text[tokens[j - 1].stop:tokens[j].start]:
        if tokens[j].pos == "CCONJ" and (tokens[j].text != "и" or j + 1 >= len(tokens)
                                         or tokens[j + 1].pos not in ("ADJ", "NOUN")):
            break
        j += 1
    while j > i + 1 and tokens[j - 1].pos != "NOUN":
        j -= 1
    return j - i if j > i + 1 else 0

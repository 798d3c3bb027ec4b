"""Russian organisations named by a common noun: "правительство", "японским парламентом",
"министерство обороны Мали", "полиции Сан-Диего", "переходного правительства Мали".

The head is a noun from ``ru_institutions.tsv``, written in lower case (or capitalised only by its
place at the start of a sentence). The name takes in the adjectives right before the head (not
those in ``ru_institution_adj_stop.txt``: "новое правительство" is "правительство"), for a "field"
head the lower-case genitive nouns after it ("обороны"), then a capitalised name in the genitive
after it (the country, city, person or body the institution belongs to). These candidates are
``descriptive``: they are added on top of the names, which stay mentions of their own (the
country in "правительство Мали"), and listed in ``doc.extras["ner_descriptive"]``.
"""
from __future__ import annotations

from typing import Any

from .candidates import PATTERN, Candidate
from .normalize import nominative_words
from .resources import demonyms, ru_body_nouns, ru_institution_adj_stop, ru_institutions

CONFIDENCE = 0.65
_MAX_FIELD = 3  # lower-case genitive words after a "field" head ("по делам" is not taken)
_MAX_NAME = 4  # capitalised words of the owner's name


def institution_candidates(text: str, tokens: list) -> list[Candidate]:
    heads = ru_institutions()
    out = []
    for i, token in enumerate(tokens):
        lemma = (token.lemma or "").replace("ё", "е")
        if token.pos != "NOUN" or lemma not in heads or not _lower_or_initial(text, tokens, i):
            continue
        first = _adjectives_before(text, tokens, i)
        end = _complement_after(text, tokens, i, field=heads[lemma] == "field")
        if heads[lemma] == "owned" and end == i + 1 and not any(
                (t.lemma or "").replace("ё", "е") in demonyms("ru") for t in tokens[first:i]):
            continue
        cand = _candidate(text, tokens, first, i, end)
        cand.descriptive = True
        out.append(cand)
    return out


def _lower_or_initial(text: str, tokens: list, i: int) -> bool:
    word = tokens[i].text
    return word.islower() or (word[:1].isupper() and word[1:].islower() and _sentence_start(text, tokens, i))


def _sentence_start(text: str, tokens: list, i: int) -> bool:
    return i == 0 or tokens[i - 1].text in ".!?…" or "\n" in text[tokens[i - 1].stop:tokens[i].start]


def _joined(text: str, a: Any, b: Any) -> bool:
    return text[a.stop:b.start] == " "


def _adjectives_before(text: str, tokens: list, i: int) -> int:
    stop = ru_institution_adj_stop()
    first = i
    while first > 0 and tokens[first - 1].pos == "ADJ" and _joined(text, tokens[first - 1], tokens[first]) \
            and (tokens[first - 1].lemma or "") not in stop and not tokens[first - 1].text.isupper() \
            and (tokens[first - 1].text.islower() or _sentence_start(text, tokens, first - 1)
                 or _demonym_like(tokens[first - 1])):
        first -= 1
    return first


def _demonym_like(token: Any) -> bool:
    """A capitalised adjective inside a sentence that is an ordinary adjective ("Итальянский")."""
    return token.text[:1].isupper() and token.text[1:].islower() and (token.lemma or "").endswith("ский")


def _case(token: Any) -> str | None:
    return (token.feats or {}).get("Case")


def _complement_after(text: str, tokens: list, i: int, *, field: bool) -> int:
    """Index just after the institution's name."""
    j = i + 1
    if field:
        taken = 0
        while j < len(tokens) and taken < _MAX_FIELD and tokens[j].text.islower() and tokens[j].pos in ("NOUN", "ADJ") \
                and _case(tokens[j]) == "Gen" and _joined(text, tokens[j - 1], tokens[j]):
            j, taken = j + 1, taken + 1
        while j > i + 1 and tokens[j - 1].pos != "NOUN":  # end on a noun
            j -= 1
    k, taken = j, 0
    while k < len(tokens) and taken < _MAX_NAME and _owner_word(tokens[k]) and _joined(text, tokens[k - 1], tokens[k]):
        k, taken = k + 1, taken + 1
    if taken and tokens[k - 1].pos in ("ADJ",):  # a name ends on a noun: "Южной Кореи", not "Южной"
        return j
    return k if taken else j


def _owner_word(token: Any) -> bool:
    word = token.text
    if not word[:1].isupper() or not any(ch.isalpha() for ch in word):
        return False
    if word.isupper():  # "США", "РФ", "МГУ": abbreviations do not decline
        return True
    return _case(token) == "Gen" and token.pos in ("PROPN", "NOUN", "ADJ")


def _candidate(text: str, tokens: list, first: int, head: int, end: int) -> Candidate:
    words = tokens[first:head + 1]
    normal = nominative_words([t.text for t in words], [t.feats or {} for t in words])
    if _sentence_start(text, tokens, first) and words[0].text[:1].isupper():
        normal[0] = normal[0][:1].lower() + normal[0][1:] if not normal[0].isupper() else normal[0]
    rest = text[tokens[head].stop:tokens[end - 1].stop]
    return Candidate(tokens[first].start, tokens[end - 1].stop, "ORG", " ".join(normal) + rest, PATTERN,
                     CONFIDENCE)


def body_candidates(text: str, tokens: list) -> list[Candidate]:
    """A capitalised adjective inside a sentence, lower-case adjectives, then a noun for a kind of
    organisation: "Демократической партии", "Мариинского театра", "Курской областной думы" (ORG),
    with a genitive owner after it ("Верховный суд Бангладеша"). A country adjective before a
    generic noun ("Американская компания") is not a name."""
    bodies, heads, countries = ru_body_nouns(), ru_institutions(), demonyms("ru")
    out = []
    for i, token in enumerate(tokens):
        if token.pos != "ADJ" or not token.text[:1].isupper() or not token.text[1:].islower() \
                or _sentence_start(text, tokens, i):
            continue
        head = i + 1
        while head < len(tokens) and tokens[head].pos == "ADJ" and tokens[head].text.islower() \
                and _joined(text, tokens[head - 1], tokens[head]):
            head += 1
        if head >= len(tokens) or not _joined(text, tokens[head - 1], tokens[head]) \
                or not tokens[head].text.islower() or tokens[head].pos != "NOUN":
            continue
        lemma = (tokens[head].lemma or "").replace("ё", "е")
        if lemma not in bodies or ((token.lemma or "") in countries and lemma not in heads):
            continue
        end = _complement_after(text, tokens, head, field=heads.get(lemma) == "field")
        out.append(_candidate(text, tokens, i, head, end))
    return out

"""Lexicon matching and event roles: actor, recipient, location, date, mode and context.

The per-language lexicons (``triggers_<lang>.json``) hold trigger lemmas per PLOVER type, mode
cues per type, context keywords (only context names of the PLOVER manual's list), future and
negation markers, the prepositions used for places and for reciprocal participants, and the
meeting nouns and cues of :mod:`.nominal`. An entry is one lemma or several (``"recall
ambassador"``): the words must occur in that order, each within ``window`` tokens of the
previous one; a word matches a token's lemma or its lower-cased text.

Roles, following PLOVER: compound and reciprocal participants form one ``actor`` list; where one
side is directed at another (before/after the trigger, or "with"/"between" for reciprocity), the
later side is the ``recipient``; for a visit, participants from the country of the place are the
hosts (``recipient``) and the others the visitors (``actor``); with a hosting verb ("hosted",
"принял") the subject is the host.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...lang import data_file
from ...pipeline import Doc, Token
from ...records import Mention, Sentence

PARTICIPANT_KINDS = ("PER", "ORG", "GPE", "MISC")
PLACE_KINDS = ("GPE", "LOC", "FAC")
# types whose participants act together unless the text directs one side at another
RECIPROCAL = ("CONSULT", "AGREE", "COOPERATE", "SUPPORT")
COORDINATION = {",", "and", "и", "&"}
Entry = tuple[str, ...]


def _entries(words: list[str]) -> list[Entry]:
    out = []
    for word in words:
        parts = tuple(p for p in re.split(r"[\s\-]+", word.lower()) if p)
        if parts:
            out.append(parts)
    return out


@dataclass
class Lexicon:
    language: str
    window: int
    types: dict[str, list[Entry]]
    modes: dict[str, dict[str, list[Entry]]]
    context: dict[str, list[Entry]]
    future: list[Entry]
    negation: set[str]
    location_prepositions: set[str]
    destination_prepositions: set[str]
    reciprocal_prepositions: set[str]
    host_verbs: list[Entry]
    report_verbs: list[Entry] = field(default_factory=list)
    place_fillers: set[str] = field(default_factory=set)
    visit_words: list[Entry] = field(default_factory=list)
    held_meetings: dict[str, set[str]] = field(default_factory=dict)  # see :mod:`.nominal`


@lru_cache(maxsize=8)
def lexicon(lang: str) -> Lexicon | None:
    data = data_file(__file__, "triggers_{lang}.json", lang)
    if data is None:
        return None
    return Lexicon(
        language=data["language"], window=int(data.get("window", 4)),
        types={k: _entries(v) for k, v in data["types"].items()},
        modes={t: {m: _entries(v) for m, v in ms.items()} for t, ms in data["modes"].items()},
        context={k: _entries(v) for k, v in data["context"].items()},
        future=_entries(data.get("future", [])),
        negation=set(data.get("negation", [])),
        location_prepositions=set(data.get("location_prepositions", [])),
        destination_prepositions=set(data.get("destination_prepositions", [])),
        reciprocal_prepositions=set(data.get("reciprocal_prepositions", [])),
        host_verbs=_entries(data.get("host_verbs", [])),
        report_verbs=_entries(data.get("report_verbs", [])),
        place_fillers=set(data.get("place_fillers", [])),
        visit_words=_entries(data.get("visit_words", [])),
        held_meetings={k: set(v) for k, v in data.get("held_meetings", {}).items()},
    )


@dataclass
class Words:
    """The tokens of one sentence with their lower-cased lemmas and texts."""

    tokens: list[Token]
    lemmas: list[str]
    texts: list[str]

    @classmethod
    def of(cls, tokens: list[Token]) -> "Words":
        return cls(tokens=tokens, lemmas=[(t.lemma or t.text).lower() for t in tokens],
                   texts=[t.text.lower() for t in tokens])

    @property
    def vocab(self) -> set[str]:
        if not hasattr(self, "_vocab"):
            self._vocab = set(self.lemmas) | set(self.texts)
        return self._vocab

    def hits(self, i: int, word: str) -> bool:
        return self.lemmas[i] == word or self.texts[i] == word


def match(entry: Entry, words: Words, *, window: int) -> int | None:
    """Index of the token where ``entry`` starts in the sentence, or None."""
    n = len(words.tokens)
    for start in range(n):
        if not words.hits(start, entry[0]):
            continue
        pos, ok = start, True
        for part in entry[1:]:
            nxt = next((j for j in range(pos + 1, min(n, pos + 1 + window))
                        if words.hits(j, part)), None)
            if nxt is None:
                ok = False
                break
            pos = nxt
        if ok:
            return start
    return None


def first_match(entries: list[Entry], words: Words, *, window: int) -> int | None:
    vocab = words.vocab
    found = [i for i in (match(e, words, window=window) for e in entries
                         if all(part in vocab for part in e)) if i is not None]
    return min(found) if found else None


def triggers(lex: Lexicon, words: Words) -> dict[str, int]:
    """PLOVER type -> index of its first trigger token in the sentence."""
    out = {}
    for plover, entries in lex.types.items():
        index = first_match(entries, words, window=lex.window)
        if index is not None:
            out[plover] = index
    return out


def mode_of(lex: Lexicon, plover: str, words: Words) -> str | None:
    for mode, entries in lex.modes.get(plover, {}).items():
        if first_match(entries, words, window=lex.window) is not None:
            return mode
    return None


def contexts(lex: Lexicon, words: Words) -> list[str]:
    return [name for name, entries in lex.context.items()
            if first_match(entries, words, window=lex.window) is not None]


def is_future(lex: Lexicon, words: Words, trigger: int, feats: dict | None = None) -> bool:
    """A future or intended action: a future marker shortly before the trigger, or a future verb."""
    if feats and feats.get("Tense") == "Fut":
        return True
    lo = max(0, trigger - 4)
    for entry in lex.future:
        index = match(entry, Words(words.tokens[lo:trigger], words.lemmas[lo:trigger],
                                   words.texts[lo:trigger]), window=lex.window)
        if index is not None:
            return True
    return False


def is_negated(lex: Lexicon, words: Words, trigger: int) -> bool:
    return any(words.texts[j] in lex.negation for j in range(max(0, trigger - 2), trigger))


@dataclass
class Roles:
    actor: list[str]
    recipient: list[str]
    location: str | None
    visit: bool = False


def sentence_mentions(doc: Doc, sent: Sentence) -> list[Mention]:
    """Linked mentions inside the sentence, outermost first where they nest."""
    inside = [m for m in doc.mentions if sent.start <= m.start and m.end <= sent.end and m.entity]
    inside.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in inside:
        if out and m.start < out[-1].end:  # nested in (or overlapping) the previous one
            continue
        out.append(m)
    return out


def _kind(doc: Doc, m: Mention) -> str:
    entity = doc.entities.get(m.entity or "")
    return entity.kind if entity else m.kind


def _country(doc: Doc, entity_id: str) -> str | None:
    entity = doc.entities.get(entity_id)
    return entity.country if entity else None


def _token_before(words: Words, offset: int) -> int | None:
    before = [i for i, t in enumerate(words.tokens) if t.end <= offset]
    return before[-1] if before else None


def find_location(doc: Doc, lex: Lexicon, words: Words, mentions: list[Mention],
                  *, visit: bool) -> Mention | None:
    """The first place mention introduced by a locative preposition ("in Moscow", "в Москве")."""
    preps = lex.location_prepositions | (lex.destination_prepositions if visit else set())
    for m in mentions:
        if m.demonym or _kind(doc, m) not in PLACE_KINDS:
            continue
        i = _token_before(words, m.start)
        for _ in range(3):  # "in the city of Aktau", "в городе Актау"
            if i is None or not _filler(lex, words, i):
                break
            i = i - 1 if i > 0 else None
        if i is not None and words.texts[i] in preps:
            return m
    return None


def _filler(lex: Lexicon, words: Words, i: int) -> bool:
    return words.lemmas[i] in lex.place_fillers or words.texts[i] in lex.place_fillers


def assign(doc: Doc, sent: Sentence, words: Words, *, plover: str, trigger: int,
           lex: Lexicon) -> Roles:
    """Actor, recipient and location of an event of type ``plover`` triggered at ``trigger``."""
    mentions = sentence_mentions(doc, sent)
    visit = first_match(lex.visit_words, words, window=lex.window) is not None
    place = find_location(doc, lex, words, mentions, visit=visit and plover == "CONSULT")
    people = [m for m in mentions if m is not place and
              (m.demonym or _kind(doc, m) in PARTICIPANT_KINDS)]
    people = _drop_represented_countries(doc, people)
    pivot = words.tokens[trigger].start if words.tokens else sent.start
    people = _before_attribution(lex, words, people, pivot)
    actor = [m.entity for m in people if m.end <= pivot]
    recipient, chained = [], False
    for m in (m for m in people if m.end > pivot):
        lead = [words.texts[j] for j, t in enumerate(words.tokens) if pivot <= t.start < m.start]
        near = lead[-3:]
        chained = plover in RECIPROCAL and (
            any(w in lex.reciprocal_prepositions for w in near)
            or (chained and all(w in COORDINATION for w in near[-1:])))
        (actor if chained else recipient).append(m.entity)
    if not actor and plover in RECIPROCAL:
        recipient = []  # what an agreement or a talk is about is not its recipient
    roles = Roles(actor=_unique(actor), recipient=_unique(recipient),
                  location=place.entity if place else None)
    if plover == "CONSULT":
        _visit_roles(doc, lex, words, roles, place=place, visit=visit, people=people)
    roles.recipient = [e for e in roles.recipient if e not in roles.actor]
    return roles


def _visit_roles(doc: Doc, lex: Lexicon, words: Words, roles: Roles, *, place: Mention | None,
                 visit: bool, people: list[Mention]) -> None:
    """Visitor as actor, host as recipient, where the sentence tells a visit or a hosting."""
    everyone = roles.actor + roles.recipient
    host_at = first_match(lex.host_verbs, words, window=lex.window)
    if host_at is not None:
        cut = words.tokens[host_at].start
        hosts = [m.entity for m in people if m.end <= cut][-1:]
        guests = [e for e in everyone if e not in hosts]
        if hosts and guests:
            roles.actor, roles.recipient, roles.visit = guests, hosts, True
            return
    if not (visit and place):
        return
    host_country = _country(doc, place.entity or "")
    hosts = [e for e in everyone if host_country and _country(doc, e) == host_country]
    guests = [e for e in everyone if e not in hosts]
    if guests:  # with no host named, the place visited stands for the host
        roles.actor, roles.recipient, roles.visit = guests, hosts or [place.entity], True


def _before_attribution(lex: Lexicon, words: Words, people: list[Mention],
                        pivot: int) -> list[Mention]:
    """Drop the sources that a report cites after the event ("..., X cites Y", "передает X")."""
    lo = next((i for i, t in enumerate(words.tokens) if t.start >= pivot), len(words.tokens))
    tail = Words(words.tokens[lo:], words.lemmas[lo:], words.texts[lo:])
    at = first_match(lex.report_verbs, tail, window=lex.window)
    if at is None:
        return people
    commas = [j for j in range(at) if tail.texts[j] == ","]
    cut = tail.tokens[commas[-1] if commas else at].start  # ", X cites Y": X is a source too
    return [m for m in people if m.start < cut]


def _drop_represented_countries(doc: Doc, people: list[Mention]) -> list[Mention]:
    """Drop a country mention when a person or organisation of that country is a participant."""
    acting = {_country(doc, m.entity) for m in people
              if not m.demonym and _kind(doc, m) in ("PER", "ORG")}
    acting.discard(None)
    out = []
    for m in people:
        is_country = m.demonym or _kind(doc, m) == "GPE"
        if is_country and _country(doc, m.entity) in acting:
            continue
        out.append(m)
    return out


def _unique(ids: list[str | None]) -> list[str]:
    seen: list[str] = []
    for i in ids:
        if i and i not in seen:
            seen.append(i)
    return seen


def date_of(doc: Doc, sent: Sentence) -> str | None:
    """The sentence's date: a DATE value, or the first day of a range, else None."""
    for timex in sorted((t for t in doc.timexes if sent.start <= t.start < sent.end),
                        key=lambda t: t.start):
        if timex.range and timex.range.get("begin"):
            return timex.range["begin"]
        if timex.tag == "DATE" and timex.value:
            return timex.value
    return None

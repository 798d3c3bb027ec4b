"""Meetings named by a noun: "signed twenty agreements after talks", "по итогам переговоров".

A sentence that reports a signing or an agreement often also reports, in a noun phrase, the talks
or the visit it came out of. PLOVER codes that meeting as an event of its own (CONSULT), but the
sentence's predicate carries the other act, so neither the sentence nor its clauses yield it.

The rule is data per language (``held_meetings`` in ``triggers_<lang>.json``): a meeting noun
(``nouns``) preceded, within a few words and without a verb or a punctuation mark between, by a
cue that reports it as held (``cues``: "after", "during", "held", "по итогам", "в ходе",
"провели"). It is not taken when a word between cue and noun makes it prospective
(``blockers``: "next", "new", "следующий"), or when the verb that governs it is negated, in the
future or an infinitive under another verb ("agreed to hold talks", "предложил провести").
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from . import roles as R

LOOKBACK = 6  # words between a cue and its noun, at most
CLIMB = 4  # arcs followed up from the noun to the verb that governs it
# the confidence of a meeting found this way: a cue and a noun from the lists, no classifier
CONFIDENCE = 0.6


class Meeting(NamedTuple):
    noun: int  # index of the meeting noun among the sentence's words
    verb: int | None  # index of the verb it hangs on (whose subject took part), if found

    @property
    def anchor(self) -> int:
        """The word to read the participants around: the verb, else the noun."""
        return self.noun if self.verb is None else self.verb


def held_meeting(lex: R.Lexicon, words: R.Words, heads: Sequence[tuple],
                 feats: Callable[[int], dict | None] = lambda i: None) -> Meeting | None:
    """The first meeting noun the sentence reports as held, or None. ``heads`` are the
    sentence's parse arcs (as :func:`features.sentence_heads`); ``feats(i)`` gives the
    morphological features of word ``i`` where the language's parse has them (Russian future)."""
    spec = lex.held_meetings
    if not spec or not words.tokens:
        return None
    nouns, cues, blockers = spec["nouns"], spec["cues"], spec["blockers"]
    for i, token in enumerate(words.tokens):
        if token.pos not in ("NOUN", "PROPN") or not _is(words, i, nouns):
            continue
        cue = _cue(words, i, cues, blockers)
        if cue is None:
            continue
        verb = _governor(words, heads, i)
        if verb is not None and not _prospective(lex, words, heads, verb, feats):
            return Meeting(i, verb)
        if verb is None and not R.is_negated(lex, words, cue):
            return Meeting(i, None)
    return None


def _is(words: R.Words, i: int, vocabulary: set[str]) -> bool:
    return words.lemmas[i] in vocabulary or words.texts[i] in vocabulary


def _cue(words: R.Words, i: int, cues: set[str], blockers: set[str]) -> int | None:
    """Index of the cue before the noun ``i``, or None."""
    for j in range(i - 1, max(-1, i - 1 - LOOKBACK), -1):
        token = words.tokens[j]
        if _is(words, j, blockers):
            return None
        if _is(words, j, cues):
            return j
        if token.pos in ("VERB", "AUX") or (token.pos == "PUNCT" and token.text != "-"):
            return None
    return None


def _governor(words: R.Words, heads: Sequence[tuple], i: int) -> int | None:
    """Index of the verb the noun ``i`` hangs on (up to ``CLIMB`` arcs up), or None."""
    if not heads:
        return None
    arc = {h[0]: h for h in heads}
    index = {t.start: k for k, t in enumerate(words.tokens)}
    start = words.tokens[i].start
    for _ in range(CLIMB):
        head = arc.get(start)
        if head is None or head[2] == start:
            return None
        start = head[2]
        k = index.get(start)
        if k is None:
            return None
        if words.tokens[k].pos in ("VERB", "AUX"):
            return k
    return None


def _prospective(lex: R.Lexicon, words: R.Words, heads: Sequence[tuple], verb: int,
                 feats: Callable[[int], dict | None]) -> bool:
    """The governing verb is negated, in the future or an infinitive under another verb."""
    arc = {h[0]: h for h in heads}.get(words.tokens[verb].start)
    if arc is not None and arc[1].lower() == "xcomp":
        return True
    return R.is_negated(lex, words, verb) or R.is_future(lex, words, verb, feats(verb))

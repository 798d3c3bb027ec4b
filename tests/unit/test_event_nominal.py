"""Meetings named by a noun ("signed ... after talks") add a CONSULT event to their sentence."""
from __future__ import annotations

import pytest

from communique.components.events import EventCoder
from communique.components.events import nominal as N
from communique.components.events import roles as R
from communique.pipeline import Token
from tests.unit.test_event_clauses import arcs
from tests.unit.test_events import make_doc


def words_of(heads) -> R.Words:
    return R.Words.of([Token(start=s, end=s + len(lemma), text=lemma, lemma=lemma, pos=pos)
                       for s, _, _, lemma, pos in heads])


# "Leaders signed a deal after talks in Rome."
AFTER_TALKS = arcs(
    ("leader", "nsubj", 1, "NOUN"), ("sign", "ROOT", 1, "VERB"), ("a", "det", 3, "DET"),
    ("deal", "dobj", 1, "NOUN"), ("after", "prep", 1, "ADP"), ("talks", "pobj", 4, "NOUN"),
    ("in", "prep", 5, "ADP"), ("rome", "pobj", 6, "PROPN"), (".", "punct", 1, "PUNCT"))


def test_a_meeting_after_which_something_was_done_is_found():
    lex = R.lexicon("en")
    assert N.held_meeting(lex, words_of(AFTER_TALKS), AFTER_TALKS) == (5, 1)  # talks, signed


def test_a_proposed_or_future_meeting_is_not():
    lex = R.lexicon("en")
    # "Leaders agreed to hold talks."  (hold is an infinitive under agree)
    agreed = arcs(("leader", "nsubj", 1, "NOUN"), ("agree", "ROOT", 1, "VERB"),
                  ("to", "aux", 3, "PART"), ("hold", "xcomp", 1, "VERB"),
                  ("talks", "dobj", 3, "NOUN"))
    assert N.held_meeting(lex, words_of(agreed), agreed) is None
    # "Leaders will sign a deal after talks."
    future = arcs(("leader", "nsubj", 2, "NOUN"), ("will", "aux", 2, "AUX"),
                  ("sign", "ROOT", 2, "VERB"), ("deal", "dobj", 2, "NOUN"),
                  ("after", "prep", 2, "ADP"), ("talks", "pobj", 4, "NOUN"))
    assert N.held_meeting(lex, words_of(future), future) is None
    # "Leaders signed a deal after the next talks."  (a blocker between cue and noun)
    nxt = arcs(("leader", "nsubj", 1, "NOUN"), ("sign", "ROOT", 1, "VERB"),
               ("deal", "dobj", 1, "NOUN"), ("after", "prep", 1, "ADP"),
               ("the", "det", 6, "DET"), ("next", "amod", 6, "ADJ"), ("talks", "pobj", 3, "NOUN"))
    assert N.held_meeting(lex, words_of(nxt), nxt) is None


def test_a_noun_without_a_cue_or_a_verb_meeting_is_not():
    lex = R.lexicon("en")
    # "Leaders praised the talks."  (no cue) and "Ministers meeting in Rome signed" (a verb)
    praised = arcs(("leader", "nsubj", 1, "NOUN"), ("praise", "ROOT", 1, "VERB"),
                   ("the", "det", 3, "DET"), ("talks", "dobj", 1, "NOUN"))
    assert N.held_meeting(lex, words_of(praised), praised) is None
    meeting = arcs(("minister", "nsubj", 4, "NOUN"), ("meeting", "acl", 0, "VERB"),
                   ("in", "prep", 1, "ADP"), ("rome", "pobj", 2, "PROPN"),
                   ("sign", "ROOT", 4, "VERB"))
    assert N.held_meeting(lex, words_of(meeting), meeting) is None


EN_TEXT = """Tokayev and Putin signed a declaration on partnership after talks in Moscow.
Tokayev and Putin agreed to hold talks in Moscow next year.
Tokayev and Putin will sign a treaty after talks in Moscow."""
RU_TEXT = """По итогам переговоров в Москве Токаев и Путин подписали декларацию о партнерстве.
Токаев предложил Путину провести новый раунд переговоров в Москве."""


@pytest.fixture(scope="module")
def coded():
    en, ru = make_doc(EN_TEXT, "en", "en-nominal"), make_doc(RU_TEXT, "ru", "ru-nominal")
    EventCoder()([en, ru])
    return en, ru


def events_of(doc, line: int):
    sentence = doc.text.splitlines()[line]
    return [e for e in doc.events if e.evidence[0].text.strip() == sentence]


@pytest.mark.parametrize("index", [0, 1])
def test_a_signing_after_talks_gives_support_and_consult(coded, index):
    doc = coded[index]
    events = {e.plover: e for e in events_of(doc, 0)}
    assert set(events) == {"SUPPORT", "CONSULT"}
    talks = events["CONSULT"]
    assert len(talks.actor) == 2 and talks.location is not None
    assert talks.confidence == N.CONFIDENCE and talks.id != events["SUPPORT"].id


@pytest.mark.parametrize("index, line", [(0, 1), (0, 2), (1, 1)])
def test_promised_or_proposed_talks_add_no_meeting(coded, index, line):
    events = events_of(coded[index], line)
    assert events  # the sentence itself is coded (an offer or a proposal) ...
    assert len(events) == 1  # ... and the rule adds nothing to it

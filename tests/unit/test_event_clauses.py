"""Clause-level PLOVER coding: a sentence that reports two acts gets two events."""
from __future__ import annotations

import pytest

from communique.components.events import EventCoder
from communique.components.events import clauses as C
from tests.unit.test_events import make_doc


def arcs(*rows: tuple[str, str, int, str]) -> list[tuple[int, str, int, str, str]]:
    """Parse arcs from (lemma, dependency, head row, pos) rows; a token starts at 10 * row."""
    return [(10 * i, dep, 10 * head, lemma, pos) for i, (lemma, dep, head, pos) in enumerate(rows)]


# "Envoys met on Friday and agreed to open a joint office."
MET_AND_AGREED = arcs(
    ("envoy", "nsubj", 1, "NOUN"), ("meet", "ROOT", 1, "VERB"), ("on", "prep", 1, "ADP"),
    ("friday", "pobj", 2, "PROPN"), ("and", "cc", 1, "CCONJ"), ("agree", "conj", 1, "VERB"),
    ("to", "aux", 7, "PART"), ("open", "xcomp", 5, "VERB"), ("a", "det", 10, "DET"),
    ("joint", "amod", 10, "ADJ"), ("office", "dobj", 7, "NOUN"), (".", "punct", 1, "PUNCT"))


def test_coordinated_predicates_are_split_with_their_own_dependents():
    clauses = C.split(MET_AND_AGREED)
    assert [c.phrases[0] for c in clauses] == ["meet", "agree open office"]
    first, second = ([MET_AND_AGREED[i][3] for i in c.members] for c in clauses)
    assert "office" not in first and "agree" not in first and "friday" in first
    assert second[0] == "envoy"  # the shared subject
    assert "friday" not in second and "and" not in second
    assert C.distinct(clauses)


def test_a_coordinated_verb_with_its_own_subject_is_not_a_clause():
    rows = arcs(("envoy", "nsubj", 1, "NOUN"), ("meet", "ROOT", 1, "VERB"),
                ("and", "cc", 1, "CCONJ"), ("host", "nsubj", 4, "NOUN"),
                ("leave", "conj", 1, "VERB"))
    assert C.split(rows) == []


def test_after_a_reporting_verb_the_complement_is_split():
    # "The ministry said envoys met and signed a memo."
    rows = arcs(("ministry", "nsubj", 1, "NOUN"), ("say", "ROOT", 1, "VERB"),
                ("envoy", "nsubj", 3, "NOUN"), ("meet", "ccomp", 1, "VERB"),
                ("and", "cc", 3, "CCONJ"), ("sign", "conj", 3, "VERB"),
                ("memo", "dobj", 5, "NOUN"))
    clauses = C.split(rows)
    assert [c.phrases[0] for c in clauses] == ["meet", "sign memo"]
    assert all("ministry" not in [rows[i][3] for i in c.members] for c in clauses)


def test_a_coordinated_reporting_verb_opens_no_clause():
    rows = arcs(("envoy", "nsubj", 1, "NOUN"), ("praise", "ROOT", 1, "VERB"),
                ("talk", "dobj", 1, "NOUN"), ("and", "cc", 1, "CCONJ"),
                ("say", "conj", 1, "VERB"), ("deal", "nsubj", 6, "NOUN"),
                ("help", "ccomp", 4, "VERB"))
    assert C.split(rows) == []


def test_at_most_three_clauses_along_a_chain():
    rows = arcs(("envoy", "nsubj", 1, "NOUN"), ("meet", "ROOT", 1, "VERB"),
                ("talk", "conj", 1, "VERB"), ("sign", "conj", 2, "VERB"),
                ("leave", "conj", 3, "VERB"))
    clauses = C.split(rows)
    assert [c.phrases[0].split()[0] for c in clauses] == ["meet", "talk", "sign"]
    assert "leave" in clauses[2].phrases[0]  # beyond the cap, a verb stays in the last clause


def test_clauses_with_the_same_phrase_are_not_distinct():
    rows = arcs(("envoy", "nsubj", 1, "NOUN"), ("meet", "ROOT", 1, "VERB"),
                ("and", "cc", 3, "CCONJ"), ("meet", "conj", 1, "VERB"))
    assert len(C.split(rows)) == 2 and not C.distinct(C.split(rows))


EN_TEXT = """Tokayev and Putin held talks in Moscow and signed a declaration on partnership.
Tokayev and Putin met in Moscow.
Tokayev and Putin will meet in Moscow and sign a treaty.
Putin did not meet Macron or sign the agreement."""
RU_TEXT = """Токаев и Путин провели переговоры в Москве и подписали декларацию о партнерстве.
Токаев и Путин встретились в Москве."""


@pytest.fixture(scope="module")
def coded():
    en, ru = make_doc(EN_TEXT, "en", "en-clauses"), make_doc(RU_TEXT, "ru", "ru-clauses")
    EventCoder()([en, ru])
    return en, ru


def events_of(doc, line: int):
    sentence = doc.text.splitlines()[line]
    return [e for e in doc.events if e.evidence[0].text.strip() == sentence]


@pytest.mark.parametrize("index", [0, 1])
def test_talks_and_a_signing_give_consult_and_support(coded, index):
    doc = coded[index]
    events = events_of(doc, 0)
    assert sorted(e.plover for e in events) == ["CONSULT", "SUPPORT"]
    assert len({e.id for e in events}) == 2
    for event in events:
        span = event.evidence[0]
        assert doc.text[span.start:span.end] == span.text
        assert span.start == 0 and doc.text.splitlines()[0] in span.text
        assert len(event.actor) == 2 and event.location is not None
        assert event.extractor == f"events@{EventCoder.version}" and event.confidence >= 0.35


@pytest.mark.parametrize("index", [0, 1])
def test_a_simple_sentence_still_gives_one_event(coded, index):
    assert [e.plover for e in events_of(coded[index], 1)] == ["CONSULT"]


def test_a_future_compound_is_one_agree(coded):
    assert [e.plover for e in events_of(coded[0], 2)] == ["AGREE"]


def test_negation_shared_by_coordinated_verbs_drops_both(coded):
    assert events_of(coded[0], 3) == []


def test_main_predicate_of_a_sentence_whose_parse_runs_past_it():
    """A headline line without a full stop is parsed with the next sentence: words of ours hang
    on words outside it. A verb hanging outside is the predicate; a noun is not."""
    from communique.components.events import features as F

    # (start, dep, head start, lemma, pos); 0 and 100 lie outside the sentence
    heads = [(10, "nsubj", 0, "president", "NOUN"), (20, "conj", 0, "sign", "VERB"),
             (30, "dobj", 20, "declaration", "NOUN"), (40, "prep", 20, "after", "ADP"),
             (50, "pobj", 40, "talk", "NOUN"), (60, "nsubj", 70, "agency", "PROPN"),
             (70, "ROOT", 70, "cite", "VERB")]
    kids = F.children(heads)
    assert heads[F.main_predicate(heads, kids)][3] == "sign"
    assert F.predicate_phrase(heads, depth=1).split()[:2] == ["sign", "declaration"]
    # nothing but nouns hanging outside: the first of them, as before
    nouns = [(10, "nsubj", 0, "president", "NOUN"), (20, "appos", 100, "leader", "NOUN")]
    assert F.main_predicate(nouns, F.children(nouns)) == 0

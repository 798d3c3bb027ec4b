"""Title-case headlines are read in sentence case before event coding (events.casing)."""
from __future__ import annotations

import pytest

from communique.components.events.casing import is_title_case, sentence_cased


@pytest.mark.parametrize("text, expected", [
    ("Foreign Minister Visits Neighbouring Capital to Deepen Trade Ties",
     "Foreign minister visits neighbouring capital to deepen trade ties"),
    # known names, demonyms and acronyms keep their capitals
    ("Kazakhstan and Russia Sign Declaration on Allied Relations in Moscow",
     "Kazakhstan and Russia sign declaration on allied relations in Moscow"),
    ("NATO Warns Russia Over Troop Build-Up Near Ukrainian Border",
     "NATO warns Russia over troop build-up near Ukrainian border"),
    ("Putin Meets Erdogan to Discuss Grain Exports",
     "Putin meets Erdogan to discuss grain exports"),
])
def test_title_case_headlines_are_sentence_cased(text, expected):
    out = sentence_cased(text, "en")
    assert out == expected
    assert len(out) == len(text)  # offsets hold


@pytest.mark.parametrize("text", [
    "The president met the prime minister in Astana on Tuesday.",
    # many names, but the ordinary words are in lower case: running text
    "Iranian Revolutionary Guards seized a Greek-flagged oil tanker in the Strait of Hormuz and "
    "escorted it to Bandar Abbas.",
    "PRESIDENTS SIGN DECLARATION ON PARTNERSHIP",  # all capitals: another convention
    "Talks Resume",  # too short to tell
])
def test_running_text_is_left_alone(text):
    assert sentence_cased(text, "en") == text
    assert not is_title_case(text, "en")


def test_other_languages_are_left_alone():
    text = "Президенты Подписали Декларацию О Союзничестве И Партнёрстве"
    assert sentence_cased(text, "ru") == text


def test_features_read_a_title_case_headline_as_its_sentence_case_form():
    """Training, evaluation and the component see the same features for both spellings (the
    classifier was trained on sentence case)."""
    import numpy as np

    from communique.components.events.features import text_features

    title = "Premier Travels to Neighbouring State to Strengthen Relations"
    x = text_features([(title, "en"), (sentence_cased(title, "en"), "en"),
                       ("Premier travels to neighbouring state", "en")])
    assert np.allclose(x[0], x[1])
    assert not np.allclose(x[0], x[2])


def test_the_coder_reads_a_title_case_line_as_a_sentence():
    """The parser takes the capitalised verbs of a headline for names; read in sentence case,
    the line becomes a candidate and gets the type of its wording."""
    from communique.components.events import EventCoder
    from tests.unit.test_events import make_doc

    lines = {"Riot Police Threaten Marchers With Arrest": "THREATEN",
             "Prime Minister Visits Neighbouring Country to Deepen Trade Ties": "CONSULT"}
    docs = [make_doc(text + "\n", "en", f"h{i}") for i, text in enumerate(lines)]
    EventCoder()(docs)
    for doc, expected in zip(docs, lines.values()):
        assert [e.plover for e in doc.events] == [expected]
        span = doc.events[0].evidence[0]
        assert doc.text[span.start:span.end] == span.text  # evidence is the original text

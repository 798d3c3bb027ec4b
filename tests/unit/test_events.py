"""PLOVER event coding on own English and Russian sentences (mentions built by hand)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from communique.components.events import EventCoder
from communique.components.events import features as F
from communique.components.events import roles as R
from communique.components.events.classifier import (LABELS, MODEL_PATH, NONE, PloverClassifier,
                                                     combine)
from communique.components.segment import Segmenter
from communique.export.plover import to_plover
from communique.pipeline import Doc
from communique.records import PLOVER_TYPES, Document, Entity, Mention, Timex

# name -> (kind, country); entity ids are "Q:" + name
KNOWN = {
    "Tokayev": ("PER", "KAZ"), "Putin": ("PER", "RUS"), "Macron": ("PER", "FRA"),
    "Kazakhstan": ("GPE", "KAZ"), "Russia": ("GPE", "RUS"), "Moscow": ("GPE", "RUS"),
    "Paris": ("GPE", "FRA"), "Iran": ("GPE", "IRN"), "European Union": ("ORG", None),
    "Токаев": ("PER", "KAZ"), "Путин": ("PER", "RUS"), "Москв": ("GPE", "RUS"),
    "Иран": ("GPE", "IRN"), "Евросоюз": ("ORG", None), "Макрон": ("PER", "FRA"),
}
# names of the PLOVER manual's general context list
SPEC_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
}

EN_TEXT = """Trade and transport
Presidents Tokayev and Putin signed a joint declaration on allied relations on Wednesday.
It was agreed to step up joint work on digital customs checks.
Tokayev and Putin met in Moscow.
The European Union imposed new sanctions on Iran.
Macron hosted Tokayev in Paris for talks on uranium supplies.
Tokayev arrived in Moscow on an official visit.
Tokayev and Macron will sign a visa agreement next spring.
Macron paid an official visit to Kazakhstan.
Putin did not meet Macron during the forum.
Kazakhstan, a large country with a long border
The European Union will impose new sanctions on Iran next month."""

RU_TEXT = """Транспорт и логистика
Токаев и Путин подписали совместную декларацию о союзнических отношениях.
Стороны договорились наращивать поставки зерна через казахстанские порты.
Токаев и Путин встретились в Москве.
Евросоюз ввел новые санкции против Ирана.
Макрон принял Токаева в Париже.
Токаев и Макрон подпишут соглашение о безвизовом режиме.
Евросоюз введет новые санкции против Ирана в следующем месяце."""


def make_doc(text: str, lang: str, doc_id: str) -> Doc:
    doc = Doc(Document(id=doc_id, source="test", url=None, outlet="Test Wire", attribution=None,
                       title=None, language=lang, published="2025-11-12", date_source="metadata",
                       sha256="", n_chars=len(text), text=text))
    Segmenter()([doc])
    for surface, (kind, country) in KNOWN.items():
        entity_id = "Q:" + surface
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            while end < len(text) and text[end].isalpha():  # whole inflected word
                end += 1
            doc.mentions.append(Mention(doc=doc_id, start=start, end=end, text=text[start:end],
                                        kind=kind, normal=surface, entity=entity_id))
            entity = doc.entities.setdefault(
                entity_id, Entity(id=entity_id, kind=kind, name=surface, country=country))
            entity.mentions.append(doc.mentions[-1])
            start = text.find(surface, end)
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def add_timex(doc: Doc, surface: str, value: str) -> None:
    start = doc.text.index(surface)
    doc.timexes.append(Timex(doc=doc.id, start=start, end=start + len(surface), text=surface,
                             tag="DATE", value=value))


@pytest.fixture(scope="module")
def coded():
    en, ru = make_doc(EN_TEXT, "en", "en1"), make_doc(RU_TEXT, "ru", "ru1")
    add_timex(en, "Wednesday", "2025-11-12")
    EventCoder()([en, ru])
    return en, ru


def event_in(doc: Doc, fragment: str):
    found = [e for e in doc.events if fragment in e.evidence[0].text]
    return found[0] if found else None


def test_records_are_well_formed(coded):
    for doc in coded:
        assert doc.events
        for event in doc.events:
            assert event.plover in PLOVER_TYPES
            assert event.extractor == f"events@{EventCoder.version}"
            assert 0.0 <= event.confidence <= 1.0
            assert set(event.context) <= SPEC_CONTEXTS
            for span in event.evidence:
                assert doc.text[span.start:span.end] == span.text
            assert event.id.startswith("ev_") and len({e.id for e in doc.events}) == len(doc.events)


@pytest.mark.parametrize("index, fragment", [(0, "signed a joint"), (1, "подписали")])
def test_signing_is_support_with_both_presidents_as_actors(coded, index, fragment):
    event = event_in(coded[index], fragment)
    assert event is not None and event.plover == "SUPPORT"
    assert len(event.actor) == 2 and event.recipient == []
    countries = {coded[index].entities[e].country for e in event.actor}
    assert countries == {"KAZ", "RUS"}


def test_signing_takes_the_sentence_date(coded):
    assert event_in(coded[0], "signed a joint").date == "2025-11-12"


@pytest.mark.parametrize("index, fragment", [(0, "It was agreed"), (1, "договорились")])
def test_agreeing_to_expand_is_agree(coded, index, fragment):
    assert event_in(coded[index], fragment).plover == "AGREE"


@pytest.mark.parametrize("index, fragment, place", [(0, "met in Moscow", "Q:Moscow"),
                                                    (1, "встретились", "Q:Москв")])
def test_meeting_is_consult_located_in_the_city(coded, index, fragment, place):
    event = event_in(coded[index], fragment)
    assert event.plover == "CONSULT" and event.location == place
    assert len(event.actor) == 2 and place not in event.actor
    assert "diplomatic" in event.context


@pytest.mark.parametrize("index, fragment, actor, recipient", [
    (0, "sanctions", "Q:European Union", "Q:Iran"), (1, "санкции", "Q:Евросоюз", "Q:Иран")])
def test_sanctions(coded, index, fragment, actor, recipient):
    event = event_in(coded[index], fragment)
    assert event.plover == "SANCTION"
    assert event.actor == [actor] and event.recipient == [recipient]


@pytest.mark.parametrize("index, fragment, guest, host", [
    (0, "hosted", "Q:Tokayev", "Q:Macron"), (1, "принял", "Q:Токаев", "Q:Макрон")])
def test_host_is_recipient_and_visitor_actor(coded, index, fragment, guest, host):
    event = event_in(coded[index], fragment)
    assert event.plover == "CONSULT" and event.mode == "visit"
    assert event.actor == [guest] and event.recipient == [host]


def test_arrival_on_a_visit(coded):
    event = event_in(coded[0], "arrived in Moscow")
    assert event.plover == "CONSULT" and event.mode == "visit"
    assert event.actor == ["Q:Tokayev"] and event.location == "Q:Moscow"


def test_visit_to_a_country_the_country_hosts(coded):
    event = event_in(coded[0], "visit to Kazakhstan")
    assert event.plover == "CONSULT" and event.mode == "visit"
    assert event.actor == ["Q:Macron"] and event.recipient == ["Q:Kazakhstan"]
    assert event.location == "Q:Kazakhstan"


@pytest.mark.parametrize("index, fragment", [(0, "will sign"), (1, "подпишут")])
def test_future_signing_is_agree(coded, index, fragment):
    assert event_in(coded[index], fragment).plover == "AGREE"


@pytest.mark.parametrize("index, fragment", [(0, "will impose"), (1, "введет")])
def test_future_sanctions_are_a_threat(coded, index, fragment):
    assert event_in(coded[index], fragment).plover == "THREATEN"


def test_negated_meeting_is_not_coded(coded):
    assert event_in(coded[0], "did not meet") is None


@pytest.mark.parametrize("index, fragment", [(0, "Trade and transport"), (0, "a large country"),
                                             (1, "Транспорт и логистика")])
def test_no_event_for_headings_and_verbless_sentences(coded, index, fragment):
    assert event_in(coded[index], fragment) is None


def test_long_list_of_items_does_not_crash():
    items = "\n".join(f"- Agreement between the ministries on cooperation in area number {i};"
                      for i in range(100))
    doc = make_doc("The ministers signed the following documents:\n" + items, "en", "list")
    EventCoder()([doc])
    assert len(doc.events) <= 101
    for event in doc.events:
        assert doc.text[event.evidence[0].start:event.evidence[0].end] == event.evidence[0].text


def test_unsupported_language_and_empty_docs_are_skipped():
    doc = Doc(Document(id="x", source="t", url=None, outlet=None, attribution=None, title=None,
                       language="de", published=None, date_source=None, sha256="", n_chars=0,
                       text=""))
    EventCoder()([doc])
    assert doc.events == []


def test_combination_rule():
    labels = list(LABELS)
    probs = np.full(len(labels), 0.01)
    probs[labels.index(NONE)] = 0.5
    probs[labels.index("AGREE")], probs[labels.index("SUPPORT")] = 0.25, 0.11
    # an event is half likely: too weak with or without a trigger
    assert combine(probs, labels=labels, triggered={"SUPPORT"})[0] == NONE
    assert combine(probs, labels=labels, triggered=set())[0] == NONE
    # the event is likely but its mass is spread over two types: a trigger decides the type
    probs[labels.index(NONE)], probs[labels.index("AGREE")] = 0.15, 0.4
    probs[labels.index("SUPPORT")] = 1.0 - probs.sum() + probs[labels.index("SUPPORT")]
    assert combine(probs, labels=labels, triggered={"SUPPORT"})[0] == "SUPPORT"
    assert combine(probs, labels=labels, triggered=set())[0] == NONE  # untriggered needs more
    assert combine(probs, labels=labels, triggered={"AGREE"})[0] == "AGREE"
    # clauses adding a second event need a clearer event
    assert combine(probs, labels=labels, triggered={"AGREE"}, thresholds=(0.9, 0.97))[0] == NONE
    probs[labels.index(NONE)], probs[labels.index("AGREE")] = 0.05, 0.5
    probs[labels.index("SUPPORT")] = 1.0 - probs.sum() + probs[labels.index("SUPPORT")]
    label, confidence = combine(probs, labels=labels, triggered=set())
    assert label == "AGREE" and 0 < confidence <= 1
    assert combine(probs, labels=labels, triggered={"AGREE"})[1] > confidence  # a trigger adds


def test_shipped_model_is_small_and_complete():
    assert MODEL_PATH.stat().st_size < 1_000_000
    model = PloverClassifier.load()
    network, linear = model.members
    assert model.labels == LABELS and network.hidden_weights.shape[0] == F.N_FEATURES
    assert network.weights.shape == (network.hidden_weights.shape[1], len(LABELS))
    assert linear.hidden_weights is None and linear.weights.shape == (F.N_FEATURES, len(LABELS))
    assert model.gate is not None and model.gate.weights.shape == (F.N_FEATURES, 2)
    probs = model.predict_proba(np.zeros((2, F.N_FEATURES), dtype=np.float32))
    assert probs.shape == (2, len(LABELS)) and np.allclose(probs.sum(axis=1), 1)


def test_classifier_trains_linear_and_hidden_layer_and_round_trips(tmp_path):
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(3, 8))
    labels = ["AGREE", "REJECT", NONE]
    x = np.vstack([c + 0.1 * rng.normal(size=(20, 8)) for c in centres]).astype(np.float32)
    y = [label for label in labels for _ in range(20)]
    linear, network = {"epochs": 200}, {"hidden": 16, "dropout": 0.2, "epochs": 200}
    for members in ([linear], [network], [network, linear]):
        model = PloverClassifier.fit(x, y, members=members)
        assert model.predict(x) == y
        model.save(tmp_path / "m.npz")
        again = PloverClassifier.load(tmp_path / "m.npz")
        assert again.predict(x) == y and len(again.members) == len(members)
        assert np.allclose(again.predict_proba(x), model.predict_proba(x), atol=1e-2)
        hidden = [m.hidden_weights is not None for m in again.members]
        assert hidden == ["hidden" in options for options in members]


def test_event_gate_learns_from_rows_the_type_members_do_not_see(tmp_path):
    rng = np.random.default_rng(2)
    centres = rng.normal(size=(4, 8))
    centres[:, 0] = [3, 3, -3, -3]  # event and no event apart along one axis (a linear gate)
    labels = ["AGREE", "REJECT", NONE, NONE]
    x = np.vstack([c + 0.1 * rng.normal(size=(20, 8)) for c in centres]).astype(np.float32)
    y = [label for label in labels for _ in range(20)]
    gate_only = [i >= 60 for i in range(80)]  # the fourth cluster: for the gate only
    model = PloverClassifier.fit(x, y, members=[{"epochs": 200}], gate_only=gate_only)
    assert model.meta["n_members"] == 60 and model.meta["n"] == 80
    assert model.predict(x) == y  # the gate says NONE for both clusters without an event
    p_event = model.event_probability(x)
    assert (p_event[:40] > 0.5).all() and (p_event[40:] < 0.5).all()
    probs = model.predict_proba(x)
    assert np.allclose(probs.sum(axis=1), 1)
    assert np.allclose(probs[:, LABELS.index(NONE)], 1 - p_event)
    shares = model.predict_proba(x, allow_none=False)  # the types alone
    assert np.allclose(shares.sum(axis=1), 1) and (shares[:, LABELS.index(NONE)] == 0).all()
    model.save(tmp_path / "g.npz")
    again = PloverClassifier.load(tmp_path / "g.npz")
    assert again.gate is not None and again.predict(x) == y
    assert np.allclose(again.event_probability(x), p_event, atol=1e-2)
    plain = PloverClassifier.fit(x, y, members=[{"epochs": 200}], gate=None)
    assert plain.gate is None and plain.predict(x) == y  # NONE as a 17th class, as before


def test_predicate_phrase_follows_the_reported_clause():
    # (start, dependency, head start, lemma, pos) of "Officials said Ankara rejected the request."
    heads = [(0, "nsubj", 10, "official", "NOUN"), (10, "ROOT", 10, "say", "VERB"),
             (15, "nsubj", 22, "ankara", "PROPN"), (22, "ccomp", 10, "reject", "VERB"),
             (31, "det", 39, "the", "DET"), (35, "dobj", 22, "request", "NOUN"),
             (42, "punct", 10, ".", "PUNCT")]
    assert F.predicate_phrase(heads) == "reject request"
    assert F.predicate_phrase([]) == ""
    row = F.trigger_vector({"REJECT"})
    assert row.sum() == 1 and row[list(PLOVER_TYPES).index("REJECT")] == 1


def test_lexicons_use_spec_names_only():
    for lang in ("en", "ru"):
        lex = R.lexicon(lang)
        assert set(lex.types) == set(PLOVER_TYPES)
        assert set(lex.context) <= SPEC_CONTEXTS
    assert R.lexicon("xx") is None


def test_examples_cover_every_type_in_both_languages_and_forms():
    from communique.components.events.training import load_examples

    rows = load_examples()
    for lang in ("en", "ru"):
        assert {r.label for r in rows if r.lang == lang} == set(LABELS)
        for label in PLOVER_TYPES:  # each type in every form: sentence, lead, headline
            forms = {r.form for r in rows if r.lang == lang and r.label == label}
            assert forms == {"sentence", "lead", "headline"}, (lang, label, forms)
    texts = [r.text for r in rows]
    assert len(set(texts)) == len(texts)  # no example twice


def test_examples_loader_names_the_bad_line(tmp_path):
    from communique.components.events.training import load_examples

    (tmp_path / "a_en.jsonl").write_text('{"text": "x", "label": "AGREE", "lang": "en"}\n'
                                         '{"text": "y", "label": "HUG", "lang": "en"}\n')
    with pytest.raises(ValueError, match="a_en.jsonl:2: unknown label 'HUG'"):
        load_examples(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_examples(tmp_path / "missing")


def test_plover_export(coded):
    en = coded[0]
    event = event_in(en, "met in Moscow")
    en.entities["Q:Moscow"].geo = {"lat": 55.75, "lon": 37.62}
    record = to_plover(event, entities=en.entities, document=en.document)
    assert record["event_type"] == "CONSULT" and record["event"] == ["CONSULT"]
    assert record["id"] == event.id and record["source_doc"] == "en1"
    assert set(record["actor_country"]) == {"KAZ", "RUS"} and record["recipient"] == []
    assert record["location"]["name"] == "Moscow" and record["location"]["lat"] == 55.75
    assert record["location"]["country"] == "RUS"
    assert record["date"] == "2025-11-12"  # no date in the sentence: the publication date
    assert record["source_text"] == event.evidence[0].text
    assert record["extractor"] == f"events@{EventCoder.version}" and record["quad_code"] == 1
    assert record["actor"][0]["identifier_id"].startswith("Q:")
    json.dumps(record)
    orphan = to_plover(event, entities={}, document=None)
    assert orphan["source_doc"] == "en1" and orphan["actor_country"] == []


def test_a_model_file_without_members_is_refused_naming_it(tmp_path):
    path = tmp_path / "empty.npz"
    np.savez_compressed(path, labels=np.array(LABELS), meta=np.array("{}"))
    with pytest.raises(ValueError, match="empty.npz: no model members"):
        PloverClassifier.load(path)


def test_title_case_headline_whose_verb_is_tagged_as_a_noun_is_still_coded():
    from communique.components.events.casing import reread
    from communique.components.events.component import _has_verb, _words

    signed = "Country A And Country B Sign New Extradition Treaty"
    weather = "Weather Warnings For The Coast Tonight"
    docs = [make_doc(text, "en", f"h{i}") for i, text in enumerate((signed, weather))]
    doc = docs[0]
    sent = doc.sentences[0]
    _, words, heads = reread("en", sent, _words(doc, sent, [t.start for t in doc.tokens]))
    assert heads is not None and not _has_verb(words)  # the parser found no verb in the line
    EventCoder()(docs)
    assert [e.plover for e in docs[0].events] == ["SUPPORT"]
    assert docs[1].events == []  # no trigger: a verbless line stays without an event


def test_pending_examples_are_well_formed_and_not_trained_on():
    from communique.components.events.training import EXAMPLES_DIR, load_examples

    pending = load_examples(EXAMPLES_DIR / "pending")  # raises on a malformed line
    trained = {r.text for r in load_examples()}
    assert pending and not {r.text for r in pending} & trained
    assert {r.lang for r in pending} == {"en", "ru"}

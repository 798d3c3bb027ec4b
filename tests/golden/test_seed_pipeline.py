"""Acceptance on the seed articles through the whole document pipeline (entities, time, events).

The seeds are read at run time from ../shared/seeds. Nothing in the project is keyed to them: the
same rules run on the demo corpus and the gold data sets.
"""
import pytest

from communique import registry
from communique.pipeline import Doc, run_components
from communique.ingest import ingest_paths
from communique.store import Store


@pytest.fixture(scope="module")
def seeds(seeds_dir, tmp_path_factory):
    with Store.open(str(tmp_path_factory.mktemp("seeds") / "s.db")) as store:
        ingest_paths([str(seeds_dir)], store=store)
        documents = list(store.iter_documents())
    docs = [Doc(document=d) for d in documents]
    run_components(docs, registry.default_components())
    return {d.document.source.rsplit("/", 1)[-1][:3]: d for d in docs}


def _entities_of(docs, pattern):
    return {m.entity for d in docs for m in d.mentions if pattern in m.text and m.entity}


def _entity(docs, entity_id):
    for d in docs:
        if entity_id in d.entities:
            return d.entities[entity_id]
    return None


def test_mentions_slice_the_stored_text(seeds):
    for doc in seeds.values():
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_leaders_are_one_entity_each(seeds):
    docs = list(seeds.values())
    assert len(_entities_of(docs, "Tokayev") | _entities_of(docs, "Токаев")) == 1
    assert len(_entities_of(docs, "Putin") | _entities_of(docs, "Путин")) == 1


@pytest.mark.parametrize("english,russian", [
    ("Rosatom", "Росатом"), ("TITR", "ТМТМ"), ("Ayagoz", "Аягоз"), ("MGIMO", "МГИМО")])
def test_one_entity_across_languages(seeds, english, russian):
    en_docs = [d for d in seeds.values() if d.lang == "en"]
    ru_docs = [d for d in seeds.values() if d.lang == "ru"]
    en_ids, ru_ids = _entities_of(en_docs, english), _entities_of(ru_docs, russian)
    assert en_ids and en_ids == ru_ids


def test_declined_russian_forms_are_kazakhstan(seeds):
    ru = seeds["002"]
    forms = {m.text: m.entity for m in ru.mentions}
    assert forms.get("Казахстаном") == forms.get("Казахстана") == "country:KAZ"


@pytest.mark.parametrize("city,country", [("Moscow", "RUS"), ("Astana", "KAZ"), ("Kazan", "RUS"),
                                          ("Yakutsk", "RUS"), ("Almaty", "KAZ"), ("Aktau", "KAZ"),
                                          ("Omsk", "RUS")])
def test_places_have_coordinates_and_country(seeds, city, country):
    docs = list(seeds.values())
    ids = _entities_of(docs, city)
    assert len(ids) == 1
    entity = _entity(docs, ids.pop())
    assert entity.kind in ("GPE", "LOC") and entity.country == country and entity.geo


def test_declaration_signing_is_support_by_both_presidents(seeds):
    events = [e for e in seeds["003"].events if "Declaration" in e.evidence[0].text]
    assert events and events[0].plover == "SUPPORT"
    actors = set(events[0].actor)
    people = {a for a in actors if a.startswith("per:")}
    countries = {_entity(list(seeds.values()), a).country for a in people}
    assert len(people) == 2 and countries == {"KAZ", "RUS"}


def test_agreement_to_expand_is_agree(seeds):
    events = [e for e in seeds["000"].events if "agreed to gradually expand" in e.evidence[0].text]
    assert events and events[0].plover == "AGREE"


def test_earlier_meeting_is_consult_in_moscow(seeds):
    consult = [e for e in seeds["004"].events if e.plover == "CONSULT"]
    assert consult and any(e.location == "city:524901" for e in consult)


def test_this_year_in_russian_is_2025(seeds):
    values = {t.text.lower(): t.value for t in seeds["002"].timexes}
    assert values.get("в этом году") == "2025" or values.get("этом году") == "2025"

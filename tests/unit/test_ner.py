"""Named-entity recognition: kinds, spans, normal forms, gazetteer overrides and bad input."""
from __future__ import annotations

import time

import pytest

from communique.components.ner import EntityRecognizer, demonym_country
from communique.components.ner.candidates import GAZETTEER, MODEL, Candidate, resolve
from communique.components.ner.gazetteer import Gazetteer
from communique.components.segment import Segmenter
from tests.conftest import make_doc

GAZ = {
    "en": [("Rosatom", "ORG", "org:rosatom"), ("Akorda", "ORG", "org:akorda"), ("Omsk", "GPE", "city:omsk"),
           ("Kassym-Jomart Tokayev", "PER", "per:tokayev"), ("Kazakhstan", "GPE", "country:KAZ"),
           ("Moscow", "GPE", "city:moscow")],
    "ru": [("Казахстан", "GPE", "country:KAZ"), ("Москва", "GPE", "city:moscow"),
           ("Росатом", "ORG", "org:rosatom"), ("штат Огайо", "GPE", "region:us-oh")],
}


@pytest.fixture(scope="module")
def ner():
    return EntityRecognizer(gazetteer=GAZ)


def run(ner, text, lang="en"):
    doc = make_doc(text, lang=lang)
    Segmenter()([doc])
    ner([doc])
    for m in doc.mentions:  # every mention slices the text exactly and is traced
        assert doc.text[m.start:m.end] == m.text
        assert m.extractor == "ner@1" and 0.0 <= m.confidence <= 1.0 and m.doc == doc.id
    return doc.mentions


def by_text(mentions):
    return {m.text: m for m in mentions}


def test_component_contract():
    assert (EntityRecognizer.name, EntityRecognizer.version) == ("ner", "1")
    assert EntityRecognizer.requires == ("sentences", "tokens")
    assert EntityRecognizer.assigns == ("mentions",)


def test_gazetteer_overrides_model_kinds(ner):
    found = by_text(run(ner, "Engineers from Rosatom visited Omsk last week, and Akorda said the "
                             "talks went well."))
    assert found["Rosatom"].kind == "ORG"
    assert found["Akorda"].kind == "ORG"
    assert found["Omsk"].kind == "GPE"


def test_english_titles_articles_and_possessives_are_not_part_of_names(ner):
    found = by_text(run(ner, "Kazakh President Kassym-Jomart Tokayev praised Moscow's offer. "
                             "President Putin later spoke at the Kremlin."))
    assert found["Kassym-Jomart Tokayev"].kind == "PER"
    assert found["Kassym-Jomart Tokayev"].normal == "Kassym-Jomart Tokayev"
    assert found["Moscow"].normal == "Moscow" and "Moscow's" not in found
    assert found["Putin"].kind == "PER" and "President Putin" not in found
    assert found["Kremlin"].normal == "Kremlin" and "the Kremlin" not in found
    assert found["Kazakh"].demonym and found["Kazakh"].kind == "GPE"


def test_english_facility_and_document_patterns():
    found = by_text(run(EntityRecognizer(gazetteer={}),
                        "Work resumed on the Ayagoz–Bakhty railway line near Aktobe International "
                        "Airport, and both sides signed the Declaration on Eternal Friendship."))
    assert found["Ayagoz–Bakhty railway line"].kind == "FAC"
    assert found["Aktobe International Airport"].kind == "FAC"
    assert found["Declaration on Eternal Friendship"].kind == "WORK"


def test_link_names_after_their_noun_and_facilities_after_a_possessive():
    found = by_text(run(EntityRecognizer(gazetteer={}),
                        "Freight now moves on railway lines such as Shymkent–Tashkent and Termez–Mazar, "
                        "and the delegation landed at Tashkent's Yuzhny Airport."))
    assert found["Shymkent–Tashkent"].kind == "FAC" and found["Termez–Mazar"].kind == "FAC"
    assert found["Yuzhny Airport"].kind == "FAC" and "Tashkent's Yuzhny Airport" not in found


def test_russian_declined_forms_are_normalised(ner):
    found = by_text(run(ner, "Переговоры с Казахстаном прошли в Москве. Делегация Касым-Жомарта "
                             "Токаева прибыла на саммит Шанхайской организации сотрудничества.", "ru"))
    assert found["Казахстаном"].normal == "Казахстан" and found["Казахстаном"].kind == "GPE"
    assert found["Москве"].normal == "Москва" and found["Москве"].kind == "GPE"
    assert found["Касым-Жомарта Токаева"].normal == "Касым-Жомарт Токаев"
    assert found["Касым-Жомарта Токаева"].kind == "PER"
    org = found["Шанхайской организации сотрудничества"]
    assert org.kind == "ORG" and org.normal == "Шанхайская организация сотрудничества"


def test_russian_demonyms_quoted_names_and_descriptors(ner):
    found = by_text(run(ner, "Российские и казахстанские инженеры работают вместе. Госкорпорация "
                             "«Росатом» открыла офис в штате Огайо, а компания Siemens поставит турбины.",
                        "ru"))
    assert found["Российские"].demonym and found["Российские"].normal == "российский"
    assert found["казахстанские"].normal == "казахстанский" and found["казахстанские"].kind == "GPE"
    assert found["Росатом"].kind == "ORG"  # the quotes are not part of the name
    assert found["Огайо"].kind == "GPE"  # the descriptor "штате" is not part of the name
    assert found["Siemens"].kind == "ORG"  # Latin name in Russian text
    assert demonym_country("российский", lang="ru") == "Россия"
    assert demonym_country("Kazakh", lang="en") == "Kazakhstan"


def test_russian_organisation_takes_its_country_in_the_genitive():
    found = by_text(run(EntityRecognizer(gazetteer={}),
                        "Представитель Верховного суда Казахстана сообщил об этом журналистам.", "ru"))
    assert found["Верховного суда Казахстана"].kind == "ORG"
    assert found["Верховного суда Казахстана"].normal == "Верховный суд Казахстана"


def test_a_name_found_once_is_found_again_where_the_model_missed_it():
    from communique.components.ner.propagate import propagate

    doc = make_doc("Сегодня Нурлан Жумабаев выступил. Позже Жумабаева поддержали коллеги.", lang="ru")
    Segmenter()([doc])
    start = doc.text.index("Нурлан")
    first = Candidate(start, start + len("Нурлан Жумабаев"), "PER", "Нурлан Жумабаев", MODEL, 0.8)
    found = propagate(doc, [first], lang="ru")
    assert [(doc.text[c.start:c.end], c.kind) for c in found] == [("Жумабаева", "PER")]


def test_documents_without_a_parse_or_in_other_languages(ner):
    for text, lang in (("   \n\n  ", "ru"), ("Kazakhstan", "en"), ("Казахстан", "uk")):
        doc = make_doc(text, lang=lang)  # not segmented: no parse to read
        ner([doc])
        assert all(m.kind == "GPE" for m in doc.mentions)


@pytest.mark.parametrize("text,lang", [
    ("", "en"),
    ("the weather was calm and nothing happened at all today.", "en"),
    ("погода была тихой, и ничего не произошло.", "ru"),
])
def test_no_entities_no_mentions(ner, text, lang):
    assert run(ner, text, lang) == []


def test_all_caps_text_invents_nothing(ner):
    ru = run(ner, "ВЧЕРА В МОСКВЕ ПРОШЛА ВСТРЕЧА ПРЕЗИДЕНТОВ.", "ru")
    assert {m.text for m in ru} <= {"МОСКВЕ"}
    en = run(ner, "THE PRESIDENT OF KAZAKHSTAN MET OFFICIALS IN MOSCOW YESTERDAY.")
    assert {m.text for m in en} <= {"KAZAKHSTAN", "MOSCOW"}
    assert all(m.kind == "GPE" for m in en)


def test_mixed_scripts(ner):
    assert "Siemens" in by_text(run(ner, "Контракт получила компания Siemens.", "ru"))
    mentions = run(ner, "The agency, known in Russian as Росатом, works with Rosatom partners.")
    assert "Rosatom" in by_text(mentions)


def test_many_mentions_in_linear_time():
    ner = EntityRecognizer(gazetteer={"en": [("Omsk", "GPE", "city:omsk"), ("Astana", "GPE", "city:astana")]})
    sizes, times = (2_500, 10_000), []
    for n in sizes:
        best = float("inf")
        for _ in range(2):  # the best of two runs: a busy machine only ever adds time
            doc = make_doc(" ".join(["Omsk and Astana."] * (n // 2)))
            Segmenter()([doc])
            started = time.perf_counter()
            ner([doc])
            best = min(best, time.perf_counter() - started)
            assert len(doc.mentions) == n
        times.append(best)
    assert times[1] < 20 and times[1] < 4 * times[0] * 2.5


def test_gazetteer_longest_match_on_word_boundaries():
    gaz = Gazetteer([("Omsk", "GPE", "a"), ("Omsk Region", "GPE", "b"), ("U.S.", "GPE", "c")], lang="en")
    text = "Omsk Region and Omskaya and the U.S. border"
    found = [(text[m.start:m.end], m.entry.entity) for m in gaz.match(text)]
    assert found == [("Omsk Region", "b"), ("U.S.", "c")]
    ru = Gazetteer([("Шанхайская организация сотрудничества", "ORG", "sco")], lang="ru")
    assert [m.entry.entity for m in ru.match("саммит Шанхайской организации сотрудничества")] == ["sco"]


def test_overlaps_resolved_outer_span_then_priority():
    outer = Candidate(0, 30, "ORG", "x", MODEL, 0.8)
    inner = Candidate(20, 30, "GPE", "y", GAZETTEER, 0.9)
    same_model = Candidate(40, 44, "PER", "Omsk", MODEL, 0.8)
    same_gaz = Candidate(40, 44, "GPE", "Omsk", GAZETTEER, 0.9)
    assert resolve([inner, outer, same_model, same_gaz]) == [outer, same_gaz]


def test_russian_descriptive_organisations_nest_over_names(ner):
    text = ("Переходное правительство Мали обратилось в полицию Сан-Диего, а министерство обороны Мали "
            "промолчало. Полиция задержала его. Новое правительство собралось.")
    doc = make_doc(text, lang="ru")
    Segmenter()([doc])
    ner([doc])
    found = {m.text: m for m in doc.mentions}
    for name in ("Переходное правительство Мали", "полицию Сан-Диего", "министерство обороны Мали",
                 "Полиция", "правительство"):
        assert found[name].kind == "ORG" and (found[name].start, found[name].end) in doc.extras["ner_descriptive"]
    assert found["полицию Сан-Диего"].normal == "полиция Сан-Диего"
    assert found["Полиция"].normal == "полиция"
    assert {found["Мали"].kind, found["Сан-Диего"].kind} <= {"GPE", "LOC"}  # the names stay mentions
    assert "Новое правительство" not in found


def test_russian_named_bodies_brackets_quotes_and_final_stops(ner):
    found = by_text(run(ner, "Он выступил на съезде Демократической партии. Лидер ХДС (Христианско-демократический "
                             "союз Германии выступил. По данным РИА \"Новости\", он окончил King’s College London, "
                             "KCL, и учился в Колумбийском университете. Офис «Башинформа» закрыт.", "ru"))
    assert found["Демократической партии"].kind == "ORG"
    assert found["Демократической партии"].normal == "Демократическая партия"
    assert {"ХДС", "Христианско-демократический союз Германии", "King’s College London", "KCL",
            "Колумбийском университете", "Башинформа"} <= set(found)
    assert "РИА \"Новости\"" in found


def test_descriptive_candidates_never_cut_through_names():
    from communique.components.ner.candidates import PATTERN, add_descriptive

    name = Candidate(10, 20, "GPE", "X", MODEL, 0.8)
    inside = Candidate(0, 20, "ORG", "y X", PATTERN, 0.6, descriptive=True)
    crossing = Candidate(15, 30, "ORG", "z", PATTERN, 0.6, descriptive=True)
    same = Candidate(10, 20, "ORG", "X", PATTERN, 0.6, descriptive=True)
    assert add_descriptive([name], [inside, crossing, same]) == [inside, name]

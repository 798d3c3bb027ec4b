"""The commitments registry on sentences written for these tests (English and Russian)."""
from __future__ import annotations

import time

import pytest

from communique.components.commitments import CommitmentExtractor
from communique.components.commitments.clauses import split_parts
from communique.components.commitments.lexicon import load_lexicon
from communique.components.commitments.sector import classify
from communique.components.commitments.status import find_cue
from communique.components.segment import Segmenter
from communique.pipeline import Doc
from communique.records import (COMMITMENT_KINDS, COMMITMENT_STATUSES, SECTORS, Document, Entity,
                                Mention, Timex)


def make_doc(text: str, lang: str = "en", *, doc_id: str = "d1", published: str | None = "2025-06-02") -> Doc:
    document = Document(id=doc_id, source="test", url=None, outlet=None, attribution=None, title=None,
                        language=lang, published=published, date_source="metadata", sha256="",
                        n_chars=len(text), text=text)
    return Doc(document)


@pytest.fixture(scope="module")
def extract():
    segmenter, extractor = Segmenter(), CommitmentExtractor()

    def run(text: str, lang: str = "en", **kwargs) -> list:
        doc = make_doc(text, lang, **kwargs)
        segmenter([doc])
        extractor([doc])
        return doc.commitments
    return run


def one(found: list):
    assert len(found) == 1, [(c.kind, c.status, c.evidence[0].text) for c in found]
    return found[0]


STATUS_EN = [
    ("The Finnish side proposed a joint research centre in Oulu.", "proposed", "project"),
    ("The ministers discussed prospects for oil cooperation.", "discussed", "other"),
    ("The construction of a new bridge across the Narva river is being considered.", "considered", "project"),
    ("The two governments agreed to build a hydropower plant on the border river.", "agreed", "project"),
    ("The foreign ministers signed an agreement on visa-free travel.", "signed", "agreement"),
    ("A new railway line to the port of Poti is under construction.", "in_progress", "project"),
    ("Last year a Chilean cultural centre was opened in Lima.", "completed", "project"),
    ("A second terminal will be built at the airport of Osh.", "agreed", "project"),
    ("Both countries intend to continue the joint programme of student exchanges.", "agreed", "program"),
]

STATUS_RU = [
    ("В планах — строительство нового моста через реку Урал.", "proposed", "project"),
    ("Стороны обсудили перспективы сотрудничества в нефтяной отрасли.", "discussed", "other"),
    ("Прорабатывается вопрос открытия консульства в Казани.", "considered", None),
    ("Стороны договорились построить завод по переработке зерна.", "agreed", "project"),
    ("Министры подписали соглашение о сотрудничестве в области здравоохранения.", "signed", "agreement"),
    ("В регионе реализуются проекты по строительству школ.", "in_progress", "project"),
    ("В прошлом году в Бишкеке открыт новый университет.", "completed", "project"),
]


@pytest.mark.parametrize("text,status,kind", STATUS_EN)
def test_status_english(extract, text, status, kind):
    found = one(extract(text))
    assert (found.status, found.kind) == (status, kind)


@pytest.mark.parametrize("text,status,kind", STATUS_RU)
def test_status_russian(extract, text, status, kind):
    found = one(extract(text, "ru"))
    assert found.status == status
    assert kind is None or found.kind == kind


KINDS_EN = [
    ("The presidents signed a joint declaration on strategic partnership.", "declaration"),
    ("The agencies signed a memorandum of understanding on flood warnings.", "memorandum"),
    ("The ministers signed a roadmap on digital trade.", "action_plan"),
    ("The ministers signed a letter of intent on joint satellite launches.", "letter_of_intent"),
    ("The two states signed a treaty on the delimitation of the sea border.", "treaty"),
    ("The leaders agreed to launch a regional water dialogue initiative.", "initiative"),
    ("They signed an agreement in the form of an exchange of notes on fishing quotas.", "agreement"),
    ("The governments signed a comprehensive programme of cooperation for 2026.", "program"),
    ("The two leaders agreed to deepen cooperation in agriculture.", "other"),
]

KINDS_RU = [
    ("Президенты подписали декларацию о стратегическом партнерстве.", "declaration"),
    ("Стороны подписали меморандум о взаимопонимании в сфере туризма.", "memorandum"),
    ("Министры подписали дорожную карту по развитию торговли.", "action_plan"),
    ("Министерства подписали письмо о намерениях в области образования.", "letter_of_intent"),
    ("Страны подписали договор о дружбе и сотрудничестве.", "treaty"),
    ("Стороны договорились продвигать инициативу по охране рек.", "initiative"),
    ("Правительства подписали программу экономического сотрудничества.", "program"),
    ("Стороны договорились углублять сотрудничество в сельском хозяйстве.", "other"),
]


@pytest.mark.parametrize("text,kind", KINDS_EN)
def test_kind_english(extract, text, kind):
    assert one(extract(text)).kind == kind


@pytest.mark.parametrize("text,kind", KINDS_RU)
def test_kind_russian(extract, text, kind):
    assert one(extract(text, "ru")).kind == kind


def test_bulleted_list_each_item_signed(extract):
    text = ("Talks in Riga ended with signatures.\n"
            "The following documents were signed:\n"
            "- Agreement between the Latvian and Estonian Governments on cooperation in rail transport;\n"
            "- Memorandum of Understanding between the Ministry of Health of Latvia and the Ministry "
            "of Social Affairs of Estonia on hospital cooperation;\n"
            "- Joint Action Plan on the protection of lynx populations;\n"
            "- Letter of Intent on the creation of a joint university campus.\n"
            "The visit continues tomorrow.")
    found = extract(text)
    assert [c.kind for c in found] == ["agreement", "memorandum", "action_plan", "letter_of_intent"]
    assert {c.status for c in found} == {"signed"}
    assert [c.sector for c in found] == ["transport", "health", "environment", "education"]
    assert found[0].title == "Agreement on cooperation in rail transport"
    assert all(c.date == "2025-06-02" for c in found)  # signed: the publication date


def test_russian_numbered_list(extract):
    text = ("По итогам переговоров подписаны следующие документы:\n"
            "1. Соглашение между правительствами о сотрудничестве в области таможенного дела;\n"
            "2. Меморандум о сотрудничестве в сфере цифровой экономики;\n"
            "3. Программа культурного обмена на 2026–2028 годы.")
    found = extract(text, "ru")
    assert [c.kind for c in found] == ["agreement", "memorandum", "program"]
    assert {c.status for c in found} == {"signed"}
    assert found[0].title.startswith("Соглашение о сотрудничестве")


def test_inline_enumeration_one_per_document(extract):
    text = ("The presidents signed 9 documents. The package includes an agreement on fisheries, "
            "a memorandum on tourism and a programme of cultural exchanges.")
    found = extract(text)
    assert [(c.kind, c.status) for c in found] == [
        ("agreement", "signed"), ("memorandum", "signed"), ("program", "signed")]
    assert [c.evidence[0].text for c in found] == [
        "an agreement on fisheries", "a memorandum on tourism", "a programme of cultural exchanges"]


def test_russian_enumeration_joined_by_and(extract):
    found = extract("Стороны подписали меморандум о сотрудничестве в области туризма и план действий "
                    "по обмену студентами.", "ru")
    assert [(c.kind, c.status) for c in found] == [("memorandum", "signed"), ("action_plan", "signed")]
    assert found[1].evidence[0].text == "план действий по обмену студентами"


def test_headline_restating_the_body_is_skipped(extract):
    text = ("Mongolia and Japan sign a treaty on mineral exports\n\n"
            "Mongolia and Japan signed a treaty on mineral exports on Monday in Tokyo.")
    found = one(extract(text))
    assert found.evidence[0].start > text.index("\n")


def test_two_clauses_two_objects(extract):
    found = extract("In June a sports arena was opened in Osh, and yesterday a library was opened in Naryn.")
    assert [c.status for c in found] == ["completed", "completed"]
    assert "arena" in found[0].evidence[0].text and "library" in found[1].evidence[0].text


def test_status_follows_each_clause_russian(extract):
    found = extract("Стороны договорились построить газопровод и обсудили перспективы сотрудничества "
                    "в сфере туризма.", "ru")
    assert [c.status for c in found] == ["agreed", "discussed"]


def test_counted_documents_only_when_none_is_named(extract):
    counted = one(extract("The presidents signed 12 agreements."))
    assert (counted.kind, counted.status) == ("agreement", "signed")
    assert counted.confidence <= 0.5
    assert one(extract("Президенты подписали 12 документов.", "ru")).kind == "other"
    named = extract("The presidents signed 12 agreements. They include a treaty on fishing rights.")
    assert [c.kind for c in named] == ["treaty"]


def test_generic_documents_and_no_verb_give_nothing(extract):
    assert extract("The signed documents will open new opportunities for projects.") == []
    assert extract("Memorandum on fisheries cooperation.") == []
    assert extract("Подписанные документы открывают новые возможности для проектов.", "ru") == []
    assert extract("The sides did not sign the agreement on fisheries.") == []


def test_empty_and_unsupported_inputs(extract):
    assert extract("") == []
    assert extract("   \n  ") == []
    assert extract("Die Minister unterzeichneten ein Abkommen über Fischerei.", "de") == []


def test_hundred_item_list_is_quick(extract):
    items = "\n".join(f"- Agreement on cooperation in field number {i};" for i in range(100))
    text = "The following documents were signed:\n" + items
    started = time.perf_counter()
    found = extract(text)
    assert len(found) == 100
    assert time.perf_counter() - started < 20
    assert len({c.id for c in found}) == 100


def test_records_are_traced(extract):
    text = ("Education\n\nA branch of the Tallinn music school will be built in Tartu. "
            "The sides also exchanged views on energy supplies.")
    found = extract(text)
    assert [c.sector for c in found] == ["education", "energy"]
    for c in found:
        assert c.extractor == "commitments@1"
        assert 0 < c.confidence <= 1
        assert c.kind in COMMITMENT_KINDS and c.status in COMMITMENT_STATUSES and c.sector in SECTORS
        assert c.documents == ["d1"]
        span = c.evidence[0]
        assert text[span.start:span.end] == span.text
        assert len(c.title.split()) <= 12
    assert extract(text)[0].id == found[0].id  # stable


def _with_entities(text: str) -> Doc:
    doc = make_doc(text)
    Segmenter()([doc])
    entities = {
        "country:EST": Entity(id="country:EST", kind="GPE", name="Estonia", country="EST"),
        "country:LVA": Entity(id="country:LVA", kind="GPE", name="Latvia", country="LVA"),
        "org:eesti-energia": Entity(id="org:eesti-energia", kind="ORG", name="Eesti Energia", country="EST"),
        "city:riga": Entity(id="city:riga", kind="GPE", name="Riga", country="LVA"),
    }
    doc.entities = entities
    for surface, entity in (("Estonia", "country:EST"), ("Latvia", "country:LVA"),
                            ("Eesti Energia", "org:eesti-energia"), ("Riga", "city:riga")):
        start = 0
        while (start := text.find(surface, start)) >= 0:
            doc.mentions.append(Mention(doc=doc.id, start=start, end=start + len(surface), text=surface,
                                        kind=entities[entity].kind, normal=surface, entity=entity))
            start += len(surface)
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def test_parties_dates_and_fallback():
    text = ("Eesti Energia agreed to build a wind farm near the border. On 3 May a bridge was opened "
            "in Riga by Estonia and Latvia. The ministers also discussed prospects for rail cooperation.")
    doc = _with_entities(text)
    start = text.index("3 May")
    doc.timexes = [Timex(doc=doc.id, start=start, end=start + 5, text="3 May", tag="DATE",
                         value="2025-05-03")]
    CommitmentExtractor()([doc])
    farm, bridge, rail = doc.commitments
    assert farm.parties == ["org:eesti-energia"]
    assert bridge.parties == ["country:EST", "country:LVA"]  # named countries, not the city
    assert rail.parties == ["country:EST", "country:LVA"]  # the two sides, by fallback
    assert rail.confidence < farm.confidence
    assert farm.key.split("|")[2] == "EST"
    assert (farm.date, bridge.date, rail.date) == (None, "2025-05-03", None)


def test_key_merges_languages(extract):
    en = one(extract("Plans are underway to open a Kazakh cultural centre in Tashkent."))
    ru = one(extract("В планах — открытие казахского культурного центра в Ташкенте.", "ru", doc_id="d2"))
    assert en.key == ru.key
    assert en.id != ru.id
    assert (en.status, ru.status) == ("proposed", "proposed")


def test_lexicon_pieces():
    en = load_lexicon("en")
    assert load_lexicon("xx") is None
    assert find_cue("plans are underway to open it", patterns=en.statuses).status == "proposed"
    assert find_cue("the plant will be built", patterns=en.statuses).status == "agreed"
    assert find_cue("the plant was built", patterns=en.statuses).status == "completed"
    assert find_cue("they never signed it", patterns=en.statuses) is None
    assert classify("a representative office of a medical university", lexicon=en.sectors) == "education"
    assert classify("nothing in particular", lexicon=en.sectors, heading="energy") == "energy"
    parts = split_parts("A was opened in X; B is under construction.", lexicon=en)
    assert [p.cue.status for p in parts] == ["completed", "in_progress"]

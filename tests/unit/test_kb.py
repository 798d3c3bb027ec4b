"""The knowledge base: transliteration, lookups in both languages, places, offices, gazetteers."""
from __future__ import annotations

import time

import pytest

from communique.kb import get_kb, match_key, ru_to_en, slug
from communique.kb.translit import en_to_ru, normalize


@pytest.fixture(scope="module")
def kb():
    return get_kb()


@pytest.mark.parametrize("ru,en", [
    ("Токаев", "Tokayev"), ("Дмитрий", "Dmitriy"), ("Ёлкин", "Yolkin"), ("Хабаров", "Khabarov"),
    ("Цой", "Tsoy"), ("Щукин", "Shchukin"), ("Юлия", "Yuliya"), ("Ясная", "Yasnaya"),
    ("Ильич", "Ilich"), ("Алиев", "Aliyev"), ("Мирзиёев", "Mirziyoyev"), ("Нұр-Сұлтан", "Nur-Sultan"),
    ("Майский", "Mayskiy"), ("Белый", "Bely"),
])
def test_russian_romanisation_follows_news_conventions(ru, en):
    assert ru_to_en(ru) == en


def test_romanisation_keeps_case_and_other_text():
    assert ru_to_en("ЕАЭС и Москва, 2025") == "YEAES i Moskva, 2025"
    assert ru_to_en("Zürich") == "Zurich"


def test_matching_keys_join_spellings_and_scripts():
    assert match_key("Tokayev") == match_key("Tokaev") == match_key("Токаев")
    assert match_key("Dmitry") == match_key("Дмитрий")
    assert match_key("Yakutsk") == match_key("Якутск")
    assert match_key("Almaty") == match_key("Алматы")
    assert en_to_ru("shch") == "щ"
    assert slug("Шокан Уалиханов") == slug("Shokan Ualikhanov") == "shokan-ualikhanov"
    assert normalize("  «Росатом»  ") == "росатом"


def test_loads_fast_enough_and_is_cached(kb):
    start = time.perf_counter()
    assert get_kb() is kb
    assert time.perf_counter() - start < 0.01
    assert len(kb) > 30_000


def _top(kb, name, lang, kind=None):
    found = kb.lookup(name, lang=lang, kind=kind)
    return found[0].entity_id if found else None


@pytest.mark.parametrize("name,lang", [
    ("Kazakhstan", "en"), ("Republic of Kazakhstan", "en"), ("Казахстан", "ru"), ("Казахстана", "ru"),
    ("Казахстаном", "ru"), ("Республика Казахстан", "ru"), ("Республики Казахстан", "ru"),
])
def test_country_names_and_declined_forms(kb, name, lang):
    assert _top(kb, name, lang, "GPE") == "country:KAZ"


@pytest.mark.parametrize("name,lang,alpha3", [
    ("Russia", "en", "RUS"), ("Russian Federation", "en", "RUS"), ("Россия", "ru", "RUS"),
    ("РФ", "ru", "RUS"), ("Российской Федерации", "ru", "RUS"), ("USA", "en", "USA"),
    ("США", "ru", "USA"), ("UK", "en", "GBR"), ("Великобритания", "ru", "GBR"), ("КНР", "ru", "CHN"),
    ("Türkiye", "en", "TUR"), ("Киргизия", "ru", "KGZ"), ("Kyrgyzstan", "en", "KGZ"),
])
def test_short_forms_of_countries(kb, name, lang, alpha3):
    assert _top(kb, name, lang, "GPE") == f"country:{alpha3}"


@pytest.mark.parametrize("name,lang,alpha3,lat,lon", [
    ("Moscow", "en", "RUS", 55.75, 37.62), ("Москва", "ru", "RUS", 55.75, 37.62),
    ("Astana", "en", "KAZ", 51.18, 71.45), ("Астана", "ru", "KAZ", 51.18, 71.45),
    ("Kazan", "en", "RUS", 55.79, 49.12), ("Казань", "ru", "RUS", 55.79, 49.12),
    ("Yakutsk", "en", "RUS", 62.03, 129.72), ("Almaty", "en", "KAZ", 43.25, 76.91),
    ("Алматы", "ru", "KAZ", 43.25, 76.91), ("Aktau", "en", "KAZ", 43.66, 51.17),
    ("Omsk", "en", "RUS", 54.99, 73.37), ("Омск", "ru", "RUS", 54.99, 73.37),
])
def test_cities_have_coordinates_and_country(kb, name, lang, alpha3, lat, lon):
    entity = kb.entity(_top(kb, name, lang, "GPE"))
    assert entity.country == alpha3
    assert entity.geo["lat"] == pytest.approx(lat, abs=0.3)
    assert entity.geo["lon"] == pytest.approx(lon, abs=0.3)


def test_city_entities_carry_both_names(kb):
    moscow = kb.entity(_top(kb, "Moscow", "en", "GPE"))
    assert moscow.names == {"en": "Moscow", "ru": "Москва"} and moscow.kind == "GPE"
    assert kb.entity(_top(kb, "Astana", "en", "GPE")).names["ru"] == "Астана"


def test_regions_and_countries_are_geocoded(kb):
    region = kb.entity(_top(kb, "Мангистауская область", "ru", "GPE"))
    assert region.country == "KAZ" and region.geo["lon"] == pytest.approx(51.17, abs=0.3)
    assert kb.entity("country:KAZ").geo is not None


@pytest.mark.parametrize("a,la,b,lb", [
    ("ТМТМ", "ru", "TITR", "en"), ("Middle Corridor", "en", "Средний коридор", "ru"),
    ("ЕАЭС", "ru", "EAEU", "en"), ("ШОС", "ru", "SCO", "en"), ("СНГ", "ru", "CIS", "en"),
    ("ОДКБ", "ru", "CSTO", "en"), ("МАГАТЭ", "ru", "IAEA", "en"), ("БРИКС", "ru", "BRICS", "en"),
    ("ОБСЕ", "ru", "OSCE", "en"), ("РЖД", "ru", "Russian Railways", "en"),
    ("Казпочта", "ru", "Kazpost", "en"), ("Акорда", "ru", "Akorda", "en"), ("МГИМО", "ru", "MGIMO", "en"),
    ("КазНУ", "ru", "al-Farabi Kazakh National University", "en"),
])
def test_organisations_and_acronyms_across_languages(kb, a, la, b, lb):
    first = _top(kb, a, la)
    assert first is not None and first == _top(kb, b, lb)


def test_people_in_both_languages_and_by_surname(kb):
    tokayev = _top(kb, "Kassym-Jomart Tokayev", "en", "PER")
    assert tokayev == _top(kb, "Касым-Жомарт Токаев", "ru", "PER") == _top(kb, "Токаев", "ru", "PER")
    assert _top(kb, "Tokaev", "en", "PER") == tokayev
    entity = kb.entity(tokayev)
    assert entity.country == "KAZ" and entity.names["ru"] == "Касым-Жомарт Токаев"
    assert _top(kb, "Tokayev", "en", "GPE") is None  # a person never answers a place query


def test_office_holders_by_year(kb):
    assert kb.office_holders(country="KAZ", office="head_of_state", year=2025) == ["per:kassym-jomart-tokayev"]
    assert kb.office_holders(country="KAZ", office="head_of_state", year=2015) == ["per:nursultan-nazarbayev"]
    assert kb.office_holders(country="RUS", office="foreign_minister", year=2024) == ["per:sergey-lavrov"]
    assert kb.leader_office("DEU") == "head_of_government" and kb.leader_office("RUS") == "head_of_state"


@pytest.mark.parametrize("word,lang,alpha3", [
    ("Kazakh", "en", "KAZ"), ("Kazakhstani", "en", "KAZ"), ("Russian", "en", "RUS"),
    ("Russians", "en", "RUS"), ("Uzbek", "en", "UZB"), ("российский", "ru", "RUS"),
    ("российской", "ru", "RUS"), ("казахстанские", "ru", "KAZ"), ("Казахстанская", "ru", "KAZ"),
    ("узбекистанского", "ru", "UZB"), ("table", "en", None), ("стол", "ru", None),
])
def test_demonyms(kb, word, lang, alpha3):
    assert kb.country_of_demonym(word, lang) == alpha3


def test_gazetteers_hold_precise_names_only(kb):
    en = kb.gazetteer("en")
    assert ("Kazakhstan", "GPE", "country:KAZ") in en
    assert ("Rosatom", "ORG", "org:rosatom") in en
    surfaces = {s for s, _, _ in en}
    assert "Moscow" in surfaces and "EAEU" in surfaces
    assert not {"US", "us", "it", "It", "Of", "Ann"} & surfaces
    assert all(len(s) > 2 or s.isupper() for s in surfaces)
    ru = {s: e for s, _, e in kb.gazetteer("ru")}
    assert ru["Казахстан"] == "country:KAZ" and ru["ЕАЭС"] == "org:eaeu"
    assert ru["Москва"] == _top(kb, "Moscow", "en", "GPE")


@pytest.mark.parametrize("junk", ["", "   ", "x" * 5000, "Tокаев", "?!", "12345", "東京", "😀😀"])
def test_bad_inputs_do_not_fail(kb, junk):
    found = kb.lookup(junk, lang="ru", kind="PER")
    assert all(0.0 <= c.score <= 1.0 for c in found)
    assert kb.country_of_demonym(junk, "ru") is None or len(junk) < 10


@pytest.mark.parametrize("a,la,b,lb,eid", [
    ("МИД Индии", "ru", "Indian Foreign Ministry", "en", "org:mfa-ind"),
    ("Министерство иностранных дел Турции", "ru", "Foreign Ministry of Turkey", "en", "org:mfa-tur"),
    ("МИД России", "ru", "Russian Foreign Ministry", "en", "org:mfa-rus"),
    ("правительство Казахстана", "ru", "Kazakh government", "en", "org:government-kaz"),
    ("посольство Японии", "ru", "Japanese Embassy", "en", "org:embassy-jpn"),
])
def test_institutions_named_after_a_country(kb, a, la, b, lb, eid):
    assert _top(kb, a, la, "ORG") == _top(kb, b, lb, "ORG") == eid
    entity = kb.entity(eid)
    assert entity.country == eid[-3:].upper() and entity.names["en"] and entity.names["ru"]


def test_derived_names_need_a_real_country(kb):
    assert _top(kb, "МИД Атлантиды", "ru", "ORG") is None
    assert _top(kb, "Ministry of Foreign Affairs of Nowhere-land", "en", "ORG") is None


def test_short_forms_of_leaders(kb):
    assert _top(kb, "Xi", "en", "PER") == _top(kb, "Си Цзиньпин", "ru", "PER") == "per:xi-jinping"
    assert _top(kb, "Лула", "ru", "PER") == "per:luiz-inacio-lula-da-silva"


# ---------------------------------------------------------------- on-disk cache of built structures


def test_cache_builds_once_then_loads(tmp_path, monkeypatch):
    from communique.kb import cache

    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"built": len(calls)}

    assert cache.cached("thing", "k1", build) == {"built": 1}
    assert cache.cached("thing", "k1", build) == {"built": 1} and len(calls) == 1
    assert cache.cached("thing", "k2", build) == {"built": 2}  # a new key (stale inputs): rebuilt
    assert [p.name for p in tmp_path.glob("thing-*.pickle")] == ["thing-k2.pickle"]  # the stale one is gone
    (tmp_path / "thing-k2.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", "k2", build) == {"built": 3}  # corrupt: rebuilt and rewritten
    assert cache.cached("thing", "k2", build) == {"built": 3}


def test_cache_is_safe_without_a_writable_dir(tmp_path, monkeypatch):
    from communique.kb import cache

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert cache.cached("thing", "k", lambda: [1, 2]) == [1, 2]
    monkeypatch.setenv("COMMUNIQUE_CACHE", "off")
    assert cache.cache_dir() is None and cache.cached("thing", "k", lambda: [3]) == [3]


def test_cache_key_follows_inputs_and_defaults_to_user_cache(tmp_path, monkeypatch):
    from communique.kb import cache, kb_fingerprint

    source = tmp_path / "data.txt"
    source.write_text("a")
    first = cache.fingerprint([source])
    source.write_text("b")
    assert cache.fingerprint([source]) != first
    assert kb_fingerprint() == kb_fingerprint()
    monkeypatch.delenv("COMMUNIQUE_CACHE_DIR", raising=False)
    monkeypatch.delenv("COMMUNIQUE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "communique"


def test_cached_kb_and_gazetteer_match_a_fresh_build(tmp_path, monkeypatch):
    import pickle

    from communique.components.ner.gazetteer import Gazetteer

    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(tmp_path))
    kb = get_kb()
    loaded = pickle.loads(pickle.dumps(kb))
    assert loaded.gazetteer("ru") == kb.gazetteer("ru") and len(loaded) == len(kb)
    assert loaded.lookup("Токаев", lang="ru", kind="PER")[0].entity_id == "per:kassym-jomart-tokayev"
    gaz = pickle.loads(pickle.dumps(Gazetteer([("Шанхайская организация сотрудничества", "ORG", "sco")], lang="ru")))
    assert [m.entry.entity for m in gaz.match("саммит Шанхайской организации сотрудничества")] == ["sco"]

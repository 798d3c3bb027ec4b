"""Time expressions: recognition, TIMEX3 values, ranges, anchoring, bad input (EN and RU)."""
from __future__ import annotations

import datetime as dt

import pytest

from communique.components.timex import TimexTagger, anchor_timexes, find_timexes

ANCHOR = dt.date(2025, 11, 12)  # a Wednesday


def tag(text: str, lang: str = "en", anchor=ANCHOR, **kw):
    found = find_timexes(text, lang=lang, anchor=anchor, doc_id="t", **kw)
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.extractor == "timex@1" and 0.0 <= t.confidence <= 1.0
        assert t.tag in ("DATE", "TIME", "DURATION", "SET")
    return found


def values(text: str, lang: str = "en", anchor=ANCHOR, **kw) -> dict[str, str | None]:
    return {t.text: t.value for t in tag(text, lang, anchor, **kw)}


def one(text: str, lang: str = "en", anchor=ANCHOR, **kw):
    found = tag(text, lang, anchor, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,lang,expected", [
    ("The treaty was ratified on 3 March 2019.", "en", {"3 March 2019": "2019-03-03"}),
    ("Delegates met Nov. 4 in Geneva.", "en", {"Nov. 4": "2025-11-04"}),
    ("The deadline is 2026-01-15.", "en", {"2026-01-15": "2026-01-15"}),
    ("The election was called for 07.12.2025.", "en", {"07.12.2025": "2025-12-07"}),
    ("Prices rose in September 2024.", "en", {"September 2024": "2024-09"}),
    ("Протокол подписан 5 марта 2021 г. в Минске.", "ru", {"5 марта 2021 г.": "2021-03-05"}),
    ("Соглашение вступило в силу 01.02.2024.", "ru", {"01.02.2024": "2024-02-01"}),
    ("Выборы прошли в марте 2024 года.", "ru", {"марте 2024 года": "2024-03"}),
])
def test_absolute_dates(text, lang, expected):
    assert values(text, lang) == expected


def test_years_alone_and_with_preposition():
    assert values("In 2024 the bank cut rates, as it had in 1998.") == {"2024": "2024", "1998": "1998"}
    assert values("В 2024 году банк снизил ставку.", "ru") == {"2024 году": "2024"}


@pytest.mark.parametrize("text,lang", [
    ("Growth slowed this year.", "en"), ("В этом году рост замедлился.", "ru")])
def test_this_year(text, lang):
    assert one(text, lang).value == "2025"


@pytest.mark.parametrize("text,lang,value", [
    ("The envoy said yesterday that talks had stalled.", "en", "2025-11-11"),
    ("Ministers will meet again next week.", "en", "2025-W47"),
    ("Exports fell last month.", "en", "2025-10"),
    ("The crisis began two days ago.", "en", "2025-11-10"),
    ("Вчера посол вручил верительные грамоты.", "ru", "2025-11-11"),
    ("Накануне стороны обменялись нотами.", "ru", "2025-11-11"),
    ("На прошлой неделе прошли консультации.", "ru", "2025-W45"),
    ("Три года назад завод закрыли.", "ru", "2022"),
])
def test_relative(text, lang, value):
    assert one(text, lang).value == value


@pytest.mark.parametrize("text,lang,value", [
    ("The talks ended on Monday.", "en", "2025-11-10"),
    ("The summit opened on Wednesday.", "en", "2025-11-12"),  # the anchor itself, past tense
    ("The delegation will arrive on Monday.", "en", "2025-11-17"),
    ("The vote is scheduled for Friday.", "en", "2025-11-14"),
    ("В понедельник министр провел переговоры.", "ru", "2025-11-10"),
    ("В понедельник министр проведет переговоры.", "ru", "2025-11-17"),
    ("В пятницу делегация будет в Ташкенте.", "ru", "2025-11-14"),
])
def test_weekdays_follow_tense(text, lang, value):
    assert one(text, lang).value == value


def test_tense_callback_overrides_guess():
    text = "Officials met on Thursday."
    assert one(text).value == "2025-11-06"
    assert one(text, tense_of=lambda offset: "future").value == "2025-11-13"


@pytest.mark.parametrize("text,lang,begin,end,value", [
    ("The forum runs November 11-12 in Baku.", "en", "2025-11-11", "2025-11-12", "P2D"),
    ("Форум пройдет 11–12 ноября в Баку.", "ru", "2025-11-11", "2025-11-12", "P2D"),
    ("Talks were held from 30 September to 2 October 2025.", "en", "2025-09-30", "2025-10-02", "P3D"),
    ("The plan covers 2026/30.", "en", "2026", "2030", "P5Y"),
    ("The program runs from 2026 to 2030.", "en", "2026", "2030", "P5Y"),
    ("Программа рассчитана на 2026–2030 годы.", "ru", "2026", "2030", "P5Y"),
])
def test_ranges(text, lang, begin, end, value):
    found = tag(text, lang)
    ranged = [t for t in found if t.range]
    assert len(ranged) == 1, found
    assert ranged[0].value == value and ranged[0].tag == "DURATION"
    assert ranged[0].range == {"begin": begin, "end": end}


@pytest.mark.parametrize("text,lang,tag_,value", [
    ("The two countries have been partners for 30 years.", "en", "DURATION", "P30Y"),
    ("The strike lasted several weeks.", "en", "DURATION", "PXW"),
    ("Переговоры шли три года.", "ru", "DURATION", "P3Y"),
    ("The summit is held every year.", "en", "SET", "P1Y"),
    ("Форум проводится ежегодно.", "ru", "SET", "P1Y"),
    ("The third quarter of 2024 was weak.", "en", "DATE", "2024-Q3"),
    ("Industry boomed in the 1990s.", "en", "DATE", "199"),
    ("Экономика росла в 1990-е годы.", "ru", "DATE", "199"),
    ("The ceasefire holds for now.", "en", "DATE", "PRESENT_REF"),
])
def test_durations_sets_and_others(text, lang, tag_, value):
    t = one(text, lang)
    assert (t.tag, t.value) == (tag_, value)


def test_offsets_slice_text_with_unicode():
    text = "Премьер-министр заявил 12 ноября 2025 года — «в этом году» — что…"
    found = tag(text, "ru")
    assert [t.text for t in found] == ["12 ноября 2025 года", "этом году"]


def test_without_anchor_relative_is_unanchored():
    found = {t.text: t for t in tag("Yesterday, not on 5 May 2020, they met.", anchor=None)}
    assert found["Yesterday"].value is None and found["Yesterday"].anchored is False
    assert found["Yesterday"].reason == "no document date"
    assert found["5 May 2020"].value == "2020-05-05" and found["5 May 2020"].anchored


def test_anchor_timexes_resolves_later():
    text = "The accord was signed on Tuesday and ratified last year, in 2019."
    found = tag(text, anchor=None)
    assert [t.anchored for t in found] == [False, False, True]
    fixed = anchor_timexes(found, anchor=dt.date(2025, 11, 12), text=text, lang="en")
    assert [t.value for t in fixed] == ["2025-11-11", "2024", "2019"]
    assert all(t.anchored for t in fixed)
    assert fixed[2] is found[2]


@pytest.mark.parametrize("text", [
    "Talks were set for 31 February 2025.",
    "Встреча назначена на 31 февраля 2025 года.",
])
def test_invalid_date_has_reason(text):
    t = one(text, "ru" if "Встреча" in text else "en")
    assert t.value is None and t.reason and "invalid" in t.reason


def test_weekday_contradicting_date_keeps_date_with_low_confidence():
    t = one("The meeting took place on Monday, 12 November 2025.")
    assert t.value == "2025-11-12"
    assert t.confidence < 0.5 and "weekday" in t.reason
    consistent = one("The meeting took place on Wednesday, 12 November 2025.")
    assert consistent.reason is None and consistent.confidence > t.confidence


@pytest.mark.parametrize("text", [
    "", "year 0", "the year 99999", "99999 BC", "no verb here 12", "???", "—",
    ", ".join(f"item {i}" for i in range(100)),
    ", ".join(f"{i} May" for i in range(1, 101)),
    " ".join(["Monday"] * 100),
])
def test_bad_input_does_not_crash(text):
    for lang in ("en", "ru", "xx"):
        tag(text, lang)
        tag(text, lang, anchor=None)


def test_unknown_language_gives_nothing():
    assert find_timexes("12 ноября 2025", lang="kk", anchor=ANCHOR, doc_id="x") == []


def test_component_uses_publication_date():
    from communique.components.segment import Segmenter
    from communique.pipeline import Doc
    from communique.records import Document

    docs = []
    for lang, text in (("en", "The minister arrived yesterday and will leave on Friday."),
                       ("ru", "Министр прибыл вчера и уедет в пятницу.")):
        docs.append(Doc(Document(id=lang, source="t", url=None, outlet=None, attribution=None,
                                 title=None, language=lang, published="2025-11-12",
                                 date_source="metadata", sha256="", n_chars=len(text), text=text)))
    Segmenter()(docs)
    tagger = TimexTagger()
    assert (tagger.name, tagger.version, tagger.requires, tagger.assigns) == \
        ("timex", "1", ("sentences",), ("timexes",))
    tagger(docs)
    for doc in docs:
        assert [t.value for t in doc.timexes] == ["2025-11-11", "2025-11-14"]
        assert all(t.doc == doc.id and t.extractor == "timex@1" for t in doc.timexes)


def test_capitalised_word_inside_a_name_is_not_a_date():
    assert values("He spoke to Kazakhstan Today about the plan.") == {}
    assert values("Today the talks end.") == {"Today": "2025-11-12"}


def test_sentence_full_stop_is_not_part_of_the_expression():
    assert [t.text for t in tag("Выборы назначены на 3 декабря.", "ru")] == ["3 декабря"]
    assert [t.text for t in tag("The vote is on Nov. 30.")] == ["Nov. 30"]


@pytest.mark.parametrize("text,lang,expected", [
    ("Growth slowed in the first half of 2025.", "en", {"the first half of 2025": "2025-H1"}),
    ("Весной следующего года начнется стройка.", "ru", {"Весной следующего года": "2026-SP"}),
    ("В конце прошлого года цены выросли.", "ru", {"конце прошлого года": "2024"}),
    ("The summit is held every two years.", "en", {"every two years": "P2Y"}),
    ("The council meets every Thursday.", "en", {"every Thursday": "XXXX-WXX-4"}),
    ("He is 65 years old.", "en", {}),
    ("Some 1,500 people attended.", "en", {}),
])
def test_more_expressions(text, lang, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize("text,lang,value", [
    ("They met at Thanksgiving.", "en", "2024-11-28"),
    ("They will meet at Christmas.", "en", "2025-12-25"),
    ("Парад прошел в День Победы.", "ru", "2025-05-09"),
])
def test_holidays(text, lang, value):
    assert one(text, lang).value == value


@pytest.mark.parametrize("text", [
    "one two three four " * 2000,
    "Monday, " * 3000,
    "в среду будет " * 3000,
    "12 November 2025 - " * 1000,
])
def test_long_pathological_input_stays_fast(text):
    import time

    started = time.perf_counter()
    for lang in ("en", "ru"):
        find_timexes(text, lang=lang, anchor=ANCHOR, doc_id="t")
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("text,expected", [
    ("The treaty dates from nineteen ninety-six.", {"nineteen ninety-six": "1996"}),
    ("Debts must be repaid by the year two thousand.", {"the year two thousand": "2000"}),
    ("The deal should close by year-end.", {"year-end": "2025"}),
    ("Output fell for the fiscal year, the ministry said.", {"the fiscal year": "2025"}),
    ("Exports rose through the end of the year.", {"the end of the year": "2025"}),
    ("Fighting eased over the summer.", {"the summer": "2025-SU"}),
    ("Prices peaked this past spring.", {"this past spring": "2025-SP"}),
    ("Growth picked up in the second half.", {"the second half": "2025-H2"}),
    ("The accord was signed in May.", {"May": "2025-05"}),
    ("Rebels fought on for 2 1/2 years.", {"2 1/2 years": "P2Y6M"}),
    ("The truce will hold for two more weeks.", {"two more weeks": "P2W"}),
    ("Talks lasted about three days.", {"three days": "P3D"}),
    ("Unrest spread through the nineties.", {"the nineties": "199"}),
    ("The port was founded in 1898.", {"1898": "1898"}),
    ("Current rules stay in place in the near future.", {"Current": "PRESENT_REF",
                                                          "the near future": "FUTURE_REF"}),
])
def test_tempeval_conventions(text, expected):
    assert values(text) == expected


def test_between_years_are_two_dates_and_adjectival_article_is_left_out():
    assert values("Output doubled between 2015 and 2020.") == {"2015": "2015", "2020": "2020"}
    assert [t.text for t in tag("The 14-day truce held.")] == ["14-day"]


def test_that_year_takes_the_last_named_date_and_needs_one():
    assert values("The plant opened in June 2019 and closed later that year.") == \
        {"June 2019": "2019-06", "later that year": "2019"}
    assert values("Trade grew that year.") == {}


def test_weekday_named_on_its_own_day_is_the_anchor_even_in_the_future():
    assert one("The envoy will arrive Wednesday.").value == "2025-11-12"
    assert one("The envoy will arrive next Wednesday.").value == "2025-11-19"


@pytest.mark.parametrize("text,value", [
    ("Bombs went off next to the embassy on Tuesday.", "2025-11-11"),  # "next to" is a place
    ("After touring the port Tuesday, he praised the effective cooperation.", "2025-11-11"),
    ("The board named a new chief, effective Feb. 1.", "2026-02-01"),
    ("The court postponed the hearing until Tuesday morning.", "2025-11-18"),
    ("A memorial planned at the university for Monday was cancelled.", "2025-11-10"),
    ("The offer had been scheduled to expire at midnight Friday.", "2025-11-07T24"),
    ("In February, the firm hired a chief executive, who will remain chairman.", "2025-02"),
])
def test_tense_cues(text, value):
    assert one(text).value == value


def test_possessive_weekday_reports_a_past_event():
    assert values("Critics would look for ways around Monday's ruling.") == {"Monday": "2025-11-10"}
    assert values("Critics will look for ways around the ruling on Monday.") == \
        {"Monday": "2025-11-17"}


@pytest.mark.parametrize("text,expected", [
    ("Protesters joined the annual March for Life.", {}),
    ("She led the March of the Mothers.", {}),
    ('Baker said on ABC\'s "This Week," that talks failed.', {}),
    ("He said on CBS's ''60 Minutes.'' that he would stay.", {}),
    ("``Last week we met,'' he said.", {"Last week": "2025-W45"}),
    ("It is important to the future of our peoples.", {}),
    ("The quarter-to-quarter comparison improved.", {}),
])
def test_names_titles_and_idioms_are_not_time_expressions(text, expected):
    assert values(text) == expected


def test_second_day_of_a_pair_is_a_date():
    assert values("The summit will be held on April 24 and 25.") == \
        {"April 24": "2026-04-24", "25": "2026-04-25"}


@pytest.mark.parametrize("text,expected", [
    ("Net fell in the third quarter. In the year-ago third quarter, it earned $5 million.",
     {"the third quarter": "2025-Q3", "the year-ago third quarter": "2024-Q3"}),
    ("Net fell in the third quarter. For the quarter a year ago, it earned $5 million.",
     {"the third quarter": "2025-Q3", "the quarter a year ago": "2024-Q3"}),
    ("Net fell in the third quarter, from $1 million for the corresponding period last year.",
     {"the third quarter": "2025-Q3", "the corresponding period last year": "2024-Q3"}),
    ("Net rose for the fiscal-first quarter, up from $2 million a year ago.",
     {"the fiscal-first quarter": "2025-Q1", "a year ago": "2024-Q1"}),
    ("Net fell in the third quarter. For the nine months, net was $9 million, against "
     "$8 million a year earlier.",
     {"the third quarter": "2025-Q3", "the nine months": "P9M", "a year earlier": "2024"}),
])
def test_quarter_comparisons(text, expected):
    assert values(text) == expected


def test_following_and_previous_units_count_from_the_last_named_date():
    assert values("On May 22, 1995, he was promoted, and the following year he retired.") == \
        {"May 22, 1995": "1995-05-22", "the following year": "1996"}
    assert values("It sold a unit in March 2020. The following month, it sold another.") == \
        {"March 2020": "2020-03", "The following month": "2020-04"}
    assert values("The following day was quiet.") == {"The following day": "2025-11-13"}
    assert values("On Dec. 31, 9999 they met; the following day they left.")["the following day"]


def test_component_lets_a_future_cue_before_the_expression_outrank_the_parse():
    from communique.components.segment import Segmenter
    from communique.pipeline import Doc
    from communique.records import Document

    texts = ["The board named a new chief, effective Feb. 1.",
             "The agency postponed the ruling until Tuesday morning."]
    docs = [Doc(Document(id=str(i), source="t", url=None, outlet=None, attribution=None,
                         title=None, language="en", published="2025-11-12",
                         date_source="metadata", sha256="", n_chars=len(text), text=text))
            for i, text in enumerate(texts)]
    Segmenter()(docs)
    TimexTagger()(docs)
    assert [[t.value for t in d.timexes] for d in docs] == [["2026-02-01"], ["2025-11-18"]]


@pytest.mark.parametrize("text,expected", [
    ("Shares rose at mid-afternoon yesterday.", {"mid-afternoon yesterday": "2025-11-11TAF"}),
    ("By mid afternoon, the shelling had stopped.", {"mid afternoon": "2025-11-12TAF"}),
    ("They want him back as soon as possible.", {"as soon as possible": "FUTURE_REF"}),
])
def test_parts_of_day_and_vague_references(text, expected):
    assert values(text) == expected

import pytest

from communique.ingest.metadata import find_dateline, find_outlet, find_title, parse_date


@pytest.mark.parametrize("text,expected", [
    ("date 2024-03-05 The ministers met.", "2024-03-05"),
    ("Tashkent, 14 March 2025 — The two presidents", "2025-03-14"),
    ("Ankara, Feb 3, 2024 - Talks opened", "2024-02-03"),
    ("5 апреля 2023 г. Делегации встретились", "2023-04-05"),
    ("The ministers met on 5 April.", None),
])
def test_dateline(text, expected):
    assert find_dateline(text) == expected


def test_parse_date_rejects_impossible_dates():
    assert parse_date("31.02.2025") is None
    assert parse_date("31 February 2025") is None


def test_outlet_that_cites_an_origin():
    text = "The ministers signed a trade pact on Monday, Baltic Wire Agency cites the Foreign Ministry."
    assert find_outlet(text, "en") == ("Baltic Wire Agency", "Foreign Ministry")


def test_russian_outlet_and_attribution():
    text = "Стороны подписали соглашение о транзите, передает Степной Вестник со ссылкой на Минтранс."
    assert find_outlet(text, "ru") == ("Степной Вестник", "Минтранс")


def test_press_service_is_an_attribution_not_an_outlet():
    text = "Riga, Northern Ledger: The leaders met, the Chancellery press service reported."
    assert find_outlet(text, "en") == ("Northern Ledger", "Chancellery press service")


def test_title_versus_section_heading():
    assert find_title("Poland and Germany Open a New Border Bridge\n\nThe bridge opened.", "en") \
        == "Poland and Germany Open a New Border Bridge"
    assert find_title("Energy Sector\n\nThe parties agreed to expand gas supply.", "en") is None
    assert find_title("The parties agreed to expand gas supply.\n\nMore text.", "en") is None
    assert find_title("date 2025-01-01\n\nBody text here.", "en") is None
    assert find_title("Энергетика\n\nСтороны договорились.", "ru") is None
    assert find_title("Президенты подписали декларацию о партнерстве\n\nТекст.", "ru") is not None


def test_outlet_reports_at_the_end_and_according_to():
    text = ("Geneva, 2 May 2025 — The envoys met for six hours, according to the Swiss Federal "
            "Department of Foreign Affairs, Alpine Courier reports.")
    assert find_outlet(text, "en") == ("Alpine Courier", "Swiss Federal Department of Foreign Affairs")


def test_outlet_citing_a_press_service_of():
    text = "Danube Today, citing the press service of the President of Serbia, said the talks ended."
    assert find_outlet(text, "en") == ("Danube Today", "press service of the President of Serbia")


def test_quoted_russian_outlet_and_press_service_in_nominative():
    text = "Стороны подписали пять документов, сообщает «Северный курьер» со ссылкой на пресс-службу МИД Норвегии."
    assert find_outlet(text, "ru") == ("Северный курьер", "пресс-служба МИД Норвегии")


def test_dateline_after_the_title():
    assert find_dateline("Leaders meet\n\nOslo, 3 June 2025 — The leaders met.") == "2025-06-03"
    assert find_dateline("date 2025-06-03\nLeaders meet\n\nBody.") == "2025-06-03"
    assert find_dateline("Leaders meet\n\nThe leaders met on 3 June 2025 in Oslo.") is None

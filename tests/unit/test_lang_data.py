"""The shared loader of per-language data files, and the component loaders built on it."""
from __future__ import annotations

import importlib
import json

import pytest

from communique import lang as lang_data
from communique.errors import CommuniqueError
from communique.lang import LanguageDataError, data_file, language_code


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "words_en.json").write_text(json.dumps({"hello": "привет"}), encoding="utf-8")
    (tmp_path / "words_kaz.json").write_text('{"three": 3}', encoding="utf-8")
    anchor = tmp_path / "module.py"
    anchor.write_text("", encoding="utf-8")
    yield tmp_path, anchor
    lang_data.clear_cache()


def test_reads_utf8_json_beside_the_anchor_file(folder):
    tmp, anchor = folder
    assert data_file(anchor, "words_{lang}.json", "en") == {"hello": "привет"}
    assert data_file(str(anchor), "words_{lang}.json", "kaz") == {"three": 3}  # ISO 639-3
    assert data_file(tmp, "words_{lang}.json", "en") == {"hello": "привет"}  # a folder anchor


def test_module_anchor():
    module = importlib.import_module("communique.corpus.cues")
    assert data_file(module, "cues_{lang}.json", "en") is not None


def test_code_is_lower_cased(folder):
    _, anchor = folder
    assert data_file(anchor, "words_{lang}.json", "EN") == {"hello": "привет"}
    assert language_code("Ru") == "ru"


def test_missing_language_is_no_data(folder):
    _, anchor = folder
    assert data_file(anchor, "words_{lang}.json", "fr") is None
    assert data_file(anchor, "nothing_{lang}.json", "en") is None


@pytest.mark.parametrize("code", ["", "../x", "..", "e", "engl", "en-US", "en_", "e1", "é", "ен",
                                  None, 12, " en", "en/../en"])
def test_bad_code_is_no_data_never_a_path(folder, code):
    tmp, anchor = folder
    (tmp / "words_.json").write_text("{}", encoding="utf-8")  # what an empty code would reach
    assert language_code(code) is None
    assert data_file(anchor, "words_{lang}.json", code) is None


def test_pattern_cannot_leave_the_anchor_folder(folder):
    tmp, anchor = folder
    sub = tmp / "sub"
    sub.mkdir()
    assert data_file(sub, "../words_{lang}.json", "en") is None
    with pytest.raises(ValueError, match="placeholder"):
        data_file(anchor, "words.json", "en")


def test_malformed_json_names_the_file(folder):
    tmp, anchor = folder
    (tmp / "broken_en.json").write_text('{"a": 1,', encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"broken_en\.json.*malformed JSON.*line 1") as err:
        data_file(anchor, "broken_{lang}.json", "en")
    # a numbered user-facing error (the CLI prints it as one line), still a ValueError
    assert isinstance(err.value, CommuniqueError) and isinstance(err.value, ValueError)
    assert err.value.code == "E104" and str(err.value).startswith("[E104] ")
    assert "\n" not in str(err.value)


def test_not_utf8_or_not_an_object_names_the_file(folder):
    tmp, anchor = folder
    (tmp / "latin_en.json").write_bytes('{"a": "caf\u00e9"}'.encode("latin-1"))
    (tmp / "list_en.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"latin_en\.json.*UTF-8"):
        data_file(anchor, "latin_{lang}.json", "en")
    with pytest.raises(LanguageDataError, match=r"list_en\.json.*not an object"):
        data_file(anchor, "list_{lang}.json", "en")


def test_read_once_then_cached(folder):
    tmp, anchor = folder
    first = data_file(anchor, "words_{lang}.json", "en")
    (tmp / "words_en.json").write_text('{"changed": true}', encoding="utf-8")
    assert data_file(anchor, "words_{lang}.json", "en") is first
    assert data_file(tmp, "words_{lang}.json", "EN") is first  # one read per file
    lang_data.clear_cache()
    assert data_file(anchor, "words_{lang}.json", "en") == {"changed": True}


def test_package_resources_keep_their_interface():
    assert lang_data.load("en", "metadata")
    assert lang_data.load("xx", "metadata") == {}
    assert lang_data.load("../en", "metadata") == {}
    assert lang_data.load("en", "../ru/metadata") == {}


def test_component_loaders_keep_their_interface():
    from communique.components.commitments.lexicon import Lexicon as CommitmentLexicon
    from communique.components.commitments.lexicon import load_lexicon
    from communique.components.events.roles import Lexicon as TriggerLexicon
    from communique.components.events.roles import lexicon
    from communique.components.timex.rules import Language, load_language
    from communique.corpus.cues import cues

    for code in ("en", "ru"):
        assert isinstance(lexicon(code), TriggerLexicon)
        assert isinstance(load_language(code), Language)
        assert isinstance(load_lexicon(code), CommitmentLexicon)
        assert cues(code) and isinstance(cues(code), dict)
    assert cues("en-GB") == cues("en")  # the first two letters name the language
    for bad in ("xx", "../en", ""):
        assert lexicon(bad) is None
        assert load_language(bad) is None
        assert load_lexicon(bad) is None
        assert cues(bad) == {}
    assert cues(None) == {}

from communique.components.segment import Segmenter, paragraphs
from tests.conftest import make_doc

EN = ("Border Talks\n\nThe ministers met in Vilnius on Monday. They signed two documents.\n"
      "- Agreement on rail freight;\n- Memorandum on customs.")
RU = "Переговоры\n\nМинистры встретились в Вильнюсе. Они подписали два документа."


def test_paragraphs_skip_blank_lines():
    assert paragraphs("a\n\n b \nc") == [(0, 1), (4, 5), (7, 8)]


def test_sentences_slice_the_text_and_never_cross_lines():
    docs = [make_doc(EN), make_doc(RU, lang="ru", doc_id="d2")]
    Segmenter()(docs)
    for doc in docs:
        assert doc.sentences and doc.tokens
        for sent in doc.sentences:
            assert doc.text[sent.start:sent.end] == sent.text and "\n" not in sent.text
        for token in doc.tokens:
            assert doc.text[token.start:token.end] == token.text
    assert [s.text for s in docs[0].sentences][:3] == [
        "Border Talks", "The ministers met in Vilnius on Monday.", "They signed two documents."]
    assert len(docs[0].sentences) == 5 and len(docs[1].sentences) == 3
    assert "spacy" in docs[0].extras and "natasha" in docs[1].extras
    assert any(t.lemma == "встретиться" for t in docs[1].tokens)


def test_unsupported_language_falls_back_to_razdel():
    doc = make_doc("Один. Два три.", lang="uk")
    Segmenter()([doc])
    assert [s.text for s in doc.sentences] == ["Один.", "Два три."]


def test_blank_russian_text_gives_no_sentences():
    doc = make_doc("   \n  ", lang="ru")
    Segmenter()([doc])
    assert doc.sentences == [] and doc.tokens == []

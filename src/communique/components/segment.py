"""Sentences and tokens with character offsets, per language.

English: spaCy ``en_core_web_sm`` (the parsed spaCy Doc is kept in ``doc.extras["spacy"]`` so later
components reuse the parse). Russian: razdel for sentences and tokens, natasha for morphology,
syntax and NER (kept in ``doc.extras["natasha"]``). Other languages: razdel, which splits on
punctuation in any script.
"""
from __future__ import annotations

import re

from .. import models
from ..pipeline import Doc, Token
from ..records import Sentence

# a line break between paragraphs always ends a sentence; headings have no final stop
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-–•*]\s)|\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank line spans (start, end) of the text."""
    spans, pos = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return out


class Segmenter:
    name = "segment"
    version = "1"
    requires = ("document",)
    assigns = ("sentences", "tokens")

    def __init__(self, batch_size: int = 16):
        self.batch_size = batch_size

    def __call__(self, docs: list[Doc]) -> None:
        english = [d for d in docs if d.lang == "en"]
        for doc in docs:
            if doc.lang != "en":
                self._razdel(doc)
        if english:
            self._spacy(english)

    def _spacy(self, docs: list[Doc]) -> None:
        nlp = models.spacy_en()
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=self.batch_size)):
            doc.extras["spacy"] = parsed
            doc.tokens = [Token(t.idx, t.idx + len(t.text), t.text, t.lemma_, t.pos_)
                          for t in parsed if not t.is_space]
            doc.sentences = _sentences(doc, _spacy_bounds(parsed, doc.text))

    def _razdel(self, doc: Doc) -> None:
        from razdel import sentenize, tokenize

        bounds = []
        for para_start, para_end in paragraphs(doc.text):
            for sent in sentenize(doc.text[para_start:para_end]):
                bounds.append((para_start + sent.start, para_start + sent.stop))
        doc.sentences = _sentences(doc, bounds)
        doc.tokens = []
        for sent in doc.sentences:
            doc.tokens.extend(Token(sent.start + t.start, sent.start + t.stop, t.text)
                              for t in tokenize(sent.text))
        if doc.lang == "ru" and doc.tokens:
            _natasha_parse(doc)


def _spacy_bounds(parsed, text: str) -> list[tuple[int, int]]:
    """spaCy's sentences, never crossing a line break (headings and list items stand alone)."""
    bounds = []
    for para_start, para_end in paragraphs(text):
        span = parsed.char_span(para_start, para_end, alignment_mode="expand")
        if span is None:
            bounds.append((para_start, para_end))
            continue
        for sent in span.sents:
            bounds.append((max(sent.start_char, para_start), min(sent.end_char, para_end)))
    return bounds


def _sentences(doc: Doc, bounds: list[tuple[int, int]]) -> list[Sentence]:
    out = []
    for start, end in bounds:
        chunk = doc.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        start, end = start + lead, start + len(chunk.rstrip())
        if end > start:
            out.append(Sentence(doc=doc.id, index=len(out), start=start, end=end,
                                text=doc.text[start:end]))
    return out


def _natasha_parse(doc: Doc) -> None:
    """Morphology, syntax and NER over the razdel tokens, kept for later components."""
    nat = models.natasha()  # first: it aliases pymorphy2 before natasha is imported
    from natasha import Doc as NDoc

    ndoc = NDoc(doc.text)
    ndoc.segment(nat.segmenter)
    ndoc.tag_morph(nat.morph)
    ndoc.parse_syntax(nat.syntax)
    ndoc.tag_ner(nat.ner)
    for token in ndoc.tokens:
        token.lemmatize(nat.morph_vocab)
    doc.extras["natasha"] = ndoc
    lemmas = {t.start: (t.lemma, t.pos) for t in ndoc.tokens}
    for token in doc.tokens:
        lemma, pos = lemmas.get(token.start, ("", ""))
        token.lemma, token.pos = lemma or token.text.lower(), pos or ""

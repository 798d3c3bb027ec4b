"""Corrections of natasha's Russian spans, by general rules of how names are written.

- A name never runs over a line break (headlines have no final stop): "Нарухито\\nВерхняя" is cut.
- A person's name does not include a title or other common noun before it: "Император Акихито".
- An organisation followed by the name of the country, region or parent body it belongs to, in the
  genitive, is one name: "Верховный суд" + "Бангладеша", "ГУ" + "МЧС" + "России".
- "Name (Other name)" is two mentions: "Комитет защиты журналистов (КЗЖ)", "Джоэл Саймон (Joel Simon)".
- A generic word before a quoted name is not part of it: "Концерн «Майкрософт»" -> "Майкрософт".
- Words listed as not names (``ru_not_names.txt``: "СМИ") are dropped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .normalize import person_nominative, ru_lemma, russian_normal
from .resources import ru_not_names, ru_po_stop, ru_quote_triggers

_QUOTES = "«»\"„“”"


@dataclass
class Word:
    start: int
    end: int
    normal: str


@dataclass
class NatashaSpan:
    kind: str
    words: list[Word]

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    def normal(self, text: str) -> str:
        out = self.words[0].normal
        for prev, word in zip(self.words, self.words[1:]):
            out += text[prev.end:word.start].replace("\n", " ") + word.normal
        return out


def natasha_spans(ndoc: Any, vocab: Any, text: str) -> list[NatashaSpan]:
    spans = [_without_person_head(_words(s, vocab), s, text) for s in ndoc.spans
             if s.type in ("PER", "ORG", "LOC")]
    out: list[NatashaSpan] = []
    for span in spans:
        for part in _split_lines(span, text):
            out.extend(_split_parens(part, text))
    out = [_close_quote(s, text) for s in (_trim(s, text) for s in out) if s is not None]
    out = [s for s in out if text[s.start:s.end] not in ru_not_names()]
    return _merge_genitive(out, ndoc, text)


def _words(span: Any, vocab: Any) -> NatashaSpan:
    tokens = list(span.tokens)
    normal = russian_normal(span, vocab).split(" ")
    if len(normal) != len(tokens):
        normal = [t.text for t in tokens]
    if span.type in ("ORG", "LOC"):  # words after a preposition keep their case ("по русскому языку")
        for k, token in enumerate(tokens[1:], 1):
            if token.pos == "ADP" or token.text.lower() in ("им", "им."):
                normal = normal[:k] + [t.text for t in tokens[k:]]
                break
    if span.type == "PER" and tokens:
        feats = tokens[0].feats or {}
        agreed = person_nominative([t.text for t in tokens], case=feats.get("Case"), gender=feats.get("Gender"))
        if agreed:
            normal = [_keep_yo(a, t.text) for a, t in zip(agreed, tokens)]
    return NatashaSpan(span.type, [Word(t.start, t.stop, n) for t, n in zip(tokens, normal)])


def _keep_yo(word: str, surface: str) -> str:
    """pymorphy writes "Пётр"; keep "е" where the text has no "ё"."""
    return word if "ё" in surface.lower() else word.replace("ё", "е").replace("Ё", "Е")


def _without_person_head(span: NatashaSpan, natasha_span: Any, text: str) -> NatashaSpan:
    """"Исследователи Брукхейвенской национальной лаборатории": a noun for people, capitalised only
    by its place in the sentence, heading an organisation or place is not part of its name."""
    tokens = list(natasha_span.tokens)
    if span.kind == "PER" or len(tokens) < 2 or len(span.words) != len(tokens):
        return span
    first = tokens[0]
    feats = first.feats or {}
    if first.pos == "NOUN" and feats.get("Animacy") == "Anim" and (tokens[1].feats or {}).get("Case") == "Gen" \
            and (first.text.islower() or _sentence_initial(text, first.start)):
        return NatashaSpan(span.kind, span.words[1:])
    return span


def _split_lines(span: NatashaSpan, text: str) -> list[NatashaSpan]:
    parts, current = [], [span.words[0]]
    for prev, word in zip(span.words, span.words[1:]):
        if "\n" in text[prev.end:word.start]:
            parts.append(current)
            current = []
        current.append(word)
    parts.append(current)
    return [NatashaSpan(span.kind, p) for p in parts]


def _split_parens(span: NatashaSpan, text: str) -> list[NatashaSpan]:
    """"A (B)" or "A (B" -> A, B and "A, B" -> A, B (a name and its abbreviation or translation);
    a stray bracket at either end is dropped by _trim."""
    opens = [i for i, w in enumerate(span.words) if text[w.start:w.end] == "("]
    closes = [i for i, w in enumerate(span.words) if text[w.start:w.end] == ")"]
    if len(opens) == 1 and opens[0] > 0 and closes in ([], [len(span.words) - 1]):
        i = opens[0]
        parts = [span.words[:i], span.words[i + 1:len(span.words) - len(closes)]]
        return [c for p in parts if p for c in _split_commas(NatashaSpan(span.kind, p), text)]
    return _split_commas(span, text) if not opens and not closes else [span]


def _split_commas(span: NatashaSpan, text: str) -> list[NatashaSpan]:
    commas = [i for i, w in enumerate(span.words) if text[w.start:w.end] == ","]
    if span.kind not in ("ORG", "LOC") or not commas or commas[0] == 0 or commas[-1] == len(span.words) - 1:
        return [span]
    bounds = [-1, *commas, len(span.words)]
    return [NatashaSpan(span.kind, span.words[a + 1:b]) for a, b in zip(bounds, bounds[1:]) if b > a + 1]


def _is_punct(text: str, word: Word) -> bool:
    return not any(ch.isalnum() for ch in text[word.start:word.end])


def _trim(span: NatashaSpan, text: str) -> NatashaSpan | None:
    words = list(span.words)
    while words and _is_punct(text, words[-1]) and (text[words[-1].start] not in _QUOTES + "."
                                                    or _sentence_stop(words, text)):
        words.pop()
    while words and _is_punct(text, words[0]) and text[words[0].start] not in _QUOTES:
        words.pop(0)
    words = _trim_quote_head(words, text)
    if span.kind == "PER":
        while len(words) > 1 and _common_noun(text[words[0].start:words[0].end]):
            words.pop(0)
    if len(words) == 1 and span.kind in ("PER", "LOC") and _sentence_initial(text, words[0].start) \
            and _common_noun(text[words[0].start:words[0].end]):
        return None  # a sentence-initial "Президенты" is not a place
    words = _balance_quotes(words, text)
    if not words or not any(ch.isalpha() for w in words for ch in text[w.start:w.end]):
        return None
    return NatashaSpan(span.kind, words)


def _sentence_stop(words: list[Word], text: str) -> bool:
    """A final "." after a word of four letters or more ends the sentence, not an abbreviation."""
    return text[words[-1].start:words[-1].end] == "." and len(words) > 1 \
        and sum(ch.isalpha() for ch in text[words[-2].start:words[-2].end]) >= 4


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t«\"„“(")
    return not before or before[-1] in ".!?\n…"


def _close_quote(span: NatashaSpan, text: str) -> NatashaSpan:
    """Take in the closing quote natasha left out: "центр «Центральная Азия" + "»"."""
    inside = text[span.start:span.end]
    if inside.count("«") > inside.count("»") and text[span.end:span.end + 1] == "»":
        return NatashaSpan(span.kind, span.words + [Word(span.end, span.end + 1, "»")])
    if inside.count('"') % 2 and inside[:1] != '"' and inside[-1:] != '"' and text[span.end:span.end + 1] == '"':
        return NatashaSpan(span.kind, span.words + [Word(span.end, span.end + 1, '"')])  # РИА "Новости"
    return span


def _balance_quotes(words: list[Word], text: str) -> list[Word]:
    """Drop a quote at the edge that has no partner inside the span."""
    inside = "".join(text[w.start:w.end] for w in words)
    if words and text[words[-1].start] in "»”" and "«" not in inside and "“" not in inside:
        words = words[:-1]
    if words and text[words[0].start] in "«„“" and "»" not in inside and "”" not in inside:
        words = words[1:]
    if words and inside.count('"') % 2:  # an ASCII quote with no partner: drop it where it is at an edge
        if text[words[-1].start:words[-1].end] == '"':
            words = words[:-1]
        elif text[words[0].start:words[0].end] == '"':
            words = words[1:]
    return words


def _common_noun(word: str) -> bool:
    """A word that is a common noun in every reading (a title: "Император", "Мадам")."""
    from ... import models

    if not word[:1].isalpha() or word.isupper():
        return False
    parses = models.morph_ru().parse(word)
    return bool(parses) and all(p.is_known and p.tag.POS == "NOUN"
                                and not ({"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes)
                                for p in parses)


def _trim_quote_head(words: list[Word], text: str) -> list[Word]:
    """["Концерн", "«", "Майкрософт", "»"] -> ["Майкрософт"]."""
    for i, word in enumerate(words[:3]):
        if text[word.start] == "«" and i > 0 and text[words[-1].start] == "»":
            head = text[words[0].start:words[0].end]
            if head.isupper() or ru_lemma(head) in ru_quote_triggers():
                return words[i + 1:-1]
    return words


def _merge_genitive(spans: list[NatashaSpan], ndoc: Any, text: str) -> list[NatashaSpan]:
    """ORG + ORG/LOC in the genitive, or ORG + "по" + LOC, is one organisation."""
    cases = {t.start: (t.feats or {}).get("Case") for t in ndoc.tokens}
    out: list[NatashaSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        gap = text[prev.end:span.start] if prev else ""
        if prev and prev.kind == "ORG" and span.kind in ("ORG", "LOC") and (
                (gap == " " and _genitive(span, text, cases)) or (gap == " по " and span.kind == "LOC")):
            tail = [Word(w.start, w.end, text[w.start:w.end]) for w in span.words]
            out[-1] = NatashaSpan("ORG", prev.words + [Word(prev.end + 1, span.start - 1, "по")] * (gap != " ")
                                  + tail)
        else:
            out.append(span)
    return [_extend_po(s, ndoc, text) if s.kind == "ORG" else s for s in out]


def _extend_po(span: NatashaSpan, ndoc: Any, text: str) -> NatashaSpan:
    """"Комиссия" + "по периодическому пересмотру дел": a dative phrase, then genitives."""
    first = text[span.words[0].start:span.words[0].end]
    if first.isupper() or text[span.end:span.end + 4] != " по ":
        return span
    index = _token_index(ndoc)
    i = index.get(span.end + 4)
    if i is None:
        return span
    tokens = ndoc.tokens
    taken = _noun_phrase(tokens, i, "Dat")
    if not taken or ru_lemma(tokens[i + taken - 1].text) in ru_po_stop():
        return span
    j = i + taken
    while (more := _noun_phrase(tokens, j, "Gen")) and text[tokens[j - 1].stop:tokens[j].start] == " ":
        j += more
    words = [Word(span.end + 1, span.end + 3, "по")]
    words += [Word(t.start, t.stop, t.text) for t in tokens[i:j]]
    return NatashaSpan("ORG", span.words + words)


def _noun_phrase(tokens: list, i: int, case: str) -> int:
    """Length of adjectives + one noun in ``case`` from token i (lower-case words only), or 0."""
    j = i
    while j < len(tokens) and tokens[j].pos == "ADJ" and _case(tokens[j]) == case and tokens[j].text.islower():
        j += 1
    if j < len(tokens) and tokens[j].pos == "NOUN" and _case(tokens[j]) == case and tokens[j].text.islower():
        return j + 1 - i
    return 0


def _case(token: Any) -> str | None:
    return (token.feats or {}).get("Case")


def _token_index(ndoc: Any) -> dict[int, int]:
    cached = getattr(ndoc, "_ner_index", None)
    if cached is None:
        cached = {t.start: i for i, t in enumerate(ndoc.tokens)}
        try:
            ndoc._ner_index = cached
        except AttributeError:
            pass
    return cached


def _genitive(span: NatashaSpan, text: str, cases: dict[int, str | None]) -> bool:
    surface = text[span.start:span.end]
    if surface.isupper() and len(surface) <= 6:  # "США", "РАН": indeclinable abbreviations
        return True
    head = span.words[-1] if span.kind == "LOC" else span.words[0]
    return cases.get(head.start) == "Gen"

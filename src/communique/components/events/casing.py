"""Headline-style capitals: "Leader Visits Neighbour to Deepen Ties" read as a sentence.

English headlines are often written in title case. The parser then takes every capitalised word
for a proper noun and the sentence encoder sees other tokens than in running text, so the event
classifier (trained on sentence-case text) misreads them. :func:`sentence_cased` lowers the
capitals of ordinary words of a title-case text and keeps those of known names (the knowledge
base's gazetteer, person surnames and demonyms), acronyms and the first word. The result has the
same length as the input, so character offsets hold.

Only languages whose headlines use title case are touched (``TITLE_CASE_LANGS``).
"""
from __future__ import annotations

import functools
import re

TITLE_CASE_LANGS = frozenset({"en"})
WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")
# a plain capitalised word, hyphenated parts included ("Build-Up"); not "McDonald" or "iPhone"
PLAIN_CAPITALISED = re.compile(r"[A-Z][a-z'’]*(?:-[A-Za-z][a-z'’]*)*")
MIN_LONG_WORDS = 3      # words of 4+ letters after the first word, names left out
TITLE_SHARE = 0.75      # share of those that start with a capital
# longer function words that some headline styles leave in lower case; not counted either way
FUNCTION_WORDS = frozenset({
    "with", "from", "into", "onto", "over", "amid", "after", "about", "than", "that", "this",
    "upon", "near", "under", "against", "between", "without", "before", "during", "while", "since",
    "their", "them", "they", "will", "have", "been", "were", "says", "said"})


@functools.lru_cache(maxsize=None)
def _names(lang: str) -> tuple[frozenset[str], int]:
    """Lower-cased name phrases of the gazetteer, person-name words and demonyms; longest length."""
    from ...kb import get_kb

    kb = get_kb()
    entries = kb.gazetteer(lang)
    phrases = {surface.lower() for surface, _, _ in entries}
    phrases |= {word.lower() for surface, kind, _ in entries if kind == "PER"
                for word in surface.split() if len(word) >= 3}
    phrases |= {word for word, _ in kb.demonyms(lang)}
    longest = max((len(p.split()) for p in phrases), default=1)
    return frozenset(phrases), longest


def sentence_cased(text: str, lang: str) -> str:
    """``text`` with the capitals of ordinary words lowered when it is written in title case;
    otherwise (or in another language) ``text`` unchanged. Always the same length."""
    if lang not in TITLE_CASE_LANGS:
        return text
    words = list(WORD.finditer(text))
    if len(words) <= MIN_LONG_WORDS or not _title_case([m.group() for m in words[1:]]):
        # leaving names out only lowers the share of capitals: running text stops here, before
        # the (slower) name lookup
        return text
    keep = _name_words(words, lang)
    if not _title_case([m.group() for k, m in enumerate(words) if k and k not in keep]):
        return text
    out = list(text)
    for k, m in enumerate(words):
        word = m.group()
        if k == 0 or k in keep or len(word) == 1 or not PLAIN_CAPITALISED.fullmatch(word):
            continue
        out[m.start():m.end()] = word.lower()
    result = "".join(out)
    return result if len(result) == len(text) else text


def is_title_case(text: str, lang: str) -> bool:
    """Whether :func:`sentence_cased` would change ``text``."""
    return sentence_cased(text, lang) != text


def _title_case(words: list[str]) -> bool:
    """Most longer words (names left out) start with a capital, and they are not all capitals."""
    long = [w for w in words if len(w) >= 4 and w.lower() not in FUNCTION_WORDS]
    if len(long) < MIN_LONG_WORDS:
        return False
    capitalised = [w for w in long if w[0].isupper()]
    if len(capitalised) == len(long) and all(w.isupper() for w in long):
        return False  # all capitals: another convention (see ner.caps)
    return len(capitalised) >= TITLE_SHARE * len(long)


def _name_words(words: list[re.Match], lang: str) -> set[int]:
    """Indexes of the words that belong to a known name (longest phrase first)."""
    phrases, longest = _names(lang)
    keep: set[int] = set()
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            if " ".join(m.group() for m in words[i:i + n]).lower() in phrases:
                keep.update(range(i, i + n))
                i += n
                break
        else:
            i += 1
    return keep


def reread(lang: str, sent, words):
    """What the event coder reads for a sentence: ``(text, words, arcs)``. For a title-case
    sentence, its sentence-case form parsed again (tokens and arcs keep document offsets and the
    original token texts); otherwise the sentence text, ``words`` unchanged and ``None`` (use the
    document's parse)."""
    cased = sentence_cased(sent.text, lang)
    if cased == sent.text:
        return sent.text, words, None
    from ... import models
    from ...pipeline import Token
    from .roles import Words

    parsed = [t for t in models.spacy_en()(cased) if not t.is_space]  # English only for now
    start = sent.start
    tokens = [Token(start + t.idx, start + t.idx + len(t.text), sent.text[t.idx:t.idx + len(t.text)],
                    t.lemma_, t.pos_) for t in parsed]
    arcs = [(start + t.idx, t.dep_, start + t.head.idx, t.lemma_.lower(), t.pos_) for t in parsed]
    return cased, Words.of(tokens), arcs

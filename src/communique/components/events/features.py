"""Input features of the PLOVER classifier, shared by the component, training and evaluation.

One row per sentence, four blocks:

1. the sentence embedding (multilingual USE, 512-d);
2. the embeddings of the sentence's *predicate phrase* at the depths ``PHRASE_DEPTHS``: the
   lemmas of the main verb (or, after a reporting verb such as "said"/"заявил", of its clausal
   complement) and of its non-subject dependents down to that depth, in sentence order ("reject
   proposal hold talk", "призвать провести выбор"). Sentence embeddings mostly encode
   the topic; these blocks encode what was done, which is what the event type is about;
3. the trigger-lexicon hits, one 0/1 column per PLOVER type, scaled by ``TRIGGER_SCALE`` (the
   classifier learns how much each hit counts instead of a fixed bonus);
4. two 0/1 markers, scaled the same way: a future or intention marker of the lexicon ("will",
   "plan to", "будут", a future-tense verb: PLOVER codes announced cooperation as AGREE) and a
   negation.

The dependency parse comes from the Segmenter's ``doc.extras`` (spaCy for English, natasha for
Russian); without one the phrase is the sentence itself.
"""
from __future__ import annotations

from typing import Collection, Sequence

import numpy as np

from ...pipeline import Doc
from ...records import PLOVER_TYPES, Sentence

TRIGGER_SCALE = 0.5
EMBED_DIM = 512
N_MARKERS = 2
PHRASE_DEPTHS = (2, 1)
N_EMBEDDED = (1 + len(PHRASE_DEPTHS)) * EMBED_DIM
TRIGGER_COLUMNS = slice(N_EMBEDDED, N_EMBEDDED + len(PLOVER_TYPES))
N_FEATURES = N_EMBEDDED + len(PLOVER_TYPES) + N_MARKERS
MAX_EMBED_CHARS = 1000
PHRASE_WORDS = 10
# reporting verbs: the event is in their complement
SAY = frozenset({
    "say", "tell", "announce", "report", "state", "add", "confirm", "claim", "note", "declare",
    "сказать", "заявить", "сообщить", "отметить", "подчеркнуть", "говорить", "объявить",
    "добавить", "заявлять", "сообщать"})
SKIP_DEPS = frozenset({
    "csubj", "npadvmod", "tmod", "punct", "aux", "aux:pass", "auxpass", "det", "cc", "mark",
    "case", "appos", "nmod:tmod", "obl:tmod", "nummod", "expl", "discourse", "parataxis",
    "vocative"})
KEEP_POS = frozenset({"NOUN", "VERB", "ADJ", "ADP", "PART", "ADV"})
STOP = frozenset({
    "be", "have", "do", "the", "a", "an", "of", "on", "in", "at", "for", "to", "by", "with", "from",
    "as", "also", "then", "not", "быть", "в", "на", "по", "с", "о", "об", "к", "за", "из", "для",
    "от", "у", "также", "и"})

Head = tuple[int, str, int, str, str]  # (start, dependency, head start, lemma, pos)


def sentence_heads(doc: Doc, sent: Sentence) -> list[Head]:
    """The dependency arcs of one sentence from the Segmenter's parse (empty without one)."""
    parsed = doc.extras.get("spacy")
    if parsed is not None:
        span = parsed.char_span(sent.start, sent.end, alignment_mode="expand")
        return [(t.idx, t.dep_, t.head.idx, t.lemma_.lower(), t.pos_)
                for t in (parsed if span is None else span)
                if sent.start <= t.idx < sent.end and not t.is_space]
    parsed = doc.extras.get("natasha")
    if parsed is not None:
        tokens = [t for t in parsed.tokens if sent.start <= t.start < sent.end]
        by_id = {t.id: t for t in tokens}
        out = []
        for t in tokens:
            head = by_id.get(t.head_id)
            out.append((t.start, t.rel or "", head.start if head else t.start,
                        (t.lemma or t.text).lower(), t.pos or ""))
        return out
    return []


def predicate_phrase(heads: Sequence[Head], *, depth: int = PHRASE_DEPTHS[0],
                     max_words: int = PHRASE_WORDS) -> str:
    """Lemmas of the main predicate and its non-subject dependents (see the module docstring)."""
    if not heads:
        return ""
    root = main_predicate(heads, children(heads))
    if root is None:
        return ""
    return clause_phrase(heads, root, depth=depth, max_words=max_words)


def main_predicate(heads: Sequence[Head], kids: dict[int, list[int]]) -> int | None:
    """Index of the sentence's main predicate: the first root arc, or after a reporting verb
    ("said", "заявил") the predicate of its complement, the event it reports.

    When the parser's sentence is longer than ours (a headline line without a full stop parsed
    with the sentence after it), arcs of our sentence hang on words outside it; such an arc
    counts as a root only if it is a verb, so "Presidents ... signed ..." is read from "signed",
    not from "Presidents". Without a root of either kind, the first arc hanging outside is taken."""
    index = {h[0]: i for i, h in enumerate(heads)}
    root = next((i for i, (_, dep, head_start, _, pos) in enumerate(heads)
                 if dep.lower() == "root" or index.get(head_start) == i
                 or (index.get(head_start) is None and pos in ("VERB", "AUX"))), None)
    if root is None:
        root = next((i for i, (_, _, head_start, _, _) in enumerate(heads)
                     if index.get(head_start) is None), None)
    if root is None or heads[root][3] not in SAY:
        return root
    comp = [k for k in kids[root] if heads[k][1] in ("ccomp", "xcomp", "parataxis")
            and heads[k][4] in ("VERB", "AUX", "NOUN")]
    return comp[0] if comp else root


def trigger_vector(found, marks: Sequence[float] = (0.0, 0.0)) -> np.ndarray:
    """0/1 per PLOVER type (in ``PLOVER_TYPES`` order) for the types whose trigger matched,
    followed by the ``N_MARKERS`` markers (future, negation)."""
    hits = [1.0 if name in found else 0.0 for name in PLOVER_TYPES]
    return np.array(hits + [float(m) for m in marks], dtype=np.float32)


def markers(lex, words, doc: Doc | None = None,
            sent: Sentence | None = None) -> tuple[float, float]:
    """(future or intention, negation) of a sentence from the lexicon (and the Russian parse of
    ``doc``: a future-tense verb in ``sent``, or without ``sent`` among ``words``, a clause)."""
    from . import roles as R

    future = R.first_match(lex.future, words, window=lex.window) is not None
    parsed = doc.extras.get("natasha") if doc is not None else None
    if not future and parsed is not None:
        if sent is not None:
            inside = lambda start: sent.start <= start < sent.end  # noqa: E731
        else:
            inside = {t.start for t in words.tokens}.__contains__
        future = any((t.feats or {}).get("Tense") == "Fut" for t in parsed.tokens
                     if inside(t.start))
    negated = any(text in lex.negation for text in words.texts)
    return float(future), float(negated)


def assemble(blocks: Sequence[np.ndarray], trigger_rows: np.ndarray) -> np.ndarray:
    """The classifier input: [sentence | phrases | TRIGGER_SCALE * (triggers, markers)]."""
    scaled = TRIGGER_SCALE * np.asarray(trigger_rows, dtype=np.float32)
    return np.hstack([*blocks, scaled]).astype(np.float32)


def features(texts: Sequence[str], heads: Sequence[Sequence[Head]], trigger_rows) -> np.ndarray:
    """Embed the sentences and their predicate phrases (parse arcs ``heads``, one list per
    sentence; an empty phrase falls back to the sentence) and assemble the rows."""
    phrases = [tuple(predicate_phrase(h, depth=depth) for depth in PHRASE_DEPTHS) for h in heads]
    return phrase_features(texts, phrases, trigger_rows)


def text_features(items: Sequence[tuple[str, str]]) -> np.ndarray:
    """Features of standalone texts ``(text, language)``, each read as one sentence (training and
    evaluation: the same segmentation, parse and lexicons as the component; title-case headlines
    are read in sentence case, :mod:`.casing`)."""
    from ...components.segment import Segmenter
    from ...records import Document
    from . import roles as R
    from .casing import sentence_cased

    items = [(sentence_cased(text, lang), lang) for text, lang in items]
    docs = [Doc(Document(id=f"t{i}", source="features", url=None, outlet=None, attribution=None,
                         title=None, language=lang, published=None, date_source=None, sha256="",
                         n_chars=len(text), text=text))
            for i, (text, lang) in enumerate(items)]
    Segmenter()(docs)
    texts, heads, rows = [], [], []
    for doc in docs:
        whole = Sentence(doc=doc.id, index=0, start=0, end=len(doc.text), text=doc.text)
        lex = R.lexicon(doc.lang)
        words = R.Words.of(doc.tokens)
        found = R.triggers(lex, words) if lex is not None else {}
        marks = markers(lex, words, doc, whole) if lex is not None else (0.0, 0.0)
        texts.append(doc.text)
        heads.append(sentence_heads(doc, whole))
        rows.append(trigger_vector(found, marks))
    return features(texts, heads, rows)


def clause_phrase(heads: Sequence[Head], predicate: int, *, exclude: Collection[int] = (),
                  depth: int = PHRASE_DEPTHS[0], max_words: int = PHRASE_WORDS) -> str:
    """The predicate phrase of one clause of a sentence: the lemmas of the predicate
    ``heads[predicate]`` and of its non-subject dependents down to ``depth``, in sentence order,
    leaving out the arcs ``exclude`` (the other clauses' predicates and their dependents). The
    same selection as :func:`predicate_phrase`, started from a given predicate."""
    if not heads or not 0 <= predicate < len(heads):
        return ""
    kids = children(heads)
    banned = set(exclude) - {predicate}
    taken, frontier = {predicate}, [predicate]
    for _ in range(depth):
        frontier = [k for i in frontier for k in kids[i]
                    if k not in banned and heads[k][1].lower() not in SKIP_DEPS
                    and not heads[k][1].lower().startswith("nsubj")]
        taken.update(frontier)
    words = [heads[i][3] for i in sorted(taken)
             if (heads[i][4] in KEEP_POS or i == predicate) and heads[i][3] not in STOP]
    return " ".join(words[:max_words])


def children(heads: Sequence[Head]) -> dict[int, list[int]]:
    """Index of an arc -> indices of its dependents (arcs whose head is outside the list, or
    themselves, are roots and nobody's dependents)."""
    index = {h[0]: i for i, h in enumerate(heads)}
    kids: dict[int, list[int]] = {i: [] for i in range(len(heads))}
    for i, (_, dep, head_start, _, _) in enumerate(heads):
        j = index.get(head_start)
        if dep.lower() != "root" and j is not None and j != i:
            kids[j].append(i)
    return kids


def phrase_features(texts: Sequence[str], phrases: Sequence[Sequence[str]],
                    trigger_rows) -> np.ndarray:
    """Rows like :func:`features` from texts whose phrases are given, one per depth of
    ``PHRASE_DEPTHS`` (an empty phrase falls back to the text): the rows of clauses."""
    from ... import models

    n = len(texts)
    if not n:
        return np.zeros((0, N_FEATURES), dtype=np.float32)
    texts = [t[:MAX_EMBED_CHARS] for t in texts]
    batch = list(texts)
    for d in range(len(PHRASE_DEPTHS)):
        batch += [p[d] or t for p, t in zip(phrases, texts)]
    vecs = models.embed(batch)
    blocks = [vecs[i * n:(i + 1) * n] for i in range(1 + len(PHRASE_DEPTHS))]
    return assemble(blocks, np.vstack(list(trigger_rows)))

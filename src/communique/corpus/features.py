"""Per-document features for the corpus stages: vectors, entity sets, dates, events.

A :class:`DocFeatures` is all the story clusterer needs about one article. It is built from the
store (sentences, mentions, timexes, events) with :func:`features_from_store`, or directly by an
evaluation or benchmark. Sentence embeddings are cached in the store's blobs, keyed by the text's
hash, so re-posts and later runs do not re-encode anything.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Sequence

import numpy as np

DIM = 512
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_LEAD_SENTENCES = 3
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class DocFeatures:
    """What the clusterer knows about one document."""

    id: str
    lang: str = "und"
    date: date | None = None  # publication date, when known
    vector: np.ndarray | None = None  # unit-norm document vector (title + lead)
    sentences: np.ndarray | None = None  # unit-norm sentence vectors (n, DIM)
    sentence_keys: tuple[str, ...] = ()  # sentence_key() of each row of ``sentences``
    entities: frozenset[str] = frozenset()  # canonical entity ids (or normalised names)
    dates: frozenset[str] = frozenset()  # day-level dates the text mentions (ISO)
    events: frozenset[str] = frozenset()  # "PLOVER|day|actors" keys
    actors: frozenset[str] = frozenset()  # people and organisations (entity ids)
    extra: dict = field(default_factory=dict)


def parse_day(value: str | None) -> date | None:
    """The ISO day at the start of ``value`` (``2025-11-12``, ``2025-11-12T10:00``), or None."""
    if not value:
        return None
    match = _DAY.match(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Sentence embeddings, remembered per text for the run and per document in the store's blobs
    (``emb:use:<sha1 of the document's texts>``: one read and one write per document)."""

    def __init__(self, store=None, *, encoder: Callable[[list[str]], np.ndarray] | None = None):
        self.store = store if encoder is None else None  # only the shared model's vectors persist
        self._encoder = encoder
        self._memory: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-norm vectors for ``texts``, encoding only those not seen in this run."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in self._memory}.items())
        if todo:
            vecs = self._encode([t for _, t in todo])
            for (key, _), vec in zip(todo, vecs):
                self._memory[key] = np.asarray(vec, dtype=np.float32)
        return np.vstack([self._memory[k] for k in keys])

    def encode_doc(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of one document's texts, through the store's blob cache."""
        key = "emb:use:" + text_key("\x1e".join(texts))
        blob = self.store.get_blob(key) if self.store is not None and texts else None
        if blob:
            vecs = np.frombuffer(blob, dtype=np.float32).reshape(-1, DIM)
            if len(vecs) == len(texts):
                return vecs
        vecs = self.encode(texts)
        if self.store is not None and texts:
            self.store.put_blob(key, vecs.astype(np.float32).tobytes())
        return vecs

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._encoder is None:
            from .. import models
            self._encoder = models.embed
        return unit(self._encoder(texts))


def sentence_key(text: str) -> str:
    """A sentence's words, lower-cased, without digits and punctuation: the same footer or caption
    line ("Copyright 2017 ...", "Advertisement ...") gets the same key in every article."""
    return " ".join(_WORD.findall(text.lower()))


def idf_weights(entity_sets: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each entity over the given documents."""
    df: dict[str, int] = {}
    n = 0
    for ents in entity_sets:
        n += 1
        for ent in set(ents):
            df[ent] = df.get(ent, 0) + 1
    return {ent: math.log((n + 1) / (count + 0.5)) for ent, count in df.items()}


def document_vector(sentence_vecs: np.ndarray, *, title_vec: np.ndarray | None = None) -> np.ndarray:
    """Title and lead sentences, weighted towards the start: what the article is about."""
    parts = []
    if title_vec is not None:
        parts.append(title_vec)
    if len(sentence_vecs):
        lead = sentence_vecs[:_LEAD_SENTENCES]
        parts.append(lead.mean(axis=0))
        parts.append(sentence_vecs.mean(axis=0))
    if not parts:
        return np.zeros(DIM, dtype=np.float32)
    return unit(np.mean(np.vstack(parts), axis=0))


def _day_values(timexes) -> frozenset[str]:
    out = set()
    for tx in timexes:
        if getattr(tx, "anchored", True) and tx.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", tx.value):
            out.add(tx.value)
    return frozenset(out)


def event_keys(events) -> frozenset[str]:
    """Events two articles can share: type, day and the actors (an undated or actorless event says
    too little: every visit has a meeting)."""
    return frozenset(f"{e.plover}|{e.date}|{'+'.join(sorted(e.actor))}" for e in events
                     if e.date and e.actor and len(e.date) >= 10)


def _own_date(document) -> date | None:
    """The article's own publication date (not one it took from its story)."""
    return parse_day(document.published) if document.date_source != "story" else None


def features_from_store(store, documents, *, cache: EmbeddingCache) -> list[DocFeatures]:
    """Features of the given documents from their stored sentences, mentions, timexes, events."""
    out = []
    for document in documents:
        sentences = sorted(store.iter_records("sentence", doc=document.id), key=lambda s: s.start)
        texts = [s.text for s in sentences] or ([document.text[:1000]] if document.text.strip() else [])
        head = [document.title] if document.title else []
        vecs = cache.encode_doc(head + texts)
        title_vec, vecs = (vecs[0], vecs[1:]) if head else (None, vecs)
        mentions = list(store.iter_records("mention", doc=document.id))
        entities = frozenset(m.entity or f"~{m.kind}:{m.normal.lower()}" for m in mentions
                             if (m.entity or m.normal) and not m.demonym)
        events = list(store.iter_records("event", doc=document.id))
        actors = {m.entity for m in mentions if m.entity and m.kind in ("PER", "ORG")}
        actors.update(a for e in events for a in e.actor)
        out.append(DocFeatures(
            id=document.id, lang=document.language or "und", date=_own_date(document),
            vector=document_vector(vecs, title_vec=title_vec), sentences=vecs, entities=entities,
            sentence_keys=tuple(sentence_key(t) for t in texts) if sentences else (),
            dates=_day_values(store.iter_records("timex", doc=document.id)),
            events=event_keys(events), actors=frozenset(actors),
        ))
    return out

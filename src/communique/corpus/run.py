"""The corpus stages over a store: near-duplicates, stories, dates, claims, discrepancies.

Incremental: articles already in a stored story stay there (their vectors come from the blob
cache); only new articles are placed, joining existing stories or starting new ones. Claims and
discrepancies are recomputed for every story with two or more articles (cheap: cached vectors).
"""
from __future__ import annotations

import hashlib
from typing import Callable

import numpy as np

from ..records import Document, Link, Story
from . import claims as C
from . import dates, discrepancies, merge, neardup, stories
from .features import EmbeddingCache, features_from_store

Progress = Callable[[str, int, int], None]
STORY_EXTRACTOR = f"{stories.NAME}@{stories.VERSION}"
DUP_EXTRACTOR = f"{neardup.NAME}@{neardup.VERSION}"


def run(store, *, progress: Progress | None = None, config: stories.ClusterConfig | None = None,
        encoder: Callable | None = None) -> dict:
    """Every corpus stage over ``store``; ``encoder`` (texts -> vectors) replaces the sentence
    encoder (tests). Returns counts."""
    documents = {d.id: d for d in store.iter_documents()}
    summary = {"documents": len(documents), "near_duplicates": 0, "stories": 0, "dated_by_story": 0,
               "claims": 0, "discrepancies": 0}
    if not documents:
        return summary
    tick = progress or (lambda *_: None)
    cache = EmbeddingCache(store, encoder=encoder)
    dups = neardup.find_duplicates((d.id, d.text) for d in documents.values())
    tick("near-duplicates", len(documents), len(documents))
    groups, story_ids, index = _cluster(store, documents, dups, cache, config)
    tick("stories", len(documents), len(documents))
    members = [[documents[i] for i in ids] for ids in groups]
    summary["dated_by_story"] = len(dates.propagate(store, members))
    story_records = [_story(sid, ms, index) for sid, ms in zip(story_ids, members)]
    links = _dup_links(dups) + _timeline(story_records, members, index)
    store.replace_records(["story", "link"], [*story_records, *links])
    found = _compare(store, story_records, documents, dups, cache, tick)
    store.replace_records(["claim", "discrepancy"], found)
    summary.update(near_duplicates=len(dups), stories=len(story_records),
                   claims=sum(r.type == "claim" for r in found),
                   discrepancies=sum(r.type == "discrepancy" for r in found))
    return summary


def _cluster(store, documents, dups, cache, config):
    """Stories as lists of doc ids, their ids, and the index (for vectors and scores)."""
    previous = {}
    for rec in store.iter_records("story"):
        for doc in rec.documents:
            if doc in documents:
                previous.setdefault(doc, rec.id)
    feats = {f.id: f for f in features_from_store(store, documents.values(), cache=cache)}
    index = stories.StoryIndex(config=config or stories.ClusterConfig())
    index.idf = stories.idf_weights([f.entities for f in feats.values()])
    index.count_sentences(feats.values())
    number: dict[str, int] = {}
    for doc in documents:  # the stored stories first, as they are
        if doc in previous:
            sid = previous[doc]
            index.add(feats[doc], story=number.setdefault(sid, len(number)))
    fresh = stories.arrival_order([f for d, f in feats.items() if d not in previous])
    for feat in fresh:
        index.add(feat, same_as=dups.get(feat.id, (None,))[0])
    index.reconsider(f.id for f in fresh)
    names = {n: sid for sid, n in number.items()}
    out_groups, out_ids = [], []
    for n, ids in enumerate(index.members):
        if not ids:
            continue
        doc_ids = [index.feats[i].id for i in ids]
        out_groups.append(doc_ids)
        out_ids.append(names.get(n) or "story-" + hashlib.sha1(doc_ids[0].encode()).hexdigest()[:12])
    return out_groups, out_ids, index


def _story(sid: str, members: list[Document], index: stories.StoryIndex) -> Story:
    days = sorted(d.published[:10] for d in members if d.published)
    scores = [min(1.0, max(0.0, index.join_score(d.id))) for d in members
              if index.join_score(d.id) is not None]
    return Story(id=sid, title=_title(members, index), documents=[d.id for d in members],
                 languages=sorted({d.language for d in members if d.language}),
                 start=days[0] if days else None, end=days[-1] if days else None,
                 extractor=STORY_EXTRACTOR, confidence=round(float(np.mean(scores)) if scores else 1.0, 3))


def _title(members: list[Document], index: stories.StoryIndex) -> str:
    """The title of the member closest to the story's centre (English preferred), else a lead."""
    titled = [d for d in members if d.title] or members
    pool = [d for d in titled if d.language == "en"] or titled
    vec = {d.id: f.vector for d in members if (f := index.feature(d.id)) is not None and f.vector is not None}
    if len(pool) > 1 and vec:
        centre = np.mean(list(vec.values()), axis=0)
        pool.sort(key=lambda d: -float(vec[d.id] @ centre) if d.id in vec else 0.0)
    best = pool[0]
    text = best.title or " ".join(best.text.split())[:100]
    return text or best.id


def _dup_links(dups: dict) -> list[Link]:
    return [Link(kind="near_duplicate", a=orig, b=doc, score=round(sim, 4), extractor=DUP_EXTRACTOR,
                 confidence=round(sim, 4)) for doc, (orig, sim) in sorted(dups.items())]


def _timeline(story_records: list[Story], members, index: stories.StoryIndex) -> list[Link]:
    rows = []
    for story, docs in zip(story_records, members):
        feats = [f for d in docs if (f := index.feature(d.id)) is not None]
        counts: dict[str, int] = {}
        for f in feats:
            for actor in f.actors:
                counts[actor] = counts.get(actor, 0) + 1
        main = sorted((a for a, n in counts.items() if n * 2 >= len(feats)), key=lambda a: (-counts[a], a))
        vecs = [f.vector for f in feats if f.vector is not None]
        centre = stories.unit_vector(np.mean(vecs, axis=0)) if vecs else None
        rows.append((story.id, story.start, frozenset(main[:3]), centre))
    return [Link(kind=k, a=a, b=b, score=s, extractor=STORY_EXTRACTOR, confidence=round(min(1.0, 0.5 + s / 2), 3))
            for k, a, b, s in stories.timeline_links(rows)]


def _compare(store, story_records, documents, dups, cache, tick) -> list:
    found: list = []
    commitments = list(store.iter_records("commitment"))
    by_doc: dict[str, list] = {}
    for c in commitments:
        if c.evidence:
            by_doc.setdefault(c.evidence[0].doc, []).append(c)
    changed = 0
    multi = [s for s in story_records if len(s.documents) > 1]
    entities = store.entities() if multi else {}
    for n, story in enumerate(multi):
        text, timexes, mentions = _story_text(store, story, documents, dups, cache)
        story_claims = C.make_claims(text, C.align(text))
        found += story_claims
        found += discrepancies.compare(text, story_claims, timexes=timexes, mentions=mentions,
                                       entities=entities or None)
        units_by_doc: dict = {}
        for unit in text.units:
            units_by_doc.setdefault(unit.doc, []).append(unit)
        mine = [c for d in text.documents for c in by_doc.get(d, [])]
        changed += merge.merge_commitments(mine, units_by_doc)
        _merge_events(store, text, units_by_doc)
        tick("compare", n + 1, len(multi))
    if changed:
        store.replace_records(["commitment"], commitments)
    return found


def _merge_events(store, text: C.StoryText, units_by_doc) -> None:
    events = {d: list(store.iter_records("event", doc=d)) for d in text.documents}
    flat = [e for evs in events.values() for e in evs]
    if merge.merge_events(flat, units_by_doc):
        for doc, evs in events.items():
            store.replace_records(["event"], evs, doc=doc)


def _story_text(store, story: Story, documents, dups, cache):
    cfg = C.AlignConfig()
    docs = {d: documents[d] for d in story.documents}
    text = C.StoryText(story=story.id, documents=docs,
                       duplicates={d: dups[d][0] for d in docs if d in dups and dups[d][0] in docs})
    timexes, mentions, vectors = {}, {}, []
    for doc_id, document in docs.items():
        mentions[doc_id] = list(store.iter_records("mention", doc=doc_id))
        timexes[doc_id] = list(store.iter_records("timex", doc=doc_id))
        sentences = list(store.iter_records("sentence", doc=doc_id))
        units = C.make_units(document, sentences, mentions[doc_id], min_words=cfg.min_words)
        text.units += units
        vectors.append(cache.encode_doc([u.text for u in units]))
    text.vectors = np.vstack(vectors) if vectors else np.zeros((0, 512), dtype=np.float32)
    return text, timexes, mentions

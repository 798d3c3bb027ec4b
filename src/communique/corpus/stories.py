"""Incremental, cross-lingual story clustering over an approximate nearest-neighbour index.

Each new article asks the index (usearch HNSW, inner product on 8-bit quantised unit vectors) for its nearest
neighbours among the articles already placed, scores each candidate pair on several signals and
joins the story of the best candidate when the score clears the threshold (an article that ties
two stories strongly merges them); otherwise it starts a new story. After a batch, articles left
alone get a second look, so arrival order does not decide. Work per article is one index query
plus ``neighbours`` pair scores, never all pairs.

The pair score (weights and thresholds in :class:`ClusterConfig`, tuned on news_cluster, the demo
corpus and the seed articles) combines:
- document-vector similarity (title, lead and whole text of multilingual sentence embeddings),
- shared *specific* entities (IDF-weighted: a railway line or an agency counts, a country barely);
  two articles that each name several things and hardly any the same are never one story,
- a shared passage: the two articles' closest sentences are near-verbatim (across languages too);
  lines that many articles repeat word for word (footers, captions, "Advertisement") do not count,
- dates: a publication gap beyond the window rules a pair out and any gap costs (log of days);
  a day both mention adds weight, and so does an event both report (PLOVER type, day, actors).
Another meeting of the same leaders at another time shares the leaders (low IDF) but not the
specific entities, sentences and dates, and so becomes another story; :func:`timeline_links`
then links stories of the same actors in time order.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from .features import DIM, DocFeatures, idf_weights, unit

unit_vector = unit

NAME, VERSION = "stories", "1"


@dataclass
class ClusterConfig:
    ent_floor: float = 0.05  # entity overlap under which two entity-rich articles never join
    ent_min: int = 5  # ... "entity-rich": at least this many distinct entities each
    merge_margin: float = 0.15  # an article bridging two stories merges them above threshold + this
    window_days: int = 730  # dated articles further apart than this are never one story
    neighbours: int = 24  # candidates asked from the index per article
    threshold: float = 0.38  # pair score at which an article joins a story
    w_doc: float = 0.65  # title-and-lead vector similarity
    w_ent: float = 0.45  # IDF-weighted entity overlap
    w_quote: float = 0.3  # a sentence both articles share (near-verbatim, any language)
    quote_floor: float = 0.8  # sentence similarity from which a passage counts as shared
    boilerplate_df: int = 3  # a sentence (words only) in this many articles is a footer, not a passage
    w_day: float = 0.1  # a day both mention
    w_event: float = 0.1  # an event (type and date) both report
    w_time: float = 0.04  # penalty per log-day of publication gap
    doc_floor: float = 0.3  # document similarity under which nothing else is considered


@dataclass
class StoryIndex:
    """Stories built one article at a time; ``story_of[i]`` is the story of the i-th article."""

    config: ClusterConfig = field(default_factory=ClusterConfig)
    idf: dict[str, float] = field(default_factory=dict)
    sentence_df: dict[str, int] = field(default_factory=dict)  # articles per sentence_key
    feats: list[DocFeatures] = field(default_factory=list)
    story_of: list[int] = field(default_factory=list)
    members: list[list[int]] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # score with which each article joined
    _index: object = None
    _pos: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        from usearch.index import Index

        # 8-bit quantised vectors: candidates only (pairs are re-scored on the exact vectors)
        self._index = Index(ndim=DIM, metric="ip", dtype="i8", connectivity=16, expansion_add=64,
                            expansion_search=64)

    def count_sentences(self, feats: Iterable[DocFeatures]) -> None:
        """Count the sentences of articles about to be placed (before placing them, so that a
        footer is known as one from its first occurrence in the batch)."""
        for feat in feats:
            if feat.id not in self._pos:
                for key in set(feat.sentence_keys):
                    self.sentence_df[key] = self.sentence_df.get(key, 0) + 1

    def passages(self, feat: DocFeatures) -> np.ndarray | None:
        """The article's sentence vectors without boilerplate (lines many articles repeat)."""
        if feat.sentences is None or len(feat.sentence_keys) != len(feat.sentences):
            return feat.sentences
        limit, df = self.config.boilerplate_df, self.sentence_df
        keep = [r for r, key in enumerate(feat.sentence_keys) if df.get(key, 0) < limit]
        return feat.sentences if len(keep) == len(feat.sentences) else feat.sentences[keep]

    def feature(self, doc_id: str) -> DocFeatures | None:
        i = self._pos.get(doc_id)
        return self.feats[i] if i is not None else None

    def join_score(self, doc_id: str) -> float | None:
        i = self._pos.get(doc_id)
        return self.scores[i] if i is not None else None

    # -- adding articles -------------------------------------------------------------------
    def add(self, feat: DocFeatures, *, story: int | None = None, same_as: str | None = None) -> int:
        """Place one article: in ``story`` if given, with ``same_as``'s story if that is placed, else
        where the candidates lead (merging the stories it bridges). Returns the story number."""
        if feat.id in self._pos:
            return self.story_of[self._pos[feat.id]]
        score, duplicate = 1.0, same_as in self._pos
        if story is None and duplicate:
            story = self.story_of[self._pos[same_as]]
        if story is None:
            story, score = self._decide(feat)
        while story >= len(self.members):
            self.members.append([])
        i = len(self.feats)
        self.feats.append(feat)
        self.story_of.append(story)
        self.scores.append(score)
        self.members[story].append(i)
        self._pos[feat.id] = i
        if feat.vector is not None and not duplicate:
            self._index.add(i, np.asarray(feat.vector, dtype=np.float32))
        return story

    def reconsider(self, ids: Iterable[str]) -> int:
        """Give articles that are alone in their story a second chance, now that later articles
        are placed (arrival order no longer decides). Returns how many moved."""
        moved = 0
        for doc_id in ids:
            i = self._pos.get(doc_id)
            if i is None or self.members[self.story_of[i]] != [i]:
                continue
            story, score = self._decide(self.feats[i], exclude=i, merge=False)
            if story < len(self.members) and self.members[story]:
                self.members[self.story_of[i]] = []
                self.story_of[i], self.scores[i] = story, score
                self.members[story].append(i)
                moved += 1
        return moved

    def _decide(self, feat: DocFeatures, *, exclude: int = -1, merge: bool = True) -> tuple[int, float]:
        best: dict[int, float] = {}
        for j, _ in self._candidates(feat):
            if j == exclude:
                continue
            score = self.pair_score(feat, self.feats[j])
            story = self.story_of[j]
            if score >= self.config.threshold and score > best.get(story, 0.0):
                best[story] = score
        if not best:
            return len(self.members), 1.0
        ranked = sorted(best, key=lambda s: -best[s])
        target = ranked[0]
        for other in ranked[1:] if merge else []:
            if best[other] >= self.config.threshold + self.config.merge_margin:
                target = self._merge(target, other)
        return target, best[ranked[0]]

    def _merge(self, a: int, b: int) -> int:
        """Fold the later-numbered story into the earlier one; returns the kept number."""
        keep, gone = min(a, b), max(a, b)
        for i in self.members[gone]:
            self.story_of[i] = keep
        self.members[keep].extend(self.members[gone])
        self.members[gone] = []
        return keep

    def _candidates(self, feat: DocFeatures) -> list[tuple[int, float]]:
        if feat.vector is None or len(self._index) == 0:
            return []
        k = min(self.config.neighbours, len(self._index))
        matches = self._index.search(np.asarray(feat.vector, dtype=np.float32), k)
        out = []
        for key, dist in zip(matches.keys, matches.distances):
            sim = 1.0 - float(dist)
            if sim >= self.config.doc_floor:
                out.append((int(key), sim))
        return out

    # -- scoring a pair ----------------------------------------------------------------------
    def pair_score(self, a: DocFeatures, b: DocFeatures, *, doc_sim: float | None = None) -> float:
        cfg = self.config
        gap = _gap_days(a, b)
        if gap is not None and gap > cfg.window_days:
            return 0.0
        if doc_sim is None:
            doc_sim = float(np.dot(a.vector, b.vector)) if a.vector is not None and b.vector is not None else 0.0
        overlap = self.entity_overlap(a, b)
        quote = shared_passage(self.passages(a), self.passages(b), floor=cfg.quote_floor)
        if overlap < cfg.ent_floor and not quote and min(len(a.entities), len(b.entities)) >= cfg.ent_min:
            return 0.0  # both name several things, hardly any the same: another event
        score = cfg.w_doc * doc_sim + cfg.w_ent * overlap + cfg.w_quote * quote
        score += cfg.w_day * bool(a.dates & b.dates) + cfg.w_event * bool(a.events & b.events)
        if gap is not None:
            score -= cfg.w_time * math.log1p(gap)
        return score

    def entity_overlap(self, a: DocFeatures, b: DocFeatures) -> float:
        """IDF-weighted overlap of the two entity sets, 0..1 (a cosine of binary IDF vectors)."""
        if not a.entities or not b.entities:
            return 0.0
        weight = self.idf.get
        shared = sum(weight(e, 1.0) ** 2 for e in a.entities & b.entities)
        ta = sum(weight(e, 1.0) ** 2 for e in a.entities)
        tb = sum(weight(e, 1.0) ** 2 for e in b.entities)
        return shared / math.sqrt(ta * tb) if ta and tb else 0.0


def shared_passage(a: np.ndarray | None, b: np.ndarray | None, *, floor: float) -> float:
    """0..1: how close the two articles' most similar sentences come to being the same sentence
    (a shared passage, e.g. from one press release); 0 below ``floor``."""
    if a is None or b is None or not len(a) or not len(b):
        return 0.0
    best = float((a @ b.T).max())
    return max(0.0, min(1.0, (best - floor) / (1.0 - floor)))


def _gap_days(a: DocFeatures, b: DocFeatures) -> int | None:
    if a.date is None or b.date is None:
        return None
    return abs((a.date - b.date).days)


def arrival_order(feats: Sequence[DocFeatures]) -> list[DocFeatures]:
    """Dated articles in date order first, then undated ones (they join on content)."""
    return sorted(feats, key=lambda f: (f.date is None, f.date or 0, f.id))


def cluster(feats: Sequence[DocFeatures], *, config: ClusterConfig | None = None,
            duplicates: dict[str, str] | None = None, index: StoryIndex | None = None) -> StoryIndex:
    """Cluster ``feats`` (adding to ``index`` when given); ``duplicates`` maps a re-post to its
    original, which it follows into the original's story."""
    index = index or StoryIndex(config=config or ClusterConfig())
    index.idf = idf_weights([f.entities for f in [*index.feats, *feats]])
    index.count_sentences(feats)
    duplicates = duplicates or {}
    for feat in arrival_order(feats):
        index.add(feat, same_as=duplicates.get(feat.id))
    index.reconsider(f.id for f in feats)
    return index


def labels(index: StoryIndex) -> dict[str, int]:
    """Document id -> story number."""
    return {f.id: index.story_of[i] for i, f in enumerate(index.feats)}


def timeline_links(stories: Iterable[tuple[str, object, frozenset[str], np.ndarray | None]],
                   *, follow_up_sim: float = 0.6) -> list[tuple[str, str, str, float]]:
    """Links between stories of the same actors, in time order.

    ``stories`` yields (story id, start date or None, actor set, centroid vector). Stories are
    grouped by their actor set; consecutive stories of a group are linked ``same_actors`` or, when
    their content is also close, ``follow_up``. Linear in the number of stories.
    """
    groups: dict[frozenset[str], list] = {}
    for sid, start, actors, centroid in stories:
        if actors:
            groups.setdefault(actors, []).append((start is None, str(start or ""), sid, centroid))
    out = []
    for members in groups.values():
        members.sort()
        for (_, _, a, va), (_, _, b, vb) in zip(members, members[1:]):
            sim = float(np.dot(va, vb)) if va is not None and vb is not None else 0.0
            kind = "follow_up" if sim >= follow_up_sim else "same_actors"
            out.append((kind, a, b, round(max(sim, 0.0), 4)))
    return out

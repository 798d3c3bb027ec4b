"""Claims: sentences (or clauses) aligned across the articles of a story, across languages.

Each article is cut into units (sentences, split at clause separators of the language's cue
file). For every pair of articles each unit is linked to its best match in the other when the
similarity (multilingual sentence embeddings, plus a little for shared entities and numbers) is
high enough and the match is mutual, or very high. Linked units form claims (union-find). A claim
keeps every unit as ``support``, its documents, its distinct outlets and its distinct origins
(outlets citing the same official source are one origin).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

from ..records import Claim, Document, Span
from . import cues

NAME, VERSION = "claims", "1"
EXTRACTOR = f"{NAME}@{VERSION}"


@dataclass
class AlignConfig:
    threshold: float = 0.55  # mutual best matches at or above this are aligned
    strong: float = 0.75  # any best match at or above this is aligned
    entity_bonus: float = 0.04  # per shared entity (at most two)
    number_bonus: float = 0.04
    keep: float = 0.575  # a member whose closest other source (with bonus) is below this leaves
    min_words: int = 4  # shorter units (headings, datelines) make no claim
    max_docs: int = 40  # articles aligned pairwise; others are aligned against these


@dataclass
class Unit:
    doc: str
    index: int
    start: int
    end: int
    text: str
    lang: str
    entities: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()
    names: frozenset[tuple[str, str]] = frozenset()  # (entity, lower-cased surface) of mentions
    claim: str | None = None

    @property
    def span(self) -> Span:
        return Span(doc=self.doc, start=self.start, end=self.end, text=self.text)


@dataclass
class StoryText:
    """What the comparison knows about one story: its documents, their units and vectors."""

    story: str
    documents: dict[str, Document]
    units: list[Unit] = field(default_factory=list)
    vectors: np.ndarray | None = None
    duplicates: dict[str, str] = field(default_factory=dict)  # re-post -> original
    _rows: dict | None = None

    def row(self, unit: Unit) -> int:
        """The row of ``vectors`` that holds ``unit``."""
        if self._rows is None or len(self._rows) != len(self.units):
            self._rows = {(u.doc, u.index): k for k, u in enumerate(self.units)}
        return self._rows[(unit.doc, unit.index)]


def make_units(document: Document, sentences, mentions, *, min_words: int) -> list[Unit]:
    """Sentences cut into clauses; the title line and units without enough words are left out."""
    text, lang = document.text, document.language or "und"
    units: list[Unit] = []
    for sent in sorted(sentences, key=lambda s: s.start):
        if document.title and sent.start < 5 and sent.text.strip() == document.title.strip():
            continue
        for cs, ce in cues.clause_bounds(sent.text, lang=lang):
            start, end = _trim(text, sent.start + cs, sent.start + ce)
            if start >= end or _heading(text[start:end], min_words=min_words):
                continue
            inside = [m for m in mentions if start <= m.start and m.end <= end and not m.demonym]
            ents = frozenset(m.entity or f"~{m.normal.lower()}" for m in inside)
            nums = frozenset(cues.numbers(text[start:end], lang=lang))
            units.append(Unit(document.id, len(units), start, end, text[start:end], lang, ents, nums,
                              frozenset((m.entity or f"~{m.normal.lower()}", m.text.lower()) for m in inside)))
    return units


def _heading(text: str, *, min_words: int) -> bool:
    """Too short to state anything, or a heading: a short line without a closing stop."""
    words = len(text.split())
    return words < min_words or (words < 8 and not text.rstrip().endswith((".", "!", "?", "…", '"', "»", "”")))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n-–—•*,;:":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    return start, end


def align(story: StoryText, *, config: AlignConfig | None = None) -> list[list[Unit]]:
    """Groups of aligned units (each group becomes one claim), in document order."""
    cfg = config or AlignConfig()
    by_doc: dict[str, list[int]] = {}
    for i, unit in enumerate(story.units):
        by_doc.setdefault(unit.doc, []).append(i)
    docs = [d for d in by_doc if d not in story.duplicates]
    parent = list(range(len(story.units)))
    pivots = docs[:cfg.max_docs]
    for x, a in enumerate(docs):
        for b in (pivots if x >= cfg.max_docs else docs[x + 1:]):
            if a != b:
                for i, j in _pair_links(story, by_doc[a], by_doc[b], cfg):
                    _union(parent, i, j)
    groups: dict[int, list[int]] = {}
    for i, unit in enumerate(story.units):
        if unit.doc not in story.duplicates:
            groups.setdefault(_find(parent, i), []).append(i)
    out = []
    for members in groups.values():
        out += _prune(story, members, cfg)
    return sorted(out, key=lambda g: (g[0].doc, g[0].index))


def _prune(story: StoryText, members: list[int], cfg: AlignConfig) -> list[list[Unit]]:
    """Split off members that are only loosely tied to the other sources of their group (no
    close restatement and nothing specific in common): chains of weak links make bad claims."""
    units = [story.units[i] for i in members]
    if len({u.doc for u in units}) < 2:
        return [units]
    sims = story.vectors[members] @ story.vectors[members].T
    kept, loose = [], []
    for r, unit in enumerate(units):
        others = [c for c, o in enumerate(units) if o.doc != unit.doc]
        close = max(float(sims[r, c]) + _bonus(unit, units[c], cfg) for c in others)
        (kept if close >= cfg.keep else loose).append(unit)
    if len({u.doc for u in kept}) < 2:
        return [[u] for u in units]
    return [kept] + [[u] for u in loose]


def _pair_links(story: StoryText, ia: list[int], ib: list[int], cfg: AlignConfig):
    sims = story.vectors[ia] @ story.vectors[ib].T
    for r, i in enumerate(ia):
        for c, j in enumerate(ib):
            sims[r, c] += _bonus(story.units[i], story.units[j], cfg)
    best_b, best_a = sims.argmax(axis=1), sims.argmax(axis=0)
    for r, c in enumerate(best_b):
        score = sims[r, c]
        if score >= cfg.strong or (score >= cfg.threshold and best_a[c] == r):
            yield ia[r], ib[c]
    for c, r in enumerate(best_a):
        if sims[r, c] >= cfg.strong and best_b[r] != c:
            yield ia[r], ib[c]


def _bonus(a: Unit, b: Unit, cfg: AlignConfig) -> float:
    shared = len({e for e in a.entities & b.entities if not e.startswith("~")})
    return cfg.entity_bonus * min(shared, 2) + cfg.number_bonus * bool(a.numbers & b.numbers)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def make_claims(story: StoryText, groups: list[list[Unit]]) -> list[Claim]:
    """One claim per group; re-posts support the claims of their original's identical units."""
    copies = _copies(story)
    vec_of = {(u.doc, u.index): k for k, u in enumerate(story.units)}
    claims = []
    for group in groups:
        support = [u.span for u in group]
        for unit in group:
            support += copies.get((unit.doc, unit.text), [])
        cid = "claim-" + hashlib.sha1("|".join(
            f"{s.doc}:{s.start}" for s in support[:len(group)]).encode()).hexdigest()[:12]
        for unit in group:
            unit.claim = cid
        docs = sorted({s.doc for s in support})
        claims.append(Claim(
            id=cid, story=story.story, text=_statement(group, story.vectors, vec_of), support=support,
            documents=docs, outlets=outlets(story.documents[d] for d in docs),
            origins=origins(story.documents[d] for d in docs), extractor=EXTRACTOR,
            confidence=_confidence(group, story.vectors, vec_of)))
    return claims


def _copies(story: StoryText) -> dict[tuple[str, str], list[Span]]:
    """(original doc, unit text) -> spans of the same text in its re-posts."""
    out: dict[tuple[str, str], list[Span]] = {}
    for unit in story.units:
        original = story.duplicates.get(unit.doc)
        if original:
            out.setdefault((original, unit.text), []).append(unit.span)
    return out


def _statement(group: list[Unit], vectors: np.ndarray, vec_of: dict) -> str:
    """The unit closest to the group's centre, English preferred: the claim's normal wording."""
    pool = [u for u in group if u.lang == "en"] or group
    if len(pool) == 1:
        return " ".join(pool[0].text.split())
    centre = vectors[[vec_of[(u.doc, u.index)] for u in group]].mean(axis=0)
    best = max(pool, key=lambda u: float(vectors[vec_of[(u.doc, u.index)]] @ centre))
    return " ".join(best.text.split())


def _confidence(group: list[Unit], vectors: np.ndarray, vec_of: dict) -> float:
    if len({u.doc for u in group}) < 2:
        return 1.0
    vecs = vectors[[vec_of[(u.doc, u.index)] for u in group]]
    sims = vecs @ vecs.T
    n = len(group)
    mean = (sims.sum() - n) / (n * n - n)
    return round(float(min(1.0, max(0.0, mean))), 3)


def _name(value: str | None) -> str | None:
    return " ".join(value.split()).casefold() if value and value.strip() else None


def outlets(documents) -> list[str]:
    """Distinct publishers (an article without a known outlet counts as its own)."""
    out = {}
    for d in documents:
        key = _name(d.outlet) or f"doc:{d.id}"
        out.setdefault(key, d.outlet.strip() if d.outlet else f"doc:{d.id}")
    return sorted(out.values())


def origins(documents) -> list[str]:
    """Distinct origins: whom an article cites (``attribution``), else its outlet. "Akorda" and
    "Akorda press service" are one origin (generic words of the cue files are ignored)."""
    out: dict[str, str] = {}
    for d in documents:
        raw = (d.attribution or d.outlet or "").strip()
        key = _origin_key(raw) or f"doc:{d.id}"
        if key not in out or (raw and len(raw) < len(out[key])):
            out[key] = raw or f"doc:{d.id}"
    return sorted(out.values())


def _origin_key(name: str) -> str | None:
    key = _name(name)
    if not key:
        return None
    for lang in ("en", "ru"):
        for noise in sorted(cues.cues(lang).get("origin_noise", []), key=len, reverse=True):
            key = re.sub(rf"(?<!\w){re.escape(noise)}(?!\w)", " ", key)
    key = " ".join(re.sub(r"[^\w\s.-]", " ", key).split())
    return key or _name(name)

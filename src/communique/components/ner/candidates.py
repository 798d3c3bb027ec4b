"""Candidate mentions from several sources and how overlapping ones are resolved.

Each source has a priority: gazetteer (3) > patterns and quoted names (2) > the statistical model
(1) > lone demonyms (0). Overlapping candidates form a cluster; within it a candidate lying strictly
inside another one is dropped (the outer span names the whole thing: "Ministry of Foreign Affairs
of Russia", "Ayagoz–Bakhty"), then the remaining ones are taken by priority and length without
overlap. Work is linear in the number of candidates apart from the (small) clusters.
"""
from __future__ import annotations

from dataclasses import dataclass

GAZETTEER, PATTERN, MODEL, DEMONYM = 3, 2, 1, 0


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    normal: str
    priority: int
    confidence: float
    demonym: bool = False
    entity: str | None = None  # the gazetteer's entity id, when a gazetteer entry matched
    descriptive: bool = False  # an organisation named by a common noun ("правительство Мали")


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, sorted by start."""
    out: list[Candidate] = []
    for cluster in _clusters(candidates):
        out.extend(_resolve_cluster(cluster) if len(cluster) > 1 else cluster)
    return sorted(out, key=lambda c: c.start)


def _clusters(candidates: list[Candidate]) -> list[list[Candidate]]:
    clusters: list[list[Candidate]] = []
    reach = -1
    for cand in sorted((c for c in candidates if c.end > c.start), key=lambda c: (c.start, -c.end)):
        if clusters and cand.start < reach:
            clusters[-1].append(cand)
            reach = max(reach, cand.end)
        else:
            clusters.append([cand])
            reach = cand.end
    return clusters


def _inside(a: Candidate, b: Candidate) -> bool:
    """a lies strictly inside b."""
    return b.start <= a.start and a.end <= b.end and (a.start, a.end) != (b.start, b.end)


def _resolve_cluster(cluster: list[Candidate]) -> list[Candidate]:
    if len(cluster) > 64:  # pathological overlap: keep it linear, by priority and length only
        outer = cluster
    else:
        outer = [c for c in cluster if not any(_inside(c, o) for o in cluster)]
    chosen: list[Candidate] = []
    for cand in sorted(outer, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if all(cand.end <= o.start or o.end <= cand.start for o in chosen):
            chosen.append(cand)
    return chosen


def add_descriptive(chosen: list[Candidate], descriptive: list[Candidate]) -> list[Candidate]:
    """Descriptive organisations added on top of the chosen names: one may contain names (the
    country in "правительство Мали" stays a mention of its own) but not cut through one, and is
    left out where a name already covers the same span."""
    out = list(chosen)
    for cand in sorted(descriptive, key=lambda c: (c.start, -c.end)):
        crossing = any(o.start < cand.end and cand.start < o.end
                       and not (cand.start <= o.start and o.end <= cand.end) for o in out)
        if not crossing and not any(o.start == cand.start and o.end == cand.end for o in out):
            out.append(cand)
    return sorted(out, key=lambda c: (c.start, -c.end))


def plausible_gazetteer(gazetteer: list[Candidate], model: list[Candidate], *, text_length: int,
                        pos_at: dict[int, str]) -> list[Candidate]:
    """Drop one-word gazetteer matches that the model does not see as a name and the tagger does
    not tag as a proper noun (a sentence-initial "При" is not the town of that name)."""
    covered = bytearray(text_length + 1)
    for cand in model:
        covered[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    out = []
    for cand in gazetteer:
        one_word = not any(ch.isspace() for ch in cand.normal)
        if one_word and not any(covered[cand.start:cand.end]) and pos_at.get(cand.start) != "PROPN" \
                and not cand.demonym:
            continue
        out.append(cand)
    return out

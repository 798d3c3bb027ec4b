"""Discrepancies between the sources of a story: one per claim, typed, with both sides' passages.

For a claim made by several sources, each source's passages are reduced to facets: years and
days (from anchored timexes), numbers, places and actors (linked entities), modality (agreed,
discussed, planned, done ...) and scope qualifiers (northern, bordering ...), the last two from
the language's cue file. The first facet on which two sources plainly disagree (disjoint values;
for scope: a qualifier some sources have and others lack) gives the claim's discrepancy, listing
every source on each side. Precision comes first: a source without the facet disagrees with no one.

A claim only one source makes is first checked against its closest passage in another source:
when the two restate one thing (close, or naming the same specific entity) with a plainly
different number, date, place or modality, that is the discrepancy. Otherwise it is an ``addition`` (a contiguous run of such claims in one article is
one addition) when it says something specific (an entity, a number or a date). A claim two or
more sources make is an ``omission`` for a source that covers the rest of the story but not this.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

from ..records import Claim, Discrepancy, Span
from . import cues
from .claims import StoryText, Unit

NAME, VERSION = "discrepancies", "1"
EXTRACTOR = f"{NAME}@{VERSION}"
ORDER = ("date", "number", "modality", "scope", "place", "actor")
PLACE_KINDS, ACTOR_KINDS = ("GPE", "LOC", "FAC"), ("PER", "ORG")
_YEAR = re.compile(r"^(\d{4})")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class CompareConfig:
    omission_coverage: float = 0.5  # a source covering this share of the shared claims can omit
    omission_absent: float = 0.55  # ... and only what none of its passages comes this close to
    addition_needs_specific: bool = True
    tight: float = 0.5  # facts are compared between passages at least this similar
    counterpart: float = 0.45  # a lone passage this close to another source's passage is compared
    counterpart_alone: float = 0.5  # ... this close when they name nothing specific in common
    counterpart_kinds: tuple = ("number", "date", "modality", "place")  # not actors: often another act


@dataclass
class Facets:
    date: set = field(default_factory=set)
    number: set = field(default_factory=set)
    modality: set = field(default_factory=set)
    scope: set = field(default_factory=set)
    place: set = field(default_factory=set)
    actor: set = field(default_factory=set)
    specific: bool = False


def unit_facets(unit: Unit, *, timexes, mentions, entities: dict | None = None,
                outlet: str | None = None) -> Facets:
    """The comparable facts of one passage. Places and actors count only when the entity was
    resolved in the knowledge base (``resolved``): spelling variants of an unknown name must not
    look like two different actors."""
    inside = [t for t in timexes if unit.start <= t.start < unit.end]
    facets = Facets()
    for tx in inside:
        if tx.anchored and tx.value and tx.tag == "DATE" and not _dateline(unit, tx.end):
            year = _YEAR.match(tx.value)
            if year:
                facets.date.add(tx.value if _DAY.match(tx.value) else year[1])
    skip = [(t.start - unit.start, t.end - unit.start) for t in inside]
    facets.number = {n for n in cues.numbers(unit.text, lang=unit.lang, skip=skip)
                     if not 1900 <= n <= 2100}
    facets.modality = cues.classes(unit.text, lang=unit.lang, table="modality")
    facets.scope = cues.classes(unit.text, lang=unit.lang, table="scope", lowercase_only=True)
    within = [m for m in mentions if unit.start <= m.start and m.end <= unit.end and not m.demonym]
    for m in within:
        if outlet and m.start - unit.start < 3 and outlet.lower() in unit.text[:m.end - unit.start + 60].lower():
            continue  # a dateline naming where the outlet is ("Astana, The Daily:"), not the event
        entity = entities.get(m.entity) if entities is not None and m.entity else None
        if not m.entity or (entities is not None and (entity is None or entity.confidence < 0.9)):
            continue
        if m.kind in PLACE_KINDS and not m.entity.startswith("country:"):
            facets.place.add(m.entity)  # towns, regions, sites: countries are too coarse to differ
        elif m.kind in ACTOR_KINDS:
            facets.actor.add(m.entity)
    facets.specific = bool(inside or facets.number or within)
    return facets


_DATELINE_END = re.compile(r"\s[—–-]\s|:\s")


def _dateline(unit: Unit, end: int) -> bool:
    """Whether a date ends the dateline that opens an article ("Bishkek, 13 March 2025 —"): the
    date of the report, not of what it reports."""
    if unit.index != 0 or end - unit.start > 60:
        return False
    return bool(_DATELINE_END.match(unit.text[end - unit.start:end - unit.start + 4]))


def _merge(facets: list[Facets]) -> Facets:
    out = Facets()
    for f in facets:
        for kind in ORDER:
            getattr(out, kind).update(getattr(f, kind))
        out.specific = out.specific or f.specific
    return out


def _dates_conflict(a: set, b: set) -> bool:
    years_a, years_b = {v[:4] for v in a}, {v[:4] for v in b}
    if not years_a & years_b:
        return True
    days_a, days_b = {v for v in a if len(v) == 10}, {v for v in b if len(v) == 10}
    return bool(days_a and days_b and not days_a & days_b)


def _conflict(kind: str, a: set, b: set) -> bool:
    if not a or not b:
        return False
    if kind == "date":
        return _dates_conflict(a, b)
    return not a & b


def _sides(kind: str, by_doc: dict[str, Facets]) -> tuple[list[str], list[str], str] | None:
    """(docs on side a, docs on side b, what differs) for the first clear disagreement."""
    if kind == "scope":
        for concept in sorted(set().union(*(f.scope for f in by_doc.values()))):
            with_ = [d for d, f in by_doc.items() if concept in f.scope]
            without = [d for d in by_doc if d not in with_]
            if with_ and without:
                return with_, without, f"'{concept}' qualifier in one side only"
        return None
    docs = [d for d, f in by_doc.items() if getattr(f, kind)]
    for x, d1 in enumerate(docs):
        for d2 in docs[x + 1:]:
            v1, v2 = getattr(by_doc[d1], kind), getattr(by_doc[d2], kind)
            if _conflict(kind, v1, v2):
                side_a = [d for d in docs if not _conflict(kind, getattr(by_doc[d], kind), v1)]
                side_b = [d for d in docs if d not in side_a]
                return side_a, side_b, f"{_show(v1)} vs {_show(v2)}"
    return None


def _show(values: set) -> str:
    return ", ".join(str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
                     for v in sorted(values, key=str))


def _disc(story: str, kind: str, a: list[Span], b: list[Span], docs, explanation: str,
          claim: str | None, confidence: float) -> Discrepancy:
    did = "disc-" + hashlib.sha1(f"{story}|{kind}|{claim}|{a[0].doc}:{a[0].start}".encode()).hexdigest()[:12]
    return Discrepancy(id=did, story=story, kind=kind, a=a, b=b, documents=sorted(set(docs)),
                       explanation=explanation, claim=claim, extractor=EXTRACTOR,
                       confidence=confidence)


def compare(story: StoryText, claims: list[Claim], *, timexes: dict, mentions: dict,
            entities: dict | None = None, config: CompareConfig | None = None) -> list[Discrepancy]:
    """All discrepancies of one story (at most one per claim). ``entities``: the canonical
    entities (only those resolved with confidence are compared; None: trust every id)."""
    cfg = config or CompareConfig()
    originals = [d for d in story.documents if d not in story.duplicates]
    if len(originals) < 2:
        return []
    units_of: dict[str, list[Unit]] = {}
    for unit in story.units:
        if unit.claim and unit.doc not in story.duplicates:
            units_of.setdefault(unit.claim, []).append(unit)
    facets = {(u.doc, u.index): unit_facets(u, timexes=timexes.get(u.doc, []),
                                            mentions=mentions.get(u.doc, []), entities=entities,
                                            outlet=story.documents[u.doc].outlet)
              for us in units_of.values() for u in us}
    out = []
    for claim in claims:
        units = units_of.get(claim.id, [])
        if len({u.doc for u in units}) >= 2:
            found = _typed(story, claim, units, facets, cfg)
            if found:
                out.append(found)
    out += _additions(story, units_of, facets, cfg)
    out += _omissions(story, claims, units_of, facets, originals, cfg)
    return out


def _tight(story: StoryText, units: list[Unit], floor: float) -> list[Unit]:
    """The units that closely restate another source's unit of the claim (loose members of a claim
    are aligned, but too loosely to compare facts)."""
    vecs = story.vectors[[story.row(u) for u in units]]
    sims = vecs @ vecs.T
    keep = []
    for r, unit in enumerate(units):
        others = [c for c, o in enumerate(units) if o.doc != unit.doc]
        if others and float(sims[r, others].max()) >= floor:
            keep.append(unit)
    return keep


def _typed(story: StoryText, claim: Claim, units: list[Unit], facets,
           cfg: CompareConfig) -> Discrepancy | None:
    units = _tight(story, units, cfg.tight)
    by_doc = {}
    for unit in units:
        by_doc.setdefault(unit.doc, []).append(facets[(unit.doc, unit.index)])
    if len(by_doc) < 2:
        return None
    merged = {d: _merge(fs) for d, fs in by_doc.items()}
    for kind in ORDER:
        sides = _sides(kind, merged)
        if sides:
            side_a, side_b, what = sides
            a = [u.span for u in units if u.doc in side_a]
            b = [u.span for u in units if u.doc in side_b]
            text = f"{kind}: {what} ({_labels(story, side_a)} / {_labels(story, side_b)})"
            return _disc(story.story, kind, a, b, [*side_a, *side_b], text, claim.id, claim.confidence)
    return None


def _labels(story: StoryText, docs) -> str:
    return "; ".join(_label(story, d) for d in docs)


def _label(story: StoryText, doc: str) -> str:
    document = story.documents[doc]
    return document.outlet or doc


def _additions(story: StoryText, units_of, facets, cfg: CompareConfig) -> list[Discrepancy]:
    single = {cid: us for cid, us in units_of.items() if len({u.doc for u in us}) == 1}
    runs: dict[str, list[list[Unit]]] = {}
    for unit in sorted((u for us in units_of.values() for u in us), key=lambda u: (u.doc, u.index)):
        doc_runs = runs.setdefault(unit.doc, [])
        if unit.claim in single:
            if doc_runs and doc_runs[-1] and doc_runs[-1][-1].index == unit.index - 1 \
                    and doc_runs[-1][-1].claim in single:
                doc_runs[-1].append(unit)
            else:
                doc_runs.append([unit])
        else:
            doc_runs.append([])
    out, pairs = [], set()
    for doc, doc_runs in list(runs.items()):
        found, runs[doc] = _counterparts(story, doc_runs, facets, cfg, pairs)
        out += found
    for doc, doc_runs in runs.items():
        elsewhere = _content_elsewhere(story, doc, facets)
        other_text = " ".join(d.text.lower() for i, d in story.documents.items() if i != doc)
        own = {n.lower() for n in (story.documents[doc].outlet, story.documents[doc].attribution) if n}
        elsewhere |= {d.published[:10] for d in story.documents.values() if d.published}
        elsewhere |= {d.published[:4] for d in story.documents.values() if d.published}
        for run in doc_runs:
            if not run:
                continue
            if cfg.addition_needs_specific and not _new_content(run, facets, elsewhere, other_text, own):
                continue
            text = f"addition: only {_label(story, doc)} reports this ({len(run)} passage(s))"
            out.append(_disc(story.story, "addition", [u.span for u in run], [], [doc], text,
                             run[0].claim, 0.8))
    return out


def _counterparts(story: StoryText, doc_runs: list[list[Unit]], facets, cfg: CompareConfig,
                  pairs: set) -> tuple[list[Discrepancy], list[list[Unit]]]:
    """Typed checks before "addition": a lone passage that restates another source's passage
    (close, though too loosely to be aligned) with a plainly different fact (a number, a date, a
    place, the modality) is that discrepancy, not something only one source tells. The runs come
    back without those passages; ``pairs`` remembers the passage pairs already reported."""
    out, rest = [], []
    for run in doc_runs:
        kept: list[Unit] = []  # the rest of the run stays one addition
        for unit in run:
            found = _counterpart(story, unit, facets, cfg)
            if not found:
                kept.append(unit)
                continue
            pair = frozenset((s.doc, s.start) for s in [*found.a, *found.b])
            if pair not in pairs:
                out.append(found)
                pairs.add(pair)
        rest.append(kept)
    return out, rest


def _counterpart(story: StoryText, unit: Unit, facets, cfg: CompareConfig) -> Discrepancy | None:
    others = [u for u in story.units if u.doc != unit.doc and u.doc not in story.duplicates
              and (u.doc, u.index) in facets]
    if not others:
        return None
    sims = story.vectors[[story.row(u) for u in others]] @ story.vectors[story.row(unit)]
    best = int(np.argmax(sims))
    if float(sims[best]) < cfg.counterpart:
        return None
    other = others[best]
    shared = {e for e in unit.entities & other.entities if not e.startswith(("country:", "~"))}
    if not shared and float(sims[best]) < cfg.counterpart_alone:
        return None  # loosely similar and nothing specific in common: another statement
    by_doc = {unit.doc: facets[(unit.doc, unit.index)], other.doc: facets[(other.doc, other.index)]}
    for kind in cfg.counterpart_kinds:
        sides = _sides(kind, by_doc)
        if sides:
            side_a, side_b, what = sides
            a, b = (unit, other) if unit.doc in side_a else (other, unit)
            text = f"{kind}: {what} ({_label(story, a.doc)} / {_label(story, b.doc)})"
            return _disc(story.story, kind, [a.span], [b.span], [a.doc, b.doc], text, unit.claim,
                         round(0.5 * float(sims[best]) + 0.3, 3))
    return None


def _content_elsewhere(story: StoryText, doc: str, facets) -> set:
    """Entities, numbers and dates the story's other sources mention."""
    out: set = set()
    for unit in story.units:
        if unit.doc != doc and unit.doc not in story.duplicates:
            out |= unit.entities
            f = facets.get((unit.doc, unit.index))
            if f:
                out |= f.number | f.date
    return out


def _new_content(run: list[Unit], facets, elsewhere: set, other_text: str, own: set) -> bool:
    """Whether a passage names something (entity, number, date) no other source names."""
    for unit in run:
        f = facets[(unit.doc, unit.index)]
        if {n for n in f.number if n > 2} - elsewhere or f.date - elsewhere:
            return True
        if any(e not in elsewhere and name not in other_text and name not in own
               for e, name in unit.names):
            return True
    return False


def _omissions(story: StoryText, claims, units_of, facets, originals, cfg) -> list[Discrepancy]:
    docs_of = {c.id: {u.doc for u in units_of.get(c.id, [])} for c in claims}
    shared = [c for c in claims if len(docs_of[c.id]) >= 2]
    if not shared:
        return []
    coverage = {d: sum(d in docs_of[c.id] for c in shared) / len(shared) for d in originals}
    rows = {d: [] for d in originals}
    ents: dict[str, set] = {d: set() for d in originals}
    for unit in story.units:
        if unit.doc in rows:
            rows[unit.doc].append(story.row(unit))
            ents[unit.doc] |= unit.entities
    out = []
    for claim in shared:
        units, present = units_of[claim.id], docs_of[claim.id]
        if not _specific_claim(units, facets):
            continue
        centre = story.vectors[[story.row(u) for u in units]].mean(axis=0)
        named = set().union(*(u.entities for u in units))
        missing = [d for d in originals if d not in present and coverage[d] >= cfg.omission_coverage
                   and _closest(story, rows[d], centre) < cfg.omission_absent
                   and not _names_any(story, d, named, units, ents[d])]
        if missing:
            text = (f"omission: {_labels(story, missing)} leave(s) out what "
                    f"{_labels(story, sorted(present))} report")
            out.append(_disc(story.story, "omission", [u.span for u in units], [],
                             [*present, *missing], text, claim.id, 0.7))
    return out


def _specific_claim(units: list[Unit], facets) -> bool:
    """A claim worth missing: it names something besides countries, or gives a number or date."""
    for unit in units:
        f = facets[(unit.doc, unit.index)]
        if f.date or {n for n in f.number if n > 2} or any(
                not e.startswith(("country:", "~")) for e in unit.entities):
            return True
    return False


def _names_any(story: StoryText, doc: str, named: set, units: list[Unit], mine: set) -> bool:
    """Whether ``doc`` names one of the claim's specific entities (then it does not omit it, it
    tells it elsewhere in a longer sentence)."""
    if {e for e in named if not e.startswith("country:")} & mine:
        return True
    text = story.documents[doc].text.lower()
    return any(name in text for u in units for _, name in u.names if len(name) > 3)


def _closest(story: StoryText, rows: list[int], centre: np.ndarray) -> float:
    if not rows:
        return 0.0
    norm = float(np.linalg.norm(centre)) or 1.0
    return float((story.vectors[rows] @ centre).max() / norm)

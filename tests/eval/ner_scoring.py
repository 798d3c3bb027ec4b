"""Loaders for the Russian NER gold sets and a strict span+type scorer.

Gold and predictions are compared as exact character spans with a scored type (PER, ORG, LOC).

factRuEval-2016 (``.objects`` over ``.spans``): a mention's gold span is the extent of its *name*
spans (``name``, ``surname``, ``patronymic``, ``nickname``, ``loc_name``, ``org_name``); descriptor
spans (``org_descr``, ``loc_descr``, ``job``) and adjectives (``geo_adj``) are left out, since a
named-entity recogniser marks names, not descriptions ("мэрии Москвы" is the Org described as
"мэрия" of the LocOrg "Москва"). Mentions with no name span are not named entities and are dropped.
LocOrg accepts LOC or ORG; two gold mentions on one span accept either of their types.

NEREL (brat standoff, nested): PERSON→PER, ORGANIZATION→ORG, COUNTRY/CITY/STATE_OR_PROVINCE/
DISTRICT/LOCATION→LOC. Only the outermost mentions of those types are scored: a flat recogniser
yields one layer, and the outermost one is the full name ("Министерство иностранных дел России",
not its nested "России"). Discontinuous mentions are skipped.

Descriptive organisations. The recogniser also marks organisations named by a common noun
("правительство", "полиции Сан-Диего", "министерство обороны Мали"), on top of the names inside
them, and lists them in ``doc.extras["ner_descriptive"]``. NEREL annotates these as ORGANIZATION,
so they are scored there (the names nested in them fall on NEREL's nested gold mentions, ignored).
factRuEval annotates them as descriptors (``org_descr``) or not at all, so for factRuEval they are
left out of the predictions (``leave_out``): its guidelines make them neither names nor errors.
The names inside them (the "Мали" of "правительство Мали") are scored in both sets as usual.

Both sets: a prediction that exactly covers a gold mention of a type that is not scored (a
factRu descriptor-only mention, a NEREL FACILITY, EVENT, NATIONALITY, ...) or a nested gold
mention under a scored outermost one is neither right nor wrong and is ignored.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SCORED = ("PER", "ORG", "LOC")
KIND_TO_SCORED = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
FACTRU_TYPES = {"Person": ("PER",), "Org": ("ORG",), "Location": ("LOC",), "LocOrg": ("LOC", "ORG")}
FACTRU_NAME_SPANS = {"name", "surname", "patronymic", "nickname", "loc_name", "org_name"}
NEREL_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
               "STATE_OR_PROVINCE": "LOC", "DISTRICT": "LOC", "LOCATION": "LOC"}


@dataclass
class GoldDoc:
    id: str
    text: str
    gold: dict[tuple[int, int], tuple[str, ...]]  # span -> accepted scored types (first = primary)
    ignore: set[tuple[int, int]] = field(default_factory=set)  # spans neither right nor wrong


def shared_data() -> Path:
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


# ---------------------------------------------------------------- factRuEval-2016

def _factru_spans(path: Path) -> dict[str, tuple[str, int, int]]:
    spans = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split()
        if len(parts) >= 4:
            start = int(parts[2])
            spans[parts[0]] = (parts[1], start, start + int(parts[3]))
    return spans


def load_factru(folder: Path) -> list[GoldDoc]:
    docs = []
    for txt in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        stem = txt.with_suffix("")
        spans = _factru_spans(stem.with_suffix(".spans"))
        gold: dict[tuple[int, int], tuple[str, ...]] = {}
        ignore: set[tuple[int, int]] = set()
        for line in stem.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            parts = line.split("#")[0].split()
            if len(parts) < 3:
                continue
            own = [spans[s] for s in parts[2:] if s in spans]
            names = [(a, b) for kind, a, b in own if kind in FACTRU_NAME_SPANS]
            types = FACTRU_TYPES.get(parts[1])
            if not names or not types:
                if own:
                    ignore.add((min(a for _, a, _ in own), max(b for _, _, b in own)))
                continue
            key = (min(a for a, _ in names), max(b for _, b in names))
            gold[key] = tuple(dict.fromkeys(gold.get(key, ()) + types))
        docs.append(GoldDoc(txt.stem, txt.read_text(encoding="utf-8"), *_outermost(gold, ignore)))
    return docs


# ---------------------------------------------------------------- NEREL

def load_nerel(folder: Path) -> list[GoldDoc]:
    docs = []
    for txt in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        gold: dict[tuple[int, int], tuple[str, ...]] = {}
        ignore: set[tuple[int, int]] = set()
        ann = txt.with_suffix(".ann")
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if not line.startswith("T") or len(parts) < 2 or ";" in parts[1]:
                continue
            bits = parts[1].split()
            if len(bits) != 3:
                continue
            key = (int(bits[1]), int(bits[2]))
            scored = NEREL_TYPES.get(bits[0])
            if scored:
                gold[key] = tuple(dict.fromkeys(gold.get(key, ()) + (scored,)))
            else:
                ignore.add(key)
        docs.append(GoldDoc(txt.stem, txt.read_text(encoding="utf-8"), *_outermost(gold, ignore)))
    return docs


def _outermost(gold: dict, ignore: set) -> tuple[dict, set]:
    """Keep gold spans not strictly inside another gold span; inner ones become 'ignore'."""
    spans = sorted(gold, key=lambda s: (s[0], -s[1]))
    kept: dict[tuple[int, int], tuple[str, ...]] = {}
    inner: set[tuple[int, int]] = set()
    reach = -1
    for span in spans:
        if span[1] <= reach:
            inner.add(span)
            continue
        kept[span] = gold[span]
        reach = max(reach, span[1])
    return kept, (ignore | inner) - set(kept)


# ---------------------------------------------------------------- scoring

@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: dict, ignore: set, predicted: dict[tuple[int, int], str]) -> None:
        for span, kind in predicted.items():
            accepted = gold.get(span)
            if accepted and kind in accepted:
                self.tp[kind] += 1
            elif span not in ignore or accepted:
                self.fp[kind] += 1
        for span, accepted in gold.items():
            if predicted.get(span) not in accepted:
                self.fn[accepted[0]] += 1

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        pick = (lambda c: c[kind]) if kind else (lambda c: sum(c[k] for k in SCORED))
        tp, fp, fn = pick(self.tp), pick(self.fp), pick(self.fn)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self, title: str) -> str:
        rows = [f"{title}", f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"]
        for kind in (*SCORED, None):
            p, r, f = self.prf(kind)
            name = kind or "micro"
            counts = [sum(c[k] for k in ([kind] if kind else SCORED)) for c in (self.tp, self.fp, self.fn)]
            rows.append(f"{name:6} {p:6.3f} {r:6.3f} {f:6.3f} {counts[0]:6d} {counts[1]:6d} {counts[2]:6d}")
        return "\n".join(rows)


def predicted_spans(mentions, *, demonyms: bool = False,
                    leave_out: set[tuple[int, int]] | frozenset = frozenset()) -> dict[tuple[int, int], str]:
    """Scored view of a component's mentions: kinds outside PER/ORG/GPE/LOC/FAC are left out, and
    demonyms too unless the gold set marks country adjectives; so are the spans in ``leave_out``
    (descriptive organisations where the gold set marks only names, see the module's notes)."""
    out = {}
    for m in mentions:
        kind = KIND_TO_SCORED.get(m.kind)
        if kind and (demonyms or not m.demonym) and (m.start, m.end) not in leave_out:
            out[(m.start, m.end)] = kind
    return out


def errors(gold: dict, ignore: set, predicted: dict, text: str) -> list[str]:
    """Human-readable misses and false alarms of one document (for tuning)."""
    out = []
    for span, kind in predicted.items():
        if kind not in gold.get(span, ()) and (span not in ignore or span in gold):
            out.append(f"FP {kind} {text[span[0]:span[1]]!r} gold={gold.get(span)}")
    for span, accepted in gold.items():
        if predicted.get(span) not in accepted:
            out.append(f"FN {accepted} {text[span[0]:span[1]]!r} pred={predicted.get(span)}")
    return out

"""The commitments registry against the reference articles and the demo corpus gold.

Reference articles (``../shared/seeds``, read at run time, skipped when absent): the signing-list
article gives the declaration plus one ``signed`` commitment per listed document, kinds told apart;
the readout gives commitments across transport, energy, culture and education with statuses
following their wording.

Demo corpus (``src/communique/demo/manifest.json``): a predicted commitment matches a gold one when
their evidence spans overlap (one to one); we report detection precision and recall and, on the
matches, the accuracy of kind, status and sector. Floors are the measured figures rounded down.
The default run uses the segmenter only (what the rules need); the slow run the full pipeline.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from communique.components.commitments import CommitmentExtractor
from communique.components.segment import Segmenter
from communique.pipeline import Doc
from communique.records import Document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / ".." / "shared" / "seeds"
DEMO = ROOT / "src" / "communique" / "demo"
KEY = re.compile(r"^(.+?)(?:[:#](\d+))?$")

# measured on the demo corpus (see the report), rounded down to 0.05
FLOORS = {"precision": 0.90, "recall": 0.90, "kind": 0.90, "status": 0.95, "sector": 0.85}


def _components(full: bool) -> list:
    if not full:
        return [Segmenter()]
    from communique import registry
    return [c for c in registry.default_components() if c.name != "commitments"]


def _run(docs: list[Doc], *, full: bool) -> float:
    for component in _components(full):
        component(docs)
    started = time.perf_counter()
    CommitmentExtractor()(docs)
    return time.perf_counter() - started


# -- reference articles ------------------------------------------------------------------------

def _seed_docs(full: bool) -> dict[str, Doc]:
    if not SEEDS.is_dir():
        pytest.skip("reference articles not available")
    docs = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я")
        lang = "ru" if cyrillic > len(text) / 4 else "en"
        docs[path.name[:3]] = Doc(Document(
            id=path.stem, source=str(path.name), url=None, outlet=None, attribution=None, title=None,
            language=lang, published="2025-11-12", date_source="metadata", sha256="",
            n_chars=len(text), text=text))
    _run(list(docs.values()), full=full)
    return docs


def _with(found: list, word: str):
    hits = [c for c in found if word.lower() in c.evidence[0].text.lower()]
    assert len(hits) == 1, (word, [c.evidence[0].text for c in hits])
    return hits[0]


def check_seeds(docs: dict[str, Doc]) -> None:
    listing = docs["003"].commitments
    signed = [c for c in listing if c.status == "signed"]
    assert len(signed) == 14, [c.title for c in signed]
    assert [c.kind for c in signed].count("declaration") == 1
    assert {c.kind for c in signed} >= {"declaration", "program", "agreement", "memorandum",
                                        "letter_of_intent", "action_plan"}
    assert _with(signed, "tiger").sector == "environment"
    assert _with(signed, "consulate").sector == "consular"

    readout = docs["000"].commitments
    assert len(readout) >= 8
    assert {c.sector for c in readout} >= {"transport", "energy", "culture", "education"}
    assert _with(readout, "medical university").status == "considered"
    assert _with(readout, "cultural center").status == "proposed"
    assert _with(readout, "nuclear power plant").status == "in_progress"
    assert _with(readout, "gas cooperation").status == "discussed"
    for doc in docs.values():
        for c in doc.commitments:
            span = c.evidence[0]
            assert doc.text[span.start:span.end] == span.text


def test_reference_articles():
    check_seeds(_seed_docs(full=False))


@pytest.mark.slow
def test_reference_articles_full_pipeline():
    check_seeds(_seed_docs(full=True))


# -- demo corpus -------------------------------------------------------------------------------

def _demo_docs(field: str = "commitments") -> tuple[list[Doc], list[list[dict]]]:
    """The demo articles the manifest describes, and each one's gold list ``field``."""
    manifest_path = DEMO / "manifest.json"
    if not manifest_path.is_file():
        pytest.skip("demo manifest not available")
    from communique.ingest import articles_from, build_document

    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    docs, golds = [], []
    for key, article in manifest["articles"].items():
        name, item = KEY.match(key).groups()
        path = DEMO / "corpus" / name
        if not path.is_file():
            continue
        read = [a for a in articles_from(name, path.read_bytes()) if not isinstance(a, Exception)]
        index = int(item) - 1 if item else 0
        if index >= len(read):
            continue
        docs.append(Doc(build_document(read[index], max_chars=10_000_000)))
        golds.append(article.get(field, []))
    if not docs:
        pytest.skip("demo corpus not available")
    return docs, golds


def score(docs: list[Doc], golds: list[list[dict]]) -> dict[str, float]:
    """Detection precision/recall (evidence overlap, one to one) and attribute accuracy on matches."""
    tp = fp = fn = 0
    same = {"kind": 0, "status": 0, "sector": 0}
    for doc, gold in zip(docs, golds):
        spans = []
        for g in gold:
            at = doc.text.find(g["evidence"])
            spans.append((at, at + len(g["evidence"])) if at >= 0 else None)
        used: set[int] = set()
        for c in doc.commitments:
            hit = next((i for i, s in enumerate(spans) if s and i not in used and any(
                e.start < s[1] and s[0] < e.end for e in c.evidence)), None)
            if hit is None:
                fp += 1
                continue
            used.add(hit)
            tp += 1
            for attr in same:
                same[attr] += getattr(c, attr) == gold[hit][attr]
        fn += len(gold) - len(used)
    out = {"precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn)}
    out.update({attr: n / max(1, tp) for attr, n in same.items()})
    return out


def _check_demo(full: bool) -> None:
    docs, golds = _demo_docs()
    seconds = _run(docs, full=full)
    figures = score(docs, golds)
    print(f"\ncommitments on the demo corpus ({'full pipeline' if full else 'segmenter only'}): "
          + ", ".join(f"{k}={v:.3f}" for k, v in figures.items())
          + f"; stage {len(docs) / max(seconds, 1e-9):.0f} articles/s")
    for name, floor in FLOORS.items():
        assert figures[name] >= floor, (name, figures)


def test_demo_corpus():
    _check_demo(full=False)


@pytest.mark.slow
def test_demo_corpus_full_pipeline():
    _check_demo(full=True)

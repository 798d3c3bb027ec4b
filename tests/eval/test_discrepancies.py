"""Stories, claims and discrepancies on the bundled demo corpus (its manifest lists the stories
and the differences between sources) and the acceptance checks on the seed articles.

Both run the whole pipeline, so they are marked slow. A predicted discrepancy matches a listed
difference when it is in the same story and one of its passages overlaps the listed passage of
side a or b; "strict" also asks for the same kind.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / ".." / "shared" / "seeds"
DEMO = ROOT / "src" / "communique" / "demo"

# measured on the demo corpus, rounded down to 0.01. Precision counts every predicted discrepancy
# that matches no listed difference as wrong, although the manifest lists only some of the
# single-source passages (additions); typed precision leaves additions and omissions out.
FLOOR_STORY_F1 = 0.85  # measured 0.858 (P 0.897, R 0.822)
FLOOR_PRECISION = 0.45  # measured 0.452 (73 predicted, 49 listed)
FLOOR_RECALL = 0.85  # measured 0.857
FLOOR_STRICT_RECALL = 0.34  # measured 0.347 (same kind; 0.327 before typed checks of lone passages)
FLOOR_TYPED_PRECISION = 0.86  # measured 0.864 (19 of 22)


def build(paths: list[Path], db: Path):
    """Ingest, run the document pipeline and the corpus stages; returns the open store."""
    from communique import api
    from communique.store import Store

    api.ingest([str(p) for p in paths], db=str(db))
    api.analyze(db=str(db), components=_components())
    return Store.open(str(db))


def _components() -> list:
    from communique import registry

    names = ("segment", "ner", "link", "timex", "events", "commitments")
    if all(n in registry.FACTORIES for n in names[:4]):
        return registry.default_components()
    from communique.components.commitments import CommitmentExtractor
    from communique.components.link import EntityLinker
    from communique.components.ner import EntityRecognizer
    from communique.components.segment import Segmenter
    from communique.components.timex import TimexTagger

    return [Segmenter(), EntityRecognizer(), EntityLinker(), TimexTagger(), CommitmentExtractor()]


def article_key(document, urls: dict[str, str]) -> str | None:
    if document.url and document.url in urls:
        return urls[document.url]
    if document.source and document.source in urls:
        return urls[document.source]
    name = Path(document.source.split("#")[0].rsplit(":", 1)[0] if document.source else "").name
    return name or None


def locate(text: str, passage: str) -> tuple[int, int] | None:
    at = text.find(passage)
    return (at, at + len(passage)) if at >= 0 and passage else None


def overlaps(spans, doc_id: str, where: tuple[int, int] | None) -> bool:
    return where is not None and any(s.doc == doc_id and s.start < where[1] and where[0] < s.end for s in spans)


def score(store, manifest: dict) -> dict:
    from .test_clustering import bcubed

    urls = {v["url"]: k for k, v in manifest["articles"].items() if v.get("url")}
    docs = {d.id: d for d in store.iter_documents()}
    key = {d: article_key(doc, urls) for d, doc in docs.items()}
    by_key = {k: d for d, k in key.items()}
    stories = list(store.iter_records("story"))
    story_of = {d: s.id for s in stories for d in s.documents}
    gold = {d: manifest["articles"][k]["story"] for d, k in key.items() if k in manifest["articles"]}
    p, r, f1 = bcubed({d: story_of[d] for d in gold}, gold)
    found = list(store.iter_records("discrepancy"))
    hits, strict_hits, used = 0, 0, set()
    for diff in manifest["differences"]:
        match = _match(diff, found, docs, by_key)
        if match is not None:
            hits += 1
            strict_hits += match.kind == diff["kind"]
            used.add(match.id)
    in_gold = [d for d in found if any(gold.get(x) for x in d.documents)]
    typed = [d for d in in_gold if d.kind not in ("addition", "omission")]
    n_gold = len(manifest["differences"])
    return {"story_p": p, "story_r": r, "story_f1": f1, "predicted": len(in_gold), "gold": n_gold,
            "recall": hits / n_gold, "strict_recall": strict_hits / n_gold,
            "precision": len(used) / len(in_gold) if in_gold else 0.0,
            "typed_predicted": len(typed),
            "typed_precision": sum(d.id in used for d in typed) / len(typed) if typed else 0.0}


def _match(diff: dict, found, docs, by_key):
    sides = []
    for side in ("a", "b"):
        doc_id = by_key.get(diff[side]["article"])
        where = locate(docs[doc_id].text, diff[side]["text"]) if doc_id else None
        sides.append((doc_id, where))
    best = None
    for d in found:
        spans = [*d.a, *d.b]
        if any(doc_id and overlaps(spans, doc_id, where) for doc_id, where in sides):
            if best is None or d.kind == diff["kind"]:
                best = d
    return best


@pytest.mark.slow
def test_demo_corpus_discrepancies(tmp_path):
    manifest = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
    with build([DEMO / "corpus"], tmp_path / "demo.db") as store:
        result = score(store, manifest)
    print("demo corpus:", {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()})
    assert result["story_f1"] >= FLOOR_STORY_F1
    assert result["precision"] >= FLOOR_PRECISION and result["recall"] >= FLOOR_RECALL
    assert result["typed_precision"] >= FLOOR_TYPED_PRECISION
    assert result["strict_recall"] >= FLOOR_STRICT_RECALL


@pytest.mark.slow
def test_seed_acceptance(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    paths = sorted(SEEDS.glob("*.txt"))
    with build(paths, tmp_path / "seeds.db") as store:
        docs = {d.id: d for d in store.iter_documents()}
        name = {d: Path(doc.source).name[:3] for d, doc in docs.items()}
        stories = {s.id: sorted(name[d] for d in s.documents) for s in store.iter_records("story")}
        assert sorted(stories.values()) == [["000", "001", "002", "003"], ["004"]]
        visit = next(s for s, members in stories.items() if "000" in members)
        claims = [c for c in store.iter_records("claim") if c.story == visit]
        ru = {d for d in docs if name[d] == "002"}
        readouts = {d for d in docs if name[d] in ("000", "001")}
        assert sum(bool(ru & set(c.documents)) and bool(readouts & set(c.documents)) for c in claims) >= 8
        found = [d for d in store.iter_records("discrepancy") if d.story == visit]
        assert len(found) <= 20
        kinds = {(d.kind, tuple(sorted({name[s.doc] for s in d.a}))) for d in found}
        assert ("addition", ("002",)) in kinds  # the multilateral coordination only the Russian text gives
        assert any(k == "date" for k, _ in kinds) and any(k == "scope" for k, _ in kinds)
        later = next(d for d in docs.values() if name[d.id] == "003")
        assert later.published == "2025-11-12" and later.date_source == "story"
        wednesday = [t for t in store.iter_records("timex", doc=later.id) if t.text.lower() == "wednesday"]
        assert wednesday and wednesday[0].value == "2025-11-12"

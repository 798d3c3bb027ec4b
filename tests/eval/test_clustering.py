"""Story clustering against the news_cluster gold (articles labelled with their real-world event).

Features are computed cheaply: embeddings of title + description + lead, spaCy entities of the same
text, publication dates, and (as the pipeline has them) the body's sentence vectors, which carry
the footers and captions scraped pages repeat ("Advertisement ...", "Copyright ..."). Scored with B-cubed precision/recall/F1 against ``newsCluster.EventId``.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data" / "news_cluster" / "data"

# measured (see the report), rounded down to 0.01
FLOOR_FULL_F1 = 0.91  # measured 0.917 (P 0.962, R 0.875), 383 articles (0.822 if footers counted)
FLOOR_SUBSET_F1 = 0.95  # measured 0.959 (P 1.000, R 0.921), first 15 events
ENT_KINDS = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "EVENT": "EVENT",
             "NORP": "NORP", "PRODUCT": "WORK", "WORK_OF_ART": "WORK", "LAW": "WORK"}


def load_articles(limit_events: int | None = None) -> list[dict]:
    if not DATA.is_dir():
        pytest.skip("news_cluster data not available")
    articles = []
    for path in sorted(DATA.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        gold = ast.literal_eval(raw["newsCluster"]) if isinstance(raw["newsCluster"], str) else raw["newsCluster"]
        articles.append({"id": raw["dId"], "title": raw.get("title") or "",
                         "description": raw.get("description") or "", "text": raw.get("text") or "",
                         "date": raw.get("date_publish"), "event": gold["EventId"]})
    if limit_events:
        keep = sorted({a["event"] for a in articles})[:limit_events]
        articles = [a for a in articles if a["event"] in keep]
    return articles


def lead_text(article: dict, *, chars: int = 600) -> str:
    parts = [article["title"], article["description"]]
    body = article["text"]
    if body.startswith(article["title"]):
        body = body[len(article["title"]):]
    parts.append(body[:chars])
    return "\n".join(p.strip() for p in parts if p and p != "None")


def body_sentences(article: dict, *, limit: int = 40) -> list[str]:
    body = article["text"]
    if body.startswith(article["title"]):
        body = body[len(article["title"]):]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", body) if len(s.split()) >= 4]
    return sentences[:limit] or [article["title"] or article["id"]]


def article_features(articles: list[dict]):
    from communique import models
    from communique.corpus.features import DocFeatures, parse_day, sentence_key, unit

    texts = [lead_text(a) for a in articles]
    vecs = unit(models.embed(texts))
    bodies = [body_sentences(a) for a in articles]
    flat = unit(models.embed([s for b in bodies for s in b]))
    offsets = [0]
    for body in bodies:
        offsets.append(offsets[-1] + len(body))
    nlp = models.spacy_en()
    feats = []
    for n, (article, vec, parsed) in enumerate(zip(articles, vecs, nlp.pipe(texts, batch_size=32))):
        ents = frozenset(f"{ENT_KINDS[e.label_]}:{e.text.lower().removeprefix('the ')}"
                         for e in parsed.ents if e.label_ in ENT_KINDS)
        feats.append(DocFeatures(id=article["id"], lang="en", date=parse_day(article["date"]),
                                 vector=vec, entities=ents, sentences=flat[offsets[n]:offsets[n + 1]],
                                 sentence_keys=tuple(sentence_key(t) for t in bodies[n])))
    return feats


def bcubed(pred: dict[str, int], gold: dict[str, int]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` against ``gold`` (item -> label)."""
    by_pred: dict[int, set] = {}
    by_gold: dict[int, set] = {}
    for item in gold:
        by_pred.setdefault(pred[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item in gold:
        same = len(by_pred[pred[item]] & by_gold[gold[item]])
        p += same / len(by_pred[pred[item]])
        r += same / len(by_gold[gold[item]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(articles):
    from communique.corpus.stories import cluster, labels

    index = cluster(article_features(articles))
    return bcubed(labels(index), {a["id"]: a["event"] for a in articles})


def test_bcubed_helper():
    assert bcubed({"a": 1, "b": 1, "c": 2}, {"a": 5, "b": 5, "c": 6}) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({"a": 1, "b": 1}, {"a": 1, "b": 2})
    assert p == 0.5 and r == 1.0


def test_clustering_subset():
    p, r, f1 = run(load_articles(limit_events=15))
    print(f"news_cluster subset B3 P={p:.3f} R={r:.3f} F1={f1:.3f}")
    assert f1 >= FLOOR_SUBSET_F1


@pytest.mark.slow
def test_clustering_full():
    p, r, f1 = run(load_articles())
    print(f"news_cluster B3 P={p:.3f} R={r:.3f} F1={f1:.3f}")
    assert f1 >= FLOOR_FULL_F1

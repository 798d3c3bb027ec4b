"""EN↔RU document matching on NTREX (each Russian document translates one English document):
for each English document its translation must be the nearest Russian one (P@1), with the same
document vectors the story clusterer uses (title + lead + whole text of sentence embeddings)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data" / "ntrex_en_ru"
FLOOR_P_AT_1 = 1.0  # measured 1.000 (60 documents)


def load_documents() -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    if not DATA.is_dir():
        pytest.skip("ntrex_en_ru data not available")
    ids = (DATA / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    en = (DATA / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ru = (DATA / "newstest2019-ref.rus.txt").read_text(encoding="utf-8").splitlines()
    order, docs_en, docs_ru = [], {}, {}
    for doc_id, e, r in zip(ids, en, ru):
        if doc_id not in docs_en:
            order.append(doc_id)
        docs_en.setdefault(doc_id, []).append(e.strip())
        docs_ru.setdefault(doc_id, []).append(r.strip())
    return order, docs_en, docs_ru


def doc_vectors(order, docs) -> np.ndarray:
    from communique import models
    from communique.corpus.features import document_vector, unit

    flat = [s for d in order for s in docs[d]]
    vecs = unit(models.embed(flat))
    out, pos = [], 0
    for d in order:
        n = len(docs[d])
        out.append(document_vector(vecs[pos:pos + n]))
        pos += n
    return np.vstack(out)


def p_at_1(limit: int | None = None) -> float:
    order, docs_en, docs_ru = load_documents()
    order = order[:limit] if limit else order
    en, ru = doc_vectors(order, docs_en), doc_vectors(order, docs_ru)
    nearest = (en @ ru.T).argmax(axis=1)
    score = float(np.mean(nearest == np.arange(len(order))))
    print(f"NTREX EN->RU P@1={score:.3f} over {len(order)} documents")
    return score


def test_english_documents_find_their_translation_subset():
    assert p_at_1(limit=15) >= FLOOR_P_AT_1


@pytest.mark.slow
def test_english_documents_find_their_translation_all():
    assert p_at_1() >= FLOOR_P_AT_1

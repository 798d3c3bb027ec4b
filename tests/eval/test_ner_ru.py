"""Russian NER against factRuEval-2016 (devset) and NEREL (dev): strict span+type P/R/F1.

How gold is read and what is scored is described in ``ner_scoring``. The fast tests score the first
30 documents of each set; the full sets run under ``-m slow``. Floors are the measured figures
rounded down to 0.01; raise them when the recogniser improves, never lower them.
"""
from __future__ import annotations

import pytest

from tests.eval.ner_scoring import Score, load_factru, load_nerel, predicted_spans, shared_data

FAST_DOCS = 30
# (dataset, subset) -> {type or None for micro: F1 floor}
FLOORS = {
    ("factru", "fast"): {"PER": 0.93, "ORG": 0.83, "LOC": 0.94, None: 0.91},
    ("factru", "full"): {"PER": 0.96, "ORG": 0.82, "LOC": 0.93, None: 0.91},
    ("nerel", "fast"): {"PER": 0.96, "ORG": 0.80, "LOC": 0.93, None: 0.91},
    ("nerel", "full"): {"PER": 0.93, "ORG": 0.84, "LOC": 0.92, None: 0.91},
}
# NEREL marks country adjectives ("российских") as COUNTRY, factRuEval does not mark adjectives
DEMONYMS_SCORED = {"factru": False, "nerel": True}
# NEREL marks descriptive organisations ("правительство Мали"), factRuEval marks them as descriptors
DESCRIPTIVE_SCORED = {"factru": False, "nerel": True}


def _gold(dataset: str):
    root = shared_data()
    folder = root / "factru" / "devset" if dataset == "factru" else root / "nerel" / "dev"
    if not folder.is_dir():
        pytest.skip(f"evaluation data not found: {folder}")
    return load_factru(folder) if dataset == "factru" else load_nerel(folder)


def evaluate(dataset: str, limit: int | None = None) -> Score:
    from communique.components.ner import EntityRecognizer
    from communique.components.segment import Segmenter
    from communique.pipeline import Doc
    from communique.records import Document

    segment, ner = Segmenter(), EntityRecognizer()
    score = Score()
    for gold in _gold(dataset)[:limit]:
        doc = Doc(Document(id=gold.id, source=gold.id, url=None, outlet=None, attribution=None,
                           title=None, language="ru", published=None, date_source=None, sha256="",
                           n_chars=len(gold.text), text=gold.text))
        segment([doc])
        ner([doc])
        leave_out = set() if DESCRIPTIVE_SCORED[dataset] else set(doc.extras.get("ner_descriptive", ()))
        score.add(gold.gold, gold.ignore,
                  predicted_spans(doc.mentions, demonyms=DEMONYMS_SCORED[dataset], leave_out=leave_out))
    return score


def _check(dataset: str, subset: str) -> None:
    score = evaluate(dataset, FAST_DOCS if subset == "fast" else None)
    print("\n" + score.table(f"{dataset} ({subset})"))
    for kind, floor in FLOORS[(dataset, subset)].items():
        assert score.prf(kind)[2] >= floor, f"{dataset} {kind or 'micro'} F1 below {floor}"


@pytest.mark.parametrize("dataset", ["factru", "nerel"])
def test_ner_ru_fast(dataset):
    _check(dataset, "fast")


@pytest.mark.slow
@pytest.mark.parametrize("dataset", ["factru", "nerel"])
def test_ner_ru_full(dataset):
    _check(dataset, "full")


if __name__ == "__main__":  # python tests/eval/test_ner_ru.py: print the full tables
    for name in ("factru", "nerel"):
        print(evaluate(name).table(name))

"""PLOVER event-type evaluation of the classifier (scorer written here; data read at run time).

(a) PLOVER gold records (old labels mapped to the 16 types), stratified 5-fold cross-validation of
    the classifier trained on the project's examples + the other folds; classifier alone and
    combined with the English trigger lexicon.
(b) NGEC synthetic stories split by headline template (80/20): trained on the train templates +
    the project's examples, scored on the held-out templates (measures the approach).
(c) The shipped model on the NGEC stories, all of them (held out for it) and a 300-story sample.
(b) and (c) are reported for the classifier alone and combined with the English triggers, and
for two views of a story: its lead (first ``LEAD_CHARS`` characters of the body: text only) and
its headline (slots filled with neutral names). The labels come from the headline templates the
stories were generated from; the generated bodies often drift from them, so the lead view also
measures that label noise. All items carry an event, so the type is the best of the 16 types
(NONE excluded). Features are those of the component (:mod:`...events.features`). Run with
``-s`` to see the tables, ``-m slow`` for the full runs.
"""
from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np
import pytest

from communique.components.events.classifier import (LABELS, NONE, TRIGGER_BONUS,
                                                     PloverClassifier)
from communique.components.events.training import GOLD_RECORDS, load_examples, load_gold
from communique.components.events.features import TRIGGER_COLUMNS
from communique.records import PLOVER_TYPES

LEAD_CHARS = 300
SAMPLE = 300
SLOTS = {"{country_1}": "Country A", "{country_2}": "Country B", "{city}": "the capital"}
_CACHE: dict[tuple[str, str], np.ndarray] = {}  # (text, language) -> features, this run only
_DOCS: dict = {}  # text -> its Doc parsed up to the events stage, this run only
TRIGGERS = TRIGGER_COLUMNS  # the trigger block of the features


def featurize(texts: list[str], lang: str = "en") -> np.ndarray:
    """Classifier features of standalone texts (component's segmentation, parse and lexicons)."""
    from communique.components.events.features import N_FEATURES, text_features

    missing = list(dict.fromkeys((t, lang) for t in texts if (t, lang) not in _CACHE))
    for i in range(0, len(missing), 256):
        part = missing[i:i + 256]
        _CACHE.update(zip(part, text_features(part)))
    if not texts:
        return np.zeros((0, N_FEATURES), dtype=np.float32)
    return np.vstack([_CACHE[(t, lang)] for t in texts])


def pipeline_types(texts: list[str], model: PloverClassifier | None = None) -> list[str]:
    """The whole events component on each text as a document of its own (the decision rule, the
    future/negation conventions, clauses): the type of its most confident event, or NONE. The
    earlier stages run once per distinct text; ``model`` replaces the shipped classifier."""
    from communique import registry
    from communique.components.events import EventCoder
    from communique.pipeline import run_components
    from tests.conftest import make_doc

    todo = [t for t in dict.fromkeys(texts) if t not in _DOCS]
    docs = [make_doc(t, doc_id=f"p{len(_DOCS) + i}") for i, t in enumerate(todo)]
    run_components(docs, [registry.create(n) for n in ("segment", "ner", "link", "timex")])
    _DOCS.update(zip(todo, docs))
    unique = [_DOCS[t] for t in dict.fromkeys(texts)]
    for doc in unique:
        doc.events = []
    EventCoder(model=model)(unique)
    best = {doc.text: max(doc.events, key=lambda e: e.confidence).plover if doc.events else NONE
            for doc in unique}
    return [best[t] for t in texts]


def detected(predicted: list[str]) -> float:
    return sum(p != NONE for p in predicted) / max(1, len(predicted))


def scores(gold: list[str], predicted: list[str]) -> dict:
    """Per-type precision, recall, F1 and support, and the macro F1 over the gold types."""
    table = {}
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"p": precision, "r": recall, "f1": f1, "n": tp + fn}
    macro = float(np.mean([row["f1"] for row in table.values()])) if table else 0.0
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / max(1, len(gold))
    return {"macro_f1": macro, "accuracy": accuracy, "per_type": table}


def report(title: str, result: dict) -> None:
    print(f"\n{title}: macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}")
    for label, row in result["per_type"].items():
        print(f"  {label:10} P {row['p']:.2f}  R {row['r']:.2f}  F1 {row['f1']:.2f}  n {row['n']}")


@pytest.fixture(scope="module")
def examples() -> list[tuple[str, str, str, bool]]:
    return [(e.text, e.label, e.lang, e.gate_only) for e in load_examples()]


@pytest.fixture(scope="module")
def gold(shared_data: Path) -> list[tuple[str, str]]:
    if not (shared_data / GOLD_RECORDS).exists():
        pytest.skip("PLOVER gold records are not available")
    return [(e.text, e.label) for e in load_gold(shared_data)]


@pytest.fixture(scope="module")
def stories(shared_data: Path) -> list[dict]:
    """Every story of the folder's CSV files (the training split, and any held-out split placed
    beside it), with one of the 16 types."""
    paths = sorted((shared_data / "ngec_synthetic").glob("*.csv"))
    if not paths:
        pytest.skip("NGEC synthetic stories are not available")
    rows = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            rows += [r for r in csv.DictReader(fh) if r.get("label") in PLOVER_TYPES]
    return rows


def lead(story: dict) -> str:
    """The story body's first ``LEAD_CHARS`` characters (text only)."""
    return " ".join(story["text"].split())[:LEAD_CHARS]


def headline(story: dict) -> str:
    """The story's headline, its slots filled with neutral names."""
    title = story["title"]
    for slot, name in SLOTS.items():
        title = title.replace(slot, name)
    return " ".join(title.split())


VIEWS = {"lead": lead, "headline": headline}


def stratified_folds(labels: list[str], *, k: int, seed: int = 0) -> list[int]:
    rng = random.Random(seed)
    fold = [0] * len(labels)
    for label in sorted(set(labels)):
        members = [i for i, y in enumerate(labels) if y == label]
        rng.shuffle(members)
        for j, i in enumerate(members):
            fold[i] = j % k
    return fold


def example_features(rows: list[tuple[str, str, str, bool]]
                     ) -> tuple[np.ndarray, list[str], list[bool]]:
    parts = [featurize([t for t, _, lg, _ in rows if lg == lang], lang) for lang in ("en", "ru")]
    ordered = [row for lang in ("en", "ru") for row in rows if row[2] == lang]
    return np.vstack(parts), [row[1] for row in ordered], [row[3] for row in ordered]


def fit(rows: list[tuple[str, str, str, bool]], extra_x: np.ndarray | None = None,
        extra_y: list[str] | None = None) -> PloverClassifier:
    """The shipped model's training on the project's examples ``rows`` and extra rows."""
    x, y, gate_only = example_features(rows)
    if extra_x is not None:
        x, y = np.vstack([x, extra_x]), y + list(extra_y)
        gate_only = gate_only + [False] * len(extra_y)
    return PloverClassifier.fit(x, y, gate_only=gate_only)


def with_triggers(probs: np.ndarray, x: np.ndarray) -> list[str]:
    """The component's bonus rule on top of the classifier (hits read from the features)."""
    hits = x[:, TRIGGERS] > 0
    bonus = np.zeros_like(probs)
    bonus[:, : len(PLOVER_TYPES)] = TRIGGER_BONUS * hits
    score = probs + bonus
    score[:, LABELS.index(NONE)] = -np.inf
    return [LABELS[i] for i in score.argmax(axis=1)]


# floors: the figures measured with the shipped settings (2026-11-25; headlines read in sentence
# case, events.casing), rounded down, with a
# margin of 0.01 where the figure sits within 0.005 of the rounded value (they only rise)
FLOORS = {
    "a": 0.60, "a+": 0.59,
    "b-lead": 0.47, "b-lead+": 0.46, "b-headline": 0.82, "b-headline+": 0.84,
    "c-lead": 0.37, "c-lead+": 0.37, "c-headline": 0.73, "c-headline+": 0.72,
    # the whole events component, EventCoder 8 (2026-12-08): (a) folds 0.597, detected 0.975;
    # (c) headlines 0.683, detected 0.859
    "a-component": 0.59, "a-detected": 0.96, "c-component": 0.67, "c-detected": 0.85,
}


@pytest.mark.slow
def test_a_gold_records_cross_validation(examples, gold):
    texts, labels = [t for t, _ in gold], [y for _, y in gold]
    x = featurize(texts)
    fold = stratified_folds(labels, k=5)
    probs = np.zeros((len(gold), len(LABELS)))
    piped = [NONE] * len(gold)
    for k in range(5):
        train = [i for i, f in enumerate(fold) if f != k]
        test = [i for i, f in enumerate(fold) if f == k]
        model = fit(examples, x[train], [labels[i] for i in train])
        probs[test] = model.predict_proba(x[test], allow_none=False)
        for i, plover in zip(test, pipeline_types([texts[i] for i in test], model)):
            piped[i] = plover
    alone = scores(labels, [LABELS[i] for i in probs.argmax(axis=1)])
    combined = scores(labels, with_triggers(probs, x))
    whole = scores(labels, piped)
    report("(a) gold records, 5-fold CV, classifier", alone)
    report("(a) gold records, 5-fold CV, classifier + triggers", combined)
    report(f"(a) same folds, whole events component (detected {detected(piped):.3f})", whole)
    assert alone["macro_f1"] >= FLOORS["a"] and combined["macro_f1"] >= FLOORS["a+"]
    assert whole["macro_f1"] >= FLOORS["a-component"]
    assert detected(piped) >= FLOORS["a-detected"]


@pytest.mark.slow
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_b_ngec_split_by_template(examples, stories, view):
    """Trained on the stories of 80% of the headline templates + the project's examples, scored
    on the other templates' stories; a story is read through ``view`` (its lead, or headline)."""
    read = VIEWS[view]
    templates = sorted({s["title"] for s in stories})
    random.Random(0).shuffle(templates)
    held = set(templates[: len(templates) // 5])
    train = [s for s in stories if s["title"] not in held]
    test = [s for s in stories if s["title"] in held]
    model = fit(examples, featurize([read(s) for s in train]), [s["label"] for s in train])
    x = featurize([read(s) for s in test])
    probs = model.predict_proba(x, allow_none=False)
    gold = [s["label"] for s in test]
    result = scores(gold, [LABELS[i] for i in probs.argmax(axis=1)])
    combined = scores(gold, with_triggers(probs, x))
    report(f"(b) NGEC by template, {view}: train {len(train)}, test {len(test)} stories", result)
    report(f"(b) same, {view}, classifier + triggers", combined)
    assert result["macro_f1"] >= FLOORS[f"b-{view}"]
    assert combined["macro_f1"] >= FLOORS[f"b-{view}+"]


def shipped_on(stories: list[dict], *, view: str = "lead") -> tuple[dict, dict]:
    """Scores of the shipped model on the stories: classifier alone, and with the triggers."""
    model = PloverClassifier.load()
    x = featurize([VIEWS[view](s) for s in stories])
    probs = model.predict_proba(x, allow_none=False)
    gold = [s["label"] for s in stories]
    return (scores(gold, [LABELS[i] for i in probs.argmax(axis=1)]),
            scores(gold, with_triggers(probs, x)))


@pytest.mark.slow
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_c_shipped_model_on_all_ngec_stories(stories, view):
    alone, combined = shipped_on(stories, view=view)
    report(f"(c) shipped model, all {len(stories)} NGEC stories, {view}", alone)
    report(f"(c) same, {view}, classifier + triggers", combined)
    assert alone["macro_f1"] >= FLOORS[f"c-{view}"]
    assert combined["macro_f1"] >= FLOORS[f"c-{view}+"]


@pytest.mark.slow
def test_c_whole_component_on_ngec_headlines(stories):
    """(c) as a user gets it: each headline a document through the whole events component,
    scored by the type of its most confident event (no event counts as a miss)."""
    gold = [s["label"] for s in stories]
    piped = pipeline_types([headline(s) for s in stories])
    result = scores(gold, piped)
    report(f"(c) whole events component, all {len(stories)} NGEC headlines "
           f"(detected {detected(piped):.3f})", result)
    assert result["macro_f1"] >= FLOORS["c-component"]
    assert detected(piped) >= FLOORS["c-detected"]


def test_c_shipped_model_on_an_ngec_sample(stories):
    sample = random.Random(0).sample(stories, min(SAMPLE, len(stories)))
    alone, combined = shipped_on(sample, view="headline")
    report(f"(c) shipped model, {len(sample)} NGEC stories, headline", alone)
    report("(c) same, headline, classifier + triggers", combined)
    assert alone["accuracy"] > 2 / len(PLOVER_TYPES)  # well above chance (1/16)
    assert alone["macro_f1"] >= 0.45 and combined["macro_f1"] >= 0.45


@pytest.mark.slow
def test_d_english_and_russian_versions_agree(shared_data: Path):
    """(d) The document pipeline on NTREX news lines and their Russian translations: how often
    the two versions of a line get the same event types (or both none)."""
    from tests.eval.ntrex_lines import line_events

    folder = shared_data / "ntrex_en_ru"
    if not folder.is_dir():
        pytest.skip("NTREX EN-RU data is not available")
    sides = {lang: line_events(folder, lang) for lang in ("en", "ru")}
    pairs = list(zip(sides["en"], sides["ru"]))
    same = sum(a == b for a, b in pairs) / len(pairs)
    either = [(a, b) for a, b in pairs if a or b]
    same_event = sum(a == b for a, b in either) / max(1, len(either))
    overlap = sum(bool(a & b) for a, b in either) / max(1, len(either))
    print(f"\n(d) NTREX {len(pairs)} EN/RU line pairs: same types {same:.3f}; lines with an event "
          f"in either version: {len(either)}, same types {same_event:.3f}, a shared type "
          f"{overlap:.3f}; events EN {sum(map(len, sides['en']))} RU {sum(map(len, sides['ru']))}")
    assert same > 0.75 and overlap > 0.2

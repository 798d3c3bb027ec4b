"""PLOVER events of the whole pipeline on the demo corpus, against the manifest's event list.

The manifest lists, per article, the main events a reader would code (evidence phrase, PLOVER
type, actors). A gold event is *detected* when the pipeline codes an event on the sentence that
holds its evidence phrase, and *typed* when one of that sentence's events has the gold type.
Since a compound sentence may get several events (one per clause type), more events could raise
*typed* without being right, so a third figure guards it: *precision on covered sentences*, the
share of the pipeline's events on sentences that hold a gold evidence phrase whose type is one of
that sentence's gold types. The manifest lists the main events only, so a true secondary act of
such a sentence counts against it, and events on other sentences are not judged (see
test_plover (d) for how many lines of general news get an event). Slow: the full pipeline over
40 articles.
"""
from __future__ import annotations

import collections

import pytest

from communique import registry
from tests.eval.test_commitments import _demo_docs

# measured 2026-12-08 with the event gate (EventCoder 7); the manifest codes invitations and
# offers AGREE, held meetings CONSULT and done releases RETREAT as the manual says (detected
# 0.932, typed 0.722, precision on covered sentences 0.821 over 117 events), rounded down (0.01
# below where the figure sits within 0.005 of the rounded value)
FLOORS = {"detected": 0.92, "typed": 0.71, "precision": 0.81}


def score(docs, golds) -> dict:
    per_type = collections.defaultdict(lambda: [0, 0])
    detected = typed = total = covered = right = 0
    for doc, events in zip(docs, golds):
        spans = []  # (start, end, type) of the gold evidence phrases found in the text
        for gold in events:
            start = doc.text.find(gold["evidence"])
            if start < 0:
                continue
            end = start + len(gold["evidence"])
            spans.append((start, end, gold["plover"]))
            total += 1
            found = {e.plover for e in doc.events if _holds(e, start, end)}
            detected += bool(found)
            typed += gold["plover"] in found
            per_type[gold["plover"]][0] += gold["plover"] in found
            per_type[gold["plover"]][1] += 1
        for event in doc.events:
            types = {plover for start, end, plover in spans if _holds(event, start, end)}
            covered += bool(types)
            right += event.plover in types
    return {"n": total, "detected": detected / max(1, total), "typed": typed / max(1, total),
            "precision": right / max(1, covered), "covered": covered,
            "per_type": {k: v[0] / v[1] for k, v in sorted(per_type.items())},
            "support": {k: v[1] for k, v in sorted(per_type.items())}}


def _holds(event, start: int, end: int) -> bool:
    """The event's evidence holds the gold phrase ``start:end`` (its final stop may lie out)."""
    return event.evidence[0].start <= start and end <= event.evidence[0].end + 1


@pytest.mark.slow
def test_demo_corpus_events():
    docs, golds = _demo_docs("events")
    for component in registry.default_components():
        component(docs)
    result = score(docs, golds)
    print(f"\ndemo events: {result['n']} gold, detected {result['detected']:.3f}, "
          f"typed {result['typed']:.3f}; precision on covered sentences "
          f"{result['precision']:.3f} ({result['covered']} events)")
    for label, value in result["per_type"].items():
        print(f"  {label:10} typed {value:.2f}  n {result['support'][label]}")
    assert result["n"] >= 40
    assert result["detected"] >= FLOORS["detected"] and result["typed"] >= FLOORS["typed"]
    assert result["precision"] >= FLOORS["precision"]

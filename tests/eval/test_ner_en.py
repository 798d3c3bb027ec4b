"""English (and Russian) NER on the demo corpus gold (``src/communique/demo/manifest.json``).

Strict span+kind P/R/F1 over the eight kinds; the manifest's conventions leave nationality
adjectives and organisations named by a common noun ("правительство", ``ner_descriptive``) out, so
those mentions are not scored. Floors are the measured figures rounded down
to 0.01; raise them when the recogniser improves, never lower them.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from communique.records import ENTITY_KINDS

MANIFEST = Path(__file__).resolve().parents[2] / "src" / "communique" / "demo" / "manifest.json"
FLOORS = {"en": {None: 0.90, "PER": 0.96, "GPE": 0.96, "ORG": 0.85}, "ru": {None: 0.93, "PER": 0.99, "GPE": 0.97}}


class KindScore:
    def __init__(self) -> None:
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()

    def add(self, gold: dict[tuple[int, int], str], predicted: dict[tuple[int, int], str]) -> None:
        for span, kind in predicted.items():
            (self.tp if gold.get(span) == kind else self.fp)[kind] += 1
        for span, kind in gold.items():
            if predicted.get(span) != kind:
                self.fn[kind] += 1

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        pick = (lambda c: c[kind]) if kind else (lambda c: sum(c.values()))
        tp, fp, fn = pick(self.tp), pick(self.fp), pick(self.fn)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self, title: str) -> str:
        rows = [title, f"{'kind':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for kind in (*ENTITY_KINDS, None):
            c = [(x[kind] if kind else sum(x.values())) for x in (self.tp, self.fp, self.fn)]
            if kind and not any(c):
                continue
            p, r, f = self.prf(kind)
            rows.append(f"{kind or 'micro':6} {p:6.3f} {r:6.3f} {f:6.3f} {c[0]:5d} {c[1]:5d} {c[2]:5d}")
        return "\n".join(rows)


def _articles(lang: str):
    if not MANIFEST.is_file():
        pytest.skip("demo manifest not found")
    try:
        from tests.unit.test_demo_manifest import read_article
    except ImportError:
        pytest.skip("demo corpus reader not available")
    import json

    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    out = []
    for key, meta in manifest["articles"].items():
        if meta.get("language") != lang or not meta.get("entities"):
            continue
        text = read_article(key, encoding=meta.get("encoding", "utf-8"))
        gold = {}
        for ent in meta["entities"]:
            start = ent.get("start")
            if start is not None and text[start:start + len(ent["text"])] == ent["text"]:
                gold[(start, start + len(ent["text"]))] = ent["kind"]
        out.append((key, text, gold))
    if not out:
        pytest.skip(f"no {lang} articles with entity gold")
    return out


def evaluate(lang: str, *, show_errors: bool = False) -> KindScore:
    from communique.components.ner import EntityRecognizer
    from communique.components.segment import Segmenter
    from communique.pipeline import Doc
    from communique.records import Document

    segment, ner, score = Segmenter(), EntityRecognizer(), KindScore()
    for key, text, gold in _articles(lang):
        doc = Doc(Document(id=key, source=key, url=None, outlet=None, attribution=None, title=None,
                           language=lang, published=None, date_source=None, sha256="",
                           n_chars=len(text), text=text))
        segment([doc])
        ner([doc])
        descriptive = set(doc.extras.get("ner_descriptive", ()))
        predicted = {(m.start, m.end): m.kind for m in doc.mentions
                     if not m.demonym and (m.start, m.end) not in descriptive}
        score.add(gold, predicted)
        if show_errors:
            for span in sorted(set(gold) | set(predicted)):
                if gold.get(span) != predicted.get(span):
                    print(key, repr(text[span[0]:span[1]]), "gold", gold.get(span), "pred", predicted.get(span))
    return score


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_ner_demo_corpus(lang):
    score = evaluate(lang)
    print("\n" + score.table(f"demo corpus NER ({lang})"))
    for kind, floor in FLOORS[lang].items():
        assert score.prf(kind)[2] >= floor, f"{lang} {kind or 'micro'} F1 below {floor}"


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or ["en", "ru"]:
        print(evaluate(name, show_errors=True).table(name))

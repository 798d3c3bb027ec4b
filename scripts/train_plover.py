"""Rebuild the shipped PLOVER classifier (``components/events/plover_model.npz``).

Training data, all redistributable: the project's own example sentences (``examples_en.jsonl``,
``examples_ru.jsonl``, next to the model) and the PLOVER gold-standard records (CC BY-SA 4.0,
read at run time from ``../shared/data/plover``; without them the script stops, so the shipped file
stays as it is). Deterministic: same inputs, same weights. Prints what it trained on, the
training accuracy and the file size.

    PYTHONPATH=src python scripts/train_plover.py [--data DIR] [--out FILE]
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.components.events.classifier import (MODEL_PATH, TRAIN_OPTIONS,  # noqa: E402
                                                     PloverClassifier, map_label)

PACKAGE = MODEL_PATH.parent
GOLD = Path("plover") / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"


def load_examples() -> list[tuple[str, str, str]]:
    """The project's own example sentences as (text, label, language)."""
    rows = []
    for lang in ("en", "ru"):
        with open(PACKAGE / f"examples_{lang}.jsonl", encoding="utf-8") as fh:
            rows += [(r["text"], r["label"], lang) for r in map(json.loads, fh) if r.get("text")]
    return rows


def load_gold(data: Path) -> list[tuple[str, str, str]]:
    """PLOVER gold records as (sentence, 16-type label, "en"), without the DOCUMENT header."""
    records = json.loads((data / GOLD).read_text(encoding="utf-8"))
    return [(r["text"], map_label(r["event"]), "en") for r in records
            if r.get("event") != "DOCUMENT" and r.get("text")]


def train(rows: list[tuple[str, str, str]]):
    """The classifier trained on (text, label, language) rows, and its input features."""
    from communique.components.events.features import text_features

    x = text_features([(text, lang) for text, _, lang in rows])
    model = PloverClassifier.fit(x, [label for _, label, _ in rows], **TRAIN_OPTIONS)
    model.meta.update({"training": "project examples (en, ru) + PLOVER gold records",
                       "license": "CC BY-SA 4.0",
                       "features": "USE sentence + 2 phrases (3 x 512) + triggers + markers"})
    return model, x


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not (args.data / GOLD).exists():
        print(f"PLOVER gold records not found under {args.data}; nothing rebuilt", file=sys.stderr)
        return 1
    examples, gold = load_examples(), load_gold(args.data)
    rows = examples + gold
    model, x = train(rows)
    labels = [label for _, label, _ in rows]
    predicted = model.predict(x)
    accuracy = sum(a == b for a, b in zip(labels, predicted)) / len(rows)
    model.save(args.out)
    print(f"examples: {len(examples)}  gold records: {len(gold)}  total: {len(rows)}")
    print("per class:", dict(sorted(collections.Counter(labels).items())))
    print(f"training accuracy: {accuracy:.3f}")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rebuild the shipped PLOVER classifier (``components/events/plover_model.npz``).

Training data, all redistributable (see ``communique.components.events.training``): the project's
own examples (``data/events/*.jsonl``, English and Russian) and the PLOVER gold-standard records
(CC BY-SA 4.0, read at run time from ``../shared/data/plover``; without them the script stops, so
the shipped file stays as it is). Deterministic on one machine: same inputs, same weights (another
BLAS build or thread count rounds differently, which moves the evaluations by up to about 0.005).
Prints what it trained on, the training accuracy and the file size.

The type members learn from every example but the ``nonpolitical_*`` files; the event gate from all
of them. The shipped file keeps the type members of the 2026-11-25 training (the same 6,678
examples and options) and adds the gate, so its type ranking is that release's:

    PYTHONPATH=src python scripts/train_plover.py [--data DIR] [--out FILE] [--members-from FILE]
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.components.events.classifier import (MODEL_PATH,  # noqa: E402
                                                     TRAIN_MEMBERS, PloverClassifier)
from communique.components.events.training import (GOLD_RECORDS, Example,  # noqa: E402
                                                   load_examples, load_gold)


def train(rows: list[Example], members_from: Path | None = None):
    """The classifier trained on the examples ``rows``, and its input features. With
    ``members_from``, the type members of that model file are kept and only the gate is trained."""
    from communique.components.events.features import text_features

    x = text_features([(row.text, row.lang) for row in rows])
    kept = PloverClassifier.load(members_from) if members_from else None
    model = PloverClassifier.fit(x, [row.label for row in rows],
                                 members=() if kept else TRAIN_MEMBERS,
                                 gate_only=[row.gate_only for row in rows])
    if kept:
        model.members = kept.members
        model.meta["members"] = kept.meta.get("members", [])
        model.meta["members_kept_from"] = f"a model of {kept.meta.get('n', '?')} examples"
    model.meta.update({"training": "project examples (en, ru) + PLOVER gold records",
                       "license": "CC BY-SA 4.0",
                       "features": "USE sentence + 2 phrases (3 x 512) + triggers + markers",
                       "network": "mean of 1 hidden ReLU layer (dropout) + softmax, and linear softmax",
                       "gate": "linear softmax, event vs NONE, all examples"})
    return model, x


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--members-from", type=Path, default=None,
                        help="keep the type members of this model file (trained on the same "
                             "examples and options) and train the event gate only")
    args = parser.parse_args(argv)
    if not (args.data / GOLD_RECORDS).exists():
        print(f"PLOVER gold records not found under {args.data}; nothing rebuilt", file=sys.stderr)
        return 1
    if args.members_from and not args.members_from.is_file():
        print(f"{args.members_from}: no such model file (--members-from)", file=sys.stderr)
        return 1
    examples, gold = load_examples(), load_gold(args.data)
    rows = examples + gold
    model, x = train(rows, args.members_from)
    labels = [row.label for row in rows]
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

"""Training data of the PLOVER classifier, shared by ``scripts/train_plover.py`` and the evaluations.

Two sources, both redistributable:

1. the project's own examples, ``data/events/*.jsonl`` in the source tree (one JSON object per
   line: ``text``, ``label`` (a PLOVER type or ``NONE``), ``lang``, ``form`` (``sentence``,
   ``lead`` or ``headline``)), written for the project in English and Russian; the files named
   ``nonpolitical_*`` hold news without a political event (``NONE``) for the event gate only;
2. the PLOVER gold-standard records (CC BY-SA 4.0), read at run time from a data folder
   (``plover/gold_standard_records/PLOVER_GSR_CAMEO.txt``), old labels mapped to the 16 types.

The examples are not part of the installed package: an installed copy ships only the trained
weights (``plover_model.npz``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .classifier import LABELS, map_label

EXAMPLES_DIR = Path(__file__).resolve().parents[4] / "data" / "events"
GOLD_RECORDS = Path("plover") / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
FORMS = ("sentence", "lead", "headline")
# files of examples that report no political event (sport, weather, accidents, science, ...): they
# teach the classifier's event gate whether a sentence reports an event, not the type members
GATE_ONLY_PREFIX = "nonpolitical_"


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    lang: str
    form: str = "sentence"
    source: str = ""

    @property
    def gate_only(self) -> bool:
        """Whether the example trains the event gate only (see ``GATE_ONLY_PREFIX``)."""
        return self.source.startswith(GATE_ONLY_PREFIX)


def load_examples(folder: Path | None = None) -> list[Example]:
    """Every example of ``folder`` (default: the source tree's ``data/events``), files in name
    order. Raises ``FileNotFoundError`` without the folder and ``ValueError`` naming the file and
    line of a malformed item."""
    folder = Path(folder) if folder is not None else EXAMPLES_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no example folder (the examples live in the source "
                                "tree, not in an installed package)")
    rows: list[Example] = []
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    rows.append(_example(line, where=f"{path.name}:{number}"))
    return rows


def _example(line: str, *, where: str) -> Example:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"{where}: not JSON ({err.msg})") from err
    text, label = item.get("text"), item.get("label")
    lang, form = item.get("lang"), item.get("form", "sentence")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: no text")
    if label not in LABELS:
        raise ValueError(f"{where}: unknown label {label!r}")
    if not isinstance(lang, str) or len(lang) != 2:
        raise ValueError(f"{where}: no two-letter lang")
    if form not in FORMS:
        raise ValueError(f"{where}: unknown form {form!r}")
    return Example(text=text, label=label, lang=lang, form=form, source=where)


def load_gold(data: Path) -> list[Example]:
    """The PLOVER gold records under the data folder ``data`` (without the DOCUMENT header)."""
    records = json.loads((Path(data) / GOLD_RECORDS).read_text(encoding="utf-8"))
    return [Example(text=r["text"], label=map_label(r["event"]), lang="en", form="sentence",
                    source=f"gold:{r.get('id', i)}")
            for i, r in enumerate(records) if r.get("event") != "DOCUMENT" and r.get("text")]

"""TempEval-3 timex scoring on TimeML (TimeBank + AQUAINT), written from the task's description.

``load_tml`` reads a ``.tml`` file into plain text (the content of ``<TEXT>``, tags removed, entities
unescaped) with the gold TIMEX3 spans as character offsets into it, and the document creation time
(the TIMEX3 with ``functionInDocument="CREATION_TIME"``, not scored). ``score`` computes strict and
relaxed span precision/recall/F1 and the attribute figures for ``type`` and ``value``: attribute F1
counts relaxed-matched pairs whose attribute agrees, over the system and over the gold expressions.

Run ``PYTHONPATH=src python -m tests.eval.tempeval [DATA_DIR]`` to print the figures.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Span:
    start: int
    end: int
    type: str
    value: str | None
    text: str = ""


@dataclass
class TmlDoc:
    id: str
    text: str
    dct: str | None
    gold: list[Span] = field(default_factory=list)


def load_tml(path: Path) -> TmlDoc:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    dct = dict(_ATTR.findall(dct_match.group(0))).get("value") if dct_match else None
    begin, end = raw.index("<TEXT>") + len("<TEXT>"), raw.index("</TEXT>")
    body = raw[begin:end]
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict]] = []
    gold: list[Span] = []
    pos = 0
    for match in _TAG.finditer(body):
        chunk = html.unescape(body[pos:match.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = match.end()
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, attr = open_timex.pop()
            if attr.get("functionInDocument") != "CREATION_TIME":
                gold.append(Span(start, length, attr.get("type", ""), attr.get("value")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for span in gold:
        span.text = text[span.start:span.end]
    return TmlDoc(path.stem, text, dct, gold)


def load_corpus(data_dir: Path) -> list[TmlDoc]:
    return [load_tml(p) for p in sorted(Path(data_dir).glob("*/*.tml"))]


def _trim(span: Span, text: str) -> tuple[int, int]:
    """Offsets without surrounding whitespace or a final full stop (annotation noise)."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,"):
        end -= 1
    return start, end


def _prf(hit_sys: int, n_sys: int, hit_gold: int, n_gold: int) -> dict[str, float]:
    p = hit_sys / n_sys if n_sys else 0.0
    r = hit_gold / n_gold if n_gold else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def score(pairs: list[tuple[TmlDoc, list[Span]]]) -> dict[str, dict[str, float]]:
    """Figures over documents: ``pairs`` holds each gold document with the system's spans."""
    n_sys = n_gold = strict = relaxed = type_ok = value_ok = 0
    for doc, system in pairs:
        n_sys, n_gold = n_sys + len(system), n_gold + len(doc.gold)
        gold = [(_trim(g, doc.text), g) for g in doc.gold]
        used: set[int] = set()
        for s in system:
            s_bounds = _trim(s, doc.text)
            best = None
            for i, (g_bounds, g) in enumerate(gold):
                if i in used or s_bounds[1] <= g_bounds[0] or s_bounds[0] >= g_bounds[1]:
                    continue
                if best is None or g_bounds == s_bounds:
                    best = i
            if best is None:
                continue
            used.add(best)
            g_bounds, g = gold[best]
            relaxed += 1
            strict += g_bounds == s_bounds
            type_ok += g.type == s.type
            value_ok += (g.value or "") == (s.value or "") and s.value is not None
    return {
        "strict": _prf(strict, n_sys, strict, n_gold),
        "relaxed": _prf(relaxed, n_sys, relaxed, n_gold),
        "type": {**_prf(type_ok, n_sys, type_ok, n_gold),
                 "accuracy": type_ok / relaxed if relaxed else 0.0},
        "value": {**_prf(value_ok, n_sys, value_ok, n_gold),
                  "accuracy": value_ok / relaxed if relaxed else 0.0},
        "counts": {"system": n_sys, "gold": n_gold, "relaxed": relaxed, "strict": strict},
    }


def run_tagger(docs: list[TmlDoc]) -> list[tuple[TmlDoc, list[Span]]]:
    """The project's tagger on each document, anchored on its creation time."""
    from communique.components.timex import find_timexes

    out = []
    for doc in docs:
        found = find_timexes(doc.text, lang="en", anchor=doc.dct, doc_id=doc.id)
        out.append((doc, [Span(t.start, t.end, t.tag, t.value, t.text) for t in found]))
    return out


def table(figures: dict[str, dict[str, float]]) -> str:
    lines = [f"{'measure':<10}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}"]
    for key in ("strict", "relaxed", "type", "value"):
        f = figures[key]
        acc = f"{f['accuracy']:8.4f}" if "accuracy" in f else " " * 8
        lines.append(f"{key:<10}{f['P']:8.4f}{f['R']:8.4f}{f['F1']:8.4f}{acc}")
    lines.append("counts: " + ", ".join(f"{k}={v}" for k, v in figures["counts"].items()))
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    data = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / ".." / "shared" / \
        "data" / "timebank"
    print(table(score(run_tagger(load_corpus(data)))))


if __name__ == "__main__":
    main(sys.argv[1:])

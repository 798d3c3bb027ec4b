"""The document pipeline's PLOVER events on the NTREX news lines (English and their Russian
translations), read at run time from ``../shared/data/ntrex_en_ru``; shared by the evaluations
that use them and computed once per test session."""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

FILES = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt"}
ANNOTATION = Path(__file__).with_name("data") / "ntrex_plover_lines.tsv"


@lru_cache(maxsize=None)
def line_events(folder: Path, lang: str) -> tuple[frozenset[str], ...]:
    """The PLOVER types the pipeline codes on each line of one side of NTREX (the lines are
    joined into one document, a blank line apart, as an article's paragraphs)."""
    from communique import registry
    from communique.pipeline import run_components
    from tests.conftest import make_doc

    lines = [line.strip() for line in
             (Path(folder) / FILES[lang]).read_text(encoding="utf-8").splitlines()]
    doc = make_doc("\n\n".join(lines), lang=lang, published="2018-09-30", doc_id=f"ntrex-{lang}")
    names = ("segment", "ner", "link", "timex", "events")
    run_components([doc], [registry.create(name) for name in names])
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 2)
    types: list[set[str]] = [set() for _ in lines]
    for event in doc.events:
        types[bisect.bisect_right(starts, event.evidence[0].start) - 1].add(event.plover)
    return tuple(frozenset(t) for t in types)


def annotation(path: Path = ANNOTATION) -> dict[int, frozenset[str] | None]:
    """Line number (1-based) -> the acceptable types (empty: no event; None: not scored)."""
    out: dict[int, frozenset[str] | None] = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        number, label = row.split("\t")
        out[int(number)] = (None if label == "?" else
                            frozenset() if label == "NONE" else frozenset(label.split(",")))
    return out

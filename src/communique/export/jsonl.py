"""JSON lines: one record a line, each with its ``type``."""
from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Iterable


def write_jsonl(records: Iterable[dict], out: str) -> dict[str, int]:
    counts: Counter = Counter()
    stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
    try:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts[record["type"]] += 1
    finally:
        if stream is not sys.stdout:
            stream.close()
        else:
            stream.flush()
    return dict(counts)

"""CSV and Parquet: a folder with one table per record type; nested fields as JSON text."""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable


def _flat(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_tables(records: Iterable[dict], out: str, *, fmt: str) -> dict[str, int]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        groups[record["type"]].append(record)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for kind, rows in groups.items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        flat = [{c: _flat(row.get(c)) for c in columns} for row in rows]
        if fmt == "csv":
            with open(folder / f"{kind}.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                writer.writerows(flat)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(flat), folder / f"{kind}.parquet")
    return {kind: len(rows) for kind, rows in groups.items()}

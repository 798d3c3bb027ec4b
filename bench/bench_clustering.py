"""Story clustering at scale on synthetic article features (no encoder): time and peak memory
per corpus size, to show the growth is far from quadratic.

    python bench/bench_clustering.py --sizes 10000 30000 100000

Each synthetic story has a random centre vector, a few specific entities, a start date and 1-12
articles whose vectors are noisy copies of the centre; every article also names common entities
(the two countries every article names). Prints one JSON object: per size the seconds, articles per
second, peak traced Python memory and the process's maximum resident size (MiB; the index's native memory shows only there), the number of stories found and the B-cubed F1 against the
generating stories, the time of the exact all-pairs neighbour search (numpy, blocked; the quadratic
baseline, same run) up to ``--baseline-max``, and the growth exponent between consecutive sizes
(1 = linear, 2 = quadratic). The machine's load shows in the seconds: compare within one run.
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from communique.corpus.features import DIM, DocFeatures  # noqa: E402
from communique.corpus.stories import ClusterConfig, cluster, labels  # noqa: E402


def synthetic(n: int, *, seed: int = 0) -> tuple[list[DocFeatures], dict[str, int]]:
    rng = np.random.default_rng(seed)
    feats, gold, story = [], {}, 0
    start = date(2020, 1, 1)
    while len(feats) < n:
        centre = rng.normal(size=DIM).astype(np.float32)
        centre /= np.linalg.norm(centre)
        day = start + timedelta(days=int(rng.integers(0, 5 * 365)))
        specific = {f"e{story}_{k}" for k in range(3)}
        for _ in range(min(int(rng.integers(1, 13)), n - len(feats))):
            vec = centre + 0.9 * rng.normal(size=DIM).astype(np.float32) / math.sqrt(DIM)
            ents = set(rng.choice(sorted(specific), size=2, replace=False)) | {"country:A", "country:B"}
            doc = f"d{len(feats)}"
            feats.append(DocFeatures(id=doc, vector=vec / np.linalg.norm(vec), entities=frozenset(ents),
                                     date=day + timedelta(days=int(rng.integers(0, 3)))))
            gold[doc] = story
        story += 1
    return feats, gold


def bcubed_f1(pred: dict[str, int], gold: dict[str, int]) -> float:
    by_pred: dict[int, set] = {}
    by_gold: dict[int, set] = {}
    for item in gold:
        by_pred.setdefault(pred[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in gold) / len(gold)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return 2 * p * r / (p + r)


def allpairs_topk(feats: list[DocFeatures], *, k: int = 24, block: int = 2048) -> float:
    """Seconds for the exact all-pairs neighbour search (blocked numpy), the quadratic baseline."""
    vecs = np.vstack([f.vector for f in feats]).astype(np.float32)
    t0 = time.perf_counter()
    for start in range(0, len(vecs), block):
        sims = vecs[start:start + block] @ vecs.T
        np.argpartition(-sims, k, axis=1)[:, :k]
    return time.perf_counter() - t0


def measure(n: int, *, baseline: bool) -> dict:
    feats, gold = synthetic(n)
    base = allpairs_topk(feats) if baseline else None
    tracemalloc.start()
    t0 = time.perf_counter()
    index = cluster(feats, config=ClusterConfig())
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pred = labels(index)
    return {"articles": n, "seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 1),
            "peak_traced_mib": round(peak / 2 ** 20, 1),
            "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "stories": len(set(pred.values())),
            "true_stories": len(set(gold.values())), "bcubed_f1": round(bcubed_f1(pred, gold), 4),
            "allpairs_topk_seconds": round(base, 2) if base is not None else None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 30000, 100000])
    parser.add_argument("--baseline-max", type=int, default=30000,
                        help="also time the exact all-pairs neighbour search up to this size")
    args = parser.parse_args(argv)
    rows = [measure(n, baseline=n <= args.baseline_max) for n in args.sizes]
    growth = [round(math.log(b["seconds"] / a["seconds"]) / math.log(b["articles"] / a["articles"]), 2)
              for a, b in zip(rows, rows[1:])]
    print(json.dumps({"benchmark": "story clustering (usearch HNSW candidates + pair scores)",
                      "sizes": rows, "time_growth_exponent": growth}, indent=1))


if __name__ == "__main__":
    main()

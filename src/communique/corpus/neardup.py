"""Near-duplicate articles (re-posts, light re-writes) with MinHash LSH over normalised shingles.

Each article is hashed once and queried once against the LSH index, so the work is linear in the
number of articles. A re-post is linked to the first article of its group (``near_duplicate``
link, score = estimated Jaccard similarity); nothing is deleted. 1,000 copies of one article give
999 links to the original, not half a million pairs.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

NAME, VERSION = "neardup", "1"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class DuplicateConfig:
    threshold: float = 0.8  # estimated Jaccard similarity of shingle sets
    shingle: int = 5  # words per shingle
    num_perm: int = 128
    min_words: int = 8  # shorter texts are not compared


def normalise(text: str) -> list[str]:
    """Lower-cased words, accents folded, punctuation dropped (so re-formatting changes nothing)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return _WORD.findall(text)


def shingles(words: list[str], *, size: int) -> set[str]:
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def find_duplicates(items: Iterable[tuple[str, str]], *,
                    config: DuplicateConfig | None = None) -> dict[str, tuple[str, float]]:
    """Map each re-post id to (the id of the first article of its group, similarity).

    ``items`` are (doc id, text) in the order they should be considered (earliest first).
    """
    from datasketch import MinHash, MinHashLSH

    cfg = config or DuplicateConfig()
    lsh = MinHashLSH(threshold=cfg.threshold, num_perm=cfg.num_perm)
    hashes: dict[str, MinHash] = {}
    original: dict[str, str] = {}
    out: dict[str, tuple[str, float]] = {}
    for doc_id, text in items:
        words = normalise(text)
        if len(words) < cfg.min_words or doc_id in hashes:
            continue
        mh = MinHash(num_perm=cfg.num_perm)
        mh.update_batch([s.encode("utf-8") for s in shingles(words, size=cfg.shingle)])
        best = _best_match(lsh.query(mh), mh, hashes, cfg.threshold)
        if best is not None:
            root = original.get(best[0], best[0])
            original[doc_id] = root
            out[doc_id] = (root, best[1])
        else:
            lsh.insert(doc_id, mh)  # only originals are indexed: the index stays small
        hashes[doc_id] = mh
    return out


def _best_match(keys, mh, hashes, threshold: float) -> tuple[str, float] | None:
    best = None
    for key in keys:
        sim = mh.jaccard(hashes[key])
        if sim >= threshold and (best is None or sim > best[1]):
            best = (key, sim)
    return best

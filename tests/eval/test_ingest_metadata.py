"""Ingest metadata (title, outlet, attribution, publication date, language) against the demo
corpus manifest. Floors may only rise."""
import json
from pathlib import Path

import pytest

from communique.api import demo_corpus_path
from communique.ingest import ingest_paths
from communique.store import Store

FLOORS = {"title": 1.0, "outlet": 1.0, "attribution": 0.95, "published": 0.80, "language": 1.0}


def _norm(value):
    return None if value is None else " ".join(str(value).replace("«", "").replace("»", "").split()).casefold()


def _manifest_key(document, manifest):
    """The manifest key of a stored document: its file name, or for a JSONL line or a feed item
    the item with the same URL or title."""
    name = Path(document.source.split("#")[0]).name
    for key, article in manifest["articles"].items():
        if article.get("url") and article["url"] == document.url:
            return key
        if key == name:
            return key
    return None


@pytest.fixture(scope="module")
def paired(tmp_path_factory):
    manifest = json.loads((demo_corpus_path().parent / "manifest.json").read_text(encoding="utf-8"))
    with Store.open(str(tmp_path_factory.mktemp("m") / "m.db")) as store:
        report = ingest_paths([str(demo_corpus_path())], store=store)
        docs = list(store.iter_documents())
    assert not report.rejected
    pairs = [(d, manifest["articles"][k]) for d in docs if (k := _manifest_key(d, manifest))]
    assert len(pairs) == len(manifest["articles"])
    return pairs


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_metadata_accuracy(paired, field):
    right = sum(_norm(getattr(d, field)) == _norm(gold.get(field)) for d, gold in paired)
    accuracy = right / len(paired)
    print(f"{field}: {accuracy:.3f} ({right}/{len(paired)})")
    assert accuracy >= FLOORS[field]

"""Acceptance on the seed articles (read at run time from ../shared/seeds)."""
from communique.ingest import ingest_paths
from communique.store import Store


def _by_prefix(store):
    return {d.source.rsplit("/", 1)[-1][:3]: d for d in store.iter_documents()}


def test_seed_metadata(seeds_dir, tmp_path):
    with Store.open(str(tmp_path / "s.db")) as store:
        report = ingest_paths([str(seeds_dir)], store=store)
        assert len(report.added) == 5 and not report.rejected
        docs = _by_prefix(store)
        again = ingest_paths([str(seeds_dir)], store=store)
    assert not again.added and again.duplicates == 5
    assert sorted(d.language for d in docs.values()) == ["en", "en", "en", "en", "ru"]
    assert docs["002"].published == "2025-11-12" and docs["002"].date_source == "text"
    assert docs["000"].title is None and docs["002"].title is None
    assert all(docs[k].title for k in ("001", "003", "004"))
    assert docs["003"].outlet == "Kazinform" and docs["003"].attribution == "Akorda"
    for doc in docs.values():
        assert doc.n_chars == len(doc.text)

import pytest

from communique import api
from communique.ingest import ingest_paths
from communique.pipeline import pipeline_version
from communique.records import Sentence
from communique.store import Store


class Counting:
    """A component that records which documents it saw and fails on a chosen one."""
    name, version, requires, assigns = "count", "1", ("document",), ("sentences",)

    def __init__(self, fail_on=None):
        self.seen, self.fail_on = [], fail_on

    def __call__(self, docs):
        for doc in docs:
            if doc.id == self.fail_on:
                raise RuntimeError("simulated crash")
            self.seen.append(doc.id)
            doc.sentences = [Sentence(doc=doc.id, index=0, start=0, end=4, text=doc.text[:4])]


def _corpus(tmp_path, n=5):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.txt").write_text(f"Article number {i} says the ministers met again on day {i}.")
    return folder


def test_dedup_across_files(tmp_path):
    folder = _corpus(tmp_path, 2)
    (folder / "copy.txt").write_text((folder / "0.txt").read_text().upper())
    with Store.open(str(tmp_path / "s.db")) as store:
        first = ingest_paths([str(folder)], store=store)
        again = ingest_paths([str(folder)], store=store)
    assert len(first.added) == 2 and first.duplicates == 1
    assert not again.added and again.duplicates == 3


def test_resume_after_a_crash_keeps_committed_batches(tmp_path):
    db = str(tmp_path / "s.db")
    api.ingest([str(_corpus(tmp_path))], db=db)
    with Store.open(db) as store:
        ids = [d.id for d in store.iter_documents()]
    crashing = Counting(fail_on=ids[3])
    with pytest.raises(RuntimeError):
        api.analyze(db=db, batch_size=2, components=[crashing], corpus=False)
    with Store.open(db) as store:
        assert store.count_documents(pending=pipeline_version([crashing])) == 3
        assert store.count_records("sentence") == 2  # the first batch survived
    resumed = Counting()
    api.analyze(db=db, batch_size=2, components=[resumed], corpus=False)
    assert resumed.seen == ids[2:]
    with Store.open(db) as store:
        assert store.count_records("sentence") == 5


def test_records_round_trip(tmp_path):
    with Store.open(str(tmp_path / "s.db")) as store:
        store.replace_records(["sentence"], [Sentence(doc="d", index=0, start=0, end=2, text="ab")])
        [sent] = store.iter_records("sentence", doc="d")
    assert sent == Sentence(doc="d", index=0, start=0, end=2, text="ab")


def test_newer_schema_is_refused(tmp_path):
    import sqlalchemy as sa
    from communique.errors import StoreError
    from communique.store import schema

    db = str(tmp_path / "s.db")
    Store.open(db).close()
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(sa.update(schema.meta).values(value="999"))
    with pytest.raises(StoreError, match="newer"):
        Store.open(db)


def test_commitments_belong_to_their_document(tmp_path):
    from communique.records import Commitment, Span

    def commitment(doc):
        return Commitment(id=f"c-{doc}", kind="agreement", title="t", parties=[], sector="transport",
                          status="signed", date=None, documents=[doc],
                          evidence=[Span(doc=doc, start=0, end=1, text="x")])

    with Store.open(str(tmp_path / "s.db")) as store:
        store.save_analysis([("d1", [commitment("d1")], []), ("d2", [commitment("d2")], [])], version="v")
        store.save_analysis([("d1", [commitment("d1")], [])], version="v")
        assert sorted(c.id for c in store.iter_records("commitment")) == ["c-d1", "c-d2"]

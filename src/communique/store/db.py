"""The Store: documents, per-document records, canonical entities and corpus records.

Every write is one transaction, so a crash loses nothing already committed; ``analyze`` resumes
from the documents whose ``analyzed`` mark is not the current pipeline version.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import sqlalchemy as sa

from ..errors import E
from ..records import RECORD_TYPES, Document, Entity, Record
from . import schema as S

_DOC_COLUMNS = ("id", "source", "url", "outlet", "attribution", "title", "language", "published",
                "date_source", "sha256", "n_chars", "text", "language_supported", "language_confidence")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _owner(rec: Record) -> str | None:
    """The document a record belongs to (replaced with it on re-analysis), or None."""
    doc = getattr(rec, "doc", None)
    if isinstance(doc, str):
        return doc
    evidence = getattr(rec, "evidence", None)
    if evidence and getattr(rec, "type", "") == "commitment":
        return evidence[0].doc
    return None


class Store:
    def __init__(self, engine: sa.Engine, path: str):
        self.engine = engine
        self.path = path

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path = "communique.db") -> "Store":
        url = str(path) if "://" in str(path) else f"sqlite:///{path}"
        try:
            engine = sa.create_engine(url)
            if engine.dialect.name == "sqlite":
                sa.event.listen(engine, "connect", _sqlite_pragmas)
            store = cls(engine, str(path))
            store._migrate()
        except sa.exc.SQLAlchemyError as err:
            raise E.E301.exc(path=path, detail=str(err).splitlines()[0]) from err
        return store

    def _migrate(self) -> None:
        S.metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(S.meta.c.value).where(S.meta.c.key == "schema")).first()
            found = int(row[0]) if row else 0
            if found > S.SCHEMA_VERSION:
                raise E.E302.exc(path=self.path, found=found, expected=S.SCHEMA_VERSION)
            for version in range(found + 1, S.SCHEMA_VERSION + 1):
                for statement in S.MIGRATIONS.get(version, []):
                    conn.execute(sa.text(statement))
            if found != S.SCHEMA_VERSION:
                conn.execute(sa.delete(S.meta).where(S.meta.c.key == "schema"))
                conn.execute(sa.insert(S.meta).values(key="schema", value=str(S.SCHEMA_VERSION)))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------------
    def add_document(self, document: Document) -> bool:
        """Store a document unless one with the same content hash exists; True when added."""
        with self.engine.begin() as conn:
            exists = conn.execute(sa.select(S.documents.c.id)
                                  .where(S.documents.c.sha256 == document.sha256)).first()
            if exists:
                return False
            seq = conn.execute(sa.select(sa.func.count()).select_from(S.documents)).scalar_one()
            values = {c: getattr(document, c) for c in _DOC_COLUMNS}
            conn.execute(sa.insert(S.documents).values(**values, seq=seq, analyzed=None))
        return True

    def has_sha(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(S.documents.c.id)
                                .where(S.documents.c.sha256 == sha256)).first() is not None

    def iter_documents(self, *, ids: Iterable[str] | None = None,
                       pending: str | None = None) -> Iterator[Document]:
        """Documents in ingest order; ``pending=VERSION`` gives those not analysed by VERSION."""
        query = sa.select(*[S.documents.c[c] for c in _DOC_COLUMNS]).order_by(S.documents.c.seq)
        if ids is not None:
            query = query.where(S.documents.c.id.in_(list(ids)))
        if pending is not None:
            query = query.where(sa.or_(S.documents.c.analyzed.is_(None),
                                       S.documents.c.analyzed != pending))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        for row in rows:
            yield Document(**dict(row))

    def get_document(self, doc_id: str) -> Document | None:
        return next(self.iter_documents(ids=[doc_id]), None)

    def count_documents(self, *, pending: str | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(S.documents)
        if pending is not None:
            query = query.where(sa.or_(S.documents.c.analyzed.is_(None),
                                       S.documents.c.analyzed != pending))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def update_document(self, doc_id: str, **fields: Any) -> None:
        unknown = set(fields) - set(_DOC_COLUMNS)
        if unknown:
            raise ValueError(f"not document fields: {sorted(unknown)}")
        with self.engine.begin() as conn:
            conn.execute(sa.update(S.documents).where(S.documents.c.id == doc_id).values(**fields))

    # -- records -----------------------------------------------------------------------------
    def save_analysis(self, results: Sequence[tuple[str, list[Record], list[Entity]]],
                      *, version: str) -> None:
        """One transaction for a batch: replace each document's records, upsert its entities and
        mark it analysed by ``version``."""
        with self.engine.begin() as conn:
            for doc_id, recs, ents in results:
                conn.execute(sa.delete(S.records).where(S.records.c.doc == doc_id))
                self._insert(conn, recs)
                self._upsert_entities(conn, ents)
                conn.execute(sa.update(S.documents).where(S.documents.c.id == doc_id)
                             .values(analyzed=version))

    def replace_records(self, types: Sequence[str], records: Iterable[Record], *,
                        doc: str | None = None) -> None:
        """Delete every record of ``types`` (of one document if ``doc``) and insert ``records``."""
        with self.engine.begin() as conn:
            query = sa.delete(S.records).where(S.records.c.type.in_(list(types)))
            if doc is not None:
                query = query.where(S.records.c.doc == doc)
            conn.execute(query)
            self._insert(conn, list(records))

    def add_records(self, records: Iterable[Record]) -> None:
        with self.engine.begin() as conn:
            self._insert(conn, list(records))

    @staticmethod
    def _insert(conn, recs: list[Record]) -> None:
        rows = []
        for rec in recs:
            data = rec.to_dict()
            data.pop("type", None)
            rows.append({"type": rec.type, "doc": _owner(rec), "rid": data.get("id"), "data": data})
        if rows:
            conn.execute(sa.insert(S.records), rows)

    def iter_records(self, type: str, *, doc: str | None = None) -> Iterator[Record]:
        cls = RECORD_TYPES[type]
        query = sa.select(S.records.c.data).where(S.records.c.type == type)
        if doc is not None:
            query = query.where(S.records.c.doc == doc)
        query = query.order_by(S.records.c.rowid)
        with self.engine.connect() as conn:
            rows = conn.execute(query).scalars().all()
        for data in rows:
            yield cls.from_dict(data)

    def count_records(self, type: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(S.records)
                                .where(S.records.c.type == type)).scalar_one()

    # -- entities ----------------------------------------------------------------------------
    @staticmethod
    def _upsert_entities(conn, ents: list[Entity]) -> None:
        for ent in ents:
            data = ent.to_dict()
            data.pop("type", None)
            data["mentions"] = []
            conn.execute(sa.delete(S.entities).where(S.entities.c.id == ent.id))
            conn.execute(sa.insert(S.entities).values(id=ent.id, data=data))

    def entities(self) -> dict[str, Entity]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(S.entities.c.data).order_by(S.entities.c.id)).scalars().all()
        return {d["id"]: Entity.from_dict(d) for d in rows}

    # -- blobs (caches) ----------------------------------------------------------------------
    def get_blob(self, key: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(S.blobs.c.data).where(S.blobs.c.key == key)).scalar()

    def put_blob(self, key: str, data: bytes) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.delete(S.blobs).where(S.blobs.c.key == key))
            conn.execute(sa.insert(S.blobs).values(key=key, data=data))

"""The store's tables (SQLAlchemy Core, so PostgreSQL can follow) and its migrations.

Records other than documents and entities share one table keyed by type, with their fields as JSON:
adding a field to a record needs no migration, and each document's records are replaced together.
"""
from __future__ import annotations

import sqlalchemy as sa

SCHEMA_VERSION = 1

metadata = sa.MetaData()

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.String, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("sha256", sa.String, nullable=False, unique=True),
    sa.Column("source", sa.String, nullable=False),
    sa.Column("url", sa.String),
    sa.Column("outlet", sa.String),
    sa.Column("attribution", sa.String),
    sa.Column("title", sa.String),
    sa.Column("language", sa.String),
    sa.Column("language_supported", sa.Boolean, nullable=False, default=True),
    sa.Column("language_confidence", sa.Float, nullable=False, default=0.0),
    sa.Column("published", sa.String),
    sa.Column("date_source", sa.String),
    sa.Column("n_chars", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),  # ingest order
    sa.Column("analyzed", sa.String),  # pipeline version that analysed it, or NULL
)

records = sa.Table(
    "records", metadata,
    sa.Column("rowid", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("doc", sa.String),  # the document it belongs to, NULL for corpus-level records
    sa.Column("rid", sa.String),  # the record's own id where it has one
    sa.Column("data", sa.JSON, nullable=False),
    sa.Index("ix_records_type_doc", "type", "doc"),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
)

blobs = sa.Table(
    "blobs", metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

# version -> list of SQL statements that bring a store of version-1 up to it
MIGRATIONS: dict[int, list[str]] = {}

"""Persistent store: SQLite by default (WAL mode), one transaction per batch."""
from .db import Store

__all__ = ["Store"]

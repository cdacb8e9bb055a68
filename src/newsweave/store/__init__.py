"""Persistent store (SQLite by default; the ``Store`` protocol leaves room for PostgreSQL) and search.

Only storage lives here; the incremental pipeline that fills a store is ``newsweave.incremental``."""

from newsweave.store.base import IngestBatch, SearchHit, SourceRecord, Store, StoredArticle, StoryRow
from newsweave.store.sqlite import SCHEMA_VERSION, SQLiteStore, open_store

__all__ = [
    "SCHEMA_VERSION",
    "IngestBatch",
    "SQLiteStore",
    "SearchHit",
    "SourceRecord",
    "Store",
    "StoredArticle",
    "StoryRow",
    "open_store",
]

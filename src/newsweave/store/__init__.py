"""Persistent store (SQLite by default; the ``Store`` protocol leaves room for PostgreSQL) and search."""

from newsweave.store.base import IngestBatch, SearchHit, SourceRecord, Store, StoredArticle, StoryRow
from newsweave.store.ingest import IngestStats, StoreIngestor, ingest_paths
from newsweave.store.sqlite import SCHEMA_VERSION, SQLiteStore, open_store

__all__ = [
    "SCHEMA_VERSION",
    "IngestBatch",
    "IngestStats",
    "SQLiteStore",
    "SearchHit",
    "SourceRecord",
    "Store",
    "StoreIngestor",
    "StoredArticle",
    "StoryRow",
    "ingest_paths",
    "open_store",
]

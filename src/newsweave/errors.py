"""Errors newsweave raises on purpose. Each message says what to do about it."""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class: anything newsweave raises deliberately."""


class InputError(NewsweaveError):
    """An input could not be read or understood (bad path, bad JSONL line, ...)."""


class ConfigError(NewsweaveError):
    """A setting is out of range or inconsistent."""


class ModelUnavailableError(NewsweaveError):
    """A model package is not installed; the message names the package to install."""


class StoreNotFoundError(NewsweaveError):
    """A read-only command was given a store file that does not exist (only ``ingest`` creates one)."""


class StoreMismatchError(NewsweaveError):
    """A store's story vectors were made with other clustering features than this run would make."""


class StoreBusyError(NewsweaveError):
    """Another ingest run is writing to the store; only one at a time may."""


class StoreWriteError(NewsweaveError):
    """A write to the store failed for a reason outside newsweave (full disk, I/O error, read-only file); the
    transaction was rolled back, so the store holds every batch written before."""


class StoreReadOnlyError(StoreWriteError):
    """The store cannot be written here at all (its file or folder is read-only for this user); reads work."""


class QueryError(NewsweaveError):
    """A search query has nothing to search for, or more words than a search may look up."""

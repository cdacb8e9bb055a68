"""Read-only connections to a store file, one per reading thread, beside the store's one writer.

SQLite in WAL mode lets any number of readers run while one connection writes, so the server's reads (health,
story list, search, articles, cached briefs) need not queue behind an ingest, a slow search or a report build on
the writer's thread. A reader never migrates or sets the journal mode (the writer opened the file and did both),
and each call it serves runs in one read transaction (``snapshot``), so it sees one state of the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsweave.store.sqlite import SQLiteStore, connect_read_only


class SQLiteReader(SQLiteStore):
    """The read methods of ``SQLiteStore`` over its own read-only connection (``connect_read_only``: ``mode=ro``,
    ``immutable`` in a folder that cannot be written); a write fails."""

    read_only = True

    def __init__(self, path: str | Path) -> None:  # no super().__init__(): nothing to create or migrate
        self.path = str(path)
        # check_same_thread=False there only so that whoever shuts the server down can close it; one thread uses it.
        self._conn = connect_read_only(self.path)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside the block see one state of the store (one read transaction)."""
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

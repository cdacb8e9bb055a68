"""Run by test_kill_resume in a subprocess: ingest a directory into a store, one file per batch."""

from __future__ import annotations

import sys

from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.incremental import StoreIngestor
from newsweave.store import open_store

if __name__ == "__main__":
    db, src = sys.argv[1], sys.argv[2]
    with open_store(db) as store:
        ing = StoreIngestor(store, Settings(embedder="lexical"), LexicalEmbedder())
        stats = ing.ingest_paths([src], batch_files=1)
    sys.stdout.write(f"{stats.articles_added}\n")

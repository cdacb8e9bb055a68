"""A store records the clustering features its story vectors were made with and refuses to mix others
(issue 17, defect 8: a store built with ``--embedder lexical`` and then written with MiniLM failed every write)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from newsweave.cluster.features import features_signature
from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.errors import StoreMismatchError
from newsweave.incremental import FEATURES_KEY, StoreIngestor
from newsweave.store import open_store

TEXT = (
    "Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave.\n\n"
    "Officials said the river reached its highest level in forty years and that more rain was expected.\n\n"
    "Emergency crews evacuated two hospitals and set up shelters in schools across the region."
)


class OtherEmbedder:
    """Another sentence embedder (as MiniLM is to the lexical one), with vectors of another length."""

    name = "other"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        m = np.ones((len(texts), 8), dtype=np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)


def _ingest(db: Path, folder: Path, name: str, embedder: object) -> None:
    (folder / name).write_text(TEXT.replace("Tuesday", name.split(".")[0]), encoding="utf-8")
    settings = Settings(embedder="lexical", analyze=False)
    with open_store(db) as store:
        StoreIngestor(store, settings, embedder).ingest_paths([folder / name])  # type: ignore[arg-type]


def test_a_new_store_records_its_features(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _ingest(db, tmp_path, "Monday.txt", LexicalEmbedder())
    with open_store(db) as store:
        assert store.meta(FEATURES_KEY) == features_signature("lexical", Settings().cluster)
        assert store.counts()["articles"] == 1


def test_writing_with_another_embedder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _ingest(db, tmp_path, "Monday.txt", LexicalEmbedder())
    with pytest.raises(StoreMismatchError, match="--embedder"):
        _ingest(db, tmp_path, "Friday.txt", OtherEmbedder())
    _ingest(db, tmp_path, "Sunday.txt", LexicalEmbedder())  # the right embedder still writes
    with open_store(db) as store:
        assert store.counts()["articles"] == 2


def test_a_store_from_before_the_record_is_refused_with_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _ingest(db, tmp_path, "Monday.txt", LexicalEmbedder())
    with open_store(db) as store:
        store._conn.execute("DELETE FROM meta")  # noqa: SLF001 - as a store made before version 3
    with pytest.raises(StoreMismatchError, match="new store"):
        _ingest(db, tmp_path, "Friday.txt", LexicalEmbedder())

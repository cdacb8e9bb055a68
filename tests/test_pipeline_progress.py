"""Progress counts every input document once, whether it became an article or a reject."""

from __future__ import annotations

from newsweave.config import Settings
from newsweave.pipeline import extract_articles
from newsweave.types import RawDoc


def test_progress_ticks_once_per_document_including_rejects(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import newsweave.pipeline as pipeline

    real = pipeline.extract_one

    def flaky(doc, counts, n):  # type: ignore[no-untyped-def]
        if doc.id == "bad":
            raise RuntimeError("parser exploded")
        return real(doc, counts, n)

    monkeypatch.setattr(pipeline, "extract_one", flaky)
    body = "The council voted on Tuesday to close the old bridge for repairs after engineers found cracks. " * 3
    docs = [
        RawDoc(id="good", origin="good.txt", content=body, content_type="text"),
        RawDoc(id="bad", origin="bad.txt", content=body, content_type="text"),
        RawDoc(id="short", origin="short.txt", content="Home\nNews", content_type="text"),
    ]
    ticks: list[int] = []
    articles, rejects = extract_articles(docs, Settings(embedder="lexical"), ticks.append)
    assert [a.id for a in articles] == ["good"]
    assert sorted(r.path for r in rejects) == ["bad.txt", "short.txt"]
    assert sum(ticks) == len(docs)


def test_digest_reports_every_stage_with_its_count() -> None:
    """A long digest never goes quiet after extraction: each stage is announced with its total and ticked."""
    from pathlib import Path

    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest

    settings = Settings(embedder="lexical", analyze=False)
    src = read_sources([str(Path(__file__).parents[1] / "examples" / "bridge")], settings)
    seen: list[tuple[str, int]] = []
    ticks: dict[str, int] = {}

    def stages(label: str, total: int):  # type: ignore[no-untyped-def]
        seen.append((label, total))
        return lambda k: ticks.__setitem__(label, ticks.get(label, 0) + k)

    d = digest(src.docs, settings, stages=stages)
    labels = [label for label, _ in seen]
    assert labels == ["extracting", "finding near-copies", "embedding for clustering", "clustering",
                      "summarising stories"]
    totals = dict(seen)
    assert totals["extracting"] == ticks["extracting"] == len(src.docs)
    assert totals["summarising stories"] == ticks["summarising stories"] == len(d.stories)
    assert ticks["embedding for clustering"] == totals["embedding for clustering"] == len(d.articles)


def test_ingest_reports_every_step_of_every_batch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An ingest never goes quiet either: each batch announces reading, extracting, near-copies, embedding,
    clustering, writing and dating with its count, and the files bar counts every file once."""
    import shutil
    from pathlib import Path

    from newsweave.embed import LexicalEmbedder
    from newsweave.incremental import StoreIngestor
    from newsweave.store import open_store

    src = tmp_path / "in"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "bridge", src)
    seen: list[tuple[str, int]] = []
    ticks: dict[str, int] = {}
    files: list[int] = []

    def stages(label: str, total: int):  # type: ignore[no-untyped-def]
        seen.append((label, total))
        return lambda k: ticks.__setitem__(label, ticks.get(label, 0) + k)

    with open_store(tmp_path / "s.db") as store:
        ing = StoreIngestor(store, Settings(embedder="lexical"), LexicalEmbedder())
        stats = ing.ingest_paths([src], batch_files=3, progress=files.append, stages=stages)
    labels = [label for label, _ in seen]
    assert labels == [
        "checking what is new",
        "reading files", "extracting", "finding near-copies", "embedding", "clustering",
        "writing to the store", "dating in story context",
        "reading files", "extracting", "finding near-copies", "embedding", "clustering",
        "writing to the store", "dating in story context",
    ]
    assert sum(files) == stats.files_seen == 5
    assert ticks["checking what is new"] == 5
    assert ticks["extracting"] == sum(t for label, t in seen if label == "extracting") == 5
    assert ticks["embedding"] == stats.articles_added - stats.duplicates
    assert ticks["dating in story context"] == sum(t for label, t in seen if label == "dating in story context")

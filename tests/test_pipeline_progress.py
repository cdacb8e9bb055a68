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

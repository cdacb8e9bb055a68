"""Article <-> JSON (lossless: every field, including the published date and sentence offsets)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np

from newsweave.types import Article, PublishedDate, Sentence


def article_to_dict(a: Article) -> dict[str, Any]:
    p = a.published
    return {
        "id": a.id,
        "path": a.path,
        "text": a.text,
        "sentences": [[s.index, s.start, s.end] for s in a.sentences],
        "title": a.title,
        "outlet": a.outlet,
        "byline": a.byline,
        "url": a.url,
        "language": a.language,
        "published": {
            "date": p.date.isoformat() if p.date else None,
            "precision": p.precision,
            "confidence": p.confidence,
            "evidence": p.evidence,
        },
    }


def article_from_dict(d: dict[str, Any]) -> Article:
    p = d.get("published") or {}
    pub = PublishedDate(
        date=dt.date.fromisoformat(p["date"]) if p.get("date") else None,
        precision=p.get("precision"),
        confidence=float(p.get("confidence", 0.0)),
        evidence=p.get("evidence"),
    )
    return Article(
        id=d["id"],
        path=d["path"],
        text=d["text"],
        sentences=tuple(Sentence(index=i, start=s, end=e) for i, s, e in d["sentences"]),
        title=d.get("title"),
        outlet=d.get("outlet"),
        byline=d.get("byline"),
        url=d.get("url"),
        language=d.get("language"),
        published=pub,
    )


def article_to_json(a: Article) -> str:
    return json.dumps(article_to_dict(a), ensure_ascii=False, sort_keys=True)


def article_from_json(s: str) -> Article:
    return article_from_dict(json.loads(s))


def vector_to_bytes(v: np.ndarray) -> bytes:
    return np.asarray(v, dtype=np.float32).tobytes()


def vector_from_bytes(b: bytes) -> np.ndarray:
    return np.frombuffer(b, dtype=np.float32).copy()


def date_to_text(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def date_from_text(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None

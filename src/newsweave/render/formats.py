"""The output formats of a ``Digest``: ``render(digest, fmt)`` returns the text of each; none does I/O.

JSON is the stable contract, a dump of ``to_json_dict`` (data, not markup). Markdown (``render.markdown``) and
the self-contained HTML file (``render.export``) are Jinja2 templates over the view models of ``render.views``,
the same ones the web pages are drawn from.
"""

from __future__ import annotations

import json
from typing import Any

from newsweave.render.export import to_html
from newsweave.render.markdown import to_markdown
from newsweave.types import Article, Citation, Digest, KeyDate, PublishedDate, StoryReport

FORMATS = ("md", "json", "html")


def _published(p: PublishedDate) -> dict[str, Any]:
    return {
        "date": p.date.isoformat() if p.date else None,
        "precision": p.precision,
        "confidence": round(p.confidence, 3),
        "evidence": p.evidence,
    }


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "path": a.path,
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "byline": a.byline,
        "language": a.language,
        "text": a.text,
        "published": _published(a.published),
        "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in a.sentences],
    }


def _citation(c: Citation, by_id: dict[str, Article]) -> dict[str, Any]:
    a = by_id.get(c.article_id)
    return {
        "article_id": c.article_id,
        "start": c.start,
        "end": c.end,
        "sentence_index": c.sentence_index,
        "outlet": a.label if a else None,
        "similarity": c.similarity,
    }


def _key_date(k: KeyDate, by_id: dict[str, Article]) -> dict[str, Any]:
    """A key date as the story's ``key_dates`` and ``newsweave timeline``'s ``timeline`` give it."""
    return {"date": k.date.isoformat(),
            "sentences": [{"text": line.text, "citations": [_citation(c, by_id) for c in line.citations]}
                          for line in k.lines]}


def _story(r: StoryReport, by_id: dict[str, Article]) -> dict[str, Any]:
    s = r.story
    return {
        "id": s.id,
        "headline": s.headline,
        "article_ids": list(s.article_ids),
        "first_date": s.first_date.isoformat() if s.first_date else None,
        "last_date": s.last_date.isoformat() if s.last_date else None,
        "storyline_id": s.storyline_id,
        "outlets": sorted({by_id[i].label for i in s.article_ids if i in by_id}),
        "summary": [
            {"text": line.text, "citations": [_citation(c, by_id) for c in line.citations]} for line in r.summary
        ],
        "timeline": [
            {"date": e.date.isoformat(), "precision": e.precision, "text": e.text, "background": e.background,
             "planned": e.planned, "expression": e.expression,
             "citations": [_citation(c, by_id) for c in e.citations],
             "reports": [_citation(c, by_id) for c in e.reports]}
            for e in r.timeline
        ],
        "key_dates": [_key_date(k, by_id) for k in r.key_dates],
        "entities": [
            {"name": e.name, "kind": e.kind, "aliases": list(e.aliases), "roles": list(e.roles),
             "outlets": list(e.outlets), "mentions": e.mentions}
            for e in r.entities
        ],
        "claims": [
            {"subject": c.subject, "kind": c.kind, "verdict": c.verdict, "note": c.note, "outlets": list(c.outlets),
             "values": [{"value": v.value, "text": v.text, "source": v.source, "outlet": v.outlet,
                         "article_id": v.article_id,
                         "report_date": v.report_date.isoformat() if v.report_date else None,
                         "citation": _citation(v.citation, by_id)} for v in c.values]}
            for c in r.claims
        ],
        "unique": [
            {"outlet": u.outlet, "text": u.text, "citation": _citation(u.citation, by_id)} for u in r.unique
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_as_written": q.speaker_as_written, "document": q.document,
             "citation": _citation(q.citation, by_id)}
            for q in r.quotes
        ],
    }


def to_json_dict(d: Digest) -> dict[str, Any]:
    by_id = {a.id: a for a in d.articles}
    return {
        "articles": [_article(a) for a in d.articles],
        "rejected": [{"path": r.path, "reason": r.reason} for r in d.rejected],
        "duplicates": [
            {"article_id": x.article_id, "duplicate_of": x.duplicate_of, "similarity": x.similarity}
            for x in d.duplicates
        ],
        "stories": [_story(r, by_id) for r in d.stories],
    }


def render(d: Digest, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json_dict(d), ensure_ascii=False, indent=2)
    if fmt == "md":
        return to_markdown(d)
    if fmt == "html":
        return to_html(d)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

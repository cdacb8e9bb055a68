"""Renderers. All take a ``Digest`` and return text; none does I/O."""

from __future__ import annotations

import html
import json
from typing import Any

from newsweave.types import Article, Citation, Digest, PublishedDate, StoryReport

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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _date_label(a: Article) -> str:
    iso = a.published.iso()
    if iso is None:
        return "undated"
    return iso if a.published.confidence >= 0.6 else f"~{iso}"


def _sources(line_citations: tuple[Citation, ...], by_id: dict[str, Article]) -> list[Article]:
    seen: list[Article] = []
    for c in line_citations:
        a = by_id.get(c.article_id)
        if a and a not in seen:
            seen.append(a)
    return seen


def to_markdown(d: Digest) -> str:
    by_id = {a.id: a for a in d.articles}
    out: list[str] = []
    for r in d.stories:
        s = r.story
        dates = " – ".join(x.isoformat() for x in (s.first_date, s.last_date) if x) or "undated"
        arts = [by_id[i] for i in s.article_ids if i in by_id]
        out.append(f"# {s.headline}\n")
        n_out = len({a.label for a in arts})
        out.append(f"*{_plural(len(arts), 'article')} from {_plural(n_out, 'outlet')} · {dates}*\n")
        out.append("## Summary\n")
        for line in r.summary:
            srcs = _sources(line.citations, by_id)
            tag = ", ".join(dict.fromkeys(a.label for a in srcs))
            when = ", ".join(dict.fromkeys(_date_label(a) for a in srcs))
            out.append(f"- {line.text} [{tag}] ({when})")
        out.append("\n## Sources\n")
        for a in arts:
            title = a.title or "(untitled)"
            out.append(f"- **{a.label}** — {title} — {_date_label(a)} — `{a.path}`")
        out.append("")
    if d.rejected:
        out.append("## Not processed\n")
        out.extend(f"- `{r.path}`: {r.reason}" for r in d.rejected)
        out.append("")
    if not d.stories:
        out.append("No stories: no input produced an article.\n")
    return "\n".join(out)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:52rem;margin:0 auto;padding:1rem;
line-height:1.5;color:#1b1b1b}
h1{font-size:1.5rem;margin-bottom:.2rem}.meta{color:#555;font-size:.9rem}
li{margin:.4rem 0}.cite{font-size:.8rem;background:#eef2f7;border-radius:.3rem;padding:0 .3rem;margin-left:.2rem;
cursor:pointer;border:0}.cite:focus,.cite:hover{background:#d7e3f4}
.src{display:none;background:#fafafa;border-left:3px solid #5b7db1;padding:.3rem .6rem;margin:.3rem 0;font-size:.9rem}
.src.open{display:block}.src mark{background:#fff2a8}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;
vertical-align:top}
@media (max-width:600px){body{padding:.5rem}td,th{font-size:.85rem}}
"""

_JS = """
document.addEventListener('click',function(e){var b=e.target.closest('.cite');if(!b)return;
var el=document.getElementById(b.getAttribute('data-target'));if(el){el.classList.toggle('open');}});
"""


def _context_html(a: Article, c: Citation, width: int = 240) -> str:
    lo = max(0, c.start - width)
    hi = min(len(a.text), c.end + width)
    before = html.escape(a.text[lo : c.start])
    sent = html.escape(a.text[c.start : c.end])
    after = html.escape(a.text[c.end : hi])
    return f"{'…' if lo else ''}{before}<mark>{sent}</mark>{after}{'…' if hi < len(a.text) else ''}"


def to_html(d: Digest) -> str:
    e = html.escape
    by_id = {a.id: a for a in d.articles}
    parts: list[str] = []
    for si, r in enumerate(d.stories):
        s = r.story
        arts = [by_id[i] for i in s.article_ids if i in by_id]
        dates = " – ".join(x.isoformat() for x in (s.first_date, s.last_date) if x) or "undated"
        parts.append(f"<article class='story' id='{e(s.id)}'><h1>{e(s.headline)}</h1>")
        n_out = len({a.label for a in arts})
        parts.append(f"<p class='meta'>{_plural(len(arts), 'article')} · {_plural(n_out, 'outlet')} · {e(dates)}</p>")
        parts.append("<h2>Summary</h2><ul class='summary'>")
        for li, line in enumerate(r.summary):
            buttons, boxes = [], []
            for ci, c in enumerate(line.citations):
                a = by_id.get(c.article_id)
                if a is None:
                    continue
                tid = f"c{si}-{li}-{ci}"
                buttons.append(
                    f"<button class='cite' type='button' data-target='{tid}' title='{e(a.title or a.label)}'>"
                    f"{e(a.label)}</button>"
                )
                boxes.append(
                    f"<div class='src' id='{tid}'><strong>{e(a.label)}</strong> · {e(_date_label(a))}<br>"
                    f"{_context_html(a, c)}</div>"
                )
            parts.append(f"<li>{e(line.text)} {''.join(buttons)}{''.join(boxes)}</li>")
        parts.append("</ul><h2>Sources</h2><table><tr><th>Outlet</th><th>Title</th><th>Date</th></tr>")
        for a in arts:
            parts.append(
                f"<tr><td>{e(a.label)}</td><td>{e(a.title or '(untitled)')}</td>"
                f"<td title='{e(a.published.evidence or '')}'>{e(_date_label(a))}</td></tr>"
            )
        parts.append("</table></article>")
    if d.rejected:
        parts.append("<h2>Not processed</h2><ul>")
        parts.extend(f"<li><code>{e(r.path)}</code>: {e(r.reason)}</li>" for r in d.rejected)
        parts.append("</ul>")
    body = "\n".join(parts) or "<p>No stories: no input produced an article.</p>"
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">"
        f"<title>newsweave digest</title><style>{_CSS}</style></head><body>{body}<script>{_JS}</script>"
        "</body></html>"
    )


def render(d: Digest, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json_dict(d), ensure_ascii=False, indent=2)
    if fmt == "md":
        return to_markdown(d)
    if fmt == "html":
        return to_html(d)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

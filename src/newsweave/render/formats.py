"""Renderers. All take a ``Digest`` and return text; none does I/O. Markdown is ``render.markdown``."""

from __future__ import annotations

import html
import json
from typing import Any

from newsweave.render.labels import coverage, date_label, story_dates
from newsweave.render.markdown import to_markdown
from newsweave.types import Article, Citation, Digest, PublishedDate, StoryReport, date_at

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
        "timeline": [
            {"date": e.date.isoformat(), "precision": e.precision, "text": e.text, "background": e.background,
             "expression": e.expression, "citations": [_citation(c, by_id) for c in e.citations]}
            for e in r.timeline
        ],
        "entities": [
            {"name": e.name, "kind": e.kind, "aliases": list(e.aliases), "roles": list(e.roles),
             "outlets": list(e.outlets), "mentions": e.mentions}
            for e in r.entities
        ],
        "claims": [
            {"subject": c.subject, "kind": c.kind, "verdict": c.verdict, "note": c.note,
             "values": [{"value": v.value, "text": v.text, "outlet": v.outlet, "article_id": v.article_id,
                         "report_date": v.report_date.isoformat() if v.report_date else None,
                         "citation": _citation(v.citation, by_id)} for v in c.values]}
            for c in r.claims
        ],
        "unique": [
            {"outlet": u.outlet, "text": u.text, "citation": _citation(u.citation, by_id)} for u in r.unique
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_as_written": q.speaker_as_written,
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


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:52rem;margin:0 auto;padding:1rem;
line-height:1.5;color:#1b1b1b}
h1{font-size:1.5rem;margin-bottom:.2rem}.meta{color:#555;font-size:.9rem}
li{margin:.4rem 0}.cite{font-size:.8rem;background:#eef2f7;border-radius:.3rem;padding:0 .3rem;margin-left:.2rem;
cursor:pointer;border:0}.cite:focus,.cite:hover{background:#d7e3f4}
.src{display:none;background:#fafafa;border-left:3px solid #5b7db1;padding:.3rem .6rem;margin:.3rem 0;font-size:.9rem}
.src.open{display:block}.src mark{background:#fff2a8}
.verdict{padding:0 .3rem;border-radius:.3rem;font-weight:600}.verdict.differ{background:#ffd9d6}
.verdict.agree{background:#d9f2d9}.verdict.changed_over_time{background:#fff0c2}.background{color:#666}
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


def _cite_buttons(cites: tuple[Citation, ...], by_id: dict[str, Article], tid: str) -> str:
    e = html.escape
    buttons, boxes = [], []
    for ci, c in enumerate(cites):
        a = by_id.get(c.article_id)
        if a is None:
            continue
        t = f"{tid}-{ci}"
        buttons.append(f"<button class='cite' type='button' data-target='{t}'>{e(a.label)}</button>")
        boxes.append(f"<div class='src' id='{t}'><strong>{e(a.label)}</strong> · {e(date_label(a.published))}<br>"
                     f"{_context_html(a, c)}</div>")
    return "".join(buttons) + "".join(boxes)


def _html_analysis(r: StoryReport, by_id: dict[str, Article], si: int) -> list[str]:
    e = html.escape
    parts: list[str] = []
    if r.timeline:
        parts.append("<h2>Timeline</h2><ul class='timeline'>")
        for i, t in enumerate(r.timeline):
            cls = " class='background'" if t.background else ""
            bg = " <em>(background)</em>" if t.background else ""
            parts.append(f"<li{cls}><strong>{e(date_at(t.date, t.precision))}</strong>{bg} {e(t.text)} "
                         f"{_cite_buttons(t.citations, by_id, f't{si}-{i}')}</li>")
        parts.append("</ul>")
    if r.claims:
        parts.append("<h2>Claims across outlets</h2><table class='claims'><tr><th>What</th><th>Verdict</th>"
                     "<th>Reports</th></tr>")
        for i, c in enumerate(r.claims):
            vals = "<br>".join(
                f"{e(v.text)} — {e(v.outlet)}{' · ' + v.report_date.isoformat() if v.report_date else ''} "
                f"{_cite_buttons((v.citation,), by_id, f'k{si}-{i}-{j}')}"
                for j, v in enumerate(c.values)
            )
            parts.append(f"<tr><td>{e(c.subject)}</td><td><span class='verdict {e(c.verdict)}'>{e(c.verdict)}</span>"
                         f"<br><small>{e(c.note or '')}</small></td><td>{vals}</td></tr>")
        parts.append("</table>")
    if r.entities:
        parts.append("<h2>Who and where</h2><ul class='entities'>")
        for ent in r.entities[:20]:
            roles = f" — {e('; '.join(ent.roles))}" if ent.roles else ""
            aka = f" <small>(also {e(', '.join(ent.aliases))})</small>" if ent.aliases else ""
            parts.append(f"<li>{e(ent.name)} <small>{e(ent.kind)}</small>{roles}{aka}</li>")
        parts.append("</ul>")
    quotes = [(f"“{e(q.text)}” — <strong>{e(q.speaker or 'unattributed')}</strong>", q.citation) for q in r.quotes]
    unique = [(f"<strong>{e(u.outlet)}</strong>: {e(u.text)}", u.citation) for u in r.unique]
    parts.extend(_cited_list("Quotes", "quotes", quotes, by_id, f"q{si}"))
    parts.extend(_cited_list("Only one outlet reports", "unique", unique, by_id, f"u{si}"))
    return parts


def _cited_list(
    title: str, cls: str, items: list[tuple[str, Citation]], by_id: dict[str, Article], prefix: str
) -> list[str]:
    """A titled list of already-escaped HTML items, each with its citation button; nothing when empty."""
    if not items:
        return []
    lis = [f"<li>{html_item} {_cite_buttons((c,), by_id, f'{prefix}-{i}')}</li>" for i, (html_item, c) in
           enumerate(items)]
    return [f"<h2>{html.escape(title)}</h2><ul class='{cls}'>", *lis, "</ul>"]


def to_html(d: Digest) -> str:
    e = html.escape
    by_id = {a.id: a for a in d.articles}
    parts: list[str] = []
    for si, r in enumerate(d.stories):
        s = r.story
        arts = [by_id[i] for i in s.article_ids if i in by_id]
        parts.append(f"<article class='story' id='{e(s.id)}'><h1>{e(s.headline)}</h1>")
        parts.append(f"<p class='meta'>{e(coverage(arts))} · {e(story_dates(s, arts))}</p>")
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
                    f"<div class='src' id='{tid}'><strong>{e(a.label)}</strong> · {e(date_label(a.published))}<br>"
                    f"{_context_html(a, c)}</div>"
                )
            parts.append(f"<li>{e(line.text)} {''.join(buttons)}{''.join(boxes)}</li>")
        parts.append("</ul>")
        parts.extend(_html_analysis(r, by_id, si))
        parts.append("<h2>Sources</h2><table><tr><th>Outlet</th><th>Title</th><th>Date</th></tr>")
        for a in arts:
            parts.append(
                f"<tr><td>{e(a.label)}{'' if a.outlet else '<br><small>' + e(a.path.rsplit('/', 1)[-1]) + '</small>'}"
                f"</td><td>{e(a.title or '(untitled)')}</td>"
                f"<td title='{e(a.published.evidence or '')}'>{e(date_label(a.published))}</td></tr>"
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

"""View models for the templates: plain values, already cut to what a page shows. No HTML is built here;
every string reaches the page through Jinja2's autoescaping."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.render.labels import coverage, date_label, story_dates
from newsweave.serve.service import StoryBrief
from newsweave.store.base import StoryRow
from newsweave.types import (
    Article,
    Citation,
    Claim,
    Precision,
    PublishedDate,
    StoryReport,
    UniqueFact,
    date_span,
)

CONTEXT_CHARS = 240
"""Characters of the article shown on each side of a cited sentence."""


def precise_date(d: dt.date | None, precision: Precision | None = "day") -> str:
    if d is None:
        return "undated"
    return PublishedDate(d, precision or "day", 1.0).iso() or "undated"


def row_dates(row: StoryRow) -> str:
    """A listed story's date range at the precision of its end dates."""
    s = row.story
    return date_span(s.first_date, s.last_date, row.first_precision, row.last_precision)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach a page (no ``javascript:`` or ``data:`` from hostile input)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class CiteView:
    """One citation button and the passage it opens: ``before`` + highlighted ``sentence`` + ``after``."""

    id: str
    article_id: str
    outlet: str
    date: str
    title: str
    before: str
    sentence: str
    after: str
    clipped_start: bool
    clipped_end: bool


@dataclass(frozen=True)
class SourceView:
    id: str
    outlet: str
    title: str
    date: str
    date_evidence: str | None
    byline: str | None
    url: str | None
    copy_of: str | None
    file: str | None = None
    """The input's file name, shown only when no outlet is named (so the reader can tell unnamed sources apart)."""


@dataclass(frozen=True)
class UniqueGroup:
    outlet: str
    facts: tuple[UniqueFact, ...]


def cite_view(view_id: str, a: Article, c: Citation, width: int = CONTEXT_CHARS) -> CiteView:
    start = max(0, min(c.start, len(a.text)))
    end = max(start, min(c.end, len(a.text)))
    lo, hi = max(0, start - width), min(len(a.text), end + width)
    return CiteView(
        id=view_id, article_id=a.id, outlet=a.label, date=date_label(a.published), title=a.title or "(untitled)",
        before=a.text[lo:start], sentence=a.text[start:end], after=a.text[end:hi],
        clipped_start=lo > 0, clipped_end=hi < len(a.text),
    )


def group_unique(facts: Iterable[UniqueFact]) -> tuple[UniqueGroup, ...]:
    groups: dict[str, list[UniqueFact]] = {}
    for f in facts:
        groups.setdefault(f.outlet, []).append(f)
    return tuple(UniqueGroup(o, tuple(fs)) for o, fs in groups.items())


VERDICT_LABELS = {"agree": "agree", "differ": "differ", "changed_over_time": "changed over time"}


class StoryView:
    """What the story page shows. ``cites`` hands out page-unique ids for citation panels."""

    def __init__(self, brief: StoryBrief) -> None:
        self.report: StoryReport = brief.report
        self.story = brief.report.story
        self.by_id = {a.id: a for a in brief.articles}
        self.copy_of = {d.article_id: d.duplicate_of for d in brief.duplicates}
        self._ids = itertools.count(1)

    @property
    def articles(self) -> list[Article]:
        return [self.by_id[i] for i in self.story.article_ids if i in self.by_id]

    @property
    def outlets(self) -> list[str]:
        """Named outlets only (unnamed sources are counted by ``coverage``)."""
        return sorted({a.outlet for a in self.articles if a.outlet})

    @property
    def coverage(self) -> str:
        return coverage(self.articles)

    @property
    def dates(self) -> str:
        return story_dates(self.story, self.articles)

    def cites(self, citations: Sequence[Citation]) -> list[CiteView]:
        out = []
        for c in citations:
            a = self.by_id.get(c.article_id)
            if a is not None:
                out.append(cite_view(f"cv{next(self._ids)}", a, c))
        return out

    def sources(self) -> list[SourceView]:
        return [
            SourceView(
                id=a.id, outlet=a.label, title=a.title or "(untitled)", date=date_label(a.published),
                date_evidence=a.published.evidence, byline=a.byline, url=safe_url(a.url),
                copy_of=self.copy_of.get(a.id), file=None if a.outlet else a.path.rsplit("/", 1)[-1],
            )
            for a in self.articles
        ]

    def unique_groups(self) -> tuple[UniqueGroup, ...]:
        return group_unique(self.report.unique)

    @staticmethod
    def verdict_label(claim: Claim) -> str:
        return VERDICT_LABELS.get(claim.verdict, claim.verdict)

"""View models for the templates of every output (the web pages, the HTML export and the Markdown export):
plain values, already cut to what a page shows. No markup is built here; every string reaches an HTML page
through Jinja2's autoescaping and a Markdown file through the Markdown escaping filters."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.render.labels import cited_outlets, coverage, date_label, source_files, source_tag, story_dates
from newsweave.types import (
    Article,
    Citation,
    Claim,
    Digest,
    DuplicateLink,
    Precision,
    Quote,
    Reject,
    StoryReport,
    UniqueFact,
    date_at,
)

CONTEXT_CHARS = 240
"""Characters of the article shown on each side of a cited sentence."""
CITES_SHOWN = 6
"""Citation buttons a line shows before the rest fold under "+N more" (a syndicated line can cite 20 copies); one
more than this is shown whole (a "+1 more" would hide one button behind another)."""
ENTITIES_SHOWN = 12
"""Entities listed before the rest fold into a <details> (a story can name dozens)."""
QUOTES_SHOWN = 8
"""Quotes shown before the rest are folded ("N more quotes"), those with a speaker or document first."""


def precise_date(d: dt.date | None, precision: Precision | None = "day") -> str:
    """A date at its precision (``2011-03`` for a month), ``undated`` when there is none."""
    return "undated" if d is None else date_at(d, precision)


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
    path: str
    """Where the article was read from (the Markdown export lists it)."""
    file: str | None = None
    """The input's file name, shown only when no outlet is named (so the reader can tell unnamed sources apart)."""


UNIQUE_SHOWN = 5
"""Unique facts shown per outlet; the rest are counted ("N more"), never dropped silently."""
UNIQUE_SHOWN_IN_ALL = 20
"""About how many unique facts a story shows in all: with many sources (ten unnamed wire files are ten), each
shows fewer (``UNIQUE_SHOWN`` down to ``UNIQUE_SHOWN_MIN``), so the section stays a list a reader scans."""
UNIQUE_SHOWN_MIN = 2


@dataclass(frozen=True)
class UniqueGroup:
    outlet: str
    facts: tuple[UniqueFact, ...]
    """The first few of the outlet's unique facts (``group_unique``), in story order."""
    hidden: int = 0
    """How many more the outlet has (shown as "N more")."""


def cite_view(
    view_id: str, a: Article, c: Citation, width: int = CONTEXT_CHARS, file: str | None = None
) -> CiteView:
    """The button and passage of citation ``c`` of ``a`` (``file``: an unnamed source's name, ``source_files``)."""
    start = max(0, min(c.start, len(a.text)))
    end = max(start, min(c.end, len(a.text)))
    lo, hi = max(0, start - width), min(len(a.text), end + width)
    return CiteView(
        id=view_id, article_id=a.id, outlet=source_tag(a, file), date=date_label(a.published), title=a.title or "(untitled)",
        before=a.text[lo:start], sentence=a.text[start:end], after=a.text[end:hi],
        clipped_start=lo > 0, clipped_end=hi < len(a.text),
    )


def group_unique(facts: Iterable[UniqueFact], shown: int | None = None) -> tuple[UniqueGroup, ...]:
    """Unique facts by outlet (first-seen order), at most ``shown`` each (by default ``UNIQUE_SHOWN``, fewer
    when many outlets share ``UNIQUE_SHOWN_IN_ALL``), with the count of the others."""
    groups: dict[str, list[UniqueFact]] = {}
    for f in facts:
        groups.setdefault(f.outlet, []).append(f)
    if shown is None:
        shown = max(UNIQUE_SHOWN_MIN, min(UNIQUE_SHOWN, UNIQUE_SHOWN_IN_ALL // max(1, len(groups))))
    return tuple(UniqueGroup(o, tuple(fs[:shown]), max(0, len(fs) - shown)) for o, fs in groups.items())


def top_lines(headline: str, lines: Iterable[str], n: int = 2) -> list[str]:
    """A story's first ``n`` summary lines for a list of stories, leaving out a line the headline already shows
    (an untitled story's headline is its lead)."""
    head = headline.rstrip("…").strip()
    return [t for t in lines if not t.startswith(head)][:n]


VERDICT_LABELS = {"agree": "agree", "differ": "differ", "changed_over_time": "changed over time",
                  "sources_differ": "sources differ"}


class CitingView:
    """What a page does with citations, on a story page and a timeline alike: the cited articles' outlets and
    dates, and the buttons that open each cited passage (ids from ``_ids``). ``by_id`` holds the articles;
    ``files`` tells their unnamed sources apart (``source_files``)."""

    by_id: Mapping[str, Article]
    _ids: Iterator[int]

    @property
    def files(self) -> Mapping[str, str]:
        raise NotImplementedError

    def cites(self, citations: Sequence[Citation]) -> list[CiteView]:
        return [cite_view(f"cv{next(self._ids)}", a, c, file=self.files.get(a.id))
                for c in citations if (a := self.by_id.get(c.article_id)) is not None]

    def _cited(self, citations: Iterable[Citation]) -> list[Article]:
        return [self.by_id[c.article_id] for c in citations if c.article_id in self.by_id]

    def outlets_of(self, citations: Iterable[Citation]) -> str:
        """The cited outlets, each once, in citation order, unnamed sources counted (``cited_outlets``)."""
        return cited_outlets(self._cited(citations))

    def dates_of(self, citations: Iterable[Citation]) -> str:
        """The cited articles' publication dates, each once, in citation order."""
        return ", ".join(dict.fromkeys(date_label(a.published) for a in self._cited(citations)))


class StoryView(CitingView):
    """What a story shows, on its page or in an export.

    ``cites`` hands out citation-panel ids from ``ids``: give every story of one page the same counter so the
    ids stay unique across the page. ``anchor`` prefixes the story's section and row ids (empty on the story's
    own page; the story id in an export that holds several stories).
    """

    entities_shown = ENTITIES_SHOWN
    quotes_shown = QUOTES_SHOWN

    def __init__(
        self,
        report: StoryReport,
        by_id: Mapping[str, Article],
        copy_of: Mapping[str, str],
        *,
        ids: Iterator[int] | None = None,
        anchor: str = "",
    ) -> None:
        self.report = report
        self.story = report.story
        self.by_id = by_id
        self.copy_of = copy_of
        self.anchor = anchor
        self._ids = ids if ids is not None else itertools.count(1)

    @classmethod
    def of(cls, report: StoryReport, articles: Iterable[Article], duplicates: Iterable[DuplicateLink]) -> StoryView:
        """One story alone on its page, from the articles and near-copy links it was built from."""
        return cls(report, {a.id: a for a in articles}, {d.article_id: d.duplicate_of for d in duplicates})

    @property
    def articles(self) -> list[Article]:
        return [self.by_id[i] for i in self.story.article_ids if i in self.by_id]

    @functools.cached_property
    def files(self) -> Mapping[str, str]:
        """The story's unnamed sources' file names, each told apart from the others (``source_files``)."""
        return source_files(self.articles)

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

    def top_lines(self, n: int = 2) -> list[str]:
        """The story's first ``n`` summary lines (what the front page shows under its headline)."""
        return top_lines(self.story.headline, (line.text for line in self.report.summary), n)

    def also_reported(self, citations: Iterable[Citation], reports: Iterable[Citation]) -> str:
        """The outlets of ``reports`` not among the cited ones (a timeline entry's other reports of its event)."""
        cited = {a.source_key for a in self._cited(citations)}
        return cited_outlets([a for a in self._cited(reports) if a.source_key not in cited])

    def sources(self) -> list[SourceView]:
        return [
            SourceView(
                id=a.id, outlet=a.label, title=a.title or "(untitled)", date=date_label(a.published),
                date_evidence=a.published.evidence, byline=a.byline, url=safe_url(a.url),
                copy_of=self.copy_of.get(a.id), path=a.path, file=self.files.get(a.id),
            )
            for a in self.articles
        ]

    def quotes(self) -> list[Quote]:
        """The story's quotes, so that the first few shown hear as many voices as there are.

        Quotes whose speaker or document is known come first, taken in rounds: each voice's first quote (voices
        in story order), then each one's second, and so on; unattributed quotes follow in story order. A cap
        then shows one quote from each of the first voices before a second from any.
        """
        voices: dict[str, list[Quote]] = {}
        unattributed: list[Quote] = []
        for q in self.report.quotes:
            voice = q.speaker or q.speaker_as_written or (f"document: {q.document}" if q.document else "")
            if voice:
                voices.setdefault(voice, []).append(q)
            else:
                unattributed.append(q)
        rounds = max((len(qs) for qs in voices.values()), default=0)
        return [qs[i] for i in range(rounds) for qs in voices.values() if i < len(qs)] + unattributed

    def unique_groups(self) -> tuple[UniqueGroup, ...]:
        return group_unique(self.report.unique)

    @staticmethod
    def verdict_label(claim: Claim) -> str:
        return VERDICT_LABELS.get(claim.verdict, claim.verdict)


FRONT_PAGE_MIN_STORIES = 3
"""A digest of more stories than this opens with a front page."""


RankKey = tuple[int, int, int, str]


def rank_key(n_outlets: int, n_articles: int, last: dt.date | None, story_id: str) -> RankKey:
    """The front page's order, for every list of stories (the exports and the web story list): most outlets
    first, then most articles, then the most recent (undated last), then id (stable)."""
    return (-n_outlets, -n_articles, -(last.toordinal() if last else 0), story_id)


def front_page_rank(v: StoryView) -> RankKey:
    """``rank_key`` of a story in a digest (two unnamed sources count as two outlets: ``Article.source_key``)."""
    return rank_key(len({a.source_key for a in v.articles}), len(v.articles),
                    v.story.last_date or v.story.first_date, v.story.id)


class DigestView:
    """A whole digest on one page: its stories share one citation-id counter and prefix their section ids
    with their story id, so no two elements of the page share an id."""

    def __init__(self, d: Digest) -> None:
        by_id = {a.id: a for a in d.articles}
        copy_of = {x.article_id: x.duplicate_of for x in d.duplicates}
        ids = itertools.count(1)
        views = [StoryView(r, by_id, copy_of, ids=ids, anchor=f"{r.story.id}-") for r in d.stories]
        self.front_page = len(views) > FRONT_PAGE_MIN_STORIES
        """More than a few stories: an index first, stories ranked, one-article stories last."""
        self.stories = sorted(views, key=front_page_rank) if self.front_page else views
        self.front = [v for v in self.stories if len(v.articles) > 1 or not self.front_page]
        self.others = [v for v in self.stories if v not in self.front]
        """One-article stories, listed under "Other articles" at the end of the front page."""
        self.rejected: tuple[Reject, ...] = d.rejected
        self.n_articles = len(d.articles)
        lines: dict[str | None, list[StoryView]] = {}
        for v in self.stories:
            lines.setdefault(v.story.storyline_id, []).append(v)
        self._line = {v.story.id: members for line, members in lines.items() if line for v in members}

    def storyline_of(self, v: StoryView) -> list[StoryView]:
        """The other stories of ``v``'s storyline in this digest, oldest first (empty when it has none)."""
        others = [x for x in self._line.get(v.story.id, []) if x is not v]
        return sorted(others, key=lambda x: (x.story.first_date is None, x.story.first_date or dt.date.min))

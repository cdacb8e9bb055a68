"""Composes the stages: raw documents -> articles -> stories -> cited story reports, written once and run by an
``Executor`` (``newsweave.executors``): in this process by default, on Dask with ``scale.DaskExecutor``.

No I/O here: callers read inputs with ``newsweave.ingest`` and write with ``newsweave.render``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsweave.analyze import analyze
from newsweave.cluster import group_stories, story_id
from newsweave.cluster.features import params_vectors
from newsweave.config import ClusterParams, Settings
from newsweave.dedup import find_duplicates
from newsweave.embed import Embedder, for_sentences, get_embedder
from newsweave.embed.cache import cached
from newsweave.executors import Executor, InProcess, Progress, Stages
from newsweave.extract.comments import COMMENTS
from newsweave.extract.dates import DateContext, find_anchors, infer_published
from newsweave.extract.html import extract_html
from newsweave.extract.metadata import detect_byline, detect_language, detect_outlet
from newsweave.extract.quotemarks import typeset_quotes
from newsweave.extract.sentences import split_sentences
from newsweave.extract.text import batch_line_counts, extract_text, is_date_only
from newsweave.extract.wire import Dateline, split_dateline
from newsweave.nlp import HELPER_MIN_DOCS, parse_ahead, parse_helper
from newsweave.summarize.cite import supported
from newsweave.summarize.lines import summary_lines
from newsweave.tls.story import story_key_dates
from newsweave.types import (
    Article,
    Digest,
    DuplicateLink,
    PublishedDate,
    RawDoc,
    Reject,
    Sentence,
    Story,
    StoryReport,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extracted:
    """Intermediate record: body and raw metadata of one document, before dates and sentences."""

    doc: RawDoc
    title: str | None
    body: str
    boilerplate: tuple[str, ...]
    head_date_lines: tuple[str, ...]
    author: str | None = None
    sitename: str | None = None
    html_date: str | None = None
    dateline: Dateline | None = None
    """The wire dateline split off the start of the body ("MOSCOW, May 7 (Reuters)"): date and outlet evidence."""


def extract_one(doc: RawDoc, line_counts: dict[str, int], n_text_docs: int) -> Extracted:
    """Body, title and boilerplate lines of one document (HTML via trafilatura, text via line features), the body
    without its opening wire dateline (kept beside it as evidence; sentences are split from the stripped body, so
    their offsets are into the stored text; wire ASCII quotation pairs are typeset first, ``typeset_quotes``)."""
    if doc.content_type == "html":
        h = extract_html(doc.content, doc.url)
        body, dateline = split_dateline(typeset_quotes(h.text))
        return Extracted(doc, doc.title_hint or h.title, body, (), (), h.author, h.sitename, h.date, dateline)
    t = extract_text(
        doc.content,
        batch_counts=line_counts,
        n_batch=n_text_docs,
        title_hint=doc.title_hint,
        language=detect_language(doc.content),
    )
    head_dates = tuple(d.text for d in t.dropped if d.region == "head" and is_date_only(d.text))
    # readers' comments are no page metadata: their timestamps and "Posted by NAME 2 May 2012" say nothing of the
    # article's date, outlet or byline
    boiler = tuple(d.text for d in t.dropped if d.text not in head_dates and d.reason != COMMENTS)
    body, dateline = split_dateline(typeset_quotes(t.body))
    return Extracted(doc, t.title and typeset_quotes(t.title), body, boiler, head_dates, dateline=dateline)


@dataclass(frozen=True)
class Screened:
    """Intermediate record: an extracted document accepted as an article, with its language and its body's
    sentences (split once, here: the dates, the batch's anchors and the article all use these)."""

    extracted: Extracted
    language: str | None
    sentences: tuple[Sentence, ...]


def screen(e: Extracted, settings: Settings) -> Screened | Reject:
    """An extracted document within the body limits and languages, with its sentences; else a Reject saying why
    (checked before splitting, so an over-long or unsupported body is never split)."""
    if len(e.body) > settings.max_body_chars:
        return Reject(e.doc.origin, f"article body is {len(e.body)} characters, over the {settings.max_body_chars}-"
                                    "character limit for one article (is it many articles in one file? split it, "
                                    "or use JSONL with one article per line)")
    short = len(e.body) < settings.min_body_chars
    # Without a body, the page's own text tells its language (extraction finds no prose in unsupported scripts).
    language = detect_language(e.doc.content if short and e.doc.content_type == "text" else e.body)
    if short and not (settings.languages and language and language not in settings.languages):
        lang_note = f"; detected language {language!r}" if language and language != "en" else ""
        return Reject(e.doc.origin, f"no article body found ({len(e.body)} characters of text after boilerplate "
                                    f"removal; at least {settings.min_body_chars} needed{lang_note})")
    if settings.languages and language not in settings.languages:
        return Reject(e.doc.origin, f"language {language!r} is not supported (supported: "
                                    f"{', '.join(settings.languages)}); article skipped")
    return Screened(e, language, split_sentences(e.body))


def finish_article(s: Screened, ctx: DateContext) -> Article:
    """Publication date and metadata for one screened document: the Article."""
    e = s.extracted
    published = infer_published(
        e.body,
        s.sentences,
        e.boilerplate,
        head_date_lines=e.head_date_lines,
        hint=e.doc.published_hint,
        html_date=e.html_date,
        ctx=ctx,
        dateline=e.dateline,
    )
    outlet = detect_outlet(
        hint=e.doc.outlet_hint, sitename=e.sitename, url=e.doc.url, boilerplate=e.boilerplate, body=e.body,
        dateline=e.dateline,
    )
    return Article(
        id=e.doc.id,
        path=e.doc.origin,
        text=e.body,
        sentences=s.sentences,
        title=e.title,
        outlet=outlet,
        byline=detect_byline(e.boilerplate, e.author),
        url=e.doc.url,
        language=s.language,
        published=published,
    )


@dataclass(frozen=True)
class ExtractPart:
    """What ``extract_stage`` makes of a part of the batch."""

    screened: tuple[Screened, ...]
    failed: tuple[Reject, ...]
    """Documents whose extraction failed."""
    rejected: tuple[Reject, ...]
    """Extracted documents turned away by ``screen`` (or whose sentence splitting failed)."""


def extract_stage(
    docs: Sequence[RawDoc], line_counts: dict[str, int], n_text_docs: int, settings: Settings
) -> ExtractPart:
    """``extract_one`` then ``screen`` over ``docs`` given the whole batch's line counts; a failing document
    becomes a Reject."""
    screened: list[Screened] = []
    failed: list[Reject] = []
    rejected: list[Reject] = []
    for d in docs:
        try:
            e = extract_one(d, line_counts, n_text_docs)
        except Exception as exc:  # noqa: BLE001 - one document must never crash the batch
            log.exception("extraction failed for %s", d.origin)
            failed.append(Reject(d.origin, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        try:
            result = screen(e, settings)
        except Exception as exc:  # noqa: BLE001 - one document must never crash the batch
            log.exception("sentences failed for %s", d.origin)
            result = Reject(d.origin, f"processing failed: {type(exc).__name__}: {exc}")
        if isinstance(result, Screened):
            screened.append(result)
        else:
            rejected.append(result)
    return ExtractPart(tuple(screened), tuple(failed), tuple(rejected))


def finish_stage(screened: Sequence[Screened], ctx: DateContext) -> tuple[list[Article], list[Reject]]:
    """``finish_article`` over ``screened`` given the whole batch's date context; failures become Rejects."""
    articles: list[Article] = []
    rejects: list[Reject] = []
    for s in screened:
        try:
            articles.append(finish_article(s, ctx))
        except Exception as exc:  # noqa: BLE001 - one document must never crash the batch
            log.exception("metadata failed for %s", s.extracted.doc.origin)
            rejects.append(Reject(s.extracted.doc.origin, f"processing failed: {type(exc).__name__}: {exc}"))
    return articles, rejects


def text_contents(docs: Sequence[RawDoc]) -> list[str]:
    """The plain-text documents' contents: what cross-document line repetition is counted over."""
    return [d.content for d in docs if d.content_type == "text"]


def extract_articles(
    docs: Sequence[RawDoc], settings: Settings, progress: Progress | None = None, executor: Executor | None = None
) -> tuple[tuple[Article, ...], tuple[Reject, ...]]:
    """Every document becomes an Article or a Reject with a reason; one bad document never stops the batch.

    Two batch-wide inputs, counted in parts and merged before the stage that needs them: how many text documents
    repeat each line (boilerplate), and the ongoing-event anchors named in the accepted articles' sentences
    ("since March 2011"). Each body is split into sentences once, in the extraction stage, before the anchors.
    """
    ex = executor or InProcess()
    parts = ex.split(docs)
    counts: Counter[str] = Counter()
    for part_counts in ex.map(batch_line_counts, [text_contents(p) for p in parts]):
        counts.update(part_counts)
    stage1 = ex.map(extract_stage, parts, progress=progress, sizes=[len(p) for p in parts],
                    line_counts=dict(counts), n_text_docs=len(text_contents(docs)), settings=settings)
    screened = [s for part in stage1 for s in part.screened]
    rejects = [r for part in stage1 for r in part.failed] + [r for part in stage1 for r in part.rejected]
    ctx = find_anchors((s.extracted.body, s.sentences) for s in screened)
    screened_parts = ex.split(screened)
    stage2 = ex.map(finish_stage, screened_parts, ctx=ctx)
    articles = [a for done, _ in stage2 for a in done]
    rejects += [r for _, failed in stage2 for r in failed]
    return tuple(articles), tuple(rejects)


def chronological(articles: Sequence[Article]) -> list[Article]:
    """Oldest first by trusted date; articles without one last; ties by id (stable)."""
    return sorted(articles, key=lambda a: (a.published.trusted is None, a.published.trusted or dt.date.min, a.id))


def single_story(articles: Sequence[Article]) -> Story:
    """All articles as one story (used when no clustering is asked for)."""
    ordered = chronological(articles)
    dates = [d for a in ordered if (d := a.published.trusted)]
    headline = next((a.title for a in ordered if a.title), ordered[0].headline() if ordered else "Untitled story")
    return Story(
        id=story_id([a.id for a in ordered]),
        article_ids=tuple(a.id for a in ordered),
        headline=headline,
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
    )


def with_dates(story: Story, articles: Sequence[Article]) -> Story:
    """The story with first/last dates recomputed from its articles' trusted publication dates."""
    by_id = {a.id: a for a in articles}
    dates = [d for i in story.article_ids if i in by_id and (d := by_id[i].published.trusted)]
    return replace(story, first_date=min(dates) if dates else None, last_date=max(dates) if dates else None)


def build_story(
    story: Story,
    articles: Sequence[Article],
    settings: Settings,
    embedder: Embedder,
    duplicates: Sequence[DuplicateLink] = (),
) -> tuple[StoryReport, dict[str, PublishedDate]]:
    """The cited report of one story, and publication dates the story context makes more precise.

    Near-copies (``duplicates``) of another article of the story are left out of sentence selection, so
    syndicated text counts once, but they are still cited: every outlet that carried the sentence is listed.
    """
    by_id = {a.id: a for a in articles}
    arts = chronological([by_id[i] for i in story.article_ids if i in by_id])
    # A copy counts once only when what it copies is here too (the clusterer may split a pair across stories).
    in_story = {a.id for a in arts}
    copies = {d.article_id for d in duplicates if d.duplicate_of in in_story}
    docs = [[a.text[s.start : s.end] for s in a.sentences] for a in arts]
    selectable = [list(doc) if a.id not in copies else [] for a, doc in zip(arts, docs, strict=True)]
    vectors = for_sentences(embedder).encode([s for doc in docs for s in doc])  # the faster variant, if any
    if not settings.analyze:
        return StoryReport(story, summary_lines(arts, selectable, vectors, settings)), {}
    # The parse helper starts on its share of the analysis parse while this process selects the summary.
    with parse_ahead([x.text for x in arts]) as parsing:
        lines = summary_lines(arts, selectable, vectors, settings)
        a = analyze(arts, vectors, settings.citation_threshold, lines, docs=parsing.docs())
    refined = dict(a.refined_dates)
    dated = [replace(x, published=refined[x.id]) if x.id in refined else x for x in arts]
    key = tuple(replace(k, lines=tuple(supported(line, arts, vectors) for line in k.lines))  # cited lines support it
                for k in story_key_dates(dated, a.timeline, settings, embedder=embedder))
    report = StoryReport(story, lines, a.timeline, a.entities, a.claims, a.unique, a.quotes, key)
    return report, refined


def story_digest(
    story: Story,
    articles: Sequence[Article],
    settings: Settings,
    embedder: Embedder,
    duplicates: Sequence[DuplicateLink] = (),
) -> Digest:
    """A one-story digest: the report, and the story's articles with publication dates the story refines
    (used where a stored story is shown: ``newsweave story`` and the HTTP API)."""
    report, dates = build_story(story, articles, settings, embedder, duplicates)
    arts = tuple(replace(a, published=dates[a.id]) if a.id in dates else a for a in articles)
    report = replace(report, story=with_dates(report.story, arts))
    return Digest(articles=arts, rejected=(), stories=(report,), duplicates=tuple(duplicates))


def embed_articles(
    articles: Sequence[Article], embedder: Embedder, params: ClusterParams, executor: Executor,
    progress: Progress | None = None,
) -> np.ndarray:
    """Clustering vectors of ``articles`` (in order), computed on ``executor``."""
    parts = executor.split(articles, exact=True)
    return np.vstack(executor.map(params_vectors, parts, progress=progress, sizes=[len(p) for p in parts],
                                  embedder=embedder, params=params))


def _story_part(
    item: tuple[Story, Sequence[Article]], settings: Settings, embedder: Embedder,
    duplicates: Sequence[DuplicateLink],
) -> Digest:
    story, members = item
    return story_digest(story, members, settings, embedder, duplicates)


def digest(
    docs: Sequence[RawDoc],
    settings: Settings,
    embedder: Embedder | None = None,
    rejected: Sequence[Reject] = (),
    progress: Progress | None = None,
    executor: Executor | None = None,
    stages: Stages | None = None,
) -> Digest:
    """Raw documents to a digest: clean articles, rejects, near-duplicate links, and a cited report per story.

    Extraction, clustering vectors and story reports run on ``executor`` (in this process by default);
    near-duplicates and story grouping need every article at once and run here. ``stages`` hears of every
    stage with its count (extracting, near-copies, embedding, clustering, stories); ``progress`` alone counts
    only extracted documents. A run of at least ``HELPER_MIN_DOCS`` documents analysed in this process parses
    with a helper process beside it (``settings.parse_helper``, ``nlp.parse_helper``; the same output)."""
    ex = executor or InProcess()
    share = settings.parse_helper and settings.analyze and type(ex) is InProcess and len(docs) >= HELPER_MIN_DOCS
    with parse_helper(share):
        return _digest(docs, settings, embedder, rejected, progress, ex, stages)


def _digest(
    docs: Sequence[RawDoc],
    settings: Settings,
    embedder: Embedder | None,
    rejected: Sequence[Reject],
    progress: Progress | None,
    ex: Executor,
    stages: Stages | None,
) -> Digest:
    stage: Stages = stages or (lambda _label, _total: _ignore)
    articles, rejects = extract_articles(docs, settings, progress or stage("extracting", len(docs)), ex)
    emb = cached(embedder or get_embedder(settings.embedder), settings.embed_cache)  # each text embedded once
    done = stage("finding near-copies", 1)
    dups = find_duplicates(articles) if articles else ()
    done(1)
    params = settings.cluster

    def vectors_of(uniq: Sequence[Article]) -> np.ndarray:
        vectors = embed_articles(uniq, emb, params, ex, stage("embedding for clustering", len(uniq)))
        stage("clustering", 1)
        return vectors

    if not articles:
        stories: tuple[Story, ...] = ()
    elif settings.one_story:
        stories = (single_story(articles),)
    else:
        stories = group_stories(articles, emb, params, vectors_of)
    by_id = {a.id: a for a in articles}
    members = [(s, [by_id[i] for i in s.article_ids if i in by_id]) for s in stories]
    label = "summarising and analysing stories" if settings.analyze else "summarising stories"
    parts = ex.map(_story_part, members, progress=stage(label, len(members)), sizes=[1] * len(members),
                   settings=settings, embedder=emb, duplicates=dups)
    return assemble(articles, tuple(rejected) + rejects, dups, parts)


def _ignore(_n: int) -> None:
    """The ``Progress`` of a run nobody watches."""


def assemble(
    articles: Sequence[Article],
    rejected: Sequence[Reject],
    duplicates: Sequence[DuplicateLink],
    parts: Sequence[Digest],
) -> Digest:
    """One digest from the one-story digests (``story_digest``) of a batch: articles in input order, each with
    the publication date its story refined."""
    refined = {a.id: a for p in parts for a in p.articles if a.id in p.stories[0].story.article_ids}
    return Digest(
        articles=tuple(refined.get(a.id, a) for a in articles),
        rejected=tuple(rejected),
        stories=tuple(p.stories[0] for p in parts),
        duplicates=tuple(duplicates),
    )

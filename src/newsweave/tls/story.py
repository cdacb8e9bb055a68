"""Key dates in a story's brief: for a story too long for its full list of dated events to be read (many
articles, or a long span), its key dates (``key_dates``, sized by ``default_size``) go first, the full list
behind them."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.config import Settings
from newsweave.embed.base import Embedder
from newsweave.tls.dating import Parser, date_sentences
from newsweave.tls.select import TlsParams, default_size, key_dates
from newsweave.types import Article, KeyDate, TimelineEntry


def span_days(articles: Sequence[Article]) -> int:
    """Days from the first to the last trusted publication date (0 with fewer than two)."""
    days = sorted(d for a in articles if (d := a.published.trusted))
    return (days[-1] - days[0]).days if days else 0


def shows_key_dates(n_articles: int, span: int, n_events: int, n_dates: int, settings: Settings) -> bool:
    """A story of ``n_articles`` over ``span`` days with ``n_events`` dated events shows ``n_dates`` key dates
    first when it is large (``settings.key_dates_min_articles``) or long (``key_dates_min_span_days``), and the
    key dates are at most half as many as the events."""
    large = n_articles >= settings.key_dates_min_articles or span >= settings.key_dates_min_span_days
    return large and 0 < 2 * n_dates <= n_events


def story_key_dates(
    articles: Sequence[Article], timeline: Sequence[TimelineEntry], settings: Settings, parser: Parser | None = None,
    embedder: Embedder | None = None,
) -> tuple[KeyDate, ...]:
    """The key dates of a story's ``articles`` when its brief shows them (``shows_key_dates``), else ``()``.
    ``parser`` defaults to spaCy (``newsweave.nlp.parse``); ``embedder`` as in ``key_dates``."""
    n_dates, n_sentences = default_size(articles)
    if not shows_key_dates(len(articles), span_days(articles), len(timeline), n_dates, settings):
        return ()
    if parser is None:
        from newsweave.nlp import parse

        parser = parse
    return key_dates(articles, date_sentences(articles, parser), TlsParams(n_dates, n_sentences), embedder)

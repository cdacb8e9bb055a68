"""Timeline summarization (TLS): the L key dates of a collection of articles, each with at most K cited sentences
saying what happened that day (``key_timeline``).

Stages, each pure: ``dating.date_sentences`` (which day each sentence reports on), ``select.key_dates`` (date
importance, then date-wise summarization and citations).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.embed.base import Embedder
from newsweave.tls.dating import DatedSentence, Parser, date_sentences
from newsweave.tls.select import KeyDate, TlsParams, default_size, key_dates
from newsweave.types import Article, Reject


@dataclass(frozen=True)
class KeyTimeline:
    """The result of one TLS run: the key dates, and every article and reject of the input."""

    dates: tuple[KeyDate, ...]
    articles: tuple[Article, ...]
    rejected: tuple[Reject, ...] = ()
    params: TlsParams | None = None


def key_timeline(
    articles: Sequence[Article], params: TlsParams, parser: Parser | None = None,
    rejected: Sequence[Reject] = (),
    embedder: Embedder | None = None,
) -> KeyTimeline:
    """The key dates of ``articles`` as one collection. ``parser`` defaults to spaCy (``newsweave.nlp.parse``);
    with ``embedder``, a day's sentences are ranked by meaning as well as by words (``key_dates``)."""
    if parser is None:
        from newsweave.nlp import parse

        parser = parse
    dated = date_sentences(articles, parser)
    return KeyTimeline(key_dates(articles, dated, params, embedder), tuple(articles), tuple(rejected), params)


__all__ = ["DatedSentence", "KeyDate", "KeyTimeline", "TlsParams", "date_sentences", "default_size", "key_dates",
           "key_timeline"]

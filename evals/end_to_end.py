"""The product scored like its selector: ``pipeline.digest`` (in this process) on each item's documents.

The selector rows of ``eval summarize`` hand ``select_sentences`` an item's sentences, pre-split, as one story.
A reader of ``newsweave digest DIR --words N`` gets something else: the documents extracted, split by spaCy,
grouped into stories (a DUC cluster may become several), and each story summarised within its own budget. This
row runs that path: the digest of the item's documents with ``Settings(summary_words=budget, analyze=False)``
(the analysis adds nothing to the summary lines), the summary lines of its stories, largest story first (most
articles; ties in the digest's order), cut at the budget by the same ROUGE as the selector rows.

With ``words`` the digest runs at that summary length instead and its lines are cut at the budget all the same:
``words=DEFAULT_WORDS`` is the issue's own protocol (``newsweave digest DIR`` with its defaults, the lines cut at
the budget), which, like the baselines, ends on a sentence cut in the middle where ``--words BUDGET`` prints
whole sentences within the budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsweave.config import Settings
from newsweave.embed import Embedder, get_embedder
from newsweave.ingest import read_sources
from newsweave.ingest.read import doc_id
from newsweave.pipeline import digest
from newsweave.types import Digest, RawDoc


def digest_summary(digested: Digest) -> list[str]:
    """The summary lines of a digest's stories, largest story first (ties keep the digest's order)."""
    ranked = sorted(enumerate(digested.stories), key=lambda kr: (-len(kr[1].story.article_ids), kr[0]))
    return [line.text for _k, report in ranked for line in report.summary]


DEFAULT_WORDS = Settings().summary_words
"""The digest's summary length when ``--words`` is not given."""
END_TO_END = "newsweave end-to-end (digest)"
"""The row of the product itself (this module): the digest of each item's documents at the budget."""
END_TO_END_DEFAULT = "newsweave end-to-end (default length, cut)"
"""The same digest at its default summary length, its lines cut at the budget (the issue's protocol)."""
ROWS = ((END_TO_END, None), (END_TO_END_DEFAULT, DEFAULT_WORDS))
"""The end-to-end rows of ``eval summarize``: each row's name and the digest's summary length (None: the budget)."""


def product_settings(budget: int, words: int | None = None) -> Settings:
    """What ``newsweave digest --words WORDS`` (default: the budget) runs with, without the analysis (which leaves
    summaries as they are)."""
    return Settings(summary_words=budget if words is None else words, analyze=False)


def folder_summary(folder: Path, budget: int, embedder: Embedder, words: int | None = None) -> list[str]:
    """``newsweave digest FOLDER --words WORDS``'s summary lines (as ``digest_summary`` orders them)."""
    settings = product_settings(budget, words)
    src = read_sources([str(folder)], settings)
    return digest_summary(digest(src.docs, settings, embedder=embedder, rejected=src.rejected))


def texts_summary(
    texts: Sequence[str], budget: int, embedder: Embedder, origin: str, words: int | None = None
) -> list[str]:
    """The same for documents given as plain texts (``origin:K`` names the K-th)."""
    docs: dict[str, RawDoc] = {}
    for k, t in enumerate(texts):
        if t.strip():
            docs.setdefault(doc_id(t), RawDoc(doc_id(t), f"{origin}:{k}", t, "text"))  # an exact copy counts once
    return digest_summary(digest(list(docs.values()), product_settings(budget, words), embedder=embedder))


def product_embedder() -> Embedder:
    """The digest's default embedder (MiniLM), loaded once for a whole evaluation."""
    return get_embedder(Settings().embedder)

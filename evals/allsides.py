"""Held-out summarization check on the AllSides neutral roundups (NeuS ``lrc_roundup/test``).

Each ``test.source`` line holds one story as three outlets' articles, ``TITLE=> ... ARTICLE=> ...`` joined by
``[SEP]`` (not in a fixed left/center/right order); the same line of ``test.target`` is the editor's neutral roundup in
the same ``TITLE=> ... ARTICLE=> ...`` form. Nothing in newsweave was tuned on this set.

Choices (fixed once, before looking at any score):

* Titles are dropped on both sides: a document is the sentences of its ARTICLE text only, and the reference
  is the roundup's ARTICLE text only. Headlines are not prose sentences and are the most slanted part of an
  outlet's story; the roundup body is the editor's summary.
* Sentences are split with :func:`evals.splitter.split_sentences`, as in the DUC 2004 eval (the
  reference too, one sentence per line for ROUGE-L).
* Every system gets one word budget: the median whitespace-token length of the reference bodies over all 307
  test items (55 words), also under ``--limit``. Per-item reference lengths would hand the systems an oracle.
* Only the peer summary is cut at the budget (as ROUGE ``-l`` does); the single reference is never cut, since
  references run from 12 to 191 words.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.report import Table, progress
from evals.rouge import RougeResult, average, rouge, truncate_lines
from evals.splitter import split_sentences
from evals.summarize_eval import SystemScore, systems

SPLIT = "lrc_roundup"
_PART_RE = re.compile(r"\s*TITLE=>(?P<title>.*?)\s*ARTICLE=>(?P<body>.*)", re.S)


@dataclass(frozen=True)
class TitledText:
    """One ``TITLE=> ... ARTICLE=> ...`` part: the headline and the article (or roundup) text."""

    title: str
    body: str


@dataclass(frozen=True)
class RoundupItem:
    """One test story: the outlets' article bodies split into sentences, and the reference roundup sentences."""

    index: int
    docs: tuple[tuple[str, ...], ...]
    reference: tuple[str, ...]
    texts: tuple[str, ...] = ()
    """The outlets' article bodies as given (what the end-to-end row digests)."""


def parse_part(part: str) -> TitledText:
    """``TITLE=> t ARTICLE=> b`` -> TitledText(t, b), whitespace-normalised; without markers the text is the body."""
    m = _PART_RE.fullmatch(part)
    if m is None:
        return TitledText("", " ".join(part.split()))
    return TitledText(" ".join(m.group("title").split()), " ".join(m.group("body").split()))


def parse_source_line(line: str) -> list[TitledText]:
    """One ``test.source`` line -> its documents, split at ``[SEP]``; empty parts are dropped."""
    parts = [parse_part(p) for p in line.rstrip("\n").split("[SEP]")]
    return [p for p in parts if p.title or p.body]


def source_texts(line: str) -> list[str]:
    """Each document's ARTICLE text (titles dropped), documents without a body skipped."""
    return [p.body for p in parse_source_line(line) if p.body]


def source_documents(line: str) -> list[list[str]]:
    """The sentences of each document's ARTICLE text (titles dropped); documents without a body are skipped."""
    return [s for s in (split_sentences(p.body) for p in parse_source_line(line)) if s]


def reference_sentences(line: str) -> list[str]:
    """The roundup body of one ``test.target`` line, split into sentences (title dropped)."""
    return split_sentences(parse_part(line.rstrip("\n")).body)


def load_items(root: Path, limit: int | None = None) -> list[RoundupItem]:
    """The test items of ``<root>/lrc_roundup`` (``root`` = the neus-allsides directory)."""
    d = root / SPLIT
    sources = (d / "test.source").read_text(encoding="utf-8").splitlines()
    targets = (d / "test.target").read_text(encoding="utf-8").splitlines()
    if len(sources) != len(targets):
        raise ValueError(f"{d}: {len(sources)} source lines but {len(targets)} target lines")
    items = [
        RoundupItem(i, tuple(tuple(doc) for doc in source_documents(s)), tuple(reference_sentences(t)),
                    tuple(source_texts(s)))
        for i, (s, t) in enumerate(zip(sources, targets, strict=True))
    ]
    return items[:limit] if limit is not None else items


def median_budget(items: Sequence[RoundupItem]) -> int:
    """The median reference length in whitespace tokens, rounded to an integer."""
    return round(statistics.median(sum(len(s.split()) for s in it.reference) for it in items))


def score_item(summary: Sequence[str], reference: Sequence[str], budget: int) -> RougeResult:
    """ROUGE-1/2/L (Porter stemming, our ROUGE-1.5.5 scorer) of the summary cut at ``budget`` words."""
    return rouge(truncate_lines(summary, budget), [list(reference)], length_limit=0)


def run_allsides(
    root: Path, limit: int | None = None, end_to_end: bool = True
) -> tuple[list[SystemScore], int, int]:
    """Scores of newsweave and the baselines; also returns the word budget and the number of items."""
    every = load_items(root)
    budget = median_budget(every)  # over all test items, so --limit runs keep the same budget
    items = every[:limit] if limit is not None else every
    out: list[SystemScore] = []
    for name, fn in systems().items():
        summaries = [fn(list(it.docs), budget) for it in progress(items, len(items), f"summarize {name}")]
        pairs = list(zip(items, summaries, strict=True))
        res = average(
            [score_item(s, it.reference, budget) for it, s in progress(pairs, len(pairs), f"ROUGE {name}")]
        )
        kind = "newsweave" if name.startswith("newsweave") else "baseline"
        out.append(SystemScore(name, kind, res))
    if end_to_end:
        from evals.end_to_end import ROWS, product_embedder, texts_summary

        embedder = product_embedder()
        for k, (row, words) in enumerate(ROWS, start=1):
            e2e = [texts_summary(it.texts, budget, embedder, f"allsides:{it.index}", words)
                   for it in progress(items, len(items), f"digest each item ({row})")]
            res = average([score_item(s, it.reference, budget) for it, s in zip(items, e2e, strict=True)])
            out.insert(k, SystemScore(row, "newsweave", res))
    return out, budget, len(items)


def _pct(x: float) -> str:
    return f"{100 * x:.2f}"


def allsides_table(scores: Sequence[SystemScore]) -> Table:
    headers = ("system", "kind", "R-1 R", "R-1 F", "R-2 R", "R-2 F", "R-L R", "R-L F")
    rows = tuple(
        (
            s.system,
            s.kind,
            _pct(s.rouge.r1.recall),
            _pct(s.rouge.r1.f),
            _pct(s.rouge.r2.recall),
            _pct(s.rouge.r2.f),
            _pct(s.rouge.rl.recall),
            _pct(s.rouge.rl.f),
        )
        for s in scores
    )
    return Table(headers, rows)

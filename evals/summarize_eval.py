"""DUC 2004 Task 2: newsweave's selector vs Lead / Centroid / LexRank / TextRank vs the published peers."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.baselines import BASELINES, summarize_baseline
from evals.duc import DucCluster, load_clusters, load_peer_summaries, load_published_scores
from evals.report import Table, progress
from evals.rouge import RougeResult, average, rouge
from evals.splitter import split_sentences
from newsweave.extract.wire import split_dateline
from newsweave.summarize.select import (
    DEFAULT_CONFIG,
    SelectConfig,
    compress_sentence,
    next_best_sentence,
    select_sentences,
)
from newsweave.summarize.standalone import printed_lines as story_lines

BUDGET = 100
Summarizer = Callable[[Sequence[Sequence[str]], int], list[str]]


@dataclass(frozen=True)
class SystemScore:
    """Averaged ROUGE of one system; ``published`` = (R-1 R, R-2 R) from peers_rouge.res, if any."""

    system: str
    kind: str  # "newsweave", "baseline" or "peer"
    rouge: RougeResult
    published: tuple[float, float] | None = None


def printed_lines(docs: Sequence[Sequence[str]]) -> tuple[list[list[str]], frozenset[tuple[int, int]]]:
    """What the digest can print for each sentence: the first without its wire dateline (extraction strips it),
    each as ``standalone.printed_lines`` prints it, "" (never selected) for a sentence that cannot stand alone;
    and the (document, sentence) lines printable only right after their previous sentence's."""
    out: list[list[str]] = []
    follows: set[tuple[int, int]] = set()
    for i, doc in enumerate(docs):
        sents = list(doc)
        if sents:
            sents[0] = split_dateline(sents[0])[0]
        lines, fs = story_lines(sents)
        out.append(lines)
        follows |= {(i, j) for j in fs}
    return out, frozenset(follows)


def newsweave_summary(
    docs: Sequence[Sequence[str]], budget: int, config: SelectConfig = DEFAULT_CONFIG
) -> list[str]:
    """Whole lines as the digest prints them (:func:`printed_lines`) chosen by :func:`select_sentences`, plus one
    more to be cut at ``budget`` words (DUC style)."""
    lines, follows = printed_lines(docs)
    return selector_summary(lines, budget, config, follows)


def as_written_summary(docs: Sequence[Sequence[str]], budget: int) -> list[str]:
    """The selector on the sentences as written (datelines, "However, ...", "He said ..." included): newsweave
    before issue 16, kept beside it to show what standalone lines cost or gain."""
    return selector_summary(docs, budget)


def selector_summary(
    docs: Sequence[Sequence[str]],
    budget: int,
    config: SelectConfig = DEFAULT_CONFIG,
    follows: frozenset[tuple[int, int]] = frozenset(),
) -> list[str]:
    """Whole sentences from :func:`select_sentences`, plus one more to be cut at ``budget`` words (DUC style)."""
    pairs = select_sentences(docs, budget, config=config, follows=follows)
    lines = [docs[d][s] for d, s in pairs]
    if sum(len(x.split()) for x in lines) < budget:
        extra = next_best_sentence(docs, pairs, config=config, follows=follows)
        if extra is not None:
            lines.append(docs[extra[0]][extra[1]])
    return lines


def newsweave_compressed_summary(docs: Sequence[Sequence[str]], budget: int) -> list[str]:
    """As :func:`newsweave_summary` on lines shortened by :func:`compress_sentence`."""
    lines, follows = printed_lines(docs)
    return selector_summary([[compress_sentence(s) for s in doc] for doc in lines], budget, follows=follows)


def systems() -> dict[str, Summarizer]:
    out: dict[str, Summarizer] = {
        "newsweave": newsweave_summary,
        "newsweave+compress": newsweave_compressed_summary,
        "newsweave, sentences as written": as_written_summary,
    }
    for name in BASELINES:
        out[name] = functools.partial(summarize_baseline, name)
    return out


def score_system(
    clusters: Sequence[DucCluster], summaries: Sequence[Sequence[str]], desc: str
) -> RougeResult:
    pairs = list(zip(clusters, summaries, strict=True))
    return average(
        [rouge(s, c.references, length_limit=BUDGET) for c, s in progress(pairs, len(pairs), desc)]
    )


def run_duc2004(
    root: Path, limit: int | None = None, peers: bool = True, end_to_end: bool = True
) -> list[SystemScore]:
    clusters = load_clusters(root, limit)
    split = [[split_sentences(d) for d in c.docs] for c in clusters]
    out: list[SystemScore] = []
    for name, fn in systems().items():
        summaries = [fn(docs, BUDGET) for docs in progress(split, len(split), f"summarize {name}")]
        kind = "newsweave" if name.startswith("newsweave") else "baseline"
        out.append(SystemScore(name, kind, score_system(clusters, summaries, f"ROUGE {name}")))
    if end_to_end:
        from evals.end_to_end import ROWS, folder_summary, product_embedder

        embedder = product_embedder()
        for k, (row, words) in enumerate(ROWS, start=1):
            summaries = [
                folder_summary(c.folder, BUDGET, embedder, words) if c.folder else []
                for c in progress(clusters, len(clusters), f"digest each cluster ({row})")
            ]
            out.insert(k, SystemScore(row, "newsweave", score_system(clusters, summaries, f"ROUGE {row}")))
    if peers:
        published = load_published_scores(root)
        for system, by_cluster in load_peer_summaries(root).items():
            summaries = [list(by_cluster.get(c.cluster_id, ())) for c in clusters]
            pub = published.get(system, {})
            pr = (pub["ROUGE-1_R"], pub["ROUGE-2_R"]) if "ROUGE-1_R" in pub and "ROUGE-2_R" in pub else None
            out.append(SystemScore(system, "peer", score_system(clusters, summaries, f"ROUGE {system}"), pr))
    return out


def _pct(x: float) -> str:
    return f"{100 * x:.2f}"


def score_table(scores: Sequence[SystemScore], full_set: bool) -> Table:
    headers = (
        "system",
        "kind",
        "R-1 R",
        "R-1 F",
        "R-2 R",
        "R-2 F",
        "R-L R",
        "R-L F",
        "pub R-1",
        "pub R-2",
        "Δ R-1",
        "Δ R-2",
    )
    rows = []
    for s in scores:
        r = s.rouge
        cells = [s.system, s.kind, _pct(r.r1.recall), _pct(r.r1.f), _pct(r.r2.recall), _pct(r.r2.f)]
        cells += [_pct(r.rl.recall), _pct(r.rl.f)]
        if s.published and full_set:
            p1, p2 = s.published
            cells += [
                _pct(p1),
                _pct(p2),
                f"{100 * (r.r1.recall - p1):+.2f}",
                f"{100 * (r.r2.recall - p2):+.2f}",
            ]
        else:
            cells += ["", "", "", ""]
        rows.append(tuple(cells))
    return Table(headers, tuple(rows))

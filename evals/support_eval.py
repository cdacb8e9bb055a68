"""Citation support on a blind hand-judged sample: how many further citations say what their line says.

A further citation (a summary line's or timeline entry's citation after its own source) tells the reader "this
outlet says that too". This eval collects every such pair from the product's own digests on collections it was
not fitted on, under two rules side by side:

* ``cosine`` (before issue 16): the other article's most similar sentence at the citation threshold, without
  conflicting figures or places (``cite(..., check_support=False)``); in the timeline, every sentence the event
  grouping merged;
* ``support`` (now): what the digest prints, i.e. only sentences that also pass ``summarize.support``.

``draw`` picks a seeded sample stratified by the rule (pairs the product cites now / pairs only the cosine rule
cites) and writes it for a judge who sees only the line and the cited sentence; ``score`` reads the judge's
labels (S = supports the line, P = partly, N = not) and gives each rule's share of supporting citations,
weighting the two strata by their sizes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from newsweave.config import Settings
from newsweave.embed import Embedder
from newsweave.summarize.cite import cite, sentence_matrix
from newsweave.summarize.support import support
from newsweave.types import Article, Citation, Digest, StoryReport


@dataclass(frozen=True)
class Pair:
    """One (line, further citation) pair under either rule."""

    key: str
    """``item|kind|source article:sentence>cited article:sentence``: stable across runs of the same code."""
    item: str
    kind: str
    """"summary" or "timeline"."""
    line: str
    cited: str
    similarity: float
    probability: float
    cosine: bool
    """The cosine rule cites it."""
    support: bool
    """The product cites it now."""


def _sentence(a: Article, si: int) -> str:
    return a.sentence_text(si)


def _key(item: str, kind: str, src: Citation, c: Citation) -> str:
    return f"{item}|{kind}|{src.article_id[:12]}:{src.sentence_index}>{c.article_id[:12]}:{c.sentence_index}"


def story_pairs(item: str, report: StoryReport, by_id: dict[str, Article], embedder: Embedder,
                threshold: float) -> list[Pair]:
    """The further-citation pairs of one story's summary lines and timeline entries."""
    arts = [by_id[i] for i in report.story.article_ids if i in by_id]
    if len(arts) < 2:
        return []
    vectors = embedder.encode([_sentence(a, k) for a in arts for k in range(len(a.sentences))])
    position = {a.id: k for k, a in enumerate(arts)}
    row = {(ai, si): r for r, ai, si in sentence_matrix(arts, vectors)}

    def vec(c: Citation) -> np.ndarray:
        return np.asarray(vectors[row[(position[c.article_id], c.sentence_index)]])

    def pair(kind: str, line: str, src: Citation, c: Citation, cosine: bool, now: bool) -> Pair:
        source, other = _sentence(by_id[src.article_id], src.sentence_index), _sentence(by_id[c.article_id],
                                                                                       c.sentence_index)
        sim = float(vec(src) @ vec(c))
        return Pair(_key(item, kind, src, c), item, kind, line, other, round(sim, 4),
                    round(support(source, other, sim).probability, 4), cosine, now)

    out: list[Pair] = []
    for line in report.summary:
        src = line.citations[0]
        if src.article_id not in position:
            continue
        loose = cite(arts, vectors, (position[src.article_id], src.sentence_index), threshold,
                     check_support=False)[1:]
        now = {(c.article_id, c.sentence_index): c for c in line.citations[1:]}
        was = {(c.article_id, c.sentence_index): c for c in loose}
        for k, c in {**was, **now}.items():
            out.append(pair("summary", line.text, src, c, k in was, k in now))
    for e in report.timeline:
        src = e.citations[0]
        for c in e.citations[1:]:
            out.append(pair("timeline", e.text, src, c, True, True))
        for c in e.reports:
            out.append(pair("timeline", e.text, src, c, True, False))
    return [p for p in out if p.cited != p.line]


def digest_pairs(item: str, d: Digest, embedder: Embedder, settings: Settings) -> list[Pair]:
    by_id = {a.id: a for a in d.articles}
    return [p for r in d.stories for p in story_pairs(item, r, by_id, embedder, settings.citation_threshold)]


def write_pairs(path: Path, pairs: Iterable[Pair]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")


def read_pairs(path: Path) -> list[Pair]:
    return [Pair(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def draw(pairs: Sequence[Pair], cited_now: int, cosine_only: int, seed: int = 16) -> list[Pair]:
    """A seeded sample: up to ``cited_now`` pairs the product cites and ``cosine_only`` pairs only the cosine
    rule cites, one pair per (line, cited sentence), shuffled together so the judge cannot tell them apart."""
    unique = list({(p.line, p.cited): p for p in pairs}.values())
    rng = random.Random(seed)
    a = [p for p in unique if p.support]
    b = [p for p in unique if p.cosine and not p.support]
    sample = rng.sample(a, min(cited_now, len(a))) + rng.sample(b, min(cosine_only, len(b)))
    rng.shuffle(sample)
    return sample


def write_blind(path: Path, sample: Sequence[Pair]) -> None:
    """What the judge sees: key, the line, the cited sentence; nothing about either rule."""
    with path.open("w", encoding="utf-8") as f:
        for p in sample:
            f.write(json.dumps({"key": p.key, "line": p.line, "cited": p.cited}, ensure_ascii=False) + "\n")


def read_judged(path: Path) -> dict[str, str]:
    """``key<TAB>label[<TAB>note]`` rows (label S, P or N); ``#`` lines are comments."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, label, *_ = line.split("\t")
        if label not in {"S", "P", "N"}:
            raise ValueError(f"{path}: label {label!r} for {key} is not S, P or N")
        out[key] = label
    return out


@dataclass(frozen=True)
class RuleScore:
    rule: str
    citations: int
    """Further citations the rule makes in the collected digests."""
    judged: int
    supports: float
    """Estimated share of the rule's citations judged S (strata weighted by their sizes)."""
    partly: float
    not_: float


def score(pairs: Sequence[Pair], judged: dict[str, str]) -> list[RuleScore]:
    """Each rule's share of S/P/N, from the judged pairs of each stratum weighted by the stratum's size."""
    unique = list({(p.line, p.cited): p for p in pairs}.values())
    out = []
    for rule in ("cosine", "support"):
        mine = [p for p in unique if getattr(p, rule)]
        shares = dict.fromkeys("SPN", 0.0)
        n_judged = 0
        for stratum in (True, False):
            members = [p for p in mine if p.support is stratum]
            labels = [judged[p.key] for p in members if p.key in judged]
            n_judged += len(labels)
            if not labels:
                continue
            for lab in "SPN":
                shares[lab] += len(members) / len(mine) * labels.count(lab) / len(labels)
        out.append(RuleScore(rule, len(mine), n_judged, shares["S"], shares["P"], shares["N"]))
    return out


def kinds(pairs: Sequence[Pair], judged: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Judged pairs the product cites now, by kind: (judged S, judged)."""
    out: dict[str, tuple[int, int]] = {}
    for p in {(p.line, p.cited): p for p in pairs}.values():
        if p.support and p.key in judged:
            s, n = out.get(p.kind, (0, 0))
            out[p.kind] = (s + (judged[p.key] == "S"), n + 1)
    return out


def collect(data: Path, embedder: Embedder, progress: bool = True, allsides_items: int = 25,
            allsides_from: int = 16, duc_from: Sequence[int] = (3, 8)) -> list[Pair]:
    """Pairs from the product's digests (full analysis, default settings) of collections the support model was
    not fitted on: 10 DUC 2004 clusters (every tenth from the 3rd and from the 8th: ``duc_from``, 1-based) and
    ``allsides_items`` AllSides roundups from position ``allsides_from`` (16-40 by default; the model was fitted
    on the 16 roundups before them). Other offsets draw a sample no earlier judgement has seen."""
    from evals.allsides import load_items
    from evals.duc import load_clusters
    from newsweave.ingest import read_sources
    from newsweave.ingest.read import doc_id
    from newsweave.pipeline import digest
    from newsweave.types import RawDoc

    settings = Settings()
    clusters = load_clusters(data / "duc2004")
    chosen = [c for k in duc_from for c in clusters[k - 1 :: 10] if c.folder is not None]
    items = load_items(data / "neus-allsides")[allsides_from : allsides_from + allsides_items]
    out: list[Pair] = []
    total = len(chosen) + len(items)
    for k, c in enumerate(chosen, 1):
        src = read_sources([str(c.folder)], settings)
        out += digest_pairs(f"duc:{c.cluster_id}", digest(src.docs, settings, embedder=embedder), embedder, settings)
        if progress:
            print(f"  {k}/{total} duc:{c.cluster_id}: {len(out)} pairs", flush=True)
    for k, it in enumerate(items, len(chosen) + 1):
        docs = {doc_id(t): RawDoc(doc_id(t), f"allsides:{it.index}:{j}", t, "text")
                for j, t in enumerate(it.texts) if t.strip()}
        d = digest(list(docs.values()), settings, embedder=embedder)
        out += digest_pairs(f"allsides:{it.index}", d, embedder, settings)
        if progress:
            print(f"  {k}/{total} allsides:{it.index}: {len(out)} pairs", flush=True)
    return out

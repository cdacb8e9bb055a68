"""Timeline summarization on Timeline17 (``python -m evals tls --dataset t17``): newsweave's key timeline beside
three baselines, under the standard protocol of news-tls (Gholipour Ghalandari & Ifrim 2020).

Per reference timeline: the topic's articles published between its first and last date, given to newsweave as
text (ids and publication dates from the jsonl as metadata, as the protocol gives them); L = the reference's
number of dates, K = its mean sentences per date, rounded. Scores: alignment ROUGE-1/2 F1 "align+ m:1" by tilse
(``evaluate_align_date_content_costs_many_to_one``, reimplemented ROUGE) and date F1 (exact dates shared with
the reference), averaged over the timelines.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import pickle
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsweave.config import Settings
from newsweave.embed.base import Embedder
from newsweave.pipeline import extract_articles
from newsweave.tls import DatedSentence, TlsParams, date_sentences, key_dates
from newsweave.types import Article, RawDoc

Timeline = dict[dt.date, list[str]]
"""Date -> the sentences of that date (a predicted or a reference timeline)."""


@dataclass(frozen=True)
class Topic:
    name: str
    reference: Timeline
    articles: tuple[Article, ...]
    dated: tuple[DatedSentence, ...]

    @property
    def size(self) -> tuple[int, int]:
        """(L, K) of the protocol."""
        n = sum(len(v) for v in self.reference.values())
        return len(self.reference), max(1, round(n / len(self.reference)))


@dataclass(frozen=True)
class Score:
    ar1: float
    ar2: float
    date_f1: float


def load_reference(path: Path) -> Timeline:
    out: Timeline = defaultdict(list)
    for e in json.loads(path.read_text(encoding="utf-8")):
        text = " ".join(e["text"].split())
        if text:
            out[dt.date.fromisoformat(e["date"])].append(text)
    return dict(out)


def _cache_path(folder: Path, first: dt.date, last: dt.date) -> Path | None:
    root = os.environ.get("NEWSWEAVE_TLS_CACHE")
    if not root:
        return None
    src = folder / "articles.jsonl"
    key = hashlib.sha256(f"{src.resolve()}|{src.stat().st_size}|{src.stat().st_mtime}|{first}|{last}".encode())
    return Path(root) / f"{folder.name}-{key.hexdigest()[:16]}.pickle"


def load_topic(folder: Path) -> Topic:
    """A topic folder under the protocol: its (one) reference timeline and the articles within its dates, as
    newsweave Articles with dated sentences (cached under $NEWSWEAVE_TLS_CACHE when set: outside the repo)."""
    (ref_path,) = sorted(folder.glob("timeline.*.json"))
    reference = load_reference(ref_path)
    first, last = min(reference), max(reference)
    cache = _cache_path(folder, first, last)
    if cache is not None and cache.is_file():
        articles, dated = pickle.loads(cache.read_bytes())
        return Topic(folder.name, reference, articles, dated)
    docs = []
    with (folder / "articles.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if first <= dt.date.fromisoformat(r["published"]) <= last:
                docs.append(RawDoc(id=str(r["id"]), origin=str(r["id"]), content=r["text"], content_type="text",
                                   published_hint=r["published"]))
    arts, _rejected = extract_articles(docs, Settings())
    from newsweave.nlp import parse

    dated = tuple(date_sentences(arts, parse))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps((arts, dated)))
    return Topic(folder.name, reference, arts, dated)


def load_topics(root: Path, limit: int | None = None) -> list[Topic]:
    folders = sorted(p for p in root.iterdir() if p.is_dir() and list(p.glob("timeline.*.json")))
    return [load_topic(f) for f in folders[:limit]]


System = Callable[[Topic, int, int], Timeline]


@functools.lru_cache(maxsize=1)
def _embedder() -> Embedder:
    """The product's default embedder, each sentence embedded once per run."""
    from newsweave.embed.cache import cached
    from newsweave.embed.choose import get_embedder

    return cached(get_embedder(Settings().embedder))


def newsweave_tls(topic: Topic, dates: int, sentences: int) -> Timeline:
    first, last = min(topic.reference), max(topic.reference)
    params = TlsParams(dates, sentences, start=first, end=last)
    chosen = key_dates(topic.articles, topic.dated, params, _embedder())
    return {k.date: [line.text for line in k.lines] for k in chosen}


def newsweave_tls_no_burst(topic: Topic, dates: int, sentences: int) -> Timeline:
    """newsweave without the publication-burst term of its date scores (as before 2026-12-07)."""
    first, last = min(topic.reference), max(topic.reference)
    params = TlsParams(dates, sentences, start=first, end=last, burst_weight=0.0)
    chosen = key_dates(topic.articles, topic.dated, params, _embedder())
    return {k.date: [line.text for line in k.lines] for k in chosen}


def newsweave_tls_words(topic: Topic, dates: int, sentences: int) -> Timeline:
    """newsweave with a day's sentences ranked by words alone (no sentence embeddings, as before 2026-12-05)."""
    first, last = min(topic.reference), max(topic.reference)
    params = TlsParams(dates, sentences, start=first, end=last)
    return {k.date: [line.text for line in k.lines] for k in key_dates(topic.articles, topic.dated, params)}


def newsweave_tls_before(topic: Topic, dates: int, sentences: int) -> Timeline:
    """newsweave as first published (RESULTS 2026-12-02): no collection centroid, every article counted 1, no
    fragment filter; kept beside the current defaults so each run shows both."""
    first, last = min(topic.reference), max(topic.reference)
    params = TlsParams(dates, sentences, start=first, end=last, topic_weight=0.0, weigh_by_relevance=False,
                       drop_fragments=False, burst_weight=0.0)
    return {k.date: [line.text for line in k.lines] for k in key_dates(topic.articles, topic.dated, params)}


def _nearest_centroid(texts: Sequence[str], pool: Sequence[str], k: int) -> list[str]:
    """The ``k`` texts of ``pool`` nearest the TF-IDF centroid of ``texts`` (ties by position)."""
    if not pool:
        return []
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        m = vec.fit_transform([*texts, *pool])
    except ValueError:
        return list(pool[:k])
    centroid = np.asarray(m[: len(texts)].mean(axis=0)).ravel()
    sims = np.asarray(m[len(texts):] @ centroid).ravel()
    order = sorted(range(len(pool)), key=lambda i: (-sims[i], i))
    return [pool[i] for i in order[:k]]


def _by_day(topic: Topic) -> dict[dt.date, list[Article]]:
    days: dict[dt.date, list[Article]] = defaultdict(list)
    for a in topic.articles:
        if (d := a.published.trusted) is not None:
            days[d].append(a)
    return days


def _lead_summary(day: Sequence[Article], k: int) -> list[str]:
    """K lead sentences of the day's articles nearest the TF-IDF centroid of all the day's sentences."""
    texts = [a.sentence_text(i) for a in day for i in range(len(a.sentences))]
    leads = [a.sentence_text(0) for a in sorted(day, key=lambda a: a.id) if a.sentences]
    return _nearest_centroid(texts, leads, k)


def pubdate_centroid(topic: Topic, dates: int, sentences: int) -> Timeline:
    """Baseline: the L days with the most articles, K lead sentences nearest each day's centroid."""
    days = _by_day(topic)
    top = sorted(days, key=lambda d: (-len(days[d]), d))[:dates]
    return {d: _lead_summary(days[d], sentences) for d in top}


def random_dates(topic: Topic, dates: int, sentences: int, seed: int = 0) -> Timeline:
    """Baseline: L days drawn at random (seeded) among the days with articles, content as ``pubdate_centroid``."""
    days = _by_day(topic)
    top = random.Random(seed).sample(sorted(days), min(dates, len(days)))
    return {d: _lead_summary(days[d], sentences) for d in top}


def mention_count(topic: Topic, dates: int, sentences: int) -> Timeline:
    """Baseline: the L days most often named by a date expression (news-tls MentionCount), each with the K
    sentences naming it nearest their centroid."""
    first, last = min(topic.reference), max(topic.reference)
    counts: Counter[dt.date] = Counter()
    naming: dict[dt.date, list[str]] = defaultdict(list)
    for s in topic.dated:
        if s.mentioned and first <= s.date <= last:
            counts[s.date] += 1
            naming[s.date].append(topic.articles[s.article].sentence_text(s.sentence))
    top = sorted(counts, key=lambda d: (-counts[d], d))[:dates]
    return {d: _nearest_centroid(naming[d], naming[d], sentences) for d in top}


def date_f1(pred: Timeline, ref: Timeline) -> float:
    shared = len(set(pred) & set(ref))
    if not shared:
        return 0.0
    p, r = shared / len(pred), shared / len(ref)
    return 2 * p * r / (p + r)


def score(pred: Timeline, ref: Timeline) -> Score:
    """tilse's align+ m:1 ROUGE-1/2 F1 and date F1 of one predicted timeline."""
    from tilse.data.timelines import GroundTruth
    from tilse.data.timelines import Timeline as TilseTimeline
    from tilse.evaluation.rouge import TimelineRougeEvaluator

    evaluator = TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
    nonempty = {d: v for d, v in pred.items() if v}
    if not nonempty:
        return Score(0.0, 0.0, 0.0)
    r = evaluator.evaluate_align_date_content_costs_many_to_one(
        TilseTimeline(nonempty), GroundTruth([TilseTimeline(ref)]))
    return Score(float(r["rouge_1"]["f_score"]), float(r["rouge_2"]["f_score"]), date_f1(nonempty, ref))


SYSTEMS: dict[str, System] = {
    "newsweave": newsweave_tls,
    "newsweave, no burst term (before, 2026-12-05)": newsweave_tls_no_burst,
    "newsweave, words only": newsweave_tls_words,
    "newsweave before (2026-12-02)": newsweave_tls_before,
    "pubdate+centroid": pubdate_centroid,
    "random dates (seed 0)": random_dates,
    "date-mention count": mention_count,
}


def run(topics: Sequence[Topic], systems: dict[str, System] | None = None) -> dict[str, list[Score]]:
    """Every system on every topic: scores per system, in topic order."""
    out: dict[str, list[Score]] = {name: [] for name in (systems or SYSTEMS)}
    for t in topics:
        dates, sentences = t.size
        for name, system in (systems or SYSTEMS).items():
            out[name].append(score(system(t, dates, sentences), t.reference))
    return out


def mean(scores: Sequence[Score]) -> Score:
    n = max(1, len(scores))
    return Score(sum(s.ar1 for s in scores) / n, sum(s.ar2 for s in scores) / n, sum(s.date_f1 for s in scores) / n)

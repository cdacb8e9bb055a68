"""Story-clustering evaluation on ../shared/data: dataset loaders, systems and baselines, one table.

Datasets (read in place, never copied):

* ``wikiref220``: ``docs/<label>.<n>.txt`` or ``docs/<label> (<n>).txt``, cp1252, CRLF, first line = headline,
  gold cluster = label; no dates.
* ``allsides``: ``neus-allsides/allsides_stories_crawled_*.jsonl``; the (2-3) outlet articles of one AllSides
  story form one gold cluster; each article gets the story's date (the crawl has no per-article date).

Systems: newsweave offline (``group_vectors``), newsweave streaming (``OnlineClusterer`` fed in date order,
ties and undated items in a seeded shuffle), TF-IDF + average-linkage agglomerative, and HDBSCAN on the same
sentence-embedding vectors newsweave uses. newsweave runs with one fixed ``ClusterParams``. Each baseline is
scored over a small grid; the table shows its best grid value on the dataset itself (an oracle choice,
generous to the baselines) and, when both datasets run, the value that was best on the other dataset (the
same protocol as newsweave's fixed settings); HDBSCAN also runs with scikit-learn's defaults. On dated sets newsweave is also scored with dates ignored and
with dates jittered by 0-3 days, to show how much of its score the (exact, shared) gold dates carry.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import logging
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.cluster import HDBSCAN
from sklearn.feature_extraction.text import TfidfVectorizer

from evals.cluster_metrics import ari, bcubed
from newsweave.cluster.features import combine, lexical_vectors, semantic_vectors
from newsweave.cluster.offline import cluster_labels, group_vectors
from newsweave.cluster.online import OnlineClusterer
from newsweave.config import ClusterParams
from newsweave.embed import Embedder
from newsweave.types import Article, PublishedDate, RawDoc, Sentence

log = logging.getLogger(__name__)

DATASETS = ("wikiref220", "allsides", "duc2004", "t17")
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WIKIREF_NAME = re.compile(r"^(?P<label>.+?)(?:\.\d+| \(\d+\))?\.txt$")


@dataclass(frozen=True)
class LabelledSet:
    name: str
    articles: tuple[Article, ...]
    gold: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    system: str
    precision: float
    recall: float
    f1: float
    ari: float
    clusters: int
    note: str = ""
    setting: float | None = None
    """A baseline's grid value (threshold or min_cluster_size) that produced this row."""


@dataclass(frozen=True)
class Evaluation:
    """The rows of one dataset, plus every grid row of each baseline (for choosing a setting elsewhere)."""

    rows: tuple[Row, ...]
    grids: dict[str, tuple[Row, ...]]


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """Sentence offsets: paragraph (line) boundaries plus ``. ! ?`` followed by a capitalised word."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        base = para.start()
        start = 0
        chunk = para.group(0)
        cuts = [m.start() for m in _SENT_END.finditer(chunk)] + [len(chunk)]
        for cut in cuts:
            piece = chunk[start:cut]
            lead = len(piece) - len(piece.lstrip())
            s, e = base + start + lead, base + start + len(piece.rstrip())
            if e > s:
                out.append(Sentence(index=len(out), start=s, end=e))
            start = cut
    return tuple(out)


def make_article(aid: str, title: str | None, body: str, date: dt.date | None, outlet: str | None) -> Article:
    pub = PublishedDate(date=date, precision="day", confidence=1.0) if date else PublishedDate()
    return Article(
        id=aid, path=aid, text=body, sentences=sentences_of(body), title=title, outlet=outlet, published=pub
    )


def wikiref_label(file_name: str) -> str:
    m = _WIKIREF_NAME.match(file_name)
    return m.group("label") if m else file_name


def load_wikiref220(root: Path) -> LabelledSet:
    docs = root / "wikiref220" / "docs"
    arts: list[Article] = []
    gold: list[str] = []
    for f in sorted(docs.glob("*.txt")):
        text = f.read_bytes().decode("cp1252", errors="replace").replace("\r\n", "\n").strip()
        title, _, body = text.partition("\n")
        body = "\n".join(line.strip() for line in body.splitlines() if line.strip())
        arts.append(make_article(f.name, title.strip() or None, body or title, None, None))
        gold.append(wikiref_label(f.name))
    return LabelledSet("wikiref220", tuple(arts), tuple(gold))


def _body(raw: object) -> str:
    if isinstance(raw, list):
        parts = [str(p) for p in raw]
    elif isinstance(raw, str) and raw.startswith("["):
        try:
            parts = [str(p) for p in ast.literal_eval(raw)]
        except (ValueError, SyntaxError):
            parts = [raw]
    else:
        parts = [str(raw or "")]
    return "\n".join(" ".join(p.split()) for p in parts if p and p.strip())


def load_allsides(root: Path) -> LabelledSet:
    path = next(iter(sorted((root / "neus-allsides").glob("allsides_stories_crawled_*.jsonl"))))
    arts: list[Article] = []
    gold: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        date = dt.date.fromisoformat(d["date"][:10]) if d.get("date") else None
        for side, n in sorted(d.get("news", {}).items()):
            body = _body(n.get("newBody"))
            if len(body) < 80:
                continue
            aid = f"{d['id']}-{side}"
            arts.append(make_article(aid, n.get("newsTitle"), body, date, n.get("newsSource")))
            gold.append(str(d["id"]))
    return LabelledSet("allsides", tuple(arts), tuple(gold))


def extracted_set(name: str, docs: Sequence[RawDoc], gold_of: dict[str, str]) -> LabelledSet:
    """Articles as newsweave's own extraction makes them from raw text (titles, bodies and publication dates
    inferred, nothing given), with the gold label of each document's origin; rejected documents are left out
    (their count is logged)."""
    from newsweave.config import Settings
    from newsweave.pipeline import extract_articles

    articles, rejects = extract_articles(docs, Settings(embedder="lexical", analyze=False))
    if rejects:
        log.info("%s: %d documents rejected at extraction", name, len(rejects))
    uniq = list({a.id: a for a in articles}.values())
    return LabelledSet(name, tuple(uniq), tuple(gold_of[a.path] for a in uniq))


def load_duc_mixed(root: Path) -> LabelledSet:
    """All 500 DUC 2004 documents in one batch, no dates given; gold = the document's cluster (one event)."""
    docs: list[RawDoc] = []
    gold: dict[str, str] = {}
    for d in sorted((root / "duc2004" / "docs").iterdir()):
        for f in sorted(d.glob("*.txt")):
            origin = f"{d.name}/{f.name}"
            docs.append(RawDoc(id=origin, origin=origin, content=f.read_text(encoding="latin-1"),
                               content_type="text"))
            gold[origin] = d.name
    return extracted_set("duc2004", docs, gold)


def t17_topic(folder: str) -> str:
    """The storyline of a Timeline17 folder: its topic before the outlet (``bpoil_bbc`` -> ``bpoil``)."""
    return folder.split("_", 1)[0]


def load_t17_mixed(root: Path) -> LabelledSet:
    """Every Timeline17 article in one batch as plain text (dates withheld); gold = the topic (storyline)."""
    docs: list[RawDoc] = []
    gold: dict[str, str] = {}
    for topic in sorted(p for p in (root / "t17").iterdir() if (p / "articles.jsonl").is_file()):
        for line in (topic / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            origin = f"{topic.name}/{rec['id']}"
            docs.append(RawDoc(id=origin, origin=origin, content=rec["text"], content_type="text"))
            gold[origin] = t17_topic(topic.name)
    return extracted_set("t17", docs, gold)


def load_dataset(name: str, root: Path) -> LabelledSet:
    if name == "wikiref220":
        return load_wikiref220(root)
    if name == "allsides":
        return load_allsides(root)
    if name == "duc2004":
        return load_duc_mixed(root)
    if name == "t17":
        return load_t17_mixed(root)
    raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")


def labels_from_groups(ids: Sequence[str], groups: Sequence[Sequence[str]]) -> list[int]:
    where = {aid: k for k, g in enumerate(groups) for aid in g}
    nxt = len(groups)
    out = []
    for aid in ids:
        if aid not in where:
            where[aid] = nxt
            nxt += 1
        out.append(where[aid])
    return out


JITTER_DAYS = 3


def jittered(data: LabelledSet, days: int = JITTER_DAYS, seed: int = 3) -> LabelledSet:
    """Each dated article moved 0..``days`` days later (seeded): publication spread around one event.

    AllSides gives every article its story's date, so same-story articles share a date exactly; real coverage
    of one event spreads over a few days. Scoring on jittered dates shows what the date signal is worth when
    it is not exact.
    """
    rnd = random.Random(seed)
    arts = []
    for a in data.articles:
        d = a.published.date
        shift = rnd.randint(0, days)
        arts.append(
            a if d is None else replace(a, published=replace(a.published, date=d + dt.timedelta(days=shift)))
        )
    return LabelledSet(data.name, tuple(arts), data.gold)


def stream_order(articles: Sequence[Article], seed: int = 7) -> list[int]:
    """Arrival order for the streaming run: by date (undated last), ties in a seeded shuffle."""
    idx = list(range(len(articles)))
    random.Random(seed).shuffle(idx)
    return sorted(idx, key=lambda i: articles[i].published.date or dt.date.max)


def offline_labels(
    data: LabelledSet, vectors: np.ndarray, params: ClusterParams, level: str = "story"
) -> list[int]:
    """Offline labels per article: its story, or (``level="storyline"``) its storyline."""
    stories = group_vectors(data.articles, vectors, params)
    groups: dict[str, list[str]] = {}
    for st in stories:
        key = st.id if level == "story" else str(st.storyline_id)
        groups.setdefault(key, []).extend(st.article_ids)
    return labels_from_groups([a.id for a in data.articles], list(groups.values()))


STREAM_BATCH = 32
"""Articles per streaming batch: ``ingest``'s default batch of files."""


def streaming_labels(
    data: LabelledSet, vectors: np.ndarray, params: ClusterParams, level: str = "story"
) -> list[int]:
    """Streaming labels, the articles fed as one ``ingest`` run does: in batches of ``STREAM_BATCH``, stories
    merged after each batch at the cut for a store of the run's size, and the run's articles regrouped at its end
    (``OnlineClusterer.regroup``, up to ``stream_regroup_max_articles``)."""
    oc = OnlineClusterer(params)
    where: dict[str, str] = {}
    order = stream_order(data.articles)
    for b in range(0, len(order), STREAM_BATCH):
        batch = order[b : b + STREAM_BATCH]
        touched = [a.story_id for a in oc.add_many([data.articles[i] for i in batch], vectors[batch])]
        for i, sid in zip(batch, touched, strict=True):
            where[data.articles[i].id] = sid
        oc.merge_stories(touched, len(order))
    oc.regroup([data.articles[i] for i in order], vectors[order], where, len(order))  # the run's end, as ingest's
    line = {st.id: st.storyline_id for st in oc.states()}
    sids: dict[str, int] = {}
    return [
        sids.setdefault(
            oc.current(where[a.id]) if level == "story" else line[oc.current(where[a.id])], len(sids)
        )
        for a in data.articles
    ]


def tfidf_matrix(articles: Sequence[Article]) -> np.ndarray:
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    m = vec.fit_transform([f"{a.title or ''}\n{a.text}" for a in articles])
    return np.asarray((m @ m.T).todense())


def hdbscan_labels(vectors: np.ndarray, min_cluster_size: int = 5, min_samples: int | None = 1) -> list[int]:
    """HDBSCAN cluster labels, noise points as singletons; ``min_samples=None`` is scikit-learn's default
    (= ``min_cluster_size``)."""
    raw = HDBSCAN(min_cluster_size=min_cluster_size, min_samples=min_samples, copy=True).fit_predict(vectors)
    nxt = int(raw.max()) + 1 if len(raw) else 0
    out = []
    for r in raw:  # noise points are singletons
        if r < 0:
            out.append(nxt)
            nxt += 1
        else:
            out.append(int(r))
    return out


def score(
    system: str, pred: Sequence[int], gold: Sequence[str], note: str = "", setting: float | None = None
) -> Row:
    b = bcubed(pred, gold)
    return Row(system, b.precision, b.recall, b.f1, ari(pred, gold), len(set(pred)), note, setting)


def _grid(
    system: str, gold: Sequence[str], grid: Sequence[float], run: Callable[[float], list[int]], fmt: str
) -> tuple[Row, ...]:
    return tuple(score(system, run(x), gold, fmt.format(x), x) for x in grid)


def best(rows: Sequence[Row]) -> Row:
    """The grid row with the highest B-cubed F1 (first on ties)."""
    return max(rows, key=lambda r: r.f1)


TFIDF_GRID = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
HDBSCAN_GRID = (2, 3, 5, 8)


SETTING_NAMES = {"tfidf": "threshold", "hdbscan": "min_cluster_size"}
"""What each baseline grid varies (keys of ``Evaluation.grids``)."""


def transferred(grid: Sequence[Row], chosen_on: str, setting: float, name: str) -> Row:
    """The row of ``grid`` for a setting chosen on another dataset (the protocol newsweave's settings follow)."""
    row = next(r for r in grid if r.setting == setting)
    shown = int(setting) if name == "min_cluster_size" else setting
    return replace(
        row, system=f"{row.system}, setting from {chosen_on}", note=f"{name} {shown}, best of grid on {chosen_on}"
    )


def with_transferred(evals: dict[str, Evaluation]) -> dict[str, list[Row]]:
    """Each dataset's rows plus, for every other dataset, each baseline at the grid value best there."""
    out = {}
    for name, ev in evals.items():
        rows = list(ev.rows)
        for other, oev in evals.items():
            if other == name:
                continue
            for k, grid in ev.grids.items():
                chosen = best(oev.grids[k]).setting
                if chosen is not None:
                    rows.append(transferred(grid, other, chosen, SETTING_NAMES[k]))
        out[name] = rows
    return out


EVENT_SETS = ("allsides", "duc2004")
"""Sets whose gold clusters are events: also scored as a user's small collections (see ``event_groups``)."""
MIX_SIZE = 4


def event_groups(gold: Sequence[str], size: int, seed: int = 11) -> list[list[int]]:
    """Article positions in batches of ``size`` gold events each (events shuffled with ``seed``): one event's
    folder digested alone (size 1), or a small mixed collection, as a user's run gets them."""
    events = list(dict.fromkeys(gold))
    random.Random(seed).shuffle(events)
    chunk = {e: k // size for k, e in enumerate(events)}
    out: dict[int, list[int]] = {}
    for i, g in enumerate(gold):
        out.setdefault(chunk[g], []).append(i)
    return [out[k] for k in sorted(out)]


Labeler = Callable[[LabelledSet, np.ndarray, ClusterParams], list[int]]


def batched_labels(
    data: LabelledSet, vectors: np.ndarray, params: ClusterParams, groups: Sequence[Sequence[int]],
    labeler: Labeler = offline_labels,
) -> list[int]:
    """Story labels with each group of articles clustered on its own (labels never shared): offline, each group
    one batch, or (``labeler=streaming_labels``) each group ingested into a fresh store."""
    labels = [0] * len(data.articles)
    nxt = 0
    for idx in groups:
        sub = LabelledSet(data.name, tuple(data.articles[i] for i in idx), tuple(data.gold[i] for i in idx))
        sub_labels = labeler(sub, vectors[list(idx)], params)
        for i, lab in zip(idx, sub_labels, strict=True):
            labels[i] = nxt + lab
        nxt += max(sub_labels) + 1
    return labels


def evaluate(data: LabelledSet, embedder: Embedder, params: ClusterParams | None = None) -> Evaluation:
    """All systems on one dataset; rows in a fixed order, and the baselines' full grids."""
    p = params or ClusterParams()
    arts = data.articles
    sem = semantic_vectors(arts, embedder, p.n_sentences, p.title_weight)
    vectors = combine(sem, lexical_vectors(arts), p.lexical_weight)
    note = (
        f"stories: threshold {p.threshold}, lexical weight {p.lexical_weight}, title weight {p.title_weight}, "
        f"local scaling k={p.local_k} x{p.local_scaling}"
    )
    snote = (
        f"stories: threshold {p.assign_threshold} (average similarity to members), lexical weight "
        f"{p.lexical_weight}, title weight {p.title_weight}, no local scaling"
    )
    lnote = f"storylines: threshold {p.storyline_threshold} (average member similarity)"
    slnote = f"storylines: threshold {p.stream_storyline_threshold} (cosine to the storyline centroid)"
    rows = [
        score("newsweave offline, stories", offline_labels(data, vectors, p), data.gold, note),
        score("newsweave streaming, stories", streaming_labels(data, vectors, p), data.gold, snote),
        score(
            "newsweave offline, storylines", offline_labels(data, vectors, p, "storyline"), data.gold, lnote
        ),
        score(
            "newsweave streaming, storylines",
            streaming_labels(data, vectors, p, "storyline"),
            data.gold,
            slnote,
        ),
        score(
            "newsweave streaming, stories, no end-of-run regrouping (before)",
            streaming_labels(data, vectors, replace(p, stream_regroup_max_articles=0)),
            data.gold,
            snote + "; only the merges after each batch",
        ),
        score(
            "newsweave streaming, stories, fixed merge cut (before)",
            streaming_labels(data, vectors, replace(p, stream_small_store=False, stream_regroup_max_articles=0)),
            data.gold,
            snote + f"; merge cut {p.merge_threshold} whatever the store size, no end-of-run regrouping",
        ),
    ]
    if any(a.published.date for a in arts):
        undated = LabelledSet(
            data.name, tuple(replace(a, published=PublishedDate()) for a in arts), data.gold
        )
        shaken = jittered(data)
        rows[1:1] = [
            score(
                f"newsweave offline, stories, dates jittered 0-{JITTER_DAYS} days",
                offline_labels(shaken, vectors, p),
                data.gold,
                note,
            ),
            score(
                "newsweave offline, stories, dates ignored",
                offline_labels(undated, vectors, p),
                data.gold,
                note,
            ),
        ]
        rows.insert(
            4,
            score(
                f"newsweave streaming, stories, dates jittered 0-{JITTER_DAYS} days",
                streaming_labels(shaken, vectors, p),
                data.gold,
                snote,
            ),
        )
    if data.name in EVENT_SETS:
        fixed = replace(p, small_batch_slope=0.0)
        for size in (1, MIX_SIZE):
            groups = event_groups(data.gold, size)
            what = "each event alone" if size == 1 else f"mixes of {size} events"
            n = f"; {len(groups)} batches of ~{len(arts) // len(groups)} articles, scored pooled"
            rows.append(score(f"newsweave offline, {what}", batched_labels(data, vectors, p, groups), data.gold,
                              f"cut {p.threshold} lowered for small batches (slope {p.small_batch_slope})" + n))
            rows.append(score(f"newsweave offline, {what}, fixed cut (before)",
                              batched_labels(data, vectors, fixed, groups), data.gold,
                              f"cut {p.threshold} whatever the batch size" + n))
            rows.append(score(f"newsweave streaming, {what}", batched_labels(data, vectors, p, groups,
                                                                            streaming_labels), data.gold,
                              f"each batch ingested into a fresh store; merge cut {p.merge_threshold} lowered in a "
                              f"small store, the run regrouped at its end" + n))
            rows.append(score(f"newsweave streaming, {what}, fixed merge cut (before)",
                              batched_labels(data, vectors, replace(p, stream_small_store=False,
                                                                    stream_regroup_max_articles=0), groups,
                                             streaming_labels), data.gold,
                              f"each batch ingested into a fresh store; merge cut {p.merge_threshold} always, "
                              "no end-of-run regrouping" + n))
    tfidf = tfidf_matrix(arts)
    grids = {
        "tfidf": _grid(
            "TF-IDF + agglomerative (avg)",
            data.gold,
            TFIDF_GRID,
            lambda t: list(cluster_labels(tfidf, t, "average")),
            "best-of-grid threshold {} (oracle)",
        ),
        "hdbscan": _grid(
            f"HDBSCAN on {embedder.name} embeddings",
            data.gold,
            HDBSCAN_GRID,
            lambda m: hdbscan_labels(sem, int(m)),
            "best-of-grid min_cluster_size {:.0f} (oracle)",
        ),
    }
    rows += [best(g) for g in grids.values()]
    rows.append(
        score(
            f"HDBSCAN on {embedder.name} embeddings, library defaults",
            hdbscan_labels(sem, 5, None),
            data.gold,
            "scikit-learn defaults: min_cluster_size 5, min_samples 5",
        )
    )
    return Evaluation(tuple(rows), grids)


def format_table(name: str, rows: Sequence[Row]) -> str:
    lines = [
        f"### {name}",
        "",
        "| system | B3 P | B3 R | B3 F1 | ARI | clusters | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    lines += [
        f"| {r.system} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} | {r.ari:.3f} | {r.clusters} "
        f"| {r.note} |"
        for r in rows
    ]
    return "\n".join(lines)


def gold_clusters(data: LabelledSet) -> int:
    return len(set(data.gold))


GRANULARITY = {
    "wikiref220": "topics (many events per label, no dates): compare the storyline rows",
    "allsides": "events (one AllSides story = one gold cluster, dated): compare the story rows",
    "duc2004": "events (one DUC 2004 document set = one gold cluster; all 500 documents in one run, read as raw "
               "text through newsweave's extraction, publication dates inferred, none given): compare the story rows",
    "t17": "storylines (one Timeline17 topic = one gold cluster, its outlets' folders merged; months of coverage; "
           "read as raw text, dates withheld): compare the storyline rows",
}
CAVEATS = {
    "allsides": (
        "Caveat: the crawl has no per-article date, so every article carries its AllSides story's date; the three "
        "articles\nof a gold cluster therefore share a date exactly, which flatters the date-aware rows (see "
        '"dates ignored"). The\nstreaming rows feed articles in date order.'
    ),
}


def upsert_subsection(path: Path, section: str, sub: str, text: str, preamble: str) -> None:
    """Replace ``### sub`` inside ``## section`` of ``path`` (creating either as needed)."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    sec_re = re.compile(rf"^## {re.escape(section)}\n.*?(?=^## |\Z)", re.S | re.M)
    m = sec_re.search(old)
    body = m.group(0) if m else f"## {section}\n\n{preamble}\n"
    sub_re = re.compile(rf"^### {re.escape(sub)}\n.*?(?=^### |^## |\Z)", re.S | re.M)
    body = (
        sub_re.sub(lambda _: text.rstrip("\n") + "\n\n", body, count=1)
        if sub_re.search(body)
        else body.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n\n"
    )
    new = old[: m.start()] + body + old[m.end() :] if m else old.rstrip("\n") + "\n\n" + body
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def run_cluster_eval(
    datasets: Sequence[str], root: Path, embedder: Embedder, params: ClusterParams | None = None
) -> dict[str, str]:
    """Tables (markdown) per dataset, with gold-cluster counts and the granularity note."""
    out = {}
    done: dict[str, tuple[LabelledSet, Evaluation]] = {}
    for name in datasets:
        data = load_dataset(name, root)
        log.info("%s: %d articles, %d gold clusters", name, len(data.articles), gold_clusters(data))
        done[name] = (data, evaluate(data, embedder, params))
    rows_by_set = with_transferred({name: ev for name, (_, ev) in done.items()})
    for name, (data, _) in done.items():
        table = format_table(name, rows_by_set[name])
        out[name] = (
            f"{table}\n\n{len(data.articles)} articles, {gold_clusters(data)} gold clusters; "
            f"gold labels are {GRANULARITY[name]}."
        )
        if name in CAVEATS:
            out[name] += "\n" + CAVEATS[name]
    return out


def eval_cluster(
    dataset: str,
    data: Path | None,
    embedder: str,
    results: Path,
    write: bool = True,
    command: str = "newsweave eval cluster",
) -> None:
    """``newsweave eval cluster --dataset wikiref220|allsides|all``: B-cubed P/R/F1 and ARI, with baselines."""
    import os
    import platform

    import typer

    from newsweave.embed import get_embedder

    names = DATASETS if dataset == "all" else (dataset,)
    for n in names:
        if n not in DATASETS:
            raise typer.BadParameter(f"unknown dataset {n!r}; choose from {', '.join(DATASETS)} or all")
    root = data or Path(os.environ.get("NEWSWEAVE_EVAL_DATA", "../shared/data"))
    tables = run_cluster_eval(names, root, get_embedder(embedder))
    header = (
        f"Command: `{command}`  \nDate: {dt.date.today().isoformat()}  \n"
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"embedder {embedder}"
    )
    preamble = (
        "B-cubed precision/recall/F1 and ARI. newsweave runs with one fixed ClusterParams on both sets. Each "
        "baseline is shown twice: with the best of a small grid chosen on the evaluated set itself (oracle), and "
        "(when both sets run) with the grid value that was best on the other set, the protocol newsweave's own "
        "fixed settings follow."
    )
    for n in names:
        typer.echo(tables[n] + "\n")
        if write:
            table = tables[n].split("\n", 2)[2]  # drop the table's own "### name" heading
            upsert_subsection(results, "cluster", n, f"### {n}\n\n{header}\n\n{table}", preamble)

"""CI quality floors: fast subsets of DUC 2004, the Zyte benchmark, AllSides and DUC 2004 (story clustering), WikiRef220
(storylines) and publication dates (Timeline17, DUC 2004) must not fall below (or, for wrong dates, rise above)
benchmarks/floors.json.

Floors only ever go up. Runs in a few minutes on 2 cores (the date ceilings extract about 760 articles).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.cluster import LabelledSet, load_dataset, offline_labels, streaming_labels
from evals.cluster_metrics import bcubed
from evals.duc import load_clusters
from evals.rouge import average, rouge
from evals.splitter import split_sentences
from evals.summarize_eval import BUDGET, newsweave_summary
from evals.web_eval import eval_extraction, newsweave_text
from newsweave.cluster.features import params_vectors
from newsweave.config import ClusterParams
from newsweave.embed import MiniLMEmbedder
from tests.conftest import DATA as SHARED_DATA

REPO = Path(__file__).resolve().parents[2]
DATA = SHARED_DATA  # ../shared/data, or $NEWSWEAVE_SHARED/data
FLOORS = json.loads((REPO / "benchmarks" / "floors.json").read_text(encoding="utf-8"))

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"evaluation data not found at {DATA}")


@needs_data
def test_duc2004_rouge_floor() -> None:
    floor = FLOORS["duc2004_first10"]
    clusters = load_clusters(DATA / "duc2004", limit=10)
    scores = average(
        [
            rouge(
                newsweave_summary([split_sentences(d) for d in c.docs], BUDGET),
                c.references,
                length_limit=BUDGET,
                with_l=False,
            )
            for c in clusters
        ]
    )
    assert scores.r1.recall >= floor["rouge1_recall"], f"ROUGE-1 R {scores.r1.recall:.4f} below floor"
    assert scores.r2.recall >= floor["rouge2_recall"], f"ROUGE-2 R {scores.r2.recall:.4f} below floor"


@needs_data
def test_zyte_extraction_floor() -> None:
    floor = FLOORS["zyte_first40"]
    (res,) = eval_extraction(DATA / "article-extraction-benchmark", {"newsweave": newsweave_text}, limit=40)
    assert res.pages == 40
    assert res.prf.f1 >= floor["newsweave_f1"], f"Zyte body F1 {res.prf.f1:.4f} below floor"


def _first_stories(data: LabelledSet, n: int) -> LabelledSet:
    keep: list[str] = []
    for g in data.gold:
        if g not in keep and len(keep) < n:
            keep.append(g)
    idx = [i for i, g in enumerate(data.gold) if g in set(keep)]
    return LabelledSet(data.name, tuple(data.articles[i] for i in idx), tuple(data.gold[i] for i in idx))


@needs_data
def test_story_clustering_floor_on_allsides() -> None:
    floor = FLOORS["allsides_first150_stories"]
    data = _first_stories(load_dataset("allsides", DATA), 150)
    p = ClusterParams()
    vectors = params_vectors(data.articles, MiniLMEmbedder(), p)
    offline = bcubed(offline_labels(data, vectors, p), data.gold).f1
    streaming = bcubed(streaming_labels(data, vectors, p), data.gold).f1
    assert offline >= floor["offline_bcubed_f1"], f"AllSides offline B-cubed F1 {offline:.4f} below floor"
    assert streaming >= floor["streaming_bcubed_f1"], f"AllSides streaming B-cubed F1 {streaming:.4f} below floor"


@needs_data
def test_story_clustering_floor_on_mixed_duc2004() -> None:
    """The first 25 DUC 2004 events (250 wire stories, no titles, no dates given) mixed in one run."""
    floor = FLOORS["duc2004_first25_mixed_stories"]
    data = _first_stories(load_dataset("duc2004", DATA), 25)
    p = ClusterParams()
    vectors = params_vectors(data.articles, MiniLMEmbedder(), p)
    offline = bcubed(offline_labels(data, vectors, p), data.gold).f1
    streaming = bcubed(streaming_labels(data, vectors, p), data.gold).f1
    assert offline >= floor["offline_bcubed_f1"], f"DUC 2004 offline B-cubed F1 {offline:.4f} below floor"
    assert streaming >= floor["streaming_bcubed_f1"], f"DUC 2004 streaming B-cubed F1 {streaming:.4f} below floor"


@needs_data
def test_storyline_floor_on_wikiref220() -> None:
    floor = FLOORS["wikiref220"]
    data = load_dataset("wikiref220", DATA)
    p = ClusterParams()
    vectors = params_vectors(data.articles, MiniLMEmbedder(), p)
    f1 = bcubed(offline_labels(data, vectors, p, "storyline"), data.gold).f1
    assert f1 >= floor["offline_storylines_bcubed_f1"], f"WikiRef220 storyline B-cubed F1 {f1:.4f} below floor"


@needs_data
def test_publication_date_ceilings() -> None:
    """Dates of text with no metadata: few confidently wrong on two Timeline17 topics, and no DUC 2004 date
    outside its true week presented as trusted (the undated wire copy must stay undated rather than wrong)."""
    from evals.pubdates import load_duc, load_t17, newsweave_dates, score

    ceiling = FLOORS["pubdates"]
    t17 = [it for it in load_t17(DATA / "t17") if it.batch in ("H1N1_bbc", "MJ_bbc")]
    row = score("t17", "newsweave", t17, newsweave_dates(t17))
    assert row.share(row.confidently_wrong) <= ceiling["t17_two_topics_confidently_wrong"]
    assert row.share(row.within7) >= ceiling["t17_two_topics_within7"]
    duc = load_duc(DATA / "duc2004")
    drow = score("duc2004", "newsweave", duc, newsweave_dates(duc))
    assert drow.trusted_wrong <= ceiling["duc2004_trusted_wrong"]


@needs_data
def test_timeline_summarization_floor_on_t17() -> None:
    from evals.tls import load_topic, mean, newsweave_tls, score

    floor = FLOORS["tls_t17_h1n1_guardian_bbc"]
    topics = [load_topic(DATA / "t17" / name) for name in ("H1N1_guardian", "H1N1_bbc")]
    m = mean([score(newsweave_tls(t, *t.size), t.reference) for t in topics])
    assert m.ar1 >= floor["ar1_f1"], f"T17 AR-1 F1 {m.ar1:.4f} below floor"
    assert m.ar2 >= floor["ar2_f1"], f"T17 AR-2 F1 {m.ar2:.4f} below floor"
    assert m.date_f1 >= floor["date_f1"], f"T17 date F1 {m.date_f1:.4f} below floor"

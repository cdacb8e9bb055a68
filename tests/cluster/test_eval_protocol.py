"""The cluster eval's protocol pieces: jittered dates, baseline grids, settings transferred between sets."""

from __future__ import annotations

import datetime as dt

from evals.cluster import (
    HDBSCAN_GRID,
    TFIDF_GRID,
    Evaluation,
    LabelledSet,
    Row,
    evaluate,
    jittered,
    make_article,
    with_transferred,
)
from newsweave.embed import LexicalEmbedder

TOPICS = [
    ("volcano", "The volcano erupted near the island village and ash covered the harbour and the fishing boats."),
    ("strike", "Rail workers began a national strike over pay, stranding commuters at every station in the city."),
    ("election", "The mayor won the election by a narrow margin after a recount of the postal ballots downtown."),
]


def _set(name: str) -> LabelledSet:
    arts, gold = [], []
    for k, (label, text) in enumerate(TOPICS):
        for j in range(3):
            day = dt.date(2021, 1, 1) + dt.timedelta(days=20 * k)
            body = f"{text} Reporter {j} added a detail number {j}."
            arts.append(make_article(f"{name}-{label}-{j}", f"{label} news {j}", body, day, f"Outlet {j}"))
            gold.append(label)
    return LabelledSet(name, tuple(arts), tuple(gold))


def test_jitter_moves_dates_forward_within_the_bound_and_is_seeded() -> None:
    data = _set("x")
    a, b = jittered(data, 3, seed=1), jittered(data, 3, seed=1)
    assert a == b
    shifts = [
        (j.published.date - o.published.date).days  # type: ignore[operator]
        for j, o in zip(a.articles, data.articles, strict=True)
    ]
    assert all(0 <= s <= 3 for s in shifts) and len(set(shifts)) > 1
    assert a.gold == data.gold


def test_evaluate_reports_jitter_rows_and_full_baseline_grids() -> None:
    ev = evaluate(_set("x"), LexicalEmbedder())
    names = [r.system for r in ev.rows]
    assert "newsweave offline, stories, dates jittered 0-3 days" in names
    assert "newsweave streaming, stories, dates jittered 0-3 days" in names
    assert "HDBSCAN on lexical embeddings, library defaults" in names
    assert [r.setting for r in ev.grids["tfidf"]] == list(TFIDF_GRID)
    assert [r.setting for r in ev.grids["hdbscan"]] == list(HDBSCAN_GRID)
    # the oracle rows are the best of their grids
    for key, grid in ev.grids.items():
        oracle = next(r for r in ev.rows if r.system == grid[0].system)
        assert oracle.f1 == max(r.f1 for r in grid), key


def _row(system: str, f1: float, setting: float) -> Row:
    return Row(system, f1, f1, f1, 0.0, 1, "", setting)


def test_transferred_rows_use_the_setting_best_on_the_other_set() -> None:
    a = Evaluation(
        (),
        {
            "tfidf": (_row("TF-IDF", 0.9, 0.05), _row("TF-IDF", 0.5, 0.2)),
            "hdbscan": (_row("HDBSCAN", 0.4, 2), _row("HDBSCAN", 0.8, 3)),
        },
    )
    b = Evaluation(
        (),
        {
            "tfidf": (_row("TF-IDF", 0.3, 0.05), _row("TF-IDF", 0.7, 0.2)),
            "hdbscan": (_row("HDBSCAN", 0.6, 2), _row("HDBSCAN", 0.1, 3)),
        },
    )
    out = with_transferred({"a": a, "b": b})
    on_a = {r.system: r for r in out["a"]}
    assert on_a["TF-IDF, setting from b"].setting == 0.2 and on_a["TF-IDF, setting from b"].f1 == 0.5
    assert on_a["HDBSCAN, setting from b"].setting == 2 and on_a["HDBSCAN, setting from b"].f1 == 0.4
    on_b = {r.system: r for r in out["b"]}
    assert on_b["TF-IDF, setting from a"].f1 == 0.3 and on_b["HDBSCAN, setting from a"].f1 == 0.1
    assert "min_cluster_size 2" in on_a["HDBSCAN, setting from b"].note
    assert with_transferred({"a": a}) == {"a": []}

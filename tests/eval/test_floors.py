"""CI quality floors: a fast subset of DUC 2004 and the Zyte benchmark must not drop below benchmarks/floors.json.

Floors only ever go up. Runs in well under a minute on 2 cores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.eval.duc import load_clusters
from newsweave.eval.rouge import average, rouge
from newsweave.eval.splitter import split_sentences
from newsweave.eval.summarize_eval import BUDGET, newsweave_summary
from newsweave.eval.web_eval import eval_extraction, newsweave_text

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / ".." / "shared" / "data"
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

"""Where the end of an ingest run should regroup its stories: streaming B-cubed F1 of mixed collections of several
sizes, each mix ingested into a fresh store, with the run's end regrouping from several store sizes up
(``ClusterParams.stream_regroup_min_articles``) and not at all. Side run for choosing that default; prints a
Markdown table (paste it into RESULTS.md's cluster section with the command).

    PYTHONPATH=. python benchmarks/regroup_min.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)

from evals.cluster import (  # noqa: E402
    batched_labels,
    event_groups,
    load_dataset,
    score,
    streaming_labels,
)
from newsweave.cluster.features import combine, lexical_vectors, semantic_vectors  # noqa: E402
from newsweave.config import ClusterParams  # noqa: E402
from newsweave.embed import get_embedder  # noqa: E402

MIXES = {"duc2004": (4, 10, 25, 50), "allsides": (4, 25, 100, 200)}
MINIMA = (100, 200, 300, 500)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = ap.parse_args()
    embedder = get_embedder("minilm")
    head = " | ".join(f"from {m}" for m in MINIMA)
    print(f"| set | events a mix | articles a mix | never | {head} |")
    print("|---|---:|---:|---:|" + "---:|" * len(MINIMA))
    for name, sizes in MIXES.items():
        data = load_dataset(name, args.data)
        p = ClusterParams()
        vectors = combine(semantic_vectors(data.articles, embedder, p.n_sentences, p.title_weight),
                          lexical_vectors(data.articles), p.lexical_weight)
        for size in sizes:
            groups = event_groups(data.gold, size)
            cells = []
            for minimum in (None, *MINIMA):
                q = replace(p, stream_regroup_max_articles=0) if minimum is None else replace(
                    p, stream_regroup_min_articles=minimum)
                row = score(name, batched_labels(data, vectors, q, groups, streaming_labels), data.gold, "")
                cells.append(f"{row.f1:.3f}")
            print(f"| {name} | {size} | ~{len(data.articles) // len(groups)} | " + " | ".join(cells) + " |",
                  flush=True)


if __name__ == "__main__":
    main()

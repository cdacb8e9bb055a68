"""How many texts a digest sends to the embedding model, without and with the per-run cache (``embed.cache``).

Digests the seeds and the first 50 DUC 2004 documents (5 topics) in this process with MiniLM, once with
``Settings(embed_cache=0)`` (every stage embeds its own texts, as before the cache) and once with the default
cache; a counting wrapper between the pipeline and the model records every ``encode`` call. Both digests must
render the same JSON (checked). Counts are deterministic; the seconds are this run's, on a shared machine.

    python benchmarks/embed_counts.py --write
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from bench_data import DATA, REPO, SHARED, duc_paths, load_note

from newsweave.config import Settings
from newsweave.embed import Embedder, get_embedder
from newsweave.ingest import read_sources
from newsweave.pipeline import digest
from newsweave.render import render

sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)
from evals.report import upsert_section  # noqa: E402

HEADING = "embedding cache (texts embedded per digest)"


class CountingEmbedder:
    """``inner``, counting the ``encode`` calls that reach it, the texts and the seconds spent in them."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls = 0
        self.texts = 0
        self.distinct: set[str] = set()
        self.seconds = 0.0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        self.distinct.update(texts)
        t0 = time.perf_counter()
        out = self.inner.encode(texts)
        self.seconds += time.perf_counter() - t0
        return out


@dataclass(frozen=True)
class Count:
    calls: int
    texts: int
    distinct: int
    embed_s: float
    digest_s: float
    json: str


def count(paths: list[str], cache: int, model: Embedder) -> Count:
    settings = Settings(embed_cache=cache)
    src = read_sources(paths, settings)
    counting = CountingEmbedder(model)
    t0 = time.perf_counter()
    d = digest(src.docs, settings, embedder=counting, rejected=src.rejected)
    secs = time.perf_counter() - t0
    return Count(counting.calls, counting.texts, len(counting.distinct), counting.seconds, secs, render(d, "json"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="Replace the section of benchmarks/RESULTS.md.")
    args = ap.parse_args()
    model = get_embedder("minilm")
    model.encode(["warm-up"])  # load the model before anything is timed
    inputs = {"seeds (5 articles)": [str(SHARED / "seeds")],
              "DUC 2004, first 50 docs": [str(p) for p in duc_paths(DATA)[:50]]}
    rows = ["| input | cache | encode calls | texts embedded | distinct texts | embedding s | digest s |",
            "|---|---|---|---|---|---|---|"]
    for label, paths in inputs.items():
        before, after = count(paths, 0, model), count(paths, Settings().embed_cache, model)
        if before.json != after.json:
            raise SystemExit(f"{label}: the cached digest differs from the uncached one")
        for name, c in (("off (before)", before), ("on (after)", after)):
            rows.append(f"| {label} | {name} | {c.calls} | {c.texts} | {c.distinct} | {c.embed_s:.1f} | "
                        f"{c.digest_s:.1f} |")
    text = "\n".join([
        f"## {HEADING}", "",
        "Command: `python benchmarks/embed_counts.py --write`  ",
        f"Date: {time.strftime('%Y-%m-%d')}; {load_note()} at the end", "",
        *rows, "",
        "In one process, MiniLM (ONNX fp32) loaded first; a counting wrapper sits between the pipeline and the "
        "model. 'off' is `Settings(embed_cache=0)`: clustering embeds each article's title and 5 lead sentences, "
        "then each story report embeds all its sentences again (leads included). 'on' (the default) embeds each "
        "distinct text once per run. The two digests render the same JSON (checked by the script).", "",
    ])
    print(text)
    if args.write:
        upsert_section(Path(REPO / "benchmarks" / "RESULTS.md"), HEADING, text)


if __name__ == "__main__":
    main()

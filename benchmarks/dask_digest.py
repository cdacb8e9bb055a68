"""Digest wall time in-process vs on a local Dask cluster, on the same inputs, in one run.

Inputs: the first N DUC 2004 documents (10 per topic cluster), read in place from ../shared/data; nothing is
written into the repo. Each setting runs once after a warm-up digest of 10 documents (model loading excluded
in-process; the Dask rows include starting the cluster and loading the models in its workers).

    python benchmarks/dask_digest.py --n 200 --workers 2
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from newsweave.config import Settings
from newsweave.embed import get_embedder
from newsweave.ingest import read_sources
from newsweave.pipeline import digest
from newsweave.scale import DaskOptions, dask_client, digest_dask


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=16)
    ap.add_argument("--embedder", default="minilm", choices=["minilm", "lexical"])
    ap.add_argument("--data", default="../shared/data")
    args = ap.parse_args()
    files = sorted(str(p) for p in (Path(args.data) / "duc2004" / "docs").glob("*/*"))[: args.n]
    settings = Settings(embedder=args.embedder)
    ingested = read_sources(files, settings)
    emb = get_embedder(args.embedder)
    warm = read_sources(files[:10], settings)
    digest(warm.docs, settings, emb)

    t0 = time.perf_counter()
    local = digest(ingested.docs, settings, emb, rejected=ingested.rejected)
    t_local = time.perf_counter() - t0

    t0 = time.perf_counter()
    with dask_client(DaskOptions(workers=args.workers, chunk_size=args.chunk)) as client:
        t_up = time.perf_counter() - t0
        remote = digest_dask(
            client, ingested.docs, settings, get_embedder(args.embedder), ingested.rejected, chunk_size=args.chunk
        )
    t_dask = time.perf_counter() - t0

    same_stories = [s.story.article_ids for s in local.stories] == [s.story.article_ids for s in remote.stories]
    same_summaries = [[ln.text for ln in s.summary] for s in local.stories] == [
        [ln.text for ln in s.summary] for s in remote.stories
    ]
    n = len(ingested.docs)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print("| run | docs | stories | seconds | docs/s | note |")
    print("|---|---:|---:|---:|---:|---|")
    print(f"| in-process | {n} | {len(local.stories)} | {t_local:.1f} | {n / t_local:.1f} | models warm |")
    print(
        f"| Dask local, {args.workers} workers x 1 thread | {n} | {len(remote.stories)} | {t_dask:.1f} | "
        f"{n / t_dask:.1f} | incl. cluster start {t_up:.1f} s and model loading in workers; chunk {args.chunk} |"
    )
    print(f"\nsame stories: {same_stories}; same summary lines: {same_summaries}; {args.embedder}; {machine}")


if __name__ == "__main__":
    main()

"""Ingest throughput: N generated articles into a fresh SQLite store; articles/s and peak memory.

Articles are generated at run time into a temp dir from ../shared/data (DUC 2004 docs, AllSides bodies,
WikiRef220 docs), repeated with light variations (a numbered dateline, shuffled paragraphs, a changed date) so
most are not exact copies; nothing is written into the repo.

    python benchmarks/ingest_throughput.py --n 10000 --embedder lexical
"""

from __future__ import annotations

import argparse
import logging
import platform
import random
import resource
import tempfile
import time
from pathlib import Path

from bench_data import allsides_texts

from newsweave.config import Settings
from newsweave.embed import get_embedder
from newsweave.incremental import StoreIngestor
from newsweave.store import open_store

log = logging.getLogger("ingest_throughput")


def source_texts(root: Path) -> list[str]:
    out = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((root / "duc2004" / "docs").glob("*/*"))
    ]
    out += [
        p.read_bytes().decode("cp1252", errors="replace").replace("\r\n", "\n")
        for p in sorted((root / "wikiref220" / "docs").glob("*.txt"))
    ]
    out += [f"{t.title or ''}\n\n{t.body}" for t in allsides_texts(root)]
    out = [t for t in out if len(t) > 300]
    random.Random(11).shuffle(out)  # mix the three sources
    return out


def generate(texts: list[str], n: int, dest: Path, seed: int = 3) -> None:
    rnd = random.Random(seed)
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
    ]
    for i in range(n):
        t = texts[i % len(texts)]
        paras = [p for p in t.split("\n\n") if p.strip()]
        if i >= len(texts) and len(paras) > 3:  # a variation: keep the lead, shuffle the rest
            head, tail = paras[:2], paras[2:]
            rnd.shuffle(tail)
            paras = head + tail
        day = f"{months[rnd.randrange(10)]} {rnd.randint(1, 28)}, {rnd.choice([2019, 2020, 2021])}"
        (dest / f"a{i:05d}.txt").write_text(f"{day}\n\n" + "\n\n".join(paras) + f"\n\n(item {i})\n", "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--embedder", default="lexical", choices=["lexical", "minilm"])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        generate(source_texts(Path(args.data)), args.n, src)
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        with open_store(db) as store:
            ing = StoreIngestor(store, Settings(embedder=args.embedder), get_embedder(args.embedder))
            done = [0]

            def progress(k: int) -> None:  # one line per ~500 files, so a long run can be watched
                before, done[0] = done[0], done[0] + k
                if done[0] // 500 > before // 500 or done[0] == args.n:
                    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                    el = time.perf_counter() - t0
                    log.warning(
                        "%d files, %.0f s, %.1f files/s, peak RSS %.0f MB", done[0], el, done[0] / el, rss
                    )

            stats = ing.ingest_paths([src], batch_files=args.batch, progress=progress)
            counts = store.counts()
        secs = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        db_mb = db.stat().st_size / 1e6
    print(
        f"| {args.n} | {args.embedder} | {args.n / secs:.1f} | {stats.rejects} | {stats.articles_added} | {stats.duplicates} | {counts['stories']} | "
        f"{secs:.0f} | {stats.articles_added / secs:.1f} | {peak_mb:.0f} | {db_mb:.0f} | "
        f"{platform.machine()}, Python {platform.python_version()} |"
    )


if __name__ == "__main__":
    main()

"""The offline story cut alone on N generated articles: seconds and the memory it adds, for this checkout and
(``--against DIR``) another checkout's ``src`` side by side, alternating, each cut in a fresh child process.

The articles are ``growth``'s (``ingest_throughput.generate``), extracted and embedded once (MiniLM, the
clustering vectors of the defaults) and pickled to a temp file; each child loads them, notes its resident memory,
runs ``group_vectors`` and reports the peak it added (resident memory sampled every 5 ms) and a hash of the stories (id, members, headline,
storyline), so two checkouts can be checked for the same stories.

    git worktree add /tmp/before <commit>
    python benchmarks/cut_memory.py --n 10000 --against /tmp/before/src --rounds 2 --vectors /tmp/cut10k.pkl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_data import DATA, REPO
from ingest_throughput import generate, source_texts


def prepare(n: int, tmp: Path, out: Path) -> Path:
    """Extract and embed ``n`` generated articles into ``out``, the pickle of (articles, vectors)."""
    from newsweave.cluster.features import params_vectors
    from newsweave.config import Settings
    from newsweave.embed import get_embedder
    from newsweave.ingest import read_sources
    from newsweave.pipeline import extract_articles

    src = tmp / "src"
    src.mkdir()
    generate(source_texts(DATA), n, src)
    settings = Settings()
    docs = read_sources([str(p) for p in sorted(src.glob("*.txt"))], settings).docs
    articles, _ = extract_articles(docs, settings)
    uniq = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    vectors = params_vectors(uniq, get_embedder(settings.embedder), settings.cluster)
    out.write_bytes(pickle.dumps((uniq, vectors)))
    return out


def child(pickled: Path) -> None:
    """One cut; prints a JSON line."""
    from newsweave.cluster.offline import group_vectors
    from newsweave.config import Settings

    with pickled.open("rb") as f:
        articles, vectors = pickle.load(f)
    base = rss_mb()
    peak = [base]
    done = threading.Event()

    def sample() -> None:  # the peak of the cut itself (the process's own peak includes loading the pickle)
        while not done.wait(0.005):
            peak[0] = max(peak[0], rss_mb())

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    started = time.perf_counter()
    stories = group_vectors(articles, vectors, Settings().cluster)
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    key = repr([(s.id, s.article_ids, s.headline, s.storyline_id) for s in stories]).encode()
    print(json.dumps({"articles": len(articles), "stories": len(stories), "seconds": seconds,
                      "added_mb": peak[0] - base, "hash": hashlib.sha1(key).hexdigest()[:12]}))


def rss_mb() -> float:
    """This process's resident memory now, MB (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run(src: Path, pickled: Path) -> dict[str, float | str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--child", str(pickled)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--against", type=Path, help="another checkout's src directory (the 'before')")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--vectors", type=Path, help="keep the extracted articles and vectors in this pickle and "
                    "reuse it when it exists (extracting and embedding 10,000 articles takes minutes)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    trees = [("this checkout", REPO / "src")] + ([("--against", args.against)] if args.against else [])
    with tempfile.TemporaryDirectory(prefix="cut-memory-") as tmp:
        pickled = args.vectors or Path(tmp) / "vectors.pkl"
        if not pickled.exists():
            prepare(args.n, Path(tmp), pickled)
        print("| code | articles | stories | cut s | memory added MB | stories hash |")
        print("|---|---|---|---|---|---|")
        for _round in range(args.rounds):
            for name, src in trees:
                r = run(src, pickled)
                print(f"| {name} ({src}) | {r['articles']} | {r['stories']} | {float(r['seconds']):.1f} | "
                      f"{float(r['added_mb']):.0f} | {r['hash']} |", flush=True)


if __name__ == "__main__":
    main()

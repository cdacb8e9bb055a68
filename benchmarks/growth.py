"""How `newsweave digest` time and peak memory grow with the number of articles (100 / 500 / 2,000 / ...).

The articles are ``ingest_throughput``'s: DUC 2004, WikiRef220 and AllSides texts, mixed, repeated with light
variations beyond the ~2,200 distinct ones (a dateline, shuffled paragraphs), generated into a temp dir. Each size
is one fresh `newsweave digest DIR -q` process (defaults: MiniLM on ONNX, analysis on, in one process); its own
peak RSS comes from ``wait4``. Writes the '## growth (digest)' section of RESULTS.md with --write, and a plot
``benchmarks/growth.png`` when matplotlib is installed (it is not a dependency; without it the plot is skipped).

    python benchmarks/growth.py --sizes 100 500 2000 --write
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench_data import DATA, REPO, Run, load_note, newsweave_command, run_child
from ingest_throughput import generate, source_texts

sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)
from evals.report import machine_info, upsert_section  # noqa: E402

HEADING = "growth (digest)"
PLOT = REPO / "benchmarks" / "growth.png"


def digest_run(n: int, texts: list[str], tmp: Path) -> Run:
    src = tmp / f"n{n}"
    src.mkdir()
    generate(texts, n, src)
    return run_child([*newsweave_command(), "digest", str(src), "-q", "-o", os.devnull])


def plot(sizes: list[int], runs: list[Run]) -> bool:
    """``growth.png``: seconds and peak MB against articles; False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(sizes, [r.seconds for r in runs], "o-", label="seconds")
    ax.set_xlabel("articles")
    ax.set_ylabel("digest seconds")
    ax2 = ax.twinx()
    ax2.plot(sizes, [r.peak_mb for r in runs], "s--", color="tab:red", label="peak MB")
    ax2.set_ylabel("peak RSS MB")
    fig.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(PLOT, dpi=100)
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    texts = source_texts(DATA)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = ["| articles | digest s | s per article | peak MB | load (1 min) at the end |", "|---|---|---|---|---|"]
    runs: list[Run] = []
    done: list[int] = []
    with tempfile.TemporaryDirectory(prefix="growth-") as tmp:
        for n in args.sizes:
            r = digest_run(n, texts, Path(tmp))
            runs.append(r)
            done.append(n)
            rows.append(f"| {n} | {r.seconds:.1f} | {r.seconds / n:.3f} | {r.peak_mb:.0f} | "
                        f"{os.getloadavg()[0]:.1f} |")
            print(rows[-1], flush=True)
            # written after every size, so a long run that is stopped keeps what it measured
            write_section(done, runs, rows, started, plotted=False, write=args.write, final=False)
    write_section(done, runs, rows, started, plotted=plot(done, runs), write=args.write, final=True)


def write_section(sizes: list[int], runs: list[Run], rows: list[str], started: str, *, plotted: bool,
                  write: bool, final: bool) -> None:
    text = "\n".join([
        f"## {HEADING}", "",
        f"Command: `python benchmarks/growth.py --sizes {' '.join(map(str, sizes))} --write`  ",
        f"Date: {started}; machine: {machine_info()}; {load_note()} at the end", "",
        *rows, "",
        "One fresh `newsweave digest DIR -q` per size on generated articles (DUC 2004, WikiRef220, AllSides, "
        "repeated with variations past ~2,200; `ingest_throughput.generate`), sizes run one after another on a "
        "shared machine (seconds move with its load). "
        + ("Plot: `benchmarks/growth.png`." if plotted else
           "No plot: matplotlib is not installed in the environment (not a dependency)." if final else
           "(run in progress)"), "",
    ])
    if final:
        print(text)
    if write:
        upsert_section(REPO / "benchmarks" / "RESULTS.md", HEADING, text)

if __name__ == "__main__":
    main()

"""Wall time of `newsweave digest` on the five seed articles, in fresh processes (model loading included).

Usage: python benchmarks/digest_time.py [--runs 3] [--write]
Writes/replaces the '## digest time (seeds)' section of benchmarks/RESULTS.md with --write.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("NEWSWEAVE_SHARED", REPO.parent / "shared")) / "seeds"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
HEADING = "digest time (seeds)"
sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)
from evals.report import upsert_section  # noqa: E402


def run_once(extra: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsweave.cli", "digest", str(SEEDS), "-q", "-o", os.devnull, *extra],
                   check=True, capture_output=True)
    return time.perf_counter() - t0


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rows = []
    for label, extra in (("digest (default: MiniLM, analysis)", []),
                         ("digest --no-analysis", ["--no-analysis"]),
                         ("digest --embedder lexical --no-analysis", ["--embedder", "lexical", "--no-analysis"])):
        times = [run_once(extra) for _ in range(args.runs)]
        rows.append((label, min(times), statistics.median(times), max(times)))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    load = os.getloadavg()[0]
    table = ["| command | min s | median s | max s |", "|---|---|---|---|"]
    table += [f"| `{label}` | {a:.1f} | {b:.1f} | {c:.1f} |" for label, a, b, c in rows]
    text = "\n".join([
        f"## {HEADING}", "",
        f"Command: `python benchmarks/digest_time.py --runs {args.runs} --write`  ",
        f"Date: {time.strftime('%Y-%m-%d')}  ",
        f"Machine: {machine()}; load average at the end {load:.2f}", "",
        *table, "",
        f"Fresh process per run on the 5 seed articles, model loading included; peak RSS {peak_mb:.0f} MB.",
        "Target (issue 2): under 20 s for the default digest.", "",
    ])
    print(text)
    if args.write:
        upsert_section(RESULTS, HEADING, text)


if __name__ == "__main__":
    main()

"""Cold start of the `newsweave` command against a bare interpreter, measured in the same run.

Usage: python benchmarks/cold_start.py [--runs 15] [--write benchmarks/RESULTS.md]

Each run is a fresh process; commands are interleaved run by run so machine load hits them alike. The figure
that counts is the ratio of medians to `python -c pass` (the machine is shared and noisy; seconds are not).
With --write FILE, replaces the '## cold start (CLI)' section of FILE (evals.report.upsert_section).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)
from evals.report import upsert_section  # noqa: E402

HEADING = "cold start (CLI)"


def newsweave_command() -> list[str]:
    script = Path(sys.executable).with_name("newsweave")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsweave.cli"]


def timed(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--write", type=Path, default=None, help="Results file whose section is replaced.")
    ap.add_argument("--before", type=Path, default=None,
                    help="src/ of another checkout (e.g. the previous commit) to time its --version in the same run.")
    args = ap.parse_args()
    nw = newsweave_command()
    commands = {
        "python -c pass (reference)": [sys.executable, "-c", "pass"],
        "newsweave --version": [*nw, "--version"],
        "newsweave --help": [*nw, "--help"],
        "newsweave digest --help": [*nw, "digest", "--help"],
    }
    if args.before:
        code = (f"import sys; sys.path.insert(0, {str(args.before.resolve())!r}); sys.argv = ['newsweave', "
                "'--version']; from newsweave.cli import main; main()")
        commands["newsweave --version, before (--before)"] = [sys.executable, "-c", code]
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for label, argv in commands.items():
            times[label].append(timed(argv))
    ref = statistics.median(times["python -c pass (reference)"])
    rows = ["| command | median s | ratio to `python -c pass` |", "|---|---|---|"]
    rows += [f"| `{label}` | {statistics.median(t):.3f} | {statistics.median(t) / ref:.1f}x |"
             for label, t in times.items()]
    text = "\n".join([
        f"## {HEADING}", "",
        f"Command: `python benchmarks/cold_start.py --runs {args.runs} --write benchmarks/RESULTS.md"
        + (" --before OLD/src" if args.before else "") + "`  ",
        f"Date: {time.strftime('%Y-%m-%d')}; {os.cpu_count()} cores; load average at the end "
        f"{os.getloadavg()[0]:.2f}", "",
        *rows, "",
        "Fresh process per run, interleaved. The commands import no model and no heavy library "
        "(`tests/cli/test_first_run.py` asserts it). The 'before' row, when present, is the previous layout "
        "(every command module, the pipeline, spaCy, trafilatura and torch imported up front).", "",
    ])
    print(text)
    if args.write:
        upsert_section(args.write, HEADING, text)


if __name__ == "__main__":
    main()

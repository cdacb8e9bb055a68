"""The fuzz suite's full run: ``digest`` (JSON) and ``ingest --db`` (run twice) over a seeded corpus of hostile
inputs (``tests/reliability/fuzzcorpus.py``), each as its own ``newsweave`` process; prints a Markdown table of
inputs tried, crashes, tracebacks and silently lost inputs, overall and by hostile class.

    python benchmarks/fuzz_suite.py --n 2000 --seed 17 [--drop-dac] [--keep DIR]

A crash is a run that exits non-zero, or prints a traceback; a run over ``--timeout`` is exit code -1. Silently lost: an input (or a JSONL line) that no
record of the report names (``fuzzcorpus.account``). ``--drop-dac`` runs the commands without the capabilities that
let root read any file (``setpriv``, Linux), so the unreadable files really are unreadable when run as root. The corpus is written to a temp dir
(``--keep DIR`` writes it there and keeps it); nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pwd
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests/reliability/fuzzcorpus.py (not part of the installed package)
from tests.reliability.fuzzcorpus import Accounting, Corpus, account, write_corpus  # noqa: E402


@dataclass(frozen=True)
class Run:
    name: str
    returncode: int
    seconds: float
    tracebacks: int
    stderr_tail: str
    accounting: Accounting | None

    @property
    def crashed(self) -> bool:
        return self.returncode != 0 or self.tracebacks > 0


NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"]
"""A command prefix: root without the capabilities to read and search files whatever their mode."""


def _newsweave(args: Sequence[str], work: Path, drop_dac: bool, timeout: float) -> tuple[int, float, str]:
    env = {**os.environ, "HOME": str(work), "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    t0 = time.perf_counter()
    try:
        p = subprocess.run([*(NO_DAC if drop_dac else []), sys.executable, "-m", "newsweave.cli", *args],
                           cwd=work, env=env, capture_output=True, text=True, errors="replace", timeout=timeout,
                           check=False)
    except subprocess.TimeoutExpired:  # reported as exit code -1, not a crash of this script
        return -1, time.perf_counter() - t0, f"timed out after {timeout:.0f} s"
    return p.returncode, time.perf_counter() - t0, p.stderr


def _run(name: str, args: Sequence[str], work: Path, drop_dac: bool, timeout: float,
         report: Callable[[], list[str] | None], corpus: Corpus) -> Run:
    """One command, and the accounting of the paths ``report()`` reads from its output afterwards."""
    code, seconds, stderr = _newsweave(args, work, drop_dac, timeout)
    tail = "\n".join(line for line in stderr.splitlines() if not line.startswith("WARNING newsweave: rejected"))
    paths = report()
    accounting = account(corpus, paths) if paths is not None else None
    return Run(name, code, seconds, stderr.count("Traceback (most recent call last)"), tail[-600:], accounting)


def _digest_paths(out: Path) -> list[str] | None:
    try:
        d = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [a["path"] for a in d["articles"]] + [x["path"] for x in d["rejected"]]


def _store(db: Path) -> tuple[list[str] | None, str]:
    """Paths of the store's articles and rejects, and ``PRAGMA integrity_check``."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            paths = [p for (p,) in con.execute("SELECT path FROM articles")]
            paths += [p for (p,) in con.execute("SELECT path FROM rejects")]
            return paths, str(con.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error as e:
        return None, str(e)


def _row(r: Run, inputs: int) -> str:
    a = r.accounting
    lost = str(len(a.lost)) if a else "no report"
    unknown = str(len(a.unknown)) if a else "-"
    records = str(a.records) if a else "-"
    return (f"| {r.name} | {inputs} | {records} | {r.returncode} | {int(r.crashed)} | {r.tracebacks} | {lost} | "
            f"{unknown} | {r.seconds:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="inputs to generate")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--drop-dac", action="store_true", help="run the commands without root's file-read override")
    ap.add_argument("--keep", type=Path, default=None, help="write the corpus and outputs here and keep them")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per command")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="nw-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = write_corpus(work / "in", args.n, args.seed)
        jsonl_lines = sum(len(e.lines) for e in corpus.entries)
        out, db = work / "digest.json", work / "nw.db"
        common = ["--embedder", "lexical", "-q"]
        runs = [_run("digest -f json", ["digest", str(corpus.root), "-f", "json", "-o", str(out), *common],
                     work, args.drop_dac, args.timeout, lambda: _digest_paths(out), corpus)]
        checks: list[str] = []
        for name in ("ingest --db", "ingest --db (again)"):
            runs.append(_run(name, ["ingest", str(corpus.root), "--db", str(db), *common], work, args.drop_dac,
                             args.timeout, lambda: _store(db)[0], corpus))
            checks.append(f"{name}: PRAGMA integrity_check {_store(db)[1]}")
        try:
            rejected = json.loads(out.read_text(encoding="utf-8"))["rejected"]
            denied = sum("Permission denied" in x["reason"] for x in rejected)
            checks.insert(0, f"digest: {len(rejected)} rejected or skipped, {denied} of them 'Permission denied' "
                             f"({corpus.kinds().get('unreadable', 0)} unreadable inputs)")
        except (OSError, ValueError, KeyError):
            checks.insert(0, "digest: no JSON report")
        listing = _newsweave(["stories", "--db", str(db)], work, args.drop_dac, args.timeout)
        checks.append(f"stories --db: exit {listing[0]}, {listing[2].count('Traceback')} tracebacks")

        print(f"Corpus: {len(corpus.entries)} inputs ({jsonl_lines} JSONL lines in them), seed {args.seed}, "
              f"{sum(1 for _ in corpus.root.rglob('*'))} paths on disk; run as "
              f"{pwd.getpwuid(os.geteuid()).pw_name}{' without CAP_DAC_OVERRIDE' if args.drop_dac else ''}; Python {platform.python_version()}\n")
        print("| run | inputs tried | records in report | exit code | crashes | tracebacks | silently lost | "
              "unknown paths | seconds |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in runs:
            print(_row(r, len(corpus.entries)))
        print()
        print("| hostile class | inputs | lost (digest) | lost (ingest) |")
        print("|---|---:|---:|---:|")
        for kind, count in corpus.kinds().items():
            lost = [(r.accounting.by_kind.get(kind, 0) if r.accounting else "?") for r in runs[:2]]
            print(f"| {kind} | {count} | {lost[0]} | {lost[1]} |")
        print()
        for c in checks:
            print(f"- {c}")
        for r in runs:
            if r.crashed or (r.accounting and (r.accounting.lost or r.accounting.unknown)):
                a = r.accounting
                print(f"\n{r.name}: exit {r.returncode}\n{r.stderr_tail}")
                if a:
                    print("lost:", list(a.lost[:20]), "\nunknown:", list(a.unknown[:20]))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

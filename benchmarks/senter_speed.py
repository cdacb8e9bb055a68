"""Sentence splitting with and without spaCy's tok2vec component, in one run: the same sentences, the time each.

The small English model's senter embeds tokens itself, so the tok2vec left in the sentence pipeline did work
nobody used. Both pipelines split the paragraphs of ``--docs`` DUC 2004 documents, ``--rounds`` times,
alternately; the script checks that they find the same sentence boundaries.

    python benchmarks/senter_speed.py --docs 200 --rounds 3 --write
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from bench_data import DATA, REPO, duc_texts, load_note

from newsweave.extract.sentences import SENTER_EXCLUDE, paragraphs
from newsweave.nlp import load_english

sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)
from evals.report import upsert_section  # noqa: E402

HEADING = "sentence splitting (spaCy components)"


def senter(exclude: tuple[str, ...]) -> Any:
    nlp = load_english(exclude, "benchmark")
    if "senter" not in nlp.pipe_names:
        nlp.enable_pipe("senter")
    return nlp


def split(nlp: Any, paras: list[str]) -> tuple[float, list[tuple[int, int]]]:
    t0 = time.perf_counter()
    spans = [(s.start_char, s.end_char) for doc in nlp.pipe(paras) for s in doc.sents]
    return time.perf_counter() - t0, spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    paras = [t.body[s:e] for t in duc_texts(DATA)[: args.docs] for s, e in paragraphs(t.body)]
    old_exclude = tuple(c for c in SENTER_EXCLUDE if c != "tok2vec")
    pipelines = {"with tok2vec (before)": senter(old_exclude), "senter only (now)": senter(SENTER_EXCLUDE)}
    times: dict[str, list[float]] = {k: [] for k in pipelines}
    found: dict[str, list[tuple[int, int]]] = {}
    for _ in range(args.rounds):
        for label, nlp in pipelines.items():
            secs, found[label] = split(nlp, paras)
            times[label].append(secs)
    same = len({tuple(v) for v in found.values()}) == 1
    if not same:
        raise SystemExit("the two pipelines split differently")
    before = statistics.median(times["with tok2vec (before)"])
    rows = ["| pipeline | components run | median s | ratio to before |", "|---|---|---|---|"]
    for label, nlp in pipelines.items():
        med = statistics.median(times[label])
        rows.append(f"| {label} | {', '.join(nlp.pipe_names)} | {med:.2f} | {med / before:.2f}x |")
    text = "\n".join([
        f"## {HEADING}", "",
        f"Command: `python benchmarks/senter_speed.py --docs {args.docs} --rounds {args.rounds} --write`  ",
        f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {load_note()} at the end", "",
        *rows, "",
        f"{len(paras)} paragraphs of {args.docs} DUC 2004 documents, {len(found['senter only (now)'])} sentences; "
        "the same boundaries from both pipelines (checked). Medians of alternating rounds in one process.", "",
    ])
    print(text)
    if args.write:
        upsert_section(REPO / "benchmarks" / "RESULTS.md", HEADING, text)


if __name__ == "__main__":
    main()

"""How `newsweave digest` (or `ingest`) time and peak memory grow with the number of articles (100 / 500 / 2,000 / ...).

The articles are ``ingest_throughput``'s: DUC 2004, WikiRef220 and AllSides texts, mixed, repeated with light
variations beyond the ~2,200 distinct ones (a dateline, shuffled paragraphs), generated into a temp dir. Each size
is one fresh `newsweave digest DIR -q` process (defaults: MiniLM on ONNX, analysis on, in one process); its own
peak RSS comes from ``wait4``. Writes the '## growth (digest)' section of RESULTS.md with --write, and a plot
``benchmarks/growth.svg`` (plain SVG, no plotting library).

    python benchmarks/growth.py --sizes 100 500 2000 --write
    python benchmarks/growth.py --command ingest --sizes 10000 --write   # '## growth (ingest)', no plot
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

from bench_data import DATA, REPO, Run, load_note, newsweave_command, run_child
from ingest_throughput import generate, source_texts

sys.path.insert(0, str(REPO))  # the repository's evals/ (not part of the installed package)
from evals.report import machine_info, upsert_section  # noqa: E402

PLOT = REPO / "benchmarks" / "growth.svg"


def size_run(command: str, n: int, texts: list[str], tmp: Path) -> Run:
    """One fresh ``newsweave digest`` (or ``ingest`` into a new store) of ``n`` generated articles."""
    src = tmp / f"n{n}"
    src.mkdir()
    generate(texts, n, src)
    if command == "ingest":
        return run_child([*newsweave_command(), "ingest", str(src), "--db", str(tmp / f"n{n}.db"), "--quiet"])
    return run_child([*newsweave_command(), "digest", str(src), "-q", "-o", os.devnull])


def plot(sizes: list[int], runs: list[Run]) -> bool:
    """``growth.svg``: digest seconds and peak MB against articles (log scale), drawn as plain SVG (no plotting
    library is a dependency). False when there are fewer than two sizes to draw."""
    if len(sizes) < 2:
        return False
    PLOT.write_text(svg_chart(sizes, [r.seconds for r in runs], [r.peak_mb for r in runs]), "utf-8")
    return True


def svg_chart(xs: list[int], seconds: list[float], peak_mb: list[float]) -> str:
    """Two lines over a log-scaled x axis: seconds (left axis, solid) and peak MB (right axis, dashed)."""
    w, h, left, right, top, bottom = 640, 400, 70, 70, 30, 50
    lx = [math.log10(x) for x in xs]
    x0, x1 = min(lx), max(lx)

    def px(x: float) -> float:
        return left + (math.log10(x) - x0) / max(x1 - x0, 1e-9) * (w - left - right)

    def py(v: float, top_value: float) -> float:
        return h - bottom - v / top_value * (h - top - bottom)

    s_top, m_top = nice_top(max(seconds)), nice_top(max(peak_mb))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" '
           f'font-size="12"><rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="18" text-anchor="middle">newsweave digest: time and peak memory by size</text>']
    for k in range(5):  # horizontal grid with both axes' labels
        frac = k / 4
        y = h - bottom - frac * (h - top - bottom)
        out.append(f'<line x1="{left}" x2="{w - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{s_top * frac:g}</text>')
        out.append(f'<text x="{w - right + 6}" y="{y + 4:.1f}" fill="#c0392b">{m_top * frac:g}</text>')
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{h - bottom + 18}" text-anchor="middle">{x:,}</text>')
    out.append(f'<text x="{w / 2}" y="{h - 12}" text-anchor="middle">articles (log scale)</text>')
    out.append(f'<text x="16" y="{h / 2}" transform="rotate(-90 16 {h / 2})" text-anchor="middle">'
               'digest seconds</text>')
    out.append(f'<text x="{w - 12}" y="{h / 2}" transform="rotate(90 {w - 12} {h / 2})" text-anchor="middle" '
               'fill="#c0392b">peak RSS MB</text>')
    for values, top_value, style in [(seconds, s_top, 'stroke="#2c3e50"'),
                                     (peak_mb, m_top, 'stroke="#c0392b" stroke-dasharray="6 4"')]:
        pts = " ".join(f"{px(x):.1f},{py(v, top_value):.1f}" for x, v in zip(xs, values, strict=True))
        out.append(f'<polyline points="{pts}" fill="none" stroke-width="2" {style}/>')
        out.extend(f'<circle cx="{px(x):.1f}" cy="{py(v, top_value):.1f}" r="3" fill="white" {style}/>'
                   for x, v in zip(xs, values, strict=True))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def nice_top(v: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at least ``v`` (an axis' top)."""
    if v <= 0:
        return 1.0
    base = 10 ** math.floor(math.log10(v))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= v)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    ap.add_argument("--command", choices=["digest", "ingest"], default="digest",
                    help="time `newsweave digest` (default) or `newsweave ingest --db NEW` of each size")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    cmd = args.command
    texts = source_texts(DATA)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = [f"| articles | {cmd} s | s per article | peak MB | load (1 min) at the end |", "|---|---|---|---|---|"]
    runs: list[Run] = []
    done: list[int] = []
    with tempfile.TemporaryDirectory(prefix="growth-") as tmp:
        for n in args.sizes:
            r = size_run(cmd, n, texts, Path(tmp))
            runs.append(r)
            done.append(n)
            rows.append(f"| {n} | {r.seconds:.1f} | {r.seconds / n:.3f} | {r.peak_mb:.0f} | "
                        f"{os.getloadavg()[0]:.1f} |")
            print(rows[-1], flush=True)
            # written after every size, so a long run that is stopped keeps what it measured
            write_section(cmd, done, rows, started, plotted=False, write=args.write, final=False)
    plotted = cmd == "digest" and plot(done, runs)
    write_section(cmd, done, rows, started, plotted=plotted, write=args.write, final=True)


def write_section(cmd: str, sizes: list[int], rows: list[str], started: str, *, plotted: bool,
                  write: bool, final: bool) -> None:
    heading = f"growth ({cmd})"
    option = "" if cmd == "digest" else f" --command {cmd}"
    what = "`newsweave digest DIR -q`" if cmd == "digest" else "`newsweave ingest DIR --db NEW.db --quiet`"
    text = "\n".join([
        f"## {heading}", "",
        f"Command: `python benchmarks/growth.py{option} --sizes {' '.join(map(str, sizes))} --write`  ",
        f"Date: {started}; machine: {machine_info()}; {load_note()} at the end", "",
        *rows, "",
        f"One fresh {what} per size on generated articles (DUC 2004, WikiRef220, AllSides, "
        "repeated with variations past ~2,200; `ingest_throughput.generate`), sizes run one after another on a "
        "shared machine (seconds move with its load). Peak MB: the newsweave process's own (`wait4`), not its "
        "helper processes'. "
        + ("Plot: `benchmarks/growth.svg`." if plotted else "" if final else "(run in progress)"), "",
    ])
    if final:
        print(text)
    if write:
        upsert_section(REPO / "benchmarks" / "RESULTS.md", heading, text)

if __name__ == "__main__":
    main()

"""Bounded load on loopback: ``newsweave serve`` (uvicorn, 127.0.0.1, a temp store, lexical embedder) under
2,000 GET reads from 8 concurrent clients and 200 concurrent POSTs of distinct articles; prints p50/p99 latency
and errors of each phase, whether every posted article was stored exactly once, and the p99 of a story's first
``GET /stories/{id}`` against its second (from the report cache). The server builds briefs after each write
(``--build-on-write``, the default); ``--baseline`` first runs the same load on a server that builds them on
their first view (``--build-on-view``) and prints both.

    python benchmarks/load_test.py --reads 2000 --clients 8 --posts 200 --stories 40 --baseline

The store is seeded first over the API with ``--stories`` stories (5 topics x months apart, 3 outlets each).
An error is a transport failure or a status other than the one expected (200; 201 or 200 for a POST).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
TOPICS = (
    "Flood waters rose across {place} on {day}, forcing {n} residents to leave their homes. Officials said the "
    "river reached its highest level in {k} years and that more rain was expected this week.",
    "The city council approved a new bridge over {place} on {day} after a long debate. The mayor said "
    "construction would begin next month and cost {n} million, and critics said the price was too high.",
    "Striking rail workers walked off the job on {day}, halting trains across {place}. The union said {n} "
    "members joined the strike after talks on pay broke down, and commuters crowded onto buses.",
    "Scientists reported on {day} that a new vaccine cut infections by {k} percent in a large trial in {place}. "
    "The study followed {n} volunteers for more than a year, and regulators will review the results.",
    "A magnitude {k} earthquake struck near {place} early on {day}, damaging hundreds of buildings. Rescue "
    "teams pulled {n} people from the rubble overnight as aftershocks kept residents outdoors.",
)
PLACES = ("the northern valley", "Riverton", "the coastal province", "Lake Mara", "the capital", "Port Elso")
OUTLETS = ("Valley Post", "Coast Herald", "Daily Ledger")
OK = frozenset({200})
STORED = frozenset({200, 201})
"""A POST answers 201 when it stored something new, 200 when the article is a near-copy (stored and linked)."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    ok: bool


def _article(rng: random.Random, topic: int, month: int, outlet: str, tag: str = "") -> dict[str, str]:
    text = TOPICS[topic].format(place=PLACES[(topic + month) % len(PLACES)], day="Tuesday",
                                n=rng.randrange(100, 90_000), k=rng.randrange(3, 60))
    extra = (f" Reporter's note {tag}: the figures were confirmed by the regional office on {tag[-4:]}, "
             f"reference {tag}.") if tag else ""
    return {"text": text + " " + text.replace("said", "told reporters") + extra, "outlet": outlet,
            "published": f"20{10 + month // 12:02d}-{month % 12 + 1:02d}-1{topic}", "title": text.split(",")[0]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(xs: Sequence[float], q: float) -> float:
    if not xs:
        return float("nan")
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def _row(name: str, samples: Sequence[Sample], wall: float) -> str:
    ms = [s.seconds * 1000 for s in samples]
    errors = sum(not s.ok for s in samples)
    return (f"| {name} | {len(samples)} | {_percentile(ms, 50):.1f} | {_percentile(ms, 99):.1f} | "
            f"{max(ms, default=float('nan')):.1f} | {errors} | {wall:.1f} |")


async def _timed(client: httpx.AsyncClient, method: str, url: str, expect: frozenset[int],
                 **kw: object) -> tuple[Sample, httpx.Response | None]:
    t0 = time.perf_counter()
    try:
        r = await client.request(method, url, **kw)  # type: ignore[arg-type]
    except httpx.HTTPError:
        return Sample(time.perf_counter() - t0, False), None
    return Sample(time.perf_counter() - t0, r.status_code in expect), r


async def _reads(base: str, paths: list[str], clients: int) -> list[Sample]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    out: list[Sample] = []

    async def worker() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as c:
            while True:
                try:
                    path = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                out.append((await _timed(c, "GET", path, OK))[0])

    await asyncio.gather(*(worker() for _ in range(clients)))
    return out


async def _posts(base: str, articles: list[dict[str, str]],
                 probe_every: float) -> tuple[list[Sample], list[httpx.Response | None], list[Sample]]:
    """All POSTs at once (one connection each), and GET /health probes while they run."""
    limits = httpx.Limits(max_connections=len(articles) + 4, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as c:
        done = asyncio.Event()
        probes: list[Sample] = []

        async def probe() -> None:
            async with httpx.AsyncClient(base_url=base, timeout=120) as p:
                while not done.is_set():
                    probes.append((await _timed(p, "GET", "/health", OK))[0])
                    await asyncio.sleep(probe_every)

        prober = asyncio.create_task(probe())
        results = await asyncio.gather(*(_timed(c, "POST", "/articles", STORED, json=a) for a in articles))
        done.set()
        await prober
    return [s for s, _ in results], [r for _, r in results], probes


async def _report_builds(base: str, story_ids: list[str]) -> tuple[list[Sample], list[Sample]]:
    cold, warm = [], []
    async with httpx.AsyncClient(base_url=base, timeout=300) as c:
        for sid in story_ids:
            cold.append((await _timed(c, "GET", f"/stories/{sid}", OK))[0])
            warm.append((await _timed(c, "GET", f"/stories/{sid}", OK))[0])
    return cold, warm


def _wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not answer /health in time")


def _wait_builds(base: str, timeout: float = 900) -> float:
    """Seconds until the server's queued brief builds (``builds_pending`` of /health) are done."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if httpx.get(f"{base}/health", timeout=60).json().get("builds_pending", 0) == 0:
            break
        time.sleep(0.2)
    return time.perf_counter() - t0


@dataclass(frozen=True)
class Run:
    mode: str
    reads: list[Sample]
    t_reads: float
    posts: list[Sample]
    t_posts: float
    probes: list[Sample]
    cold: list[Sample]
    warm: list[Sample]
    t_reports: float
    t_drain: float
    stored: list[int]
    total: int
    integrity: str
    n_seed: int
    n_stories: int
    answered: list[dict[str, list[object]]]
    tracebacks: int


def run(args: argparse.Namespace, build_on_write: bool) -> Run:
    """One server (a temp store), seeded, then: cold and warm report builds, the read mix, the POSTs."""
    rng = random.Random(args.seed)
    mode = "--build-on-write" if build_on_write else "--build-on-view"
    with tempfile.TemporaryDirectory(prefix="nw-load-") as tmp:
        db, port = Path(tmp) / "nw.db", _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
        proc = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db), "--create",
                                 "--host", "127.0.0.1", "--port", str(port), "--embedder", "lexical", mode],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_ready(base, proc)
            seed = [_article(rng, i % len(TOPICS), 3 * (i // len(TOPICS)), o)
                    for i in range(args.stories) for o in OUTLETS]
            r = httpx.post(f"{base}/articles", json={"articles": seed}, timeout=900)
            assert r.status_code == 201, r.text[:500]
            t_drain = _wait_builds(base)  # what a reader arriving a little after the write finds
            listing = httpx.get(f"{base}/stories", params={"limit": 200}, timeout=60).json()["stories"]
            story_ids = [s["id"] for s in listing]
            article_ids = [a["id"] for a in r.json()["ingested"]]

            t0 = time.perf_counter()
            cold, warm = asyncio.run(_report_builds(base, story_ids))
            t_reports = time.perf_counter() - t0

            mix = ["/health", "/stories", "/stories?limit=20&offset=10", "/stories?q=flood", "/search?q=bridge",
                   "/search?q=vaccine+trial&limit=5", "/"]
            mix += [f"/stories/{s}" for s in story_ids[:10]] + [f"/articles/{a}" for a in article_ids[:10]]
            paths = [rng.choice(mix) for _ in range(args.reads)]
            t0 = time.perf_counter()
            reads = asyncio.run(_reads(base, paths, args.clients))
            t_reads = time.perf_counter() - t0

            posted = [_article(rng, i % len(TOPICS), 1 + 3 * (i // len(TOPICS)) % 90, rng.choice(OUTLETS),
                               tag=f"LT{i:05d}X{rng.randrange(10**6):06d}") for i in range(args.posts)]
            t0 = time.perf_counter()
            post_samples, responses, probes = asyncio.run(_posts(base, posted, 0.05))
            t_posts = time.perf_counter() - t0
        finally:
            proc.terminate()
            try:
                _, stderr = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, stderr = proc.communicate()
        con = sqlite3.connect(db)
        try:
            stored = [con.execute("SELECT count(*) FROM articles WHERE instr(text, ?) > 0",
                                  (a["text"][-40:],)).fetchone()[0] for a in posted]
            total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    answered = [r.json() for r in responses if r is not None and r.status_code in (200, 201)]
    return Run(mode, reads, t_reads, post_samples, t_posts, probes, cold, warm, t_reports, t_drain, stored, total,
               integrity, len(seed), len(story_ids), answered,
               stderr.decode(errors="replace").count("Traceback"))


def report(args: argparse.Namespace, runs: Sequence[Run]) -> None:
    first = runs[0]
    print(f"Server: newsweave serve --embedder lexical on 127.0.0.1 (uvicorn), store seeded with {first.n_seed} "
          f"articles in {first.n_stories} stories; Python {sys.version.split()[0]}\n")
    print("| serve | phase | requests | p50 ms | p99 ms | max ms | errors | wall s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        for name, samples, wall in (
            (f"GET reads, {args.clients} concurrent clients", r.reads, r.t_reads),
            (f"POST /articles, {args.posts} at once (one article each)", r.posts, r.t_posts),
            ("GET /health while the POSTs run", r.probes, r.t_posts),
            ("first GET /stories/{id} (cold)", r.cold, r.t_reports),
            ("second GET /stories/{id} (warm)", r.warm, r.t_reports),
        ):
            print(f"| `{r.mode}` " + _row(name, samples, wall))
    print()
    for r in runs:
        cold_p99, warm_p99 = _percentile([s.seconds for s in r.cold], 99), _percentile([s.seconds for s in r.warm], 99)
        ingested = sum(len(a["ingested"]) for a in r.answered)
        dups = sum(len(a["duplicates"]) for a in r.answered)
        print(f"- `{r.mode}`: first-view p99 / warm p99 {cold_p99 * 1000:.0f} ms / {warm_p99 * 1000:.1f} ms "
              f"({cold_p99 / warm_p99:.1f}x); briefs built {r.t_drain:.1f} s after the seed write; posted articles "
              f"stored exactly once: {sum(n == 1 for n in r.stored)} of {len(r.stored)} (never: "
              f"{sum(n == 0 for n in r.stored)}, more than once: {sum(n > 1 for n in r.stored)}); answers: "
              f"{ingested} ingested, {dups} duplicates; store {r.total} articles; integrity_check {r.integrity}; "
              f"server stderr: {r.tracebacks} tracebacks")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reads", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--posts", type=int, default=200)
    ap.add_argument("--stories", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--baseline", action="store_true",
                    help="Also run the same load on a server started with --build-on-view (briefs built on "
                         "their first view), first, and print both side by side.")
    args = ap.parse_args()
    runs = ([run(args, build_on_write=False)] if args.baseline else []) + [run(args, build_on_write=True)]
    report(args, runs)


if __name__ == "__main__":
    main()

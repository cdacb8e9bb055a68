"""What the benchmark scripts share: the evaluation texts they read from ../shared/data, the naive lead-sentence
split of the embedding references, how they start newsweave, and how they describe the machine.

Imported by the scripts of this folder (run as ``python benchmarks/NAME.py``, so this folder is on sys.path).
Nothing here writes into the repository.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSWEAVE_SHARED", REPO.parent / "shared"))
DATA = Path(os.environ.get("NEWSWEAVE_EVAL_DATA", SHARED / "data"))
_SENT = re.compile(r"(?<=[.!?])[\"'’”]?\s+(?=[\"'‘“A-Z0-9])")


@dataclass(frozen=True)
class BenchText:
    """One article of an evaluation set: its title (None for DUC wire copy) and body."""

    title: str | None
    body: str

    def file_text(self) -> str:
        """The article as a plain-text file newsweave reads (title line, blank line, body)."""
        return f"{self.title}\n\n{self.body}\n" if self.title else f"{self.body}\n"

    def lead_texts(self, n_sentences: int = 5) -> list[str]:
        """What ingest embeds for clustering: the title and ``n_sentences`` lead sentences (DUC has no title:
        its first ``n_sentences + 1``)."""
        if self.title:
            return [self.title, *lead(self.body, n_sentences)]
        return lead(self.body, n_sentences + 1)


def lead(text: str, n: int | None) -> list[str]:
    """The first ``n`` sentences of ``text`` (all with None): a plain regex split, since what is embedded
    matters here, not where a sentence ends."""
    flat = " ".join(text.replace("``", '"').replace("''", '"').split())
    out = [s for s in _SENT.split(flat) if len(s) > 15]
    return out if n is None else out[:n]


def duc_paths(root: Path = DATA) -> list[Path]:
    """The 500 DUC 2004 task-2 documents, sorted (50 topics of 10)."""
    return sorted((root / "duc2004" / "docs").glob("*/*"))


def duc_texts(root: Path = DATA) -> list[BenchText]:
    return [BenchText(None, p.read_text(encoding="utf-8", errors="replace")) for p in duc_paths(root)]


def allsides_file(root: Path = DATA) -> Path:
    return next(iter(sorted((root / "neus-allsides").glob("allsides_stories_crawled_*.jsonl"))))


def _paragraphs(raw: object) -> list[str]:
    """An AllSides ``newBody``: a list of paragraphs, or a string that may be a Python list literal."""
    if isinstance(raw, list):
        return [str(x) for x in raw]
    text = str(raw or "")
    try:
        return [str(x) for x in ast.literal_eval(text)] if text.startswith("[") else [text]
    except (ValueError, SyntaxError):
        return [text]


def allsides_texts(root: Path = DATA) -> Iterator[BenchText]:
    """Every AllSides article (title, paragraphs joined by blank lines), in file order."""
    for line in allsides_file(root).read_text(encoding="utf-8").splitlines():
        for n in json.loads(line).get("news", {}).values():
            title = str(n.get("newsTitle") or "").strip()
            yield BenchText(title or None, "\n\n".join(_paragraphs(n.get("newBody"))))


def mixed_texts(n: int, root: Path = DATA, min_chars: int = 300) -> list[BenchText]:
    """``n`` articles: half DUC 2004 (spread over its topics), half AllSides (the first with a body of at least
    ``min_chars``)."""
    duc = duc_texts(root)
    half = min(n // 2, len(duc))
    step = max(1, len(duc) // max(half, 1))
    out = duc[::step][:half]
    for t in allsides_texts(root):
        if len(out) >= n:
            break
        if len(t.body) >= min_chars:
            out.append(t)
    return out


def write_texts(texts: list[BenchText], dest: Path) -> list[Path]:
    """Each text as ``dest/aNNNNN.txt`` (the folder is made); the paths in order."""
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, t in enumerate(texts):
        p = dest / f"a{i:05d}.txt"
        p.write_text(t.file_text(), encoding="utf-8")
        paths.append(p)
    return paths


def newsweave_command() -> list[str]:
    """The ``newsweave`` script next to this interpreter, else ``python -m newsweave.cli``."""
    script = Path(sys.executable).with_name("newsweave")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsweave.cli"]


@dataclass(frozen=True)
class Run:
    """A finished child process: wall seconds and its peak RSS (itself and the children it waited for)."""

    seconds: float
    peak_mb: float
    stdout: str


def run_child(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` to completion; its own peak RSS comes from ``wait4`` (not the maximum over every child
    this process ever had, as ``RUSAGE_CHILDREN`` would give). Output goes through temporary files, so the
    child is reaped here and nowhere else."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{err.read()[-3000:]}")
        return Run(seconds, usage.ru_maxrss / 1024, out.read())


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} cores"

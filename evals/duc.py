"""DUC 2004 Task 2 loader: clusters, human references, published peer summaries and their ROUGE scores."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_RES_RE = re.compile(r"^(\S+) ROUGE-(\S+) Average_([RPF]): ([0-9.]+)")


@dataclass(frozen=True)
class DucCluster:
    """One document set: ``docs`` in file order (D1..D10), ``references`` as lists of sentence lines."""

    cluster_id: str
    docs: tuple[str, ...]
    references: tuple[tuple[str, ...], ...]
    folder: Path | None = None
    """The cluster's document folder (what ``newsweave digest`` is run on for the end-to-end row)."""


def _doc_key(p: Path) -> tuple[int, str]:
    m = re.search(r"(\d+)", p.stem)
    return (int(m.group(1)) if m else 0, p.name)


def read_lines(path: Path) -> tuple[str, ...]:
    """Non-empty lines of a one-sentence-per-line summary file."""
    text = path.read_text(encoding="latin-1")
    return tuple(ln for ln in text.splitlines() if ln.strip())


def load_clusters(root: Path, limit: int | None = None) -> list[DucCluster]:
    """All clusters under ``root/docs`` (``d3XXXXt``) with their references, sorted by id."""
    out: list[DucCluster] = []
    for d in sorted((root / "docs").iterdir()):
        if not d.is_dir():
            continue
        cid = d.name.rstrip("t")
        docs = tuple(p.read_text(encoding="latin-1") for p in sorted(d.glob("*.txt"), key=_doc_key))
        refs = tuple(read_lines(p) for p in sorted((root / "references").glob(f"{cid}.m.100.t.*")))
        out.append(DucCluster(cid, docs, refs, d))
        if limit is not None and len(out) >= limit:
            break
    return out


def load_peer_summaries(root: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """``{system: {cluster_id: lines}}`` for the published systems in ``root/peers``."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for p in sorted((root / "peers").iterdir()):
        cid, _, system = p.name.partition(".")
        if system:
            out.setdefault(system, {})[cid] = read_lines(p)
    return out


def load_published_scores(root: Path) -> dict[str, dict[str, float]]:
    """``{system: {"ROUGE-1_R": 0.36001, ...}}`` from ``peers_rouge.res``."""
    out: dict[str, dict[str, float]] = {}
    for line in (root / "peers_rouge.res").read_text(encoding="utf-8").splitlines():
        m = _RES_RE.match(line)
        if m:
            out.setdefault(m.group(1), {})[f"ROUGE-{m.group(2)}_{m.group(3)}"] = float(m.group(4))
    return out

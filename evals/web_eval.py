"""HTML evaluations: body extraction (Zyte benchmark), publication dates (htmldate-eval) and boilerplate
removal (trafilatura-eval), each for newsweave's extractor and the plain library baseline."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from htmldate import find_date
from trafilatura.utils import decode_file

from evals.metrics import PRF, ShingleCounts, SnippetCounts, day_exact, mean_prf, shingle_counts
from evals.metrics import snippet_counts as count_snippets
from evals.report import progress

log = logging.getLogger(__name__)

TextExtractor = Callable[[str, str | None], str]
DateExtractor = Callable[[str, str | None], str | None]


@dataclass(frozen=True)
class Page:
    """One evaluation page: decoded HTML, its URL and the gold record from the dataset's JSON."""

    page_id: str
    url: str | None
    html: str
    gold: dict[str, object]


def read_gz_html(path: Path) -> str:
    """Decode a gzipped HTML file (charset sniffed by trafilatura)."""
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    text = decode_file(data)
    return text if isinstance(text, str) else text.decode("utf-8", errors="replace")


def zyte_pages(root: Path, limit: int | None = None) -> Iterator[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for i, (pid, rec) in enumerate(sorted(truth.items())):
        if limit is not None and i >= limit:
            return
        yield Page(pid, rec.get("url"), read_gz_html(root / "html" / f"{pid}.html.gz"), rec)


def _keyed_pages(root: Path, index: str, html_dir: str, limit: int | None) -> Iterator[Page]:
    gold = json.loads((root / index).read_text(encoding="utf-8"))
    for i, (url, rec) in enumerate(sorted(gold.items())):
        if limit is not None and i >= limit:
            return
        path = root / html_dir / rec["file"]
        if not path.exists():
            path = path.with_name(path.name + ".gz")
        if not path.exists():
            log.warning("missing HTML for %s: %s", url, path)
            continue
        yield Page(url, url, read_gz_html(path), rec)


def htmldate_pages(root: Path, limit: int | None = None) -> Iterator[Page]:
    """Both htmldate sets: the 800 default pages, then the 200 MediaCloud 2020 pages (limit applies to each)."""
    yield from _keyed_pages(root, "eval_default.json", "html_default", limit)
    yield from _keyed_pages(root, "eval_mediacloud_2020.json", "html_mediacloud2020", limit)


def trafilatura_eval_pages(root: Path, limit: int | None = None) -> Iterator[Page]:
    return _keyed_pages(root, "evaldata.json", "html", limit)


def newsweave_text(html: str, url: str | None) -> str:
    from newsweave.extract.html import extract_html

    return extract_html(html, url).text or ""


def newsweave_date(html: str, url: str | None) -> str | None:
    from newsweave.extract.html import extract_html

    return extract_html(html, url).date


def trafilatura_text(html: str, url: str | None) -> str:
    return trafilatura.extract(html, url=url) or ""


def htmldate_date(html: str, url: str | None) -> str | None:
    return find_date(html, url=url)


@dataclass(frozen=True)
class ExtractResult:
    system: str
    prf: PRF
    pages: int


def eval_extraction(
    root: Path, systems: dict[str, TextExtractor], limit: int | None = None
) -> list[ExtractResult]:
    pages = list(zyte_pages(root, limit))
    out: list[ExtractResult] = []
    for name, fn in systems.items():
        counts: list[ShingleCounts] = [
            shingle_counts(str(p.gold.get("articleBody") or ""), fn(p.html, p.url))
            for p in progress(pages, len(pages), f"extract {name}")
        ]
        out.append(ExtractResult(name, mean_prf(counts), len(pages)))
    return out


@dataclass(frozen=True)
class DateResult:
    system: str
    correct: int
    total: int
    found: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def eval_dates(root: Path, systems: dict[str, DateExtractor], limit: int | None = None) -> list[DateResult]:
    pages = list(htmldate_pages(root, limit))
    out: list[DateResult] = []
    for name, fn in systems.items():
        correct = found = 0
        for p in progress(pages, len(pages), f"dates {name}"):
            pred = fn(p.html, p.url)
            found += pred is not None
            correct += day_exact(pred, str(p.gold["date"]))
        out.append(DateResult(name, correct, len(pages), found))
    return out


@dataclass(frozen=True)
class SnippetResult:
    system: str
    counts: SnippetCounts
    pages: int


def eval_boilerplate(
    root: Path, systems: dict[str, TextExtractor], limit: int | None = None
) -> list[SnippetResult]:
    pages = list(trafilatura_eval_pages(root, limit))
    out: list[SnippetResult] = []
    for name, fn in systems.items():
        total = SnippetCounts(0, 0, 0, 0)
        for p in progress(pages, len(pages), f"boilerplate {name}"):
            with_ = [str(s) for s in p.gold.get("with", []) or []]  # type: ignore[union-attr,attr-defined]
            without = [str(s) for s in p.gold.get("without", []) or []]  # type: ignore[union-attr,attr-defined]
            total = total + count_snippets(fn(p.html, p.url), with_, without)
        out.append(SnippetResult(name, total, len(pages)))
    return out

"""Publication dates of articles whose text carries no metadata: newsweave beside dateparser on the first date.

Sets (read in place from ../shared/data, never copied):

* ``duc2004``: all 500 DUC 2004 documents go through extraction as one batch (as ``newsweave digest`` would
  read the folder); the 100 listed in ``docno_map_partial.tsv`` are scored against their DOCNO date.
* ``t17``: the Timeline17 articles (~3,000), one batch per topic folder, scored against each line's
  ``published``; the text is given as plain text, the date withheld.
* ``seeds``: the five raw scraped seed articles, scored against the dates their own pages show (see ``SEEDS``).

Scores, over all articles of a set: share dated within 1 day and within 7 days of the true date (the date
value as given); the share **confidently wrong** (more than 7 days off, read at its precision: "2016" is not
wrong for any day of 2016, with confidence >= 0.5); and the share **trusted wrong** (the same at or above
``TRUSTED_CONFIDENCE``, the rule by which downstream stages use a date). ``calibration`` shows, per confidence
band, how often newsweave's dates are right (not wrong in that sense).
Baselines carry no confidence, so every date they give counts as confident.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.types import TRUSTED_CONFIDENCE, RawDoc

CONFIDENT = 0.5
SETS = ("duc2004", "t17", "seeds")

SEEDS: dict[str, dt.date] = {
    # The day each seed page itself names (dateline, "Update :" line or the events it reports as today's).
    "000_525844fd9dac892e.txt": dt.date(2013, 5, 27),  # VOA: Kerry, Lavrov, Fabius meet in Paris (Monday 27 May)
    "001_c9b14b45ac81fc61.txt": dt.date(2013, 5, 27),  # same Paris meeting, "started one-on-one talks ... Monday"
    # Its caption says "May 8, 2013" (a file photo), but it reports Kerry and Lavrov meeting "on Tuesday night" at
    # the Arctic Council in Kiruna (14 May 2013) and speaking "on Wednesday": 15 May 2013.
    "002_258843d264cd3875.txt": dt.date(2013, 5, 15),
    "003_26c4d8ffec3ec968.txt": dt.date(2016, 1, 23),  # "three days after" the 20 January 2016 Zurich meeting
    "004_7e5826d50b5d01d0.txt": dt.date(2013, 5, 8),  # "Update : 08 May 2013, 03:26 AM"
}
_DOCNO_DATE = re.compile(r"^[A-Z]{3}(\d{4})(\d\d)(\d\d)")


@dataclass(frozen=True)
class Item:
    """One article to date: a batch name (articles of one batch are extracted together), its text, the truth."""

    batch: str
    key: str
    text: str
    gold: dt.date | None
    """None for batch members that are read but not scored (the undated DUC documents)."""


@dataclass(frozen=True)
class Guess:
    date: dt.date | None
    confidence: float
    precision: str = "day"


def error_days(g: Guess, gold: dt.date) -> int:
    """Days between the true date and the guess read at its precision: a year-precision 2016 is 0 days off
    for any day of 2016, a month-precision date for any day of its month; a day-precision date is itself."""
    assert g.date is not None
    if g.precision == "year":
        lo, hi = dt.date(g.date.year, 1, 1), dt.date(g.date.year, 12, 31)
    elif g.precision == "month":
        lo = g.date.replace(day=1)
        hi = (lo + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    else:
        lo = hi = g.date
    return 0 if lo <= gold <= hi else min(abs((gold - lo).days), abs((gold - hi).days))


@dataclass(frozen=True)
class Row:
    dataset: str
    system: str
    articles: int
    dated: int
    within1: int
    within7: int
    confidently_wrong: int
    trusted_wrong: int

    def share(self, n: int) -> float:
        return n / self.articles if self.articles else 0.0


def load_duc(root: Path) -> list[Item]:
    gold: dict[tuple[str, str], dt.date] = {}
    with (root / "docno_map_partial.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            m = _DOCNO_DATE.match(row["docno"])
            if m:
                gold[(row["cluster"], row["file"])] = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    out = []
    for d in sorted((root / "docs").iterdir()):
        for p in sorted(d.glob("*.txt")):
            out.append(Item("duc2004", f"{d.name}/{p.name}", p.read_text(encoding="latin-1"), gold.get((d.name, p.name))))
    return out


def load_t17(root: Path) -> list[Item]:
    out = []
    for topic in sorted(p for p in root.iterdir() if (p / "articles.jsonl").is_file()):
        with (topic / "articles.jsonl").open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                out.append(Item(topic.name, f"{topic.name}/{rec['id']}", rec["text"],
                                dt.date.fromisoformat(rec["published"][:10])))
    return out


def load_seeds(seeds: Path) -> list[Item]:
    return [Item("seeds", name, (seeds / name).read_text(encoding="utf-8"), day) for name, day in SEEDS.items()]


def load_set(name: str, data_root: Path, seeds: Path) -> list[Item]:
    if name == "duc2004":
        return load_duc(data_root / "duc2004")
    if name == "t17":
        return load_t17(data_root / "t17")
    if name == "seeds":
        return load_seeds(seeds)
    raise ValueError(f"unknown pubdates set {name!r}; choose from {', '.join(SETS)}")


# --- systems ---------------------------------------------------------------------------------------------------

System = Callable[[Sequence[Item]], list[Guess]]


def newsweave_dates(items: Sequence[Item]) -> list[Guess]:
    """Dates from newsweave's extraction, each batch extracted together; a rejected item has no date."""
    from newsweave.config import Settings
    from newsweave.pipeline import extract_articles

    settings = Settings(embedder="lexical", analyze=False)
    by_key: dict[str, Guess] = {}
    batches: dict[str, list[Item]] = {}
    for it in items:
        batches.setdefault(it.batch, []).append(it)
    for batch in batches.values():
        docs = [RawDoc(id=f"i{i}", origin=it.key, content=it.text, content_type="text") for i, it in enumerate(batch)]
        articles, _ = extract_articles(docs, settings)
        for a in articles:
            by_key[a.path] = Guess(a.published.date, a.published.confidence, a.published.precision or "day")
    return [by_key.get(it.key, Guess(None, 0.0)) for it in items]


_SEARCH_CHARS = 2000


def dateparser_first(items: Sequence[Item]) -> list[Guess]:
    """dateparser's ``search_dates`` over the first 2,000 characters: the first date it finds (English)."""
    from dateparser.search import search_dates

    out = []
    for it in items:
        found = search_dates(it.text[:_SEARCH_CHARS], languages=["en"],
                             settings={"RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day", "month", "year"]})
        out.append(Guess(found[0][1].date(), 1.0) if found else Guess(None, 0.0))
    return out


SYSTEMS: dict[str, System] = {"newsweave": newsweave_dates, "dateparser-first": dateparser_first}


def score(dataset: str, system: str, items: Sequence[Item], guesses: Sequence[Guess]) -> Row:
    n = dated = w1 = w7 = cw = tw = 0
    for it, g in zip(items, guesses, strict=True):
        if it.gold is None:
            continue
        n += 1
        if g.date is None:
            continue
        dated += 1
        off = abs((g.date - it.gold).days)
        w1 += off <= 1
        w7 += off <= 7
        if error_days(g, it.gold) > 7:
            cw += g.confidence >= CONFIDENT
            tw += g.confidence >= TRUSTED_CONFIDENCE
    return Row(dataset, system, n, dated, w1, w7, cw, tw)


BANDS = ((0.8, 1.01), (0.5, 0.8), (TRUSTED_CONFIDENCE, 0.5), (0.0, TRUSTED_CONFIDENCE))


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    dated: int
    right: int


def calibration(items: Sequence[Item], guesses: Sequence[Guess]) -> list[Band]:
    """Per confidence band: how many scored articles got a date in it, and how many of those are right."""
    out = []
    for lo, hi in BANDS:
        pairs = [(it, g) for it, g in zip(items, guesses, strict=True)
                 if it.gold and g.date is not None and lo <= g.confidence < hi]
        out.append(Band(lo, min(hi, 1.0), len(pairs), sum(error_days(g, it.gold) <= 7 for it, g in pairs if it.gold)))
    return out


@dataclass(frozen=True)
class Result:
    rows: tuple[Row, ...]
    bands: dict[str, tuple[Band, ...]]
    """newsweave's calibration per set."""


def run(sets: Sequence[str], data_root: Path, seeds: Path, limit: int | None = None,
        progress: Callable[[str], None] | None = None) -> Result:
    rows = []
    bands: dict[str, tuple[Band, ...]] = {}
    for name in sets:
        items = load_set(name, data_root, seeds)
        if limit is not None:
            items = items[:limit]
        for system, fn in SYSTEMS.items():
            if progress:
                progress(f"{name}: {system} on {len(items)} articles")
            guesses = fn(items)
            rows.append(score(name, system, items, guesses))
            if system == "newsweave":
                bands[name] = tuple(calibration(items, guesses))
    return Result(tuple(rows), bands)


def wrong_examples(items: Sequence[Item], guesses: Sequence[Guess], k: int = 20) -> list[tuple[str, str, str, float]]:
    """The first ``k`` confidently wrong guesses (key, gold, guess, confidence), for reading."""
    out = []
    for it, g in zip(items, guesses, strict=True):
        if it.gold and g.date and error_days(g, it.gold) > 7 and g.confidence >= CONFIDENT:
            out.append((it.key, it.gold.isoformat(), g.date.isoformat(), g.confidence))
    return out[:k]

"""Date-resolution evaluation on DUC 2004: newsweave's ``resolve`` beside dateparser, plus a hand-checked sample.

The 100 DUC 2004 documents whose DOCNO is recovered in ``duc2004/docno_map_partial.tsv`` carry their
publication date in the DOCNO (``APW19981027.0241`` -> 1998-10-27). Every spaCy DATE entity of those documents
is resolved against that date by newsweave (``timeline.resolve`` with ``tense_of``) and by dateparser
(``RELATIVE_BASE`` = publication date, ``PREFER_DATES_FROM`` = past). Automatic figures: how many expressions
each system resolves and how often the two agree. Accuracy comes from a hand-checked sample
(``benchmarks/timeline_handcheck.tsv``), read by ``read_handcheck`` and scored by ``handcheck_accuracy``.
That sample was drawn from newsweave's output and tuned on, so a second, blind one (``sample_blind``: all
expressions, another seed; ``benchmarks/timeline_handcheck_blind.tsv``) is scored by ``blind_scores``: accuracy,
precision where resolved and recall of real dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.types import Precision

GoldPrecision = str  # "day", "week", "month", "year" or "none" (not a point in time)
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
_DOCNO_DATE = re.compile(r"^[A-Z]{2,4}(\d{4})(\d{2})(\d{2})\.")

HANDCHECK_COLUMNS: tuple[str, ...] = (
    "cluster", "file", "docno", "char_start", "char_end", "expression", "reference_date",
    "newsweave_date", "newsweave_precision", "dateparser_date", "gold_date", "gold_precision",
    "newsweave_correct", "dateparser_correct", "note",
)


@dataclass(frozen=True)
class DatedDoc:
    """One DUC 2004 document with the publication date recovered from its DOCNO."""

    cluster: str
    file: str
    docno: str
    published: dt.date
    text: str


@dataclass(frozen=True)
class Expression:
    """One DATE entity: character offsets into ``DatedDoc.text``, its sentence's offsets and the verb tense."""

    cluster: str
    file: str
    docno: str
    reference: dt.date
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    tense: str


@dataclass(frozen=True)
class Resolution:
    """An expression with newsweave's (date, precision) and dateparser's day, each None when unresolved."""

    expression: Expression
    newsweave: tuple[dt.date, Precision] | None
    dateparser: dt.date | None


@dataclass(frozen=True)
class AutoCounts:
    """Automatic figures over all expressions (no gold needed)."""

    expressions: int
    docs: int
    newsweave_resolved: int
    dateparser_resolved: int
    both_resolved: int
    agree: int
    """Both resolved and dateparser's day lies inside newsweave's period."""
    agree_same_day: int
    """Both resolved at day precision to the same day."""
    disagree_week_back: int
    """Disagreements where dateparser's day is exactly a week before newsweave's day (a weekday it puts a week back)."""
    disagree_year_back: int
    """Disagreements where dateparser's day is exactly a year before newsweave's day ("Nov. 16" in 1997)."""

    def share(self, k: int) -> float:
        return k / self.expressions if self.expressions else 0.0

    @property
    def agreement(self) -> float:
        return self.agree / self.both_resolved if self.both_resolved else 0.0


@dataclass(frozen=True)
class HandRow:
    """One hand-checked expression (a row of ``timeline_handcheck.tsv``)."""

    cluster: str
    file: str
    docno: str
    start: int
    end: int
    expression: str
    reference: dt.date
    newsweave_date: dt.date | None
    newsweave_precision: str
    dateparser_date: dt.date | None
    gold_date: dt.date | None
    gold_precision: GoldPrecision
    newsweave_correct: bool
    dateparser_correct: str
    """"yes", "no" or "unresolved"."""
    note: str


@dataclass(frozen=True)
class HandAccuracy:
    """Hand-checked accuracy of both systems on the same sample."""

    checked: int
    newsweave_correct: int
    dateparser_correct: int
    dateparser_resolved: int

    @property
    def newsweave_accuracy(self) -> float:
        return self.newsweave_correct / self.checked if self.checked else 0.0

    @property
    def dateparser_accuracy(self) -> float:
        """Correct over the whole sample (an unresolved expression counts as wrong)."""
        return self.dateparser_correct / self.checked if self.checked else 0.0

    @property
    def dateparser_accuracy_resolved(self) -> float:
        """Correct over the sample expressions dateparser resolved."""
        return self.dateparser_correct / self.dateparser_resolved if self.dateparser_resolved else 0.0


# --- loading -------------------------------------------------------------------------------------------------


def docno_date(docno: str) -> dt.date:
    """Publication date encoded in a DUC/TDT DOCNO (``APW19981027.0241``, ``NYT19981027.0123``)."""
    m = _DOCNO_DATE.match(docno)
    if not m:
        raise ValueError(f"DOCNO {docno!r} does not start with a wire code and YYYYMMDD")
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def load_dated_docs(root: Path, limit: int | None = None) -> list[DatedDoc]:
    """Documents listed in ``root/docno_map_partial.tsv`` in file order, newlines replaced by spaces.

    DUC texts are hard-wrapped; replacing each newline by one space keeps every character offset while letting
    spaCy see running text.
    """
    out: list[DatedDoc] = []
    with (root / "docno_map_partial.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text = (root / "docs" / row["cluster"] / row["file"]).read_text(encoding="latin-1")
            out.append(DatedDoc(row["cluster"], row["file"], row["docno"], docno_date(row["docno"]),
                                text.replace("\r", " ").replace("\n", " ")))
            if limit is not None and len(out) >= limit:
                break
    return out


# --- collecting and resolving --------------------------------------------------------------------------------


def expressions_of(doc: DatedDoc, parsed: Any, tense: Callable[[Any], str]) -> list[Expression]:
    """Every DATE entity of the spaCy ``parsed`` doc, with its sentence offsets and tense."""
    return [
        Expression(doc.cluster, doc.file, doc.docno, doc.published, ent.start_char, ent.end_char, ent.text,
                   ent.sent.start_char, ent.sent.end_char, tense(ent))
        for ent in parsed.ents
        if ent.label_ == "DATE"
    ]


def collect_expressions(docs: Sequence[DatedDoc]) -> list[Expression]:
    """DATE entities of all ``docs`` (spaCy via ``newsweave.nlp.parse``), in document and text order."""
    from newsweave.nlp import parse
    from newsweave.timeline.build import tense_of

    parsed = parse([d.text for d in docs])
    return [e for d, p in zip(docs, parsed, strict=True) for e in expressions_of(d, p, tense_of)]


def newsweave_resolve(e: Expression) -> tuple[dt.date, Precision] | None:
    from newsweave.timeline.resolve import Reference, resolve

    return resolve(e.text, Reference(e.reference, "day"), e.tense)


def dateparser_resolve(e: Expression) -> dt.date | None:
    import dateparser

    got = dateparser.parse(
        e.text,
        settings={"RELATIVE_BASE": dt.datetime(e.reference.year, e.reference.month, e.reference.day),
                  "PREFER_DATES_FROM": "past"},
    )
    return got.date() if got is not None else None


def resolve_all(exprs: Iterable[Expression]) -> list[Resolution]:
    return [Resolution(e, newsweave_resolve(e), dateparser_resolve(e)) for e in exprs]


# --- scoring -------------------------------------------------------------------------------------------------


def period(d: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period ``d`` stands for at ``precision`` (a week runs Sunday to Saturday, the
    US newsroom convention of these AP/NYT wires)."""
    if precision == "day":
        return d, d
    if precision == "week":
        start = d - dt.timedelta(days=(d.weekday() + 1) % 7)
        return start, start + dt.timedelta(days=6)
    if precision == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    raise ValueError(f"unknown precision {precision!r}; expected one of {', '.join(PRECISIONS)}")


def is_correct(system: dt.date | None, precision: str, gold: dt.date | None, gold_precision: str) -> bool:
    """The rule used for the hand check: the system's period and the true period are nested.

    Either the true date (period) falls inside the system's resolved period ("Friday" -> the right day; "last
    June" -> June of the right year), or the expression is itself coarser than a day and the system's day
    falls inside it (dateparser's "June" -> some day of the right June). Not a point in time: never correct.
    """
    if system is None or gold is None or gold_precision == "none":
        return False
    s0, s1 = period(system, precision)
    g0, g1 = period(gold, gold_precision)
    return (s0 <= g0 and g1 <= s1) or (g0 <= s0 and s1 <= g1)


def auto_counts(res: Sequence[Resolution]) -> AutoCounts:
    both = [r for r in res if r.newsweave is not None and r.dateparser is not None]
    agree = same = week = year = 0
    for r in both:
        assert r.newsweave is not None and r.dateparser is not None
        (d, p), dp = r.newsweave, r.dateparser
        lo, hi = period(d, p)
        agree += lo <= dp <= hi
        same += p == "day" and d == dp
        week += p == "day" and d - dp == dt.timedelta(days=7)
        year += p == "day" and (d.month, d.day) == (dp.month, dp.day) and d.year - dp.year == 1
    return AutoCounts(
        expressions=len(res),
        docs=len({(r.expression.cluster, r.expression.file) for r in res}),
        newsweave_resolved=sum(r.newsweave is not None for r in res),
        dateparser_resolved=sum(r.dateparser is not None for r in res),
        both_resolved=len(both),
        agree=agree,
        agree_same_day=same,
        disagree_week_back=week,
        disagree_year_back=year,
    )


def _norm(text: str) -> str:
    return " ".join(text.split())


def _rank(seed: int, *parts: object) -> str:
    return hashlib.sha256(repr((seed, *parts)).encode()).hexdigest()


def sample_for_handcheck(res: Sequence[Resolution], n: int = 50, seed: int = 2004) -> list[Resolution]:
    """A deterministic sample of ``n`` newsweave-resolved expressions, spread across documents.

    Exact duplicates (the same expression text against the same reference date, hence the same answer from
    both systems) are kept once, at their first occurrence. Documents are visited in a seeded hash order, one
    expression each per round (also in seeded hash order), until ``n`` are drawn. Hash orders keep the sample
    stable when a code change resolves a few more or fewer expressions. Returned in document and text order.
    """
    seen: set[tuple[str, dt.date]] = set()
    by_doc: dict[str, list[Resolution]] = {}
    for r in res:
        key = (_norm(r.expression.text).lower(), r.expression.reference)
        if r.newsweave is None or key in seen:
            continue
        seen.add(key)
        by_doc.setdefault(r.expression.docno, []).append(r)
    pools = [
        sorted(by_doc[d], key=lambda r: _rank(seed, d, r.expression.start))
        for d in sorted(by_doc, key=lambda d: _rank(seed, d))
    ]
    picked: list[Resolution] = []
    depth = 0
    while len(picked) < n and any(len(p) > depth for p in pools):
        for p in pools:
            if len(p) > depth and len(picked) < n:
                picked.append(p[depth])
        depth += 1
    return sorted(picked, key=lambda r: (r.expression.cluster, _file_key(r.expression.file), r.expression.docno,
                                         r.expression.start))


def _file_key(name: str) -> int:
    m = re.search(r"\d+", name)
    return int(m.group()) if m else 0


def handcheck_template(picked: Sequence[Resolution]) -> list[dict[str, str]]:
    """TSV rows for ``picked`` with the system columns filled and the gold columns empty."""
    rows = []
    for r in picked:
        e = r.expression
        rows.append({
            "cluster": e.cluster, "file": e.file, "docno": e.docno, "char_start": str(e.start),
            "char_end": str(e.end), "expression": _norm(e.text), "reference_date": e.reference.isoformat(),
            "newsweave_date": r.newsweave[0].isoformat() if r.newsweave else "",
            "newsweave_precision": r.newsweave[1] if r.newsweave else "",
            "dateparser_date": r.dateparser.isoformat() if r.dateparser else "",
            "gold_date": "", "gold_precision": "", "newsweave_correct": "", "dateparser_correct": "", "note": "",
        })
    return rows


def _date(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s.strip() else None


def _yes(s: str, column: str, line: int) -> bool:
    v = s.strip().lower()
    if v not in ("yes", "no"):
        raise ValueError(f"line {line}: {column} must be yes or no, not {s!r}")
    return v == "yes"


def read_handcheck(path: Path) -> list[HandRow]:
    """Rows of a hand-check TSV (columns ``HANDCHECK_COLUMNS``), validated."""
    out: list[HandRow] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        missing = [c for c in HANDCHECK_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
        for i, row in enumerate(reader, start=2):
            dpc = row["dateparser_correct"].strip().lower()
            if dpc not in ("yes", "no", "unresolved"):
                raise ValueError(f"line {i}: dateparser_correct must be yes, no or unresolved, not {dpc!r}")
            gp = row["gold_precision"].strip().lower()
            if gp not in (*PRECISIONS, "none"):
                raise ValueError(f"line {i}: gold_precision must be one of {', '.join(PRECISIONS)} or none")
            out.append(HandRow(
                cluster=row["cluster"], file=row["file"], docno=row["docno"], start=int(row["char_start"]),
                end=int(row["char_end"]), expression=row["expression"],
                reference=dt.date.fromisoformat(row["reference_date"]),
                newsweave_date=_date(row["newsweave_date"]), newsweave_precision=row["newsweave_precision"].strip(),
                dateparser_date=_date(row["dateparser_date"]), gold_date=_date(row["gold_date"]),
                gold_precision=gp, newsweave_correct=_yes(row["newsweave_correct"], "newsweave_correct", i),
                dateparser_correct=dpc, note=row["note"],
            ))
    return out


def handcheck_accuracy(rows: Sequence[HandRow]) -> HandAccuracy:
    return HandAccuracy(
        checked=len(rows),
        newsweave_correct=sum(r.newsweave_correct for r in rows),
        dateparser_correct=sum(r.dateparser_correct == "yes" for r in rows),
        dateparser_resolved=sum(r.dateparser_correct != "unresolved" for r in rows),
    )


def handcheck_inconsistencies(rows: Sequence[HandRow]) -> list[str]:
    """Rows whose yes/no verdicts disagree with ``is_correct`` on their own gold columns (should be none)."""
    bad = []
    for i, r in enumerate(rows, start=2):
        nw = is_correct(r.newsweave_date, r.newsweave_precision or "day", r.gold_date, r.gold_precision)
        dp = ("unresolved" if r.dateparser_date is None
              else "yes" if is_correct(r.dateparser_date, "day", r.gold_date, r.gold_precision) else "no")
        if nw != r.newsweave_correct or dp != r.dateparser_correct:
            bad.append(f"line {i} ({r.docno} {r.expression!r}): verdicts do not follow from gold_date")
    return bad


def stale_rows(rows: Sequence[HandRow | BlindRow], res: Sequence[Resolution]) -> list[str]:
    """Hand-checked rows whose system outputs differ from the current run (the TSV no longer describes the code)."""
    now = {(r.expression.docno, r.expression.start, r.expression.end): r for r in res}
    out = []
    for h in rows:
        r = now.get((h.docno, h.start, h.end))
        if r is None:
            out.append(f"{h.docno} {h.start}-{h.end} {h.expression!r}: no longer a DATE entity")
            continue
        nw = (r.newsweave[0], r.newsweave[1]) if r.newsweave else None
        if nw != ((h.newsweave_date, h.newsweave_precision) if h.newsweave_date else None) or (
            r.dateparser != h.dateparser_date
        ):
            out.append(f"{h.docno} {h.start}-{h.end} {h.expression!r}: output changed since the hand check")
    return out


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion ``k / n`` (``(0, 0)`` when ``n`` is 0)."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def write_handcheck_template(path: Path, picked: Sequence[Resolution]) -> None:
    """Write the sample as a hand-check TSV with empty gold columns (to be filled in by a person)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(HANDCHECK_COLUMNS), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(handcheck_template(picked))


# --- blind sample (issue 5: an independent check drawn from all expressions) ----------------------------------


BLIND_VERDICTS: tuple[str, ...] = ("yes", "no", "unresolved")


def handcheck_keys(path: Path) -> set[tuple[str, int, int]]:
    """(docno, char_start, char_end) of the rows of a hand-check TSV (only those columns are read)."""
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["docno"], int(r["char_start"]), int(r["char_end"])) for r in csv.DictReader(f, delimiter="\t")}


def sample_blind(
    res: Sequence[Resolution], exclude: set[tuple[str, int, int]], n: int = 50, seed: int = 5, per_doc: int = 2,
) -> list[Resolution]:
    """A deterministic sample of ``n`` expressions from ALL DATE expressions, resolved or not.

    Unlike ``sample_for_handcheck`` nothing depends on a system's output, so the sample measures recall as well
    as precision. Expressions keyed in ``exclude`` (docno, start, end) are skipped. Documents are visited in a
    seeded hash order, one expression each per round (seeded hash order within a document), at most ``per_doc``
    per document, until ``n`` are drawn. Returned in document and text order.
    """
    by_doc: dict[str, list[Resolution]] = {}
    for r in res:
        e = r.expression
        if (e.docno, e.start, e.end) not in exclude:
            by_doc.setdefault(e.docno, []).append(r)
    pools = [
        sorted(by_doc[d], key=lambda r: _rank(seed, d, r.expression.start))[:per_doc]
        for d in sorted(by_doc, key=lambda d: _rank(seed, d))
    ]
    picked: list[Resolution] = []
    for depth in range(per_doc):
        for p in pools:
            if len(p) > depth and len(picked) < n:
                picked.append(p[depth])
    return sorted(picked, key=lambda r: (r.expression.cluster, _file_key(r.expression.file), r.expression.docno,
                                         r.expression.start))


def blind_verdict(system: dt.date | None, precision: str, gold: dt.date | None, gold_precision: str) -> str:
    """"yes", "no" or "unresolved" for one system output against the blind gold.

    A real date: nested periods (``is_correct``) or "unresolved" when the system returns nothing. Not a point in
    time (gold_precision "none"): returning nothing is correct ("yes"), returning a date is wrong ("no").
    """
    if gold_precision == "none":
        return "yes" if system is None else "no"
    if system is None:
        return "unresolved"
    return "yes" if is_correct(system, precision, gold, gold_precision) else "no"


@dataclass(frozen=True)
class BlindRow:
    """One row of the blind hand check: gold and both systems' outputs with their verdicts."""

    docno: str
    start: int
    end: int
    expression: str
    newsweave_date: dt.date | None
    newsweave_precision: str
    dateparser_date: dt.date | None
    gold_date: dt.date | None
    gold_precision: GoldPrecision
    newsweave_correct: str
    dateparser_correct: str


@dataclass(frozen=True)
class SystemScore:
    """One system on the blind sample: accuracy over all rows, precision where it resolves, recall of real dates."""

    checked: int
    correct: int
    """Rows judged "yes" (a "not a point in time" row left unresolved counts as correct)."""
    resolved: int
    resolved_correct: int
    real_dates: int
    real_dates_correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.checked if self.checked else 0.0

    @property
    def precision(self) -> float:
        return self.resolved_correct / self.resolved if self.resolved else 0.0

    @property
    def recall(self) -> float:
        return self.real_dates_correct / self.real_dates if self.real_dates else 0.0


def read_blind_handcheck(path: Path) -> list[BlindRow]:
    """Rows of the blind hand-check TSV (same columns as ``HANDCHECK_COLUMNS``; both verdict columns take yes, no
    or unresolved), validated."""
    out: list[BlindRow] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        missing = [c for c in HANDCHECK_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
        for i, row in enumerate(reader, start=2):
            verdicts = []
            for col in ("newsweave_correct", "dateparser_correct"):
                v = row[col].strip().lower()
                if v not in BLIND_VERDICTS:
                    raise ValueError(f"line {i}: {col} must be yes, no or unresolved, not {v!r}")
                verdicts.append(v)
            gp = row["gold_precision"].strip().lower()
            if gp not in (*PRECISIONS, "none"):
                raise ValueError(f"line {i}: gold_precision must be one of {', '.join(PRECISIONS)} or none")
            gold = _date(row["gold_date"])
            if (gold is None) != (gp == "none"):
                raise ValueError(f"line {i}: gold_date must be empty exactly when gold_precision is none")
            out.append(BlindRow(
                docno=row["docno"], start=int(row["char_start"]), end=int(row["char_end"]),
                expression=row["expression"], newsweave_date=_date(row["newsweave_date"]),
                newsweave_precision=row["newsweave_precision"].strip(), dateparser_date=_date(row["dateparser_date"]),
                gold_date=gold, gold_precision=gp, newsweave_correct=verdicts[0], dateparser_correct=verdicts[1],
            ))
    return out


def blind_inconsistencies(rows: Sequence[BlindRow]) -> list[str]:
    """Rows whose verdicts disagree with ``blind_verdict`` on their own columns (should be none)."""
    bad = []
    for i, r in enumerate(rows, start=2):
        nw = blind_verdict(r.newsweave_date, r.newsweave_precision or "day", r.gold_date, r.gold_precision)
        dp = blind_verdict(r.dateparser_date, "day", r.gold_date, r.gold_precision)
        if nw != r.newsweave_correct or dp != r.dateparser_correct:
            bad.append(f"line {i} ({r.docno} {r.expression!r}): verdicts do not follow from the gold columns")
    return bad


def blind_scores(rows: Sequence[BlindRow]) -> dict[str, SystemScore]:
    """``SystemScore`` of newsweave and dateparser on the blind rows."""
    out = {}
    for name, got, verdict in (
        ("newsweave", lambda r: r.newsweave_date, lambda r: r.newsweave_correct),
        ("dateparser", lambda r: r.dateparser_date, lambda r: r.dateparser_correct),
    ):
        resolved = [r for r in rows if got(r) is not None]
        real = [r for r in rows if r.gold_precision != "none"]
        out[name] = SystemScore(
            checked=len(rows),
            correct=sum(verdict(r) == "yes" for r in rows),
            resolved=len(resolved),
            resolved_correct=sum(verdict(r) == "yes" for r in resolved),
            real_dates=len(real),
            real_dates_correct=sum(verdict(r) == "yes" for r in real),
        )
    return out

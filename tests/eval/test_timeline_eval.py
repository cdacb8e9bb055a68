from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from evals.timeline_eval import (
    HANDCHECK_COLUMNS,
    Expression,
    Resolution,
    auto_counts,
    blind_inconsistencies,
    blind_scores,
    blind_verdict,
    docno_date,
    handcheck_accuracy,
    handcheck_inconsistencies,
    handcheck_keys,
    is_correct,
    read_blind_handcheck,
    read_handcheck,
    sample_blind,
    sample_for_handcheck,
    wilson,
)
from newsweave.types import Precision

D = dt.date

# Made-up rows (not from any data set): a weekday, a month, a year and a week.
ROWS = [
    ("c1", "D1.txt", "APW20010105.0001", "10", "16", "Friday", "2001-01-05", "2001-01-05", "day",
     "2000-12-29", "2001-01-05", "day", "yes", "no", "dateline weekday"),
    ("c1", "D2.txt", "APW20010105.0002", "40", "45", "March", "2001-01-05", "2001-03-01", "month",
     "", "2000-03-01", "month", "no", "unresolved", "past March"),
    ("c1", "D3.txt", "NYT20010106.0003", "0", "4", "1999", "2001-01-06", "1999-01-01", "year",
     "1999-01-06", "1999-01-01", "year", "yes", "yes", "explicit"),
    ("c1", "D4.txt", "NYT20010106.0004", "5", "14", "last week", "2001-01-06", "2000-12-30", "month",
     "2000-12-30", "2000-12-24", "week", "yes", "yes", "Sun-Sat week in December"),
]


def _write(tmp_path: Path, rows: Sequence[tuple[str, ...]]) -> Path:
    p = tmp_path / "h.tsv"
    p.write_text("\n".join("\t".join(r) for r in [HANDCHECK_COLUMNS, *rows]) + "\n", encoding="utf-8")
    return p


def test_accuracy_from_a_tiny_handcheck(tmp_path: Path) -> None:
    rows = read_handcheck(_write(tmp_path, ROWS))
    h = handcheck_accuracy(rows)
    assert (h.checked, h.newsweave_correct, h.dateparser_correct, h.dateparser_resolved) == (4, 3, 2, 3)
    assert h.newsweave_accuracy == pytest.approx(0.75)
    assert h.dateparser_accuracy == pytest.approx(0.5)
    assert h.dateparser_accuracy_resolved == pytest.approx(2 / 3)
    assert handcheck_inconsistencies(rows) == []


def test_verdicts_that_contradict_the_gold_columns_are_flagged(tmp_path: Path) -> None:
    bad = [*ROWS[:1], ROWS[1][:12] + ("yes", "unresolved", "wrong verdict")]
    rows = read_handcheck(_write(tmp_path, bad))
    assert len(handcheck_inconsistencies(rows)) == 1


def test_bad_values_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="newsweave_correct"):
        read_handcheck(_write(tmp_path, [ROWS[0][:12] + ("maybe", "no", "")]))
    with pytest.raises(ValueError, match="gold_precision"):
        read_handcheck(_write(tmp_path, [ROWS[0][:11] + ("decade", "yes", "no", "")]))


def test_is_correct_nested_periods() -> None:
    assert is_correct(D(2001, 3, 1), "month", D(2001, 3, 17), "day")
    assert not is_correct(D(2001, 3, 1), "month", D(2001, 4, 1), "day")
    assert is_correct(D(2001, 3, 17), "day", D(2001, 3, 1), "month")  # a day inside the month the text names
    assert not is_correct(D(2001, 3, 17), "day", D(2001, 3, 18), "day")
    assert not is_correct(D(2000, 12, 30), "month", D(2000, 12, 31), "week")  # week runs into January
    assert not is_correct(D(2001, 3, 1), "year", None, "none")


def test_docno_date_and_wilson() -> None:
    assert docno_date("APW19981027.0241") == D(1998, 10, 27)
    assert docno_date("NYT19981231.0001") == D(1998, 12, 31)
    with pytest.raises(ValueError):
        docno_date("D1.txt")
    lo, hi = wilson(50, 50)
    assert 0.92 < lo < 0.93 and hi == 1.0


def _res(docno: str, start: int, text: str, nw: tuple[D, Precision] | None, dp: D | None) -> Resolution:
    e = Expression("c", "D1.txt", docno, D(2001, 1, 5), start, start + len(text), text, 0, 100, "past")
    return Resolution(e, nw, dp)


def test_counts_and_a_deterministic_sample_without_duplicates() -> None:
    res = [
        _res("A20010105.1", 0, "Friday", (D(2001, 1, 5), "day"), D(2000, 12, 29)),
        _res("A20010105.1", 50, "Friday", (D(2001, 1, 5), "day"), D(2000, 12, 29)),
        _res("A20010105.2", 0, "June", (D(2000, 6, 1), "month"), D(2000, 6, 5)),
        _res("A20010105.2", 9, "the decade", None, None),
    ]
    c = auto_counts(res)
    assert (c.expressions, c.newsweave_resolved, c.dateparser_resolved, c.both_resolved) == (4, 3, 3, 3)
    assert (c.agree, c.agree_same_day, c.disagree_week_back) == (1, 0, 2)
    s = sample_for_handcheck(res, n=10)
    assert [r.expression.text for r in s] == ["Friday", "June"]
    assert sample_for_handcheck(res, n=10) == s


def test_blind_sample_draws_from_all_expressions_and_skips_the_first_sample(tmp_path: Path) -> None:
    res = [
        _res("A20010105.1", 0, "Friday", (D(2001, 1, 5), "day"), D(2000, 12, 29)),
        _res("A20010105.1", 50, "Friday", (D(2001, 1, 5), "day"), D(2000, 12, 29)),
        _res("A20010105.1", 80, "42", None, D(1942, 1, 5)),
        _res("A20010105.2", 0, "June", (D(2000, 6, 1), "month"), D(2000, 6, 5)),
        _res("A20010105.2", 9, "the decade", None, None),
        _res("A20010105.3", 0, "1999", (D(1999, 1, 1), "year"), D(1999, 1, 5)),
    ]
    first = _write(tmp_path, [ROWS[0][:2] + ("A20010105.3", "0", "4") + ROWS[0][5:]])
    assert handcheck_keys(first) == {("A20010105.3", 0, 4)}
    assert handcheck_keys(tmp_path / "missing.tsv") == set()
    s = sample_blind(res, handcheck_keys(first), n=10, seed=5, per_doc=2)
    keys = [(r.expression.docno, r.expression.start) for r in s]
    assert len(s) == 4 and ("A20010105.3", 0) not in keys  # two per doc at most, the excluded row skipped
    assert ("A20010105.2", 9) in keys  # an expression neither system resolves is eligible
    assert keys == sorted(keys)
    assert sample_blind(res, set(), n=10, seed=5) == sample_blind(res, set(), n=10, seed=5)
    assert len(sample_blind(res, set(), n=2, seed=5, per_doc=2)) == 2
    assert len({r.expression.docno for r in sample_blind(res, set(), n=3, seed=7)}) == 3  # one per doc first


def test_blind_verdict_rewards_returning_nothing_for_non_dates() -> None:
    assert blind_verdict(None, "day", None, "none") == "yes"
    assert blind_verdict(D(1942, 1, 5), "day", None, "none") == "no"
    assert blind_verdict(None, "day", D(2001, 1, 5), "day") == "unresolved"
    assert blind_verdict(D(2001, 1, 1), "month", D(2001, 1, 5), "day") == "yes"
    assert blind_verdict(D(2000, 12, 29), "day", D(2001, 1, 5), "day") == "no"


# Made-up blind rows: right, unresolved real date, age left alone (nw) / dated (dp), wrong day.
BLIND = [
    ("c1", "D1.txt", "APW20010105.0001", "10", "16", "Friday", "2001-01-05", "2001-01-05", "day",
     "2000-12-29", "2001-01-05", "day", "yes", "no", "dateline weekday"),
    ("c1", "D2.txt", "APW20010105.0002", "0", "9", "a weekend", "2001-01-05", "", "",
     "", "2001-01-06", "week", "unresolved", "unresolved", "coming weekend"),
    ("c1", "D3.txt", "APW20010105.0003", "5", "7", "42", "2001-01-05", "", "",
     "1942-01-05", "", "none", "yes", "no", "an age"),
    ("c1", "D4.txt", "APW20010105.0004", "0", "8", "Thursday", "2001-01-05", "2000-12-28", "day",
     "2001-01-04", "2001-01-04", "day", "no", "yes", "day before"),
]


def test_blind_scores_accuracy_precision_recall(tmp_path: Path) -> None:
    rows = read_blind_handcheck(_write(tmp_path, BLIND))
    assert blind_inconsistencies(rows) == []
    b = blind_scores(rows)
    nw, dp = b["newsweave"], b["dateparser"]
    assert (nw.checked, nw.correct, nw.resolved, nw.resolved_correct, nw.real_dates, nw.real_dates_correct) == (
        4, 2, 2, 1, 3, 1)
    assert (dp.correct, dp.resolved, dp.resolved_correct, dp.real_dates_correct) == (1, 3, 1, 1)
    assert nw.accuracy == pytest.approx(0.5) and nw.precision == pytest.approx(0.5)
    assert nw.recall == pytest.approx(1 / 3) and dp.precision == pytest.approx(1 / 3)
    assert blind_scores([])["newsweave"].accuracy == 0.0


def test_blind_rows_are_validated(tmp_path: Path) -> None:
    bad = [BLIND[2][:12] + ("unresolved", "no", "")]
    assert len(blind_inconsistencies(read_blind_handcheck(_write(tmp_path, bad)))) == 1
    with pytest.raises(ValueError, match="dateparser_correct"):
        read_blind_handcheck(_write(tmp_path, [BLIND[0][:13] + ("maybe", "")]))
    with pytest.raises(ValueError, match="gold_date must be empty"):
        read_blind_handcheck(_write(tmp_path, [BLIND[2][:10] + ("2001-01-05",) + BLIND[2][11:]]))

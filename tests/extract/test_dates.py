from __future__ import annotations

import datetime as dt

from newsweave.extract.dates import DateContext, find_anchors, full_dates, infer_published

BODY = "The talks will try to end a war that has raged for almost 5 years, officials said on Saturday."


def test_labelled_update_line_wins_with_day_precision() -> None:
    p = infer_published("Body text.", ["Monday, June 24, 2024", "Update : 08 May 2013, 03:26 AM"])
    assert (p.date, p.precision) == (dt.date(2013, 5, 8), "day")
    assert p.evidence == "Update : 08 May 2013, 03:26 AM" and p.confidence >= 0.8


def test_metadata_hint_and_html_date() -> None:
    assert infer_published("x", hint="2025-03-26").date == dt.date(2025, 3, 26)
    p = infer_published("x", html_date="2024-01-02")
    assert (p.date, p.precision) == (dt.date(2024, 1, 2), "day")


def test_caption_date_is_a_lower_bound_at_month_precision() -> None:
    p = infer_published("Talks went on.", ["Ministers shake hands in Moscow, Russia, May 8, 2013."])
    assert (p.date, p.precision) == (dt.date(2013, 5, 8), "month")
    assert "May 8, 2013" in (p.evidence or "")


def test_duration_counted_from_an_anchor_found_in_another_article() -> None:
    ctx = find_anchors(["The war has killed thousands since it began as protests in March 2011."])
    assert ctx.anchors[0].date == dt.date(2011, 3, 1)
    p = infer_published(BODY, ctx=ctx)
    assert (p.date.year if p.date else None, p.precision) == (2016, "year")
    assert "almost 5 years" in (p.evidence or "")


def test_month_day_without_year_uses_inferred_year() -> None:
    ctx = DateContext(find_anchors(["The conflict began in March 2011."]).anchors)
    body = "At least 80,000 people have been killed in the past two years of the conflict. Rockets hit on May 26."
    p = infer_published(body, ctx=ctx)
    assert p.date == dt.date(2013, 5, 26) and p.precision == "month"


def test_unlabelled_top_date_is_weak_and_only_a_last_resort() -> None:
    p = infer_published("Nothing dated here.", head_date_lines=["Monday, June 24, 2024"])
    assert p.date == dt.date(2024, 6, 24) and p.confidence <= 0.25
    assert infer_published("Nothing dated here.").date is None


def test_full_dates_formats() -> None:
    got = [d for d, _ in full_dates("On May 8, 2013 and 14 March 2025 and 2020-02-29 but not 2021-02-30.")]
    assert got == [dt.date(2013, 5, 8), dt.date(2025, 3, 14), dt.date(2020, 2, 29)]


def test_a_date_in_the_past_of_the_story_is_not_trusted() -> None:
    """Undated wire copy naming a historical date: a lower bound at most, never a trusted publication date."""
    body = ("The House opened the impeachment debate on Friday. Not since Nixon resigned on Aug. 9, 1974, has a "
            "president faced such a vote, lawmakers said.")
    p = infer_published(body)
    assert p.date == dt.date(1974, 8, 9) and p.trusted is None
    assert "may be a date in the past" in (p.evidence or "")


def test_dateline_with_its_weekday_is_trusted_at_day_precision() -> None:
    body = ("Susan Watts | 18:00 UK time , Saturday , 25 April 2009 Experts are concerned about the new virus, "
            "which first appeared on 12 April 2009 in Mexico.")
    p = infer_published(body)
    assert (p.date, p.precision) == (dt.date(2009, 4, 25), "day") and p.confidence >= 0.8
    wrong_weekday = infer_published("Officials met on Friday, 25 April 2009, far into the talks of the week.")
    assert wrong_weekday.confidence < 0.8  # 25 April 2009 was a Saturday


def test_planned_dates_and_years_ago_are_not_evidence() -> None:
    p = infer_published("The agency said on Tuesday that the summit will be held on Monday, June 3, 2030, in Rome "
                        "after months of delay and many meetings of the officials.")
    assert p.date is None
    ctx = find_anchors(["The war has raged since it began in March 2011."])
    assert infer_published("The war generation was born 30 years ago, long before anyone spoke.", ctx=ctx).date is None


def test_duration_needs_an_anchor_on_the_same_subject() -> None:
    ctx = find_anchors(["The Asian financial crisis began in Thailand in July 1997."])
    body = "It's been almost 10 years since the Lockerbie bombing, a Libyan official said of the crisis."
    assert infer_published(body, ctx=ctx).date is None

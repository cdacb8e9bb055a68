from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsweave.extract.dates import DateContext, find_anchors, full_dates, infer_published
from newsweave.extract.sentences import split_sentences
from newsweave.types import PublishedDate, Sentence

NO_ANCHORS = DateContext()


def published(body: str, extra_lines: Sequence[str] = (), *, head_date_lines: Sequence[str] = (),
              hint: str | None = None, html_date: str | None = None, ctx: DateContext = NO_ANCHORS
              ) -> PublishedDate:
    """``infer_published`` given the body's own sentences (``split_sentences``), as the pipeline passes them."""
    return infer_published(body, split_sentences(body), extra_lines, head_date_lines=head_date_lines, hint=hint,
                           html_date=html_date, ctx=ctx)


def anchors(*texts: str) -> DateContext:
    """``find_anchors`` over texts with their own sentences."""
    return find_anchors((t, split_sentences(t)) for t in texts)


BODY = "The talks will try to end a war that has raged for almost 5 years, officials said on Saturday."


def test_labelled_update_line_wins_with_day_precision() -> None:
    p = published("Body text.", ["Monday, June 24, 2024", "Update : 08 May 2013, 03:26 AM"])
    assert (p.date, p.precision) == (dt.date(2013, 5, 8), "day")
    assert p.evidence == "Update : 08 May 2013, 03:26 AM" and p.confidence >= 0.8


def test_metadata_hint_and_html_date() -> None:
    assert published("x", hint="2025-03-26").date == dt.date(2025, 3, 26)
    p = published("x", html_date="2024-01-02")
    assert (p.date, p.precision) == (dt.date(2024, 1, 2), "day")


def test_caption_date_is_a_lower_bound_at_month_precision() -> None:
    p = published("Talks went on.", ["Ministers shake hands in Moscow, Russia, May 8, 2013."])
    assert (p.date, p.precision) == (dt.date(2013, 5, 8), "month")
    assert "May 8, 2013" in (p.evidence or "")


def test_duration_counted_from_an_anchor_found_in_another_article() -> None:
    ctx = anchors("The war has killed thousands since it began as protests in March 2011.")
    assert ctx.anchors[0].date == dt.date(2011, 3, 1)
    p = published(BODY, ctx=ctx)
    assert (p.date.year if p.date else None, p.precision) == (2016, "year")
    assert "almost 5 years" in (p.evidence or "")


def test_month_day_without_year_uses_inferred_year() -> None:
    ctx = DateContext(anchors("The conflict began in March 2011.").anchors)
    body = "At least 80,000 people have been killed in the past two years of the conflict. Rockets hit on May 26."
    p = published(body, ctx=ctx)
    assert p.date == dt.date(2013, 5, 26) and p.precision == "month"


def test_unlabelled_top_date_is_weak_and_only_a_last_resort() -> None:
    p = published("Nothing dated here.", head_date_lines=["Monday, June 24, 2024"])
    assert p.date == dt.date(2024, 6, 24) and p.confidence <= 0.25
    assert published("Nothing dated here.").date is None


def test_full_dates_formats() -> None:
    got = [d for d, _ in full_dates("On May 8, 2013 and 14 March 2025 and 2020-02-29 but not 2021-02-30.")]
    assert got == [dt.date(2013, 5, 8), dt.date(2025, 3, 14), dt.date(2020, 2, 29)]


def test_a_date_in_the_past_of_the_story_is_not_trusted() -> None:
    """Undated wire copy naming a historical date: a lower bound at most, never a trusted publication date."""
    body = ("The House opened the impeachment debate on Friday. Not since Nixon resigned on Aug. 9, 1974, has a "
            "president faced such a vote, lawmakers said.")
    p = published(body)
    assert p.date == dt.date(1974, 8, 9) and p.trusted is None
    assert "may be a date in the past" in (p.evidence or "")


def test_dateline_with_its_weekday_is_trusted_at_day_precision() -> None:
    body = ("Susan Watts | 18:00 UK time , Saturday , 25 April 2009 Experts are concerned about the new virus, "
            "which first appeared on 12 April 2009 in Mexico.")
    p = published(body)
    assert (p.date, p.precision) == (dt.date(2009, 4, 25), "day") and p.confidence >= 0.8
    wrong_weekday = published("Officials met on Friday, 25 April 2009, far into the talks of the week.")
    assert wrong_weekday.confidence < 0.8  # 25 April 2009 was a Saturday


def test_planned_dates_and_years_ago_are_not_evidence() -> None:
    p = published("The agency said on Tuesday that the summit will be held on Monday, June 3, 2030, in Rome "
                  "after months of delay and many meetings of the officials.")
    assert p.date is None
    ctx = anchors("The war has raged since it began in March 2011.")
    assert published("The war generation was born 30 years ago, long before anyone spoke.", ctx=ctx).date is None


def test_duration_needs_an_anchor_on_the_same_subject() -> None:
    ctx = anchors("The Asian financial crisis began in Thailand in July 1997.")
    body = "It's been almost 10 years since the Lockerbie bombing, a Libyan official said of the crisis."
    assert published(body, ctx=ctx).date is None


def test_dateline_in_the_first_sentence_as_split_by_split_sentences() -> None:
    body = ("WASHINGTON, Saturday, 25 April 2009 - Officials met far into the night. They will meet again on "
            "Monday, 27 April 2009, and a vote is scheduled for Friday, 1 May 2009.")
    sentences = split_sentences(body)
    assert len(sentences) == 2 and body[sentences[0].start : sentences[0].end].startswith("WASHINGTON, Saturday")
    p = infer_published(body, sentences)
    assert (p.date, p.precision) == (dt.date(2009, 4, 25), "day") and p.confidence >= 0.8
    assert p.evidence == "dateline: 25 April 2009 (written with its weekday)"


def test_durations_and_anchors_are_read_in_the_given_sentences() -> None:
    """The sentences passed in are the ones read: a duration counts only in a sentence naming the conflict."""
    ctx = anchors("The war has killed thousands since it began as protests in March 2011.")
    body = "The war goes on. It has raged for almost 5 years, officials said."
    assert infer_published(body, split_sentences(body), ctx=ctx).date is None
    whole = (Sentence(0, 0, len(body)),)
    p = infer_published(body, whole, ctx=ctx)
    assert (p.date, p.precision) == (dt.date(2016, 1, 1), "year")
    text = "Talks resumed. The war began in March 2011."
    assert find_anchors([(text, split_sentences(text))]).anchors[0].evidence == "The war began in March 2011."
    assert find_anchors([(text, (Sentence(0, 0, 14),))]).anchors == ()


def test_a_birth_date_on_a_dropped_line_is_no_caption_date() -> None:
    """A line dropped from the body that gives someone's birth is no picture's day; "in Moscow, May 8, 2013" is."""
    p = published("Police named the attacker on Monday.", ["Born on November 21 1985, in a suburb of the city."])
    assert p.trusted is None  # at most an untrusted lower bound ("latest date in the text")
    p2 = published("Police named the attacker.", ["Officials meet in Moscow, Russia, May 8, 2013, after the talks."])
    assert (p2.date, p2.precision) == (dt.date(2013, 5, 8), "month")
    p3 = published("Police named the attacker.", ["Candles outside the hall where 130 died, on November 14, 2015."])
    assert (p3.date, p3.precision) == (dt.date(2015, 11, 14), "month")  # the picture's day

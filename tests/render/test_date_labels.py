"""How an article's publication date reads: trusted as is, low confidence with ~, untrusted not at all."""

from __future__ import annotations

import datetime as dt

from newsweave.render.labels import date_label
from newsweave.types import PublishedDate


def test_a_date_merely_mentioned_in_the_body_is_not_shown_as_the_articles_date() -> None:
    nixon = PublishedDate(dt.date(1974, 8, 9), "day", 0.25, "other date in the text: Aug. 9, 1974")
    assert date_label(nixon) == "undated"


def test_trusted_dates_show_with_a_tilde_below_high_confidence() -> None:
    assert date_label(PublishedDate(dt.date(2025, 5, 27), "day", 0.45, "story context")) == "~2025-05-27"
    assert date_label(PublishedDate(dt.date(2025, 5, 27), "day", 0.85, "dateline")) == "2025-05-27"
    assert date_label(PublishedDate(dt.date(2025, 5, 1), "month", 0.4, "caption")) == "~2025-05"
    assert date_label(PublishedDate()) == "undated"

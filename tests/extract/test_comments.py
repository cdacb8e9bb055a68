"""Readers' comments scraped after an article are not its body (our own text, in the shapes real threads take)."""

from __future__ import annotations

from newsweave.extract.comments import MIN_ARTICLE_CHARS, comments_start
from newsweave.extract.text import extract_text

ARTICLE = (
    "Engineers at the harbour said on Monday that the new pumps had cleared most of the flood water from the "
    "lower town, and that the main road would reopen by the end of the week. The council said 40 homes were "
    "still without power and that a second crew would arrive from the capital on Tuesday. Shops along the quay "
    "opened again on Sunday, and the ferry to the islands ran to its usual timetable for the first time in ten "
    "days, the port authority said."
)


def test_a_comment_thread_after_the_article_is_dropped() -> None:
    text = (ARTICLE + " At 10:14 am on 28 May 2010 , riverwatcher wrote : They should have built the wall years "
            "ago . At 10:28 am on 28 May 2010 , jo_b wrote : This comment was removed because the moderators "
            "found it broke the house rules .\n\nAt 11:04 am on 28 May 2010 , harbour2 wrote : Good work by the "
            "crews, they deserve a medal for what they did this week.")
    got = extract_text(text)
    assert got.body.endswith("the port authority said.")
    assert "wrote" not in got.body and "medal" not in got.body
    reasons = [d.reason for d in got.dropped if "wrote" in d.text]
    assert reasons == ["readers' comments", "readers' comments"]  # the rest of the line, then the next line


def test_comment_headers_in_several_shapes_and_prose_that_quotes_a_writer() -> None:
    n = len(ARTICLE) + 1
    assert n > MIN_ARTICLE_CHARS
    for header in ("At 12:19 26th Apr 2009 , Jim213 wrote : hi", "March 27 , 2011 at 1:56 am | Jersey wrote : so",
                   "January 29 , 2011 at 9:43 am | Report abuse | I agree", "Posted by kiwidave | Report as abusive",
                   "Posted by : rallyart2012 | April 30 , 2010 12:27 PM | Report abuse"):
        assert comments_start(f"{ARTICLE} {header}") == n, header
    for prose in ("In a letter to the mayor, the engineer wrote : the wall will hold.",
                  "After the 1997 election , Lanchester wrote : things changed"):
        assert comments_start(f"{ARTICLE} {prose}") is None
    assert comments_start(ARTICLE) is None
    assert comments_start("Posted by Jane Doe on 2 May 2010 | " + ARTICLE) is None  # a blog post's byline


def test_a_comment_thread_dates_nothing() -> None:
    """A comment's timestamp or a "Posted by NAME 2 May 2012" in the thread is no evidence of the article's date
    (Timeline17 pages were dated from them, years off)."""
    from newsweave.config import Settings
    from newsweave.pipeline import extract_articles
    from newsweave.types import RawDoc

    text = (ARTICLE + " Posted by harbour2 2 May 2012 | Report abuse | Good work by the crews. "
            "At 10:14 am on 28 May 2014 , riverwatcher wrote : They should have built the wall years ago .")
    (a,), rejected = extract_articles([RawDoc(id="c1", origin="c1.txt", content=text, content_type="text")],
                                      Settings(embedder="lexical", analyze=False))
    assert not rejected
    assert "wrote" not in a.text and "Posted by" not in a.text
    assert a.published.date is None


def test_a_thread_on_lines_of_its_own_after_paragraphs_is_dropped_and_dates_nothing() -> None:
    from newsweave.config import Settings
    from newsweave.pipeline import extract_articles
    from newsweave.types import RawDoc

    paragraphs = ARTICLE.replace(". ", ".\n\n")
    text = (paragraphs + "\n\nPosted by harbour2 2 May 2012 | Report abuse\n\nGood work by the crews this week, "
            "they deserve every bit of praise they get.\n\n12th August 2014 - 23:07 This comment was removed "
            "because the moderators found it broke the house rules.")
    got = extract_text(text)
    assert got.body.endswith("the port authority said.") and "Posted" not in got.body and "praise" not in got.body
    (a,), _ = extract_articles([RawDoc(id="c2", origin="c2.txt", content=text, content_type="text")],
                               Settings(embedder="lexical", analyze=False))
    assert a.published.date is None


def test_news_prose_with_a_time_and_a_name_is_no_comment() -> None:
    for prose in ("At 9:30 a.m. on May 5, 2010, police spokesman John Smith said: the road is closed.",
                  "In a video posted by the militants on 3 March 2011, the hostages appeared.",
                  "A statement posted by the ministry on May 3, 2011, gave the toll.",
                  "At 2:46 pm on March 11, 2011, the quake struck and one survivor says: it shook."):
        assert comments_start(f"{ARTICLE} {prose}") is None, prose
    assert comments_start(f"{ARTICLE} 12th August 2011 - 23:07 This comment was removed because the moderators "
                          "found it broke the house rules.") == len(ARTICLE) + 1

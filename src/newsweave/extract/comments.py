"""Readers' comments scraped with an article: where the comment thread starts in plain text.

A page's comment thread comes after the article, each comment headed by when and who: "At 10:14 am on 28 May
2010 , pzero wrote :" (BBC), "At 12:19 26th Apr 2009 , Jim213 wrote :", "March 27 , 2011 at 1:56 am | Jersey
wrote :", "January 29 , 2011 at 9:43 am | Report abuse |" (CNN), "Posted by : rallyart2012 | April 30 , 2010
12:27 PM | Report abuse", "Posted by kiwidave | Report as abusive". A time and a date right before a short name and
"wrote:" are such a header; prose quoting a writer ("In a letter to Feinberg, Gillers wrote:") has no timestamp
before the name. The moderators' notice "This comment was removed because the moderators found it broke the
house rules" is one too (with the timestamp before it, "12th August 2011 - 23:07"). Where the header follows its
comment (CNN's "| Report abuse", the Washington Post's and Reuters' "Posted by NAME |"), that first comment
stays. Everything from the first header on is readers' text, not the article (HTML pages are read without
comments by trafilatura).
"""

from __future__ import annotations

import re

from newsweave.calendar_words import MONTH_ALTERNATION

COMMENTS = "readers' comments"
"""The reason a dropped line gives when it is (part of) the comment thread."""

_TIME = r"\d{1,2}\s?:\s?\d{2}(?:\s?[ap]\.?m\.?)?(?:\s+(?:GMT|BST|UTC|ET|EST|EDT))?"
_DAY_MONTH_YEAR = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_ALTERNATION})\.?\s*,?\s+\d{{4}}"
_MONTH_DAY_YEAR = rf"(?:{MONTH_ALTERNATION})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,\s*\d{{4}}"
_DATE = rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})"
_STAMP = (rf"(?:(?:\bAt\s+)?{_TIME}\s+(?:on\s+)?{_DATE}|{_DATE}\s+(?:at\s+)?{_TIME}"
          rf"|{_DATE}\s*[-–]\s*{_TIME})")
_HANDLE = r"[^\s.!?,;:]+"
"""A commenter's name: one token without sentence punctuation ("Jim213", "pzero")."""
_HEADER = re.compile(
    rf"{_STAMP}\s*[,|\-–]?\s*(?:{_HANDLE}\s+){{0,3}}?{_HANDLE}\s+wrote\s*:"
    rf"|(?:{_STAMP}\s*)?\|\s*Report (?:abuse|as abusive)\b"
    rf"|(?-i:\bPosted by)\s*:?\s*{_HANDLE}(?:\s+{_HANDLE}){{0,3}}\s*(?:\||\s(?:on\s+)?{_DATE})"
    rf"|(?:{_STAMP}\s*)?\bThis comment was removed because the moderators\b",
    re.I,
)
"""Only "wrote": "At 9:30 a.m. on May 5, 2010, police spokesman John Smith said:" is a news report; "Posted by"
only capitalised ("in a video posted by the militants on 3 March 2011" is prose)."""
MIN_ARTICLE_CHARS = 400
"""A header needs this much text before it: a thread follows an article ("Posted by Jane Doe on 2 May 2010" at
the top of a blog post is its byline)."""


def comments_start(text: str, before: int = 0) -> int | None:
    """Where the first readers' comment header is in ``text``, after ``MIN_ARTICLE_CHARS`` of text counting the
    ``before`` characters of article that precede ``text`` (earlier lines), or None."""
    m = _HEADER.search(text, max(0, MIN_ARTICLE_CHARS - before))
    return m.start() if m else None

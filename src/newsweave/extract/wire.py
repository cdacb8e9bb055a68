"""Wire-copy furniture: the dateline that opens a wire story and the syndication notes around it.

A dateline ("ISTANBUL, Turkey _", "WASHINGTON (AP) --", "MOSCOW, May 7 (Reuters) -"), or a syndicated
editorial's frame ("The New York Times said in an editorial on Monday, Nov. 23:"), is not part of the first
sentence: a summary line or timeline entry must not start with it. It is evidence, though: of where the story was
filed, of the agency (the outlet when nothing else names one) and, when it carries a date, of the publication
day. ``split_dateline`` parses it off the body *before* the body is split into sentences, so every sentence offset
refers to the stored (stripped) text, and the caller keeps the dateline for the date and outlet evidence.

Syndication notes ("CoxNet layouts are for sale", "(c) 1998 Cox News Service", "Distributed by ...") are lines
that only say how the copy is sold; ``is_syndication_note`` tells them so extraction drops them as boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.extract.gazetteer import known_outlet

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?"
_CAPS_PLACE = r"[A-Z][A-Z.'’&\-]+(?:\s+[A-Z][A-Z.'’&\-]+){0,3}"
"""A place written in capitals, as wire datelines write it: "WASHINGTON", "UNITED NATIONS", "ST. LOUIS"."""
_ANY_PLACE = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}"
_REGION = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,2}"
_AGENCY = r"\((?P<agency>[A-Z][\w .&/\-]{0,30})\)"
_SEP = r"(?:_|-{1,2}|—|–)"
_TAIL = rf"(?:,\s*(?P<region>{_REGION}))??(?:,\s*(?P<date>{_DATE}))?\s*"
_CAPS_DATELINE_RE = re.compile(rf"(?P<place>{_CAPS_PLACE}){_TAIL}(?:{_AGENCY})?\s*{_SEP}(?:\s+|$)")
"""A place in capitals, an optional region, date and agency, then a dash or underscore ("WASHINGTON _")."""
_AGENCY_DATELINE_RE = re.compile(rf"(?P<place>{_ANY_PLACE}){_TAIL}{_AGENCY}\s*(?P<sep>{_SEP})?(?:\s+|$)")
"""A place in any case, then an agency in parentheses ("Moscow, May 7 (Reuters) -", "Washington (CNN) ..."). Prose
opens the same way ("Sen. Rand Paul (R-Ky.) on Tuesday", "The Government Accountability Office (GAO) estimates",
"Brazil's JBS SA (JBSS3.SA) told"), so the parenthetical is an agency only when it does not abbreviate the words
before it (``_abbreviates``) and, unless it is a news outlet of the gazetteer, a dash follows and the opening
words are no title (``_TITLE_OPENING``)."""
_TITLE_OPENING = re.compile(
    r"^(?:The(?! Hague\b)|(?:Sen|Rep|Gov|Lt|Gen|Col|Capt|Sgt|Cmdr|Adm|Pres|Prof|Dr|Mr|Mrs|Ms|Rev|Amb|Atty|Supt|Insp)\.)\s")
"""Opening words of prose, not of a place: "The" (but "The Hague") or a title ("Sen.", "Gov.", "Dr."); "St. Louis",
"Ft. Worth" and "Mt. Kenya" open datelines."""


def _abbreviates(place: str, agency: str) -> bool:
    """The parenthetical is the initials of the words before it ("Israeli Defense Forces (IDF)", "The Associated
    Press (AP) reported"): a gloss, not a credit."""
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", place))
    letters = agency.replace(".", "").replace(" ", "").upper()
    return len(letters) >= 2 and letters in initials


_NOT_AN_AGENCY = re.compile(r"^(?:[DRI](?:-[A-Z][\w.]*)*|[A-Z][a-z]*\.(?:\s?[A-Z][a-z]*\.)*)$")
"""A party and state ("D", "R-Ky.", "D-N.Y.", "D-CA") or a state's abbreviation ("Ariz.", "N.Y.", "D.C."): a member
of Congress named in prose, even after a place in capitals ("WASHINGTON (R-Ky.) -" is no wire credit)."""
_EDITORIAL_RE = re.compile(
    rf"(?P<agency>The (?:[A-Z][\w.'’&\-]*\s+){{0,4}}[A-Z][\w.'’&\-]*) said in an? (?:editorial|commentary) "
    rf"(?:on|for|published)\s+(?P<date>(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{_DATE}|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s*:\s+"
)
"""A syndicated editorial's frame ("The New York Times said in an editorial on Monday, Nov. 23: The Russian
reform movement ..."): like a dateline, who and when, not the editorial's first sentence."""
_MIN_PLACE_LETTERS = 3


@dataclass(frozen=True)
class Dateline:
    """The dateline that opened a text, as written, with what it says."""

    text: str
    """As written, without the separator ("MOSCOW, May 7 (Reuters)")."""
    place: str
    """Where the story was filed ("" for an editorial's frame, which names none)."""
    region: str | None = None
    date: str | None = None
    """The date as written ("May 7"), if any."""
    agency: str | None = None


def parse_dateline(text: str) -> tuple[Dateline, int] | None:
    """The dateline opening ``text`` and the offset where the text after it starts; None when there is none."""
    editorial = _EDITORIAL_RE.match(text)
    if editorial is not None:
        written = editorial.group(0).rstrip().rstrip(":").rstrip()
        return Dateline(written, "", None, editorial.group("date"), editorial.group("agency")), editorial.end()
    caps = _CAPS_DATELINE_RE.match(text)
    m = caps or _AGENCY_DATELINE_RE.match(text)
    if m is None or sum(ch.isalpha() for ch in m.group("place")) < _MIN_PLACE_LETTERS:
        return None
    agency = m.group("agency")
    if agency is not None and caps is None and _abbreviates(m.group("place"), agency):
        return None
    if agency is not None and (_NOT_AN_AGENCY.match(agency) or (caps is None and known_outlet(agency) is None and (
            m.group("sep") is None or _TITLE_OPENING.match(m.group("place"))))):
        return None
    written = re.sub(rf"\s*{_SEP}$", "", m.group(0).rstrip()).strip()
    return Dateline(written, m.group("place"), m.group("region"), m.group("date"), m.group("agency")), m.end()


def split_dateline(body: str) -> tuple[str, Dateline | None]:
    """``body`` without the dateline that opens it, and that dateline (None, body unchanged, when there is none).

    The rest is returned exactly as written ("WASHINGTON _ NASA and ..." -> "NASA and ..."); a dateline shape
    followed by a lower-case word is no dateline and nothing is split."""
    lead = len(body) - len(body.lstrip())
    found = parse_dateline(body[lead:])
    if found is None:
        return body, None
    dateline, end = found
    rest = body[lead + end :].lstrip()
    if rest[:1].islower():
        return body, None  # "HEAD - to" is not a dateline before a sentence
    return rest, dateline


def is_dateline_only(text: str) -> bool:
    """Whether ``text`` is a dateline and nothing else ("ISTANBUL, Turkey _")."""
    found = parse_dateline(text.strip())
    return found is not None and not text.strip()[found[1] :].strip()


_SYNDICATION_RE = re.compile(
    r"^\W*(?:\(c\)|©|copyright)\s*(?:19|20)\d\d\b"
    r"|^\W*distributed by\b"
    r"|\blayouts? (?:are|is) (?:for sale|available)\b"
    r"|^\W*(?:for|to) (?:use|publication) by\b.*\bclients?\b"
    r"|^\W*(?:end (?:of )?(?:story|item)|story filed by|nyt-\d+|[A-Z]{2,6}-\d{2}-\d{2}-\d{2,4}\b)"
    r"|\b(?:news service|newswire|syndicate)\b.*\b(?:clients?|subscribers?|for sale)\b",
    re.I,
)
_MAX_NOTE_WORDS = 25


def is_syndication_note(line: str) -> bool:
    """A short line about how the copy is sold or credited ("CoxNet layouts are for sale", "(c) 1998 Cox News
    Service", "Distributed by Tribune Media Services"), not article prose."""
    text = line.strip()
    return bool(text) and len(text.split()) <= _MAX_NOTE_WORDS and bool(_SYNDICATION_RE.search(text))


_CREDIT_WORD = r"(?:[A-Z][\w.'’-]*|de|van|von|da|al-\w+)"
_AGENCY = r"(?:Getty Images|Rex Features|Rex Shutterstock|Reuters|AP|AFP|EPA|PA|Corbis|Alamy|Bloomberg)"
_PHOTO_CREDIT = re.compile(
    r"\(?\b(?:Photograph|Photo|Picture|Image)\s*:\s*(?:"
    rf"(?:{_CREDIT_WORD}\s+){{0,4}}?{_CREDIT_WORD}(?:\s*\\?/\s*{_CREDIT_WORD}(?:\s+Images)?)+"  # Name/Agency
    rf"|(?:{_CREDIT_WORD}\s+){{1,3}}for (?:the )?{_CREDIT_WORD}"  # Sarah Lee for the Guardian
    rf"|{_AGENCY}"
    r")\)?(?=\s|$)\s*"
)
"""An inline photo credit ("Photograph: Gerald Herbert/AP", "Photograph : Sarah Lee for the Guardian"), which
page scrapes glue to the caption or to the next sentence."""


def strip_photo_credits(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without its inline photo credits, and the credits removed (for the dropped-lines record)."""
    credits = tuple(m.group(0).strip() for m in _PHOTO_CREDIT.finditer(text))
    if not credits:
        return text, ()
    return " ".join(_PHOTO_CREDIT.sub(" ", text).split()), credits

"""Typed records passed between pipeline stages.

Every record is a frozen dataclass; stages never mutate what they receive. Invariants are checked in
``__post_init__`` so a bad record fails where it is built, not three stages later.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from newsweave.calendar_words import WEEKDAY_ALTERNATION
from newsweave.textutil import is_promo

ContentType = Literal["text", "html"]
Precision = Literal["day", "month", "year"]

TRUSTED_CONFIDENCE = 0.3
"""The one trusted-date rule: a publication date below this confidence (a mere lower bound such as "names March
2011") does not order, bound or separate stories, nor anchor a timeline (``PublishedDate.trusted``)."""
UNKNOWN_OUTLET = "unknown outlet"
"""What a reader sees for an article whose outlet is named nowhere (its file name is no outlet)."""
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .'-]*)?\s*\((?:AP|Reuters|AFP|UPI)\)\s*(?:_|-+|—)?\s*")
"""A wire dateline opening a lead ("MUNICH, Germany (AP) _"): not part of a headline."""
_NEWS_DAY = re.compile(rf"\b(?:{WEEKDAY_ALTERNATION.title()}|today|yesterday|tonight|last night)\b")
"""A day as a hard-news lead says it: a weekday (capitalised, as written) or a relative day."""


def names_news_day(text: str) -> bool:
    """Whether ``text`` says when it happened as a news report does ("... were indicted Wednesday", "today")."""
    return _NEWS_DAY.search(text) is not None


HEADLINE_CHARS = 130
"""Longest headline made from an untitled article's lead sentence (``Article.headline``): two lines of a page."""
_PHRASE_BREAK = re.compile(
    r"(?<!\d),\s|\s(?=(?:and said|but|as(?! (?:many|much|well|long|of|far|soon|part)\b)|after|while|when|because"
    r"|saying|amid|before|despite|following|although|though|until)\s)|\s(?=(?:_|--|—|–)\s)"
)
"""Where a lead sentence may be shortened into a headline: a comma (not one inside a figure), before a
conjunction that opens a clause of its own ("... stricken by hurricane Mitch | and said he feels close ...") or
before a dash (the wire's " _ "); not before a bare "and" ("John Kerry | and Sergei Lavrov agreed") nor a
relative "who", whose head may still lack its verb."""
HEADLINE_MIN_WORDS = 6
_PREPOSITION_BREAK = re.compile(r"\s(?=(?:of|for|in|on|at|with|from|into|over|under|near|during|against|about|"
                                r"through|toward|towards|across|since)\s)")
"""Where a long lead with no clause break may still end as a headline: before a prepositional phrase ("U.N.
Secretary-General Kofi Annan left for Libya Saturday to hold talks aimed at putting two suspects on trial | for
the 1988 Pan Am bombing"): the words before it are a complete statement more often than a cut at a word is."""
HEADLINE_PREP_MIN_WORDS = 10
"""A headline cut before a preposition keeps at least this many words (a short one says too little)."""
_DANGLING = frozenset({"of", "for", "in", "on", "at", "with", "from", "to", "by", "a", "an", "the", "and", "or",
                       "his", "her", "its", "their", "our", "this", "that", "these", "those", "than", "as",
                       "is", "are", "was", "were", "be", "been", "being", "favor", "favour", "behalf", "spite",
                       "front", "part", "terms", "charge", "instead", "ahead", "because", "out", "top", "where", "who",
                       "whom", "whose", "which", "when", "whether", "members", "call"})


_QUOTE_MARKS = ("“", '"')


def _quote_open(text: str, mark: str) -> bool:
    """``text`` ends inside a quotation opened by ``mark`` (curly “ without its ”, or an odd straight ")."""
    return text.count("“") > text.count("”") if mark == "“" else text.count('"') % 2 == 1


_OPEN_CLAUSE = re.compile(r"\b(?:that|whether)\s+(?P<rest>(?:the|a|an|its|his|her|their|[A-Z][\w.'’-]*)\b.*)$")
"""A clause opened after a verb ("argued in federal court Monday that | the proposed acquisition ...")."""
_FINITE = frozenset({"is", "was", "were", "are", "will", "would", "has", "have", "had", "can", "could", "may", "might",
                     "must", "should", "did", "does", "do", "said", "says"})
"""Words that give a clause its verb, for ``_ends_a_phrase`` (no tagger here: a short, sure list)."""
_PAST = frozenset("won lost made took gave went came told left found held began became kept sent paid brought bought "
                  "fell rose hit cut put set led met ran sold stood struck spent built shot broke chose drove flew grew "
                  "knew saw thought wrote fought sought caught taught threw".split())
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"})


def _has_verb(clause: str) -> bool:
    """Whether a clause has a finite verb, read without a tagger: an auxiliary or "said" (``_FINITE``), a common
    irregular past, or a word in -ed that is no modifier after a determiner ("the proposed acquisition")."""
    words = [w.lower().strip(",;:") for w in clause.split()]
    return any(w in _FINITE or w in _PAST or (w.endswith("ed") and len(w) > 3 and (i == 0 or words[i - 1] not in
                                                                                    _DETERMINERS))
               for i, w in enumerate(words))


def _ends_a_phrase(prefix: str) -> bool:
    """``prefix`` may end a headline cut before a preposition: long enough, not ending on a word that needs
    what follows ("a lending program of | at least"), not inside a quotation ("was “the face | of ...") and not
    inside a "that" clause still without its verb ("argued ... that the proposed acquisition | of Netscape ...":
    the reader is left waiting for what the acquisition does)."""
    words = prefix.split()
    clause = _OPEN_CLAUSE.search(prefix)
    return (len(words) >= HEADLINE_PREP_MIN_WORDS and words[-1].lower() not in _DANGLING
            and not any(_quote_open(prefix, mark) for mark in _QUOTE_MARKS)
            and not (clause and not _has_verb(clause["rest"])))


def _last_break(lead: str, breaks: re.Pattern[str], ok: Callable[[str], bool]) -> str | None:
    """The longest opening of ``lead`` within ``HEADLINE_CHARS`` that ends at a ``breaks`` match and is ``ok``."""
    cuts = [m.start() for m in breaks.finditer(lead, 0, HEADLINE_CHARS + 1)]
    return next((lead[:b] for b in reversed(cuts) if ok(lead[:b])), None)


def _without_full_stop(sentence: str) -> str:
    """A sentence as a headline: without its closing full stop (an ellipsis ".." stays)."""
    return sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence
_FRONTED = re.compile(
    r"^(?:(?:In|At|After|Before|Despite|Amid|Following|As|While|When|Although|Though|Because|Since|Unlike|With|"
    r"According to|Under|For|On|Once|Until|Sometime|Earlier|Later|Shortly)\b|[A-Z][a-z]+(?:ing|ed) (?=[a-z])|"
    r"(?:A|An|One|Two|Three|Four|Five|Several|Hours|Days|Weeks|Months|Minutes|Moments)\s+"
    r"(?:(?:day|days|week|weeks|month|months|hour|hours|minute|minutes|year|years)\s+)?(?:after|before|later)\b)"
    r"[^,]*, "
)
"""A lead's fronted modifier ("Worried that colleagues face arrest, ...", "In a surprise move, ..."): no headline
of its own; a long lead's headline is taken from the main clause after it. Also a time phrase ("A day after
shooting down a jetliner, ...", "Two weeks before the vote, ...")."""
_APPOSITIVE = re.compile(r"^(?P<head>[A-Z][^,]{2,60}), (?P<aside>[a-z][^,]*), "
                         r"(?P<rest>(?!(?:and|but|or|who|which|that|while)\b)\S.*)$")
"""A subject's aside between commas ("The National Basketball Association, embroiled in a labor dispute with its
players, Tuesday canceled ..."): a long lead without it is the headline, as a copy editor would shorten it."""
_PRONOUN_START = re.compile(r"(?:he|she|they|it|we|i)\b", re.I)
"""A main clause that opens with a pronoun says less than the fronted phrase it follows ("Hours after X was
released ..., | he spoke ...")."""


def _is_name(phrase: str) -> bool:
    """A short named subject ("The National Basketball Association", "Russian President Boris Yeltsin",
    "Portuguese novelist Jose Saramago"): ends on a capitalised word, at most one lowercase word, no opening
    preposition ("By only one vote"), six words at most."""
    words = phrase.split()
    lower = [w for w in words if not w[:1].isupper() and w not in ("of", "the", "de", "al")]
    verb_like = any(w.endswith(("ed", "s")) for w in lower)  # "Israel bombed Lebanon" is a clause, not a name
    return (2 <= len(words) <= 6 and words[-1][:1].isupper() and len(lower) <= 1 and not verb_like
            and words[0] not in ("By", "In", "At", "On", "For", "With", "From", "To", "As", "After", "Before"))


_FINEST: tuple[Precision, ...] = ("day", "month", "year")


def date_at(d: dt.date, precision: Precision | None) -> str:
    """A date as text at its precision: YYYY-MM-DD, YYYY-MM or YYYY."""
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def endpoint_precision(d: dt.date | None, dated: Iterable[tuple[dt.date | None, Precision | None]]) -> Precision:
    """The precision a story's first or last date ``d`` stands for: the finest precision among the articles
    dated ``d`` (a story bounded by one year-precise article spans "2016", not "2016-01-01")."""
    found = [p for day, p in dated if p is not None and day == d]
    return min(found, key=_FINEST.index) if found else "day"


def date_span(first: dt.date | None, last: dt.date | None,
              first_precision: Precision | None = "day", last_precision: Precision | None = "day") -> str:
    """A story's date range as a reader sees it: each end at its precision, one date when both ends read the
    same ("2016", not "2016-01-01 – 2016-01-01") or one end lies in the other's month or year ("2013-05", not
    "2013-05-08 – 2013-05"), "undated" when there is none."""
    ends = [date_at(d, p) for d, p in ((first, first_precision), (last, last_precision)) if d is not None]
    if not ends:
        return "undated"
    first_text, last_text = ends[0], ends[-1]
    if last_text.startswith(first_text) or first_text.startswith(last_text):
        return min(first_text, last_text, key=len)  # one end inside the other's month or year: that period
    return f"{first_text} – {last_text}"


@dataclass(frozen=True)
class RawDoc:
    """One input document as read from a source, before extraction.

    ``origin`` says where it came from (a path, ``path:line`` for JSONL, or ``<stdin>``). ``content`` is already
    decoded text; ``encoding`` records how the bytes were decoded. The optional hints come from JSONL fields.
    """

    id: str
    origin: str
    content: str
    content_type: ContentType
    encoding: str = "utf-8"
    url: str | None = None
    outlet_hint: str | None = None
    published_hint: str | None = None
    title_hint: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("RawDoc.id must be non-empty")
        if self.content_type not in ("text", "html"):
            raise ValueError(f"RawDoc.content_type must be 'text' or 'html', got {self.content_type!r}")


@dataclass(frozen=True)
class Reject:
    """An input that was not turned into an article, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class PublishedDate:
    """A publication date with how sure we are and the text it came from."""

    date: dt.date | None = None
    precision: Precision | None = None
    confidence: float = 0.0
    evidence: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")
        if (self.date is None) != (self.precision is None):
            raise ValueError("date and precision must be both set or both None")

    @property
    def trusted(self) -> dt.date | None:
        """The date when it is trusted (confidence at least ``TRUSTED_CONFIDENCE``), else None."""
        return self.date if self.date is not None and self.confidence >= TRUSTED_CONFIDENCE else None

    def iso(self) -> str | None:
        """The date as text at its precision: YYYY-MM-DD, YYYY-MM or YYYY."""
        return None if self.date is None else date_at(self.date, self.precision)


@dataclass(frozen=True)
class Sentence:
    """A sentence as a view into an article body: ``text[start:end]``."""

    index: int
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad sentence span [{self.start}, {self.end})")


@dataclass(frozen=True)
class Article:
    """A cleaned article: body text without boilerplate plus metadata and sentence offsets."""

    id: str
    path: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    language: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)

    def __post_init__(self) -> None:
        for s in self.sentences:
            if s.end > len(self.text):
                raise ValueError(f"sentence {s.index} ends at {s.end} past text length {len(self.text)}")

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def headline(self) -> str:
        """The article's title; for untitled copy (wire text), its lead sentence as a headline: whole when it is
        short, else (a fronted modifier such as "Worried that ..., " set aside, ``_FRONTED``) the lead without its
        subject's aside when that fits ("The NBA, embroiled in ..., canceled ...", ``_APPOSITIVE``), else its
        first clause (before the first comma) when that fits and says enough, else its longest opening phrase
        that does (ending at a comma or before a conjunction, ``_PHRASE_BREAK``), else before its last
        prepositional phrase that fits (``_PREPOSITION_BREAK``), else shortened at a word boundary with an
        ellipsis: never cut mid-word or mid-phrase without saying so."""
        return self._headline()[0]

    @property
    def headline_is_whole(self) -> bool:
        """The headline is the title or a whole lead sentence (not its first clause, not shortened)."""
        return self._headline()[1]

    @property
    def headline_rank(self) -> int:
        """How well this article heads a story, best first: 0 a title or a whole hard-news lead, 1 a hard-news
        lead shortened, 2 another whole lead, 3 any other. A hard-news lead says when it happened ("... confirmed
        Friday that ..."); a feature's opening line seldom does ("Times are tough in the oil patch", "Talk about
        high expectations"), and a whole one of those heads a story worse than a shortened report of the event."""
        if self.title and self.title.strip():
            return 0
        leads = self._leads()
        lead = next((t for t in leads if _WIRE_DATELINE.sub("", t.strip())), "")  # the one the headline is cut from
        news = names_news_day(lead)
        whole = self.headline_is_whole
        return (0 if whole else 1) if news else (2 if whole else 3)

    def _leads(self) -> list[str]:
        """The article's first two sentences that are no page promo ("Explore all of our oil spill graphics ...",
        ``textutil.is_promo``): what an untitled article's headline is cut from."""
        firsts = (self.sentence_text(i) for i in range(min(4, len(self.sentences))))
        return [t for t in firsts if not is_promo(t)][:2]

    def _headline(self) -> tuple[str, bool]:
        if self.title and self.title.strip():
            return self.title.strip(), True
        leads = self._leads() or [self.text]
        lead = _WIRE_DATELINE.sub("", " ".join(leads[0].split()))
        if not lead and len(leads) > 1:  # the dateline was split off as a sentence of its own
            lead = " ".join(leads[1].split())
        if not lead:
            return self.id, False
        if len(lead) <= HEADLINE_CHARS:
            return _without_full_stop(lead), True
        fronted = _FRONTED.match(lead)
        if (fronted and len(lead[fronted.end():].split()) >= HEADLINE_MIN_WORDS
                and not _PRONOUN_START.match(lead[fronted.end():])):
            rest = lead[fronted.end():]  # the main clause: "Worried that ..., | opposition leader X urged ..."
            lead = rest[:1].upper() + rest[1:]
            if len(lead) <= HEADLINE_CHARS:
                return _without_full_stop(lead), False
        aside = _APPOSITIVE.match(lead)
        if aside and _is_name(aside["head"]) and len(aside["aside"].split()) <= 25:
            short = f"{aside['head']} {aside['rest']}"
            if len(short) <= HEADLINE_CHARS and len(short.split()) >= HEADLINE_MIN_WORDS:
                return _without_full_stop(short), False
        clause = lead.split(", ", 1)[0]
        if len(clause.split()) >= HEADLINE_MIN_WORDS and len(clause) <= HEADLINE_CHARS:
            return clause, False
        phrase = (_last_break(lead, _PHRASE_BREAK, lambda p: len(p.split()) >= HEADLINE_MIN_WORDS)
                  or _last_break(lead, _PREPOSITION_BREAK, _ends_a_phrase))
        if phrase is not None:
            return phrase.rstrip(",;:"), False
        cut = lead[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:")
        for mark in _QUOTE_MARKS:
            if _quote_open(cut, mark) and len(cut[: cut.rfind(mark)].split()) >= HEADLINE_MIN_WORDS:
                cut = cut[: cut.rfind(mark)].rstrip(" ,;:")  # not inside a quotation: before it opens
        return cut + "…", False

    def cite(self, index: int, similarity: float = 1.0) -> Citation:
        """A citation of this article's sentence ``index`` (its offsets; ``similarity`` to the line it supports)."""
        s = self.sentences[index]
        return Citation(self.id, index, s.start, s.end, round(float(similarity), 4))

    @property
    def label(self) -> str:
        """What a reader sees as the source name: the outlet, or "unknown outlet" (never the file name, which
        the sources list shows beside it)."""
        return self.outlet or UNKNOWN_OUTLET

    @property
    def source_key(self) -> str:
        """What tells one source from another: the outlet, else the input path (two unnamed sources are not
        one outlet)."""
        return self.outlet or self.path


@dataclass(frozen=True)
class Citation:
    """A pointer to the sentence of an article that supports a line."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    similarity: float = 1.0


@dataclass(frozen=True)
class SummaryLine:
    text: str
    citations: tuple[Citation, ...]

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a summary line must cite at least one article")


@dataclass(frozen=True)
class DuplicateLink:
    """``article_id`` is a near-copy of ``duplicate_of`` (estimated Jaccard ``similarity``)."""

    article_id: str
    duplicate_of: str
    similarity: float


@dataclass(frozen=True)
class Story:
    id: str
    article_ids: tuple[str, ...]
    headline: str
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    storyline_id: str | None = None

    def __post_init__(self) -> None:
        if not self.article_ids:
            raise ValueError("a story needs at least one article")


EntityKind = Literal["person", "org", "place"]
Verdict = Literal["agree", "differ", "changed_over_time", "sources_differ"]
"""How the reports of a claim relate: one value; values that disagree for the same time; later reports higher;
or different named sources (the U.N., an observatory) giving different figures, each source consistent."""


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event of the story, merged across outlets. ``background`` marks past context (e.g. an uprising
    years before) as opposed to the story's own events."""

    date: dt.date
    precision: Precision
    text: str
    citations: tuple[Citation, ...]
    background: bool = False
    expression: str | None = None
    """The date expression as written ("on Wednesday", "last June")."""
    planned: bool = False
    """A plan or a schedule as of the reports (after the article's date, or said in the future tense), not an
    event that happened."""
    reports: tuple[Citation, ...] = ()
    """Other sentences the timeline merged into this event that are not cited: they report the same event but do
    not pass the support test for the entry's words (e.g. "the bridge shut last week" for "engineers closed the
    bridge on Thursday after finding cracks"). Shown as "also reported by"; they keep the event from being listed
    as one outlet's unique fact."""


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place under one canonical name, with the spellings seen and who mentions it."""

    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True)
class ClaimValue:
    value: float
    text: str
    """The quantity as written ("more than 80,000")."""
    outlet: str
    article_id: str
    report_date: dt.date | None
    citation: Citation
    source: str | None = None
    """Who the sentence says the figure comes from ("United Nations"); None when the outlet states it itself."""


@dataclass(frozen=True)
class Claim:
    """One quantity or statement reported by several outlets, with a verdict on how the reports relate."""

    subject: str
    values: tuple[ClaimValue, ...]
    verdict: Verdict
    kind: Literal["number", "statement"] = "number"
    note: str | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets reporting the claim's values, in order of first appearance: a claim of one outlet (two
        actors' opposing positions in one article) is not shown as a claim "across outlets"."""
        return tuple(dict.fromkeys(v.outlet for v in self.values))


@dataclass(frozen=True)
class UniqueFact:
    """A sentence that only one outlet of the story reports."""

    outlet: str
    text: str
    citation: Citation


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    """Canonical entity name of the speaker when resolved."""
    citation: Citation
    speaker_as_written: str | None = None
    document: str | None = None
    """When the text presents the quote as a document's wording, that document as named ("deal"); no speaker."""


@dataclass(frozen=True)
class KeyDate:
    """One key date of a timeline summary (``newsweave.tls``): what happened that day, each line cited."""

    date: dt.date
    lines: tuple[SummaryLine, ...]
    score: float = 0.0


@dataclass(frozen=True)
class StoryReport:
    """Everything we say about one story."""

    story: Story
    summary: tuple[SummaryLine, ...]
    timeline: tuple[TimelineEntry, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    unique: tuple[UniqueFact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    key_dates: tuple[KeyDate, ...] = ()
    """The story's key dates, for a story long enough that its full timeline is more than a reader scans
    (``tls.story.story_key_dates``); empty otherwise."""


@dataclass(frozen=True)
class Digest:
    """The result of one digest run: every article, every reject, every story."""

    articles: tuple[Article, ...]
    rejected: tuple[Reject, ...]
    stories: tuple[StoryReport, ...]
    duplicates: tuple[DuplicateLink, ...] = ()

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

"""Lines that stand alone: a sentence printed on its own must not lean on the sentence before it.

A summary line is read without its neighbours, so a sentence that opens with a discourse connective ("However,
...", "But ...", "Meanwhile, ...") or a pronoun whose referent is in an earlier sentence ("He said ...", "They
...") reads as a non sequitur. ``standalone_line`` turns a sentence into the line printed for it:

* a leading connective is dropped when what follows stands alone ("However, it remained unclear whether X" ->
  "It remained unclear whether X"): the line is then a *compression* of its sentence, a suffix of it with the
  first letter capitalised (``is_compression_of``), and its citation still gives the whole sentence as
  ``text[start:end]``;
* a sentence that opens with a pronoun pointing outside it (after any connective is dropped) has no line: None.

``summary_line`` also drops a relative weekday ("said on Tuesday they" -> "said they"): out of its article a
weekday names no day, and every summary line is shown with its article's date. Both are deletions of whole
words, so the line stays a compression of its sentence (``is_compression_of``: its words are the sentence's, in
order). Timeline entries use ``standalone_line`` alone: their date expression is what dates them.

Pure and deterministic; the selector's eligibility and the printed text both come from here.
"""

from __future__ import annotations

import re

from newsweave.calendar_words import WEEKDAY_NAMES
from newsweave.textutil import is_promo

_CONNECTIVE_RE = re.compile(
    r"^(?:(?:However|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|Still|Instead|Also|Besides|Indeed|"
    r"In addition|In fact|Even so|At the same time|Otherwise|Thus|Therefore|Hence|Consequently|Likewise|"
    r"Similarly|Separately|Anyway|After all|Of course|Then|Earlier|Later|And yet|Yet|But|And|So|Finally|Ultimately|"
    r"Additionally|Again|Lastly),\s+"
    r"|(?:But|And|Yet|Meanwhile|Nevertheless|Moreover|Furthermore)\s+(?!,))"
)
"""A discourse connective opening a sentence: any of these before a comma, the commonest also without one
("But the talks failed")."""
_PRONOUN_RE = re.compile(
    r"^(?:He|She|They|Him|Her|His|Hers|Their|Theirs|Them|Its|It(?!\s+(?:is|was|remains|remained|seems|seemed|"
    r"appears|appeared|has been|had been|will be|would be|is not|was not|isn't|wasn't)\b(?:\s+[\w’'-]+){0,3}?\s+"
    r"(?:that|whether|if|to|when|how|why|what|who)\b)|(?:This|That|These|Those|Such)\s+(?:is|was|are|were|has|have|"
    r"had|will|would|could|can|may|might|should|means|meant|came|comes|led|leads|includes|included|marks|marked))\b"
)
"""A pronoun that points outside its sentence: personal and possessive pronouns ("He said ...", "Their talks"),
"It" unless it is the expletive of "It is unclear whether ..." (the referent follows), and a demonstrative used
as a pronoun ("This is ...", "That means ..."; not "This week ...")."""


def drop_connective(text: str) -> str:
    """``text`` without a leading discourse connective, the first letter of what remains capitalised."""
    rest = _CONNECTIVE_RE.sub("", text, count=1)
    if rest == text or not rest:
        return text
    return rest[:1].upper() + rest[1:]


_COUNT_SUBJECT = re.compile(
    r"^(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Both|Several|Others|Many|Most|Some|All)"
    r"(?:\s+of\s+(?:them|those|these))?\s+(?:are|were|is|was|have|had|has|will|would|remain|remained|died|said)\b"
)
"""A count standing for people named earlier: "Three are in custody in New York, and a fourth is a fugitive"."""


_DEMONSTRATIVE_SUBJECT = re.compile(
    r"^(?:These|Those)\s+(?!(?:who|whom|which|that|of|in|at|with|without|under|over|aged|living|born|days|years|"
    r"months|weeks|times)\b)[a-z][\w’'-]*\b")
"""'Those areas cover 70 percent of the population': a plural demonstrative before a noun points at what an
earlier sentence named (not 'Those who ...', 'These days ...')."""


def leans_on_context(text: str) -> bool:
    """Whether ``text`` opens with a pronoun whose referent is outside it (see ``_PRONOUN_RE``), with a plural
    demonstrative before a noun (``_DEMONSTRATIVE_SUBJECT``), or with a bare count standing for what an earlier
    sentence named (``_COUNT_SUBJECT``)."""
    t = text.lstrip("\"'“‘` ")
    return bool(_PRONOUN_RE.match(t) or _DEMONSTRATIVE_SUBJECT.match(t) or _COUNT_SUBJECT.match(t))


def standalone_line(sentence: str) -> str | None:
    """The line printed for ``sentence``: itself, or itself without its leading connective; None when it opens
    with a pronoun that points outside it (it cannot be printed alone) or is a page's promo ("Explore all of our
    graphics ...", ``textutil.is_promo``: no report, in a summary, a timeline or the unique facts)."""
    s = sentence.strip()
    line = drop_connective(s)
    return None if leans_on_context(line) or is_promo(line) else line


_DAY = rf"(?:{WEEKDAY_NAMES})(?:\s+(?:night|morning|afternoon|evening))?"
_END = r"(?![\w'’-])"
_TELLING_WORDS = ("said", "says", "announced", "told", "reported", "added")
"""Reporting verbs a weekday may follow ("said Tuesday"); in a conjunct, they make it an attribution (", the army
said on Monday"), not an event paired with a day."""
_WEEKDAY_CUTS = (
    (re.compile(rf",\s+(?:(?:late|early)\s+)?on\s+{_DAY}{_END},"), ""),  # "Kerry, on Tuesday, met" -> "Kerry met"
    (re.compile(rf"\s+(?:(?:late|early)\s+)?on\s+{_DAY}{_END}"), ""),  # "met on Tuesday" -> "met"
    (re.compile(rf"\s+(?:late|early)\s+{_DAY}{_END}"), ""),  # "struck late Sunday night" -> "struck"
    (re.compile(rf"\b({'|'.join(_TELLING_WORDS)})\s+{_DAY}{_END}"), r"\1"),  # "said Tuesday" -> "said"
)
"""A weekday saying when within the week something happened; not "Tuesday's vote", "until Friday", "by Monday"
(a bare weekday after other words is left: dropping it would leave "until")."""


_GAPPED_DAY = re.compile(
    rf"(?:,|\band|\bor)\s+(?:the|a|an|its|his|her|their)\s+(?P<noun>(?:[\w’'-]+\s+){{1,3}}?)on\s+(?:{WEEKDAY_NAMES})\b")
"""A weekday that is all a conjunct says besides its noun ("announced Tuesday, the economics prize on Wednesday and
the peace prize on Friday": the verb is left out, the day is what the conjunct tells)."""


_ANY_DAY = re.compile(rf"\b(?:{WEEKDAY_NAMES})\b")


def drop_relative_weekdays(text: str) -> str:
    """``text`` without the weekdays that say when within the week something happened (see above); a sentence
    naming two or more days, one of them pairing an event with its day in a list (``_GAPPED_DAY``), keeps them
    all: without them the list reads as nonsense ("The physics and chemistry prizes will be announced, the economics prize and the peace prize")."""
    if len(_ANY_DAY.findall(text)) >= 2 and any(
            not set(_TELLING_WORDS) & set(m["noun"].lower().split()) for m in _GAPPED_DAY.finditer(text)):
        return text
    out = text
    for pattern, repl in _WEEKDAY_CUTS:
        out = pattern.sub(repl, out)
    return out if out.strip() else text


_ANAPHORIC_NP = re.compile(
    r"\b[Tt]he (?P<noun>agreement|deal|decision|move|request|proposal|announcement|offer|measure|plan|accord|"
    r"step|initiative)\b(?!\s+(?:to|on|of|for|with|between|by|that|which|under|among|from|over|against|reached|"
    r"signed|announced|made|struck|calling|was (?:reached|signed|announced|made))\b)"
)
"""A definite noun phrase that names no thing of its own ("announced the agreement", "The move comes ...") unless a
modifier after it says which ("the agreement to hold talks", "the deal reached in Geneva")."""


_DEMONSTRATIVE_NP = re.compile(
    r"\b(?P<det>[Tt]hat|[Tt]his)\s+(?:number|figure|amount|level|sum|total|deal|agreement|accord|decision|plan|"
    r"proposal|move|offer|request|measure|step|idea|case|issue|rule|demand|threat|claim|report|estimate|scenario|"
    r"arrangement|option)\b"
    r"|\b(?P<pdet>[Tt]hese|[Tt]hose)\s+(?:numbers|figures|amounts|proposals|demands|claims|reports|estimates|"
    r"measures|plans|deals|agreements|decisions|threats|options)\b"
)
"""'Whatever figure over that number reduces the cap', 'This proposal would ...': a demonstrative pointing back
at what an earlier sentence gave (not 'this week', 'that day': time words say when, from the article's date)."""
_COMPLEMENT_VERB = re.compile(r"\b(?:said|says|say|announced|believe[sd]?|think|thinks|thought|hope[sd]?|know|knew|"
                              r"argued|noted|added|insisted|warned|reported|showed|shows|claimed|stated|suggested|"
                              r"ensure|ensured|fear|feared|feel|felt|agreed|agree|means|meant|so|now)\s*$")
"""'said that deal talks ...': 'that' introducing a clause, not pointing back."""
_THE_TWO = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth|[Tt]he three)\s+(?:countries|nations|sides|men|women|leaders|governments|ministers|"
    r"parties|powers|companies|firms|groups|rivals|allies|presidents|officials|states|capitals)\b"
    r"|\b[Tt]he (?:two|three)\s+(?:will|would|could|can|may|might|must|should|have|had|has|are|were|is|was|do|did|"
    r"also|later|then|now|still|both|together|[a-z]+ed)\b"
)
"""'The two countries are now preparing ...', 'The two will later be joined ...': a pair (or trio) that only an
earlier sentence named."""
_NAMED_PAIR = re.compile(r"\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,?\s+(?:and|&)\s+(?:the\s+)?[A-Z]")
"""'The United States and Russia ... the two countries': the sentence names the pair itself."""


def unresolved_reference(text: str) -> bool:
    """Whether ``text`` refers to an agreement, decision, plan ... that only an earlier sentence named: "the
    agreement" with no modifier after it and no form of its word earlier in the sentence ("agreed ... the
    agreement" says which); "that number", "this proposal" (``_DEMONSTRATIVE_NP``); or to "the two countries" /
    "both sides" with no pair named before it."""
    for m in _ANAPHORIC_NP.finditer(text):
        stem = m.group("noun")[:5].lower()
        if stem not in text[: m.start()].lower():
            return True
    for m in _DEMONSTRATIVE_NP.finditer(text):
        if (m.group("det") or "").lower() != "that" or not _COMPLEMENT_VERB.search(text[: m.start()]):
            return True
    return any(_NAMED_PAIR.search(text[: m.start()]) is None for m in _THE_TWO.finditer(text))


def summary_line(sentence: str) -> str | None:
    """The summary line printed for ``sentence``: ``standalone_line`` without relative weekdays; None when the
    sentence cannot stand alone (a pronoun, a page's promo, or a definite reference to what only an earlier
    sentence named)."""
    line = standalone_line(sentence)
    if line is None or unresolved_reference(line):
        return None
    return drop_relative_weekdays(line)


_QUESTION_RE = re.compile(r"(?:^\s*|:\s+)Q[.:]\s")  # "Q. ..." or "... from the conversation: Q. ..."
_TRANSCRIPT_RE = re.compile(r"(?:^\s*|:\s+)[QA][.:]\s")


def printed_lines(sentences: list[str]) -> tuple[list[str], frozenset[int]]:
    """The line printed for each of an article's sentences ("" for none) and the indices of the lines that may be
    printed only right after the line of the sentence before them: a sentence whose definite reference ("the
    agreement", "the two countries") points to what the sentence before it names stands alone only as the
    second of the two ("The United States and Russia are finding common ground ... | The two countries are now
    preparing for a conference ..."); the lines of a story print in article order, so the pair reads as written.
    A pronoun-led sentence stays unprintable: its referent may be anywhere earlier. In an article that prints an
    interview ("Q. There is a lot of focus on ..." / "A. Well, Mobil has been trying ..."), the questions and
    answers print no line from the first of them on (an answer runs over several sentences): they are the
    speakers' words, not a report."""
    lines: list[str] = []
    follows: set[int] = set()
    transcript = any(_QUESTION_RE.search(s) for s in sentences)
    in_transcript = False
    for j, sentence in enumerate(sentences):
        in_transcript = in_transcript or (transcript and bool(_TRANSCRIPT_RE.search(sentence)))
        if in_transcript:  # from the first question or answer on ("A. Well, ... We have looked at many deals.")
            lines.append("")
            continue
        line = summary_line(sentence)
        if line is None and j > 0 and lines[j - 1]:
            alone = standalone_line(sentence)
            if alone is not None and unresolved_reference(alone):
                line = drop_relative_weekdays(alone)
                follows.add(j)
        lines.append(line or "")
    return lines, frozenset(follows)


_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def is_compression_of(line: str, sentence: str) -> bool:
    """Whether ``line`` is ``sentence`` or a compression of it: its tokens (words and punctuation marks) are the
    sentence's in order, words deleted, the first letter's case aside."""
    want = _TOKEN_RE.findall(line.strip())
    have = _TOKEN_RE.findall(sentence.strip())
    pos = 0
    for k, w in enumerate(want):
        while pos < len(have) and have[pos] != w and not (k == 0 and have[pos].lower() == w.lower()):
            pos += 1
        if pos == len(have):
            return False
        pos += 1
    return bool(want)

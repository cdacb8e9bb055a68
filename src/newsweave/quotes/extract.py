"""Direct quotes and who said them.

A quote is a span between paired quotation marks (paired like brackets within a paragraph; see
``extract.quotemarks.quote_spans``, which the sentence splitter also uses)
of at least four words. Its speaker comes from the attribution next to it: '..., Kerry said' / '..., said Kerry'
(only when the quote ends with a comma, so a following sentence is not taken as attribution) /
'Kerry said: "..."' / 'Kerry said the talks would be held "as soon as..."' / a 'saying "..."' clause (the first
person, else organisation, named earlier in the sentence) or a reporting verb whose subject is further back
('Hun Sen welcomed it but said, "..."': the same among the names within the sentence's first three words). A
pronoun speaker ('"...," he said') is a person subject: of its own sentence when named before the pronoun
('Brillantes said he explained that ... "..."'), else of the sentences before it (the subject of the last
utterance is a pronoun's preferred antecedent; ``_antecedent``); when they do not tell, or "they" speaks, the
quote stays unattributed rather than given to whoever was named last (without a parse, ``subjects``: the person
named last before the quote). A sentence that is only a quote, right after a
sentence quoting someone in the same paragraph, goes on quoting them. Speakers are returned as written; the
caller resolves them to canonical entities.

A phrase the text presents as a document's wording ('a deal for a government "with full executive authority by
mutual consent" - ambiguous wording', 'the resolution calls for "all necessary means"') is not the speaker's: it
is given the document (``RawQuote.document``, the noun as written) and no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsweave.extract.quotemarks import quote_spans
from newsweave.extract.sentences import sentence_start, split_sentences
from newsweave.types import Sentence

REPORTING_VERBS = ("said says say told tells added adds stated noted asked warned declared insisted explained argued "
                   "wrote replied lamented vowed urged cautioned continued").split()
"""The verbs that attribute words to their speaker."""
_VERBS = "(?:" + "|".join(REPORTING_VERBS) + ")"
_NAME = r"(?:[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|al-\w+|de|van|von)){0,3})"
_PRON = r"(?:he|she|He|She|they|They)"
_AFTER = re.compile(rf"^\s*,?\s*(?P<who>{_NAME}|{_PRON})\s+{_VERBS}\b")
_AFTER_INV = re.compile(rf"^\s*,?\s*{_VERBS}\s+(?P<who>{_NAME})\b")
_IN_SENTENCE = re.compile(rf"(?P<who>{_NAME}|{_PRON})\s+(?:\w+\s+)?{_VERBS}\b")
_SAYING = re.compile(r"\bsaying\s*:?\s*$")
_VERB_END = re.compile(rf"\b{_VERBS}\s*(?:that\s*)?[,:]?\s*$")
"""A reporting verb right before the quote whose subject is not next to it ('Hun Sen welcomed the plan but said,
"..."'): the sentence's first-named person speaks, as in a 'saying' clause."""
_DOCUMENT = (r"(?:deal|agreement|accord|treaty|communiqu[eé]|resolution|declaration|statement|document|text|"
             r"charter|constitution|law|bill|decree|plan|proposal|draft|report|pact|memorandum|protocol|clause)")
_DOC_BEFORE = re.compile(rf"\b(?P<doc>{_DOCUMENT})s?\b(?:(?!\b(?:{_VERBS}|saying|adding|telling|warning|noting|insisting|urging|calling)\b)[^\"“”;]){{0,160}}$",
                         re.I)
"""A document named between the attribution (if any) and the quote, with no reporting verb after it."""
_DOC_AFTER = re.compile(r"^[\s,.]*(?:[-–—]\s*)?(?:\w+\s+){0,3}?(?P<doc>wording|language|phrase|phrasing|formula|"
                        r"formulation)\b", re.I)
"""The text right after the quote calls it wording ('" - ambiguous wording that ...')."""
_DOC_SAYING = re.compile(rf"\b(?P<doc>(?:joint\s+)?{_DOCUMENT})s?\b[^\"“”;.]{{0,100}}\b(?:saying|reading|stating)\s*:?\s*$",
                         re.I)
"""'a joint statement was released saying "..."': the words are the document's when no speaker is named."""
_NOT_NAMES = {"The", "A", "An", "But", "And", "Neither", "Both", "It", "This", "That", "In", "On", "At", "If"}


@dataclass(frozen=True)
class Person:
    offset: int
    name: str
    kind: str
    """'person' or 'org'."""


@dataclass(frozen=True)
class RawQuote:
    text: str
    start: int
    """Offset of the quoted text (inside the marks) in the article body."""
    end: int
    speaker: str | None
    pronoun: bool
    document: str | None = None
    """The document whose wording the quote is, as the text names it ("deal", "communique"), else None."""


@dataclass(frozen=True)
class Subject:
    """The grammatical subject of a sentence's main verb, as the parse gives it."""

    offset: int
    """Where it is written in the text."""
    name: str | None
    """A name as written ("Ivan Mejia"); None for a pronoun or a description."""
    pronoun: bool = False
    person: bool = False
    """The name is a person's (the story's entities say so): only a person is 'he' or 'she'."""


SUBJECT_LOOKBACK = 3
"""Sentences before a pronoun's own searched for its antecedent, not counting those whose subject is a pronoun
(the same person, said again) or that have none outside quotation marks (words quoted), up to ``SUBJECT_REACH``."""
SUBJECT_REACH = 8


def _antecedent(sentences: Sequence[Sentence], at: int, subjects: Callable[[int], Subject | None],
                people: Sequence[Person], quote_start: int) -> str | None:
    """The person a singular pronoun written at ``at`` stands for: the subject of its own sentence when that is a
    person named before it, else the first person subject going back ``SUBJECT_LOOKBACK`` sentences,
    over subjects that are pronouns (the same person, said again), places or organisations (no 'he' or 'she') or
    descriptions ("Their car-bomb", "The writer"); past a description, only when no other person is named between
    that subject and the pronoun (the description may be that other person); when no subject tells (none found,
    pronouns, places), the one person named in those sentences (``_only_person``). None when nothing fits. People
    named in the quote itself (from ``quote_start`` on) are not candidates: they are who the words are about."""
    until = min(at, quote_start)
    own = next((k for k, x in enumerate(sentences) if x.start <= at < x.end), None)
    if own is None:
        return None
    first = subjects(sentences[own].start)
    if first is not None and first.person and first.name is not None and first.offset < at:
        return first.name
    described = False
    counted = 0
    for k in range(own - 1, max(-1, own - 1 - SUBJECT_REACH), -1):
        subj = subjects(sentences[k].start)
        if subj is None or subj.pronoun:
            continue
        counted += 1
        if counted > SUBJECT_LOOKBACK:
            break
        if subj.name is not None and not subj.person:
            continue
        if subj.name is None:
            described = True
            continue
        name = subj.name
        if described and any(subj.offset < p.offset < until and _other(p.name, name) for p in people
                             if p.kind == "person"):
            return None
        return name
    return None if described else _only_person(people, sentences[max(0, own - SUBJECT_LOOKBACK)].start, until)


def _other(a: str, b: str) -> bool:
    """Two names of different people (not one the other's surname or full form)."""
    return a != b and not a.endswith(" " + b) and not b.endswith(" " + a)


def _only_person(people: Sequence[Person], start: int, at: int) -> str | None:
    """The one person named between ``start`` and ``at`` (the pronoun's own sentence and the three before),
    when the subjects tell nothing: with no other person named there, nobody else can be meant."""
    named = [p.name for p in people if start <= p.offset < at and p.kind == "person"]
    if not named:
        return None
    full = max(named, key=len)
    return full if all(not _other(n, full) for n in named) else None


_ORG_SPEAKER = re.compile(r"\b(?:Reuters|Associated Press|AP|AFP|Xinhua|Interfax|Itar-Tass|TASS|Service|Agency|"
                          r"Ministry|Department|Office|Council|Committee|Commission|Union|Party|Government|Police|"
                          r"Army|Court|Bank|Company|Corp|Inc|News|Times|Post|Press|Radio|Television|TV)\b|^[A-Z]{2,}$")
"""A speaker whose name says it is an organisation: it does not go on speaking as 'he' or 'she'."""
_LOCATED = re.compile(rf"(?P<who>{_NAME})\s+(?:in|at)\s+$")
"""A name placed by 'in'/'at' before the one that 'said': 'The U.S. National Weather Service in Miami said'."""


def _located(before: str, said: re.Match[str], named: set[int], offset: int) -> str | None:
    """The speaker of 'The U.S. National Weather Service in Miami said', 'Kerry in Paris said': the name placed
    by 'in'/'at' right before the name that 'said' (which is then where it is, not who), when it has two words
    or more or is a person or organisation the story names there (``named``: offsets in the text, of which
    ``before`` starts at ``offset``); not 'Officials in Tegucigalpa said'."""
    mm = _LOCATED.search(before[: said.start()])
    if mm is None or not _valid(mm.group("who")):
        return None
    return mm.group("who") if len(mm.group("who").split()) >= 2 or offset + mm.start("who") in named else None


_TITLES = frozenset("Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Sgt Capt Adm Maj Prof Rev St Jr Sr Mt Ft Cmdr Gens Sens Reps "
                    "Pres Supt Insp Cpl Pvt Brig Msgr Sgts".split())
_NAME_END = re.compile(r"(?<=\w)\.\s+")
"""A full stop inside a matched name ends it, unless it closes an initial or a title ("said Zha. What many ...":
the speaker is Zha; "Sen. Joe Biden", "J. Smith" stay whole)."""


_TITLE_SMALL = frozenset("a an the of with and or for in on at to by from as vs de la le del du von van".split())


def is_title(quote: str) -> bool:
    """A quoted span in title case (every word capitalised but the small ones, 4 to 10 words, no full stop):
    the name of a show, a book, a law or a slogan ("The Late Night Show with Stephen Colbert", "For the People
    Act"), nobody's words; not shouting in capitals ("NO COLLUSION AT ALL")."""
    text = quote.strip().rstrip(",;:")
    words = text.split()
    if not 4 <= len(words) <= 10 or text[-1:] in ".!?" or text.isupper():
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _TITLE_SMALL or not w[:1].isalpha() for w in words)


def _valid(who: str | None) -> str | None:
    if who is None:
        return None
    for m in _NAME_END.finditer(who):
        word = who[: m.start()].split()[-1]
        if len(word) > 1 and word not in _TITLES:
            who = who[: m.start()]
            break
    first = who.split()[0]
    return None if first in _NOT_NAMES else who


def _document(before: str, after: str, continues: bool) -> str | None:
    """The document a mid-sentence quoted phrase is the wording of, when the text says so (see module doc)."""
    if continues or before.rstrip().endswith(":"):
        return None  # '"...," Kerry said' / 'Kerry said: "..."': the speaker's own words
    if (m := _DOC_AFTER.search(after)) is not None:
        doc = _DOC_BEFORE.search(before)
        return doc.group("doc") if doc else m.group("doc")
    if (m := _DOC_BEFORE.search(before)) is not None and len(before[m.end("doc") :].split()) <= 25:
        return m.group("doc")
    return None


def find_quotes(
    text: str, sentences: Sequence[Sentence] | None = None, people: Sequence[Person] = (),
    subjects: Callable[[int], Subject | None] | None = None,
) -> list[RawQuote]:
    """Quotes in ``text`` with speakers as written. ``sentences`` are the text's own sentences (split here when
    not given); ``people`` are person/organisation mentions in order; ``subjects`` gives the subject of the
    sentence starting at an offset (from the parse), by which a pronoun speaker is resolved."""
    if sentences is None:
        sentences = split_sentences(text)
    out: list[RawQuote] = []
    last: tuple[int, RawQuote] | None = None  # the last quote with a speaker, and where its sentence starts
    named = {p.offset for p in people}
    for qs, qe in quote_spans(text):
        q = text[qs:qe].strip()
        if len(q.split()) < 4:
            continue
        after = text[qe + 1 : qe + 80]
        sent_start = sentence_start(sentences, qs - 1)
        before = text[sent_start : qs - 1]
        who: str | None = None
        who_at = qs
        continues = q.endswith((",", "?", "!")) or after.lstrip().startswith(",")
        if continues:
            for pat in (_AFTER, _AFTER_INV):
                if (mm := pat.search(after)) and (who := _valid(mm.group("who"))):
                    who_at = qe + 1 + mm.start("who")
                    break
        if who is None and is_title(q):
            continue  # "The Beat with Ari Melber", "Justice in Policing Act of 2020": a name, nobody's words
        if who is None:
            found = [(_located(before, mm, named, sent_start) or w, sent_start + mm.start("who"))
                     for mm in _IN_SENTENCE.finditer(before) if (w := _valid(mm.group("who")))]
            who, who_at = found[-1] if found else (None, qs)
        pronoun = False
        if who is None and _SAYING.search(before) and "joint statement" not in before:
            who = _person_else_org([p for p in people if sent_start <= p.offset < qs])
        elif who is None and _VERB_END.search(before):
            # the subject opens the sentence ("Prime Minister Hun Sen, who ..., welcomed it but said"), not a
            # name further in ("Asked whether he would meet Kofi Annan, the minister said"); "Home Office
            # Minister Alun Michael ... said": the minister
            who = _person_else_org([p for p in people
                                    if sent_start <= p.offset < qs and len(text[sent_start : p.offset].split()) <= 3])
        elif who is not None and re.fullmatch(_PRON, who) and subjects is not None:
            who = None if who.lower() == "they" else _antecedent(sentences, who_at, subjects, people, qs)
            pronoun = True
        elif who is not None and re.fullmatch(_PRON, who):
            # '"...," Bowers told judges. "...," he said.': the last speaker, unless its name says organisation
            # ('Reuters said', _ORG_SPEAKER; NER's kinds of surnames are too unsure), when no person is named
            # since (not 'Jelisic', named inside Bowers' words); else the person named last before the quote
            prior = [p.name for p in people if p.offset < qs and p.kind == "person"]
            spoke = (last[1].speaker or "") if last is not None else ""
            since = [p for p in people if last is not None and last[1].end < p.offset < qs and p.kind == "person"
                     and p.name != spoke and not p.name.endswith(" " + spoke)]  # not the attribution itself
            an_org = bool(_ORG_SPEAKER.search(spoke))
            if last is not None and not an_org and not since and not last[1].pronoun and last[1].document is None:
                who = last[1].speaker
            else:
                who = prior[-1] if prior else None
            pronoun = True
        document = _document(before, text[qe + 1 : qe + 60], continues)
        if who is None and document is None and (ds := _DOC_SAYING.search(before)) is not None:
            document = ds.group("doc").lower()
        if document is not None:
            who, pronoun = None, False
        elif (who is None and not continues and not before.strip() and last is not None
              and _continues(text, sentences, last, sent_start)):
            who, pronoun = last[1].speaker, last[1].pronoun
        # '"... into chaos," Kerry said': the comma belongs to the frame, not to the words
        shown = q[:-1].rstrip() if q.endswith(",") else q
        out.append(RawQuote(shown, qs, qe, who, pronoun, document))
        if who is not None:
            last = (sent_start, out[-1])
    return out


def _person_else_org(mentions: Sequence[Person]) -> str | None:
    """The first person among ``mentions``, else the first of them (an organisation), else None."""
    pick = next((p for p in mentions if p.kind == "person"), None) or next(iter(mentions), None)
    return pick.name if pick else None


def _continues(text: str, sentences: Sequence[Sentence], last: tuple[int, RawQuote], sent_start: int) -> bool:
    """A sentence that is only a quote, right after a sentence of the same paragraph quoting someone, goes on
    with that speaker's words ('"I consider this a remarriage," Ahmad Yahya said. "They have to be careful."')."""
    last_start, quote = last
    return (sent_start > 0 and sentence_start(sentences, sent_start - 1) == last_start
            and "\n\n" not in text[quote.end : sent_start])

"""What the dependency parse says about a figure: whether it tells what happened, and when.

A figure the parse dates to a year well before its article ("the Exxon Valdez spilled 11 million gallons in
1989", "the 2005 Texas City blast that killed 15") tells another, past event: ``past_year`` is that year, and the
figure is a quantity of that year's event, not of the story's. A figure of what only could happen ("the well could
leak 100,000 barrels a day", "would capture up to 420,000 gallons") or of what is needed ("the 60 votes needed to
advance") is ``hypothetical``: a scenario, a capacity or a threshold, no report. The parse is climbed from the
figure to the first verb that governs it (through the noun it counts) or to the noun it is "of" ("a spill of
53,000 barrels").

Tried and not kept (benchmarks/RESULTS.md, "claims: precision of differ"): keying a figure by that governing
word's stem ("collected" / "leaking" barrels as two quantities) lowered the precision of "differ" on a held-out
sample (32% -> 27%) and lost most correct groups: paraphrases ("vehicles cross the bridge" / "the bridge carries
vehicles") and attributes ("the 125-ton structure is designed" / "the 100-ton structure arrived") differ in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsweave.nlp import is_verb

_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_PREPS = frozenset({"in", "during", "of", "on"})
"""Prepositions that place an act in a year ("in 1989"); "since 1989" or "after 2005" compare, they do not date."""
_MODALS = frozenset({"could", "would", "might", "may", "can", "should", "ca", "wo"})
"""Modal auxiliaries of a possibility ("ca" and "wo" as spaCy splits "can't" and "won't"); "will" and "must" are
not among them: "will send 30,000 troops" is a plan outlets can report differently."""
_REQUIRED = frozenset({"needed", "required", "necessary"})
"""A figure of what is needed ("the 60 votes needed to break a filibuster", "signatures required to qualify") is a
threshold, not a count of what happened: hypothetical too."""
_NEEDING = frozenset({"need", "needs", "require", "requires", "take", "takes"})
"""Verbs whose object is a threshold ("the bill needs 218 votes", "it takes 60 votes"); their subject is a count
all the same ("300,000 refugees need shelter")."""
_TELLING = frozenset({"said", "says", "say", "announced", "told", "added", "stated", "promised", "pledged"})
"""Verbs of reported speech: "said it would send 30,000 troops" reports a plan, as "will send" does."""
_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl", "acl", "csubj"})
"""Dependencies that start another clause: a year inside them dates that clause, not the act."""


PAST_YEARS = 2
"""A year at least this far before the article's dates another event: a January report on "the spill last year"
still tells the story's figure."""


@dataclass(frozen=True)
class FigureReading:
    past_year: int | None = None
    """A year the act (or what carries it out) names, ``PAST_YEARS`` or more before the article's; else None."""
    hypothetical: bool = False
    """The act is only possible: its verb takes "could", "would", "might", "may", "can" or "should" ("the well
    could leak 100,000 barrels a day", "the tanker can hold 2 million barrels"): a scenario or a capacity, no
    report of what happened; so is a threshold or an aim ("the 60 votes needed", "the 60-vote threshold", "a
    target of 50,000"). A hedged past ("a war that may have cost 120,000 lives") and a plan in reported speech
    ("said it would send 30,000 troops") are reports; "could have killed 5,000" is not."""


def _figure_token(doc: Any, start: int, end: int) -> Any | None:
    """The last token of the figure at characters ``start:end`` of ``doc`` ("million" of "11 million")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[-1]


def _governor(tok: Any) -> Any | None:
    """The first verb above ``tok``, or the noun it is "of", climbing at most eight heads."""
    x = tok
    for _ in range(8):
        head = x.head
        if head.i == x.i:  # the root (spaCy makes a new Token object on each access: compare indices)
            return None
        if is_verb(head):
            return head
        if x.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i and head.head.tag_.startswith("NN"):
            return head.head
        x = head
    return None


def _years(tok: Any, skip: Any) -> list[int]:
    """Years written in ``tok``'s own clause: its children's subtrees except ``skip``'s, other clauses and
    prepositions that do not date ("since 1989")."""
    out: list[int] = []
    todo = [c for c in tok.children if skip is None or c.i != skip.i]
    while todo:  # every depth: "the rig, which was built in 2001, has leaked" dates the building, not the leak
        t = todo.pop()
        if t.dep_ in _CLAUSES or (t.dep_ == "prep" and t.lower_ not in _DATE_PREPS):
            continue
        if t.tag_ == "CD" and _YEAR.fullmatch(t.text):
            out.append(int(t.text))
        todo.extend(t.children)
    return out


def _holder_years(clause: Any) -> list[int]:
    """Years of the noun a relative clause ``clause`` describes, and of the nouns it is part of ("the 2005 blast
    at the refinery, which killed 15": the clause hangs on "refinery", the year on "blast")."""
    out: list[int] = []
    skip, noun = clause, clause.head
    for _ in range(3):
        out += _years(noun, skip)
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.i == prep.i or not prep.head.tag_.startswith("NN"):
            break
        skip, noun = prep, prep.head
    return out


_LIMITS = frozenset({"threshold", "quota", "target", "goal", "cap", "limit", "capacity", "ceiling"})
"""Nouns of a limit or an aim: "the 60-vote threshold", "a target of 50,000", "a capacity of 2 million barrels"."""


def _names_a_limit(tok: Any, gov: Any) -> bool:
    """Between the figure ``tok`` and its governor ``gov``, a word says the figure is a limit, an aim or what is
    needed: a noun of ``_LIMITS`` ("the 60-vote threshold") or a "needed" / "required" on it ("the 60 needed to
    break the filibuster", "500,000 signatures required to qualify")."""
    x = tok
    for _ in range(8):
        if x.lower_ in _LIMITS or any(c.dep_ in ("acl", "relcl", "amod") and c.lower_ in _REQUIRED
                                      for c in x.children):
            return True
        if x.i == gov.i or x.head.i == x.i:
            return False
        x = x.head
    return False


def read_figure(doc: Any, start: int, end: int, year: int | None) -> FigureReading:
    """The reading of the figure at characters ``start:end`` of ``doc`` (the article's parse), for an article of
    ``year`` (None: undated, so no figure is dated to the past)."""
    tok = _figure_token(doc, start, end)
    if tok is None:
        return FigureReading()
    counted = tok.head if tok.dep_ in ("nummod", "quantmod", "compound") and tok.head.i != tok.i else tok
    gov = _governor(counted)
    if gov is None:
        return FigureReading()
    auxes = [c.lower_ for c in gov.children if c.dep_ in ("aux", "auxpass")] if is_verb(gov) else []
    modal = next((a for a in auxes if a in _MODALS), None)
    possible = modal is not None
    if modal in ("may", "might") and "have" in auxes:
        possible = False  # "a war that may have cost 120,000 lives": a hedged report ("could have killed": not)
    if modal == "would" and gov.dep_ == "ccomp" and gov.head.lower_ in _TELLING:
        possible = False  # "said it would send 30,000 troops": a plan reported
    possible = (possible or gov.lower_ in _REQUIRED or _names_a_limit(tok, gov)  # "60 votes were needed"
                or (gov.lower_ in _NEEDING and counted.dep_ == "dobj"))  # "the bill needs 218 votes"
    past = None
    if year is not None:
        found = _years(gov, skip=counted if counted.head.i == gov.i else None)
        if gov.dep_ in ("relcl", "acl") and gov.head.i != gov.i:
            found += _holder_years(gov)  # "the 2005 blast that killed 15": the year is the blast's
        earlier = [y for y in found if y <= year - PAST_YEARS]
        past = max(earlier) if earlier else None
    return FigureReading(past, possible)

"""Who a figure comes from, when its sentence says so.

"The United Nations has estimated that at least 80,000 people ...", "... 94,000 people had been killed, the
Observatory said", "according to the U.N., 80,000 ...": the named source of a quantity, as written (without a
leading "the" or lowercase modifiers such as "pro-opposition"). A quantity the sentence does not attribute has
no source: the outlet reports it in its own voice. Only attributions close to the figure count: in "Kerry said on
Wednesday they could pull off talks on Syria, where a war may have cost 120,000 lives" the toll is the writer's,
not Kerry's.
"""

from __future__ import annotations

import re

_REPORT = (r"(?:has |have |had )?(?:said|says|say|estimated|estimates|estimate|reported|reports|report|counted|"
           r"counts|puts|put|recorded|records|documented|confirmed|confirms|listed|lists)")
_NAME_WORD = r"(?:[A-Z][\w.’'&-]*|for|of|on|and|de|al-[\w-]+)"
_NAME = rf"(?:[A-Z][\w.’'&-]*)(?: {_NAME_WORD})*"
_LEAD = r"(?:[Tt]he |[Ii]ts |[Tt]heir )?(?:[a-z][\w-]* ){0,2}"
_BEFORE = re.compile(rf"(?P<src>{_LEAD}{_NAME})(?:, [^,]{{3,80}},)? {_REPORT}\b")
"""An attribution before the figure: "X said on Tuesday that", "X, a monitoring group, estimated"."""
_BREAK = re.compile(r"[;:]|\s[—–]\s|, (?:where|which|who|when|while|as)\b|\b(?:whereas)\b")
"""Between an attribution and the figure, the writer's own clause begins ("..., where a war may have cost")."""
_AFTER = re.compile(rf"^[^;]{{0,80}}?, (?:{_LEAD})?(?P<src>{_NAME}) {_REPORT}\b")
"""Attribution after the figure: "..., the Observatory said"."""
_ACCORDING = re.compile(rf"\baccording to (?:{_LEAD})?(?P<src>{_NAME})")
_NOT_SOURCES = {"he", "she", "they", "it", "we", "i", "officials", "police", "sources", "reports", "witnesses"}
_MAX_WORDS_BEFORE = 30
"""An attribution before the figure counts when at most this many words separate its verb from the figure."""


def _clean(name: str) -> str | None:
    words = name.strip().rstrip(",").split()
    while words and (words[0].islower() or words[0].lower() in ("the", "its", "their")):
        words = words[1:]
    while words and words[-1].lower() in ("for", "of", "on", "and", "de"):
        words = words[:-1]
    if words and words[-1].endswith(".") and "." not in words[-1][:-1]:
        words[-1] = words[-1][:-1]  # the sentence's full stop, not an abbreviation's ("U.N." keeps its dots)
    text = " ".join(words)
    if not text or text.lower() in _NOT_SOURCES or not text[0].isupper():
        return None
    return text


def figure_source(sentence: str, start: int, end: int) -> str | None:
    """The source ``sentence`` names for the figure at ``sentence[start:end]``, or None."""
    before, after = sentence[:start], sentence[end:]
    for acc in _ACCORDING.finditer(sentence):
        between = sentence[min(acc.end(), end) : max(acc.start(), start)]
        if re.search(r"[;]|\b(?:but|while|whereas)\b", between) is None:
            return _clean(acc.group("src"))
    last = None
    for b in _BEFORE.finditer(before):
        last = b
    if last is not None:
        gap = before[last.end() :]
        if len(gap.split()) <= _MAX_WORDS_BEFORE and not _BREAK.search(gap) and (src := _clean(last.group("src"))):
            return src
    if (post := _AFTER.search(after)) and (src := _clean(post.group("src"))):
        return src
    return None

"""Conflicting positions: one actor supports what another rules out ("France rules out Iran's participation"
/ "Russia supports Iran taking part"). Found by contrasting stance verbs about the same entity."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.types import Article, Claim, ClaimValue

_SUPPORT = re.compile(r"\b(?:supports?|supported|backs?|backed|welcome[sd]?|favou?rs?|endorse[sd]?)\b", re.I)
_OPPOSE = re.compile(r"\b(?:rul(?:e|es|ed|ing) out|oppos(?:e|es|ed|ing)|reject(?:s|ed|ing)?|refus(?:e|es|ed|ing))\b",
                     re.I)

Resolver = Callable[[str], str | None]

_ACTOR_GAP = re.compile(
    r"^(?:'s?|’s?)?(?:\s*,[^,;:]{1,90},)?\s*(?:(?:has|have|had|also|repeatedly|strongly|firmly|still|will|would|"
    r"did|does|do|not|never|openly|publicly|(?:said|says|say|added|insisted)\s+(?:it|they|he|she|that)|"
    r"(?:said|says)\s+(?:it|they)\s+(?:would|will))\s+)*$",
    re.I,
)
"""What may stand between the actor and its stance verb: nothing, an aside in commas, auxiliaries and adverbs,
'says it' ("Russia, a traditional ally of the regime, says it supports ..."; "France ruling out ...").
Not a passive ("is to be welcomed by Arafat"), a relative clause ("Levy, a moderate who opposed ..."), nor a
subject of its own ("Prodi's backers ... back the budget")."""
_TARGET_GAP = re.compile(r"^\s*(?:(?:the|a|an|any|all|such|its|their|his|her|plans?\s+(?:by|of|for)|"
                         r"a\s+role\s+for)\s+)*$", re.I)
"""What may stand between a stance verb and its target: articles and possessives ("supports Iran taking part",
"rules out Tehran's participation", "backs the plan of ...")."""


@dataclass(frozen=True)
class Stance:
    actor: str
    target: str
    polarity: int
    """+1 supports, -1 opposes."""
    verb: str
    article: int
    sentence: int


def find_stances(arts: Sequence[Article], docs: Sequence[Any], resolve: Resolver) -> list[Stance]:
    """Sentences where an entity takes a position on another entity (nearest entity before and after the verb)."""
    out: list[Stance] = []
    for ai, (a, doc) in enumerate(zip(arts, docs, strict=True)):
        ents = [e for e in doc.ents if e.label_ in ("GPE", "ORG", "PERSON")]
        for s in a.sentences:
            sent = a.text[s.start : s.end]
            for pat, pol in ((_SUPPORT, 1), (_OPPOSE, -1)):
                for m in pat.finditer(sent):
                    v0, v1 = s.start + m.start(), s.start + m.end()
                    before = [(e, r) for e in ents if s.start <= e.start_char and e.end_char <= v0
                              if (r := resolve(e.text))]
                    after = [(e, r) for e in ents if v1 <= e.start_char < s.end if (r := resolve(e.text))]
                    if not before or not after:
                        continue
                    # the verb's subject: the last entity before it with only an aside or auxiliaries between
                    actor = next((r for e, r in reversed(before) if _ACTOR_GAP.match(a.text[e.end_char : v0])), None)
                    t_ent, target = after[0]
                    if actor is None or _TARGET_GAP.match(a.text[v1 : t_ent.start_char]) is None:
                        continue  # the entities are not the verb's subject and object
                    if actor != target:
                        out.append(Stance(actor, target, pol, m.group(0), ai, s.index))
    return out


def stance_claims(
    arts: Sequence[Article], stances: Sequence[Stance], report_dates: Mapping[str, dt.date | None]
) -> tuple[Claim, ...]:
    """One 'differ' claim per target on which some actor supports and another opposes."""
    by_target: dict[str, list[Stance]] = defaultdict(list)
    for st in stances:
        by_target[st.target].append(st)
    claims = []
    for target, sts in sorted(by_target.items()):
        pols = {st.polarity for st in sts}
        actors = {st.actor for st in sts}
        if pols != {1, -1} or len(actors) < 2:
            continue
        values = tuple(
            ClaimValue(float(st.polarity), f"{st.actor} {st.verb}", arts[st.article].label, arts[st.article].id,
                       report_dates.get(arts[st.article].id), arts[st.article].cite(st.sentence))
            for st in sts
        )
        pro = sorted({st.actor for st in sts if st.polarity > 0})
        con = sorted({st.actor for st in sts if st.polarity < 0})
        claims.append(Claim(subject=f"position on {target}", values=values, verdict="differ", kind="statement",
                            note=f"{', '.join(pro)} for; {', '.join(con)} against"))
    return tuple(claims)

"""Citation alignment: every summary line cites the article it came from and every other article that says
the same thing (its most similar sentence, when the cosine similarity of sentence embeddings is high enough).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsweave.types import Article, Citation


def sentence_matrix(articles: Sequence[Article], vectors: np.ndarray) -> list[tuple[int, int, int]]:
    """Row layout of ``vectors``: (row, article position, sentence index) for every sentence in order."""
    rows: list[tuple[int, int, int]] = []
    r = 0
    for ai, a in enumerate(articles):
        for si in range(len(a.sentences)):
            rows.append((r, ai, si))
            r += 1
    if r != len(vectors):
        raise ValueError(f"expected {r} sentence vectors, got {len(vectors)}")
    return rows


_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{3,}(?:\.\d+)?")


def numbers_in(text: str) -> frozenset[str]:
    """Figures of three or more digits (years included), commas removed."""
    return frozenset(m.group(0).replace(",", "") for m in _NUMBER.finditer(text))


def numbers_conflict(a: str, b: str) -> bool:
    """Both sentences give figures and share none: they cannot support each other, however similar."""
    na, nb = numbers_in(a), numbers_in(b)
    return bool(na and nb and not (na & nb))


_PLACE = re.compile(r"\b(?:in|at)\s+(?:(?:an?|[Tt]he)\s+)?(?P<p>[A-Z][\w'’-]+)")
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)


def places_in(text: str) -> frozenset[str]:
    """Where a sentence says something happened: capitalised words after 'in'/'at' ("in Moscow", "in a Paris
    hotel", "in The Hague" as "hague", "in Paris's suburbs" as "paris"), months and weekdays excluded."""
    return frozenset(
        p for m in _PLACE.finditer(text) if (p := _POSSESSIVE.sub("", m.group("p").lower())) not in _NOT_PLACES
    )


def places_conflict(a: str, b: str) -> bool:
    """Both sentences place their event and name no place in common: different events ("in Moscow" / "in Paris")."""
    pa, pb = places_in(a), places_in(b)
    return bool(pa and pb and not (pa & pb))


UNPLACED_MARGIN = 0.1
"""Extra similarity a sentence needs to support a line that places its event when it names none of its places."""


def names_place(text: str, places: frozenset[str]) -> bool:
    """Whether ``text`` names any of ``places`` as a capitalised word ("Paris", "Paris's"; not "paris" or "new")."""
    words = {_POSSESSIVE.sub("", w.lower()) for w in re.findall(r"\b[A-Z][\w'’-]*", text)}
    return bool(words & places)


def cite(
    articles: Sequence[Article],
    vectors: np.ndarray,
    source: tuple[int, int],
    threshold: float,
) -> tuple[Citation, ...]:
    """Citations for the sentence ``source`` = (article position, sentence index).

    The source comes first; then, for each other article, its best-matching sentence if its similarity is at
    least ``threshold`` and it gives no conflicting figures or places, in decreasing similarity. When the source
    places its event ("meeting ... in Paris") a sentence that names none of its places needs ``UNPLACED_MARGIN``
    more: two sentences about the same two people meeting are similar whichever meeting they describe.
    """
    rows = sentence_matrix(articles, vectors)
    offsets = {(ai, si): r for r, ai, si in rows}
    src_vec = vectors[offsets[source]]
    src_text = articles[source[0]].sentence_text(source[1])
    src_places = places_in(src_text)
    sims = vectors @ src_vec
    best: dict[int, tuple[float, int]] = {}
    for r, ai, si in rows:
        if ai == source[0] or sims[r] < threshold:
            continue
        other = articles[ai].sentence_text(si)
        if numbers_conflict(src_text, other) or places_conflict(src_text, other):
            continue  # "70,000 killed" does not support "80,000 killed", nor "in Paris" "in Moscow"
        if src_places and sims[r] < threshold + UNPLACED_MARGIN and not names_place(other, src_places):
            continue  # "met on the sidelines of the Arctic Council" does not support "are meeting in Paris"
        if ai not in best or sims[r] > best[ai][0]:
            best[ai] = (float(sims[r]), si)
    out = [articles[source[0]].cite(source[1])]
    for ai, (sim, si) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
        if sim >= threshold:
            out.append(articles[ai].cite(si, sim))
    return tuple(out)

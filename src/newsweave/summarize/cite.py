"""Citation alignment: every summary line cites the article it came from and every other article that says
the same thing: its most similar sentence that passes the support test (``summarize.support``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsweave.summarize.support import (  # noqa: F401 - re-exported for the modules that import them from here
    UNPLACED_MARGIN,
    names_place,
    places_conflict,
    places_in,
    support,
)
from newsweave.types import Article, Citation, SummaryLine


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


def cite(
    articles: Sequence[Article],
    vectors: np.ndarray,
    source: tuple[int, int],
    threshold: float,
    check_support: bool = True,
) -> tuple[Citation, ...]:
    """Citations for the sentence ``source`` = (article position, sentence index).

    The source comes first; then, for each other article, its most similar sentence among those at least
    ``threshold`` alike that give no conflicting figures or places and (``check_support``) pass the support test,
    in decreasing similarity. When the source places its event ("meeting ... in Paris") a sentence that names
    none of its places needs ``UNPLACED_MARGIN`` more: two sentences about the same two people meeting are similar
    whichever meeting they describe. Without ``check_support`` this is the looser "says much the same" link
    that the summary uses to keep two lines from repeating each other.
    """
    rows = sentence_matrix(articles, vectors)
    offsets = {(ai, si): r for r, ai, si in rows}
    src_vec = vectors[offsets[source]]
    src_text = articles[source[0]].sentence_text(source[1])
    src_places = places_in(src_text)
    sims = vectors @ src_vec
    best: dict[int, tuple[float, int]] = {}
    for r, ai, si in rows:
        if ai == source[0] or sims[r] < threshold or (ai in best and sims[r] <= best[ai][0]):
            continue
        other = articles[ai].sentence_text(si)
        if numbers_conflict(src_text, other) or places_conflict(src_text, other):
            continue  # "70,000 killed" does not support "80,000 killed", nor "in Paris" "in Moscow"
        if src_places and sims[r] < threshold + UNPLACED_MARGIN and not names_place(other, src_places):
            continue  # "met on the sidelines of the Arctic Council" does not support "are meeting in Paris"
        if check_support and not support(src_text, other, float(sims[r])).supported:
            continue  # "Netanyahu admitted the two are Mossad agents" does not say "Cyprus released them"
        best[ai] = (float(sims[r]), si)
    out = [articles[source[0]].cite(source[1])]
    for ai, (sim, si) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.append(articles[ai].cite(si, sim))
    return tuple(out)


def supported(
    line: SummaryLine, articles: Sequence[Article], vectors: np.ndarray
) -> SummaryLine:
    """``line`` with only the further citations that pass the support test against its source sentence (at the
    sentences' similarity in ``vectors``, laid out as ``sentence_matrix``): for lines cited elsewhere (the key
    dates' lines are cited by their own word-overlap similarity)."""
    if len(line.citations) < 2:
        return line
    position = {a.id: k for k, a in enumerate(articles)}
    rows = {(ai, si): r for r, ai, si in sentence_matrix(articles, vectors)}
    src = line.citations[0]
    if src.article_id not in position:
        return line
    src_key = (position[src.article_id], src.sentence_index)
    src_text = articles[src_key[0]].sentence_text(src.sentence_index)
    keep = [src]
    for c in line.citations[1:]:
        key = (position.get(c.article_id, -1), c.sentence_index)
        if key not in rows:
            continue
        sim = float(vectors[rows[src_key]] @ vectors[rows[key]])
        if support(src_text, articles[key[0]].sentence_text(c.sentence_index), sim).supported:
            keep.append(c)
    return SummaryLine(line.text, tuple(keep))

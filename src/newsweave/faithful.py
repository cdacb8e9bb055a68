"""The faithfulness checker: does every cited statement of a digest say what its citations say?

For every summary line, timeline entry, key-date line, unique fact, claim value and quote of a digest:

* the first citation is the statement's source: its text (``article.text[start:end]``) is the statement, or the
  statement is a compression of it (``summarize.standalone.is_compression_of``: the sentence's tokens in order,
  words left out; a timeline entry may end in "…" where it was cut); a figure's or a quote's text is in it, a
  statement claim's words (their stems: "Russia supports") are;
* every further citation passes the support test (``summarize.support.support``) against the source sentence,
  at the two sentences' embedding similarity (recomputed here: a timeline entry's citations carry none).

``check`` returns what it checked and every violation; CI runs it on the seeds, the bridge example and DUC 2004
documents (``tests/test_faithfulness.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.embed import Embedder, for_sentences
from newsweave.summarize.standalone import is_compression_of
from newsweave.summarize.support import stems_in, support
from newsweave.types import Article, Citation, Digest

ELLIPSIS = " …"


@dataclass(frozen=True)
class Statement:
    """One cited statement of a report: what it says, where, and its citations (source first)."""

    story_id: str
    kind: str
    """"summary", "timeline", "key date", "unique", "claim" or "quote"."""
    text: str
    citations: tuple[Citation, ...]
    contained: str = ""
    """How a part of the source sentence is checked instead of a compression of all of it: "text" (a claim's
    figure, a quote: the words as written) or "stems" (a statement claim's "Russia supports": its words' stems)."""


@dataclass(frozen=True)
class Violation:
    statement: Statement
    problem: str
    """"source does not contain it", "citation outside its article", or "further citation not supported: ..."."""


@dataclass(frozen=True)
class Check:
    statements: int
    further_citations: int
    violations: tuple[Violation, ...]


def statements(d: Digest) -> Iterator[Statement]:
    """Every cited statement of the digest's reports."""
    for r in d.stories:
        sid = r.story.id
        for line in r.summary:
            yield Statement(sid, "summary", line.text, line.citations)
        for e in r.timeline:
            yield Statement(sid, "timeline", e.text, e.citations)
        for k in r.key_dates:
            for line in k.lines:
                yield Statement(sid, "key date", line.text, line.citations)
        for u in r.unique:
            yield Statement(sid, "unique", u.text, (u.citation,))
        for c in r.claims:
            for v in c.values:
                yield Statement(sid, "claim", v.text, (v.citation,), "text" if c.kind == "number" else "stems")
        for q in r.quotes:
            yield Statement(sid, "quote", q.text.strip("\"“”'‘’ "), (q.citation,), "text")


def _says(st: Statement, sentence: str) -> bool:
    text = st.text.removesuffix(ELLIPSIS) if st.kind == "timeline" else st.text
    if st.contained == "stems":
        return stems_in(text) <= stems_in(sentence)
    if st.contained == "text":
        return " ".join(text.split()) in " ".join(sentence.split())
    return is_compression_of(text, sentence)


def check(d: Digest, embedder: Embedder) -> Check:
    """Check every statement of ``d``; ``embedder`` must be the one the digest was made with."""
    arts = {a.id: a for a in d.articles}
    found: list[Violation] = []
    pairs: list[tuple[Statement, str, str]] = []
    n = 0
    for st in statements(d):
        n += 1
        texts = [_cited_text(arts, c) for c in st.citations]
        if any(t is None for t in texts):
            found.append(Violation(st, "citation outside its article"))
            continue
        source, *further = [t for t in texts if t is not None]
        if not _says(st, source):
            found.append(Violation(st, "source does not contain it"))
        pairs.extend((st, source, t) for t in further)
    for (st, source, other), sim in zip(pairs, _similarities(embedder, pairs), strict=True):
        verdict = support(source, other, sim)
        if not verdict.supported:
            found.append(Violation(st, f"further citation not supported: {verdict.reason} ({other[:80]!r})"))
    return Check(n, len(pairs), tuple(found))


def _cited_text(arts: dict[str, Article], c: Citation) -> str | None:
    a = arts.get(c.article_id)
    if a is None or not 0 <= c.start < c.end <= len(a.text) or c.sentence_index >= len(a.sentences):
        return None
    return a.text[c.start : c.end]


def _similarities(embedder: Embedder, pairs: Sequence[tuple[Statement, str, str]]) -> list[float]:
    if not pairs:
        return []
    texts = list(dict.fromkeys(t for _st, a, b in pairs for t in (a, b)))
    row = {t: i for i, t in enumerate(texts)}
    vecs = for_sentences(embedder).encode(texts)
    return [float(np.dot(vecs[row[a]], vecs[row[b]])) for _st, a, b in pairs]

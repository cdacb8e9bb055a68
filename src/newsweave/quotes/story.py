"""A story's quotes: each article's direct quotes with the speaker resolved to the story's entity names, the
same quote carried by syndicated copies listed once (from the earliest article)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from newsweave.entities.canonical import EntityIndex, Mention
from newsweave.extract.quotemarks import quote_spans
from newsweave.nlp import is_verb
from newsweave.quotes.extract import REPORTING_VERBS, Person, Subject, find_quotes
from newsweave.types import Article, EntityKind, Quote, Sentence

_SUBJECTS = ("nsubj", "nsubjpass")
_REPORTING = frozenset(REPORTING_VERBS)


Named = Callable[[int, int], tuple[str, bool] | None]
"""The story's entity named at a character span (its canonical name, and whether a person), if any."""


def sentence_subjects(doc: Any, sentences: Sequence[Sentence], quoted: Sequence[tuple[int, int]] = (),
                      named: Named | None = None) -> dict[int, Subject]:
    """The subject of each sentence's main verb (keyed by the sentence's start), where the parse gives one outside
    the quotation marks (``quoted``: spans; the words of a quote are someone else's sentence): a name (an entity
    ``named`` there, else a proper noun with the proper nouns compounded before it as written, "Ivan Mejia"; a
    description with a named apposition, "the lawyer, Michael Young," is the name), a pronoun, or a description
    ("The writer"). Reads the tags (the analysis parse has no coarse parts of speech)."""

    def inside(t: Any) -> bool:
        return any(a <= t.idx < b for a, b in quoted)

    def name_at(t: Any) -> tuple[int, str, bool] | None:
        first = t
        while first.i > 0 and (prev := doc[first.i - 1]).dep_ == "compound" and prev.head.i == t.i:
            first = prev
        end = t.idx + len(t.text)
        if named is not None and (hit := named(first.idx, end)) is not None:
            return first.idx, hit[0], hit[1]
        if not t.tag_.startswith("NNP"):
            return None
        while first.i < t.i and not first.tag_.startswith("NNP"):  # "police spokesman Ivan Mejia": the name
            first = doc[first.i + 1]
        return first.idx, doc.text[first.idx : end], False

    out: dict[int, Subject] = {}
    for sent in sentences:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            continue
        roots = [t for t in span if (t.head.i == t.i or not span.start <= t.head.i < span.end) and not inside(t)]
        verb = next((t for t in roots if is_verb(t)), None)
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None) if verb is not None else None
        # a named speaker anywhere in the sentence's own words is who it is about: "There is not much evidence,
        # Ms. Gere of International Data said, that ..."
        said = None if verb is None else next(
            (c for t in span if t.lower_ in _REPORTING and not inside(t) and (t.i == verb.i or t.head.i == verb.i)
             for c in t.children if c.dep_ in _SUBJECTS and name_at(c) is not None), None)
        if said is not None and (subj is None or (subj.tag_ != "PRP" and name_at(subj) is None)):
            subj = said
        if subj is None or inside(subj):
            continue
        if subj.tag_ == "PRP":
            out[sent.start] = Subject(subj.idx, None, pronoun=True)
            continue
        hit = name_at(subj) or next((h for c in subj.children if c.dep_ == "appos" and (h := name_at(c))), None)
        out[sent.start] = Subject(hit[0], hit[1], person=hit[2]) if hit else Subject(subj.idx, None)
    return out


class _Lazy:
    """A table built on its first lookup."""

    def __init__(self, build: Callable[[], dict[int, Subject]]) -> None:
        self._build = build
        self._table: dict[int, Subject] | None = None

    def __call__(self, start: int) -> Subject | None:
        if self._table is None:
            self._table = self._build()
        return self._table.get(start)


def _subjects_of(doc: Any, a: Article, own: Sequence[Mention], people: Sequence[Person], index: EntityIndex,
                 kind_of: Mapping[str, EntityKind]) -> dict[int, Subject]:
    """``sentence_subjects`` of one article, names read as the story's entities (``own``: the person and
    organisation mentions ``people`` come from, in the same order)."""
    spans = [(m.start, m.end, p) for m, p in zip(own, people, strict=True)]

    def named(start: int, end: int) -> tuple[str, bool] | None:
        hit = next((p for s, e, p in spans if s < end and start < e), None)
        return None if hit is None else (hit.name, hit.kind == "person")

    def with_kind(x: Subject) -> Subject:
        """A name the story's entities know gets their kind; one they do not know (NER missed it) is read as a
        description: it may be anyone, so no one named after it is passed over for it."""
        if x.person or x.name is None:
            return x
        known = kind_of.get(index.resolve(x.name, "person") or x.name)
        return replace(x, person=known == "person") if known else replace(x, name=None)

    found = sentence_subjects(doc, a.sentences, quote_spans(a.text), named)
    return {k: with_kind(x) for k, x in found.items()}


def story_quotes(
    arts: Sequence[Article], mentions: Sequence[Mention], index: EntityIndex, kind_of: Mapping[str, EntityKind],
    docs: Sequence[Any] | None = None,
) -> tuple[Quote, ...]:
    """Quotes of ``arts`` (oldest first) attributed to the people and organisations the story names; ``docs``,
    the articles' parses in order, resolve pronoun speakers by sentence subjects (``sentence_subjects``)."""
    quotes: list[Quote] = []
    seen: set[tuple[str, str | None]] = set()
    for ai, a in enumerate(arts):
        people = []
        own = []
        for m in mentions:
            if m.article_id != a.id:
                continue
            canon = index.resolve(m.text, m.kind) or m.text
            kind = kind_of.get(canon, m.kind)
            if kind in ("person", "org"):
                people.append(Person(m.start, canon, kind))
                own.append(m)
        subjects = None
        if docs is not None:
            build = partial(_subjects_of, docs[ai], a, own, people, index, kind_of)
            subjects = _Lazy(build)  # parsed for subjects only when a pronoun speaks (most articles: never)
        for q in find_quotes(a.text, a.sentences, people, subjects):
            sent = next((s for s in a.sentences if s.start <= q.start < s.end), None)
            if sent is None:
                continue
            speaker = (index.resolve(q.speaker, "person") or index.resolve(q.speaker) or q.speaker) if q.speaker else None
            # Syndicated copies repeat a quote word for word: list it once, from the earliest article.
            key = (" ".join(q.text.lower().split()).strip(" ,.;:"), speaker)
            if key in seen:
                continue
            seen.add(key)
            quotes.append(Quote(q.text, speaker, a.cite(sent.index), q.speaker, q.document))
    return tuple(quotes)

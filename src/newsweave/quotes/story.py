"""A story's quotes: each article's direct quotes with the speaker resolved to the story's entity names, the
same quote carried by syndicated copies listed once (from the earliest article)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.entities.canonical import EntityIndex, Mention
from newsweave.quotes.extract import Person, find_quotes
from newsweave.types import Article, EntityKind, Quote


def story_quotes(
    arts: Sequence[Article], mentions: Sequence[Mention], index: EntityIndex, kind_of: Mapping[str, EntityKind]
) -> tuple[Quote, ...]:
    """Quotes of ``arts`` (oldest first) attributed to the people and organisations the story names."""
    quotes: list[Quote] = []
    seen: set[tuple[str, str | None]] = set()
    for a in arts:
        people = []
        for m in mentions:
            if m.article_id != a.id:
                continue
            canon = index.resolve(m.text, m.kind) or m.text
            kind = kind_of.get(canon, m.kind)
            if kind in ("person", "org"):
                people.append(Person(m.start, canon, kind))
        for q in find_quotes(a.text, a.sentences, people):
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

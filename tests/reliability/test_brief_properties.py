"""Issue 17, property tests over the extract -> brief path: for generated article texts (English prose with dates,
figures, quotes, odd punctuation and stray Unicode - controls, lone surrogates, other scripts - read as JSONL like
any input) the digest never raises, every sentence is a span inside its article, and every citation (summary,
timeline, claims, unique facts, quotes; in the records and in the JSON contract) names a sentence of its article
by that sentence's offsets, so ``text[start:end]`` is the cited sentence. The lexical embedder keeps it fast."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.ingest import read_stream
from newsweave.pipeline import digest
from newsweave.render import render
from newsweave.summarize.standalone import is_compression_of
from newsweave.types import Citation, Digest

WORDS = ("the", "council", "river", "flood", "minister", "said", "on", "Tuesday", "bridge", "would", "reopen",
         "in", "June", "after", "repairs", "costing", "million", "residents", "were", "evacuated", "from", "their",
         "homes", "police", "reported", "talks", "between", "Russia", "and", "the", "United", "States", "in",
         "Geneva", "ended", "without", "agreement", "officials", "say", "more", "than", "workers", "strike",
         "last", "week", "hospital", "vaccine", "trial", "percent", "Mayor", "Elena", "Varga", "U.S.", "Mr.",
         "Lavrov", "Kerry", "announced", "a", "new", "plan", "yesterday", "March", "2013", "according", "to")
EXTRAS = ("80,000", "94,000", "3.5", "1e400", "0001-01-01", "9999-12-31", "2013-02-30", "May 22", "last June",
          "on Wednesday", "(AP)", "—", "–", "…", "e.g.", "i.e.", "No.", "St.", "U.N.", "10%", "$5bn", "#1", "@x",
          "\u2028", "\u00a0", "\u200b", "\x01", "\x85", "\x0c", "\udfff", "水", "Москва", "القاهرة", "\U0001f30a",
          "a\u0301", "\ufffd", "\t", "«", "»", '"', "'", ";", ":", "!", "?", "...", "-", "\n")
ENDS = (".", ".", ".", "!", "?", "...", '."', ".'", "", ":", ";")

word = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(EXTRAS),
                 st.text(min_size=1, max_size=6))


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=1, max_size=18))
    text = " ".join(words)
    if draw(st.booleans()):
        text = text[:1].upper() + text[1:]
    if draw(st.integers(0, 5)) == 0:
        text = f'"{text}," {draw(st.sampled_from(["Varga", "the minister", "he", "a spokesman"]))} said'
    return text + draw(st.sampled_from(ENDS))


@st.composite
def article(draw: st.DrawFn) -> dict[str, str]:
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5))
    row = {"text": draw(st.sampled_from(["\n\n", "\n", " "])).join(paragraphs)}
    for key, values in (("title", st.text(max_size=40)), ("outlet", st.sampled_from(["VOA", "AP", "", "Ünïcode"])),
                        ("published", st.sampled_from(["2013-05-27", "0001-01-01", "9999-12-31", "2013-02-30", ""]))):
        if draw(st.booleans()):
            row[key] = draw(values)
    return row


def _citations(d: Digest) -> Iterator[Citation]:
    for story in d.stories:
        for line in story.summary:
            yield from line.citations
        for entry in story.timeline:
            yield from entry.citations
        for claim in story.claims:
            yield from (v.citation for v in claim.values)
        yield from (u.citation for u in story.unique)
        yield from (q.citation for q in story.quotes)


def _json_citations(story: dict[str, object]) -> Iterator[dict[str, object]]:
    for key in ("summary", "timeline"):
        for item in story[key]:  # type: ignore[attr-defined]
            yield from item["citations"]
    for claim in story["claims"]:  # type: ignore[attr-defined]
        yield from (v["citation"] for v in claim["values"])
    for key in ("unique", "quotes"):
        yield from (item["citation"] for item in story[key])  # type: ignore[attr-defined]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(article(), min_size=1, max_size=4))
def test_brief_offsets_and_citations_hold_for_any_text(rows: list[dict[str, str]]) -> None:
    data = "\n".join(json.dumps(r) for r in rows).encode("utf-8")
    cfg = Settings(min_body_chars=20)
    src = read_stream(io.BytesIO(data), cfg, origin="gen.jsonl")
    d = digest(src.docs, cfg, LexicalEmbedder(), rejected=src.rejected)

    assert len(d.articles) + len(d.rejected) == len(rows)
    event(f"{len(d.articles)} articles, {sum(len(s.summary) > 0 for s in d.stories)} stories with a summary, "
          f"{sum(1 for _ in _citations(d)) > 0 and 'citations' or 'no citations'}")
    for a in d.articles:
        assert [s.index for s in a.sentences] == list(range(len(a.sentences)))
        for s in a.sentences:
            assert 0 <= s.start < s.end <= len(a.text)
            piece = a.text[s.start:s.end]
            assert piece == piece.strip() and not any("\ud800" <= ch <= "\udfff" for ch in piece)
    by_id = {a.id: a for a in d.articles}
    for c in _citations(d):
        a = by_id[c.article_id]
        s = a.sentences[c.sentence_index]
        assert (c.start, c.end) == (s.start, s.end) and a.text[c.start:c.end] == a.sentence_text(c.sentence_index)
    for story in d.stories:
        for line in story.summary:
            first = line.citations[0]
            cited = by_id[first.article_id].sentence_text(first.sentence_index)
            assert is_compression_of(line.text, cited)  # the sentence, or its words in order (README contract)

    out = json.loads(render(d, "json"))
    texts = {a["id"]: a["text"] for a in out["articles"]}
    spans = {(a["id"], s["index"]): (s["start"], s["end"]) for a in out["articles"] for s in a["sentences"]}
    for story in out["stories"]:
        for c in _json_citations(story):
            assert spans[(c["article_id"], c["sentence_index"])] == (c["start"], c["end"])
            assert texts[c["article_id"]][c["start"]:c["end"]].strip()

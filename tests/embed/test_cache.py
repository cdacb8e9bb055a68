"""The per-run embedding cache: each text goes to the model once, and a cached vector is the model's own."""

from __future__ import annotations

import pickle
from collections.abc import Sequence

import numpy as np
import pytest

from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.embed.cache import CachedEmbedder, cached
from newsweave.errors import ConfigError


class CountingEmbedder:
    """The lexical embedder, recording every batch it is asked to embed."""

    name = "lexical"

    def __init__(self) -> None:
        self.inner = LexicalEmbedder(dim=64)
        self.batches: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return self.inner.encode(texts)


TEXTS = ["Kerry met Lavrov in Moscow.", "The talks ended on Tuesday.", "Geneva hosts the conference."]


def test_second_encode_of_the_same_texts_does_not_call_the_model_and_returns_the_same_vectors() -> None:
    model = CountingEmbedder()
    emb = CachedEmbedder(model)
    first = emb.encode(TEXTS)
    second = emb.encode(list(reversed(TEXTS)))
    assert len(model.batches) == 1
    np.testing.assert_array_equal(second, first[::-1])
    np.testing.assert_array_equal(first, LexicalEmbedder(dim=64).encode(TEXTS))  # what uncached gives
    assert emb.stats.calls == 2 and emb.stats.texts == 6 and emb.stats.model_texts == 3 and emb.stats.hits == 3


def test_only_new_texts_reach_the_model_once_each_and_rows_keep_the_input_order() -> None:
    model = CountingEmbedder()
    emb = CachedEmbedder(model)
    emb.encode(TEXTS[:1])
    out = emb.encode([TEXTS[1], TEXTS[0], TEXTS[1], TEXTS[2]])
    assert model.batches == [[TEXTS[0]], [TEXTS[1], TEXTS[2]]]
    np.testing.assert_array_equal(out, LexicalEmbedder(dim=64).encode([TEXTS[1], TEXTS[0], TEXTS[1], TEXTS[2]]))


def test_returned_rows_are_the_callers_to_change() -> None:
    emb = CachedEmbedder(CountingEmbedder())
    out = emb.encode(TEXTS)
    out *= 0.0
    assert np.abs(emb.encode(TEXTS)).sum() > 0


def test_the_cache_is_bounded_least_recently_used_first() -> None:
    model = CountingEmbedder()
    emb = CachedEmbedder(model, max_entries=2)
    emb.encode(TEXTS[:2])
    emb.encode(TEXTS[:1])  # TEXTS[0] used last: TEXTS[1] goes when TEXTS[2] comes
    emb.encode(TEXTS[2:])
    assert emb.stats.entries == 2
    emb.encode(TEXTS[:1])
    emb.encode(TEXTS[1:2])
    assert model.batches[-1] == [TEXTS[1]] and len(model.batches) == 3


def test_empty_input_gives_an_empty_matrix() -> None:
    emb = CachedEmbedder(LexicalEmbedder(dim=64))
    assert emb.encode([]).shape == (0, 64)


def test_a_pickled_copy_starts_empty_and_keeps_the_name() -> None:
    emb = CachedEmbedder(LexicalEmbedder(dim=64))
    emb.encode(TEXTS)
    copy = pickle.loads(pickle.dumps(emb))
    assert copy.name == "lexical" and copy.stats.entries == 0 and emb.stats.entries == 3


def test_cached_wraps_once_and_zero_turns_it_off() -> None:
    base = LexicalEmbedder()
    once = cached(base)
    assert isinstance(once, CachedEmbedder) and cached(once) is once
    assert cached(base, 0) is base
    with pytest.raises(ConfigError):
        Settings(embed_cache=-1)


def test_a_digest_embeds_each_distinct_text_once_and_matches_the_uncached_digest() -> None:
    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest
    from newsweave.render import render
    from tests.conftest import EXAMPLES

    settings = Settings(embedder="lexical")
    src = read_sources([str(EXAMPLES / "bridge")], settings)
    model = CountingEmbedder()
    with_cache = digest(src.docs, settings, embedder=model)
    sent = [t for b in model.batches for t in b]
    assert len(sent) == len(set(sent)) > 0
    plain = CountingEmbedder()
    without = digest(src.docs, Settings(embedder="lexical", embed_cache=0), embedder=plain)
    assert sum(map(len, plain.batches)) > len(sent)  # the clustering lead sentences come again for the summary
    assert render(with_cache, "json") == render(without, "json")


class TwoPrecisionEmbedder(CountingEmbedder):
    """A model with a sentence variant (as ONNX MiniLM has int8 beside fp32): a second counting model whose
    vectors differ from this one's."""

    def __init__(self) -> None:
        super().__init__()
        self.variant = CountingEmbedder()
        self.variant.inner = LexicalEmbedder(dim=64)

    @property
    def sentences(self) -> CountingEmbedder:
        return self.variant

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return super().encode(texts) * 2.0  # distinguishable from the variant's


def test_the_sentence_variant_reuses_the_full_models_vector_of_a_text_it_already_has() -> None:
    model = TwoPrecisionEmbedder()
    emb = CachedEmbedder(model)
    full = emb.encode(TEXTS[:2])  # lead sentences, embedded for clustering
    sent = emb.sentences.encode(TEXTS)  # every sentence, for the summary
    assert model.variant.batches == [[TEXTS[2]]]  # only the text the full model has not seen
    np.testing.assert_array_equal(sent[:2], full)
    np.testing.assert_array_equal(sent[2], LexicalEmbedder(dim=64).encode(TEXTS[2:])[0])
    copy = pickle.loads(pickle.dumps(emb.sentences))  # a worker's copy starts empty, without the link
    copy.encode(TEXTS[:1])
    assert copy.stats.model_texts == 1


def test_a_full_sentence_cache_borrowing_vectors_keeps_what_the_same_call_reads() -> None:
    """At ``max_entries``, a borrowed vector must not push out an entry the same call is about to hand back."""
    model = TwoPrecisionEmbedder()
    emb = CachedEmbedder(model, max_entries=2)
    emb.encode(["new lead"])
    sent = emb.sentences
    sent.encode(["old one", "old two"])
    out = sent.encode(["old one", "new lead"])  # "old one" read from the cache, "new lead" borrowed
    np.testing.assert_array_equal(out[1], emb.encode(["new lead"])[0])
    assert sent.stats.entries == 2

"""Embed each text once per run: an embedder that memoises another one's vectors by a hash of the text.

One digest embeds an article's title and lead sentences for clustering, then every sentence of its story for
the summary, the citations and the dates; an ingest run embeds a story's lead sentences again for its dates at
every batch that touches the story; wire copies repeat whole sentences. ``CachedEmbedder`` sends each distinct
text to the model once and hands back the vector it got then, so a cached run gives every text exactly the
vector the first encoding of it gave (the model's own results, never recomputed). The cache of the sentence
variant (int8 beside fp32) first looks in the full model's: a lead sentence embedded for clustering is not
embedded again for the summary.

The cache is bounded: at most ``max_entries`` vectors (least recently used dropped first), ~1.5 kB each for
MiniLM's 384 dimensions, so 32,768 entries are ~50 MB. Keys are 16-byte BLAKE2b digests of the UTF-8 text,
so the cache does not keep a second copy of every sentence.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsweave.embed.base import Embedder, for_sentences

DEFAULT_MAX_ENTRIES = 32_768
"""Vectors kept by default: every sentence of a 500-article digest (~12,000) with room to spare, ~50 MB."""


def text_key(text: str) -> bytes:
    """The cache key of ``text``: a 128-bit BLAKE2b digest of its UTF-8 bytes (lone surrogates kept)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True)
class CacheStats:
    """What a ``CachedEmbedder`` was asked for and what it sent to the model."""

    calls: int
    """``encode`` calls made to the cache."""
    texts: int
    """Texts asked for over those calls (what an uncached embedder would have embedded)."""
    model_calls: int
    """``encode`` calls passed on to the model (a call whose texts were all cached makes none)."""
    model_texts: int
    """Texts the model embedded."""
    entries: int
    """Vectors held now."""

    @property
    def hits(self) -> int:
        return self.texts - self.model_texts


class CachedEmbedder:
    """``inner`` with its vectors memoised by text (see the module doc). Same ``name`` as ``inner``: vectors are
    the model's. The sentence variant's cache may hand back the full-precision vector of a text (``finer``):
    then a lead sentence's vector differs, in the third decimal of its similarities, from what an uncached or a
    worker's run gives it (both are the same model's; a store keeps no sentence vectors, only what is made
    from them, such as refined dates)."""

    def __init__(
        self, inner: Embedder, max_entries: int = DEFAULT_MAX_ENTRIES, finer: CachedEmbedder | None = None
    ) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, got {max_entries}")
        self.inner = inner
        self.name = inner.name
        self.max_entries = max_entries
        self._vectors: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._counts = [0, 0, 0, 0]  # calls, texts, model calls, model texts
        self._sentences: CachedEmbedder | None = None
        self._finer = finer

    def __getstate__(self) -> dict[str, Any]:
        """A pool worker gets the model (unloaded) and an empty cache of its own: shipping the vectors to every
        worker would cost more than the few it could reuse."""
        state = dict(self.__dict__)
        state["_vectors"] = OrderedDict()
        state["_counts"] = [0, 0, 0, 0]
        state["_sentences"] = None
        state["_finer"] = None
        return state

    @property
    def sentences(self) -> CachedEmbedder:
        """The cache of the model's sentence variant (``embed.base.for_sentences``), or this one if it has none.
        A text this cache already holds (a lead sentence embedded for clustering) is not embedded again by the
        variant: the variant's cache hands back this one's vector (the same model at full precision)."""
        inner = for_sentences(self.inner)
        if inner is self.inner:
            return self
        if self._sentences is None:
            self._sentences = CachedEmbedder(inner, self.max_entries, finer=self)
        return self._sentences

    @property
    def stats(self) -> CacheStats:
        c = self._counts
        return CacheStats(c[0], c[1], c[2], c[3], len(self._vectors))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        missing: dict[bytes, str] = {}
        finer = self._finer._vectors if self._finer is not None else {}
        borrowed: dict[bytes, np.ndarray] = {}  # remembered with the fresh ones, after the rows are read
        for k, t in zip(keys, texts, strict=True):
            if k not in self._vectors and k not in missing and k not in borrowed:
                if k in finer:
                    borrowed[k] = finer[k]
                else:
                    missing[k] = t
        self._counts[0] += 1
        self._counts[1] += len(texts)
        fresh: dict[bytes, np.ndarray] = dict(borrowed)
        if missing:
            self._counts[2] += 1
            self._counts[3] += len(missing)
            vectors = np.asarray(self.inner.encode(list(missing.values())), dtype=np.float32)
            fresh.update({k: vectors[i].copy() for i, k in enumerate(missing)})
        rows = [fresh[k] if k in fresh else self._hit(k) for k in keys]
        for k, v in fresh.items():
            self._remember(k, v)
        if not rows:
            return np.asarray(self.inner.encode([]), dtype=np.float32)
        return np.stack(rows)

    def _hit(self, key: bytes) -> np.ndarray:
        self._vectors.move_to_end(key)
        return self._vectors[key]

    def _remember(self, key: bytes, vector: np.ndarray) -> None:
        vector.setflags(write=False)
        self._vectors[key] = vector
        self._vectors.move_to_end(key)
        while len(self._vectors) > self.max_entries:
            self._vectors.popitem(last=False)


def cached(embedder: Embedder, max_entries: int = DEFAULT_MAX_ENTRIES) -> Embedder:
    """``embedder`` memoised for one run (itself if it is already a ``CachedEmbedder``; as is if
    ``max_entries`` is 0: the cache turned off)."""
    if max_entries == 0 or isinstance(embedder, CachedEmbedder):
        return embedder
    return CachedEmbedder(embedder, max_entries)

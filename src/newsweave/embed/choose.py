"""Which embedder a name stands for: MiniLM on ONNX Runtime (default) or torch, or the lexical stand-in. Kept
apart from the embedders themselves so that the ONNX embedder (which falls back to the torch one) and the torch
one never import each other in a circle."""

from __future__ import annotations

import os

from newsweave.embed.base import MINILM_BACKENDS, Embedder, LexicalEmbedder, MiniLMEmbedder
from newsweave.embed.onnx_minilm import OnnxMiniLMEmbedder


def minilm_embedder(backend: str | None = None) -> Embedder:
    """The MiniLM embedder for ``backend`` (default: ``$NEWSWEAVE_EMBED_BACKEND``, else ``auto``). All of them
    are named ``minilm``: a store made with one can be extended with another (fp32 ONNX vectors are the torch
    ones to float rounding; int8 ones have cosine 0.99 on average with them, and the cluster evals move by less
    than 0.005)."""
    chosen = (backend or os.environ.get("NEWSWEAVE_EMBED_BACKEND") or "auto").strip().lower()
    if chosen not in MINILM_BACKENDS:
        raise ValueError(f"unknown MiniLM backend {chosen!r} (NEWSWEAVE_EMBED_BACKEND); choose from"
                         f" {', '.join(MINILM_BACKENDS)}")
    if chosen == "torch":
        return MiniLMEmbedder()
    return OnnxMiniLMEmbedder(quantization="int8" if chosen == "onnx-int8" else "fp32", fallback=chosen == "auto")


def get_embedder(name: str) -> Embedder:
    if name == "minilm":
        return minilm_embedder()
    if name == "lexical":
        return LexicalEmbedder()
    raise ValueError(f"unknown embedder {name!r}; choose 'minilm' or 'lexical'")

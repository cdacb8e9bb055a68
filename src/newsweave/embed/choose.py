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
    ones to float rounding; int8 ones have cosine 0.99 on average with them). ``auto`` groups articles with fp32
    vectors (the story cut was tuned on them; int8 moved DUC 2004's B-cubed by -0.006) and embeds sentences in
    int8, about 3x faster (benchmarks/RESULTS.md, "embedding speed")."""
    chosen = (backend or os.environ.get("NEWSWEAVE_EMBED_BACKEND") or "auto").strip().lower()
    if chosen not in MINILM_BACKENDS:
        raise ValueError(f"unknown MiniLM backend {chosen!r} (NEWSWEAVE_EMBED_BACKEND); choose from"
                         f" {', '.join(MINILM_BACKENDS)}")
    if chosen == "torch":
        return MiniLMEmbedder()
    if chosen == "auto":
        return OnnxMiniLMEmbedder(quantization="fp32", sentence_quantization="int8", fallback=True)
    return OnnxMiniLMEmbedder(quantization="fp32" if chosen == "onnx" else "int8")


def get_embedder(name: str) -> Embedder:
    if name == "minilm":
        return minilm_embedder()
    if name == "lexical":
        return LexicalEmbedder()
    raise ValueError(f"unknown embedder {name!r}; choose 'minilm' or 'lexical'")

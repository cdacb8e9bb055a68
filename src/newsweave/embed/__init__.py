"""Sentence embedders behind one interface: MiniLM (default) and a lexical fallback that needs no model."""

from newsweave.embed.base import Embedder, LexicalEmbedder, MiniLMEmbedder, for_sentences
from newsweave.embed.choose import get_embedder, minilm_embedder
from newsweave.embed.onnx_minilm import OnnxMiniLMEmbedder

__all__ = [
    "Embedder", "LexicalEmbedder", "MiniLMEmbedder", "OnnxMiniLMEmbedder", "for_sentences", "get_embedder",
    "minilm_embedder",
]

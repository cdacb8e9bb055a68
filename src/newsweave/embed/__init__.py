"""Sentence embedders behind one interface: MiniLM (default) and a lexical fallback that needs no model."""

from newsweave.embed.base import Embedder, LexicalEmbedder, MiniLMEmbedder, get_embedder

__all__ = ["Embedder", "LexicalEmbedder", "MiniLMEmbedder", "get_embedder"]

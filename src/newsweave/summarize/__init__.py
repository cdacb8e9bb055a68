"""Summaries: redundancy-aware extractive sentence selection (and, elsewhere in this package, citations)."""

from newsweave.summarize.select import select_sentences

__all__ = ["select_sentences"]

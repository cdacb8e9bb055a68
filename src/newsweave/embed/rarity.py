"""How rare a word is in general use: a fixed IDF for the lexical part of the clustering vectors.

TF-IDF fitted on a batch separates stories best when the whole batch is at hand, but its weights change with
every batch, so a story's vector sum kept by the streaming clusterer (and the store) would stop matching the
vectors of new articles. Word frequencies measured once over a large general corpus (the ``wordfreq``
package, which ships its tables) give every word the same weight in every run: ``-log10`` of its frequency,
between 1 (the commonest words) and 9 (words wordfreq has never seen: names, mostly), the Zipf scale
turned around. Names and rare words carry a story's identity; "said", "people" and "government" do not.
"""

from __future__ import annotations

import math
from functools import lru_cache

MAX_WEIGHT = 9.0
"""The weight of a word the frequency table does not know (its Zipf value is 0)."""


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


@lru_cache(maxsize=8)
def _table(language: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(language)


def _frequencies(language: str) -> dict[str, float]:
    """wordfreq's table for ``language``; English's for a language it has no table for."""
    return _table(language if language in _languages() else "en")


def weight(word: str, language: str | None = None) -> float:
    """``-log10`` of the (lower-case) word's frequency in general use, clipped to [1, ``MAX_WEIGHT``]."""
    f = _frequencies(language or "en").get(word, 0.0)
    return MAX_WEIGHT if f <= 0.0 else min(MAX_WEIGHT, max(1.0, -math.log10(f)))

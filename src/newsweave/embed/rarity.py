"""How rare a word is in general use: a fixed IDF for the lexical part of the clustering vectors.

TF-IDF fitted on a batch separates stories best when the whole batch is at hand, but its weights change with
every batch, so a story's vector sum kept by the streaming clusterer (and the store) would stop matching the
vectors of new articles. Word frequencies measured once over a large general corpus (the ``wordfreq``
package, which ships its tables) give every word the same weight in every run: ``-log10`` of its frequency,
between 1 (the commonest words) and 9 (words wordfreq has never seen: names, mostly), the Zipf scale
turned around. Names and rare words carry a story's identity; "said", "people" and "government" do not.
"""

from __future__ import annotations

import importlib.util
import logging
import math
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MAX_WEIGHT = 9.0
"""The weight of a word the frequency table does not know (its Zipf value is 0)."""


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def _english_file() -> Path | None:
    """wordfreq's English table ("best" for English is its "large" list), found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_en.msgpack.gz"
    return path if path.is_file() else None


def read_english() -> dict[str, float] | None:
    """wordfreq's English frequencies, read from its data file as ``wordfreq.read_cBpack`` reads it (gzipped
    msgpack: a header, then the words of each centibel of frequency, most frequent first) and turned into
    frequencies as ``get_frequency_dict`` does. Importing wordfreq costs ~0.1 s of start-up (it imports
    langcodes to match language codes), a tenth of a cold digest's budget; None when the file is not there
    or cannot be read (then wordfreq itself is asked)."""
    path = _english_file()
    if path is None:
        return None
    import gzip

    try:
        import msgpack

        with gzip.open(path, "rb") as f:
            data = msgpack.load(f, raw=False)
    except (ImportError, OSError, ValueError, EOFError) as e:  # no msgpack, a damaged file: ask wordfreq
        log.debug("reading %s directly failed (%s); asking wordfreq", path, e)
        return None
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    freqs: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        freq = 10 ** (-index / 100)
        for word in bucket:
            freqs[word] = freq
    return freqs


@lru_cache(maxsize=8)
def _table(language: str) -> dict[str, float]:
    if language == "en":
        english = read_english()
        if english is not None:
            return english
    from wordfreq import get_frequency_dict

    return get_frequency_dict(language)


def _frequencies(language: str) -> dict[str, float]:
    """wordfreq's table for ``language``; English's for a language it has no table for."""
    return _table(language if language == "en" or language in _languages() else "en")


def weight(word: str, language: str | None = None) -> float:
    """``-log10`` of the (lower-case) word's frequency in general use, clipped to [1, ``MAX_WEIGHT``]."""
    f = _frequencies(language or "en").get(word, 0.0)
    return MAX_WEIGHT if f <= 0.0 else min(MAX_WEIGHT, max(1.0, -math.log10(f)))

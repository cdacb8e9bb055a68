"""What a search may cost: user text -> the few distinct words a full-text query looks up.

One place for every search (the API's ``/search`` and ``?q=``, the web story list, ``newsweave search``): the
words of the text (letters and digits), each once (case-insensitively), one-character words left out, at most
``MAX_TERMS`` of them. A query of 100 repeated short words once cost a minute of FTS5 work; now it is one or two
lookups. Text with no word left, or with more distinct words than the cap, is a ``QueryError`` (the API's 422,
the CLI's error line), never an empty answer that looks like "nothing matched".
"""

from __future__ import annotations

import re

from newsweave.errors import QueryError

MAX_TERMS = 12
"""Most distinct words one search looks up (every one must match)."""
MIN_TERM_CHARS = 2
"""Shorter words (``a``, ``I``, a stray letter of ``don't``) match nearly everything and are left out."""
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def search_terms(text: str) -> tuple[str, ...]:
    """The distinct words of ``text`` a search looks up, in order of first use. Raises ``QueryError`` when no
    word of at least ``MIN_TERM_CHARS`` characters is left or more than ``MAX_TERMS`` distinct ones are."""
    seen: dict[str, str] = {}
    for word in _WORD.findall(text):
        if len(word) >= MIN_TERM_CHARS:
            seen.setdefault(word.casefold(), word)
    if not seen:
        raise QueryError(
            f"nothing to search for in {text[:80]!r}: give at least one word of {MIN_TERM_CHARS} or more"
            " letters or digits"
        )
    if len(seen) > MAX_TERMS:
        raise QueryError(
            f"the query has {len(seen)} different words; a search takes at most {MAX_TERMS}"
            " (every word must match, so the first few usually suffice)"
        )
    return tuple(seen.values())


def fts_query(text: str) -> str:
    """User text -> a safe FTS5 query: its ``search_terms``, each quoted (no FTS syntax), all required."""
    return " ".join(f'"{t}"' for t in search_terms(text))

"""Quotation marks paired like brackets: where a quotation opens and closes in a text.

The sentence splitter uses it (a sentence boundary inside an open quotation is not a boundary) and so does quote
extraction (``quotes.extract``): one pairing rule for both, so a quote is never cut in half.
"""

from __future__ import annotations

_OPEN_BEFORE = "([{—–/-"


def _straight_role(text: str, i: int) -> str:
    """'open', 'close' or '?' for the straight mark at ``i``, from its neighbours: a mark after a space and before
    a word opens, a mark after a word and before a space or punctuation closes."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opens = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "?"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, in text order.

    Marks pair like brackets within a paragraph; any closing mark closes the innermost open quote (scrapes mix
    marks: 'saying "...”'). A straight mark whose neighbours say it opens never closes a stray unclosed one."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\n" and text[i : i + 2] == "\n\n":
            opened.clear()
        elif ch == "“":
            opened.append(i)
        elif ch == '"':
            role = _straight_role(text, i)
            if role == "open" or (role == "?" and not opened):
                opened.append(i)
            elif opened:
                spans.append((opened.pop() + 1, i))
        elif ch == "”" and opened:
            spans.append((opened.pop() + 1, i))
    return sorted(spans)


def typeset_quotes(text: str) -> str:
    """``text`` with the wire's ASCII quotation pairs (two backticks to open, two apostrophes to close, as LDC
    newswire writes them) as “ and ”, the marks every other stage reads as quotes. A text without two backticks
    is returned as it is: its two apostrophes may be inches, or a stray pair."""
    if "``" not in text:
        return text
    return text.replace("``", "“").replace("''", "”")

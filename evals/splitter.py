"""A light, dependency-free sentence splitter for plain newswire text (DUC-style; used by eval baselines).

Splits on ``.``, ``!`` or ``?`` (optionally followed by closing quotes/brackets) followed by whitespace and an
upper-case letter, digit or opening quote, unless the word before the period is a known abbreviation, an
initial, or a single letter. Line wraps inside paragraphs are joined first.
"""

from __future__ import annotations

import re

_ABBREVIATION_TEXT = """mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr st jr sr rev hon pres supt insp
    messrs mt ft vs etc inc corp co ltd bros dept univ assn no nos fig jan feb mar apr aug sep sept oct nov
    dec u.s u.n u.k a.m p.m e.g i.e d.c n.y calif conn fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo ariz ark colo del"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_BOUNDARY_RE = re.compile(r"([.!?])((?:['\"”’)\]]|'')*)\s+(?=(?:``|[\"“‘'(\[])?[A-Z0-9])")
_PREV_WORD_RE = re.compile(r"(\S+)$")


def _is_abbreviation(before: str) -> bool:
    m = _PREV_WORD_RE.search(before)
    if not m:
        return False
    word = m.group(1).lstrip("(\"'`“‘").lower()
    if word.endswith("."):
        word = word[:-1]
    if len(word) == 1 and word.isalpha():
        return True  # initials: "John F. Kennedy"
    return word in _ABBREVIATIONS


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences; paragraphs (blank-line separated) never share a sentence."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        flat = " ".join(para.split())
        if not flat:
            continue
        start = 0
        for m in _BOUNDARY_RE.finditer(flat):
            end = m.end(2)
            if m.group(1) == "." and not m.group(2) and _is_abbreviation(flat[start : m.start(1)]):
                continue
            piece = flat[start:end].strip()
            if piece:
                out.append(piece)
            start = m.end()
        tail = flat[start:].strip()
        if tail:
            out.append(tail)
    return out

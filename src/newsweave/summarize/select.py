"""Extractive sentence selection: concept coverage under a word budget (ICSISumm-style).

Concepts are stemmed word bigrams that are not made only of stop words, weighted by the number of
documents that contain them. We pick the set of whole sentences that maximises the total weight of the
concepts it covers (each concept counted once, which is what controls redundancy) plus a small prior for
early sentences, subject to the word budget. The problem is a small integer linear program solved exactly
with HiGHS (``summarize.ilp``); a cost-scaled greedy is the fallback.

Everything here is pure and deterministic: the same input always gives the same output.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.sparse import csr_matrix

from newsweave.calendar_words import WEEKDAY_NAMES
from newsweave.stemming import porter_stemmer
from newsweave.summarize.ilp import solve_binary
from newsweave.textutil import STOPWORDS, opens_mid_sentence

log = logging.getLogger(__name__)

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_STEMMER = porter_stemmer("ORIGINAL_ALGORITHM")  # NLTK's, without importing all of NLTK
_OPEN_QUOTES = ("``", '"', "“", "'", "‘", "«")
_CLOSE_QUOTES = ("''", '"', "”", "'", "’", "»")
_QUOTE_MARKS = ("`", "''", '"', "“", "”", "«", "»")  # "`": a scrape's half of "``"
_QUOTED_SPAN_RE = re.compile(r"``.*?''|\"[^\"]*\"|“[^“”]*”|«[^«»]*»")
_FIRST_PERSON_RE = re.compile(
    r"(?<!War )(?<!Phase )(?<!Type )(?<!Class )(?<!Stage )(?<!Title )(?<!Article )(?<!Part )(?<!Level )"
    r"\bI(?:'m|'ve|'d|'ll|’m|’ve|’d|’ll)?\s+(?!and\b|or\b|to\b)[a-z]|\b(?:me|my|myself)\b|\bMy\s"
)
"""A first-person singular pronoun (not the numeral of "World War I and II", "Phase I trials")."""
_NUMERAL_BEFORE = re.compile(r"\b(?P<w>[A-Z][\w.'’-]*)\s+$")
_OPENERS = frozenset("But And So Then Now Today Yesterday Here There Yes No Well If When As Because Although Though "
                     "Since Before After Once Sometimes Maybe Perhaps Still Yet Also".split())


def first_person(text: str) -> bool:
    """``text`` says "I", "me" or "my" outside a name: an "I" right after a capitalised word is a numeral
    ("Queen Elizabeth I", "Category I storm", "Schedule I drugs"), unless that word opens a clause ("But I")."""
    for m in _FIRST_PERSON_RE.finditer(text):
        if m.group().startswith("I"):
            before = _NUMERAL_BEFORE.search(text[: m.start()])
            if before and before.group("w") not in _OPENERS:
                continue
        return True
    return False


_DAYS = f"(?:{WEEKDAY_NAMES})"
_LEADING_ADVERBIAL_RE = re.compile(
    r"^(?:However|Meanwhile|But|And|Also|In addition|Still|Instead|Nevertheless|On "
    + _DAYS
    + r"|Earlier|Later|Yesterday|Today),\s+"
)
_TRAILING_ATTRIBUTION_RE = re.compile(
    r",(?:'')?\s+(?:[a-z]+ )?(?:he|she|they|it|[A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*|(?:the |a )?[a-z]+(?: [a-z]+)?)"
    r"\s+(?:said|says|added|told [\w ]+?|reported)(?: on)?(?: " + _DAYS + r")?\.$"
)
_WEEKDAY_RE = re.compile(r"\s+(?:on |late |early )?" + _DAYS + r"(?: night| morning| afternoon| evening)?\b")


@dataclass(frozen=True)
class SelectConfig:
    """Tunable knobs of the selector (defaults are the ones benchmarked in benchmarks/RESULTS.md)."""

    min_words: int = 8
    max_words: int = 60
    min_doc_freq: int = 4
    position_weight: float = 9.0  # bonus position_weight / (1 + sentence index), in document-frequency units
    max_overlap: float = 0.5  # two sentences sharing more than this share of bigrams never both appear
    figure_overlap: float = 0.25  # nor two sharing a figure and more than this share (not tuned: half of the above)
    skip_quotes: bool = True  # direct quotations rarely belong in a neutral summary (see ``quoted_share``)
    max_quoted_share: float = 0.25  # ... a sentence is one when more of its words than this are quoted
    skip_fragments: bool = True  # a sentence opening in lower case is the rest of one split in the middle
    skip_first_person: bool = True  # "I think we are going to see ...": an interview's answer, a quote unmarked
    max_position: int = 10**6
    word_cost: float = 1e-3  # tie-breaker: never add words that cover nothing new
    require_lead: bool = True  # at least one chosen sentence opens its document (a report of the event)
    solver_time_limit: float = 2.0
    max_candidates: int = 1000  # the ILP and its pairwise redundancy rows see only the best this many sentences


DEFAULT_CONFIG = SelectConfig()


@dataclass(frozen=True)
class Candidate:
    """One sentence that may be selected."""

    doc: int
    index: int
    n_words: int
    concepts: frozenset[tuple[str, str]]
    figures: frozenset[str] = frozenset()
    """Its figures (``figures_of``): two sentences giving the same figure repeat each other at a lower overlap."""


_FIGURE_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d{2,}(?![\w,]|\.\d)")


def figures_of(text: str) -> frozenset[str]:
    """The numbers of two or more digits in ``text`` that are no year (1900-2099), commas dropped: "231",
    "7000" for "7,000"."""
    out = set()
    for m in _FIGURE_RE.finditer(text):
        v = m.group().replace(",", "")
        if not v.startswith("0") and not (len(v) == 4 and "," not in m.group() and 1900 <= int(v) <= 2099):
            out.add(v)
    return frozenset(out)


def repeats(a: Candidate, b: Candidate, config: SelectConfig) -> bool:
    """Whether two candidates say the same: more than ``max_overlap`` of the shorter one's bigrams shared, or
    more than ``figure_overlap`` of them and a figure ("at least 231 people have been confirmed dead in
    Honduras ..., the National Emergency Commission said" / "In Honduras, at least 231 deaths have been blamed
    on Mitch, the National Emergency Commission said")."""
    if not a.concepts or not b.concepts:
        return False
    shared = len(a.concepts & b.concepts)
    least = min(len(a.concepts), len(b.concepts))
    return shared > config.max_overlap * least or (
        shared > config.figure_overlap * least and not a.figures.isdisjoint(b.figures))


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Porter stem (original algorithm) for tokens longer than three characters, as ROUGE does."""
    return _STEMMER.stem(token) if len(token) > 3 else token


def stem_tokens(text: str) -> list[str]:
    """Lower-cased alphanumeric tokens, stemmed."""
    return [stem(t) for t in _TOKEN_RE.findall(text.lower())]


def concepts_of(text: str) -> frozenset[tuple[str, str]]:
    """Stemmed bigrams of ``text`` that contain at least one non-stop word."""
    raw = _TOKEN_RE.findall(text.lower())
    out: set[tuple[str, str]] = set()
    for a, b in zip(raw, raw[1:], strict=False):
        if a in STOPWORDS and b in STOPWORDS:
            continue
        out.add((stem(a), stem(b)))
    return frozenset(out)


def n_words(text: str) -> int:
    """Whitespace word count (the unit of ROUGE's ``-l`` limit and of the digest budget)."""
    return len(text.split())


def outside_quotes(text: str) -> str:
    """``text`` with every paired quotation (marks included) replaced by a space."""
    return _QUOTED_SPAN_RE.sub(" ", text)


def quoted_share(text: str) -> float:
    """The share of ``text``'s words inside quotation marks; 1.0 when a mark is left open (the sentence is part
    of a quotation that runs over several sentences). 'Kerry called the talks "productive" and said ...' is a
    report with a quoted word (a small share); '"We will not accept it," he said' is a quotation, and so is any
    sentence opening with a quoted clause ('"I will resign," the minister told reporters in Rome after ...')."""
    if any(q in outside_quotes(text) for q in _QUOTE_MARKS):
        return 1.0
    opening = _QUOTED_SPAN_RE.match(text.lstrip())
    if opening and re.search(r"[,?!]\W*$", opening.group()):
        return 1.0  # '"We will win," the president told a rally ...': a quotation, however long its attribution
    inside = sum(len(m.group().strip("`'\"“”«» ").split()) for m in _QUOTED_SPAN_RE.finditer(text))
    return inside / max(1, n_words(text))


def is_eligible(text: str, config: SelectConfig = DEFAULT_CONFIG) -> bool:
    """Whole, declarative, reasonably sized sentences only: no questions, no bare quote fragments, no rest of a
    sentence split in the middle ("at Speaker-elect Robert Livingston when he called ...", after a split at a
    quoted "You resign!"), nobody speaking in the first person ("I think we are going to see low oil prices",
    an interview's answer in a DUC file)."""
    s = text.strip()
    if not s:
        return False
    if config.skip_fragments and opens_mid_sentence(s):
        return False
    n = n_words(s)
    if n < config.min_words or n > config.max_words:
        return False
    if s.rstrip("\"'”’ ").endswith("?"):
        return False
    if s.startswith(_OPEN_QUOTES) and s.endswith(_CLOSE_QUOTES):
        return False
    if s.count("(") != s.count(")"):
        return False  # one half of a parenthesis split over two sentences: "(The White House was keeping ..."
    if config.skip_quotes and quoted_share(s) > config.max_quoted_share:
        return False
    if config.skip_first_person and first_person(outside_quotes(s)):
        return False  # in a report, "I" outside quotation marks is a speaker whose marks were lost
    return not s.endswith(":")


def compress_sentence(text: str) -> str:
    """Drop a leading connective/adverbial, a trailing attribution (", officials said Tuesday.") and weekdays.

    Used for fixed-length evaluation (more content per word); the digest prints original sentences.
    """
    t = _LEADING_ADVERBIAL_RE.sub("", text.strip())
    t = _TRAILING_ATTRIBUTION_RE.sub(".", t)
    t = _WEEKDAY_RE.sub("", t).strip()
    return t[:1].upper() + t[1:] if t else t


def doc_frequencies(docs: Sequence[Sequence[str]]) -> dict[tuple[str, str], int]:
    """Number of documents in which each concept occurs."""
    df: dict[tuple[str, str], int] = {}
    for doc in docs:
        seen: set[tuple[str, str]] = set()
        for sent in doc:
            seen |= concepts_of(sent)
        for c in seen:
            df[c] = df.get(c, 0) + 1
    return df


def concept_weights(
    docs: Sequence[Sequence[str]], config: SelectConfig = DEFAULT_CONFIG
) -> dict[tuple[str, str], float]:
    """Document-frequency weights of the concepts shared by enough documents.

    The threshold is ``min(min_doc_freq, ndocs)``; if it leaves nothing (few or unrelated documents) it is
    lowered step by step down to 1, so a single document still gets a summary driven by its own bigrams.
    """
    ndocs = sum(1 for d in docs if d)
    df = doc_frequencies(docs)  # quotations count: what the outlets quote is part of what they report
    threshold = max(1, min(config.min_doc_freq, ndocs))
    while threshold >= 1:
        kept = {c: float(f) for c, f in df.items() if f >= threshold}
        if kept or threshold == 1:
            return kept
        threshold -= 1
    return {}


def _candidates(docs: Sequence[Sequence[str]], config: SelectConfig) -> list[Candidate]:
    out: list[Candidate] = []
    seen_texts: set[str] = set()
    for i, doc in enumerate(docs):
        for j, sent in enumerate(doc):
            key = " ".join(sent.lower().split())
            if j >= config.max_position or key in seen_texts or not is_eligible(sent, config):
                continue
            seen_texts.add(key)
            out.append(Candidate(i, j, n_words(sent), concepts_of(sent), figures_of(sent)))
    return out


def _relaxed_candidates(docs: Sequence[Sequence[str]]) -> list[Candidate]:
    """Every non-empty sentence: used when no sentence passes the eligibility filter."""
    return [
        Candidate(i, j, n_words(s), concepts_of(s), figures_of(s))
        for i, doc in enumerate(docs)
        for j, s in enumerate(doc)
        if s.strip()
    ]


def _position_bonus(cand: Candidate, config: SelectConfig) -> float:
    return config.position_weight / (1.0 + cand.index)


def _solve_ilp(
    cands: Sequence[Candidate],
    weights: dict[tuple[str, str], float],
    budget: int,
    config: SelectConfig,
    needs: Sequence[tuple[int, int]] = (),
) -> list[int] | None:
    """``needs``: (i, k) pairs of candidate positions, i chosen only with k (``_predecessors``)."""
    concepts = sorted({c for cand in cands for c in cand.concepts if c in weights})
    cidx = {c: k for k, c in enumerate(concepts)}
    ns, nc = len(cands), len(concepts)
    # Variables: [s_0..s_{ns-1}, c_0..c_{nc-1}]; the solver minimises, so negate the gains.
    cost = np.zeros(ns + nc)
    for i, cand in enumerate(cands):
        cost[i] = config.word_cost * cand.n_words - _position_bonus(cand, config)
    for k, c in enumerate(concepts):
        cost[ns + k] = -weights[c]
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    # Row 0: budget.
    for i, cand in enumerate(cands):
        rows.append(0)
        cols.append(i)
        vals.append(float(cand.n_words))
    # Rows 1..nc: c_k - sum_{i covers k} s_i <= 0.
    for k in range(nc):
        rows.append(1 + k)
        cols.append(ns + k)
        vals.append(1.0)
    for i, cand in enumerate(cands):
        for c in cand.concepts:
            ck = cidx.get(c)
            if ck is not None:
                rows.append(1 + ck)
                cols.append(i)
                vals.append(-1.0)
    # Rows after that: s_i + s_j <= 1 for near-duplicate pairs (the position prior must not buy repeats).
    pairs = _near_duplicates(cands, config)
    for r, (i, j) in enumerate(pairs, start=1 + nc):
        rows += [r, r]
        cols += [i, j]
        vals += [1.0, 1.0]
    # Then s_i - s_k <= 0: a line that follows its previous sentence only with that sentence's line.
    first = 1 + nc + len(pairs)
    for r, (i, k) in enumerate(needs, start=first):
        rows += [r, r]
        cols += [i, k]
        vals += [1.0, -1.0]
    # Last, -sum s_i <= -1 over the leads: the summary carries at least one report of the event, not only the
    # background and reactions the concept weights can prefer (when any lead is a candidate).
    leads = [i for i, cand in enumerate(cands) if cand.index == 0] if config.require_lead else []
    n_rows = first + len(needs) + (1 if leads else 0)
    for i in leads:
        rows.append(n_rows - 1)
        cols.append(i)
        vals.append(-1.0)
    a = csr_matrix((vals, (rows, cols)), shape=(n_rows, ns + nc))
    ub = np.ones(n_rows)
    ub[first:] = 0.0
    ub[1 : 1 + nc] = 0.0
    ub[0] = float(budget)
    if leads:
        ub[-1] = -1.0
    res = solve_binary(cost, a, ub, config.solver_time_limit)
    if res.x is None:
        log.debug("ILP failed (%s); using greedy selection", res.message)
        return None
    return [i for i in range(ns) if res.x[i] > 0.5]


def _best_candidates(
    cands: Sequence[Candidate], weights: dict[tuple[str, str], float], config: SelectConfig
) -> list[Candidate]:
    """At most ``config.max_candidates`` candidates, those with the most concept weight plus position bonus (in
    input order). Bounds the quadratic redundancy check and the ILP on huge inputs; news stories have fewer."""
    if len(cands) <= config.max_candidates:
        return list(cands)
    gain = [sum(weights.get(c, 0.0) for c in cand.concepts) + _position_bonus(cand, config) for cand in cands]
    keep = sorted(range(len(cands)), key=lambda i: (-gain[i], i))[: config.max_candidates]
    return [cands[i] for i in sorted(keep)]


def _near_duplicates(cands: Sequence[Candidate], config: SelectConfig) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, of candidates that ``repeats`` says repeat each other."""
    return [(i, j) for i in range(len(cands)) if cands[i].concepts
            for j in range(i + 1, len(cands)) if repeats(cands[i], cands[j], config)]


def _solve_greedy(
    cands: Sequence[Candidate],
    weights: dict[tuple[str, str], float],
    budget: int,
    config: SelectConfig,
    needs: Sequence[tuple[int, int]] = (),
) -> list[int]:
    need = dict(needs)
    chosen: list[int] = []
    covered: set[tuple[str, str]] = set()
    used = 0
    remaining = set(range(len(cands)))
    while remaining:
        best, best_score = -1, 0.0
        for i in sorted(remaining):
            cand = cands[i]
            if used + cand.n_words > budget or (i in need and need[i] not in chosen):
                continue
            if any(repeats(cand, cands[c], config) for c in chosen):
                continue
            gain = sum(weights.get(c, 0.0) for c in cand.concepts - covered) + _position_bonus(cand, config)
            score = gain / max(cand.n_words, 1)
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
        remaining.discard(best)
        covered |= cands[best].concepts
        used += cands[best].n_words
    return chosen


def order_selection(
    pairs: Sequence[tuple[int, int]], doc_order: Sequence[int] | None, ndocs: int
) -> list[tuple[int, int]]:
    """Sort by the rank of the document in ``doc_order`` (unlisted documents last), then by position."""
    rank = {d: r for r, d in enumerate(doc_order)} if doc_order is not None else {d: d for d in range(ndocs)}
    return sorted(pairs, key=lambda p: (rank.get(p[0], ndocs + p[0]), p[0], p[1]))


def select_sentences(
    docs: Sequence[Sequence[str]],
    budget_words: int,
    *,
    doc_order: Sequence[int] | None = None,
    config: SelectConfig = DEFAULT_CONFIG,
    follows: Collection[tuple[int, int]] = frozenset(),
) -> list[tuple[int, int]]:
    """Choose whole sentences covering the concepts shared across documents, within ``budget_words``.

    A sentence ``(i, j)`` in ``follows`` is chosen only together with ``(i, j - 1)`` (its line leans on that one:
    ``standalone.printed_lines``). With ``config.require_lead`` at least one chosen sentence opens its document
    when any lead is a candidate (in the ILP; the greedy fallback, used only when the solver fails, does not
    enforce it): without it, 9 of the 54 stories of the 500-doc DUC digest had only background and reactions
    ("The cause of the fire had not been determined"), no report of the event.

    ``docs[i][j]`` is sentence ``j`` of document ``i``. Returns ``(doc index, sentence index)`` pairs in print
    order (documents ranked by ``doc_order`` — default: their index — then sentence position). The total
    whitespace word count of the chosen sentences is at most ``budget_words``.
    """
    if budget_words <= 0 or not any(s.strip() for doc in docs for s in doc):
        return []
    cands = [c for c in _candidates(docs, config) if c.n_words <= budget_words]
    if not cands:
        cands = [c for c in _relaxed_candidates(docs) if c.n_words <= budget_words]
    if not cands:
        return []
    weights = concept_weights(docs, config)
    if not any(c in weights for cand in cands for c in cand.concepts):
        # No shared content at all: fall back to lead sentences in document order.
        weights = {}
        cands, needs = _predecessors(cands, follows)
        chosen = _lead(cands, budget_words, needs)
    else:
        cands, needs = _predecessors(_best_candidates(cands, weights, config), follows)
        solved = _solve_ilp(cands, weights, budget_words, config, needs)
        chosen = solved if solved is not None else _solve_greedy(cands, weights, budget_words, config, needs)
    pairs = [(cands[i].doc, cands[i].index) for i in chosen]
    return order_selection(pairs, doc_order, len(docs))


def without_orphans(
    keys: Sequence[tuple[int, int]], follows: Collection[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``keys`` (doc, sentence) without those in ``follows`` whose previous sentence is not among them
    (repeatedly: a chain loses its tail), in their order."""
    kept = list(keys)
    while drop := {k for k in kept if k in follows and (k[0], k[1] - 1) not in set(kept)}:
        kept = [k for k in kept if k not in drop]
    return kept


def _predecessors(
    cands: Sequence[Candidate], follows: Collection[tuple[int, int]]
) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """``cands`` without the followers whose previous sentence is no candidate (``without_orphans``), and the
    (follower, predecessor) pairs of positions in the list returned."""
    keep = set(without_orphans([(c.doc, c.index) for c in cands], follows))
    kept = [c for c in cands if (c.doc, c.index) in keep]
    pos = {(c.doc, c.index): k for k, c in enumerate(kept)}
    needs = [(k, pos[(c.doc, c.index - 1)]) for k, c in enumerate(kept) if (c.doc, c.index) in follows]
    return kept, needs


def _lead(cands: Sequence[Candidate], budget: int, needs: Sequence[tuple[int, int]] = ()) -> list[int]:
    need = dict(needs)
    chosen: list[int] = []
    used = 0
    for i, cand in sorted(enumerate(cands), key=lambda t: (t[1].index, t[1].doc)):
        if i in need and need[i] not in chosen:
            continue
        if used + cand.n_words <= budget:
            chosen.append(i)
            used += cand.n_words
    return chosen


def next_best_sentence(
    docs: Sequence[Sequence[str]],
    chosen: Sequence[tuple[int, int]],
    *,
    config: SelectConfig = DEFAULT_CONFIG,
    max_words: int | None = None,
    follows: Collection[tuple[int, int]] = frozenset(),
) -> tuple[int, int] | None:
    """The eligible sentence (of at most ``max_words`` words) adding the most uncovered concept weight to
    ``chosen`` (for truncated fills).

    Fixed-length evaluations (DUC: first 100 words) let the last sentence run over and be cut; this picks that
    sentence. The digest prints it whole when its summary falls short of the budget (``summary.lines``).
    """
    weights = concept_weights(docs, config)
    taken = set(chosen)
    covered: set[tuple[str, str]] = set()
    for d, s in chosen:
        covered |= concepts_of(docs[d][s])
    best: tuple[int, int] | None = None
    best_gain = 0.0
    for cand in _candidates(docs, config):
        if (cand.doc, cand.index) in taken or (max_words is not None and cand.n_words > max_words):
            continue
        if (cand.doc, cand.index) in follows and (cand.doc, cand.index - 1) not in taken:
            continue
        gain = sum(weights.get(c, 0.0) for c in cand.concepts - covered) + _position_bonus(cand, config)
        if gain > best_gain:
            best, best_gain = (cand.doc, cand.index), gain
    return best

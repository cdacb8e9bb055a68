"""Boilerplate removal for plain-text page scrapes.

No list of known junk strings: each line is scored from general features (length, terminal punctuation,
stop-word ratio, capitalisation, indentation relative to the body, bullets, repetition inside the page and
across the pages of the batch, date-only and label-like shapes), then the article body is located as the
span of on-topic prose lines (lines whose content words recur in the rest of the page). Lines before the body
give the title; everything outside the body, and every non-prose line inside it, is dropped but returned in
``dropped`` so metadata extraction can still read outlet names and dates from it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from newsweave.calendar_words import MONTH_ALTERNATION, WEEKDAY_ABBREVIATIONS, WEEKDAY_ALTERNATION
from newsweave.extract.comments import COMMENTS, comments_start
from newsweave.extract.patterns import OUTLET_BLURB_RE
from newsweave.extract.wire import is_syndication_note, strip_photo_credits
from newsweave.textutil import STOPWORDS, content_words, normalize_line, stopwords_for, words

Region = Literal["head", "body", "tail"]

_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*$|[.!?]["'”’]\s*$|["”]$""")
_SENT_END = re.compile(r"[.!?][\"'”’]*\s+[A-Z“\"]")
_BULLET = re.compile(r"^\s*[•·▪◦●■►▶*]")
_CREDIT_LINE = re.compile(
    r"^\W*(?:with |additional )?(?:reporting|writing|editing|research) by\b|contributed (?:reporting )?to this report"
    r"|information for this report (?:was|were) provided|^\W*(?:photo|image|video)s? (?:by|credit|courtesy)\b",
    re.I,
)
_READER = re.compile(r"\b(?:you|your|yours)\b", re.I)
_QUOTE = re.compile(r"[\"“”‘’]|(?:^|\s)'|``|''")
_LABEL = re.compile(r"^[A-Z][\w'’ ]{1,30}:\s+\S")
_MONTHS = MONTH_ALTERNATION
_WEEKDAYS = f"{WEEKDAY_ABBREVIATIONS}|{WEEKDAY_ALTERNATION}"
_DATE_TOKEN = re.compile(rf"^(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}|am|pm|gmt|utc|at|on|of|the|[a-z]{{0,3}})$", re.I)


@dataclass(frozen=True)
class LineInfo:
    text: str
    indent: int
    n_words: int
    terminal: bool
    stop_ratio: float
    cap_ratio: float
    prose: bool
    junk_reason: str | None


@dataclass(frozen=True)
class DroppedLine:
    text: str
    region: Region
    reason: str


@dataclass(frozen=True)
class TextExtraction:
    title: str | None
    body: str
    dropped: tuple[DroppedLine, ...]


def batch_line_counts(texts: Iterable[str]) -> Counter[str]:
    """How many documents of a batch contain each (normalised) line. Input to cross-document repetition."""
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update({normalize_line(line) for line in t.splitlines() if line.strip()})
    return counts


def unwrap(lines: Sequence[str]) -> list[str]:
    """Join hard-wrapped lines (wire copy wrapped at a fixed width) back into paragraphs.

    A text is hard-wrapped when its long lines cluster just under one width (at most 100 characters) and most
    lines reach it (for a text of two or three lines: every line but the last reaches 80% of the longest and
    ends mid-sentence). Then a line that reaches 60% of the width continues into the next non-empty line; a shorter
    line, a blank line or an indented line ends the paragraph. Other texts are returned unchanged.
    """
    filled = [ln.rstrip() for ln in lines if ln.strip()]
    lengths = sorted(len(ln) for ln in filled)
    if len(lengths) < 2:
        return list(lines)
    if len(lengths) < 4:  # a short wire item: every line but the last runs to the width and ends mid-sentence
        width = lengths[-1]
        if not 40 <= width <= 100 or any(len(ln) < 0.8 * width or ln[-1] in ".!?:" for ln in filled[:-1]):
            return list(lines)
    else:
        width = lengths[int(0.9 * (len(lengths) - 1))]
        if not 30 <= width <= 100 or sum(1 for n in lengths if n >= 0.7 * width) < 0.5 * len(lengths):
            return list(lines)
    out: list[str] = []
    current = ""
    for ln in lines:
        text = ln.rstrip()
        if not text.strip():
            if current:
                out.append(current)
                current = ""
            out.append("")
            continue
        if current and (text[:1].isspace() and not current[:1].isspace()):
            out.append(current)
            current = ""
        current = f"{current} {text.strip()}" if current else text
        if len(text) < 0.6 * width:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def is_date_only(line: str) -> bool:
    """A line made only of date/time tokens (e.g. 'Monday, June 24, 2024' or '08 May 2013, 03:26 AM')."""
    toks = re.findall(r"[A-Za-z]+|\d+", line)
    if not toks or len(toks) > 9:
        return False
    has_month_or_year = any(re.fullmatch(_MONTHS, t, re.I) or re.fullmatch(r"(19|20)\d\d", t) for t in toks)
    return has_month_or_year and all(_DATE_TOKEN.match(t) for t in toks)


def _is_tag_list(line: str) -> bool:
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 4 or _TERMINAL.search(line.strip()):
        return False
    lens = [len(p.split()) for p in parts]
    return max(lens) <= 4 and sum(lens) / len(lens) <= 3.0


def _line_info(
    raw: str,
    doc_repeats: Counter[str],
    batch_counts: Mapping[str, int],
    n_batch: int,
    stopwords: frozenset[str] = STOPWORDS,
) -> LineInfo:
    text = raw.strip()
    indent = len(raw) - len(raw.lstrip(" \t"))
    ws = words(text)
    n = len(ws)
    lw = [w.lower() for w in ws]
    stop_ratio = sum(1 for w in lw if w in stopwords) / n if n else 0.0
    caps = [w for w in ws if w.lower() not in stopwords and w[0].isalpha()]
    cap_ratio = sum(1 for w in caps if w[0].isupper()) / len(caps) if caps else 0.0
    # Long paragraphs count as sentences when they contain sentence ends (wire copy may end in an editor's note,
    # "Mitch _ once, 2nd graf pvs": one sentence end and a short tail is enough).
    ends = list(_SENT_END.finditer(text))
    terminal = bool(_TERMINAL.search(text)) or (
        n >= 20 and bool(ends) and (len(ends) >= 2 or len(words(text[ends[-1].end() :])) <= 8)
    )
    key = normalize_line(text)
    reason: str | None = None
    if not any(c.isalpha() for c in text):
        reason = "no letters"
    elif is_date_only(text):
        reason = "date-only line"
    elif n_batch >= 2 and batch_counts.get(key, 0) >= 2 and n <= 12:
        reason = "repeated across documents"
    elif doc_repeats[key] >= 2 and n <= 12:
        reason = "repeated within document"
    elif _BULLET.match(raw) and n <= 12:
        reason = "bullet/menu item"
    elif _is_tag_list(text):
        reason = "tag list"
    elif _LABEL.match(text) and not terminal:
        reason = "label/link line"
    elif is_syndication_note(text):
        reason = "syndication note"
    elif n <= 40 and _CREDIT_LINE.search(text):  # a long paragraph (a one-line article) may end in a credit
        reason = "credit line"
    elif n <= 60 and OUTLET_BLURB_RE.match(text) and not _QUOTE.search(text):
        reason = "outlet self-description"
    elif n <= 40 and _READER.search(text) and not _QUOTE.search(text):
        reason = "addresses the reader (promo/widget)"
    elif n < 5 and not terminal:
        reason = "short line without sentence punctuation"
    elif not terminal and cap_ratio >= 0.6 and n <= 14:
        reason = "title-case link or heading"
    prose = reason is None and n >= 6 and terminal and stop_ratio >= 0.15
    return LineInfo(text, indent, n, terminal, stop_ratio, cap_ratio, prose, reason)


def _topical_scores(infos: Sequence[LineInfo], title: str | None) -> list[float]:
    """For each line, the share of its content-word weight that the rest of the page's prose also uses.

    Weighted by how many prose lines use a word, so one off-topic block that repeats its own words (a
    "saved items" widget) scores far below the article body that shares its vocabulary across many lines.
    """
    bags = [set(content_words(i.text)) if i.prose else set() for i in infos]
    df: Counter[str] = Counter()
    for b in bags:
        df.update(b)
    title_words = set(content_words(title)) if title else set()
    n_prose = max(1, sum(1 for i in infos if i.prose))
    scores: list[float] = []
    for info in infos:
        cw = set(content_words(info.text))
        if not cw:
            scores.append(0.0)
            continue
        own = 1 if info.prose else 0
        total = 0.0
        for w in cw:
            others = df[w] - (own if w in cw else 0)
            total += math.log1p(max(0, others)) / math.log1p(n_prose) + (0.5 if w in title_words else 0.0)
        scores.append(total / len(cw))
    return scores


def _core_scores(infos: Sequence[LineInfo], core: Sequence[LineInfo]) -> list[float]:
    """Share of each line's content words that some *other* core (body) line also uses (0.2 at least when
    two or more recurring body words are shared)."""
    df: Counter[str] = Counter()
    for c in core:
        df.update(set(content_words(c.text)))
    core_ids = {id(c) for c in core}
    out: list[float] = []
    for info in infos:
        cw = set(content_words(info.text))
        if not cw:
            out.append(0.0)
            continue
        own = 1 if id(info) in core_ids else 0
        shared = sum(1 for w in cw if df[w] - own >= 1)
        # Long sentences share a smaller fraction of their words: two words that recur across the body
        # (in two or more other lines) also make a line on topic.
        recurring = sum(1 for w in cw if df[w] - own >= 2)
        out.append(max(shared / len(cw), 0.2 if recurring >= 2 else 0.0))
    return out


def _body_span(
    infos: Sequence[LineInfo], scores: Sequence[float], body_indent: int, min_topical: float
) -> tuple[int, int]:
    """The contiguous run of lines with the largest total value (maximum-sum subarray).

    Prose lines are worth their length (on-topic ones more); junk and widget lines cost. The body is
    the densest prose region; widgets before/after it are cut however sentence-like they look.
    """
    values: list[float] = []
    for info, s in zip(infos, scores, strict=True):
        if info.prose and info.indent == body_indent:
            # On-topic prose is worth its length, other prose a quarter of it: short articles share few words
            # between lines, so topicality only decides between prose regions that junk lines separate.
            values.append(info.n_words * (0.25 + 0.75 * min(1.0, s / min_topical)))
        elif info.junk_reason or info.indent != body_indent:
            values.append(-max(3.0, info.n_words / 2))
        else:
            values.append(-1.0)
    best, best_span = 0.0, (len(infos), -1)
    cur, cur_start = 0.0, 0
    for k, v in enumerate(values):
        if cur <= 0:
            cur, cur_start = v, k
        else:
            cur += v
        if cur > best:
            best, best_span = cur, (cur_start, k)
    return best_span


def _pick_title(infos: Sequence[LineInfo], end: int) -> int | None:
    for i in range(end):
        info = infos[i]
        if info.junk_reason in ("no letters", "date-only line", "repeated across documents",
                                "repeated within document", "bullet/menu item", "tag list"):
            continue
        if info.n_words >= 15 and _SENT_END.search(info.text):
            continue  # two sentences, the second cut off ("... until spring. The waiver, announced ..."): a lead
        if 4 <= info.n_words <= 25 and not info.text.endswith(".") and info.indent <= 1:
            return i
    return None


def extract_text(
    text: str,
    *,
    batch_counts: Mapping[str, int] | None = None,
    n_batch: int = 1,
    title_hint: str | None = None,
    min_topical: float = 0.2,
    language: str | None = None,
) -> TextExtraction:
    """Split a plain-text scrape into title, body and dropped boilerplate lines.

    ``language`` (ISO code) picks the stop-word list used to tell prose from chrome; default English."""
    raw_lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    raw_lines = unwrap(raw_lines)
    raw_lines = [ln for ln in raw_lines if ln.strip()]
    if not raw_lines:
        return TextExtraction(title_hint, "", ())
    doc_repeats = Counter(normalize_line(ln) for ln in raw_lines)
    stopwords = stopwords_for(language)
    infos = [_line_info(ln, doc_repeats, batch_counts or {}, n_batch, stopwords) for ln in raw_lines]

    # The body's own indentation is the most common indentation among prose lines.
    prose_indents = Counter(i.indent for i in infos if i.prose)
    body_indent = prose_indents.most_common(1)[0][0] if prose_indents else 0

    prose_idx = [k for k, i in enumerate(infos) if i.prose and i.indent == body_indent]
    first_prose = prose_idx[0] if prose_idx else len(infos)
    title_i = _pick_title(infos, first_prose)
    title = title_hint or (infos[title_i].text if title_i is not None else None)
    scores = _topical_scores(infos, title)

    start, end = _body_span(infos, scores, body_indent, 0.08)
    core = [infos[k] for k in range(start, end + 1) if infos[k].prose and infos[k].indent == body_indent]
    scores = _core_scores(infos, core)
    start, end = _body_span(infos, scores, body_indent, min_topical)

    kept: list[str] = []
    dropped: list[DroppedLine] = []
    in_comments = False
    article_chars = 0  # of the lines kept so far: a thread needs an article before it (comments.MIN_ARTICLE_CHARS)
    for k, info in enumerate(infos):
        if k == title_i:
            continue
        region: Region = "head" if k < start else ("tail" if k > end else "body")
        if in_comments:
            dropped.append(DroppedLine(info.text, region, COMMENTS))
            continue
        if region != "head" and (at := comments_start(info.text, article_chars)) is not None:
            in_comments = True  # this line's rest and every line after it are the comment thread
            dropped.append(DroppedLine(info.text[at:], region, COMMENTS))
            before = info.text[:at].rstrip()
            if not before:
                continue
            info = replace(info, text=before)
        if region != "body":
            dropped.append(DroppedLine(info.text, region, info.junk_reason or "outside the article body"))
            continue
        if info.junk_reason:
            dropped.append(DroppedLine(info.text, region, info.junk_reason))
        elif info.indent != body_indent:
            dropped.append(DroppedLine(info.text, region, "indented differently from the body (caption/widget)"))
        elif not info.terminal or info.stop_ratio < 0.1:
            dropped.append(DroppedLine(info.text, region, "not a sentence"))
        elif not info.prose and scores[k] < min_topical / 2:
            dropped.append(DroppedLine(info.text, region, "off-topic short line"))
        else:
            body, credits = strip_photo_credits(info.text)
            dropped.extend(DroppedLine(c, region, "photo credit") for c in credits)
            if body:
                kept.append(body)
                article_chars += len(body)
    if not kept:
        return _short_item(infos, title_i, title, dropped)
    return TextExtraction(title, "\n\n".join(kept), tuple(dropped))


def _short_item(
    infos: Sequence[LineInfo], title_i: int | None, title: str | None, dropped: list[DroppedLine]
) -> TextExtraction:
    """The body of a text whose lines were all dropped: a short item (a lead sentence or two, no chrome to
    stand out from) has no line long or wordy enough to count as prose, so nothing anchored the body. Its
    sentences are taken back: lines with no junk reason that are sentences (ending in sentence punctuation, or
    long with a sentence end in them: a lead cut off by the source). A page of chrome keeps none."""
    back = [
        k for k, info in enumerate(infos)
        if k != title_i and info.junk_reason is None and info.stop_ratio >= 0.1
        and (info.terminal or (info.n_words >= 20 and _SENT_END.search(info.text) is not None))
    ]
    if not back:
        return TextExtraction(title, "", tuple(dropped))
    taken = {infos[k].text for k in back}
    rest = tuple(d for d in dropped if d.text not in taken)
    return TextExtraction(title, "\n\n".join(infos[k].text for k in back), rest)



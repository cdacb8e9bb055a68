"""How counts, outlets and date ranges read in every output (Markdown, HTML, pages, CLI): one place for each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from newsweave.types import (
    TRUSTED_CONFIDENCE,
    UNKNOWN_OUTLET,
    Article,
    Entity,
    PublishedDate,
    Story,
    date_span,
    endpoint_precision,
)

LOW_CONFIDENCE = 0.6
"""A publication date less sure than this is shown with ``~`` (inferred, e.g. a lower bound from a caption)."""


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 article``, ``2 articles`` (``words`` for an irregular plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def entity_reach(entity: Entity) -> str:
    """How widely an entity is named: its named outlets (``3 outlets``, ``2 outlets and unknown ones``), or
    where no outlet is known its mentions (``14 mentions``): "1 outlet" for eighteen unnamed files misleads."""
    named = [o for o in entity.outlets if o != UNKNOWN_OUTLET]
    if not named:
        return plural(entity.mentions, "mention")
    return plural(len(named), "outlet") + (" and unknown ones" if len(named) < len(entity.outlets) else "")


def cited_outlets(articles: Sequence[Article]) -> str:
    """The outlets of cited articles, each once, in citation order, unnamed sources counted after them
    (``AP, Reuters``; ``AP, unknown outlet ×3``): three unnamed files are three sources, not one outlet, and
    "unknown outlet, unknown outlet" reads as a stutter."""
    named = list(dict.fromkeys(a.outlet for a in articles if a.outlet))
    unnamed = len(dict.fromkeys(a.source_key for a in articles if not a.outlet))
    if unnamed:
        named.append(UNKNOWN_OUTLET if unnamed == 1 else f"{UNKNOWN_OUTLET} \u00d7{unnamed}")
    return ", ".join(named)


def _path_parts(article: Article) -> list[str]:
    """The article's input path in parts (either slash; the id when the path has none)."""
    return [p for p in article.path.replace("\\", "/").split("/") if p] or [article.id]


def source_files(articles: Iterable[Article]) -> dict[str, str]:
    """Each source's file as a reader is shown it, where its label alone would not tell it apart: every unnamed
    source, and the articles of an outlet with two or more different ones in the set (five BBC articles cited
    on one line were five identical "BBC" buttons). The file is the shortest end of its input path that no
    other source of the same label shares (``D4.txt``; ``d30003t/D10.txt`` beside ``d30050t/D10.txt``: wire
    folders reuse names)."""
    by_label: dict[str | None, dict[str, tuple[str, ...]]] = {}
    for a in articles:
        by_label.setdefault(a.outlet or None, {})[a.id] = tuple(_path_parts(a))
    out: dict[str, str] = {}
    for label, members in by_label.items():
        paths = set(members.values())  # the same path twice is one source (a copy), not two to tell apart
        if label is not None and len(paths) < 2:
            continue
        depth = max(map(len, paths), default=0)
        shared = [Counter(p[-k:] for p in paths) for k in range(1, depth + 1)]  # how many paths end so
        for aid, parts in members.items():
            k = next((k for k in range(1, len(parts) + 1) if shared[k - 1][parts[-k:]] == 1), len(parts))
            out[aid] = "/".join(parts[-k:])
    return out


def source_tag(article: Article, file: str | None = None) -> str:
    """A citation's button label: the outlet ("BBC · a017.txt" when ``source_files`` gives it a file to tell it
    from the outlet's other articles), or for an unnamed source "unknown outlet · D4.txt" (``file``, else its
    input's file name), so that no two buttons of different articles read the same."""
    if article.outlet:
        return article.outlet if file is None else f"{article.outlet} \u00b7 {file}"
    return f"{UNKNOWN_OUTLET} \u00b7 {file or _path_parts(article)[-1]}"


def date_label(p: PublishedDate) -> str:
    """A publication date at its precision, ``~`` marking a low-confidence one; ``undated`` when there is none or
    it is not trusted (a date merely mentioned in the body, "Nixon resigned ... Aug. 9, 1974", is evidence about
    the past, not the article's date: a reader shown "~1974-08" on a 1998 story is misled; JSON keeps it with its
    confidence)."""
    iso = p.iso()
    if iso is None or p.confidence < TRUSTED_CONFIDENCE:
        return "undated"
    return iso if p.confidence >= LOW_CONFIDENCE else f"~{iso}"


def story_dates(story: Story, articles: Sequence[Article]) -> str:
    """The story's first-last range, each end at the precision of the articles dated there."""
    dated = [(a.published.date, a.published.precision) for a in articles]
    return date_span(story.first_date, story.last_date,
                     endpoint_precision(story.first_date, dated), endpoint_precision(story.last_date, dated))


def coverage(articles: Sequence[Article]) -> str:
    """``5 articles from 4 outlets (1 from an unknown outlet)``: unnamed sources are not counted as outlets."""
    known = {a.outlet for a in articles if a.outlet}
    unknown = sum(1 for a in articles if not a.outlet)
    head = plural(len(articles), "article")
    if not known:
        return f"{head} from {'an unknown outlet' if unknown == 1 else 'unknown outlets'}"
    text = f"{head} from {plural(len(known), 'outlet')}"
    if unknown:
        text += f" ({unknown} from {'an unknown outlet' if unknown == 1 else 'unknown outlets'})"
    return text

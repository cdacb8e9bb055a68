"""The Markdown export: ``templates/digest.md`` over the same view models as the HTML pages, with article text
made literal Markdown by the ``md`` and ``md_code`` filters defined here."""

from __future__ import annotations

import re

from newsweave.render.environment import make_environment
from newsweave.render.views import DigestView
from newsweave.types import Digest

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
_MD_BLOCK_START = re.compile(r"[#>+=-]|\d+(?=[.)])")


def md_text(text: str | None) -> str:
    """Article-derived text as literal Markdown: one line, and no emphasis, links, code, HTML or block markers."""
    flat = " ".join((text or "").split())
    escaped = _MD_SPECIAL.sub(lambda m: "\\" + (m.group(1) or "&"), flat)
    m = _MD_BLOCK_START.match(escaped)
    if m:  # '# x', '> x', '- x', '1. x' would start a heading, quote or list inside our list item
        escaped = escaped[: m.end()] + "\\" + escaped[m.end() :] if m.group(0)[0].isdigit() else "\\" + escaped
    return escaped


def md_code(text: str) -> str:
    """A code span that shows ``text`` verbatim, however many backticks it contains."""
    flat = " ".join(text.split())
    longest = max((len(r) for r in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or longest else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


ENV = make_environment(autoescape=False)
ENV.filters.update(md=md_text, md_code=md_code)


def to_markdown(d: Digest) -> str:
    view = DigestView(d)
    return ENV.get_template("digest.md").render(digest=view, stories=view.stories, rejected=view.rejected)

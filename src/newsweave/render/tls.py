"""The outputs of a key timeline (``newsweave timeline``): ``render_timeline(kt, fmt)`` in JSON (the contract:
``{"timeline": [{"date", "sentences": [{"text", "citations"}]}], "articles", "rejected"}``, citations and articles
in the digest's own shapes), Markdown (``templates/tls.md``) and a self-contained HTML page (``templates/tls.html``,
with the digest export's stylesheet, script and Content-Security-Policy)."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from newsweave.render.export import ENV as HTML_ENV
from newsweave.render.export import SCRIPT, STYLESHEET, _inline, content_security_policy
from newsweave.render.formats import FORMATS, _article, _key_date
from newsweave.render.labels import source_files
from newsweave.render.markdown import ENV as MD_ENV
from newsweave.render.views import CitingView
from newsweave.tls import KeyTimeline


def to_json_dict(kt: KeyTimeline) -> dict[str, Any]:
    by_id = {a.id: a for a in kt.articles}
    return {
        "timeline": [_key_date(k, by_id) for k in kt.dates],
        "articles": [_article(a) for a in kt.articles],
        "rejected": [{"path": r.path, "reason": r.reason} for r in kt.rejected],
    }


class TimelineView(CitingView):
    """What the Markdown and HTML templates read: the key dates, cited outlets and citation passages."""

    def __init__(self, kt: KeyTimeline) -> None:
        self.kt = kt
        self.by_id = {a.id: a for a in kt.articles}
        self._ids = itertools.count(1)

    @functools.cached_property
    def files(self) -> Mapping[str, str]:
        """The timeline's unnamed sources' file names, each told apart (``source_files``)."""
        return source_files(self.kt.articles)

    @property
    def span(self) -> str:
        dates = sorted(d for a in self.kt.articles if (d := a.published.trusted))
        return f"{dates[0].isoformat()} – {dates[-1].isoformat()}" if dates else "undated"



def to_markdown(kt: KeyTimeline) -> str:
    view = TimelineView(kt)
    return MD_ENV.get_template("tls.md").render(tl=view, dates=kt.dates, rejected=kt.rejected)


def to_html(kt: KeyTimeline) -> str:
    view = TimelineView(kt)
    return HTML_ENV.get_template("tls.html").render(
        tl=view, dates=kt.dates, rejected=kt.rejected, csp=content_security_policy(),
        css=Markup(_inline(STYLESHEET, "</style")),  # our own file, checked by _inline
        js=Markup(_inline(SCRIPT, "</script")),
    )


def render_timeline(kt: KeyTimeline, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json_dict(kt), ensure_ascii=False, indent=2)
    if fmt == "md":
        return to_markdown(kt)
    if fmt == "html":
        return to_html(kt)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

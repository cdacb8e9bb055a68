"""HTML pages: body and metadata by trafilatura (no home-made HTML extractor)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

log = logging.getLogger(__name__)

_DATE_PARAMS = {"extensive_search": True, "original_date": True}


@dataclass(frozen=True)
class HtmlExtraction:
    text: str
    """Body paragraphs separated by blank lines; empty when the page has no extractable body."""
    title: str | None
    author: str | None
    date: str | None
    """ISO date (YYYY-MM-DD) found by trafilatura/htmldate in the page metadata or markup, if any."""
    sitename: str | None
    hostname: str | None
    language: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the main text and metadata of one HTML page. Never raises for malformed HTML."""
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError) as e:  # trafilatura on pathological markup
        log.warning("trafilatura failed on %s: %s", url or "page", e)
    if doc is None or isinstance(doc, dict):
        return HtmlExtraction("", None, None, None, None, None, None)
    title = (doc.title or "").strip() or None
    paras = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    if paras and title and paras[0] == title:
        paras = paras[1:]
    return HtmlExtraction(
        text="\n\n".join(paras),
        title=title,
        author=(doc.author or None),
        date=doc.date or None,
        sitename=(doc.sitename or None),
        hostname=(doc.hostname or None),
        language=(doc.language or None),
    )

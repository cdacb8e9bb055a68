"""HTML pages: body and metadata by trafilatura (no home-made HTML extractor)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

_DATE_PARAMS = {"extensive_search": True, "original_date": True}
_NUMERIC_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _refused(code: int) -> bool:
    """Whether a character reference names a character the HTML parser refuses (lxml drops the whole body for
    ``&#1;`` or ``&#65535;``): a C0 control but tab and line ends (NUL is read as U+FFFD), DEL, a noncharacter."""
    return ((0 < code < 0x20 and code not in (9, 10, 13)) or code == 0x7F or 0xFDD0 <= code <= 0xFDEF
            or (code & 0xFFFE) == 0xFFFE)


def _ref(m: re.Match[str]) -> str:
    hexa, dec = m.group(1), m.group(2)
    if len(hexa or dec) > 8:  # past U+10FFFF (the parser reads it as U+FFFD); int() of 5,000 digits would raise
        return m.group()
    code = int(hexa, 16) if hexa else int(dec)
    if not _refused(code):
        return m.group()
    return " " if code in (0x0B, 0x0C) else ""


def without_refused_references(html: str) -> str:
    """``html`` without the numeric character references that make the parser give up (``_refused``); vertical
    tab and form feed become a space, as ``textutil.clean_chars`` makes them in text."""
    return _NUMERIC_REF.sub(_ref, html) if "&#" in html else html


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
    import trafilatura  # ~0.07 s of start-up, paid only by a run that reads HTML

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            without_refused_references(html),
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

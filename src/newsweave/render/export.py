"""The HTML export: the whole digest as one self-contained page (``templates/digest.html``), each story drawn by
the story template of the web page, with the web page's own stylesheet and script inlined.

Nothing is loaded from anywhere, so the file works offline. Its Content-Security-Policy allows exactly the
inlined style and script by their sha256 hashes (no ``'unsafe-inline'``): markup that slipped past escaping
could not run.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from markupsafe import Markup

from newsweave.render.environment import make_environment, static_text
from newsweave.render.views import DigestView
from newsweave.types import Digest

STYLESHEET = "style.css"
SCRIPT = "story.js"

ENV = make_environment()


def csp_hash(text: str) -> str:
    """A CSP source expression allowing an inline block whose content is exactly ``text``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _inline(name: str, closing: str) -> str:
    text = static_text(name)
    if closing in text.lower():  # would end the <style>/<script> element early
        raise ValueError(f"static/{name} contains {closing!r} and cannot be inlined")
    return text


@cache
def content_security_policy() -> str:
    """The export's policy: nothing but the inlined stylesheet and script (and the empty data: icon)."""
    style = csp_hash(_inline(STYLESHEET, "</style"))
    script = csp_hash(_inline(SCRIPT, "</script"))
    return (f"default-src 'none'; style-src {style}; script-src {script}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def to_html(d: Digest) -> str:
    view = DigestView(d)
    return ENV.get_template("digest.html").render(
        digest=view, stories=view.stories, rejected=view.rejected, n_articles=view.n_articles,
        csp=content_security_policy(),
        css=Markup(_inline(STYLESHEET, "</style")),  # our own file, checked by _inline
        js=Markup(_inline(SCRIPT, "</script")),
    )

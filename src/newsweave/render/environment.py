"""The Jinja2 environments every output is rendered with: one for HTML (the web pages and the HTML export),
one for Markdown, both over the templates in ``newsweave/render/templates``; and the static files
(``newsweave/render/static``) that the web pages link and the HTML export inlines.

HTML autoescapes every template whatever its name: article text is hostile input and only ever reaches a page
as escaped text. Markdown has no autoescaping; its templates pass every article-derived string through the
``md`` or ``md_code`` filter (``newsweave.render.markdown``).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined

from newsweave.render.labels import entity_reach, plural
from newsweave.render.views import CITES_SHOWN, precise_date

PACKAGE = "newsweave.render"
TEMPLATES = "templates"
STATIC = "static"
"""The folder of ``PACKAGE`` that the web server mounts at ``/static``."""


def make_environment(*loaders: BaseLoader, autoescape: bool = True) -> Environment:
    """Templates from ``loaders`` (a server's own pages) first, then ours; autoescaping of every template
    whatever its name unless ``autoescape`` is off (Markdown)."""
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader(PACKAGE, TEMPLATES)]),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(precise=precise_date, plural=plural, entity_reach=entity_reach, cites_shown=CITES_SHOWN)
    env.tests["multi"] = lambda xs: len(xs) > 1  # e.g. a claim reported by more than one outlet
    return env


@cache
def static_text(name: str) -> str:
    """A file of ``newsweave/render/static`` as text (the stylesheet and the script)."""
    return files(PACKAGE).joinpath(STATIC, name).read_text(encoding="utf-8")

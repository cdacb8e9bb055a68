"""Every output of a digest: JSON (the stable contract), Markdown and one self-contained HTML file
(``render``), and the view models, Jinja2 templates and static files they share with the web pages."""

from newsweave.render.formats import FORMATS, render, to_json_dict

__all__ = ["FORMATS", "render", "to_json_dict"]

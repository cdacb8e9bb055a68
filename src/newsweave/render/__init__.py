"""Digest output: JSON (the stable contract), Markdown and one self-contained HTML file."""

from newsweave.render.formats import FORMATS, render, to_json_dict

__all__ = ["FORMATS", "render", "to_json_dict"]

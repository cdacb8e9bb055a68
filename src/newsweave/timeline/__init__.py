"""Dated events of a story: date expressions resolved against publication dates, merged across outlets."""

from newsweave.timeline.build import build_timeline, references
from newsweave.timeline.resolve import Reference, reference_of, resolve

__all__ = ["Reference", "build_timeline", "reference_of", "references", "resolve"]

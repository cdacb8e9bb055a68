"""How loud the libraries newsweave calls may be.

trafilatura and the libraries under it (htmldate, justext, courlan, readability) and charset-normalizer log a
warning or an error for every malformed document ("discarding data", "empty HTML tree", "readability_lxml
failed"): 14 MB of stderr on a fuzz run, ``-q`` or not. newsweave reports what it could not read itself (each
reject with its reason), so these loggers stay silent unless ``--verbose`` asks for them (then their warnings and
errors show). Their loggers' levels are set, and the handlers drop their records below that level too, because a
library may reset a level when it is imported (trafilatura sets htmldate's to WARNING). Spawned worker processes
get the same levels and filter (``third_party_levels`` / ``configure_worker``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping

THIRD_PARTY = ("trafilatura", "htmldate", "justext", "courlan", "readability", "charset_normalizer", "dateparser")
FORMAT = "%(levelname)s %(name)s: %(message)s"
SILENT = logging.CRITICAL + 1


class ThirdPartyFilter(logging.Filter):
    """Lets a third-party record through only at ``level`` or above; newsweave's own records always."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level or record.name.split(".", 1)[0] not in THIRD_PARTY


def quiet_third_party(verbose: bool) -> None:
    """Third-party loggers at WARNING with ``verbose``, else silent (no per-document noise), on their loggers and
    on the root logger's handlers."""
    level = logging.WARNING if verbose else SILENT
    set_levels(dict.fromkeys(THIRD_PARTY, level))
    for handler in logging.getLogger().handlers:
        for old in [f for f in handler.filters if isinstance(f, ThirdPartyFilter)]:
            handler.removeFilter(old)
        handler.addFilter(ThirdPartyFilter(level))


def third_party_levels() -> dict[str, int]:
    """The levels set on the third-party loggers in this process (to hand to a worker process)."""
    return {name: logging.getLogger(name).level for name in THIRD_PARTY}


def set_levels(levels: Mapping[str, int]) -> None:
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def configure_worker(levels: Mapping[str, int]) -> None:
    """In a spawned worker: the parent's third-party levels, and a stderr handler with the same filter (a worker
    has no handler, so Python's last-resort handler would print every library warning)."""
    set_levels(levels)
    root = logging.getLogger()
    if not root.handlers and levels:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.setLevel(logging.WARNING)
        handler.addFilter(ThirdPartyFilter(min(levels.values())))
        root.addHandler(handler)

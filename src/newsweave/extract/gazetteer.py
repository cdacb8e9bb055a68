"""The outlet gazetteer shipped with the package (``data/outlets.tsv``): names, aliases and domains."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """The outlet gazetteer shipped with the package (``data/outlets.tsv``)."""
    text = resources.files("newsweave").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, domains = (line.split("\t") + ["", ""])[:3]
        out.append(Outlet(name, tuple(a for a in aliases.split("|") if a), tuple(d for d in domains.split("|") if d)))
    return tuple(out)


def _alias_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/])" + re.escape(alias) + r"(?![\w/])")


@lru_cache(maxsize=1)
def outlet_patterns() -> tuple[tuple[Outlet, str, re.Pattern[str]], ...]:
    return tuple((o, a, _alias_pattern(a)) for o in outlets() for a in o.aliases)


def known_outlet(name: str) -> Outlet | None:
    """The gazetteer's outlet that ``name`` names (its name, or an alias in any case: "AP", "reuters"), if any."""
    clean = name.strip()
    for o in outlets():
        if clean == o.name or clean in o.aliases or clean.lower() in (a.lower() for a in o.aliases):
            return o
    return None


def canonical_outlet(name: str) -> str:
    """Map a site name or alias to the gazetteer's canonical name; unknown names are returned as given."""
    o = known_outlet(name)
    return o.name if o is not None else name.strip()

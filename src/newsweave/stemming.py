"""NLTK's Porter stemmer without the rest of NLTK.

``from nltk.stem.porter import PorterStemmer`` runs ``nltk/__init__.py`` first, which imports most of NLTK and,
through it, scipy.stats and scikit-learn: about half of ``import newsweave.pipeline`` (``python -X importtime``),
paid by every digest and ingest for one small pure-Python class. ``porter_stemmer`` loads the very same module
file (and the three small NLTK modules it imports) with stand-in parent packages that do not run the
packages' ``__init__``, then removes every ``nltk`` entry it added to ``sys.modules``, so that a later
``import nltk`` elsewhere imports NLTK normally. The stemmer is NLTK's own code, so its stems are unchanged. If
NLTK's layout ever differs from what this expects, it falls back to the plain import.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
import types
from typing import Any

log = logging.getLogger(__name__)


def _load_porter_module() -> Any:
    """``nltk.stem.porter`` imported under stand-in ``nltk`` / ``nltk.stem`` packages (no package ``__init__``)."""
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed")
    if "nltk" in sys.modules:  # NLTK is already imported: nothing to save
        return importlib.import_module("nltk.stem.porter")
    root = list(spec.submodule_search_locations)
    try:
        for name, path in (("nltk", root), ("nltk.stem", [f"{p}/stem" for p in root])):
            stub = types.ModuleType(name)
            stub.__path__ = path
            sys.modules[name] = stub
        return importlib.import_module("nltk.stem.porter")
    finally:
        for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
            del sys.modules[name]


def porter_stemmer(mode: str) -> Any:
    """``nltk.stem.porter.PorterStemmer(mode)``, loaded without importing the rest of NLTK."""
    try:
        module = _load_porter_module()
    except Exception as e:  # noqa: BLE001 - any surprise in NLTK's layout: the ordinary (slower) import
        log.debug("loading NLTK's Porter stemmer alone failed (%s); importing nltk", e)
        from nltk.stem.porter import PorterStemmer

        return PorterStemmer(mode)
    return module.PorterStemmer(mode)

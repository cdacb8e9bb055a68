"""The templates and static files every output is drawn from ship in the wheel (pyproject's package-data)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import newsweave

ROOT = Path(newsweave.__file__).parent
PYPROJECT = ROOT.parents[1] / "pyproject.toml"


def test_every_template_and_static_file_is_package_data() -> None:
    patterns = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["newsweave"]
    files = [p for folder in ("render/templates", "render/static", "serve/web/templates")
             for p in (ROOT / folder).iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"story.html", "digest.html", "digest.md", "style.css", "story.js"}
    missing = [p for p in files if not any(fnmatch(p.relative_to(ROOT).as_posix(), pat) for pat in patterns)]
    assert missing == [], f"not in [tool.setuptools.package-data]: {missing}"

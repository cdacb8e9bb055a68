"""CI runs the README's first two commands verbatim: the extractor finds exactly those two lines."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import REPO


def _extractor():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("readme_commands", REPO / ".ci" / "readme_commands.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.readme_commands


def test_readme_first_block_is_install_and_run_then_tests() -> None:
    install, tests = _extractor()((REPO / "README.md").read_text(encoding="utf-8"))
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install ")
    assert "upgrade" not in install, "a new user's pip is the venv's stock pip"
    assert "newsweave digest" in install
    assert tests.startswith(".venv/bin/python -m pytest")
    assert "readme_commands.py" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "--upgrade pip" not in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_extractor_refuses_a_readme_without_the_block() -> None:
    with pytest.raises(SystemExit):
        _extractor()("# project\n\nno commands here\n")
    with pytest.raises(SystemExit):
        _extractor()("```bash\none\ntwo\nthree\n```\n")


def test_lxml_cleaner_is_a_direct_dependency() -> None:
    # justext (via trafilatura) needs lxml's split-out cleaner; pip 23 does not resolve lxml's 'html_clean' extra.
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"lxml_html_clean' in text
    import lxml_html_clean  # noqa: F401

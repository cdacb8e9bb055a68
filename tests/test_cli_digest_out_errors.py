from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


def _digest_to(out: Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["digest", str(EXAMPLES / "bridge" / "01_harbour_herald.txt"), "--embedder", "lexical",
                               "--no-analysis", "-q", "--out", str(out)])


def test_out_in_missing_directory_is_a_clean_error(tmp_path: Path) -> None:
    r = _digest_to(tmp_path / "missing" / "brief.md")
    assert r.exit_code == 2
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output and "cannot write" in r.output


def test_out_is_a_directory_is_a_clean_error(tmp_path: Path) -> None:
    r = _digest_to(tmp_path)
    assert r.exit_code == 2
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "cannot write" in r.output

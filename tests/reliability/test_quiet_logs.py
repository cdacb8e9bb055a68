"""Issue 17, defect 14: ``-q`` did not silence trafilatura: 14 MB of stderr on the fuzz run, a warning or an error
per malformed page ("discarding data", "empty HTML tree", "readability_lxml failed"). Now trafilatura, htmldate,
justext, courlan and charset-normalizer stay silent unless ``--verbose`` (then at WARNING), in spawned workers too.
"""

from __future__ import annotations

import logging
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.logs import THIRD_PARTY, set_levels, third_party_levels

SENTENCES = (
    "Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave.",
    "Officials said the river reached its highest level in forty years and that more rain was expected.",
    "Emergency crews evacuated two hospitals and set up shelters in schools across the region.",
    "A bridge on the main road was closed in the morning after cracks appeared in its supports.",
)
BROKEN = ("<div><table><tr><td>", "</span></div></p>", "<script>var x = 1;</script>", "<!-- x", "<![CDATA[",
          "<meta charset=foo>", "<body><body><html>", "<p>" * 30, "<a href='javascript:void(0)'>x</a>", "</html>")


def malformed_pages(root: Path, n: int = 8, seed: int = 14) -> Path:
    """``n`` broken HTML pages (unclosed and stray tags, CDATA, comments): some hold an article, some nothing."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        parts = [rng.choice(BROKEN) for _ in range(rng.randint(2, 8))]
        if i % 2 == 0:
            parts += [f"<p>{s}" for s in rng.sample(SENTENCES, 3)]
        rng.shuffle(parts)
        (root / f"page{i}.html").write_text("<html><body>" + "".join(parts), encoding="utf-8")
    (root / "empty.html").write_text("<html></html>", encoding="utf-8")
    (root / "junk.html").write_text("<<<>>>&&&;;;<html", encoding="utf-8")
    return root


@pytest.fixture()
def restore_levels() -> Iterator[None]:
    saved = third_party_levels()
    yield
    set_levels(saved)


@pytest.mark.usefixtures("restore_levels")
@pytest.mark.parametrize("args", [["-q"], []])
def test_digest_keeps_third_party_loggers_quiet(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                args: list[str]) -> None:
    pages = malformed_pages(tmp_path / "in")
    caplog.set_level(logging.DEBUG)
    r = CliRunner().invoke(app, ["digest", str(pages), "--embedder", "lexical", "-o", str(tmp_path / "d.md"), *args])
    assert r.exit_code == 0, r.output
    assert logging.getLogger("trafilatura").getEffectiveLevel() > logging.CRITICAL
    noisy = [rec for rec in caplog.records if rec.name.split(".")[0] in THIRD_PARTY]
    assert not noisy, [f"{rec.name}: {rec.getMessage()}" for rec in noisy[:5]]


@pytest.mark.usefixtures("restore_levels")
def test_verbose_shows_third_party_warnings() -> None:
    r = CliRunner().invoke(app, ["-v", "stories", "--db", "/nonexistent/nw.db"])
    assert r.exit_code == 2
    assert all(logging.getLogger(name).getEffectiveLevel() == logging.WARNING for name in THIRD_PARTY)


@pytest.mark.parametrize("workers", [[], ["--workers", "2"]])
def test_quiet_digest_stderr_holds_no_library_noise(tmp_path: Path, workers: list[str]) -> None:
    """The real command in its own process (pytest's log capture out of the way): stderr has newsweave's own
    reject lines at most, none from trafilatura & co."""
    pages = malformed_pages(tmp_path / "in", n=12)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    run = subprocess.run(
        [sys.executable, "-m", "newsweave.cli", "digest", str(pages), "--embedder", "lexical", "-q",
         "-o", str(tmp_path / "d.md"), *workers],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stderr.splitlines()
    foreign = [line for line in lines if any(name in line for name in THIRD_PARTY)]
    assert not foreign, foreign[:5]
    assert len(run.stderr) < 200 * 14, run.stderr[-2000:]  # a reject line per unreadable page at most

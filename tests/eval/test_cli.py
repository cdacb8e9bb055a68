from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.cli import eval_app
from evals.report import Table, section_text, upsert_section
from tests.conftest import DATA as SHARED_DATA

DATA = SHARED_DATA  # ../shared/data, or $NEWSWEAVE_SHARED/data


def test_upsert_section_replaces_only_its_own(tmp_path: Path) -> None:
    p = tmp_path / "RESULTS.md"
    p.write_text("# Benchmark results\n\n## other (X)\n\nkeep me\n", encoding="utf-8")
    t = Table(("a", "b"), (("1", "2"),))
    upsert_section(p, "summarize (DUC 2004)", section_text("summarize (DUC 2004)", "cmd 1", t))
    upsert_section(p, "summarize (DUC 2004)", section_text("summarize (DUC 2004)", "cmd 2", t))
    text = p.read_text(encoding="utf-8")
    assert text.count("## summarize (DUC 2004)") == 1
    assert "cmd 2" in text and "cmd 1" not in text
    assert "keep me" in text
    assert "| 1 | 2 |" in text


def test_upsert_section_keeps_the_notes_written_by_hand(tmp_path: Path) -> None:
    from evals.report import NOTES_MARKER

    p = tmp_path / "RESULTS.md"
    t = Table(("a", "b"), (("1", "2"),))
    upsert_section(p, "tls (X)", section_text("tls (X)", "cmd 1", t))
    p.write_text(p.read_text(encoding="utf-8") + f"\n{NOTES_MARKER}\nWhat moved: by hand.\n\n## next (Y)\n\nkeep\n",
                 encoding="utf-8")
    upsert_section(p, "tls (X)", section_text("tls (X)", "cmd 2", Table(("a", "b"), (("3", "4"),))))
    text = p.read_text(encoding="utf-8")
    assert "cmd 2" in text and "| 3 | 4 |" in text and "cmd 1" not in text and "| 1 | 2 |" not in text
    assert text.index("| 3 | 4 |") < text.index("What moved: by hand.") < text.index("## next (Y)")
    assert text.count(NOTES_MARKER) == 1 and "keep" in text


@pytest.mark.skipif(not DATA.is_dir(), reason=f"evaluation data not found at {DATA}")
def test_extract_command_json_limit(tmp_path: Path) -> None:
    res = tmp_path / "R.md"
    r = CliRunner().invoke(
        eval_app,
        [
            "extract",
            "--dataset",
            "zyte",
            "--limit",
            "2",
            "--json",
            "--data",
            str(DATA),
            "--results",
            str(res),
        ],
    )
    assert r.exit_code == 0, r.output
    payload = json.loads(r.output)
    assert {p["system"] for p in payload} == {"newsweave", "trafilatura"}
    assert not res.exists()  # --limit runs do not touch the results file by default


def test_unknown_dataset(tmp_path: Path) -> None:
    tmp_path.joinpath("x").mkdir()
    r = CliRunner().invoke(eval_app, ["dates", "--dataset", "nope", "--data", str(tmp_path)])
    assert r.exit_code != 0

"""What a new user meets first: fast start, clean help, read commands that never create a store by mistake."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from tests.conftest import EXAMPLES, REPO

runner = CliRunner()
HEAVY = ("torch", "spacy", "sentence_transformers", "trafilatura", "numpy", "sklearn", "dask", "fastapi",
         "newsweave.pipeline", "newsweave.store.sqlite")


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["digest", "--help"], ["serve", "--help"]])
def test_start_imports_no_model_or_heavy_library(argv: list[str]) -> None:
    code = ("import sys; from newsweave.cli import app\n"
            "try:\n    app(" + repr(argv) + ")\nexcept SystemExit:\n    pass\n"
            "import json; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            + repr({h for h in HEAVY if "." not in h}) + " or m in " + repr(HEAVY) + ")))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    loaded = json.loads(p.stdout.strip().splitlines()[-1])
    assert loaded == [], f"{argv} imported {loaded[:10]}"


@pytest.mark.parametrize("command", ["digest", "ingest", "stories", "story", "search", "serve"])
def test_help_shows_words_not_python_types(command: str) -> None:
    r = runner.invoke(app, [command, "--help"], env={"COLUMNS": "160"})
    assert r.exit_code == 0, r.output
    for python_type in ("<bool>", "<str>", "<int>", "<list[", "<path>", "<float>"):
        assert python_type not in r.output, (command, python_type)
    assert "--help" in r.output


def test_flags_take_no_value_in_help() -> None:
    r = runner.invoke(app, ["digest", "--help"], env={"COLUMNS": "160"})
    line = next(ln for ln in r.output.splitlines() if "--quiet" in ln)
    assert "BOOL" not in line.upper().replace("NO PROGRESS", "")
    assert "FILE" in next(ln for ln in r.output.splitlines() if "--out" in ln)


@pytest.mark.parametrize("argv", [["stories"], ["story", "s123"], ["search", "Lavrov"], ["serve"]])
def test_read_commands_refuse_a_missing_store(argv: list[str], tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    r = runner.invoke(app, [*argv, "--db", str(db)])
    assert r.exit_code == 2, r.output
    assert "no store at" in r.output and "newsweave ingest" in r.output
    assert not db.exists()


def test_read_commands_refuse_a_directory_as_store(tmp_path: Path) -> None:
    r = runner.invoke(app, ["stories", "--db", str(tmp_path)])
    assert r.exit_code == 2 and "is not a file" in r.output


def test_ingest_creates_the_store_and_stories_reads_it(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    r = runner.invoke(app, ["ingest", str(EXAMPLES / "bridge"), "--db", str(db), "--embedder", "lexical", "-q"])
    assert r.exit_code == 0, r.output
    assert db.is_file()
    listed = runner.invoke(app, ["stories", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    rows = [ln.split("\t") for ln in listed.stdout.splitlines()]
    assert rows and all(len(row) == 6 and row[5].startswith("sl-") for row in rows)  # ..., headline, storyline
    assert sum(int(row[2]) for row in rows) >= 4


def test_summaries_say_one_article_not_one_articles(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text(
        "Workers finished repainting the lighthouse at Cape Morrow on Monday after six weeks of scaffolding.\n\n"
        "The keeper said the new red and white bands would be visible from twelve miles out at sea.\n\n"
        "Visitors can climb the tower again from Saturday, the harbour trust said in a statement.\n",
        encoding="utf-8")
    out = tmp_path / "brief.md"
    r = runner.invoke(app, ["digest", str(one), "-o", str(out), "--embedder", "lexical", "--no-analysis"])
    assert r.exit_code == 0, r.output
    assert "1 article," in r.output and "1 story," in r.output
    assert "1 articles" not in r.output and "1 storys" not in r.output
    brief = out.read_text(encoding="utf-8")
    assert "1 article from an unknown outlet" in brief
    assert "one.txt" not in brief.split("## Sources")[0], "a file name is not an outlet"
    assert "one.txt" in brief.split("## Sources")[1], "the sources list still names the file"


def test_cli_formats_match_the_renderer() -> None:
    from newsweave.cli.digest import FORMATS as DIGEST_FORMATS
    from newsweave.cli.store import FORMATS as STORY_FORMATS
    from newsweave.render import FORMATS

    assert DIGEST_FORMATS == STORY_FORMATS == FORMATS


def _interrupt(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", ["digest", "ingest", "timeline"])
def test_ctrl_c_says_what_the_run_leaves_and_exits_130(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long run stopped with Ctrl-C ends with one line saying what is kept, not silently or with a traceback."""
    import newsweave.incremental
    import newsweave.pipeline
    import newsweave.tls

    monkeypatch.setattr(newsweave.pipeline, "digest", _interrupt)
    monkeypatch.setattr(newsweave.incremental.StoreIngestor, "ingest_paths", _interrupt)
    monkeypatch.setattr(newsweave.tls, "key_timeline", _interrupt)
    out = tmp_path / "out.md"
    args = {"digest": ["digest", str(EXAMPLES), "--out", str(out), "--embedder", "lexical"],
            "ingest": ["ingest", "--db", str(tmp_path / "s.db"), str(EXAMPLES), "--embedder", "lexical"],
            "timeline": ["timeline", str(EXAMPLES), "--out", str(out)]}[command]
    r = runner.invoke(app, args)
    assert r.exit_code == 130, r.output
    assert "interrupted:" in r.output
    assert ("run the same command again" in r.output) if command == "ingest" else ("nothing was written" in r.output)
    assert not out.exists()

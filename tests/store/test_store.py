from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.incremental import StoreIngestor
from newsweave.store import SCHEMA_VERSION, open_store
from newsweave.store.serialize import article_from_json, article_to_json
from tests.conftest import SEEDS  # honours NEWSWEAVE_SHARED

WORKER = Path(__file__).with_name("ingest_worker.py")

TOPICS = [
    "The central bank raised interest rates again on {d} as inflation stayed far above the target set by the board.",
    "Heavy rain flooded the river valley on {d}, forcing thousands of residents to leave their homes overnight.",
    "The football club sacked its manager on {d} after a run of defeats left the team near the bottom of the table.",
    "Scientists reported on {d} that the new vaccine trial showed strong protection in older volunteers.",
]


def _ingestor(store) -> StoreIngestor:  # type: ignore[no-untyped-def]
    return StoreIngestor(store, Settings(embedder="lexical"), LexicalEmbedder())


def _write_corpus(d: Path, n: int) -> None:
    rnd = random.Random(5)
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        filler = " ".join(
            rnd.choice(["Officials", "Residents", "Analysts", "Witnesses"]) + f" said item {i} {w}."
            for w in rnd.sample(["alpha", "beta", "gamma", "delta", "omega", "sigma"], 4)
        )
        day = f"March {1 + i % 20}, 2021"
        text = (
            f"Report number {i}\n\n{day}\n\n{topic.format(d=day)} {filler}\n\nIt was report {i} of the day.\n"
        )
        (d / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture()
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not available")
    return SEEDS


def _seed_files(d: Path) -> list[str]:
    return [str(p) for p in sorted(d.glob("00*.txt"))]


def test_schema_wal_and_migrations(tmp_path: Path) -> None:
    db = tmp_path / "nw.db"
    with open_store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.journal_mode() == "wal"
    with open_store(db) as s:  # reopening does not re-run migrations
        assert s.schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(Exception, match="newer than this newsweave"):
        open_store(db)


def test_seeds_twice_store_five_articles_two_stories_one_storyline(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "nw.db"
    from newsweave.embed import MiniLMEmbedder

    with open_store(db) as s:
        ing = StoreIngestor(s, Settings(), MiniLMEmbedder())
        first = ing.ingest_paths(_seed_files(seeds_dir))
        assert first.articles_added == 5
    with open_store(db) as s:
        again = StoreIngestor(s, Settings(), LexicalEmbedder()).ingest_paths(_seed_files(seeds_dir))
        assert again.files_skipped == 5 and again.articles_added == 0
        c = s.counts()
        assert c["articles"] == 5 and c["ingested_sources"] == 5
        rows = s.story_rows()
        assert sorted(r.n_articles for r in rows) == [1, 4]
        assert len({r.story.storyline_id for r in rows}) == 1
        assert c["storylines"] == 1
        # full article JSON round-trips
        for a in s.articles():
            assert article_from_json(article_to_json(a)) == a
        assert c["sentences"] == sum(len(a.sentences) for a in s.articles())


def test_same_text_in_another_file_is_stored_once_and_copy_is_linked(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    body = (seeds_dir / "002_258843d264cd3875.txt").read_text(encoding="utf-8")
    (src / "a.txt").write_text(body, encoding="utf-8")
    (src / "b.txt").write_text(body + "\n", encoding="utf-8")  # different bytes, same article
    (src / "c.txt").write_text(
        "Reposted from the wire.\n\n" + body + "\nShare this story.\n", encoding="utf-8"
    )
    with open_store(":memory:") as s:
        _ingestor(s).ingest_paths([src])
        arts = s.articles()
        dups = s.duplicates()
        assert s.counts()["ingested_sources"] == 3
        # b.txt differs only in whitespace: the same article (same id), stored once; its file is a recorded reject.
        assert len(arts) == 2
        assert any(Path(r.path).name == "b.txt" and "duplicate" in r.reason for r in s.rejects())
        by_path = {Path(x.path).name: x.id for x in arts}
        # c.txt is a re-post with extra lines: a different document, linked to the original.
        assert {(d.article_id, d.duplicate_of) for d in dups} == {(by_path["c.txt"], by_path["a.txt"])}
        assert all(d.similarity >= 0.8 for d in dups)
        assert len({s.story_of(x.id) for x in arts}) == 1
        again = _ingestor(s).ingest_paths([src / "c.txt", src / "a.txt"])
        assert again.files_skipped == 2 and s.counts()["articles"] == 2


def test_search_articles_and_stories(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "in", 12)
    with open_store(":memory:") as s:
        _ingestor(s).ingest_paths([tmp_path / "in"])
        hits = s.search("vaccine trial", limit=5)
        assert hits and all("vaccine" in (h.snippet + h.title).lower() or h.kind == "story" for h in hits)
        assert any(h.kind == "article" for h in hits)
        sid = next(h.story_id for h in hits if h.story_id)
        s.set_story_summary(sid, "A summary mentioning zeppelins.")
        assert [h.id for h in s.search("zeppelins")] == [sid]
        assert s.search('"; DROP TABLE articles; --') == s.search("drop table articles")  # only words
        assert s.counts()["articles"] == 12


def test_kill_mid_ingest_and_resume_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _write_corpus(src, 60)
    db = tmp_path / "nw.db"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    kills = 0
    for delay in (0.5, 1.0, 1.5):
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), str(db), str(src)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.time() + 60
        # wait until some (not all) sources are committed, then SIGKILL
        while time.time() < deadline and proc.poll() is None:
            done = 0
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=5) as c:
                        done = c.execute("SELECT count(*) FROM ingested_sources").fetchone()[0]
                except sqlite3.OperationalError:
                    done = 0
            if done >= 1:
                time.sleep(delay * 0.05)
                break
            time.sleep(0.02)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
    assert kills >= 1
    with sqlite3.connect(db) as c:
        partial = c.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert partial < 60
    done = subprocess.run(
        [sys.executable, str(WORKER), str(db), str(src)], env=env, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    with open_store(db) as s:
        c = s.counts()
        assert c["ingested_sources"] == 60
        assert c["articles"] == 60
        arts = s.articles()
        assert len({a.id for a in arts}) == 60
        assert c["sentences"] == sum(len(a.sentences) for a in arts)
        rows = s.story_rows()
        assert sum(r.n_articles for r in rows) == 60
        assert all(s.story_of(a.id) is not None for a in arts)
    again = subprocess.run(
        [sys.executable, str(WORKER), str(db), str(src)], env=env, capture_output=True, timeout=300
    )
    assert again.stdout.decode().strip() == "0"


def test_story_day_sums_round_trip_and_a_version_1_store_migrates(tmp_path: Path) -> None:
    import datetime as dt

    import numpy as np

    from newsweave.cluster import ClusterParams, OnlineClusterer
    from newsweave.store.base import IngestBatch
    from newsweave.store.sqlite import MIGRATIONS
    from newsweave.types import Article, PublishedDate

    def art(aid: str, day: dt.date | None) -> Article:
        pub = PublishedDate(day, "day", 0.9) if day else PublishedDate()
        return Article(id=aid, path=aid, text="x" * 100, sentences=(), title=aid, published=pub)

    d0 = dt.date(2021, 3, 1)
    v = np.array([1, 0, 0], dtype=np.float32)
    oc = OnlineClusterer(ClusterParams(threshold=0.5))
    for aid, day in [("a", d0), ("b", d0 + dt.timedelta(days=9)), ("c", None)]:
        oc.add(art(aid, day), v)
    (state,) = oc.states()
    assert len(state.day_sums) == 3
    db = tmp_path / "nw.db"
    with open_store(db) as s:
        s.write_batch(IngestBatch((), (), (), (), (state,)))
        (back,) = s.story_states()
    want = {(d.lo, d.hi): d.vector_sum for d in state.day_sums}
    got = {(d.lo, d.hi): d.vector_sum for d in back.day_sums}  # order is not part of the contract
    assert got.keys() == want.keys() and (None, None) in got
    for key, vec in want.items():
        np.testing.assert_allclose(got[key], vec)

    # a store written by schema version 1 (no day sums) opens, migrates, and its stories keep their interval
    old = tmp_path / "v1.db"
    conn = sqlite3.connect(old)
    conn.executescript("BEGIN;" + MIGRATIONS[0] + "; PRAGMA user_version = 1; COMMIT;")
    conn.execute(
        "INSERT INTO stories(id, storyline_id, headline, first_date, last_date, size, centroid, central_id,"
        " central_vector, updated_at) VALUES ('st-1', 'sl-1', 'h', '2021-03-01', '2021-03-10', 1, ?, 'a', ?, 'now')",
        (v.tobytes(), v.tobytes()),
    )
    conn.commit()
    conn.close()
    with open_store(old) as s:
        assert s.schema_version() == SCHEMA_VERSION
        (legacy,) = s.story_states()
    assert legacy.day_sums == () and legacy.days()[0].hi == dt.date(2021, 3, 10).toordinal()
    asg = OnlineClusterer(ClusterParams(threshold=0.5), [legacy]).add(art("z", dt.date(2021, 3, 12)), v)
    assert asg.story_id == "st-1"


def test_store_keeps_the_dates_the_story_refines_so_list_article_and_brief_agree(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """An article the story context dates more precisely is stored with that date; the story list's range, the
    stored article and the story's brief then give the same dates."""
    from newsweave.pipeline import story_digest

    emb = LexicalEmbedder()
    settings = Settings(embedder="lexical", cluster=replace(Settings().cluster, threshold=0.05))
    with open_store(tmp_path / "n.db") as s:
        StoreIngestor(s, settings, emb).ingest_paths(_seed_files(seeds_dir))
        refined = [a for a in s.articles() if "story context" in (a.published.evidence or "")]
        assert refined, "some seed article should take its date from its story"
        for row in s.story_rows():
            stored = s.articles(row.story.article_ids)
            brief = story_digest(row.story, stored, settings, emb)
            assert {a.id: a.published for a in brief.articles} == {a.id: a.published for a in stored}
            assert (brief.stories[0].story.first_date, brief.stories[0].story.last_date) == (
                row.story.first_date, row.story.last_date)


def test_dating_a_story_again_after_a_later_batch_parses_only_its_new_articles(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file a batch: the story is dated again after each, and each text's weekday sentences are parsed once
    in the run."""
    import newsweave.incremental as incremental

    parsed: list[str] = []
    real_parse = incremental.parse

    def counting_parse(texts, **kw):  # type: ignore[no-untyped-def]
        parsed.extend(texts)
        return real_parse(texts, **kw)

    monkeypatch.setattr(incremental, "parse", counting_parse)
    settings = Settings(embedder="lexical", cluster=replace(Settings().cluster, threshold=0.05))
    with open_store(tmp_path / "n.db") as s:
        StoreIngestor(s, settings, LexicalEmbedder()).ingest_paths(_seed_files(seeds_dir), batch_files=1)
        stored = s.articles()
        biggest = max(len(r.story.article_ids) for r in s.story_rows())
    assert biggest >= 3  # a story dated again after later batches
    from newsweave.timeline.build import weekday_sentences

    # each sentence naming a weekday parsed once in the run, and nothing else
    assert parsed and sorted(parsed) == sorted(t for a in stored for t in weekday_sentences(a))


def test_a_story_that_grows_drops_its_stored_summary_and_one_that_does_not_keeps_it(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """The stored summary (the story list's lead line, search) was built from the story's articles then: a
    story grown by a later ingest has none until its brief is built again (serve builds missing ones)."""
    settings = Settings(embedder="lexical", cluster=replace(Settings().cluster, threshold=0.05))
    files = _seed_files(seeds_dir)
    with open_store(tmp_path / "g.db") as s:
        ing = StoreIngestor(s, settings, LexicalEmbedder())
        ing.ingest_paths(files[:2])
        for row in s.story_rows():
            s.set_story_summary(row.story.id, f"Summary of {row.story.id}.")
        before = {r.story.id: r.n_articles for r in s.story_rows()}
        ing.ingest_paths(files[2:])
        after = {r.story.id: r for r in s.story_rows()}
    grown = [sid for sid, n in before.items() if sid in after and after[sid].n_articles > n]
    kept = [sid for sid, n in before.items() if sid in after and after[sid].n_articles == n]
    assert grown, "expected a story to grow"
    assert all(after[sid].summary == "" for sid in grown)
    assert all(after[sid].summary == f"Summary of {sid}." for sid in kept)


def test_a_storyline_left_without_stories_is_dropped(tmp_path: Path) -> None:
    """A story moved to another storyline (the end-of-run regroup does this) leaves no empty storyline behind:
    the store's storyline count is the number of storylines its stories belong to."""
    import numpy as np

    from newsweave.cluster.online import StoryState
    from newsweave.store.base import IngestBatch

    def story(sid: str, line: str) -> StoryState:
        v = np.ones(4, dtype=np.float32) / 2
        return StoryState(id=sid, storyline_id=line, centroid_sum=v, size=1, first_date=None, last_date=None,
                          headline=f"Story {sid}", central_id="a1", central_vector=v)

    def batch(*stories: StoryState, merged: tuple[tuple[str, str], ...] = ()) -> IngestBatch:
        return IngestBatch(sources=(), articles=(), duplicates=(), rejects=(), stories=stories, merged=merged)

    with open_store(tmp_path / "nw.db") as s:
        s.write_batch(batch(story("s1", "line-a"), story("s2", "line-b")))
        assert s.counts()["storylines"] == 2
        s.write_batch(batch(story("s2", "line-a")))  # s2 joins s1's storyline: line-b has no story left
        assert s.counts()["storylines"] == 1
        s.write_batch(batch(story("s1", "line-c"), merged=(("s2", "s1"),)))
        assert s.counts()["storylines"] == 1
    conn = sqlite3.connect(tmp_path / "nw.db")
    try:
        assert [r[0] for r in conn.execute("SELECT id FROM storylines")] == ["line-c"]
    finally:
        conn.close()

"""Stories merged by the streaming clusterer are merged in the store: articles moved, the absorbed story gone."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.incremental import StoreIngestor
from newsweave.store import open_store

FLOOD = [
    "Floodwater from the Kessel River swept through Riverton on Monday, and rescue crews in boats pulled "
    "dozens of residents from rooftops. The mayor of Riverton said the levee failed before dawn. Officials "
    "opened two schools as shelters for families who fled the Kessel valley.",
    "Residents of Riverton returned on Tuesday to homes filled with mud after the Kessel River flood. Insurance "
    "adjusters toured the valley and the mayor asked the state for emergency funds to repair the broken levee. "
    "Volunteers handed out water and blankets at the school shelters.",
    "Engineers blamed years of neglect for the levee breach that flooded Riverton. A report for the county "
    "warned that the Kessel River embankment was weak. The mayor promised an inquiry while families in the "
    "valley counted their losses from the flood.",
    "The governor visited Riverton on Wednesday and promised state money to rebuild the Kessel River levee. "
    "Farmers in the valley said the flood ruined the harvest, and shelters at two schools still housed "
    "hundreds of residents whose homes were damaged.",
]


def _settings(merge: float | None) -> Settings:
    base = Settings(embedder="lexical", analyze=False)
    return replace(base, cluster=replace(base.cluster, stream_threshold=0.99, merge_threshold=merge))


def _write(d: Path, i: int) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    p = d / f"flood{i}.txt"
    p.write_text(f"Flood update {i}\n\n{FLOOD[i]}\n", encoding="utf-8")
    return p


def test_a_later_batch_merges_stored_stories_and_the_store_follows(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with open_store(db) as s:  # three stored stories, one article each (join threshold 0.99, merges off)
        StoreIngestor(s, _settings(None), LexicalEmbedder()).ingest_paths([_write(tmp_path / "a", i)
                                                                           for i in range(3)])
        assert len(s.story_rows()) == 3
        before = {r.story.id for r in s.story_rows()}
    with open_store(db) as s:  # a fourth article on the same event, merges on: one story
        StoreIngestor(s, _settings(0.05), LexicalEmbedder()).ingest_paths([_write(tmp_path / "b", 3)])
        rows = s.story_rows()
        assert len(rows) == 1
        (row,) = rows
        assert row.n_articles == 4
        assert row.story.id in before  # an older stored story kept its id; the others were absorbed into it
        assert {s.story_of(a.id) for a in s.articles()} == {row.story.id}
        states = s.story_states()
        assert [st.id for st in states] == [row.story.id] and states[0].size == 4
        assert s.counts()["stories"] == 1
        assert {h.story_id for h in s.search("Riverton") if h.kind == "story"} <= {row.story.id}


def test_without_merges_the_same_input_keeps_four_stories(tmp_path: Path) -> None:
    with open_store(tmp_path / "news.db") as s:
        ing = StoreIngestor(s, _settings(None), LexicalEmbedder())
        ing.ingest_paths([_write(tmp_path / "a", i) for i in range(3)])
        ing.ingest_paths([_write(tmp_path / "b", 3)])
        assert len(s.story_rows()) == 4


def test_ingest_dates_a_story_from_kept_weekdays_as_from_a_fresh_parse(tmp_path: Path) -> None:
    """The ingestor keeps each article's parsed weekdays between batches; dating from them is dating from a parse."""
    import numpy as np

    from newsweave.analyze import story_dates
    from newsweave.nlp import parse
    from newsweave.timeline.build import past_weekdays
    from newsweave.types import Article, PublishedDate

    texts = ["The talks opened on Monday in Geneva.", "Officials said on Tuesday that the talks would resume.",
             "The envoy will travel on Friday."]
    dated = PublishedDate(dt.date(2013, 5, 8), "day", 0.9)
    arts = [Article(id=f"a{i}", path=f"a{i}", text=t, sentences=(), title=None,
                    published=PublishedDate() if i else dated)
            for i, t in enumerate(texts)]
    leads = np.eye(3, dtype=np.float32)
    one_by_one = [past_weekdays(parse([t])[0]) for t in texts]
    assert one_by_one[0] == (0,) and one_by_one[2] == ()  # Monday, past; Friday is ahead
    assert story_dates(arts, leads, one_by_one) == story_dates(arts, leads)


def test_each_batch_of_an_ingest_run_merges_at_the_cut_for_the_runs_size(tmp_path: Path) -> None:
    """Batches of one file: every merge after a batch is told the run's four files, not the store so far."""
    seen: list[int] = []
    with open_store(tmp_path / "news.db") as s:
        ing = StoreIngestor(s, _settings(0.05), LexicalEmbedder())
        real = ing.clusterer.merge_stories

        def spy(candidates, run_size=0):  # type: ignore[no-untyped-def]
            seen.append(run_size)
            return real(candidates, run_size)

        ing.clusterer.merge_stories = spy  # type: ignore[method-assign]
        ing.ingest_paths([_write(tmp_path / "a", i) for i in range(4)], batch_files=1)
    assert seen == [4, 4, 4, 4]


def test_the_end_of_a_run_reuses_the_vectors_of_its_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article is embedded once per run: the regrouping at its end uses the batches' vectors; only a run
    killed before its end leaves its articles to be embedded again by the next."""
    import newsweave.incremental as inc

    embedded: list[int] = []
    real = inc.embed_articles

    def counting(arts, *args, **kwargs):  # type: ignore[no-untyped-def]
        embedded.append(len(arts))
        return real(arts, *args, **kwargs)

    monkeypatch.setattr(inc, "embed_articles", counting)
    files = [_write(tmp_path / "a", i) for i in range(4)]
    on = _settings(0.99)
    on = replace(on, cluster=replace(on.cluster, stream_regroup_min_articles=4))
    with open_store(tmp_path / "s.db") as s:
        StoreIngestor(s, on, LexicalEmbedder()).ingest_paths(files, batch_files=1)
        assert len(s.story_rows()) == 1
    assert embedded == [1, 1, 1, 1]


def test_the_end_of_an_ingest_run_groups_its_stories_as_a_digest_does(tmp_path: Path) -> None:
    """Joins and merges after each batch both miss (cuts of 0.99): four stories, one an article, until the run's
    end groups its articles offline, as ``digest`` does, and merges the stories that grouping puts together."""
    from newsweave.pipeline import digest
    from newsweave.types import RawDoc

    files = [_write(tmp_path / "a", i) for i in range(4)]
    on = _settings(0.99)
    on = replace(on, cluster=replace(on.cluster, stream_regroup_min_articles=4))  # a "big" run of four
    off = replace(on, cluster=replace(on.cluster, stream_regroup_max_articles=0))
    small = _settings(0.99)  # four articles are a small run at the default size: not regrouped
    with open_store(tmp_path / "small.db") as s:
        StoreIngestor(s, small, LexicalEmbedder()).ingest_paths(files, batch_files=1)
        assert len(s.story_rows()) == 4
    with open_store(tmp_path / "before.db") as s:
        StoreIngestor(s, off, LexicalEmbedder()).ingest_paths(files, batch_files=1)
        assert len(s.story_rows()) == 4
    with open_store(tmp_path / "news.db") as s:
        stats = StoreIngestor(s, on, LexicalEmbedder()).ingest_paths(files, batch_files=1)
        rows = s.story_rows()
        assert len(rows) == 1 and rows[0].n_articles == 4
        assert stats.new_stories == 1  # what the store holds at the end, not the four founded on the way
        assert s.articles_to_regroup() == []
        assert {s.story_of(a.id) for a in s.articles()} == {rows[0].story.id}
        assert [st.size for st in s.story_states()] == [4]
    docs = [RawDoc(f.name, f.name, f.read_text(encoding="utf-8"), "text") for f in files]
    assert len(digest(docs, on, LexicalEmbedder()).stories) == 1  # what the run's end agrees with


class _Killed(BaseException):
    """Stands for SIGKILL at the end of a run, before its regrouping: nothing after it runs."""


def test_a_run_killed_before_its_end_is_regrouped_by_the_next_as_if_it_had_not_been(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [_write(tmp_path / "a", i) for i in range(4)]
    on = _settings(0.99)
    on = replace(on, cluster=replace(on.cluster, stream_regroup_min_articles=4))
    with open_store(tmp_path / "clean.db") as s:
        StoreIngestor(s, on, LexicalEmbedder()).ingest_paths(files, batch_files=1)
        clean = sorted((r.story.id, r.n_articles) for r in s.story_rows())
        clean_members = sorted((a.id, s.story_of(a.id)) for a in s.articles())

    def killed(self: StoreIngestor, stages: object = None, run_size: int = 0) -> None:
        raise _Killed

    with monkeypatch.context() as m, open_store(tmp_path / "killed.db") as s:
        m.setattr(StoreIngestor, "regroup_pending", killed)
        with pytest.raises(_Killed):
            StoreIngestor(s, on, LexicalEmbedder()).ingest_paths(files, batch_files=1)
        assert len(s.story_rows()) == 4 and len(s.articles_to_regroup()) == 4
    with open_store(tmp_path / "killed.db") as s:  # the next run: nothing new to read, the pending regrouped
        StoreIngestor(s, on, LexicalEmbedder()).ingest_paths(files, batch_files=1)
        assert sorted((r.story.id, r.n_articles) for r in s.story_rows()) == clean == [(clean[0][0], 4)]
        assert sorted((a.id, s.story_of(a.id)) for a in s.articles()) == clean_members
        assert s.articles_to_regroup() == []

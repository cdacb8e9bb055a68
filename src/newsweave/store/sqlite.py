"""SQLite ``Store``: one file, WAL mode, migrations via ``PRAGMA user_version``, FTS5 search.

Every ``write_batch`` is one transaction, so a process killed at any point leaves the database exactly as it
was after the last complete batch; the ``ingested_sources`` rows are written in the same transaction as the
articles they produced, which is what makes ``ingest`` resumable and idempotent.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from newsweave.cluster.online import DaySum, StoryState
from newsweave.errors import (
    NewsweaveError,
    StoreBusyError,
    StoreNotFoundError,
    StoreReadOnlyError,
    StoreWriteError,
)
from newsweave.store.base import IngestBatch, SearchHit, StoryRow
from newsweave.store.query import fts_query
from newsweave.store.serialize import (
    article_from_json,
    article_to_json,
    date_from_text,
    date_to_text,
    vector_from_bytes,
    vector_to_bytes,
)
from newsweave.types import (
    UNKNOWN_OUTLET,
    Article,
    DuplicateLink,
    Precision,
    PublishedDate,
    Reject,
    Story,
    endpoint_precision,
)

log = logging.getLogger(__name__)

MIGRATIONS: tuple[str, ...] = (
    # 1: initial schema
    """
    CREATE TABLE ingested_sources (
        content_hash TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_hash TEXT,
        path TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        precision TEXT,
        text TEXT NOT NULL,
        json TEXT NOT NULL,
        minhash BLOB,
        story_id TEXT
    );
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE storylines (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        storyline_id TEXT NOT NULL,
        headline TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        first_date TEXT,
        last_date TEXT,
        size INTEGER NOT NULL,
        centroid BLOB NOT NULL,
        central_id TEXT NOT NULL,
        central_vector BLOB NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_storyline ON stories(storyline_id);
    CREATE TABLE duplicates (
        article_id TEXT PRIMARY KEY,
        duplicate_of TEXT NOT NULL,
        similarity REAL NOT NULL
    );
    CREATE TABLE rejects (
        path TEXT NOT NULL,
        reason TEXT NOT NULL,
        source_hash TEXT,
        PRIMARY KEY (path, reason)
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE VIRTUAL TABLE stories_fts USING fts5(story_id UNINDEXED, headline, summary);
    """,
    # 2: per-day vector sums of each story (streaming scores an article against each day with its own date
    # factor). Stories from version 1 have no rows here and keep one sum over their [first, last] interval.
    # Undated members: day_lo = day_hi = 0 (no date has ordinal 0).
    """
    CREATE TABLE story_days (
        story_id TEXT NOT NULL,
        day_lo INTEGER NOT NULL,
        day_hi INTEGER NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (story_id, day_lo, day_hi)
    ) WITHOUT ROWID;
    """,
    # 3: facts about the store itself, e.g. which clustering features its story vectors were made with.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 4: stories whose articles' dates are still to be refined in story context: written with the batch that
    # touched them, cleared with their refined dates, so a run killed between the two refines them on resume.
    """
    CREATE TABLE stories_to_date (
        story_id TEXT PRIMARY KEY
    ) WITHOUT ROWID;
    """,
    # 5: articles clustered one by one and not yet regrouped with the rest of their ingest run: written with
    # their batch, cleared by the run's end (``IngestBatch.regrouped``), so a run killed before its end has its
    # articles regrouped by the next one, as if it had not been killed.
    """
    CREATE TABLE articles_to_regroup (
        article_id TEXT PRIMARY KEY
    ) WITHOUT ROWID;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the database has not seen yet; returns the resulting schema version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewsweaveError(newer_schema(version))
    for v in range(version, SCHEMA_VERSION):
        with conn:
            conn.executescript("BEGIN;" + MIGRATIONS[v] + f"; PRAGMA user_version = {v + 1}; COMMIT;")
        log.info("migrated store to schema version %d", v + 1)
    return SCHEMA_VERSION


class SQLiteStore:
    """``Store`` over one SQLite file (or ``:memory:``)."""

    read_only: bool = False
    """Opened read-only (``open_store`` does so for a file or folder that cannot be written): reads work, writes
    raise ``StoreWriteError``, and the summaries a brief would store are not kept."""

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only:
            self.read_only = True
            self._conn = connect_read_only(self.path)
            try:
                check_schema(self._conn, self.path)
            except BaseException:
                self._conn.close()
                raise
            return
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self._conn)
        except BaseException:
            self._conn.close()
            raise

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    # -- writes ---------------------------------------------------------------------------------------------

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Be the only ingest run writing this store while the block runs (an exclusive ``flock`` on
        ``FILE.lock``, released when the block ends or the process dies, even by kill -9).

        Two ingest runs, each holding its own stories and near-copy index in memory, corrupted a store (stories
        with no articles, articles in other runs' stories, missing near-copy links); a second one is refused
        with ``StoreBusyError`` naming the holder."""
        if self.path == ":memory:":
            yield
            return
        if self.read_only:
            raise StoreReadOnlyError(f"cannot write to the store {self.path}: it is read-only here (the file or"
                                     " its folder cannot be written); give this user write access, or use a copy")
        lock_path = self.path + ".lock"
        with open(lock_path, "a+", encoding="utf-8") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                f.seek(0)
                holder = f.read().strip() or "unknown"
                raise StoreBusyError(
                    f"another newsweave ingest (pid {holder}) is writing to the store {self.path}; run this one"
                    " again when it has finished (two at once would mix up their stories)"
                ) from None
            f.seek(0)
            f.truncate()
            f.write(f"{os.getpid()}\n")
            f.flush()
            try:
                yield
            finally:
                f.seek(0)
                f.truncate()
                fcntl.flock(f, fcntl.LOCK_UN)

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits to the store (``PRAGMA data_version``)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: committed when the block ends, rolled back when it raises.

        SQLite itself rolls a transaction back on some errors (a full disk: ``database or disk is full``), so a
        ROLLBACK is sent only while one is still active (else it fails with ``cannot rollback - no transaction
        is active`` and hides the real error), and a failure to write the file becomes a ``StoreWriteError``
        naming the store and the cause."""
        if self.read_only:
            raise StoreReadOnlyError(f"cannot write to the store {self.path}: it is read-only here (the file or"
                                     " its folder cannot be written); give this user write access, or use a copy")
        c = self._conn
        try:
            c.execute("BEGIN IMMEDIATE")
            try:
                yield
                c.execute("COMMIT")
            except BaseException:
                if c.in_transaction:
                    try:
                        c.execute("ROLLBACK")
                    except sqlite3.Error:  # the error that got us here is the one to report
                        log.exception("rollback failed on %s", self.path)
                raise
        except (sqlite3.OperationalError, OSError) as e:
            if isinstance(e, sqlite3.OperationalError) and not any(k in str(e).lower() for k in _WRITE_FAILURES):
                raise
            failed = StoreReadOnlyError if "readonly database" in str(e).lower() else StoreWriteError
            raise failed(write_failure(self.path, e)) from e

    def write_batch(self, batch: IngestBatch) -> None:
        c = self._conn
        now = _now()
        with self._transaction():
            touched = [s.id for s in batch.stories] + [gone for gone, _ in batch.merged]
            old_lines = {r[0] for sid in touched
                         for r in c.execute("SELECT storyline_id FROM stories WHERE id = ?", (sid,))}
            for gone, into in batch.merged:
                c.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into, gone))
                c.execute("DELETE FROM story_days WHERE story_id = ?", (gone,))
                c.execute("DELETE FROM stories WHERE id = ?", (gone,))
                c.execute("DELETE FROM stories_fts WHERE story_id = ?", (gone,))
            for line_id in {s.storyline_id for s in batch.stories}:
                c.execute("INSERT OR IGNORE INTO storylines(id, created_at) VALUES (?, ?)", (line_id, now))
            for s in batch.stories:
                self._upsert_story(s, now)
            for sa in batch.articles:
                a = sa.article
                cur = c.execute(
                    "INSERT OR IGNORE INTO articles(id, source_hash, path, title, outlet, url, published,"
                    " precision, text, json, minhash, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        a.id,
                        sa.source_hash,
                        a.path,
                        a.title,
                        a.outlet,
                        a.url,
                        date_to_text(a.published.date),
                        a.published.precision,
                        a.text,
                        article_to_json(a),
                        sa.minhash,
                        sa.story_id,
                    ),
                )
                if cur.rowcount:
                    c.executemany(
                        'INSERT OR IGNORE INTO sentences(article_id, idx, start, "end", text)'
                        " VALUES (?, ?, ?, ?, ?)",
                        [(a.id, s.index, s.start, s.end, a.text[s.start : s.end]) for s in a.sentences],
                    )
            # A story's range follows its stored (possibly refined) articles' dates.
            for sid in dict.fromkeys([s.id for s in batch.stories] + [sa.story_id for sa in batch.articles]):
                self._refresh_story_dates(sid)
            c.executemany(
                "INSERT OR IGNORE INTO duplicates(article_id, duplicate_of, similarity) VALUES (?, ?, ?)",
                [(d.article_id, d.duplicate_of, d.similarity) for d in batch.duplicates],
            )
            c.executemany(
                "INSERT OR IGNORE INTO rejects(path, reason, source_hash) VALUES (?, ?, ?)",
                [(r.path, r.reason, h) for h, r in batch.rejects],
            )
            c.executemany(
                "INSERT OR IGNORE INTO ingested_sources(content_hash, origin, ingested_at) VALUES (?, ?, ?)",
                [(s.content_hash, s.origin, now) for s in batch.sources],
            )
            c.executemany("INSERT OR IGNORE INTO stories_to_date(story_id) VALUES (?)",
                          [(sid,) for sid in batch.to_date])
            c.executemany("INSERT OR IGNORE INTO articles_to_regroup(article_id) VALUES (?)",
                          [(aid,) for aid in batch.to_regroup])
            c.executemany("DELETE FROM articles_to_regroup WHERE article_id = ?", [(aid,) for aid in batch.regrouped])
            # a story regrouped or merged into another storyline may leave its old one without stories
            c.executemany("DELETE FROM storylines WHERE id = ? AND NOT EXISTS"
                          " (SELECT 1 FROM stories WHERE storyline_id = ?)", [(x, x) for x in sorted(old_lines)])

    def _upsert_story(self, s: StoryState, now: str) -> None:
        c = self._conn
        c.execute(
            "INSERT INTO stories(id, storyline_id, headline, first_date, last_date, size, centroid,"
            " central_id, central_vector, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET storyline_id=excluded.storyline_id, headline=excluded.headline,"
            " first_date=excluded.first_date, last_date=excluded.last_date,"
            " summary=CASE WHEN stories.size = excluded.size THEN stories.summary ELSE '' END, size=excluded.size,"
            " centroid=excluded.centroid, central_id=excluded.central_id,"
            " central_vector=excluded.central_vector, updated_at=excluded.updated_at",
            (
                s.id,
                s.storyline_id,
                s.headline,
                date_to_text(s.first_date),
                date_to_text(s.last_date),
                s.size,
                vector_to_bytes(s.centroid_sum),
                s.central_id,
                vector_to_bytes(s.central_vector),
                now,
            ),
        )
        c.execute("DELETE FROM story_days WHERE story_id = ?", (s.id,))
        c.executemany(
            "INSERT INTO story_days(story_id, day_lo, day_hi, vector) VALUES (?, ?, ?, ?)",
            [(s.id, ds.lo or 0, ds.hi or 0, vector_to_bytes(ds.vector_sum)) for ds in s.day_sums],
        )
        row = c.execute("SELECT summary FROM stories WHERE id = ?", (s.id,)).fetchone()
        self._index_story(s.id, s.headline, row[0] if row else "")

    def set_published(self, dates: Mapping[str, PublishedDate], dated: Iterable[str] = ()) -> None:
        """Keep the publication dates a story context refined (``analyze.story_dates``), so the article, its
        story's date range and the brief agree; the stories' first/last dates follow their articles'. The
        stories ``dated`` leave ``stories_to_date`` in the same transaction."""
        done = [(sid,) for sid in dated]
        if not dates and not done:
            return
        c = self._conn
        with self._transaction():
            c.executemany("DELETE FROM stories_to_date WHERE story_id = ?", done)
            stories: dict[str, None] = {}
            for aid, p in dates.items():
                row = c.execute("SELECT json, story_id FROM articles WHERE id = ?", (aid,)).fetchone()
                if row is None:
                    raise KeyError(aid)
                a = replace(article_from_json(row[0]), published=p)
                c.execute("UPDATE articles SET published = ?, precision = ?, json = ? WHERE id = ?",
                          (date_to_text(p.date), p.precision, article_to_json(a), aid))
                stories[row[1]] = None
            for sid in stories:
                self._refresh_story_dates(sid)

    def articles_to_regroup(self) -> list[str]:
        """Articles written with ``IngestBatch.to_regroup`` and not yet regrouped, in the order they were stored."""
        return [aid for (aid,) in self._conn.execute(
            "SELECT r.article_id FROM articles_to_regroup r JOIN articles a ON a.id = r.article_id ORDER BY a.rowid")]

    def stories_to_date(self) -> list[str]:
        """Stories written by a batch whose dates were not refined yet (``IngestBatch.to_date``), sorted."""
        return [sid for (sid,) in self._conn.execute("SELECT story_id FROM stories_to_date ORDER BY story_id")]

    def _refresh_story_dates(self, story_id: str) -> None:
        """First/last date of a story from its articles' trusted publication dates."""
        rows = self._conn.execute("SELECT json FROM articles WHERE story_id = ?", (story_id,)).fetchall()
        dates = [d for r in rows if (d := article_from_json(r[0]).published.trusted) is not None]
        self._conn.execute("UPDATE stories SET first_date = ?, last_date = ? WHERE id = ?",
                           (date_to_text(min(dates, default=None)), date_to_text(max(dates, default=None)),
                            story_id))

    def _index_story(self, story_id: str, headline: str, summary: str) -> None:
        self._conn.execute("DELETE FROM stories_fts WHERE story_id = ?", (story_id,))
        self._conn.execute(
            "INSERT INTO stories_fts(story_id, headline, summary) VALUES (?, ?, ?)",
            (story_id, headline, summary),
        )

    def set_story_summary(self, story_id: str, summary: str) -> None:
        if self.read_only:  # a cache for search: a read-only store is read without it
            log.debug("read-only store %s: summary of %s not stored", self.path, story_id)
            return
        c = self._conn
        with self._transaction():
            row = c.execute("SELECT headline FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                raise KeyError(story_id)
            c.execute("UPDATE stories SET summary = ? WHERE id = ?", (summary, story_id))
            self._index_story(story_id, row[0], summary)

    # -- reads ----------------------------------------------------------------------------------------------

    def has_source(self, content_hash: str) -> bool:
        q = "SELECT 1 FROM ingested_sources WHERE content_hash = ?"
        return self._conn.execute(q, (content_hash,)).fetchone() is not None

    def has_article(self, article_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def story_of(self, article_id: str) -> str | None:
        row = self._conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def story_states(self) -> list[StoryState]:
        days: dict[str, list[DaySum]] = {}
        for sid, lo, hi, vec in self._conn.execute(
            "SELECT story_id, day_lo, day_hi, vector FROM story_days ORDER BY story_id, day_lo, day_hi"
        ):
            days.setdefault(sid, []).append(DaySum(lo or None, hi or None, vector_from_bytes(vec)))
        rows = self._conn.execute(
            "SELECT id, storyline_id, centroid, size, first_date, last_date, headline, central_id,"
            " central_vector FROM stories ORDER BY rowid"
        )
        return [
            StoryState(
                id=r[0],
                storyline_id=r[1],
                centroid_sum=vector_from_bytes(r[2]),
                size=r[3],
                first_date=date_from_text(r[4]),
                last_date=date_from_text(r[5]),
                headline=r[6],
                central_id=r[7],
                central_vector=vector_from_bytes(r[8]),
                day_sums=tuple(days.get(r[0], ())),
            )
            for r in rows
        ]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        q = "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY rowid"
        yield from self._conn.execute(q)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self._conn.execute("SELECT json FROM articles ORDER BY rowid").fetchall()
            return [article_from_json(r[0]) for r in rows]
        out = []
        for aid in ids:
            row = self._conn.execute("SELECT json FROM articles WHERE id = ?", (aid,)).fetchone()
            if row is None:
                raise KeyError(aid)
            out.append(article_from_json(row[0]))
        return out

    def _story_members(self, story_id: str) -> list[tuple[str, str | None, dt.date | None, Precision | None]]:
        """(id, outlet, published, precision) of a story's articles."""
        q = "SELECT id, outlet, published, precision FROM articles WHERE story_id = ? ORDER BY published, id"
        return [(r[0], r[1], date_from_text(r[2]), r[3]) for r in self._conn.execute(q, (story_id,))]

    def _story_from_row(self, r: tuple[str, str, str, str | None, str | None], ids: Sequence[str]) -> Story:
        return Story(
            id=r[0],
            article_ids=tuple(ids),
            headline=r[2],
            first_date=date_from_text(r[3]),
            last_date=date_from_text(r[4]),
            storyline_id=r[1],
        )

    def story(self, story_id: str) -> Story | None:
        r = self._conn.execute(
            "SELECT id, storyline_id, headline, first_date, last_date FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        members = self._story_members(story_id) if r is not None else []
        if r is None or not members:
            if r is not None:
                log.warning("story %s has no articles; left out", story_id)
            return None
        return self._story_from_row(r, [m[0] for m in members])

    def storyline(self, storyline_id: str) -> list[Story]:
        """The stories of one storyline, oldest first (empty for an unknown id); stories without articles are
        left out, as in ``story``."""
        rows = self._conn.execute(
            "SELECT id, storyline_id, headline, first_date, last_date FROM stories WHERE storyline_id = ?"
            " ORDER BY first_date IS NULL, first_date, id", (storyline_id,)
        ).fetchall()
        out = []
        for r in rows:
            members = self._story_members(r[0])
            if members:
                out.append(self._story_from_row(r, [m[0] for m in members]))
        return out

    def story_rows(self) -> list[StoryRow]:
        rows = self._conn.execute(
            "SELECT id, storyline_id, headline, first_date, last_date, summary FROM stories"
            " ORDER BY first_date IS NULL, first_date, id"
        ).fetchall()
        out = []
        for r in rows:
            members = self._story_members(r[0])
            if not members:  # written by a corrupting run (two ingests at once): listed pages must still work
                log.warning("story %s has no articles; left out", r[0])
                continue
            outlets = tuple(sorted({m[1] for m in members if m[1]}))
            if any(not m[1] for m in members):
                outlets += (UNKNOWN_OUTLET,)
            story = self._story_from_row(r, [m[0] for m in members])
            dated = [(m[2], m[3]) for m in members]
            out.append(StoryRow(story, outlets, len(members), endpoint_precision(story.first_date, dated),
                                endpoint_precision(story.last_date, dated), r[5]))
        return out

    def duplicates(self) -> list[DuplicateLink]:
        q = "SELECT article_id, duplicate_of, similarity FROM duplicates ORDER BY article_id"
        rows = self._conn.execute(q)
        return [DuplicateLink(r[0], r[1], r[2]) for r in rows]

    def rejects(self) -> list[Reject]:
        rows = self._conn.execute("SELECT path, reason FROM rejects ORDER BY path")
        return [Reject(r[0], r[1]) for r in rows]

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        """Articles (title, text) and stories (headline, summary) with every word of ``query``, best first."""
        if limit <= 0:
            raise ValueError(f"limit must be positive, got {limit}")
        q = fts_query(query)  # QueryError when nothing is left to search for, or too much
        c = self._conn
        hits = [
            SearchHit("article", r[0], r[1] or r[0], r[2], float(r[3]), r[4], date_from_text(r[5]))
            for r in c.execute(
                "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12), bm25(articles_fts),"
                " a.story_id, a.published FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
                (q, limit),
            )
        ]
        hits += [
            SearchHit("story", r[0], r[1], r[2], float(r[3]), r[0], date_from_text(r[4]))
            for r in c.execute(
                "SELECT f.story_id, f.headline, snippet(stories_fts, 1, '[', ']', '…', 12),"
                " bm25(stories_fts), s.first_date FROM stories_fts f JOIN stories s ON s.id = f.story_id"
                " WHERE stories_fts MATCH ? ORDER BY bm25(stories_fts) LIMIT ?",
                (q, limit),
            )
        ]
        return sorted(hits, key=lambda h: (h.score, h.kind, h.id))[:limit]

    def meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    def vector_dim(self) -> int | None:
        """The length of the stored story vectors (None for a store without stories)."""
        row = self._conn.execute("SELECT central_vector FROM stories LIMIT 1").fetchone()
        return None if row is None else len(vector_from_bytes(row[0]))

    def counts(self) -> dict[str, int]:
        counted = {
            "articles": "SELECT count(*) FROM articles",
            "sentences": "SELECT count(*) FROM sentences",
            "stories": "SELECT count(*) FROM stories",
            # the storylines stories belong to (a store written before empty ones were dropped may hold some)
            "storylines": "SELECT count(DISTINCT storyline_id) FROM stories",
            "duplicates": "SELECT count(*) FROM duplicates",
            "rejects": "SELECT count(*) FROM rejects",
            "ingested_sources": "SELECT count(*) FROM ingested_sources",
        }
        return {k: int(self._conn.execute(q).fetchone()[0]) for k, q in counted.items()}

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def journal_mode(self) -> str:
        return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0])


_WRITE_FAILURES = ("disk is full", "disk i/o error", "readonly database", "no space left", "database is locked")


def write_failure(path: str, e: BaseException) -> str:
    """The message of a failed write: the store, the cause, and that the store still holds every complete batch.

    Only causes about the file itself (``_WRITE_FAILURES``: full disk, I/O error, read-only file, a lock held
    too long) are told this way; any other error is re-raised as it is."""
    cause = str(e) or type(e).__name__
    if isinstance(e, OSError) and e.strerror:
        cause = e.strerror
    return (f"could not write to the store {path}: {cause}. Nothing of this batch was written; the store holds"
            " everything written before it (free some space or fix the cause, then run again)")


def missing_store(path: str | Path) -> str | None:
    """Why there is no store at ``path`` to open ("... does not exist"), or None when there is a file."""
    if str(path) == ":memory:" or Path(path).is_file():
        return None
    what = "is not a file" if Path(path).exists() else "does not exist"
    return f"no store at {path}: the file {what}. Create it with `newsweave ingest PATH... --db {path}`"


def open_store(path: str | Path = ":memory:", *, create: bool = True) -> SQLiteStore:
    """Open (migrating as needed) the store at ``path``; ``:memory:`` for a throwaway store. A missing file is
    created only with ``create`` (what ``ingest`` does); readers get ``StoreNotFoundError`` instead of a new,
    empty store under a mistyped name."""
    if not create and (reason := missing_store(path)):
        raise StoreNotFoundError(reason)
    if str(path) != ":memory:" and Path(path).is_file():
        if not can_write(Path(path)):
            return SQLiteStore(path, read_only=True)
        try:
            return SQLiteStore(path)
        except sqlite3.OperationalError as e:  # e.g. a folder or file only root's permission check let through
            if not any(k in str(e).lower() for k in ("readonly", "read-only", "unable to open")):
                raise
            log.info("store %s cannot be opened for writing (%s); opening it read-only", path, e)
            return SQLiteStore(path, read_only=True)
    return SQLiteStore(path)


def can_write(path: Path) -> bool:
    """Whether this process may write the store file and create its ``-wal``/``-shm`` files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``: no journal-mode change, no migration, every write refused).

    A WAL store in a folder that cannot be written has no ``-shm`` file and cannot get one, and SQLite then
    cannot open it even read-only; such a store is opened ``immutable`` (nobody can write it there either)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    log.info("store %s is in a read-only folder; reading it as immutable", path)
    conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def check_schema(conn: sqlite3.Connection, path: str) -> int:
    """The schema version of a store opened read-only, which must be this newsweave's (it cannot be migrated)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewsweaveError(newer_schema(version))
    if version < SCHEMA_VERSION:
        raise NewsweaveError(
            f"the store {path} has schema version {version} and this newsweave reads version {SCHEMA_VERSION};"
            " it needs migrating, which needs write access: run `newsweave stories --db FILE` once as a user"
            " who may write the file and its folder (or on a writable copy)"
        )
    return version


def newer_schema(version: int) -> str:
    return (f"database schema version {version} is newer than this newsweave ({SCHEMA_VERSION});"
            " upgrade newsweave")

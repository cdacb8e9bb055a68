"""Typed settings, validated once and passed explicitly to every stage that needs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from newsweave.errors import ConfigError
from newsweave.types import TRUSTED_CONFIDENCE

EmbedderName = Literal["minilm", "lexical"]


@dataclass(frozen=True)
class ClusterParams:
    threshold: float = 0.275
    """Minimum (date-weighted, locally scaled) similarity at which articles belong to the same story offline
    (0.3 -> 0.275 with the 10-neighbour scaling below: DUC 2004 mixed 0.817 -> 0.823 and 67 -> 53 stories of
    two or more articles for its 50 events, AllSides 0.903 -> 0.901)."""
    lexical_weight: float = 0.75
    """Weight of the rarity-weighted content-word cosine against the sentence-embedding cosine. Wire copy
    without titles, whose articles on one event lead on different angles, is held together by the names and
    rare words of its whole text; the lead sentences' embeddings keep same-topic events apart."""
    window_days: int = 3
    """Articles within this many days of each other (or of a story's dates) are fully comparable; beyond it the
    similarity falls linearly to 0 at ``max_gap_days``. Coverage of one event spreads over a few days; follow-up
    events a week or more later (a drug "set to be approved", then "approved") are the commonest wrong merges.
    Chosen on AllSides (14 -> 3 days; see benchmarks/RESULTS.md, "cluster", and the jittered-dates rows)."""
    max_gap_days: int = 14
    """Articles further apart than this are never the same story (60 -> 14 cost nothing on DUC 2004, whose
    dates are rarely trusted, and kept same-topic follow-ups on AllSides apart: offline B-cubed 0.895 -> 0.911
    at the earlier weights). Undated articles are not penalised."""
    stream_threshold: float | None = 0.3
    """Streaming only: minimum average similarity to a story's members to join it (None: ``threshold``).
    0.275 -> 0.3 with the story merges below, which now join what one article at a time could not."""
    merge_threshold: float | None = 0.275
    """Streaming only: after each ingest batch, two stories whose date-weighted average similarity over all
    pairs of their members is at least this are merged (average linkage over stories, from their day sums;
    None: never). A story founded by an article that arrived before the rest of its event's coverage, or by an
    off-angle lead, is joined to its event once later articles bridge the two. With the join threshold 0.3:
    streaming B-cubed DUC 2004 mixed 0.757 -> 0.786, AllSides 0.838 -> 0.841 (benchmarks/RESULTS.md)."""
    stream_small_store: bool = True
    """Streaming only: in a store that will hold fewer than ``full_threshold_articles`` articles at the end of the
    ingest run, the merge cut after each batch is lowered by as much as offline's cut is for a batch of that size
    (``offline.batch_threshold``; the merge is offline's average linkage): a first ingest of a folder on a few
    events gets the stories ``digest`` of that folder gets (DUC 2004 events ingested alone, B-cubed 0.872 ->
    0.993; AllSides 0.954 -> 0.993). From ``full_threshold_articles`` up, nothing changes (the whole streams
    keep 0.799 / 0.841). The join cut is not lowered (no gain measured)."""
    stream_regroup_min_articles: int = 100
    """Streaming only: the smallest store (articles at the run's end) whose run is regrouped
    (``stream_regroup_max_articles``). Chosen on DUC 2004 and AllSides (side run, ``benchmarks/regroup_min.py``):
    from 100 up regrouping gains at every mix size measured (DUC 2004 mixes of 10 events 0.868 -> 0.896, of 25
    0.834 -> 0.863; AllSides mixes of 100 events 0.927 -> 0.946, of 200 0.910 -> 0.931); below, AllSides mixes of
    4 events (~11 articles) lost 0.985 -> 0.956."""
    stream_regroup_max_articles: int = 2000
    """Streaming only: at the end of an ingest run of up to this many new articles (the store holding at least
    ``stream_regroup_min_articles``), they are grouped as ``digest`` groups them (offline, cut for a batch of the
    store's size) and the stories that grouping puts together are merged (``OnlineClusterer.regroup``), so one
    ingest of a folder tells its events apart as a digest of it does (DUC 2004 mixed streaming B-cubed 0.797 ->
    0.830, AllSides 0.841 -> 0.848); 0: off. Not above: offline grouping holds a similarity matrix of the run's
    articles."""
    storyline_threshold: float = 0.175
    """Offline: minimum average similarity of two stories' members (dates ignored) at which they share a
    storyline (average linkage over stories; see ``offline.storyline_groups``). Chosen on WikiRef220 and
    Timeline17, whose gold labels are topics (benchmarks/RESULTS.md, "cluster")."""
    stream_storyline_threshold: float = 0.3
    """Streaming: minimum cosine of a new story's first article to a storyline's centroid to join it."""
    n_sentences: int = 5
    """Lead sentences (after the title) embedded per article."""
    title_weight: float = 3.0
    """How many lead sentences the title's embedding counts for in the article's semantic vector."""
    linkage: str = "average"
    local_k: int = 10
    """Offline only: neighbours used to measure how crowded each article's neighbourhood is (0 turns it off).
    3 -> 10: crowding measured over three neighbours is mostly the article's own near-copies and follow-ups,
    so every event of a ten-article story looked crowded and was split, while a loose event merged with its
    neighbour; ten neighbours measure the region. Chosen on DUC 2004 and AllSides together (a grid of k 3-20,
    scaling 0.5-1.5, threshold 0.25-0.375): offline B-cubed DUC 2004 mixed 0.749 -> 0.823, AllSides
    0.901 -> 0.901 (benchmarks/RESULTS.md, "cluster")."""
    local_scaling: float = 1.25
    """Offline only: how much of that crowding is subtracted from a pair's similarity (see ``offline``);
    1.0 -> 1.25 with ``local_k`` 10, whose crowding varies less from article to article."""
    min_date_confidence: float = TRUSTED_CONFIDENCE
    """Publication dates less sure than this (e.g. mere lower bounds) are not used to separate stories."""
    full_threshold_articles: int = 500
    """Offline: batches of at least this many articles are cut at ``threshold``; smaller ones lower (see
    ``small_batch_slope``). 500 is the size of the mix ``threshold`` was tuned on (DUC 2004's 50 clusters)."""
    small_batch_slope: float = 0.025
    """Offline: how much lower the cut is per factor e (ln) that a batch is smaller than
    ``full_threshold_articles``, down to ``min_threshold`` (see ``offline.batch_threshold``). Chosen on mixes
    of 1-16 DUC 2004 clusters and 1-16 AllSides val items (0.02, 0.025 and 0.03 all far above 0): one DUC
    cluster of 10 articles is kept whole 19 -> 49 times of 50."""
    min_threshold: float = 0.175
    """Offline: the lowest cut ``small_batch_slope`` goes to (the storyline threshold: below it, articles of
    one topic are more alike than that by chance); never above ``threshold``."""

    @property
    def assign_threshold(self) -> float:
        """The streaming clusterer's join threshold."""
        return self.threshold if self.stream_threshold is None else self.stream_threshold

    def __post_init__(self) -> None:
        for name in ("threshold", "lexical_weight", "storyline_threshold", "stream_storyline_threshold",
                     "stream_threshold", "merge_threshold"):
            v = getattr(self, name)
            if v is None and name in ("stream_threshold", "merge_threshold"):
                continue
            if not 0.0 <= v <= 1.0:
                raise ConfigError(f"{name} must be in [0, 1], got {v}")
        if self.window_days < 0 or self.max_gap_days < self.window_days:
            raise ConfigError(
                f"need 0 <= window_days <= max_gap_days, got {self.window_days} and {self.max_gap_days}"
            )
        if not 0.0 <= self.min_threshold <= 1.0 or self.small_batch_slope < 0 or self.full_threshold_articles < 1:
            raise ConfigError(
                "cluster: need 0 <= min_threshold <= 1, small_batch_slope >= 0 and "
                f"full_threshold_articles >= 1, got {self.min_threshold}, {self.small_batch_slope}, "
                f"{self.full_threshold_articles}"
            )
        if self.local_k < 0 or self.local_scaling < 0:
            raise ConfigError(
                f"local_k and local_scaling must be >= 0, got {self.local_k} and {self.local_scaling}"
            )
        if self.title_weight < 0:
            raise ConfigError(f"title_weight must be >= 0, got {self.title_weight}")
        if self.n_sentences < 1:
            raise ConfigError(f"n_sentences must be >= 1, got {self.n_sentences}")
        if self.linkage not in ("average", "complete", "single"):
            raise ConfigError(f"linkage must be average, complete or single, got {self.linkage!r}")


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 20 * 1024 * 1024
    """Files larger than this are rejected (not read)."""
    max_jsonl_lines: int = 10_000
    """A JSONL input with more non-blank lines (articles) than this is rejected whole, before any line is parsed
    (split it into smaller files)."""
    summary_words: int = 120
    """Target length of each story summary, in words."""
    embedder: EmbedderName = "minilm"
    """Sentence embedder: ``minilm`` (all-MiniLM-L6-v2) or ``lexical`` (hashed TF-IDF, no model)."""
    citation_threshold: float = 0.72
    """Cosine similarity above which another article's sentence is cited as supporting a summary line."""
    min_body_chars: int = 80
    max_body_chars: int = 1_000_000
    """Articles whose cleaned body is longer than this are rejected (no news article is; analysis would take
    tens of minutes and gigabytes)."""
    """Articles whose cleaned body is shorter than this are rejected as empty."""
    languages: tuple[str, ...] = ("en",)
    """Languages processed; articles detected as another language are skipped with a reason. Empty = all."""
    analyze: bool = True
    """Build timeline, entities, claims, unique facts and quotes (needs the spaCy parser; slower)."""
    one_story: bool = False
    """Treat all input articles as one story instead of clustering them."""
    include_hidden: bool = False
    """Read hidden files and folders (names starting with a dot) met inside input folders; by default each is
    skipped with the reason "hidden file" / "hidden folder"."""
    key_dates_min_articles: int = 12
    """A story of at least this many articles shows its key dates (``newsweave.tls``) before its full list of
    dated events: at about four dated events an article (the seeds give 17 from four), twelve articles make a
    list of some fifty entries, past what a reader scans."""
    key_dates_min_span_days: int = 31
    """So does a story whose articles span at least this many days: a month on, most of a day-by-day list is
    history and the reader wants the days that mattered. Either way only when the key dates are at most half as
    many as the dated events (else the key dates repeat the list)."""
    parse_helper: bool = True
    """On a machine of two or more cores, a large run that parses in this process (digest's analysis, ingest's
    story dating) starts one helper process (``nlp.parse_helper``, about 300 MB) that parses half of each large
    batch meanwhile: the parse was half of a 500-document digest's time. The output is the same either way."""
    cluster: ClusterParams = field(default_factory=ClusterParams)
    """Story clustering (offline and streaming); passed to every clusterer, never defaulted inside one."""
    embed_cache: int = 32_768
    """Sentence vectors one digest or ingest run keeps, by text hash, so each text is embedded once across
    clustering, summaries, citations and dates (``embed.cache``; ~1.5 kB a vector); 0 turns the cache off."""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.max_jsonl_lines <= 0:
            raise ConfigError(f"max_jsonl_lines must be positive, got {self.max_jsonl_lines}")
        if not 10 <= self.summary_words <= 2000:
            raise ConfigError(f"summary_words must be between 10 and 2000, got {self.summary_words}")
        if self.embedder not in ("minilm", "lexical"):
            raise ConfigError(f"embedder must be 'minilm' or 'lexical', got {self.embedder!r}")
        if self.embed_cache < 0:
            raise ConfigError(f"embed_cache must be >= 0 (0: no cache), got {self.embed_cache}")
        if not 0.0 < self.citation_threshold < 1.0:
            raise ConfigError(f"citation_threshold must be in (0, 1), got {self.citation_threshold}")
        if self.key_dates_min_articles < 1 or self.key_dates_min_span_days < 1:
            raise ConfigError(f"key_dates_min_articles and key_dates_min_span_days must be at least 1, got "
                              f"{self.key_dates_min_articles} and {self.key_dates_min_span_days}")

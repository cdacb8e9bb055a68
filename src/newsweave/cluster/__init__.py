"""Story clustering: offline (agglomerative, embeddings + dates) and streaming (incremental).."""

from newsweave.cluster.features import article_vectors
from newsweave.cluster.ids import story_id, storyline_id
from newsweave.cluster.offline import group_stories, group_vectors
from newsweave.cluster.online import Assignment, DaySum, OnlineClusterer, StoryState, stream_stories
from newsweave.config import ClusterParams

__all__ = [
    "Assignment",
    "ClusterParams",
    "OnlineClusterer",
    "DaySum",
    "StoryState",
    "article_vectors",
    "group_stories",
    "group_vectors",
    "story_id",
    "storyline_id",
    "stream_stories",
]

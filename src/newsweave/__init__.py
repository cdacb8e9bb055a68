"""newsweave: many outlets' coverage of the same events into one cited picture of each story."""

from newsweave.config import Settings
from newsweave.types import Article, Citation, Digest, PublishedDate, Reject, Sentence, Story, StoryReport

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Citation",
    "Digest",
    "PublishedDate",
    "Reject",
    "Sentence",
    "Settings",
    "Story",
    "StoryReport",
    "__version__",
]

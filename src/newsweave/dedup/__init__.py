"""Near-duplicate detection: seeded MinHash signatures over word 5-shingles, LSH candidates, exact check."""

from newsweave.dedup.minhash import (
    MinHashIndex,
    exact_jaccard,
    find_duplicates,
    shingles,
    signature,
    signature_from_bytes,
    signature_to_bytes,
)

__all__ = [
    "MinHashIndex",
    "exact_jaccard",
    "find_duplicates",
    "shingles",
    "signature",
    "signature_from_bytes",
    "signature_to_bytes",
]

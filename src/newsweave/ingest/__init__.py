"""Read inputs (files, directories, JSONL, stdin) into ``RawDoc`` records; everything not read is a ``Reject``."""

from newsweave.ingest.read import IngestResult, decode_bytes, doc_id, read_sources, read_stream

__all__ = ["IngestResult", "decode_bytes", "doc_id", "read_sources", "read_stream"]

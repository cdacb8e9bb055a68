"""Direct quotes with their speakers."""

from newsweave.quotes.extract import Person, RawQuote, find_quotes, quote_spans

__all__ = ["Person", "RawQuote", "find_quotes", "quote_spans"]

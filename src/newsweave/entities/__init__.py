"""People, organisations and places under canonical names merged across spellings and short forms."""

from newsweave.entities.canonical import EntityIndex, Mention, build_entities, mentions_of

__all__ = ["EntityIndex", "Mention", "build_entities", "mentions_of"]

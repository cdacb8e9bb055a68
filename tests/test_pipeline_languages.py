from __future__ import annotations

from pathlib import Path

from newsweave.config import Settings
from newsweave.embed import LexicalEmbedder
from newsweave.ingest import read_sources
from newsweave.pipeline import digest

GERMAN = (
    "Die Stadt Lindmark hat die alte Hafenbrücke am Donnerstag gesperrt, nachdem Risse in zwei Trägern gefunden "
    "wurden.\n\nDie Bürgermeisterin sagte, die Brücke bleibe geschlossen, bis eine vollständige Prüfung "
    "abgeschlossen sei.\n\nRund 42.000 Fahrzeuge überqueren die Brücke jeden Tag, teilte das Verkehrsamt mit.\n"
)


def test_non_english_is_skipped_with_a_reason_unless_asked_for(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    s = Settings(embedder="lexical")
    src = read_sources([str(tmp_path)], s)
    d = digest(src.docs, s, embedder=LexicalEmbedder(), rejected=src.rejected)
    assert d.articles == ()
    assert "language 'de' is not supported" in d.rejected[0].reason
    s_all = Settings(embedder="lexical", languages=())
    d_all = digest(src.docs, s_all, embedder=LexicalEmbedder())
    assert [a.language for a in d_all.articles] == ["de"]
    assert d_all.stories and d_all.stories[0].summary


def test_overlong_article_is_rejected_with_a_reason(tmp_path: Path) -> None:
    para = "The council met on Monday and voted to repair the old harbour bridge before the winter storms. "
    (tmp_path / "long.txt").write_text((para * 40 + "\n\n") * 30, encoding="utf-8")
    s = Settings(embedder="lexical", max_body_chars=50_000)
    src = read_sources([str(tmp_path)], s)
    d = digest(src.docs, s, embedder=LexicalEmbedder())
    assert d.articles == () and "over the 50000-character limit" in d.rejected[0].reason

from __future__ import annotations

from pathlib import Path

from newsweave.config import Settings
from newsweave.extract.html import extract_html
from newsweave.ingest import read_sources
from newsweave.pipeline import extract_articles

PAGE = """<!doctype html><html><head><title>Ferry blamed for bridge cracks | Regional News</title>
<meta property="og:site_name" content="Regional News">
<meta property="article:published_time" content="2025-05-27T08:00:00Z"><meta name="author" content="Mira Holm">
</head><body><nav><a href="/">Home</a><a href="/sport">Sport</a></nav><article><h1>Ferry blamed for bridge cracks</h1>
<p>A structural survey of the Old Harbour Bridge has found that a ferry collision in January caused the cracks.</p>
<p>Mayor Elena Varga said repairs would start in June and the bridge should reopen to traffic in September.</p>
<p>The city transport office said about 45,000 vehicles used the bridge each day before it was closed.</p>
</article><footer>Copyright Regional News. All rights reserved.</footer></body></html>"""


def test_trafilatura_body_and_metadata() -> None:
    h = extract_html(PAGE, "https://example.org/news/bridge")
    assert "ferry collision in January" in h.text and "45,000 vehicles" in h.text
    assert "Home" not in h.text and "Copyright" not in h.text
    assert h.date == "2025-05-27"
    assert h.sitename == "Regional News"
    assert h.author == "Mira Holm"


def test_html_without_body_and_malformed_html_are_rejected_not_crashing(tmp_path: Path) -> None:
    (tmp_path / "nobody.html").write_text("<html><head><title>Only a title</title></head></html>", encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><div><p>Unclosed <b>tags <<<>>> &&& </div", encoding="utf-8")
    (tmp_path / "good.html").write_text(PAGE, encoding="utf-8")
    s = Settings()
    r = read_sources([str(tmp_path)], s)
    articles, rejects = extract_articles(r.docs, s)
    assert [Path(a.path).name for a in articles] == ["good.html"]
    why = {Path(x.path).name: x.reason for x in rejects}
    assert "no article body" in why["nobody.html"] and "no article body" in why["broken.html"]

"""A page in an unsupported language whose body extraction finds nothing is rejected for its language."""

from __future__ import annotations

from newsweave.config import Settings
from newsweave.pipeline import extract_articles
from newsweave.types import RawDoc

ZH = "北京市议会周一通过了一项新的道路维修预算。市长表示，这笔资金将用于修复学校和道路。反对派强烈批评了该计划。\n" * 3


def test_unsupported_language_is_the_reason_even_without_a_body() -> None:
    doc = RawDoc(id="z" * 16, origin="zh.txt", content=ZH, content_type="text")
    articles, rejects = extract_articles([doc], Settings(embedder="lexical"))
    assert articles == ()
    assert "language 'zh' is not supported" in rejects[0].reason


def test_with_all_languages_the_reason_names_the_language() -> None:
    doc = RawDoc(id="z" * 16, origin="zh.txt", content=ZH, content_type="text")
    _, rejects = extract_articles([doc], Settings(embedder="lexical", languages=()))
    assert "no article body found" in rejects[0].reason and "'zh'" in rejects[0].reason

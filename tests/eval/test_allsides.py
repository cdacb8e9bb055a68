from __future__ import annotations

from pathlib import Path

from evals.allsides import (
    RoundupItem,
    TitledText,
    load_items,
    median_budget,
    parse_part,
    parse_source_line,
    reference_sentences,
    score_item,
    source_documents,
)

# A made-up story in the lrc_roundup format (not from the data set).
LINE = (
    "TITLE=> Town council votes to repaint the old bridge. ARTICLE=> The council of Millbrook voted 5-2 on "
    "Tuesday to repaint the iron bridge. Work starts in May. [SEP] TITLE=> Bridge paint plan draws fire. "
    "ARTICLE=> Critics said the Millbrook plan costs too much.  Mr. Hale, a resident, disagreed. [SEP] "
    "TITLE=> Millbrook bridge gets new coat. ARTICLE=> The bridge will be green.\n"
)


def test_parse_source_line_splits_documents_and_markers() -> None:
    parts = parse_source_line(LINE)
    assert parts == [
        TitledText(
            "Town council votes to repaint the old bridge.",
            "The council of Millbrook voted 5-2 on Tuesday to repaint the iron bridge. Work starts in May.",
        ),
        TitledText(
            "Bridge paint plan draws fire.",
            "Critics said the Millbrook plan costs too much. Mr. Hale, a resident, disagreed.",
        ),
        TitledText("Millbrook bridge gets new coat.", "The bridge will be green."),
    ]


def test_source_documents_drop_titles_and_split_sentences() -> None:
    assert source_documents(LINE) == [
        ["The council of Millbrook voted 5-2 on Tuesday to repaint the iron bridge.", "Work starts in May."],
        ["Critics said the Millbrook plan costs too much.", "Mr. Hale, a resident, disagreed."],
        ["The bridge will be green."],
    ]


def test_parse_part_without_markers_and_empty_parts() -> None:
    assert parse_part("  just some text ") == TitledText("", "just some text")
    assert parse_source_line("TITLE=> A. ARTICLE=> B c. [SEP]  ") == [TitledText("A.", "B c.")]
    assert source_documents("TITLE=> Only a title. ARTICLE=> [SEP] TITLE=> T. ARTICLE=> Body here.") == [
        ["Body here."]
    ]


def test_reference_drops_title() -> None:
    ref = "TITLE=> Bridge To Be Repainted. ARTICLE=> Millbrook will repaint its bridge. Some object to the cost.\n"
    assert reference_sentences(ref) == ["Millbrook will repaint its bridge.", "Some object to the cost."]


def test_budget_cuts_the_summary_not_the_reference() -> None:
    ref = ["Millbrook will repaint its bridge.", "Some object to the cost."]
    full = score_item(["Millbrook will repaint its bridge.", "Some object to the cost."], ref, 100)
    assert full.r1.recall == 1.0
    cut = score_item(["Millbrook will repaint its bridge.", "Some object to the cost."], ref, 5)
    assert cut.r1.recall < 1.0 and cut.r1.precision == 1.0


def test_load_items_and_median_budget(tmp_path: Path) -> None:
    d = tmp_path / "lrc_roundup"
    d.mkdir()
    d.joinpath("test.source").write_text(LINE + LINE, encoding="utf-8")
    d.joinpath("test.target").write_text(
        "TITLE=> T. ARTICLE=> One two three.\nTITLE=> T. ARTICLE=> One two three four five.\n", encoding="utf-8"
    )
    items = load_items(tmp_path)
    assert [len(it.docs) for it in items] == [3, 3]
    assert items[1].reference == ("One two three four five.",)
    assert median_budget(items) == 4
    assert median_budget([RoundupItem(0, (), ("a b c",))]) == 3
    assert len(load_items(tmp_path, limit=1)) == 1

from __future__ import annotations

import pytest

from evals.cluster import sentences_of, wikiref_label
from evals.cluster_metrics import ari, bcubed


def test_bcubed_hand_computed() -> None:
    # items 0..4; pred {0,1,2} {3,4}; gold {0,1} {2,3,4}
    # P = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15 ; R = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
    b = bcubed([0, 0, 0, 1, 1], ["a", "a", "b", "b", "b"])
    assert b.precision == pytest.approx(11 / 15)
    assert b.recall == pytest.approx(11 / 15)
    assert b.f1 == pytest.approx(11 / 15)


def test_bcubed_singletons_and_one_cluster() -> None:
    b = bcubed([0, 1, 2, 3], ["g"] * 4)
    assert (b.precision, b.recall) == (1.0, 0.25)
    assert b.f1 == pytest.approx(0.4)
    b = bcubed([0, 0, 0, 0], ["a", "a", "b", "b"])
    assert (b.precision, b.recall) == (0.5, 1.0)


def test_bcubed_perfect_and_label_names_do_not_matter() -> None:
    assert bcubed(["x", "x", "y"], [7, 7, 9]).f1 == 1.0
    with pytest.raises(ValueError):
        bcubed([1], [1, 2])


def test_ari() -> None:
    assert ari([0, 0, 1, 1], ["a", "a", "b", "b"]) == 1.0
    assert ari([0, 1, 0, 1], ["a", "a", "b", "b"]) < 0.0


def test_wikiref_labels() -> None:
    assert wikiref_label("barack.obama.3.txt") == "barack.obama"
    assert wikiref_label("ParisAttacks2015 (12).txt") == "ParisAttacks2015"
    assert wikiref_label("NBA.draft.2.txt") == "NBA.draft"


def test_sentence_offsets_view_the_text() -> None:
    text = "First one here. Second one.\nThird line"
    spans = sentences_of(text)
    assert [text[s.start : s.end] for s in spans] == ["First one here.", "Second one.", "Third line"]


def test_upsert_subsection_replaces_in_place_and_keeps_neighbours(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from evals.cluster import upsert_subsection

    path = tmp_path / "RESULTS.md"
    path.write_text(
        "# R\n\n## cluster\n\npre\n\n### a\n\nold a\n\n### notes\n\nkeep me\n\n## other\n\nx\n",
        encoding="utf-8",
    )
    upsert_subsection(path, "cluster", "a", "### a\n\nnew a", "pre")
    upsert_subsection(path, "cluster", "b", "### b\n\nnew b", "pre")
    text = path.read_text(encoding="utf-8")
    assert "old a" not in text
    assert "### a\n\nnew a\n\n### notes\n\nkeep me\n\n" in text
    assert "### b\n\nnew b\n\n## other\n\nx\n" in text

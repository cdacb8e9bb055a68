from __future__ import annotations

import pytest

from evals.rouge import (
    Counts,
    average,
    perl_split_ws,
    prepare,
    rouge,
    rouge_l_counts,
    rouge_n_counts,
    tokenize,
    truncate_lines,
)


def test_tokenize_like_rouge155() -> None:
    assert tokenize("Post-election TALKS, $5 million!", stem=False) == [
        "post",
        "election",
        "talks",
        "5",
        "million",
    ]
    # Stemming only for tokens longer than three characters; WordNet exceptions first when available.
    assert tokenize("cats ran running", stem=True)[0] == "cat"
    assert tokenize("cats ran running", stem=True)[1] == "ran"
    assert tokenize("running", stem=True) == ["run"]


def test_perl_split_and_truncate() -> None:
    assert perl_split_ws(" a b  ") == ["", "a", "b"]
    assert truncate_lines(["A b c.", "D e f g."], 5) == ["a b c.", "d e"]
    assert truncate_lines(["A b c.", "", "D e."], 0) == ["a b c.", "d e."]
    assert truncate_lines(["A b c."], 3) == ["a b c."]


def test_rouge1_single_reference_hand_computed() -> None:
    # peer: the cat sat on the mat (6); model: the cat lay on the mat today (7)
    # matches: the x2, cat, on, mat = 5 -> R = 5/7, P = 5/6
    r = rouge(["The cat sat on the mat."], [["The cat lay on the mat today."]], stem=False)
    assert r.r1.recall == pytest.approx(5 / 7)
    assert r.r1.precision == pytest.approx(5 / 6)
    assert r.r1.f == pytest.approx(2 * (5 / 7) * (5 / 6) / (5 / 7 + 5 / 6))
    # bigrams: peer {the cat, cat sat, sat on, on the, the mat}; model has the cat, on the, the mat (of 6)
    assert r.r2.recall == pytest.approx(3 / 6)
    assert r.r2.precision == pytest.approx(3 / 5)
    # LCS: the cat on the mat = 5
    assert r.rl.recall == pytest.approx(5 / 7)
    assert r.rl.precision == pytest.approx(5 / 6)


def test_clipping() -> None:
    c = rouge_n_counts(prepare(["the the the the"], stem=False), [prepare(["the cat"], stem=False)], 1)
    assert c == Counts(hits=1, model_total=2, peer_total=4)


def test_multi_reference_pools_counts() -> None:
    # -f A: R = sum hits / sum model counts; P = sum hits / (n_refs * |peer|)
    peer = ["a b c d"]
    refs = [["a b x"], ["y z c d e"]]
    r = rouge(peer, refs, stem=False)
    assert r.r1.recall == pytest.approx((2 + 2) / (3 + 5))
    assert r.r1.precision == pytest.approx((2 + 2) / (2 * 4))
    # bigrams: ref1 {a b, b x} hits a b; ref2 {y z, z c, c d, d e} hits c d
    assert r.r2.recall == pytest.approx(2 / 6)
    assert r.r2.precision == pytest.approx(2 / 6)


def test_rouge_l_union_lcs_over_sentences() -> None:
    # model sentence w1..w5; peer sentences cover w1 w2 and w3 w5 -> union LCS 4 of 5
    peer = prepare(["w1 w2 x", "w3 y w5"], stem=False)
    model = prepare(["w1 w2 w3 w4 w5"], stem=False)
    c = rouge_l_counts(peer, [model])
    assert c == Counts(hits=4, model_total=5, peer_total=6)


def test_length_limit_applies_to_peer_and_models() -> None:
    r = rouge(["a b c d e f"], [["a b c z z z"]], length_limit=3, stem=False)
    assert r.r1.recall == pytest.approx(1.0)
    assert r.r1.precision == pytest.approx(1.0)


def test_average_is_mean_of_scores() -> None:
    a = rouge(["a b"], [["a b"]], stem=False)
    b = rouge(["a b"], [["c d"]], stem=False)
    assert average([a, b]).r1.recall == pytest.approx(0.5)
    assert average([]).r1.recall == 0.0


def test_empty_peer() -> None:
    r = rouge([], [["a b"]])
    assert r.r1.recall == 0.0 and r.r1.f == 0.0

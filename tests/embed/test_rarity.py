"""The clustering's fixed IDF: wordfreq's English table read from its file is wordfreq's own table."""

from __future__ import annotations

import sys

import pytest

from newsweave.embed import rarity


def test_english_table_read_directly_equals_wordfreqs() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    direct = rarity.read_english()
    assert direct is not None
    assert direct == wordfreq.get_frequency_dict("en")


def test_weights_run_from_rare_to_common() -> None:
    assert 1.0 <= rarity.weight("the") < 1.5
    assert 1.0 < rarity.weight("parliament") < rarity.weight("lavrov") <= rarity.MAX_WEIGHT
    assert rarity.weight("qzxqzxunseenword") == rarity.MAX_WEIGHT


def test_another_language_still_uses_wordfreq() -> None:
    assert rarity.weight("der", "de") < 2.0  # German's table: "der" is common there, not in English
    assert "wordfreq" in sys.modules

"""The clustering's fixed IDF: wordfreq's English table read from its file is wordfreq's own table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_english_needs_no_wordfreq_import_and_another_language_uses_it() -> None:
    code = (
        "import sys\n"
        "from newsweave.embed import rarity\n"
        "assert rarity.weight('the') < 1.5\n"
        "assert 'wordfreq' not in sys.modules and 'langcodes' not in sys.modules\n"
        "assert rarity.weight('der', 'de') < 2.0\n"  # German's table: common there, not in English
        "assert 'wordfreq' in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]


def test_a_damaged_table_file_falls_back_to_wordfreq(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "large_en.msgpack.gz"
    bad.write_bytes(b"not a gzip file")
    monkeypatch.setattr(rarity, "_english_file", lambda: bad)
    assert rarity.read_english() is None

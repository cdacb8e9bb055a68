"""Issue 17, defect 11: silent mis-decoding. Windows-1252 came out as cp775 in 16 of 100 files ("We’re" ->
"WeÆre", "€" -> "Ć"), English in Shift-JIS garbled in 9 of 30, a file of UTF-8 lines and one Windows-1252 line
garbled its UTF-8 lines too, a NUL past the first 8 KiB stayed in the text, and files of nothing but Unicode
spaces were "exact duplicate"s of each other instead of empty.

The files come from a small seeded generator over sentences written for this test (``corpus``)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.ingest import decode_bytes, read_sources

WESTERN = (
    "We’re told the council will meet again on Friday.",
    "The new ticket costs €12 — about £10 at today’s rate.",
    "“It’s a difficult decision,” the mayor said after the vote.",
    "José Müller opened a small café near the station in Zürich.",
    "The river rose by two metres… and residents waited on the roofs.",
    "Officials said they’d review the plan before the winter.",
    "Señora Peña’s bakery — the oldest in town — closed in March.",
    "The façade of the Théâtre was repaired for €3.4 million.",
    "‘Not again,’ said one driver, as the bridge closed for a third day.",
    "Temperatures reached 31°C in Málaga and 29°C in Lisbon.",
    "The Brontë museum reopened; visitors paid £8 • children entered free.",
    "Crews worked through the night © the town’s own fire brigade.",
    "Björn Øster said the ferry’s timetable would change in Göteborg.",
    "A naïve question, the minister said, but “a fair one”.",
)
JAPANESE_ENGLISH = (
    "We’re told the council will meet again on Friday.",
    "“It’s a difficult decision,” the mayor said after the vote.",
    "The delegation visited Tokyo (東京) on Monday.",
    "Residents call the summer festival 「祭り」 every year.",
    "The company, known as ソニー in Japan, reported higher profits.",
    "Section §4 of the treaty applies, officials said.",
    "Temperatures reached 31°C in Osaka (大阪).",
    "He wrote ‘yes’ on the form and left.",
    "The meeting ended at noon.",
    "Rain fell all day across the region.",
    "Prices rose ±5% in the quarter, the ministry said.",
    "The word ありがとう was on every poster.",
)
OTHER_SCRIPTS = (
    ("cp1251", "Наводнение затронуло северную долину во вторник, жители покинули свои дома."),
    ("cp1253", "Οι πλημμύρες έπληξαν την κοιλάδα την Τρίτη και οι κάτοικοι έφυγαν."),
    ("gb18030", "星期二洪水淹没了北部山谷，数千名居民被迫离开家园。"),
    ("euc_kr", "화요일 홍수로 북부 계곡의 주민 수천 명이 집을 떠났다."),
    ("cp1250", "Powódź dotknęła północną dolinę we wtorek; mieszkańcy opuścili domy."),
)


def corpus(sentences: tuple[str, ...], n: int, seed: int) -> list[str]:
    """``n`` texts of 1-6 sentences drawn (seeded) from ``sentences``, in 1-3 paragraphs."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        picked = [rng.choice(sentences) for _ in range(rng.randint(1, 6))]
        cut = sorted(rng.sample(range(1, len(picked) + 1), min(len(picked), rng.randint(1, 3))))
        paragraphs, start = [], 0
        for end in cut:
            paragraphs.append(" ".join(picked[start:end]))
            start = end
        texts.append("\n\n".join(p for p in paragraphs if p) + "\n")
    return texts


def test_windows_1252_files_decode_as_written() -> None:
    texts = corpus(WESTERN, 100, seed=17)  # charset-normalizer alone: 44 of 100 wrong
    wrong = [(t, decode_bytes(t.encode("cp1252"))) for t in texts if decode_bytes(t.encode("cp1252"))[0] != t]
    assert not wrong, f"{len(wrong)} of 100 mis-decoded, e.g. {wrong[0]}"


def test_shift_jis_english_decodes_as_written() -> None:
    texts = corpus(JAPANESE_ENGLISH, 30, seed=4)  # charset-normalizer alone: 5 of 30 wrong
    wrong = [(t, decode_bytes(t.encode("shift_jis"))) for t in texts if decode_bytes(t.encode("shift_jis"))[0] != t]
    assert not wrong, f"{len(wrong)} of 30 mis-decoded, e.g. {wrong[0]}"


@pytest.mark.parametrize(("codec", "sentence"), OTHER_SCRIPTS)
def test_other_legacy_encodings_still_decode(codec: str, sentence: str) -> None:
    text = f"{sentence}\n\n{sentence}\n"
    assert decode_bytes(text.encode(codec))[0] == text


def test_mixed_file_keeps_its_utf8_lines_and_decodes_the_others() -> None:
    rng = random.Random(5)
    for _ in range(20):
        lines = [rng.choice(WESTERN) for _ in range(rng.randint(3, 8))]
        legacy = set(rng.sample(range(len(lines)), rng.randint(1, len(lines) - 1)))
        data = b"".join(line.encode("cp1252" if i in legacy else "utf-8") + b"\n" for i, line in enumerate(lines))
        if all(line.isascii() for i, line in enumerate(lines) if i not in legacy):
            continue  # no UTF-8 line to keep: an ordinary Windows-1252 file
        text, encoding = decode_bytes(data)
        assert text.splitlines() == lines and encoding == "utf-8+cp1252", (lines, legacy, text)


def test_control_characters_are_removed_everywhere(tmp_path: Path) -> None:
    body = " ".join(corpus(WESTERN, 60, seed=3))
    assert len(body.encode()) > 9000
    nul_late = body[:8500] + "\x00\x01" + body[8500:] + "\x1b[0m\x7f"
    text, _ = decode_bytes(nul_late.encode("utf-8"))
    assert not any(c in text for c in "\x00\x01\x1b\x7f") and "[0m" in text
    text, _ = decode_bytes(nul_late.encode("cp1252"))
    assert "\x00" not in text and text.startswith(body[:200])
    (tmp_path / "late_nul.txt").write_bytes(nul_late.encode("utf-8"))
    (doc,) = read_sources([str(tmp_path)], Settings()).docs
    assert "\x00" not in doc.content and "\x7f" not in doc.content


def test_unicode_space_files_are_empty_not_duplicates(tmp_path: Path) -> None:
    blanks = ["\u3000\u3000\n", "\u2003 \u00a0\n\u2009", "\u202f\u200b\ufeff\n", "\u205f\u2028\u1680"]
    for i, blank in enumerate(blanks):
        (tmp_path / f"blank{i}.txt").write_text(blank, encoding="utf-8")
    (tmp_path / "nul_only.txt").write_bytes(b"\n" * 9000 + b"\x00\x00")
    result = read_sources([str(tmp_path)], Settings())
    assert not result.docs
    assert sorted(r.reason for r in result.rejected) == ["empty file"] * (len(blanks) + 1), result.rejected

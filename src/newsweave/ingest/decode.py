"""Bytes to text: a byte-order mark, else strict UTF-8, else the most plausible legacy encoding.

charset-normalizer alone guessed wrong where a file has few non-ASCII bytes: Windows-1252 text came out as cp775
or a Mac codepage ("We’re" -> "WeÆre", "€" -> "Ć"), English in Shift-JIS as Mac Icelandic, and a file with one
Windows-1252 line garbled its UTF-8 lines too. So:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. strict UTF-8 for the whole file;
3. a file whose lines are partly UTF-8 and partly not is decoded line by line: UTF-8 where a line is valid UTF-8,
   the legacy encoding of the other lines (step 4) elsewhere;
4. otherwise the candidates Windows-1252, charset-normalizer's best guess and cp932 (Shift-JIS) are decoded
   strictly and each result is scored for what does not belong in text of its script (``_penalty``): the least
   implausible wins, Windows-1252 on a tie, and a rare DOS/Mac codepage guess has to beat it clearly.

Control characters (C0 but tab and line ends, DEL, C1; NUL included) are removed from the whole text
(``textutil.clean_chars``), not only looked for in the first 8 KiB, and a text of nothing but (Unicode) spaces is an
empty file, not a document.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newsweave.errors import InputError
from newsweave.textutil import clean_chars

SNIFF_BYTES = 8192
"""How much of a file is looked at to call it binary (NUL bytes, control bytes)."""

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u180e"
"""Zero-width characters that ``str.split`` does not count as space."""

# What Windows-1252 text holds besides ASCII: Latin-1 letters, Œ/œ, and the punctuation of typeset text.
_W_LETTERS = frozenset(chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)) | frozenset("Œœ")
_W_PUNCT = frozenset("’‘“”–—…•€£¢¥°©®™«»§¶·¿¡½¼¾±×÷²³¹µºª†‡´\u00a0\u00ad¬")
_W_IN_WORD = frozenset("’‘–—·´\u00ad")
"""Marks that do stand between two letters (an apostrophe, a dash); any other symbol there is a mis-decoding."""
_W_QUOTES = frozenset("’‘“”–—…•€")
_CJK_CODECS = frozenset({
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
    "iso2022_jp", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "euc_kr", "cp949", "johab",
    "iso2022_kr",
})
_RARE_PREFIXES = ("cp4", "cp7", "cp8", "mac", "cp037", "cp273", "cp500", "cp1006", "cp1026", "cp1125", "cp1140",
                  "hp_roman8", "kz1048", "ptcp154", "tis_620")
"""Codepages (DOS, EBCDIC, Mac, ...) that charset-normalizer picks for short Windows-1252 text by accident."""
RARE_CODEPAGE_PENALTY = 2
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def is_blank(text: str) -> bool:
    """Whether ``text`` is nothing but whitespace (Unicode spaces included) and zero-width characters."""
    return not "".join(text.split()).strip(_INVISIBLE)


def _binary_share(data: bytes) -> float:
    sample = data[:SNIFF_BYTES]
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def _decode_with_bom(data: bytes) -> tuple[str, str] | None:
    """Text of data that starts with a Unicode byte-order mark (the mark removed), else None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            if "\x00" in text:
                raise InputError("binary file after decoding; expected text")
            return text, codec + ("-sig" if codec == "utf-8" else "")
    return None


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF
            or 0xF900 <= o <= 0xFAFF)


def _cjk_typical(ch: str) -> bool:
    o = ord(ch)
    return (_is_cjk(ch) or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60 or 0x2000 <= o <= 0x206F
            or 0x2100 <= o <= 0x25FF or 0x3130 <= o <= 0x318F or ch in "°§±×÷¶´¨¥")


def _broken(ch: str) -> bool:
    """A character no text holds on purpose: C1 controls, private use, the replacement character, unassigned."""
    o = ord(ch)
    return 0x80 <= o <= 0x9F or 0xE000 <= o <= 0xF8FF or ch == "\ufffd"


_EUC_CORE = frozenset({"cp949", "johab", "gbk", "gb18030"})
"""CJK codecs whose common characters (KS X 1001, GB 2312) are the two-byte codes with both bytes >= 0xA1; the
others (UHC, GBK extensions) are rare in real text and frequent when other bytes are read in these codecs."""


def _rare(ch: str, codec: str) -> bool:
    if codec not in _EUC_CORE:
        return False
    code = ch.encode("cp949" if codec == "johab" else codec)
    return len(code) != 2 or min(code) < 0xA1


def _penalty(text: str, codec: str) -> int:
    """How implausible ``text`` is as a decoding by ``codec``: points for characters that do not belong to its
    script or stand where that script never puts them. 0 for clean text."""
    points = 0
    n = len(text)
    cjk = codec in _CJK_CODECS
    western = codec == "cp1252"
    for m in _NON_ASCII.finditer(text):
        i, ch = m.start(), m.group()
        if _broken(ch):
            points += 10
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        between_letters = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
        if western:
            if ch not in _W_LETTERS and ch not in _W_PUNCT:
                points += 3  # ‚ ƒ „ ˆ ‰ Š ‹ Ž ˜ š › ž Ÿ ¤ ¦ ¨ ¯ ¸: the marks of a multi-byte text read byte by byte
            elif ch in _W_PUNCT and ch not in _W_IN_WORD and between_letters:
                points += 2  # "Za¿ó³æ", not "We’re"
            elif ch in _W_QUOTES and after in _W_LETTERS:
                points += 1  # "“ú": a quote glued to an accented letter
        elif cjk:
            if not _cjk_typical(ch):
                points += 3
            elif _is_cjk(ch) and between_letters:
                points += 3  # "We狽e": one ideograph inside an English word is an apostrophe read as Shift-JIS
            elif _is_cjk(ch) and _rare(ch, codec):
                points += 2  # "걏띟": Shift-JIS bytes read as Korean give syllables outside the common set
            elif 0xFF61 <= ord(ch) <= 0xFF9F:
                points += 1  # half-width katakana: rare in text, common in bytes read as Shift-JIS
    if western:  # whole words of accented letters: Cyrillic or Greek bytes read as Windows-1252
        for word in _WORD.findall(text):
            accented = sum(1 for c in word if not c.isascii())
            if accented >= 3 and 2 * accented > len(word):
                points += 3
    if codec.startswith(_RARE_PREFIXES):
        points += RARE_CODEPAGE_PENALTY
    return points


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        return encoding


def _legacy(data: bytes) -> tuple[str, str]:
    """(text, encoding) of bytes that are not UTF-8: the least implausible of the candidates (module doc)."""
    best = from_bytes(data).best()
    guess = _codec_name(best.encoding) if best is not None and best.encoding else None
    candidates = dict.fromkeys(c for c in ("cp1252", guess, "cp932") if c)
    scored: list[tuple[int, int, str, str]] = []
    for rank, codec in enumerate(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_penalty(text, codec), rank, codec, text))
    if scored:
        _, _, codec, text = min(scored)
        return text, codec
    if best is None or guess is None:
        raise InputError("could not detect the text encoding (not UTF-8 and no plausible charset)")
    return str(best), guess


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Lines that are valid UTF-8 (with non-ASCII characters) beside lines that are not: each UTF-8 line as
    UTF-8, the others in the legacy encoding found for them together. None when the file is not mixed."""
    lines = data.splitlines(keepends=True)  # bytes split at LF, CR and CRLF only
    utf8: dict[int, str] = {}
    other: list[int] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            utf8[i] = line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(i)
    if not utf8 or not other:
        return None
    _, codec = _legacy(b"".join(lines[i] for i in other))
    others = set(other)
    text = "".join(
        utf8[i] if i in utf8 else line.decode(codec, errors="replace") if i in others else line.decode("ascii")
        for i, line in enumerate(lines)
    )
    return text, f"utf-8+{codec}"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes to text (control characters removed). Returns (text, encoding); ``encoding`` is
    ``utf-8+CODEC`` for a file of UTF-8 and CODEC lines. Raises InputError for binary, undecodable or empty data
    (nothing but whitespace, Unicode spaces included)."""
    with_bom = _decode_with_bom(data)
    if with_bom is not None:
        text, encoding = with_bom
    elif b"\x00" in data[:SNIFF_BYTES]:
        raise InputError("binary file (contains NUL bytes); expected text, HTML or JSONL")
    elif _binary_share(data) > 0.05:
        raise InputError("binary file (too many control bytes); expected text, HTML or JSONL")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_mixed(data) or _legacy(data)
    text = clean_chars(text)
    if is_blank(text):
        raise InputError("empty file")
    return text, encoding

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.ingest import decode_bytes, read_sources

TEXT = (
    "City engineers closed the Old Harbour Bridge on Thursday after inspectors found cracks in two beams.\n\n"
    "The mayor, Zoë Müller, said the café by the bridge would stay shut until a survey is finished.\n"
)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_decoded(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(codec) + data
    decoded, _enc = decode_bytes(data)
    assert decoded == TEXT


def test_utf16_file_is_read_not_rejected_as_binary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT.encode("utf-16"))
    r = read_sources([str(tmp_path)], Settings())
    assert r.rejected == ()
    assert r.docs[0].content == TEXT

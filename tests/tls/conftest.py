"""Invented articles about an invented story (a harbour bridge closure in a made-up town), as JSONL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLES = [
    {"id": "a1", "outlet": "Valley Courier", "published": "2021-03-05", "title": "Bridge shut after cracks found",
     "text": "Engineers closed the Harlow Bay bridge on March 3 after inspectors found cracks in two support "
             "beams. The county said traffic would be diverted through the old ferry road for several weeks. "
             "Residents queued for hours at the ferry terminal on the first morning of the diversion. "
             "A public hearing on the repairs will be held on March 12 at the town hall."},
    {"id": "a2", "outlet": "Coastline Herald", "published": "2021-03-05", "title": "Harlow Bay bridge closed",
     "text": "The Harlow Bay bridge was closed on March 3 when inspectors found cracks in two support beams. "
             "Shop owners near the bridge said their takings had fallen by half since the closure. "
             "The mayor, Ines Okafor, promised that the county would publish the inspection report in full. "
             "Commuters described long delays on the ferry road that now carries the diverted traffic."},
    {"id": "a3", "outlet": "Valley Courier", "published": "2021-03-13", "title": "Hearing on bridge repairs",
     "text": "Hundreds of residents packed the town hall on Friday for a hearing on repairs to the Harlow Bay "
             "bridge. County engineers told the hearing that replacing the two cracked support beams would cost "
             "four million dollars. Several speakers demanded a temporary footbridge for schoolchildren who now "
             "face a long detour. The council voted to fund a footbridge by the end of the month."},
    {"id": "a4", "outlet": "Coastline Herald", "published": "2021-03-13", "title": "Council backs footbridge",
     "text": "The county council voted on Friday to build a temporary footbridge beside the closed Harlow Bay "
             "bridge. The vote followed a crowded hearing at which engineers put the cost of new support beams "
             "at four million dollars. Parents at the hearing said the detour had doubled the school run for "
             "their children. Work on the footbridge is expected to begin next week."},
]


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def bridge_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "bridge.jsonl", ARTICLES)

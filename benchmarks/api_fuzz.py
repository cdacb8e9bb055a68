"""API fuzz, full run: schemathesis over the API's OpenAPI document (``tests/reliability/apifuzz.py``), N cases per
operation and mode (fitting the schema and not), with the write token and without, against an app on a temp store
that first gets a few real articles; prints a Markdown table of requests, status codes, 5xx and errors outside the
one error shape.

    python benchmarks/api_fuzz.py --examples 100
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests/reliability/apifuzz.py (not part of the installed package)
from fastapi.testclient import TestClient  # noqa: E402

from newsweave.serve import ApiSettings, create_app  # noqa: E402
from tests.reliability.apifuzz import Tally, fuzz  # noqa: E402

TOKEN = "fuzz-token"
SEED_ARTICLES = [
    {"text": ("Flood waters rose across the northern valley on Tuesday, forcing thousands of residents to leave. "
              "Officials said the river reached its highest level in forty years and more rain was expected. "
              f"Emergency crews evacuated {n} hospitals and set up shelters in schools across the region."),
     "outlet": outlet, "published": "2021-03-02"}
    for n, outlet in ((2, "Valley Post"), (3, "Coast Herald"), (4, "Daily Ledger"))
]


def _row(name: str, t: Tally, seconds: float) -> str:
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(t.by_status.items()))
    return (f"| {name} | {len(t.by_operation)} | {t.requests} | {statuses} | {len(t.server_errors)} | "
            f"{len(t.bad_errors)} | {seconds:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=100, help="cases per operation and generation mode")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nw-apifuzz-") as tmp:
        settings = ApiSettings(db_path=Path(tmp) / "nw.db", embedder="lexical", token=TOKEN)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        with TestClient(create_app(settings)) as client:  # some stories in the store (an app of its own: an
            # app's lifespan runs once, its store thread is shut down after it)
            assert client.post("/articles", json={"articles": SEED_ARTICLES}, headers=auth).status_code == 201
        app = create_app(settings)
        rows = []
        problems: list[str] = []
        for name, headers in (("with the write token", auth), ("without a token", None)):
            t0 = time.perf_counter()
            tally = fuzz(app, args.examples, headers=headers)
            rows.append(_row(name, tally, time.perf_counter() - t0))
            problems += tally.problems
    print(f"schemathesis, {args.examples} cases per operation and mode (positive, negative), derandomized\n")
    print("| run | operations x modes | requests | status codes | 5xx | errors outside the error shape | seconds |")
    print("|---|---:|---:|---|---:|---:|---:|")
    print("\n".join(rows))
    for p in problems[:30]:
        print("-", p)


if __name__ == "__main__":
    main()

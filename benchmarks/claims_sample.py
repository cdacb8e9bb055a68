"""The number claims a digest calls ``differ`` or ``sources_differ``, written out for blind judging.

The sample of the precision figure in RESULTS.md ("claims: precision of differ"): the digest with analysis of
the 500 DUC 2004 documents (one run), the first 150 items of the AllSides ``val`` split (one digest per item,
its three texts with outlet hints "Outlet A/B/C") and the seeds. Each group is written with its figures and the
sentences they come from, shuffled (seed 0), and without the verdict, so that a judge reads only the text:
correct = every figure measures one quantity of one event and the reports really differ.

    python benchmarks/claims_sample.py --data ../shared/data --out /tmp/claims.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsweave.config import Settings
from newsweave.embed import get_embedder
from newsweave.ingest import read_sources
from newsweave.ingest.read import doc_id
from newsweave.pipeline import digest
from newsweave.types import Digest, RawDoc

DIFFER = ("differ", "sources_differ")


def differing_groups(result: Digest, origin: str) -> Iterator[dict[str, object]]:
    """Each number claim of ``result`` judged to differ, as the judge sees it (figures and their sentences)."""
    by_id = {a.id: a for a in result.articles}
    for report in result.stories:
        for claim in report.claims:
            if claim.kind != "number" or claim.verdict not in DIFFER:
                continue
            figures = [{"figure": v.text, "outlet": v.outlet,
                        "sentence": by_id[v.article_id].text[v.citation.start : v.citation.end]}
                       for v in claim.values]
            yield {"origin": origin, "measure": claim.subject, "verdict": claim.verdict, "figures": figures}


def _allsides_docs(line: str) -> list[RawDoc]:
    from evals.allsides import source_texts

    docs = []
    for k, text in enumerate(source_texts(line)):
        docs.append(RawDoc(doc_id(text), f"allsides:{k}", text, "text", outlet_hint=f"Outlet {'ABC'[k % 3]}"))
    return docs


def collect(data: Path, allsides_items: int) -> list[dict[str, object]]:
    settings = Settings()
    embedder = get_embedder(settings.embedder)
    groups: list[dict[str, object]] = []
    for name, paths in (("duc2004", [data / "duc2004" / "docs"]), ("seeds", [data.parent / "seeds"])):
        src = read_sources([str(p) for p in paths], settings)
        groups += differing_groups(digest(src.docs, settings, embedder=embedder, rejected=src.rejected), name)
        print(f"{name}: {len(groups)} groups so far", file=sys.stderr)
    lines = (data / "neus-allsides" / "lrc_roundup" / "val.source").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines[:allsides_items]):
        docs = _allsides_docs(line)
        if docs:
            groups += differing_groups(digest(docs, settings, embedder=embedder), f"allsides-val:{i}")
    print(f"all: {len(groups)} groups", file=sys.stderr)
    return groups


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--allsides-items", type=int, default=150)
    ap.add_argument("--out", type=Path, required=True, help="JSONL with the verdicts (for counting)")
    ap.add_argument("--blind", type=Path, help="also write the shuffled groups without verdicts here")
    args = ap.parse_args(argv)
    groups = collect(args.data, args.allsides_items)
    args.out.write_text("".join(json.dumps(g) + "\n" for g in groups), encoding="utf-8")
    if args.blind:
        rng = random.Random(0)
        blind: list[dict[str, object]] = []
        for g in groups:
            figures = list(g["figures"])  # type: ignore[call-overload]
            blind.append({"figures": rng.sample(figures, len(figures))})
        rng.shuffle(blind)
        args.blind.write_text("".join(json.dumps(b) + "\n" for b in blind), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

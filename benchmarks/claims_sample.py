"""The number claims a digest calls ``differ`` or ``sources_differ``, written out for blind judging.

The sample of the precision figure in RESULTS.md ("claims: precision of differ"): the digest with analysis of
the 500 DUC 2004 documents (one run), the first 150 items of the AllSides ``val`` split (one digest per item,
its three texts with outlet hints "Outlet A/B/C") and the seeds; with ``--t17 TOPIC ...`` instead (a sample drawn
after the claims rules were written, so held out from them), one digest of those Timeline17 folders' articles
together, each with its outlet (the folder's suffix) and publication date as a reader's JSONL would give them
(``--t17 H1N1_bbc H1N1_guardian H1N1_reuters``). Each group is written with its figures and the
sentences they come from, shuffled (seed 0), and without the verdict, so that a judge reads only the text:
correct = every figure measures one quantity of one event and the reports really differ.

    python benchmarks/claims_sample.py --data ../shared/data --out /tmp/claims.jsonl
    python benchmarks/claims_sample.py --data ../shared/data --t17 H1N1_bbc H1N1_reuters --out /tmp/h1n1.jsonl
    python benchmarks/claims_sample.py --data ../shared/data --allsides-only --allsides-from 150 --allsides-items 157 \
        --out /tmp/val150.jsonl
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


def collect(data: Path, allsides_items: int, allsides_from: int = 0, with_duc: bool = True,
            split: str = "val") -> list[dict[str, object]]:
    """The default sample: the DUC 2004 digest and the seeds (unless ``with_duc`` is false), then AllSides ``split``
    items ``allsides_from`` to ``allsides_from + allsides_items``, one digest each."""
    settings = Settings()
    embedder = get_embedder(settings.embedder)
    groups: list[dict[str, object]] = []
    for name, paths in (("duc2004", [data / "duc2004" / "docs"]), ("seeds", [data.parent / "seeds"])):
        if not with_duc:
            break
        src = read_sources([str(p) for p in paths], settings)
        groups += differing_groups(digest(src.docs, settings, embedder=embedder, rejected=src.rejected), name)
        print(f"{name}: {len(groups)} groups so far", file=sys.stderr)
    lines = (data / "neus-allsides" / "lrc_roundup" / f"{split}.source").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines[allsides_from : allsides_from + allsides_items], allsides_from):
        docs = _allsides_docs(line)
        if docs:
            groups += differing_groups(digest(docs, settings, embedder=embedder), f"allsides-{split}:{i}")
        if i % 100 == 0:
            print(f"allsides-{split}:{i}: {len(groups)} groups so far", file=sys.stderr)
    print(f"all: {len(groups)} groups", file=sys.stderr)
    return groups


OUTLETS = {"bbc": "BBC", "cnn": "CNN", "foxnews": "Fox News", "guardian": "The Guardian", "reuters": "Reuters",
           "washingtonpost": "The Washington Post"}
"""Timeline17's folder suffixes as outlet names."""


def t17_docs(data: Path, topics: Sequence[str]) -> list[RawDoc]:
    """The articles of the Timeline17 ``topics`` (folder names), each with its outlet and publication date."""
    docs: dict[str, RawDoc] = {}
    for topic in topics:
        outlet = OUTLETS.get(topic.rsplit("_", 1)[-1], topic)
        path = data / "t17" / topic / "articles.jsonl"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            text = str(row.get("text") or "")
            if text.strip():
                docs.setdefault(doc_id(text), RawDoc(doc_id(text), f"{path}:{n}", text, "text", outlet_hint=outlet,
                                                     published_hint=row.get("published")))
    return list(docs.values())


def collect_t17(data: Path, topics: Sequence[str]) -> list[dict[str, object]]:
    settings = Settings()
    result = digest(t17_docs(data, topics), settings, embedder=get_embedder(settings.embedder))
    groups = list(differing_groups(result, "t17:" + "+".join(topics)))
    print(f"t17: {len(groups)} groups", file=sys.stderr)
    return groups


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--allsides-items", type=int, default=150)
    ap.add_argument("--allsides-from", type=int, default=0, help="first AllSides item of --allsides-split to digest")
    ap.add_argument("--allsides-only", action="store_true", help="only the AllSides items (no DUC, no seeds)")
    ap.add_argument("--allsides-split", default="val", choices=("train", "val", "test"),
                    help="the lrc_roundup split to read (train: 2,452 items no claims rule was read off)")
    ap.add_argument("--t17", nargs="+", metavar="TOPIC", help="Timeline17 folders instead of the default sample")
    ap.add_argument("--out", type=Path, required=True, help="JSONL with the verdicts (for counting)")
    ap.add_argument("--blind", type=Path, help="also write the shuffled groups without verdicts here")
    args = ap.parse_args(argv)
    groups = (collect_t17(args.data, args.t17) if args.t17
              else collect(args.data, args.allsides_items, args.allsides_from, not args.allsides_only,
                           args.allsides_split))
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

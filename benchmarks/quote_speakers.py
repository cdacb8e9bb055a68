"""Quote attribution judged blind: who said each quote of a digest, against what a judge reads in the text.

Two steps (RESULTS.md, "quote attribution (blind judged)"):

    python benchmarks/quote_speakers.py sample --digest D.json --out S.jsonl --n 90 --seed 11
    python benchmarks/quote_speakers.py sample --digest D.json --against OLD.json --skip S.jsonl --out H.jsonl --n 80
    (a judge reads S.jsonl's quote, the sentence and those before it, and writes id<TAB>speaker|UNCLEAR|NONE|DOCUMENT:x)
    python benchmarks/quote_speakers.py keys --judged J.tsv --keys S.keys.tsv --labels L.tsv --sample NAME
    python benchmarks/quote_speakers.py score --digest D.json --labels benchmarks/quote_speakers_judged.tsv

``D.json`` is a digest (`newsweave digest ../shared/data/duc2004/docs -f json`). ``--against`` samples only the quotes
whose speaker differs between two digests (the quotes a change moved: the others are right or wrong alike in
both). ``sample`` writes the judge's file (``id``, quote, context; no speaker) and, beside it, ``*.keys.tsv`` (id,
key); ``keys`` turns a judged TSV into labels by key (article id, sentence index, a hash of the quote: no article
text in the repository). ``score`` counts, over the labelled quotes of a digest, speakers right (``same_person``),
wrong (another speaker, a speaker where the judge reads a document's wording, nobody, no telling, or only a
description), and unattributed, per sample (the labels' third column).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CONTEXT = 5
"""Sentences before the quote's own that the judge reads."""
NOBODY = ("DOCUMENT", "NONE", "UNCLEAR")


def quote_key(article_id: str, sentence_index: int, text: str) -> str:
    return f"{article_id}:{sentence_index}:{hashlib.sha1(text.encode()).hexdigest()[:10]}"


def quotes_of(digest: dict[str, Any]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Each quote of a digest (and its article) by ``quote_key``."""
    arts = {a["id"]: a for a in digest["articles"]}
    out = {}
    for story in digest["stories"]:
        for q in story["quotes"]:
            c = q["citation"]
            out[quote_key(c["article_id"], c["sentence_index"], q["text"])] = (q, arts[c["article_id"]])
    return out


def _judge_row(qid: str, q: dict[str, Any], art: dict[str, Any]) -> dict[str, Any]:
    sents = art["sentences"]
    i = q["citation"]["sentence_index"]

    def text(k: int) -> str:
        return str(art["text"][sents[k]["start"] : sents[k]["end"]])

    return {"id": qid, "quote": q["text"], "context_before": [text(k) for k in range(max(0, i - CONTEXT), i)],
            "sentence": text(i), "after": text(i + 1) if i + 1 < len(sents) else ""}


def sample(args: argparse.Namespace) -> None:
    quotes = quotes_of(json.loads(Path(args.digest).read_text(encoding="utf-8")))
    keys = sorted(quotes)
    if args.against:
        old = quotes_of(json.loads(Path(args.against).read_text(encoding="utf-8")))
        keys = [k for k in keys if k in old and old[k][0]["speaker"] != quotes[k][0]["speaker"]]
    skip: set[str] = set()
    for f in args.skip or ():
        skip |= {line.split("\t")[1] for line in Path(f).read_text(encoding="utf-8").splitlines() if "\t" in line}
    keys = [k for k in keys if k not in skip]
    random.Random(args.seed).shuffle(keys)
    keys = keys[: args.n]
    out = Path(args.out)
    prefix = args.prefix
    with out.open("w", encoding="utf-8") as f:
        for n, k in enumerate(keys, 1):
            f.write(json.dumps(_judge_row(f"{prefix}{n:03d}", *quotes[k])) + "\n")
    out.with_suffix(".keys.tsv").write_text("".join(f"{prefix}{n:03d}\t{k}\n" for n, k in enumerate(keys, 1)),
                                            encoding="utf-8")
    print(f"{len(keys)} quotes written to {out} (keys: {out.with_suffix('.keys.tsv')})")


def keys(args: argparse.Namespace) -> None:
    """Judged TSV (id, answer) + keys TSV (id, key) -> labels (key, answer), appended to ``--labels``."""
    by_id = dict(line.split("\t")[:2] for line in Path(args.keys).read_text(encoding="utf-8").splitlines() if line)
    rows = [line.split("\t") for line in Path(args.judged).read_text(encoding="utf-8").splitlines() if line]
    with Path(args.labels).open("a", encoding="utf-8") as f:
        for r in rows:
            f.write(f"{by_id[r[0]]}\t{r[1].strip()}\t{args.sample}\n")
    print(f"{len(rows)} labels appended to {args.labels}")


_TITLE_WORDS = frozenset("mr mrs ms dr gen sen rep gov lt col sgt capt adm maj prof rev president prime minister "
                         "secretary spokesman spokeswoman the of".split())


def _name_words(s: str) -> list[str]:
    """A name's words without titles and roles ("Mrs. Carson" -> ["carson"])."""
    words = [w.lower().strip(".,'’") for w in re.findall(r"[\w.'’-]+", s)]
    return [w for w in words if w and w not in _TITLE_WORDS]


def same_person(answer: str, speaker: str) -> bool:
    """The judge's name and the speaker name one person: the same last word ("Samaranch" / "Juan Antonio
    Samaranch", "Mrs. Carson" / "Julia Carson"), and, when both give more, the same first ("Hillary Clinton" is not
    "Bill Clinton"; "Xu Jin" not "Xu Wenli", whose last words differ)."""
    a, b = _name_words(answer), _name_words(speaker)
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) < 2 or len(b) < 2 or a[0] == b[0]


def verdict(speaker: str | None, answer: str) -> str:
    """right / wrong / unattributed for one quote; a bracketed description ("[his lawyer]") cannot confirm a name."""
    nobody = answer.startswith(NOBODY)
    if speaker is None:
        return "unattributed" if nobody else "unattributed, judge names one"
    if nobody or answer.startswith("["):
        return "wrong"
    return "right" if same_person(answer, speaker) else "wrong"


def score(args: argparse.Namespace) -> None:
    """Per sample (the labels' third column): right, wrong, unattributed, precision of the speakers given."""
    quotes = quotes_of(json.loads(Path(args.digest).read_text(encoding="utf-8")))
    by_sample: dict[str, Counter[str]] = {}
    for line in Path(args.labels).read_text(encoding="utf-8").splitlines():
        key, answer, name = line.split("\t")[:3]
        counts = by_sample.setdefault(name, Counter())
        counts[verdict(quotes[key][0]["speaker"], answer) if key in quotes else "not in this digest"] += 1
    for name, counts in by_sample.items():
        attributed = counts["right"] + counts["wrong"]
        print(json.dumps({"sample": name, **counts,
                          "precision": round(counts["right"] / attributed, 3) if attributed else None}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--digest", required=True)
    s.add_argument("--against")
    s.add_argument("--skip", nargs="*", help="keys TSVs of earlier samples")
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=90)
    s.add_argument("--seed", type=int, default=11)
    s.add_argument("--prefix", default="Q")
    k = sub.add_parser("keys")
    k.add_argument("--judged", required=True)
    k.add_argument("--keys", required=True)
    k.add_argument("--labels", required=True)
    k.add_argument("--sample", required=True, help="the sample's name, the labels' third column")
    c = sub.add_parser("score")
    c.add_argument("--digest", required=True)
    c.add_argument("--labels", required=True)
    a = ap.parse_args(argv)
    {"sample": sample, "keys": keys, "score": score}[a.cmd](a)
    return 0


if __name__ == "__main__":
    sys.exit(main())

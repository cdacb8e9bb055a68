"""Entity kinds against a hand-labelled sample: the product's entities beside spaCy's raw NER.

The labels (``benchmarks/entity_kinds.tsv``: group, name, aliases, kind, note) were written by a judge reading the
article texts only, before looking at any output: every person, organisation and place named in the seeds, the
bridge example and the first three documents of six DUC 2004 clusters. Each labelled entity is looked up by its
name and aliases (case-insensitive, as ``normalise`` writes names) among

* the product's entities: the digest of the group as one story (``Settings(one_story=True)``), every entity
  whose name or aliases meet the labelled forms; and
* spaCy's raw NER: every mention in the same texts with a person/org/place label, the label most of the
  matching mentions carry (one NER call per mention, no decision across mentions),

and scored as the share of labelled entities whose kind the system gives (found and right), with how many each
system found at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.config import Settings
from newsweave.embed import Embedder
from newsweave.entities.canonical import KIND_OF_LABEL, normalise
from newsweave.types import Article

DUC_GROUPS = ("d30001t", "d30015t", "d30031t", "d30045t", "d31001t", "d31022t")
DUC_DOCS_PER_GROUP = 3


@dataclass(frozen=True)
class Label:
    group: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    note: str = ""

    @property
    def forms(self) -> frozenset[str]:
        return frozenset(_key(x) for x in (self.name, *self.aliases) if x.strip())


def _key(name: str) -> str:
    return normalise(name).lower().replace(".", "")


def read_labels(path: Path) -> list[Label]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    out = []
    for r in rows:
        r = [*r, "", "", "", ""][:5]
        kind = r[3].strip().lower()
        if kind not in ("person", "org", "place"):
            raise ValueError(f"{path}: kind {r[3]!r} of {r[1]!r} is not person, org or place")
        out.append(Label(r[0].strip(), r[1].strip(), tuple(a.strip() for a in r[2].split("|") if a.strip()), kind,
                         r[4].strip()))
    return out


def group_paths(group: str, seeds: Path, bridge: Path, duc: Path) -> list[Path]:
    if group == "seeds":
        return sorted(p for p in seeds.iterdir() if p.is_file())
    if group == "bridge":
        return sorted(p for p in bridge.iterdir() if p.is_file())
    return sorted((duc / group).glob("*.txt"))[:DUC_DOCS_PER_GROUP]


def product_kinds(paths: Sequence[Path], embedder: Embedder) -> tuple[dict[str, str], list[Article]]:
    """Every form (name and aliases) of the digest's entities -> the entity's kind; and the articles read."""
    from newsweave.ingest import read_sources
    from newsweave.pipeline import digest

    settings = Settings(one_story=True)
    src = read_sources([str(p) for p in paths], settings)
    d = digest(src.docs, settings, embedder=embedder)
    out: dict[str, str] = {}
    for r in d.stories:
        for e in r.entities:
            for form in (e.name, *e.aliases):
                out.setdefault(_key(form), e.kind)
    return out, list(d.articles)


def ner_kinds(articles: Sequence[Article]) -> dict[str, Counter[str]]:
    """spaCy's raw NER over the same texts: for every mention text, the kinds its mentions were labelled."""
    from newsweave.nlp import parse

    out: dict[str, Counter[str]] = {}
    for doc in parse([a.text for a in articles]):
        for ent in doc.ents:
            kind = KIND_OF_LABEL.get(ent.label_)
            if kind is not None:
                out.setdefault(_key(ent.text), Counter())[kind] += 1
    return out


@dataclass(frozen=True)
class KindScore:
    system: str
    labelled: int
    found: int
    right: int

    @property
    def accuracy(self) -> float:
        """Right over all labelled entities (a missed entity counts as wrong)."""
        return self.right / self.labelled if self.labelled else 0.0

    @property
    def accuracy_found(self) -> float:
        return self.right / self.found if self.found else 0.0


def score_group(
    labels: Sequence[Label], product: dict[str, str], ner: dict[str, Counter[str]]
) -> list[tuple[Label, str | None, str | None]]:
    """Each label with the product's kind and the raw NER's kind for it (None: not found)."""
    rows = []
    for lab in labels:
        p = next((product[f] for f in sorted(lab.forms) if f in product), None)
        votes: Counter[str] = Counter()
        for f in lab.forms:
            votes.update(ner.get(f, Counter()))
        n = min(votes, key=lambda k: (-votes[k], k)) if votes else None
        rows.append((lab, p, n))
    return rows


def totals(rows: Sequence[tuple[Label, str | None, str | None]]) -> list[KindScore]:
    out = []
    for system, k in (("newsweave entities", 1), ("spaCy NER, per mention (baseline)", 2)):
        found = [r for r in rows if r[k] is not None]
        out.append(KindScore(system, len(rows), len(found), sum(r[k] == r[0].kind for r in found)))
    return out

"""A surname NER tags as an organisation joins the one person of the story with that surname; a surname two
people share stays a person of its own, the same in every run (it once went to whichever came first in a set)."""

from __future__ import annotations

import os
import subprocess
import sys

from newsweave.entities import build_entities
from newsweave.entities.canonical import Mention


def _mentions(*names: tuple[str, str]) -> list[Mention]:
    return [Mention(text, kind, f"a{i}", 0, len(text)) for i, (text, kind) in enumerate(names)]  # type: ignore[arg-type]


def test_a_surname_one_person_has_joins_that_person() -> None:
    entities, _ = build_entities(_mentions(("John Campbell", "person"), ("Campbell", "org")), {})
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"John Campbell"}
    assert by_name["John Campbell"].kind == "person"


def test_a_surname_two_people_share_is_a_person_of_its_own() -> None:
    entities, _ = build_entities(
        _mentions(("John Campbell", "person"), ("Peter Campbell", "person"), ("Campbell", "org")), {})
    kinds = {e.name: e.kind for e in entities}
    assert kinds == {"John Campbell": "person", "Peter Campbell": "person", "Campbell": "person"}


def test_the_shared_surname_does_not_depend_on_the_hash_seed() -> None:
    code = (
        "from newsweave.entities import build_entities\n"
        "from newsweave.entities.canonical import Mention\n"
        "names = [('John Campbell', 'person'), ('Peter Campbell', 'person'), ('Campbell', 'org'),\n"
        "         ('Ann Lee', 'person'), ('Bo Lee', 'person'), ('Lee', 'place')]\n"
        "ms = [Mention(t, k, f'a{i}', 0, len(t)) for i, (t, k) in enumerate(names)]\n"
        "print(sorted((e.name, e.kind, e.aliases) for e in build_entities(ms, {})[0]))\n"
    )
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outs) == 1


def _times(name: str, kind: str, n: int) -> list[tuple[str, str]]:
    return [(name, kind)] * n


def test_a_family_name_put_first_joins_the_story_s_main_bearer() -> None:
    """Chinese names put the family name first: "Xu" on second reference is Xu Wenli, whom the story is about,
    not Xu Jin, named twice in full; "Wang" (NER's organisation) is Wang Youcai, a person."""
    entities, index = build_entities(_mentions(
        *_times("Xu Wenli", "person", 20), *_times("Xu Jin", "person", 2), *_times("Xu", "person", 80),
        *_times("Wang Youcai", "person", 19), *_times("Wang Dan", "person", 2), *_times("Wang", "org", 40),
    ), {})
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"Xu Wenli", "Xu Jin", "Wang Youcai", "Wang Dan"}
    assert by_name["Xu Wenli"].mentions == 100 and by_name["Xu Wenli"].aliases == ("Xu",)
    assert by_name["Wang Youcai"].kind == "person" and by_name["Wang Youcai"].mentions == 59
    assert index.resolve("Xu") == "Xu Wenli"


def test_a_bare_name_of_two_comparable_people_stays_its_own() -> None:
    entities, _ = build_entities(_mentions(
        *_times("John Campbell", "person", 6), *_times("Peter Campbell", "person", 3), *_times("Campbell", "person", 9),
        *_times("Qin Yongmin", "person", 4), *_times("Qin Qingguo", "person", 2), *_times("Qin", "person", 5),
    ), {})
    assert {e.name for e in entities} == {"John Campbell", "Peter Campbell", "Campbell", "Qin Yongmin",
                                          "Qin Qingguo", "Qin"}


def test_a_place_that_opens_a_person_s_name_stays_the_place() -> None:
    entities, _ = build_entities(_mentions(*_times("Paris Hilton", "person", 5), *_times("Paris", "place", 3)), {})
    assert {(e.name, e.kind) for e in entities} == {("Paris Hilton", "person"), ("Paris", "place")}


def test_an_organisation_that_opens_one_person_s_name_stays_the_organisation() -> None:
    entities, _ = build_entities(_mentions(*_times("Chase Carey", "person", 3), *_times("Chase", "org", 6)), {})
    assert {(e.name, e.kind) for e in entities} == {("Chase Carey", "person"), ("Chase", "org")}

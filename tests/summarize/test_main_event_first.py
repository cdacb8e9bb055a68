"""Line order of an undated story, or of a dated one whose oldest line is not a lead: the lead that says most of
the story first, the rest as they were."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from newsweave.summarize.lines import main_event_first, print_order
from newsweave.types import Article, PublishedDate, Sentence


def _article(aid: str, n: int) -> Article:
    text = " ".join(f"Sentence {k} of {aid} says something." for k in range(n))
    sents, pos = [], 0
    for k in range(n):
        end = text.index(".", pos) + 1
        sents.append(Sentence(k, pos, end))
        pos = end + 1
    return Article(id=aid, path=f"{aid}.txt", text=text, sentences=tuple(sents))


def _unit(*xs: float) -> list[float]:
    v = np.asarray(xs, dtype=np.float32)
    return list(v / np.linalg.norm(v))


def test_the_most_central_lead_goes_first_with_what_leans_on_it() -> None:
    arts = [_article("a", 2), _article("b", 2), _article("c", 2)]
    # rows: a0 a1 b0 b1 c0 c1; the story's mean points along x
    vectors = np.asarray([_unit(0.2, 1), _unit(1, 0.1), _unit(0.5, 1), _unit(1, -0.1), _unit(1, 0.3),
                          _unit(0.9, 0.1)], dtype=np.float32)
    picks = [(0, 1), (1, 0), (2, 0), (2, 1)]
    # a1 is closer to the story than any lead, but c0 is the closest lead; c1 leans on c0 and goes with it
    assert main_event_first(picks, arts, vectors, frozenset({(2, 1)})) == [(2, 0), (2, 1), (0, 1), (1, 0)]
    assert main_event_first(picks, arts, vectors) == [(2, 0), (0, 1), (1, 0), (2, 1)]
    # without a lead among the picks, the closest line of all (c1 just ahead of a1)
    assert main_event_first([(0, 1), (1, 1), (2, 1)], arts, vectors) == [(2, 1), (0, 1), (1, 1)]
    assert main_event_first([(1, 1), (0, 1)], arts, vectors) == [(0, 1), (1, 1)]
    assert main_event_first([(0, 0)], arts, vectors) == [(0, 0)]


def test_of_lines_that_are_no_lead_the_one_that_names_its_day_goes_first() -> None:
    """No pick opens its article: the report ("... were indicted Wednesday") goes before a closer background line
    ("The indictment gives few details ..."); among leads too, one naming its day goes first."""
    def art(aid: str, sentences: list[str]) -> Article:
        text, sents = "", []
        for k, s in enumerate(sentences):
            text += ("" if not text else " ") + s
            start = len(text) - len(s)
            sents.append(Sentence(k, start, len(text)))
        return Article(id=aid, path=f"{aid}.txt", text=text, sentences=tuple(sents))

    arts = [art("a", ["An Islamic group on Thursday threatened to retaliate.",
                      "Bin Laden and a top aide were indicted Wednesday by a U.S. court."]),
            art("b", ["A dissident spoke to reporters.", "The indictment gives few details of his role."])]
    vectors = np.asarray([_unit(1, 0), _unit(0.6, 1), _unit(0.1, 1), _unit(1, 0.05)], dtype=np.float32)
    assert main_event_first([(0, 1), (1, 1)], arts, vectors) == [(0, 1), (1, 1)]  # b1 is closer, a1 says when
    assert main_event_first([(1, 1), (0, 1)], arts, vectors) == [(0, 1), (1, 1)]
    closer_b0 = np.asarray([_unit(0.1, 1), _unit(0.6, 1), _unit(1, 0), _unit(1, 0.05)], dtype=np.float32)
    assert main_event_first([(1, 0), (0, 0)], arts, closer_b0) == [(0, 0), (1, 0)]  # leads: "on Thursday" first


def test_a_dated_story_keeps_its_order_unless_it_would_open_inside_an_article() -> None:
    arts = [replace(_article(x, 2), published=PublishedDate(dt.date(2025, 3, 10 + k), "day", 0.9))
            for k, x in enumerate("abc")]
    vectors = np.asarray([_unit(0.2, 1), _unit(1, 0.1), _unit(0.5, 1), _unit(1, -0.1), _unit(1, 0.3),
                          _unit(0.9, 0.1)], dtype=np.float32)
    assert arts[0].published.trusted is not None
    # the oldest line is a lead: the story reads as it unfolded
    assert print_order([(0, 0), (1, 1), (2, 0)], arts, vectors) == [(0, 0), (1, 1), (2, 0)]
    # the oldest line comes from inside its article ("The cause of the fire had not been determined"): c0 first
    assert print_order([(0, 1), (1, 0), (2, 0)], arts, vectors) == [(2, 0), (0, 1), (1, 0)]
    undated = [replace(a, published=PublishedDate()) for a in arts]
    assert print_order([(0, 0), (1, 1), (2, 0)], undated, vectors) == [(2, 0), (0, 0), (1, 1)]

"""Wire datelines and syndication notes: parsed off the body at extraction, kept as date and outlet evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.config import Settings
from newsweave.extract.dates import infer_published
from newsweave.extract.metadata import detect_outlet
from newsweave.extract.sentences import split_sentences
from newsweave.extract.text import extract_text
from newsweave.extract.wire import is_dateline_only, is_syndication_note, split_dateline
from newsweave.pipeline import extract_articles
from newsweave.types import RawDoc


@pytest.mark.parametrize(
    ("text", "rest", "place", "agency", "date"),
    [
        ("ISTANBUL, Turkey _ Turkish police detained 20 people.", "Turkish police detained 20 people.", "ISTANBUL",
         None, None),
        ("WASHINGTON (AP) -- The Senate voted on Tuesday.", "The Senate voted on Tuesday.", "WASHINGTON", "AP", None),
        ("MOSCOW, May 7 (Reuters) - Russia said it would help.", "Russia said it would help.", "MOSCOW", "Reuters",
         "May 7"),
        ("Moscow, May 7 (Reuters) - Russia said it would help.", "Russia said it would help.", "Moscow", "Reuters",
         "May 7"),
        ("UNITED NATIONS (AP) _ The council met.", "The council met.", "UNITED NATIONS", "AP", None),
        ("PARIS — The French minister spoke.", "The French minister spoke.", "PARIS", None, None),
        ("BEIJING, Nov. 3, 1998 (Xinhua) -- China said.", "China said.", "BEIJING", "Xinhua", "Nov. 3, 1998"),
        ("Moscow, June 2 (Interfax) - Officials met.", "Officials met.", "Moscow", "Interfax", "June 2"),
        ("St. Louis (KMOV) - Police said.", "Police said.", "St. Louis", "KMOV", None),
        ("Ft. Worth (WFAA) - Police said.", "Police said.", "Ft. Worth", "WFAA", None),
        ("The Hague (ANP) - Judges said.", "Judges said.", "The Hague", "ANP", None),
        ("Washington (CNN) The White House said it would wait.", "The White House said it would wait.", "Washington",
         "CNN", None),
        ("The New York Times said in an editorial on Monday, Nov. 23: The reform movement has few leaders.",
         "The reform movement has few leaders.", "", "The New York Times", "Monday, Nov. 23"),
        ("The Boston Globe said in an editorial for Friday: The vote matters.", "The vote matters.", "",
         "The Boston Globe", "Friday"),
    ],
)
def test_datelines_are_split_off(text: str, rest: str, place: str, agency: str | None, date: str | None) -> None:
    body, dateline = split_dateline(text)
    assert body == rest
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.date) == (place, agency, date)
    assert not dateline.text.endswith(("_", "-", "—"))


@pytest.mark.parametrize(
    "text",
    [
        "AOL and Sun have a longer-term objective as well _ one that promises more.",
        "U.S. Secretary of State John Kerry met Lavrov.",
        "IMF meeting to propose setting up a fund.",
        "NATO - the alliance - met in Brussels.",
        "Kerry said on Monday that talks would go ahead.",
        "The minister said in an editorial on Friday: we will win.",
        "The New York Times said in an editorial on Monday that the vote was a mistake.",
    ],
)
def test_sentences_that_are_not_datelines_are_kept(text: str) -> None:
    assert split_dateline(text) == (text, None)


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Jane Holt (R-Ky.) on Monday asked the agency for its files.",
        "Rep. Tom Vail (D-N.Y.) Has asked for a recount.",
        "Sen. Ada Crane (D-W.Va.) — the deciding vote — said no.",
        "Gov. Lena Ortiz (D) signed the bill on Friday.",
        "Democratic Sen. Will Park (Ariz.) Criticized the plan.",
        "The Federal Audit Bureau (FAB) Estimates that half the money is unspent.",
        "The World Health Organization (WHO) said cases fell.",
        "Harbor Foods SA (HRBF3.SA) Told regulators about the attack.",
        "The Port Authority (PA) — which runs the bridges — closed it.",
        "Northern Grid Operators (NGO) - a utility group - said power was back.",
        "WASHINGTON (R-Ky.) - The senator spoke.",
        "WASHINGTON (N.Y.) - The senator spoke.",
        "Democratic Rep. Jane Doe (N.Y.) - who chairs it - said no.",
        "The Associated Press (AP) reported that the vote was close.",
        "Deutsche Welle (DW) Reported that the vote was close.",
    ],
)
def test_a_parenthetical_in_prose_is_no_wire_credit(text: str) -> None:
    """An acronym, a party and state or a ticker after the opening words is not an agency's dateline: the text
    keeps its opening and the parenthetical is not taken for the outlet."""
    assert split_dateline(text) == (text, None)
    assert detect_outlet(body=text) is None


def test_dateline_only_text() -> None:
    assert is_dateline_only("ISTANBUL, Turkey _")
    assert is_dateline_only("WASHINGTON (AP) --")
    assert not is_dateline_only("ISTANBUL, Turkey _ Police detained 20 people.")
    assert not is_dateline_only("Istanbul is a city in Turkey.")


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("CoxNet layouts are for sale", True),
        ("(c) 1998 Cox News Service", True),
        ("Distributed by Tribune Media Services", True),
        ("Copyright 2013 The Associated Press. All rights reserved.", True),
        ("The layouts of the old city are for sale as maps to tourists.", False),
        ("The statement was distributed by the U.S. Embassy on Saturday.", False),
    ],
)
def test_syndication_notes(line: str, note: bool) -> None:
    assert is_syndication_note(line) is note


def test_extraction_drops_syndication_notes() -> None:
    text = ("Turkish police detained twenty people on Monday after protests in the city centre turned violent.\n\n"
            "The governor said the protests had been planned for weeks by groups from outside the city.\n\n"
            "CoxNet layouts are for sale\n\n(c) 1998 Cox News Service\n")
    r = extract_text(text)
    assert "CoxNet" not in r.body and "(c) 1998" not in r.body
    assert {d.reason for d in r.dropped if "Cox" in d.text} == {"syndication note"}


def test_dateline_date_is_evidence_after_stripping() -> None:
    body, dateline = split_dateline("BEIJING, Nov. 3, 1998 (Xinhua) -- China said it would open talks with Taiwan.")
    p = infer_published(body, split_sentences(body), dateline=dateline)
    assert (p.date, p.precision) == (dt.date(1998, 11, 3), "day")
    assert p.evidence is not None and p.evidence.startswith("dateline: BEIJING")
    assert detect_outlet(body=body, dateline=dateline) is not None


def test_articles_start_after_the_dateline_and_offsets_hold() -> None:
    text = ("WASHINGTON (AP) -- Lawmakers met on Monday, Nov. 2, 1998, to debate the budget.\n\n"
            "They agreed to meet again on Friday to settle the remaining items of the spending bill.\n")
    doc = RawDoc(id="w1", origin="w1.txt", content=text, content_type="text")
    (article,), rejects = extract_articles([doc], Settings(embedder="lexical"))
    assert not rejects
    assert article.text.startswith("Lawmakers met on Monday")
    assert article.outlet == "Associated Press"
    assert article.published.date == dt.date(1998, 11, 2)
    for s in article.sentences:
        assert article.text[s.start : s.end].strip() == article.text[s.start : s.end]
    assert article.sentence_text(0).startswith("Lawmakers")


def test_a_syndicated_editorials_frame_names_its_outlet_and_is_no_sentence() -> None:
    text = ("The New York Times said in an editorial on Monday, Nov. 23: The reform movement has produced few "
            "leaders with such dedication. Her murder was a terrible loss.")
    arts, rejects = extract_articles([RawDoc("ed", "ed.txt", text, "text")], Settings())
    assert not rejects
    a = arts[0]
    assert a.outlet == "The New York Times"
    assert a.sentence_text(0).startswith("The reform movement")
    assert "said in an editorial" not in a.headline()

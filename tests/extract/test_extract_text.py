from __future__ import annotations

from newsweave.extract.text import batch_line_counts, extract_text, is_date_only

SCRAPE = """Skip to content
Menu

Harbour bridge to reopen in September after repairs

Tuesday, June 3, 2025

The Old Harbour Bridge will reopen in September after repairs to two cracked support beams, the city said on Tuesday.

    Photo caption: cars wait at the closed bridge entrance on a rainy morning, the city said.
  • View Caption

A structural survey found that the cracks were caused by a ferry collision in January, not by the age of the bridge.

Recommended: Ten things to do on the coast this summer

Repairs will cost about six million euros, of which the regional government will pay half of the bill.

Businesses near the bridge say the closure has cut their sales by a third since the bridge closed in March.

Sign up for our newsletter and get the best stories delivered to your inbox every morning.
Save for later
Share
Comments

The Coast Ledger is the coast's oldest newspaper, reporting on the region since 1890 with care and passion.
"""


def test_boilerplate_lines_are_removed_and_body_kept() -> None:
    r = extract_text(SCRAPE)
    assert r.title == "Harbour bridge to reopen in September after repairs"
    body = r.body
    for kept in ("will reopen in September", "ferry collision", "six million euros", "cut their sales"):
        assert kept in body
    for junk in ("Skip to content", "Menu", "Tuesday, June 3, 2025", "View Caption", "Photo caption",
                 "Recommended:", "newsletter", "Save for later", "Share", "Comments", "oldest newspaper"):
        assert junk not in body, junk
    dropped = {d.text for d in r.dropped}
    assert "Tuesday, June 3, 2025" in dropped  # dropped lines stay available to metadata extraction


def test_lines_repeated_across_the_batch_are_boilerplate() -> None:
    a = "Site Chrome Line\n\n" + "\n\n".join(
        f"The council voted on the harbour plan number {i} after a long debate about the harbour." for i in range(5)
    )
    b = "Site Chrome Line\n\n" + "\n\n".join(
        f"Farmers welcomed the rain in the valley number {i} after months of drought in the valley." for i in range(5)
    )
    counts = batch_line_counts([a, b])
    r = extract_text(a, batch_counts=counts, n_batch=2)
    assert "Site Chrome Line" not in r.body
    assert any(d.reason == "repeated across documents" for d in r.dropped)


def test_empty_and_junk_only_input_gives_empty_body() -> None:
    assert extract_text("").body == ""
    assert extract_text("Menu\nHome\nSport\n0:00 0:01").body == ""


def test_date_only_lines() -> None:
    assert is_date_only("Monday, June 24, 2024")
    assert is_date_only("08 May 2013, 03:26 AM")
    assert not is_date_only("Kerry met Lavrov in May 2013 in Moscow")


def test_hard_wrapped_wire_copy_is_unwrapped() -> None:
    para = ("The harbour authority said on Monday that the old bridge would be closed for repairs for at least "
            "three weeks while engineers inspect the beams. Traffic will use the ring road. The mayor said she "
            "regretted the disruption but that safety came first for everyone in the city.")
    wrapped, line = [], ""
    for w in para.split():
        if len(line) + len(w) + 1 > 70:
            wrapped.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    wrapped.append(line + " ")
    text = "\n" + "\n".join(wrapped * 1) + "\n"
    r = extract_text(text)
    assert r.body == para


def test_short_hard_wrapped_wire_item_is_an_article() -> None:
    """Two or three wrapped lines of a real short wire item (with an editor's trailer) keep their body."""
    item = (
        "\nAt least 40 people have been confirmed dead in the valley after the floods of \n"
        "the week, bringing the region's toll to 95, the national emergency office \n"
        "said Saturday. Floods _ once, 2nd graf pvs \n"
    )
    r = extract_text(item)
    assert r.body.startswith("At least 40 people have been confirmed dead in the valley after the floods of the week")
    assert "said Saturday." in r.body
    two = "Officials delayed two flights from leaving the small airport on Wednesday, \nthe latest strain in a rare area of cooperation.\n"
    assert extract_text(two).body.startswith("Officials delayed two flights")

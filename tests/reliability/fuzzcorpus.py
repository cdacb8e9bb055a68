"""A seeded corpus of hostile inputs, and the check that a run's report accounts for every one of them.

``write_corpus(root, n, seed)`` writes about ``n`` inputs under ``root`` (the same files for the same seed): good
articles on a few topics among empty, whitespace-only and binary files, huge files and fields, legacy and mixed
encodings, malformed HTML, non-English and mixed scripts, extreme and invalid dates and numbers, deeply nested JSON,
control characters, lone surrogates, U+2028/U+2029 in JSONL, hidden files and folders, symlink loops, dangling
links, links to folders, FIFOs, unreadable files, and exact and near copies. It returns the manifest: every path a
run's report must name (a hidden or linked folder by itself, not the files in it), with the JSONL line numbers it
must name for a JSONL file that is read.

``account(corpus, paths)`` compares a report's paths (articles, near-copies, rejects and skips; ``file.jsonl:N``
for the N-th line of a JSONL file) with the manifest: what no record names is silently lost.

Used by ``test_fuzz_corpus.py`` (a fast subset) and ``benchmarks/fuzz_suite.py`` (the full run)."""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.ingest.read import path_label  # how reports write a path

__all__ = ["Accounting", "Corpus", "Entry", "account", "write_corpus"]

HUGE_BYTES = 3 * 1024 * 1024
_LINE_END = re.compile(r"\r\n|\r|\n")  # the reader's JSONL line ends


@dataclass(frozen=True)
class Entry:
    path: str
    """The path a report names for this input."""
    kind: str
    """The hostile class it belongs to (``good``, ``binary``, ``cp1252``, ``fifo``...)."""
    lines: tuple[int, ...] = ()
    """For a JSONL file: the numbers of its non-blank lines, each of which a report names as ``path:N`` when the
    file is read (a file rejected as a whole is named once, by its path)."""


@dataclass(frozen=True)
class Corpus:
    root: Path
    seed: int
    entries: tuple[Entry, ...]

    def kinds(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.kind] = out.get(e.kind, 0) + 1
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class Accounting:
    inputs: int
    """Inputs in the manifest (a JSONL file counts once)."""
    records: int
    """Paths the report names."""
    lost: tuple[str, ...] = ()
    """Inputs (or JSONL lines, ``path:N``) the report does not name: silently lost."""
    unknown: tuple[str, ...] = ()
    """Paths the report names that are no input of the corpus (a wrong or garbled path)."""
    by_kind: dict[str, int] = field(default_factory=dict)
    """Lost inputs by hostile class."""


# ----------------------------------------------------------------------------------------------------- content

_PLACES = ("the northern valley", "Riverton", "the coastal province", "Lake Mara", "the capital", "Port Elso")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PEOPLE = ("Maria Duarte", "Olaf Berg", "Amina Yusuf", "Kenji Sato", "Lena Novak", "Samuel Okafor")
_OUTLETS = ("Valley Post", "Coast Herald", "Daily Ledger", "Metro Wire", "The Courier", "Evening Star")
_TOPICS = (
    ("Flood waters rose across {place} on {day}, forcing {n} residents to leave their homes.",
     "Officials said the river reached its highest level in {k} years and that more rain was expected.",
     "Emergency crews evacuated two hospitals and set up shelters in schools, {person} said.",
     "The regional government promised {n} million in aid for farmers whose fields were ruined.",
     "Forecasters said the rain should ease by the weekend, but rivers downstream would keep rising."),
    ("The city council approved a new bridge over {place} on {day} after a long debate.",
     "{person}, the mayor, said construction would begin next month and cost {n} million.",
     "Critics said the price was too high and that the old bridge could have been repaired for far less.",
     "The vote was {k} to two, and the works are expected to take three years.",
     "Residents said traffic on the old crossing had doubled in the past decade."),
    ("Striking rail workers walked off the job on {day}, halting trains across {place}.",
     "The union said {n} members joined the strike after talks on pay broke down late on Sunday.",
     "{person}, the transport minister, called the walkout irresponsible and urged a return to talks.",
     "Commuters crowded onto buses, and roads into the city were jammed for hours.",
     "The union said the strike would last {k} days unless the company improved its offer."),
    ("Scientists reported on {day} that a new vaccine cut infections by {k} percent in a large trial.",
     "The study followed {n} volunteers in {place} for more than a year, {person} said.",
     "Regulators are expected to review the results before the end of the year.",
     "Side effects were mild and similar to those of existing vaccines, the researchers wrote.",
     "Health officials said the shot could be available to the public within months."),
    ("A magnitude {k} earthquake struck near {place} early on {day}, damaging hundreds of buildings.",
     "Rescue teams pulled {n} people from the rubble overnight, {person} told reporters.",
     "Power and water were cut in several districts, and aftershocks kept residents outdoors.",
     "Neighbouring countries offered search dogs, tents and medical teams.",
     "The government declared three days of mourning for the victims."),
)


def _article(rng: random.Random, topic: int | None = None) -> tuple[str, str, str]:
    """(title, body, outlet) of one plausible article on one of a few topics."""
    t = rng.randrange(len(_TOPICS)) if topic is None else topic
    slots = {"place": rng.choice(_PLACES), "day": rng.choice(_DAYS), "person": rng.choice(_PEOPLE),
             "n": rng.randrange(2, 90_000), "k": rng.randrange(3, 60)}
    sentences = [s.format(**slots) for s in _TOPICS[t]]
    body = "\n\n".join(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))
    return sentences[0].split(",")[0][:70], body, rng.choice(_OUTLETS)


def _text_file(rng: random.Random, topic: int | None = None) -> str:
    title, body, outlet = _article(rng, topic)
    return f"{title}\n\nBy {rng.choice(_PEOPLE)}, {outlet}\n\n{body}\n"


def _html_page(rng: random.Random, body_html: str | None = None) -> str:
    title, body, outlet = _article(rng)
    paras = body_html if body_html is not None else "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!doctype html><html><head><title>{title}</title><meta property='og:site_name' content='{outlet}'>"
            f"</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{paras}</article>"
            "<footer>Copyright</footer></body></html>")


def _row(rng: random.Random, **fields: object) -> dict[str, object]:
    title, body, outlet = _article(rng)
    return {"text": body, "title": title, "outlet": outlet, "published": "2021-03-02", **fields}


_FOREIGN = (
    "Наводнение затопило северную долину во вторник. Тысячи жителей покинули свои дома. Власти сообщили, что "
    "уровень реки стал самым высоким за сорок лет.",
    "غمرت مياه الفيضانات الوادي الشمالي يوم الثلاثاء، ما أجبر الآلاف على مغادرة منازلهم. وقال المسؤولون إن "
    "منسوب النهر بلغ أعلى مستوى له منذ أربعين عاما.",
    "周二，洪水淹没了北部山谷，数千名居民被迫离开家园。官员说，河流水位达到四十年来的最高水平，预计还会有更多降雨。",
    "火曜日、洪水が北部の谷を襲い、数千人の住民が避難した。当局によると、川の水位は過去四十年で最も高くなった。",
    "मंगलवार को उत्तरी घाटी में बाढ़ का पानी बढ़ गया, जिससे हजारों निवासियों को अपने घर छोड़ने पड़े। अधिकारियों ने "
    "कहा कि नदी चालीस वर्षों में अपने उच्चतम स्तर पर पहुंच गई।",
    "Τα νερά της πλημμύρας ανέβηκαν στη βόρεια κοιλάδα την Τρίτη, αναγκάζοντας χιλιάδες κατοίκους να φύγουν.",
    "Las aguas de la inundación subieron el martes en el valle del norte y obligaron a miles de vecinos a huir.",
)
_ODD = ("\u202e", "\u200d", "\u0301\u0301\u0301", "\U0001f30a", "\u00ad", "\ufeff", "\u2060", "Ω", "\u0430",
        "\U0001d54f", "\ufffd")


# ------------------------------------------------------------------------------------------------ the classes

Writer = Callable[[random.Random, Path, str], list[Entry]]
"""Writes one input (or a few) named from ``stem`` into the folder, and returns the manifest entries."""


def _file(path: Path, data: bytes | str, kind: str, encoding: str = "utf-8") -> Entry:
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return Entry(str(path), kind)


def _jsonl(path: Path, lines: Sequence[str], kind: str, sep: str = "\n") -> Entry:
    data = sep.join(lines) + sep
    path.write_bytes(data.encode("utf-8", "surrogatepass"))
    numbers = tuple(i for i, line in enumerate(_LINE_END.split(data), start=1) if line.strip())
    return Entry(str(path), kind, numbers)


def _good(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    if rng.random() < 0.4:
        return [_file(d / f"{stem}.html", _html_page(rng), "good")]
    return [_file(d / f"{stem}.txt", _text_file(rng), "good")]


def _good_jsonl(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    rows = [json.dumps(_row(rng), ensure_ascii=rng.random() < 0.5) for _ in range(rng.randrange(2, 6))]
    return [_jsonl(d / f"{stem}.jsonl", rows, "good_jsonl", sep=rng.choice(["\n", "\r\n"]))]


def _empty(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    data = rng.choice([b"", b"\n", b"\xef\xbb\xbf", b"\xff\xfe"])
    return [_file(d / f"{stem}{rng.choice(['.txt', '.html', '.jsonl', ''])}", data, "empty")]


def _whitespace(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    spaces = " \t\n\r\u00a0\u2003\u3000\u200b\u2028\u2029\ufeff\u202f"
    return [_file(d / f"{stem}.txt", "".join(rng.choice(spaces) for _ in range(rng.randrange(1, 400))),
                  "whitespace")]


def _binary(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    head = rng.choice([b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"PK\x03\x04", b"\x7fELF", b"GIF89a", b""])
    data = head + rng.randbytes(rng.randrange(16, 20_000))
    return [_file(d / f"{stem}{rng.choice(['.txt', '.html', '.jsonl', '.pdf', ''])}", data, "binary")]


def _huge(size: int) -> Writer:
    def write(rng: random.Random, d: Path, stem: str) -> list[Entry]:
        choice = rng.randrange(4)
        if choice == 0:  # one article's paragraphs, over and over
            text = _text_file(rng)
            return [_file(d / f"{stem}.txt", text * (size // len(text) + 1), "huge")]
        if choice == 1:  # one line, no line end
            word = rng.choice(["flood ", "déjà ", "水 ", "a"])
            return [_file(d / f"{stem}.txt", word * (size // len(word.encode())), "huge")]
        if choice == 2:  # huge fields in one JSONL line
            row = _row(rng, title="T" * (size // 4), outlet="O" * (size // 8), url="https://x.org/" + "u" * 5000)
            return [_jsonl(d / f"{stem}.jsonl", [json.dumps(row)], "huge")]
        page = _html_page(rng, "".join(f"<div><p>{_article(rng)[1]}</p></div>" for _ in range(size // 900)))
        return [_file(d / f"{stem}.html", page, "huge")]
    return write


def _encoded(kind: str) -> Writer:
    """Writes an article in one legacy or Unicode encoding (or two, or another than the page declares)."""

    def write(rng: random.Random, d: Path, stem: str) -> list[Entry]:
        text = _text_file(rng).replace("said", "said \u201cWe\u2019re ready\u201d \u2013 caf\u00e9", 1)
        if kind == "cp1252":
            return [_file(d / f"{stem}.txt", text.replace("\u2013", "\u20ac5"), kind, "cp1252")]
        if kind == "latin-1":
            plain = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            return [_file(d / f"{stem}.txt", plain.replace("\u2013", "\u00bd"), kind, "latin-1")]
        if kind == "shift-jis":
            return [_file(d / f"{stem}.txt", text.replace(" \u2013 caf\u00e9", "") + "\n" + _FOREIGN[3] + "\n", kind,
                          "cp932")]
        if kind == "utf-16-bom":
            return [_file(d / f"{stem}.txt", "\ufeff" + text, kind, rng.choice(["utf-16-le", "utf-16-be"]))]
        if kind == "utf-16-no-bom":
            return [_file(d / f"{stem}.txt", text, kind, rng.choice(["utf-16-le", "utf-16-be"]))]
        if kind == "mixed-encoding":  # UTF-8 lines and Windows-1252 lines in one file
            lines = text.splitlines(keepends=True)
            data = b"".join(line.encode("cp1252" if i % 3 == 1 else "utf-8") for i, line in enumerate(lines))
            return [_file(d / f"{stem}.txt", data, kind)]
        page = _html_page(rng).replace("<head>", "<head><meta charset='shift_jis'>")  # declared, not used
        return [_file(d / f"{stem}.html", page.encode("cp1252", "replace"), kind)]

    return write


ENCODINGS = ("cp1252", "latin-1", "shift-jis", "utf-16-bom", "utf-16-no-bom", "mixed-encoding", "wrong-charset")


def _bad_html(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    _, body, _ = _article(rng)
    variants = [
        "<html><body>" + "<div>" * 5000 + body + "</div>" * 10,  # deep, unclosed
        "<html><head><title>x</head><body><p>" + body.replace(" ", " <b><i> ", 20) + "</p></html></html>",
        "<!doctype html><html><body><script>" + "var a=1;" * 2000 + "</script></body></html>",
        "<html><body><p>" + body + "</p>" + "<<<>>>&&&;;;&#xZZ;&#99999999999;&unknown;" * 50 + "</body>",
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
        "<html><body><p>&b;&b;&b;" + body + "</p></body></html>",
        "<html><body><table>" + "<tr><td>" * 3000 + body + "</body></html>",
        "<html><body><p>" + body + "</p><!-- unterminated comment " + body,
        "<html><body><svg><p>" + body + "</svg><math><mi>" + body + "</math></body></html>",
        "<html><body>" + "".join(f"<p>{p}</p>" for p in body.split("\n\n")) + "\x00" * 3 + "</body></html>",
    ]
    return [_file(d / f"{stem}.html", rng.choice(variants), "malformed-html")]


def _scripts(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    if rng.random() < 0.5:  # one foreign-language article
        text = rng.choice(_FOREIGN)
        return [_file(d / f"{stem}.txt", "\n\n".join([text] * rng.randrange(1, 4)), "non-english")]
    _, body, _ = _article(rng)  # English with other scripts, bidi controls, combining marks, emoji
    words = body.split(" ")
    for _ in range(12):
        i = rng.randrange(len(words))
        words[i] = rng.choice([words[i] + rng.choice(_ODD), rng.choice(_FOREIGN)[:30], rng.choice(_ODD)])
    return [_file(d / f"{stem}.txt", " ".join(words), "mixed-scripts")]


_DATES = ("0001-01-01", "9999-12-31", "2013-02-30", "2013-13-45", "99999-01-01", "-0001-01-01", "0000-00-00",
          "1970-01-01T00:00:00Z", "2021-03-02T25:61:61+99:00", "yesterday", "", "NaN", "1e309", "\u0662\u0660\u0661\u0663")


def _dates(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    rows: list[str] = []
    for _ in range(rng.randrange(2, 6)):
        value: object = rng.choice(_DATES + (2013, -1, 1e308, None, ["2013-05-01"], {"date": "2013-05-01"}))
        rows.append(json.dumps(_row(rng, published=value)))
    if rng.random() < 0.5:  # dates at the calendar's ends inside the text too
        text = _text_file(rng).replace("on ", "on 9999-12-31 and on January 1, 0001, ", 1)
        return [_jsonl(d / f"{stem}.jsonl", rows, "dates"), _file(d / f"{stem}-text.txt", text, "dates")]
    return [_jsonl(d / f"{stem}.jsonl", rows, "dates")]


def _numbers(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    digits = "".join(rng.choice("0123456789") for _ in range(5000))
    rows = [
        '{"text": "%s", "n": %s}' % (_article(rng)[1].replace("\n", "\\n"), "9" + digits),  # noqa: UP031
        json.dumps(_row(rng, published="1" + digits)),
        '{"text": 1e999, "title": NaN, "outlet": -Infinity}',
        json.dumps(_row(rng, title=1e308, outlet=12345, url=True)),
    ]
    text = _text_file(rng).replace("million", f"{digits} million", 1).replace("years", "1e400 years", 1)
    return [_jsonl(d / f"{stem}.jsonl", rows, "numbers"), _file(d / f"{stem}-text.txt", text, "numbers")]


def _nested(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    depth = rng.choice([1_000, 100_000])
    rows = ["[" * depth + "]" * depth, '{"text": ' + "[" * depth + "]" * depth + "}",
            '{"text": "x", "meta": ' + '{"a": ' * depth + "1" + "}" * depth + "}",
            json.dumps(_row(rng)), "[" * depth, json.dumps(_row(rng, title={"nested": {"title": "x"}}))]
    return [_jsonl(d / f"{stem}.jsonl", rng.sample(rows, k=len(rows)), "nested-json")]


def _controls(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    marks = "".join(chr(c) for c in (1, 7, 8, 11, 12, 27, 127, 0x85, 0x9B, 0x9F))
    row = _row(rng)
    row = {k: f"{v}{marks}" if isinstance(v, str) else v for k, v in row.items()}
    text = _text_file(rng).replace(" ", " \x1b[31m", 3).replace("e", "e\x7f", 2).replace("a", "a\u0085", 2)
    return [_jsonl(d / f"{stem}.jsonl", [json.dumps(row)], "control-chars"),
            _file(d / f"{stem}-text.txt", text, "control-chars")]


def _surrogates(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    bad = rng.choice(["\udfff", "\ud800", "\udc00\ud800", "\ud83d"])
    rows = [json.dumps(_row(rng, title=f"T{bad}", outlet=f"O{bad}", url=f"https://x.org/{bad}")),
            json.dumps({"text": _article(rng)[1] + bad, "title": bad})]
    return [_jsonl(d / f"{stem}.jsonl", rows, "lone-surrogates")]


def _separators(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    rows = [json.dumps(_row(rng, title=f"Line{sep}{i}", text=_article(rng)[1].replace(". ", f".{sep}", 2)),
                       ensure_ascii=False) for i, sep in enumerate(["\u2028", "\u2029", "\u0085", "\u000b\u000c"])]
    rows.insert(rng.randrange(len(rows)), "")
    rows.insert(rng.randrange(len(rows)), "not json at all")
    return [_jsonl(d / f"{stem}.jsonl", rows, "line-separators", sep=rng.choice(["\n", "\r\n", "\r"]))]


def _hidden(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    folder = d / f".{stem}-hidden"
    folder.mkdir()
    (folder / "inside.txt").write_text(_text_file(rng), encoding="utf-8")
    return [_file(d / f".{stem}.txt", _text_file(rng), "hidden"), Entry(str(folder), "hidden")]


def _links(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    target = _file(d / f"{stem}-target.txt", _text_file(rng), "good")
    loop_a, loop_b, dangling = d / f"{stem}-loop-a", d / f"{stem}-loop-b", d / f"{stem}-dangling.txt"
    loop_a.symlink_to(loop_b.name)
    loop_b.symlink_to(loop_a.name)
    dangling.symlink_to(f"{stem}-nowhere.txt")
    to_file, to_dir, self_loop = d / f"{stem}-link.txt", d / f"{stem}-linkdir", d / f"{stem}-self"
    to_file.symlink_to(Path(target.path).name)  # the same bytes as its target: "identical to"
    to_dir.symlink_to(".", target_is_directory=True)  # a folder loop, were links to folders followed
    self_loop.symlink_to(self_loop.name)
    return [target, *(Entry(str(p), "symlink") for p in (loop_a, loop_b, dangling, to_file, to_dir, self_loop))]


def _fifo(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    if not hasattr(os, "mkfifo"):
        return []
    os.mkfifo(d / f"{stem}.txt")
    return [Entry(str(d / f"{stem}.txt"), "fifo")]


def _unreadable(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    e = _file(d / f"{stem}.txt", _text_file(rng), "unreadable")
    os.chmod(e.path, 0)  # a reject for anyone but root; root reads it
    return [e]


def _copies(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    text = _text_file(rng)
    near = text.replace(" the ", " a ", 1) if " the " in text else text + "\nMore to follow.\n"
    sub = d / f"{stem}-copies"
    sub.mkdir()
    out = [_file(d / f"{stem}.txt", text, "copies"), _file(sub / "exact.txt", text, "copies"),
           _file(sub / "crlf.txt", text.replace("\n", "\r\n"), "copies"), _file(sub / "near.txt", near, "copies")]
    row = _row(rng)
    rows = [json.dumps(row), json.dumps(row), json.dumps({**row, "outlet": "Another Outlet"}),
            json.dumps({**row, "text": str(row["text"]).replace(" the ", " a ", 1)})]
    return [*out, _jsonl(sub / "copies.jsonl", rows, "copies")]


def _odd_names(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    name = rng.choice([f"{stem} with spaces.txt", f"{stem}-\u00e9\u6c34.txt", f"{stem}-\x1b.txt",
                       f"{stem}-{'n' * 200}.txt", f"{stem}.TXT", f"{stem}.tar.gz", f"{stem}-;rm -rf.txt"])
    return [_file(d / name, _text_file(rng), "odd-name")]


def _wrong_type(rng: random.Random, d: Path, stem: str) -> list[Entry]:
    choice = rng.randrange(4)
    if choice == 0:  # JSON lines in a .txt
        return [_file(d / f"{stem}.txt", json.dumps(_row(rng)) + "\n" + json.dumps(_row(rng)) + "\n", "wrong-type")]
    if choice == 1:  # prose in a .jsonl: every line is invalid JSON
        text = _text_file(rng)
        lines = [line for line in text.split("\n")]
        return [_jsonl(d / f"{stem}.jsonl", lines, "wrong-type")]
    if choice == 2:  # JSON that is not one object a line
        rows = ['"just a string"', "[1, 2, 3]", "null", "42", '{"html": 5}', '{"text": "   "}', '{"title": "x"}']
        return [_jsonl(d / f"{stem}.jsonl", rows, "wrong-type")]
    return [_file(d / f"{stem}.html", _text_file(rng), "wrong-type")]  # plain text named .html


def classes(huge_bytes: int = HUGE_BYTES) -> dict[str, tuple[float, Writer]]:
    """Every hostile class with its weight (how often it is drawn) and writer."""
    return {
        "good": (6, _good), "good_jsonl": (2, _good_jsonl), "empty": (1, _empty), "whitespace": (1, _whitespace),
        "binary": (1, _binary), "huge": (0.3, _huge(huge_bytes)),
        **{kind: (0.4, _encoded(kind)) for kind in ENCODINGS},
        "malformed-html": (1.5, _bad_html), "scripts": (1.5, _scripts), "dates": (1.5, _dates),
        "numbers": (0.7, _numbers), "nested-json": (0.7, _nested), "control-chars": (1, _controls),
        "lone-surrogates": (0.7, _surrogates), "line-separators": (0.7, _separators), "hidden": (0.5, _hidden),
        "symlinks": (0.4, _links), "fifo": (0.4, _fifo), "unreadable": (0.4, _unreadable),
        "copies": (0.8, _copies), "odd-name": (0.7, _odd_names), "wrong-type": (1, _wrong_type),
    }


def write_corpus(root: Path, n: int, seed: int, huge_bytes: int = HUGE_BYTES,
                 kinds: Sequence[str] | None = None) -> Corpus:
    """About ``n`` hostile inputs under ``root`` (created; the same files for the same seed), every class (of
    ``kinds``, default all) at least once when ``n`` allows, spread over a few subfolders; the manifest of what a
    report must name."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    table = {k: v for k, v in classes(huge_bytes).items() if kinds is None or k in kinds}
    if not table:
        raise ValueError(f"no class among {kinds}; classes are {sorted(classes())}")
    names = list(table)
    weights = [table[k][0] for k in names]
    entries: list[Entry] = []
    i = 0
    while len(entries) < n:
        kind = names[i] if i < len(names) else rng.choices(names, weights)[0]
        folder = root / f"part{i % 7}"
        folder.mkdir(exist_ok=True)
        entries.extend(table[kind][1](rng, folder, f"{i:05d}-{kind}"))
        i += 1
    return Corpus(root, seed, tuple(entries))


# ---------------------------------------------------------------------------------------------------- account

def _input_of(record: str, by_path: dict[str, Entry]) -> tuple[Entry, int | None] | None:
    """The manifest entry a report's path names, and the JSONL line number it names (None: the whole input)."""
    if record in by_path:
        return by_path[record], None
    head, sep, tail = record.rpartition(":")
    if sep and tail.isdigit() and head in by_path:
        return by_path[head], int(tail)
    return None


def account(corpus: Corpus, records: Iterable[str]) -> Accounting:
    """Which inputs of ``corpus`` no record names (silently lost) and which records name no input."""
    by_path = {path_label(e.path): e for e in corpus.entries}
    named: dict[str, set[int | None]] = {}
    unknown: list[str] = []
    n_records = 0
    for r in records:
        n_records += 1
        hit = _input_of(r, by_path)
        if hit is None:
            unknown.append(r)
        else:
            named.setdefault(path_label(hit[0].path), set()).add(hit[1])
    lost: list[str] = []
    by_kind: dict[str, int] = {}
    for label, e in by_path.items():
        seen = named.get(label, set())
        if None in seen:  # the input as a whole: read as one document, or rejected
            missing: list[str] = []
        elif not seen:
            missing = [label]
        else:  # a JSONL file read line by line: every non-blank line named
            missing = [f"{label}:{n}" for n in e.lines if n not in seen]
        if missing:
            lost.extend(missing)
            by_kind[e.kind] = by_kind.get(e.kind, 0) + 1
    return Accounting(len(by_path), n_records, tuple(lost), tuple(unknown), by_kind)

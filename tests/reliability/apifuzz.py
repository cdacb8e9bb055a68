"""Fuzz the HTTP API from its own OpenAPI document with schemathesis: every operation, requests that fit the
schema and requests that do not (wrong types, missing fields, odd bodies and query strings). A response is a
problem when it is a 5xx or an error (4xx) not in the API's one error shape
``{"error": {"code": str, "message": str, "detail": ...}}``.

``fuzz(app, examples)`` runs ``examples`` cases per operation and mode and returns a ``Tally``; used by
``test_api_fuzz.py`` (a fast subset) and ``benchmarks/api_fuzz.py`` (the full run)."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode

__all__ = ["Tally", "error_shape_problem", "fuzz"]


@dataclass
class Tally:
    """What the fuzzer sent and what came back (mutable: filled while hypothesis runs)."""

    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    bad_errors: list[str] = field(default_factory=list)
    """Responses >= 400 that are not in the one error shape."""
    by_operation: Counter[str] = field(default_factory=Counter)

    @property
    def problems(self) -> list[str]:
        return self.server_errors + self.bad_errors


def error_shape_problem(status: int, content_type: str, body: bytes) -> str | None:
    """Why an error response is not in the API's error shape (None when it is, or when it is no error)."""
    if status < 400:
        return None
    if not content_type.startswith("application/json"):
        return f"{status} with content type {content_type!r}"
    try:
        doc: Any = json.loads(body)
    except ValueError:
        return f"{status} with a body that is not JSON"
    err = doc.get("error") if isinstance(doc, dict) else None
    if not (isinstance(doc, dict) and set(doc) == {"error"} and isinstance(err, dict)):
        return f"{status} not shaped {{'error': {{...}}}}: {body[:120]!r}"
    if not (isinstance(err.get("code"), str) and isinstance(err.get("message"), str) and "detail" in err):
        return f"{status} error without code, message and detail: {body[:120]!r}"
    return None


def _content_type(response: Any) -> str:
    value = response.headers.get("content-type") or ""  # schemathesis keeps each header as a list of values
    return str(value[0] if isinstance(value, list) and value else value)


def _record(tally: Tally, label: str, case: Any, response: Any) -> None:
    tally.requests += 1
    tally.by_status[response.status_code] += 1
    tally.by_operation[label] += 1
    what = f"{label}: {case.method} {case.formatted_path} query={case.query} body={str(case.body)[:80]!r}"
    if response.status_code >= 500:
        tally.server_errors.append(f"{response.status_code} {what}: {response.content[:200]!r}")
    elif (why := error_shape_problem(response.status_code, _content_type(response), response.content)) is not None:
        tally.bad_errors.append(f"{why}; {what}")


def _runner(tally: Tally, label: str, cases: Any, examples: int, headers: dict[str, str] | None) -> Any:
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def run(case: Any) -> None:
        _record(tally, label, case, case.call(headers=headers))

    return run


def fuzz(app: Any, examples: int, headers: dict[str, str] | None = None) -> Tally:
    """``examples`` generated requests per operation and mode (positive, negative) against ``app`` (in process,
    through schemathesis' ASGI transport); every response recorded, none asserted, so one run counts all. The
    cases are derandomized: the same schema gives the same requests."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    tally = Tally()
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            raise AssertionError(f"the API's OpenAPI document has an operation schemathesis cannot read: {result}")
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # Unsatisfiable: nothing to get wrong (GET /health has no parameters), so no negative case
            with contextlib.suppress(Unsatisfiable):
                _runner(tally, f"{operation.method.upper()} {operation.path} ({mode.value})",
                        operation.as_strategy(generation_mode=mode), examples, headers)()
    return tally

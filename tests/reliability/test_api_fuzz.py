"""Issue 17: schemathesis over the API's own OpenAPI document (``apifuzz.py``), requests that fit the schema and
requests that do not, with and without the write token: no 5xx, and every error in the one error shape. A fast
subset (a few cases per operation); ``benchmarks/api_fuzz.py`` runs many more."""

from __future__ import annotations

from pathlib import Path

from newsweave.serve import ApiSettings, create_app
from tests.reliability.apifuzz import error_shape_problem, fuzz

TOKEN = "fuzz-token"


def test_error_shape_check_tells_good_from_bad() -> None:
    good = b'{"error": {"code": "not_found", "message": "no story", "detail": {}}}'
    assert error_shape_problem(404, "application/json", good) is None
    assert error_shape_problem(200, "text/html", b"<html>") is None
    assert error_shape_problem(404, "application/json", b'{"detail": "Not Found"}') is not None
    assert error_shape_problem(500, "text/plain", b"Internal Server Error") is not None
    assert error_shape_problem(422, "application/json", b'{"error": {"code": "x"}}') is not None


def test_fuzzed_requests_get_no_5xx_and_one_error_shape(tmp_path: Path) -> None:
    app = create_app(ApiSettings(db_path=tmp_path / "nw.db", embedder="lexical", token=TOKEN))
    with_token = fuzz(app, 6, headers={"Authorization": f"Bearer {TOKEN}"})
    without = fuzz(app, 2)
    assert with_token.problems == [] and without.problems == [], (with_token.problems + without.problems)[:10]
    assert with_token.requests >= 50 and {200, 404, 422} <= set(with_token.by_status)
    assert without.by_status[401] >= 1  # POST /articles without the token

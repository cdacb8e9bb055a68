"""An app over a temp SQLite store with the seed articles, ingested once per session through POST /articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsweave.serve import ApiSettings, create_app
from tests.conftest import SEEDS, require


def seed_files() -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(require(SEEDS).glob("*.txt"))]


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, Any], Path]]:
    db = tmp_path_factory.mktemp("api") / "nw.db"
    with TestClient(create_app(ApiSettings(db_path=db, embedder="lexical"))) as client:
        r = client.post("/articles", files=seed_files())
        assert r.status_code == 201, r.text
        yield client, r.json(), db


@pytest.fixture(scope="session")
def client(seeded: tuple[TestClient, dict[str, Any], Path]) -> TestClient:
    return seeded[0]


@pytest.fixture(scope="session")
def story_id(client: TestClient) -> str:
    """The story of the RFE/RL seed (its summary cites sentences of that article)."""
    r = client.get("/stories", params={"outlet": "RFE/RL"})
    assert r.status_code == 200 and r.json()["stories"], r.text
    return str(r.json()["stories"][0]["id"])


@pytest.fixture()
def fresh_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Factory: a client over an empty store with the given settings overrides."""
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = ApiSettings(db_path=tmp_path / f"nw{len(clients)}.db", embedder="lexical", **overrides)
        c = TestClient(create_app(settings))
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)

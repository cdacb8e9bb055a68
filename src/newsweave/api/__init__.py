"""HTTP API: ``create_app(ApiSettings)`` builds the FastAPI app; ``newsweave serve`` runs it.

The names are loaded on first use so that ``newsweave.web`` (which uses the service layer) and the API (which
serves the pages) can import each other's modules in any order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.api.app import create_app
    from newsweave.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from newsweave.api.app import create_app

        return create_app
    if name == "ApiSettings":
        from newsweave.api.settings import ApiSettings

        return ApiSettings
    raise AttributeError(f"module 'newsweave.api' has no attribute {name!r}")

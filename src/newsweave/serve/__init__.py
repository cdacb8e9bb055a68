"""Serve a store: the service layer (``service``) under both the JSON API (``api/``) and the HTML pages
(``web/``), composed into one FastAPI app by ``create_app(ApiSettings)``; ``newsweave serve`` runs it."""

from newsweave.serve.app import create_app
from newsweave.serve.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]

"""Security headers on every response (pure ASGI, so streaming and the body limit are untouched)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
"""No inline script, no inline style, nothing from other origins: injected markup could not run even if it
slipped past escaping."""
DOCS_PATHS = ("/docs", "/redoc")
"""FastAPI's interactive docs load Swagger UI from a CDN and use inline script; they keep no CSP."""


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, csp: str = PAGE_CSP) -> None:
        self.app = app
        self.csp = csp.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = str(scope.get("path", "")).startswith(DOCS_PATHS)

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names and not is_docs:
                    headers.append((b"content-security-policy", self.csp))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add_headers)

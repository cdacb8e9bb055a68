"""Security headers on every response (pure ASGI, so streaming and the body limit are untouched)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
"""No inline script, no inline style, nothing from other origins: injected markup could not run even if it
slipped past escaping."""
DOCS_PATHS = ("/docs", "/redoc")
"""The interactive docs pages start Swagger UI / ReDoc with an inline script; they get ``DOCS_CSP``."""
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; font-src 'self' data:; "
            "base-uri 'none'; frame-ancestors 'none'")
"""Assets from this server only (they ship in a package): the docs work offline and load nothing remote."""


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, csp: str = PAGE_CSP, docs_csp: str = DOCS_CSP) -> None:
        self.app = app
        self.csp = csp.encode()
        self.docs_csp = docs_csp.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = str(scope.get("path", "")).startswith(DOCS_PATHS)

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", self.docs_csp if is_docs else self.csp))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add_headers)
